"""End-to-end tests of the sheets people act on: Relances, Anomalies,
Changements; the real binary, its workbook read back with openpyxl."""
import os
import subprocess
import tempfile
import unittest

import openpyxl

from support import (COLOURS, PLACEMENT_HEADER, ROLL_HEADER, command, fill,
                     header_row, placement, sheet_rows)

# The severities' fills: none is a status's.
SEVERITY = {"Erreur": "E06666", "Attention": "F6B26B",
            "Information": "D9D9D9"}


class Act(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.out = os.path.join(self.dir, "suivi.xlsx")

    def tearDown(self):
        self.tmp.cleanup()

    def files(self, roll_rows, placement_rows):
        for name, header, rows in (("eleves.csv", ROLL_HEADER, roll_rows),
                                   ("stages.csv", PLACEMENT_HEADER,
                                    placement_rows)):
            with open(os.path.join(self.dir, name), "w",
                      encoding="utf-8") as f:
                f.write("\n".join([header] + rows) + "\n")

    def run_tool(self, *extra, as_of="2024-05-27"):
        proc = subprocess.run(
            command("--roll", "eleves.csv", "--placements", "stages.csv",
                    "-o", self.out, "--as-of", as_of, *extra),
            capture_output=True, text=True, cwd=self.dir, timeout=60)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        return openpyxl.load_workbook(self.out)

    def link_target(self, wb, cell):
        """The sheet and row an internal link points at."""
        self.assertIsNotNone(cell.hyperlink, cell.coordinate)
        sheet, ref = cell.hyperlink.location.rsplit("!", 1)
        sheet = sheet.strip("'").replace("''", "'")
        return wb[sheet], int(ref.lstrip("A"))

    # --- Relances ----------------------------------------------------------

    def school(self):
        """Six pupils, one of each status to chase twice over two classes,
        one ready and one dispensed."""
        self.files(
            ["PRET;Ana;2nde 1;P1;01/01/2008",
             "DISPENSE;Bea;2nde 1;P2;01/01/2008",
             "SIGNE;Carl;2nde 1;P3;01/01/2012",
             "PARTIEL;Dan;2nde 2;P4;01/01/2008",
             "SANSLIEU;Eva;2nde 2;P5;01/01/2008",
             "VERIF;Flo;2nde 1;P6;01/01/2008",
             "AUSSI;Gus;2nde 1;P7;01/01/2008"],
            [placement("P1"),
             placement("P2", host="", kind="", dispense="SNU", proof="oui"),
             # A minor whose parent has not signed, no activities either.
             placement("P3", host="Garage").replace(
                 ";oui;oui;oui;oui;Vente;", ";oui;oui;oui;non;;"),
             placement("P4", end="21/06/2024", host="Mairie",
                       kind="Administration"),
             placement("P6", start="31/02/2024"),
             "P7;;;;Boulangerie;Entreprise;Lyon;;17/06/2024;28/06/2024;"
             "oui;oui;oui;oui;Vente;Accueillir;non;oui;;"])

    def test_relances_lists_who_to_chase_most_urgent_first(self):
        self.school()
        wb = self.run_tool()
        self.assertEqual(wb.sheetnames[:2], ["Synthèse", "Relances"])
        ws = wb["Relances"]
        rows = sheet_rows(ws)
        self.assertEqual(list(rows[0]), ["Classe", "Nom", "Prénom", "Statut",
                                         "À relancer", "Lieu d'accueil",
                                         "Fiche"])
        # Neither Prêt nor Dispensé; Sans lieu d'accueil, Accueil partiel,
        # À vérifier, Dossier incomplet, then class and name.
        self.assertEqual([(r["Nom"], r["Statut"]) for r in rows],
                         [("SANSLIEU", "Sans lieu d'accueil"),
                          ("PARTIEL", "Accueil partiel"),
                          ("VERIF", "À vérifier"),
                          ("AUSSI", "Dossier incomplet"),
                          ("SIGNE", "Dossier incomplet")])
        self.assertIn("5", ws["A1"].value)
        for i, r in enumerate(rows):
            cell = ws.cell(row=header_row(ws) + 1 + i, column=4)
            self.assertEqual(fill(cell), COLOURS[r["Statut"]])
        signe = rows[4]
        # What is missing, one short item a line; the host apart.
        self.assertEqual(signe["À relancer"].split("\n"),
                         ["signature du représentant légal",
                          "activités prévues"])
        self.assertEqual(signe["Lieu d'accueil"], "Garage")
        self.assertEqual(rows[3]["À relancer"],
                         "attestation d'assurance responsabilité civile de "
                         "l'élève")
        self.assertEqual(rows[1]["Lieu d'accueil"], "Mairie")
        # A row of two lines is two lines high, for LibreOffice.
        self.assertEqual(ws.row_dimensions[header_row(ws) + 5].height, 30)
        # Each Fiche links to the pupil's row on the class sheet.
        for i, r in enumerate(rows):
            cell = ws.cell(row=header_row(ws) + 1 + i, column=7)
            self.assertEqual(cell.value, "Voir la fiche")
            sheet, row = self.link_target(wb, cell)
            self.assertEqual(sheet.title, r["Classe"])
            self.assertEqual(sheet.cell(row=row, column=1).value, r["Nom"])
        # Printed: header repeated, on A4, one page wide (fitToWidth
        # absent is Excel's default, 1), as many pages down as it takes.
        self.assertEqual(ws.print_title_rows, "$2:$2")
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
        self.assertIn(ws.page_setup.fitToWidth, (None, 1))
        self.assertEqual(ws.page_setup.fitToHeight, 0)
        self.assertEqual(ws.page_setup.paperSize, 9)

    def test_relances_puts_late_pupils_first_within_a_status(self):
        self.files(["ZED;Ann;2nde 1;Z1;01/01/2008",
                    "ABEL;Bob;2nde 1;Z2;01/01/2008"], [])
        wb = self.run_tool("--deadline", "2024-05-01")
        rows = sheet_rows(wb["Relances"])
        self.assertIn("Retard", rows[0])
        self.assertEqual([r["Nom"] for r in rows], ["ABEL", "ZED"])
        self.assertEqual([r["Retard"] for r in rows], ["En retard"] * 2)

    def test_relances_links_to_a_sheet_named_with_a_quote(self):
        self.files(["ARC;Jeanne;2nde d'Arc;Q1;01/01/2008"], [])
        wb = self.run_tool()
        ws = wb["Relances"]
        cell = ws.cell(row=header_row(ws) + 1, column=7)
        self.assertEqual(cell.hyperlink.location, "'2nde d''Arc'!A2")
        sheet, row = self.link_target(wb, cell)
        self.assertEqual((sheet.title, sheet.cell(row=row, column=1).value),
                         ("2nde d'Arc", "ARC"))

    def test_relances_says_when_nobody_is_left(self):
        self.files(["PRET;Ana;2nde 1;P1;01/01/2008"], [placement("P1")])
        rows = sheet_rows(self.run_tool()["Relances"])
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["Classe"].startswith("Personne à relancer"))

    # --- Anomalies ---------------------------------------------------------

    def test_anomalies_by_severity_notes_filtered_out_links_and_column(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008",
                    "MARTIN;Paul;1G1;B1;10/03/2008"],
                   [placement("A1", start="31/02/2024"),
                    placement("B1"),
                    placement("NOBODY")])
        wb = self.run_tool("--classes", "2nde*")
        ws = wb["Anomalies"]
        top = header_row(ws)
        rows = sheet_rows(ws)
        self.assertEqual(list(rows[0]), ["Gravité", "Fichier", "Ligne",
                                         "Colonne", "Classe", "Élève",
                                         "Message", "Fiche"])
        order = {"Erreur": 0, "Attention": 1, "Information": 2}
        ranks = [order[r["Gravité"]] for r in rows]
        self.assertEqual(ranks, sorted(ranks))
        self.assertIn("Information", [r["Gravité"] for r in rows])
        # Within a severity: by file, then line.
        errors = [(r["Fichier"], r["Ligne"] or 0) for r in rows
                  if r["Gravité"] == "Erreur"]
        self.assertEqual(errors, sorted(errors))
        # The filter on Gravité keeps errors and warnings; the notes' rows
        # are hidden, and still counted in the title.
        (column,) = ws.auto_filter.filterColumn
        self.assertEqual(column.colId, 0)
        self.assertEqual(sorted(column.filters.filter),
                         ["Attention", "Erreur"])
        notes = 0
        for i, r in enumerate(rows):
            hidden = ws.row_dimensions[top + 1 + i].hidden
            self.assertEqual(hidden, r["Gravité"] == "Information", r)
            notes += r["Gravité"] == "Information"
            cell = ws.cell(row=top + 1 + i, column=1)
            self.assertEqual(fill(cell), SEVERITY[r["Gravité"]])
            self.assertNotIn(fill(cell), COLOURS.values())
        self.assertIn("%d information" % notes, ws["A1"].value)
        # The unreadable date names its column and links to Léa's row.
        (bad,) = [(i, r) for i, r in enumerate(rows)
                  if "illisible" in r["Message"]]
        i, r = bad
        self.assertEqual(r["Colonne"], "Date de début")
        sheet, row = self.link_target(wb, ws.cell(row=top + 1 + i,
                                                  column=8))
        self.assertEqual((sheet.title, sheet.cell(row=row, column=1).value),
                         ("2nde 1", "DUPONT"))
        # A row of nobody's has no link; Ligne is apart from Classe,
        # left-aligned.
        (nobody,) = [i for i, r in enumerate(rows)
                     if "ne correspond" in r["Message"]]
        self.assertIsNone(ws.cell(row=top + 1 + nobody, column=8).hyperlink)
        self.assertEqual(ws.cell(row=top + 1, column=3).alignment.horizontal,
                         "left")

    def test_anomalies_of_a_rule_name_their_column(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"],
                   [placement("A1", kind="Particulier")])
        (row,) = sheet_rows(self.run_tool()["Anomalies"])
        self.assertIn("non admis", row["Message"])
        self.assertEqual(row["Colonne"], "Type de structure")

    def test_anomalies_messages_wrap_in_rows_as_tall_as_their_lines(self):
        # The particulier's message is over 150 characters: in a column
        # bounded to 60 it takes three lines, and LibreOffice shows them
        # only if the row says how tall it is.
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"],
                   [placement("A1", kind="Particulier")])
        ws = self.run_tool()["Anomalies"]
        top = header_row(ws)
        (row,) = sheet_rows(ws)
        cell = ws.cell(row=top + 1, column=7)
        self.assertGreater(len(row["Message"]), 120)
        self.assertTrue(cell.alignment.wrap_text)
        self.assertLess(ws.column_dimensions["G"].width, 61)  # 60 chars
        self.assertGreaterEqual(ws.row_dimensions[top + 1].height, 45)

    # --- Changements -------------------------------------------------------

    def test_changes_colours_both_statuses_and_dates_the_previous_run(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"],
                   [placement("A1", signed="non")])
        self.run_tool(as_of="2024-05-20")
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        wb = self.run_tool(as_of="2024-05-27")
        ws = wb["Changements"]
        self.assertEqual(ws["A1"].value,
                         "Changements entre le passage du 20/05/2024 (Avant) "
                         "et celui du 27/05/2024 (Après)")
        top = header_row(ws)
        (row,) = sheet_rows(ws)
        self.assertEqual((row["Avant"], row["Après"]),
                         ("Dossier incomplet", "Prêt"))
        self.assertEqual(fill(ws.cell(row=top + 1, column=4)),
                         COLOURS["Dossier incomplet"])
        self.assertEqual(fill(ws.cell(row=top + 1, column=5)),
                         COLOURS["Prêt"])

    def test_changes_of_a_state_file_without_date_say_so(self):
        self.files(["DUPONT;Léa;2nde 1;A1;10/03/2008"], [placement("A1")])
        with open(self.out + ".etat", "w", encoding="utf-8") as f:
            f.write("# stagecheck — état du dernier passage : ne pas "
                    "modifier à la main\n"
                    "INE:A1\t2nde 1\tDUPONT\tLéa\tDossier incomplet\n")
        ws = self.run_tool()["Changements"]
        self.assertEqual(ws["A1"].value, "Changements depuis le passage "
                         "précédent (date non enregistrée)")


if __name__ == "__main__":
    unittest.main()
