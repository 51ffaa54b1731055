#!/usr/bin/python3
"""Writes the bad-input corpus: tests/corpus/files/ and tests/corpus/cases.json.

    /usr/bin/python3 tests/corpus/make_corpus.py

Every byte is written from Python bytes, so encodings are exact (Windows-1252,
UTF-16, BOMs, NULs) and the output is the same at each run: the files are
committed, and tests/e2e/test_corpus.py checks that they match this script.
Big inputs (a 50 MB line, 10,000 fields, a 40,000-character cell, a real
.xlsx) are not stored: cases.json names a generator that test_corpus.py runs
into the case's temporary folder.

A case (one entry of cases.json):
  id          unittest name: test_<id>
  situation   the real-life situation, in French
  files       {name in the work folder: path under files/, or
               {"generate": kind}}
  dirs        folders to create in the work folder
  args        stagecheck's arguments, relative to the work folder (the run's
              cwd); the runner adds "--as-of 2024-05-27" and "-o <output>"
  output      the -o path, relative to the work folder (suivi.xlsx)
  special     "readonly", "rlimit_fsize" or "tmpfs": how the output folder
              is made unwritable (see test_corpus.py)
  prepare     "previous_run": run once normally first, so that a real
              workbook, its .etat and .lock are there before the run checked
  timeout     seconds for each run (generous: valgrind and ASan runs)
  exit        the exit status expected
  stderr      regexes that stderr must match (re.M)
  workbook    whether the workbook must be written (exit 2: never; then every
              file under the work folder must be byte-identical afterwards,
              a previous workbook included, and no file may appear)
  anomalies   rows the Anomalies sheet must hold: file, line, message regex
              (re.I), optional severity regex; for Erreur and Attention rows
              stderr must hold "file:line: " too
  absent_anomalies  regexes no Anomalies message may match
  no_findings no Erreur or Attention row at all
  pupils      pupils that must be on a class sheet: nom, prenom (or prenom_in),
              optional statut, sheet, cells {column title: value or
              {"startswith": text}}
  class_sheets  how many class sheets
  same_sheet  groups of surnames that must share one class sheet
"""
import io
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

ROLL_HEADER = "Nom;Prénom;Classe;INE;Date de naissance"
PLACEMENT_HEADER = (
    "INE;Nom;Prénom;Classe;Structure d'accueil;Type de structure;Commune;"
    "Pays;Date de début;Date de fin;Signature chef d'établissement;"
    "Signature structure d'accueil;Signature élève;"
    "Signature représentant légal;Activités prévues;Compétences visées;"
    "Attestation assurance élève;Assurance structure;Dispense;Justificatif")
NFIELDS = PLACEMENT_HEADER.count(";") + 1  # 20


def placement(ine, start="17/06/2024", end="28/06/2024", host="Boulangerie",
              kind="Entreprise", signed="oui", activities="Vente",
              dispense="", proof="", surname="", first=""):
    """A complete placements row for the pupil with this INE (as in
    tests/e2e/test_e2e.py)."""
    return ";".join([ine, surname, first, "", host, kind, "Lyon", "", start,
                     end, signed, "oui", "oui", "oui", activities,
                     "Accueillir", "oui", "oui", dispense, proof])


R1 = "DUPONT;Léa;2nde 1;A1;10/03/2008"
R2 = "MARTIN;Paul;2nde 1;A2;01/01/2008"
R3 = "DURAND;Zoé;2nde 2;A3;05/05/2008"


def lines(*rows, end="\n"):
    return (end.join(rows) + end).encode("utf-8")


def roll(*rows):
    return lines(ROLL_HEADER, *rows)


def stages(*rows):
    return lines(PLACEMENT_HEADER, *rows)


FILES = {}   # path under files/ -> bytes
CASES = []

FILES["common/eleves.csv"] = roll(R1, R2, R3)
FILES["common/stages.csv"] = stages(placement("A1"), placement("A2"),
                                    placement("A3"))
