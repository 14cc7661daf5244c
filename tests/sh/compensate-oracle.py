#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# Property test for xf-compensate: random cases of every type, computed
# again here with exact rationals (fractions.Fraction) straight from the
# rules of DOMAIN.md sections A-D and the choices documented in
# xf-compensate(1), and compared with the tool's amount and
# monthly_amount to the fen.  Cases the rules refuse (a rate outside
# 0.5-1.0, a grade-1-4 worker who "leaves", ...) must be rejected.
#
# This file does not read lib/data/params.csv or the C code: the
# constants below are typed in from DOMAIN.md.
#
# usage: compensate-oracle.py BINDIR [CASES [SEED]]
# Prints one line per type and "compensate-oracle: N passed, N failed".

import csv
import datetime
import io
import random
import subprocess
import sys
from fractions import Fraction as F

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/bin"
CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 20261127
rng = random.Random(SEED)

# DOMAIN.md B.2: months of 一次性伤残补助金 and 伤残津贴 ratios.
DISAB = {1: 27, 2: 25, 3: 23, 4: 21, 5: 18, 6: 16, 7: 13, 8: 11, 9: 9, 10: 7}
ALLOW = {1: F(90, 100), 2: F(85, 100), 3: F(80, 100), 4: F(75, 100),
         5: F(70, 100), 6: F(60, 100)}
NURSE = {1: F(3, 10), 2: F(4, 10), 3: F(5, 10)}
# DOMAIN.md B.3: previous year's national urban income, by year of death.
NUI = {2020: 42359, 2021: 43834, 2022: 47412, 2023: 49283, 2024: 51821,
       2025: 54188}

COLUMNS = [
    "case_id", "type", "date", "avg_monthly_wage", "min_wage",
    "injury_avg_monthly_wage", "national_urban_income",
    "avg_wage", "wage_total", "wage_months", "service_start", "service_end",
    "service_months", "notice_pay", "last_month_wage",
    "monthly_wage", "months", "work_start", "contract_signed",
    "amount_due", "rate",
    "grade", "contribution_wage", "care_level", "leave", "no_work",
    "medical_subsidy", "employment_subsidy", "dependants", "after_leave",
    "method", "area_mu", "area_ha", "zone_price", "annual_output_mu",
    "annual_output_ha", "mu_per_person", "land_multiple",
    "resettle_multiple", "approved_multiple", "crops_per_mu", "attachments",
    "area_m2", "price_m2", "new_area_m2", "new_price_m2", "min_area_m2",
    "moves", "move_fee_m2", "temp_months", "temp_fee_m2_month",
    "agreed_months", "bonus_rate", "monthly_profit", "suspension_months",
    "loss_floor_rate",
]


def yuan(fen):
    """A money string from a whole number of fen."""
    s = "-" if fen < 0 else ""
    fen = abs(fen)
    return "%s%d.%02d" % (s, fen // 100, fen % 100)


def money(lo, hi):
    return rng.randint(lo * 100, hi * 100)


def rnd(x):
    """Half up (away from zero) to the fen; x in yuan."""
    f = abs(x) * 100
    q = f.numerator // f.denominator
    if (f - q) * 2 >= 1:
        q += 1
    return q if x >= 0 else -q


def dec(x):
    """A Fraction with a finite decimal expansion, written exactly."""
    n, d = abs(x.numerator), x.denominator
    ip, rem = divmod(n, d)
    digits = ""
    while rem and len(digits) < 9:
        q, rem = divmod(rem * 10, d)
        digits += str(q)
    assert rem == 0, x
    return ("-" if x < 0 else "") + str(ip) + ("." + digits if digits else "")


def rdate(y0, y1):
    start = datetime.date(y0, 1, 1).toordinal()
    end = datetime.date(y1, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))
            else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return datetime.date(y, m, min(d.day, last))


def months_days(start, end):
    """Whole months and days from start to end, both included."""
    nxt = end + datetime.timedelta(days=1)
    m = 0
    while add_months(start, m + 1) <= nxt:
        m += 1
    return m, (nxt - add_months(start, m)).days


def halves(m, days):
    y, r = divmod(m, 12)
    if r == 0 and days == 0:
        return 2 * y
    return 2 * y + (2 if r >= 6 else 1)


# ---- generators: each returns (row dict, expected) where expected is
# ("ok", amount_fen, monthly_fen_or_None) or ("reject",).

