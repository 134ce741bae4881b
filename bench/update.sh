#!/usr/bin/env bash
# Issue 15's protocol for models that follow their index. The corpus is split by document order: the
# first OLD_SHARE % is indexed and model A is trained on it; the rest is appended to the same index
# (new segments) and A is updated with 'lexica update' (models B-*, one per update setting); model C
# is trained from scratch on the whole index (C2: another seed, the run-to-run spread). Prints, per
# model: analogy accuracy (compute-accuracy protocol, 30k words), WS-353 / SimLex / MEN Spearman,
# training tokens, wall seconds; then the stability of A's most frequent words (mean top-10 overlap
# with A) and the coverage and neighbours of the words only the new documents hold.
#
# usage: bench/update.sh [CORPUS] [OUTDIR]
#   CORPUS  TSV (title<TAB>text), one document a line, gzip ok (default ../shared/data/corpus/enwiki-17m.tsv.gz)
#   OUTDIR  scratch output (default target/bench/update); finished steps are kept and not redone
# env: OLD_SHARE=80, THREADS=2, EPOCHS=5, SEEDS="1 2" (C's seeds; A and the updates use the first),
#      UPDATES="old-1 frozen old-0.25 lr-0.0125" (see update_args; default = update's own = frozen; replay = update --replay;
#      replay-eN: update --replay --epochs N; replay-N: A continued on the whole index for N epochs with train --init, not an
#      update), EVAL_DIR=../shared/data/eval,
#      NICE=10, LEXICA_JAVA_OPTS (default: -Xmx4g, young generation 128 MB, Vector API, ParallelGC)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$here/../shared/data/corpus/enwiki-17m.tsv.gz}
out=${2:-$here/target/bench/update}
eval_dir=${EVAL_DIR:-$here/../shared/data/eval}
share=${OLD_SHARE:-80}; threads=${THREADS:-2}; epochs=${EPOCHS:-5}; seeds=(${SEEDS:-1 2})
updates=(${UPDATES:-old-1 frozen old-0.25 lr-0.0125})
[ -r "$corpus" ] || { echo "cannot read $corpus" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
export LEXICA_JAVA_OPTS=${LEXICA_JAVA_OPTS:-"-Xmx4g -XX:MaxNewSize=128m --add-modules jdk.incubator.vector -XX:+UseParallelGC"}
"$here/lexica" --version > /dev/null  # builds the jar outside the measurement
. "$here/scripts/find-jdk.sh"
# a snapshot of the jar, so that a rebuild in the worktree cannot change it under a running benchmark
. "$here/bench/common.sh"
bench_app "$out/app" keep
cp_app=$LEXICA_CP
lexica() {
  # shellcheck disable=SC2086
  nice -n "${NICE:-10}" "$JAVA_HOME/bin/java" $LEXICA_JAVA_OPTS -cp "$cp_app" io.lexica.cli.Main "$@"
}
timed() { # timed NAME CMD...: runs CMD, log in NAME.log, wall seconds in NAME.wall
  local name=$1; shift
  local start; start=$(date +%s.%N)
  "$@" > "$out/$name.log" 2>&1 || { echo "$name failed, see $out/$name.log" >&2; exit 1; }
  echo "$(date +%s.%N) - $start" | bc > "$out/$name.wall"
}
# The issue's "usual settings": word2vec's skip-gram with negative sampling, the C tool's defaults.
usual=(--arch skipgram --loss ns --dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5
  --threads "$threads")
settings=("${usual[@]}" --epochs "$epochs")
update_args() {
  case $1 in
    default) echo "" ;;
    frozen) echo "--old-rate 0" ;;
    replay) echo "--replay" ;; # then passes over the whole index at 0.4 x the rate, subsampling 10 x harder
    replay-e*) echo "--replay --epochs ${1#replay-e}" ;; # the same after N epochs over the new documents
    old-*) echo "--old-rate ${1#old-}" ;;
    lr-*) echo "--lr ${1#lr-}" ;;
    replay-[0-9]*) ;; # not an update: see step 5
    *) echo "unknown update setting $1" >&2; exit 2 ;;
  esac
}

