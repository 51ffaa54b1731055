"""Reads stagecheck's workbooks and writes their shape for bench/floor, so
that `floor lxw` writes through libxlsxwriter the same workbooks: the same
sheets, cells (texts, numbers, formulas, links, each with its format), row
and column settings, filters, conditional formats, page settings, print
titles and areas, charts and document properties. Only the work of
deciding what to write is left out.

Usage:
  python3 bench/shape.py WORKBOOK... > shape.txt
  python3 bench/shape.py --compare A_DIR B_DIR
      the zip parts of A_DIR/*.xlsx and of B_DIR's workbooks of the same
      names, their count and uncompressed bytes on each side, and each part
      whose size differs by more than 3 % (exit 1 if any).

Shape lines (fields separated by one space, the last field of a line may
hold spaces; texts escaped: \\\\ \\t \\n \\r):
  W name                          a workbook, written as OUTDIR/name
  Z 0|1                           written in libxlsxwriter's
                                  constant_memory mode (1: its strings
                                  inline, no xl/sharedStrings.xml) or not
  D title\\tsubject\\tauthor\\tmanager\\tcompany\\tcategory\\tkeywords\\tcomments
  X bold underline size fontcolor fill border halign valign wrap numfmt
                                  one format per styles.xml cellXfs entry
                                  after the first (colors hex, -1 none)
  Y bold fontcolor fill           the format of the conditional formats
  S name                          a worksheet
  C first last width hidden level collapsed xf
  P row col                       frozen panes
  A r1 c1 r2 c2                   autofilter
  L col value\\tvalue...           filter list on a column
  Q r1 c1 r2 c2 criteria value    conditional format (cellIs)
  G option                        gridlines (libxlsxwriter's lxw_gridlines)
  M left right top bottom header footer
  O landscape paper fitw fith scale
  H header  /  F footer
  B h|v n...                      page breaks
  T r1 r2  /  U c1 c2             repeated rows / columns
  E r1 c1 r2 c2                   print area
  R row height hidden xf          a row's options
  s row col xf text               a string
  n row col xf number             a number (dates included)
  f row col xf value\\tformula     a formula and its value
  b row col xf                    a blank with a format
  u row col xf url\\ttext          a link
  K type row col xoff yoff xscale yscale   a chart (type bar|bar_stacked|
                                  column|column_stacked|line|pie)
  Kt title / Kl legend(b t l r none)
  Kc name\\tnumfmt\\tmin\\tmax\\treverse    category axis (also Kv: values)
  Ks name\\tcategories\\tvalues\\tfill\\tpattern\\tline\\tlabels
"""
import html
import os
import re
import sys
import zipfile

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def unx(s):
    return html.unescape(s) if "&" in s else s


def attrs(tag):
    return {k: unx(v) for k, v in re.findall(r'([\w:]+)="([^"]*)"', tag)}


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


REF = re.compile(r"\$?([A-Z]+)\$?(\d+)")


def ref(cell):
    m = REF.match(cell)
    return int(m.group(2)) - 1, col_index(m.group(1))


def area(text):
    a, _, b = text.partition(":")
    r1, c1 = ref(a)
    r2, c2 = ref(b) if b else (r1, c1)
    return r1, c1, r2, c2


def rels(z, path):
    d, base = os.path.split(path)
    rp = f"{d}/_rels/{base}.rels"
    out = {}
    if rp in z.namelist():
        for tag in re.findall(r"<Relationship [^>]*>", z.read(rp).decode()):
            a = attrs(tag)
            out[a["Id"]] = a
    return out


def resolve(base_dir, target):
    parts = []
    for p in (base_dir + "/" + target).split("/"):
        if p == "..":
            parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


