/*
 * header.c - finding the header row of an export and mapping its columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "stagecheck/base/array.h"
#include "stagecheck/input/header.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/csv.h"

typedef struct header_alias {
    const char *key; /* sc_text_key of the alias */
    sc_field field;
} header_alias;

/* Aliases, already in sc_text_key form ("N° INE" -> "nine"). */
static const header_alias header_aliases[] = {
    {"nom", SC_FIELD_SURNAME},
    {"nomdefamille", SC_FIELD_SURNAME},
    {"nomdusage", SC_FIELD_SURNAME},
    {"nomeleve", SC_FIELD_SURNAME},
    {"nomdeleleve", SC_FIELD_SURNAME},
    {"prenom", SC_FIELD_FIRST},
    {"prenom1", SC_FIELD_FIRST},
    {"premierprenom", SC_FIELD_FIRST},
    {"prenomeleve", SC_FIELD_FIRST},
    {"eleve", SC_FIELD_FULLNAME},
    {"eleves", SC_FIELD_FULLNAME},
    {"nometprenom", SC_FIELD_FULLNAME},
    {"nomprenom", SC_FIELD_FULLNAME},
    {"classe", SC_FIELD_CLASS},
    {"div", SC_FIELD_CLASS},                  /* SIECLE's "DIV." */
    {"classederattachement", SC_FIELD_CLASS}, /* Pronote's "Élèves" list */
    {"division", SC_FIELD_CLASS},
    {"ine", SC_FIELD_INE},
    {"nine", SC_FIELD_INE},
    {"noine", SC_FIELD_INE},
    {"numeroine", SC_FIELD_INE},
    {"datedenaissance", SC_FIELD_BIRTH},
    {"neele", SC_FIELD_BIRTH},
    {"nele", SC_FIELD_BIRTH},
    {"datenaiss", SC_FIELD_BIRTH},
    {"datenaissance", SC_FIELD_BIRTH},
    {"structuredaccueil", SC_FIELD_HOST},
    {"organismedaccueil", SC_FIELD_HOST},
    {"lieudaccueil", SC_FIELD_HOST},
    {"entreprise", SC_FIELD_HOST},
    {"raisonsociale", SC_FIELD_HOST},
    {"typedestructure", SC_FIELD_HOST_TYPE},
    {"typedorganisme", SC_FIELD_HOST_TYPE},
    {"siret", SC_FIELD_SIRET},
    {"nsiret", SC_FIELD_SIRET},
    {"numerosiret", SC_FIELD_SIRET},
    {"commune", SC_FIELD_CITY},
    {"ville", SC_FIELD_CITY},
    {"pays", SC_FIELD_COUNTRY},
    {"datededebut", SC_FIELD_START},
    {"debut", SC_FIELD_START},
    {"du", SC_FIELD_START},
    {"datedefin", SC_FIELD_END},
    {"fin", SC_FIELD_END},
    {"au", SC_FIELD_END},
    {"signaturechefdetablissement", SC_FIELD_SIGN_HEAD},
    {"signaturestructuredaccueil", SC_FIELD_SIGN_HOST},
    {"signatureorganismedaccueil", SC_FIELD_SIGN_HOST},
    {"signatureeleve", SC_FIELD_SIGN_PUPIL},
    {"signaturerepresentantlegal", SC_FIELD_SIGN_PARENT},
    {"signatureresponsablelegal", SC_FIELD_SIGN_PARENT},
    {"signatureparents", SC_FIELD_SIGN_PARENT},
    {"activitesprevues", SC_FIELD_ACTIVITIES},
    {"competencesvisees", SC_FIELD_SKILLS},
    {"attestationassuranceeleve", SC_FIELD_INS_PUPIL},
    {"assuranceeleve", SC_FIELD_INS_PUPIL},
    {"attestationresponsabilitecivile", SC_FIELD_INS_PUPIL},
    {"assurancestructure", SC_FIELD_INS_HOST},
    {"responsabilitecivilestructure", SC_FIELD_INS_HOST},
    {"dispense", SC_FIELD_DISPENSE},
    {"motifdedispense", SC_FIELD_DISPENSE},
    {"justificatif", SC_FIELD_PROOF},
    {"justificatifdispense", SC_FIELD_PROOF},
    {"uai", SC_FIELD_UAI},
    {"rne", SC_FIELD_UAI},
    {"codeuai", SC_FIELD_UAI},
    {"codeetablissement", SC_FIELD_UAI},
    {"etablissement", SC_FIELD_SCHOOL},
    {"mef", SC_FIELD_MEF},
    {"codemef", SC_FIELD_MEF},
    {"libellemef", SC_FIELD_MEF},
    {"sortie", SC_FIELD_LEFT},                /* Pronote */
    {"datedesortie", SC_FIELD_LEFT},
    {"datesortie", SC_FIELD_LEFT},
    {"nometablissement", SC_FIELD_SCHOOL},
};

