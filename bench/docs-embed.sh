#!/usr/bin/env bash
# Embedding throughput and size: embeds every document of an index with a model (lexica embed-docs)
# for each method, and prints docs/s, the vector index's size and the part the vectors take.
# usage: bench/docs-embed.sh INDEX MODEL [OUT=target/bench/docs-embed]
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/docs-embed.sh INDEX MODEL [OUT]}; model=${2:?usage: bench/docs-embed.sh INDEX MODEL [OUT]}
out=${3:-target/bench/docs-embed}
mkdir -p "$out"
printf '%-8s %10s %10s %12s %12s %12s %10s\n' method docs wall_s docs_per_s index_mb vectors_mb peak_mb
for m in mean idf sif; do
  rm -rf "$out/$m"
  /usr/bin/time -f '%e %M' -o "$out/$m.time" env LEXICA_QUIET=1 ./lexica embed-docs --index "$index" \
    --model "$model" --out "$out/$m" --method "$m" > "$out/$m.log" 2>&1
  read -r wall rss < <(tail -n 1 "$out/$m.time")
  docs=$(sed -n 's/^embedded [0-9]* of \([0-9]*\) documents.*/\1/p' "$out/$m.log")
  total=$(du -sb "$out/$m" | cut -f1)
  # Lucene's vector files: .vec (raw vectors), .vex (HNSW graph), .vem (metadata)
  vec=$(find "$out/$m" -name '*.ve[cxm]' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  awk -v m="$m" -v d="$docs" -v w="$wall" -v t="$total" -v v="$vec" -v r="$rss" \
    'BEGIN { printf "%-8s %10d %10.1f %12.0f %12.1f %12.1f %10.0f\n", m, d, w, d / w, t / 1048576, v / 1048576, r / 1024 }'
done
echo "source index: $(du -sm "$index" | cut -f1) MB"
