# Sourced by the benchmarks under bench/ (after `here=$(cd "$(dirname "$0")/.." && pwd)`): every default
# is relative to the checkout, so that a newcomer reruns any benchmark from a fresh clone with the shared
# data beside it (../shared), and derived inputs are made on demand instead of being expected somewhere.
#   SHARED     the shared data and peers' script (default: ../shared beside the checkout)
#   BENCH_OUT  scratch root (default: target/bench of the checkout); each benchmark has a folder in it
#   PEERS_DIR  where ../shared/bench/peers.sh wrote (or writes) its vectors and timings
#              (default: $BENCH_OUT/peers, where bench/performance-table.sh runs it)
#   TOKENS     a tokens file to use instead of the exported enwiki-17m tokens (see bench_tokens)
# shellcheck shell=bash
: "${here:?bench/common.sh needs \$here, the checkout}"
SHARED=${SHARED:-$(cd "$here/.." && pwd)/shared}
BENCH_OUT=${BENCH_OUT:-$here/target/bench}
PEERS_DIR=${PEERS_DIR:-$BENCH_OUT/peers}
LEXICA_JAR=$here/target/lexica-0.1.0-SNAPSHOT.jar # the launcher's jar (./lexica)

# bench_tokens [FILE]: prints the absolute path of the tokens file a benchmark trains on: FILE when given,
# else $TOKENS, else the enwiki-17m corpus exported with the standard analyzer (one document a line,
# tokens separated by single spaces, 17.2 M tokens), made on first use with `lexica corpus export` under
# $BENCH_OUT/tokens/ and reused afterwards. The export is written beside its place and moved in, so an
# interrupted export leaves no half file behind.
bench_tokens() {
  local tokens=${1:-${TOKENS:-}}
  if [ -z "$tokens" ]; then
    tokens=$BENCH_OUT/tokens/enwiki.txt
    if [ ! -s "$tokens" ]; then
      local corpus=$SHARED/data/corpus/enwiki-17m.tsv.gz
      [ -r "$corpus" ] || {
        echo "cannot read $corpus: put the shared data beside the checkout (../shared), set SHARED, or give a tokens file (TOKENS)" >&2
        return 2
      }
      mkdir -p "$(dirname "$tokens")"
      echo "exporting the enwiki-17m tokens (standard analyzer) once, to $tokens ..." >&2
      LEXICA_QUIET=1 "$here/lexica" corpus export --input "$corpus" --analyzer standard --out "$tokens" >&2
    fi
  fi
  [ -r "$tokens" ] || { echo "cannot read the tokens file $tokens" >&2; return 2; }
  readlink -f "$tokens"
}

# bench_app DIR [keep]: builds the jar when stale and copies it and its libraries into DIR, so that a
# rebuild of the checkout cannot change the code under a long benchmark; sets LEXICA_CP to the copy's
# class path. With "keep", an existing copy is reused (benchmarks that resume keep one code version).
bench_app() {
  local dir=$1
  if [ "${2:-}" != keep ] || [ ! -f "$dir/$(basename "$LEXICA_JAR")" ]; then
    "$here/lexica" --version >/dev/null # builds the jar when stale
    rm -rf "$dir" && mkdir -p "$dir"
    cp "$LEXICA_JAR" "$dir/" && cp -r "$here/target/lib" "$dir/"
  fi
  LEXICA_CP="$dir/$(basename "$LEXICA_JAR"):$dir/lib/*"
}
