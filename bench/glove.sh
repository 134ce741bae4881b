#!/usr/bin/env bash
# GloVe benchmark: Lexica's GloVe on the enwiki-17m tokens (dim 100, window 15, 2 threads), timed per
# phase (counting, shuffling, training), peak RSS, cost per iteration, analogy (30k restriction) and
# WS-353 / SimLex / MEN with `lexica eval`; then the equivalence check: --memory at a quarter of the
# co-occurrence table's size gives the same entries, and with one thread and a seed the same vectors.
# Env: TOKENS (default: the enwiki-17m tokens, exported on first use under target/bench/tokens; see
#      bench/common.sh), SHARED (../shared), OUT (scratch, default target/bench/glove), ITERATIONS (15),
#      XMAXES ("10 100"), SEEDS ("1"; runs after the first are named xmaxX-seedS), EQUIV_ITERATIONS
#      (1; 0 skips the check), THREADS (2), NICE (10).
# Prints a table; logs stay in $OUT. Reference (Stanford GloVe, this machine): 1,574 s in all
# (counting 38.5 s, shuffle 32 s, training 1,502 s), analogy 39.7 %, WS/SimLex/MEN 0.417/0.185/0.505.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
TOKENS=$(bench_tokens)
OUT=${OUT:-$BENCH_OUT/glove}
ITERATIONS=${ITERATIONS:-15}
XMAXES=${XMAXES-"10 100"}
EQUIV_ITERATIONS=${EQUIV_ITERATIONS:-1}
THREADS=${THREADS:-2}
NICE=${NICE:-10}
EVAL=$SHARED/data/eval
mkdir -p "$OUT/tmp" "$OUT/cp"
"$here/lexica" --version >/dev/null            # builds the jar when stale
cp "$here/target/lexica-0.1.0-SNAPSHOT.jar" "$OUT/cp/"  # a private copy: rebuilds cannot disturb a run
cp -r "$here/target/lib" "$OUT/cp/"
. "$here/scripts/find-jdk.sh"
run() { # name memory threads iterations xmax seed
  local name=$1
  /usr/bin/time -f "peak_rss_kb %M wall_s %e user_s %U sys_s %S" -o "$OUT/$name.time" \
    nice -n "$NICE" "$JAVA_HOME/bin/java" -Xmx7g -XX:MaxNewSize=128m -XX:+UseParallelGC --add-modules jdk.incubator.vector \
    -cp "$OUT/cp/lexica-0.1.0-SNAPSHOT.jar:$OUT/cp/lib/*" "$here/bench/GloveRun.java" "$TOKENS" \
    "$OUT/$name.vec" memory="$2" threads="$3" iterations="$4" xmax="$5" seed="$6" window=15 dim=100 \
    tmp="$OUT/tmp" >"$OUT/$name.log" 2>&1
}
evaluate() { # name
  "$here/lexica" eval analogy --questions "$EVAL/analogy/questions-words.txt" --restrict 30000 \
    --method add "$OUT/$1.vec" >"$OUT/$1.analogy" 2>&1 || true
  "$here/lexica" eval similarity "$OUT/$1.vec" --pairs "$EVAL/similarity/EN-WS-353-ALL.txt" \
    --pairs "$EVAL/similarity/EN-SIMLEX-999.txt" --pairs "$EVAL/similarity/EN-MEN-TR-3k.txt" \
    >"$OUT/$1.similarity" 2>&1 || true
}
echo "load before: $(uptime)"
SEEDS=${SEEDS:-1}
names=()
for x in $XMAXES; do
  for seed in $SEEDS; do
    name=xmax$x; [ "$seed" = "${SEEDS%% *}" ] || name=xmax$x-seed$seed
    run "$name" 4g "$THREADS" "$ITERATIONS" "$x" "$seed"
    evaluate "$name"
    names+=("$name")
  done
done
if [ "$EQUIV_ITERATIONS" -gt 0 ]; then
  run equiv-4g 4g 1 "$EQUIV_ITERATIONS" 10 7
  bytes=$(sed -n 's/.*counted [0-9,]* co-occurrence entries (\([0-9,]*\) MB.*/\1/p' "$OUT/equiv-4g.log" | tr -d ,)
  quarter="$((bytes / 4))m"
  run equiv-quarter "$quarter" 1 "$EQUIV_ITERATIONS" 10 7
fi
echo "load after: $(uptime)"
echo
printf '| run | counting s | shuffle s | training s | s/iteration | total s | peak RSS MB | user+sys s | final cost |\n|---|---|---|---|---|---|---|---|---|\n'
for f in "$OUT"/*.log; do
  n=$(basename "$f" .log)
  c=$(sed -n 's/^glove: counted.* in \([0-9.]*\) s .*/\1/p' "$f")
  s=$(sed -n 's/^glove: shuffled in \([0-9.]*\) s.*/\1/p' "$f")
  t=$(sed -n 's/^glove: trained in \([0-9.]*\) s.*/\1/p' "$f")
  it=$(grep -c '^glove: iteration' "$f" || true)
  cost=$(grep '^glove: iteration' "$f" | tail -1 | sed 's/.*cost //')
  tot=$(sed -n 's/^glove total.*: \([0-9.]*\) s/\1/p' "$f")
  read -r _ rss _ _ _ u _ sy <"$OUT/$n.time" || true
  per=$(awk -v t="$t" -v i="$it" 'BEGIN { if (i > 0) printf "%.1f", t / i }')
  cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.0f", u + s }')
  printf '| %s | %s | %s | %s | %s | %s | %d | %s | %s |\n' "$n" "$c" "$s" "$t" "$per" "$tot" $((rss / 1024)) "$cpu" "$cost"
done
echo
for name in "${names[@]}"; do
  echo "== $name"; grep -iE 'total|semantic|syntactic' "$OUT/$name.analogy" | head -5 || true
  grep -iE 'ws-353|simlex|men' "$OUT/$name.similarity" | head -5 || true
done
if [ "$EQUIV_ITERATIONS" -gt 0 ]; then
  echo "== quarter memory ($quarter) vs 4g, one thread, seed 7, $EQUIV_ITERATIONS iteration(s):"
  grep 'counted' "$OUT/equiv-4g.log" "$OUT/equiv-quarter.log"
  if cmp -s "$OUT/equiv-4g.vec" "$OUT/equiv-quarter.vec"; then echo "vectors identical"; else echo "VECTORS DIFFER"; fi
fi