def labour_common(row, date):
    avg = money(3000, 9000)
    minw = money(1500, 2300)
    row["avg_monthly_wage"] = yuan(avg)
    row["min_wage"] = yuan(minw)
    pick = rng.random()
    if pick < 0.1:
        w = F(3 * avg, 100)          # exactly 3x: no cap (高于 is strict)
        row["avg_wage"] = yuan(3 * avg)
    elif pick < 0.2:
        w = F(3 * avg + 1, 100)      # one fen above: capped
        row["avg_wage"] = yuan(3 * avg + 1)
    elif pick < 0.3:
        w = F(minw, 100)             # exactly the minimum wage
        row["avg_wage"] = yuan(minw)
    elif pick < 0.6:
        tot = money(5000, 400000)
        mon = rng.randint(1, 12)
        row["wage_total"] = yuan(tot)
        row["wage_months"] = str(mon)
        w = F(tot, 100) / mon
    else:
        f = money(500, 40000)
        row["avg_wage"] = yuan(f)
        w = F(f, 100)
    if w < F(minw, 100):
        w = F(minw, 100)
    capped = False
    if w > 3 * F(avg, 100):
        w = 3 * F(avg, 100)
        capped = True
    # service
    if rng.random() < 0.5:
        end = date
        start = rdate(2008, date.year)
        if start > end:
            start, end = end, start
        if rng.random() < 0.2:
            # exactly k years and 6 months, or a day short of it
            k = rng.randint(0, 10)
            s = add_months(end + datetime.timedelta(days=1), -(12 * k + 6))
            if rng.random() < 0.5:
                s = s + datetime.timedelta(days=1)
            start = max(s, datetime.date(2008, 1, 1))
        row["service_start"] = start.isoformat()
        row["service_end"] = end.isoformat()
        m, d = months_days(start, end)
        h = halves(m, d)
    else:
        sm = rng.randint(0, 400)
        row["service_months"] = str(sm)
        h = halves(sm, 0)
    if capped:
        h = min(h, 24)
    return F(h, 2) * w


def g_severance(row):
    date = rdate(2009, 2025)
    row["date"] = date.isoformat()
    ec = labour_common(row, date)
    total = ec
    if rng.random() < 0.3:
        row["notice_pay"] = "1"
        lw = money(1000, 30000)
        row["last_month_wage"] = yuan(lw)
        total += F(lw, 100)
    return ("ok", rnd(total), None)


def g_unlawful(row):
    date = rdate(2009, 2025)
    row["date"] = date.isoformat()
    ec = labour_common(row, date)
    return ("ok", rnd(2 * ec), None)


def g_nocontract(row):
    row["date"] = rdate(2009, 2025).isoformat()
    w = money(1000, 30000)
    row["monthly_wage"] = yuan(w)
    if rng.random() < 0.5:
        m = rng.randint(0, 14)
        row["months"] = str(m)
        m = min(m, 11)
    else:
        ws = rdate(2010, 2024)
        row["work_start"] = ws.isoformat()
        s = add_months(ws, 1)
        last = add_months(ws, 12) - datetime.timedelta(days=1)
        if rng.random() < 0.6:
            cs = ws + datetime.timedelta(days=rng.randint(0, 500))
            row["contract_signed"] = cs.isoformat()
            e = cs - datetime.timedelta(days=1)
        else:
            e = ws + datetime.timedelta(days=rng.randint(0, 500))
            row["date"] = e.isoformat()
        e = min(e, last)
        m = months_days(s, e)[0] if e >= s else 0
    return ("ok", rnd(m * F(w, 100)), None)


def g_arrears(row):
    due = money(0, 200000)
    row["amount_due"] = yuan(due)
    row["date"] = rdate(2009, 2025).isoformat()
    pick = rng.random()
    if pick < 0.2:
        return ("ok", due, None)
    if pick < 0.3:
        rate = rng.choice([F(1, 2), F(1), F(49, 100), F(101, 100)])
    else:
        rate = F(rng.randint(50, 100), 100)
    row["rate"] = dec(rate)
    if rate < F(1, 2) or rate > 1:
        return ("reject",)
    return ("ok", rnd(F(due, 100) + rate * F(due, 100)), None)


def injury_wage(row):
    avg = money(3000, 9000)
    if rng.random() < 0.5:
        row["injury_avg_monthly_wage"] = yuan(avg)
    else:
        row["avg_monthly_wage"] = yuan(avg)
    pick = rng.random()
    if pick < 0.1:
        cw = avg * 3            # exactly 300%
    elif pick < 0.2:
        cw = avg * 6 // 10 if avg * 6 % 10 == 0 else avg * 6 // 10 + 1
    else:
        cw = money(500, 40000)
    row["contribution_wage"] = yuan(cw)
    a = F(avg, 100)
    w = F(cw, 100)
    w = min(max(w, F(6, 10) * a), 3 * a)
    return a, w


