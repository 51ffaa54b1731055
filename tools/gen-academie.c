/*
 * gen-academie.c - a seeded generator of a fictitious académie, for the
 * benchmark and the counting tests of stagecheck (issue 5).
 *
 *   gen-academie --out DIR [--seed N] [--pupils N] [--schools N] [--single]
 *                [--as-of AAAA-MM-JJ]
 *
 * Writes, for each lycée, a class roll DIR/<UAI>-eleves.csv and a tracking
 * sheet of the placements DIR/<UAI>-stages.csv (with --single: one lycée,
 * DIR/eleves.csv and DIR/stages.csv, without the UAI and school columns),
 * then DIR/manifest.csv (one line per file: data rows below the header),
 * DIR/ecoles.csv (one line per lycée) and DIR/attendu.csv (the statuses
 * stagecheck should give, lycée by lycée). See tools/README.md.
 *
 * Plain C11 and libc, no download. Randomness comes from splitmix64, one
 * stream per lycée derived from the seed (never rand(), whose sequence
 * differs between C libraries), and no floating point: the same arguments
 * give the same bytes on any machine. The string literals below are UTF-8
 * (the compilers' default execution character set); files are re-encoded
 * on output.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- Tables ------------------------------------------------------------- */

/* Surnames, as SIECLE writes them (capitals, accents kept). No two fold to
 * the same key (case, accents, spaces and punctuation dropped), so a pair
 * of indices is a name as stagecheck compares names. In the order of
 * those keys: sorting by index gives the order of an export. */
static const char *const SURNAMES[] = {
    "ADAM", "ANDRÉ", "ARNAUD", "AUBERT", "BAILLY", "BARBIER", "BARON",
    "BENALI", "BENOÎT", "BERGER", "BERNARD", "BERTIN", "BERTRAND", "BESSON",
    "BLANC", "BLANCHARD", "BONNET", "BOUCHER", "BOUVIER", "BRUN", "BRUNET",
    "CAMARA", "CARON", "CARPENTIER", "CARRÉ", "CHARPENTIER", "CHAUVIN",
    "CHEVALIER", "CLÉMENT", "COLIN", "COULIBALY", "D'ALMEIDA", "DA SILVA",
    "DAVID", "DE LA FONTAINE", "DENIS", "DESCHAMPS", "DE SOUSA", "DIALLO",
    "DIOP", "DUBOIS", "DUFOUR", "DUMAS", "DUMONT", "DUPONT", "DUPONT-MARTIN",
    "DUPUIS", "DURAND", "ÉTIENNE", "FABRE", "FAURE", "FERNANDEZ", "FERREIRA",
    "FLEURY", "FONTAINE", "FOURNIER", "FRANÇOIS", "GAILLARD", "GARCIA",
    "GARNIER", "GAUTHIER", "GÉRARD", "GIRARD", "GIRAUD", "GUÉRIN", "GUILLAUME",
    "HAMON", "HENRY", "HERVÉ", "HOARAU", "HUBERT", "JACOB", "JOLY", "KLEIN",
    "KONATÉ", "LACROIX", "LAMBERT", "LAURENT", "LEBLANC", "LEBRUN", "LECLERC",
    "LEFEBVRE", "LEFÈVRE", "LE GALL", "LE GOFF", "LEGRAND", "LEMAIRE",
    "LEMAÎTRE", "LEMOINE", "LE ROUX", "LEROY", "LÉVÊQUE", "LOPEZ", "MAILLARD",
    "MARCHAND", "MARÉCHAL", "MARTIN", "MARTINEZ", "MASSON", "MATHIEU",
    "MÉNARD", "MERCIER", "MEUNIER", "MEYER", "MICHEL", "MOREAU", "MOREL",
    "MORIN", "MOULIN", "MULLER", "N'DIAYE", "N'GUESSAN", "NGUYEN", "NICOLAS",
    "NOËL", "OLIVIER", "PERRIN", "PETIT", "PHAM", "PICARD", "PIERRE",
    "POIRIER", "PRÉVOST", "RENARD", "RENAUD", "RICHARD", "RIVIÈRE", "ROBERT",
    "ROBIN", "ROCHE", "ROUSSEAU", "ROUX", "ROY", "SANCHEZ", "SCHMITT", "SIMON",
    "TESSIER", "THOMAS", "TRAN", "TRAORÉ", "VIDAL", "VINCENT", "WEBER",
    "YILMAZ",
};

static const char *const GIRLS[] = {
    "Adèle", "Agathe", "Alice", "Alicia", "Ambre", "Anaïs", "Anna",
    "Anne-Sophie", "Apolline", "Awa", "Aya", "Camille", "Capucine", "Chloé",
    "Clara", "Clémence", "Éloïse", "Elsa", "Emma", "Faustine", "Héloïse",
    "Inès", "Jade", "Juliette", "Léa", "Léna", "Lilou", "Lina", "Lisa", "Lou",
    "Louise", "Lucie", "Maëlle", "Maëlys", "Manon", "Margaux", "Marie-Lou",
    "Mathilde", "Mila", "Nina", "Ninon", "Noémie", "Océane", "Pauline",
    "Romane", "Rose", "Salomé", "Sarah", "Solène", "Yasmine", "Zoé",
};

static const char *const BOYS[] = {
    "Adam", "Alexandre", "Antoine", "Arthur", "Axel", "Ayoub", "Baptiste",
    "Bastien", "Clément", "Corentin", "Enzo", "Esteban", "Ethan", "Evan",
    "François", "Gabriel", "Gaëtan", "Gaspard", "Hugo", "Jean-Baptiste",
    "Jules", "Killian", "Léo", "Loïc", "Louis", "Lucas", "Maël", "Malo",
    "Marius", "Mathéo", "Mathis", "Maxime", "Nathan", "Noah", "Noé", "Nolan",
    "Paul", "Quentin", "Raphaël", "Rayan", "Romain", "Sacha", "Théo",
    "Thomas", "Timéo", "Tom", "Valentin", "Yanis", "Younès",
};

/* Surnames no pupil has: the rows naming a pupil missing from the roll. */
static const char *const UNKNOWN_SURNAMES[] = {
    "ABADIE", "LAGARDE", "OUVRARD", "PASQUIER", "QUÉMÉNER", "ROUSSEL",
    "VERDIER", "ZIMMERMANN",
};

/* School names: a kind and a patron. 5 x 31 names for 200 lycées: some
 * names come back in other towns, and only the UAI tells them apart. */
static const char *const SCHOOL_KINDS[] = {
    "Lycée", "Lycée", "Lycée polyvalent", "Lycée général et technologique",
    "Lycée général",
};
static const char *const SCHOOL_PATRONS[] = {
    "Victor Hugo", "Jean Moulin", "Marie Curie", "Jules Ferry",
    "Louise Michel", "Simone Veil", "Condorcet", "Ampère", "Édouard Herriot",
    "Françoise Dolto", "Antoine de Saint-Exupéry", "Émile Zola",
    "Jean Jaurès", "Albert Camus", "Honoré d'Urfé", "Claude Bernard",
    "Lumière", "Jacques Prévert", "George Sand", "Charles de Gaulle",
    "Marcel Pagnol", "Olympe de Gouges", "Blaise Pascal", "René Descartes",
    "Paul Éluard", "Germaine Tillion", "Joseph Fourier", "Camille Claudel",
    "Gustave Eiffel", "Saint-Joseph", "Notre-Dame",
};

/* Invented towns: TOWN_STEMS[i] + TOWN_TAILS[j]. */
static const char *const TOWN_STEMS[] = {
    "Saint-Exemple", "Montfictif", "Villeneuve", "Bourg", "Pont", "Château",
    "Val", "Roche", "Fontaine", "Beaumont",
};
static const char *const TOWN_TAILS[] = {
    "", "-sur-Exemple", "-la-Fictive", "-les-Vignes", "-le-Haut",
    "-d'Arvière", "-sous-Roche", "-des-Prés", "-en-Val",
};

