#!/usr/bin/env bash
# What keeping a model in the cluster costs (src/test/java/io/lexica/opensearch/ClusterModelsBench.java):
# `lexica publish` into an in-process two-node cluster, then on each node the first request that uses
# the model (copy from the models index, SHA-256 check, open, answer) against warm requests, and the
# heap a node holds per opened model.
# Usage: bench/opensearch-models.sh [model folder]
# Default: a CBOW model of the enwiki-17m tokens (100 dimensions, 5 epochs, min-count 5; trained once
# under target/bench/opensearch-models, from the tokens bench/common.sh exports).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
. bench/common.sh
model=${1:-}
if [ -z "$model" ]; then
  model=$BENCH_OUT/opensearch-models/enwiki-cbow
  if [ ! -d "$model" ]; then
    tokens=$(bench_tokens "")
    mkdir -p "$(dirname "$model")"
    echo "training the enwiki-17m CBOW model once, to $model ..." >&2
    "$here/lexica" train --input "$tokens" --analyzer whitespace --arch cbow --threads 2 --quiet --out "$model" >&2
  fi
fi
[ -d "$model" ] || { echo "opensearch-models: $model is not a model folder" >&2; exit 2; }
model=$(readlink -f "$model")
. scripts/find-jdk.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
nice mvn -B -ntp -q test -Dspotless.check.skip=true -Dtest=ClusterModelsBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlexica.bench.model="$model" \
  -Dlexica.bench.out="$out" >/dev/null
cat "$out"
