#!/usr/bin/python3
"""Writes the seeds of fuzz_xlsx.c into tests/fuzz/corpus/xlsx/:

    /usr/bin/python3 tests/fuzz/make-xlsx-corpus.py

- the .xlsx and .ods fixtures of tests/input/fixtures as they are
  (openpyxl's, LibreOffice's, and the broken ones);
- the same with every member stored rather than deflated, so that
  libFuzzer's mutations reach the XML itself (each then fails its CRC at
  the end of the member, but only once the XML before was parsed);
- small hand-made workbooks with the cases the fixtures lack: every cell
  type, shared strings with runs and phonetics, 1904 dates, repeated ODS
  cells and rows, a formula without value.
"""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "input", "fixtures")
OUT = os.path.join(HERE, "corpus", "xlsx")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def stored(data):
    """The zip data with every member stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            info.compress_type = zipfile.ZIP_STORED
            zout.writestr(info, data)
    return out.getvalue()


def build(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, text in members:
            z.writestr(name, text)
    return out.getvalue()


def xlsx(sheet_data, strings="", pr=""):
    return build([
        ("xl/workbook.xml",
         '<workbook xmlns="%s" xmlns:r="%s"><workbookPr %s/><sheets>'
         '<sheet name="Suivi" sheetId="1" r:id="rId1"/>'
         '<sheet name="Cach\u00e9e" sheetId="2" state="hidden" r:id="rId1"/>'
         '</sheets></workbook>' % (MAIN, REL, pr)),
        ("xl/_rels/workbook.xml.rels",
         '<Relationships><Relationship Id="rId1" Type="%s/worksheet" '
         'Target="worksheets/sheet1.xml"/></Relationships>' % REL),
        ("xl/styles.xml",
         '<styleSheet><numFmts><numFmt numFmtId="164" '
         'formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/>'
         '<xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>'),
        ("xl/sharedStrings.xml", '<sst xmlns="%s">%s</sst>' % (MAIN, strings)),
        ("xl/worksheets/sheet1.xml",
         '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>'
         % (MAIN, sheet_data)),
    ])


def ods(tables):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    return build([
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml",
         '<office:document-content %s><office:automatic-styles>'
         '<style:style style:name="ta2" style:family="table">'
         '<style:table-properties table:display="false"/></style:style>'
         '</office:automatic-styles><office:body><office:spreadsheet>%s'
         '</office:spreadsheet></office:body></office:document-content>'
         % (ns, tables)),
    ])


HANDMADE = {
    "types": xlsx(
        '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v>'
        '</c><c r="C1" t="str"><f>1</f><v>x_x000D_</v></c><c r="D1" t="d">'
        '<v>2024-06-17</v></c><c r="E1" t="inlineStr"><is><r><t>a</t></r>'
        '</is></c><c r="F1" s="2"><v>45460</v></c><c r="G1" s="1"><v>60</v>'
        '</c><c r="H1"><f>1+1</f></c><c><v>1E+20</v></c></row>'
        '<row><c t="s"><v>0</v></c><c r="XFD2" t="s"><v>1</v></c></row>',
        '<si><t>Nom</t></si><si><r><t>DU</t></r><r><t>PONT</t></r>'
        '<rPh><t>x</t></rPh></si>'),
    "date1904": xlsx('<row r="3"><c r="A3" s="1"><v>0</v></c></row>', "",
                     'date1904="1"'),
    "ods": ods(
        '<table:table table:name="Suivi"><table:table-row '
        'table:number-rows-repeated="2"><table:table-cell '
        'office:value-type="float" office:value="7" '
        'table:number-columns-repeated="3"/><table:table-cell '
        'table:number-columns-repeated="16381"/></table:table-row>'
        '<table:table-row><table:table-cell office:value-type="date" '
        'office:date-value="2024-06-17T10:00:00"/><table:table-cell '
        'office:value-type="boolean" office:boolean-value="true"/>'
        '<table:table-cell office:value-type="string"><text:p>a<text:s '
        'text:c="2"/>b</text:p><text:p>c</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=1"/></table:table-row>'
        '</table:table><table:table table:name="B" table:style-name="ta2"/>'),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in sorted(os.listdir(FIXTURES)):
        if not name.endswith((".xlsx", ".ods")):
            continue
        with open(os.path.join(FIXTURES, name), "rb") as f:
            data = f.read()
        seeds = {"seed-" + name: data}
        try:
            seeds["seed-stored-" + name] = stored(data)
        except zipfile.BadZipFile:
            pass  # truncated, or no zip at all: as it is only
        for seed, content in seeds.items():
            with open(os.path.join(OUT, seed), "wb") as f:
                f.write(content)
    for name, content in HANDMADE.items():
        with open(os.path.join(OUT, "seed-hand-" + name), "wb") as f:
            f.write(content)


if __name__ == "__main__":
    main()
