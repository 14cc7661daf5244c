#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""An independent model of xf-repeat, written from its man page.

usage: repeat-oracle.py [-k KEYFILE] [-s S] [-w DAYS] [-a] FILE

Reads petitions from FILE and writes id,person_key,repeat_of,repeat_n,
collective,key_basis,similarity,similar_to for each record that
xf-repeat would write, in input order, so that tests/sh/repeat.sh can
compare the two.  It shares no code with the C implementation: identity
rules, the text normalisation, bigram sets, the Jaccard ratio (as an
exact fraction), the window, the chains and the per-person limit are
all written again here, and person keys come from python's hashlib
(BLAKE2b), not libsodium.  Without -k the person_key column is written
only where the input already holds a pseudonym.

Known limits, which the test inputs respect: phone numbers are read in
the forms the generator and the test files use (mobile numbers with
+86, dashes or spaces; 0433 landlines with or without a dash or
parentheses); traditional characters are simplified only for the few
the test files contain; the date column
must be ISO, Y/M/D, Y.M.D, YYYYMMDD or Y年M月D日 (with or without a
time).
"""

import argparse
import csv
import datetime
import hashlib
import re
import sys
from fractions import Fraction

W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
NOBODY = {"匿名", "无", "不详", "未知", "无名", "无名氏", "佚名", "保密",
          "某某", "市民", "群众", "网友", "来访人", "来电人", "信访人",
          "反映人", "null", "none", "unknown", "anonymous"}
ADDRESS = ("先生", "女士", "小姐", "师傅", "大爷", "阿姨", "老师", "同志",
           "大姐", "大哥", "大妈", "大娘")
TRAD = dict(zip("遷補償產證辦來們錦繡華經開發說讓沒學請關協調盡門",
                "迁补偿产证办来们锦绣华经开发说让没学请关协调尽门"))
BLANKS = " \t\n\v\f\r\u00a0\u3000\ufeff"
PSEUDO = re.compile(r"p_[0-9a-f]{16}\Z")


def fold(s):
    """Full-width ASCII forms to ASCII."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E
                   else c for c in s)


def id_canon(s):
    """(canonical, badcheck) or None."""
    s = fold(s).upper()
    if len(s) == 15 and s.isdigit():
        y, m, d = 1900 + int(s[6:8]), int(s[8:10]), int(s[10:12])
        try:
            datetime.date(y, m, d)
        except ValueError:
            return None
        b = s[:6] + "19" + s[6:]
        return b + CHECK[sum(int(c) * w for c, w in zip(b, W)) % 11], False
    if len(s) != 18 or not s[:17].isdigit() or not (s[17].isdigit() or
                                                    s[17] == "X"):
        return None
    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    if y < 1800:
        return None
    try:
        datetime.date(y, m, d)
    except ValueError:
        return None
    good = CHECK[sum(int(c) * w for c, w in zip(s[:17], W)) % 11]
    return s, s[17] != good


def phone_canon(s):
    s = fold(s)
    d = re.sub(r"[ \t\u3000()\-]", "", s)
    if not d.lstrip("+").isdigit():
        return None
    if d.startswith("+86"):
        d = d[3:]
    elif d.startswith("0086"):
        d = d[4:]
    elif d.startswith("86") and len(d) == 13:
        d = d[2:]
    if len(d) == 11 and d[0] == "1" and d[1] in "3456789":
        return d
    m = re.fullmatch(r"(0433)([2-9]\d{6,7})", d)
    if m:
        return m.group(1) + "-" + m.group(2)
    return None


def first_name(s):
    seps = BLANKS + ",;/|、，；／"
    i = 0
    while i < len(s) and s[i] in seps:
        i += 1
    j = i
    while j < len(s) and s[j] not in seps:
        j += 1
    n = s[i:j]
    return "".join(chr(ord(c) - 0xFEE0) if (0xFF10 <= ord(c) <= 0xFF19 or
                   0xFF21 <= ord(c) <= 0xFF3A or 0xFF41 <= ord(c) <= 0xFF5A)
                   else c for c in n)


def name_usable(n):
    if n == "" or n.lower() in NOBODY or "某" in n:
        return False
    for a in ADDRESS:
        if n.endswith(a) and len(n) - len(a) <= 2:
            return False
    if all(ord(c) < 0x80 and not c.isalnum() for c in n):
        return False
    return not (len(n) == 1 and ord(n) < 0x80)


def identify(idn, phone, name, district):
    """(basis, value, pseudonym, district)."""
    if idn is not None and idn.strip(BLANKS):
        t = idn.strip(BLANKS)
        if PSEUDO.match(t):
            return "id", t, True, ""
        c = id_canon(t)
        if c:
            return ("id_badcheck" if c[1] else "id"), c[0], False, ""
    if phone is not None and phone.strip(BLANKS):
        t = phone.strip(BLANKS)
        if PSEUDO.match(t):
            return "phone", t, True, ""
        c = phone_canon(t)
        if c:
            return "phone", c, False, ""
    if name is not None and name != "":
        dist = district.strip(BLANKS) if district is not None else ""
        if PSEUDO.match(name.strip(BLANKS)):
            return "name", name.strip(BLANKS), True, dist
        n = first_name(name)
        if name_usable(n):
            return "name", n, False, dist
    return "", "", False, ""


