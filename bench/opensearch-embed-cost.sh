#!/usr/bin/env bash
# What document vectors cost inside OpenSearch, in an in-process two-node cluster (2 shards, 1 replica;
# src/test/java/io/lexica/opensearch/EmbedCostBench.java): bulk indexing through the lexica_embed
# pipeline against the same bulk without it (docs/s, alternating rounds; the extra wall time per
# document), the size the vectors add (primaries merged to one segment, by file
# kind), and p50/p99 latency of lexica_knn and lexica_hybrid against match.
# Usage: bench/opensearch-embed-cost.sh [CORPUS=../shared/data/corpus/enwiki-17m.tsv.gz] [DOCS=all] [ROUNDS=2]
# Timing figures: run on a quiet machine; a shared one gives provisional figures only (the load average
# at the start is the first line of the output). Java assertions are off, as in a production node, and
# the test framework's seed is fixed (LEXICA_BENCH_SEED), so its randomized index settings (codec,
# translog sync, merge threads) are the same in every run.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/corpus/enwiki-17m.tsv.gz}
n=${2:-2147483647}
rounds=${3:-2}
[ -r "$corpus" ] || { echo "opensearch-embed-cost: cannot read $corpus (a title<TAB>text .tsv.gz)" >&2; exit 2; }
. scripts/find-jdk.sh
seed=${LEXICA_BENCH_SEED:-5EED2100}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores), $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), seed $seed"
nice mvn -B -ntp -q test -Dspotless.check.skip=true -Dtest=EmbedCostBench \
  -Dsurefire.failIfNoSpecifiedTests=false -DenableAssertions=false -Dtests.asserts=false -Dtests.seed="$seed" \
  -Dlexica.bench.corpus="$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")" \
  -Dlexica.bench.n="$n" -Dlexica.bench.rounds="$rounds" -Dlexica.bench.out="$out" >/dev/null || {
  cat "$out"
  echo "opensearch-embed-cost: the bench failed; see target/surefire-reports/io.lexica.opensearch.EmbedCostBench*.txt" >&2
  exit 1
}
cat "$out"