/* UAI: département (3 digits), number (4 digits), check letter. */
static const char *const DEPARTEMENTS[] = {"069", "042", "001"};
static const char UAI_LETTERS[] = "ABCDEFGHJKLMNPRSTUVWXYZ";

/* Host types stagecheck accepts, each with the spellings met in sheets. */
enum host_type { HT_ENTREPRISE, HT_ASSOCIATION, HT_ADMINISTRATION,
                 HT_PUBLIC, HT_COLLECTIVITE, HT_COUNT };
static const char *const HOST_TYPE_SPELLINGS[HT_COUNT][3] = {
    [HT_ENTREPRISE] = {"Entreprise", "entreprise", "ENTREPRISE"},
    [HT_ASSOCIATION] = {"Association", "association", "ASSOCIATION"},
    [HT_ADMINISTRATION] = {"Administration", "administration",
                           "Administration"},
    [HT_PUBLIC] = {"Établissement public", "Etablissement public",
                   "établissement public"},
    [HT_COLLECTIVITE] = {"Collectivité territoriale",
                         "Collectivite territoriale",
                         "collectivité territoriale"},
};

/* Hosts near the lycée; %s is the lycée's town. Quotes, commas and « »
 * exercise the CSV quoting. */
static const struct host {
    const char *name;
    enum host_type type;
} HOSTS[] = {
    {"Mairie de %s", HT_COLLECTIVITE},
    {"Médiathèque municipale de %s", HT_COLLECTIVITE},
    {"Centre hospitalier de %s", HT_PUBLIC},
    {"Centre de secours de %s (SDIS)", HT_PUBLIC},
    {"Office de tourisme de %s", HT_PUBLIC},
    {"Sous-préfecture de %s", HT_ADMINISTRATION},
    {"Tribunal judiciaire de %s", HT_ADMINISTRATION},
    {"Caisse d'allocations familiales", HT_ADMINISTRATION},
    {"Association sportive de %s", HT_ASSOCIATION},
    {"Les Restos du Cœur – antenne de %s", HT_ASSOCIATION},
    {"Théâtre \"Le Quai\"", HT_ASSOCIATION},
    {"Boulangerie Au Bon Pain", HT_ENTREPRISE},
    {"Pharmacie de la Gare", HT_ENTREPRISE},
    {"Garage des Quatre Routes", HT_ENTREPRISE},
    {"Cabinet vétérinaire des Tilleuls", HT_ENTREPRISE},
    {"Cabinet d'architectes Lumière & Volume", HT_ENTREPRISE},
    {"Imprimerie Moderne", HT_ENTREPRISE},
    {"Hôtel-restaurant Le Relais du Pont", HT_ENTREPRISE},
    {"Librairie « La Page Blanche »", HT_ENTREPRISE},
    {"Laboratoire d'analyses, site de %s", HT_ENTREPRISE},
    {"Ferme des Trois Chênes (GAEC)", HT_ENTREPRISE},
    {"Studio Pixel Nord, jeux vidéo", HT_ENTREPRISE},
    {"Agence immobilière du Port", HT_ENTREPRISE},
    {"Clinique dentaire des Acacias", HT_ENTREPRISE},
};

/* Placements abroad: no SIRET, a foreign town and country. */
static const struct abroad {
    const char *name, *city, *country;
} ABROAD[] = {
    {"Bäckerei Schmidt", "Berlin", "Allemagne"},
    {"Librería El Sol", "Madrid", "Espagne"},
    {"Museo civico", "Turin", "Italie"},
};

static const char *const ACTIVITIES[] = {
    "Observation de l'accueil du public et de la prise de rendez-vous",
    "Découverte des métiers du service, participation aux réunions d'équipe",
    "Observation de la fabrication et de la vente",
    "Suivi d'un projet avec l'équipe technique",
    "Découverte des services administratifs; traitement du courrier",
    "Observation des soins et de l'organisation d'un service",
    "Préparation d'une exposition \"jeunes talents\" avec l'équipe",
    "Gestion des stocks, relation client, mise en rayon",
    /* a cell on two lines, as Excel writes Alt+Entrée */
    "Accueil du public\nPréparation des ateliers du mercredi",
};

static const char *const SKILLS[] = {
    "Savoir se présenter, respecter les consignes",
    "Communiquer avec le public; travailler en équipe",
    "Observer et rendre compte de son observation",
    "Ponctualité, autonomie, sens de l'initiative",
    "Découvrir un environnement professionnel et préciser son projet",
    "Respecter les règles de sécurité et de confidentialité",
};

/* Dispenses stagecheck grants (SNU, mobilité), none naming a "stage". */
static const char *const DISPENSE_SNU[] = {
    "SNU – séjour de cohésion",
    "Service national universel (séjour de cohésion)",
    "SNU",
};
static const char *const DISPENSE_MOBILITY[] = {
    "Mobilité Erasmus+ à Dublin",
    "Mobilité internationale : contrat d'études (Québec)",
    "Erasmus+ – lycée partenaire de Tübingen",
};

/* "Yes" as secretaries type it; "date" is a signature date. */
static const char *const YES_FORMS[] = {
    "oui", "oui", "oui", "Oui", "OUI", "x", "X", "O", "1", "date", "date",
};
static const char *const NO_FORMS[] = {"non", "Non", "", ""};

static const char *const REGIMES[] = {
    "EXTERNE", "DEMI-PENSIONNAIRE", "DEMI-PENSIONNAIRE", "INTERNE",
};
static const char *const OPTIONS[] = {
    "SES", "LCA latin", "Section européenne anglais", "Arts plastiques",
    "Management et gestion", "EPS", "", "", "",
};

/* Columns, and for each the header spellings stagecheck accepts (see
 * src/header.c; "Date naissance", for one, is not among them). The UAI
 * and school columns are not read by stagecheck yet. */
enum col {
    C_UAI, C_SCHOOL, C_INE, C_SURNAME, C_FIRST, C_FULLNAME, C_CLASS, C_BIRTH,
    C_SEX, C_REGIME, C_OPTION, C_HOST, C_HOST_TYPE, C_SIRET, C_CITY,
    C_COUNTRY, C_START, C_END, C_SIGN_HEAD, C_SIGN_HOST, C_SIGN_PUPIL,
    C_SIGN_PARENT, C_ACTIVITIES, C_SKILLS, C_INS_PUPIL, C_INS_HOST,
    C_DISPENSE, C_PROOF, C_TUTOR, C_COUNT
};
static const char *const HEADERS[C_COUNT][6] = {
    [C_UAI] = {"UAI", "RNE", "Code UAI", "Code établissement"},
    [C_SCHOOL] = {"Établissement", "Nom établissement"},
    [C_INE] = {"INE", "N° INE", "No INE", "Numéro INE"},
    [C_SURNAME] = {"Nom", "Nom de famille", "Nom d'usage", "Nom élève"},
    [C_FIRST] = {"Prénom", "Prénom 1", "Premier prénom", "Prénom élève"},
    [C_FULLNAME] = {"Élève", "Élèves", "Nom et prénom", "Nom Prénom"},
    [C_CLASS] = {"Classe", "Division"},
    [C_BIRTH] = {"Date de naissance", "Né(e) le", "Né le", "Date naiss."},
    [C_SEX] = {"Sexe"},
    [C_REGIME] = {"Régime"},
    [C_OPTION] = {"Option", "Options"},
    [C_HOST] = {"Structure d'accueil", "Organisme d'accueil",
                "Lieu d'accueil", "Entreprise", "Raison sociale"},
    [C_HOST_TYPE] = {"Type de structure", "Type d'organisme"},
    [C_SIRET] = {"SIRET"},
    [C_CITY] = {"Commune", "Ville"},
    [C_COUNTRY] = {"Pays"},
    [C_START] = {"Date de début", "Début", "Du"},
    [C_END] = {"Date de fin", "Fin", "Au"},
    [C_SIGN_HEAD] = {"Signature chef d'établissement"},
    [C_SIGN_HOST] = {"Signature structure d'accueil",
                     "Signature organisme d'accueil"},
    [C_SIGN_PUPIL] = {"Signature élève"},
    [C_SIGN_PARENT] = {"Signature représentant légal",
                       "Signature responsable légal", "Signature parents"},
    [C_ACTIVITIES] = {"Activités prévues"},
    [C_SKILLS] = {"Compétences visées"},
    [C_INS_PUPIL] = {"Attestation assurance élève", "Assurance élève",
                     "Attestation responsabilité civile"},
    [C_INS_HOST] = {"Assurance structure", "Responsabilité civile structure"},
    [C_DISPENSE] = {"Dispense", "Motif de dispense"},
    [C_PROOF] = {"Justificatif", "Justificatif dispense"},
    [C_TUTOR] = {"Tuteur"},
};

