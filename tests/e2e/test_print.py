"""The workbook as it prints (issue 13): LibreOffice headless converts the
sample workbook and a generated 20-class lycée to PDF, and poppler's
pdftotext reads the pages back. Every page names its sheet in the header
and counts "page n / N"; every page of a class sheet holds the whole
printed width (its header row, repeated, from Nom to the last place
column), at a scale measured on the page of 60 % or more; the Synthèse's
chart is whole on one page. Skipped when LibreOffice or poppler is not
installed (tools/install-deps.sh installs them with the test
dependencies)."""
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

from support import (FIXED, READABLE_SCALE, column_pixels, printed_scale,
                     run_generated_lycee, run_samples)

# The height of a landscape A4 page: the width of a portrait one.
A4_PORTRAIT_INCHES = 8.27

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


def to_pdf(xlsx, folder):
    """The PDF LibreOffice prints of xlsx, in folder (its own profile, so
    that it runs beside a desktop LibreOffice)."""
    profile = "file://" + os.path.join(folder, "profil-lo")
    subprocess.run([SOFFICE, "--headless", "-env:UserInstallation=" + profile,
                    "--convert-to", "pdf", "--outdir", folder, xlsx],
                   check=True, capture_output=True, timeout=600)
    return os.path.join(folder, os.path.splitext(os.path.basename(xlsx))[0]
                        + ".pdf")


def pages(pdf):
    """Each page's words as (text, xMin, yMin), in page order."""
    out = subprocess.run([PDFTOTEXT, "-bbox", pdf, "-"], check=True,
                         capture_output=True, text=True, timeout=300).stdout
    result = []
    for page in out.split("<page ")[1:]:
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                           r'xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', page)
        result.append([(unescape(t), float(x), float(y)) for x, y, t in words])
    return result


def unescape(text):
    return (text.replace("&amp;", "&").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#39;", "'").replace("&apos;", "'"))


def line_text(words, y, tolerance=1.0):
    """The words of the line at height y, left to right, joined."""
    return " ".join(t for t, _, wy in sorted(words, key=lambda w: w[1])
                    if abs(wy - y) <= tolerance)


def expected_pages(ws):
    """Pages a class sheet's rows fill on landscape A4 at its printed
    scale, its header row repeated on each."""
    scale = printed_scale(ws) / 100
    m = ws.page_margins
    usable = (A4_PORTRAIT_INCHES - m.top - m.bottom) * 72
    height = [ws.row_dimensions[r].height or 15
              for r in range(1, ws.max_row + 1)]
    room = usable / scale - height[0]
    return math.ceil(sum(height[1:]) / room)


@unittest.skipUnless(SOFFICE and PDFTOTEXT,
                     "LibreOffice (soffice) and poppler-utils needed")
class Print:
    """The checks, over self.wb (openpyxl) and self.pages (the PDF) of
    the workbook the subclass's write(folder, out) makes."""

    @classmethod
    def setUpClass(cls):
        if not (SOFFICE and PDFTOTEXT):
            return
        cls.tmp = tempfile.TemporaryDirectory()
        out = os.path.join(cls.tmp.name, "suivi.xlsx")
        proc = cls.write(cls.tmp.name, out)
        assert proc.returncode == 1, proc.stderr
        cls.wb = openpyxl.load_workbook(out)
        cls.pages = pages(to_pdf(out, cls.tmp.name))

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "tmp"):
            cls.tmp.cleanup()

    def sheet_of(self, words):
        """The sheet a page belongs to: the header's right part, the first
        line of the page."""
        top = min(y for _, _, y in words)
        return line_text(words, top)

    def pages_by_sheet(self):
        found = {}
        for n, words in enumerate(self.pages, 1):
            found.setdefault(self.sheet_of(words), []).append((n, words))
        return found

    def test_every_sheet_prints_and_every_page_is_counted(self):
        total = len(self.pages)
        by_sheet = self.pages_by_sheet()
        self.assertEqual(set(by_sheet), set(self.wb.sheetnames))
        for n, words in enumerate(self.pages, 1):
            bottom = [y for t, _, y in words if t == "Édité"][-1]
            footer = line_text(words, bottom)
            # Nothing below the footer: a chart starting on a page break
            # used to spill its labels onto the page above.
            self.assertLessEqual(max(y for _, _, y in words), bottom + 1,
                                 n)
            self.assertTrue(footer.endswith("page %d / %d" % (n, total)),
                            footer)
            self.assertIn("Édité le", footer)
            self.assertTrue(footer.startswith("Période du"), footer)

    def class_pages(self):
        by_sheet = self.pages_by_sheet()
        for ws in self.wb.worksheets:
            if ws.title not in FIXED:
                yield ws, by_sheet[ws.title]

    def test_class_pages_hold_the_whole_printed_width(self):
        """One page wide: each page starts with the header row, from Nom to
        the last printed column's « au »; no page carries only the columns
        cut off at the right."""
        for ws, printed in self.class_pages():
            for n, words in printed:
                texts = [t for t, _, _ in words]
                for label in ("Nom", "Prénom", "Statut", "À", "faire",
                              "Dispense", "structure", "du", "au"):
                    self.assertIn(label, texts, (ws.title, n))
                self.assertNotIn("INE", texts, (ws.title, n))
                self.assertNotIn("Lignes", texts, (ws.title, n))
            # As many pages as the rows' heights fill at the sheet's
            # scale (one page wide, not squeezed one page tall), give or
            # take one for where LibreOffice breaks.
            self.assertLessEqual(abs(len(printed) - expected_pages(ws)), 1,
                                 (ws.title, len(printed)))

    def test_class_pages_print_at_a_readable_scale(self):
        """The scale measured on the page: the distance from Nom to Prénom
        (the width of column A) against column A's width at 100 %."""
        for ws, printed in self.class_pages():
            a_points = column_pixels(ws, "A") * 0.75
            for n, words in printed:
                x = {t: wx for t, wx, _ in words if t in ("Nom", "Prénom")}
                scale = 100.0 * (x["Prénom"] - x["Nom"]) / a_points
                self.assertGreaterEqual(scale, READABLE_SCALE - 1,
                                        (ws.title, n, scale))

    def test_summary_chart_is_whole_on_one_page(self):
        by_sheet = self.pages_by_sheet()["Synthèse"]
        chart = [(n, words) for n, words in by_sheet
                 if "Élèves dont le dossier n'est pas prêt, par classe"
                 in " ".join(t for t, _, _ in words)]
        self.assertEqual(len(chart), 1)
        texts = " ".join(t for t, _, _ in chart[0][1])
        # Its title, every class's bar and its legend on that page.
        for ws in self.wb.worksheets:
            if ws.title not in FIXED:
                self.assertIn(ws.title, texts)
        self.assertIn("vérifier", texts)
        # And the headline block on the first page, above the table.
        first = " ".join(t for t, _, _ in by_sheet[0][1])
        for label in ("Où en est-on ?", "Prêts ou dispensés",
                      "Sans lieu d'accueil", "jour le plus chargé",
                      "En retard", "Anomalies à corriger"):
            self.assertIn(label, first)


class SamplesPrint(Print, unittest.TestCase):
    @staticmethod
    def write(folder, out):
        return run_samples(out)


class GeneratedLyceePrint(Print, unittest.TestCase):
    @staticmethod
    def write(folder, out):
        return run_generated_lycee(folder, out)


if __name__ == "__main__":
    unittest.main()
