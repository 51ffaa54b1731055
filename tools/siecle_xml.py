"""Writes SIECLE's XML export « Élèves sans adresses » the way SIECLE does.

Shared by tools/make-siecle-sample.py (samples/) and
tests/input/siecle/make-fixtures.py (the reader's fixtures): one writer, so
that the sample and the fixtures have the same shape. Standard library only.

The shape follows public importers of this export (1024pix/pix
siecle-parser.js and its tests, SACoche's and Gepi's SCONET imports):
prolog in ISO-8859-15, root BEE_ELEVES VERSION="2.1", PARAMETRES (UAJ,
ANNEE_SCOLAIRE, DATE_EXPORT, HORODATAGE), DONNEES/ELEVES/ELEVE with the
attributes ELEVE_ID and ELENOET, then DONNEES/OPTIONS and
DONNEES/STRUCTURES/STRUCTURES_ELEVE, one STRUCTURE (CODE_STRUCTURE,
TYPE_STRUCTURE D or G) per division or group.
"""

import io
import zipfile

ENCODING = "iso-8859-15"
# When SIECLE wrote the archive; fixed, so that two runs write the same bytes.
ZIP_TIME = (2024, 5, 21, 8, 42, 12)
MEMBER = "ElevesSansAdresses.xml"


def escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


class Writer:
    """Lines of the document, indented with tabs."""

    def __init__(self):
        self.lines = []

    def open(self, depth, tag, attrs=()):
        at = "".join(f' {k}="{escape(v)}"' for k, v in attrs)
        self.lines.append("\t" * depth + f"<{tag}{at}>")

    def close(self, depth, tag):
        self.lines.append("\t" * depth + f"</{tag}>")

    def leaf(self, depth, tag, value):
        """An element holding text; None leaves it out, "" writes it empty,
        as SIECLE writes an empty NOM_USAGE."""
        if value is None:
            return
        self.lines.append("\t" * depth + f"<{tag}>{escape(value)}</{tag}>")

    def raw(self, line):
        self.lines.append(line)


def document(params, pupils, options=(), structures=(), newline="\r\n"):
    """Returns the export's bytes in ISO-8859-15.

    params: list of (tag, text) for PARAMETRES, in order.
    pupils: list of dicts: "ELEVE_ID", "ELENOET" (attributes), "fields" (a
            list of (tag, text) children, in order; text may be a list of
            (tag, text) for a nested element such as SCOLARITE_AN_DERNIER).
    options: list of (eleve_id, elenoet, [(num, modalite, matiere)]).
    structures: list of (eleve_id, [(code_structure, type_structure)]).
    """
    w = Writer()
    w.raw('<?xml version="1.0" encoding="ISO-8859-15"?>')
    w.open(0, "BEE_ELEVES", [("VERSION", "2.1")])
    w.open(1, "PARAMETRES")
    for tag, text in params:
        w.leaf(2, tag, text)
    w.close(1, "PARAMETRES")
    w.open(1, "DONNEES")
    w.open(2, "ELEVES")
    for p in pupils:
        w.open(3, "ELEVE", [("ELEVE_ID", p["ELEVE_ID"]),
                            ("ELENOET", p["ELENOET"])])
        for tag, text in p["fields"]:
            if isinstance(text, list):
                w.open(4, tag)
                for sub, subtext in text:
                    w.leaf(5, sub, subtext)
                w.close(4, tag)
            else:
                w.leaf(4, tag, text)
        w.close(3, "ELEVE")
    w.close(2, "ELEVES")
    w.open(2, "OPTIONS")
    for eleve_id, elenoet, opts in options:
        w.open(3, "OPTION", [("ELEVE_ID", eleve_id), ("ELENOET", elenoet)])
        for num, modalite, matiere in opts:
            w.open(4, "OPTIONS_ELEVE")
            w.leaf(5, "NUM_OPTION", num)
            w.leaf(5, "CODE_MODALITE_ELECT", modalite)
            w.leaf(5, "CODE_MATIERE", matiere)
            w.close(4, "OPTIONS_ELEVE")
        w.close(3, "OPTION")
    w.close(2, "OPTIONS")
    w.open(2, "STRUCTURES")
    for eleve_id, structs in structures:
        w.open(3, "STRUCTURES_ELEVE", [("ELEVE_ID", eleve_id)])
        for code, kind in structs:
            w.open(4, "STRUCTURE")
            w.leaf(5, "CODE_STRUCTURE", code)
            w.leaf(5, "TYPE_STRUCTURE", kind)
            w.close(4, "STRUCTURE")
        w.close(3, "STRUCTURES_ELEVE")
    w.close(2, "STRUCTURES")
    w.close(1, "DONNEES")
    w.close(0, "BEE_ELEVES")
    return (newline.join(w.lines) + newline).encode(ENCODING)


def line_of(data, needle):
    """1-based line of the first occurrence of needle (bytes) in data."""
    return data[:data.index(needle)].count(b"\n") + 1


def zipped(xml, member=MEMBER):
    """The archive SIECLE delivers (ExportXML_ElevesSansAdresses.zip):
    one deflated member."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo(member, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0x20  # MS-DOS "archive" bit, as Windows sets
        z.writestr(info, xml, compresslevel=6)
    return buf.getvalue()