/* What happens to a pupil in the tracking sheet, in permille of the
 * pupils (the rest, 770, have one complete placement). */
enum fate { F_COMPLETE, F_NONE, F_DISPENSE, F_SPLIT, F_INCOMPLETE, F_BAD,
            F_COUNT };
static const struct { enum fate fate; unsigned permille; } FATES[] = {
    {F_NONE, 50},       /* no row at all: Sans lieu d'accueil */
    {F_DISPENSE, 30},   /* SNU or mobilité; 2/3 with the justificatif */
    {F_SPLIT, 80},      /* two places, one per week */
    {F_INCOMPLETE, 60}, /* a signature "non" or empty, an insurance... */
    {F_BAD, 10},        /* dates outside the period, or two places overlap */
};
/* Rows added on top, in permille of the pupils: a row naming a pupil the
 * roll does not have, and a pre-filled row (the pupil's name, nothing
 * else) left above the row the secretary typed: stagecheck notes and skips
 * it. The latter bring the sheet to about 1.1 rows per pupil. */
#define UNKNOWN_PERMILLE 10
#define PLACEHOLDER_PERMILLE 50
/* Rows naming the pupil by name and class only (no INE), per pupil. */
#define BY_NAME_PERMILLE 150

/* stagecheck's statuses, as it labels them (src/rules.c). */
enum status { S_CHECK, S_DISPENSED, S_NO_HOST, S_PARTIAL, S_INCOMPLETE,
              S_READY, S_COUNT };
static const char *const STATUS_LABELS[S_COUNT] = {
    "À vérifier", "Dispensé", "Sans lieu d'accueil", "Accueil partiel",
    "Dossier incomplet", "Prêt",
};

/* ---- Small helpers ------------------------------------------------------ */

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;

    fputs("gen-academie: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        die("mémoire insuffisante");
    return p;
}

