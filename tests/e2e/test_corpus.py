"""The bad-input corpus (issue 3, item 1): one test per case of
tests/corpus/cases.json, run against the real ./stagecheck.

Each case puts its files in a fresh folder, runs stagecheck there (paths are
relative, so messages read "eleves.csv:3: ..."), always with
--as-of 2024-05-27 (period 17-28 June 2024), and checks the exit status, the
French messages on stderr, and either the workbook (read back with openpyxl:
sheet names, cell sizes, the Anomalies rows, the pupils on the class sheets)
or, when the run stops (exit 2), that no file of the folder changed and none
appeared. tests/corpus/make_corpus.py writes the corpus; see its docstring
for the fields of a case.
"""
import errno
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from support import FIXED, TOP, command, sheet_rows  # noqa: E402

CORPUS = os.path.join(TOP, "tests", "corpus")
sys.path.insert(0, CORPUS)
_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
import make_corpus  # noqa: E402  (no __pycache__ left in tests/corpus)
sys.dont_write_bytecode = _bytecode

AS_OF = "2024-05-27"
TIMEOUT = 300          # per run; valgrind runs are slow, no timing is asserted
SHEET_MAX = 31         # Excel's longest sheet name, in UTF-16 units
CELL_MAX = 32767       # Excel's longest cell text, in UTF-16 units
FORBIDDEN = set("[]:*?/\\")
# Names a class sheet may not take, compared without case.
RESERVED = {n.casefold() for n in FIXED + ("History",)}
PREVIOUS = b"classeur de la veille\n"
FSIZE_LIMIT = 1024     # bytes: far less than any workbook
RUN_AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup",
                 "--clear-groups", "--"]

with open(os.path.join(CORPUS, "cases.json"), encoding="utf-8") as _f:
    CASES = json.load(_f)["cases"]


# ---- generated inputs: too big to store ---------------------------------------

def gen_line_50mb(path):
    """50 MiB on one line, no separator (a corrupt export)."""
    chunk = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 1024
    size = 50 * 1024 * 1024
    with open(path, "wb") as f:
        written = 0
        while written < size:
            part = chunk[:size - written]
            f.write(part)
            written += len(part)
        f.write(b"\n")


def gen_fields_10000(path):
    """A roll whose line 3 has 10,000 filled cells under a 5-column header."""
    row = make_corpus.R2 + ";" + ";".join(["x"] * (10000 - 5))
    with open(path, "wb") as f:
        f.write(make_corpus.roll(make_corpus.R1, row, make_corpus.R3))


def gen_cell_40000(path):
    """Placements whose line 3 has a 40,012-character Structure d'accueil."""
    host = "Boulangerie " + "du Marché " * 4000
    with open(path, "wb") as f:
        f.write(make_corpus.stages(make_corpus.placement("A1"),
                                   make_corpus.placement("A2", host=host),
                                   make_corpus.placement("A3")))


