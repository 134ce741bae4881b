#!/usr/bin/env bash
# Checks that Lexica's vector files and gensim's are interchangeable, bit for bit:
#  1. Lexica writes word2vec text, word2vec binary and GloVe files of random vectors (awkward values:
#     subnormals, huge magnitudes, -0, non-ASCII words); gensim's KeyedVectors.load_word2vec_format
#     loads each and its float32 values must equal Lexica's exactly.
#  2. gensim writes text (save_word2vec_format, binary=False) and binary files; Lexica reads them and
#     must get gensim's exact float32 values.
# usage: bench/vector-files-interop.sh [SCRATCH_DIR=target/bench/vector-files-interop]   (needs Debian's python3-gensim: apt-get install python3-gensim)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench/vector-files-interop}
mkdir -p "$out"; out=$(readlink -f "$out")
. scripts/find-jdk.sh
./lexica --version >/dev/null   # builds the jar when stale
cp="target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*"
PY=/usr/bin/python3
"$PY" -c 'import gensim' 2>/dev/null || { echo "needs python3-gensim (apt-get install python3-gensim)" >&2; exit 2; }

"$JAVA_HOME/bin/java" -cp "$cp" bench/VectorFilesInterop.java write "$out"
"$PY" - "$out" <<'PY'
import sys, numpy as np, gensim
from gensim.models import KeyedVectors
d = sys.argv[1]
words = open(f"{d}/lexica.words", encoding="utf8").read().split("\n")[:-1]
expected = np.fromfile(f"{d}/lexica.f32", dtype="<f4").reshape(len(words), -1)
ok = True
for name, kw in [("lexica.txt", dict(binary=False)), ("lexica.bin", dict(binary=True)),
                 ("lexica.glove", dict(binary=False, no_header=True))]:
    kv = KeyedVectors.load_word2vec_format(f"{d}/{name}", **kw)
    same = kv.index_to_key == words and np.array_equal(kv.vectors.view("<u4"), expected.view("<u4"))
    print(f"gensim {gensim.__version__} reads {name:<12} ({kv.vectors.shape[0]} x {kv.vectors.shape[1]}): "
          f"{'bit-exact' if same else 'MISMATCH'}")
    ok &= same
# gensim writes: random vectors with its own repr() floats and its binary layout (no newline after rows)
rng = np.random.default_rng(5)
gw = [f"g{i}" for i in range(2000)] + ["über", "東京"]
kv = KeyedVectors(50)
kv.add_vectors(gw, (rng.standard_normal((len(gw), 50)) * 0.1).astype(np.float32))
kv.save_word2vec_format(f"{d}/gensim.txt", binary=False)
kv.save_word2vec_format(f"{d}/gensim.bin", binary=True)
kv.vectors.astype("<f4").tofile(f"{d}/gensim.f32")
open(f"{d}/gensim.words", "w", encoding="utf8").write("\n".join(gw) + "\n")
sys.exit(0 if ok else 1)
PY
"$JAVA_HOME/bin/java" -cp "$cp" bench/VectorFilesInterop.java check "$out"
echo "interop: all files bit-exact both ways"
