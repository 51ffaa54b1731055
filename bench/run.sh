#!/bin/sh
# bench/run.sh - what `make bench` runs (issue 14): stagecheck on seeded
# data sets from one lycée to the nation, the three floors of
# bench/floor.c and the pandas + XlsxWriter peer of bench/peer.py, in
# interleaved rounds; bench/readme.py writes the medians, the per-round
# ratios with their spread, the core count and the load average into
# HACKING.md between "bench:début" and "bench:fin".
#
# Each round runs every case once, in the same order (A B C … A B C …):
# a change in the machine's load weighs on every case of a round alike,
# and a ratio is taken within a round, never across. Timing lives here,
# never in tests: these machines are noisy.
#
#   ROUNDS=5 make bench          (3 rounds by default)
#   NATION=0 make bench          (without the 140,000 to 560,000 pupils)
set -eu

ROUNDS=${ROUNDS:-3}
NATION=${NATION:-1}
B=${BENCH_DIR:-build/bench}
GEN=${GEN:-build/gen-academie}
FLOOR=${FLOOR:-build/floor}
SC=$B/stagecheck
AS_OF=2025-05-26
PYTHON=/usr/bin/python3

mkdir -p $B
# libxlsxwriter's scratch files (one per sheet) in memory, for every
# program alike: on a disk their creation and deletion costs more than
# the work measured, and varies from run to run (HACKING.md).
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    TMPDIR=/dev/shm
    export TMPDIR
fi
# A copy: a rebuild of ./stagecheck during the bench cannot touch it.
cp "${STAGECHECK:-stagecheck}" $SC
# The workbooks too, in memory: on ext4, creating thousands of files just
# after deleting the previous run's makes each creation search past the
# recently deleted inodes, a cost of the benchmark, not of the programs.
OUT=${TMPDIR:-$B}/stagecheck-bench.$$
trap 'rm -rf "$OUT"' EXIT

# gen NAME ARGS...: a data set in $B/NAME, kept from one bench to the next
# (the generator is seeded).
gen() {
    name=$1
    shift
    [ -f "$B/$name/manifest.csv" ] ||
        "$GEN" --out "$B/$name" "$@" >/dev/null
}

# inputs DIR: the --roll and --placements options of every file of DIR.
inputs() {
    for f in "$1"/*eleves.csv; do printf -- '--roll %s ' "$f"; done
    for f in "$1"/*stages.csv; do printf -- '--placements %s ' "$f"; done
}

# once LABEL ROUND COMMAND...: one run into an empty $OUT; appends
# "LABEL ROUND wall user sys peak_kB self_s" to $B/times, self_s being
# the seconds a floor reports of its own work ("-" for the others).
once() {
    label=$1
    round=$2
    shift 2
    rm -rf "$OUT" && mkdir -p "$OUT"
    /usr/bin/time -f "%e %U %S %M" -o $B/time.1 "$@" >$B/stdout.1 \
        2>/dev/null || [ $? -eq 1 ] ||
        { echo "bench : échec de $label" >&2; exit 2; }
    # A floor's last word: "…, 1,23 s".
    self=$(sed -n 's/.*, \([0-9]*\),\([0-9]*\) s$/\1.\2/p' $B/stdout.1 |
           tail -n 1)
    # The last line: a status 1 adds "Command exited..." above it.
    echo "$label $round $(tail -n 1 $B/time.1) ${self:--}" >> $B/times
}

gen one --single --pupils 1000
gen lycee20k --single --pupils 20000
gen a20 --pupils 20000 --schools 80
gen full --pupils 50000 --schools 200
if [ "$NATION" != 0 ]; then
    gen n140 --pupils 140000 --schools 625
    gen n280 --pupils 280000 --schools 1250
    gen n560 --pupils 560000 --schools 2500
fi
# A million tiny rows (A;B;2A): memory against the input's size.
[ -f $B/menues-eleves.csv ] || $PYTHON -c 'import sys
with open(sys.argv[1], "w") as f:
    f.write("Nom;Prénom;Classe\n" + "A;B;2A\n" * 1000000)
with open(sys.argv[2], "w") as f:
    f.write("Nom;Prénom;Classe;Date de début;Date de fin\n")' \
    $B/menues-eleves.csv $B/menues-stages.csv

# What the floors copy and compress: the académie's workbooks as
# stagecheck writes them (-j 1, the same whatever -j), read back once.
rm -rf $B/full-out && mkdir -p $B/full-out
$SC $(inputs $B/full) --by-school $B/full-out --as-of $AS_OF -q -j 1 ||
    [ $? -eq 1 ]
$PYTHON bench/shape.py $B/full-out/*.xlsx > $B/shape.txt

: > $B/times
echo "load $(cut -d' ' -f1-3 /proc/loadavg)" > $B/machine
echo "cores $(nproc)" >> $B/machine
echo "rounds $ROUNDS" >> $B/machine
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
    >> $B/machine
echo "input_menues $(wc -c < $B/menues-eleves.csv)" >> $B/machine
r=1
while [ $r -le "$ROUNDS" ]; do
    echo "bench : passage $r sur $ROUNDS" >&2
    once ecole $r $SC $(inputs $B/one) -o "$OUT/suivi.xlsx" --as-of $AS_OF -q
    once lycee20k $r $SC $(inputs $B/lycee20k) -o "$OUT/suivi.xlsx" \
        --as-of $AS_OF -q
    once a20 $r $SC $(inputs $B/a20) --by-school "$OUT" --as-of $AS_OF -q
    once peer20 $r $PYTHON bench/peer.py $(inputs $B/a20) \
        --by-school "$OUT" --as-of $AS_OF
    once j1 $r $SC $(inputs $B/full) --by-school "$OUT" --as-of $AS_OF -q \
        -j 1
    once j2 $r $SC $(inputs $B/full) --by-school "$OUT" --as-of $AS_OF -q \
        -j 2
    once floor_lxw $r "$FLOOR" lxw $B/shape.txt "$OUT"
    once floor_deflate $r "$FLOOR" deflate $B/full-out
    once floor_parse $r "$FLOOR" parse $B/full/*eleves.csv \
        $B/full/*stages.csv
    if [ "$NATION" != 0 ]; then
        for n in n140 n280 n560; do
            once $n $r $SC $(inputs $B/$n) --by-school "$OUT" \
                --as-of $AS_OF -q
        done
    fi
    once menues $r $SC --roll $B/menues-eleves.csv \
        --placements $B/menues-stages.csv -o "$OUT/suivi.xlsx" \
        --as-of $AS_OF -q
    # What libxlsxwriter alone holds for that workbook: its Relances'
    # 65,530 links (Excel's most a sheet), kept to the end of the sheet.
    once floor_links $r "$FLOOR" links 65530 "$OUT"
    r=$((r + 1))
done
echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >> $B/machine

$PYTHON bench/readme.py $B/times $B/machine "${HACKING:-HACKING.md}"
