#!/usr/bin/python3
"""The peer of stagecheck for make bench (issue 14, point 6): the pandas +
XlsxWriter script a data-savvy IT person would write instead of using
stagecheck. It reads the class rolls and the tracking sheets of the
placements, matches the rows to the pupils by INE or by name and class,
counts the working days of the period each pupil's placements cover, gives
each pupil a status, and writes one workbook per school: a Synthèse sheet
(statuses by class), one sheet per class with the status coloured, and the
"Accueil établissement" list of the pupils to host at school.

Usage:
  python3 bench/peer.py --by-school OUTDIR --as-of 2025-05-26
                        [--roll FILE]... [--placements FILE]...

The same options as stagecheck; prints "peer : N classeurs, M élèves" on
stdout, the status counts on stderr. Needs Debian's python3-pandas and
python3-xlsxwriter (make bench-deps installs them).

It is meant to be honest and competent, not tuned: vectorised pandas where
a competent person would use it (read_csv, map, groupby, unstack),
to_excel through pd.ExcelWriter and conditional formats for the colours.
The rules are the plain reading of the circular, roughly those of
stagecheck: "Sans lieu d'accueil" without a row, "Dispensé" with a
dispense and its justificatif, "À vérifier" for dates outside the period
or overlapping placements, "Accueil partiel" when fewer than the period's
working days are covered, "Dossier incomplet" for a missing signature,
insurance, activities or skills, else "Prêt".
"""
import argparse
import csv
import datetime as dt
import io
import os
import re
import sys
import unicodedata

try:
    import numpy as np
    import pandas as pd
except ImportError:
    # pyenv or a venv first in PATH: Debian's packages are in the system
    # interpreter.
    if (os.path.exists("/usr/bin/python3")
            and sys.executable != "/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("peer : pandas manquant "
             "(apt-get install python3-pandas python3-xlsxwriter)")

# Header synonyms met in SIECLE, Pronote and the schools' sheets, folded
# (lower case, no accents, no punctuation) -> the column name used here.
SYNONYMS = {
    "uai": ["UAI", "RNE", "Code UAI", "Code établissement"],
    "etab": ["Établissement", "Nom établissement"],
    "ine": ["INE", "N° INE", "No INE", "Numéro INE"],
    "nom": ["Nom", "Nom de famille", "Nom d'usage", "Nom élève"],
    "prenom": ["Prénom", "Prénom 1", "Premier prénom", "Prénom élève"],
    "nom_prenom": ["Élève", "Élèves", "Nom et prénom", "Nom Prénom"],
    "classe": ["Classe", "Division"],
    "naissance": ["Date de naissance", "Né(e) le", "Né le", "Date naiss.",
                  "Date naissance"],
    "structure": ["Structure d'accueil", "Organisme d'accueil",
                  "Lieu d'accueil", "Entreprise", "Raison sociale"],
    "type": ["Type de structure", "Type d'organisme"],
    "commune": ["Commune", "Ville"],
    "pays": ["Pays"],
    "debut": ["Date de début", "Début", "Du"],
    "fin": ["Date de fin", "Fin", "Au"],
    "sig_chef": ["Signature chef d'établissement"],
    "sig_structure": ["Signature structure d'accueil",
                      "Signature organisme d'accueil"],
    "sig_eleve": ["Signature élève"],
    "sig_parent": ["Signature représentant légal",
                   "Signature responsable légal", "Signature parents"],
    "activites": ["Activités prévues"],
    "competences": ["Compétences visées"],
    "ass_eleve": ["Attestation assurance élève", "Assurance élève",
                  "Attestation responsabilité civile"],
    "ass_structure": ["Assurance structure",
                      "Responsabilité civile structure"],
    "dispense": ["Dispense", "Motif de dispense"],
    "justificatif": ["Justificatif", "Justificatif dispense"],
}

STATUSES = ["À vérifier", "Dispensé", "Sans lieu d'accueil",
            "Accueil partiel", "Dossier incomplet", "Prêt"]