static const char *const field_labels[SC_FIELD_COUNT] = {
    [SC_FIELD_SURNAME] = "Nom",
    [SC_FIELD_FIRST] = "Prénom",
    [SC_FIELD_FULLNAME] = "Élève",
    [SC_FIELD_CLASS] = "Classe",
    [SC_FIELD_INE] = "INE",
    [SC_FIELD_BIRTH] = "Date de naissance",
    [SC_FIELD_HOST] = "Structure d'accueil",
    [SC_FIELD_HOST_TYPE] = "Type de structure",
    [SC_FIELD_SIRET] = "SIRET",
    [SC_FIELD_CITY] = "Commune",
    [SC_FIELD_COUNTRY] = "Pays",
    [SC_FIELD_START] = "Date de début",
    [SC_FIELD_END] = "Date de fin",
    [SC_FIELD_SIGN_HEAD] = "Signature chef d'établissement",
    [SC_FIELD_SIGN_HOST] = "Signature structure d'accueil",
    [SC_FIELD_SIGN_PUPIL] = "Signature élève",
    [SC_FIELD_SIGN_PARENT] = "Signature représentant légal",
    [SC_FIELD_ACTIVITIES] = "Activités prévues",
    [SC_FIELD_SKILLS] = "Compétences visées",
    [SC_FIELD_INS_PUPIL] = "Attestation assurance élève",
    [SC_FIELD_INS_HOST] = "Assurance structure",
    [SC_FIELD_DISPENSE] = "Dispense",
    [SC_FIELD_PROOF] = "Justificatif",
    [SC_FIELD_UAI] = "UAI",
    [SC_FIELD_SCHOOL] = "Établissement",
    [SC_FIELD_MEF] = "MEF",
    [SC_FIELD_LEFT] = "Date de sortie",
};

const char *sc_header_field_label(sc_field field)
{
    if ((unsigned)field >= SC_FIELD_COUNT)
        return "?";
    return field_labels[field];
}

sc_error sc_header_alias_add(sc_aliases *list, sc_field field,
                        const char *header_text)
{
    char *key;

    if (sc_array_reserve((void **)&list->items, &list->cap, list->count,
                         sizeof *list->items) != SC_OK)
        return SC_ERROR_MEMORY;
    key = sc_text_key(header_text);
    if (!key)
        return SC_ERROR_MEMORY;
    list->items[list->count++] = (sc_alias){key, field};
    return SC_OK;
}

void sc_header_aliases_clear(sc_aliases *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].key);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* Returns the field whose alias is key, or SC_FIELD_COUNT. */
static sc_field header_field_of_key(const char *key, const sc_aliases *extra)
{
    sc_field field = SC_FIELD_COUNT;

    for (size_t i = 0; extra && i < extra->count; i++)
        if (strcmp(key, extra->items[i].key) == 0) {
            field = extra->items[i].field;
            goto found;
        }
    for (size_t i = 0; i < sizeof header_aliases / sizeof *header_aliases; i++)
        if (strcmp(key, header_aliases[i].key) == 0) {
            field = header_aliases[i].field;
            break;
        }
found:
    return field;
}

sc_field sc_header_field_with(const char *cell, const sc_aliases *extra)
{
    char *key = sc_text_key(cell);
    sc_field field = key ? header_field_of_key(key, extra) : SC_FIELD_COUNT;

    free(key);
    return field;
}

