#!/usr/bin/env python3
"""Writes samples/ExportXML_ElevesSansAdresses.zip: the sample lycée's
SIECLE roll as SIECLE's XML export « Élèves sans adresses ».

Run from the repository root, after tools/make-samples.py (it reads the
roll that script writes):  python3 tools/make-siecle-sample.py

The same pupils, classes, birth dates and INE as samples/eleves-siecle.csv,
in its order: 2NDE 1 and 2NDE 2 (MEF of seconde générale et technologique),
1G1 (première générale). ROBERT Hugo, whom the CSV lists twice, is exported
twice here too, under the same ELEVE_ID, as SIECLE sometimes does (Pix's
importer skips the second). Standard library only; two runs write the same
bytes.
"""
import csv
import io
import os
import sys

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import siecle_xml  # noqa: E402

ROLL = os.path.join(ROOT, "samples", "eleves-siecle.csv")
OUT = os.path.join(ROOT, "samples", "ExportXML_ElevesSansAdresses.zip")

UAI = "0869999B"  # invented, with a valid check letter
PARAMS = [("UAJ", UAI), ("ANNEE_SCOLAIRE", "2023"),
          ("DATE_EXPORT", "21/05/2024"), ("HORODATAGE", "21/05/2024 08:42:00")]
# Shaped as SACoche's masks (20010...11. seconde GT, 2011....11. première).
MEF = {"2NDE 1": "20010018110", "2NDE 2": "20010018110", "1G1": "20110019110"}
REGIME = {"EXTERNE": "0", "DEMI-PENSIONNAIRE": "2", "INTERNE": "3"}
GROUPS = {"2NDE 1": ["201 ESP2", "201 ALL2"], "2NDE 2": ["202 ESP2", "202 ALL2"],
          "1G1": ["1G SPE MATHS", "1G SPE SES"]}


def rows():
    with open(ROLL, encoding="cp1252", newline="") as f:
        lines = f.read().splitlines()
    reader = csv.reader(io.StringIO("\n".join(lines[2:])), delimiter=";")
    header = next(reader)
    assert header[:5] == ["Nom de famille", "Prénom 1", "Date de naissance",
                          "Division", "N° INE"], header
    for cells in reader:
        if cells:
            yield cells


def main():
    pupils, structures, ids = [], [], {}
    for n, (surname, first, born, cls, ine, sex, regime) in enumerate(rows()):
        ine = ine.strip('="')
        again = ine in ids
        eleve_id, elenoet = ids.setdefault(
            ine, (str(100001 + n), str(3001 + n)))
        pupils.append({"ELEVE_ID": eleve_id, "ELENOET": elenoet, "fields": [
            ("ID_NATIONAL", ine), ("NOM_DE_FAMILLE", surname),
            ("NOM_USAGE", ""), ("PRENOM", first), ("DATE_NAISS", born),
            ("CODE_PAYS", "100"), ("CODE_SEXE", "1" if sex == "M" else "2"),
            ("CODE_REGIME", REGIME[regime]), ("CODE_MEF", MEF[cls]),
            ("CODE_STATUT", "ST"), ("DATE_ENTREE", "04/09/2023")]})
        if not again:
            group = GROUPS[cls][n % 2]
            structures.append((eleve_id, [(cls, "D"), (group, "G")]))
    xml = siecle_xml.document(PARAMS, pupils, (), structures, newline="\n")
    with open(OUT, "wb") as f:
        f.write(siecle_xml.zipped(xml))
    print(f"{len(pupils)} élèves -> {os.path.relpath(OUT, ROOT)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
