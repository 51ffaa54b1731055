#!/bin/sh
# bench/run.sh - what `make bench` runs: generates the fictitious académie
# (seeded, $GEN), runs stagecheck and the floor program (bench/floor.c)
# under /usr/bin/time, and writes the figures into HACKING.md between the
# "bench:début" and "bench:fin" markers.
#
# Each figure is the median of RUNS runs (3 by default). Timing is done
# here, never in tests: these machines are noisy. make bench says where
# the programs are and where to work; the defaults are its own.
set -eu

RUNS=${RUNS:-3}
B=${BENCH_DIR:-build/bench}
GEN=${GEN:-build/gen-academie}
FLOOR=${FLOOR:-build/floor}
SC=$B/stagecheck
AS_OF=2025-05-26
PYTHON=/usr/bin/python3

mkdir -p $B
# libxlsxwriter's scratch files (one per sheet) in memory, for stagecheck
# and the floor alike: on a disk their creation and deletion costs more
# than the work measured, and varies from run to run (HACKING.md).
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    TMPDIR=/dev/shm
    export TMPDIR
fi
# A copy: a rebuild of ./stagecheck during the bench cannot touch it.
cp "${STAGECHECK:-stagecheck}" $SC

# gen NAME ARGS...: a fresh data set in $B/NAME.
gen() {
    name=$1
    shift
    rm -rf "$B/$name"
    "$GEN" --out "$B/$name" "$@" >/dev/null
}

# args DIR: the --roll and --placements options of every file of DIR.
args() {
    for f in "$1"/*eleves.csv; do printf -- '--roll %s ' "$f"; done
    for f in "$1"/*stages.csv; do printf -- '--placements %s ' "$f"; done
}

# measure LABEL COMMAND...: runs COMMAND $RUNS times (the output folder
# emptied before each run); prints "LABEL wall user sys peak_kB", the
# median run by wall time.
measure() {
    label=$1
    shift
    i=0
    : > $B/times
    while [ $i -lt "$RUNS" ]; do
        rm -rf $B/out && mkdir -p $B/out
        /usr/bin/time -f "%e %U %S %M" -o $B/time.1 "$@" >/dev/null 2>&1 ||
            [ $? -eq 1 ] || { echo "bench : échec de $label" >&2; exit 2; }
        # The last line: a status 1 adds "Command exited..." above it.
        tail -n 1 $B/time.1 >> $B/times
        i=$((i + 1))
    done
    sort -n $B/times | sed -n "$(( (RUNS + 1) / 2 ))p" |
        awk -v l="$label" '{ printf "%s %s %s %s %s\n", l, $1, $2, $3, $4 }'
}

gen one --single --pupils 1000
gen half --pupils 25000 --schools 100
gen full --pupils 50000 --schools 200
gen double --pupils 100000 --schools 400

: > $B/results
: > $B/sizes
measure ecole $SC $(args $B/one) -o $B/out/suivi.xlsx --as-of $AS_OF -q \
    >> $B/results
measure demi $SC $(args $B/half) --by-school $B/out --as-of $AS_OF -q \
    >> $B/results
measure academie $SC $(args $B/full) --by-school $B/out --as-of $AS_OF -q \
    >> $B/results
# The floor writes what the académie run wrote: same workbooks, sheets,
# cells and text lengths (bench/shape.py reads them back).
$PYTHON bench/shape.py $B/out/*.xlsx > $B/shape.txt
measure plancher "$FLOOR" $B/shape.txt $B/out >> $B/results
measure double $SC $(args $B/double) --by-school $B/out --as-of $AS_OF -q \
    >> $B/results

# One big school in one workbook (-o): thousands of class sheets, where
# growth must stay ×2 per doubling (issue 11).
for n in 50000 100000 200000; do
    gen lycee$n --single --pupils $n
    measure lycee$n $SC $(args $B/lycee$n) -o $B/out/suivi.xlsx \
        --as-of $AS_OF -q >> $B/results
done
# A million tiny rows (A;B;2A): memory against the input's size.
$PYTHON -c 'import sys
with open(sys.argv[1], "w") as f:
    f.write("Nom;Prénom;Classe\n" + "A;B;2A\n" * 1000000)
with open(sys.argv[2], "w") as f:
    f.write("Nom;Prénom;Classe;Date de début;Date de fin\n")' \
    $B/menues-eleves.csv $B/menues-stages.csv
measure menues $SC --roll $B/menues-eleves.csv \
    --placements $B/menues-stages.csv -o $B/out/suivi.xlsx --as-of $AS_OF \
    -q >> $B/results
echo "menues_input $(wc -c < $B/menues-eleves.csv)" >> $B/sizes

$PYTHON bench/readme.py $B/results HACKING.md $B/sizes
cat $B/results
