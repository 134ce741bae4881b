#!/usr/bin/env bash
# Per-query cost of the OpenSearch plugin's lexica_expand query against a plain match query, in an
# in-process two-node cluster (src/test/java/io/lexica/opensearch/OpenSearchOverheadBench.java).
# Usage: bench/opensearch-overhead.sh [tokens file (one document a line)] [documents]
# Default: the first 10,000 documents of the enwiki-17m tokens (exported on first use under
# target/bench/tokens; see bench/common.sh). Prints a table (median and
# p90 wall time per search as the Java client sees it, and the ratio to match).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
. bench/common.sh
docs=$(bench_tokens "${1:-}")
n=${2:-10000}
[ -r "$docs" ] || { echo "opensearch-overhead: cannot read $docs (give a tokens file: lexica corpus export)" >&2; exit 2; }
. scripts/find-jdk.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
nice mvn -B -ntp -q test -Dspotless.check.skip=true -Dtest=OpenSearchOverheadBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlexica.bench.docs="$docs" -Dlexica.bench.n="$n" \
  -Dlexica.bench.out="$out" >/dev/null
cat "$out"
