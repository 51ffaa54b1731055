#!/usr/bin/env python3
"""Generates the sample inputs of stagecheck (a fictitious lycée).

Run from the repository root:  python3 tools/make-samples.py

Writes into samples/:
  eleves-siecle.csv        SIECLE roll: Windows-1252, ';', CRLF, 2 preamble lines
  eleves-pronote.csv       Pronote roll: UTF-16LE with BOM, TAB, CRLF
  stages.csv               placements sheet: UTF-8 with BOM, ';', LF
  attendu-statuts.csv      expected status of every selected pupil (UTF-8)
  attendu-anomalies.csv    expected rows of the Anomalies sheet (UTF-8)
  README.md                what each scenario pupil exercises (French)

Standard library only, fixed seed: two runs write the same bytes.
Every name is invented. The rules the scenarios are built against are those
of README.md (national period 17/06/2024-28/06/2024, `make demo` runs with
--as-of 2024-05-27 --classes '2*').
"""

import csv
import io
import os
import random
import sys
import unicodedata
from datetime import date, timedelta

SEED = 20240617
rng = random.Random(SEED)

PERIOD_START = date(2024, 6, 17)
PERIOD_END = date(2024, 6, 28)
WEEK1 = (date(2024, 6, 17), date(2024, 6, 21))
WEEK2 = (date(2024, 6, 24), date(2024, 6, 28))

SIECLE_CLASSES = ["2NDE 1", "2NDE 2", "1G1"]
PRONOTE_CLASSES = ["2nde 3", "2nde 4"]
CLASS_ORDER = ["2NDE 1", "2NDE 2", "2nde 3", "2nde 4", "1G1"]
CLASS_SIZE = {"2NDE 1": 30, "2NDE 2": 31, "2nde 3": 30, "2nde 4": 29,
              "1G1": 28}
SELECTED = ["2NDE 1", "2NDE 2", "2nde 3", "2nde 4"]

PRET = "Prêt"
DISP = "Dispensé"
SANS = "Sans lieu d'accueil"
PART = "Accueil partiel"
INCO = "Dossier incomplet"
VERI = "À vérifier"
STATUS_ORDER = [VERI, DISP, SANS, PART, INCO, PRET]

STAGES_HEADER = [
    "INE", "Nom", "Prénom", "Classe", "Date de naissance",
    "Structure d'accueil", "Type de structure", "SIRET", "Commune", "Pays",
    "Date de début", "Date de fin", "Signature chef d'établissement",
    "Signature structure d'accueil", "Signature élève",
    "Signature représentant légal", "Activités prévues",
    "Compétences visées", "Attestation assurance élève",
    "Assurance structure", "Dispense", "Justificatif",
]

# --------------------------------------------------------------------------
# Name pools (invented combinations of common names).

SURNAMES = """BERNARD THOMAS RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL
LEFEBVRE ROUX DAVID BERTRAND FOURNIER DUPONT FONTAINE MULLER ANDRÉ
GARCIA PERRIN MORIN HENRY MATHIEU MASSON DUVAL DUMONT LEMAIRE MEUNIER
BLANCHARD GIRAUD RIVIÈRE GAILLARD BARBIER MARTINEZ GÉRARD ROY LEROUX
FABRE LEMOINE OLIVIER PIERRE BENOÎT REY LECLERC PAYET ROLLAND LECLERCQ
GUILLAUME LECOMTE LOPEZ DUPUY GUILLOT HUBERT CARPENTIER SANCHEZ DUPUIS
MOULIN DESCHAMPS HUET VASSEUR PEREZ BOUCHER FLEURY ROYER KLEIN JACQUET
ADAM POIRIER MARTY AUBRY GUYOT CARRÉ CHARPENTIER MÉNARD MAILLARD BERTIN
BAILLY HERVÉ SCHNEIDER FERNANDEZ COLLET LÉGER BOUVIER JULIEN PRÉVOST
MILLET PERROT DANIEL COUSTEAU BRETON BESSON LANGLOIS RÉMY PELLETIER
LÉVÊQUE PERRIER LEBRUN MARCHAL WEBER MALLET HAMON BOULANGER JACOB MONNIER
MICHAUD RODRIGUEZ GUICHARD GILLET ÉTIENNE GRONDIN POULAIN TESSIER
CHAUVIN BOUCHET LEMAÎTRE MARÉCHAL HUMBERT REYNAUD ANTOINE HOARAU PERRET
BARTHÉLEMY CORDIER PICHON LEJEUNE GILBERT LAMY DELAUNAY PASQUIER CARLIER
LAPORTE BENSAÏD OUALI TRAN PHAM KOWALSKI FERREIRA YILMAZ KONATÉ CAMARA
DIOP BOUZID LE ROUX LE GOFF LE BRETON DE SOUSA""".split("\n")
SURNAMES = [s for line in SURNAMES for s in line.split()]
# multi-word surnames written above as two tokens: rebuild them
_fixed = []
_skip = False
for _i, _s in enumerate(SURNAMES):
    if _skip:
        _skip = False
        continue
    if _s in ("LE", "DE") and _i + 1 < len(SURNAMES):
        _fixed.append(_s + " " + SURNAMES[_i + 1])
        _skip = True
    else:
        _fixed.append(_s)
SURNAMES = _fixed

GIRLS = """Emma Léa Chloé Manon Camille Jade Louise Zoé Lina Sarah Clara
Juliette Anaïs Lola Romane Mathilde Eva Ambre Lou Léna Nina Alice
Margaux Océane Pauline Justine Agathe Héloïse Salomé Noémie Elsa Capucine
Apolline Clémence Lilou Adèle Maëlle Alicia Lisa Mila Rose Anna Inaya
Maïwenn Solène Faustine Aya Lyna Ninon""".split()
BOYS = """Hugo Nathan Théo Louis Tom Maxime Baptiste Raphaël Gabriel Arthur
Noah Jules Paul Alexandre Quentin Axel Valentin Romain Bastien Yanis
Rayan Adam Ilyes Mathéo Evan Killian Timéo Noé Sacha Léo Esteban Loïc
Corentin Maël Aurélien Enzo Mathis Clément Antoine Lucas Thomas Elias
Ethan Nolan Marius Gaspard Ayoub Younès Malo Titouan""".split()

OPTIONS = ["SES", "SL", "LCA latin", "Section européenne anglais",
           "Arts plastiques", "Management et gestion", "EPS", "", "", ""]
REGIMES = ["EXTERNE", "DEMI-PENSIONNAIRE", "DEMI-PENSIONNAIRE", "INTERNE"]

# --------------------------------------------------------------------------
# Hosts: (name, type, commune, pays, with SIRET)

