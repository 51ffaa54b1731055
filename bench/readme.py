"""Writes make bench's figures into HACKING.md, between the lines
"<!-- bench:début -->" and "<!-- bench:fin -->".

Usage: python3 bench/readme.py RESULTS HACKING.md [SIZES]
RESULTS lines: "label wall_s user_s sys_s peak_kB" (bench/run.sh);
SIZES lines: "label bytes", the inputs whose size memory is compared to.
"""
import datetime
import os
import sys

ROWS = [
    ("ecole", "Un lycée de 1 000 élèves, un classeur (`-o`)"),
    ("demi", "Demi-académie : 25 000 élèves, 100 lycées (`--by-school`)"),
    ("academie", "Académie : 50 000 élèves, 200 lycées (`--by-school`)"),
    ("plancher", "Plancher : les mêmes classeurs écrits directement par "
                 "libxlsxwriter"),
    ("double", "Double académie : 100 000 élèves, 400 lycées "
               "(`--by-school`)"),
    ("lycee50000", "Un lycée de 50 000 élèves, 1 700 classes (`-o`)"),
    ("lycee100000", "Un lycée de 100 000 élèves, 3 400 classes (`-o`)"),
    ("lycee200000", "Un lycée de 200 000 élèves, 6 700 classes (`-o`)"),
    ("menues", "Un million de lignes menues `A;B;2A` (`-o`)"),
]


def fr(x, digits=2):
    return ("%.*f" % (digits, x)).replace(".", ",")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "processeur inconnu"


def main(results_path, readme_path, sizes_path=None):
    res = {}
    sizes = {}
    if sizes_path:
        with open(sizes_path) as f:
            for line in f:
                label, size = line.split()
                sizes[label] = int(size)
    with open(results_path) as f:
        for line in f:
            label, wall, user, sys_, peak = line.split()
            res[label] = (float(wall), float(user), float(sys_), int(peak))
    lines = [
        "<!-- bench:début -->",
        "Mesuré le %s avec `make bench` sur %s, %d cœurs (médiane de "
        "3 passages, `/usr/bin/time`, fichiers de travail de libxlsxwriter "
        "dans `TMPDIR=%s`) :" % (
            datetime.date.today().isoformat(), cpu_model(),
            os.cpu_count() or 1, os.environ.get("TMPDIR", "/tmp")),
        "",
        "| Passage | Temps réel | Temps utilisateur | Temps système "
        "| Mémoire maximale |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, text in ROWS:
        if label in res:
            wall, user, sys_, peak = res[label]
            lines.append("| %s | %s s | %s s | %s s | %s Mo |" % (
                text, fr(wall), fr(user), fr(sys_), fr(peak / 1024, 1)))
    lines.append("")
    if "academie" in res and "plancher" in res:
        lines.append("- Académie / plancher (temps réel) : **%s×** "
                     "(objectif : 1,3× au plus)." % fr(
                         res["academie"][0] / res["plancher"][0]))
    if "academie" in res and "demi" in res and "double" in res:
        lines.append("- Temps réel en doublant l'entrée : demi → académie "
                     "**×%s**, académie → double **×%s** (objectif : ×2,2 "
                     "au plus)." % (
                         fr(res["academie"][0] / res["demi"][0]),
                         fr(res["double"][0] / res["academie"][0])))
    big = ["lycee50000", "lycee100000", "lycee200000"]
    if all(b in res for b in big):
        lines.append("- Un seul classeur, en doublant les élèves : 50 000 → "
                     "100 000 **×%s**, 100 000 → 200 000 **×%s** (objectif "
                     ": ×2)." % (fr(res[big[1]][0] / res[big[0]][0]),
                                 fr(res[big[2]][0] / res[big[1]][0])))
    if "menues" in res and "menues_input" in sizes:
        lines.append("- Lignes menues : mémoire maximale **%s×** la taille "
                     "de l'entrée (%s Mo)." % (
                         fr(res["menues"][3] * 1024 / sizes["menues_input"],
                            0),
                         fr(sizes["menues_input"] / 1048576, 1)))
    lines.append("<!-- bench:fin -->")
    with open(readme_path) as f:
        text = f.read()
    start = text.index("<!-- bench:début -->")
    end = text.index("<!-- bench:fin -->") + len("<!-- bench:fin -->")
    text = text[:start] + "\n".join(lines) + text[end:]
    with open(readme_path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:4])
