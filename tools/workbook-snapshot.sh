#!/bin/sh
# workbook-snapshot.sh BINARY GEN OUTDIR: the workbooks a refactoring must
# leave unchanged, cell for cell (tools/compare-workbooks.py): the samples
# as `make demo` runs them, and a generated académie of 12 schools by
# school, from the same seed every time. Inputs are copied into OUTDIR and
# named relative to it, so that two snapshots name the same files.
set -eu
bin=$(realpath "$1") gen=$(realpath "$2") out=$3
top=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/in" "$out/samples" "$out/academie"
cp "$top"/samples/*.csv "$out/in/"
cd "$out"
"$bin" --roll in/eleves-siecle.csv --roll in/eleves-pronote.csv \
    --placements in/stages.csv --as-of 2024-05-27 --classes '2*' \
    -q -o samples/suivi-stages.xlsx || [ $? -eq 1 ]
"$gen" --out input --seed 7 --pupils 3000 --schools 12 >/dev/null
set --
for f in input/*-eleves.csv; do set -- "$@" --roll "$f"; done
for f in input/*-stages.csv; do set -- "$@" --placements "$f"; done
"$bin" "$@" --as-of 2025-05-26 -q --by-school academie || [ $? -eq 1 ]
