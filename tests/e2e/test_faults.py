"""End-to-end fault tests (issue 3): a run killed while it writes, a
workbook that cannot be written, the temporary file's permissions, and
runs writing the same workbook at once. The allocation failures are in
tests/fault (make check-fault).

They run the real ./stagecheck (or $STAGECHECK under $STAGECHECK_WRAPPER:
ASan, valgrind), so the timeouts are generous and nothing asserts on how
long a run takes."""
import os
import re
import resource
import signal
import stat
import subprocess
import tempfile
import time
import unittest
import zipfile

import openpyxl

from support import FIXED, PLACEMENT_HEADER, ROLL_HEADER, command, placement

TIMEOUT = 600       # seconds for one run, valgrind included
BIG = 30000         # pupils: writing takes long enough to be caught at it
# The temporary workbook, in the run's private folder beside the output.
WORKBOOK_TMP = re.compile(r"^\.stagecheck-\d+\.tmp-\w{6}/suivi\.xlsx$")


def write_inputs(folder, n, prefix, name="eleves.csv", stages="stages.csv"):
    """A roll of n pupils named <prefix><i>, each with a complete placement.
    Returns the paths of the roll and the placements."""
    roll = os.path.join(folder, name)
    places = os.path.join(folder, stages)
    with open(roll, "w", encoding="utf-8") as f:
        f.write("\n".join([ROLL_HEADER] + [
            "%s%d;Prénom;2nde %d;%s%d;01/01/2008" % (prefix, i, i % 12, prefix, i)
            for i in range(n)]) + "\n")
    with open(places, "w", encoding="utf-8") as f:
        f.write("\n".join([PLACEMENT_HEADER] + [
            placement("%s%d" % (prefix, i)) for i in range(n)]) + "\n")
    return roll, places


def read_bytes(path):
    """The file's bytes, or None when there is no file."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def zip_whole(path):
    """True if path is a zip whose every member reads back (CRC checked)."""
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def state_names(path):
    """The surnames of the state file's lines."""
    with open(path, encoding="utf-8") as f:
        return {line.split("\t")[2] for line in f
                if line.strip() and not line.startswith("#")}


def workbook_names(path):
    """The surnames on the class sheets of the workbook."""
    wb = openpyxl.load_workbook(path, read_only=True)
    names = set()
    for ws in wb.worksheets:
        if ws.title in FIXED:
            continue
        rows = ws.iter_rows(values_only=True)
        header = list(next(rows))
        col = header.index("Nom")
        names.update(r[col] for r in rows if r[col] is not None)
    wb.close()
    return names


