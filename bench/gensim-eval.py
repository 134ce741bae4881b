#!/usr/bin/python3
"""Helper of bench/eval-peers.sh: gensim's own evaluation of a vector file, and its agreement with
Lexica's answers question by question.

usage: gensim-eval.py VECTORS QUESTIONS RESTRICT LEXICA_ANSWERS_TSV PAIRS...
Prints one JSON object: gensim evaluate_word_analogies (3CosAdd, restrict_vocab=RESTRICT) correct/seen,
3CosMul via most_similar_cosmul over the first RESTRICT words, evaluate_word_pairs Spearman/Pearson/OOV
(whole vocabulary) per pair file, and how many questions Lexica answered differently.
"""
import json, sys, logging
from gensim.models import KeyedVectors

vec, questions, restrict, answers_tsv, *pairs = sys.argv[1:]
restrict = int(restrict)
logging.disable(logging.CRITICAL)
kv = KeyedVectors.load_word2vec_format(vec, binary=False)
out = {"words": len(kv)}

# Lexica's answers, in question-file order: section, a, b, c, expected, 3CosAdd[, 3CosMul]
rows = [l.rstrip("\n").split("\t") for l in open(answers_tsv, encoding="utf8")]
head, rows = rows[0], rows[1:]
add_col = head.index("3CosAdd") if "3CosAdd" in head else None
mul_col = head.index("3CosMul") if "3CosMul" in head else None

# 3CosAdd: gensim's evaluate_word_analogies, per-question correctness from its section lists
score, sections = kv.evaluate_word_analogies(questions, restrict_vocab=restrict)
total = sections[-1]
out["add"] = {"correct": len(total["correct"]), "seen": len(total["correct"]) + len(total["incorrect"])}
status = {}
for s in sections[:-1]:
    for q in s["correct"]:
        status[(s["section"], q)] = True
    for q in s["incorrect"]:
        status[(s["section"], q)] = False
if add_col is not None:
    differ = seen_differ = 0
    for r in rows:
        key = (r[0], tuple(w.upper() for w in r[1:5]))
        ours_seen = r[add_col] != ""
        if ours_seen != (key in status):
            seen_differ += 1
            continue
        if ours_seen and (r[add_col].upper() == r[4].upper()) != status[key]:
            differ += 1
    out["add"]["lexica_correctness_differs"] = differ
    out["add"]["lexica_coverage_differs"] = seen_differ

# 3CosMul: most_similar_cosmul over a model of the first RESTRICT words (it ignores restrict_vocab)
if mul_col is not None:
    small = KeyedVectors(kv.vector_size)
    n = min(restrict, len(kv)) if restrict else len(kv)
    small.add_vectors(kv.index_to_key[:n], kv.vectors[:n])
    correct = seen = differ = 0
    for r in rows:
        if r[mul_col] == "":
            continue
        a, b, c, expected = (w.lower() for w in r[1:5])
        predicted = small.most_similar_cosmul(positive=[b, c], negative=[a], topn=1)[0][0]
        seen += 1
        correct += predicted.lower() == expected
        differ += predicted.lower() != r[mul_col].lower()
    out["mul"] = {"correct": correct, "seen": seen, "lexica_answers_differ": differ}

out["similarity"] = {}
for p in pairs:
    pearson, spearman, oov = kv.evaluate_word_pairs(p, restrict_vocab=len(kv))
    out["similarity"][p.rsplit("/", 1)[-1]] = {"spearman": float(spearman[0]), "pearson": float(pearson[0]), "oov_percent": oov}
print(json.dumps(out))
