#!/usr/bin/python3
"""check-layers.py [ROOT]: the layer rule (HACKING.md) over every #include
of ROOT/src and ROOT/include (ROOT: this script's repository by default).

A file's layer is its folder: src/<layer>/ and include/stagecheck/<layer>/;
src/*.c and include/stagecheck/*.h are the top (run, summary, main), which
may include anything. A module's own header (src/x/m.c,
include/stagecheck/x/m.h) is in its own layer, so always allowed.
Prints one FILE:LINE: message per forbidden include and exits 1 if there
is any, 0 otherwise; `make test` runs it.
"""
import os
import re
import sys

# Each layer and the layers it may include; a new folder under src/ must be
# added here before it builds past `make test`.
ALLOWED = {
    "base": ("base",),
    "core": ("base", "core"),
    "input": ("base", "core", "input"),
    "store": ("base", "core", "store"),
    "workbook": ("base", "core", "store", "workbook"),
    "settings": ("base", "core", "input", "settings"),
}
TOP = "top"
# Only the workbook layer talks to libxlsxwriter, so that everything else
# (and the workbook's model) stays testable without it.
XLSXWRITER_LAYERS = ("workbook",)
# Each pair never includes the other, whatever the table above grows into.
APART = (("input", "workbook"),)

INCLUDE = re.compile(r'\s*#\s*include\s*([<"])([^>"]*)[>"]')


class UnknownLayer(Exception):
    pass


def layer_of(rel):
    """The layer of a path relative to ROOT (src/... or include/...)."""
    parts = rel.split("/")
    if parts[0] == "src":
        inner = parts[1:]
    elif parts[:2] == ["include", "stagecheck"]:
        inner = parts[2:]
    else:
        raise UnknownLayer(rel)
    if len(inner) == 1:
        return TOP
    if inner[0] in ALLOWED:
        return inner[0]
    raise UnknownLayer(rel)


def strip_comments(text):
    """TEXT with its comments blanked out, line breaks kept, so that an
    include in a comment is not one and line numbers stay right."""
    out = []
    i, n = 0, len(text)
    quote = None
    while i < n:
        c = text[i]
        if quote:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == quote or c == "\n":
                quote = None
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(ch if ch == "\n" else " "
                               for ch in text[i:end]))
            i = end
            continue
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            i = end
            continue
        else:
            if c in "\"'":
                quote = c
            out.append(c)
        i += 1
    return "".join(out)


def resolve(root, rel, kind, name):
    """The project file an include names, relative to ROOT, or None when it
    names something outside the project (libc, libxlsxwriter...)."""
    if name.startswith("stagecheck/"):
        return os.path.normpath("include/" + name)
    # Where the compiler looks: beside the file for "", then -Iinclude.
    tries = [os.path.join(os.path.dirname(rel), name)] if kind == '"' else []
    for path in tries + [os.path.join("include", name)]:
        path = os.path.normpath(path).replace(os.sep, "/")
        if os.path.isfile(os.path.join(root, path)):
            if path.startswith(("src/", "include/")):
                return path
            return None
    return None


def breach(layer, target_layer):
    """Why LAYER may not include TARGET_LAYER, or None if it may."""
    if layer == TOP:
        return None
    if target_layer == TOP:
        return ("seul le haut (src/*.c : run, summary, main) inclut "
                "run.h, summary.h et les autres en-têtes de "
                "include/stagecheck/")
    for a, b in APART:
        if {layer, target_layer} == {a, b}:
            return "%s et %s ne s'incluent jamais l'un l'autre" % (a, b)
    if target_layer not in ALLOWED[layer]:
        return "la couche %s n'inclut que %s" % (
            layer, ", ".join(ALLOWED[layer]))
    return None


def check_file(root, rel):
    """The breaches of one file, as FILE:LINE: message strings."""
    found = []
    try:
        layer = layer_of(rel)
    except UnknownLayer:
        return ["%s:1: dossier hors de la règle des couches : ajoutez-le "
                "à la table de tools/check-layers.py" % rel]
    with open(os.path.join(root, rel), encoding="utf-8",
              errors="replace") as f:
        text = strip_comments(f.read())
    for number, line in enumerate(text.split("\n"), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        kind, name = m.group(1), m.group(2).strip()
        where = "%s:%d: " % (rel, number)
        if name == "xlsxwriter.h" or name.startswith("xlsxwriter/"):
            if layer not in XLSXWRITER_LAYERS:
                found.append(where + "seule la couche workbook inclut "
                             "xlsxwriter.h (ici %s)" % layer)
            continue
        target = resolve(root, rel, kind, name)
        if target is None:
            continue
        try:
            target_layer = layer_of(target)
        except UnknownLayer:
            found.append(where + "%s est hors de la règle des couches"
                         % name)
            continue
        why = breach(layer, target_layer)
        if why:
            found.append(where + "%s inclut %s (%s) : %s"
                         % (layer, target_layer, name, why))
    return found


def sources(root):
    """Every C file of ROOT/src and ROOT/include, relative to ROOT."""
    for top in ("src", "include"):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    path = os.path.join(folder, name)
                    yield os.path.relpath(path, root).replace(os.sep, "/")


def main(argv):
    if len(argv) > 2:
        print("usage : check-layers.py [RACINE]", file=sys.stderr)
        return 2
    root = argv[1] if len(argv) == 2 else \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(os.path.join(root, "src")):
        print("check-layers : pas de dossier src/ dans %s" % root,
              file=sys.stderr)
        return 2
    files = list(sources(root))
    found = [b for rel in files for b in check_file(root, rel)]
    for b in found:
        print(b, file=sys.stderr)
    if found:
        print("règle des couches : %d infraction(s)" % len(found),
              file=sys.stderr)
        return 1
    print("règle des couches : %d fichiers, aucune infraction" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