echo "# $(date -u +%FT%TZ) corpus=$corpus old=$share% threads=$threads epochs=$epochs load: $(cut -d' ' -f1-3 /proc/loadavg)"
# 1. split by document order
if [ ! -e "$out/new.tsv" ]; then
  zcat -f "$corpus" > "$out/all.tsv"
  n=$(wc -l < "$out/all.tsv"); k=$((n * share / 100))
  head -n "$k" "$out/all.tsv" > "$out/old.tsv"
  tail -n +"$((k + 1))" "$out/all.tsv" > "$out/new.tsv.part" && mv "$out/new.tsv.part" "$out/new.tsv"
  rm "$out/all.tsv"
fi
echo "documents: old $(wc -l < "$out/old.tsv"), new $(wc -l < "$out/new.tsv")"
# 2. the old documents indexed, A trained on them; a copy of that index kept for the word counts
if [ ! -e "$out/A.wall" ]; then
  rm -rf "$out/idx" "$out/idx-old" "$out/A"
  timed index-old lexica index --input "$out/old.tsv" --index "$out/idx" --analyzer standard
  cp -r "$out/idx" "$out/idx-old"
  timed A lexica train --index "$out/idx" --field body "${settings[@]}" --seed "${seeds[0]}" --out "$out/A"
fi
# 3. the new documents appended: one commit, new segments
if [ ! -e "$out/append.wall" ]; then
  timed append lexica index --append --input "$out/new.tsv" --index "$out/idx"
fi
# 4. C (and C2, ...) from scratch on everything
for i in "${!seeds[@]}"; do
  name=C; [ "$i" -gt 0 ] && name=C$((i + 1))
  [ -e "$out/$name.wall" ] || timed "$name" lexica train --index "$out/idx" --field body "${settings[@]}" \
    --seed "${seeds[$i]}" --out "$out/$name"
done
# 5. A updated with the new documents, once per setting (A itself is left as it is: --out)
# replay-N is not an update but A continued on the whole index (old and new documents) for N epochs
# with 'train --init': what training on the new documents alone gives up, at N / EPOCHS of C's work
for u in "${updates[@]}"; do
  [ -e "$out/B-$u.wall" ] && continue
  case $u in
    replay-[0-9]*) timed "B-$u" lexica train --init "$out/A" --index "$out/idx" --field body "${usual[@]}" \
      --epochs "${u#replay-}" --seed "${seeds[0]}" --out "$out/B-$u" ;;
    # shellcheck disable=SC2046
    *) timed "B-$u" lexica update "$out/A" --out "$out/B-$u" --threads "$threads" $(update_args "$u") ;;
  esac
done
# 6. evaluation
models=(A C)
for i in "${!seeds[@]}"; do [ "$i" -gt 0 ] && models+=("C$((i + 1))"); done
for u in "${updates[@]}"; do models+=("B-$u"); done
for m in "${models[@]}"; do
  [ -s "$out/$m.analogy.json" ] && [ -s "$out/$m.answers.tsv" ] || lexica eval analogy "$out/$m" \
    --questions "$eval_dir/analogy/questions-words.txt" --method add --json --answers "$out/$m.answers.tsv" \
    --overwrite > "$out/$m.analogy.json"
  [ -s "$out/$m.similarity.json" ] || lexica eval similarity "$out/$m" --json --pairs \
    "$eval_dir/similarity/EN-WS-353-ALL.txt" "$eval_dir/similarity/EN-SIMLEX-999.txt" \
    "$eval_dir/similarity/EN-MEN-TR-3k.txt" > "$out/$m.similarity.json"
done
# 7. stability (A's 10,000 most frequent words against each model) and the new words
for m in "${models[@]:1}"; do
  [ -s "$out/overlap-A-$m.txt" ] || lexica eval overlap "$out/A" "$out/$m" --top 10000 -k 10 > "$out/overlap-A-$m.txt"
done
[ -s "$out/overlap-C-C2.txt" ] || [ "${#seeds[@]}" -lt 2 ] \
  || lexica eval overlap "$out/C" "$out/C2" --top 10000 -k 10 > "$out/overlap-C-C2.txt"
nice -n "${NICE:-10}" "$JAVA_HOME/bin/java" -cp "$cp_app" "$here/bench/NewWords.java" "$out/idx-old" "$out/idx" body 5 \
  "$out" "${models[@]/#/$out/}" > "$out/new-words.txt"
