#!/usr/bin/python3
"""coverage-summary.py SUMMARY.json [SUITE...]: the line coverage of each
module and each layer, from gcovr's --json-summary, as `make coverage`
prints it. SUITE names what ran (unit, e2e), for the heading.

A module of src/ that gcovr does not list (never compiled) is shown as
such, never left out: a figure for a layer must cover all its files.
"""
import glob
import json
import os
import sys

# Pipeline order, as HACKING.md lists the layers; the top last.
ORDER = ("base", "settings", "input", "core", "store", "workbook")
TOP = "haut (src/*.c)"


def layer_of(filename):
    parts = filename.split("/")
    return parts[1] if len(parts) > 2 else TOP


def rank(filename):
    layer = layer_of(filename)
    index = ORDER.index(layer) if layer in ORDER else len(ORDER)
    return (index, layer, filename)


def percent(covered, total):
    if total == 0:
        return "     -"
    return ("%6.1f" % (100.0 * covered / total)).replace(".", ",")


def main(argv):
    if len(argv) < 2:
        print("usage : coverage-summary.py RÉSUMÉ.json [SUITE...]",
              file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        summary = json.load(f)
    # gcovr writes the root relative to the summary's own folder.
    root = os.path.join(os.path.dirname(os.path.abspath(argv[1])),
                        summary.get("root", "."))
    files = {f["filename"]: f for f in summary["files"]
             if f["filename"].startswith("src/")}
    on_disk = glob.glob(os.path.join(root, "src", "*.c")) + \
        glob.glob(os.path.join(root, "src", "*", "*.c"))
    for path in on_disk:
        name = os.path.relpath(path, root).replace(os.sep, "/")
        files.setdefault(name, None)

    suites = " ".join(argv[2:]) or "?"
    print("Couverture des lignes par module (tests : %s)" % suites)
    print("%-32s %8s %9s %8s" % ("module", "lignes", "couvertes", "%"))
    layers = {}
    for name in sorted(files, key=rank):
        f = files[name]
        layer = layers.setdefault(layer_of(name), [0, 0, 0])
        if f is None:
            layer[2] += 1
            print("%-32s %8s %9s %8s" % (name[4:], "?", "?", "non compilé"))
            continue
        layer[0] += f["line_covered"]
        layer[1] += f["line_total"]
        print("%-32s %8d %9d %6s %%" % (name[4:], f["line_total"],
                                        f["line_covered"],
                                        percent(f["line_covered"],
                                                f["line_total"]).strip()))
    print()
    print("Par couche")
    print("%-32s %8s %9s %8s" % ("couche", "lignes", "couvertes", "%"))
    covered = total = 0
    for name in sorted(layers, key=lambda n: rank("src/%s/x" % n
                                                  if n != TOP else "x")):
        c, t, missing = layers[name]
        covered += c
        total += t
        note = " (%d fichier(s) non compilé(s))" % missing if missing else ""
        print("%-32s %8d %9d %6s %%%s" % (name, t, c,
                                          percent(c, t).strip(), note))
    print("%-32s %8d %9d %6s %%" % ("total", total, covered,
                                    percent(covered, total).strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