COMMON = {"eleves.csv": "common/eleves.csv", "stages.csv": "common/stages.csv"}
ARGS = ["--roll", "eleves.csv", "--placements", "stages.csv"]
EVERYONE = [{"nom": "DUPONT", "prenom": "Léa"},
            {"nom": "MARTIN", "prenom": "Paul"},
            {"nom": "DURAND", "prenom": "Zoé"}]


def case(id, situation, files=None, args=None, **expect):
    """Adds a case; files maps a work-folder name to bytes (stored under
    files/<id>/), to a stored path, or to a generator."""
    spec = dict(COMMON)
    for name, content in (files or {}).items():
        if isinstance(content, bytes):
            path = "%s/%s" % (id, name)
            FILES[path] = content
            spec[name] = path
        else:
            spec[name] = content
    entry = {"id": id, "situation": situation, "files": spec,
             "args": ARGS if args is None else args}
    entry.update(expect)
    entry.setdefault("workbook", entry["exit"] != 2)
    CASES.append(entry)


def stops(file, *regexes):
    """stderr of a run that stops on file: "file: ..." or "file:N: ..."."""
    return ["^%s(:\\d+)?: " % re.escape(file)] + list(regexes)


# ---- tiny signature files: what a secretary may pick instead of a CSV ------

def zip_bytes(entries):
    """A deterministic zip: fixed dates, entries in the given order, the
    first one stored (the ODF mimetype rule), the others deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i, (name, text) in enumerate(entries):
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 21, 8, 42, 0))
            info.compress_type = zipfile.ZIP_STORED if i == 0 else \
                zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, text)
    return out.getvalue()


TINY_XLSX = zip_bytes([
    ("[Content_Types].xml",
     '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
     'openxmlformats.org/package/2006/content-types"><Override PartName="/xl/'
     'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
     'spreadsheetml.sheet.main+xml"/></Types>'),
    ("xl/workbook.xml",
     '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
     'openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Stages"'
     ' sheetId="1"/></sheets></workbook>'),
])
TINY_ODS = zip_bytes([
    ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    ("META-INF/manifest.xml",
     '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
     '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry'
     ' manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
     'opendocument.spreadsheet"/></manifest:manifest>'),
    ("content.xml",
     '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:'
     'office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
])
TINY_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\n"
    b"endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000015 00000 n \n"
    b"0000000064 00000 n \n0000000121 00000 n \n"
    b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n196\n%%EOF\n")
# An old .xls (OLE2 compound file): its 512-byte header.
TINY_XLS = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) +
            b"\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00" + bytes(10) +
            b"\x01\x00\x00\x00" + bytes(8) + b"\x00\x10\x00\x00" +
            b"\xfe\xff\xff\xff" * 2)
TINY_XLS += b"\xff" * (512 - len(TINY_XLS))
ELF = (b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x03\x00\x3e\x00" +
       bytes(range(256)) * 4)
HTML = ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Connexion - ENT</title>\n</head>\n<body>\n<form method=\"post\">"
        "\n<p>Votre session a expiré ; veuillez vous reconnecter.</p>\n"
        "</form>\n</body>\n</html>\n").encode("utf-8")

# ---- empty files ------------------------------------------------------------

case("empty_roll",
     "Export SIECLE interrompu : la liste d'élèves fait 0 octet.",
     {"eleves.csv": b""},
     exit=2, stderr=stops("eleves.csv", "vide"))
case("empty_placements",
     "Le tableau de suivi copié depuis la clé USB fait 0 octet.",
     {"stages.csv": b""},
     exit=2, stderr=stops("stages.csv", "vide"))
case("roll_bom_and_separators_only",
     "Feuille Excel vide enregistrée en CSV UTF-8 : un BOM, des lignes vides "
     "et des « ;;;; ».",
     {"eleves.csv": b"\xef\xbb\xbf\r\n;;;;\r\n\r\n;;;;\r\n"},
     exit=2, stderr=stops("eleves.csv", "vide"))
case("roll_header_only",
     "Liste d'élèves exportée avec le mauvais filtre : l'en-tête et aucun "
     "élève.",
     {"eleves.csv": roll()},
     exit=2, stderr=["^eleves\\.csv:1: ", "aucun élève"])
case("placements_header_only",
     "Début d'année : le tableau de suivi n'a encore que sa ligne d'en-tête. "
     "Le classeur est écrit, tous les élèves sont sans lieu d'accueil.",
     {"stages.csv": stages()},
     exit=1, no_findings=True,
     pupils=[dict(p, statut="Sans lieu d'accueil") for p in EVERYONE])

# ---- not a CSV at all ---------------------------------------------------------

case("binary_as_roll",
     "Un programme (octets binaires) renommé eleves.csv.",
     {"eleves.csv": ELF},
     exit=2, stderr=stops("eleves.csv", "(binaire|pas un fichier (texte|CSV))"))
case("pdf_as_roll",
     "La liste d'élèves « imprimée en PDF » depuis Pronote au lieu d'un "
     "export CSV.",
     {"eleves.pdf": TINY_PDF}, ["--roll", "eleves.pdf", "--placements",
                                "stages.csv"],
     exit=2, stderr=stops("eleves.pdf", "PDF", "CSV"))
case("xlsx_as_roll",
     "Le classeur Excel de la vie scolaire (.xlsx, fait par openpyxl, pas "
     "par Excel) donné tel quel au lieu de son export CSV : il est lu.",
     {"eleves.xlsx": {"generate": "xlsx_roll"}},
     ["--roll", "eleves.xlsx", "--placements", "stages.csv"],
     exit=0, no_findings=True,
     pupils=[dict(p, statut="Prêt") for p in EVERYONE])
case("xlsx_renamed_csv_as_placements",
     "Un classeur Excel abîmé (sans sa table des parties) renommé stages.csv "
     "dans l'explorateur : reconnu à son contenu, refusé pour ce qu'il est.",
     {"stages.csv": TINY_XLSX},
     exit=2, stderr=stops("stages.csv", "classeur"))
case("ods_as_placements",
     "Un tableau de suivi LibreOffice (.ods) enregistré sans aucune feuille.",
     {"stages.ods": TINY_ODS}, ["--roll", "eleves.csv", "--placements",
                                "stages.ods"],
     exit=2, stderr=stops("stages.ods", "aucune feuille"))
case("xls_as_roll",
     "Un export au vieux format Excel 97 (.xls) tronqué pendant la copie.",
     {"eleves.xls": TINY_XLS}, ["--roll", "eleves.xls", "--placements",
                                "stages.csv"],
     exit=2, stderr=stops("eleves.xls", "\\.xls illisible"))
case("html_login_page_as_roll",
     "Session ENT expirée : le « CSV » téléchargé est la page de connexion "
     "HTML.",
     {"eleves.csv": HTML},
     exit=2, stderr=stops("eleves.csv", "(HTML|page web)"))
case("text_without_header_as_placements",
     "Un message texte enregistré sous stages.csv au lieu du tableau.",
     {"stages.csv": "Bonjour,\nVoici la liste des stages.\nCordialement\n"
                    .encode("utf-8")},
     exit=2, stderr=stops("stages.csv", "en-tête"))
case("roll_is_a_directory",
     "Le dossier des exports donné à la place d'un fichier.",
     None, ["--roll", "exports", "--placements", "stages.csv"],
     dirs=["exports"],
     exit=2, stderr=stops("exports", "dossier"))
case("roll_missing_file",
     "Faute de frappe dans le nom de la liste d'élèves.",
     None, ["--roll", "eleve.csv", "--placements", "stages.csv"],
     exit=2, stderr=stops("eleve.csv", "introuvable"))

# ---- encodings ----------------------------------------------------------------

case("utf8_truncated_in_a_character",
     "Copie interrompue : le fichier UTF-8 s'arrête au milieu du « é » de "
     "« Zoé ». Les autres lignes restent bien lues (pas de « LÃ©a »).",
     {"eleves.csv": roll(R1, R2)
      + "DURAND;Zo".encode("utf-8") + b"\xc3"},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 4,
                 "message": "illisible|UTF-8|encodage|tronqu|coup"}],
     pupils=EVERYONE[:2])
case("invalid_utf8_in_a_line",
     "Un octet invalide (0xFF) au milieu d'un fichier UTF-8 : signalé à sa "
     "ligne, le reste du fichier est lu en UTF-8.",
     {"eleves.csv": roll(R1) + b"MARTIN;Pa\xffl;2nde 1;A2;01/01/2008\n"
      + lines(R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Attention",
                 "message": "illisible|UTF-8|encodage"}],
     pupils=[EVERYONE[0], {"nom": "MARTIN"}, EVERYONE[2]])
case("mixed_utf8_and_windows_1252",
     "Une ligne ajoutée au Bloc-notes en ANSI (Windows-1252) dans un fichier "
     "UTF-8 : les lignes UTF-8 restent justes, la ligne mêlée est signalée.",
     {"eleves.csv": roll(R1, R2) + "DURAND;Zoé;2nde 2;A3;05/05/2008\n"
      .encode("cp1252")},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 4, "severity": "Attention",
                 "message": "encodage|Windows-1252|illisible|UTF-8"}],
     pupils=[EVERYONE[0], EVERYONE[1],
             {"nom": "DURAND", "prenom_in": ["Zoé", "Zo\ufffd"]}])
case("bom_then_windows_1252_bytes",
     "Fichier UTF-8 avec BOM retouché dans un éditeur réglé en ANSI : un "
     "« é » en Windows-1252 à la ligne 4.",
     {"eleves.csv": b"\xef\xbb\xbf" + roll(R1, R2)
      + (R3 + "\n").encode("cp1252")},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 4, "severity": "Attention",
                 "message": "illisible|encodage|UTF-8|Windows-1252"}],
     pupils=[EVERYONE[0], EVERYONE[1],
             {"nom": "DURAND", "prenom_in": ["Zoé", "Zo\ufffd"]}])
case("nul_bytes",
     "Fichier abîmé : un octet NUL dans une ligne et un bloc de NUL en fin "
     "de fichier (copie sur clé interrompue).",
     {"eleves.csv": roll(R1) + b"MARTIN;Pa\x00ul;2nde 1;A2;01/01/2008\n"
      + lines(R3) + bytes(512)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Attention",
                 "message": "illisible|NUL"}],
     pupils=[EVERYONE[0], {"nom": "MARTIN"}, EVERYONE[2]])
case("utf16_cut_in_a_character",
     "Export Pronote « Texte Unicode » (UTF-16LE) tronqué après le premier "
     "octet d'un caractère.",
     {"eleves.csv": b"\xff\xfe" + "\r\n".join(
         ["Élèves\tClasse\tINE\tNé(e) le", "DUPONT Léa\t2nde 1\tA1\t10/03/2008",
          "MARTIN Paul\t2nde 1\tA2\t01/01/2008", ""]).encode("utf-16-le")
      + b"D"},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 4,
                 "message": "illisible|tronqu|UTF-16"}],
     pupils=EVERYONE[:2])
case("utf16le_without_bom",
     "Export « Texte Unicode » écrit sans BOM par un outil maison : lu "
     "normalement.",
     {"eleves.csv": "\r\n".join(["Nom\tPrénom\tClasse\tINE", "DUPONT\tLéa\t"
                                 "2nde 1\tA1", "MARTIN\tPaul\t2nde 1\tA2",
                                 "DURAND\tZoé\t2nde 2\tA3", ""])
      .encode("utf-16-le")},
     exit=0, no_findings=True, pupils=EVERYONE)
case("windows_1252_oe_and_quotes",
     "Export Excel Windows-1252 avec « Œ », apostrophe typographique et "
     "tréma : lu sans perte.",
     {"eleves.csv": (ROLL_HEADER + "\r\nCŒUR;Léonie;2nde 1;A1;10/03/2008\r\n"
                     "N’DIAYE;Aïssatou;2nde 1;A2;01/01/2008\r\n" + R3 + "\r\n")
      .encode("cp1252")},
     exit=0, no_findings=True,
     pupils=[{"nom": "CŒUR", "prenom": "Léonie"},
             {"nom": "N’DIAYE", "prenom": "Aïssatou"}, EVERYONE[2]])

# ---- CSV structure --------------------------------------------------------------

case("unclosed_quote_in_placements",
     "Un guillemet ouvert dans « Activités prévues » et jamais refermé : le "
     "reste du fichier serait avalé dans une cellule.",
     {"stages.csv": stages(placement("A1"),
                           placement("A2", activities="\"Vente en boutique"),
                           placement("A3"))},
     exit=2, stderr=["^stages\\.csv:3: ", "guillemet"])
case("single_line_50_mb",
     "Un fichier de 50 Mo sur une seule ligne, sans séparateur (export "
     "corrompu) : refusé sans planter.",
     {"eleves.csv": {"generate": "line_50mb"}}, timeout=600,
     exit=2, stderr=stops("eleves.csv", "en-tête|CSV"))
case("row_with_10000_fields",
     "Une ligne de 10 000 cellules remplies sous un en-tête de 5 colonnes "
     "(collage décalé) : signalée, l'élève est gardé.",
     {"eleves.csv": {"generate": "fields_10000"}}, timeout=600,
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Attention",
                 "message": "champs|colonnes|cellules"}],
     pupils=EVERYONE)
case("trailing_empty_fields",
     "Excel ajoute des « ;;;;;; » en fin de ligne (colonnes vides mises en "
     "forme) : rien à signaler.",
     {"eleves.csv": lines(ROLL_HEADER, *(r + ";" * 12 for r in (R1, R2, R3)))},
     exit=0, no_findings=True, pupils=EVERYONE)
case("roll_row_too_few_fields",
     "Ligne de liste coupée : 4 cellules au lieu de 5 (date de naissance "
     "perdue). Signalée à sa ligne, l'élève reste dans sa classe.",
     {"eleves.csv": roll(R1, "MARTIN;Paul;2nde 1;A2", R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Attention",
                 "message": "champs|colonnes|cellules"}],
     pupils=EVERYONE)
case("roll_row_too_many_fields",
     "Ligne de liste avec deux cellules de trop (« Externe;Latin » collés en "
     "bout de ligne) : signalée, l'élève est gardé.",
     {"eleves.csv": roll(R1, R2 + ";Externe;Latin", R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Attention",
                 "message": "champs|colonnes|cellules"}],
     pupils=EVERYONE)
case("placements_row_too_few_fields",
     "Ligne de suivi coupée après les signatures (12 cellules sur 20) : "
     "signalée, le lieu d'accueil reste sur la ligne de l'élève.",
     {"stages.csv": stages(placement("A1"),
                           ";".join(placement("A2").split(";")[:12]),
                           placement("A3"))},
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 3,
                 "message": "champs|colonnes|cellules"}],
     pupils=[EVERYONE[0], dict(EVERYONE[1], cells={
         "Lieu 1 — structure": "Boulangerie"}), EVERYONE[2]])
case("multiline_cell_keeps_line_numbers",
     "Une cellule « Activités prévues » sur trois lignes (Alt+Entrée dans "
     "Excel) : l'anomalie suivante renvoie à la bonne ligne du fichier (6).",
     {"stages.csv": lines(PLACEMENT_HEADER, placement("A1"),
                          placement("A2", activities="\"Vente\r\nAccueil\r\n"
                                                     "Caisse\""),
                          placement("A3", start="2024-13-45"), end="\r\n")},
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 6, "severity": "Erreur",
                 "message": "2024-13-45"}],
     pupils=EVERYONE[:2])
case("stray_quote_inside_a_cell",
     "Un surnom entre guillemets au milieu d'une cellule non citée "
     "(Paul \"Polo\") : gardé comme texte.",
     {"eleves.csv": roll(R1, "MARTIN;Paul \"Polo\";2nde 1;A2;01/01/2008", R3)},
     exit=0, no_findings=True,
     pupils=[EVERYONE[0], {"nom": "MARTIN", "prenom": "Paul \"Polo\""},
             EVERYONE[2]])
case("excel_sep_hint_line",
     "CSV commençant par la ligne « sep=; » qu'Excel sait lire : ignorée "
     "comme une ligne de titre.",
     {"eleves.csv": b"sep=;\r\n" + lines(ROLL_HEADER, R1, R2, R3, end="\r\n")},
     exit=0, no_findings=True, pupils=EVERYONE)
case("old_mac_cr_line_endings",
     "Vieil export Mac : lignes terminées par un CR seul.",
     {"eleves.csv": lines(ROLL_HEADER, R1, R2, R3, end="\r")},
     exit=0, no_findings=True, pupils=EVERYONE)
case("concatenated_exports_repeat_header",
     "Deux exports UTF-8 (avec BOM) mis bout à bout : la seconde ligne "
     "d'en-tête n'est pas un élève « Nom Prénom » de la classe « Classe ».",
     {"eleves.csv": b"\xef\xbb\xbf" + roll(R1, R2) + b"\xef\xbb\xbf"
      + roll(R3)},
     exit=0, class_sheets=2,
     anomalies=[{"file": "eleves.csv", "line": 4, "severity": "Information",
                 "message": "en-tête"}],
     pupils=EVERYONE)
case("duplicate_nom_column",
     "Export SIECLE avec les colonnes du responsable légal : deux « Nom » et "
     "deux « Prénom ». La première est lue, c'est signalé à la ligne 1.",
     {"eleves.csv": lines(ROLL_HEADER + ";Nom;Prénom",
                          R1 + ";DUPONT;Marc", R2 + ";MARTIN;Anne",
                          R3 + ";DURAND;Luc")},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 1, "severity": "Attention",
                 "message": "Nom"}],
     pupils=EVERYONE)
case("duplicate_unknown_column",
     "Deux colonnes « Option » (non utilisées par stagecheck) : rien à "
     "signaler.",
     {"eleves.csv": lines(ROLL_HEADER + ";Option;Option",
                          R1 + ";Latin;Grec", R2 + ";;", R3 + ";Euro;")},
     exit=0, no_findings=True, pupils=EVERYONE)

# ---- the wrong file in the wrong place -----------------------------------------

case("placements_given_as_roll",
     "Les deux fichiers inversés : le tableau de suivi donné avec --roll.",
     None, ["--roll", "stages.csv", "--placements", "eleves.csv"],
     exit=2, stderr=stops("stages.csv",
                          "tableau de suivi|fichier de stages|suivi des stages",
                          "--placements"))
case("roll_given_as_placements",
     "La liste d'élèves donnée aussi avec --placements à la place du "
     "tableau de suivi.",
     {"eleves2.csv": roll(R1, R2, R3)},
     ["--roll", "eleves.csv", "--placements", "eleves2.csv"],
     exit=2, stderr=stops("eleves2.csv", "liste d'élèves", "--roll"))
case("same_roll_twice",
     "La même liste donnée deux fois (« eleves.csv » et « ./eleves.csv », "
     "par exemple par un motif de la configuration) : lue une fois, "
     "signalée, aucun élève en double.",
     None, ["--roll", "eleves.csv", "--roll", "./eleves.csv",
            "--placements", "stages.csv"],
     exit=1, stderr=["eleves\\.csv.*deux fois"],
     anomalies=[{"file": "./eleves.csv", "line": 0, "severity": "Attention",
                 "message": "deux fois"}],
     absent_anomalies=["en double"],
     pupils=[dict(p, statut="Prêt") for p in EVERYONE])
case("same_placements_twice",
     "Le même tableau de suivi donné deux fois : lu une fois, signalé ; pas "
     "de faux chevauchements.",
     None, ["--roll", "eleves.csv", "--placements", "stages.csv",
            "--placements", "stages.csv"],
     exit=1, stderr=["stages\\.csv.*deux fois"],
     anomalies=[{"file": "stages.csv", "line": 0, "severity": "Attention",
                 "message": "deux fois"}],
     absent_anomalies=["chevauche"],
     pupils=[dict(p, statut="Prêt") for p in EVERYONE])

# ---- cells ----------------------------------------------------------------------

case("date_month_13_day_45",
     "Date de début « 2024-13-45 » (mois et jour inversés puis mal tapés).",
     {"stages.csv": stages(placement("A1"),
                           placement("A2", start="2024-13-45"),
                           placement("A3"))},
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 3, "severity": "Erreur",
                 "message": "Date de début.*2024-13-45"}],
     pupils=[EVERYONE[0], dict(EVERYONE[1], statut="À vérifier"),
             EVERYONE[2]])
case("date_all_zeros",
     "Date de naissance « 00/00/0000 » (champ vide d'une base mal "
     "exportée).",
     {"eleves.csv": roll("DUPONT;Léa;2nde 1;A1;00/00/0000", R2, R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 2, "severity": "Erreur",
                 "message": "00/00/0000"}],
     pupils=EVERYONE)
case("date_two_digit_year",
     "Date de fin « 1/1/24 » : année sur deux chiffres, siècle non deviné.",
     {"stages.csv": stages(placement("A1"), placement("A2"),
                           placement("A3", end="1/1/24"))},
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 4, "severity": "Erreur",
                 "message": "1/1/24.*AAAA"}],
     pupils=EVERYONE)
case("date_29_february_2023",
     "Date de naissance « 29/02/2023 » : 2023 n'est pas bissextile.",
     {"eleves.csv": roll(R1, "MARTIN;Paul;2nde 1;A2;29/02/2023", R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Erreur",
                 "message": "29/02/2023"}],
     pupils=EVERYONE)
case("date_excel_serial_number",
     "Date de début « 45460 » : la colonne était au format Nombre dans "
     "Excel.",
     {"stages.csv": stages(placement("A1", start="45460"), placement("A2"),
                           placement("A3"))},
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 2, "severity": "Erreur",
                 "message": "45460"}],
     pupils=EVERYONE)
case("whitespace_only_names",
     "Ligne de liste dont le nom et le prénom ne sont que des espaces et "
     "une tabulation.",
     {"eleves.csv": roll(R1, "   ;\t ;2nde 1;A2;01/01/2008", R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Erreur",
                 "message": "nom"}],
     pupils=[EVERYONE[0], EVERYONE[2]])
case("nbsp_only_names",
     "Nom et prénom faits d'espaces insécables (U+00A0, collés depuis une "
     "page web) : c'est une ligne sans nom.",
     {"eleves.csv": roll(R1, "\u00a0;\u00a0\u00a0;2nde 1;A2;01/01/2008", R3)},
     exit=1,
     anomalies=[{"file": "eleves.csv", "line": 3, "severity": "Erreur",
                 "message": "nom"}],
     pupils=[EVERYONE[0], EVERYONE[2]])
case("whitespace_only_pupil_in_placements",
     "Ligne de suivi dont INE, nom et prénom ne sont que des espaces.",
     {"stages.csv": stages(placement("A1"),
                           placement(" ", surname="  ", first=" "),
                           placement("A2"), placement("A3"))},
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 3, "severity": "Erreur",
                 "message": "sans élève|ni INE ni nom"}],
     pupils=[dict(p, statut="Prêt") for p in EVERYONE])
case("cell_over_excel_limit",
     "Une structure d'accueil de 40 000 caractères (texte collé en boucle) : "
     "coupée à 32 767 caractères dans le classeur, signalée à sa ligne.",
     {"stages.csv": {"generate": "cell_40000"}}, timeout=600,
     exit=1,
     anomalies=[{"file": "stages.csv", "line": 3,
                 "message": "32 ?767|trop long|coup|tronqu"}],
     pupils=[EVERYONE[0], dict(EVERYONE[1], cells={
         "Lieu 1 — structure": {"startswith": "Boulangerie"}}),
         EVERYONE[2]])

# ---- class names and sheets -------------------------------------------------------


def roll_of_classes(classes):
    """A roll with one pupil per class, INE B1.., and complete placements."""
    rows = ["ELEVE%d;Prénom%d;%s;B%d;01/01/2008" % (i, i, c, i)
            for i, c in enumerate(classes, 1)]
    return (roll(*rows),
            stages(*(placement("B%d" % i) for i in range(1, len(classes) + 1))))


def classes_case(id, situation, classes, **expect):
    r, s = roll_of_classes(classes)
    pupils = [{"nom": "ELEVE%d" % i, "prenom": "Prénom%d" % i,
               "statut": "Prêt"} for i in range(1, len(classes) + 1)]
    expect.setdefault("class_sheets", len(classes))
    case(id, situation, {"eleves.csv": r, "stages.csv": s},
         exit=0, no_findings=True, pupils=pupils, **expect)


classes_case("class_names_longer_than_31",
             "Classes aux noms longs qui ne diffèrent qu'après le 31e "
             "caractère : des feuilles distinctes de 31 caractères au plus.",
             ["Seconde générale et technologique - groupe 1",
              "Seconde générale et technologique - groupe 2",
              "Seconde générale et technologique - groupe 10"])
classes_case("class_names_with_forbidden_characters",
             "Classes écrites avec des caractères qu'Excel refuse dans un nom "
             "de feuille ([ ] : * ? / \\ et apostrophes au bord).",
             ["2nde[1]", "2nde/2:B", "'2nde*3?'", "2nde\\4"])
classes_case("class_names_differing_only_in_case",
             "« 2nde a » dans SIECLE et « 2NDE A » dans Pronote : la même "
             "classe, une seule feuille.",
             ["2nde a", "2NDE A"], class_sheets=1,
             same_sheet=[["ELEVE1", "ELEVE2"]])
classes_case("class_names_of_fixed_sheets",
             "Classes nommées comme les feuilles fixes (Synthèse, ANOMALIES, "
             "Accueil établissement, changements, History) : aucune feuille "
             "n'est écrasée ni refusée.",
             ["Synthèse", "ANOMALIES", "Accueil établissement", "changements",
              "History"])
classes_case("class_names_same_after_sanitising",
             "Deux classes dont les noms donnent la même feuille une fois "
             "nettoyés (« ? » et « * ») : deux feuilles distinctes.",
             ["?", "*"])
case("selected_classes_without_pupils",
     "--classes '3*' alors que le lycée n'a que des secondes : averti, "
     "classeur écrit sans feuille de classe.",
     None, ARGS + ["--classes", "3*"],
     exit=1, stderr=["--classes"], class_sheets=0,
     anomalies=[{"file": "", "line": 0, "severity": "Attention",
                 "message": "--classes"}])

# ---- the output --------------------------------------------------------------------

case("output_is_an_input",
     "-o ./eleves.csv : le classeur écraserait la liste d'élèves ; refusé, "
     "la liste reste intacte.",
     None, output="./eleves.csv",
     exit=2, stderr=stops("./eleves.csv", "entrée"))
case("output_folder_missing",
     "-o vers un dossier qui n'existe pas (partage réseau non monté).",
     None, output="absent/suivi.xlsx",
     exit=2, stderr=["absent", "dossier"])
case("output_is_a_directory",
     "-o donne un dossier au lieu d'un nom de classeur.",
     None, output="sortie", dirs=["sortie"],
     exit=2, stderr=["sortie", "dossier"])
case("output_folder_read_only",
     "Le dossier de sortie est en lecture seule pour le compte qui lance "
     "stagecheck (lancé en tant que nobody si les tests tournent en root).",
     None, output="sortie/suivi.xlsx", dirs=["sortie"], special="readonly",
     prepare="previous_run",
     exit=2, stderr=["sortie/suivi\\.xlsx", "permission|droit|lecture seule"])
case("output_disk_full_fsize_limit",
     "Disque plein pendant l'écriture du classeur (simulé par RLIMIT_FSIZE) : "
     "code 2, le classeur et l'état de la veille restent intacts, aucun "
     "fichier temporaire.",
     None, special="rlimit_fsize", prepare="previous_run",
     exit=2, stderr=["suivi\\.xlsx", "disque|place|trop gros|écrire"])
case("output_disk_full_tmpfs",
     "Disque plein pour de vrai : un petit tmpfs rempli (sauté si mount est "
     "refusé).",
     None, output="sortie/suivi.xlsx", dirs=["sortie"], special="tmpfs",
     prepare="previous_run",
     exit=2, stderr=["sortie/suivi\\.xlsx", "disque|place"])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case id"
    for path, content in sorted(FILES.items()):
        full = os.path.join(out, "files", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content)
    with open(os.path.join(out, "cases.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": CASES}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