HOSTS = [
    ("Boulangerie Au Bon Pain", "SARL", "Saint-Exemple", "", True),
    ("Mairie de Saint-Exemple", "Mairie de Saint-Exemple", "Saint-Exemple", "", True),
    ("Centre hospitalier de Saint-Exemple", "Établissement public", "Saint-Exemple", "", True),
    ("Pharmacie du Marché", "S.E.L.A.R.L.", "Villeneuve-sur-Exemple", "", True),
    ("Garage des Quatre Routes", "EURL", "Montfictif", "", True),
    ("Cabinet vétérinaire des Tilleuls", "ENTREPRISE", "Montfictif", "", True),
    ("Médiathèque intercommunale du Val d'Exemple", "Collectivité territoriale", "Villeneuve-sur-Exemple", "", True),
    ("Entraide saint-exemplaise", "Asso loi 1901", "Saint-Exemple", "", True),
    ("Sous-préfecture de Saint-Exemple", "Sous-préfecture", "Saint-Exemple", "", True),
    ("Tribunal judiciaire de Montfictif", "administration", "Montfictif", "", True),
    ("Université de Montfictif - laboratoire de biologie végétale", "Université", "Montfictif", "", True),
    ("Conseil départemental de l'Exemple", "Conseil départemental", "Montfictif", "", True),
    ("Cabinet d'architectes Lumière & Volume", "Entreprise", "Saint-Exemple", "", True),
    ("Imprimerie Moderne", "S.A.S.", "Bourg-Fictif", "", True),
    ("Hôtel-restaurant Le Relais du Pont", "Entreprise individuelle", "Bourg-Fictif", "", True),
    ("Office de tourisme de Saint-Exemple", "Établissement public", "Saint-Exemple", "", True),
    ("Librairie La Page Blanche", "Entreprise", "Villeneuve-sur-Exemple", "", True),
    ("Studio Pixel Nord (jeux vidéo)", "Start-up", "Montfictif", "", True),
    ("Musée des Beaux-Arts de Montfictif", "Collectivité territoriale", "Montfictif", "", True),
    ("Agence immobilière du Port", "entreprise", "Saint-Exemple", "", True),
    ("Théâtre du Quai", "Association", "Saint-Exemple", "", True),
    ("Radio Fréquence Exemple", "Radio associative", "Bourg-Fictif", "", True),
    ("Caisse d'allocations familiales de l'Exemple", "Administration", "Montfictif", "", True),
    ("Clinique dentaire des Acacias", "SELARL", "Villeneuve-sur-Exemple", "", True),
    ("Ferme des Trois Chênes (GAEC)", "GAEC", "Bourg-Fictif", "", True),
    ("Laboratoire d'analyses BioExemple", "SA", "Saint-Exemple", "", True),
    ("Syndicat des eaux du Val d'Exemple", "Etablissement Public", "Villeneuve-sur-Exemple", "", True),
    ("France Services de Bourg-Fictif", "Administration", "Bourg-Fictif", "", False),
]

ACTIVITIES = [
    "Observation de l'accueil du public et de la prise de rendez-vous",
    "Découverte des métiers du service, participation aux réunions d'équipe",
    "Observation de la fabrication et de la vente",
    "Suivi d'un projet avec l'équipe technique",
    "Découverte des services administratifs et du traitement du courrier",
    "Observation des soins et de l'organisation d'un service",
    "Participation à la préparation d'une exposition",
    "Découverte de la gestion des stocks et de la relation client",
    "Observation d'audiences et entretien avec des professionnels",
    "Observation du travail en laboratoire (préparation d'échantillons)",
]
SKILLS = [
    "Savoir se présenter, respecter les consignes",
    "Communiquer avec le public, travailler en équipe",
    "Observer et rendre compte de son observation",
    "Ponctualité, autonomie, sens de l'initiative",
    "Découvrir un environnement professionnel et préciser son projet d'orientation",
    "Respecter les règles de sécurité et de confidentialité",
]

# --------------------------------------------------------------------------
# Helpers


