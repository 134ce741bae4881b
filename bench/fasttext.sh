#!/usr/bin/env bash
# Benchmark of Lexica's fastText-style subword trainer (issue 7), side by side with fastText from
# ../shared/bench/peers.sh (fasttext-sg): throughput, peak RSS, analogy, WS-353/SimLex/MEN, and an OOV test
# (200 words held out of the corpus; Spearman on the similarity pairs that contain them, vectors from n-grams).
#
# usage: bench/fasttext.sh [TOKENS] [OUT] [THREADS=2] [EPOCHS=5]
#   TOKENS  default: enwiki-17m exported with the standard analyzer (`lexica corpus export`), made on first
#           use under target/bench/tokens (bench/common.sh)
#   OUT     default target/bench/fasttext
#   PEERS_DIR=target/bench/peers where peers.sh wrote fasttext-sg.vec (evaluated when present)
#   SHARED=../shared             the shared data (evaluation sets under $SHARED/data/eval)
#   FASTTEXT_OOV=1               also train fastText itself on the held-out corpus (slow) for the OOV column
#   SKIP_FULL=1 / SKIP_OOV=1     skip the full-corpus run / the OOV run (only 1 skips; 0 or unset runs it)
#   PER_PREDICTION=1             train with --per-prediction-updates (fastText's exact update order)
#   BENCH_XMX=700m               Java heap limit (the live data is about 400 MB; a loose limit only inflates RSS)
# Settings (issue 3's): dim 100, window 5, negative 5, sample 1e-4, min-count 5, minn 3, maxn 6, 2M buckets.
# Needs Debian's python3-gensim (evaluation, OOV test) and fasttext (the .bin check); installs them when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
tokens=$(bench_tokens "${1:-}"); out=${2:-$BENCH_OUT/fasttext}
threads=${3:-2}; epochs=${4:-5}; peers=$PEERS_DIR
data=$SHARED/data
[ -d "$data/eval" ] || { echo "no evaluation data in $data/eval: put the shared data beside the checkout (../shared) or set SHARED" >&2; exit 2; }
sim=("$data/eval/similarity/EN-WS-353-ALL.txt" "$data/eval/similarity/EN-SIMLEX-999.txt" "$data/eval/similarity/EN-MEN-TR-3k.txt")
questions=$data/eval/analogy/questions-words.txt
PY=/usr/bin/python3
need=(); $PY -c 'import gensim' 2>/dev/null || need+=(python3-gensim); command -v fasttext >/dev/null || need+=(fasttext)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
mkdir -p "$out"
. "$here/scripts/find-jdk.sh"
"$here/lexica" --version >/dev/null   # builds the jar when stale
# a private copy of the jar, so that rebuilding the work tree meanwhile cannot disturb a long run
jar=$out/jar.$$; trap 'rm -rf "$jar"' EXIT
mkdir -p "$jar"; cp -r "$LEXICA_JAR" "$here/target/lib" "$here/bench/FastTextBench.java" "$jar/"
java_run=(nice "$JAVA_HOME/bin/java" -Xmx${BENCH_XMX:-700m} -XX:MaxNewSize=128m --add-modules jdk.incubator.vector
  -DperPrediction="$([ -n "${PER_PREDICTION:-}" ] && echo true || echo false)"
  -cp "$jar/$(basename "$LEXICA_JAR"):$jar/lib/*" "$jar/FastTextBench.java")
ntok=$(wc -w < "$tokens")

evaluate() {  # $1 = .vec file, $2 = label: analogy (30k restriction, lowercase) and similarity, via gensim
  $PY - "$1" "$2" "$questions" "${sim[@]}" <<'PY' 2>/dev/null
import sys
from gensim.models import KeyedVectors
vec, label, q, *sims = sys.argv[1:]
kv = KeyedVectors.load_word2vec_format(vec)
total, sections = kv.evaluate_word_analogies(q, restrict_vocab=30000, case_insensitive=True)
sem = [s for s in sections[:5]]; syn = [s for s in sections[5:14]]
acc = lambda ss: 100 * sum(len(s['correct']) for s in ss) / max(1, sum(len(s['correct']) + len(s['incorrect']) for s in ss))
seen = sum(len(s['correct']) + len(s['incorrect']) for s in sections[:14])
rho = [kv.evaluate_word_pairs(f, case_insensitive=True)[1][0] for f in sims]
print(f"{label:<22} analogy sem/syn/total {acc(sem):5.1f} / {acc(syn):5.1f} / {100*total:5.1f} % ({seen} seen)"
      f"   WS-353 / SimLex / MEN {rho[0]:.3f} / {rho[1]:.3f} / {rho[2]:.3f}")
PY
}

