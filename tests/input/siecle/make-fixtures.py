#!/usr/bin/env python3
"""Writes the fixtures of tests/input/test_siecle.c, byte for byte.

Run from the project's top folder:  python3 tests/input/siecle/make-fixtures.py

SIECLE's XML export « Élèves sans adresses », in ISO-8859-15 (accents, Œ
and the euro sign, byte 0xA4), through tools/siecle_xml.py:
  ElevesSansAdresses.xml            the export unzipped, CRLF
  ExportXML_ElevesSansAdresses.zip  the same as SIECLE delivers it
  tronque.zip                       that archive cut in the middle
  sans-xml.zip                      an archive holding no .xml
  octet-invalide.xml                a vertical tab (0x0B) in a name
  pas-siecle.xml                    another SIECLE export (Nomenclature)
  balise-cassee.zip                 an archive whose XML closes a tag wrongly
  chiffre.zip                       the archive with its member marked
                                    encrypted (the flag set by hand: Python
                                    cannot encrypt)
and the seeds of tests/fuzz/corpus/siecle/. Every name is invented.
Standard library only; two runs write the same bytes.
"""
import os
import sys

sys.dont_write_bytecode = True
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(TOP, "tools"))
import siecle_xml  # noqa: E402

HERE = os.path.join(TOP, "tests", "input", "siecle")
SEEDS = os.path.join(TOP, "tests", "fuzz", "corpus", "siecle")

# MEF codes shaped as SACoche's masks of sacoche_niveau (20010...11.
# seconde GT, 2011....11. première générale, 2021....11. terminale
# générale, 247.....31. seconde professionnelle).
MEF_2GT = "20010018110"
MEF_1G = "20110019110"
MEF_TG = "20210019110"

PARAMS = [("UAJ", "0860042D"), ("ANNEE_SCOLAIRE", "2023"),
          ("DATE_EXPORT", "21/05/2024"), ("HORODATAGE", "21/05/2024 08:42:12")]


def pupil(eleve_id, elenoet, ine, family, usage, first, birth, mef,
          left=None, first2=None, last_year=None):
    fields = [("ID_NATIONAL", ine), ("NOM_DE_FAMILLE", family),
              ("NOM_USAGE", usage), ("PRENOM", first), ("PRENOM2", first2),
              ("DATE_NAISS", birth), ("CODE_PAYS", "100"),
              ("CODE_SEXE", "2" if first in GIRLS else "1"),
              ("CODE_MEF", mef), ("CODE_STATUT", "ST"),
              ("DATE_ENTREE", "04/09/2023"), ("DATE_SORTIE", left)]
    if last_year:
        fields.append(("SCOLARITE_AN_DERNIER", last_year))
    return {"ELEVE_ID": eleve_id, "ELENOET": elenoet, "fields": fields}


GIRLS = {"Anaïs", "Aya", "Zoé", "Chloë", "Maëlle", "Salomé", "Inès"}

PUPILS = [
    # Groups to ignore, and last year's school whose CODE_STRUCTURE is no
    # division of this year.
    pupil("4001", "2301", "071234567AB", "LEFÈVRE", "", "Anaïs", "14/02/2008",
          MEF_2GT, first2="Marie",
          last_year=[("CODE_STRUCTURE", "3E2"), ("CODE_RNE", "0860999X"),
                     ("SIGLE", "CLG"), ("DENOM_PRINC", "COLLEGE")]),
    # NOM_USAGE differs: the name the pupil goes by.
    pupil("4002", "2302", "0712345678C", "MARTIN", "DUVAL-MARTIN", "Jérôme",
          "03/11/2008", MEF_2GT),
    # No INE yet (ID_NATIONAL absent), an apostrophe in the name.
    pupil("4003", "2303", None, "N'GUESSAN", "", "Aya", "29/02/2008", MEF_2GT),
    # Left in January, keeps his division and group.
    pupil("4004", "2304", "0723456789D", "BERNARD", "", "Théo", "17/07/2008",
          MEF_2GT, left="15/01/2024"),
    # Œ (0xBC) in the name, the euro sign (0xA4) in the division.
    pupil("4005", "2305", "0734567890E", "LECŒUR", "", "Chloë", "08/08/2008",
          MEF_2GT),
    # Put in SIECLE's "Inactifs" division: no class.
    pupil("4006", "2306", "0745678901F", "PETIT", "", "Lucas", "21/12/2007",
          MEF_2GT),
    # No name at all: reported, left out.
    pupil("4007", "2307", "0756789012G", "", None, "Sacha", "10/10/2008",
          MEF_2GT),
    # Première and terminale beside seconde GT.
    pupil("4008", "2308", "0767890123H", "ROUSSEL", "", "Maëlle",
          "05/05/2007", MEF_1G),
    pupil("4009", "2309", "076789012JK", "GIRAUD", "", "Noé", "30/01/2006",
          MEF_TG),
    # No structure at all: no class.
    pupil("4010", "2310", "0778901234L", "FAURE", "", "Inès", "12/06/2008",
          MEF_2GT),
]

OPTIONS = [("4001", "2301", [("1", "O", "030201"), ("2", "O", "030602")]),
           ("4002", "2302", [("1", "O", "030201")])]

