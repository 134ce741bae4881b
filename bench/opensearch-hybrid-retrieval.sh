#!/usr/bin/env bash
# Hybrid search inside OpenSearch against the retrieval evaluation: each dev collection (adi, med, cran,
# cacm) indexed through the lexica_embed pipeline into an in-process two-node cluster (3 shards, 1
# replica) and searched with lexica_hybrid (depth 1000, weighted:0.7, dfs_query_then_fetch); its MAP
# beside the hybrid-sif MAP of `lexica eval retrieval` with the same local model
# (src/test/java/io/lexica/opensearch/HybridRetrievalBench.java). Quality only: no timing.
# Usage: bench/opensearch-hybrid-retrieval.sh [IR_DIR=../shared/data/ir]
set -euo pipefail
cd "$(dirname "$0")/.."
ir=${1:-../shared/data/ir}
[ -d "$ir/adi" ] || { echo "opensearch-hybrid-retrieval: no collections in $ir (give the ir folder)" >&2; exit 2; }
. scripts/find-jdk.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
nice mvn -B -ntp -q test -Dspotless.check.skip=true -Dtest=HybridRetrievalBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlexica.bench.ir="$(cd "$ir" && pwd)" \
  -Dlexica.bench.out="$out" >/dev/null
cat "$out"
