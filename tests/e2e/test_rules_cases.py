"""The FAQ's rules as a head teacher reads them (issue 12): each case is a
pupil of a small lycée, its expected status decided from the FAQ
(shared/reference/faq-stage-seconde.md), checked on the workbook the real
binary writes, read back with openpyxl."""
import datetime
import os
import subprocess
import tempfile
import unittest

import openpyxl

from support import FIXED, PLACEMENT_HEADER, command, sheet_rows

ROLL = "Nom;Prénom;Classe;INE;Date de naissance;MEF"
DAYS = ["17/06", "18/06", "19/06", "20/06", "21/06",
        "24/06", "25/06", "26/06", "27/06", "28/06"]


def row(ine, start="17/06/2024", end="28/06/2024", host="Boulangerie",
        pupil_sign="oui", parent_sign="oui", dispense="", proof=""):
    """A placements row; with a dispense reason, a dispense request."""
    if dispense:
        host = ""
    cells = [ine, "", "", "", host, "Entreprise" if host else "",
             "Lyon" if host else "", "", start, end]
    if host:
        cells += ["oui", "oui", pupil_sign, parent_sign, "Vente",
                  "Accueillir", "oui", "oui"]
    else:
        cells += [""] * 8
    return ";".join(cells + [dispense, proof])


class Lycee:
    """One run over a roll and a tracking sheet, and its workbook."""

    def __init__(self, folder, pupils, rows):
        roll = os.path.join(folder, "eleves.csv")
        stages = os.path.join(folder, "stages.csv")
        self.out = os.path.join(folder, "suivi.xlsx")
        with open(roll, "w", encoding="utf-8") as f:
            f.write("\n".join([ROLL] + pupils) + "\n")
        with open(stages, "w", encoding="utf-8") as f:
            f.write("\n".join([PLACEMENT_HEADER] + rows) + "\n")
        self.proc = subprocess.run(
            command("--roll", roll, "--placements", stages,
                    "--as-of", "2024-05-27", "-o", self.out),
            capture_output=True, text=True, timeout=60)
        self.wb = openpyxl.load_workbook(self.out)
        self.lines = {}
        for ws in self.wb.worksheets:
            if ws.title not in FIXED:
                for r in sheet_rows(ws):
                    self.lines[r["Nom"]] = r
        self.hosted = {r["Nom"]: r for r in sheet_rows(
            self.wb["Accueil établissement"]) if r["Nom"]
            and r["Classe"] != "Total"}
        self.anomalies = sheet_rows(self.wb["Anomalies"])

    def status(self, name):
        return self.lines[name]["Statut"]

    def todo(self, name):
        return self.lines[name]["À faire"] or ""

    def days_hosted(self, name):
        r = self.hosted.get(name)
        if r is None:
            return []
        # Day columns are headed by real dates, shown "lun. 17/06".
        return [d for d in DAYS if any(
            isinstance(k, datetime.datetime) and k.strftime("%d/%m") == d
            and r[k] == "X" for k in r)]

    def anomaly_of(self, name):
        return [a["Message"] for a in self.anomalies
                if a["Élève"] and a["Élève"].startswith(name + " ")]


