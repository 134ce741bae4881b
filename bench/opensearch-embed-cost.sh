#!/usr/bin/env bash
# What document vectors cost inside OpenSearch, in an in-process two-node cluster (2 shards, 1 replica;
# src/test/java/io/lexica/opensearch/EmbedCostBench.java): bulk indexing through the lexica_embed
# pipeline against the same bulk without it (docs/s, alternating rounds; the processor's own time per
# document from the ingest stats), the size the vectors add (primaries merged to one segment, by file
# kind), and p50/p99 latency of lexica_knn and lexica_hybrid against match.
# Usage: bench/opensearch-embed-cost.sh [CORPUS=../shared/data/corpus/enwiki-17m.tsv.gz] [DOCS=all] [ROUNDS=2]
# Timing figures: run on a quiet machine; a shared one gives provisional figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/corpus/enwiki-17m.tsv.gz}
n=${2:-2147483647}
rounds=${3:-2}
[ -r "$corpus" ] || { echo "opensearch-embed-cost: cannot read $corpus (a title<TAB>text .tsv.gz)" >&2; exit 2; }
. scripts/find-jdk.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
nice mvn -B -ntp -q test -Dspotless.check.skip=true -Dtest=EmbedCostBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlexica.bench.corpus="$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")" \
  -Dlexica.bench.n="$n" -Dlexica.bench.rounds="$rounds" -Dlexica.bench.out="$out" >/dev/null
cat "$out"
