"""End-to-end tests: run the real ./stagecheck and read its workbook back
with openpyxl (Debian's python3-openpyxl), an independent reader."""
import csv
import datetime
import os
import stat
import subprocess
import tempfile
import unittest

import openpyxl

from support import (COLOURS, FIXED, PLACEMENT_HEADER, ROLL_HEADER, SAMPLES,
                     command, fill, placement, sheet_rows)


class Run:
    def __init__(self, proc, out):
        self.code = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.out = out
        self._wb = None

    @property
    def wb(self):
        if self._wb is None:
            self._wb = openpyxl.load_workbook(self.out)
        return self._wb

    def pupils(self):
        """{(class sheet, Nom, Prénom): row dict} over every class sheet."""
        found = {}
        for ws in self.wb.worksheets:
            if ws.title in FIXED:
                continue
            header = [c.value for c in ws[1]]
            for row in ws.iter_rows(min_row=2):
                values = dict(zip(header, (c.value for c in row)))
                values["_statut_cell"] = row[header.index("Statut")]
                found[(ws.title, values["Nom"], values["Prénom"])] = values
        return found

    def anomalies(self):
        return sheet_rows(self.wb["Anomalies"])


class E2E(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text.encode(encoding) if isinstance(text, str) else text)
        return path

    def run_tool(self, *args, out="suivi.xlsx", cwd=None, umask=None):
        out_path = os.path.join(self.dir, out) if out else None
        cmd = command(*args, *(["-o", out_path] if out else []))

        def pre():
            if umask is not None:
                os.umask(umask)
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              cwd=cwd or self.dir, preexec_fn=pre,
                              timeout=60)
        return Run(proc, out_path)

    def small(self, roll_rows, placement_rows, *extra):
        roll = self.write("eleves.csv", "\n".join([ROLL_HEADER] + roll_rows) + "\n")
        stages = self.write("stages.csv",
                            "\n".join([PLACEMENT_HEADER] + placement_rows) + "\n")
        return self.run_tool("--roll", roll, "--placements", stages,
                             "--as-of", "2024-05-27", *extra)

    # --- the samples -----------------------------------------------------

    def run_samples(self):
        return self.run_tool(
            "--roll", os.path.join(SAMPLES, "eleves-siecle.csv"),
            "--roll", os.path.join(SAMPLES, "eleves-pronote.csv"),
            "--placements", os.path.join(SAMPLES, "stages.csv"),
            "--as-of", "2024-05-27", "--classes", "2*")

    def test_samples_every_pupil_has_expected_status_and_colour(self):
        r = self.run_samples()
        self.assertEqual(r.code, 1, r.stderr)
        pupils = r.pupils()
        with open(os.path.join(SAMPLES, "attendu-statuts.csv"),
                  encoding="utf-8") as f:
            expected = list(csv.DictReader(f, delimiter=";"))
        self.assertEqual(len(pupils), len(expected))
        seen = set()
        for e in expected:
            key = [k for k in pupils
                   if k[1] == e["Nom"] and k[2] == e["Prénom"]
                   and k[0].replace(" ", "").lower()
                   == e["Classe"].replace(" ", "").lower()]
            self.assertEqual(len(key), 1, e)
            p = pupils[key[0]]
            self.assertEqual(p["Statut"], e["Statut attendu"],
                             "%s %s (%s)" % (e["Nom"], e["Prénom"], e["Scénario"]))
            self.assertEqual(fill(p["_statut_cell"]), COLOURS[p["Statut"]])
            seen.add(p["Statut"])
        self.assertEqual(seen, set(COLOURS), "every status is exercised")

    def test_samples_anomalies_name_file_and_line(self):
        r = self.run_samples()
        got = {(os.path.basename(a["Fichier"]), a["Ligne"], a["Gravité"])
               for a in r.anomalies()}
        with open(os.path.join(SAMPLES, "attendu-anomalies.csv"),
                  encoding="utf-8") as f:
            for e in csv.DictReader(f, delimiter=";"):
                severity = {"Information": {"Information"}}.get(
                    e["Type"], {"Erreur", "Attention"})
                self.assertTrue(
                    any((e["Fichier"], int(e["Ligne"]), s) in got
                        for s in severity), e)
        # Every anomaly is on stderr as FILE:LINE: message (notes excepted).
        for a in r.anomalies():
            if a["Gravité"] != "Information" and a["Ligne"]:
                self.assertIn("%s:%d: " % (a["Fichier"], a["Ligne"]), r.stderr)

    def test_samples_sheets_in_order_and_summary(self):
        r = self.run_samples()
        names = r.wb.sheetnames
        self.assertEqual(names[:2], ["Synthèse", "Relances"])
        self.assertEqual(names[-2:], ["Accueil établissement", "Anomalies"])
        self.assertEqual(sorted(n.lower() for n in names[2:-2]),
                         ["2nde 1", "2nde 2", "2nde 3", "2nde 4"])
        self.assertNotIn("1G1", names)
        self.assertIn("17/06/2024", r.stdout)
        self.assertIn("28/06/2024", r.stdout)
        self.assertIn("J-21", r.stdout)
        self.assertIn(r.out, r.stdout)
        texts = [c for row in r.wb["Synthèse"].iter_rows(values_only=True)
                 for c in row if isinstance(c, str)]
        self.assertTrue(any("calculée" in t for t in texts), texts[:6])
        self.assertTrue(len(r.wb["Synthèse"]._charts) == 1)

    def test_samples_nothing_lost(self):
        """Every placements row is on its pupil's line or in Anomalies."""
        r = self.run_samples()
        shown_hosts, shown_dispenses = set(), set()
        for p in r.pupils().values():
            for k, v in p.items():
                if k.endswith("structure") and v:
                    shown_hosts.add((p["Nom"], v))
            for d in (p.get("Dispense") or "").split(" ; "):
                if d:
                    shown_dispenses.add((p["Nom"], d))
        anomaly_lines = {a["Ligne"] for a in r.anomalies()
                         if a["Fichier"].endswith("stages.csv")}
        with open(os.path.join(SAMPLES, "stages.csv"), encoding="utf-8-sig",
                  newline="") as f:
            reader = csv.reader(f, delimiter=";")
            header = next(reader)
            start = reader.line_num + 1
            count = 0
            for row in reader:
                line, start = start, reader.line_num + 1
                rec = dict(zip(header, row))
                count += 1
                if line in anomaly_lines:
                    continue
                host = rec["Structure d'accueil"]
                dispense = rec["Dispense"]
                on_sheet = any(h == host for _, h in shown_hosts) if host else \
                    any(d == dispense for _, d in shown_dispenses)
                self.assertTrue(on_sheet, "line %d lost: %r" % (line, rec))
        self.assertGreater(count, 100)

    # --- rules seen through the workbook ----------------------------------

    def test_all_ready_exits_zero_and_accueil_is_empty(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        self.assertEqual(r.code, 0, r.stderr)
        p = r.pupils()[("2nde 1", "DUPONT", "Léa")]
        self.assertEqual(p["Statut"], "Prêt")
        self.assertEqual(fill(p["_statut_cell"]), COLOURS["Prêt"])
        ws = r.wb["Accueil établissement"]
        self.assertEqual(ws.max_row, 2)  # header and the daily count row

    def test_accueil_lists_hosted_days_and_daily_counts(self):
        r = self.small(
            ["DUPONT;Léa;2nde 1;A1;10/03/2008",
             "MARTIN;Paul;2nde 1;A2;01/01/2008",
             "DURAND;Zoé;2nde 2;A3;"],
            [placement("A1", end="21/06/2024"),
             placement("A2")])
        self.assertEqual(r.code, 1)
        ws = r.wb["Accueil établissement"]
        rows = list(ws.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(header[:4], ("Classe", "Nom", "Prénom", "Motif"))
        self.assertEqual(len(header), 4 + 10 + 1)
        # The days are dates, shown as French day names and JJ/MM.
        self.assertEqual([d.date() for d in header[4:14]],
                         [datetime.date(2024, 6, d)
                          for d in (17, 18, 19, 20, 21, 24, 25, 26, 27, 28)])
        self.assertEqual(ws["E1"].number_format, "[$-40C]ddd dd/mm")
        self.assertEqual(header[14], "Émargement")
        body = {(row[0], row[1]): row for row in rows[1:-1]}
        self.assertEqual(set(body), {("2nde 1", "DUPONT"), ("2nde 2", "DURAND")})
        lea = body[("2nde 1", "DUPONT")]
        self.assertEqual([bool(v) for v in lea[4:14]], [False] * 5 + [True] * 5)
        zoe = body[("2nde 2", "DURAND")]
        self.assertEqual([bool(v) for v in zoe[4:14]], [True] * 10)
        # The Émargement box is empty, for the staff to tick.
        self.assertEqual((lea[14], zoe[14]), (None, None))
        # Each day's count is a SUBTOTAL that follows a filter by class,
        # with its value cached for readers that do not compute.
        self.assertEqual(rows[-1][0], "Élèves à accueillir")
        self.assertEqual(list(rows[-1][4:14]),
                         ["=SUBTOTAL(103,%s2:%s3)" % (c, c) for c in "EFGHIJKLMN"])
        cached = openpyxl.load_workbook(r.out, data_only=True)
        self.assertEqual(
            [c.value for c in cached["Accueil établissement"][4][4:14]],
            [1] * 5 + [2] * 5)
        # Printed with gridlines, the names on every page, one week a page.
        self.assertTrue(ws.print_options.gridLines)
        self.assertEqual(ws.print_title_cols, "$A:$C")
        self.assertEqual([b.id for b in ws.col_breaks.brk], [9])
        pupils = r.pupils()
        self.assertEqual(pupils[("2nde 1", "DUPONT", "Léa")]["Statut"],
                         "Accueil partiel")
        self.assertEqual(pupils[("2nde 2", "DURAND", "Zoé")]["Statut"],
                         "Sans lieu d'accueil")
        lea = pupils[("2nde 1", "DUPONT", "Léa")]
        self.assertEqual(lea["Jours à accueillir"], 5)
        self.assertEqual(lea["Dates à accueillir"],
                         "24/06, 25/06, 26/06, 27/06, 28/06")
        self.assertEqual(pupils[("2nde 2", "DURAND", "Zoé")]
                         ["Dates à accueillir"], "toute la période")

    def test_dispensed_pupil_is_not_hosted(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"],
                       [placement("A1", host="", kind="", dispense="SNU",
                                  proof="oui")])
        p = r.pupils()[("2nde 1", "DUPONT", "Léa")]
        self.assertEqual(p["Statut"], "Dispensé")
        self.assertEqual(fill(p["_statut_cell"]), COLOURS["Dispensé"])
        self.assertEqual(r.wb["Accueil établissement"].max_row, 2)
        self.assertEqual(r.code, 0, r.stderr)

    def test_unreadable_cell_is_an_anomaly_with_its_line(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008",
                        "MARTIN;Paul;2nde 1;A2;01/01/2008"],
                       [placement("A2"), placement("A1", signed="peut-être")])
        self.assertEqual(r.code, 1)
        self.assertEqual(r.pupils()[("2nde 1", "DUPONT", "Léa")]["Statut"],
                         "À vérifier")
        rows = [a for a in r.anomalies() if a["Ligne"] == 3]
        self.assertEqual(len(rows), 1, r.anomalies())
        self.assertIn("peut-être", rows[0]["Message"])
        self.assertEqual(rows[0]["Gravité"], "Erreur")
        self.assertTrue(rows[0]["Fichier"].endswith("stages.csv"))
        self.assertIn("stages.csv:3: ", r.stderr)

    def test_unmatched_row_goes_to_anomalies(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"],
                       [placement("A1"), placement("ZZZ")])
        rows = [a for a in r.anomalies() if a["Ligne"] == 3]
        self.assertEqual(len(rows), 1)
        self.assertIn("aucun élève", rows[0]["Message"])
        self.assertEqual(r.code, 1)

    def test_classes_filter_keeps_matching_sheets_and_notes_others(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008",
                        "MARTIN;Paul;1G1;A2;01/01/2007"],
                       [placement("A1"), placement("A2")],
                       "--classes", "2*")
        self.assertNotIn("1G1", r.wb.sheetnames)
        notes = [(a["Fichier"][-10:], a["Ligne"]) for a in r.anomalies()
                 if a["Gravité"] == "Information"]
        # The left-out class once, at its first roll row; its placements
        # row too.
        self.assertEqual(notes, [("eleves.csv", 3), ("stages.csv", 3)])
        # Notes do not count as findings.
        self.assertEqual(r.code, 0, r.stderr)

    def test_period_option_is_used_and_said(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"],
                       [placement("A1", start="16/06/2025", end="20/06/2025")],
                       "--period", "2025-06-16:2025-06-20")
        self.assertEqual(r.code, 0, r.stderr)
        self.assertIn("16/06/2025", r.stdout)
        self.assertIn("--period", r.stdout)
        # Classe, Nom, Prénom, Motif, the 5 days, Émargement.
        self.assertEqual(r.wb["Accueil établissement"].max_column, 4 + 5 + 1)

    def test_default_period_follows_school_year_of_as_of(self):
        roll = self.write("e.csv", ROLL_HEADER + "\nDUPONT;Léa;2nde 1;A1;\n")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n" + placement("A1") + "\n")
        r = self.run_tool("--roll", roll, "--placements", st,
                          "--as-of", "2024-10-01")
        self.assertIn("du 16/06/2025 au 27/06/2025", r.stdout)

    # --- reading the exports ---------------------------------------------

    def test_siecle_windows_1252_and_pronote_utf16_rolls(self):
        siecle = self.write(
            "siecle.csv",
            "Extraction SIECLE\r\n\r\nNom de famille;Prénom 1;Division;N° INE;"
            "Date de naissance\r\nDUPONT-MARTIN;Éloïse;2NDE 1;=\"0701\";"
            "01/02/2008\r\n", "cp1252")
        pronote = self.write(
            "pronote.csv",
            b"\xff\xfe" + "Élèves\tClasse\tNé(e) le\r\nLE GALL Anne Marie\t"
            "2nde 3\t3/2/2008\r\n".encode("utf-16-le"))
        stages = self.write(
            "stages.csv",
            "\ufeffNom,Prénom,Classe,Structure d'accueil,Date de début,"
            "Date de fin\r\neloise dupont martin,,2nde 1,Mairie,17/06/2024,"
            "28/06/2024\r\nLe Gall,anne-marie,2NDE 3,Garage,17/06/2024,"
            "21/06/2024\r\n")
        r = self.run_tool("--roll", siecle, "--roll", pronote,
                          "--placements", stages, "--as-of", "2024-05-27")
        pupils = r.pupils()
        self.assertIn(("2NDE 1", "DUPONT-MARTIN", "Éloïse"), pupils, pupils.keys())
        self.assertIn(("2nde 3", "LE GALL", "Anne Marie"), pupils)
        self.assertEqual(pupils[("2NDE 1", "DUPONT-MARTIN", "Éloïse")]["INE"],
                         "0701")
        self.assertEqual(pupils[("2nde 3", "LE GALL", "Anne Marie")]["Statut"],
                         "Accueil partiel")

    # --- errors: exit 2, nothing written ------------------------------------

    def assert_fails_untouched(self, args, expect_in_stderr):
        out = os.path.join(self.dir, "suivi.xlsx")
        with open(out, "wb") as f:
            f.write(b"previous workbook")
        before = sorted(os.listdir(self.dir))
        r = self.run_tool(*args)
        self.assertEqual(r.code, 2, r.stdout + r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"previous workbook")
        self.assertIn(expect_in_stderr, r.stderr)
        # No file appeared nor went (this compared the listing with itself).
        self.assertEqual(sorted(os.listdir(self.dir)), before)
        # Nothing beside the workbook: no temporary file, lock or state.
        leftovers = [n for n in os.listdir(self.dir) if n.startswith("suivi.xlsx.")]
        self.assertEqual(leftovers, [])
        return r

    def test_missing_file_exits_2_and_keeps_previous_workbook(self):
        st = self.write("s.csv", PLACEMENT_HEADER + "\n")
        self.assert_fails_untouched(
            ["--roll", os.path.join(self.dir, "absent.csv"), "--placements", st],
            "absent.csv")

    def test_unclosed_quote_exits_2_naming_file_and_line(self):
        roll = self.write("e.csv", ROLL_HEADER + "\nDUPONT;Léa;2nde 1;A1;\n"
                          "MARTIN;\"Paul;2nde 1;A2;\nDURAND;Zoé;2nde 1;A3;\n")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n" + placement("A1") + "\n")
        r = self.assert_fails_untouched(["--roll", roll, "--placements", st],
                                        "e.csv:3:")
        self.assertIn("guillemet", r.stderr)

    def test_file_without_header_exits_2(self):
        roll = self.write("e.csv", "a;b;c\n1;2;3\n")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n")
        self.assert_fails_untouched(["--roll", roll, "--placements", st],
                                    "e.csv")

    def test_required_column_missing_exits_2(self):
        roll = self.write("e.csv", "Nom;Prénom;INE\nDUPONT;Léa;A1\n")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n")
        r = self.assert_fails_untouched(["--roll", roll, "--placements", st],
                                        "e.csv:1:")
        self.assertIn("classe", r.stderr)

    def test_empty_file_exits_2(self):
        roll = self.write("e.csv", "")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n")
        self.assert_fails_untouched(["--roll", roll, "--placements", st],
                                    "vide")

    def test_roll_without_pupils_exits_2(self):
        roll = self.write("e.csv", ROLL_HEADER + "\n")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n")
        self.assert_fails_untouched(["--roll", roll, "--placements", st],
                                    "e.csv:1:")

    def test_long_accented_cells_keep_the_workbook_valid(self):
        """Messages cut to fit a buffer never split a UTF-8 character."""
        long_text = "é" * 500
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008",
                        "É" * 300 + ";Zoé;2nde 1;A2;"],
                       [placement("A1", end=long_text),
                        placement("A2", host=long_text, dispense=long_text)])
        self.assertEqual(r.code, 1, r.stderr)
        messages = [a["Message"] for a in r.anomalies()]
        self.assertTrue(any("éé" in m for m in messages), messages)
        pupils = r.pupils()
        self.assertEqual(pupils[("2nde 1", "DUPONT", "Léa")]["Statut"],
                         "À vérifier")

    def test_output_equal_to_an_input_is_refused(self):
        roll = self.write("e.csv", ROLL_HEADER + "\nDUPONT;Léa;2nde 1;A1;\n")
        st = self.write("suivi.xlsx", PLACEMENT_HEADER + "\n")
        with open(st, "rb") as f:
            before = f.read()
        r = self.run_tool("--roll", roll, "--placements", st)
        self.assertEqual(r.code, 2)
        self.assertIn("entrée", r.stderr)
        with open(st, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_past_65535_inputs_the_file_is_named_and_nothing_written(self):
        # A workbook's pupil holds its file in 16 bits: the 65,536th file
        # given is refused by name before anything is read, and the
        # previous workbook stays. 65,535 pass (the same roll given again
        # and again is read once). Names relative to the run's folder, so
        # that 65,536 of them fit in the command line.
        self.write("e.csv", ROLL_HEADER + "\nDUPONT;Léa;2nde 1;A1;\n")
        self.write("s.csv", PLACEMENT_HEADER + "\n")
        roll, st = "e.csv", "s.csv"
        r = self.run_tool(*["--roll", roll] * 65534, "--placements", st,
                          "--as-of", "2024-05-27", "-q")
        self.assertIn(r.code, (0, 1), r.stderr)
        with open(r.out, "rb") as f:
            before = f.read()
        r = self.run_tool(*["--roll", roll] * 65535, "--placements", st,
                          "--as-of", "2024-05-27", "-q")
        self.assertEqual(r.code, 2)
        self.assertIn(st + ": trop de fichiers d'entrée : un passage en lit "
                      "au plus 65 535", r.stderr)
        self.assertIn("aucun classeur écrit", r.stderr)
        with open(r.out, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_missing_output_folder_exits_2(self):
        roll = self.write("e.csv", ROLL_HEADER + "\nDUPONT;Léa;2nde 1;A1;\n")
        st = self.write("s.csv", PLACEMENT_HEADER + "\n")
        r = self.run_tool("--roll", roll, "--placements", st,
                          out=os.path.join("absent", "suivi.xlsx"))
        self.assertEqual(r.code, 2)
        self.assertIn("absent", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "absent")))

    def test_usage_errors_exit_2_in_french(self):
        r = self.run_tool(out=None)
        self.assertEqual(r.code, 2)
        self.assertIn("--roll", r.stderr)
        self.assertIn("Essayez", r.stderr)
        r = self.run_tool("--roll", "a", "--placements", "b", "--as-of",
                          "27/05/2024")
        self.assertEqual(r.code, 2)
        self.assertIn("AAAA-MM-JJ", r.stderr)

    def test_help_and_version(self):
        r = self.run_tool("--help", out=None)
        self.assertEqual(r.code, 0)
        self.assertIn("Usage", r.stdout)
        self.assertIn("--placements", r.stdout)
        r = self.run_tool("--version", out=None)
        self.assertEqual(r.code, 0)
        self.assertRegex(r.stdout, r"stagecheck \d+\.\d+")

    # --- safety ----------------------------------------------------------

    def test_workbook_has_no_permission_for_others_whatever_the_umask(self):
        r = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")],
                       )
        mode = stat.S_IMODE(os.stat(r.out).st_mode)
        self.assertEqual(mode & 0o007, 0, oct(mode))
        roll = os.path.join(self.dir, "eleves.csv")
        st = os.path.join(self.dir, "stages.csv")
        os.remove(r.out)
        r = self.run_tool("--roll", roll, "--placements", st, umask=0)
        mode = stat.S_IMODE(os.stat(r.out).st_mode)
        self.assertEqual(mode & 0o027, 0, oct(mode))

    def test_rerun_replaces_the_workbook_and_leaves_no_temporary_file(self):
        r1 = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        self.assertEqual(r1.code, 0)
        r2 = self.small(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [])
        self.assertEqual(r2.code, 1)
        self.assertEqual(r2.pupils()[("2nde 1", "DUPONT", "Léa")]["Statut"],
                         "Sans lieu d'accueil")
        self.assertEqual(sorted(n for n in os.listdir(self.dir) if ".xlsx." in n),
                         ["suivi.xlsx.etat", "suivi.xlsx.lock"])


if __name__ == "__main__":
    unittest.main()
