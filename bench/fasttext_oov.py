#!/usr/bin/env python3
"""OOV test of subword models (bench/fasttext.sh): how well words never seen in training are placed.

  fasttext_oov.py select TOKENS N OUT_WORDS SIMFILE...   choose N held-out words (in >= 1 similarity pair,
                                                          count >= 5 in TOKENS), deterministically
  fasttext_oov.py drop TOKENS WORDS OUT_TOKENS           TOKENS without any occurrence of WORDS
  fasttext_oov.py eval MODEL.bin WORDS SIMFILE...        Spearman on the pairs that contain a held-out word,
                                                          with vectors composed from n-grams (gensim's
                                                          load_facebook_model, which reads fastText's .bin)
Needs Debian's python3-gensim (run with /usr/bin/python3)."""
import collections, hashlib, sys


def pairs(path):
    for line in open(path, encoding='utf-8'):
        parts = line.strip().split('\t') if '\t' in line else line.split()
        if len(parts) >= 3:
            yield parts[0].lower(), parts[1].lower(), float(parts[2])


def select(tokens, n, out, simfiles):
    words = {w for f in simfiles for a, b, _ in pairs(f) for w in (a, b)}
    counts = collections.Counter()
    with open(tokens, encoding='utf-8') as f:
        for line in f:
            counts.update(t for t in line.split() if t in words)
    # deterministic pseudo-random choice among the words that would be in the vocabulary
    cands = sorted((w for w in words if counts[w] >= 5), key=lambda w: hashlib.md5(w.encode()).hexdigest())
    chosen = sorted(cands[:n])
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(chosen) + '\n')
    print(f'{len(chosen)} held-out words, {sum(counts[w] for w in chosen)} occurrences dropped')


def drop(tokens, words_file, out):
    held = set(open(words_file, encoding='utf-8').read().split())
    kept = dropped = 0
    with open(tokens, encoding='utf-8') as f, open(out, 'w', encoding='utf-8') as o:
        for line in f:
            toks = line.split()
            keep = [t for t in toks if t not in held]
            dropped += len(toks) - len(keep)
            kept += len(keep)
            o.write(' '.join(keep) + '\n')
    print(f'kept {kept} tokens, dropped {dropped}')


def evaluate(model, words_file, simfiles):
    from gensim.models.fasttext import load_facebook_vectors
    from scipy.stats import spearmanr
    held = set(open(words_file, encoding='utf-8').read().split())
    wv = load_facebook_vectors(model)
    unseen = [w for w in held if w in wv.key_to_index]
    if unseen:
        print(f'warning: {len(unseen)} held-out words are in the vocabulary, e.g. {unseen[:5]}')
    for f in simfiles:
        gold, pred = [], []
        for a, b, s in pairs(f):
            if a in held or b in held:
                gold.append(s)
                pred.append(float(wv.similarity(a, b)))
        rho = spearmanr(gold, pred).correlation if len(gold) > 2 else float('nan')
        print(f'{f.rsplit("/", 1)[-1]}\tpairs_with_heldout={len(gold)}\tspearman={rho:.3f}')


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'select':
        select(args[0], int(args[1]), args[2], args[3:])
    elif cmd == 'drop':
        drop(args[0], args[1], args[2])
    elif cmd == 'eval':
        evaluate(args[0], args[1], args[2:])
    else:
        sys.exit(__doc__)