COLOURS = {  # background, font
    "À vérifier": ("#D9D9D9", "#000000"),
    "Dispensé": ("#DDEBF7", "#1F4E78"),
    "Sans lieu d'accueil": ("#F8CBAD", "#9C0006"),
    "Accueil partiel": ("#FCE4D6", "#833C0C"),
    "Dossier incomplet": ("#FFEB9C", "#9C5700"),
    "Prêt": ("#C6EFCE", "#006100"),
}
WEEKDAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
YES = {"oui", "o", "x", "1", "yes", "ok", "signé", "signée", "fait"}
DATE_RE = r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"


def fold(text):
    """Folds a header cell: lower case, no accents, letters and digits."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())


HEADER_MAP = {fold(s): col for col, spellings in SYNONYMS.items()
              for s in spellings}


def decode(raw):
    """Bytes -> text: the BOM says UTF-16 or UTF-8, else UTF-8 or cp1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_table(path):
    """Reads one export as a DataFrame of strings with our column names.
    Title lines above the header (SIECLE's) are skipped: the header is the
    first of the first lines to have two known column names."""
    with open(path, "rb") as f:
        text = decode(f.read())
    lines = text[:8192].splitlines()[:10]
    skip = 0
    for i, line in enumerate(lines):
        cells = re.split(r"[;\t,]", line)
        if sum(fold(c.strip('"')) in HEADER_MAP for c in cells) >= 2:
            skip = i
            break
    header = lines[skip] if lines else ""
    sep = max([";", "\t", ","], key=header.count)
    df = pd.read_csv(io.StringIO(text), sep=sep, skiprows=skip, dtype=str,
                     keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    df = df.rename(columns=lambda c: HEADER_MAP.get(fold(c), c))
    df = df.loc[:, ~df.columns.duplicated()]
    if "uai" not in df.columns:  # the file's name, as 0010175K-eleves.csv
        m = re.match(r"(\d{7}[A-Z])", os.path.basename(path))
        df["uai"] = m.group(1) if m else "etablissement"
    return df


def stack(paths, columns, flags=()):
    """Reads the exports and stacks them: the columns a file lacks are
    empty; for each name in flags, a column "has_<name>" says whether the
    file had it. The cells are stripped once, on the whole."""
    frames = []
    for path in paths:
        df = read_table(path)
        df = df.reindex(columns=columns, fill_value="").assign(
            **{"has_" + f: f in df.columns for f in flags})
        frames.append(df)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}
                            ).assign(**{"has_" + f: False for f in flags})
    out = pd.concat(frames, ignore_index=True)
    out[columns] = out[columns].fillna("").apply(lambda c: c.str.strip())
    return out


def ine_key(s):
    # ="0612345678AB" as Excel users export codes; lower case typed.
    return s.str.replace(r'^="?|"$', "", regex=True).str.strip().str.upper()


def name_key(s):
    s = (s.str.normalize("NFKD").str.encode("ascii", "ignore")
         .str.decode("ascii").str.upper())
    return s.str.replace(r"[^A-Z0-9]", "", regex=True)


def parse_dates(s):
    """dd/mm/yyyy (with or without a time) or yyyy-mm-dd; NaT otherwise."""
    s = s.str.strip().str[:10]
    iso = s.str.match(r"^\d{4}-\d{2}-\d{2}$")
    out = pd.to_datetime(s.where(~iso), format="%d/%m/%Y", errors="coerce")
    out[iso] = pd.to_datetime(s[iso], format="%Y-%m-%d", errors="coerce")
    return out


def is_yes(s):
    low = s.str.strip().str.lower()
    return low.isin(YES) | low.str.match(DATE_RE)


def default_period(as_of):
    """The two Monday-to-Friday weeks ending on the last Friday of June of
    the school year holding as_of."""
    year = as_of.year + (1 if as_of.month >= 9 else 0)
    friday = dt.date(year, 6, 30)
    while friday.weekday() != 4:
        friday -= dt.timedelta(days=1)
    return friday - dt.timedelta(days=11), friday


