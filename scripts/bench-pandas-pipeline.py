#!/usr/bin/python3
"""The pipeline xf-validate -n | xf-classify | xf-route | xf-deadline |
xf-rollup written as the pandas script an analyst would write: the peer
of the whole pipeline in scripts/bench.

usage: bench-pandas-pipeline.py RULES ROUTES ASOF FILE > rollup.csv

RULES is xf-classify --dump-rules, ROUTES xf-route --dump-table.  The
steps, on the whole file in memory:

  validate  id, date and content present, the date read in the shapes
            gen-petitions writes (2024-01-01, 2024/1/1, 2024年1月1日,
            20240101, with or without a time), ids unique;
  classify  every rule's pattern tried with str.contains on subject and
            content (Python's re; a pattern it refuses is skipped, which
            only flatters pandas), its weight added to its category; the
            best category at 1 or more wins, else 其他 (rules' requires
            and negative contexts are not modelled: less work than xf);
  route     a merge with the table's rows for a whole category;
  deadline  accept_due = date + 15 days, days_left, status;
  rollup    groupby category, district, day: cases and persons.
"""
import csv
import re
import sys
import warnings

import pandas as pd

warnings.filterwarnings("ignore")
rules_f, routes_f, asof, path = sys.argv[1:5]
asof = pd.Timestamp(asof)

df = pd.read_csv(path, dtype=str, keep_default_na=False)

# validate
ok = (df["id"] != "") & (df["date"] != "") & (df["content"] != "")
d = df["date"].str.extract(
    r"^(\d{4})[-/.\u5e74]?(\d{1,2})[-/.\u6708]?(\d{1,2})")
day = pd.to_datetime(d[0] + "-" + d[1] + "-" + d[2], format="%Y-%m-%d",
                     errors="coerce")
ok &= day.notna()
dup = df["id"].duplicated()
df = df[ok].copy()
df["date"] = day[ok].dt.strftime("%Y-%m-%d")
df["duplicate"] = dup[ok]

# classify
rules = list(csv.DictReader(open(rules_f, encoding="utf-8")))
text = df["subject"] + "\n" + df["content"]
cats = sorted({r["category"] for r in rules if r["category"]})
score = pd.DataFrame(0.0, index=df.index, columns=cats)
for r in rules:
    w = float(r["weight"] or 0)
    if w == 0 or not r["category"]:
        continue
    try:
        re.compile(r["pattern"])
    except re.error:
        continue
    score[r["category"]] += w * text.str.contains(
        r["pattern"], regex=True, flags=re.IGNORECASE)
best = score.idxmax(axis=1)
df["category"] = best.where(score.max(axis=1) >= 1, "其他")

# route
routes = pd.read_csv(routes_f, dtype=str, keep_default_na=False)
routes = routes[(routes["subcategory"] == "") & (routes["district"] == "")]
df = df.merge(routes[["category", "department", "co_departments"]],
              on="category", how="left")

# deadline
due = pd.to_datetime(df["date"]) + pd.Timedelta(days=15)
df["accept_due"] = due.dt.strftime("%Y-%m-%d")
left = (due - asof).dt.days
df["days_left"] = left
df["deadline_status"] = left.map(lambda n: "受理超期" if n < 0 else "待受理")

# rollup
df["persons"] = pd.to_numeric(df["persons"].replace("", "1"),
                              errors="coerce").fillna(1)
g = df.groupby(["category", "district", "date"])["persons"]
g.agg(["size", "sum"]).to_csv(sys.stdout)
