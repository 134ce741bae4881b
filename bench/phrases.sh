#!/usr/bin/env bash
# Phrases end to end on enwiki-17m: Lexica (`train --phrases`: detection and training in one command)
# against word2vec's C tools (word2phrase twice, then word2vec), on the same tokens and with the same
# settings, both scored by word2vec's own compute-accuracy on questions-phrases.txt (3,218 questions,
# the whole vocabulary searched, as word2vec's demo-phrase-accuracy.sh does). Prints one table: wall
# seconds of each step, peak RSS, phrases found, vocabulary, accuracy and coverage.
#
# Same tokens: the corpus is analysed once by `lexica corpus export` (standard analyzer) and both
# tools read that file (Lexica with the whitespace analyzer). Same settings: word2phrase's demo
# thresholds 200 then 100 with its min count 5 (Lexica's default word2phrase scorer is the same
# score); skip-gram, 100 dimensions, window 5, 5 negatives, sample 1e-4, min count 5, 5 epochs.
#
# The C tools are built from their public source (github.com/tmikolov/word2vec; W2V_REPO may name a
# local clone) into OUT/word2vec; nothing of them enters the repository.
#
# usage: bench/phrases.sh [OUT]
#   OUT  scratch (default target/bench/phrases)
# env: SHARED (default ../shared), CORPUS (default $SHARED/data/corpus/enwiki-17m.tsv.gz),
#      W2V_REPO (default https://github.com/tmikolov/word2vec), THREADS=2, STEPS="c lexica",
#      LEXICA_JAVA_OPTS (default -Xmx4g, young generation 128 MB, Vector API, ParallelGC)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$here/../shared}
CORPUS=${CORPUS:-$SHARED/data/corpus/enwiki-17m.tsv.gz}
QUESTIONS=$SHARED/data/eval/analogy/questions-phrases.txt
OUT=${1:-$here/target/bench/phrases}
THREADS=${THREADS:-2}
W2V_REPO=${W2V_REPO:-https://github.com/tmikolov/word2vec}
for f in "$CORPUS" "$QUESTIONS"; do [ -r "$f" ] || { echo "cannot read $f (set SHARED or CORPUS)" >&2; exit 2; }; done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export LEXICA_JAVA_OPTS=${LEXICA_JAVA_OPTS:-"-Xmx4g -XX:MaxNewSize=128m --add-modules jdk.incubator.vector -XX:+UseParallelGC"}
export LEXICA_QUIET=1
"$here/lexica" --version > /dev/null # builds the jar outside the measurement
. "$here/scripts/find-jdk.sh"
rm -rf "$OUT/app" && mkdir -p "$OUT/app" && cp -r "$here"/target/lexica-*.jar "$here/target/lib" "$OUT/app/"
lexica() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $LEXICA_JAVA_OPTS -cp "$(ls "$OUT"/app/lexica-*.jar):$OUT/app/lib/*" io.lexica.cli.Main "$@"
}
export -f lexica; export OUT JAVA_HOME
timed() { # timed NAME command...: wall seconds and peak RSS to $OUT/NAME.time, output to $OUT/NAME.log
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1 || { echo "$name failed: see $OUT/$name.log" >&2; exit 1; }
}
wall() { cut -d' ' -f1 "$OUT/$1.time"; }
rss_mb() { echo $(($(cut -d' ' -f2 "$OUT/$1.time") / 1024)); }
sg="-size 100 -window 5 -negative 5 -hs 0 -sample 1e-4 -min-count 5 -iter 5"

# The C tools, from source (not timed).
if [ ! -x "$OUT/word2vec/word2vec" ]; then
  rm -rf "$OUT/word2vec"
  git clone -q "$W2V_REPO" "$OUT/word2vec"
  make -s -C "$OUT/word2vec" word2vec word2phrase compute-accuracy CC=gcc > /dev/null
fi
w2v=$OUT/word2vec

# The shared tokens (not timed): one document a line.
if [ ! -s "$OUT/tokens.txt" ]; then
  lexica corpus export --input "$CORPUS" --analyzer standard --out "$OUT/tokens.txt" --overwrite > "$OUT/export.log" 2>&1
fi

accuracy() { # accuracy VECTORS.bin NAME: compute-accuracy over the whole vocabulary
  "$w2v/compute-accuracy" "$1" < "$QUESTIONS" > "$OUT/$2.accuracy" 2>&1
}

