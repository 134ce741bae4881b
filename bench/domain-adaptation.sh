#!/usr/bin/env bash
# Domain adaptation for query expansion: a general skip-gram model trained on enwiki-17m with the
# analyzer the test collections are indexed with (english: Porter + stop words, so its words are
# the index's terms), continued on each collection (lexica train --init), compared with a model of
# the collection alone and with the general model alone, each as the model of every expansion method
# that uses one, under leave-one-collection-out cross-validation (lexica eval retrieval
# --cross-validate --collection-model). Prints one table per model source.
# usage: bench/domain-adaptation.sh [OUT=target/adapt]
#   SHARED (default ../shared), EPOCHS (general model, default 3), COLLECTION_EPOCHS (default 20, as
#   eval retrieval trains collection models), OLD_RATE (--old-rate of the continuation, default 1),
#   METHODS (default: the methods that use a model), LEXICA (default ./lexica).
# The general model takes about 10 minutes on two quiet cores; each cross-validation 10-20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/adapt}
shared=${SHARED:-../shared}
ir=$shared/data/ir
lexica=${LEXICA:-./lexica}
methods=${METHODS:-emb,emb-centroid,emb-joint,prf-emb,prf-emb+centroid}
collections=(cran med cacm adi)
mkdir -p "$out"
run() { nice -n 10 "$lexica" "$@"; }

# 1. The general model: skip-gram, 100 dimensions, as the collection models but on Wikipedia.
if [ ! -d "$out/general" ]; then
  run train --input "$shared/data/corpus/enwiki-17m.tsv.gz" --analyzer english --arch skipgram \
    --dim 100 --epochs "${EPOCHS:-3}" --min-count 5 --threads 2 --seed 1 --out "$out/general"
fi

# 2. Per collection, the same training with and without the general model as the start: title and
# text indexed with the english analyzer, min count 2, one thread and a seed (reproducible bits).
for c in "${collections[@]}"; do
  run index --input "$ir/$c/docs.jsonl" --analyzer english --index "$out/$c-index" \
    >/dev/null
  for kind in collection adapted; do
    init=()
    [ "$kind" = adapted ] && init=(--init "$out/general" --old-rate "${OLD_RATE:-1}")
    run train --index "$out/$c-index" --field title,body --arch skipgram --dim 100 \
      --epochs "${COLLECTION_EPOCHS:-20}" --min-count 2 --threads 1 --seed 42 "${init[@]}" \
      --out "$out/$c-$kind" >/dev/null
  done
done

# 3. Leave-one-collection-out with each model source.
args=()
for c in "${collections[@]}"; do args+=(--collection "$ir/$c"); done
for source in collection adapted general; do
  model="$out/{collection}-$source"
  [ "$source" = general ] && model="$out/general"
  echo "== model: $source ($model)"
  run eval retrieval --cross-validate "${args[@]}" --collection-model "$model" \
    --methods "$methods" --threads 2 --save-grid "$out/grid-$source.tsv"
done
