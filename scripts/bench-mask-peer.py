#!/usr/bin/env python3
# The same work as xf-mask -N name -i id_number -p phone -t subject,content
# (partial masks), in Python: a peer for scripts/bench-mask and
# scripts/bench.  Reads CSV on standard input, writes it on standard
# output.
import csv, re, sys, unicodedata
csv.field_size_limit(1 << 30)
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SEP = r"[ \u3000\-－—]{1,3}"
RUN = re.compile(r"\+?[0-9０-９](?:[0-9０-９]|" + SEP + r"(?=[0-9０-９]))*[XxＸｘ]?")
MAIL = re.compile(r"[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
def digits(s):
    return unicodedata.normalize("NFKC", s).replace(" ", "").replace("-", "").upper()
def mask_positions(s, lo, hi):
    out, k = [], 0
    for c in s:
        if c.isdigit() or c in "XxＸｘ":
            out.append("*" if lo <= k < hi else c)
            k += 1
        else:
            out.append(c)
    return "".join(out)
def luhn(d):
    t = 0
    for i, c in enumerate(reversed(d)):
        v = int(c) * (2 if i % 2 else 1)
        t += v - 9 if v > 9 else v
    return t % 10 == 0
def number(m):
    s = m.group()
    d = digits(s).lstrip("+")
    if len(d) == 18 and d[:17].isdigit() and \
            "10X98765432"[sum(int(c) * w for c, w in zip(d, W)) % 11] == d[17]:
        return mask_positions(s, 6, 14)
    if len(d) == 15 and d.isdigit() and 1 <= int(d[8:10]) <= 12:
        return mask_positions(s, 6, 12)
    if not d.isdigit():
        return s
    n = d[2:] if d.startswith("86") and len(d) == 13 else d
    if len(n) == 11 and n[0] == "1" and n[1] in "3456789":
        return mask_positions(s, len(d) - 8, len(d) - 4)
    if re.fullmatch(r"0[1-9]\d{1,2}[2-9]\d{6,7}", d):
        return mask_positions(s, len(d) - 7, len(d) - 3)
    if 16 <= len(d) <= 19 and d[0] != "0" and luhn(d):
        return mask_positions(s, 6, len(d) - 4)
    return s
def mail(m):
    s = m.group()
    at = s.replace("＠", "@").index("@")
    return s[0] + "*" * (at - 1) + s[at:]
def name_mask(n):
    return n[0] + "*" * (len(n) - 1) if len(n) > 1 else "*"
r = csv.reader(sys.stdin)
w = csv.writer(sys.stdout, lineterminator="\n")
hdr = next(r)
w.writerow(hdr)
ix = {h: i for i, h in enumerate(hdr)}
ni, ii, pi = ix["name"], ix["id_number"], ix["phone"]
texts = (ix["subject"], ix["content"])
for row in r:
    name = row[ni]
    for t in texts:
        v = MAIL.sub(mail, row[t])
        v = RUN.sub(number, v)
        if len(name) >= 2:
            v = v.replace(name, name_mask(name))
        row[t] = v
    if name:
        row[ni] = name_mask(name)
    if row[ii]:
        row[ii] = mask_positions(row[ii], 6, 14)
    if row[pi]:
        row[pi] = RUN.sub(number, row[pi])
    w.writerow(row)