echo "# $(date -u +%FT%TZ) corpus=$CORPUS tokens=$(wc -w < "$OUT/tokens.txt") threads=$THREADS load: $(cut -d' ' -f1-3 /proc/loadavg)"
for step in ${STEPS:-c lexica}; do
  case $step in
    c)
      timed c-phrase0 nice -n 10 "$w2v/word2phrase" -train "$OUT/tokens.txt" -output "$OUT/c-phrase0.txt" -threshold 200 -debug 2
      timed c-phrase1 nice -n 10 "$w2v/word2phrase" -train "$OUT/c-phrase0.txt" -output "$OUT/c-phrase1.txt" -threshold 100 -debug 2
      # shellcheck disable=SC2086
      timed c-word2vec nice -n 10 "$w2v/word2vec" -train "$OUT/c-phrase1.txt" -output "$OUT/c.bin" -cbow 0 $sg -threads "$THREADS" -binary 1
      accuracy "$OUT/c.bin" c
      ;;
    lexica)
      rm -rf "$OUT/lexica-model"
      timed lexica-train nice -n 10 bash -c 'lexica "$@"' _ train --input "$OUT/tokens.txt" --analyzer whitespace \
        --phrases --phrase-threshold 200,100 --arch skipgram --loss ns --dim 100 --window 5 --negative 5 \
        --sample 1e-4 --min-count 5 --epochs 5 --threads "$THREADS" --seed 1 --out "$OUT/lexica-model"
      lexica export --model "$OUT/lexica-model" --format word2vec-binary --out "$OUT/lexica.bin" --overwrite > /dev/null 2>&1
      accuracy "$OUT/lexica.bin" lexica
      ;;
    *) echo "unknown step $step (c, lexica)" >&2; exit 2 ;;
  esac
done

vocab() { head -c 100 "$1" | head -n 1 | cut -d' ' -f1; }
score() { sed -n 's/^Total accuracy: \([0-9.]*\) %.*/\1/p' "$OUT/$1.accuracy" | tail -n 1; }
seen() { sed -n 's/^Questions seen \/ total: \([0-9]*\) .*/\1/p' "$OUT/$1.accuracy" | tail -n 1; }
printf '%-8s %10s %10s %10s %10s %8s %9s %8s %8s %9s\n' tool phrase_s train_s total_s peak_mb phrases vocab seen accuracy
if [ -e "$OUT/c.accuracy" ]; then
  p=$(awk -v a="$(wall c-phrase0)" -v b="$(wall c-phrase1)" 'BEGIN { print a + b }')
  n=$(grep -o '[^ ]*_[^ ]*' "$OUT/c-phrase1.txt" | sort -u | wc -l)
  printf '%-8s %10.1f %10.1f %10.1f %10s %8s %9s %8s %8s %%\n' word2vec "$p" "$(wall c-word2vec)" \
    "$(awk -v p="$p" -v t="$(wall c-word2vec)" 'BEGIN { print p + t }')" \
    "$(printf '%s\n' "$(rss_mb c-phrase0)" "$(rss_mb c-phrase1)" "$(rss_mb c-word2vec)" | sort -n | tail -n 1)" \
    "-" "$(vocab "$OUT/c.bin")" "$(seen c)/3218" "$(score c)"
  echo "  (word2vec: $n distinct joined tokens in its output corpus)"
fi
if [ -e "$OUT/lexica.accuracy" ]; then
  log=$OUT/lexica-train.log
  found=$(sed -n 's/^phrases, pass [0-9] ([^)]*): \([0-9,]*\) phrases.*/\1/p' "$log" | tr -d , | paste -sd+ | bc)
  trained=$(sed -n 's/^trained .* in \([0-9.]*\)s:.*/\1/p' "$log")
  total=$(wall lexica-train)
  printf '%-8s %10.1f %10.1f %10.1f %10s %8s %9s %8s %8s %%\n' lexica \
    "$(awk -v a="$total" -v b="$trained" 'BEGIN { print a - b }')" "$trained" "$total" "$(rss_mb lexica-train)" \
    "$found" "$(vocab "$OUT/lexica.bin")" "$(seen lexica)/3218" "$(score lexica)"
  echo "  (lexica: phrase_s = the whole run less training: JVM start, reading, detection and joining)"
fi
echo "accuracy: compute-accuracy (word2vec's), 3CosAdd over the whole vocabulary, case-insensitive; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