def read_rolls(paths):
    rolls = stack(paths, ["uai", "etab", "ine", "nom", "prenom",
                          "nom_prenom", "classe", "naissance"])
    # Pronote: "NOM Prénom" in one column, the surname in capitals
    one = (rolls.nom == "") & (rolls.nom_prenom != "")
    parts = rolls.nom_prenom[one].str.extract(
        r"^([^a-zà-ÿœ]+?)\s+(\S*[a-zà-ÿœ].*)$")
    rolls.loc[one, "nom"] = parts[0].fillna(rolls.nom_prenom[one])
    rolls.loc[one, "prenom"] = parts[1].fillna("")
    rolls["ine"] = ine_key(rolls.ine)
    rolls["naissance"] = parse_dates(rolls.naissance)
    rolls = rolls[(rolls.nom != "") | (rolls.ine != "")]
    # the same pupil in two exports: keep the first
    rolls = rolls.drop_duplicates(subset=["uai", "ine", "nom", "prenom"])
    rolls = rolls.reset_index(drop=True)
    rolls["pid"] = rolls.index
    rolls["cle_nom"] = (rolls.uai + "|" + name_key(rolls.nom) + "|" +
                        name_key(rolls.prenom) + "|" + name_key(rolls.classe))
    return rolls


def read_placements(paths):
    p = stack(paths, ["uai", "etab", "ine", "nom", "prenom", "classe",
                      "structure", "type", "commune", "pays", "debut", "fin",
                      "sig_chef", "sig_structure", "sig_eleve", "sig_parent",
                      "activites", "competences", "ass_eleve",
                      "ass_structure", "dispense", "justificatif"],
              flags=["ass_structure"])
    # pre-filled rows (a name, no place, no dispense): nothing to check
    p = p[(p.structure != "") | (p.dispense != "")].reset_index(drop=True)
    p["ine"] = ine_key(p.ine)
    p["cle_nom"] = (p.uai + "|" + name_key(p.nom) + "|" +
                    name_key(p.prenom) + "|" + name_key(p.classe))
    p["debut_d"] = parse_dates(p.debut)
    p["fin_d"] = parse_dates(p.fin)
    return p


def match(rolls, p):
    """The pupil of each row: by INE, else by name and class in the
    school."""
    by_ine = (rolls[rolls.ine != ""].drop_duplicates("ine")
              .set_index("ine").pid)
    # a name shared by two pupils of a class matches neither
    by_name = (rolls.drop_duplicates("cle_nom", keep=False)
               .set_index("cle_nom").pid)
    pid = p.ine.map(by_ine)
    pid = pid.fillna(p.cle_nom.map(by_name))
    p["pid"] = pid
    return p[pid.notna()].astype({"pid": int}), p[pid.isna()]