# (Nom, INE, birth, tracking rows, expected status) — decided from the FAQ.
PUPILS = [
    # 1. "d'une durée minimale de deux semaines": the FAQ calls 17–28 June
    #    (Monday to Friday of the next week) "deux semaines".
    ("ERASMUSDEUX", "E1", "10/03/2008",
     [row("E1", "17/06/2024", "28/06/2024", dispense="Erasmus+",
          proof="oui")], "Dispensé"),
    #    "durant la période": a mobility ending mid-period dispenses only
    #    its days; the second week is to find (placement or the lycée).
    ("MOBMILIEU", "E2", "10/03/2008",
     [row("E2", "03/06/2024", "21/06/2024",
          dispense="Mobilité individuelle (OFAJ)", proof="oui")],
     "Accueil partiel"),
    #    ...and with a placement for that week, nothing is missing.
    ("MOBPLUSSTAGE", "E3", "10/03/2008",
     [row("E3", "03/06/2024", "21/06/2024", dispense="Erasmus+",
          proof="oui"),
      row("E3", "24/06/2024", "28/06/2024")], "Prêt"),
    #    A mobility that barely touches the period: checked by hand.
    ("MOBEFFLEURE", "E4", "10/03/2008",
     [row("E4", "03/06/2024", "18/06/2024", dispense="Erasmus+",
          proof="oui")], "À vérifier"),
    # 5. A placement on a Saturday and a Sunday covers no working day.
    ("WEEKEND", "W1", "10/03/2008",
     [row("W1", "22/06/2024", "23/06/2024")], "À vérifier"),
    # 3. "Seuls deux cas de dispenses sont possibles": a reason that is
    #    neither, nor one the FAQ refuses, is read by the head teacher.
    ("VOIRDOSSIER", "U1", "10/03/2008",
     [row("U1", dispense="voir dossier", proof="oui")], "À vérifier"),
    ("OUISEUL", "U2", "10/03/2008",
     [row("U2", dispense="oui", proof="oui")], "À vérifier"),
    #    "Le fait d'exercer un job d'été ne donne pas lieu à une dispense."
    ("JOBETE", "J1", "10/03/2008",
     [row("J1", "01/07/2024", "31/08/2024", dispense="Job d'été",
          proof="oui")], "Sans lieu d'accueil"),
    #    "stage [...] durant les mois de juillet et/ou août": refused, and a
    #    week of placement leaves the other to find.
    ("BAFA", "J2", "10/03/2008",
     [row("J2", "06/07/2024", "13/07/2024", dispense="Stage BAFA",
          proof="oui"),
      row("J2", "17/06/2024", "21/06/2024")], "Accueil partiel"),
    #    The SNU as it writes itself.
    ("SNUPOINTS", "S1", "10/03/2008",
     [row("S1", "17/06/2024", "28/06/2024", dispense="S.N.U.",
          proof="oui")], "Dispensé"),
    ("MIGJUILLET", "S2", "10/03/2008",
     [row("S2", "08/07/2024", "10/07/2024", dispense="MIG", proof="oui")],
     "Dispensé"),
    # 4. "un séjour de cohésion (dix jours consécutifs et un week-end)": a
    #    five-day séjour is not one.
    ("SNUCOURT", "S3", "10/03/2008",
     [row("S3", "17/06/2024", "21/06/2024",
          dispense="Séjour de cohésion", proof="oui")], "À vérifier"),
    #    "pendant le mois de juillet": it starts in July.
    ("SNUJUILLETAOUT", "S4", "10/03/2008",
     [row("S4", "22/07/2024", "02/08/2024", dispense="SNU", proof="oui")],
     "Dispensé"),
    # 6. "L'élève, ou ses représentants légaux s'il est mineur": signed
    #    before the period, so 18 on its first day signed as a minor.
    ("DIXHUITLUNDI", "M1", "17/06/2006",
     [row("M1", parent_sign="")], "Dossier incomplet"),
    #    The signature's date tells: of age on 21 May, a minor on 13 May.
    ("SIGNEMAJEUR", "M2", "20/05/2006",
     [row("M2", pupil_sign="21/05/2024", parent_sign="")], "Prêt"),
    ("SIGNEMINEUR", "M3", "20/05/2006",
     [row("M3", pupil_sign="13/05/2024", parent_sign="")],
     "Dossier incomplet"),
    #    The pupil signs too, of age or not.
    ("SANSSIGNATURE", "M4", "01/01/2005",
     [row("M4", pupil_sign="", parent_sign="")], "Dossier incomplet"),
    # 7. "l'élève inscrit en classe de seconde générale et technologique":
    #    a seconde with nothing is hosted in the lycée...
    ("SECONDERIEN", "G0", "10/03/2008", [], "Sans lieu d'accueil"),
]
# ...the other levels never are (no sheet, no status, not hosted).
OTHERS = [
    ("PREMIERERIEN", "1G1", "G1", "10/03/2007", ""),
    ("TERMINALERIEN", "TG2", "G2", "10/03/2006", ""),
    ("PROMEF", "2B", "G3", "10/03/2008", "2NDPRO MRC"),
    ("PREMIEREMEF", "2C", "G4", "10/03/2007", "1ERE GENERALE"),
]


