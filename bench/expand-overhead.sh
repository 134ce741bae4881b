#!/usr/bin/env bash
# Per-query overhead of embedding query expansion: p50/p99 microseconds for 3-term queries, k = 10,
# both modes, with document-frequency checks against the collection's index.
# usage: bench/expand-overhead.sh MODEL COLLECTION_DIR [QUERIES]
#   e.g. a local model saved by: lexica eval retrieval --collection DIR --save-local-model M.bin
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
./lexica --version >/dev/null   # builds the jar when stale
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx4g \
  -cp "target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*" bench/ExpandOverhead.java "$@" 2>&1 \
  | grep -v -e "^WARNING: Using incubator" -e "VectorizationProvider" -e "^INFO: "