for m in "${models[@]:1}"; do
  [ -s "$out/overlap-new-C-$m.txt" ] || [ "$m" = C ] \
    || lexica eval overlap "$out/C" "$out/$m" --words "$out/new-only.txt" -k 10 > "$out/overlap-new-C-$m.txt"
  [ -s "$out/overlap-grown-C-$m.txt" ] || [ "$m" = C ] \
    || lexica eval overlap "$out/C" "$out/$m" --words "$out/grown.txt" -k 10 > "$out/overlap-grown-C-$m.txt"
done

/usr/bin/python3 - "$out" "${models[@]}" <<'PY'
import json, re, sys
out, models = sys.argv[1], sys.argv[2:]
def wall(name):
    try: return float(open(f"{out}/{name}.wall").read())
    except OSError: return float("nan")
def tokens(log):  # summed over the runs of the log (update --replay trains twice)
    text = open(f"{out}/{log}.log").read()
    m = re.findall(r"trained (\d+) tokens in ([\d.]+)s", text)
    return (sum(int(t) for t, _ in m), sum(float(s) for _, s in m)) if m else (0, float("nan"))
def cpu(log):  # training CPU seconds, which other work on the machine changes less than wall time
    m = re.findall(r"trained (\d+) tokens in [\d.]+s: \d+ tokens/s \((\d+) tokens per CPU second\)", open(f"{out}/{log}.log").read())
    return sum(int(t) / int(r) for t, r in m) if m else float("nan")
def overlap(path):
    try: text = open(path).read()
    except OSError: return "-"
    return " / ".join(re.findall(r"overlap@\d+: ([0-9.]+)", text)) or text.strip().replace("\n", " | ")
def answers(m):  # per question: None when unseen, else whether the answer was right
    rows = [line.rstrip("\n").split("\t") for line in open(f"{out}/{m}.answers.tsv")][1:]
    return [None if not r[5] else r[5].lower() == r[4].lower() for r in rows]
# The questions every model saw: C sees questions with words A lacks, so its accuracy over the
# questions it saw is over another set; on this one the models answer the same questions.
right = {m: answers(m) for m in models}
common = [i for i in range(len(right[models[0]])) if all(right[m][i] is not None for m in models)]
def on_common(m): return 100 * sum(right[m][i] for i in common) / len(common)
print(f"{'model':<16} {'analogy':>8} {'common':>7} {'seen':>6} {'ws353':>7} {'simlex':>7} {'men':>7} {'tokens':>12} {'train_s':>8} {'wall_s':>8} {'overlap@10 with A (all / shared)':>34}")
for m in models:
    a = json.load(open(f"{out}/{m}.analogy.json"))
    s = json.load(open(f"{out}/{m}.similarity.json"))
    total = a["total"]  # compute-accuracy's figure: 3CosAdd over the questions seen
    acc = total["accuracy"]["3CosAdd"]
    seen = total["seen"] / total["questions"]
    rho = [float("nan") if f["spearman"] is None else f["spearman"] for f in s["results"]]
    t, secs = tokens(m)
    print(f"{m:<16} {100 * acc:>7.2f}% {on_common(m):>6.2f}% {100 * seen:>5.1f}% " + " ".join(f"{r:>7.3f}" for r in rho)
          + f" {t:>12,} {secs:>8.1f} {wall(m):>8.1f} {overlap(f'{out}/overlap-A-{m}.txt') if m != 'A' else '':>34}")
print(f"common: the {len(common):,} questions every model above saw (3CosAdd accuracy on them)")
print(f"C vs C2 (another seed, the same documents): overlap@10 {overlap(f'{out}/overlap-C-C2.txt')}")
for m in models:
    if m.startswith("B-"):
        print(f"{m}: tokens trained {100 * tokens(m)[0] / tokens('C')[0]:.1f} % of C's, training time {100 * tokens(m)[1] / tokens('C')[1]:.1f} %, wall {100 * wall(m) / wall('C'):.1f} %,"
              f" training CPU time {100 * cpu(m) / cpu('C'):.1f} %")
print(open(f"{out}/new-words.txt").read().rstrip())
for m in models:
    o = overlap(f"{out}/overlap-new-C-{m}.txt")
    if o != "-": print(f"new-only words, neighbours of C vs {m}: overlap@10 {o}")
for m in models:  # grown: below --min-count in the old documents, at or above it in all
    o = overlap(f"{out}/overlap-grown-C-{m}.txt")
    if o != "-": print(f"grown words (those {m} has), neighbours of C vs {m}: overlap@10 {o}")
PY
