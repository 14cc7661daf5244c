#!/usr/bin/python3
# SPDX-License-Identifier: ISC
#
# Writes the expected standard output of the xf-eval golden cases that
# print metrics or a confusion matrix, computed with scikit-learn
# (Debian's python3-sklearn), not with xf-eval.  See README beside this
# file.
#
# usage: /usr/bin/python3 tests/cli/xf-eval/sklearn-expected.py [-n]
#   run from the repository root; -n compares instead of writing and
#   exits 1 if an expected file differs from what this script computes.

import csv
import io
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

import numpy as np
from sklearn.metrics import (accuracy_score, classification_report,
                             confusion_matrix, f1_score,
                             precision_recall_fscore_support)
from sklearn.utils.multiclass import unique_labels

HERE = os.path.dirname(os.path.abspath(__file__))

# case: (inputs, gold column, pred column, options)
#   inputs: files read in turn; "stdin" means the case's stdin file
#   options: multi, confusion, md, skip (ids of records xf-eval rejects
#   for their CSV structure, which Python's csv module reads differently),
#   into (the expected file, when not stdout)
CASES = {
    '001-three-class': (['testdata/eval-3class.csv'], 'gold', 'pred', {}),
    '002-class-only-predicted': (['testdata/eval-pred-only.csv'], 'gold',
                                 'pred', {}),
    '003-class-only-gold': (['testdata/eval-gold-only.csv'], 'gold', 'pred',
                            {}),
    '004-all-correct': (['testdata/eval-all-correct.csv'], 'gold', 'pred', {}),
    '005-all-wrong': (['testdata/eval-all-wrong.csv'], 'gold', 'pred', {}),
    '006-two-inputs': (['testdata/eval-all-correct.csv',
                        'testdata/eval-all-wrong.csv'], 'gold', 'pred', {}),
    '007-empty-gold-skipped': (['testdata/eval-empty-gold.csv'], 'gold',
                               'pred', {}),
    '008-chinese-labels': (['testdata/eval-chinese.csv'], '人工分类',
                           'category', {}),
    '009-format-md': (['testdata/eval-3class.csv'], 'gold', 'pred',
                      {'md': 1}),
    '010-confusion': (['testdata/eval-3class.csv'], 'gold', 'pred',
                      {'confusion': 1}),
    '011-confusion-md': (['testdata/eval-3class.csv'], 'gold', 'pred',
                         {'confusion': 1, 'md': 1}),
    '012-confusion-chinese': (['testdata/eval-chinese.csv'], '人工分类',
                              'category', {'confusion': 1}),
    '013-no-prediction': (['testdata/eval-no-pred.csv'], 'gold', 'pred', {}),
    '014-no-prediction-confusion': (['testdata/eval-no-pred.csv'], 'gold',
                                    'pred', {'confusion': 1}),
    '015-multi': (['testdata/eval-multi.csv'], 'gold', 'pred', {'multi': 1}),
    '016-multi-confusion': (['testdata/eval-multi.csv'], 'gold', 'pred',
                            {'multi': 1, 'confusion': 1}),
    '017-odd-labels': (['testdata/eval-odd-labels.csv'], 'gold', 'pred', {}),
    '018-odd-labels-md': (['testdata/eval-odd-labels.csv'], 'gold', 'pred',
                          {'md': 1}),
    '019-odd-labels-confusion': (['testdata/eval-odd-labels.csv'], 'gold',
                                 'pred', {'confusion': 1}),
    '020-stdin-long-options': (['stdin'], 'gold', 'pred', {}),
    '021-bad-rows-rejected': (['testdata/eval-bad-row.csv'], 'gold', 'pred',
                              {'skip': {'3', '5'}}),
    '030-multi-md': (['testdata/eval-multi.csv'], 'gold', 'pred',
                     {'multi': 1, 'md': 1}),
    '031-confusion-class-only-gold': (['testdata/eval-gold-only.csv'], 'gold',
                                      'pred', {'confusion': 1}),
    '034-output-file': (['testdata/eval-all-correct.csv'], 'gold', 'pred',
                        {'into': 'm.csv.expected'}),
}


def trim(s):
    # ASCII spaces and tabs only, as xf-eval(1) says.
    return s.strip(' \t')


def pick(gold, field):
    # --multi: the gold label if listed, else the first label, else none.
    labels = [trim(x) for x in field.split(';')]
    labels = [x for x in labels if x != '']
    if gold in labels:
        return gold
    return labels[0] if labels else ''


def read_rows(case, inputs, gcol, pcol, opt):
    y_true, y_pred, skipped = [], [], 0
    for path in inputs:
        if path == 'stdin':
            path = os.path.join(HERE, case, 'stdin')
        with open(path, newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f))
        head = rows[0]
        g, p = head.index(gcol), head.index(pcol)
        for r in rows[1:]:
            if r[0] in opt.get('skip', ()):
                continue
            gold = trim(r[g])
            if gold == '':
                skipped += 1
                continue
            pred = pick(gold, r[p]) if opt.get('multi') else trim(r[p])
            y_true.append(gold)
            y_pred.append(pred)
    return y_true, y_pred, skipped