def pseudonym(key, kind, value):
    h = hashlib.blake2b(kind.encode() + b"\0" + value, key=key,
                        digest_size=16)
    return "p_" + h.hexdigest()[:16]


def person_key(key, basis, value, pseudo, district):
    if basis in ("id", "id_badcheck", "phone"):
        if pseudo:
            return value
        if key is None:
            return None
        return pseudonym(key, "phone" if basis == "phone" else "id",
                         value.encode())
    if key is None:
        return None
    tok = value if pseudo else pseudonym(key, "name", value.encode())
    return pseudonym(key, "name_district",
                     tok.encode() + b"\0" + district.encode())


def kept(c):
    if c < 0x80:
        return chr(c).isdigit() or "a" <= chr(c) <= "z"
    if c <= 0xBF or 0x2000 <= c <= 0x2BFF:
        return False
    if 0x3000 <= c <= 0x303F:
        return 0x3005 <= c <= 0x3007 or 0x3021 <= c <= 0x3029
    if 0xFE10 <= c <= 0xFE1F or 0xFE30 <= c <= 0xFE6F or c == 0xFEFF:
        return False
    if 0xFF00 <= c <= 0xFFFF or 0x1F000 <= c <= 0x1FAFF:
        return False
    return True


def grams(texts):
    out = set()
    used = 0
    for t in texts:
        chars = []
        for ch in t:
            c = ord(TRAD.get(ch, ch))
            if 0xFF01 <= c <= 0xFF5E:
                c -= 0xFEE0
            if 0x41 <= c <= 0x5A:
                c += 32
            if kept(c):
                if used == 2000:
                    break
                chars.append(c)
                used += 1
        if len(chars) == 1:
            out.add((chars[0],))
        out.update(zip(chars, chars[1:]))
    return out


def parse_date(s):
    s = fold(s).strip(" \t")
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", s) or \
        re.match(r"(\d{4})(\d{2})(\d{2})", s)
    return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def persons_of(s):
    s = fold(s).strip(BLANKS)
    return 1 if s == "" else int(s)


def main():
    ap = argparse.ArgumentParser(prog="repeat-oracle")
    ap.add_argument("-k", dest="keyfile")
    ap.add_argument("-s", dest="sim", default="0.09")
    ap.add_argument("-w", dest="window", type=int, default=90)
    ap.add_argument("-a", dest="any", action="store_true")
    ap.add_argument("file")
    a = ap.parse_args()
    key = None
    if a.keyfile:
        with open(a.keyfile, "rb") as f:
            key = hashlib.blake2b(f.read(), digest_size=32).digest()
    threshold = Fraction(a.sim)

    with open(a.file, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    # Each held petition: [day, seq, person, id, grams, chain], where
    # chain is [first id, repeats so far] or None.
    held = []
    maxday = None
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(("id", "person_key", "repeat_of", "repeat_n", "collective",
                  "key_basis", "similarity", "similar_to"))
    for seq, r in enumerate(rows):
        day = parse_date(r["date"]).toordinal()
        maxday = day if maxday is None else max(maxday, day)
        held = [h for h in held if h[0] >= maxday - a.window]
        coll = int(persons_of(r.get("persons", "") or "") >= 5)
        basis, value, pseudo, dist = identify(r.get("id_number"),
                                              r.get("phone"), r.get("name"),
                                              r.get("district"))
        rid = r["id"].strip(BLANKS)
        if not basis:
            out.writerow((rid, "", "", 0, coll, "", "", ""))
            continue
        who = (basis in ("id", "id_badcheck"), basis == "phone", value, dist)
        pk = person_key(key, basis, value, pseudo, dist)
        who = pk if pk is not None else who
        g = grams([r.get("subject", ""), r.get("content", "")])
        best = None
        for h in held:
            if h[2] != who or h[0] > day or h[0] < day - a.window:
                continue
            union = len(g | h[4])
            j = Fraction(len(g & h[4]), union) if union else Fraction(0)
            if best is None or j >= best[0]:
                best = (j, h, union)
        of, n, simtxt, simto = "", 0, "", ""
        chain = None
        if best is not None:
            j, h, union = best
            num = j.numerator * 2000 + j.denominator
            milli = num // (2 * j.denominator)
            simtxt = "%d.%03d" % (milli // 1000, milli % 1000)
            simto = h[3]
            reach = j >= threshold if union else threshold == 0
            if a.any or reach:
                if h[5] is None:
                    h[5] = [h[3], 0]
                chain = h[5]
                chain[1] += 1
                of, n = chain[0], chain[1]
        held.append([day, seq, who, rid, g, chain])
        mine = [h for h in held if h[2] == who]
        if len(mine) > 100:
            held.remove(mine[0])
        out.writerow((rid, pk if pk is not None else "", of, n, coll, basis,
                      simtxt, simto))


if __name__ == "__main__":
    main()
