#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""An independent calculator for the xf-rollup golden cases.

Written from xf-rollup(1), not from cmd/xf-rollup.c or lib/rollup.c:
periods from Python's datetime (isocalendar for ISO weeks), shares by the
largest remainder method and changes with fractions.Fraction, money with
decimal.Decimal, CSV with the csv module.  It knows the inputs of the
cases below, not every form the tool reads (its date and money readers
take only the forms those inputs use).

    tests/cli/xf-rollup/oracle.py        compare each case's expected
                                         stdout (or -o file) with ours
    tests/cli/xf-rollup/oracle.py -w     write them instead

Merge cases are computed from the records the partials were made from:
a merge must equal one run over all of them.
"""

import csv
import datetime
import io
import os
import sys
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def td(name):
    return os.path.join(ROOT, 'testdata', name)


def case(name):
    return os.path.join(HERE, name)


def parse_date(s):
    s = unicodedata.normalize('NFKC', s).strip()
    s = s.split(' ')[0].split('T')[0]
    for fmt in ('%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日', '%Y%m%d'):
        try:
            d = datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
        if fmt == '%Y%m%d' and len(s) != 8:
            continue
        return d
    raise ValueError(s)


def start(d, p):
    if p == 'day':
        return d
    if p == 'week':
        return d - datetime.timedelta(days=d.isoweekday() - 1)
    if p == 'month':
        return d.replace(day=1)
    if p == 'quarter':
        return d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
    return d.replace(month=1, day=1)


def label(d, p):
    if p == 'day':
        return d.isoformat()
    if p == 'week':
        y, w, _ = d.isocalendar()
        return '%04d-W%02d' % (y, w)
    if p == 'month':
        return '%04d-%02d' % (d.year, d.month)
    if p == 'quarter':
        return '%04d-Q%d' % (d.year, (d.month - 1) // 3 + 1)
    return '%04d' % d.year


def base(d, p, how):
    """First day of the base period of the period starting on d."""
    if how == 'prev':
        if p == 'day':
            return d - datetime.timedelta(days=1)
        if p == 'week':
            return d - datetime.timedelta(days=7)
        if p == 'month':
            return (d - datetime.timedelta(days=1)).replace(day=1)
        if p == 'quarter':
            y, m = (d.year, d.month - 3) if d.month > 3 else \
                (d.year - 1, d.month + 9)
            return d.replace(year=y, month=m)
        return d.replace(year=d.year - 1)
    if p == 'week':
        y, w, _ = d.isocalendar()
        last = datetime.date(y - 1, 12, 28).isocalendar()[1]
        return datetime.date.fromisocalendar(y - 1, min(w, last), 1)
    try:
        return d.replace(year=d.year - 1)
    except ValueError:          # 29 February
        return d.replace(year=d.year - 1, day=28)


def money(s):
    """Fen, for the forms testdata/rollup-money.csv uses; None if bad."""
    s = unicodedata.normalize('NFKC', s).strip()
    if s == '':
        return 0
    mult = 1
    for unit, m in (('万元', 10 ** 4), ('万', 10 ** 4), ('元', 1)):
        if s.endswith(unit):
            s, mult = s[:-len(unit)], m
            break
    s = s.replace('¥', '').replace(',', '')
    try:
        v = Decimal(s) * mult * 100
    except InvalidOperation:
        return None
    if v != v.to_integral_value():
        return None
    return int(v)


def persons_of(s):
    s = unicodedata.normalize('NFKC', s).strip()
    if s == '':
        return 1
    if not s.isdigit() or s[0] == '0' or len(s) > 9:
        return None
    return int(s)


def shares(ws):
    total = sum(ws)
    if total == 0:
        return [0] * len(ws)
    q = [1000 * w // total for w in ws]
    r = [1000 * w % total for w in ws]
    for i in sorted(range(len(ws)), key=lambda i: (-r[i], i))[:1000 - sum(q)]:
        q[i] += 1
    return q


def tenths(t):
    return '%s%d.%d' % ('-' if t < 0 else '', abs(t) // 10, abs(t) % 10)


def change(now, b):
    x = Fraction(now - b, b) * 1000
    q = int(abs(x))
    if abs(x) - q >= Fraction(1, 2):
        q += 1
    return -q if x < 0 else q


def yuan(f):
    return '%s%d.%02d' % ('-' if f < 0 else '', abs(f) // 100, abs(f) % 100)


def rollup(files, by=(), period=None, date='date', persons='persons',
           sums=(), compare=None, top=0, total=False, partial=False,
           delim=',', outdelim=',', crlf=False, bom=False,
           encoding='utf-8-sig', stdin=None):
    groups = {}
    header = None
    sources = [open(f, newline='', encoding=encoding) for f in files] \
        if stdin is None else [io.StringIO(stdin, newline='')]
    for f in sources:
        rows = csv.reader(f, delimiter=delim)
        h = next(rows, None)
        if h is None:
            continue
        header = h
        for row in rows:
            if len(row) != len(h):
                continue
            rec = dict(zip(h, row))
            per = None
            if period:
                try:
                    per = start(parse_date(rec[date]), period)
                except ValueError:
                    continue
            p = persons_of(rec[persons]) if persons in rec else 1
            sv = [money(rec[c]) for c in sums]
            if p is None or None in sv:
                continue
            g = groups.setdefault((per, tuple(rec[c] for c in by)),
                                  [0, 0, [0] * len(sums)])
            g[0] += 1
            g[1] += p
            for i, v in enumerate(sv):
                g[2][i] += v

    out = io.StringIO()
    w = csv.writer(out, delimiter=outdelim,
                   lineterminator='\r\n' if crlf else '\n')
    if bom:
        out.write('\ufeff')
    empty = [0, 0, [0] * len(sums)]

    def bkey(k):
        return [x.encode('utf-8') for x in k]

    if partial:
        w.writerow(['#xf-rollup/1'] +
                   (['period:' + period] if period else []) +
                   ['by:' + c for c in by] + ['cases', 'persons'] +
                   ['sum:' + c for c in sums])
        for (per, k), g in sorted(groups.items(), key=lambda kv: (
                kv[0][0] or datetime.date.min, bkey(kv[0][1]))):
            w.writerow(['='] + ([label(per, period)] if period else []) +
                       list(k) + [g[0], g[1]] + [yuan(x) for x in g[2]])
        return out.getvalue()

    w.writerow((['period'] if period else []) + list(by) +
               ['cases', 'persons'] + [c + '_sum' for c in sums] +
               ['case_share', 'person_share'] +
               (['prev_cases', 'prev_persons', 'case_change']
                if compare else []))
    periods = sorted({k[0] for k in groups},
                     key=lambda d: d or datetime.date.min)
    grand = [0, 0, [0] * len(sums)]

    def put(lab, key, g, cs, ps, prev):
        row = ([lab] if period else []) + key + [g[0], g[1]] + \
            [yuan(x) for x in g[2]] + [tenths(cs), tenths(ps)]
        if compare:
            if prev is None:
                row += ['', '', '']
            else:
                row += [prev[0], prev[1],
                        tenths(change(g[0], prev[0])) if prev[0] else '']
        w.writerow(row)

    for per in periods:
        cur = {k: g for (p, k), g in groups.items() if p == per}
        bse = None
        if compare:
            b = start(base(per, period, compare), period)
            if b in periods:
                bse = {k: g for (p, k), g in groups.items() if p == b}
        keys = set(cur) | set(bse or {})
        lines = sorted(((k, cur.get(k, empty),
                         None if bse is None else bse.get(k, empty))
                        for k in keys),
                       key=lambda l: (-l[1][0], -l[1][1], bkey(l[0])))
        shown, other, oprev = [], None, [0, 0]
        for k, g, prev in lines:
            if top == 0 or (len(shown) < top and
                            not all(x == '其他' for x in k)):
                shown.append((list(k), g, prev))
                continue
            other = other or [0, 0, [0] * len(sums)]
            other[0] += g[0]
            other[1] += g[1]
            other[2] = [a + b for a, b in zip(other[2], g[2])]
            if prev is not None:
                oprev = [oprev[0] + prev[0], oprev[1] + prev[1]]
        if other is not None:
            shown.append((['其他'] * len(by), other,
                          None if bse is None else oprev))
        cs = shares([s[1][0] for s in shown])
        ps = shares([s[1][1] for s in shown])
        lab = label(per, period) if period else None
        for i, (k, g, prev) in enumerate(shown):
            put(lab, k, g, cs[i], ps[i], prev)
        tot = [sum(g[0] for g in cur.values()),
               sum(g[1] for g in cur.values()),
               [sum(g[2][i] for g in cur.values()) for i in range(len(sums))]]
        if total and by:
            prev = None if bse is None else \
                [sum(g[0] for g in bse.values()),
                 sum(g[1] for g in bse.values())]
            put(lab, ['合计'] * len(by), tot, 1000, 1000, prev)
        grand = [grand[0] + tot[0], grand[1] + tot[1],
                 [a + b for a, b in zip(grand[2], tot[2])]]
    if total and period and periods:
        row = ['合计'] * (1 + len(by)) + [grand[0], grand[1]] + \
            [yuan(x) for x in grand[2]] + ['100.0', '100.0']
        w.writerow(row + (['', '', ''] if compare else []))
    return out.getvalue()


def stdin_of(name):
    with open(case(name) + '/stdin', newline='', encoding='utf-8') as f:
        return f.read()


SMALL = [td('rollup-small.csv')]
DATES = [td('rollup-dates.csv')]
CAT = {'by': ['category']}

# case -> (expected file, what the oracle computes)
CASES = {
    '001-plain': ('stdout', lambda: rollup(SMALL, **CAT)),
    '002-no-by': ('stdout', lambda: rollup(SMALL)),
    '003-two-columns': ('stdout',
                        lambda: rollup(SMALL, by=['category', 'district'])),
    '004-by-repeated': ('stdout',
                        lambda: rollup(SMALL, by=['district', 'channel'])),
    '005-no-persons-column': ('stdout', lambda: rollup(
        [td('rollup-quoted.csv')], by=['district'])),
    '006-period-day': ('stdout', lambda: rollup(DATES, by=['district'],
                                                period='day')),
    '007-period-week': ('stdout', lambda: rollup(DATES, by=['district'],
                                                 period='week')),
    '008-period-month': ('stdout', lambda: rollup(DATES, by=['district'],
                                                  period='month')),
    '009-period-quarter': ('stdout', lambda: rollup(DATES, by=['district'],
                                                    period='quarter')),
    '010-period-year': ('stdout', lambda: rollup(DATES, by=['district'],
                                                 period='year')),
    '011-compare-prev': ('stdout', lambda: rollup(SMALL, period='month',
                                                  compare='prev', **CAT)),
    '012-compare-yoy': ('stdout', lambda: rollup(
        [td('rollup-yoy.csv')], period='month', compare='yoy', **CAT)),
    '013-top': ('stdout', lambda: rollup(SMALL, top=2, **CAT)),
    '014-top-compare-total': ('stdout', lambda: rollup(
        SMALL, period='month', compare='prev', top=2, total=True, **CAT)),
    '015-total-period': ('stdout', lambda: rollup(
        SMALL, by=['district'], period='month', total=True)),
    '016-total-no-by': ('stdout', lambda: rollup(SMALL, period='month',
                                                 total=True)),
    '017-sum-money': ('stdout', lambda: rollup(
        [td('rollup-money.csv')], sums=['amount', 'fee'], total=True,
        **CAT)),
    '018-shares-reconciled': ('stdout', lambda: rollup(
        [], by=['district'], stdin=stdin_of('018-shares-reconciled'))),
    '019-partial': ('stdout', lambda: rollup(SMALL, period='month',
                                             partial=True, **CAT)),
    '020-merge': ('stdout', lambda: rollup(
        SMALL, period='month', compare='prev', top=2, total=True, **CAT)),
    '021-merge-stdin-concatenated': ('stdout', lambda: rollup(
        SMALL, period='month', **CAT)),
    '022-merge-to-partial': ('stdout', lambda: rollup(
        SMALL, period='month', partial=True, **CAT)),
    '026-rejects': ('stdout', lambda: rollup(DATES, by=['district'],
                                             period='day')),
    '027-quoted-values': ('stdout', lambda: rollup(
        [td('rollup-quoted.csv')], by=['district'])),
    '028-crlf': ('stdout', lambda: rollup(
        [], by=['district'], stdin=stdin_of('028-crlf'))),
    '029-bom-in-bom-out': ('stdout', lambda: rollup(
        [td('petitions-sample-bom.csv')], by=['district'], bom=True)),
    '030-gb18030': ('stdout', lambda: rollup(
        [td('petitions-sample-gb18030.csv')], by=['district'],
        encoding='gb18030')),
    '031-empty-input': ('stdout', lambda: rollup(
        [], by=['district', 'category'], sums=['amount'], stdin='')),
    '032-header-only': ('stdout', lambda: rollup(
        [td('header-only.csv')], by=['district'])),
    '034-aliases': ('stdout', lambda: rollup(
        [td('rollup-aliases.csv')], by=['街道', '信访方式'], period='month',
        date='登记日期', persons='人数')),
    '035-date-column': ('stdout', lambda: rollup(
        [td('rollup-aliases.csv')], by=['街道'], period='month',
        date='受理时间', persons='人数', sums=['金额'])),
    '038-ragged': ('stdout', lambda: rollup(
        [], by=['district'], stdin=stdin_of('038-ragged'))),
    '039-output-file': ('out.csv.expected', lambda: rollup(SMALL, **CAT)),
    '040-delimiters': ('stdout', lambda: rollup(
        [], by=['district'], delim='\t', outdelim=';', crlf=True,
        stdin=stdin_of('040-delimiters'))),
    '054-persons-forms': ('stdout', lambda: rollup(DATES,
                                                   by=['district'])),
}


def main():
    write = sys.argv[1:] == ['-w']
    bad = 0
    for name, (fname, fn) in sorted(CASES.items()):
        path = os.path.join(case(name), fname)
        want = fn()
        if write:
            with open(path, 'w', newline='', encoding='utf-8') as f:
                f.write(want)
            continue
        with open(path, newline='', encoding='utf-8') as f:
            got = f.read()
        if got != want:
            bad += 1
            print('DIFFERS %s/%s' % (name, fname))
            sys.stdout.writelines(
                '\t' + line for line in
                __import__('difflib').unified_diff(
                    want.splitlines(True), got.splitlines(True),
                    'oracle', 'expected'))
    if not write:
        print('oracle: %d cases, %d differ' % (len(CASES), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
