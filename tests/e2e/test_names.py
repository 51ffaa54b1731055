"""Odd names and odd inputs (issue 11): a file name that is not UTF-8,
--classes whatever the locale, and inputs that never end. They run the
real binary and read its workbook back with openpyxl."""
import os
import resource
import subprocess
import tempfile
import threading
import unittest
import zipfile

import openpyxl

from support import (BIN, FIXED, PLACEMENT_HEADER, ROLL_HEADER, WRAPPER,
                     placement)

TIMEOUT = 300  # valgrind runs are slow; nothing asserts on time


class Names(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name.encode()

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        """Writes text (UTF-8) to the file name (bytes) in the test's
        folder; returns its path as bytes."""
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))
        return path

    def run_tool(self, *args, env=None, memory=None, files=None):
        out = os.path.join(self.dir, b"suivi.xlsx")
        # Bytes, not support.command: a name that is not UTF-8 stays as it
        # is on the command line.
        cmd = [a if isinstance(a, bytes) else str(a).encode()
               for a in WRAPPER + [BIN] + list(args)] + [b"-o", out]

        def limit():
            if memory:
                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            if files:
                hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
                resource.setrlimit(resource.RLIMIT_NOFILE, (files, hard))
        proc = subprocess.run(cmd, capture_output=True, cwd=self.dir,
                              env=env, timeout=TIMEOUT, preexec_fn=limit)
        return proc, out

    def roll(self, name, classes):
        rows = ["NOM%d;Prénom;%s;%010dA;01/01/2008" % (i, c, i)
                for i, c in enumerate(classes)]
        return self.write(name, "\n".join([ROLL_HEADER] + rows) + "\n")

    def placements(self):
        return self.write(b"stages.csv", PLACEMENT_HEADER + "\n" +
                          placement("0000000000A") + "\n")

    # --- 6: a file name that is not UTF-8 ---------------------------------

    def test_latin1_file_name_gives_a_workbook_that_shows_it(self):
        # "élèves.csv" as a Windows share or a USB key spells it.
        name = "élèves.csv".encode("latin-1")
        roll = self.roll(name, ["2NDE 1", "2NDE 1"])
        proc, out = self.run_tool("--roll", roll, "--placements",
                                  self.placements(), "--as-of", "2024-05-27")
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        wb = openpyxl.load_workbook(os.fsdecode(out))  # raises on XML that is not well-formed
        texts = [v for ws in wb for row in ws.iter_rows(values_only=True)
                 for v in row if isinstance(v, str)]
        self.assertTrue(any("élèves.csv" in t for t in texts), texts[:20])

    # --- 9: --classes whatever the locale ---------------------------------

    # Class names that fold to the same key are one class: "SECONDE É"
    # and "Seconde e" would share a sheet, so only one of them is here.
    CLASSES = ["Seconde 1", "SECONDE É", "Seconde 10", "2NDE 3", "2nde 4"]

    def selected(self, pattern, locale):
        env = dict(os.environ, LC_ALL=locale)
        roll = self.roll(b"eleves.csv", self.CLASSES)
        proc, out = self.run_tool("--roll", roll, "--placements",
                                  self.placements(), "--as-of", "2024-05-27",
                                  "--classes", pattern, env=env)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        wb = openpyxl.load_workbook(os.fsdecode(out))
        return sorted(ws.title for ws in wb if ws.title not in FIXED)

    def test_classes_select_the_same_classes_in_c_and_utf8_locales(self):
        expected = {
            "seconde ?": ["SECONDE É", "Seconde 1"],
            "seconde é": ["SECONDE É"],
            "Seconde E": ["SECONDE É"],
            "seconde [0-9]*": ["Seconde 1", "Seconde 10"],
            "2NDE*": ["2NDE 3", "2nde 4"],
        }
        for pattern, classes in expected.items():
            for locale in ("C", "C.UTF-8"):
                with self.subTest(pattern=pattern, locale=locale):
                    self.assertEqual(self.selected(pattern, locale), classes)

    # --- scale: one school with thousands of classes --------------------

    def class_sheets(self, classes, files=None):
        """Runs on one school of these classes, with at most files open
        files when given; returns (workbook, whether strings went to a
        shared table)."""
        roll = self.roll(b"eleves.csv", classes)
        proc, out = self.run_tool("--roll", roll, "--placements",
                                  self.placements(), "--as-of", "2024-05-27",
                                  files=files)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        with zipfile.ZipFile(os.fsdecode(out)) as z:
            shared = "xl/sharedStrings.xml" in z.namelist()
        return openpyxl.load_workbook(os.fsdecode(out)), shared

    # Past 2,000 pupils: 2,100 in 300 classes, 7 a class.
    MANY = ["2NDE %d" % (i % 300) for i in range(2100)]

    def assert_class_sheets(self, wb):
        sheets = [ws for ws in wb if ws.title not in FIXED]
        self.assertEqual(len(sheets), 300)
        names = [r[0] for r in wb["2NDE 299"].iter_rows(min_row=2,
                                                        values_only=True)]
        self.assertIn("NOM299", names)
        self.assertIn("NOM2099", names)

    def test_many_class_sheets_keep_the_constant_memory_mode(self):
        # A row per sheet in memory, whatever the school: libxlsxwriter's
        # constant_memory mode writes strings inline, its in-memory mode
        # in a shared table.
        wb, shared = self.class_sheets(self.MANY)
        self.assertFalse(shared)
        self.assert_class_sheets(wb)

    def test_class_sheets_past_the_file_limit_use_the_in_memory_mode(self):
        # A scratch file per sheet would not fit under 200 open files:
        # the in-memory mode writes the same cells.
        wb, shared = self.class_sheets(self.MANY, files=200)
        self.assertTrue(shared)
        self.assert_class_sheets(wb)

    def test_small_school_is_written_in_memory(self):
        # 20 pupils: the in-memory mode costs little, and saves a scratch
        # file per sheet.
        wb, shared = self.class_sheets(["2NDE %d" % i for i in range(20)])
        self.assertTrue(shared)
        self.assertEqual(wb["2NDE 19"]["A2"].value, "NOM19")

    # --- 10: inputs that never end ----------------------------------------

    # Under ASan or valgrind the address space is theirs to size.
    BOUNDED = not WRAPPER and "asan" not in BIN

    def assert_refused_too_big(self, proc, name):
        self.assertEqual(proc.returncode, 2, proc.stderr)
        err = proc.stderr.decode()
        self.assertIn(name + ": fichier trop gros : plus de 512 Mio", err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, b"suivi.xlsx")))

    def test_dev_zero_as_input_is_refused_by_name_in_bounded_memory(self):
        roll = self.roll(b"eleves.csv", ["2NDE 1"])
        # 1.5 GB of address space: the whole file was read before (2 GB,
        # then "mémoire insuffisante"); the limit stops at 512 MiB.
        proc, _ = self.run_tool("--roll", roll, "--placements", "/dev/zero",
                                "--as-of", "2024-05-27",
                                memory=1536 << 20 if self.BOUNDED else None)
        self.assert_refused_too_big(proc, "/dev/zero")

    def test_endless_fifo_as_input_is_refused_by_name(self):
        roll = self.roll(b"eleves.csv", ["2NDE 1"])
        fifo = os.path.join(self.dir, b"stages.csv")
        os.mkfifo(fifo)
        line = (PLACEMENT_HEADER + "\n").encode() * 4096

        def feed():
            try:
                with open(fifo, "wb") as f:
                    while True:
                        f.write(line)
            except (BrokenPipeError, OSError):
                pass  # the reader stopped: what the test wants
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        proc, _ = self.run_tool("--roll", roll, "--placements", fifo,
                                "--as-of", "2024-05-27",
                                memory=1536 << 20 if self.BOUNDED else None)
        writer.join(TIMEOUT)
        self.assert_refused_too_big(proc, os.fsdecode(fifo))


if __name__ == "__main__":
    unittest.main()