def styles(z, out):
    x = z.read("xl/styles.xml").decode()
    numfmts = {n: unx(c) for n, c in re.findall(
        r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', x)}
    builtin = {"9": "0%", "10": "0.00%", "14": "dd/mm/yyyy"}
    fonts = []
    for f in re.findall(r"<font>(.*?)</font>", re.search(
            r"<fonts[^>]*>(.*?)</fonts>", x).group(1)):
        sz = re.search(r'<sz val="([\d.]+)"', f)
        col = re.search(r'<color rgb="FF([0-9A-F]{6})"', f)
        fonts.append(("<b/>" in f, "<u/>" in f, sz.group(1) if sz else "11",
                      col.group(1) if col else "-1"))
    fills = []
    for f in re.findall(r"<fill>(.*?)</fill>", x):
        col = re.search(r'<fgColor rgb="FF([0-9A-F]{6})"', f)
        fills.append(col.group(1) if col and "solid" in f else "-1")
    borders = ["thin" in b for b in re.findall(r"<border>(.*?)</border>", x)]
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", x).group(1)
    for tag, body in re.findall(r"<xf ([^>]*?)(?:/>|>(.*?)</xf>)", xfs)[1:]:
        a = attrs(tag)
        al = attrs(re.search(r"<alignment[^>]*>", body).group(0)) \
            if "<alignment" in body else {}
        b, u, sz, fc = fonts[int(a["fontId"])]
        num = numfmts.get(a["numFmtId"], builtin.get(a["numFmtId"], ""))
        out.append(f"X {int(b)} {int(u)} {sz} {fc} {fills[int(a['fillId'])]}"
                   f" {int(borders[int(a['borderId'])])}"
                   f" {al.get('horizontal', '-')} {al.get('vertical', '-')}"
                   f" {int(al.get('wrapText') == '1')} {esc(num)}")
    dxf = re.search(r"<dxf>(.*?)</dxf>", x)
    if dxf:
        d = dxf.group(1)
        fc = re.search(r'<font>.*?rgb="FF([0-9A-F]{6})"', d)
        bg = re.search(r'<bgColor rgb="FF([0-9A-F]{6})"', d)
        out.append(f"Y {int('<b/>' in d)} {fc.group(1) if fc else '-1'}"
                   f" {bg.group(1) if bg else '-1'}")


def props(z, out):
    core = z.read("docProps/core.xml").decode()
    app = z.read("docProps/app.xml").decode()

    def get(xml, tag):
        m = re.search(rf"<{tag}>([^<]*)</{tag}>", xml)
        return esc(unx(m.group(1))) if m else ""
    out.append("D " + "\t".join([
        get(core, "dc:title"), get(core, "dc:subject"),
        get(core, "dc:creator"), get(app, "Manager"), get(app, "Company"),
        get(core, "cp:category"), get(core, "cp:keywords"),
        get(core, "dc:description")]))


def col_pixels(cols, c):
    for first, last, width, hidden in cols:
        if first <= c <= last:
            if hidden:
                return 0
            return int(width * 7 + 0.5) + 5 if width >= 1 else \
                int(width * 12 + 0.5)
    return 64


def text_of(xml):
    m = re.search(r"<a:t>([^<]*)</a:t>", xml)
    return unx(m.group(1)) if m else ""


def axis(xml, kind):
    m = re.search(rf"<c:{kind}>(.*?)</c:{kind}>", xml)
    if not m:
        return ""
    a = m.group(1)
    title = re.search(r"<c:title>(.*?)</c:title>", a)
    fmt = re.search(r'<c:numFmt formatCode="([^"]*)" sourceLinked="0"', a)
    mn = re.search(r'<c:min val="([^"]*)"', a)
    mx = re.search(r'<c:max val="([^"]*)"', a)
    return "\t".join([esc(text_of(title.group(1))) if title else "",
                      esc(unx(fmt.group(1))) if fmt else "",
                      mn.group(1) if mn else "", mx.group(1) if mx else "",
                      "1" if "maxMin" in a else "0"])


def chart(z, path, anchor, cols, heights, out):
    x = z.read(path).decode()
    plot = re.search(r"<c:plotArea>(.*)</c:plotArea>", x).group(1)
    kind = re.search(r"<c:(\w+)Chart>", plot).group(1)
    if kind == "bar":
        kind = "bar" if 'barDir val="bar"' in plot else "column"
        if 'grouping val="stacked"' in plot:
            kind += "_stacked"
    (fc, fco, fr, fro), (tc, tco, tr, tro) = anchor
    w = sum(col_pixels(cols, c) for c in range(fc, tc)) - fco + tco
    h = sum(heights.get(r, 20) for r in range(fr, tr)) - fro + tro
    out.append(f"K {kind} {fr} {fc} {fco} {fro} {w / 480!r} {h / 288!r}")
    head = x[:x.find("<c:plotArea>")]
    if "<c:title>" in head:
        out.append("Kt " + esc(text_of(head)))
    pos = re.search(r'<c:legendPos val="(\w+)"', x)
    out.append("Kl " + (pos.group(1) if pos else
                        "none" if "<c:legend>" not in x else "r"))
    for name in ("catAx", "valAx"):
        a = axis(plot, name)
        if a:
            out.append(("Kc " if name == "catAx" else "Kv ") + a)
    for s in re.findall(r"<c:ser>(.*?)</c:ser>", plot):
        name = re.search(r"<c:tx>(.*?)</c:tx>", s)
        nm = ""
        if name:
            v = re.search(r"<c:v>([^<]*)</c:v>", name.group(1))
            f = re.search(r"<c:f>([^<]*)</c:f>", name.group(1))
            nm = unx(v.group(1)) if v else "=" + unx(f.group(1)) if f else ""
        cat = re.search(r"<c:cat>.*?<c:f>([^<]*)</c:f>", s)
        val = re.search(r"<c:val>.*?<c:f>([^<]*)</c:f>", s)
        sp = re.search(r"<c:spPr>(.*?)</c:spPr>", s)
        sp = sp.group(1) if sp else ""
        fill = re.match(r'<a:solidFill><a:srgbClr val="(\w+)"', sp)
        patt = re.search(r'<a:pattFill prst="(\w+)"><a:fgClr><a:srgbClr '
                         r'val="(\w+)"/></a:fgClr><a:bgClr><a:srgbClr '
                         r'val="(\w+)"', sp)
        line = re.search(r'<a:ln w="(\d+)"><a:solidFill><a:srgbClr '
                         r'val="(\w+)"', sp)
        labels = ""
        if "<c:dLbls>" in s:
            lf = re.search(r'<c:dLbls><c:numFmt formatCode="([^"]*)"', s)
            labels = "1 " + esc(unx(lf.group(1))) if lf else "1"
        out.append("Ks " + "\t".join([
            esc(nm), esc("=" + unx(cat.group(1))) if cat else "",
            esc("=" + unx(val.group(1))) if val else "",
            fill.group(1) if fill else "",
            " ".join(patt.groups()) if patt else "",
            f"{line.group(2)} {int(line.group(1)) / 12700:g}" if line else "",
            labels]))


CELL = re.compile(r'<c r="([A-Z]+)(\d+)"((?: [a-z]+="[^"]*")*)(?:/>|>(.*?)</c>)', re.S)
ROW = re.compile(r"<row ([^>]*?)(/?)>")


def shared_strings(z):
    """The shared strings of a workbook written in libxlsxwriter's
    in-memory mode (stagecheck's choice past 256 sheets)."""
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    x = z.read("xl/sharedStrings.xml").decode()
    return [unx("".join(re.findall(r"<t[^>]*>([^<]*)</t>", si)))
            for si in re.findall(r"<si>(.*?)</si>", x, re.S)]


def sheet(z, path, name, names, strings, out):
    x = z.read(path).decode()
    rl = rels(z, path)
    out.append("S " + esc(name))
    cols = []
    for tag in re.findall(r"<col [^>]*/>", x):
        a = attrs(tag)
        w = float(a["width"])
        # libxlsxwriter writes the width plus the padding, 8.43 as 9.140625.
        w = 8.43 if "customWidth" not in a else round(w - 0.7109375, 4)
        cols.append((int(a["min"]) - 1, int(a["max"]) - 1, w,
                     a.get("hidden") == "1"))
        out.append(f"C {int(a['min']) - 1} {int(a['max']) - 1} {w:g}"
                   f" {a.get('hidden', '0')} {a.get('outlineLevel', '0')}"
                   f" {a.get('collapsed', '0')} {a.get('style', '0')}")
    pane = re.search(r"<pane [^>]*>", x)
    if pane and "frozen" in pane.group(0):
        a = attrs(pane.group(0))
        out.append(f"P {int(float(a.get('ySplit', 0)))}"
                   f" {int(float(a.get('xSplit', 0)))}")
    af = re.search(r'<autoFilter ref="([^"]*)"', x)
    if af:
        out.append("A %d %d %d %d" % area(af.group(1)))
        for col, body in re.findall(
                r'<filterColumn colId="(\d+)">(.*?)</filterColumn>', x):
            vals = [esc(unx(v)) for v in re.findall(r'<filter val="([^"]*)"',
                                                     body)]
            out.append(f"L {area(af.group(1))[1] + int(col)} " +
                       "\t".join(vals))
    for sq, body in re.findall(
            r'<conditionalFormatting sqref="([^"]*)">(.*?)'
            r'</conditionalFormatting>', x):
        a = attrs(re.search(r"<cfRule [^>]*>", body).group(0))
        v = re.search(r"<formula>([^<]*)</formula>", body).group(1)
        out.append("Q %d %d %d %d " % area(sq) +
                   f"{a.get('operator', 'greaterThan')} {v}")
    screen = 'showGridLines="0"' not in x
    printed = 'gridLines="1"' in x
    if not screen or printed:
        out.append(f"G {int(screen) | int(printed) << 1}")
    m = re.search(r"<pageMargins [^>]*>", x)
    if m:
        a = attrs(m.group(0))
        out.append("M " + " ".join(a[k] for k in (
            "left", "right", "top", "bottom", "header", "footer")))
    m = re.search(r"<pageSetup [^>]*>", x)
    fit = "fitToPage" in x
    if m:
        a = attrs(m.group(0))
        out.append(f"O {int(a.get('orientation') == 'landscape')}"
                   f" {a.get('paperSize', '0')}"
                   f" {a.get('fitToWidth', '1') if fit else '-1'}"
                   f" {a.get('fitToHeight', '1') if fit else '-1'}"
                   f" {a.get('scale', '100')}")
    for tag, key in (("oddHeader", "H"), ("oddFooter", "F")):
        m = re.search(rf"<{tag}>([^<]*)</{tag}>", x)
        if m:
            out.append(f"{key} " + esc(unx(m.group(1))))
    for tag, key in (("rowBreaks", "h"), ("colBreaks", "v")):
        m = re.search(rf"<{tag} [^>]*>(.*?)</{tag}>", x)
        if m:
            out.append(f"B {key} " + " ".join(
                re.findall(r'<brk id="(\d+)"', m.group(1))))
    for kind, text in names.get(name, []):
        for part in text.split(","):
            a = part.split("!")[-1].replace("$", "")
            if kind == "Print_Area":
                out.append("E %d %d %d %d" % area(a))
            elif a[0].isdigit():
                r1, _, r2 = a.partition(":")
                out.append(f"T {int(r1) - 1} {int(r2) - 1}")
            else:
                c1, _, c2 = a.partition(":")
                out.append(f"U {col_index(c1)} {col_index(c2)}")
    links = {}
    for tag in re.findall(r"<hyperlink [^>]*>", x):
        a = attrs(tag)
        if "r:id" in a:
            url = rl[a["r:id"]]["Target"]
            if not re.match(r"(https?|ftp)://|mailto:", url):
                url = "external:" + url
        else:
            url = "internal:" + a["location"]
        links[a["ref"]] = url
    heights = {}
    data = x[x.find("<sheetData"):x.find("</sheetData>")]
    for rm in ROW.finditer(data):
        a = attrs(rm.group(1))
        r = int(a["r"]) - 1
        if "customHeight" in a or "hidden" in a or "s" in a:
            ht = a.get("ht", "15")
            heights[r] = 0 if a.get("hidden") == "1" else \
                int(4.0 / 3.0 * float(ht))
            out.append(f"R {r} {ht} {a.get('hidden', '0')} {a.get('s', '0')}")
        if rm.group(2):
            continue
        end = data.find("</row>", rm.end())
        for cm in CELL.finditer(data, rm.end(), end):
            letters, _, at, body = cm.groups()
            c = col_index(letters)
            a = attrs(at) if at else {}
            xf = a.get("s", "0")
            lead = f"{r} {c} {xf}"
            body = body or ""
            cell_ref = letters + str(r + 1)
            if cell_ref in links:
                t = re.search(r"<t[^>]*>([^<]*)</t>", body)
                text = unx(t.group(1)) if t else ""
                if a.get("t") == "s":
                    text = strings[int(re.search(r"<v>([^<]*)</v>",
                                                 body).group(1))]
                out.append(f"u {lead} {esc(links[cell_ref])}\t" + esc(text))
            elif a.get("t") == "inlineStr":
                t = re.search(r"<t[^>]*>([^<]*)</t>", body)
                out.append(f"s {lead} " + esc(unx(t.group(1))))
            elif a.get("t") == "s":
                v = re.search(r"<v>([^<]*)</v>", body).group(1)
                out.append(f"s {lead} " + esc(strings[int(v)]))
            elif "<f>" in body:
                f = re.search(r"<f>([^<]*)</f>", body)
                v = re.search(r"<v>([^<]*)</v>", body)
                out.append(f"f {lead} {v.group(1) if v else '0'}\t" +
                           esc(unx(f.group(1))))
            elif "<v>" in body:
                out.append(f"n {lead} " +
                           re.search(r"<v>([^<]*)</v>", body).group(1))
            else:
                out.append(f"b {lead}")
    drawing = re.search(r'<drawing r:id="(\w+)"', x)
    if drawing:
        dpath = resolve(os.path.dirname(path), rl[drawing.group(1)]["Target"])
        dx = z.read(dpath).decode()
        drl = rels(z, dpath)
        for anchor in re.findall(r"<xdr:twoCellAnchor>(.*?)"
                                 r"</xdr:twoCellAnchor>", dx):
            ends = []
            for side in ("from", "to"):
                s = re.search(rf"<xdr:{side}>(.*?)</xdr:{side}>",
                              anchor).group(1)
                ends.append(tuple(int(v) // (9525 if i % 2 else 1)
                                  for i, v in enumerate(re.findall(
                                      r">(\d+)<", s))))
            rid = re.search(r'r:id="(\w+)"', anchor).group(1)
            chart(z, resolve(os.path.dirname(dpath), drl[rid]["Target"]),
                  ends, cols, heights, out)


def workbook(path, out):
    z = zipfile.ZipFile(path)
    out.append("W " + esc(os.path.basename(path)))
    # The mode stagecheck chose, as its strings tell.
    out.append("Z %d" % ("xl/sharedStrings.xml" not in z.namelist()))
    props(z, out)
    styles(z, out)
    wx = z.read("xl/workbook.xml").decode()
    wrl = rels(z, "xl/workbook.xml")
    sheets = [attrs(t) for t in re.findall(r"<sheet [^>]*>", wx)]
    strings = shared_strings(z)
    names = {}
    for tag, text in re.findall(r"<definedName ([^>]*)>([^<]*)</definedName>",
                                wx):
        a = attrs(tag)
        kind = a["name"].replace("_xlnm.", "")
        if kind in ("Print_Area", "Print_Titles") and "localSheetId" in a:
            sname = sheets[int(a["localSheetId"])]["name"]
            names.setdefault(sname, []).append((kind, unx(text)))
    for s in sheets:
        sheet(z, resolve("xl", wrl[s["r:id"]]["Target"]), s["name"], names,
              strings, out)


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: i.file_size for i in z.infolist()}


def compare(a_dir, b_dir):
    totals = {"a": [0, 0], "b": [0, 0]}
    off = 0
    books = 0
    for name in sorted(os.listdir(a_dir)):
        if not name.endswith(".xlsx"):
            continue
        books += 1
        a = parts(os.path.join(a_dir, name))
        bp = os.path.join(b_dir, name)
        b = parts(bp) if os.path.exists(bp) else {}
        for side, p in (("a", a), ("b", b)):
            totals[side][0] += len(p)
            totals[side][1] += sum(p.values())
        for part in sorted(set(a) | set(b)):
            sa, sb = a.get(part, 0), b.get(part, 0)
            if abs(sa - sb) > 0.03 * max(sa, sb):
                off += 1
                if off <= 20:
                    print(f"  {name} {part} : {sa} / {sb} octets")
    for side, d in (("a", a_dir), ("b", b_dir)):
        print(f"{d} : {books} classeurs, {totals[side][0]} parties, "
              f"{totals[side][1]} octets")
    print(f"{off} partie(s) d'une taille différente de plus de 3 %")
    return 1 if off else 0


def main(argv):
    if len(argv) == 3 and argv[0] == "--compare":
        return compare(argv[1], argv[2])
    out = sys.stdout
    for path in argv:
        lines = []
        workbook(path, lines)
        out.write("\n".join(lines))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
