#!/usr/bin/env bash
# The README's performance table ("Speed and accuracy against gensim and fastText"), reproduced in one run
# side by side with the peers users would pick, on the same tokens and settings:
#  1. the enwiki-17m tokens: `lexica corpus export` with the standard analyzer, made once under
#     target/bench/tokens (bench/common.sh) and reused;
#  2. ../shared/bench/peers.sh on them: gensim 4 skip-gram and CBOW, fastText skip-gram with and without
#     subwords (into $PEERS_DIR, default target/bench/peers, where bench/eval-peers.sh and bench/store.sh
#     look too);
#  3. bench/word2vec.sh: Lexica's skip-gram and CBOW, once per seed;
#  4. bench/fasttext.sh: Lexica's fastText-style skip-gram (minn 3, maxn 6, 2 M buckets; its OOV test is
#     skipped here);
#  5. every model's vectors through the same evaluators: `lexica eval analogy --restrict 30000` (the
#     answers of word2vec's compute-accuracy and gensim's evaluate_word_analogies, bench/eval-peers.sh)
#     and `lexica eval similarity` on WS-353, SimLex-999 and MEN;
# then prints one table (tokens/s = corpus tokens x epochs / wall seconds of the whole process, as
# peers.sh measures; peak RSS; analogy; Spearman) and the speed ratios of Lexica's medians to each peer.
# Settings (peers.sh's): dim 100, window 5, negative 5, sample 1e-4, min-count 5, each tool's default
# learning rate. Takes about an hour on 2 cores. Timings need a quiet machine: run it with nothing else
# heavy running (the load average is printed at the start and the end).
#
# usage: bench/performance-table.sh [OUT=target/bench/performance]
# env: SHARED (../shared), TOKENS (a tokens file instead of the enwiki-17m export), THREADS (2),
#      EPOCHS (5), SEEDS ("1 2": Lexica's word2vec runs), PEERS (peers.sh's subset, default all four),
#      SKIP_PEERS=1 (reuse the peers already in $PEERS_DIR), SKIP_LEXICA=1 (reuse Lexica's runs in OUT)
# Needs Debian's python3-gensim, fasttext and time; peers.sh and bench/fasttext.sh install them when missing.
set -euo pipefail
case ${1:-} in -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; -*)
  echo "unknown option $1 (usage: bench/performance-table.sh [OUT])" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
out=${1:-$BENCH_OUT/performance}
threads=${THREADS:-2}; epochs=${EPOCHS:-5}; seeds=${SEEDS:-1 2}
eval_dir=$SHARED/data/eval
peers_script=$SHARED/bench/peers.sh
# Everything a run needs is checked before the first long step.
[ -r "$peers_script" ] || { echo "cannot read $peers_script: put the shared folder beside the checkout (../shared) or set SHARED" >&2; exit 2; }
for f in analogy/questions-words.txt similarity/EN-WS-353-ALL.txt similarity/EN-SIMLEX-999.txt similarity/EN-MEN-TR-3k.txt; do
  [ -r "$eval_dir/$f" ] || { echo "cannot read $eval_dir/$f (the shared evaluation sets)" >&2; exit 2; }
done
for n in "$threads" "$epochs" $seeds; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "THREADS, EPOCHS and SEEDS take positive integers, not '$n'" >&2; exit 2; }
done
mkdir -p "$out/eval"
out=$(cd "$out" && pwd)
tokens=$(bench_tokens)
ntok=$(wc -w <"$tokens")

echo "# $(date -u +%FT%TZ) lexica $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'), tokens $tokens" \
  "($ntok), threads $threads, epochs $epochs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# 2-4: the peers, then Lexica, one after another (each tool alone on the machine while it runs).
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  echo; echo "## peers ($peers_script)"
  bash "$peers_script" "$tokens" "$PEERS_DIR" "$threads" 100 "$epochs" | tee "$out/peers.txt"
fi
if [ "${SKIP_LEXICA:-0}" != 1 ]; then
  echo; echo "## Lexica word2vec (bench/word2vec.sh)"
  SEEDS=$seeds CONFIGS="sg cbow" RUNS=1 EVAL=0 THREADS=$threads EPOCHS=$epochs \
    "$here/bench/word2vec.sh" "$tokens" "$out/word2vec" | tee "$out/word2vec.txt"
  echo; echo "## Lexica fastText-style skip-gram (bench/fasttext.sh)"
  SKIP_OOV=1 "$here/bench/fasttext.sh" "$tokens" "$out/fasttext" "$threads" "$epochs" | tee "$out/fasttext.txt"
fi

