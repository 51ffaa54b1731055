#!/bin/sh
# bench/jobs.sh - the figures of issue 14, printed (HACKING.md keeps them):
# -j 1 against -j 2 on the 50,000-pupil académie, and the growth of a
# --by-school run from 140,000 to 280,000 to 560,000 pupils.
#
# Runs are interleaved (A B A B …, ROUNDS rounds, 3 by default) so that a
# change in the machine's load weighs on both sides alike; each figure is
# the median. The load average is printed before and after: on a shared
# machine, say it with the figures.
#
#   sh bench/jobs.sh            (after make stagecheck build/gen-academie)
set -eu

ROUNDS=${ROUNDS:-3}
B=${BENCH_DIR:-build/bench-jobs}
GEN=${GEN:-build/gen-academie}
SC=$B/stagecheck
AS_OF=2025-05-26

mkdir -p $B
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    TMPDIR=/dev/shm
    export TMPDIR
fi
cp "${STAGECHECK:-stagecheck}" $SC
# The workbooks too: on ext4, creating thousands of files just after
# deleting the previous run's (rm -rf between runs) makes each creation
# search past the recently deleted inodes, a cost of the benchmark that
# grows with the académie, not one of stagecheck.
OUT=${TMPDIR:-$B}/stagecheck-bench-jobs.$$
trap 'rm -rf "$OUT"' EXIT

gen() {
    name=$1
    shift
    [ -f "$B/$name/manifest.csv" ] || "$GEN" --out "$B/$name" "$@" >/dev/null
}

args() {
    for f in "$1"/*eleves.csv; do printf -- '--roll %s ' "$f"; done
    for f in "$1"/*stages.csv; do printf -- '--placements %s ' "$f"; done
}

# once LABEL DATA OPTIONS...: one run, "LABEL wall cpu" appended to times.
once() {
    label=$1
    data=$2
    shift 2
    rm -rf "$OUT" && mkdir -p "$OUT"
    /usr/bin/time -f "%e %U %S" -o $B/time.1 $SC $(args $B/$data) \
        --by-school "$OUT" --as-of $AS_OF -q "$@" >/dev/null 2>&1 ||
        [ $? -eq 1 ] || { echo "bench : échec de $label" >&2; exit 2; }
    tail -n 1 $B/time.1 |
        awk -v l="$label" '{ printf "%s %s %.2f\n", l, $1, $2 + $3 }' \
        >> $B/times
}

# median LABEL: "LABEL wall cpu", the medians of its runs.
median() {
    for col in 2 3; do
        grep "^$1 " $B/times | awk -v c=$col '{ print $c }' | sort -n |
            sed -n "$(( (ROUNDS + 1) / 2 ))p"
    done | paste -sd' ' | sed "s/^/$1 /"
}

gen full --pupils 50000 --schools 200
gen n140 --pupils 140000 --schools 625
gen n280 --pupils 280000 --schools 1250
gen n560 --pupils 560000 --schools 2500

: > $B/times
echo "charge avant : $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
while [ "${SKIP_JOBS:-}" = "" ] && [ $i -lt "$ROUNDS" ]; do
    once j1 full -j 1
    once j2 full -j 2
    i=$((i + 1))
done
i=0
while [ $i -lt "$ROUNDS" ]; do
    once n140 n140
    once n280 n280
    once n560 n560
    i=$((i + 1))
done
echo "charge après : $(cut -d' ' -f1-3 /proc/loadavg)"
echo "passage temps_réel temps_cpu (médianes de $ROUNDS)"
for l in j1 j2 n140 n280 n560; do
    grep -q "^$l " $B/times && median $l
done
