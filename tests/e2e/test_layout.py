"""A workbook people read and print (issue 13), read back with openpyxl on
the samples and on a generated lycée of 20 classes: the class sheets'
columns, panes, outline, print settings and row heights; the Synthèse's
headline block checked against the class sheets and Anomalies, its links
and alerts; every sheet's header and footer; the document properties.
The rendering itself is test_print.py's."""
import datetime
import os
import re
import tempfile
import unittest

import openpyxl
from openpyxl.utils import column_index_from_string

from support import (CLASS_LEAD, CLASS_TECH, FIXED, READABLE_SCALE,
                     printed_scale, run_generated_lycee, run_samples,
                     sheet_rows)



class Layout:
    """The checks, over self.wb: the workbook the subclass's
    write(folder, out) makes."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        out = os.path.join(cls.tmp.name, "suivi.xlsx")
        proc = cls.write(cls.tmp.name, out)
        assert proc.returncode == 1, proc.stderr
        cls.wb = openpyxl.load_workbook(out)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def class_sheets(self):
        return [ws for ws in self.wb.worksheets if ws.title not in FIXED]

    def test_class_sheets_share_one_column_order_read_first_on_the_left(self):
        headers = [[c.value for c in ws[1]] for ws in self.class_sheets()]
        self.assertGreater(len(headers), 3)
        for h in headers:
            self.assertEqual(h, headers[0], "same columns on every sheet")
        h = headers[0]
        self.assertEqual(h[:6], CLASS_LEAD)
        places = [i for i, v in enumerate(h) if re.match(r"Lieu \d+ — ", v)]
        tech = [i for i, v in enumerate(h) if v in CLASS_TECH or
                v.endswith("— type")]
        self.assertTrue(places and tech)
        self.assertEqual(h.index("Dispense") + 1, min(places))
        # The technical columns come after every place column, together.
        self.assertGreater(min(tech), max(i for i in places
                                          if not h[i].endswith("— type")))
        self.assertEqual(tech, list(range(min(tech), len(h))))
        self.assertEqual(h[-1], "Lignes d'origine")

    def test_class_sheets_freeze_names_and_fold_technical_columns(self):
        for ws in self.class_sheets():
            h = [c.value for c in ws[1]]
            self.assertEqual(ws.freeze_panes, "C2", ws.title)
            first_tech = h.index("INE") + 1
            for i, v in enumerate(h, 1):
                dim = ws.column_dimensions[openpyxl.utils.get_column_letter(i)]
                folded = i >= first_tech
                self.assertEqual(dim.outlineLevel, 1 if folded else 0,
                                 (ws.title, v))
                self.assertEqual(bool(dim.hidden), folded, (ws.title, v))

    def test_class_sheets_print_one_page_wide_readable_and_without_tech(self):
        for ws in self.class_sheets():
            h = [c.value for c in ws[1]]
            area = ws.print_area[0] if isinstance(ws.print_area, list) \
                else ws.print_area
            m = re.fullmatch(r"\$A\$1:\$([A-Z]+)\$(\d+)", area)
            self.assertIsNotNone(m, area)
            last = column_index_from_string(m.group(1))
            self.assertEqual(int(m.group(2)), ws.max_row, ws.title)
            self.assertLess(last, h.index("INE") + 1, "technical not printed")
            self.assertEqual(h[last - 1], "Lieu %d — au" % min(
                2, max(int(v.split()[1]) for v in h if v.startswith("Lieu"))))
            self.assertEqual(ws.page_setup.orientation, "landscape")
            self.assertEqual(int(ws.page_setup.paperSize), 9)
            self.assertEqual(ws.print_title_rows, "$1:$1")
            fit = ws.sheet_properties.pageSetUpPr
            self.assertTrue(fit is not None and fit.fitToPage, ws.title)
            self.assertIn(ws.page_setup.fitToWidth, (None, 1))
            self.assertEqual(ws.page_setup.fitToHeight, 0)
            self.assertGreaterEqual(printed_scale(ws), READABLE_SCALE,
                                    ws.title)

    def test_class_rows_tall_enough_todo_one_item_a_line_days_a_number(self):
        for ws in self.class_sheets():
            self.assertGreaterEqual(ws.row_dimensions[1].height or 15, 30)
            h = [c.value for c in ws[1]]
            for n, row in enumerate(ws.iter_rows(min_row=2,
                                                 values_only=True), 2):
                r = dict(zip(h, row))
                todo = r["À faire"] or ""
                self.assertNotIn("; ", todo)
                lines = todo.count("\n") + 1
                height = ws.row_dimensions[n].height or 15
                self.assertGreaterEqual(height, 15 * lines, (ws.title, n))
                self.assertIsInstance(r["Jours à accueillir"], int)
                self.assertEqual(bool(r["Dates à accueillir"]),
                                 r["Jours à accueillir"] > 0, (ws.title, n))
                self.assertTrue(ws.cell(n, 4).alignment.wrap_text)

    def test_every_sheet_has_header_and_footer(self):
        today = datetime.date.today().strftime("%d/%m/%Y")
        for ws in self.wb.worksheets:
            self.assertEqual(ws.oddHeader.right.text, "&A", ws.title)
            if self.school:
                self.assertIn(self.school, ws.oddHeader.left.text)
            self.assertRegex(ws.oddFooter.left.text,
                             r"^Période du \d\d/\d\d/\d{4} au \d\d/\d\d/\d{4}$")
            self.assertEqual(ws.oddFooter.center.text, "Édité le " + today)
            self.assertEqual(ws.oddFooter.right.text, "page &P / &N")

    def test_document_properties(self):
        p = self.wb.properties
        self.assertEqual(p.title, "Stage de seconde — suivi des séquences "
                                  "d'observation")
        self.assertRegex(p.subject, r"^Période d'observation du ")
        self.assertEqual(p.description, "Date de référence : " + self.as_of)

    def test_summary_class_names_link_to_their_sheets(self):
        ws = self.wb["Synthèse"]
        names = [ws.title for ws in self.class_sheets()]
        linked = []
        for c in ws["A"]:
            if c.hyperlink is not None:
                m = re.fullmatch(r"'(.*)'!A1", c.hyperlink.location)
                self.assertIsNotNone(m, c.hyperlink.location)
                sheet = m.group(1).replace("''", "'")
                self.assertIn(sheet, self.wb.sheetnames)
                linked.append(sheet)
        self.assertEqual(linked, names)

    def headline(self):
        """{label: (value, detail)} of the Synthèse's headline block, which
        must sit on the first screen (rows 1 to 25)."""
        ws = self.wb["Synthèse"]
        top = [c.row for c in ws["A"] if c.value == "Où en est-on ?"]
        self.assertEqual(len(top), 1)
        self.assertLessEqual(top[0] + 5, 25, "on the first screen")
        return {ws.cell(r, 1).value: (ws.cell(r, 2).value,
                                      ws.cell(r, 3).value)
                for r in range(top[0] + 1, top[0] + 6)}

    def test_summary_headline_agrees_with_class_sheets_and_anomalies(self):
        pupils = [r for ws in self.class_sheets() for r in sheet_rows(ws)]
        head = self.headline()
        done = sum(r["Statut"] in ("Prêt", "Dispensé") for r in pupils)
        self.assertAlmostEqual(head["Prêts ou dispensés"][0],
                               done / len(pupils))
        self.assertEqual(head["Prêts ou dispensés"][1],
                         "%d élève(s) sur %d" % (done, len(pupils)))
        self.assertEqual(head["Sans lieu d'accueil"][0],
                         sum(r["Statut"] == "Sans lieu d'accueil"
                             for r in pupils))
        hosted = [r for r in pupils if r["Jours à accueillir"] > 0]
        self.assertEqual(head["À accueillir dans l'établissement"][0],
                         len(hosted))
        # The busiest day, counted from the class sheets' dates.
        period = self.period_days()
        count = {d: 0 for d in period}
        for r in hosted:
            days = period if r["Dates à accueillir"] == "toute la période" \
                else r["Dates à accueillir"].split(", ")
            for d in days:
                count[d] += 1
        busiest = max(period, key=lambda d: (count[d], -period.index(d)))
        self.assertIn("%s (%d élève(s))" % (busiest, count[busiest]),
                      head["À accueillir dans l'établissement"][1])
        late = sum(r.get("Retard") == "En retard" for r in pupils)
        self.assertEqual(head["En retard"][0],
                         late if "Retard" in pupils[0] else None)
        findings = [a for a in sheet_rows(self.wb["Anomalies"])
                    if a["Gravité"] in ("Erreur", "Attention")]
        self.assertEqual(head["Anomalies à corriger"][0], len(findings))

    def period_days(self):
        """The period's working days as "26/06", from Accueil
        établissement's day columns."""
        header = [c.value for c in self.wb["Accueil établissement"][1]]
        # Real dates, shown "ven. 28/06" by their number format.
        return [v.strftime("%d/%m") for v in header
                if isinstance(v, datetime.datetime)]

    def test_summary_counts_that_should_be_zero_turn_red(self):
        ws = self.wb["Synthèse"]
        top = [c.row for c in ws["A"] if c.value == "Où en est-on ?"][0]
        red = set()
        for rng, rules in ws.conditional_formatting._cf_rules.items():
            for rule in rules:
                self.assertEqual((rule.type, rule.operator, rule.formula),
                                 ("cellIs", "greaterThan", ["0"]))
                for cells in rng.sqref.ranges:
                    for row in range(cells.min_row, cells.max_row + 1):
                        for col in range(cells.min_col, cells.max_col + 1):
                            red.add(ws.cell(row, col).coordinate)
        for offset, label in ((2, "Sans lieu d'accueil"), (5,
                              "Anomalies à corriger")):
            self.assertEqual(ws.cell(top + offset, 1).value, label)
            self.assertIn("B%d" % (top + offset), red)
        self.assertNotIn("B%d" % (top + 1), red, "the share is no alarm")
        total = [c.row for c in ws["A"] if c.value == "Total"][0]
        self.assertIn("E%d" % total, red)   # Sans lieu d'accueil

    def test_summary_files_read_come_last(self):
        ws = self.wb["Synthèse"]
        rows = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
        self.assertGreater(rows["Fichiers lus"], rows["Total"])
        self.assertGreater(rows["Fichiers lus"], rows["Légende"])
        self.assertEqual(len(ws._charts), 1)
        self.assertEqual(len(ws.row_breaks.brk), 1)
        self.assertLess(ws.row_breaks.brk[0].id, rows["Fichiers lus"])


class SamplesLayout(Layout, unittest.TestCase):
    school = None
    as_of = "27/05/2024"

    @staticmethod
    def write(folder, out):
        return run_samples(out)


class GeneratedLyceeLayout(Layout, unittest.TestCase):
    as_of = "02/06/2025"

    @staticmethod
    def write(folder, out):
        return run_generated_lycee(folder, out)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        school = cls.wb["Synthèse"]["A2"].value.split(" — ", 1)
        cls.school = school[1] if len(school) > 1 else None

    def test_twenty_classes_and_late_pupils(self):
        self.assertEqual(len(self.class_sheets()), 20)
        self.assertGreater(self.headline()["En retard"][0], 0)


if __name__ == "__main__":
    unittest.main()
