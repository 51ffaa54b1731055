"""End-to-end tests of -j (issue 14): several workbooks written at once give
the workbooks one writer gives, and a writer that dies under -j 2 still
ends the run in exit 2 with nothing renamed into place."""
import glob
import os
import pty
import resource
import signal
import subprocess
import tempfile
import threading
import time
import unittest

import openpyxl

from support import WRAPPER, command, generate

TIMEOUT = 600  # seconds for one run, valgrind included; no timing asserted


def workbook_values(path):
    """{sheet: [row tuples]} of every sheet: what a reader sees."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True))
            for ws in wb.worksheets}


class Jobs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        # Twelve lycées: small enough to be quick, enough for the run to
        # split them into several batches, written by two children at once.
        cls.data = generate(os.path.join(cls.tmp.name, "donnees"),
                            "--pupils", "3000", "--schools", "12",
                            "--seed", "5")
        cls.inputs = []
        for path in sorted(glob.glob(os.path.join(cls.data, "*-eleves.csv"))):
            cls.inputs += ["--roll", path]
        for path in sorted(glob.glob(os.path.join(cls.data, "*-stages.csv"))):
            cls.inputs += ["--placements", path]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_tool(self, out, *args, preexec_fn=None):
        return subprocess.run(
            command(*self.inputs, "--by-school", out, "--as-of", "2025-05-26",
                    *args),
            capture_output=True, text=True, timeout=TIMEOUT,
            preexec_fn=preexec_fn)

    def folder(self, name):
        path = os.path.join(self.tmp.name, name)
        os.makedirs(path, exist_ok=True)
        return path

    def test_one_and_two_writers_give_the_same_workbooks(self):
        one, two = self.folder("un"), self.folder("deux")
        first = self.run_tool(one, "-j", "1")
        second = self.run_tool(two, "-j", "2")
        self.assertEqual(first.returncode, 1, first.stderr)
        self.assertEqual(second.returncode, 1, second.stderr)
        books = sorted(os.listdir(one))
        self.assertEqual(books, sorted(os.listdir(two)))
        xlsx = [b for b in books if b.endswith(".xlsx")]
        # Twelve schools' workbooks and academie.xlsx.
        self.assertEqual(len(xlsx), 13)
        for name in xlsx:
            self.assertEqual(workbook_values(os.path.join(one, name)),
                             workbook_values(os.path.join(two, name)), name)
        # The summary too, but for the folder's name.
        self.assertEqual(first.stdout.replace(one, "DOSSIER"),
                         second.stdout.replace(two, "DOSSIER"))
        self.assertEqual(first.stderr.replace(one, "DOSSIER"),
                         second.stderr.replace(two, "DOSSIER"))

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding=encoding, newline="") as f:
            f.write(text)
        return path

    def test_inputs_read_side_by_side_stop_at_the_first_bad_one(self):
        # Under -j 2 the inputs are read by two threads at once; the run
        # still ends on the first bad input in the order given, as one
        # reader would, though a later one is bad too.
        quote = self.write("guillemet-eleves.csv",
                           'Nom;Prénom;Classe\n"DUPONT;Marie;2A\n')
        letter = self.write("lettre-eleves.csv", "Bonjour,\nMerci.\n")
        rolls = self.inputs[:self.inputs.index("--placements")]
        places = self.inputs[len(rolls):]
        args = rolls[:4] + ["--roll", quote] + rolls[4:] + ["--roll", letter]
        for jobs in ("1", "2", "2", "2"):
            proc = subprocess.run(
                command(*args, *places, "-o",
                        os.path.join(self.folder("arret"), "suivi.xlsx"),
                        "--as-of", "2025-05-26", "-j", jobs),
                capture_output=True, text=True, timeout=TIMEOUT)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("guillemet-eleves.csv:2", proc.stderr)
            self.assertIn("guillemet ouvert jamais refermé", proc.stderr)
            self.assertNotIn("lettre-eleves.csv", proc.stderr)
            self.assertEqual(os.listdir(self.folder("arret")), [])

    def test_folder_read_side_by_side_as_one_reader_would(self):
        # A shared folder: schools' rolls and tracking sheets, a letter
        # left out with a warning, and a roll of it also named twice on the
        # command line (read once, the second name said). -j 2 reads them
        # side by side: the workbooks, their Anomalies sheets in the same
        # order, and the summary are those of -j 1.
        depot = self.folder("depot")
        names = sorted(os.listdir(self.data))
        for name in names[:6]:
            with open(os.path.join(self.data, name), "rb") as f:
                data = f.read()
            with open(os.path.join(depot, name), "wb") as f:
                f.write(data)
        with open(os.path.join(depot, "lettre.csv"), "w") as f:
            f.write("Bonjour,\nvoici les listes.\n")
        twice = os.path.join(depot, names[0])
        runs = []
        for jobs in ("1", "2"):
            out = self.folder("depot-" + jobs)
            proc = subprocess.run(
                command("--roll", twice, "--roll", twice, depot,
                        "--by-school", out,
                        "--as-of", "2025-05-26", "-j", jobs),
                capture_output=True, text=True, timeout=TIMEOUT)
            self.assertEqual(proc.returncode, 1, proc.stderr)
            books = sorted(b for b in os.listdir(out) if b.endswith(".xlsx"))
            runs.append((proc, {b: workbook_values(os.path.join(out, b))
                                for b in books}))
        (one, books_one), (two, books_two) = runs
        # Three schools and academie.xlsx, whose Anomalies sheet has what
        # belongs to no school.
        self.assertEqual(len(books_one), 4)
        text = "\n".join(str(row) for row in
                         books_one["academie.xlsx"]["Anomalies"])
        self.assertIn("fichier du dossier laissé de côté", text)
        self.assertIn("lettre.csv", text)
        self.assertIn("fichier donné deux fois", text)
        self.assertEqual(books_one, books_two)
        self.assertEqual(one.stdout.replace("depot-1", "D"),
                         two.stdout.replace("depot-2", "D"))
        self.assertEqual(one.stderr, two.stderr)

    # valgrind needs descriptors of its own: under 12 it cannot start.
    @unittest.skipIf(WRAPPER, "the wrapper needs descriptors of its own")
    def test_too_many_jobs_for_the_file_limit_say_so(self):
        out = self.folder("trop")

        def tiny_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (12, 12))
        proc = self.run_tool(out, "-j", "256", preexec_fn=tiny_limit)
        # Either every workbook, or none and the reason: never memory.
        self.assertIn(proc.returncode, (1, 2), proc.stderr)
        self.assertNotIn("mémoire insuffisante", proc.stderr)
        books = [b for b in os.listdir(out) if b.endswith(".xlsx")]
        if proc.returncode == 2:
            self.assertIn("trop de fichiers ouverts", proc.stderr)
            self.assertEqual(books, [])
        else:
            self.assertEqual(len(books), 13)

    def test_run_started_with_sigchld_ignored_writes_its_workbooks(self):
        # Some supervisors start programs with SIGCHLD ignored: the kernel
        # then reaps the writers itself and waitpid cannot tell how they
        # ended.
        out = self.folder("sigchld")
        proc = self.run_tool(out, "-j", "2", preexec_fn=lambda: signal.signal(
            signal.SIGCHLD, signal.SIG_IGN))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(len([b for b in os.listdir(out)
                              if b.endswith(".xlsx")]), 13)

    def test_writer_crash_under_two_jobs_exits_2_and_renames_nothing(self):
        out = self.folder("crash")
        proc = self.run_tool(out, "-j", "2")
        self.assertEqual(proc.returncode, 1, proc.stderr)

        def seen():
            found = {}
            for name in os.listdir(out):
                path = os.path.join(out, name)
                with open(path, "rb") as f:
                    found[name] = (os.stat(path).st_ino, f.read())
            return found

        before = seen()
        states = [len(v[1]) for k, v in before.items()
                  if k.endswith(".etat")]
        books = [len(v[1]) for k, v in before.items()
                 if k.endswith(".xlsx")]
        # Room for every state file (the run writes them itself), not for
        # the largest workbooks: the children writing them die of SIGXFSZ,
        # as of any signal.
        limit = max(states) + 4096
        self.assertLess(limit, max(books))

        def small_files():
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        proc = self.run_tool(out, "-j", "2", preexec_fn=small_files)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("l'écriture du classeur s'est interrompue (signal %d"
                      % signal.SIGXFSZ, proc.stderr)
        self.assertIn("aucun classeur écrit", proc.stderr)
        # Nothing renamed into place (the same files, the same inodes), no
        # temporary file left, though some workbooks were written whole.
        self.assertEqual(seen(), before)

    def slow_run(self, name, *args, terminal=True):
        """Runs with the first roll given through a FIFO that gets its
        bytes only after 1.5 s, so that the run lasts over a second
        whatever the machine; stderr is a terminal (a pty) or a pipe.
        Returns the exit status and what stderr showed."""
        out = self.folder(name)
        fifo = os.path.join(self.tmp.name, name + "-eleves.csv")
        os.mkfifo(fifo)
        inputs = list(self.inputs)
        with open(inputs[1], "rb") as f:
            roll = f.read()
        inputs[1] = fifo

        def feed():
            with open(fifo, "wb") as f:
                time.sleep(1.5)
                f.write(roll)

        feeder = threading.Thread(target=feed)
        feeder.start()
        master = slave = None
        if terminal:
            master, slave = pty.openpty()
        proc = subprocess.Popen(
            command(*inputs, "--by-school", out, "--as-of", "2025-05-26",
                    *args),
            stdout=subprocess.DEVNULL,
            stderr=slave if terminal else subprocess.PIPE)
        shown = b""
        if terminal:
            os.close(slave)
            while True:
                try:
                    got = os.read(master, 65536)
                except OSError:  # EIO: the run closed the terminal
                    break
                if not got:
                    break
                shown += got
            os.close(master)
        else:
            shown = proc.stderr.read()
            proc.stderr.close()
        proc.wait(timeout=TIMEOUT)
        feeder.join()
        return proc.returncode, shown.decode("utf-8")

    def test_progress_line_on_a_terminal_is_erased_at_the_end(self):
        status, shown = self.slow_run("terminal", "-j", "2")
        self.assertEqual(status, 1, shown)
        self.assertIn("\r24 fichiers lus sur 24, ", shown)
        self.assertIn(" établissements vérifiés sur 12, ", shown)
        self.assertIn(" classeurs écrits sur 13 (", shown)
        # Erased for good: the last thing on the terminal wipes the line.
        self.assertTrue(shown.endswith("\r\033[K"), repr(shown[-80:]))

    def test_no_progress_line_with_quiet_or_without_terminal(self):
        status, shown = self.slow_run("quiet", "-j", "2", "-q")
        self.assertEqual(status, 1, shown)
        self.assertNotIn("\r", shown)
        status, shown = self.slow_run("cron", "-j", "2", terminal=False)
        self.assertEqual(status, 1, shown)
        self.assertNotIn("\r", shown)
        self.assertNotIn("fichiers lus", shown)


if __name__ == "__main__":
    unittest.main()
