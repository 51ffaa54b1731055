"""tools/check-layers.py must fail on a forbidden include: each test copies
the real src/ and include/ into a temporary folder, adds one include to one
file and checks the exit status and the FILE:LINE: message."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCRIPT = os.path.join(TOP, "tools", "check-layers.py")


class LayerRule(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        for folder in ("src", "include"):
            shutil.copytree(os.path.join(TOP, folder),
                            os.path.join(self.root, folder))

    def tearDown(self):
        self.tmp.cleanup()

    def run_check(self):
        return subprocess.run([sys.executable, SCRIPT, self.root],
                              capture_output=True, text=True, timeout=60)

    def first(self, pattern):
        """The first file matching PATTERN in the copy, relative to it."""
        paths = sorted(glob.glob(os.path.join(self.root, pattern)))
        self.assertTrue(paths, "aucun fichier " + pattern)
        return os.path.relpath(paths[0], self.root)

    def add_line(self, rel, line):
        """Appends LINE to REL (created if need be); returns its number."""
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = ""
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
        if text and not text.endswith("\n"):
            text += "\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + line + "\n")
        return text.count("\n") + 1

    def assert_refused(self, rel, line, why):
        number = self.add_line(rel, line)
        r = self.run_check()
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("%s:%d: " % (rel, number), r.stderr)
        self.assertIn(why, r.stderr)
        self.assertIn("1 infraction(s)", r.stderr)

    def test_the_copied_tree_passes(self):
        """The starting point of every other test: no breach at all."""
        r = self.run_check()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertIn("aucune infraction", r.stdout)

    def test_base_includes_only_base(self):
        self.assert_refused(self.first("src/base/*.c"),
                            '#include "stagecheck/core/period.h"',
                            "la couche base n'inclut que base")

    def test_core_includes_no_input(self):
        self.assert_refused(self.first("src/core/*.c"),
                            '#include "stagecheck/input/csv.h"',
                            "core inclut input")

    def test_core_header_includes_no_store(self):
        self.assert_refused(self.first("include/stagecheck/core/*.h"),
                            '#include "stagecheck/store/tempfile.h"',
                            "la couche core n'inclut que base, core")

    def test_store_includes_no_input(self):
        self.assert_refused(self.first("src/store/*.c"),
                            '#include "stagecheck/input/file.h"',
                            "la couche store n'inclut que base, core, store")

    def test_settings_includes_no_store(self):
        self.assert_refused(self.first("src/settings/*.c"),
                            '#include "stagecheck/store/lock.h"',
                            "settings inclut store")

    def test_input_never_includes_workbook(self):
        self.assert_refused(self.first("src/input/*.c"),
                            '#include "stagecheck/workbook/report.h"',
                            "input et workbook ne s'incluent jamais")

    def test_workbook_never_includes_input(self):
        self.assert_refused(self.first("include/stagecheck/workbook/*.h"),
                            '#include "stagecheck/input/csv.h"',
                            "input et workbook ne s'incluent jamais")

    def test_only_workbook_includes_xlsxwriter(self):
        self.assert_refused(self.first("src/core/*.c"),
                            "#include <xlsxwriter.h>",
                            "seule la couche workbook inclut xlsxwriter.h")

    def test_top_includes_no_xlsxwriter_either(self):
        self.assert_refused("src/run.c", "#include <xlsxwriter.h>",
                            "seule la couche workbook inclut xlsxwriter.h")

    def test_no_layer_includes_run_h(self):
        self.assert_refused(self.first("src/workbook/*.c"),
                            '#include "stagecheck/run.h"',
                            "seul le haut")

    def test_no_layer_includes_summary_h(self):
        self.assert_refused(self.first("src/settings/*.c"),
                            '#include "stagecheck/summary.h"',
                            "seul le haut")

    def test_a_relative_path_is_no_way_round(self):
        self.assert_refused(self.first("src/core/*.c"),
                            '#include "../../include/stagecheck/input/csv.h"',
                            "core inclut input")

    def test_a_folder_outside_the_table_is_refused(self):
        self.assert_refused("src/extra/thing.c", "int sc_thing;",
                            "dossier hors de la règle des couches")

    def test_the_top_includes_every_layer(self):
        for layer in ("base", "core", "input", "store", "workbook",
                      "settings"):
            header = self.first("include/stagecheck/%s/*.h" % layer)
            self.add_line("src/run.c", '#include "%s"'
                          % header[len("include/"):])
        r = self.run_check()
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_an_include_in_a_comment_is_not_one(self):
        rel = self.first("src/base/*.c")
        self.add_line(rel, '/* #include "stagecheck/core/period.h"')
        self.add_line(rel, '   #include "stagecheck/run.h" */')
        self.add_line(rel, '// #include <xlsxwriter.h>')
        r = self.run_check()
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main()
