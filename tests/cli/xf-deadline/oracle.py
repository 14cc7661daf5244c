#!/usr/bin/env python3
"""An independent calculator for the xf-deadline golden tests.

Written from DOMAIN.md section G and 民法典 第201-203条 (section 0.3), not
from lib/deadline.c: python's datetime for the calendar, the holiday
table lib/data/holidays.csv for rest days, the national lengths (15, 60,
at most 30 more, 30, 30 days).  It prints, for each record of a CSV file
with English headers, the columns xf-deadline appends, or "REJECT" for a
record whose dates contradict each other, so that a golden file can be
checked line by line:

    tests/cli/xf-deadline/oracle.py --as-of 2025-09-25 [--roll] [--soon N] \
        testdata/deadline-cases.csv

Only ISO dates (an optional time after a space is ignored) are read.
"""

import argparse
import csv
import os
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
HOLIDAYS = os.path.join(HERE, "..", "..", "..", "lib", "data", "holidays.csv")

ORDER = ["received", "accepted", "replied", "reply_received",
         "review_requested", "review_decided", "recheck_requested",
         "recheck_decided"]
NEEDS = {"accepted": "received", "replied": "accepted",
         "reply_received": "replied", "review_requested": "replied",
         "review_decided": "review_requested",
         "recheck_requested": "review_decided",
         "recheck_decided": "recheck_requested"}


def load_calendar():
    kinds = {}
    with open(HOLIDAYS, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            kinds[date.fromisoformat(r["date"])] = r["kind"]
    return kinds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--roll", action="store_true")
    ap.add_argument("--soon", type=int, default=7)
    ap.add_argument("file")
    a = ap.parse_args()
    asof = date.fromisoformat(a.as_of)
    kinds = load_calendar()

    def rest(d):
        k = kinds.get(d)
        if k == "休":
            return True
        if k == "班":
            return False
        return d.weekday() >= 5

    def due(start, days):
        d = start + timedelta(days=days)    # day of the event not counted
        if a.roll:
            while rest(d):
                d += timedelta(days=1)
        return d

    with open(a.file, newline="", encoding="utf-8-sig") as f:
        rd = csv.DictReader(f)
        cols = rd.fieldnames
        for r in rd:
            ev = {}
            if None in r or None in r.values():
                print(r.get("id", "?"), "REJECT")    # wrong field count
                continue
            try:
                for name in ORDER:
                    key = name
                    if name == "received" and "received" not in cols:
                        key = "date"
                    v = (r.get(key) or "").strip()
                    if v:
                        ev[name] = date.fromisoformat(v[:10])
            except ValueError:
                print(r.get("id", "?"), "REJECT")    # not a date
                continue
            e = (r.get("extended_days") or "").strip() or "0"
            if not e.isdigit():
                print(r.get("id", "?"), "REJECT")
                continue
            ext = int(e)
            bad = [n for n in ORDER[1:] if n in ev and NEEDS[n] not in ev]
            seq = [ev[n] for n in ORDER if n in ev]
            # No regulation before 信访条例 took effect on 2005-05-01.
            if ("received" not in ev or bad or seq != sorted(seq) or
                    ev["received"] > asof or
                    ev["received"] < date(2005, 5, 1) or
                    (ext > 0 and "accepted" not in ev)):
                print(r.get("id", "?"), "REJECT")
                continue
            vis = {n: d for n, d in ev.items() if d <= asof}
            out = {"accept_due": due(vis["received"], 15)}
            step, start_due, end = "accept", out["accept_due"], None
            if "accepted" in vis:
                out["handle_due"] = due(vis["accepted"], 60 + min(ext, 30))
                step, start_due, end = ("handle", out["handle_due"],
                                        vis.get("replied"))
            if "review_requested" in vis:
                out["review_due"] = due(vis["review_requested"], 30)
                step, start_due, end = ("review", out["review_due"],
                                        vis.get("review_decided"))
            if "recheck_requested" in vis:
                out["recheck_due"] = due(vis["recheck_requested"], 30)
                step, start_due, end = ("recheck", out["recheck_due"],
                                        vis.get("recheck_decided"))
            if step == "accept":
                left = (start_due - asof).days
                st = "受理超期" if left < 0 else "待受理"
            elif end is not None:
                left = (start_due - end).days
                st = "超期办结" if left < 0 else "按期办结"
            else:
                left = (start_due - asof).days
                st = ("超期未办" if left < 0 else
                      "临期" if left <= a.soon else "在办")
            cells = [str(out.get(k, "")) for k in
                     ("accept_due", "handle_due")]
            cells += [str(left), st]
            for k, c in (("review_due", "review_requested"),
                         ("recheck_due", "recheck_requested")):
                if c in cols:
                    cells.append(str(out.get(k, "")))
            print(r.get("id", "?"), ",".join(cells))


if __name__ == "__main__":
    main()