class Faults(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.out = os.path.join(self.dir, "suivi.xlsx")
        self.state = self.out + ".etat"

    def tearDown(self):
        self.tmp.cleanup()

    def args(self, roll, places, *extra):
        return command("--roll", roll, "--placements", places, "-o", self.out,
                       "--as-of", "2024-05-27", "-q", *extra)

    def run_ok(self, roll, places, *extra):
        proc = subprocess.run(self.args(roll, places, *extra),
                              capture_output=True, text=True, cwd=self.dir,
                              timeout=TIMEOUT)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        return proc

    def temporaries(self):
        return [n for n in os.listdir(self.dir) if ".tmp-" in n]

    def temporary_files(self):
        """The temporaries, and the files in the private folders among
        them as "folder/name"."""
        found = []
        for name in self.temporaries():
            found.append(name)
            try:
                found += [name + "/" + inner for inner in
                          os.listdir(os.path.join(self.dir, name))]
            except (FileNotFoundError, NotADirectoryError):
                pass
        return found

    def previous_run(self):
        """A small run: the workbook and state any failed run must leave
        byte-identical. Returns their bytes."""
        roll, places = write_inputs(self.dir, 20, "AVANT", "avant.csv",
                                    "stages-avant.csv")
        self.run_ok(roll, places)
        return read_bytes(self.out), read_bytes(self.state)

    def start(self, roll, places, *extra, preexec_fn=None):
        return subprocess.Popen(self.args(roll, places, *extra), cwd=self.dir,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, preexec_fn=preexec_fn)

    def wait_for_temporary(self, proc, old):
        """Polls the folder until a temporary workbook other than those in
        old appears; returns its name, or None if the run ended first."""
        while proc.poll() is None:
            for name in self.temporary_files():
                if WORKBOOK_TMP.match(name) and name not in old:
                    return name
            time.sleep(0.001)
        return None

    # --- SIGKILL while writing -------------------------------------------

    def test_sigkill_while_writing_leaves_previous_workbook_and_state(self):
        before, state_before = self.previous_run()
        roll, places = write_inputs(self.dir, BIG, "NOM")
        caught = 0
        for delay in (0, 0.02, 0.1, 0.3):
            # A killed run's leftovers are swept by the next run, under
            # the lock, before it creates its own.
            proc = self.start(roll, places)
            try:
                mine = self.wait_for_temporary(proc, self.temporary_files())
                if mine is None:
                    self.fail("the run ended before writing: %s"
                              % proc.stderr.read())
                time.sleep(delay)
                proc.kill()
                proc.wait(timeout=TIMEOUT)
            finally:
                proc.stderr.close()
            if os.path.exists(os.path.join(self.dir, mine)):
                # Killed before the rename: nothing may have moved, the
                # state included (it is renamed after the workbook).
                caught += 1
                self.assertEqual(read_bytes(self.out), before, delay)
                self.assertEqual(read_bytes(self.state), state_before, delay)
            else:
                # Killed after the workbook's rename, or not at all: the
                # workbook in place is the new one, whole.
                self.assertTrue(zip_whole(self.out), delay)
                before, state_before = (read_bytes(self.out),
                                        read_bytes(self.state))
        self.assertGreaterEqual(caught, 2, "too few kills landed mid-write")

        # The next run sweeps what the killed ones left.
        self.run_ok(roll, places)
        self.assertEqual(self.temporaries(), [])
        self.assertTrue(zip_whole(self.out))
        self.assertEqual(len(state_names(self.state)), BIG)

    # --- workbook_close cannot write ---------------------------------------

    def test_unwritable_workbook_exits_2_and_leaves_previous_workbook(self):
        before, state_before = self.previous_run()
        roll, places = write_inputs(self.dir, 3000, "NOM")

        def small_files():
            # write() then fails with EFBIG instead of killing the run.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (32768, 32768))

        proc = self.start(roll, places, preexec_fn=small_files)
        err = proc.communicate(timeout=TIMEOUT)[1].decode("utf-8")
        self.assertEqual(proc.returncode, 2, err)
        self.assertIn(self.out, err)
        self.assertIn("aucun classeur écrit", err)
        self.assertEqual(read_bytes(self.out), before)
        self.assertEqual(read_bytes(self.state), state_before)
        self.assertEqual(self.temporaries(), [])

    # --- the temporary file's permissions ----------------------------------

    def test_temporary_workbook_is_never_readable_by_others(self):
        roll, places = write_inputs(self.dir, BIG, "NOM")
        # umask 0: a file created with a plain 0666 would be world-readable.
        proc = self.start(roll, places, preexec_fn=lambda: os.umask(0))
        seen = {}
        try:
            while proc.poll() is None:
                for name in self.temporary_files():
                    try:
                        mode = os.stat(os.path.join(self.dir, name)).st_mode
                    except FileNotFoundError:
                        continue  # renamed or removed meanwhile
                    seen[name] = seen.get(name, 0) | stat.S_IMODE(mode)
        finally:
            err = proc.communicate(timeout=TIMEOUT)[1].decode("utf-8")
        self.assertIn(proc.returncode, (0, 1), err)
        self.assertTrue(any(WORKBOOK_TMP.match(n) for n in seen),
                        "the temporary workbook was never seen")
        for name, mode in seen.items():
            self.assertEqual(mode & 0o077, 0, "%s: %o" % (name, mode))
        self.assertEqual(stat.S_IMODE(os.stat(self.out).st_mode), 0o640)
        self.assertEqual(stat.S_IMODE(os.stat(self.state).st_mode), 0o640)
        self.assertEqual(self.temporaries(), [])

    # --- runs on the same workbook at once -------------------------------------

    def concurrent(self, *extra):
        """Starts three runs on different inputs (pupils A…, B…, C…) and the
        same output. Returns {prefix: (exit status, stderr)}."""
        inputs = {p: write_inputs(self.dir, 1500 + 100 * i, p,
                                  "eleves-%s.csv" % p, "stages-%s.csv" % p)
                  for i, p in enumerate("ABC")}
        procs = {p: self.start(*inputs[p], *extra) for p in inputs}
        ends = {}
        for p, proc in procs.items():
            err = proc.communicate(timeout=3 * TIMEOUT)[1].decode("utf-8")
            ends[p] = (proc.returncode, err)
        return ends

    def assert_one_whole_run(self, ends):
        """The workbook and the state are those of one successful run, whole,
        never a mix of two."""
        names = workbook_names(self.out)
        winners = [p for p, (code, _) in ends.items() if code in (0, 1)
                   and names == {"%s%d" % (p, i)
                                 for i in range(1500 + 100 * "ABC".index(p))}]
        self.assertEqual(len(winners), 1, sorted(names)[:5])
        self.assertEqual(state_names(self.state), names)
        self.assertEqual(self.temporaries(), [])

    def test_concurrent_runs_on_different_inputs_end_with_one_whole_run(self):
        # Each waits for the others: all succeed, the last one's stays.
        ends = self.concurrent("--wait", "3600")
        for p, (code, err) in ends.items():
            self.assertIn(code, (0, 1), "%s: %s" % (p, err))
        self.assert_one_whole_run(ends)

    def test_concurrent_runs_that_cannot_wait_exit_2_untouched(self):
        ends = self.concurrent("--wait", "0")
        for p, (code, err) in ends.items():
            if code == 2:
                # Told in French, naming the workbook.
                self.assertIn("un autre passage", err, p)
                self.assertIn(self.out, err, p)
            else:
                self.assertIn(code, (0, 1), "%s: %s" % (p, err))
        self.assertTrue(any(code in (0, 1) for code, _ in ends.values()))
        self.assert_one_whole_run(ends)


if __name__ == "__main__":
    unittest.main()
