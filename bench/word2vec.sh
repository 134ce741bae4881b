#!/usr/bin/env bash
# Benchmarks Lexica's word2vec trainer (skip-gram and CBOW) with the issue's settings and prints a table:
# end-to-end tokens/s (corpus tokens x epochs / wall seconds, as peers.sh measures), training-only tokens/s,
# wall seconds, peak RSS, final loss and, with EVAL=1, analogy accuracy (gensim's evaluate_word_analogies,
# 30k restriction) and WS-353 Spearman. Prints the peers' figures (peers.sh output) beside it for every
# peer that has finished in $PEERS_DIR (its .time file exists).
#
# usage: bench/word2vec.sh [CORPUS] [OUTDIR]
#   CORPUS  tokenized text, one document a line (default: enwiki-17m exported with the standard analyzer,
#           made on first use under target/bench/tokens; see bench/common.sh)
#   OUTDIR  scratch output (default target/bench/word2vec)
# env: RUNS=1 (runs per configuration; medians are printed), SEEDS="1" (one run set per seed),
#      THREADS=2, EPOCHS=5, CONFIGS="sg cbow" (also: sg-shared, sg-hs, cbow-hs,
#      sg-ftparams: skip-gram with fastText's learning rate 0.05 and noise exponent 0.5), EVAL=0|1,
#      PEERS_DIR=target/bench/peers, SHARED=../shared (evaluation sets), LEXICA_JAVA_OPTS (default: -Xmx2g, young generation 128 MB, Vector API, ParallelGC)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
corpus=$(bench_tokens "${1:-}")
out=${2:-$BENCH_OUT/word2vec}
runs=${RUNS:-1}; threads=${THREADS:-2}; epochs=${EPOCHS:-5}
peers_dir=$PEERS_DIR
eval_dir=$SHARED/data/eval
if [ "${EVAL:-0}" = 1 ] && [ ! -r "$eval_dir/analogy/questions-words.txt" ]; then
  echo "EVAL=1 needs the evaluation sets in $eval_dir: put the shared data beside the checkout (../shared) or set SHARED" >&2; exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
export LEXICA_JAVA_OPTS=${LEXICA_JAVA_OPTS:-"-Xmx2g -XX:MaxNewSize=128m --add-modules jdk.incubator.vector -XX:+UseParallelGC"}
export LEXICA_QUIET=1
tokens=$(wc -w < "$corpus")
# run a snapshot of the jar (built outside the measurement), so that a rebuild in the worktree cannot
# change it under a running benchmark
bench_app "$out/app"
. "$here/scripts/find-jdk.sh"
lexica() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $LEXICA_JAVA_OPTS -cp "$LEXICA_CP" io.lexica.cli.Main "$@"
}
export -f lexica; export out JAVA_HOME LEXICA_CP

config_args() {
  case $1 in
    sg) echo "--arch skipgram --loss ns" ;;
    sg-shared) echo "--arch skipgram --loss ns --shared-negatives" ;;
    sg-hs) echo "--arch skipgram --loss hs" ;;
    sg-ftparams) echo "--arch skipgram --loss ns --lr 0.05 --ns-exponent 0.5" ;;  # fastText's defaults
    cbow) echo "--arch cbow --loss ns" ;;
    cbow-hs) echo "--arch cbow --loss hs" ;;
    *) echo "unknown config $1" >&2; exit 2 ;;
  esac
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "# $(date -u +%FT%TZ) corpus=$corpus tokens=$tokens threads=$threads epochs=$epochs load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %6s %10s %10s %8s %8s %8s %9s %8s\n' config runs e2e_tok/s train_tok/s wall_s peak_mb loss analogy ws353
for config in ${CONFIGS:-sg cbow}; do
  : > "$out/$config.results"
  for seed in ${SEEDS:-1}; do
    for ((r = 1; r <= runs; r++)); do
      vec="$out/$config-seed$seed.bin"
      # shellcheck disable=SC2046
      /usr/bin/time -f '%e %M' -o "$out/$config.time" bash -c 'lexica "$@"' _ train --input "$corpus" --analyzer whitespace \
        $(config_args "$config") --dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 \
        --epochs "$epochs" --threads "$threads" --seed "$seed" --out "$vec" > "$out/$config.log" 2>&1 \
        || { echo "$config failed, see $out/$config.log" >&2; continue 2; }
      read -r wall rss < <(tail -n 1 "$out/$config.time")
      train=$(sed -n 's/.*: \([0-9]*\) tokens\/s.*/\1/p' "$out/$config.log")
      loss=$(sed -n 's/^epoch [0-9]*: loss //p' "$out/$config.log" | tail -n 1)
      analogy=nan; ws=nan
      if [ "${EVAL:-0}" = 1 ] && [ "$r" = 1 ]; then
        read -r analogy ws < <(/usr/bin/python3 - "$vec" "$eval_dir" <<'PY'
import sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
score, _ = kv.evaluate_word_analogies(f'{sys.argv[2]}/analogy/questions-words.txt', restrict_vocab=30000)
ws = kv.evaluate_word_pairs(f'{sys.argv[2]}/similarity/EN-WS-353-ALL.txt', restrict_vocab=300000)
print(f"{100 * score:.1f} {ws[1][0]:.3f}")
PY
)
      fi
      echo "$(awk -v n="$tokens" -v e="$epochs" -v w="$wall" 'BEGIN { printf "%.0f", n * e / w }') $train $wall $((rss / 1024)) $loss $analogy $ws $seed" >> "$out/$config.results"
    done
  done
  n=$(wc -l < "$out/$config.results")
  [ "$n" -gt 0 ] || continue
  col() { cut -d' ' -f"$1" "$out/$config.results" | grep -v nan | median; }
  printf '%-22s %6s %10.0f %10.0f %8.1f %8.0f %8.4f %9s %8s\n' "lexica-$config" "$n" "$(col 1)" "$(col 2)" \
    "$(col 3)" "$(col 4)" "$(col 5)" "$(cut -d' ' -f6 "$out/$config.results" | grep -v nan | tr '\n' '/' | sed 's/\/$//')" \
    "$(col 7)"
done
peer_times=("$peers_dir"/*.time)
if [ -e "${peer_times[0]}" ]; then
  for t in "${peer_times[@]}"; do
    peer=$(basename "$t" .time)
    read -r pwall _ _ prss < <(tail -n 1 "$t")
    printf '%-22s %6s %10.0f %10s %8.1f %8.0f\n' "$peer" 1 \
      "$(awk -v n="$tokens" -v e="$epochs" -v w="$pwall" 'BEGIN { print n * e / w }')" - "$pwall" "$((prss / 1024))"
  done
else
  echo "(no peer figures in $peers_dir: run \"$SHARED/bench/peers.sh\" $corpus $peers_dir, or bench/performance-table.sh)"
fi
echo "medians over runs; analogy per seed (30k restriction), ws353 = Spearman; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
