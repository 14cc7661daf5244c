#!/bin/sh
# SPDX-License-Identifier: ISC
# xf-compensate against an independent exact-rational oracle
# (tests/sh/compensate-oracle.py): 4000 random cases, 500 of each type,
# must agree to the fen.  usage: tests/sh/compensate.sh bindir
bindir=${1:?usage: compensate.sh bindir}
exec python3 "$(dirname "$0")/compensate-oracle.py" "$bindir" 4000
