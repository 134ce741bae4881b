#!/usr/bin/env bash
# Vector store benchmark: open time (open call to first answer, warm JVM), top-10 latency p50/p99 over
# 10,000 random vocabulary words, recall@10 of HNSW against exact search (1,000 queries) for 10..200
# HNSW candidates, unquantized and 8/7/4-bit quantized, and size on disk against the word2vec binary file
# of the same vectors. Prints a table; models are built once under $OUT and reused.
#   bench/store.sh [FILE]   a real model: FILE (any vector format), else $PEERS_DIR/gensim-sg.vec (default
#                           target/bench/peers, see bench/common.sh) once peers.sh has finished it (its
#                           .time file exists), else random 70k x 100 vectors
#   bench/store.sh big      the synthetic 1M x 300 random model (long build: niced; BIG_VARIANTS=0,8)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
. bench/common.sh
. scripts/find-jdk.sh
OUT=${OUT:-$BENCH_OUT/store}
mkdir -p "$OUT"
mvn -B -ntp -q test-compile dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory=target/lib -Dspotless.check.skip=true >/dev/null
run() {
  # shellcheck disable=SC2086
  nice -n 10 "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx12g} --add-modules jdk.incubator.vector \
    --enable-native-access=ALL-UNNAMED -cp "target/classes:target/test-classes:target/lib/*" \
    io.lexica.vectors.store.StoreBench "$@"
}
peers=$PEERS_DIR
if [ "${1:-}" = big ]; then
  run random-1M 1000000 300 - "${BIG_VARIANTS:-0}" 10000 200 "$OUT"
elif [ -n "${1:-}" ]; then
  run "$(basename "$1" | sed 's/\.[^.]*$//')" 0 0 "$1" 0,8,7,4 10000 1000 "$OUT"
elif [ -f "$peers/gensim-sg.time" ] && [ -f "$peers/gensim-sg.vec" ]; then
  run gensim-sg 0 0 "$peers/gensim-sg.vec" 0,8,7,4 10000 1000 "$OUT"
else
  run random-70k 70000 100 - 0,8,7,4 10000 1000 "$OUT"
fi
