#!/usr/bin/env bash
# Document-vector retrieval on the IR test collections: kNN (mean, idf, sif) and hybrid runs against
# BM25, for several fusion settings. Prints one MAP table (rows: runs x fusion, columns: collections).
# usage: bench/docs-retrieval.sh [IR_DIR=../shared/data/ir] [OUT=target/bench/docs-retrieval] [FUSIONS="rrf weighted:0.5 weighted:0.7"]
set -euo pipefail
cd "$(dirname "$0")/.."
ir=${1:-../shared/data/ir}; out=${2:-target/bench/docs-retrieval}; fusions=${FUSIONS:-rrf weighted:0.5 weighted:0.7}
mkdir -p "$out"
extra=()
[ -n "${MODEL:-}" ] && extra+=(--model "$MODEL")
for c in adi med cran cacm; do
  for f in $fusions; do
    LEXICA_QUIET=1 ./lexica eval retrieval --collection "$ir/$c" --fusion "$f" --trials 2000 --json \
      "${extra[@]}" > "$out/$c.$f.json" 2> "$out/$c.$f.log"
  done
done
python3 - "$out" $fusions <<'PY'
import json, sys, os
out, fusions = sys.argv[1], sys.argv[2:]
cols = ["adi", "med", "cran", "cacm"]
rows = {}
for c in cols:
    for f in fusions:
        d = json.load(open(os.path.join(out, f"{c}.{f}.json")))
        for r in d["runs"]:
            name = r["name"] if not r["name"].startswith("hybrid") else f"{r['name']} [{f}]"
            if r["name"].startswith("hybrid") or f == fusions[0]:
                rows.setdefault(name, {})[c] = (r["map"], r["p_vs_bm25"])
print(f"{'run (MAP, p vs bm25)':34s}" + "".join(f"{c:>16s}" for c in cols) + f"{'mean':>9s}")
for name, v in rows.items():
    cell = lambda x: f"{x[0]:9.4f} ({x[1]:.2f})" if x[1] is not None else f"{x[0]:9.4f}   (-) "
    cells = "".join(cell(v[c]) if c in v else f"{'-':>16s}" for c in cols)
    mean = sum(v[c][0] for c in cols if c in v) / max(1, len([c for c in cols if c in v]))
    print(f"{name:34s}{cells}{mean:9.4f}")
PY
