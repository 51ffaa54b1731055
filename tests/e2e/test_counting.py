"""Nothing lost, counted: every roll row and every placements row of the
inputs shows exactly once as the home of a row: on one pupil's line of a
class sheet (column « Lignes d'origine ») or, when it belongs to no pupil
shown, in an Anomalies sheet. The inputs are read here independently
(Python's csv), the workbooks with openpyxl."""
import codecs
import csv
import glob
import io
import os
import re
import subprocess
import tempfile
import unittest

import openpyxl

from support import FIXED, SAMPLES, command, generate


def decode(data):
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def class_key(text):
    return re.sub(r"[^0-9a-z]", "", (text or "").casefold())


def data_rows(path):
    """{(path, line): class key} of the records below the header (the first
    record with three cells or more), blank records left out; the class is
    that of a Classe or Division column, or None."""
    with open(path, "rb") as f:
        text = decode(f.read())
    best = None
    for sep in ";\t,":
        records, end = [], 0
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        for record in reader:
            records.append((end + 1, record))
            end = reader.line_num
        width = max((len(r) for _, r in records), default=0)
        if best is None or width > best[0]:
            best = (width, records)
    records = [(line, r) for line, r in best[1]
               if any(c.strip() for c in r)]
    header = next(i for i, (_, r) in enumerate(records)
                  if sum(bool(c.strip()) for c in r) >= 3)
    names = [class_key(c) for c in records[header][1]]
    col = next((i for i, n in enumerate(names)
                if n in ("classe", "division")), None)
    return {(path, line): class_key(r[col]) if col is not None and
            col < len(r) else None for line, r in records[header + 1:]}


LEFT_OUT = re.compile(r"classe écartée par --classes .* : (\d+) élève")


def homes(workbooks):
    """(refs on pupils' lines as a list, refs in Anomalies as a set,
    {class key: pupils} of the classes left out by --classes)."""
    on_lines, in_anomalies, left_out = [], set(), {}
    for path in workbooks:
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = list(next(rows))
            if ws.title == "Anomalies":
                # The header is under the sheet's title.
                while header[:1] != ["Gravité"]:
                    header = list(next(rows))
                f, l = header.index("Fichier"), header.index("Ligne")
                c, m = header.index("Classe"), header.index("Message")
                for r in rows:
                    if r[l]:
                        in_anomalies.add((r[f], r[l]))
                    found = LEFT_OUT.search(r[m] or "")
                    if found:
                        key = class_key(r[c])
                        left_out[key] = left_out.get(key, 0) + \
                            int(found.group(1))
            elif ws.title not in FIXED and ws.title != "Académie":
                col = header.index("Lignes d'origine")
                for r in rows:
                    for ref in r[col].split(" ; "):
                        name, line = ref.rsplit(":", 1)
                        on_lines.append((name, int(line)))
        wb.close()
    return on_lines, in_anomalies, left_out


class NothingLost(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def assert_every_row_once(self, inputs, workbooks):
        rows = {}
        for path in inputs:
            rows.update(data_rows(path))
        on_lines, in_anomalies, left_out = homes(workbooks)
        # No row on two pupils' lines, or twice on one.
        self.assertEqual(len(on_lines), len(set(on_lines)))
        # A class left out by --classes is one note with its count of
        # pupils, at its first row: its other rows are counted there. (A row
        # of such a class that is no pupil at all, say without a name, has
        # its own anomaly instead.)
        unhomed = set(rows) - set(on_lines) - in_anomalies
        for key, count in left_out.items():
            off = {r for r in set(rows) - set(on_lines) if rows[r] == key}
            self.assertLessEqual(len(off & unhomed), count, key)
            self.assertLessEqual(count, len(off), key)
            unhomed -= off
        self.assertEqual(sorted(unhomed), [], "rows shown nowhere")
        self.assertEqual(sorted(set(on_lines) - set(rows)), [],
                         "pupil lines naming no input row")
        return len(rows), len(set(on_lines))

    def test_samples_every_row_shows_once(self):
        inputs = [os.path.join(SAMPLES, n) for n in
                  ("eleves-siecle.csv", "eleves-pronote.csv", "stages.csv")]
        out = os.path.join(self.dir, "suivi.xlsx")
        proc = subprocess.run(
            command("--roll", inputs[0], "--roll", inputs[1],
                    "--placements", inputs[2], "--as-of", "2024-05-27",
                    "--classes", "2*", "-o", out),
            capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        total, shown = self.assert_every_row_once(inputs, [out])
        self.assertGreater(total, 250)
        self.assertGreater(shown, 200)

    def generate(self, *args):
        return generate(os.path.join(self.dir, "donnees"), *args)

    def test_generated_school_every_row_shows_once(self):
        data = self.generate("--single", "--pupils", "600", "--seed", "7")
        inputs = [os.path.join(data, "eleves.csv"),
                  os.path.join(data, "stages.csv")]
        out = os.path.join(self.dir, "suivi.xlsx")
        proc = subprocess.run(
            command("--roll", inputs[0], "--placements", inputs[1],
                    "--as-of", "2025-05-26", "-o", out),
            capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        total, shown = self.assert_every_row_once(inputs, [out])
        self.assertGreater(total, 1200)

    def test_generated_academie_every_row_shows_once(self):
        data = self.generate("--pupils", "3000", "--schools", "12",
                             "--seed", "3")
        inputs = sorted(glob.glob(os.path.join(data, "*-eleves.csv"))) + \
            sorted(glob.glob(os.path.join(data, "*-stages.csv")))
        args = []
        for path in inputs:
            args += ["--roll" if path.endswith("eleves.csv")
                     else "--placements", path]
        out = os.path.join(self.dir, "classeurs")
        proc = subprocess.run(
            command(*args, "--as-of", "2025-05-26", "--by-school", out),
            capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        books = glob.glob(os.path.join(out, "*.xlsx"))
        self.assertEqual(len(books), 13)
        total, shown = self.assert_every_row_once(inputs, books)
        self.assertGreater(total, 6000)


if __name__ == "__main__":
    unittest.main()
