#!/usr/bin/env bash
# The word2vec tutorial's toy example: 7 sentences, window 2, 5 dimensions, plain softmax.
# Prints one vector a line; words that fill the same slot (king/queen/man/woman, he/she,
# warsaw/berlin/paris, poland/germany/france) end up close together.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../../lexica" train --input "$here/royals.txt" --analyzer whitespace --loss softmax --window 2 --dim 5 \
  --min-count 1 --sample 0 --epochs 1000 --lr 0.05 --threads 1 --seed 1 --print "$@"