sc_field sc_header_field(const char *cell)
{
    return sc_header_field_with(cell, NULL);
}

static int header_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* Returns 1 if two header cells say the same thing whatever their case
 * and accents ("Prénom", "PRÉNOM", "PRENOM"), whatever the locale. Most
 * cells are ASCII and compared at once: the repeated-header test runs on
 * every row. Out of memory, two cells are taken as different. */
static int header_same_text(const char *a, const char *b)
{
    char *ka, *kb;
    int same;

    if (strcasecmp(a, b) == 0)
        return 1;
    if (header_ascii(a) && header_ascii(b))
        return 0;
    ka = sc_text_key(a);
    kb = sc_text_key(b);
    same = ka && kb && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

/* Maps one row; the first column of a field wins, and a later column with
 * the same title is noted in again[]. */
static sc_error header_map_row(const sc_row *row, const sc_aliases *extra,
                               sc_header *out)
{
    for (int f = 0; f < SC_FIELD_COUNT; f++)
        out->col[f] = out->again[f] = -1;
    for (size_t c = 0; c < row->nfields && c < (size_t)INT32_MAX; c++) {
        /* A cell that could not be folded is no unknown column. */
        char *key = sc_text_key(row->fields[c]);
        sc_field f;

        if (!key)
            return SC_ERROR_MEMORY;
        f = header_field_of_key(key, extra);
        free(key);
        if (f == SC_FIELD_COUNT)
            continue;
        if (out->col[f] < 0)
            out->col[f] = (int)c;
        else if (out->again[f] < 0 &&
                 header_same_text(row->fields[c], row->fields[out->col[f]]))
            out->again[f] = (int)c;
    }
    /* A lone "Nom", with no Prénom nor INE beside it, holds "NOM Prénom"
     * (Pronote's class lists). */
    if (out->col[SC_FIELD_SURNAME] >= 0 && out->col[SC_FIELD_FIRST] < 0 &&
        out->col[SC_FIELD_FULLNAME] < 0 && out->col[SC_FIELD_INE] < 0) {
        out->col[SC_FIELD_FULLNAME] = out->col[SC_FIELD_SURNAME];
        out->col[SC_FIELD_SURNAME] = -1;
    }
    return SC_OK;
}

static int header_has_name(const sc_header *h)
{
    return (h->col[SC_FIELD_SURNAME] >= 0 && h->col[SC_FIELD_FIRST] >= 0) ||
           h->col[SC_FIELD_FULLNAME] >= 0;
}

/* Returns 1 if h has a column only a placements file has. */
static int header_has_placement(const sc_header *h)
{
    static const sc_field only[] = {
        SC_FIELD_HOST, SC_FIELD_HOST_TYPE, SC_FIELD_START, SC_FIELD_END,
        SC_FIELD_SIGN_HEAD, SC_FIELD_SIGN_HOST, SC_FIELD_DISPENSE};

    for (size_t i = 0; i < sizeof only / sizeof *only; i++)
        if (h->col[only[i]] >= 0)
            return 1;
    return 0;
}

/* Returns NULL when h has the required columns of kind, else what is
 * missing, in French. */
static const char *header_missing(const sc_header *h, sc_kind kind)
{
    if (kind == SC_KIND_ROLL) {
        if (!header_has_name(h))
            return "le nom de l'élève (« Nom » et « Prénom », ou « Élève »)";
        if (h->col[SC_FIELD_CLASS] < 0 && !h->class_given)
            return "la classe (« Classe » ou « Division »)";
        return NULL;
    }
    if (!header_has_name(h) && h->col[SC_FIELD_INE] < 0)
        return "l'élève (« INE », ou « Nom » et « Prénom », ou « Élève »)";
    if (!header_has_placement(h))
        return "le stage (« Structure d'accueil », « Date de début » ou "
               "« Dispense »)";
    return NULL;
}

/* The files swapped: a placements file given with --roll has its pupils'
 * names and classes too, and a roll given with --placements has no place
 * to check. Returns 1 (diag set) when row is the header of the other
 * kind. */
static int header_other_kind(const sc_table *table, const sc_header *h,
                             sc_kind kind, unsigned line, sc_diag *diag)
{
    if (kind == SC_KIND_ROLL && header_has_placement(h)) {
        sc_diag_set(diag, table->path, line,
                    "ce fichier a les colonnes d'un tableau de suivi des "
                    "stages (structure d'accueil, dates…) : donnez-le avec "
                    "--placements, et la liste d'élèves avec --roll");
        return 1;
    }
    if (kind == SC_KIND_PLACEMENTS && !header_has_placement(h) &&
        !header_missing(h, SC_KIND_ROLL)) {
        sc_diag_set(diag, table->path, line,
                    "aucune colonne de stage (« Structure d'accueil », "
                    "« Date de début » ou « Dispense ») : ce fichier "
                    "ressemble à une liste d'élèves, à donner avec --roll ; "
                    "si c'est bien le tableau de suivi, faites connaître ses "
                    "titres de colonnes dans la section [colonnes] du fichier "
                    "de configuration");
        return 1;
    }
    return 0;
}

/* Header rows sit near the top: beyond this many rows we stop looking. */
#define HEADER_SEARCH_ROWS 50

/* The file's name for an example of --roll FICHIER:CLASSE: its last
 * component, as a secretary would type it. */
static const char *header_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* A roll with the pupils' names but no class: a list per class (a
 * teacher's Pronote list) whose class must come with the file. */
static void header_no_class(const sc_table *table, unsigned line,
                            sc_diag *diag)
{
    sc_diag_set(diag, table->path, line,
                "aucune colonne de classe (« Classe » ou « Division ») : "
                "si c'est la liste d'une seule classe, donnez la classe avec "
                "le fichier, --roll '%s:2NDE3' (ou roll = %s:2NDE3 dans le "
                "fichier de configuration)",
                header_base_name(table->path), header_base_name(table->path));
}

sc_error sc_header_find_given(const sc_table *table, sc_kind kind,
                              const sc_aliases *extra, const char *class_given,
                              sc_header *out, sc_diag *diag)
{
    const char *missing = "toutes les colonnes attendues";
    unsigned best_line = 0;
    int best_found = -1, roll_like = 0;
    sc_diag other;

    for (size_t r = 0; r < table->nrows && r < HEADER_SEARCH_ROWS; r++) {
        sc_header h = {r, {0}, {0}, class_given};
        const char *why;
        int found = 0;

        if (header_map_row(&table->rows[r], extra, &h) != SC_OK)
            return SC_ERROR_MEMORY;
        why = header_missing(&h, kind);
        if (!why && header_other_kind(table, &h, kind, table->rows[r].line,
                                      diag))
            return SC_ERROR_NO_HEADER;
        if (!why) {
            *out = h;
            return SC_OK;
        }
        /* Kept for the end: a real header may still come below. */
        if (kind == SC_KIND_PLACEMENTS && !roll_like &&
            header_other_kind(table, &h, kind, table->rows[r].line, &other))
            roll_like = 1;
        for (int f = 0; f < SC_FIELD_COUNT; f++)
            found += h.col[f] >= 0;
        /* Report against the row that looks most like a header. */
        if (found > best_found) {
            best_found = found;
            missing = why;
            best_line = table->rows[r].line;
            if (kind == SC_KIND_ROLL && header_has_name(&h))
                roll_like = 2;
            else if (kind == SC_KIND_ROLL)
                roll_like = 0;
        }
    }
    if (roll_like == 1) {
        *diag = other;
    } else if (roll_like == 2) {
        header_no_class(table, best_line, diag);
    } else if (best_found > 0) {
        sc_diag_set(diag, table->path, best_line,
                    "en-tête incomplet : colonne manquante pour %s", missing);
    } else {
        sc_header none = {0, {0}, {0}, class_given};
        header_map_row(&(sc_row){0, 0, NULL}, NULL, &none);
        sc_diag_set(diag, table->path, 0,
                    "aucune ligne d'en-tête reconnue (il faut au moins %s) ; "
                    "est-ce bien %s ?",
                    header_missing(&none, kind),
                    kind == SC_KIND_ROLL ? "une liste d'élèves"
                                         : "un fichier de stages");
    }
    return SC_ERROR_NO_HEADER;
}

sc_error sc_header_find(const sc_table *table, sc_kind kind,
                        const sc_aliases *extra, sc_header *out,
                        sc_diag *diag)
{
    return sc_header_find_given(table, kind, extra, NULL, out, diag);
}

/* Writes the titles of the columns of h that only a tracking sheet has,
 * as the file writes them: "« Structure d'accueil », « Du »". */
static void header_placement_titles(const sc_row *row, const sc_header *h,
                                    char *buf, size_t size)
{
    static const sc_field only[] = {
        SC_FIELD_HOST, SC_FIELD_HOST_TYPE, SC_FIELD_START, SC_FIELD_END,
        SC_FIELD_SIGN_HEAD, SC_FIELD_SIGN_HOST, SC_FIELD_DISPENSE};
    size_t len = 0, shown = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < sizeof only / sizeof *only && shown < 3; i++) {
        int c = h->col[only[i]];
        int n;

        if (c < 0)
            continue;
        n = snprintf(buf + len, size - len, "%s« %.60s »", shown ? ", " : "",
                     row->fields[c]);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
        shown++;
    }
}