# 5: one evaluator for every model. Each line of models.tsv: name, vectors, wall seconds, peak RSS (KB).
: >"$out/models.tsv"
for config in sg cbow; do
  for seed in $seeds; do
    # word2vec.sh's results: e2e tokens/s, train tokens/s, wall s, peak MB, loss, analogy, ws353, seed
    row=$(awk -v s="$seed" '$8 == s { r = $0 } END { print r }' "$out/word2vec/$config.results" 2>/dev/null || true)
    [ -n "$row" ] || { echo "no Lexica $config run for seed $seed in $out/word2vec" >&2; continue; }
    read -r _ _ wall mb _ <<<"$row"
    printf 'lexica-%s seed %s\t%s\t%s\t%s\n' "$config" "$seed" "$out/word2vec/$config-seed$seed.bin" "$wall" \
      "$((mb * 1024))" >>"$out/models.tsv"
  done
done
timed_model() { # NAME VECTORS TIMEFILE (GNU time: wall user sys maxrss)
  [ -f "$2" ] && [ -f "$3" ] || { echo "no finished run: $2" >&2; return 0; }
  read -r wall _ _ rss < <(tail -n 1 "$3")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$wall" "$rss" >>"$out/models.tsv"
}
timed_model lexica-fasttext-sg "$out/fasttext/lexica-ft-sg.vec" "$out/fasttext/lexica-ft-sg.time"
for peer in ${PEERS:-gensim-sg gensim-cbow fasttext-sg fasttext-sg-nosub}; do
  timed_model "$peer" "$PEERS_DIR/$peer.vec" "$PEERS_DIR/$peer.time"
done
echo; echo "## evaluation (lexica eval analogy --restrict 30000, lexica eval similarity)"
while IFS=$'\t' read -r name vec _ _; do
  key=${name// /-}
  echo "evaluating $name" >&2
  LEXICA_QUIET=1 "$here/lexica" eval analogy "$vec" --questions "$eval_dir/analogy/questions-words.txt" \
    --restrict 30000 --method add --threads "$threads" --json >"$out/eval/$key.analogy.json"
  LEXICA_QUIET=1 "$here/lexica" eval similarity "$vec" --pairs "$eval_dir/similarity/EN-WS-353-ALL.txt" \
    "$eval_dir/similarity/EN-SIMLEX-999.txt" "$eval_dir/similarity/EN-MEN-TR-3k.txt" \
    --json >"$out/eval/$key.similarity.json"
done <"$out/models.tsv"

python3 - "$out" "$ntok" "$epochs" <<'PY'
import json, statistics, sys
out, ntok, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for line in open(f"{out}/models.tsv", encoding="utf-8"):
    name, vec, wall, rss = line.rstrip("\n").split("\t")
    key = name.replace(" ", "-")
    a = json.load(open(f"{out}/eval/{key}.analogy.json"))
    s = json.load(open(f"{out}/eval/{key}.similarity.json"))
    acc = lambda part: 100 * (a[part]["accuracy"]["3CosAdd"] or 0)
    rho = " / ".join(f"{r['spearman']:.3f}" if r["spearman"] is not None else "-" for r in s["results"])
    rate = ntok * epochs / float(wall)
    rows.append((name, rate, int(rss) / 1024))
    if len(rows) == 1:
        print(f"\n| model | tokens/s | peak RSS | analogy total (sem / syn) | WS-353 / SimLex / MEN |\n|---|---|---|---|---|")
    print(f"| {name} | {rate / 1000:,.0f} k | {int(rss) / 1024:,.0f} MB | {acc('total'):.1f} % "
          f"({acc('semantic'):.1f} / {acc('syntactic'):.1f}) | {rho} |")
def median(prefix):
    rates = [r for n, r, _ in rows if n == prefix or n.startswith(prefix + " ")]
    return statistics.median(rates) if rates else None
print()
for ours, peer in [("lexica-sg", "gensim-sg"), ("lexica-cbow", "gensim-cbow"),
                   ("lexica-fasttext-sg", "fasttext-sg"), ("lexica-sg", "fasttext-sg-nosub")]:
    o, p = median(ours), median(peer)
    if o and p:
        print(f"{ours} (median {o / 1000:,.0f} k tokens/s) / {peer} ({p / 1000:,.0f} k): {o / p:.2f}x")
print(f"tokens/s = {ntok:,} tokens x {epochs} epochs / wall seconds of the whole process; analogy by 3CosAdd "
      f"over the 30,000 most frequent words; similarity = Spearman")
PY
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs and vectors in $out and $PEERS_DIR"
