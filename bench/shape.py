"""Prints the shape of stagecheck's workbooks for bench/floor: for each
workbook, each sheet's name, its number of rows and of non-empty cells, so
that the floor program writes exactly as many cells.

Usage: python3 bench/shape.py WORKBOOK... > shape.txt
Output lines: "W <path>", then per sheet
"S <rows> <cells> <text cells> <text characters> <sheet name>".
"""
import sys

import openpyxl


def main(paths):
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True)
        print("W", path)
        for ws in wb.worksheets:
            rows = cells = texts = chars = 0
            for row in ws.iter_rows(values_only=True):
                rows += 1
                for v in row:
                    if v is None:
                        continue
                    cells += 1
                    if isinstance(v, str):
                        texts += 1
                        chars += len(v)
            print("S", rows, cells, texts, chars, ws.title)
        wb.close()


if __name__ == "__main__":
    main(sys.argv[1:])
