#!/usr/bin/env bash
# Cross-lingual alignment and bias (README "Two languages in one space" and "Bias"): every figure of
# those sections, from the shared corpora.
#  1. Chinese vectors on zh-3m (smartcn's tokenizer and stop words, traditional characters mapped to
#     simplified with OpenCC's table, no Porter stemming) and English on enwiki-17m (standard
#     analyzer); skip-gram, 300 dimensions; also fastText Chinese vectors (character 1- to
#     3-grams; ZH_FASTTEXT=0 skips them), compared with the skip-gram ones on a dev split of the
#     seed dictionary (aligned on its first 4,000 source words, scored on the next 1,000).
#  2. Alignment both ways with the MUSE seed dictionaries; word translation (BLI) P@1 and P@5, by
#     nearest neighbour and by CSLS, on MUSE's held-out test dictionaries, over all test source words
#     and over those both models know; again with the search restricted to each language's 20,000
#     most frequent words; and each direction on its own seed dictionary (what the map fits).
#  3. WEAT 1-10 (Caliskan et al. 2017) on the English model, hard debiasing (Bolukbasi et al. 2016),
#     WEAT again, and analogy / WS-353 / SimLex / MEN before and after.
#  4. The README's demo on the DEMO_ZH alignment (default zh-ft, the one the dev split chose):
#     neighbours of Chinese words in English, and a Chinese query over an English Wikipedia index
#     (enwiki-17m indexed into $OUT/enwiki-idx).
#
# Data not shipped with Lexica, given by path:
#   MUSE_DIR  MUSE's dictionaries (Conneau et al. 2018, CC BY-NC 4.0), either the full zh-en.txt and
#             en-zh.txt (split here like MUSE's files: the pairs of the first 5,000 source words, then
#             of the next 1,500, in the file's frequency order) or the split files
#             zh-en.0-5000.txt, zh-en.5000-6500.txt, en-zh.0-5000.txt, en-zh.5000-6500.txt
#   TS_TABLE  OpenCC's data/dictionary/TSCharacters.txt (Apache-2.0): MUSE's Chinese is traditional,
#             zh-3m mostly simplified; both are mapped to simplified
# Env: SHARED (../shared next to the repository), OUT (target/bench/align), THREADS (2), DIM (300),
#      NICE (10), ZH_FASTTEXT (1), DEMO_ZH (zh-ft). Trained models, alignments and the index are
#      kept and reused; delete $OUT to start over.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$here/../shared}
OUT=${OUT:-$here/target/bench/align}
THREADS=${THREADS:-2}
DIM=${DIM:-300}
NICE=${NICE:-10}
ZH_FASTTEXT=${ZH_FASTTEXT:-1}
DEMO_ZH=${DEMO_ZH:-zh-ft}
[ "$ZH_FASTTEXT" = 1 ] || DEMO_ZH=zh
: "${MUSE_DIR:?give MUSE_DIR, the folder of MUSE's zh-en / en-zh dictionaries}"
: "${TS_TABLE:?give TS_TABLE, OpenCC's TSCharacters.txt}"
EVAL=$SHARED/data/eval
mkdir -p "$OUT/cp" "$OUT/dict" "$OUT/models"
"$here/lexica" --version >/dev/null                      # builds the jar when stale
cp "$here/target/lexica-0.1.0-SNAPSHOT.jar" "$OUT/cp/"   # a private copy: rebuilds cannot disturb a run
cp -r "$here/target/lib" "$OUT/cp/"
. "$here/scripts/find-jdk.sh"
lexica() {
  nice -n "$NICE" "$JAVA_HOME/bin/java" -Xmx6g -XX:MaxNewSize=128m -XX:+UseParallelGC \
    --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$OUT/cp/lexica-0.1.0-SNAPSHOT.jar:$OUT/cp/lib/*" \
    io.lexica.cli.Main "$@"
}

# Dictionaries: Chinese to simplified characters, split when full files are given.
awk -F'\t' '/^#/ || NF < 2 {next} {split($2, s, " "); if ($1 != s[1]) printf "\"%s\" => \"%s\"\n", $1, s[1]}' \
  "$TS_TABLE" >"$OUT/dict/ts-mapping.txt"
for pair in zh-en:0 en-zh:1; do
  name=${pair%:*}; zh=${pair#*:}
  if [ -r "$MUSE_DIR/$name.0-5000.txt" ]; then
    for part in 0-5000 5000-6500; do
      python3 "$here/bench/muse_dictionary.py" --ts "$TS_TABLE" --zh-column "$zh" \
        "$MUSE_DIR/$name.$part.txt" "$OUT/dict/$name.$part.tmp"
      mv "$OUT/dict/$name.$part.tmp.txt" "$OUT/dict/$name.$part.txt"
    done
  else
    python3 "$here/bench/muse_dictionary.py" --ts "$TS_TABLE" --zh-column "$zh" --split 5000,1500 \
      "$MUSE_DIR/$name.txt" "$OUT/dict/$name"
  fi
done
python3 "$here/bench/muse_dictionary.py" --split 4000,1000 "$OUT/dict/zh-en.0-5000.txt" "$OUT/dict/zh-en.dev"

ZH_ANALYZER="charfilter=mapping(mapping=$OUT/dict/ts-mapping.txt);tokenizer=hmmChinese;filter=stop(words=org/apache/lucene/analysis/cn/smart/stopwords.txt)"
SG="--arch skipgram --loss ns --dim $DIM --window 5 --negative 5 --sample 1e-4 --min-count 5 --lr 0.05 --ns-exponent 0.5 --seed 1"
train() { # name args...
  local name=$1; shift
  [ -d "$OUT/models/$name" ] || lexica train "$@" --out "$OUT/models/$name" --quiet >"$OUT/$name.train.log" 2>&1
}
# shellcheck disable=SC2086
train en "--input" "$SHARED/data/corpus/enwiki-17m.tsv.gz" --analyzer standard $SG --epochs 5 --threads "$THREADS"
# shellcheck disable=SC2086
train zh --input "$SHARED/data/corpus/zh-3m.txt.gz" --analyzer "$ZH_ANALYZER" $SG --epochs 10 --threads 1
zh_models=zh
if [ "$ZH_FASTTEXT" = 1 ]; then
  # shellcheck disable=SC2086
  train zh-ft --algorithm fasttext --minn 1 --maxn 3 --input "$SHARED/data/corpus/zh-3m.txt.gz" \
    --analyzer "$ZH_ANALYZER" $SG --epochs 10 --threads 1
  zh_models="zh zh-ft"
fi

align() { # out source target dictionary
  [ -d "$OUT/models/$1" ] || lexica align --source "$OUT/models/$2" --target "$OUT/models/$3" \
    --dictionary "$OUT/dict/$4" --out "$OUT/models/$1" --threads "$THREADS" >"$OUT/$1.align.log" 2>&1
}
echo "# $(date -u +%FT%TZ) dim=$DIM; dictionaries in $OUT/dict"
for zh in $zh_models; do
  echo; echo "## dev: $zh aligned on the first 4,000 seed source words, scored on the next 1,000"
  align "$zh-en-dev" "$zh" en zh-en.dev.0-4000.txt
  lexica eval translation "$OUT/models/$zh-en-dev" --dictionary "$OUT/dict/zh-en.dev.4000-5000.txt" --threads "$THREADS"
done
for zh in $zh_models; do
  align "$zh-en" "$zh" en zh-en.0-5000.txt
  align "en-$zh" en "$zh" en-zh.0-5000.txt
  for model in "$zh-en" "en-$zh"; do
    echo; echo "## $model: $(grep -o 'seed: .*' "$OUT/$model.align.log")"
    grep 'kept the map' "$OUT/$model.align.log" || true
    for restrict in 0 20000; do
      echo "### search restricted to the $restrict most frequent words of each language (0: all)"
      lexica eval translation "$OUT/models/$model" --restrict "$restrict" --threads "$THREADS" \
        --dictionary "$OUT/dict/zh-en.5000-6500.txt" "$OUT/dict/en-zh.5000-6500.txt"
    done
  done
  echo "### each direction on its own seed dictionary"
  lexica eval translation "$OUT/models/$zh-en" --dictionary "$OUT/dict/zh-en.0-5000.txt" --threads "$THREADS"
  lexica eval translation "$OUT/models/en-$zh" --dictionary "$OUT/dict/en-zh.0-5000.txt" --threads "$THREADS"
done

echo; echo "## Bias: WEAT before, hard debiasing, WEAT after"
[ -d "$OUT/models/en-debiased" ] || lexica debias "$OUT/models/en" --out "$OUT/models/en-debiased" | tee "$OUT/debias.log"
for model in en en-debiased; do
  echo; echo "### $model"
  lexica eval bias "$OUT/models/$model"
  lexica eval analogy "$OUT/models/$model" --questions "$EVAL/analogy/questions-words.txt" --method add \
    --threads "$THREADS" | grep -E '^(semantic|syntactic|total)'
  lexica eval similarity "$OUT/models/$model" --pairs "$EVAL/similarity/EN-WS-353-ALL.txt" \
    "$EVAL/similarity/EN-SIMLEX-999.txt" "$EVAL/similarity/EN-MEN-TR-3k.txt" | tail -n 3
done

echo; echo "## Demo: $DEMO_ZH-en, Chinese words and a Chinese query in English"
lexica neighbors "$OUT/models/$DEMO_ZH-en" 电脑 音乐 --target-language en -k 5
[ -d "$OUT/enwiki-idx" ] || lexica index --input "$SHARED/data/corpus/enwiki-17m.tsv.gz" \
  --index "$OUT/enwiki-idx" >"$OUT/enwiki-idx.log" 2>&1
lexica search "$OUT/models/$DEMO_ZH-en" --index "$OUT/enwiki-idx" --target-language en -k 3 \
  --min-similarity 0.3 --min-df 20 --hits 5 "电脑游戏"
