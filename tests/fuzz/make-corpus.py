#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz harnesses (tests/fuzz/corpus/*/seed-*).

Run from the project's top folder: python3 tests/fuzz/make-corpus.py
Slices of samples/ keep their real encodings; the hand-made cases cover
what the samples do not. Reproducers (crash-*, leak-*, timeout-*, ...) are
left alone: they stay in the corpus for good. Deterministic: two runs write
the same bytes.
"""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(TOP, "tests", "fuzz", "corpus")
MARKER = b"\n@@@\n"
MAX_SEED = 8 * 1024

BOM8 = b"\xef\xbb\xbf"
BOM16LE = b"\xff\xfe"
BOM16BE = b"\xfe\xff"


def records(text):
    """Splits CSV text into records (a quoted field may span lines)."""
    out, cur, quotes = [], [], 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            out.append("".join(cur))
            cur, quotes = [], 0
    if cur:
        out.append("".join(cur))
    return out


def sample(name, encoding):
    with open(os.path.join(TOP, "samples", name), "rb") as f:
        raw = f.read()
    text = raw.decode(encoding)
    return records(text[1:] if text.startswith("\ufeff") else text)


SIECLE = sample("eleves-siecle.csv", "cp1252")       # 2 title lines, header
PRONOTE = sample("eleves-pronote.csv", "utf-16")     # header
STAGES = sample("stages.csv", "utf-8")                # header


def stage_rows(classes, inis, names, limit):
    """Rows of stages.csv about the given pupils (by class, INE or name)."""
    rows = []
    for rec in STAGES[1:]:
        cells = rec.split(";")
        ine = cells[0].replace('"', "").replace("=", "")
        who = (cells[1] + " " + cells[2]).upper()
        klass = cells[3].replace(" ", "").upper()
        if klass in classes or ine in inis or any(n in who for n in names):
            rows.append(rec)
        if len(rows) == limit:
            break
    return rows


def siecle_slice(first, count):
    pupils = SIECLE[3 + first:3 + first + count]
    inis = {r.split(";")[4].replace('"', "").replace("=", "") for r in pupils}
    names = {(r.split(";")[0] + " " + r.split(";")[1]).upper() for r in pupils}
    return "".join(SIECLE[:3] + pupils), inis, names


def pronote_slice(first, count):
    pupils = PRONOTE[1 + first:1 + first + count]
    names = {r.split("\t")[0].upper() for r in pupils}
    return "".join(PRONOTE[:1] + pupils), names


def utf16le(text, bom=True):
    return (BOM16LE if bom else b"") + text.encode("utf-16-le")


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


ROLL_HEAD = "INE;Nom;Prénom;Classe;Date de naissance\n"
STAGE_HEAD = ("INE;Nom;Prénom;Classe;Date de naissance;Structure d'accueil;"
              "Type de structure;SIRET;Commune;Pays;Date de début;Date de fin;"
              "Signature chef d'établissement;Signature structure d'accueil;"
              "Signature élève;Signature représentant légal;Activités prévues;"
              "Compétences visées;Attestation assurance élève;"
              "Assurance structure;Dispense;Justificatif\n")
ROLL = ROLL_HEAD + (
    "0736443004H;DUPONT-MARTIN;Éloïse;2NDE 1;04/05/2008\n"
    "0741708937Y;BENSAÏD;Arthur;2NDE 1;19/11/2008\n"
    "0777187537G;NGUYEN;Thomas;2NDE 3;01/02/2008\n"
    ";NGUYEN;Thomas;2NDE 4;03/04/2008\n"
    ";PETIT;Emma;2NDE 3;14/02/2008\n"
    ";PETIT;Emma;2NDE 4;30/09/2008\n"
    "0705140406H;CHEVALIER;Inès;1G1;11/12/2008\n")


def place(who, host="Mairie", kind="Collectivité territoriale",
          start="17/06/2024", end="28/06/2024", signs="oui;oui;oui;oui",
          country="", dispense="", proof=""):
    return (f"{who};{host};{kind};63806664186113;Saint-Exemple;{country};"
            f"{start};{end};{signs};Observer;Autonomie;oui;oui;{dispense};"
            f"{proof}\n")


DUPONT = "0736443004H;DUPONT-MARTIN;Éloïse;2NDE 1;04/05/2008"
BENSAID = ";Bensaid;Arthur;2NDE 1;"


def joined(roll, stages):
    def as_bytes(x):
        return x if isinstance(x, bytes) else x.encode("utf-8")
    return as_bytes(roll) + MARKER + as_bytes(stages)


def input_seeds():
    seeds = {}
    roll, inis, names = siecle_slice(0, 16)
    rows = stage_rows(set(), inis, names, 14)
    stages = "".join(STAGES[:1] + rows)
    seeds["siecle-cp1252-crlf+stages-utf8bom"] = joined(
        roll.encode("cp1252"), BOM8 + stages.encode("utf-8"))
    seeds["siecle-cp1252+stages-cp1252"] = joined(
        roll.encode("cp1252"), stages.encode("cp1252"))
    seeds["siecle-alone"] = roll.encode("cp1252")
    seeds["stages-alone"] = BOM8 + stages.encode("utf-8")
    roll2, inis2, names2 = siecle_slice(20, 14)
    seeds["siecle-2nde2+stages-crlf"] = joined(
        roll2.encode("cp1252"),
        BOM8 + crlf("".join(STAGES[:1] + stage_rows(set(), inis2, names2, 12)))
        .encode("utf-8"))

    proll, pnames = pronote_slice(0, 18)
    prows = stage_rows({"2NDE3"}, set(), pnames, 12)
    pstages = "".join(STAGES[:1] + prows)
    seeds["pronote-utf16le-bom+stages-utf8bom"] = joined(
        utf16le(proll), BOM8 + pstages.encode("utf-8"))
    seeds["pronote-utf16le-nobom+stages-utf8"] = joined(
        utf16le(proll[:1500], bom=False), pstages[:2500].encode("utf-8"))
    seeds["pronote-utf16be-bom+stages-utf16le"] = joined(
        BOM16BE + proll[:1500].encode("utf-16-be"), utf16le(pstages[:2500]))
    # Rows of other classes, with --classes '2*' (first byte "D": bit 2).
    seeds["classes-selection"] = joined(
        "Division;Élève;Né(e) le\n2nde 4;MARTIN Lucas;1/2/2008\n"
        "1G1;LEROY Paul;\n2NDE 1;DUPONT Marie;\n1G1;DUPONT Marie;\n",
        "Élève;Classe;Entreprise;Début;Fin\nMartin Lucas;;Garage;17/06/2024;"
        "28/06/2024\nLEROY Paul;1G1;Mairie;;\nDUPONT Marie;;Poste;17/06/2024;"
        "21/06/2024\n")
    seeds["utf16le-odd-tail"] = joined(
        utf16le(ROLL) + b"\x41", utf16le(STAGE_HEAD + place(DUPONT)) + b"\x00")
    seeds["utf16le-lone-surrogate"] = joined(
        utf16le(ROLL) + b"\x00\xd8\x41\x00\n\x00",
        utf16le(STAGE_HEAD + place(DUPONT)))
    seeds["utf8bom-broken-bytes"] = joined(
        BOM8 + ROLL.encode("utf-8") + b"\xc3;\xff;\xed\xa0\x80;2NDE 1;\n",
        BOM8 + (STAGE_HEAD + place(DUPONT)).encode("utf-8") + b"\xe2\x82\n")
    seeds["cp1252-undefined-bytes"] = joined(
        ROLL.encode("cp1252") + b"X\x81Y;Z\x8dW;\x90;2NDE 1;\n",
        (STAGE_HEAD + place(DUPONT)).encode("cp1252") + b"\x9d;\x8f\n")
    seeds["nul-bytes"] = joined(
        ROLL.encode("utf-8").replace(b"Thomas", b"Tho\x00mas"),
        (STAGE_HEAD + place(DUPONT)).encode("utf-8").replace(b"Mairie", b"Ma\x00\x00ie"))

    seeds["unclosed-quote-placements"] = joined(
        ROLL, STAGE_HEAD + place(DUPONT) + place(BENSAID, host='"Mairie;oui'))
    seeds["unclosed-quote-roll"] = joined(
        ROLL + '0123;"DURAND;Léo;2NDE 1;\n', STAGE_HEAD + place(DUPONT))
    seeds["quote-in-middle"] = joined(
        ROLL + '0124;DU"RAND;Léo;2NDE 1;\n',
        STAGE_HEAD + place(DUPONT, host='Le "Relais"'))
    seeds["crlf-in-quotes"] = joined(
        crlf(ROLL), crlf(STAGE_HEAD) + place(
            DUPONT, host='"Association ""Les Petits""\r\nDébrouillards"')
        .replace("\n", "\r\n") + place(BENSAID, host='"a;\rb"').replace("\n", "\r\n"))
    seeds["lone-cr-lines"] = joined(
        ROLL.replace("\n", "\r"), (STAGE_HEAD + place(DUPONT)).replace("\n", "\r"))
    seeds["excel-wrapped-ine"] = joined(
        ROLL.replace("0736443004H", '="0736443004H"'),
        STAGE_HEAD + place('"=""0736443004H""";;;;') + place('="0741708937Y";;;;'))

    seeds["duplicate-pupils"] = joined(
        ROLL + "0736443004H;DUPONT-MARTIN;Éloïse;2NDE 1;04/05/2008\n"
        "0736443004H;DURAND;Éloïse;2NDE 2;04/05/2008\n"
        ";Dupont Martin;Eloise;2NDE 2;04/05/2008\n"
        ";NGUYEN;Thomas;2NDE 5;01/02/2008\n",
        STAGE_HEAD + place(DUPONT))
    seeds["overlapping-dates"] = joined(
        ROLL, STAGE_HEAD
        + place(DUPONT, host="Boulangerie", start="17/06/2024", end="21/06/2024")
        + place(DUPONT, host="Mairie", start="20/06/2024", end="28/06/2024")
        + place(DUPONT, host="Garage", start="24/06/2024", end="25/06/2024")
        + place(BENSAID, host="A", start="28/06/2024", end="17/06/2024")
        + place(BENSAID, host="", start="2024-06-10", end="2024-07-05"))
    seeds["dispenses"] = joined(
        ROLL, STAGE_HEAD
        + place(DUPONT, host="", kind="", dispense="SNU séjour de cohésion",
                proof="oui")
        + place(BENSAID, host="", kind="", start="01/07/2024", end="19/07/2024",
                dispense="Service national universel mission d'intérêt général",
                proof="12/06/2024")
        + place(";NGUYEN;Thomas;2NDE 3;", host="", kind="",
                start="03/06/2024", end="10/06/2024",
                dispense="Mobilité Erasmus+ contrat d'études", proof="1")
        + place(";NGUYEN;Thomas;2NDE 4;", host="", kind="", start="", end="",
                dispense="job d'été", proof="")
        + place(";PETIT;Emma;;14/02/2008", host="Mairie",
                dispense="stage linguistique", proof="non")
        + place(";PETIT;Emma;;30/09/2008", host="", kind="",
                start="", end="", dispense="voyage", proof="peut-être")
        + place("0705140406H;;;;", host="", kind="", dispense="non"))
    seeds["homonyms-and-unknowns"] = joined(
        ROLL, STAGE_HEAD
        + place(";Nguyen;Thomas;2nde3;") + place(";NGUYEN;Thomas;;")
        + place(";PETIT;Emma;;30/09/2008") + place("9999999999Z;;;;")
        + place(";INCONNU;Personne;2NDE 1;") + place(";;;2NDE 1;")
        + place("0705140406H;;;;"))
    seeds["unreadable-cells"] = joined(
        ROLL + "0888;MARTIN;Léo;2NDE 1;31/02/2008\n",
        STAGE_HEAD
        + place(DUPONT, start="17/6/24", end="2024-06-31",
                signs="peut-être;?;-;oui")
        + place(BENSAID, start="17/06/2024 08:00", end="28/06/2024 25:00",
                kind="Particulier", country="Allemagne"))
    seeds["minor-and-leap-birth"] = joined(
        ROLL_HEAD + "1;LEAP;Ana;2NDE 1;29/02/2008\n2;MAJEUR;Léo;2NDE 1;17/06/2006\n"
        "3;JEUNE;Zoé;2NDE 1;\n",
        STAGE_HEAD + place("1;;;;", signs="oui;oui;oui;")
        + place("2;;;;", signs="oui;oui;oui;non") + place("3;;;;", signs="x;X;O;"))
    seeds["tab-separated"] = joined(
        ROLL.replace(";", "\t"), (STAGE_HEAD + place(DUPONT)).replace(";", "\t"))
    seeds["comma-separated-quoted"] = joined(
        ROLL.replace(";", ","),
        (STAGE_HEAD + place(DUPONT)).replace(";", ",").replace(
            "Collectivité territoriale", '"Collectivité, territoriale"'))
    seeds["title-rows-blank-rows"] = joined(
        "Lycée Marie Curie\n;;;\n\nDate : 21/05/2024\n" + ROLL.replace("\n", "\n;;;;\n", 2),
        "\n\n" + STAGE_HEAD + ";;;\n" + place(DUPONT) + " ; ; \n")
    seeds["header-too-low"] = joined(
        "x\n" * 55 + ROLL, STAGE_HEAD + place(DUPONT))
    seeds["header-incomplete"] = joined(
        "Nom;Prénom;Date de naissance\nA;B;01/01/2008\n",
        "Nom;Prénom;Commune\nA;B;C\n")
    seeds["empty-roll"] = joined(ROLL_HEAD, STAGE_HEAD + place(DUPONT))
    seeds["empty"] = b""
    seeds["marker-only"] = MARKER
    seeds["blank-files"] = joined(BOM8 + b"\r\n\r\n", b" \n\t\n")
    # First byte odd: extra alias ("PATRONYME" = Nom); "C": "Nom" = Élève.
    seeds["alias-patronyme"] = joined(
        "INE;PATRONYME;Prénom;Classe\n1;DUPONT;Marie;2NDE 1\n2;DURAND;Léo;2NDE 2\n",
        "INE;PATRONYME;Prénom;Structure d'accueil;Date de début;Date de fin\n"
        "1;DUPONT;Marie;Mairie;17/06/2024;28/06/2024\n;DURAND;Léo;Garage;;\n")
    seeds["alias-nom-is-fullname"] = joined(
        "Classe;Nom\n2NDE 1;DUPONT Marie\n2NDE 1;LE GALL Anne Marie\n",
        "Classe;Nom;Du;Au;Entreprise\n2NDE 1;DUPONT Marie;17/06/2024;28/06/2024;Mairie\n"
        "2NDE 1;Le Gall Anne-Marie;17/06/2024;21/06/2024;Garage\n")
    seeds["pronote-fullname-columns"] = joined(
        "Élève;Classe;Né(e) le\nDA SILVA Anne Sophie;2nde 3;02/07/2008\n"
        "D'ALMEIDA Inès;2nde 4;1/2/2008\nlowercase only;2nde 4;\nSEUL;2nde 4;\n",
        "Élève;Classe;Lieu d'accueil;Début;Fin\nDa Silva Anne-Sophie;2nde3;A;17/06/2024;28/06/2024\n"
        "D’Almeida Ines;;B;17/06/2024;28/06/2024\n")
    seeds["many-columns-long-cells"] = joined(
        ROLL_HEAD.rstrip("\n") + ";X" * 60 + "\n" + DUPONT + ";" * 60 + "\n",
        STAGE_HEAD + place(DUPONT, host="H" * 1500, kind="é" * 300))
    return seeds