def statuses(rolls, p, start, end):
    """Adds to rolls the covered days, the per-day cover, the places and
    the status of each pupil."""
    days = pd.bdate_range(start, end)
    n_days = len(days)
    disp = p[p.dispense != ""]
    places = p[p.dispense == ""].copy()

    # cover: one column per working day of the period, rows in place
    cover = pd.DataFrame(
        {d: (places.debut_d <= d) & (places.fin_d >= d) for d in days},
        index=places.index)
    per_day = cover.groupby(places.pid).sum()
    covered = (per_day > 0).sum(axis=1)
    overlap = (per_day > 1).any(axis=1)
    places["hors"] = (places.debut_d.isna() | places.fin_d.isna() |
                      (places.debut_d < pd.Timestamp(start)) |
                      (places.fin_d > pd.Timestamp(end)) |
                      (places.fin_d < places.debut_d))

    # the convention: four signatures (the parent's for minors only),
    # the pupil's insurance, the host's when the sheet has the column,
    # activities and skills written
    birth = places.pid.map(rolls.naissance)
    adult = birth.notna() & (birth + pd.DateOffset(years=18)
                             <= pd.Timestamp(start))
    places["complet"] = (
        is_yes(places.sig_chef) & is_yes(places.sig_structure) &
        is_yes(places.sig_eleve) & (is_yes(places.sig_parent) | adult) &
        is_yes(places.ass_eleve) &
        (is_yes(places.ass_structure) | ~places.has_ass_structure) &
        (places.activites != "") & (places.competences != ""))
    places["lieu"] = places.structure + " (" + places.commune.where(
        places.pays.isin(["", "France"]),
        places.commune + ", " + places.pays) + ")"
    agg = places.groupby("pid").agg(
        hors=("hors", "any"), complet=("complet", "all"),
        lieux=("lieu", " ; ".join), du=("debut_d", "min"),
        au=("fin_d", "max"))
    d = disp.assign(just=is_yes(disp.justificatif)).groupby("pid").agg(
        dispense=("dispense", "first"), just=("just", "any"))

    r = rolls.join(agg, on="pid").join(d, on="pid")
    r["jours"] = r.pid.map(covered).fillna(0).astype(int)
    r["chevauche"] = r.pid.map(overlap).fillna(False).astype(bool)
    has_place = r.lieux.notna()
    has_disp = r.dispense.notna()
    r["statut"] = np.select(
        [has_disp & r.just.fillna(False).astype(bool),
         has_disp,
         ~has_place,
         r.hors.fillna(False).astype(bool) | r.chevauche,
         r.jours < n_days,
         ~r.complet.fillna(False).astype(bool)],
        ["Dispensé", "Dossier incomplet", "Sans lieu d'accueil",
         "À vérifier", "Accueil partiel", "Dossier incomplet"],
        default="Prêt")
    r["a_accueillir"] = np.where(has_disp & ~has_place, 0, n_days - r.jours)
    # X on the days no placement covers, for the hosting list
    free = ~(per_day.reindex(r.pid).fillna(0).to_numpy() > 0)
    for i, day in enumerate(days):
        r[day] = np.where(free[:, i], "X", "")
    return r, days


def sheet_name(name, taken):
    name = re.sub(r"[\[\]:*?/\\]", "-", name).strip("'")[:31] or "Classe"
    base, n = name, 2
    while name.lower() in taken:
        suffix = " (%d)" % n
        name = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(name.lower())
    return name


def colour_status(ws, formats, first_row, last_row, column):
    """A fill per status: one conditional format per status value."""
    for status, fmt in formats.items():
        ws.conditional_format(first_row, column, last_row, column, {
            "type": "cell", "criteria": "==", "value": '"%s"' % status,
            "format": fmt})