/* splitmix64 (Steele, Lea, Flood): tiny, and the same on every machine. */
typedef struct rng {
    uint64_t state;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* A stream of its own for each lycée: a change in one lycée's drawing does
 * not shift the others. */
static rng rng_for(uint64_t seed, uint64_t stream)
{
    rng r = {seed ^ (stream * UINT64_C(0xD1B54A32D192ED03))};

    rng_next(&r);
    return r;
}

/* Uniform in [0, n), without modulo bias (rejection). */
static uint32_t rng_below(rng *r, uint32_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;

    do
        x = rng_next(r);
    while (x >= limit);
    return (uint32_t)(x % n);
}

static int rng_permille(rng *r, unsigned permille)
{
    return rng_below(r, 1000) < permille;
}

#define PICK(r, table) ((table)[rng_below((r), COUNT(table))])

/* ---- Dates (days since 1970-01-01, as src/date.c) ----------------------- */

static int32_t days_from_civil(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t days, int *y, int *m, int *d)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;

    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(int32_t days)
{
    return (int)((days % 7 + 7 + 3) % 7) + 1;
}

/* The default period of sc_period_default: the two Monday-to-Friday weeks
 * ending on the last Friday of June of the school year holding as_of. */
static void default_period(int32_t as_of, int32_t *start, int32_t *end)
{
    int y, m, d;
    int32_t friday;

    civil_from_days(as_of, &y, &m, &d);
    friday = days_from_civil((m >= 9 ? y : y - 1) + 1, 6, 30);
    while (weekday(friday) != 5)
        friday--;
    *start = friday - 11;
    *end = friday;
}

enum date_style { D_FR, D_SHORT, D_ISO, D_TIME };

static void format_date(char *out, size_t size, int32_t days,
                        enum date_style style)
{
    int y, m, d;

    civil_from_days(days, &y, &m, &d);
    switch (style) {
    case D_SHORT:
        snprintf(out, size, "%d/%d/%04d", d, m, y);
        break;
    case D_ISO:
        snprintf(out, size, "%04d-%02d-%02d", y, m, d);
        break;
    case D_TIME:
        snprintf(out, size, "%02d/%02d/%04d 00:00", d, m, y);
        break;
    default:
        snprintf(out, size, "%02d/%02d/%04d", d, m, y);
        break;
    }
}

/* ---- Byte buffers and per-row scratch ---------------------------------- */

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

/* Makes room for n more bytes. */
static void buf_reserve(buf *b, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
}

static void buf_put(buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void buf_puts(buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

static void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void buf_printf(buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        die("ligne trop longue");
    buf_put(b, tmp, (size_t)n);
}

/* The strings of one row being built; emptied after each row. */
typedef struct scratch {
    char data[8192];
    size_t used;
} scratch;

static const char *scratch_printf(scratch *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *scratch_printf(scratch *s, const char *fmt, ...)
{
    char *out = s->data + s->used;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(out, sizeof s->data - s->used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof s->data - s->used)
        die("ligne trop longue");
    s->used += (size_t)n + 1;
    return out;
}

static const char *scratch_date(scratch *s, int32_t days,
                                enum date_style style)
{
    char tmp[32];

    format_date(tmp, sizeof tmp, days, style);
    return scratch_printf(s, "%s", tmp);
}

/* ---- UTF-8 text: case and accents of the names -------------------------- */

static uint32_t utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c;

    if (s[0] < 0x80) {
        c = s[0];
        *p += 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        c = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        *p += 2;
    } else if ((s[0] & 0xF0) == 0xE0) {
        c = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
            (s[2] & 0x3F);
        *p += 3;
    } else {
        c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
            (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
        *p += 4;
    }
    return c;
}

static size_t utf8_put(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Latin-1 letters only: that is all the names use. */
static int is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0xDE && c != 0xD7) || c == 0x152;
}

static uint32_t to_lower(uint32_t c)
{
    return is_upper(c) ? c + (c == 0x152 ? 1 : 0x20) : c;
}

/* Base letter of an accented Latin-1 letter, as utf8proc's STRIPMARK
 * leaves it (U+00C0 to U+00FF; '.' for the few that are not letters). */
static uint32_t strip_accent(uint32_t c)
{
    static const char base[] = "AAAAAA.CEEEEIIII.NOOOOO.OUUUUY.."
                                "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y";

    if (c >= 0xC0 && c <= 0xFF && base[c - 0xC0] != '.')
        return (uint32_t)base[c - 0xC0];
    return c;
}

enum name_form { N_AS_IS, N_TITLE, N_NO_ACCENTS, N_SPACES };

/* Writes a name as a secretary may type it in the tracking sheet:
 * "DUPONT-MARTIN" as "Dupont-Martin", "Éloïse" as "Eloise", "Jean-Baptiste"
 * as "Jean Baptiste". stagecheck folds all of these to the same key. */
static const char *scratch_name(scratch *s, const char *name,
                                enum name_form form)
{
    const unsigned char *p = (const unsigned char *)name;
    char *out = s->data + s->used, *w = out;
    int word_start = 1;

    if (s->used + 4 * strlen(name) + 1 > sizeof s->data)
        die("ligne trop longue");
    while (*p) {
        uint32_t c = utf8_next(&p);

        if (form == N_TITLE && !word_start)
            c = to_lower(c);
        else if (form == N_NO_ACCENTS)
            c = strip_accent(c);
        else if (form == N_SPACES && c == '-')
            c = ' ';
        word_start = c == ' ' || c == '-' || c == '\'';
        w += utf8_put(w, c);
    }
    *w = '\0';
    s->used += (size_t)(w - out) + 1;
    return out;
}

/* ---- Output encodings --------------------------------------------------- */

enum encoding { E_UTF8, E_UTF8_BOM, E_CP1252, E_UTF16LE };
/* As stagecheck names them in its inputs list. */
static const char *const ENCODING_NAMES[] = {
    [E_UTF8] = "UTF-8", [E_UTF8_BOM] = "UTF-8", [E_CP1252] = "Windows-1252",
    [E_UTF16LE] = "UTF-16LE",
};

/* Windows-1252 bytes 0x80-0x9F; 0 where the byte is unused. */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int cp1252_byte(uint32_t c)
{
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        return (int)c;
    for (int i = 0; i < 32; i++)
        if (CP1252_HIGH[i] == c)
            return 0x80 + i;
    return -1;
}

/* Writes the UTF-8 text of b to path in the given encoding. */
static void write_file(const char *path, const buf *b, enum encoding enc)
{
    FILE *fp = fopen(path, "wb");
    const unsigned char *p = (const unsigned char *)b->data;
    const unsigned char *end = p + b->len;
    buf out = {NULL, 0, 0};
    unsigned char *w;

    if (!fp)
        die("%s : %s", path, strerror(errno));
    /* UTF-16 takes at most 2 bytes per UTF-8 byte, BOM aside */
    buf_reserve(&out, 2 * b->len + 3);
    w = (unsigned char *)out.data;
    if (enc == E_UTF8_BOM)
        *w++ = 0xEF, *w++ = 0xBB, *w++ = 0xBF;
    if (enc == E_UTF16LE)
        *w++ = 0xFF, *w++ = 0xFE;
    if (enc == E_UTF8 || enc == E_UTF8_BOM) {
        memcpy(w, b->data, b->len);
        w += b->len;
    }
    while ((enc == E_CP1252 || enc == E_UTF16LE) && p < end) {
        uint32_t c = utf8_next(&p);

        if (enc == E_CP1252) {
            int byte = cp1252_byte(c);
            /* A name the tables gave outside Windows-1252 is a bug of this
             * generator, not a stray byte to imitate. */
            if (byte < 0)
                die("U+%04X absent de Windows-1252 (%s)", (unsigned)c, path);
            *w++ = (unsigned char)byte;
        } else if (c >= 0x10000) {
            uint32_t v = c - 0x10000, hi = 0xD800 | v >> 10,
                     lo = 0xDC00 | (v & 0x3FF);
            *w++ = (unsigned char)(hi & 0xFF), *w++ = (unsigned char)(hi >> 8);
            *w++ = (unsigned char)(lo & 0xFF), *w++ = (unsigned char)(lo >> 8);
        } else {
            *w++ = (unsigned char)(c & 0xFF), *w++ = (unsigned char)(c >> 8);
        }
    }
    out.len = (size_t)(w - (unsigned char *)out.data);
    if (fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp) != 0)
        die("%s : écriture impossible : %s", path, strerror(errno));
    free(out.data);
}

/* ---- CSV ---------------------------------------------------------------- */

typedef struct csv {
    buf text;
    char sep;
    const char *eol;
    int cells;          /* in the current row */
    unsigned long rows; /* rows ended, header included */
} csv;

/* Quotes a cell only when it must, as Excel does. */
static void csv_cell(csv *c, const char *s)
{
    if (c->cells++)
        buf_put(&c->text, &c->sep, 1);
    if (!strchr(s, c->sep) && !strpbrk(s, "\"\r\n")) {
        buf_puts(&c->text, s);
        return;
    }
    buf_put(&c->text, "\"", 1);
    while (*s) {
        size_t n = strcspn(s, "\"\n");
        buf_put(&c->text, s, n);
        s += n;
        if (*s == '"')
            buf_put(&c->text, "\"\"", 2);
        else if (*s == '\n') /* follows the file's line ends */
            buf_puts(&c->text, c->eol);
        if (*s)
            s++;
    }
    buf_put(&c->text, "\"", 1);
}

/* A cell written as is: ="0612345678AB", as some tools write codes. */
static void csv_raw(csv *c, const char *s)
{
    if (c->cells++)
        buf_put(&c->text, &c->sep, 1);
    buf_puts(&c->text, s);
}

static void csv_end(csv *c)
{
    buf_puts(&c->text, c->eol);
    c->cells = 0;
    c->rows++;
}

/* The columns of one file, in order, and a row of cells being filled. */
typedef struct layout {
    enum col cols[C_COUNT];
    const char *headers[C_COUNT];
    int n;
    int has[C_COUNT];
} layout;

static void layout_add(layout *l, rng *r, enum col col)
{
    size_t spellings = 0;

    while (spellings < COUNT(HEADERS[col]) && HEADERS[col][spellings])
        spellings++;
    l->cols[l->n] = col;
    l->headers[l->n] = HEADERS[col][rng_below(r, (uint32_t)spellings)];
    l->has[col] = 1;
    l->n++;
}

typedef struct row {
    const char *cell[C_COUNT];
    unsigned raw; /* bit c: cell c written as is */
    scratch s;
} row;

static void row_clear(row *w)
{
    memset(w->cell, 0, sizeof w->cell);
    w->raw = 0;
    w->s.used = 0;
}

static void csv_header(csv *c, const layout *l)
{
    for (int i = 0; i < l->n; i++)
        csv_cell(c, l->headers[i]);
    csv_end(c);
}

static void csv_row(csv *c, const layout *l, const row *w)
{
    for (int i = 0; i < l->n; i++) {
        const char *s = w->cell[l->cols[i]];
        if (w->raw & 1u << l->cols[i])
            csv_raw(c, s ? s : "");
        else
            csv_cell(c, s ? s : "");
    }
    csv_end(c);
}

/* ---- The académie ------------------------------------------------------- */

typedef struct pupil {
    uint16_t surname, first; /* SURNAMES, and GIRLS or BOYS */
    uint8_t girl;
    uint8_t fate;
    uint8_t by_name;         /* the sheet names the pupil, no INE */
    uint32_t cls;            /* index in the lycée's classes */
    int32_t birth;
    char ine[12];
} pupil;

typedef struct school {
    int index;
    char uai[9];
    char name[96];
    char town[64];
    int roll_pronote;        /* else SIECLE */
    uint32_t npupils, nclasses;
    char (*classes)[16];
    pupil *pupils;
    unsigned long expected[S_COUNT], unknown_rows, placeholder_rows;
} school;

typedef struct gen {
    const char *out;
    uint64_t seed;
    uint32_t pupils, schools;
    int single;
    int32_t as_of, start, end;
    uint32_t ine_next;       /* pupils numbered so far, for the INEs */
    buf manifest, ecoles, attendu;
    unsigned long files, classes, placement_rows;
} gen;

static const char *first_name(const pupil *p)
{
    return p->girl ? GIRLS[p->first] : BOYS[p->first];
}

/* The UAI's letter is the rank of its 7-digit number modulo 23, as in the
 * real répertoire (which is why a typo is caught). */
static void make_uai(school *s)
{
    unsigned number = (unsigned)(s->index * 37 + 101) % 10000;
    const char *dep = DEPARTEMENTS[s->index % COUNT(DEPARTEMENTS)];
    unsigned long value = strtoul(dep, NULL, 10) * 10000 + number;

    snprintf(s->uai, sizeof s->uai, "%s%04u%c", dep, number,
             UAI_LETTERS[value % 23]);
}

/* A name and a town; the same name twice is in two towns (after 100
 * tries, when thousands of lycées exhaust the pairs, in the same one: the
 * UAI still tells them apart). */
static void make_identity(school *s, const school *previous, rng *r)
{
    for (int tries = 0;; tries++) {
        int clash = 0;

        snprintf(s->name, sizeof s->name, "%s %s", PICK(r, SCHOOL_KINDS),
                 PICK(r, SCHOOL_PATRONS));
        snprintf(s->town, sizeof s->town, "%s%s", PICK(r, TOWN_STEMS),
                 PICK(r, TOWN_TAILS));
        for (int i = 0; i < s->index && !clash; i++)
            clash = strcmp(previous[i].name, s->name) == 0 &&
                    strcmp(previous[i].town, s->town) == 0;
        if (!clash || tries == 100)
            return;
    }
}

/* "2nde 3", "2NDE 3", "2NDE C", "2GT3": one style per lycée. */
static void make_classes(school *s, rng *r)
{
    unsigned style = rng_below(r, 100);

    s->classes = xrealloc(NULL, s->nclasses * sizeof *s->classes);
    for (uint32_t c = 0; c < s->nclasses; c++) {
        if (style < 45)
            snprintf(s->classes[c], sizeof s->classes[c], "2nde %u",
                     (unsigned)c + 1);
        else if (style < 70 || (style < 85 && s->nclasses > 26))
            snprintf(s->classes[c], sizeof s->classes[c], "2NDE %u",
                     (unsigned)c + 1);
        else if (style < 85)
            snprintf(s->classes[c], sizeof s->classes[c], "2NDE %c",
                     'A' + (int)c);
        else
            snprintf(s->classes[c], sizeof s->classes[c], "2GT%u",
                     (unsigned)c + 1);
    }
}

/* The class as the secretary typed it: "2nde 3", "2NDE 3" or "2nde3";
 * stagecheck compares classes without case and spaces. */
static const char *scratch_class(scratch *sc, const char *cls, rng *r)
{
    char tmp[16];
    size_t n = 0;
    unsigned form = rng_below(r, 4);

    for (const char *p = cls; *p && n < sizeof tmp - 1; p++) {
        if (form == 1 && *p == ' ')
            continue;
        tmp[n++] = form == 2 && *p >= 'a' && *p <= 'z' ? (char)(*p - 32)
                   : form == 3 && *p >= 'A' && *p <= 'Z' ? (char)(*p + 32)
                                                         : *p;
    }
    tmp[n] = '\0';
    return scratch_printf(sc, "%s", tmp);
}

/* june_year: the year of the period (2025 for 2024-2025). */
static int32_t draw_birth(rng *r, int june_year)
{
    unsigned u = rng_below(r, 1000);
    /* Born in 2009 for most secondes of 2024-2025; a few repeat a year,
     * and some born in 2007 are of age by the period. */
    int year = june_year - (u < 20 ? 18 : u < 170 ? 17 : u < 970 ? 16 : 15);
    int32_t jan1 = days_from_civil(year, 1, 1);

    return jan1 + (int32_t)rng_below(r, (uint32_t)(days_from_civil(year + 1,
                                                                    1, 1) -
                                                   jan1));
}

static enum fate draw_fate(rng *r)
{
    unsigned u = rng_below(r, 1000), acc = 0;

    for (size_t i = 0; i < COUNT(FATES); i++) {
        acc += FATES[i].permille;
        if (u < acc)
            return FATES[i].fate;
    }
    return F_COMPLETE;
}

/* Name hash of one lycée: no two pupils of a class share a name (a row
 * naming one by name and class would be ambiguous), nor two pupils of the
 * lycée a name and a birth date (stagecheck takes them for one pupil
 * exported twice). */
typedef struct name_index {
    uint32_t *head, *next, mask;
} name_index;

static uint32_t name_key(const pupil *p)
{
    return (uint32_t)p->surname << 9 | (uint32_t)p->girl << 8 | p->first;
}

static int name_taken(const name_index *ix, const pupil *all,
                      const pupil *p)
{
    uint32_t key = name_key(p);

    for (uint32_t i = ix->head[(key * 2654435761u) & ix->mask]; i;
         i = ix->next[i - 1]) {
        const pupil *q = &all[i - 1];
        if (name_key(q) == key && (q->cls == p->cls || q->birth == p->birth))
            return 1;
    }
    return 0;
}

static void name_add(name_index *ix, const pupil *all, uint32_t i)
{
    uint32_t h = (name_key(&all[i]) * 2654435761u) & ix->mask;

    ix->next[i] = ix->head[h];
    ix->head[h] = i + 1;
}

/* INE: 9 digits and 2 letters. The digits are the pupil's number through
 * a bijection of [0, 10^7) (7654321 is prime to 10^7): unique, and they
 * look drawn. Rows of unknown pupils use "09", never "06". */
static void make_ine(char ine[12], const char *prefix, uint32_t number,
                     uint64_t seed, rng *r)
{
    uint64_t digits = ((uint64_t)number * 7654321u + seed % 10000000u) %
                      10000000u;

    snprintf(ine, 12, "%s%07u%c%c", prefix, (unsigned)digits,
             UAI_LETTERS[rng_below(r, sizeof UAI_LETTERS - 1)],
             UAI_LETTERS[rng_below(r, sizeof UAI_LETTERS - 1)]);
}

static int pupil_cmp(const void *a, const void *b)
{
    const pupil *x = a, *y = b;
    int c;

    if (x->cls != y->cls)
        return x->cls < y->cls ? -1 : 1;
    if (x->surname != y->surname)
        return x->surname < y->surname ? -1 : 1;
    /* bytewise: "Éloïse" after "Zoé", as some exports have it */
    if ((c = strcmp(first_name(x), first_name(y))) != 0)
        return c;
    if (x->birth != y->birth)
        return x->birth < y->birth ? -1 : 1;
    return strcmp(x->ine, y->ine);
}

/* Draws the pupils of a lycée, class by class, sorted as in an export. */
static void make_pupils(gen *g, school *s, rng *r)
{
    name_index ix;
    uint32_t buckets = 1;
    int june_year, month, day;

    civil_from_days(g->end, &june_year, &month, &day);

    while (buckets < 2 * s->npupils)
        buckets *= 2;
    ix.head = calloc(buckets, sizeof *ix.head);
    ix.next = xrealloc(NULL, s->npupils * sizeof *ix.next);
    ix.mask = buckets - 1;
    if (!ix.head)
        die("mémoire insuffisante");
    s->pupils = xrealloc(NULL, s->npupils * sizeof *s->pupils);
    for (uint32_t i = 0; i < s->npupils; i++) {
        pupil *p = &s->pupils[i];

        memset(p, 0, sizeof *p);
        /* Classes as even as can be: 29 and 30 pupils, say. */
        p->cls = (uint32_t)((uint64_t)i * s->nclasses / s->npupils);
        do {
            p->girl = (uint8_t)rng_below(r, 2);
            p->surname = (uint16_t)rng_below(r, COUNT(SURNAMES));
            p->first = (uint16_t)(p->girl ? rng_below(r, COUNT(GIRLS))
                                          : rng_below(r, COUNT(BOYS)));
            p->birth = draw_birth(r, june_year);
        } while (name_taken(&ix, s->pupils, p));
        name_add(&ix, s->pupils, i);
        p->fate = (uint8_t)draw_fate(r);
        p->by_name = (uint8_t)rng_permille(r, BY_NAME_PERMILLE);
        make_ine(p->ine, "06", g->ine_next++, g->seed, r);
    }
    qsort(s->pupils, s->npupils, sizeof *s->pupils, pupil_cmp);
    free(ix.head);
    free(ix.next);
}

/* ---- Files -------------------------------------------------------------- */

static void file_path(char *path, size_t size, const gen *g, const school *s,
                      const char *what)
{
    if (g->single)
        snprintf(path, size, "%s/%s.csv", g->out, what);
    else
        snprintf(path, size, "%s/%s-%s.csv", g->out, s->uai, what);
}

/* Writes a file and its manifest line. */
static void finish_file(gen *g, const school *s, const char *what,
                        const char *type, csv *c, enum encoding enc)
{
    char path[4096];
    const char *name;

    file_path(path, sizeof path, g, s, what);
    write_file(path, &c->text, enc);
    name = strrchr(path, '/') + 1;
    /* rows below the header line: the header is the first row written */
    buf_printf(&g->manifest, "%s;%s;%s;%lu\n", name, type,
               ENCODING_NAMES[enc], c->rows - 1);
    g->files++;
    free(c->text.data);
}

/* The UAI and school columns, first or last of a lycée's file; a school
 * column in four files out of five. */
static void layout_school(const gen *g, layout *l, rng *r)
{
    if (g->single)
        return;
    layout_add(l, r, C_UAI);
    if (rng_permille(r, 800))
        layout_add(l, r, C_SCHOOL);
}

static void fill_school(const school *s, row *w)
{
    w->cell[C_UAI] = s->uai;
    w->cell[C_SCHOOL] = s->name;
}

/* SIECLE: Windows-1252, ';', CRLF, sometimes two title lines above the
 * header, INE sometimes written ="...". */
static void write_roll_siecle(gen *g, school *s, rng *r)
{
    csv c = {{NULL, 0, 0}, ';', "\r\n", 0, 0};
    layout l = {0};
    int school_first = rng_permille(r, 500);
    row w;

    if (school_first)
        layout_school(g, &l, r);
    layout_add(&l, r, C_SURNAME);
    layout_add(&l, r, C_FIRST);
    layout_add(&l, r, C_BIRTH);
    layout_add(&l, r, C_CLASS);
    layout_add(&l, r, C_INE);
    layout_add(&l, r, C_SEX);
    layout_add(&l, r, C_REGIME);
    if (!school_first)
        layout_school(g, &l, r);
    if (rng_permille(r, 500)) {
        char today[16];
        /* title lines: not rows of the table */
        format_date(today, sizeof today, g->as_of, D_FR);
        buf_printf(&c.text, "%s — extraction SIECLE (base élèves "
                            "établissement)\r\n", s->name);
        buf_printf(&c.text, "Date d'extraction : %s 08:42\r\n", today);
    }
    csv_header(&c, &l);
    for (uint32_t i = 0; i < s->npupils; i++) {
        const pupil *p = &s->pupils[i];

        row_clear(&w);
        fill_school(s, &w);
        w.cell[C_SURNAME] = SURNAMES[p->surname];
        w.cell[C_FIRST] = first_name(p);
        w.cell[C_BIRTH] = scratch_date(&w.s, p->birth, D_FR);
        w.cell[C_CLASS] = s->classes[p->cls];
        if (rng_permille(r, 100)) {
            w.cell[C_INE] = scratch_printf(&w.s, "=\"%s\"", p->ine);
            w.raw |= 1u << C_INE;
        } else {
            w.cell[C_INE] = p->ine;
        }
        w.cell[C_SEX] = p->girl ? "F" : "M";
        w.cell[C_REGIME] = PICK(r, REGIMES);
        csv_row(&c, &l, &w);
    }
    finish_file(g, s, "eleves", "eleves", &c, E_CP1252);
}

/* Pronote "Texte Unicode": UTF-16LE with BOM, TAB, CRLF, one "NOM Prénom"
 * column, birth dates J/M/AAAA or JJ/MM/AAAA. */
static void write_roll_pronote(gen *g, school *s, rng *r)
{
    csv c = {{NULL, 0, 0}, '\t', "\r\n", 0, 0};
    layout l = {0};
    int school_first = rng_permille(r, 500);
    enum date_style style = rng_permille(r, 500) ? D_SHORT : D_FR;
    row w;

    if (school_first)
        layout_school(g, &l, r);
    layout_add(&l, r, C_FULLNAME);
    layout_add(&l, r, C_CLASS);
    layout_add(&l, r, C_BIRTH);
    layout_add(&l, r, C_INE);
    layout_add(&l, r, C_OPTION);
    if (!school_first)
        layout_school(g, &l, r);
    csv_header(&c, &l);
    for (uint32_t i = 0; i < s->npupils; i++) {
        const pupil *p = &s->pupils[i];

        row_clear(&w);
        fill_school(s, &w);
        w.cell[C_FULLNAME] = scratch_printf(&w.s, "%s %s",
                                            SURNAMES[p->surname],
                                            first_name(p));
        w.cell[C_CLASS] = s->classes[p->cls];
        w.cell[C_BIRTH] = scratch_date(&w.s, p->birth, style);
        w.cell[C_INE] = p->ine;
        w.cell[C_OPTION] = PICK(r, OPTIONS);
        csv_row(&c, &l, &w);
    }
    finish_file(g, s, "eleves", "eleves", &c, E_UTF16LE);
}

/* What the placement rows of one lycée share. */
typedef struct stages {
    gen *g;
    school *s;
    rng *r;
    csv c;
    layout l;
    row w;
} stages;

static const char *date_cell(stages *x, int32_t days)
{
    unsigned u = rng_below(x->r, 100);

    return scratch_date(&x->w.s, days, u < 85 ? D_FR : u < 93 ? D_ISO
                                                              : D_TIME);
}

/* A "yes": a word, or the day it was signed, in May. */
static const char *yes_cell(stages *x)
{
    const char *v = PICK(x->r, YES_FORMS);

    if (strcmp(v, "date") != 0)
        return v;
    return date_cell(x, x->g->start - 45 + (int32_t)rng_below(x->r, 25));
}

/* The cells that name the pupil. */
static void fill_who(stages *x, const pupil *p)
{
    row *w = &x->w;
    rng *r = x->r;
    const school *s = x->s;

    fill_school(s, w);
    if (!p->by_name) {
        unsigned u = rng_below(r, 100);
        if (u < 5) {
            w->cell[C_INE] = scratch_printf(&w->s, "=\"%s\"", p->ine);
            w->raw |= 1u << C_INE;
        } else if (u < 8) { /* typed in lower case: stagecheck does not mind */
            char low[12];
            for (int i = 0; i < 12; i++)
                low[i] = p->ine[i] >= 'A' && p->ine[i] <= 'Z'
                             ? (char)(p->ine[i] + 32) : p->ine[i];
            w->cell[C_INE] = scratch_printf(&w->s, "%s", low);
        } else {
            w->cell[C_INE] = p->ine;
        }
        if (rng_permille(r, 600))
            return; /* the INE alone */
    }
    w->cell[C_SURNAME] = scratch_name(&w->s, SURNAMES[p->surname],
                                      (enum name_form)(rng_below(r, 3)));
    w->cell[C_FIRST] = scratch_name(&w->s, first_name(p),
                                    rng_permille(r, 800)
                                        ? N_AS_IS
                                        : (enum name_form)(2 +
                                                           rng_below(r, 2)));
    w->cell[C_CLASS] = scratch_class(&w->s, s->classes[p->cls], r);
    if (rng_permille(r, 300))
        w->cell[C_BIRTH] = scratch_date(&w->s, p->birth, D_FR);
}

/* A complete convention at a host from start to end. */
static void fill_place(stages *x, int32_t start, int32_t end)
{
    row *w = &x->w;
    rng *r = x->r;

    if (x->l.has[C_COUNTRY] && rng_permille(r, 5)) {
        const struct abroad *a = &PICK(r, ABROAD);
        w->cell[C_HOST] = a->name;
        w->cell[C_HOST_TYPE] = HOST_TYPE_SPELLINGS[HT_ENTREPRISE][0];
        w->cell[C_CITY] = a->city;
        w->cell[C_COUNTRY] = a->country;
    } else {
        uint32_t h = rng_below(r, COUNT(HOSTS));
        unsigned spelling = rng_below(r, 10);
        rng siret = rng_for(x->g->seed ^ UINT64_C(0x5157), (uint64_t)x->s->index
                                                               << 8 | h);
        w->cell[C_HOST] = scratch_printf(&w->s, HOSTS[h].name, x->s->town);
        w->cell[C_HOST_TYPE] =
            HOST_TYPE_SPELLINGS[HOSTS[h].type][spelling < 8 ? 0 : spelling - 7];
        /* one SIRET per host and lycée */
        w->cell[C_SIRET] = scratch_printf(
            &w->s, "%09u%05u", (unsigned)(rng_next(&siret) % 1000000000u),
            (unsigned)(rng_next(&siret) % 100000u));
        w->cell[C_CITY] = x->s->town;
        if (rng_permille(r, 100))
            w->cell[C_COUNTRY] = "France";
    }
    w->cell[C_START] = date_cell(x, start);
    w->cell[C_END] = date_cell(x, end);
    w->cell[C_SIGN_HEAD] = yes_cell(x);
    w->cell[C_SIGN_HOST] = yes_cell(x);
    w->cell[C_SIGN_PUPIL] = yes_cell(x);
    w->cell[C_SIGN_PARENT] = yes_cell(x);
    /* the two-line cell is rare */
    w->cell[C_ACTIVITIES] = ACTIVITIES[rng_permille(r, 10)
                                           ? COUNT(ACTIVITIES) - 1
                                           : rng_below(r, COUNT(ACTIVITIES) -
                                                              1)];
    w->cell[C_SKILLS] = PICK(r, SKILLS);
    w->cell[C_INS_PUPIL] = yes_cell(x);
    w->cell[C_INS_HOST] = yes_cell(x);
    w->cell[C_TUTOR] = scratch_printf(&w->s, "%s %s",
                                      rng_permille(r, 500) ? "M." : "Mme",
                                      scratch_name(&w->s, PICK(r, SURNAMES),
                                                   N_TITLE));
}

static int is_minor(const gen *g, const pupil *p)
{
    int y, m, d;

    civil_from_days(p->birth, &y, &m, &d);
    /* born on 29 February: of age on 1 March */
    if (m == 2 && d == 29)
        return g->start < days_from_civil(y + 18, 3, 1);
    return g->start < days_from_civil(y + 18, m, d);
}

/* Takes one or two things out of a complete convention: a signature "non"
 * or empty, an insurance, the activities or the skills. Only what makes the
 * file incomplete for stagecheck: the représentant légal signs for minors
 * only, and the host's insurance counts when the sheet has the column. */
static void spoil_place(stages *x, const pupil *p)
{
    enum col can[8];
    int n = 0, times = rng_permille(x->r, 250) ? 2 : 1;

    can[n++] = C_SIGN_HEAD;
    can[n++] = C_SIGN_HOST;
    can[n++] = C_SIGN_PUPIL;
    if (is_minor(x->g, p))
        can[n++] = C_SIGN_PARENT;
    can[n++] = C_INS_PUPIL;
    if (x->l.has[C_INS_HOST])
        can[n++] = C_INS_HOST;
    can[n++] = C_ACTIVITIES;
    can[n++] = C_SKILLS;
    while (times--) {
        enum col c = can[rng_below(x->r, (uint32_t)n)];
        x->w.cell[c] = c == C_ACTIVITIES || c == C_SKILLS
                           ? ""
                           : PICK(x->r, NO_FORMS);
    }
}

static void emit(stages *x)
{
    csv_row(&x->c, &x->l, &x->w);
    x->g->placement_rows++;
}

static void place_row(stages *x, const pupil *p, int32_t start, int32_t end)
{
    row_clear(&x->w);
    fill_who(x, p);
    fill_place(x, start, end);
    emit(x);
}

/* A dispense: no host, the dates of the SNU or of the mobility. */
static enum status dispense_row(stages *x, const pupil *p)
{
    row *w = &x->w;
    rng *r = x->r;
    const gen *g = x->g;
    int proof = rng_below(r, 3) != 0;

    row_clear(w);
    fill_who(x, p);
    switch (rng_below(r, 4)) {
    case 0: /* séjour de cohésion during the period */
        w->cell[C_DISPENSE] = PICK(r, DISPENSE_SNU);
        w->cell[C_START] = date_cell(x, g->start);
        w->cell[C_END] = date_cell(x, g->end);
        break;
    case 1: /* in July: still granted */
        w->cell[C_DISPENSE] = PICK(r, DISPENSE_SNU);
        w->cell[C_START] = date_cell(x, g->end + 3);
        w->cell[C_END] = date_cell(x, g->end + 14);
        break;
    default: /* a mobility of more than two weeks over the period */
        w->cell[C_DISPENSE] = PICK(r, DISPENSE_MOBILITY);
        w->cell[C_START] = date_cell(x, g->start - 14);
        w->cell[C_END] = date_cell(x, g->end);
        break;
    }
    w->cell[C_PROOF] = proof ? yes_cell(x) : PICK(r, NO_FORMS);
    emit(x);
    return proof ? S_DISPENSED : S_INCOMPLETE;
}

/* All the rows of one pupil; returns the status stagecheck should give. */
static enum status pupil_rows(stages *x, const pupil *p)
{
    const gen *g = x->g;
    rng *r = x->r;

    if (p->fate != F_NONE && rng_permille(r, PLACEHOLDER_PERMILLE)) {
        row_clear(&x->w);
        fill_who(x, p);
        emit(x);
        x->s->placeholder_rows++;
    }
    switch (p->fate) {
    case F_NONE:
        return S_NO_HOST;
    case F_DISPENSE:
        return dispense_row(x, p);
    case F_SPLIT:
        /* one place per week, sometimes typed second week first */
        if (rng_permille(r, 300)) {
            place_row(x, p, g->start + 7, g->end);
            place_row(x, p, g->start, g->start + 4);
        } else {
            place_row(x, p, g->start, g->start + 4);
            place_row(x, p, g->start + 7, g->end);
        }
        return S_READY;
    case F_INCOMPLETE:
        row_clear(&x->w);
        fill_who(x, p);
        fill_place(x, g->start, g->end);
        spoil_place(x, p);
        emit(x);
        return S_INCOMPLETE;
    case F_BAD:
        if (rng_permille(r, 500)) {
            /* a week early: outside the period */
            place_row(x, p, g->start - 7, g->start + 4);
        } else {
            /* two places sharing two days */
            place_row(x, p, g->start, g->start + 8);
            place_row(x, p, g->start + 7, g->end);
        }
        return S_CHECK;
    default:
        place_row(x, p, g->start, g->end);
        return S_READY;
    }
}

/* A complete placement of a pupil the roll does not have: an INE of no
 * one, or a name no pupil bears. */
static void unknown_row(stages *x)
{
    row *w = &x->w;
    rng *r = x->r;
    const school *s = x->s;

    row_clear(w);
    fill_school(s, w);
    if (rng_permille(r, 500)) {
        char ine[12];
        make_ine(ine, "09", rng_below(r, 10000000), 0, r);
        w->cell[C_INE] = scratch_printf(&w->s, "%s", ine);
    } else {
        int girl = (int)rng_below(r, 2);
        w->cell[C_SURNAME] = PICK(r, UNKNOWN_SURNAMES);
        w->cell[C_FIRST] = girl ? PICK(r, GIRLS) : PICK(r, BOYS);
        w->cell[C_CLASS] = s->classes[rng_below(r, s->nclasses)];
    }
    fill_place(x, x->g->start, x->g->end);
    emit(x);
    x->s->unknown_rows++;
}

/* The tracking sheet: UTF-8 with BOM or Windows-1252, ';' or ',', LF or
 * CRLF; optional columns come and go. */
static void write_stages(gen *g, school *s, rng *r)
{
    stages x;
    layout *l = &x.l;
    unsigned u = rng_below(r, 100);
    enum encoding enc = u < 60 ? E_UTF8_BOM : E_CP1252;
    int school_first = rng_permille(r, 500);

    memset(&x.c, 0, sizeof x.c);
    memset(l, 0, sizeof *l);
    x.g = g, x.s = s, x.r = r;
    x.c.sep = rng_permille(r, 750) ? ';' : ',';
    x.c.eol = rng_permille(r, 500) ? "\n" : "\r\n";
    if (school_first)
        layout_school(g, l, r);
    layout_add(l, r, C_INE);
    layout_add(l, r, C_SURNAME);
    layout_add(l, r, C_FIRST);
    layout_add(l, r, C_CLASS);
    if (rng_permille(r, 300))
        layout_add(l, r, C_BIRTH);
    layout_add(l, r, C_HOST);
    layout_add(l, r, C_HOST_TYPE);
    if (rng_permille(r, 700))
        layout_add(l, r, C_SIRET);
    layout_add(l, r, C_CITY);
    if (rng_permille(r, 500))
        layout_add(l, r, C_COUNTRY);
    layout_add(l, r, C_START);
    layout_add(l, r, C_END);
    layout_add(l, r, C_SIGN_HEAD);
    layout_add(l, r, C_SIGN_HOST);
    layout_add(l, r, C_SIGN_PUPIL);
    layout_add(l, r, C_SIGN_PARENT);
    layout_add(l, r, C_ACTIVITIES);
    layout_add(l, r, C_SKILLS);
    layout_add(l, r, C_INS_PUPIL);
    if (rng_permille(r, 700))
        layout_add(l, r, C_INS_HOST);
    layout_add(l, r, C_DISPENSE);
    layout_add(l, r, C_PROOF);
    if (rng_permille(r, 400))
        layout_add(l, r, C_TUTOR);
    if (!school_first)
        layout_school(g, l, r);
    csv_header(&x.c, l);
    for (uint32_t i = 0; i < s->npupils; i++) {
        s->expected[pupil_rows(&x, &s->pupils[i])]++;
        if (rng_permille(r, UNKNOWN_PERMILLE))
            unknown_row(&x);
    }
    finish_file(g, s, "stages", "stages", &x.c, enc);
}

/* ---- Main --------------------------------------------------------------- */

static void usage(FILE *fp)
{
    fputs("usage : gen-academie --out DOSSIER [--seed N] [--pupils N] "
          "[--schools N] [--single] [--as-of AAAA-MM-JJ]\n"
          "  Écrit une académie fictive (listes d'élèves et suivis de stages "
          "par lycée),\n"
          "  manifest.csv, ecoles.csv et attendu.csv. Par défaut : graine 1, "
          "50000 élèves, 200 lycées,\n"
          "  date de référence 2025-05-26.\n",
          fp);
}

static uint64_t parse_number(const char *opt, const char *text, uint64_t min,
                             uint64_t max)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!text || !*text || *text == '-')
        die("%s : nombre attendu", opt);
    v = strtoull(text, &end, 10);
    if (errno || *end || v < min || v > max)
        die("%s : nombre entre %llu et %llu attendu, pas « %s »", opt,
            (unsigned long long)min, (unsigned long long)max, text);
    return v;
}