def g_injury(row):
    row["date"] = rdate(2012, 2025).isoformat()
    a, w = injury_wage(row)
    minw = money(1500, 2300)
    row["min_wage"] = yuan(minw)
    g = rng.randint(0, 11) if rng.random() < 0.05 else rng.randint(1, 10)
    row["grade"] = str(g)
    if g < 1 or g > 10:
        return ("reject",)
    care = rng.choice([0, 0, 0, 1, 2, 3])
    row["care_level"] = str(care)
    leave = rng.random() < 0.4
    nowork = rng.random() < 0.3
    row["leave"] = "1" if leave else "0"
    row["no_work"] = "1" if nowork else "0"
    if g <= 4 and leave:
        return ("reject",)
    if g >= 7 and nowork:
        return ("reject",)
    if leave and nowork:
        return ("reject",)
    total = DISAB[g] * w
    monthly = None
    if g <= 4 or (g <= 6 and nowork):
        monthly = max(ALLOW[g] * w, F(minw, 100))
    if care:
        monthly = (monthly or 0) + NURSE[care] * a
    if leave:
        if rng.random() < 0.7:
            ms = money(1000, 90000)
            row["medical_subsidy"] = yuan(ms)
            total += F(ms, 100)
        if rng.random() < 0.7:
            es = money(1000, 90000)
            row["employment_subsidy"] = yuan(es)
            total += F(es, 100)
    return ("ok", rnd(total), None if monthly is None else rnd(monthly))


def g_death(row):
    date = rdate(2020, 2025)
    row["date"] = date.isoformat()
    a, w = injury_wage(row)
    total = 6 * a
    if rng.random() < 0.2:
        row["after_leave"] = "1"
    else:
        if rng.random() < 0.3:
            nui = money(30000, 60000)
            row["national_urban_income"] = yuan(nui)
            total += 20 * F(nui, 100)
        else:
            total += 20 * NUI[date.year]
    deps = []
    ratios = []
    if rng.random() < 0.5:
        deps.append("配偶")
        ratios.append(F(4, 10))
    for _ in range(rng.randint(0, 4)):
        name = rng.choice(["子女", "父母", "祖父母", "兄弟姐妹"])
        r = F(3, 10)
        if rng.random() < 0.3:
            name += rng.choice(["+孤寡", "+孤儿"])
            r += F(1, 10)
        deps.append(name)
        ratios.append(r)
    monthly = None
    if deps:
        row["dependants"] = ";".join(deps)
        s = sum(ratios)
        if s > 1:
            monthly = w                     # pro rata: the shares add to w
        else:
            monthly = s * w
    return ("ok", rnd(total), None if monthly is None else rnd(monthly))


def g_land(row):
    if rng.random() < 0.5:
        row["method"] = "zone"
        row["date"] = rdate(2020, 2025).isoformat()
        area = F(rng.randint(1, 100000), 100)
        row["area_mu"] = dec(area)
        price = money(10000, 90000)
        row["zone_price"] = yuan(price)
        total = area * F(price, 100)
    else:
        row["method"] = "multiples"
        row["date"] = rdate(2005, 2019).isoformat()
        if rng.random() < 0.5:
            area = F(rng.randint(1, 100000), 100)
            row["area_mu"] = dec(area)
        else:
            ha = F(rng.randint(1, 10000), 100)
            row["area_ha"] = dec(ha)
            area = ha * 15
        if rng.random() < 0.5:
            p = F(money(500, 3000), 100)
            row["annual_output_mu"] = yuan(int(p * 100))
        else:
            pha = money(7500, 45000)
            row["annual_output_ha"] = yuan(pha)
            p = F(pha, 100) / 15
        lm = rng.randint(6, 10)
        rm = rng.randint(4, 6)
        row["land_multiple"] = str(lm)
        row["resettle_multiple"] = str(rm)
        mpp = F(rng.randint(10, 400), 100)
        row["mu_per_person"] = dec(mpp)
        cap = 15
        if rng.random() < 0.2:
            cap = rng.randint(15, 30)
            row["approved_multiple"] = str(cap)
        land = lm * p * area
        res = min(area / mpp * p * rm, cap * p * area)
        if land + res > 30 * p * area:
            res = 30 * p * area - land
        total = land + res
    if rng.random() < 0.3:
        c = money(100, 2000)
        row["crops_per_mu"] = yuan(c)
        total += F(c, 100) * area
    if rng.random() < 0.3:
        at = money(0, 100000)
        row["attachments"] = yuan(at)
        total += F(at, 100)
    return ("ok", rnd(total), None)


