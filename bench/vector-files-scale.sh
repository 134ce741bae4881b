#!/usr/bin/env bash
# Reads large vector files with a heap barely larger than the matrix itself, to show that reading streams
# rows straight into the final float[] (the matrix is never held twice):
#   1 M words x 300 dims, word2vec binary: matrix 1,144 MiB, read with -Xmx1700m (two copies would need > 2,288)
#   1 M words x 50 dims, GloVe text (no header: a counting pass sizes the matrix): matrix 191 MiB, -Xmx400m
# Prints time and peak RSS per read. usage: bench/vector-files-scale.sh [SCRATCH_DIR=target/bench/vector-files-scale]
# (needs ~2 GB of disk)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench/vector-files-scale}; mkdir -p "$out"
. scripts/find-jdk.sh
./lexica --version >/dev/null
cp="target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*"
run() { "$JAVA_HOME/bin/java" "$@"; }
[ -s "$out/1m300.bin" ] || run -Xmx3g -cp "$cp" bench/VectorFilesScale.java write 1000000 300 word2vec-binary "$out/1m300.bin"
[ -s "$out/1m50.glove" ] || run -Xmx1g -cp "$cp" bench/VectorFilesScale.java write 1000000 50 glove "$out/1m50.glove"
for spec in "1m300.bin 1700m" "1m50.glove 400m"; do
  set -- $spec
  /usr/bin/time -f "  peak RSS %M KB, wall %e s" "$JAVA_HOME/bin/java" -Xmx$2 -cp "$cp" bench/VectorFilesScale.java read "$out/$1"
done