static int32_t parse_iso(const char *text)
{
    int y, m, d, n = 0;

    if (!text || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
        text[n] || m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 ||
        y > 9000)
        die("--as-of : date AAAA-MM-JJ attendue");
    return days_from_civil(y, m, d);
}

static void parse_args(gen *g, int argc, char **argv)
{
    g->seed = 1;
    g->pupils = 50000;
    g->schools = 200;
    g->as_of = days_from_civil(2025, 5, 26);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--single") == 0) {
            g->single = 1;
        } else if (strcmp(a, "--out") == 0 && v) {
            g->out = v, i++;
        } else if (strcmp(a, "--seed") == 0) {
            g->seed = parse_number(a, v, 0, UINT64_MAX), i++;
        } else if (strcmp(a, "--pupils") == 0) {
            g->pupils = (uint32_t)parse_number(a, v, 1, 5000000), i++;
        } else if (strcmp(a, "--schools") == 0) {
            /* 9999: the UAI numbers stay unique */
            g->schools = (uint32_t)parse_number(a, v, 1, 9999), i++;
        } else if (strcmp(a, "--as-of") == 0) {
            g->as_of = parse_iso(v), i++;
        } else {
            usage(stderr);
            exit(2);
        }
    }
    if (!g->out) {
        usage(stderr);
        exit(2);
    }
    if (g->single)
        g->schools = 1;
    if (g->pupils < g->schools)
        die("--pupils (%u) doit être au moins --schools (%u)",
            (unsigned)g->pupils, (unsigned)g->schools);
}

