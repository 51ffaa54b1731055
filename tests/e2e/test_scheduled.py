"""End-to-end tests of scheduled runs (issue 4): configuration file,
deadline, changes since the previous run, one run at a time, -q, install.
They run the real ./stagecheck and read the workbook back with openpyxl."""
import fcntl
import os
import stat
import subprocess
import tempfile
import time
import unittest

import openpyxl

from support import (COLOURS, FIXED, PLACEMENT_HEADER, ROLL_HEADER, TOP,
                     command, fill, placement, sheet_rows)


class Scheduled(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.out = os.path.join(self.dir, "suivi.xlsx")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def files(self, roll_rows, placement_rows):
        self.write("eleves.csv", "\n".join([ROLL_HEADER] + roll_rows) + "\n")
        self.write("stages.csv",
                   "\n".join([PLACEMENT_HEADER] + placement_rows) + "\n")

    def run_tool(self, *args, check_out=True):
        cmd = command(*args)
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              cwd=self.dir, timeout=60)
        return proc

    def run_files(self, *extra):
        return self.run_tool("--roll", "eleves.csv", "--placements",
                             "stages.csv", "-o", self.out, "--as-of",
                             "2024-05-27", *extra)

    def class_rows(self, sheet="2nde 1"):
        wb = openpyxl.load_workbook(self.out)
        return wb, sheet_rows(wb[sheet])

    # --- configuration ---------------------------------------------------

    def test_config_file_alone_runs_the_check(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        self.write("stagecheck.ini",
                   "[stagecheck]\nroll = eleves*.csv\nplacements = stages.csv\n"
                   "output = suivi.xlsx\nas-of = 2024-05-27\n")
        os.mkdir(os.path.join(self.dir, "ailleurs"))
        proc = subprocess.run(command("--config",
                               os.path.join(self.dir, "stagecheck.ini")),
                              capture_output=True, text=True,
                              cwd=os.path.join(self.dir, "ailleurs"), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        # Paths in the file are relative to the file, not to the cwd.
        self.assertTrue(os.path.exists(self.out))
        self.assertIn("J-21", proc.stdout)

    def test_command_line_overrides_config_file(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        self.write("stagecheck.ini",
                   "[stagecheck]\nroll = eleves.csv\nplacements = stages.csv\n"
                   "output = suivi.xlsx\nas-of = 2024-05-27\n")
        other = os.path.join(self.dir, "autre.xlsx")
        proc = self.run_tool("--config", "stagecheck.ini", "-o", other,
                             "--as-of", "2024-06-03")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(os.path.exists(other))
        self.assertFalse(os.path.exists(self.out))
        self.assertIn("03/06/2024", proc.stdout)

    def test_config_column_names_map_unknown_headers(self):
        self.write("eleves.csv", "PATRONYME;PRENOM USUEL;Classe;INE\n"
                   "DUPONT;Léa;2nde 1;A1\n")
        self.write("stages.csv", PLACEMENT_HEADER + "\n" + placement("A1") + "\n")
        self.write("stagecheck.ini",
                   "[stagecheck]\nroll = eleves.csv\nplacements = stages.csv\n"
                   "output = suivi.xlsx\nas-of = 2024-05-27\n\n[colonnes]\n"
                   "Nom = PATRONYME\nPrénom = PRENOM USUEL\n")
        proc = self.run_tool("--config", "stagecheck.ini")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        _, rows = self.class_rows()
        self.assertEqual(rows[0]["Nom"], "DUPONT")
        # Without the [colonnes] section the roll has no name column.
        proc = self.run_files()
        self.assertEqual(proc.returncode, 2)
        self.assertIn("eleves.csv", proc.stderr)

    def test_error_in_config_file_stops_with_file_and_line(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        with open(self.out, "wb") as f:
            f.write(b"previous")
        self.write("stagecheck.ini",
                   "[stagecheck]\nroll = eleves.csv\nplacements = stages.csv\n"
                   "output = suivi.xlsx\ndeadline = 7 juin\n")
        proc = self.run_tool("--config", "stagecheck.ini")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("stagecheck.ini:5:", proc.stderr)
        with open(self.out, "rb") as f:
            self.assertEqual(f.read(), b"previous")

    def test_sample_configuration_parses_and_runs(self):
        proc = subprocess.run(
            command("--config", os.path.join(TOP, "samples", "stagecheck.ini"),
             "-o", self.out, "--as-of", "2024-05-27"),
            capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("Date limite des conventions", proc.stdout)

    # --- deadline ---------------------------------------------------------

    def test_deadline_ahead_says_days_left_and_marks_nobody(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [])
        proc = self.run_files("--deadline", "2024-06-07")
        self.assertIn("J-11", proc.stdout)
        _, rows = self.class_rows()
        self.assertFalse(rows[0].get("Retard"))

    def test_deadline_past_marks_pupils_not_ready_as_late(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008",
                    "MARTIN;Paul;2nde 1;A2;01/01/2008"],
                   [placement("A1")])
        proc = self.run_tool("--roll", "eleves.csv", "--placements",
                             "stages.csv", "-o", self.out, "--as-of",
                             "2024-06-08", "--deadline", "2024-06-07")
        self.assertIn("1 élève(s) en retard", proc.stdout)
        wb, rows = self.class_rows()
        by_name = {r["Nom"]: r for r in rows}
        self.assertEqual(by_name["MARTIN"]["Retard"], "En retard")
        self.assertFalse(by_name["DUPONT"]["Retard"])
        hosted = sheet_rows(wb["Accueil établissement"])
        self.assertEqual(hosted[0]["Nom"], "MARTIN")
        self.assertEqual(hosted[0]["Retard"], "En retard")
        texts = [c for row in wb["Synthèse"].iter_rows(values_only=True)
                 for c in row if isinstance(c, str)]
        self.assertTrue(any("en retard" in t for t in texts))

    def test_deadline_day_itself_is_not_late(self):
        self.files(["MARTIN;Paul;2nde 1;A2;01/01/2008"], [])
        proc = self.run_tool("--roll", "eleves.csv", "--placements",
                             "stages.csv", "-o", self.out, "--as-of",
                             "2024-06-07", "--deadline", "2024-06-07")
        self.assertIn("aujourd'hui", proc.stdout)
        _, rows = self.class_rows()
        self.assertFalse(rows[0]["Retard"])

    # --- changes since the previous run -------------------------------------

    def test_first_run_writes_state_and_no_changes_sheet(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        proc = self.run_files()
        self.assertIn("premier passage", proc.stdout)
        state = self.out + ".etat"
        self.assertTrue(os.path.exists(state))
        self.assertEqual(stat.S_IMODE(os.stat(state).st_mode) & 0o007, 0)
        with open(state, encoding="utf-8") as f:
            lines = [l for l in f if not l.startswith("#")]
        self.assertEqual(lines, ["INE:A1\t2nde 1\tDUPONT\tLéa\tPrêt\n"])
        wb = openpyxl.load_workbook(self.out)
        self.assertNotIn("Changements", wb.sheetnames)

    def test_three_runs_show_what_changed(self):
        roll = ["DUPONT;Léa;2nde 1;A1;10/03/2008",
                "MARTIN;Paul;2nde 1;A2;01/01/2008",
                "DURAND;Zoé;2nde 2;A3;02/02/2008"]
        # Run 1: Léa's convention lacks the head's signature; Paul has none.
        self.files(roll, [placement("A1", signed="non")])
        proc = self.run_files()
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertNotIn("Changements depuis", proc.stdout)
        # Run 2: the signature arrives, Paul finds a host, Zoé leaves,
        # Hugo arrives.
        self.files(roll[:2] + ["PETIT;Hugo;2nde 2;A4;03/03/2008"],
                   [placement("A1"), placement("A2")])
        proc = self.run_files()
        self.assertIn("Changements depuis le passage précédent : 4", proc.stdout)
        wb = openpyxl.load_workbook(self.out)
        names = wb.sheetnames
        self.assertEqual(names.index("Changements"),
                         names.index("Accueil établissement") + 1)
        changes = {r["Nom"]: r for r in sheet_rows(wb["Changements"])}
        self.assertEqual((changes["DUPONT"]["Avant"], changes["DUPONT"]["Après"]),
                         ("Dossier incomplet", "Prêt"))
        self.assertEqual((changes["MARTIN"]["Avant"], changes["MARTIN"]["Après"]),
                         ("Sans lieu d'accueil", "Prêt"))
        self.assertIn("parti", changes["DURAND"]["Changement"])
        self.assertIn("arrivé", changes["PETIT"]["Changement"])
        rows = {r["Nom"]: r for r in sheet_rows(wb["2nde 1"])}
        self.assertEqual(rows["DUPONT"]["Statut précédent"], "Dossier incomplet")
        self.assertEqual(rows["DUPONT"]["Statut"], "Prêt")
        ws = wb["2nde 1"]
        header = [c.value for c in ws[1]]
        col = header.index("Statut précédent")
        self.assertEqual(fill(ws.cell(row=2, column=col + 1)),
                         COLOURS[ws.cell(row=2, column=col + 1).value])
        # Run 3: Paul moves to 2nde 2 (same INE): a class change.
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008",
                    "MARTIN;Paul;2nde 2;A2;01/01/2008",
                    "PETIT;Hugo;2nde 2;A4;03/03/2008"],
                   [placement("A1"), placement("A2"), placement("A4")])
        proc = self.run_files()
        self.assertIn("Changements depuis le passage précédent : 2", proc.stdout)
        wb = openpyxl.load_workbook(self.out)
        changes = {r["Nom"]: r for r in sheet_rows(wb["Changements"])}
        self.assertEqual(set(changes), {"MARTIN", "PETIT"})
        self.assertIn("2nde 1", changes["MARTIN"]["Changement"])
        self.assertEqual(changes["MARTIN"]["Classe"], "2nde 2")

    def test_unreadable_state_is_reported_and_replaced(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        with open(self.out + ".etat", "w", encoding="utf-8") as f:
            f.write("pas un état\n")
        proc = self.run_files()
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("suivi.xlsx.etat:1:", proc.stderr)
        with open(self.out + ".etat", encoding="utf-8") as f:
            self.assertIn("INE:A1", f.read())
        proc = self.run_files()
        self.assertEqual(proc.returncode, 0, proc.stderr)

    # --- one run at a time ---------------------------------------------------

    def test_second_run_waits_then_gives_up_leaving_workbook(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        with open(self.out, "wb") as f:
            f.write(b"previous")
        with open(self.out + ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            start = time.monotonic()
            proc = self.run_files("--wait", "1")
            waited = time.monotonic() - start
        self.assertEqual(proc.returncode, 2)
        self.assertIn("autre passage", proc.stderr)
        self.assertGreaterEqual(waited, 0.9)
        with open(self.out, "rb") as f:
            self.assertEqual(f.read(), b"previous")
        # Once released, the next run goes through.
        self.assertEqual(self.run_files("--wait", "1").returncode, 0)

    def test_concurrent_runs_end_with_one_complete_workbook(self):
        roll = ["NOM%d;Prénom;2nde %d;A%d;01/01/2008" % (i, i % 5, i)
                for i in range(2000)]
        self.files(roll, [placement("A%d" % i) for i in range(2000)])
        cmd = command("--roll", "eleves.csv", "--placements", "stages.csv",
               "-o", self.out, "--as-of", "2024-05-27")
        procs = [subprocess.Popen(cmd, cwd=self.dir, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(3)]
        codes = [p.wait(timeout=120) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        self.assertEqual(codes, [0, 0, 0])
        wb = openpyxl.load_workbook(self.out)
        self.assertEqual(sum(ws.max_row - 1 for ws in wb.worksheets
                             if ws.title not in FIXED), 2000)

    # --- quiet, install ------------------------------------------------------

    def test_quiet_prints_nothing_but_errors(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [])
        proc = self.run_files("-q")
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout, "")
        proc = self.run_tool("-q", "--roll", "absent.csv", "--placements",
                             "stages.csv", "-o", self.out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("absent.csv", proc.stderr)

    def test_make_install_honours_destdir_and_prefix(self):
        dest = os.path.join(self.dir, "root")
        subprocess.run(["make", "-s", "-C", TOP, "install", "DESTDIR=" + dest,
                        "PREFIX=/usr"], check=True, capture_output=True)
        binary = os.path.join(dest, "usr", "bin", "stagecheck")
        page = os.path.join(dest, "usr", "share", "man", "man1", "stagecheck.1")
        self.assertTrue(os.access(binary, os.X_OK))
        self.assertTrue(os.path.exists(page))
        out = subprocess.run([binary, "--version"], capture_output=True,
                             text=True).stdout
        self.assertIn("stagecheck", out)
        subprocess.run(["make", "-s", "-C", TOP, "uninstall", "DESTDIR=" + dest,
                        "PREFIX=/usr"], check=True, capture_output=True)
        self.assertFalse(os.path.exists(binary))
        self.assertFalse(os.path.exists(page))


if __name__ == "__main__":
    unittest.main()
