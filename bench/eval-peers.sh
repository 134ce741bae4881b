#!/usr/bin/env bash
# Evaluates the peers' vectors (the .vec files of ../shared/bench/peers.sh) with Lexica's evaluators and
# checks them against the reference implementations on the same vectors, question by question:
#   analogy (questions-words, 30,000 most frequent words): Lexica 3CosAdd vs gensim's evaluate_word_analogies
#     and, with WORD2VEC_SRC, word2vec's compute-accuracy (compiled from that source with the C tool's own
#     flags, patched only to print each answer); Lexica 3CosMul vs gensim's most_similar_cosmul
#   similarity: Spearman on WS-353, SimLex-999, MEN (Lexica and gensim's evaluate_word_pairs) and OOV share
# Prints one table; details (JSON, per-question answers) stay in SCRATCH.
# usage: bench/eval-peers.sh [PEERS_DIR=target/bench/peers] [SCRATCH=target/bench/eval-peers]
#   PEERS_DIR: peers.sh's output folder (bench/performance-table.sh writes target/bench/peers)
#   env WORD2VEC_SRC: a checkout of github.com/tmikolov/word2vec (compute-accuracy.c); without it, no C column
#   env EVAL_DATA: folder with analogy/questions-words.txt and similarity/*.txt (default ../shared/data/eval)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
. bench/common.sh
peers=$(readlink -f "${1:-$PEERS_DIR}")
out=${2:-$BENCH_OUT/eval-peers}; mkdir -p "$out"; out=$(readlink -f "$out")
data=${EVAL_DATA:-$SHARED/data/eval}
questions=$data/analogy/questions-words.txt
pairs=("$data/similarity/EN-WS-353-ALL.txt" "$data/similarity/EN-SIMLEX-999.txt" "$data/similarity/EN-MEN-TR-3k.txt")
PY=/usr/bin/python3
"$PY" -c 'import gensim' 2>/dev/null || { echo "needs python3-gensim (apt-get install python3-gensim)" >&2; exit 2; }
. scripts/find-jdk.sh
./lexica --version >/dev/null   # builds the jar when stale
cp="$LEXICA_JAR:target/lib/*"

ca=""
if [ -n "${WORD2VEC_SRC:-}" ]; then
  # compute-accuracy, printing each answer to stderr; otherwise the C tool's code and flags unchanged
  sed 's|    if (!strcmp(st4, bestw\[0\])) {|    fprintf(stderr, "%s %s %s %s %s\\n", st1, st2, st3, st4, bestw[0]);\n    if (!strcmp(st4, bestw[0])) {|' \
    "$WORD2VEC_SRC/compute-accuracy.c" > "$out/compute-accuracy-answers.c"
  gcc "$out/compute-accuracy-answers.c" -o "$out/compute-accuracy-answers" -lm -pthread -O3 -march=native -Wall \
    -funroll-loops -Wno-unused-result
  ca="$out/compute-accuracy-answers"
fi

shopt -s nullglob
vecs=("$peers"/*.vec)
[ ${#vecs[@]} -gt 0 ] || { echo "no .vec files in $peers: run \"$SHARED/bench/peers.sh\" TOKENS $peers first (bench/performance-table.sh does)" >&2; exit 2; }
for vec in "${vecs[@]}"; do
  name=$(basename "$vec" .vec)
  echo "evaluating $name ..." >&2
  # Each result is kept and reused on a rerun while it is newer than the vectors (delete SCRATCH to redo).
  fresh() { [ -s "$1" ] && [ "$1" -nt "$vec" ]; }
  fresh "$out/$name.analogy.json" || ./lexica eval analogy "$vec" --questions "$questions" --restrict 30000 \
    --method both --threads 2 --json --answers "$out/$name.answers.tsv" > "$out/$name.analogy.json"
  fresh "$out/$name.similarity.json" ||
    ./lexica eval similarity "$vec" --pairs "${pairs[@]}" --json > "$out/$name.similarity.json"
  fresh "$out/$name.gensim.json" || "$PY" bench/gensim-eval.py "$vec" "$questions" 30000 "$out/$name.answers.tsv" \
    "${pairs[@]}" > "$out/$name.gensim.json"
  if [ -n "$ca" ] && ! fresh "$out/$name.c.answers"; then
    "$JAVA_HOME/bin/java" -cp "$cp" bench/ToWord2VecBinary.java "$vec" "$out/$name.bin"
    "$ca" "$out/$name.bin" 30000 < "$questions" > "$out/$name.c.txt" 2> "$out/$name.c.answers"
    rm -f "$out/$name.bin"
  fi
done

"$PY" - "$out" "${vecs[@]}" <<'PY'
import json, os, sys
out, vecs = sys.argv[1], sys.argv[2:]
print(f"{'peer':<20} {'3CosAdd lexica':>16} {'C compute-acc':>14} {'gensim':>8} {'diff C/gensim':>13} "
      f"{'3CosMul lexica':>15} {'gensim':>8} {'diff':>5}  {'WS-353/SimLex/MEN lexica':>25}  {'gensim':>20}  {'OOV %':>15}")
for vec in vecs:
    name = os.path.basename(vec)[:-4]
    a = json.load(open(f"{out}/{name}.analogy.json"))
    s = json.load(open(f"{out}/{name}.similarity.json"))
    g = json.load(open(f"{out}/{name}.gensim.json"))
    t = a["total"]
    add = f"{100 * t['accuracy']['3CosAdd']:.2f}% {t['seen']}"
    mul = f"{100 * t['accuracy']['3CosMul']:.2f}%"
    c_acc, c_diff = "-", "-"
    if os.path.exists(f"{out}/{name}.c.answers"):
        c = [l.split() for l in open(f"{out}/{name}.c.answers")]
        ours = [l.rstrip("\n").split("\t") for l in open(f"{out}/{name}.answers.tsv", encoding="utf8")][1:]
        ours = [r for r in ours if r[5] != ""]
        c_ok = sum(1 for x in c if len(x) == 5 and x[3] == x[4])
        c_acc = f"{100 * c_ok / len(c):.2f}% {len(c)}"
        # the C tool upper-cases ASCII bytes only (toupper in the C locale), so compare that way
        ascii_upper = lambda w: w.encode("utf8").upper().decode("utf8")
        c_diff = str(sum(1 for x, r in zip(c, ours) if len(x) < 5 or x[4] != ascii_upper(r[5])) + abs(len(c) - len(ours)))
    ga = g["add"]
    g_acc = f"{100 * ga['correct'] / ga['seen']:.2f}%"
    gdiff = ga["lexica_correctness_differs"] + ga["lexica_coverage_differs"]
    gm = g["mul"]
    sims = s["results"]
    ours_sim = "/".join(f"{r['spearman']:.3f}" for r in sims)
    gsim = "/".join(f"{g['similarity'][r['pairs']]['spearman']:.3f}" for r in sims)
    oov = "/".join(f"{100 * r['oovRatio']:.1f}" for r in sims)
    print(f"{name:<20} {add:>16} {c_acc:>14} {g_acc:>8} {c_diff + '/' + str(gdiff):>13} {mul:>15} "
          f"{100 * gm['correct'] / gm['seen']:>7.2f}% {gm['lexica_answers_differ']:>5}  {ours_sim:>25}  {gsim:>20}  {oov:>15}")
print("3CosAdd: accuracy and questions seen; diff C = questions whose C answer differs from Lexica's,"
      " diff gensim = questions judged differently by gensim's evaluate_word_analogies; 3CosMul diff = answers"
      " differing from gensim's most_similar_cosmul; similarity = Spearman, OOV = pairs with an unknown word")
PY
