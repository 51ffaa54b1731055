"""End-to-end tests of the structure categories: what the secretary types
in « Type de structure » is read as one of the FAQ's five categories
(« des associations, des administrations, des établissements publics, des
collectivités territoriales ainsi que dans des entreprises »), a private
person is an error and a type nobody knows a warning that leaves the
status alone. Run the real binary, read the workbook back with openpyxl."""
import os
import subprocess
import tempfile
import unittest

import openpyxl

from support import (FIXED, PLACEMENT_HEADER, ROLL_HEADER, command,
                     placement, sheet_rows)

ROLL = ["DUPONT;Léa;2nde 1;A1;10/03/2008",
        "MARTIN;Paul;2nde 1;A2;01/01/2008",
        "DURAND;Zoé;2nde 1;A3;02/02/2008",
        "PETIT;Hugo;2nde 1;A4;03/03/2008",
        "ROUX;Emma;2nde 1;A5;04/04/2008"]
TYPES = {"A1": "SARL", "A2": "Mairie de Lyon", "A3": "particulier",
         "A4": "Tiers-lieu", "A5": "GmbH & Co. KG"}


class Categories(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        with open(os.path.join(d, "eleves.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join([ROLL_HEADER] + ROLL) + "\n")
        rows = [placement(ine, kind=kind) for ine, kind in TYPES.items()]
        with open(os.path.join(d, "stages.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join([PLACEMENT_HEADER] + rows) + "\n")
        out = os.path.join(d, "suivi.xlsx")
        cls.proc = subprocess.run(
            command("--roll", os.path.join(d, "eleves.csv"),
                    "--placements", os.path.join(d, "stages.csv"),
                    "--as-of", "2024-05-27", "-o", out),
            capture_output=True, text=True, timeout=60, cwd=d)
        cls.wb = openpyxl.load_workbook(out)
        cls.pupils = {}
        for ws in cls.wb.worksheets:
            if ws.title not in FIXED:
                for row in sheet_rows(ws):
                    cls.pupils[row["Nom"]] = row
        cls.anomalies = sheet_rows(cls.wb["Anomalies"])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def anomalies_of(self, pupil):
        return [a for a in self.anomalies if a["Élève"] == pupil]

    def test_synonyms_of_the_five_are_ready_without_anomaly(self):
        for name in ("DUPONT", "MARTIN", "ROUX"):
            self.assertEqual(self.pupils[name]["Statut"], "Prêt", name)
        self.assertEqual(self.anomalies_of("DUPONT Léa"), [])
        self.assertEqual(self.anomalies_of("MARTIN Paul"), [])
        self.assertEqual(self.anomalies_of("ROUX Emma"), [])

    def test_private_person_is_an_error_and_to_check(self):
        self.assertEqual(self.pupils["DURAND"]["Statut"], "À vérifier")
        found = self.anomalies_of("DURAND Zoé")
        self.assertEqual([a["Gravité"] for a in found], ["Erreur"])
        self.assertIn("particulier", found[0]["Message"])

    def test_unknown_type_is_a_warning_and_status_unchanged(self):
        self.assertEqual(self.pupils["PETIT"]["Statut"], "Prêt")
        found = self.anomalies_of("PETIT Hugo")
        self.assertEqual([a["Gravité"] for a in found], ["Attention"])
        self.assertIn("« Tiers-lieu » non reconnu", found[0]["Message"])
        self.assertIn("cinq catégories", found[0]["Message"])
        # A finding all the same: the run says so in its exit code.
        self.assertEqual(self.proc.returncode, 1, self.proc.stderr)
        self.assertIn("stages.csv:5: ", self.proc.stderr)

    def test_class_sheet_shows_the_category_beside_what_was_typed(self):
        shown = {name: self.pupils[name]["Lieu 1 — type"]
                 for name in ("DUPONT", "MARTIN", "DURAND", "PETIT", "ROUX")}
        self.assertEqual(shown, {
            "DUPONT": "SARL → entreprise",
            "MARTIN": "Mairie de Lyon → collectivité territoriale",
            "DURAND": "particulier",
            "PETIT": "Tiers-lieu → non reconnu",
            "ROUX": "GmbH & Co. KG → entreprise"})


if __name__ == "__main__":
    unittest.main()
