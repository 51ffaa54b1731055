"""End-to-end tests of --by-school: one workbook per school and
academie.xlsx, read back with openpyxl."""
import csv
import glob
import os
import resource
import subprocess
import tempfile
import unittest

import openpyxl

from support import (COLOURS, PLACEMENT_HEADER, command, fill, generate,
                     header_row, placement, sheet_rows)

ROLL = "UAI;Établissement;Nom;Prénom;Classe;INE;Date de naissance"
STAGES = "UAI;" + PLACEMENT_HEADER
STATUSES = list(COLOURS)


def workbook_values(path):
    """{sheet: [row tuples]} of every sheet: what a reader sees."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True))
            for ws in wb.worksheets}


class BySchool(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.out = os.path.join(self.dir, "classeurs")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, lines):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def run_tool(self, *args, limit_files=None):
        def pre():
            if limit_files:
                resource.setrlimit(resource.RLIMIT_NOFILE,
                                   (limit_files, limit_files))
        return subprocess.run(command(*args, "--as-of", "2024-05-27"),
                              capture_output=True, text=True, cwd=self.dir,
                              preexec_fn=pre, timeout=600)

    def two_schools(self):
        """School A (two pupils, one ready) and school B (one pupil, ready),
        each in its own pair of files, plus a row without UAI."""
        self.write("a-eleves.csv", [
            ROLL, "0690001A;Lycée Ampère;DUPONT;Léa;2nde 1;A1;01/02/2008",
            "0690001A;Lycée Ampère;DURAND;Jo;2nde 2;A2;02/02/2008",
            ";;SANSCODE;Paul;2nde 1;A9;03/02/2008"])
        self.write("a-stages.csv", [STAGES, "0690001A;" + placement("A1")])
        self.write("b-eleves.csv", [
            ROLL, "0690002B;Lycée Saint-Exupéry;MARTIN;Léo;2nde 1;B1;"
                  "04/02/2008"])
        self.write("b-stages.csv", [STAGES, "0690002B;" + placement("B1")])
        return ("--roll", "a-eleves.csv", "--roll", "b-eleves.csv",
                "--placements", "a-stages.csv", "--placements",
                "b-stages.csv")

    def test_academie_least_ready_first_with_links_to_workbooks(self):
        """A third school, last by UAI but ready for nobody, comes first;
        each workbook name links to the file beside academie.xlsx."""
        args = self.two_schools()
        self.write("c-eleves.csv", [
            ROLL, "0690009Z;Lycée Zola;PETIT;Max;2nde 1;C1;05/02/2008"])
        proc = self.run_tool(*args, "--roll", "c-eleves.csv",
                             "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(self.out, "academie.xlsx"))
        ws = wb["Académie"]
        rows = sheet_rows(ws)
        self.assertEqual([r["UAI"] for r in rows],
                         ["0690009Z", "0690001A", "0690002B", "Total"])
        self.assertEqual([r["Prêts ou dispensés"] for r in rows[:3]],
                         [0, 0.5, 1])
        top = header_row(ws)
        links = [ws.cell(row=top + 1 + i, column=3).hyperlink
                 for i in range(3)]
        self.assertEqual([link.target for link in links],
                         [r["Classeur"] for r in rows[:3]])
        for r in rows[:3]:
            self.assertTrue(os.path.exists(os.path.join(self.out,
                                                        r["Classeur"])))
        # The filter covers the schools, not the Total row.
        self.assertEqual(ws.auto_filter.ref.split(":")[0], "A%d" % top)
        self.assertTrue(ws.auto_filter.ref.endswith(str(top + 3)))

    def test_one_workbook_per_school_named_from_uai_and_name(self):
        proc = self.run_tool(*self.two_schools(), "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(sorted(f for f in os.listdir(self.out)
                                if f.endswith(".xlsx")),
                         ["0690001A-Lycee-Ampere.xlsx",
                          "0690002B-Lycee-Saint-Exupery.xlsx",
                          "academie.xlsx"])
        wb = openpyxl.load_workbook(
            os.path.join(self.out, "0690001A-Lycee-Ampere.xlsx"))
        self.assertIn("0690001A — Lycée Ampère", wb["Synthèse"]["A2"].value)
        names = {(r["Nom"], r["Statut"]) for s in ("2nde 1", "2nde 2")
                 for r in sheet_rows(wb[s])}
        self.assertEqual(names, {("DUPONT", "Prêt"),
                                 ("DURAND", "Sans lieu d'accueil")})
        cell = wb["2nde 1"]["C2"]
        self.assertEqual(wb["2nde 1"]["C1"].value, "Statut")
        self.assertEqual(fill(cell), COLOURS["Prêt"])

    def test_each_school_workbook_equals_a_single_school_run(self):
        args = self.two_schools()
        proc = self.run_tool(*args, "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        single = os.path.join(self.dir, "seul.xlsx")
        proc = self.run_tool("--roll", "b-eleves.csv", "--placements",
                             "b-stages.csv", "-o", single)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(
            workbook_values(os.path.join(
                self.out, "0690002B-Lycee-Saint-Exupery.xlsx")),
            workbook_values(single))

    def test_matching_never_crosses_schools(self):
        # The same pupil name and INE in both schools: each placement row
        # stays in its own school.
        self.write("eleves.csv", [
            ROLL, "0690001A;A;DUPONT;Léa;2nde 1;X1;01/02/2008",
            "0690002B;B;DUPONT;Léa;2nde 1;X1;01/02/2008"])
        self.write("stages.csv", [
            STAGES, "0690002B;" + placement("X1"),
            "0690002B;" + ";".join(["", "DUPONT", "Léa", "2nde 1"]) +
            ";Mairie;;Lyon;;17/06/2024;28/06/2024;oui;oui;oui;oui;x;y;oui;"
            "oui;;"])
        proc = self.run_tool("--roll", "eleves.csv", "--placements",
                             "stages.csv", "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        a = openpyxl.load_workbook(os.path.join(self.out, "0690001A-A.xlsx"))
        b = openpyxl.load_workbook(os.path.join(self.out, "0690002B-B.xlsx"))
        self.assertEqual(sheet_rows(a["2nde 1"])[0]["Statut"],
                         "Sans lieu d'accueil")
        self.assertEqual(sheet_rows(b["2nde 1"])[0]["Statut"], "À vérifier")
        # School A saw none of school B's rows.
        self.assertEqual([r["Gravité"] for r in sheet_rows(a["Anomalies"])],
                         ["Aucune anomalie"])

    def test_academie_workbook_sums_schools_with_colours_and_chart(self):
        proc = self.run_tool(*self.two_schools(), "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(self.out, "academie.xlsx"))
        ws = wb["Académie"]
        rows = sheet_rows(ws)
        self.assertEqual([r["UAI"] for r in rows],
                         ["0690001A", "0690002B", "Total"])
        a, b, total = rows
        self.assertEqual(a["Établissement"], "Lycée Ampère")
        self.assertEqual(a["Classeur"], "0690001A-Lycee-Ampere.xlsx")
        self.assertEqual((a["Effectif"], a["Prêt"], a["Sans lieu d'accueil"]),
                         (2, 1, 1))
        self.assertAlmostEqual(a["Prêts ou dispensés"], 0.5)
        self.assertEqual((b["Effectif"], b["Prêt"]), (1, 1))
        self.assertEqual(total["Effectif"], 3)
        self.assertEqual(total["Prêt"], 2)
        # The row without UAI is an anomaly of academie.xlsx, counted in
        # the total.
        self.assertEqual(total["Anomalies"], a["Anomalies"] + 1)
        header = {c.value: c for c in ws[header_row(ws)]}
        for status, colour in COLOURS.items():
            self.assertEqual(fill(header[status]), colour, status)
        # A column chart of the share ready, no longer a pie of statuses.
        self.assertEqual(len(ws._charts), 1)
        self.assertEqual(ws._charts[0].tagname, "barChart")
        # Title and date block above the table.
        self.assertTrue(ws["A1"].value.startswith("Stage de seconde"))
        self.assertEqual(ws["A2"].value,
                         "Date de référence : 27/05/2024 — J-21 avant le "
                         "début de la période")
        anomalies = sheet_rows(wb["Anomalies"])
        self.assertEqual([(r["Fichier"], r["Ligne"]) for r in anomalies],
                         [("a-eleves.csv", 4)])
        self.assertIn("sans code UAI", anomalies[0]["Message"])
        self.assertIn("a-eleves.csv:4:", proc.stderr)

    def test_file_without_uai_column_stops_by_school_run(self):
        args = self.two_schools()
        self.write("sans-uai.csv", [PLACEMENT_HEADER, placement("A2")])
        proc = self.run_tool(*args, "--placements", "sans-uai.csv",
                             "--by-school", self.out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("sans-uai.csv:1:", proc.stderr)
        self.assertIn("UAI", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.out,
                                                     "academie.xlsx")))

    def test_one_workbook_refuses_rows_of_two_schools(self):
        proc = self.run_tool(*self.two_schools(), "-o", "un.xlsx")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("b-eleves.csv:2:", proc.stderr)
        self.assertIn("--by-school", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "un.xlsx")))

    def test_second_by_school_run_shows_changes_per_school(self):
        args = self.two_schools()
        proc = self.run_tool(*args, "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.write("a-stages.csv", [STAGES, "0690001A;" + placement("A1"),
                                    "0690001A;" + placement("A2")])
        proc = self.run_tool(*args, "--by-school", self.out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        wb = openpyxl.load_workbook(
            os.path.join(self.out, "0690001A-Lycee-Ampere.xlsx"))
        changes = sheet_rows(wb["Changements"])
        self.assertEqual([(r["Nom"], r["Après"]) for r in changes],
                         [("DURAND", "Prêt")])

    def test_hundreds_of_schools_with_256_file_descriptors(self):
        n = 300
        roll = [ROLL] + ["%07dA;Lycée %d;NOM%d;Prénom;2nde %d;I%d;01/01/2008"
                         % (i, i, i, i % 3, i) for i in range(n)]
        stages = [STAGES] + ["%07dA;" % i + placement("I%d" % i)
                             for i in range(n)]
        self.write("eleves.csv", roll)
        self.write("stages.csv", stages)
        proc = self.run_tool("--roll", "eleves.csv", "--placements",
                             "stages.csv", "--by-school", self.out,
                             limit_files=256)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        books = [f for f in os.listdir(self.out) if f.endswith(".xlsx")]
        self.assertEqual(len(books), n + 1)
        self.assertEqual([f for f in os.listdir(self.out) if ".tmp-" in f],
                         [])
        rows = sheet_rows(openpyxl.load_workbook(
            os.path.join(self.out, "academie.xlsx"))["Académie"])
        self.assertEqual(rows[-1]["Effectif"], n)
        self.assertEqual(rows[-1]["Prêt"], n)

    def test_one_school_with_300_classes_and_256_file_descriptors(self):
        """One sheet per class: more classes than open files allowed."""
        n = 300
        self.write("eleves.csv", [ROLL] + [
            "0690001A;Lycée;NOM%d;Prénom;2nde %d;I%d;01/01/2008" % (i, i, i)
            for i in range(n)])
        self.write("stages.csv", [STAGES] + ["0690001A;" + placement("I%d" % i)
                                             for i in range(n)])
        proc = self.run_tool("--roll", "eleves.csv", "--placements",
                             "stages.csv", "-o", "suivi.xlsx",
                             limit_files=256)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(self.dir, "suivi.xlsx"),
                                    read_only=True)
        # Synthèse, Relances, Accueil établissement and Anomalies.
        self.assertEqual(len(wb.sheetnames), n + 4)
        wb.close()

    def test_generated_academie_matches_expected_statuses(self):
        """A small académie from the seeded generator (SIECLE and Pronote
        exports, several encodings and header names): each school's row of
        academie.xlsx gives the statuses the generator planted."""
        data = generate(os.path.join(self.dir, "donnees"), "--pupils", "2500",
                        "--schools", "10", "--seed", "11")
        args = []
        for path in sorted(glob.glob(os.path.join(data, "*-eleves.csv"))):
            args += ["--roll", path]
        for path in sorted(glob.glob(os.path.join(data, "*-stages.csv"))):
            args += ["--placements", path]
        proc = subprocess.run(command(*args, "--as-of", "2025-05-26",
                                      "--by-school", self.out),
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        with open(os.path.join(data, "attendu.csv"), encoding="utf-8") as f:
            expected = {r["UAI"]: r for r in csv.DictReader(f, delimiter=";")}
        rows = sheet_rows(openpyxl.load_workbook(
            os.path.join(self.out, "academie.xlsx"))["Académie"])
        self.assertEqual(sorted(r["UAI"] for r in rows[:-1]),
                         sorted(expected))
        for row in rows[:-1]:
            want = expected[row["UAI"]]
            for status in STATUSES:
                self.assertEqual(row[status], int(want[status]),
                                 (row["UAI"], status))
            self.assertEqual(row["Effectif"],
                             sum(int(want[s]) for s in STATUSES))


if __name__ == "__main__":
    unittest.main()