def fmt(v):
    # Half up from the value sklearn computed, read to 10 decimals first
    # (so that 0.12344999999999999 for an exact 0.12345 goes up, as the
    # man page promises).
    d = Decimal(float(v)).quantize(Decimal('1e-10'), rounding=ROUND_HALF_UP)
    return str(d.quantize(Decimal('1e-4'), rounding=ROUND_HALF_UP))


def byte_order(labels):
    return sorted(labels, key=lambda s: s.encode('utf-8'))


def csv_line(fields):
    out = io.StringIO()
    csv.writer(out, lineterminator='\n',
               quoting=csv.QUOTE_MINIMAL).writerow(fields)
    return out.getvalue()


def md_cell(s):
    s = s.replace('\\', '\\\\').replace('|', '\\|')
    return s.replace('\r', ' ').replace('\n', ' ')


def metrics(y_true, y_pred, md):
    classes = byte_order(set(y_true) | set(y_pred) - {''})
    if '' in y_pred:
        # Rows without a prediction: wrong, and no class of their own.
        labels = classes
    else:
        labels = None
        assert byte_order(unique_labels(y_true, y_pred)) == classes
    rep = classification_report(y_true, y_pred, labels=labels,
                                output_dict=True, zero_division=0)
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, labels=classes, zero_division=0)
    rows = []
    for i, c in enumerate(classes):
        assert abs(rep[c]['precision'] - p[i]) < 1e-12
        assert abs(rep[c]['f1-score'] - f[i]) < 1e-12
        rows.append(('class', c, fmt(p[i]), fmt(r[i]), fmt(f[i]),
                     str(int(s[i]))))
    n = len(y_true)
    acc = accuracy_score(y_true, y_pred)
    for kind, avg in (('macro', 'macro'), ('weighted', 'weighted'),
                      ('micro', 'micro')):
        ap, ar, af, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=classes, average=avg, zero_division=0)
        assert abs(f1_score(y_true, y_pred, labels=classes, average=avg,
                            zero_division=0) - af) < 1e-12
        if kind != 'micro':
            assert abs(rep[avg + ' avg']['f1-score'] - af) < 1e-12
        elif labels is None:
            # sklearn then reports "accuracy" instead of "micro avg".
            assert abs(rep['accuracy'] - af) < 1e-12
            assert abs(acc - af) < 1e-12
        else:
            assert abs(rep['micro avg']['f1-score'] - af) < 1e-12
        rows.append((kind, '', fmt(ap), fmt(ar), fmt(af), str(n)))
    rows.append(('accuracy', '', '', '', fmt(acc), str(n)))
    if not md:
        return csv_line(['kind', 'class', 'precision', 'recall', 'f1',
                         'support']) + ''.join(csv_line(r) for r in rows)
    title = {'macro': 'macro avg', 'weighted': 'weighted avg',
             'micro': 'micro avg', 'accuracy': 'accuracy'}
    out = ('| class | precision | recall | f1 | support |\n'
           '|:---|---:|---:|---:|---:|\n')
    for kind, c, a, b, d, e in rows:
        name = md_cell(c) if kind == 'class' else '**%s**' % title[kind]
        out += '| %s | %s | %s | %s | %s |\n' % (name, a, b, d, e)
    return out


def confusion(y_true, y_pred, md):
    classes = byte_order(set(y_true) | set(y_pred) - {''})
    nopred = '' in y_pred
    cols = classes + [''] if nopred else classes
    m = confusion_matrix(y_true, y_pred, labels=cols)
    if nopred:
        assert not m[-1].any()      # no gold label is empty
        m = m[:-1]
    assert m.sum() == len(y_true)
    if not md:
        out = csv_line(['gold\\pred'] + cols)
        for c, row in zip(classes, m):
            out += csv_line([c] + [str(x) for x in row])
        return out
    out = '| gold \\ pred |'
    for c in classes:
        out += ' %s |' % md_cell(c)
    if nopred:
        out += ' *(none)* |'
    out += '\n|:---|' + '---:|' * len(cols) + '\n'
    for c, row in zip(classes, m):
        out += '| %s |' % md_cell(c)
        out += ''.join(' %d |' % x for x in row) + '\n'
    return out


def main():
    check = len(sys.argv) > 1 and sys.argv[1] == '-n'
    bad = 0
    for case, (inputs, g, p, opt) in sorted(CASES.items()):
        y_true, y_pred, _ = read_rows(case, inputs, g, p, opt)
        if opt.get('confusion'):
            text = confusion(y_true, y_pred, opt.get('md'))
        else:
            text = metrics(y_true, y_pred, opt.get('md'))
        path = os.path.join(HERE, case, opt.get('into', 'stdout'))
        if check:
            with open(path, encoding='utf-8', newline='') as f:
                if f.read() != text:
                    print('differs: %s' % path)
                    bad = 1
        else:
            with open(path, 'w', encoding='utf-8', newline='') as f:
                f.write(text)
    print('sklearn-expected: %d cases %s' % (len(CASES),
          'checked' if check else 'written'))
    sys.exit(bad)


if __name__ == '__main__':
    main()