STRUCTURES = [
    ("4001", [("2NDE 1", "D"), ("201 ESP2", "G"), ("2NDE AP", "G")]),
    ("4002", [("201 ALL2", "G"), ("2NDE 1", "D")]),
    ("4003", [("2NDE 2", "D")]),
    ("4004", [("2NDE 2", "D"), ("202 ESP2", "G")]),
    ("4005", [("2NDE €URO", "D")]),
    ("4006", [("Inactifs", "D")]),
    ("4007", [("2NDE 2", "D")]),
    ("4008", [("1G1", "D"), ("1G SPE MATHS", "G")]),
    ("4009", [("TG2", "D")]),
    # A structure for a pupil the export does not list: ignored.
    ("4999", [("2NDE 1", "D")]),
]


def encrypted(archive):
    """The archive with bit 0 (encrypted) of the member's flags set, in its
    local header (offset 6) and its central directory entry (offset 8)."""
    data = bytearray(archive)
    assert data[:4] == b"PK\x03\x04"
    central = data.index(b"PK\x01\x02")
    data[6] |= 1
    data[central + 8] |= 1
    return bytes(data)


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(SEEDS, exist_ok=True)
    xml = siecle_xml.document(PARAMS, PUPILS, OPTIONS, STRUCTURES)
    archive = siecle_xml.zipped(xml)
    write(HERE, "ElevesSansAdresses.xml", xml)
    write(HERE, "ExportXML_ElevesSansAdresses.zip", archive)
    write(HERE, "tronque.zip", archive[:len(archive) // 2])
    write(HERE, "chiffre.zip", encrypted(archive))
    write(HERE, "sans-xml.zip", siecle_xml.zipped(
        "Export sans fichier XML\r\n".encode("ascii"), "LisezMoi.txt"))
    # Pasted from a word processor: a vertical tab inside a name.
    bad = xml.replace(b"DUVAL-MARTIN", b"DUVAL\x0bMARTIN")
    assert bad != xml
    write(HERE, "octet-invalide.xml", bad)
    broken = xml.replace(b"Ana\xefs</PRENOM>", b"Ana\xefs</PRENON>", 1)
    assert broken != xml
    write(HERE, "balise-cassee.zip", siecle_xml.zipped(broken))
    write(HERE, "pas-siecle.xml", (
        '<?xml version="1.0" encoding="ISO-8859-15"?>\r\n'
        '<BEE_NOMENCLATURES VERSION="2.1">\r\n'
        '\t<DONNEES>\r\n\t\t<MEFS>\r\n'
        '\t\t\t<MEF CODE_MEF="20010018110">\r\n'
        '\t\t\t\t<FORMATION>2NDE GT</FORMATION>\r\n'
        '\t\t\t\t<LIBELLE_LONG>2NDE GENERALE ET TECHNOLOGIQUE</LIBELLE_LONG>\r\n'
        '\t\t\t</MEF>\r\n\t\t</MEFS>\r\n\t</DONNEES>\r\n'
        '</BEE_NOMENCLATURES>\r\n').encode("iso-8859-15"))
    for eid in ("4001", "4002", "4003", "4004", "4005", "4006", "4007",
                "4008", "4009", "4010"):
        print(eid, siecle_xml.line_of(
            xml, f'<ELEVE ELEVE_ID="{eid}"'.encode("ascii")))
    print("BEE_ELEVES", siecle_xml.line_of(xml, b"<BEE_ELEVES"))
    print("bad byte", siecle_xml.line_of(bad, b"\x0b"))
    print("broken tag", siecle_xml.line_of(broken, b"</PRENON>"))

    # Seeds: the fixtures that are small, and what they do not cover.
    write(SEEDS, "seed-export.xml", xml)
    write(SEEDS, "seed-export.zip", archive)
    write(SEEDS, "seed-truncated.zip", archive[:len(archive) // 2])
    write(SEEDS, "seed-bad-byte.xml", bad)
    write(SEEDS, "seed-minimal.xml", (
        '<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES>'
        '<PARAMETRES><UAJ>0860042D</UAJ></PARAMETRES><DONNEES><ELEVES>'
        '<ELEVE ELEVE_ID="1"><NOM>ÉTÉ</NOM><PRENOM>Zoé</PRENOM></ELEVE>'
        '</ELEVES></DONNEES></BEE_ELEVES>\n').encode("iso-8859-15"))
    # Structures before pupils, a pupil twice, two divisions.
    write(SEEDS, "seed-order.xml", siecle_xml.document(
        PARAMS[:1], PUPILS[:2] + PUPILS[:1], (),
        [("4001", [("2NDE 1", "D"), ("2NDE 2", "D")])], newline="\n")
        .replace(b"<ELEVES>", b"<STRUCTURES><STRUCTURES_ELEVE ELEVE_ID="
                 b"\"4002\"><STRUCTURE><CODE_STRUCTURE>2NDE 3</CODE_STRUCTURE>"
                 b"<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>"
                 b"</STRUCTURES_ELEVE></STRUCTURES><ELEVES>", 1))


if __name__ == "__main__":
    main()
