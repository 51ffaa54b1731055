#!/usr/bin/python3
"""Writes the CSV exports of tests/exports/, byte for byte as SIECLE and
Pronote produce them (headers and quirks from public importers of these
exports: SACoche, Gepi, Pix and school scripts; names invented).

    /usr/bin/python3 tests/exports/make_exports.py

The same bytes every time. pronote-classe-201.csv is a teacher's list of class
201, with no class column. The lycée: classes 201 and 202 (seconde GT),
101 (première) and 2MRC1 (seconde professionnelle); the tracking sheet
suivi.csv names pupils of 201 and 202, one who left and one of 101.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, encoding, newline="\r\n", bom=b""):
    data = bom + text.replace("\n", newline).encode(encoding)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


OPTS = ";".join("OPT%d" % i for i in range(1, 13))
EMPTY_OPTS = ";" * 11

# Exploitation > Extractions > Liste des élèves par division: Windows-1252,
# ';', CRLF, DIV. and DIV. PREC. written ="201"; an empty DIV. is a pupil
# who has left. No INE in this extraction.
SIECLE_ROWS = [
    ("DUBOIS", "Léna", "14/03/2008", "2NDE G-T", '="201"', "EXTERN",
     '="3E2"', "N"),
    ("N'GUYEN", "Thomas", "02/11/2008", "2NDE G-T", '="201"', "DP DAN",
     '="3E1"', "N"),
    ("LEFÈVRE", "Œlia", "30/06/2008", "2NDE G-T", '="202"', "DP DAN",
     '="3E4"', "N"),
    ("MARTIN-COUTURE", "Noé", "21/09/2007", "2NDE G-T", '="202"', "EXTERN",
     '="202"', "O"),
    ("ROUSSEAU", "Inès", "08/01/2008", "2NDE G-T", "", "EXTERN", '="3E3"',
     "N"),
    ("GARNIER", "Hugo", "17/05/2007", "1ERE GENERALE", '="101"', "DP DAN",
     '="201"', "N"),
    ("PETIT", "Jade", "11/12/2008", "2NDPRO MET.RELATION CLIENT",
     '="2MRC1"', "EXTERN", '="3E1"', "N"),
]
lines = ["NOM;PRENOM;NE(E) LE;MEF;DIV.;REG.;%s;DIV. PREC.;Doublant" % OPTS]
for nom, prenom, ne, mef, div, reg, prec, doublant in SIECLE_ROWS:
    lines.append(";".join([nom, prenom, ne, mef, div, reg]) + ";" +
                 "ANGLAIS LV1;ESPAGNOL LV2" + EMPTY_OPTS[:-1] + ";" +
                 prec + ";" + doublant)
write("EXP_Liste_des_eleves_par_division.csv", "\n".join(lines) + "\n",
      "cp1252")

# The same extraction without MEF and with SEXE after PRENOM, LF ends.
lines = ["NOM;PRENOM;SEXE;NE(E) LE;DIV.;REG.;%s;DIV. PREC.;Doublant" % OPTS]
for nom, prenom, ne, mef, div, reg, prec, doublant in SIECLE_ROWS:
    lines.append(";".join([nom, prenom, "F", ne, div, reg]) + EMPTY_OPTS +
                 ";;" + prec + ";" + doublant)
write("EXP_Liste_des_eleves_sans_mef.csv", "\n".join(lines) + "\n", "cp1252",
      newline="\n")

# Pronote, Élèves list: "NOM Prénom" in one column, an empty 8th header,
# Sortie holding the date a pupil left; UTF-8 with a BOM.
lines = ["Élèves;Encouragement/Valorisation;Né(e) le;Sexe;Adresse E-mail;"
         "Entrée;Sortie;;Classe de rattachement;Options;Régime"]
PRONOTE = [
    ("DUBOIS Léna", "14/03/2008", "F", "", "", "201"),
    ("N'GUYEN Thomas", "02/11/2008", "G", "", "", "201"),
    ("LEFÈVRE Œlia", "30/06/2008", "F", "", "", "202"),
    ("MARTIN-COUTURE Noé", "21/09/2007", "G", "", "", "202"),
    ("ROUSSEAU Inès", "08/01/2008", "F", "", "15/03/2024", "202"),
    ("GARNIER Hugo", "17/05/2007", "G", "", "", "101"),
]
for eleve, ne, sexe, entree, sortie, classe in PRONOTE:
    lines.append(";".join([eleve, "", ne, sexe, "", entree or "04/09/2023",
                           sortie, "", classe, "ANGLAIS LV1", "Externe"]))
write("pronote-eleves.csv", "\n".join(lines) + "\n", "utf-8",
      bom=b"\xef\xbb\xbf")

# Pronote, a teacher's class list (Mes données > Mes listes): every value
# quoted, "NOM Prénom" under "Nom", a sub-header line under the header, an
# empty header cell, and no class column at all: the class comes with the
# file (--roll pronote-classe-201.csv:201). UTF-8 with a BOM, CRLF.
lines = ['"Nom";"Né(e) le";"Sexe";"E-mail";"Heures manquées";"";"Entrée";'
         '"Sortie"',
         '"";"";"";"";"Toutes";"Mes cours";"";""']
for eleve, ne, sexe, entree, sortie, classe in PRONOTE:
    if classe == "201":
        lines.append(";".join('"%s"' % v for v in [
            eleve, ne, sexe, "", "2h00", "0h00", entree or "04/09/2023",
            sortie]))
write("pronote-classe-201.csv", "\n".join(lines) + "\n", "utf-8",
      bom=b"\xef\xbb\xbf")

# Pronote, a list pasted from the screen: TAB-separated, UTF-16LE with a
# BOM (Notepad's "Unicode").
lines = ["Nom\tPrénom\tNé(e) le\tPrénom d'usage\tSexe\tClasse"]
for eleve, ne, sexe, entree, sortie, classe in PRONOTE:
    nom, prenom = eleve.rsplit(" ", 1)
    lines.append("\t".join([nom, prenom, ne, "", sexe, classe]))
write("pronote-colle.txt", "\n".join(lines) + "\n", "utf-16-le",
      bom=b"\xff\xfe")

# The tracking sheet the secretary keeps, exported as CSV by Excel
# (Windows-1252, ';', CRLF): every row names its pupil by name and class.
HEADER = ("Nom;Prénom;Classe;Structure d'accueil;Type de structure;"
          "Date de début;Date de fin;Signature chef d'établissement;"
          "Signature structure d'accueil;Signature élève;"
          "Signature représentant légal;Activités prévues;Compétences visées;"
          "Attestation assurance élève;Assurance structure")
FULL = "oui;oui;oui;oui;Accueil du public;Observer;oui;oui"
lines = [HEADER,
         "DUBOIS;Léna;201;Mairie de Fictiville;Collectivité territoriale;"
         "17/06/2024;28/06/2024;" + FULL,
         "N'GUYEN;Thomas;201;Garage Lenoir;Entreprise;17/06/2024;"
         "21/06/2024;" + FULL,
         "LEFÈVRE;Œlia;202;Médiathèque;Administration;17/06/2024;"
         "28/06/2024;oui;oui;oui;;Accueil;Observer;oui;oui",
         "ROUSSEAU;Inès;202;Boulangerie Pain d'or;Entreprise;17/06/2024;"
         "28/06/2024;" + FULL,
         "GARNIER;Hugo;101;Cabinet Arnaud;Entreprise;17/06/2024;"
         "28/06/2024;" + FULL]
write("suivi.csv", "\n".join(lines) + "\n", "cp1252")
