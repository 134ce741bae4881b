#!/usr/bin/env bash
# Corpus benchmark: indexing speed, corpus read-back speed (postings inversion and term vectors) and
# peak memory on enwiki-17m with the standard analyzer and 2 threads. Prints a table.
#
#   bench/corpus.sh                      # index twice (plain, with term vectors), then read back
#   INDEX=DIR INDEX_TV=DIR bench/corpus.sh   # skip indexing, read existing indexes
#
# Env: SHARED (../shared), CORPUS (input, default $SHARED/data/corpus/enwiki-17m.tsv.gz), OUT (scratch,
# default target/bench/corpus), REPEAT (read-backs per method, median reported; default 3), LEXICA_JAVA_OPTS.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
CORPUS=${CORPUS:-$SHARED/data/corpus/enwiki-17m.tsv.gz}
OUT=${OUT:-$BENCH_OUT/corpus}
REPEAT=${REPEAT:-3}
export LEXICA_JAVA_OPTS=${LEXICA_JAVA_OPTS:--Xmx3g --add-modules jdk.incubator.vector -XX:+UseParallelGC}
export LEXICA_QUIET=1
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -r "$CORPUS" ] || { echo "cannot read $CORPUS: put the shared data beside the checkout (../shared) or set SHARED or CORPUS" >&2; exit 2; }
mkdir -p "$OUT"
LEXICA=$here/lexica
"$LEXICA" --version >/dev/null 2>&1 # builds the jar outside the timings

timed() { # $1 = log name, rest = command; leaves output in $OUT/$1.log, peak RSS (KB) in $OUT/$1.rss
  local name=$1; shift
  /usr/bin/time -f "%M" -o "$OUT/$name.rss" "$@" >"$OUT/$name.log" 2>&1 || {
    cat "$OUT/$name.log" >&2; exit 1; }
}
rows=()
if [ -z "${INDEX:-}" ]; then
  for variant in plain tv; do
    extra=(); [ $variant = tv ] && extra=(--term-vectors)
    timed index-$variant "$LEXICA" index --input "$CORPUS" --index "$OUT/index-$variant" \
      --analyzer standard --threads 2 "${extra[@]}"
    line=$(grep '^indexed' "$OUT/index-$variant.log")
    docs=$(sed -E 's/^indexed ([0-9]+) .*/\1/' <<<"$line")
    secs=$(sed -E 's/.* in ([0-9.]+) s .*/\1/' <<<"$line")
    rate=$(sed -E 's/.*\(([0-9]+) docs\/s.*/\1/' <<<"$line")
    size=$(du -sm "$OUT/index-$variant" | cut -f1)
    rows+=("index ($variant, ${size} MB)|$secs|$rate docs/s ($docs docs)|-|$(($(cat "$OUT/index-$variant.rss") / 1024))")
  done
  INDEX=$OUT/index-plain
  INDEX_TV=$OUT/index-tv
fi
for method in postings term-vectors; do
  dir=$INDEX; [ $method = term-vectors ] && dir=${INDEX_TV:?set INDEX_TV too}
  timed read-$method "$LEXICA" corpus stats --index "$dir" --field body --method $method \
    --read-threads 2 --repeat "$REPEAT"
  log=$OUT/read-$method.log
  tokens=$(sed -nE 's/^corpus: ([0-9]+) tokens.*/\1/p' "$log")
  med=$(sed -nE 's/^read-back median of [0-9]+: ([0-9.]+) s, ([0-9.]+) M tokens\/s; ([0-9.]+) s CPU, ([0-9.]+) M tokens per CPU-second/\1|\2 M tokens\/s|\4/p' "$log")
  vocab=$(sed -nE 's/^vocabulary read in ([0-9.]+) s.*/\1/p' "$log")
  IFS='|' read -r secs rate cpurate <<<"$med"
  rows+=("read-back $method (vocabulary $vocab s)|$secs|$rate ($tokens tokens)|$cpurate M|$(($(cat "$OUT/read-$method.rss") / 1024))")
done
printf '\nLexica corpus benchmark: %s, standard analyzer, 2 threads, %s cores, load %s\n' \
  "$(basename "$CORPUS")" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %9s  %-34s %14s %9s\n' step "wall s" rate "tok/CPU-s" "peak RSS"
for r in "${rows[@]}"; do
  IFS='|' read -r a b c d e <<<"$r"
  printf '%-44s %9s  %-34s %14s %6s MB\n' "$a" "$b" "$c" "$d" "$e"
done
echo "(read-back: median of $REPEAT reads after the vocabulary; logs in $OUT)"
