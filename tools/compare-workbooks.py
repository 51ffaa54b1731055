#!/usr/bin/python3
"""Compare two workbooks, or two folders of workbooks, cell for cell.

    compare-workbooks.py A B

A and B are .xlsx files or folders (their *.xlsx files are paired by name).
Compared: the sheet names and their order, and for every cell its value,
number format, fill colour, font (bold, colour), alignment and hyperlink
(its target, external, and its location, in the workbook); merged
ranges, frozen panes, column widths and the print area. Prints the first
differences and exits 1 when there is any, 0 when the workbooks are the
same. Written for the layout issue: a refactoring must not change a cell.
"""
import os
import sys

import openpyxl


def cell_key(c):
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type else None
    font = (c.font.b, str(c.font.color.rgb) if c.font.color is not None else None)
    align = (c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text)
    link = (c.hyperlink.target, c.hyperlink.location) if c.hyperlink else None
    return (c.value, c.number_format, fill, font, align, link)


def sheet_diffs(path_a, path_b):
    a = openpyxl.load_workbook(path_a)
    b = openpyxl.load_workbook(path_b)
    if a.sheetnames != b.sheetnames:
        yield f"{path_b}: feuilles {a.sheetnames} != {b.sheetnames}"
        return
    for name in a.sheetnames:
        sa, sb = a[name], b[name]
        rows = max(sa.max_row, sb.max_row)
        cols = max(sa.max_column, sb.max_column)
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                ka = cell_key(sa.cell(r, c))
                kb = cell_key(sb.cell(r, c))
                if ka != kb:
                    yield f"{path_b}!{name}!{sa.cell(r, c).coordinate}: {ka} != {kb}"
        for what, fa, fb in (
            ("fusions", sorted(map(str, sa.merged_cells.ranges)),
             sorted(map(str, sb.merged_cells.ranges))),
            ("volets", sa.freeze_panes, sb.freeze_panes),
            ("zone d'impression", sa.print_area, sb.print_area),
            ("largeurs", {k: v.width for k, v in sa.column_dimensions.items()},
             {k: v.width for k, v in sb.column_dimensions.items()}),
        ):
            if fa != fb:
                yield f"{path_b}!{name}: {what} {fa} != {fb}"


def pairs(a, b):
    if os.path.isdir(a):
        names_a = sorted(n for n in os.listdir(a) if n.endswith(".xlsx"))
        names_b = sorted(n for n in os.listdir(b) if n.endswith(".xlsx"))
        if names_a != names_b:
            yield None, f"classeurs {names_a} != {names_b}"
        for n in sorted(set(names_a) & set(names_b)):
            yield (os.path.join(a, n), os.path.join(b, n)), None
    else:
        yield (a, b), None


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    diffs, compared = [], 0
    for pair, problem in pairs(argv[1], argv[2]):
        if problem:
            diffs.append(problem)
            continue
        compared += 1
        diffs.extend(sheet_diffs(*pair))
    for d in diffs[:40]:
        print(d)
    if len(diffs) > 40:
        print(f"... et {len(diffs) - 40} autres différences")
    print(f"{compared} classeur(s) comparé(s), {len(diffs)} différence(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
