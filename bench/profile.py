"""Profiles one stagecheck run under callgrind, the parent and every
writing child alike, without counting the parent twice (issue 14).

Usage: python3 bench/profile.py OUTDIR STAGECHECK ARGS...

Callgrind writes one file per process (OUTDIR/cg.<pid>.out). A forked
child would start with the counts its parent made before the fork; each
writer zeroes them first (CALLGRIND_ZERO_STATS, workbook/writer.c), so
the files add up to the run. This script checks it (no writer may show a
cost in what only the parent does: reading and checking the inputs),
then prints each process's total and the functions that cost most, the
parent's and the writers' side by side.
"""
import os
import re
import subprocess
import sys

# Functions only the parent runs: a writer's profile that shows one of
# them counts the parent's work again.
PARENT_ONLY = ("sc_check_run", "sc_record_add_roll", "sc_file_open",
               "csv_parse")
TOP = 25


def compressed(line, table):
    """Returns the name a "key=(id) name" or "key=(id)" line gives, callgrind
    writing each name once and its id after: table holds the ids seen."""
    m = re.match(r"\w+=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
    if not m:
        return line.split("=", 1)[1].strip()
    if m.group(2):
        table[m.group(1)] = m.group(2)
    return table.get(m.group(1), m.group(1))


def self_costs(path):
    """Returns {function: instructions} (self cost) of one callgrind file,
    and the file's total. Read from callgrind's own format rather than
    through callgrind_annotate, which takes the calls of a writer's frames
    still open when it zeroed its counts (calls=0) for self costs."""
    costs, names, objs, total = {}, {}, {}, 0
    fn, obj, skip = None, "", False
    with open(path) as f:
        for line in f:
            if line[0].isdigit() or line[0] in "+-*":
                if skip:
                    skip = False    # a call's inclusive cost
                    continue
                fields = line.split()
                if fn is not None and len(fields) > 1:
                    costs[fn] = costs.get(fn, 0) + int(fields[1])
            elif line.startswith(("fn=", "cfn=")):
                name = compressed(line, names)
                if line.startswith("fn="):
                    # zlib's functions have no symbols: name the library.
                    fn = name + " (" + obj + ")" if name.startswith("0x") \
                        else name
            elif line.startswith("ob="):
                obj = os.path.basename(compressed(line, objs))
            elif line.startswith("calls="):
                skip = True
            elif line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
    return costs, total


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out, cmd = argv[1], argv[2:]
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.startswith("cg."):
            os.unlink(os.path.join(out, name))
    run = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--quiet",
         "--callgrind-out-file=" + os.path.join(out, "cg.%p.out")] + cmd)
    status = run.wait()
    if status not in (0, 1):
        sys.stderr.write("profil : stagecheck a fini en %d\n" % status)
        return 2
    parent, writers, ntotal, nwriters = {}, {}, {}, 0
    for name in sorted(os.listdir(out)):
        if not name.startswith("cg."):
            continue
        costs, total = self_costs(os.path.join(out, name))
        if name == "cg.%d.out" % run.pid:
            parent, ntotal["parent"] = costs, total
            continue
        nwriters += 1
        ntotal["writers"] = ntotal.get("writers", 0) + total
        for fn, n in costs.items():
            writers[fn] = writers.get(fn, 0) + n
    twice = [fn for fn in PARENT_ONLY if writers.get(fn)]
    if twice:
        sys.stderr.write("profil : les écrivains comptent le travail du "
                         "parent (%s) : double comptage\n" % ", ".join(twice))
        return 1
    whole = ntotal.get("parent", 0) + ntotal.get("writers", 0)
    print("Instructions: parent %s, %d writers %s, run %s (no double count: "
          "%s cost nothing in the writers)."
          % (f"{ntotal.get('parent', 0):,}", nwriters,
             f"{ntotal.get('writers', 0):,}", f"{whole:,}",
             ", ".join(PARENT_ONLY)))
    print()
    print("| Function | Parent | Writers | Run | % |")
    print("| --- | ---: | ---: | ---: | ---: |")
    fns = set(parent) | set(writers)
    for fn in sorted(fns, key=lambda f: -(parent.get(f, 0) +
                                          writers.get(f, 0)))[:TOP]:
        p, w = parent.get(fn, 0), writers.get(fn, 0)
        print("| `%s` | %s | %s | %s | %.1f %% |"
              % (fn, f"{p:,}", f"{w:,}", f"{p + w:,}",
                 100.0 * (p + w) / whole if whole else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