sc_error sc_header_detect(const sc_table *table, const sc_aliases *extra,
                          const char *class_given, sc_kind *kind,
                          sc_header *out, char *why, size_t why_size,
                          sc_diag *diag)
{
    for (size_t r = 0; r < table->nrows && r < HEADER_SEARCH_ROWS; r++) {
        sc_header h = {r, {0}, {0}, class_given};
        const sc_row *row = &table->rows[r];

        if (header_map_row(row, extra, &h) != SC_OK)
            return SC_ERROR_MEMORY;
        /* A tracking sheet names its pupils too: its columns of placements
         * are what tell it from a roll. */
        if (!header_missing(&h, SC_KIND_PLACEMENTS)) {
            char titles[256];

            header_placement_titles(row, &h, titles, sizeof titles);
            snprintf(why, why_size, "ligne %u : colonnes de stage (%s)",
                     row->line, titles);
            *kind = SC_KIND_PLACEMENTS;
            *out = h;
            return SC_OK;
        }
        if (!header_missing(&h, SC_KIND_ROLL)) {
            int c = h.col[SC_FIELD_CLASS];

            if (c >= 0)
                snprintf(why, why_size, "ligne %u : des élèves et leur "
                         "classe (« %.60s »), aucune colonne de stage",
                         row->line, row->fields[c]);
            else
                snprintf(why, why_size, "ligne %u : des élèves, sans colonne "
                         "de stage ; classe donnée avec le fichier : %s",
                         row->line, class_given);
            *kind = SC_KIND_ROLL;
            *out = h;
            return SC_OK;
        }
        if (header_has_name(&h) && !class_given) {
            /* Names alone: a class list that came without its class. */
            header_no_class(table, row->line, diag);
            return SC_ERROR_NO_HEADER;
        }
    }
    sc_diag_set(diag, table->path, 0,
                "ni liste d'élèves ni tableau de suivi : aucune ligne d'en-tête "
                "reconnue dans les %d premières lignes (une liste d'élèves a "
                "« Nom », « Prénom » et « Classe » ; un tableau de suivi a "
                "aussi « Structure d'accueil », « Date de début » ou "
                "« Dispense ») ; donnez-le avec --roll ou --placements, et "
                "faites connaître ses titres de colonnes dans la section "
                "[colonnes] du fichier de configuration",
                HEADER_SEARCH_ROWS);
    return SC_ERROR_NO_HEADER;
}

int sc_header_repeated(const sc_table *table, const sc_header *header,
                       const sc_row *row)
{
    const sc_row *head = &table->rows[header->row];
    size_t same = 0;

    if (row == head || row->nfields < 2)
        return 0;
    for (size_t c = 0; c < row->nfields; c++) {
        const char *h = c < head->nfields ? head->fields[c] : "";

        if (!header_same_text(row->fields[c], h))
            return 0;
        same += h[0] != '\0';
    }
    return same >= 2;
}
