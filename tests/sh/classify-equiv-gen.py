#!/usr/bin/env python3
"""Random petitions made to trip up the direct matching of xf-classify's
rules: subjects and contents stitched together from the phrases in a rules
file (cut at random, so that near-misses abound), punctuation of every kind
the patterns' gaps stop at, digits, traditional characters, letters, and now
and then a byte that is not UTF-8 or a very long text.

usage: classify-equiv-gen.py RULES ROWS SEED > petitions.csv
"""
import csv
import random
import re
import sys

rules, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
phrases = set()
for r in csv.DictReader(open(rules, encoding="utf-8")):
    for run in re.findall(r"[\u3400-\u9fff]+", r["pattern"]):
        phrases.add(run)
phrases = sorted(phrases)
punct = list("。！？!?，,；;、：:“”（）() \n\t-.") + ["\r\n", "……"]
other = list("的了是我们他在有这个说要就也都和") + list("0123456789") + \
    list("ktvKTVſ") + ["\u212a", "補償", "拆遷", "工資", "ｋｔｖ", "１２"]


def piece():
    x = rng.random()
    if x < 0.55:
        p = rng.choice(phrases)
        if rng.random() < 0.3 and len(p) > 1:
            a = rng.randrange(len(p))
            b = rng.randrange(a + 1, len(p) + 1)
            p = p[a:b]
        return p
    if x < 0.8:
        return rng.choice(other)
    return rng.choice(punct)


def text(maxpieces):
    return "".join(piece() for _ in range(rng.randrange(maxpieces)))


out = sys.stdout.buffer
out.write(b"id,subject,content\n")
for i in range(rows):
    subj = text(6)
    cont = text(3000 if rng.random() < 0.002 else 60)
    row = [str(i + 1), subj, cont]
    line = []
    for f in row:
        b = f.encode("utf-8")
        if rng.random() < 0.02 and b:
            # a stray byte that is not UTF-8, or a character cut short
            k = rng.randrange(len(b) + 1)
            b = b[:k] + rng.choice([b"\xff", b"\xe5\xb7", b"\x80",
                                    b"\xed\xa0\x80"]) + b[k:]
        line.append(b'"' + b.replace(b'"', b'""') + b'"')
    out.write(b",".join(line) + b"\n")
