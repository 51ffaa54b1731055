"""Writes make bench's figures into HACKING.md, between the lines
"<!-- bench:début -->" and "<!-- bench:fin -->" (bench/run.sh).

Usage: python3 bench/readme.py TIMES MACHINE HACKING.md
TIMES lines: "label round wall_s user_s sys_s peak_kB self_s" (self_s:
the seconds a floor reports of its own work, or "-");
MACHINE lines: "key value...": load, load_after, cores, rounds, commit,
input_menues.

Each figure is the median over the rounds; a ratio is computed within
each round (both sides ran minutes apart at most, under the same load),
then given as its median and its range over the rounds.
"""
import datetime
import statistics
import sys

CASES = [
    ("ecole", "One lycée, 1,000 pupils, one workbook (`-o`)"),
    ("lycee20k", "One lycée, 20,000 pupils in 680 classes (`-o`)"),
    ("a20", "Académie, 20,000 pupils, 80 lycées (`--by-school`)"),
    ("peer20", "The same with the pandas + XlsxWriter peer "
               "(`bench/peer.py`)"),
    ("j1", "Académie, 50,000 pupils, 200 lycées, `-j 1`"),
    ("j2", "The same, `-j 2`"),
    ("floor_lxw", "Floor: the same workbooks through libxlsxwriter "
                  "(`floor lxw`)"),
    ("floor_deflate", "Floor: deflating their XML (`floor deflate`)"),
    ("floor_parse", "Floor: reading, decoding, tokenising the inputs "
                    "(`floor parse`)"),
    ("n140", "140,000 pupils, 625 lycées (`-j` by default)"),
    ("n280", "280,000 pupils, 1,250 lycées"),
    ("n560", "The nation: 560,000 pupils, 2,500 lycées"),
    ("menues", "A million tiny rows `A;B;2A` (`-o`)"),
    ("floor_links", "Floor: libxlsxwriter alone, a sheet of 65,530 links "
                    "as their Relances holds (`floor links`)"),
]


def load(path):
    runs = {}
    with open(path) as f:
        for line in f:
            label, rnd, wall, user, sys_, peak, own = line.split()
            runs.setdefault(label, {})[int(rnd)] = {
                "wall": float(wall), "cpu": float(user) + float(sys_),
                "peak": int(peak) / 1024.0,
                "self": None if own == "-" else float(own)}
    return runs


def median(runs, label, key):
    values = [r[key] for r in runs.get(label, {}).values()
              if r[key] is not None]
    return statistics.median(values) if values else None


def ratios(runs, num, den):
    """The per-round ratios num/den, each side a function of one round's
    runs; None when a side is missing."""
    out = []
    for rnd in sorted(set.intersection(*[set(runs.get(l, {}))
                                         for l in num[0] + den[0]])):
        n = num[1]({l: runs[l][rnd] for l in num[0]})
        d = den[1]({l: runs[l][rnd] for l in den[0]})
        if n is not None and d:
            out.append(n / d)
    return out


def wall(label):
    return ([label], lambda r: r[label]["wall"])


def floor_single_core():
    """The least one core must spend: write these workbooks through
    libxlsxwriter, and read the inputs, as the floors report it."""
    labels = ["floor_lxw", "floor_parse"]
    return (labels, lambda r: (r["floor_lxw"]["self"] or 0) +
            (r["floor_parse"]["self"] or 0))


def own(label):
    return ([label], lambda r: r[label]["self"])


def cell(values, digits=2):
    if not values:
        return "–"
    med = statistics.median(values)
    return "**%.*f×** (%.*f–%.*f)" % (digits, med, digits, min(values),
                                     digits, max(values))


def main(times_path, machine_path, hacking_path):
    runs = load(times_path)
    machine = {}
    with open(machine_path) as f:
        for line in f:
            key, _, value = line.strip().partition(" ")
            machine[key] = value
    lines = [
        "<!-- bench:début -->",
        "Measured on %s with `make bench` (commit %s): %s interleaved "
        "rounds on %s cores, load average %s before and %s after; "
        "medians, `/usr/bin/time`, `TMPDIR=/dev/shm`." % (
            datetime.date.today().isoformat(), machine.get("commit", "?"),
            machine.get("rounds", "?"), machine.get("cores", "?"),
            machine.get("load", "?"), machine.get("load_after", "?")),
        "",
        "| Run | Wall | CPU (user + sys) | Own work | Peak memory |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, text in CASES:
        if label not in runs:
            continue
        own_s = median(runs, label, "self")
        lines.append("| %s | %.2f s | %.2f s | %s | %.1f MB |" % (
            text, median(runs, label, "wall"), median(runs, label, "cpu"),
            "%.2f s" % own_s if own_s is not None else "",
            median(runs, label, "peak")))
    lines += [
        "",
        "Ratios within each round (median, then range over the rounds), "
        "against the issue's targets:",
        "",
        "| Ratio | Measured | Target |",
        "| --- | ---: | ---: |",
        "| 20k académie: stagecheck / pandas peer (wall) | %s | ≤ 0.10 |"
        % cell(ratios(runs, wall("a20"), wall("peer20"))),
        "| 50k académie `-j 1` / single-core floor (lxw + parse) | %s "
        "| ≤ 1.2 |" % cell(ratios(runs, wall("j1"), floor_single_core())),
        "| 50k académie `-j 2` / single-core floor | %s | ≤ 0.7 |"
        % cell(ratios(runs, wall("j2"), floor_single_core())),
        "| 50k académie `-j 2` / `-j 1` | %s | |"
        % cell(ratios(runs, wall("j2"), wall("j1"))),
        "| 50k académie `-j 1` / deflate floor | %s | |"
        % cell(ratios(runs, wall("j1"), own("floor_deflate"))),
        "| 50k académie `-j 1` / parse floor | %s | |"
        % cell(ratios(runs, wall("j1"), own("floor_parse"))),
        "| 140k → 280k pupils (wall) | %s | 2.0 ± 5 %% |"
        % cell(ratios(runs, wall("n280"), wall("n140"))),
        "| 280k → 560k pupils (wall) | %s | 2.0 ± 5 %% |"
        % cell(ratios(runs, wall("n560"), wall("n280"))),
        "| 140k → 280k pupils (CPU) | %s | |"
        % cell(ratios(runs, (["n280"], lambda r: r["n280"]["cpu"]),
                      (["n140"], lambda r: r["n140"]["cpu"]))),
        "| 280k → 560k pupils (CPU) | %s | |"
        % cell(ratios(runs, (["n560"], lambda r: r["n560"]["cpu"]),
                      (["n280"], lambda r: r["n280"]["cpu"]))),
    ]
    size = int(machine.get("input_menues", "0"))
    peak = median(runs, "menues", "peak")
    floor = median(runs, "floor_links", "peak")
    if size and peak:
        lines.append("| A million tiny rows: peak memory / input size "
                     "(%.1f MB) | **%.1f×** | small multiple |"
                     % (size / 1048576.0, peak * 1024 * 1024 / size))
    if size and floor:
        lines.append("| The same, libxlsxwriter alone (`floor links`) | "
                     "%.1f× | |" % (floor * 1024 * 1024 / size))
    lines.append("<!-- bench:fin -->")
    with open(hacking_path) as f:
        text = f.read()
    start = text.index("<!-- bench:début -->")
    end = text.index("<!-- bench:fin -->") + len("<!-- bench:fin -->")
    text = text[:start] + "\n".join(lines) + text[end:]
    with open(hacking_path, "w") as f:
        f.write(text)
    print("\n".join(lines[1:-1]))


if __name__ == "__main__":
    main(*sys.argv[1:4])