def g_house(row):
    row["date"] = rdate(2012, 2025).isoformat()
    swap = rng.random() < 0.5
    row["method"] = "swap" if swap else "cash"
    area = F(rng.randint(1000, 20000), 100)
    row["area_m2"] = dec(area)
    price = money(2000, 20000)
    row["price_m2"] = yuan(price)
    varea = area
    if rng.random() < 0.2:
        row["min_area_m2"] = "45"
        varea = max(area, F(45))
    value = varea * F(price, 100)
    total = value
    if swap:
        na = F(rng.randint(1000, 20000), 100)
        np_ = money(2000, 20000)
        row["new_area_m2"] = dec(na)
        row["new_price_m2"] = yuan(np_)
        total -= na * F(np_, 100)
    moves = 2 if swap else 1
    if rng.random() < 0.5:
        moves = rng.randint(0, 3)
        row["moves"] = str(moves)
    fee = money(5, 40)
    row["move_fee_m2"] = yuan(fee)
    total += moves * area * F(fee, 100)
    if rng.random() < 0.6:
        tm = rng.randint(0, 48)
        row["temp_months"] = str(tm)
        tf = money(5, 40)
        row["temp_fee_m2_month"] = yuan(tf)
        normal, over = tm, 0
        if rng.random() < 0.5:
            am = rng.randint(0, 48)
            row["agreed_months"] = str(am)
            if tm > am:
                normal, over = am, tm - am
        total += area * F(tf, 100) * normal + 2 * area * F(tf, 100) * over
    if rng.random() < 0.3:
        br = F(rng.randint(0, 2000), 10000)
        row["bonus_rate"] = dec(br)
        total += br * value
    a1 = a2 = None
    if rng.random() < 0.3:
        mp = money(0, 50000)
        sm = rng.randint(1, 24)
        row["monthly_profit"] = yuan(mp)
        row["suspension_months"] = str(sm)
        a1 = F(mp, 100) * sm
    if rng.random() < 0.3:
        lr = F(rng.randint(0, 1000), 10000)
        row["loss_floor_rate"] = dec(lr)
        a2 = lr * value
    if a1 is not None or a2 is not None:
        total += max(x for x in (a1, a2) if x is not None)
    return ("ok", rnd(total), None)


GENS = [("severance", g_severance), ("unlawful", g_unlawful),
        ("no-contract", g_nocontract), ("arrears", g_arrears),
        ("injury", g_injury), ("death", g_death), ("land", g_land),
        ("house", g_house)]


def main():
    rows, want = [], {}
    for i in range(CASES):
        tname, gen = GENS[i % len(GENS)]
        row = {c: "" for c in COLUMNS}
        row["case_id"] = "P%06d" % i
        row["type"] = tname
        want[row["case_id"]] = (tname, gen(row))
        rows.append(row)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    p = subprocess.run([BIN + "/xf-compensate"], input=buf.getvalue(),
                       capture_output=True, text=True)
    got = {}
    for r in csv.DictReader(io.StringIO(p.stdout)):
        got[r["case_id"]] = r
    passed = {t: 0 for t, _ in GENS}
    failed = {t: 0 for t, _ in GENS}
    shown = 0
    for cid, (tname, exp) in want.items():
        r = got.get(cid)
        ok = False
        if exp[0] == "reject":
            ok = r is None
        elif r is not None:
            m = "" if exp[2] is None else yuan(exp[2])
            ok = r["amount"] == yuan(exp[1]) and r["monthly_amount"] == m
        if ok:
            passed[tname] += 1
        else:
            failed[tname] += 1
            if shown < 10:
                shown += 1
                print("FAIL %s %s: expected %s, got %s" % (
                    cid, tname, exp, None if r is None else
                    (r["amount"], r["monthly_amount"], r["components"])))
    total_fail = 0
    for t, _ in GENS:
        print("%-12s %5d cases agree, %d differ" % (t, passed[t], failed[t]))
        total_fail += failed[t] != 0
    print("compensate-oracle: %d passed, %d failed"
          % (len(GENS) - total_fail, total_fail))
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
