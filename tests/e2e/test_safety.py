"""End-to-end tests of a run in a folder others can write (README,
« Sécurité dans un dossier partagé »): what stagecheck creates, replaces
and deletes there is its own, whatever was planted beside its output."""
import os
import pwd
import stat
import subprocess
import sys
import tempfile
import unittest

import openpyxl

from support import (PLACEMENT_HEADER, ROLL_HEADER, command, placement)

TIMEOUT = 300   # valgrind runs are slow; nothing asserts on time
SECRET = b"root:x:0:0:ne pas toucher\n"


class SharedFolder(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.roll = self.write("eleves.csv", [
            ROLL_HEADER, "DUPONT;Léa;2NDE 1;A1;01/02/2008",
            "DURAND;Jo;2NDE 1;A2;02/02/2008"])
        self.stages = self.write("stages.csv", [
            PLACEMENT_HEADER, placement("A1")])
        # A file of the machine's that a planted link points at.
        self.secret = os.path.join(self.dir, "secret")
        with open(self.secret, "wb") as f:
            f.write(SECRET)
        os.chmod(self.secret, 0o644)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, lines, folder=None):
        path = os.path.join(folder or self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def run_tool(self, *args, cwd=None):
        return subprocess.run(
            command("--roll", self.roll, "--placements", self.stages,
                    "--as-of", "2024-05-27", *args),
            capture_output=True, text=True, cwd=cwd or self.dir,
            timeout=TIMEOUT)

    def assert_secret_untouched(self):
        st = os.lstat(self.secret)
        self.assertTrue(stat.S_ISREG(st.st_mode))
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o644)
        with open(self.secret, "rb") as f:
            self.assertEqual(f.read(), SECRET)

    # --- 1: the temporary workbook cannot be swapped for a link ----------

    @unittest.skipUnless(os.geteuid() == 0, "needs root to run as nobody")
    def test_racer_swapping_files_for_links_never_reaches_the_target(self):
        shared = os.path.join(self.dir, "partage")
        os.mkdir(shared)
        os.chmod(shared, 0o777)  # writable by all, as a share often is
        os.chmod(self.dir, 0o755)
        nobody = pwd.getpwnam("nobody")
        out = os.path.join(shared, "suivi.xlsx")
        # The racer, as nobody, turns every name it sees in the folder
        # (temporary files, lock, state, the workbook) into a link to the
        # secret, as fast as it can.
        racer = subprocess.Popen(
            [sys.executable, "-c", """
import os, sys
d, target = sys.argv[1], sys.argv[2]
while True:
    for n in os.listdir(d):
        p = os.path.join(d, n)
        try:
            if not os.path.islink(p):
                os.unlink(p)
                os.symlink(target, p)
        except OSError:
            pass
    for n in ("suivi.xlsx.lock", "suivi.xlsx.etat"):
        try:
            os.symlink(target, os.path.join(d, n))
        except OSError:
            pass
""", shared, self.secret],
            preexec_fn=lambda: (os.setgid(nobody.pw_gid),
                                os.setuid(nobody.pw_uid)))
        try:
            for _ in range(8):
                proc = self.run_tool("-o", out)
                self.assertGreaterEqual(proc.returncode, 0, proc.stderr)
                self.assertLessEqual(proc.returncode, 2, proc.stderr)
                self.assert_secret_untouched()
        finally:
            racer.kill()
            racer.wait()
        self.assert_secret_untouched()

    # --- 2: -o onto a device or a FIFO ----------------------------------

    def test_output_onto_a_fifo_is_refused_and_left_a_fifo(self):
        fifo = os.path.join(self.dir, "suivi.xlsx")
        os.mkfifo(fifo)
        proc = self.run_tool("-o", fifo)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("ce n'est pas un fichier ordinaire (tube nommé)",
                      proc.stderr)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        self.assertEqual(sorted(os.listdir(self.dir)),
                         ["eleves.csv", "secret", "stages.csv", "suivi.xlsx"])

    @unittest.skipUnless(os.geteuid() == 0, "needs root to make a device")
    def test_output_onto_a_device_is_refused_and_left_a_device(self):
        # A null device of our own (as /dev/null is: 1, 3), so that a
        # regression breaks this folder, not the machine's /dev/null.
        dev = os.path.join(self.dir, "null")
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        proc = self.run_tool("-o", dev)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(dev + ": ce n'est pas un fichier ordinaire "
                      "(périphérique)", proc.stderr)
        self.assertTrue(stat.S_ISCHR(os.lstat(dev).st_mode))
        self.assertFalse(os.path.lexists(dev + ".lock"))
        self.assertFalse(os.path.lexists(dev + ".etat"))

    def test_symlink_at_the_output_is_replaced_not_followed(self):
        out = os.path.join(self.dir, "suivi.xlsx")
        os.symlink(self.secret, out)
        proc = self.run_tool("-o", out)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        self.assert_secret_untouched()
        self.assertTrue(stat.S_ISREG(os.lstat(out).st_mode))
        openpyxl.load_workbook(out)

    # --- 3, 4: planted lock and state ------------------------------------

    def test_planted_lock_link_creates_nothing_where_it_points(self):
        out = os.path.join(self.dir, "suivi.xlsx")
        away = os.path.join(self.dir, "nologin")
        os.symlink(away, out + ".lock")
        proc = self.run_tool("-o", out)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("suivi.xlsx.lock est un lien symbolique",
                      proc.stderr)
        self.assertFalse(os.path.lexists(away))
        self.assertFalse(os.path.exists(out))

    def test_planted_state_fifo_neither_hangs_nor_stops_the_run(self):
        out = os.path.join(self.dir, "suivi.xlsx")
        os.mkfifo(out + ".etat")
        proc = self.run_tool("-o", out)   # bounded by TIMEOUT
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        self.assertIn("suivi.xlsx.etat: fichier d'état ignoré : ce n'est pas "
                      "un fichier ordinaire", proc.stderr)
        self.assertTrue(stat.S_ISREG(os.lstat(out + ".etat").st_mode))

    def test_state_link_to_dev_zero_is_ignored_and_replaced(self):
        out = os.path.join(self.dir, "suivi.xlsx")
        os.symlink("/dev/zero", out + ".etat")
        proc = self.run_tool("-o", out)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        self.assertIn("le fichier d'état est un lien symbolique",
                      proc.stderr)
        self.assertNotIn("mémoire insuffisante", proc.stderr)
        self.assertTrue(stat.S_ISREG(os.lstat(out + ".etat").st_mode))

    def test_state_link_to_another_workbook_state_leaks_no_pupil(self):
        other_dir = os.path.join(self.dir, "autre")
        os.mkdir(other_dir)
        other_roll = self.write("eleves.csv", [
            ROLL_HEADER, "ÉTRANGER;Max;2NDE 9;Z9;01/02/2008"], other_dir)
        other = os.path.join(other_dir, "suivi.xlsx")
        proc = subprocess.run(
            command("--roll", other_roll, "--placements", self.stages,
                    "--as-of", "2024-05-27", "-o", other),
            capture_output=True, text=True, timeout=TIMEOUT)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        out = os.path.join(self.dir, "suivi.xlsx")
        os.symlink(other + ".etat", out + ".etat")
        proc = self.run_tool("-o", out)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        wb = openpyxl.load_workbook(out)
        # Read as a first run: no Changements sheet, no stranger in it.
        self.assertNotIn("Changements", wb.sheetnames)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                self.assertNotIn("ÉTRANGER", row)

    # --- 5, 7: --by-school sweeps only its own, names never collide -------

    def by_school_inputs(self, uais):
        roll = ["UAI;Établissement;" + ROLL_HEADER]
        stages = ["UAI;" + PLACEMENT_HEADER]
        for i, uai in enumerate(uais):
            roll.append("%s;Lycée Test;ELEVE%d;Léa;2NDE 1;I%d;01/02/2008"
                        % (uai, i, i))
            stages.append("%s;%s" % (uai, placement("I%d" % i)))
        return (self.write("ac-eleves.csv", roll),
                self.write("ac-stages.csv", stages))

    def run_by_school(self, roll, stages, out):
        return subprocess.run(
            command("--roll", roll, "--placements", stages, "--as-of",
                    "2024-05-27", "--by-school", out),
            capture_output=True, text=True, cwd=self.dir, timeout=TIMEOUT)

    def test_by_school_leaves_a_users_tmp_files_alone(self):
        out = os.path.join(self.dir, "classeurs")
        os.mkdir(out)
        mine = os.path.join(out, "notes.tmp-backup")
        with open(mine, "w") as f:
            f.write("mes notes\n")
        # What a run killed long ago would leave, and a name that only
        # looks like it.
        lookalike = os.path.join(out, "suivi.xlsx.tmp-AbC123")
        with open(lookalike, "w") as f:
            f.write("pas à stagecheck\n")
        proc = self.run_by_school(*self.by_school_inputs(["0690001A"]), out)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        with open(mine) as f:
            self.assertEqual(f.read(), "mes notes\n")
        self.assertTrue(os.path.exists(lookalike))

    def test_uais_that_clean_to_one_name_get_two_workbooks(self):
        out = os.path.join(self.dir, "classeurs")
        proc = self.run_by_school(
            *self.by_school_inputs(["0690001A", "0690001A."]), out)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        books = sorted(f for f in os.listdir(out)
                       if f.endswith(".xlsx") and f != "academie.xlsx")
        self.assertEqual(len(books), 2, books)
        pupils = set()
        for b in books:
            wb = openpyxl.load_workbook(os.path.join(out, b))
            for row in wb["2NDE 1"].iter_rows(min_row=2, values_only=True):
                pupils.add(row[0])
        self.assertEqual(pupils, {"ELEVE0", "ELEVE1"})
        ac = openpyxl.load_workbook(os.path.join(out, "academie.xlsx"))
        listed = [c for row in ac.worksheets[0].iter_rows(values_only=True)
                  for c in row if isinstance(c, str) and c.endswith(".xlsx")]
        self.assertEqual(sorted(listed), books)

    # --- 11: options ----------------------------------------------------

    def test_output_onto_the_configuration_file_is_refused(self):
        ini = os.path.join(self.dir, "stagecheck.ini")
        text = "[entrees]\nroll = %s\nplacements = %s\n" % (self.roll,
                                                             self.stages)
        with open(ini, "w") as f:
            f.write(text)
        proc = subprocess.run(command("--config", ini, "--as-of",
                                      "2024-05-27", "-o", ini),
                              capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        with open(ini) as f:
            self.assertEqual(f.read(), text)

    def test_nul_in_a_configuration_value_is_an_error_with_its_line(self):
        ini = os.path.join(self.dir, "stagecheck.ini")
        with open(ini, "wb") as f:
            f.write(b"[entrees]\nroll = eleves.csv\x00zut\n")
        proc = subprocess.run(command("--config", ini, "--as-of",
                                      "2024-05-27"),
                              capture_output=True, text=True, cwd=self.dir,
                              timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("stagecheck.ini:2:", proc.stderr)

    def test_empty_output_is_refused_before_anything_is_read(self):
        proc = self.run_tool("-o", "")
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("l'option -o attend une valeur", proc.stderr)
        self.assertEqual(sorted(os.listdir(self.dir)),
                         ["eleves.csv", "secret", "stages.csv"])

    def test_long_path_message_keeps_its_reason(self):
        deep = os.path.join(self.dir, *(["dossier-au-nom-long"] * 40))
        out = os.path.join(deep, "suivi.xlsx")
        proc = self.run_tool("-o", out)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        first = proc.stderr.splitlines()[0]
        self.assertTrue(first.endswith("n'existe pas : créez-le, ou "
                                       "choisissez un autre chemin"), first)


if __name__ == "__main__":
    unittest.main()