def fold(s):
    """Name key as the tool compares names: no case, accents, punctuation."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    out = []
    for c in s.lower():
        out.append(c if c.isalnum() else " ")
    return " ".join("".join(out).split())


def strip_accents(s):
    s = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize(
        "NFC", "".join(c for c in s if not unicodedata.combining(c)))


def fr(d):
    return "" if d is None else d.strftime("%d/%m/%Y")


def fr_short(d):
    return f"{d.day}/{d.month}/{d.year}"


def iso(d):
    return d.isoformat()


def rand_date(lo, hi):
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def signed_date():
    return fr(rand_date(date(2024, 4, 29), date(2024, 5, 24)))


YES_FORMS = ["oui", "oui", "Oui", "OUI", "x", "X", "O", "1", "date", "date"]


def yes():
    v = rng.choice(YES_FORMS)
    return signed_date() if v == "date" else v


class Pupil:
    def __init__(self, surname, first, cls, birth, sex, scenario=None,
                 status=PRET, what=""):
        self.surname = surname
        self.first = first
        self.cls = cls
        self.birth = birth            # date or None
        self.sex = sex
        self.scenario = scenario      # short id, None for the ordinary pupils
        self.status = status          # expected status (selected classes)
        self.what = what              # French: what the pupil exercises
        self.ine = None
        self.ine_wrapped = False
        self.roll = "siecle" if cls in SIECLE_CLASSES else "pronote"
        self.roll_line = 0
        self.entries = []

    @property
    def display(self):
        return f"{self.surname} {self.first}"

    def is_minor(self):
        if self.birth is None:
            return True
        b = self.birth
        eighteen = date(b.year + 18, b.month, b.day) if not (
            b.month == 2 and b.day == 29) else date(b.year + 18, 3, 1)
        return PERIOD_START < eighteen


class Entry:
    seq = 0

    def __init__(self, pupil, **cells):
        Entry.seq += 1
        self.seq = Entry.seq
        self.pupil = pupil
        self.cells = {h: "" for h in STAGES_HEADER}
        self.cells.update(cells)
        self.late = False
        self.line = 0
        self.anomaly = None           # expected anomaly message (French)
        self.note = False
        self.warning = False          # an « Attention »: no status change


pupils = []
entries = []
used_keys = set()
used_ine = set()


def reserve(surname, first):
    key = fold(surname + " " + first)
    used_keys.add(key)
    return key


def add_pupil(surname, first, cls, birth, sex, scenario=None, status=PRET,
              what="", allow_homonym=False):
    key = fold(surname + " " + first)
    if key in used_keys and not allow_homonym:
        raise SystemExit(f"name used twice: {surname} {first}")
    used_keys.add(key)
    p = Pupil(surname, first, cls, birth, sex, scenario, status, what)
    pupils.append(p)
    return p


def make_ine():
    while True:
        if rng.random() < 0.75:
            ine = "07" + "".join(rng.choice("0123456789") for _ in range(8)) \
                + rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        else:
            ine = "07" + "".join(rng.choice("0123456789") for _ in range(7)) \
                + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
                          for _ in range(2))
        if ine not in used_ine:
            used_ine.add(ine)
            return ine


def host_cells(host=None):
    h = host or rng.choice(HOSTS)
    name, typ, city, country, has_siret = h
    siret = ""
    if has_siret:
        siret = SIRETS.setdefault(name, "".join(
            rng.choice("0123456789") for _ in range(14)))
    return {"Structure d'accueil": name, "Type de structure": typ,
            "SIRET": siret, "Commune": city, "Pays": country}


SIRETS = {}


def date_cell(d, style=None):
    if style is None:
        r = rng.random()
        style = "fr" if r < 0.82 else ("iso" if r < 0.91 else "time")
    if style == "fr":
        return fr(d)
    if style == "iso":
        return iso(d)
    if style == "time":
        return fr(d) + " 00:00"
    if style == "short":
        return fr_short(d)
    raise ValueError(style)


def who_cells(p, names=None, cls_variant=True, birth=None):
    """The cells naming the pupil, as the secretary would type them."""
    c = {}
    if p.roll == "siecle":
        c["INE"] = p.ine
        if names is None:
            names = rng.random() < 0.3
        if names:
            c["Nom"] = p.surname
            c["Prénom"] = p.first
            c["Classe"] = p.cls
    else:
        sur = p.surname
        fir = p.first
        r = rng.random()
        if r < 0.35:
            sur = sur.title() if "'" not in sur else sur
        elif r < 0.45:
            sur = strip_accents(sur)
        if rng.random() < 0.15:
            fir = strip_accents(fir)
        c["Nom"] = sur
        c["Prénom"] = fir
        if cls_variant:
            n = p.cls[-1]
            c["Classe"] = rng.choice(
                [p.cls, p.cls, "2NDE " + n, "2nde" + n, "2NDE" + n])
        else:
            c["Classe"] = p.cls
        if birth is None:
            birth = rng.random() < 0.25
        if birth and p.birth:
            c["Date de naissance"] = fr(p.birth)
    return c


def placement(p, start=PERIOD_START, end=PERIOD_END, host=None, who=None,
              **over):
    """A complete placement row for pupil p, then the overrides."""
    cells = {}
    cells.update(who if who is not None else who_cells(p))
    cells.update(host_cells(host))
    cells["Date de début"] = start if isinstance(start, str) else date_cell(start)
    cells["Date de fin"] = end if isinstance(end, str) else date_cell(end)
    cells["Signature chef d'établissement"] = yes()
    cells["Signature structure d'accueil"] = yes()
    cells["Signature élève"] = yes()
    if p is None or p.is_minor() or rng.random() < 0.5:
        cells["Signature représentant légal"] = yes()
    cells["Activités prévues"] = rng.choice(ACTIVITIES)
    cells["Compétences visées"] = rng.choice(SKILLS)
    cells["Attestation assurance élève"] = yes()
    cells["Assurance structure"] = yes()
    cells.update(over)
    e = Entry(p, **cells)
    entries.append(e)
    if p is not None:
        p.entries.append(e)
    return e


def dispense(p, reason, start, end, proof, who=None):
    cells = {}
    cells.update(who if who is not None else who_cells(p))
    cells["Dispense"] = reason
    cells["Date de début"] = start if isinstance(start, str) else fr(start)
    cells["Date de fin"] = end if isinstance(end, str) else fr(end)
    cells["Justificatif"] = proof
    e = Entry(p, **cells)
    entries.append(e)
    p.entries.append(e)
    return e


def b(d, m, y):
    return date(y, m, d)


# --------------------------------------------------------------------------
# Scenario pupils. `what` is the French text of samples/README.md.

S = []  # scenario pupils in README order


def scen(surname, first, cls, birth, sex, sid, status, what, **kw):
    p = add_pupil(surname, first, cls, birth, sex, sid, status, what, **kw)
    S.append(p)
    return p


# names that must not be a pupil (rows matching nobody)
reserve("ROUSSEL", "Kylian")

# --- 2NDE 1 (SIECLE) -------------------------------------------------------
eloise = scen("DUPONT-MARTIN", "Éloïse", "2NDE 1", b(4, 5, 2008), "F", "R01", PRET,
              "Rapprochement par INE alors que la ligne écrit le nom autrement (« Dupont Martin », « Eloise »).")
ndiaye = scen("N'DIAYE", "Aminata", "2NDE 1", b(22, 1, 2008), "F", "R02", PRET,
              "INE écrit =\"…\" dans la liste SIECLE et dans le suivi ; apostrophe dans le nom.")
robert = scen("ROBERT", "Hugo", "2NDE 1", b(9, 9, 2008), "M", "R03", PRET,
              "Élève exporté deux fois par SIECLE (même INE) : anomalie sur la 2e ligne de la liste ; son stage est rattaché une seule fois.")
leroy = scen("LEROY", "Baptiste", "2NDE 1", b(30, 6, 2008), "M", "R04", PRET,
             "Stage fractionné : une semaine à la boulangerie, une semaine en mairie.")
faure = scen("FAURE", "Théo", "2NDE 1", b(12, 3, 2005), "M", "R05", PRET,
             "Majeur (né en 2005) : la signature du représentant légal n'est pas exigée (vide).")
benali = scen("BENALI", "Sofiane", "2NDE 1", b(23, 11, 2005), "M", "R06", PRET,
              "Majeur dont le représentant légal a quand même signé ; type de structure « Tiers-lieu », qui n'est dans aucune des cinq catégories : avertissement (« Attention »), le statut n'en dépend pas.")
lemaire = scen("LEMAIRE", "Noé", "2NDE 1", b(14, 8, 2008), "M", "R07", PRET,
               "Type de structure vide : accepté.")
garnier = scen("GARNIER", "Jade", "2NDE 1", b(2, 2, 2008), "F", "V01", VERI,
               "Date de début 10/06/2024, hors de la période nationale.")
morel = scen("MOREL", "Enzo", "2NDE 1", b(19, 10, 2008), "M", "V02", VERI,
             "Date de fin manquante.")
blanc = scen("BLANC", "Maxime", "2NDE 1", b(7, 7, 2008), "M", "V03", VERI,
             "Deux lieux d'accueil qui se chevauchent (17-25/06 et 24-28/06).")
lambert = scen("LAMBERT", "Zoé", "2NDE 1", b(28, 4, 2008), "F", "V04", VERI,
               "Dispense « mobilité Erasmus+ » du 17 au 26/06 : 8 jours ouvrés, moins de deux semaines (dix jours ouvrés).")
chevalier = scen("CHEVALIER", "Inès", "2NDE 1", b(11, 12, 2008), "F", "D01", DISP,
                 "Dispense SNU, séjour de cohésion du 17 au 28/06, convocation fournie (« oui »).")
guerin = scen("GUÉRIN", "Mathis", "2NDE 1", b(16, 3, 2008), "M", "I01", INCO,
              "Convention sans la signature du chef d'établissement.")
fournier = scen("FOURNIER", "Clara", "2NDE 1", b(25, 8, 2008), "F", "I02", INCO,
                "Activités prévues non renseignées.")
bonnet = scen("BONNET", "Lucie", "2NDE 1", b(3, 6, 2008), "F", "I03", INCO,
              "Dispense SNU en juin sans convocation (Justificatif vide) : dispense en attente.")
mercier = scen("MERCIER", "Yanis", "2NDE 1", b(21, 2, 2008), "M", "I04", INCO,
               "Mineur : signature du représentant légal « non ».")
rousseau = scen("ROUSSEAU", "Tom", "2NDE 1", b(13, 1, 2008), "M", "P01", PART,
                "Une seule semaine (17-21/06) : 5 jours à accueillir au lycée.")
vincent = scen("VINCENT", "Océane", "2NDE 1", b(5, 11, 2008), "F", "P02", PART,
               "Seconde semaine seulement (24-28/06) et compétences visées vides : l'accueil partiel l'emporte sur le dossier incomplet.")
henry = scen("HENRY", "Louna", "2NDE 1", b(17, 5, 2008), "F", "N01", SANS,
             "Aucune ligne dans le suivi.")
masson = scen("MASSON", "Adam", "2NDE 1", b(8, 12, 2008), "M", "N02", SANS,
              "Aucune ligne dans le suivi.")

# --- 2NDE 2 (SIECLE) -------------------------------------------------------
legall = scen("LE GALL", "Anne Marie", "2NDE 2", b(10, 4, 2008), "F", "R08", PRET,
              "Nom et prénom en deux mots ; ligne du suivi avec l'INE seul.")
delafontaine = scen("DE LA FONTAINE", "Jean-Baptiste", "2NDE 2", b(1, 9, 2008), "M", "R09", PRET,
                    "Nom à particule ; ligne avec INE, nom et classe.")
martin_s = scen("MARTIN", "Lucas", "2NDE 2", b(15, 1, 2008), "M", "R10", PRET,
                "Homonyme de MARTIN Lucas (2nde 4) ; sa propre ligne porte son INE, donc rattachée.")
schmitt = scen("SCHMITT", "Paul", "2NDE 2", b(27, 3, 2008), "M", "R11", PRET,
               "Stage à l'étranger (Pays « Allemagne », Commune « Berlin », sans SIRET, type « GmbH » : une entreprise).")
brunet = scen("BRUNET", "Camille", "2NDE 2", b(17, 6, 2006), "F", "I17", INCO,
              "Née le 17/06/2006 : 18 ans le premier jour de la période, mais la convention est signée avant, quand elle est encore mineure ; la signature du représentant légal manque.")
bourgeois = scen("BOURGEOIS", "Lou", "2NDE 2", b(6, 2, 2008), "F", "R13", PRET,
                 "Dates écrites 2024-06-17 / 28/06/2024 00:00 ; cases oui/non en « O », « 1 », « X » et dates.")
roche = scen("ROCHE", "Manon", "2NDE 2", b(18, 6, 2006), "F", "I05", INCO,
             "Née le 18/06/2006 : encore mineure le 17/06/2024, la signature du représentant légal manque.")
picard = scen("PICARD", "Noah", "2NDE 2", b(12, 5, 2008), "M", "V05", VERI,
              "Date de début (28/06) après la date de fin (17/06).")
renard = scen("RENARD", "Louise", "2NDE 2", b(29, 7, 2008), "F", "V06", VERI,
              "Date de début illisible (31/02/2024).")
colin = scen("COLIN", "Sacha", "2NDE 2", b(4, 10, 2008), "M", "V07", VERI,
             "Type de structure « Particulier » : pas une structure autorisée.")
lacroix = scen("LACROIX", "Nina", "2NDE 2", b(20, 2, 2008), "F", "V08", VERI,
               "Dispense « contrat d'études » pour une mobilité entièrement en mai (06-31/05).")
aubert = scen("AUBERT", "Gabriel", "2NDE 2", b(9, 4, 2008), "M", "D02", DISP,
              "Dispense SNU, mission d'intérêt général en juillet (01-19/07), convocation datée.")
dumas = scen("DUMAS", "Margaux", "2NDE 2", b(3, 3, 2008), "F", "D03", DISP,
             "Dispense mobilité « contrat d'études » au Québec du 27/05 au 12/07, contrat fourni (« 1 »).")
fabre = scen("FABRE", "Arthur", "2NDE 2", b(31, 8, 2008), "M", "I06", INCO,
             "Signature de la structure d'accueil « non ».")
lemoine = scen("LEMOINE", "Juliette", "2NDE 2", b(24, 12, 2008), "F", "I07", INCO,
               "Compétences visées non renseignées.")
caron = scen("CARON", "Rayan", "2NDE 2", b(11, 1, 2008), "M", "I08", INCO,
             "Plusieurs manques : chef d'établissement, représentant légal (« non »), attestation d'assurance de l'élève.")
vidal = scen("VIDAL", "Clément", "2NDE 2", b(19, 6, 2008), "M", "P03", PART,
             "Stage du 17 au 26/06 : 27 et 28/06 à accueillir au lycée.")
renaud = scen("RENAUD", "Esteban", "2NDE 2", b(2, 12, 2008), "M", "N03", SANS,
              "Dispense demandée pour un « Job d'été » : refusée (motif dans À faire), aucun stage.")
philippe = scen("PHILIPPE", "Salomé", "2NDE 2", b(14, 9, 2008), "F", "N04", SANS,
                "Aucune ligne dans le suivi.")
olivier = scen("OLIVIER", "Axel", "2NDE 2", b(26, 4, 2008), "M", "N05", SANS,
               "Aucune ligne dans le suivi.")

# --- 2nde 3 (Pronote) ------------------------------------------------------
nguyen3 = scen("NGUYEN", "Thomas", "2nde 3", b(8, 1, 2008), "M", "R14", PRET,
               "Homonyme de NGUYEN Thomas (2nde 4), départagé par la classe (« 2NDE 3 »).")
petit3 = scen("PETIT", "Emma", "2nde 3", b(14, 2, 2008), "F", "R15", PRET,
              "Homonyme de PETIT Emma (2nde 4) ; ligne sans classe, départagée par la date de naissance (14/02/2008).")
lefevre = scen("LEFÈVRE", "Chloé", "2nde 3", b(21, 5, 2008), "F", "R16", PRET,
               "Ligne sans accents (« LEFEVRE », « Chloe ») et classe « 2nde3 ».")
dasilva = scen("DA SILVA", "Anne Sophie", "2nde 3", b(2, 7, 2008), "F", "R17", PRET,
               "Pronote « DA SILVA Anne Sophie » ; ligne « Da Silva » / « Anne-Sophie » (tiret au lieu d'espace).")
haddad = scen("HADDAD", "Yasmine", "2nde 3", b(3, 2, 2006), "F", "R18", PRET,
              "Majeure (née le 3/2/2006 dans Pronote) sans signature du représentant légal.")
baron = scen("BARON", "Léna", "2nde 3", b(10, 10, 2008), "F", "R19", PRET,
             "Cellules entre guillemets : nom de structure avec guillemets doublés, activités sur deux lignes avec « ; ».")
leblanc = scen("LEBLANC", "Quentin", "2nde 3", b(23, 3, 2008), "M", "V09", VERI,
               "Structure d'accueil non renseignée.")
barbier = scen("BARBIER", "Romane", "2nde 3", b(5, 5, 2008), "F", "V10", VERI,
               "Signature du représentant légal « peut-être » : illisible.")
gaillard = scen("GAILLARD", "Killian", "2nde 3", b(18, 8, 2008), "M", "R24", PRET,
                "Type de structure « Club de foot » : un club est une association, accepté (feuille de classe : « Club de foot → association »).")
joly = scen("JOLY", "Agathe", "2nde 3", b(30, 1, 2008), "F", "D04", DISP,
            "Dispense SNU, séjour de cohésion du 1/7 au 12/07/2024, convocation fournie (« X »).")
meunier = scen("MEUNIER", "Bastien", "2nde 3", b(9, 12, 2008), "M", "I09", INCO,
               "Signature de l'élève manquante.")
traore = scen("TRAORÉ", "Awa", "2nde 3", None, "F", "I10", INCO,
              "Date de naissance vide dans Pronote : réputée mineure, la signature du représentant légal manque.")
brun = scen("BRUN", "Adèle", "2nde 3", b(12, 11, 2008), "F", "I11", INCO,
            "Assurance de la structure non renseignée.")
dufour = scen("DUFOUR", "Evan", "2nde 3", b(7, 4, 2008), "M", "I12", INCO,
              "Attestation d'assurance de l'élève « non ».")
meyer = scen("MEYER", "Lilou", "2nde 3", b(1, 3, 2008), "F", "P04", PART,
             "Seconde semaine seulement (24-28/06).")
noel = scen("NOËL", "Élise", "2nde 3", b(25, 12, 2008), "F", "N06", SANS,
            "Dispense demandée pour un « Séjour linguistique » : refusée, aucun stage.")
denis = scen("DENIS", "Mathéo", "2nde 3", b(11, 6, 2008), "M", "N07", SANS,
             "Aucune ligne dans le suivi.")
marchand = scen("MARCHAND", "Alicia", "2nde 3", b(22, 9, 2008), "F", "N08", SANS,
                "Aucune ligne dans le suivi.")

# --- 2nde 4 (Pronote) ------------------------------------------------------
nguyen4 = scen("NGUYEN", "Thomas", "2nde 4", b(27, 11, 2008), "M", "R20", PRET,
               "Homonyme de NGUYEN Thomas (2nde 3), départagé par la classe (« 2nde4 »).",
               allow_homonym=True)
petit4 = scen("PETIT", "Emma", "2nde 4", b(30, 9, 2008), "F", "R21", PRET,
              "Homonyme de PETIT Emma (2nde 3) ; ligne sans classe, départagée par la date de naissance (30/09/2008).",
              allow_homonym=True)
lebris = scen("LE BRIS", "Jean-Marc", "2nde 4", b(16, 1, 2008), "M", "R22", PRET,
              "Stage fractionné écrit seconde semaine d'abord ; ligne « Le Bris » / « Jean Marc ».")
dalmeida = scen("D'ALMEIDA", "Inès", "2nde 4", b(4, 8, 2008), "F", "R23", PRET,
                "Ligne « D’Almeida » (apostrophe typographique) / « Ines ».")
martin_p = scen("MARTIN", "Lucas", "2nde 4", b(6, 6, 2008), "M", "N09", SANS,
                "Homonyme de MARTIN Lucas (2NDE 2) : la ligne « Martin Lucas » sans classe ni INE ni date est ambiguë (anomalie), il reste sans lieu.",
                allow_homonym=True)
gauthier = scen("GAUTHIER", "Alexandre", "2nde 4", b(13, 10, 2008), "M", "V12", VERI,
                "Date de début manquante.")
perrin = scen("PERRIN", "Maëlys", "2nde 4", b(20, 3, 2008), "F", "V13", VERI,
              "Trois lieux d'accueil (17-19/06, 20-21/06, 24-28/06) : la 3e ligne est de trop.")
robin = scen("ROBIN", "Jules", "2nde 4", b(8, 5, 2008), "M", "V14", VERI,
             "Dispense SNU pour un séjour en août (05-16/08) : hors juin/juillet.")
clement = scen("CLÉMENT", "Apolline", "2nde 4", b(15, 7, 2008), "F", "D05", DISP,
               "Dispense mobilité Erasmus+ du 03/06 au 28/06, contrat d'études fourni.")
morin = scen("MORIN", "Antoine", "2nde 4", b(28, 2, 2008), "M", "I13", INCO,
             "Mineur : signature du représentant légal vide.")
nicolas = scen("NICOLAS", "Lina", "2nde 4", b(19, 1, 2008), "F", "I14", INCO,
               "Attestation d'assurance de l'élève « non » et assurance de la structure vide.")
mathieu = scen("MATHIEU", "Elsa", "2nde 4", b(2, 4, 2008), "F", "I15", INCO,
               "Dispense Erasmus+ (10-28/06) avec Justificatif « non » : dispense en attente.")
gautier = scen("GAUTIER", "Valentin", "2nde 4", b(10, 8, 2008), "M", "I16", INCO,
               "Dispense SNU sans dates ni convocation : dispense en attente.")
arnaud = scen("ARNAUD", "Corentin", "2nde 4", b(29, 10, 2008), "M", "P05", PART,
              "Dispense « Stage BAFA » refusée (motif dans À faire) et une semaine de stage (17-21/06).")
lucas = scen("LUCAS", "Maëlle", "2nde 4", b(3, 11, 2008), "F", "N10", SANS,
             "Aucune ligne dans le suivi.")
berger = scen("BERGER", "Timéo", "2nde 4", b(24, 5, 2008), "M", "N11", SANS,
              "Aucune ligne dans le suivi.")

# --- 1G1 (SIECLE, left out by --classes '2*') ------------------------------
girard = scen("GIRARD", "Maxime", "1G1", b(14, 3, 2007), "M", "G01", None,
              "Élève de première avec une ligne (par INE) : information « classe non retenue ».")
cousin = scen("COUSIN", "Clémence", "1G1", b(9, 7, 2007), "F", "G02", None,
              "Élève de première avec une ligne (par nom et classe « 1G1 ») : information.")

# --------------------------------------------------------------------------
# Ordinary pupils: fill each class to its size.


def fill():
    for cls in CLASS_ORDER:
        have = sum(1 for p in pupils if p.cls == cls)
        while have < CLASS_SIZE[cls]:
            sex = rng.choice("FM")
            first = rng.choice(GIRLS if sex == "F" else BOYS)
            sur = rng.choice(SURNAMES)
            if fold(sur + " " + first) in used_keys:
                continue
            if cls == "1G1":
                birth = rand_date(date(2006, 9, 1), date(2007, 12, 31))
            elif rng.random() < 0.12:
                birth = rand_date(date(2007, 1, 1), date(2007, 12, 31))
            else:
                birth = rand_date(date(2008, 1, 1), date(2008, 12, 31))
            add_pupil(sur, first, cls, birth, sex)
            have += 1


fill()

for p in pupils:
    if p.roll == "siecle":
        p.ine = make_ine()
        p.ine_wrapped = rng.random() < 0.3
ndiaye.ine_wrapped = True

# --------------------------------------------------------------------------
# Placement rows of the scenario pupils.

H = {h[0]: h for h in HOSTS}
BAKERY = H["Boulangerie Au Bon Pain"]
MAIRIE = H["Mairie de Saint-Exemple"]
HOSP = H["Centre hospitalier de Saint-Exemple"]
GARAGE = H["Garage des Quatre Routes"]
LIB = H["Librairie La Page Blanche"]
THEATRE = H["Théâtre du Quai"]

placement(eloise, who={"INE": eloise.ine, "Nom": "Dupont Martin",
                       "Prénom": "Eloise", "Classe": "2NDE 1"})
e = placement(ndiaye, who={"INE": '="' + ndiaye.ine + '"'})
placement(robert, who={"INE": robert.ine})
placement(leroy, *WEEK1, host=BAKERY)
placement(leroy, *WEEK2, host=MAIRIE)
placement(faure, **{"Signature représentant légal": ""})
e = placement(benali, **{"Signature représentant légal": "oui",
                         "Type de structure": "Tiers-lieu"})
e.anomaly = "Type de structure « Tiers-lieu » non reconnu"
e.warning = True
placement(lemaire, **{"Type de structure": ""})
e = placement(garnier, "10/06/2024", "21/06/2024")
e.anomaly = "Date de début 10/06/2024 hors de la période (17/06/2024-28/06/2024)"
e = placement(morel, "17/06/2024", "")
e.anomaly = "Date de fin manquante"
placement(blanc, "17/06/2024", "25/06/2024", host=GARAGE)
e = placement(blanc, "24/06/2024", "28/06/2024", host=LIB)
e.anomaly = "Chevauche le lieu d'accueil de la ligne précédente (24-25/06)"
e = dispense(lambert, "Mobilité Erasmus+ courte (Italie)", "17/06/2024",
             "26/06/2024", "oui")
e.anomaly = "Mobilité de 8 jours ouvrés : durée minimale de deux semaines"
dispense(chevalier, "SNU – séjour de cohésion à Montfictif", "17/06/2024",
         "28/06/2024", "oui")
placement(guerin, **{"Signature chef d'établissement": ""})
placement(fournier, **{"Activités prévues": ""})
dispense(bonnet, "SNU (séjour de cohésion)", "17/06/2024", "28/06/2024", "")
placement(mercier, **{"Signature représentant légal": "non"})
placement(rousseau, *WEEK1)
placement(vincent, *WEEK2, **{"Compétences visées": ""})

placement(legall, who={"INE": legall.ine})
placement(delafontaine, who={"INE": delafontaine.ine, "Nom": "DE LA FONTAINE",
                             "Prénom": "Jean-Baptiste", "Classe": "2NDE 2"})
placement(martin_s, who={"INE": martin_s.ine})
placement(schmitt, host=("Stadtbibliothek Pankow", "GmbH", "Berlin",
                         "Allemagne", False))
placement(brunet, **{"Signature représentant légal": ""})
placement(bourgeois, "2024-06-17", "28/06/2024 00:00", **{
    "Signature chef d'établissement": "O",
    "Signature structure d'accueil": "1",
    "Signature élève": "X",
    "Signature représentant légal": "13/05/2024",
    "Attestation assurance élève": "x",
    "Assurance structure": "Oui"})
placement(roche, **{"Signature représentant légal": ""})
e = placement(picard, "28/06/2024", "17/06/2024")
e.anomaly = "Date de début après la date de fin"
e = placement(renard, "31/02/2024", "28/06/2024")
e.anomaly = "Date de début illisible : « 31/02/2024 »"
e = placement(colin, host=("Mme Colin (voisine, fleuriste à domicile)",
                           "Particulier", "Saint-Exemple", "", False))
e.anomaly = "Type de structure « Particulier » non autorisé"
e = dispense(lacroix, "Contrat d'études : mobilité à Valence (Espagne)",
             "06/05/2024", "31/05/2024", "oui")
e.anomaly = "Mobilité hors de la période de juin"
dispense(aubert, "Mission d'intérêt général (84 h) au centre de secours",
         "01/07/2024", "19/07/2024", "06/05/2024")
dispense(dumas, "Contrat d'études — mobilité individuelle au Québec",
         "27/05/2024", "12/07/2024", "1")
placement(fabre, **{"Signature structure d'accueil": "non"})
placement(lemoine, **{"Compétences visées": ""})
placement(caron, **{"Signature chef d'établissement": "",
                    "Signature représentant légal": "non",
                    "Attestation assurance élève": ""})
placement(vidal, "17/06/2024", "26/06/2024")
dispense(renaud, "Job d'été (camping des Pins)", "01/07/2024", "31/08/2024",
         "oui")

placement(nguyen3, who={"Nom": "Nguyen", "Prénom": "Thomas",
                        "Classe": "2NDE 3"})
placement(petit3, who={"Nom": "PETIT", "Prénom": "Emma",
                       "Date de naissance": "14/02/2008"})
placement(lefevre, who={"Nom": "LEFEVRE", "Prénom": "Chloe",
                        "Classe": "2nde3"})
placement(dasilva, who={"Nom": "Da Silva", "Prénom": "Anne-Sophie",
                        "Classe": "2NDE 3"})
placement(haddad, **{"Signature représentant légal": ""})
placement(baron, host=("Association \"Les Petits Débrouillards de l'Exemple\"",
                       "Association", "Saint-Exemple", "", True),
          **{"Activités prévues":
             "Animation d'ateliers scientifiques; accueil des enfants\n"
             "Préparation du matériel \"expériences\" avec l'équipe",
             "Compétences visées":
             "Travailler en équipe; expliquer simplement une démarche"})
e = placement(leblanc, **{"Structure d'accueil": "", "SIRET": ""})
e.anomaly = "Structure d'accueil manquante"
e = placement(barbier, **{"Signature représentant légal": "peut-être"})
e.anomaly = "Signature représentant légal illisible : « peut-être »"
placement(gaillard, host=("FC Saint-Exemple", "Club de foot",
                          "Saint-Exemple", "", True))
dispense(joly, "Service national universel : séjour de cohésion",
         "1/7/2024", "12/07/2024", "X")
placement(meunier, **{"Signature élève": ""})
placement(traore, **{"Signature représentant légal": ""})
placement(brun, **{"Assurance structure": ""})
placement(dufour, **{"Attestation assurance élève": "non"})
placement(meyer, *WEEK2)
dispense(noel, "Séjour linguistique à Dublin", "17/06/2024", "28/06/2024",
         "oui")

placement(nguyen4, who={"Nom": "NGUYEN", "Prénom": "Thomas",
                        "Classe": "2nde4"})
placement(lebris, *WEEK2, host=THEATRE,
          who={"Nom": "Le Bris", "Prénom": "Jean Marc", "Classe": "2nde 4"})
placement(lebris, *WEEK1, host=HOSP,
          who={"Nom": "LE BRIS", "Prénom": "Jean-Marc", "Classe": "2nde 4"})
placement(dalmeida, who={"Nom": "D’Almeida", "Prénom": "Ines",
                         "Classe": "2nde 4"})
e = placement(gauthier, "", "28/06/2024")
e.anomaly = "Date de début manquante"
placement(perrin, "17/06/2024", "19/06/2024", host=BAKERY)
placement(perrin, "20/06/2024", "21/06/2024", host=MAIRIE)
e = dispense(robin, "Séjour de cohésion SNU", "05/08/2024", "16/08/2024",
             "oui")
e.anomaly = "SNU en août : ni la période de juin ni juillet"
dispense(clement, "Mobilité Erasmus+ au Gymnasium de Tübingen",
         "03/06/2024", "28/06/2024", "oui")
placement(morin, **{"Signature représentant légal": ""})
placement(nicolas, **{"Attestation assurance élève": "non",
                      "Assurance structure": ""})
dispense(mathieu, "Erasmus+ : trois semaines à Cork (Irlande)",
         "10/06/2024", "28/06/2024", "non")
dispense(gautier, "SNU – dates à confirmer", "", "", "")
dispense(arnaud, "Stage BAFA", "06/07/2024", "13/07/2024", "oui")
placement(arnaud, *WEEK1)

# rows typed at the bottom of the sheet, in this order
late = []
e = placement(petit4, who={"Nom": "Petit", "Prénom": "Emma",
                           "Date de naissance": "30/09/2008"})
late.append(e)
e = placement(perrin, "24/06/2024", "28/06/2024", host=HOSP)
e.anomaly = "Troisième lieu d'accueil : deux au plus"
late.append(e)
e = placement(None, who={"Nom": "Martin", "Prénom": "Lucas"})
e.anomaly = "Ambigu : deux élèves MARTIN Lucas (2NDE 2 et 2nde 4)"
late.append(e)
e = placement(None, who={"Nom": "ROUSSEL", "Prénom": "Kylian",
                         "Classe": "2nde 4"})
e.anomaly = "Aucun élève ROUSSEL Kylian dans les listes"
late.append(e)
e = placement(None, who={"INE": "0709999999Z"})
e.anomaly = "Aucun élève avec l'INE 0709999999Z"
late.append(e)
e = placement(girard, who={"INE": girard.ine})
e.note = True
e.anomaly = "Classe 1G1 non retenue par --classes"
late.append(e)
e = placement(cousin, who={"Nom": "Cousin", "Prénom": "Clémence",
                           "Classe": "1G1"})
e.note = True
e.anomaly = "Classe 1G1 non retenue par --classes"
late.append(e)
for e in late:
    e.late = True

# Ordinary pupils of the selected classes: one complete placement, a few
# split in two weeks.
for p in pupils:
    if p.scenario is None and p.cls in SELECTED:
        if rng.random() < 0.08:
            placement(p, *WEEK1)
            placement(p, *WEEK2)
        else:
            placement(p)
        if p.roll == "siecle" and rng.random() < 0.15:
            p.entries[0].cells["INE"] = '="' + p.ine + '"'

# --------------------------------------------------------------------------
# The cases of issue 12 (the FAQ as a head teacher reads it), added last so
# that the pupils and rows above keep their random draws.


def late_scen(*args, **kw):
    p = scen(*args, **kw)
    p.ine = make_ine()
    return p


poirier = late_scen("POIRIER", "Maëva", "2NDE 1", b(12, 4, 2008), "F", "D06", DISP,
                    "Dispense Erasmus+ d'exactement deux semaines (lundi 17 au vendredi 28/06, 12 jours calendaires), contrat d'études fourni.")
vasseur = late_scen("VASSEUR", "Léon", "2NDE 1", b(2, 10, 2008), "M", "P06", PART,
                    "Mobilité Brigitte-Sauzay du 27/05 au 21/06, contrat fourni : elle ne dispense que la première semaine, la seconde (24-28/06) est à accueillir.")
hubert = late_scen("HUBERT", "Anaïs", "2NDE 1", b(25, 1, 2008), "F", "V15", VERI,
                   "Dispense « séjour de cohésion » de 5 jours (17-21/06) : un séjour dure dix jours consécutifs et un week-end.")
charpentier = late_scen("CHARPENTIER", "Iris", "2NDE 2", b(6, 5, 2008), "F", "V16", VERI,
                        "Stage daté du samedi 22 au dimanche 23/06 : aucun jour ouvré.")
leclerc = late_scen("LECLERC", "Malo", "2NDE 2", b(17, 9, 2008), "M", "V17", VERI,
                    "Dispense « voir dossier » : motif non reconnu, à lire par le chef d'établissement (ni accordée ni refusée).")
maillard = late_scen("MAILLARD", "Nathan", "2NDE 2", b(20, 5, 2006), "M", "R24", PRET,
                     "18 ans le 20/05/2024, convention signée par l'élève le 21/05/2024 (date dans « Signature élève ») : majeur ce jour-là, pas de signature du représentant légal.")

dispense(poirier, "Erasmus+ (Lycée de Cork)", "17/06/2024", "28/06/2024", "oui")
dispense(vasseur, "Échange Brigitte-Sauzay (Allemagne)", "27/05/2024",
         "21/06/2024", "oui")
e = dispense(hubert, "SNU séjour de cohésion", "17/06/2024", "21/06/2024",
             "oui")
e.anomaly = "Séjour de cohésion de 5 jours : il en dure dix et un week-end"
e = placement(charpentier, "22/06/2024", "23/06/2024")
e.anomaly = "Aucun jour ouvré entre le 22/06/2024 et le 23/06/2024"
e = dispense(leclerc, "voir dossier", "17/06/2024", "28/06/2024", "")
e.anomaly = "Motif de dispense non reconnu : « voir dossier »"
placement(maillard, **{"Signature élève": "21/05/2024",
                       "Signature représentant légal": ""})

# --------------------------------------------------------------------------
# Writing.

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples")


def sort_key(p):
    return (CLASS_ORDER.index(p.cls), fold(p.surname), fold(p.first),
            p.birth or date(1900, 1, 1))


def write_bytes(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def write_siecle():
    roll = sorted([p for p in pupils if p.roll == "siecle"], key=sort_key)
    lines = [
        "Lycée Marie Curie de Saint-Exemple — extraction SIECLE (base élèves établissement)",
        "Date d'extraction : 21/05/2024 08:42",
        "Nom de famille;Prénom 1;Date de naissance;Division;N° INE;Sexe;Régime",
    ]

    def row(p):
        ine = '="' + p.ine + '"' if p.ine_wrapped else p.ine
        regime = REGIMES[hash_of(p) % len(REGIMES)]
        return ";".join([p.surname, p.first, fr(p.birth), p.cls, ine, p.sex,
                         regime])

    for p in roll:
        lines.append(row(p))
        p.roll_line = len(lines)
    # ROBERT Hugo exported a second time, at the end of the file
    lines.append(row(robert))
    dup_line = len(lines)
    text = "\r\n".join(lines) + "\r\n"
    write_bytes("eleves-siecle.csv", text.encode("cp1252"))
    return dup_line


def hash_of(p):
    # stable per pupil (str hash is salted per process)
    return sum(ord(c) for c in p.display + p.cls)


def write_pronote():
    roll = sorted([p for p in pupils if p.roll == "pronote"], key=sort_key)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\r\n")
    w.writerow(["Élèves", "Classe", "Né(e) le", "Option"])
    line = 1
    for p in roll:
        if p.birth is None:
            born = ""
        elif hash_of(p) % 2:
            born = fr_short(p.birth)
        else:
            born = fr(p.birth)
        w.writerow([p.display, p.cls, born, OPTIONS[hash_of(p) % len(OPTIONS)]])
        line += 1
        p.roll_line = line
    write_bytes("eleves-pronote.csv",
                ("\ufeff" + buf.getvalue()).encode("utf-16-le"))


def write_stages():
    def key(e):
        p = e.pupil
        return sort_key(p) + (e.seq,)

    body = sorted([e for e in entries if not e.late], key=key)
    body += [e for e in entries if e.late]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(STAGES_HEADER)
    line = 2
    for e in body:
        e.line = line
        before = buf.tell()
        w.writerow([e.cells[h] for h in STAGES_HEADER])
        line += buf.getvalue()[before:].count("\n")
    write_bytes("stages.csv", ("\ufeff" + buf.getvalue()).encode("utf-8"))
    return body


def write_expected(dup_line, body):
    sel = sorted([p for p in pupils if p.cls in SELECTED], key=sort_key)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(["Classe", "Nom", "Prénom", "Date de naissance",
                "Statut attendu", "Scénario"])
    for p in sel:
        w.writerow([p.cls, p.surname, p.first, fr(p.birth), p.status,
                    p.scenario or ""])
    write_bytes("attendu-statuts.csv", buf.getvalue().encode("utf-8"))

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(["Fichier", "Ligne", "Type", "Classe", "Élève", "Motif"])
    rows = [("eleves-siecle.csv", dup_line, "Anomalie", robert.cls,
             robert.display,
             f"Doublon de la ligne {robert.roll_line} (même INE)")]
    for e in body:
        if e.anomaly:
            p = e.pupil
            rows.append(("stages.csv", e.line,
                         "Information" if e.note else
                         "Attention" if e.warning else "Anomalie",
                         p.cls if p else "", p.display if p else "",
                         e.anomaly))
    for r in rows:
        w.writerow(r)
    write_bytes("attendu-anomalies.csv", buf.getvalue().encode("utf-8"))
    return rows


def lines_of(p):
    return ", ".join(str(e.line) for e in sorted(p.entries, key=lambda e: e.line))


def write_readme(dup_line, anomalies):
    sel = [p for p in pupils if p.cls in SELECTED]
    counts = {s: sum(1 for p in sel if p.status == s) for s in STATUS_ORDER}
    n = len(sel)
    out = []
    a = out.append
    a("# Données d'exemple de stagecheck")
    a("")
    a("<!-- Fichier produit par `python3 tools/make-samples.py` : ne pas le "
      "modifier à la main, modifier le script. -->")
    a("")
    a("Un lycée fictif, le **lycée Marie Curie de Saint-Exemple** : tous les "
      "noms, INE, SIRET, structures et communes sont inventés. Les fichiers "
      "sont produits par `tools/make-samples.py` (bibliothèque standard de "
      "Python 3, graine fixe : deux exécutions donnent les mêmes octets).")
    a("")
    a("| Fichier | Ce qu'il imite | Encodage, séparateur, fins de ligne |")
    a("| --- | --- | --- |")
    a("| `eleves-siecle.csv` | liste d'élèves extraite de SIECLE : 2NDE 1, "
      "2NDE 2 et 1G1, deux lignes de titre avant l'en-tête, INE parfois "
      "écrits `=\"…\"` | Windows-1252, `;`, CRLF |")
    a("| `eleves-pronote.csv` | liste d'élèves Pronote « Texte Unicode » : "
      "2nde 3 et 2nde 4, « NOM Prénom » dans une seule colonne, pas d'INE, "
      "dates J/M/AAAA | UTF-16LE avec BOM, tabulation, CRLF |")
    a("| `stages.csv` | tableau de suivi des conventions tenu par le "
      "secrétariat | UTF-8 avec BOM, `;`, LF |")
    a("| `attendu-statuts.csv` | statut attendu de chaque élève des classes "
      "retenues (pour les tests) | UTF-8, `;` |")
    a("| `attendu-anomalies.csv` | lignes attendues dans la feuille "
      "Anomalies (fichier, ligne, motif) | UTF-8, `;` |")
    a("| `stagecheck.ini` | exemple commenté de fichier de configuration "
      "(`--config`) pour un passage chaque nuit sur ces exemples ; écrit à "
      "la main, le script ne le touche pas | UTF-8 |")
    a("| `ExportXML_ElevesSansAdresses.zip` | la liste SIECLE ci-dessus sous "
      "la forme de l'export XML « Élèves sans adresses », tel que SIECLE le "
      "livre ; écrit par `tools/make-siecle-sample.py` | ISO-8859-15, zippé |")
    a("| `suivi.xlsx` | `stages.csv` ouvert dans LibreOffice Calc et "
      "enregistré en Excel (vraies dates, `=\"…\"` devenus des formules "
      "avec leur valeur) ; écrit par `tools/make-sheet-samples.sh` | .xlsx |")
    a("")
    a("`make demo` lance :")
    a("")
    a("```sh")
    a("./stagecheck --roll samples/eleves-siecle.csv --roll samples/eleves-pronote.csv \\")
    a("    --placements samples/stages.csv --as-of 2024-05-27 --classes '2*' \\")
    a("    -o out/suivi-stages.xlsx")
    a("```")
    a("")
    a("Période nationale : du lundi 17 au vendredi 28 juin 2024 (10 jours "
      "ouvrés). `--classes '2*'` retient les quatre classes de seconde et "
      "laisse de côté la 1G1 : ses lignes dans le suivi donnent une simple "
      "information. Le code de retour attendu est **1** (classeur écrit, "
      "avec des constats).")
    a("")
    a("Puis il dépose `ExportXML_ElevesSansAdresses.zip`, `eleves-pronote.csv` "
      "et `suivi.xlsx` dans `out/depot/` et lance `./stagecheck --as-of "
      "2024-05-27 out/depot` : chaque fichier est reconnu à son contenu, la "
      "1G1 est écartée d'après son MEF (sans `--classes`), et les statuts "
      "sont les mêmes, dans `out/depot/suivi-stages.xlsx`.")
    a("")
    a(f"## Statuts attendus ({n} élèves retenus)")
    a("")
    a("| Statut | Élèves |")
    a("| --- | --- |")
    for s in STATUS_ORDER:
        a(f"| {s} | {counts[s]} |")
    a("")
    a(f"Soit {100 * counts[PRET] // n} % d'élèves prêts. Chaque élève et son "
      "statut attendu figurent dans `attendu-statuts.csv` ; ceux qui ne sont "
      "pas dans le tableau ci-dessous ont une convention complète couvrant "
      "les deux semaines (parfois en deux lieux) et sont « Prêt ».")
    a("")
    a("## Élèves de scénario")
    a("")
    a("« Lignes » : numéros de ligne dans `stages.csv` (l'en-tête est la "
      "ligne 1 ; une cellule sur deux lignes décale la suite).")
    a("")
    groups = [("R", "Prêt : rapprochement, formats et cas limites acceptés"),
              ("D", "Dispensé"),
              ("I", "Dossier incomplet"),
              ("P", "Accueil partiel"),
              ("N", "Sans lieu d'accueil"),
              ("V", "À vérifier"),
              ("G", "Classe non retenue (1G1)")]
    for prefix, title in groups:
        a(f"### {title}")
        a("")
        a("| Id | Élève | Classe | Lignes | Ce que le cas vérifie | Statut attendu |")
        a("| --- | --- | --- | --- | --- | --- |")
        for p in S:
            if p.scenario[0] != prefix:
                continue
            st = p.status or "— (non retenu)"
            a(f"| {p.scenario} | {p.display} | {p.cls} | "
              f"{lines_of(p) or '—'} | {p.what} | {st} |")
        a("")
    a("## Anomalies attendues")
    a("")
    a("Les lignes qui ne désignent aucun élève, ou plusieurs, et les "
      "anomalies des listes d'élèves apparaissent aussi dans la feuille "
      "Anomalies. Les deux lignes de 1G1 sont de simples informations : "
      "elles ne comptent pas dans le code de retour. Le type de structure "
      "inconnu (R06) est un avertissement (« Attention ») : il compte dans "
      "le code de retour mais ne change pas le statut.")
    a("")
    a("| Fichier | Ligne | Type | Élève | Motif |")
    a("| --- | --- | --- | --- | --- |")
    for f, line, typ, cls, who, msg in anomalies:
        who = f"{who} ({cls})" if who else "—"
        a(f"| `{f}` | {line} | {typ} | {who} | {msg} |")
    a("")
    a("## Formes rencontrées dans `stages.csv`")
    a("")
    a("- Oui/non : `oui`, `Oui`, `OUI`, `x`, `X`, `O`, `1`, une date "
      "(signé ce jour-là) ; `non` ou une case vide pour non ; `peut-être` "
      "est illisible (V10).")
    a("- Dates : `17/06/2024`, `2024-06-17`, `17/06/2024 00:00`, `1/7/2024`.")
    a("- Élèves SIECLE désignés par leur INE (parfois aussi nom, prénom et "
      "classe, parfois `=\"…\"`) ; élèves Pronote par nom, prénom et classe "
      "écrits librement (`2nde 3`, `2NDE 3`, `2nde3`, accents omis, tiret "
      "ou espace), parfois avec la date de naissance.")
    a("- Cellules entre guillemets contenant `;`, un retour à la ligne ou "
      "des guillemets doublés (R19).")
    a("- Pays vide = France ; un stage à Berlin (R11).")
    a("- Types de structure : le nom d'une des cinq catégories ou ce que "
      "le secrétariat écrit d'habitude (`SARL`, `S.E.L.A.R.L.`, `S.A.S.`, "
      "`Mairie de Saint-Exemple`, `Conseil départemental`, `Université`, "
      "`Asso loi 1901`, `Club de foot`, `GmbH`…), que la feuille de classe "
      "montre avec la catégorie lue (« SARL → entreprise ») ; "
      "`Particulier` est refusé (V07) ; `Tiers-lieu`, inconnu, donne un "
      "simple avertissement (R06).")
    a("")
    write_bytes("README.md", ("\n".join(out) + "\n").encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    dup_line = write_siecle()
    write_pronote()
    body = write_stages()
    anomalies = write_expected(dup_line, body)
    write_readme(dup_line, anomalies)
    sel = [p for p in pupils if p.cls in SELECTED]
    print(f"{len(pupils)} élèves, {len(entries)} lignes de suivi, "
          f"{sum(1 for p in sel if p.status == PRET)}/{len(sel)} prêts "
          f"-> {os.path.relpath(OUT)}/", file=sys.stderr)


if __name__ == "__main__":
    main()