def date_seeds():
    texts = [
        "17/06/2024", "1/7/2024", "2024-06-17", "2024-06-17 08:30",
        "28/06/2024 00:00", "28/06/2024 00:00:00", "29/02/2024", "29/02/2023",
        "31/04/2024", "00/01/2024", "2024-13-01", "9999-12-31", "0001-01-01",
        "2024-06-17:2024-06-28", "2024-06-28:2024-06-17", "2024-01-01:2024-12-31",
        "2024-06-15:2024-06-16", "2024-06-17:2024-09-13", " 17/06/2024 ",
        "\t2024-06-17\t", "1/1/24", "", "   ", "abc", "17/06/2024 25:00",
        "17/06/2024 12:60", "17/06/2024 12:30:60", "17/06/2024 1:05",
        "2024-6-17", "17-06-2024", "2024-06-17:", ":2024-06-17",
        "9999-09-01", "2024-08-31", "2024-09-01", "123456789012345:2024-01-01",
        "0001-01-01:0001-03-31", "9999-12-01:9999-12-31", "29/02/2008",
        "17/06/2024\r", "17/06/2024 08:30 ",
    ]
    return {f"d{i:02d}": t.encode("utf-8") for i, t in enumerate(texts)}


def text_seeds():
    texts = [
        "Éloïse  DUPONT-MARTIN", "N° INE", "N'DIAYE", "D’Almeida Inès",
        "DA SILVA Anne Sophie", "DE LA FONTAINE Jean-Baptiste", "Dupont Marie",
        "DUPONT MARIE", "dupont marie", "LE GALL Anne Marie", "oui", "Non", "X",
        "o", "vrai", "FAUX", "1", "0", "yes", "true", "ok", "08/05/2024",
        "peut-être", "?", '="0793278827C"', '  =" x "  ', "=\"\"", "ＡＢＣ １２",
        "ﬁnance Straße", "İSTANBUL ıi", "ΣΊΣΥΦΟΣ σοφός", "e\u0301te\u0300",
        "😀 émoji", "عربي Ali", "Signature chef d'établissement",
        "Structure d'accueil", "Motif de dispense", "PATRONYME", "\v\f\t",
        "a\tb\r\nc", " \r\n",
    ]
    seeds = {f"t{i:02d}": t.encode("utf-8") for i, t in enumerate(texts)}
    # Two strings (surname, NUL, first name) and byte-level oddities.
    seeds["name-pair"] = "NGUYEN\0Thomas".encode("utf-8")
    seeds["name-pair-accents"] = "Lefèvre\0Chloé-Anne".encode("utf-8")
    seeds["invalid-bytes"] = b"\xff\xfeA\xc3"
    seeds["truncated-4byte"] = b"ok \xf0\x9f\x98"
    seeds["overlong"] = b"\xc0\xaf\xe0\x80\xaf"
    seeds["surrogate"] = b"\xed\xa0\x80 x"
    seeds["continuations"] = b"a\x80\x80\x80\x80"
    seeds["cp1252-bytes"] = "Léna Müller".encode("cp1252")
    return seeds


def write(harness, seeds):
    folder = os.path.join(CORPUS, harness)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.startswith("seed-"):
            os.remove(os.path.join(folder, name))
    for name, data in sorted(seeds.items()):
        if len(data) > MAX_SEED:
            sys.exit(f"{harness}/{name}: {len(data)} octets, plus que {MAX_SEED}")
        with open(os.path.join(folder, "seed-" + name), "wb") as f:
            f.write(data)
    print(f"{harness}: {len(seeds)} graines")


def main():
    write("input", input_seeds())
    write("date", date_seeds())
    write("text", text_seeds())


if __name__ == "__main__":
    main()