timed() {  # $1 = label, rest = command; prints wall, CPU, peak RSS, end-to-end tokens/s
  local label=$1; shift
  env time -f '%e %U %S %M' -o "$out/$label.time" "$@" > "$out/$label.log" 2>&1 || { cat "$out/$label.log" >&2; exit 1; }
  read -r wall user sys rss < <(tail -n 1 "$out/$label.time")
  awk -v p="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$ntok" -v e="$epochs" \
    'BEGIN { printf "%-22s wall %7.1f s  cpu %7.1f s  peak RSS %6.0f MB  %8.0f tokens/s end to end\n", p, w, u + s, r / 1024, n * e / w }'
  grep -E '^prepare|^vocabulary' "$out/$label.log" || true
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"
if [ "${SKIP_FULL:-0}" != 1 ]; then
  timed lexica-ft-sg "${java_run[@]}" "$tokens" "$out/lexica-ft-sg" sg "$threads" "$epochs"
  evaluate "$out/lexica-ft-sg.vec" lexica-ft-sg
fi
if [ -f "$peers/fasttext-sg.vec" ]; then
  [ -f "$peers/fasttext-sg.time" ] && read -r wall user sys rss < <(tail -n 1 "$peers/fasttext-sg.time") && \
    awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$ntok" -v e="$epochs" \
      'BEGIN { printf "%-22s wall %7.1f s  cpu %7.1f s  peak RSS %6.0f MB  %8.0f tokens/s end to end\n", "fasttext-sg (peers)", w, u + s, r / 1024, n * e / w }'
  evaluate "$peers/fasttext-sg.vec" "fasttext-sg (peers)"
fi
echo "load after full run: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${SKIP_OOV:-0}" != 1 ]; then
  [ -f "$out/heldout.txt" ] || $PY "$here/bench/fasttext_oov.py" select "$tokens" 200 "$out/heldout.txt" "${sim[@]}"
  [ -f "$out/tokens-oov.txt" ] || $PY "$here/bench/fasttext_oov.py" drop "$tokens" "$out/heldout.txt" "$out/tokens-oov.txt"
  timed lexica-ft-sg-oov "${java_run[@]}" "$out/tokens-oov.txt" "$out/lexica-ft-sg-oov" sg "$threads" "$epochs" 3 6 2000000 "$out/heldout.txt"
  evaluate "$out/lexica-ft-sg-oov.vec" lexica-ft-sg-oov
  echo "OOV test, lexica (vectors of held-out words from n-grams, read from our .bin by gensim):"
  $PY "$here/bench/fasttext_oov.py" eval "$out/lexica-ft-sg-oov.bin" "$out/heldout.txt" "${sim[@]}" 2>/dev/null
  # The .bin check: fastText's own tool on our .bin must give the held-out words the vectors our model gave.
  fasttext print-word-vectors "$out/lexica-ft-sg-oov.bin" < "$out/heldout.txt" > "$out/fasttext-print.txt"
  $PY - "$out/lexica-ft-sg-oov.words.txt" "$out/fasttext-print.txt" <<'PY'
import sys
ours = {l.split()[0]: list(map(float, l.split()[1:])) for l in open(sys.argv[1], encoding='utf-8')}
theirs = {l.split()[0]: list(map(float, l.split()[1:])) for l in open(sys.argv[2], encoding='utf-8')}
worst = max(abs(a - b) / max(1e-3, abs(b)) for w in ours for a, b in zip(ours[w], theirs[w]))
print(f".bin check: {len(ours)} unseen words, fastText print-word-vectors vs our model: max relative difference {worst:.2e}"
      f" ({'same vectors' if worst < 1e-3 else 'DIFFERENT'}; fastText prints 5 significant digits)")
PY
  if [ -n "${FASTTEXT_OOV:-}" ]; then
    timed fasttext-sg-oov nice fasttext skipgram -input "$out/tokens-oov.txt" -output "$out/fasttext-sg-oov" -dim 100 -ws 5 \
      -neg 5 -t 1e-4 -minCount 5 -epoch "$epochs" -thread "$threads" -minn 3 -maxn 6 -verbose 1
    echo "OOV test, fastText:"
    $PY "$here/bench/fasttext_oov.py" eval "$out/fasttext-sg-oov.bin" "$out/heldout.txt" "${sim[@]}" 2>/dev/null
  fi
fi
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