def gen_xlsx_roll(path):
    """A real Excel workbook holding the roll, as openpyxl writes it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Élèves"
    for line in [make_corpus.ROLL_HEADER, make_corpus.R1, make_corpus.R2,
                 make_corpus.R3]:
        ws.append(line.split(";"))
    wb.save(path)


GENERATORS = {"line_50mb": gen_line_50mb, "fields_10000": gen_fields_10000,
              "cell_40000": gen_cell_40000, "xlsx_roll": gen_xlsx_roll}


# ---- helpers ------------------------------------------------------------------

def utf16_len(text):
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def snapshot(top):
    """{relative path: sha256 of the file, or "<dir>"} under top."""
    found = {}
    for root, dirs, files in os.walk(top):
        for d in dirs:
            found[os.path.relpath(os.path.join(root, d), top)] = "<dir>"
        for name in files:
            path = os.path.join(root, name)
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            found[os.path.relpath(path, top)] = h.hexdigest()
    return found


def tail(text, n=1500):
    return text if len(text) <= n else "…" + text[-n:]


def fill_disk(folder):
    """Writes a filler file in folder until the file system is full."""
    fd = os.open(os.path.join(folder, "remplissage.bin"),
                 os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (1 << 16, 4096, 512, 1):
            block = b"\0" * size
            while True:
                try:
                    if os.write(fd, block) == 0:
                        break
                except OSError as e:
                    if e.errno in (errno.ENOSPC, errno.EDQUOT):
                        break
                    raise
    finally:
        os.close(fd)


class Corpus(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="stagecheck-corpus-")
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name

    # --- running ---------------------------------------------------------

    def run_tool(self, args, timeout, prefix=(), preexec=None):
        cmd = list(prefix) + command(*args)
        proc = subprocess.run(cmd, cwd=self.dir, capture_output=True,
                              timeout=timeout, preexec_fn=preexec)
        return (proc.returncode,
                proc.stdout.decode("utf-8", "replace"),
                proc.stderr.decode("utf-8", "replace"))

    def materialise(self, c):
        for name in c.get("dirs", []):
            os.makedirs(os.path.join(self.dir, name), exist_ok=True)
        for name, src in c["files"].items():
            path = os.path.join(self.dir, name)
            if isinstance(src, dict):
                GENERATORS[src["generate"]](path)
            else:
                shutil.copyfile(os.path.join(CORPUS, "files", src), path)

    def mount_tmpfs(self, folder):
        if os.geteuid() != 0 or not shutil.which("mount"):
            self.skipTest("a real tmpfs needs root and mount(8); the full "
                          "disk is covered by output_disk_full_fsize_limit")
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o",
                               "size=512k,mode=0755", "stagecheck-corpus",
                               folder], capture_output=True, text=True)
        if proc.returncode != 0:
            self.skipTest("mount -t tmpfs refused here (%s); the full disk is "
                          "covered by output_disk_full_fsize_limit"
                          % proc.stderr.strip())
        self.addCleanup(subprocess.run, ["umount", "-l", folder],
                        capture_output=True)

    def make_read_only(self, folder):
        """Makes folder unwritable for the run; returns the command prefix
        that runs stagecheck as a user the folder refuses."""
        if os.geteuid() != 0:
            os.chmod(folder, 0o555)
            self.addCleanup(os.chmod, folder, 0o755)
            try:
                open(os.path.join(folder, ".probe"), "wb").close()
            except OSError:
                return ()
            self.skipTest("a 0555 folder is still writable here")
        if not shutil.which("setpriv"):
            self.skipTest("running as root, and setpriv (util-linux) is "
                          "missing to run stagecheck as nobody")
        # nobody must read the inputs and reach the binary.
        for root, dirs, files in os.walk(self.dir):
            os.chmod(root, 0o755)
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)
        os.chmod(folder, 0o555)
        probe = subprocess.run(RUN_AS_NOBODY + command("--version"),
                               capture_output=True, text=True, timeout=TIMEOUT)
        if probe.returncode != 0:
            self.skipTest("stagecheck cannot run as nobody here (%s)"
                          % (probe.stderr.strip() or probe.returncode))
        probe = subprocess.run(RUN_AS_NOBODY + ["touch",
                                                os.path.join(folder, ".probe")],
                               capture_output=True)
        if probe.returncode == 0:
            self.skipTest("nobody can still write into a 0555 folder here")
        return RUN_AS_NOBODY

    def run_case(self, c):
        output = c.get("output", "suivi.xlsx")
        out_path = os.path.join(self.dir, output)
        out_dir = os.path.dirname(out_path)
        args = list(c["args"]) + ["--as-of", AS_OF, "-o", output]
        timeout = c.get("timeout", TIMEOUT)
        special = c.get("special")
        prefix, preexec = (), None

        self.materialise(c)
        if special == "tmpfs":
            self.mount_tmpfs(out_dir)
        if c.get("prepare") == "previous_run":
            code, _, err = self.run_tool(args, timeout)
            self.assertIn(code, (0, 1), "the first, normal run failed:\n" + err)
            self.assertTrue(os.path.isfile(out_path))
        elif c["exit"] == 2 and os.path.isdir(out_dir) and \
                not os.path.exists(out_path):
            with open(out_path, "wb") as f:
                f.write(PREVIOUS)
        if special == "readonly":
            prefix = self.make_read_only(out_dir)
        elif special == "rlimit_fsize":
            def preexec():
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE,
                                   (FSIZE_LIMIT, FSIZE_LIMIT))
        elif special == "tmpfs":
            fill_disk(out_dir)
        before = snapshot(self.dir) if c["exit"] == 2 else None

        code, out, err = self.run_tool(args, timeout, prefix, preexec)
        failures = []
        context = "\n--- stderr ---\n%s\n--- stdout ---\n%s" % (tail(err),
                                                               tail(out, 400))
        if code < 0:
            failures.append("killed by signal %d" % -code)
        elif code != c["exit"]:
            failures.append("exit status %d, expected %d" % (code, c["exit"]))
        for rx in c.get("stderr", []):
            if not re.search(rx, err, re.M):
                failures.append("stderr does not match /%s/" % rx)
        if c["exit"] == 2:
            after = snapshot(self.dir)
            if after != before:
                changed = sorted(k for k in set(before) | set(after)
                                 if before.get(k) != after.get(k))
                failures.append("files changed or appeared: %s" % changed)
        if c["workbook"]:
            if not os.path.isfile(out_path):
                failures.append("no workbook written")
            else:
                failures += self.check_workbook(c, out_path, err)
        if failures:
            self.fail("%s\n%s" % ("\n".join("- " + f for f in failures),
                                  context))

    # --- the workbook ----------------------------------------------------

    def check_workbook(self, c, path, err):
        failures = []
        try:
            wb = openpyxl.load_workbook(path)
        except Exception as e:  # a broken workbook is a finding, not a crash
            return ["openpyxl cannot read the workbook: %r" % e]
        names = wb.sheetnames
        if names[:1] != ["Synthèse"] or names[-1:] != ["Anomalies"] or \
                "Accueil établissement" not in names:
            failures.append("fixed sheets misplaced: %s" % names)
        if len({n.casefold() for n in names}) != len(names):
            failures.append("sheet names not unique without case: %s" % names)
        classes = [n for n in names if n not in FIXED]
        for n in names:
            if utf16_len(n) > SHEET_MAX or FORBIDDEN & set(n) or \
                    n.startswith("'") or n.endswith("'") or not n.strip():
                failures.append("invalid sheet name %r" % n)
        for n in classes:
            if n.casefold() in RESERVED:
                failures.append("class sheet takes a reserved name: %r" % n)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str) and utf16_len(v) > CELL_MAX:
                        failures.append("cell over %d characters on %s"
                                        % (CELL_MAX, ws.title))
        if "class_sheets" in c and len(classes) != c["class_sheets"]:
            failures.append("%d class sheets, expected %d: %s"
                            % (len(classes), c["class_sheets"], classes))

        pupils = [(n, r) for n in classes for r in sheet_rows(wb[n])]
        for p in c.get("pupils", []):
            found = [(n, r) for n, r in pupils if r.get("Nom") == p["nom"] and
                     ("prenom" not in p or r.get("Prénom") == p["prenom"]) and
                     ("prenom_in" not in p or r.get("Prénom") in p["prenom_in"])]
            label = "%s %s" % (p["nom"], p.get("prenom", ""))
            if len(found) != 1:
                failures.append("pupil %s on %d class sheet rows, expected 1 "
                                "(rows: %s)" % (label, len(found), sorted(
                                    (n, str(r.get("Nom")), str(r.get("Prénom")))
                                    for n, r in pupils)[:12]))
                continue
            sheet, row = found[0]
            if "statut" in p and row.get("Statut") != p["statut"]:
                failures.append("pupil %s is %r, expected %r (À faire: %s)"
                                % (label, row.get("Statut"), p["statut"],
                                   row.get("À faire")))
            for col, want in p.get("cells", {}).items():
                got = row.get(col)
                ok = (isinstance(got, str) and got.startswith(
                    want["startswith"])) if isinstance(want, dict) else \
                    got == want
                if not ok:
                    failures.append("pupil %s: %s is %r, expected %r"
                                    % (label, col, str(got)[:60], want))
        for group in c.get("same_sheet", []):
            sheets = {n for n, r in pupils if r.get("Nom") in group}
            if len(sheets) != 1:
                failures.append("%s should share one sheet, found on %s"
                                % (group, sorted(sheets)))

        anomalies = [a for a in sheet_rows(wb["Anomalies"])
                     if a.get("Message")]
        shown = ["%s %s:%s %s" % (a.get("Gravité"), a.get("Fichier"),
                                  a.get("Ligne"), str(a.get("Message"))[:90])
                 for a in anomalies]
        for want in c.get("anomalies", []):
            match = [a for a in anomalies if self.anomaly_matches(a, want)]
            if not match:
                failures.append("no anomaly %s; the sheet has: %s"
                                % (json.dumps(want, ensure_ascii=False),
                                   shown[:10]))
                continue
            a = match[0]
            if want["line"] and a["Gravité"] in ("Erreur", "Attention"):
                where = "%s:%d: " % (a["Fichier"], want["line"])
                if where not in err:
                    failures.append("stderr lacks %r" % where)
        if c.get("no_findings"):
            findings = [s for s, a in zip(shown, anomalies)
                        if a.get("Gravité") in ("Erreur", "Attention")]
            if findings:
                failures.append("unexpected anomalies: %s" % findings[:10])
        for rx in c.get("absent_anomalies", []):
            bad = [s for s, a in zip(shown, anomalies)
                   if re.search(rx, str(a.get("Message")), re.I)]
            if bad:
                failures.append("%d anomalies match /%s/, expected none: %s"
                                % (len(bad), rx, bad[:5]))
        return failures

    @staticmethod
    def anomaly_matches(a, want):
        file, line = a.get("Fichier") or "", a.get("Ligne") or 0
        if want["file"]:
            if os.path.normpath(file) != os.path.normpath(want["file"]):
                return False
        elif file:
            return False
        if int(line) != want["line"]:
            return False
        if "severity" in want and not re.fullmatch(want["severity"],
                                                   str(a.get("Gravité"))):
            return False
        return re.search(want["message"], str(a.get("Message")), re.I)

    # --- the corpus itself -------------------------------------------------

    def test_corpus_has_at_least_40_cases(self):
        self.assertGreaterEqual(len(CASES), 40)
        self.assertEqual(len({c["id"] for c in CASES}), len(CASES))

    def test_corpus_files_are_what_make_corpus_writes(self):
        """The committed files and cases.json match make_corpus.py."""
        with tempfile.TemporaryDirectory() as fresh:
            subprocess.run([sys.executable,
                            os.path.join(CORPUS, "make_corpus.py"), fresh],
                           check=True)
            want = snapshot(fresh)
        have = {k: v for k, v in snapshot(CORPUS).items()
                if k.split(os.sep)[0] in ("files", "cases.json")}
        self.assertEqual(sorted(have), sorted(want))
        self.assertEqual(have, want, "run tests/corpus/make_corpus.py")


def _case_test(c):
    def test(self):
        self.run_case(c)
    test.__doc__ = "%s: %s" % (c["id"], c["situation"])
    return test


for _c in CASES:
    setattr(Corpus, "test_" + _c["id"], _case_test(_c))


if __name__ == "__main__":
    unittest.main()
