"""The files schools really have (issue 10), read by the real binary and
checked with openpyxl: SIECLE's CSV extraction and XML export, Pronote's
lists, tracking sheets kept in Excel or LibreOffice, the drop-folder mode
that tells each file's kind from its content, and the broken files a
secretary may drop. Fixtures: tests/exports/ (make_exports.py,
tools/make-sheet-samples.sh), tests/input/fixtures/, tests/input/siecle/,
samples/."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

from support import FIXED, TOP, SAMPLES, command, sheet_rows

EXPORTS = os.path.join(TOP, "tests", "exports")
SHEETS = os.path.join(TOP, "tests", "input", "fixtures")
SIECLE = os.path.join(TOP, "tests", "input", "siecle")
AS_OF = "2024-05-27"


def exports(name):
    return os.path.join(EXPORTS, name)


class Exports(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="stagecheck-exports-")
        self.out = os.path.join(self.tmp, "suivi.xlsx")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_sc(self, *args, as_of=AS_OF, out=True):
        argv = ["--as-of", as_of] + (["-o", self.out] if out else [])
        return subprocess.run(command(*argv, *args), capture_output=True,
                              text=True, timeout=120, cwd=self.tmp)

    def book(self, path=None):
        return openpyxl.load_workbook(path or self.out)

    def statuses(self, wb):
        """{(surname, first): status} over every class sheet."""
        found = {}
        for ws in wb.worksheets[1:]:
            if ws.title in FIXED:
                continue
            for row in sheet_rows(ws):
                found[(row["Nom"], row["Prénom"])] = row["Statut"]
        return found

    def anomalies(self, wb):
        return sheet_rows(wb["Anomalies"])

    def class_sheets(self, wb):
        return [ws.title for ws in wb.worksheets
                if ws.title not in FIXED]

    # ---- SIECLE CSV extraction -------------------------------------------

    def test_siecle_extraction_follows_seconde_gt_only(self):
        r = self.run_sc("--roll", exports("EXP_Liste_des_eleves_par_division.csv"),
                        "--placements", exports("suivi.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        wb = self.book()
        self.assertEqual(self.class_sheets(wb), ["201", "202"])
        st = self.statuses(wb)
        self.assertEqual(st[("DUBOIS", "Léna")], "Prêt")
        self.assertEqual(st[("N'GUYEN", "Thomas")], "Accueil partiel")
        self.assertNotIn(("ROUSSEAU", "Inès"), st)   # empty DIV.: left
        self.assertNotIn(("GARNIER", "Hugo"), st)    # 1ERE GENERALE
        self.assertNotIn(("PETIT", "Jade"), st)      # 2NDPRO
        notes = [a["Message"] for a in self.anomalies(wb)
                 if a["Gravité"] == "Information"]
        self.assertTrue(any("MEF (1ERE GENERALE)" in m for m in notes), notes)
        self.assertTrue(any("2NDPRO" in m for m in notes), notes)
        self.assertTrue(any("sans classe" in m for m in notes), notes)
        # Their tracking rows are information, not errors.
        self.assertTrue(any("parti" in m for m in notes), notes)
        aside = ("Non suivis : 2 élève(s) d'un autre niveau que la seconde "
                 "générale et technologique, 1 parti(s) de l'établissement")
        self.assertIn(aside, r.stdout)
        self.assertTrue(any(str(c.value).startswith(aside)
                            for c in wb["Synthèse"]["A"]))

    def test_siecle_extraction_without_mef_decides_by_class_name(self):
        r = self.run_sc("--roll", exports("EXP_Liste_des_eleves_sans_mef.csv"),
                        "--placements", exports("suivi.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        wb = self.book()
        self.assertEqual(self.class_sheets(wb), ["201", "202"])
        notes = " ".join(a["Message"] for a in self.anomalies(wb))
        self.assertIn("classe 101 écartée d'après son nom", notes)
        self.assertIn("classe 2MRC1 écartée d'après son nom", notes)

    def test_classes_overrides_the_level_decision(self):
        r = self.run_sc("--roll", exports("EXP_Liste_des_eleves_par_division.csv"),
                        "--placements", exports("suivi.csv"), "--classes", "*")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(sorted(self.class_sheets(self.book())),
                         ["101", "201", "202", "2MRC1"])

    # ---- Pronote ---------------------------------------------------------

    def test_pronote_students_list_with_a_pupil_who_left(self):
        r = self.run_sc("--roll", exports("pronote-eleves.csv"),
                        "--placements", exports("suivi.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        wb = self.book()
        st = self.statuses(wb)
        self.assertEqual(st[("DUBOIS", "Léna")], "Prêt")
        self.assertNotIn(("ROUSSEAU", "Inès"), st)
        notes = [a for a in self.anomalies(wb) if a["Gravité"] == "Information"]
        self.assertTrue(any("parti le 15/03/2024" in a["Message"]
                            for a in notes), notes)

    def test_pronote_pasted_list(self):
        r = self.run_sc("--roll", exports("pronote-colle.txt"),
                        "--placements", exports("suivi.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(self.class_sheets(self.book()), ["201", "202"])

    def test_class_list_takes_its_class_from_the_command_line(self):
        roll = exports("pronote-classe-201.csv")
        r = self.run_sc("--roll", roll + ":201", "--placements",
                        exports("suivi.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        wb = self.book()
        self.assertEqual(self.class_sheets(wb), ["201"])
        self.assertEqual(self.statuses(wb)[("DUBOIS", "Léna")], "Prêt")
        notes = " ".join(a["Message"] for a in self.anomalies(wb))
        self.assertIn("sous-titres", notes)

    def test_class_list_without_its_class_is_refused(self):
        r = self.run_sc("--roll", exports("pronote-classe-201.csv"),
                        "--placements", exports("suivi.csv"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("pronote-classe-201.csv", r.stderr)
        self.assertIn("--roll 'pronote-classe-201.csv:2NDE3'", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_class_list_takes_its_class_from_the_configuration(self):
        shutil.copy(exports("pronote-classe-201.csv"), self.tmp)
        shutil.copy(exports("suivi.csv"), self.tmp)
        ini = os.path.join(self.tmp, "stagecheck.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[stagecheck]\nroll = pronote-classe-201.csv:201\n"
                    "placements = suivi.csv\noutput = suivi.xlsx\n")
        r = subprocess.run(command("--as-of", AS_OF, "--config", ini),
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(self.class_sheets(self.book()), ["201"])

    def test_a_path_with_a_colon_is_a_path(self):
        odd = os.path.join(self.tmp, "eleves:201.csv")
        shutil.copy(exports("pronote-eleves.csv"), odd)
        r = self.run_sc("--roll", odd, "--placements", exports("suivi.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(self.class_sheets(self.book()), ["201", "202"])

    # ---- SIECLE XML ------------------------------------------------------

    def test_siecle_xml_zipped_and_unzipped_read_alike(self):
        zipped = os.path.join(SAMPLES, "ExportXML_ElevesSansAdresses.zip")
        with zipfile.ZipFile(zipped) as z:
            z.extract("ElevesSansAdresses.xml", self.tmp)
        plain = os.path.join(self.tmp, "ElevesSansAdresses.xml")
        found = []
        for roll in (zipped, plain):
            r = self.run_sc("--roll", roll, "--placements",
                            os.path.join(SAMPLES, "stages.csv"))
            self.assertEqual(r.returncode, 1, r.stderr)
            found.append(self.statuses(self.book()))
        self.assertEqual(found[0], found[1])
        self.assertEqual(len(found[0]), 67)  # 2NDE 1 and 2NDE 2; 1G1 set aside

    def test_siecle_export_of_another_school_year_is_said_loudly(self):
        zipped = os.path.join(SAMPLES, "ExportXML_ElevesSansAdresses.zip")
        r = self.run_sc("--roll", zipped, "--placements",
                        os.path.join(SAMPLES, "stages.csv"),
                        as_of="2024-09-10")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stderr, r"ExportXML_ElevesSansAdresses\.zip: "
                         r"ATTENTION : export SIECLE de l'année scolaire "
                         r"2023-2024, mais la date de référence est dans "
                         r"l'année 2024-2025")
        r = self.run_sc("--roll", zipped, "--placements",
                        os.path.join(SAMPLES, "stages.csv"))
        self.assertNotIn("ATTENTION", r.stderr)

    def test_broken_siecle_archives_stop_the_run(self):
        for name, needle in [("tronque.zip", "tronque.zip"),
                             ("octet-invalide.xml", "octet-invalide.xml"),
                             ("sans-xml.zip", "sans-xml.zip")]:
            with self.subTest(name=name):
                r = self.run_sc("--roll", os.path.join(SIECLE, name),
                                "--placements", exports("suivi.csv"))
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(needle, r.stderr)
                self.assertFalse(os.path.exists(self.out))

    # ---- tracking sheets as spreadsheets ----------------------------------

    def normalised(self, path):
        """Every cell of every sheet, file names of the tracking sheet made
        the same whatever its format, and line numbers left out: a CSV
        cell on two lines shifts the CSV's lines, not the sheet's rows
        (test_sheet_messages_name_the_sheet_and_its_row checks those)."""
        wb = self.book(path)
        pattern = re.compile(r"suivi-formats\.(csv|xlsx|ods|xls)"
                             r"(, feuille « suivi-formats »)?")
        cells = {}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if ws.title == "Anomalies" and c.column_letter == "C" \
                            and isinstance(v, int):
                        v = "N"
                    if isinstance(v, str):
                        v = pattern.sub("suivi-formats", v)
                        v = re.sub(r"(suivi-formats:|ligne )\d+", r"\1N", v)
                        v = v.replace("suivi-formats, ligne N",
                                      "suivi-formats:N")
                    cells[(ws.title, c.coordinate)] = (v, c.number_format,
                                                       c.fill.fgColor.rgb)
        return cells

    def test_same_sheet_as_csv_xlsx_ods_xls_gives_the_same_workbook(self):
        books = {}
        for fmt in ("csv", "xlsx", "ods", "xls"):
            out = os.path.join(self.tmp, "out-%s.xlsx" % fmt)
            r = subprocess.run(command(
                "--as-of", AS_OF, "--classes", "2*", "-o", out,
                "--roll", os.path.join(SAMPLES, "eleves-siecle.csv"),
                "--roll", os.path.join(SAMPLES, "eleves-pronote.csv"),
                "--placements", exports("suivi-formats." + fmt)),
                capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 1, r.stderr)
            books[fmt] = self.normalised(out)
        for fmt in ("xlsx", "ods", "xls"):
            diff = sorted(k for k in set(books["csv"]) | set(books[fmt])
                          if books["csv"].get(k) != books[fmt].get(k))
            # Only the Synthèse's line on the file (its format, the width
            # of its name) and, for the .xls, its note on formulas differ.
            file_rows = {k[1][1:] for k, v in books["csv"].items()
                         if k[0] == "Synthèse" and k[1][0] == "A"
                         and str(v[0]).endswith("suivi-formats")}
            self.assertEqual(len(file_rows), 1)
            unexpected = [k for k in diff if not (
                k[0] == "Synthèse" and k[1][1:] in file_rows or
                fmt == "xls" and k[0] in ("Synthèse", "Anomalies"))]
            self.assertEqual(unexpected, [], fmt)
            self.assertTrue(len(books[fmt]) > 1000)

    def test_sheet_messages_name_the_sheet_and_its_row(self):
        r = self.run_sc("--roll", os.path.join(SAMPLES, "eleves-siecle.csv"),
                        "--roll", os.path.join(SAMPLES, "eleves-pronote.csv"),
                        "--placements", exports("suivi-formats.xlsx"))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stderr, r"suivi-formats\.xlsx, feuille "
                         r"« suivi-formats », ligne 59 : PICARD Noah : la "
                         r"date de début est après la date de fin")
        rows = self.anomalies(self.book())
        self.assertTrue(any(a["Fichier"].endswith(
            "suivi-formats.xlsx, feuille « suivi-formats »") and
            a["Ligne"] == 59 for a in rows))

    def test_sheet_chosen_by_name_and_missing_sheet(self):
        roll = os.path.join(self.tmp, "eleves.csv")
        with open(roll, "w", encoding="utf-8") as f:
            f.write("Nom;Prénom;Classe\nDUPONT;Éloïse;201\nMARTIN;Noé;202\n"
                    "N'DIAYE;Aïssatou;201\n")
        r = self.run_sc("--roll", roll, "--placements",
                        os.path.join(SHEETS, "suivi-calc.xlsx") + "#Suivi")
        self.assertIn(r.returncode, (0, 1), r.stderr)
        self.assertIn(("DUPONT", "Éloïse"), self.statuses(self.book()))
        os.unlink(self.out)
        r = self.run_sc("--roll", roll, "--placements",
                        os.path.join(SHEETS, "suivi-calc.xlsx") + "#Absente")
        self.assertEqual(r.returncode, 2)
        self.assertIn("pas de feuille « Absente »", r.stderr)
        self.assertIn("« Suivi », « Élèves », « Paramètres »", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_formula_without_value_is_an_anomaly(self):
        roll = os.path.join(self.tmp, "eleves.csv")
        with open(roll, "w", encoding="utf-8") as f:
            f.write("Nom;Prénom;Classe\nDUPONT;Éloïse;201\n")
        r = self.run_sc("--roll", roll, "--placements",
                        os.path.join(SHEETS, "suivi-openpyxl.xlsx"))
        self.assertEqual(r.returncode, 1, r.stderr)
        rows = [a for a in self.anomalies(self.book())
                if "formule sans valeur" in a["Message"]]
        self.assertTrue(rows)
        self.assertTrue(all(a["Gravité"] == "Attention" for a in rows))

    def test_broken_workbooks_stop_the_run_and_say_why(self):
        for name, needle in [("truncated.xlsx", "truncated.xlsx"),
                             ("cut-sheet.xlsx", "feuille"),
                             ("bad-byte.xlsx", "bad-byte.xlsx"),
                             ("encrypted.xlsx", "mot de passe"),
                             ("encrypted.ods", "mot de passe"),
                             ("truncated.xls", "truncated.xls")]:
            with self.subTest(name=name):
                r = self.run_sc("--roll", exports("pronote-eleves.csv"),
                                "--placements", os.path.join(SHEETS, name))
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(needle, r.stderr)
                self.assertNotIn("Traceback", r.stderr)
                self.assertFalse(os.path.exists(self.out))

    # ---- kinds told from content -------------------------------------------

    def drop(self, *paths):
        folder = os.path.join(self.tmp, "partage")
        os.makedirs(folder, exist_ok=True)
        for p in paths:
            shutil.copy(p, folder)
        return folder

    def test_drop_folder_reads_every_export_and_says_what_it_took(self):
        folder = self.drop(os.path.join(SAMPLES,
                                        "ExportXML_ElevesSansAdresses.zip"),
                           os.path.join(SAMPLES, "eleves-pronote.csv"),
                           os.path.join(SAMPLES, "suivi.xlsx"))
        r = self.run_sc(folder, out=False)
        self.assertEqual(r.returncode, 1, r.stderr)
        book = os.path.join(folder, "suivi-stages.xlsx")
        self.assertIn("Fichiers lus : 3", r.stdout)
        self.assertRegex(r.stdout, r"ExportXML_ElevesSansAdresses\.zip : "
                         r"liste d'élèves, 96 ligne\(s\) — XML SIECLE")
        self.assertRegex(r.stdout, r"suivi\.xlsx, feuille « suivi-stages » : "
                         r"tableau de suivi, 129 ligne\(s\) — Excel \(\.xlsx\)"
                         r" ; ligne 1 : colonnes de stage")
        wb = self.book(book)
        ws = wb["Synthèse"]
        first = [c.row for c in ws["A"] if c.value == "Fichiers lus"][0]
        kinds = [(ws.cell(r_, 2).value, ws.cell(r_, 5).value)
                 for r_ in range(first + 2, first + 5)]
        self.assertEqual([k for k, _ in kinds],
                         ["Liste d'élèves", "Liste d'élèves", "Stages"])
        self.assertTrue(kinds[0][1].startswith("export SIECLE"))
        self.assertIn("aucune colonne de stage", kinds[1][1])
        # The CSV demo's statuses, from other formats of the same data.
        expected = {}
        with open(os.path.join(SAMPLES, "attendu-statuts.csv"),
                  encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split(";")
            for line in f:
                row = dict(zip(head, line.rstrip("\n").split(";")))
                expected[(row["Nom"], row["Prénom"])] = row["Statut attendu"]
        self.assertEqual(self.statuses(wb), expected)
        # The next night: the workbook it wrote is not an input.
        r = self.run_sc(folder, out=False)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("Fichiers lus : 3", r.stdout)

    def test_files_named_without_options_are_told_apart(self):
        r = self.run_sc(exports("suivi.csv"),
                        exports("EXP_Liste_des_eleves_par_division.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stdout, r"suivi\.csv : tableau de suivi")
        self.assertRegex(r.stdout, r"EXP_Liste_des_eleves_par_division\.csv "
                         r": liste d'élèves")

    def test_drop_folder_leaves_out_what_is_no_input(self):
        folder = self.drop(exports("pronote-eleves.csv"), exports("suivi.csv"))
        with open(os.path.join(folder, "notes.txt"), "w") as f:
            f.write("Penser à relancer M. Dupont\n")
        with open(os.path.join(folder, "~$suivi.xlsx"), "wb") as f:
            f.write(b"\0" * 162)
        r = self.run_sc(folder, out=False)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stderr, r"notes\.txt: fichier du dossier laissé de "
                         r"côté : ni liste d'élèves ni tableau de suivi")
        self.assertNotIn("~$", r.stderr + r.stdout)

    def test_drop_folder_never_overwrites_a_file_it_did_not_write(self):
        folder = self.drop(exports("pronote-eleves.csv"), exports("suivi.csv"))
        theirs = os.path.join(folder, "suivi-stages.xlsx")
        shutil.copy(os.path.join(SAMPLES, "suivi.xlsx"), theirs)
        with open(theirs, "rb") as f:
            before = f.read()
        r = self.run_sc(folder, out=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("stagecheck ne l'a pas écrit", r.stderr)
        with open(theirs, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_drop_folder_without_a_tracking_sheet_is_refused(self):
        folder = self.drop(exports("pronote-eleves.csv"),
                           exports("pronote-colle.txt"))
        r = self.run_sc(folder, out=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("aucun tableau de suivi des stages parmi les fichiers "
                      "lus", r.stderr)
        self.assertIn("pronote-eleves.csv (liste d'élèves)", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(folder,
                                                     "suivi-stages.xlsx")))

    def test_empty_folder_and_files_without_output(self):
        folder = os.path.join(self.tmp, "vide")
        os.mkdir(folder)
        r = self.run_sc(folder, out=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("aucun fichier à lire dans ce dossier", r.stderr)
        r = self.run_sc(exports("suivi.csv"), out=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("-o SORTIE.xlsx", r.stderr)


if __name__ == "__main__":
    unittest.main()
