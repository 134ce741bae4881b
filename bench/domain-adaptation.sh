#!/usr/bin/env bash
# Domain adaptation on the dev IR collections: a general model (e.g. enwiki's), the model trained on
# the collection alone (eval retrieval's local model), and the general model continued on the
# collection ('lexica train --init', once with the default --old-rate 1 and once frozen, --old-rate 0)
# side by side as query expansion in 'lexica eval retrieval'. Prints MAP and nDCG@10 per collection.
#
# usage: bench/domain-adaptation.sh GENERAL_MODEL [OUTDIR]
#   GENERAL_MODEL  a word2vec or fastText model directory trained on general text, unstemmed
#                  (e.g. C of bench/update.sh: target/bench/update/C)
#   OUTDIR         scratch output (default target/bench/domain-adaptation); finished steps are kept
# env: COLLECTIONS="adi cacm cran med" (under ../shared/data/ir), EPOCHS=20 and MIN_COUNT=2 (the local
#      model's settings), THREADS=2, NICE=10, LEXICA_JAVA_OPTS (default: -Xmx4g, Vector API, ParallelGC)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
general=$(cd "${1:?usage: bench/domain-adaptation.sh GENERAL_MODEL [OUTDIR]}" && pwd)
out=${2:-$here/target/bench/domain-adaptation}
ir=${IR_DIR:-$here/../shared/data/ir}
epochs=${EPOCHS:-20}; min_count=${MIN_COUNT:-2}; threads=${THREADS:-2}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export LEXICA_JAVA_OPTS=${LEXICA_JAVA_OPTS:-"-Xmx4g -XX:MaxNewSize=128m --add-modules jdk.incubator.vector -XX:+UseParallelGC"}
"$here/lexica" --version > /dev/null
. "$here/scripts/find-jdk.sh"
. "$here/bench/common.sh"
bench_app "$out/app" keep
cp_app=$LEXICA_CP
lexica() {
  # shellcheck disable=SC2086
  nice -n "${NICE:-10}" "$JAVA_HOME/bin/java" $LEXICA_JAVA_OPTS -cp "$cp_app" io.lexica.cli.Main "$@"
}
run() { # run NAME CMD...: CMD's output in NAME, its log in NAME.log; skipped when NAME exists
  local name=$1; shift
  [ -s "$out/$name" ] && return 0
  "$@" > "$out/$name.part" 2> "$out/$name.log" || { echo "$name failed, see $out/$name.log" >&2; exit 1; }
  mv "$out/$name.part" "$out/$name"
}

echo "# $(date -u +%FT%TZ) general=$general epochs=$epochs min_count=$min_count load: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in ${COLLECTIONS:-adi cacm cran med}; do
  # the general model's analyzer (standard: lower-cased, unstemmed) on the collection's title and text
  [ -e "$out/$c-idx" ] || lexica index --input "$ir/$c/docs.jsonl" --index "$out/$c-idx" --analyzer standard > /dev/null
  for variant in adapted frozen; do
    rate=1; [ $variant = frozen ] && rate=0
    [ -e "$out/$c-$variant" ] || lexica train --init "$general" --index "$out/$c-idx" --field title,body \
      --epochs "$epochs" --min-count "$min_count" --threads "$threads" --seed 42 --old-rate $rate \
      --out "$out/$c-$variant" --quiet
  done
  # one local model per collection, shared by the three runs so that only the global model differs
  run "$c-general.json" lexica eval retrieval --collection "$ir/$c" --model "$general" --doc-methods none \
    --save-local-model "$out/$c-local.bin" --json
  for variant in adapted frozen; do
    run "$c-$variant.json" lexica eval retrieval --collection "$ir/$c" --model "$out/$c-$variant" --doc-methods none \
      --local-model "$out/$c-local.bin" --json
  done
done

/usr/bin/python3 - "$out" ${COLLECTIONS:-adi cacm cran med} <<'PY'
import json, sys
out, collections = sys.argv[1], sys.argv[2:]
def runs(path):
    data = json.load(open(path))
    rows = data.get("runs", data) if isinstance(data, dict) else data
    return {r["name"]: r for r in rows}
def cell(r):
    if r is None: return f"{'-':>15}"
    p = r.get("p_vs_bm25")
    mark = "*" if p is not None and p < 0.05 else " "
    return f"{r['map']:.4f}{mark} {r['ndcg10']:.4f}"
print("MAP and nDCG@10 (* = MAP differs from bm25's, paired randomization test p < 0.05)")
print(f"{'collection':<10} {'bm25':>15} {'local':>15} {'general':>15} {'adapted':>15} {'frozen':>15}")
for c in collections:
    g, a, f = (runs(f"{out}/{c}-{v}.json") for v in ("general", "adapted", "frozen"))
    print(f"{c:<10} {cell(g.get('bm25'))} {cell(g.get('bm25+emb'))} {cell(g.get('emb-global'))} "
          f"{cell(a.get('emb-global'))} {cell(f.get('emb-global'))}")
PY
