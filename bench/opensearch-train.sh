#!/usr/bin/env bash
# Training in the cluster against the CLI on the same documents (src/test/java/io/lexica/opensearch/
# ClusterTrainingBench.java): enwiki-17m indexed in an in-process cluster of 2 data nodes (2 shards,
# 1 replica), `POST /_lexica/models/enwiki/_train` timed on the client to the end of its task; then
# `lexica train --index` on a local index of the same documents (`lexica index`, made once under
# target/bench/opensearch-train) with the same settings, timed the same way (the whole process); token
# counts from the answer and the CLI model's metadata; `lexica eval analogy` on both models.
# The cluster's nodes run without Java assertions and without the test framework's mock plugins, as the
# distribution's nodes do (the CLI runs as the launcher runs it); see the comments below.
# Usage: bench/opensearch-train.sh [epochs] (default 5); run it under the CPU lock:
#   flock /tmp/cpu.lock bench/opensearch-train.sh   (any lock file shared by the heavy jobs of one machine)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
. bench/common.sh
epochs=${1:-5}
corpus=$SHARED/data/corpus/enwiki-17m.tsv.gz
questions=$SHARED/data/eval/analogy/questions-words.txt
out=$BENCH_OUT/opensearch-train
mkdir -p "$out"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
settings="\"algorithm\": \"word2vec\", \"arch\": \"skipgram\", \"dim\": 100, \"window\": 5, \"epochs\": $epochs, \"min_count\": 5, \"threads\": 2, \"seed\": 1"
cli_settings="--algorithm word2vec --arch skipgram --dim 100 --window 5 --epochs $epochs --min-count 5 --threads 2 --seed 1"
# the CLI runs from a snapshot of the jar (built outside the measurement), with the heap the cluster's
# JVM has (surefire's -Xmx2g), so that a rebuild in the worktree cannot change it under the benchmark
bench_app "$out/app"
. scripts/find-jdk.sh
export LEXICA_QUIET=1
lexica() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xmx2g -XX:MaxNewSize=128m --add-modules jdk.incubator.vector -XX:+UseParallelGC ${CLI_JVM_FLAGS:-} \
    -cp "$LEXICA_CP" io.lexica.cli.Main "$@"
}
if [ ! -d "$out/enwiki-index" ]; then
  echo "indexing enwiki-17m locally once, to $out/enwiki-index ..." >&2
  lexica index --input "$corpus" --index "$out/enwiki-index" >&2
fi
rm -rf "$out/cluster-model" "$out/cli-model" "$out/cluster.txt"
# The cluster's JVM runs as a real node's does: no Java assertions (-ea is surefire's default for tests,
# not a node's), and the bench class leaves out the test framework's mock engine, store and transport.
# CLUSTER_JVM_FLAGS and CLI_JVM_FLAGS (optional): more flags for either JVM, for diagnostics (a JIT log).
nice mvn -B -ntp -q test -Dspotless.check.skip=true -Dtest=ClusterTrainingBench -Dlexica.test.asserts=false \
  "-Dlexica.test.jvm.extra=${CLUSTER_JVM_FLAGS:-}" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlexica.bench.corpus="$corpus" \
  -Dlexica.bench.settings="$settings" -Dlexica.bench.out="$out" >"$out/mvn.log" 2>&1 ||
  { echo "the cluster bench failed; see $out/mvn.log" >&2; exit 1; }
cat "$out/cluster.txt"
# the training node's own account of its phases (timestamps: reading, training, writing, storing)
grep -F 'lexica training [enwiki]' target/surefire-reports/io.lexica.opensearch.ClusterTrainingBench-output.txt |
  sed -e 's/^\[[0-9-]*T\([0-9:,]*\)\].*lexica training \[enwiki\]: /  \1 /' | cut -c1-160
start=$(date +%s.%N)
lexica train --index "$out/enwiki-index" --field body $cli_settings --quiet --out "$out/cli-model"
end=$(date +%s.%N)
printf 'lexica train --index --field body %s: %.1f s wall (whole process)\n' "$cli_settings" "$(echo "$end - $start" | bc)"
for m in cluster-model cli-model; do
  echo "== $m: $(lexica model info "$out/$m" 2>/dev/null | grep -F 'corpus.tokens' | head -1)"
  lexica eval analogy --questions "$questions" "$out/$m" 2>&1 | tail -4
done
