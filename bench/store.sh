#!/usr/bin/env bash
# Vector store benchmark: open time, top-10 latency p50/p99 over 10,000 random vocabulary words,
# recall@10 of HNSW against exact search, quantized variants and size on disk against the word2vec
# binary file. Models are built once under $OUT and reused.
#   bench/store.sh            70k x 100 (gensim-sg.vec when /work/data/peers/READY exists, else random)
#   bench/store.sh big        adds the synthetic 1M x 300 random model (long build: run it niced)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
OUT=${OUT:-/work/scratch/store/bench}
mkdir -p "$OUT"
mvn -B -ntp -q test-compile dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory=target/lib -Dspotless.check.skip=true >/dev/null
run() {
  nice -n 10 "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx12g} --add-modules jdk.incubator.vector \
    --enable-native-access=ALL-UNNAMED -cp "target/classes:target/test-classes:target/lib/*" \
    io.lexica.vectors.store.StoreBench "$@"
}
peers=/work/data/peers
if [ -f "$peers/READY" ] && [ -f "$peers/gensim-sg.vec" ]; then
  run gensim-sg 0 0 "$peers/gensim-sg.vec" 0,8,7,4 10000 1000 "$OUT"
else
  run random-70k 70000 100 - 0,8,7,4 10000 1000 "$OUT"
fi
if [ "${1:-}" = big ]; then
  run random-1M 1000000 300 - "${BIG_VARIANTS:-0}" 10000 200 "$OUT"
fi
