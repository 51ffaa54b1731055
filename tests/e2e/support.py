"""What the end-to-end tests share: how to run stagecheck, the inputs they
write, and how they read a workbook back (openpyxl, from Debian's
python3-openpyxl: an independent reader). Not a test module: unittest's
discovery (-p 'test_*.py') leaves it out, and every test_*.py imports
from it."""
import os
import shlex
import subprocess

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# make check-asan and make check-valgrind point these at another build or
# run the binary under valgrind.
BIN = os.environ.get("STAGECHECK", os.path.join(TOP, "stagecheck"))
WRAPPER = shlex.split(os.environ.get("STAGECHECK_WRAPPER", ""))
SAMPLES = os.path.join(TOP, "samples")
# The seeded generator of a fictitious académie (tools/gen-academie.c).
GEN = os.path.join(TOP, "build", "gen-academie")


def command(*args):
    """The command line that runs stagecheck with args."""
    return WRAPPER + [BIN] + [str(a) for a in args]


# The fill of each status, as README documents it.
COLOURS = {
    "À vérifier": "D9B3FF",
    "Dispensé": "BDD7EE",
    "Sans lieu d'accueil": "FF9F9F",
    "Accueil partiel": "F8CBAD",
    "Dossier incomplet": "FFE699",
    "Prêt": "C6EFCE",
}
FIXED = ("Synthèse", "Relances", "Accueil établissement", "Changements",
         "Anomalies")

ROLL_HEADER = "Nom;Prénom;Classe;INE;Date de naissance"
PLACEMENT_HEADER = (
    "INE;Nom;Prénom;Classe;Structure d'accueil;Type de structure;Commune;"
    "Pays;Date de début;Date de fin;Signature chef d'établissement;"
    "Signature structure d'accueil;Signature élève;"
    "Signature représentant légal;Activités prévues;Compétences visées;"
    "Attestation assurance élève;Assurance structure;Dispense;Justificatif")


def placement(ine, start="17/06/2024", end="28/06/2024", host="Boulangerie",
              kind="Entreprise", signed="oui", dispense="", proof=""):
    """A complete placements row for the pupil with this INE."""
    return ";".join([ine, "", "", "", host, kind, "Lyon", "", start, end,
                     signed, "oui", "oui", "oui", "Vente", "Accueillir",
                     "oui", "oui", dispense, proof])


def fill(cell):
    """The RGB of a cell's solid fill, without alpha."""
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def header_row(ws):
    """The row number (1-based) of a sheet's header: the first row of its
    filter, under the title of Relances, Anomalies, Changements and
    Académie; the first row of a sheet without filter."""
    ref = ws.auto_filter.ref
    if not ref:
        return 1
    return int("".join(ch for ch in ref.split(":")[0] if ch.isdigit()))


def sheet_rows(ws):
    """The rows of a sheet below its header, as {header: value} dicts."""
    rows = ws.iter_rows(min_row=header_row(ws), values_only=True)
    header = next(rows, ())
    return [dict(zip(header, r)) for r in rows]


def generate(out, *args):
    """Writes a generated académie (or, with --single, one lycée) into the
    folder out, building the generator first if needed; returns out."""
    if not os.path.exists(GEN):
        subprocess.run(["make", "-s", "-C", TOP, "build/gen-academie"],
                       check=True, timeout=600)
    subprocess.run([GEN, "--out", out, *args], check=True,
                   capture_output=True, timeout=600)
    return out