class RulesCases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        roll = ["%s;Élève;2nde 1;%s;%s;2NDE G-T" % (n, ine, born)
                for n, ine, born, _, _ in PUPILS]
        roll += ["%s;Élève;%s;%s;%s;%s" % (n, c, ine, born, mef)
                 for n, c, ine, born, mef in OTHERS]
        rows = [r for p in PUPILS for r in p[3]]
        # A première with a row: still not judged.
        rows.append(row("G1", dispense="Job d'été"))
        cls.lycee = Lycee(cls.tmp.name, roll, rows)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_run_ends_with_findings(self):
        self.assertEqual(self.lycee.proc.returncode, 1, self.lycee.proc.stderr)

    def test_every_case_has_the_status_the_faq_gives(self):
        for name, _, _, _, expected in PUPILS:
            with self.subTest(name):
                self.assertEqual(self.lycee.status(name), expected,
                                 self.lycee.todo(name))

    def test_two_week_mobility_is_not_hosted(self):
        self.assertNotIn("ERASMUSDEUX", self.lycee.hosted)

    def test_mobility_ending_mid_period_names_the_days_to_find(self):
        lycee = self.lycee
        self.assertIn("jours non dispensés du 24/06/2024 au 28/06/2024",
                      lycee.todo("MOBMILIEU"))
        self.assertEqual(lycee.days_hosted("MOBMILIEU"), DAYS[5:])
        self.assertEqual(lycee.hosted["MOBMILIEU"]["Motif"],
                         "Mobilité pour une partie de la période")
        self.assertEqual(lycee.anomaly_of("MOBMILIEU"), [])
        self.assertNotIn("MOBPLUSSTAGE", lycee.hosted)

    def test_mobility_barely_touching_the_period_says_its_days(self):
        self.assertTrue(any("ne recouvre que 2 jours ouvrés" in m
                            for m in self.lycee.anomaly_of("MOBEFFLEURE")),
                        self.lycee.anomaly_of("MOBEFFLEURE"))

    def test_weekend_only_row_is_said(self):
        self.assertIn("aucun jour ouvré entre le 22/06/2024 et le 23/06/2024 "
                      ": la ligne ne couvre aucun jour de la période",
                      self.lycee.anomaly_of("WEEKEND"))
        self.assertEqual(self.lycee.days_hosted("WEEKEND"), DAYS)

    def test_unknown_reason_is_checked_never_refused(self):
        for name, reason in (("VOIRDOSSIER", "voir dossier"),
                             ("OUISEUL", "oui")):
            with self.subTest(name):
                messages = self.lycee.anomaly_of(name)
                self.assertTrue(any("motif de dispense non reconnu : « %s »"
                                    % reason in m for m in messages),
                                messages)
                self.assertNotIn("refusée", self.lycee.todo(name))

    def test_refusals_give_the_faqs_reason(self):
        self.assertIn("exercer un job d'été ne donne pas lieu à une dispense",
                      self.lycee.todo("JOBETE"))
        self.assertEqual(self.lycee.anomaly_of("JOBETE"), [])
        self.assertIn("un stage, quelle qu'en soit la nature",
                      self.lycee.todo("BAFA"))
        self.assertEqual(self.lycee.days_hosted("BAFA"), DAYS[5:])

    def test_short_cohesion_stay_is_said(self):
        self.assertTrue(any("séjour de cohésion de 5 jours" in m
                            for m in self.lycee.anomaly_of("SNUCOURT")))

    def test_minority_asks_the_legal_representative(self):
        for name in ("DIXHUITLUNDI", "SIGNEMINEUR"):
            self.assertIn("signature du représentant légal",
                          self.lycee.todo(name))
        self.assertNotIn("représentant légal", self.lycee.todo("SIGNEMAJEUR"))
        self.assertIn("signature de l'élève", self.lycee.todo("SANSSIGNATURE"))

    def test_other_levels_are_never_without_host_nor_hosted(self):
        self.assertIn("SECONDERIEN", self.lycee.hosted)
        self.assertEqual(self.lycee.days_hosted("SECONDERIEN"), DAYS)
        for name, cls_name, _, _, _ in OTHERS:
            with self.subTest(name):
                self.assertNotIn(name, self.lycee.lines)
                self.assertNotIn(name, self.lycee.hosted)
                self.assertNotIn(cls_name, self.lycee.wb.sheetnames)


if __name__ == "__main__":
    unittest.main()