def write_school(path, uai, school, r, days, start, end, as_of, unmatched):
    n_days = len(days)
    with pd.ExcelWriter(path, engine="xlsxwriter",
                        datetime_format="dd/mm/yyyy",
                        date_format="dd/mm/yyyy") as writer:
        book = writer.book
        title = book.add_format({"bold": True, "font_size": 14})
        formats = {status: book.add_format({"bg_color": bg,
                                            "font_color": fg})
                   for status, (bg, fg) in COLOURS.items()}

        # Synthèse: statuses by class, in the roll's order, and totals
        tab = (r.groupby(["classe", "statut"], sort=False).size()
               .unstack(fill_value=0)
               .reindex(index=list(dict.fromkeys(r.classe)),
                        columns=STATUSES, fill_value=0))
        tab.loc["Total"] = tab.sum()
        tab["Total"] = tab.sum(axis=1)
        tab.index.name = "Classe"
        tab.columns.name = None
        tab.to_excel(writer, sheet_name="Synthèse", startrow=5)
        ws = writer.sheets["Synthèse"]
        ws.write(0, 0, "Stage de seconde — %s %s" % (uai, school), title)
        ws.write(1, 0, "Période du %s au %s (%d jours ouvrés) ; référence %s"
                 % (start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y"),
                    n_days, as_of.strftime("%d/%m/%Y")))
        ready = (r.statut.isin(["Prêt", "Dispensé"])).sum()
        ws.write(2, 0, "Prêts ou dispensés : %d sur %d ; à accueillir dans "
                 "l'établissement : %d ; lignes non rattachées : %d"
                 % (ready, len(r), (r.a_accueillir > 0).sum(), unmatched))
        for j, status in enumerate(STATUSES):
            bg, fg = COLOURS[status]
            ws.write(5, j + 1, status, book.add_format(
                {"bold": True, "bg_color": bg, "font_color": fg,
                 "border": 1, "text_wrap": True}))
        ws.set_column(0, 0, 14)
        ws.set_column(1, len(STATUSES) + 1, 13)

        # one sheet per class
        taken = {"synthèse", "accueil établissement"}
        cols = {"nom": "Nom", "prenom": "Prénom", "statut": "Statut",
                "jours": "Jours couverts",
                "a_accueillir": "Jours à accueillir",
                "lieux": "Lieux d'accueil", "du": "Du", "au": "Au",
                "dispense": "Dispense", "ine": "INE"}
        for classe, c in r.groupby("classe", sort=False):
            name = sheet_name(classe, taken)
            out = c[list(cols)].rename(columns=cols)
            out.to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            ws.freeze_panes(1, 2)
            ws.autofilter(0, 0, len(out), len(cols) - 1)
            ws.set_column(0, 1, 18)
            ws.set_column(2, 2, 20)
            ws.set_column(3, 4, 10)
            ws.set_column(5, 5, 50)
            ws.set_column(6, 7, 11)
            ws.set_column(8, 9, 16)
            colour_status(ws, formats, 1, len(out), 2)

        # the pupils to host at school, with an X on each day to host
        hosted = r[r.a_accueillir > 0]
        out = hosted[["classe", "nom", "prenom", "statut", "a_accueillir"]
                     + list(days)]
        out.columns = (["Classe", "Nom", "Prénom", "Statut", "Jours"] +
                       [WEEKDAYS[d.weekday()] + d.strftime(" %d/%m")
                        for d in days])
        out = out.assign(**{"Émargement": ""})
        out.to_excel(writer, sheet_name="Accueil établissement", index=False)
        ws = writer.sheets["Accueil établissement"]
        ws.freeze_panes(1, 3)
        ws.set_column(0, 2, 16)
        ws.set_column(3, 3, 20)
        ws.set_column(5, 4 + n_days, 9)
        ws.set_column(5 + n_days, 5 + n_days, 20)
        colour_status(ws, formats, 1, len(out), 3)


def main(argv=None):
    ap = argparse.ArgumentParser(description="pair pandas de stagecheck")
    ap.add_argument("--by-school", metavar="DOSSIER", required=True)
    ap.add_argument("--as-of", required=True, type=dt.date.fromisoformat)
    ap.add_argument("--roll", action="append", default=[])
    ap.add_argument("--placements", action="append", default=[])
    ap.add_argument("-q", action="store_true", help="ignoré")
    args = ap.parse_args(argv)

    if not args.roll:
        ap.error("au moins une liste d'élèves (--roll) est attendue")
    start, end = default_period(args.as_of)
    rolls = read_rolls(args.roll)
    p = read_placements(args.placements)
    p, unmatched = match(rolls, p)
    r, days = statuses(rolls, p, start, end)

    os.makedirs(args.by_school, exist_ok=True)
    unmatched_by_uai = unmatched.groupby("uai").size()
    # the school's name, from whichever file has the column
    names = pd.concat([rolls[["uai", "etab"]], p[["uai", "etab"]]])
    names = (names[names.etab != ""].drop_duplicates("uai")
             .set_index("uai").etab)
    books = 0
    for uai, school in r.groupby("uai", sort=True):
        name = names.get(uai, "")
        path = os.path.join(args.by_school,
                            re.sub(r"[^\w-]", "_", uai) + ".xlsx")
        write_school(path, uai, name, school, days, start, end, args.as_of,
                     int(unmatched_by_uai.get(uai, 0)))
        books += 1

    counts = r.statut.value_counts()
    print("peer : " + ", ".join("%s %d" % (s, counts.get(s, 0))
                                for s in STATUSES)
          + ", lignes non rattachées %d" % len(unmatched), file=sys.stderr)
    print("peer : %d classeurs, %d élèves" % (books, len(r)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
