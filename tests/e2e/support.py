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
    "À vérifier": "B7B6FF",
    "Dispensé": "B2ECFD",
    "Sans lieu d'accueil": "F48F86",
    "Accueil partiel": "FCBA68",
    "Dossier incomplet": "FEF2B3",
    "Prêt": "A2FDD5",
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


# The columns of a class sheet a person reads first, in this order, and
# the technical ones, folded at the end and not printed (issue 13).
CLASS_LEAD = ["Nom", "Prénom", "Statut", "À faire", "Jours à accueillir",
              "Dates à accueillir"]
CLASS_TECH = ("INE", "Né(e) le", "Lignes d'origine")
# Printable width of a landscape A4 page (11.69 inches) at 96 pixels an
# inch, less the margins the sheet sets; the narrowest readable scale.
A4_LANDSCAPE_INCHES = 11.69
READABLE_SCALE = 60


def run_samples(out, *extra):
    """Runs stagecheck on the samples as `make demo` does, into out."""
    return subprocess.run(command(
        "--roll", os.path.join(SAMPLES, "eleves-siecle.csv"),
        "--roll", os.path.join(SAMPLES, "eleves-pronote.csv"),
        "--placements", os.path.join(SAMPLES, "stages.csv"),
        "--as-of", "2024-05-27", "--classes", "2*", "-o", out, *extra),
        capture_output=True, text=True, timeout=600)


def run_generated_lycee(folder, out):
    """A generated lycée of 20 classes (600 pupils), past a deadline so
    that some are late, into out."""
    data = generate(os.path.join(folder, "donnees"), "--single",
                    "--pupils", "600", "--seed", "7")
    return subprocess.run(command(
        "--roll", os.path.join(data, "eleves.csv"),
        "--placements", os.path.join(data, "stages.csv"),
        "--as-of", "2025-06-02", "--deadline", "2025-05-23", "-o", out),
        capture_output=True, text=True, timeout=600)


def column_pixels(ws, letter):
    """A column's width in pixels as Excel and LibreOffice draw it
    (openpyxl gives the stored width, characters plus padding)."""
    width = ws.column_dimensions[letter].width
    return int(width * 7 + 0.5)


def printed_scale(ws):
    """The scale (in %) a sheet prints at: its own when it sets one, else
    what fitting its print area's columns one page wide takes."""
    from openpyxl.utils import column_index_from_string
    area = ws.print_area
    area = area[0] if isinstance(area, list) else area
    last = area.split(":")[1].replace("$", "").rstrip("0123456789")
    pixels = sum(column_pixels(ws, get_letter(i)) for i in
                 range(1, column_index_from_string(last) + 1)
                 if not ws.column_dimensions[get_letter(i)].hidden)
    m = ws.page_margins
    printable = (A4_LANDSCAPE_INCHES - m.left - m.right) * 96
    if ws.sheet_properties.pageSetUpPr is not None and \
            ws.sheet_properties.pageSetUpPr.fitToPage:
        return min(100.0, 100.0 * printable / pixels)
    return float(ws.page_setup.scale or 100)


def get_letter(i):
    from openpyxl.utils import get_column_letter
    return get_column_letter(i)
