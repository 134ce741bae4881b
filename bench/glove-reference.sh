#!/usr/bin/env bash
# Runs Stanford's GloVe (the reference for issue 6) on the same tokens as bench/glove.sh, one run per seed, and
# evaluates its vectors with Lexica's evaluators, so that the reference's run-to-run spread can be set beside
# ours. Builds the tool from a checkout with -O3 -march=native (the issue's build).
# usage: GLOVE_SRC=path/to/stanfordnlp/GloVe bench/glove-reference.sh [OUT=target/bench/glove-reference]
#   env TOKENS (default: the enwiki-17m tokens, exported on first use under target/bench/tokens; see
#   bench/common.sh), SHARED (../shared), SEEDS ("1 2"), XMAX (10), ITERATIONS (15), THREADS (2)
# Settings as the issue's: min-count 5, window 15, dim 100, memory 4 GB. Prints one row per seed: phase
# times, peak RSS per phase, cost after iterations 1 and 15, analogy (30k restriction) and similarity.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ -n "${GLOVE_SRC:-}" ] && [ -f "$GLOVE_SRC/src/glove.c" ] || {
  echo "set GLOVE_SRC to a checkout of github.com/stanfordnlp/GloVe" >&2; exit 2; }
. "$here/bench/common.sh"
out=${1:-$BENCH_OUT/glove-reference}; mkdir -p "$out"; out=$(readlink -f "$out")
TOKENS=$(bench_tokens); SEEDS=${SEEDS:-"1 2"}; XMAX=${XMAX:-10}
ITERATIONS=${ITERATIONS:-15}; THREADS=${THREADS:-2}
EVAL=$SHARED/data/eval
rm -rf "$out/src" && cp -r "$GLOVE_SRC" "$out/src"
make -s -C "$out/src" CFLAGS="-lm -pthread -O3 -march=native -funroll-loops -Wno-unused-result" >/dev/null
B=$out/src/build
cd "$out"
timed() { local name=$1; shift; /usr/bin/time -f "%e %M" -o "$name.time" "$@"; }
timed vocab "$B/vocab_count" -min-count 5 -verbose 0 <"$TOKENS" >vocab.txt 2>vocab.log
timed cooccur "$B/cooccur" -memory 4.0 -vocab-file vocab.txt -verbose 0 -window-size 15 <"$TOKENS" >cooc.bin 2>cooccur.log
printf '| seed | vocab s | cooccur s (RSS MB) | shuffle s (RSS MB) | training s (RSS MB) | cost 1 / last | analogy sem / syn / total | WS-353 / SimLex / MEN |\n|---|---|---|---|---|---|---|---|\n'
for s in $SEEDS; do
  timed "shuffle-$s" "$B/shuffle" -memory 4.0 -verbose 0 -seed "$s" <cooc.bin >shuf.bin 2>"shuffle-$s.log"
  timed "glove-$s" "$B/glove" -save-file "vectors-$s" -threads "$THREADS" -input-file shuf.bin -x-max "$XMAX" \
    -iter "$ITERATIONS" -vector-size 100 -binary 0 -vocab-file vocab.txt -verbose 2 -seed "$s" 2>"glove-$s.log"
  "$here/lexica" eval analogy --questions "$EVAL/analogy/questions-words.txt" --restrict 30000 --method add \
    "vectors-$s.txt" >"analogy-$s.txt" 2>&1
  "$here/lexica" eval similarity "vectors-$s.txt" --pairs "$EVAL/similarity/EN-WS-353-ALL.txt" \
    --pairs "$EVAL/similarity/EN-SIMLEX-999.txt" --pairs "$EVAL/similarity/EN-MEN-TR-3k.txt" >"similarity-$s.txt" 2>&1
  pct() { awk -v k="$1" '$1 == k { print $(NF-2) }' "analogy-$s.txt"; }
  sp() { awk -v k="$1" '$1 == k { printf "%.3f", $5 }' "similarity-$s.txt"; }
  row() { read -r t m <"$1.time"; printf '%s (%d)' "$t" $((m / 1024)); }
  costs=$(sed -n 's/.*iter: 0*\([0-9]*\), cost: \([0-9.]*\)/\2/p' "glove-$s.log" | sed -n '1p;$p' | paste -sd/)
  printf '| %s | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s / %s |\n' "$s" "$(cut -d' ' -f1 vocab.time)" \
    "$(row cooccur)" "$(row "shuffle-$s")" "$(row "glove-$s")" "$costs" \
    "$(pct semantic)" "$(pct syntactic)" "$(pct total)" \
    "$(sp EN-WS-353-ALL.txt)" "$(sp EN-SIMLEX-999.txt)" "$(sp EN-MEN-TR-3k.txt)"
done
rm -f shuf.bin cooc.bin
