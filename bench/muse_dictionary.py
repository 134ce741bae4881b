#!/usr/bin/env python3
"""Prepares a MUSE bilingual dictionary (Conneau et al. 2018; CC BY-NC 4.0, not shipped with Lexica)
for bench/align.sh: optionally converts its Chinese column from traditional to simplified characters
with OpenCC's character table (TSCharacters.txt, Apache-2.0), and, for a full dictionary, splits it
like MUSE's train/test files: the pairs of the first TRAIN distinct source words, then those of the
next TEST, in file order. MUSE's full files list source words by frequency (as its 0-5000 and
5000-6500 files are cut), so the split holds out less frequent words, as MUSE's test files do.

usage: muse_dictionary.py DICT OUT_PREFIX [--ts TSCharacters.txt --zh-column 0|1] [--split 5000,1500]
writes OUT_PREFIX.0-5000.txt and OUT_PREFIX.5000-6500.txt (or OUT_PREFIX.txt without --split)
"""
import argparse

ap = argparse.ArgumentParser()
ap.add_argument("dictionary")
ap.add_argument("out_prefix")
ap.add_argument("--ts", help="OpenCC TSCharacters.txt: traditional -> simplified, first candidate")
ap.add_argument("--zh-column", type=int, default=0)
ap.add_argument("--split", help="TRAIN,TEST distinct source words")
a = ap.parse_args()

table = {}
if a.ts:
    for line in open(a.ts, encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        t, s = line.rstrip("\n").split("\t")
        table[t] = s.split()[0]

pairs, seen = [], set()
for line in open(a.dictionary, encoding="utf-8"):
    f = line.split()
    if len(f) != 2:
        continue
    if table:
        f[a.zh_column] = "".join(table.get(c, c) for c in f[a.zh_column])
    if tuple(f) not in seen:  # two traditional spellings may become one simplified word
        seen.add(tuple(f))
        pairs.append(f)

def write(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        for s, t in rows:
            out.write(f"{s} {t}\n")

if not a.split:
    write(a.out_prefix + ".txt", pairs)
else:
    train, test = (int(x) for x in a.split.split(","))
    order = {}
    for s, _ in pairs:
        order.setdefault(s, len(order))
    write(f"{a.out_prefix}.0-{train}.txt", [p for p in pairs if order[p[0]] < train])
    write(f"{a.out_prefix}.{train}-{train + test}.txt",
          [p for p in pairs if train <= order[p[0]] < train + test])