/* Lycée sizes: weights from 60 to 140, the pupils shared in proportion,
 * the remainder one by one from the first lycée. */
static uint32_t *share_pupils(const gen *g)
{
    rng r = rng_for(g->seed, UINT64_C(0xACAD));
    uint32_t *size = xrealloc(NULL, g->schools * sizeof *size);
    uint64_t total = 0, given = 0;

    for (uint32_t i = 0; i < g->schools; i++)
        total += size[i] = 60 + rng_below(&r, 81);
    for (uint32_t i = 0; i < g->schools; i++)
        given += size[i] = (uint32_t)(g->pupils * (uint64_t)size[i] / total);
    for (uint32_t i = 0; given < g->pupils; i = (i + 1) % g->schools, given++)
        size[i]++;
    /* every lycée has at least one pupil (pupils >= schools) */
    for (uint32_t i = 0, j = 0; i < g->schools; i++)
        while (size[i] == 0) {
            if (size[j] > 1)
                size[j]--, size[i]++;
            j = (j + 1) % g->schools;
        }
    return size;
}

int main(int argc, char **argv)
{
    gen g;
    school *schools;
    uint32_t *sizes;
    char from[16], to[16], path[4096];

    memset(&g, 0, sizeof g);
    parse_args(&g, argc, argv);
    default_period(g.as_of, &g.start, &g.end);
    if (mkdir(g.out, 0777) != 0 && errno != EEXIST)
        die("%s : %s", g.out, strerror(errno));
    sizes = share_pupils(&g);
    schools = calloc(g.schools, sizeof *schools);
    if (!schools)
        die("mémoire insuffisante");
    buf_puts(&g.manifest, "fichier;type;encodage;lignes\n");
    buf_puts(&g.ecoles, "UAI;Nom;Classes;Eleves\n");
    buf_puts(&g.attendu, "UAI");
    for (int st = 0; st < S_COUNT; st++)
        buf_printf(&g.attendu, ";%s", STATUS_LABELS[st]);
    buf_puts(&g.attendu, ";Lignes sans élève connu;Lignes sans stage\n");

    for (uint32_t i = 0; i < g.schools; i++) {
        school *s = &schools[i];
        rng r = rng_for(g.seed, i);

        s->index = (int)i;
        s->npupils = sizes[i];
        /* about 29.4 pupils a class: 8.5 classes for 250 pupils */
        s->nclasses = (s->npupils * 10 + 147) / 294;
        if (s->nclasses == 0)
            s->nclasses = 1;
        g.classes += s->nclasses;
        make_uai(s);
        make_identity(s, schools, &r);
        s->roll_pronote = i % 2 == 1;
        make_classes(s, &r);
        make_pupils(&g, s, &r);
        if (s->roll_pronote)
            write_roll_pronote(&g, s, &r);
        else
            write_roll_siecle(&g, s, &r);
        write_stages(&g, s, &r);

        buf_printf(&g.ecoles, "%s;%s;%u;%u\n", s->uai, s->name,
                   (unsigned)s->nclasses, (unsigned)s->npupils);
        buf_printf(&g.attendu, "%s", s->uai);
        for (int st = 0; st < S_COUNT; st++)
            buf_printf(&g.attendu, ";%lu", s->expected[st]);
        buf_printf(&g.attendu, ";%lu;%lu\n", s->unknown_rows,
                   s->placeholder_rows);
        free(s->pupils);
        free(s->classes);
        s->pupils = NULL;
        s->classes = NULL;
    }
    snprintf(path, sizeof path, "%s/manifest.csv", g.out);
    write_file(path, &g.manifest, E_UTF8);
    snprintf(path, sizeof path, "%s/ecoles.csv", g.out);
    write_file(path, &g.ecoles, E_UTF8);
    snprintf(path, sizeof path, "%s/attendu.csv", g.out);
    write_file(path, &g.attendu, E_UTF8);

    format_date(from, sizeof from, g.start, D_FR);
    format_date(to, sizeof to, g.end, D_FR);
    printf("gen-academie : %lu fichiers, %u lycée%s, %lu classes, %u élèves, "
           "%lu lignes de stage ; période du %s au %s ; graine %llu -> %s\n",
           g.files, (unsigned)g.schools, g.schools > 1 ? "s" : "", g.classes,
           (unsigned)g.pupils, g.placement_rows, from, to,
           (unsigned long long)g.seed, g.out);
    free(g.manifest.data);
    free(g.ecoles.data);
    free(g.attendu.data);
    free(schools);
    free(sizes);
    return 0;
}
