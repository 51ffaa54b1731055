/*
 * test_header.c - unit tests of header.c: header aliases and finding the
 * header row of a roll or a placements file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/input/header.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/csv.h"

#define TABLE_PATH "exports/eleves.csv"

/* A hand-built table (as csvfile.c would give) and the results. */
typedef struct fixture {
    sc_table table;
    sc_header header;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    f->table.path = TABLE_PATH;
    f->table.sep = ';';
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    for (size_t r = 0; r < f->table.nrows; r++) {
        for (size_t c = 0; c < f->table.rows[r].nfields; c++)
            free(f->table.rows[r].fields[c]);
        free(f->table.rows[r].fields);
    }
    free(f->table.rows);
    free(f);
    return 0;
}

/* Appends a row read on line; the cells are a NULL-terminated list. */
static void add_row(fixture *f, unsigned line, ...)
{
    sc_table *t = &f->table;
    sc_row *row;
    va_list ap;
    const char *cell;

    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        sc_row *rows = realloc(t->rows, cap * sizeof *rows);
        assert_non_null(rows);
        t->rows = rows;
        t->cap = cap;
    }
    row = &t->rows[t->nrows++];
    row->line = line;
    row->nfields = 0;
    row->fields = NULL;
    va_start(ap, line);
    while ((cell = va_arg(ap, const char *)) != NULL) {
        char **fields = realloc(row->fields, (row->nfields + 1) * sizeof *fields);
        char *copy = strdup(cell);

        if (!fields || !copy) {
            free(copy);
            va_end(ap);
            if (fields)
                row->fields = fields;
            fail_msg("out of memory");
        }
        row->fields = fields;
        row->fields[row->nfields++] = copy;
    }
    va_end(ap);
}

#define ROW(f, line, ...) add_row((f), (line), __VA_ARGS__, (const char *)NULL)

static sc_error find(fixture *f, sc_kind kind)
{
    memset(&f->header, 0x5A, sizeof f->header);
    return sc_header_find(&f->table, kind, NULL, &f->header, &f->diag);
}

/* --- sc_header_field --- */

typedef struct alias_case {
    const char *cell;
    sc_field field;
} alias_case;

/* Every alias of header.c, written as a person would. */
static const alias_case alias_cases[] = {
    {"Nom", SC_FIELD_SURNAME},
    {"Nom de famille", SC_FIELD_SURNAME},
    {"Nom d'usage", SC_FIELD_SURNAME},
    {"Nom élève", SC_FIELD_SURNAME},
    {"Nom de l'élève", SC_FIELD_SURNAME},
    {"Prénom", SC_FIELD_FIRST},
    {"Prénom 1", SC_FIELD_FIRST},
    {"Premier prénom", SC_FIELD_FIRST},
    {"Prénom élève", SC_FIELD_FIRST},
    {"Élève", SC_FIELD_FULLNAME},
    {"Élèves", SC_FIELD_FULLNAME},
    {"Nom et prénom", SC_FIELD_FULLNAME},
    {"Nom Prénom", SC_FIELD_FULLNAME},
    {"Nom - Prénom", SC_FIELD_FULLNAME},
    {"Classe", SC_FIELD_CLASS},
    {"Division", SC_FIELD_CLASS},
    {"INE", SC_FIELD_INE},
    {"N° INE", SC_FIELD_INE},
    {"No INE", SC_FIELD_INE},
    {"Nº INE", SC_FIELD_INE},
    {"Numéro INE", SC_FIELD_INE},
    {"Date de naissance", SC_FIELD_BIRTH},
    {"Né(e) le", SC_FIELD_BIRTH},
    {"Né le", SC_FIELD_BIRTH},
    {"Date naiss.", SC_FIELD_BIRTH},
    {"Date naissance", SC_FIELD_BIRTH},
    {"Structure d'accueil", SC_FIELD_HOST},
    {"Organisme d'accueil", SC_FIELD_HOST},
    {"Lieu d'accueil", SC_FIELD_HOST},
    {"Entreprise", SC_FIELD_HOST},
    {"Raison sociale", SC_FIELD_HOST},
    {"Type de structure", SC_FIELD_HOST_TYPE},
    {"Type d'organisme", SC_FIELD_HOST_TYPE},
    {"SIRET", SC_FIELD_SIRET},
    {"N° SIRET", SC_FIELD_SIRET},
    {"Numéro SIRET", SC_FIELD_SIRET},
    {"Commune", SC_FIELD_CITY},
    {"Ville", SC_FIELD_CITY},
    {"Pays", SC_FIELD_COUNTRY},
    {"Date de début", SC_FIELD_START},
    {"Début", SC_FIELD_START},
    {"Du", SC_FIELD_START},
    {"Date de fin", SC_FIELD_END},
    {"Fin", SC_FIELD_END},
    {"Au", SC_FIELD_END},
    {"Signature chef d'établissement", SC_FIELD_SIGN_HEAD},
    {"Signature structure d'accueil", SC_FIELD_SIGN_HOST},
    {"Signature organisme d'accueil", SC_FIELD_SIGN_HOST},
    {"Signature élève", SC_FIELD_SIGN_PUPIL},
    {"Signature représentant légal", SC_FIELD_SIGN_PARENT},
    {"Signature responsable légal", SC_FIELD_SIGN_PARENT},
    {"Signature parents", SC_FIELD_SIGN_PARENT},
    {"Activités prévues", SC_FIELD_ACTIVITIES},
    {"Compétences visées", SC_FIELD_SKILLS},
    {"Attestation assurance élève", SC_FIELD_INS_PUPIL},
    {"Assurance élève", SC_FIELD_INS_PUPIL},
    {"Attestation responsabilité civile", SC_FIELD_INS_PUPIL},
    {"Assurance structure", SC_FIELD_INS_HOST},
    {"Responsabilité civile structure", SC_FIELD_INS_HOST},
    {"Dispense", SC_FIELD_DISPENSE},
    {"UAI", SC_FIELD_UAI},
    {"RNE", SC_FIELD_UAI},
    {"Code UAI", SC_FIELD_UAI},
    {"Code établissement", SC_FIELD_UAI},
    {"Établissement", SC_FIELD_SCHOOL},
    {"Nom établissement", SC_FIELD_SCHOOL},
    {"Motif de dispense", SC_FIELD_DISPENSE},
    {"Justificatif", SC_FIELD_PROOF},
    {"Justificatif dispense", SC_FIELD_PROOF},
};

static void assert_alias_cases(const alias_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sc_field got = sc_header_field(cases[i].cell);

        if (got != cases[i].field)
            print_error("header \"%s\": field %d, expected %d\n",
                        cases[i].cell, (int)got, (int)cases[i].field);
        assert_int_equal(got, cases[i].field);
    }
}

static void test_header_field_maps_every_alias(void **state)
{
    (void)state;
    assert_alias_cases(alias_cases, sizeof alias_cases / sizeof *alias_cases);
}

static void test_header_field_ignores_case_accents_and_spacing(void **state)
{
    static const alias_case cases[] = {
        {"  PRÉNOM 1 ", SC_FIELD_FIRST},
        {"prenom", SC_FIELD_FIRST},
        {"NOM D'USAGE", SC_FIELD_SURNAME},
        {"n°ine", SC_FIELD_INE},
        {"NE(E) LE", SC_FIELD_BIRTH},
        {"date  DE   naissance", SC_FIELD_BIRTH},
        {"ELEVE", SC_FIELD_FULLNAME},
        {"\tclasse\t", SC_FIELD_CLASS},
        {"Date de début :", SC_FIELD_START},
    };

    (void)state;
    assert_alias_cases(cases, sizeof cases / sizeof *cases);
}

static void test_header_field_with_extra_aliases_tried_first(void **state)
{
    sc_aliases extra = {NULL, 0, 0};

    (void)state;
    assert_int_equal(sc_header_field("PATRONYME"), SC_FIELD_COUNT);
    assert_int_equal(sc_header_alias_add(&extra, SC_FIELD_SURNAME, "Patronyme"),
                     SC_OK);
    /* An export whose "Début" is the school year, not the placement. */
    assert_int_equal(sc_header_alias_add(&extra, SC_FIELD_COUNT, "Début"), SC_OK);
    assert_int_equal(sc_header_field_with("PATRONYME", &extra),
                     SC_FIELD_SURNAME);
    assert_int_equal(sc_header_field_with("début", &extra), SC_FIELD_COUNT);
    assert_int_equal(sc_header_field_with("Prénom", &extra), SC_FIELD_FIRST);
    assert_int_equal(sc_header_field_with("Prénom", NULL), SC_FIELD_FIRST);
    sc_header_aliases_clear(&extra);
    sc_header_aliases_clear(NULL);
}

static void test_header_field_unknown_is_field_count(void **state)
{
    static const alias_case cases[] = {
        {"Adresse", SC_FIELD_COUNT},
        {"Nom du tuteur", SC_FIELD_COUNT},
        {"Classe 2", SC_FIELD_COUNT},
        {"", SC_FIELD_COUNT},
        {"-", SC_FIELD_COUNT},
    };

    (void)state;
    assert_alias_cases(cases, sizeof cases / sizeof *cases);
}

static void test_field_label_is_an_accepted_header(void **state)
{
    (void)state;
    for (int f = 0; f < SC_FIELD_COUNT; f++) {
        const char *label = sc_header_field_label((sc_field)f);

        assert_non_null(label);
        if (sc_header_field(label) != (sc_field)f)
            print_error("label \"%s\" of field %d is not read back\n", label, f);
        assert_int_equal(sc_header_field(label), f);
    }
}

/* --- sc_header_find --- */

static void test_header_find_roll_below_two_preamble_rows(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Lycée Jean Moulin", "");
    ROW(f, 2, "Année scolaire 2023-2024");
    ROW(f, 4, "Nom", "Prénom", "Date de naissance", "Classe", "N° INE");
    ROW(f, 5, "DUPONT", "Marie", "03/04/2008", "2nde 1", "070123456AB");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.row, 2);
    assert_int_equal(f->header.col[SC_FIELD_SURNAME], 0);
    assert_int_equal(f->header.col[SC_FIELD_FIRST], 1);
    assert_int_equal(f->header.col[SC_FIELD_BIRTH], 2);
    assert_int_equal(f->header.col[SC_FIELD_CLASS], 3);
    assert_int_equal(f->header.col[SC_FIELD_INE], 4);
    assert_int_equal(f->header.col[SC_FIELD_FULLNAME], -1);
    assert_int_equal(f->header.col[SC_FIELD_HOST], -1);
    assert_int_equal(f->header.col[SC_FIELD_PROOF], -1);
}

static void test_header_find_roll_accepts_pronote_eleves_column(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Élèves", "Né(e) le", "Classe");
    ROW(f, 2, "DUPONT Marie", "03/04/2008", "2nde 1");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.row, 0);
    assert_int_equal(f->header.col[SC_FIELD_FULLNAME], 0);
    assert_int_equal(f->header.col[SC_FIELD_BIRTH], 1);
    assert_int_equal(f->header.col[SC_FIELD_CLASS], 2);
    assert_int_equal(f->header.col[SC_FIELD_SURNAME], -1);
    assert_int_equal(f->header.col[SC_FIELD_FIRST], -1);
}

static void test_header_find_roll_without_classe_is_no_header(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Liste des élèves");
    ROW(f, 3, "Nom", "Prénom", "INE");
    ROW(f, 4, "DUPONT", "Marie", "070123456AB");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_non_null(strstr(f->diag.message, "classe"));
}

static void test_header_find_roll_without_name_is_no_header(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "INE", "Classe");
    ROW(f, 2, "070123456AB", "2nde 1");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_non_null(strstr(f->diag.message, "nom"));
}

static void test_header_find_nothing_recognised_is_no_header(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "a", "b");
    ROW(f, 2, "1", "2");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_true(f->diag.message[0] != '\0');
}

static void test_header_find_empty_table_is_no_header(void **state)
{
    fixture *f = *state;

    assert_int_equal(find(f, SC_KIND_PLACEMENTS), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
}

static void test_header_find_placements_pupil_by_ine_and_host(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "INE", "Structure d'accueil", "Commune");
    assert_int_equal(find(f, SC_KIND_PLACEMENTS), SC_OK);
    assert_int_equal(f->header.row, 0);
    assert_int_equal(f->header.col[SC_FIELD_INE], 0);
    assert_int_equal(f->header.col[SC_FIELD_HOST], 1);
    assert_int_equal(f->header.col[SC_FIELD_CITY], 2);
}

static void test_header_find_placements_pupil_by_name_and_start(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Suivi des stages");
    ROW(f, 2, "Nom", "Prénom", "Date de début", "Date de fin");
    assert_int_equal(find(f, SC_KIND_PLACEMENTS), SC_OK);
    assert_int_equal(f->header.row, 1);
    assert_int_equal(f->header.col[SC_FIELD_START], 2);
    assert_int_equal(f->header.col[SC_FIELD_END], 3);
}

static void test_header_find_placements_fullname_and_dispense(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Élève", "Motif de dispense", "Justificatif");
    assert_int_equal(find(f, SC_KIND_PLACEMENTS), SC_OK);
    assert_int_equal(f->header.col[SC_FIELD_FULLNAME], 0);
    assert_int_equal(f->header.col[SC_FIELD_DISPENSE], 1);
    assert_int_equal(f->header.col[SC_FIELD_PROOF], 2);
}

static void test_header_find_placements_without_pupil_is_no_header(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Classe", "Structure d'accueil", "Date de début");
    assert_int_equal(find(f, SC_KIND_PLACEMENTS), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_non_null(strstr(f->diag.message, "élève"));
}

static void test_header_find_placements_without_stage_column_is_no_header(
    void **state)
{
    fixture *f = *state;

    /* A roll given as a placements file: said so. */
    ROW(f, 1, "Nom", "Prénom", "Classe", "INE");
    assert_int_equal(find(f, SC_KIND_PLACEMENTS), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_int_equal(f->diag.line, 1);
    assert_non_null(strstr(f->diag.message, "Structure d'accueil"));
    assert_non_null(strstr(f->diag.message, "liste d'élèves"));
    assert_non_null(strstr(f->diag.message, "--roll"));
}

static void test_header_find_placements_file_given_as_roll_is_said(
    void **state)
{
    fixture *f = *state;

    ROW(f, 3, "Nom", "Prénom", "Classe", "Structure d'accueil", "Du", "Au");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_ERROR_NO_HEADER);
    assert_int_equal(f->diag.line, 3);
    assert_non_null(strstr(f->diag.message, "tableau de suivi"));
    assert_non_null(strstr(f->diag.message, "--placements"));
}

static void test_header_find_notes_a_title_given_twice(void **state)
{
    fixture *f = *state;

    /* Two "Nom": the second is noted; two names of one field are not. */
    ROW(f, 1, "Nom", "Prénom", "Classe", "NOM", "Nom d'usage");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.col[SC_FIELD_SURNAME], 0);
    assert_int_equal(f->header.again[SC_FIELD_SURNAME], 3);
    assert_int_equal(f->header.again[SC_FIELD_FIRST], -1);
    assert_int_equal(f->header.again[SC_FIELD_CLASS], -1);
}

static void test_header_find_first_of_two_headers_wins(void **state)
{
    fixture *f = *state;

    ROW(f, 2, "Nom", "Prénom", "Classe");
    ROW(f, 3, "DUPONT", "Marie", "2nde 1");
    ROW(f, 5, "Nom", "Prénom", "Classe");
    ROW(f, 6, "MARTIN", "Paul", "2nde 2");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.row, 0);
}

static void test_header_find_first_column_of_a_field_wins(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Nom", "Prénom", "Classe", "Nom d'usage", "Division");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.col[SC_FIELD_SURNAME], 0);
    assert_int_equal(f->header.col[SC_FIELD_CLASS], 2);
}

/* --- Titles compared by their folded text --- */

static void test_header_find_notes_a_title_given_twice_in_capitals(
    void **state)
{
    fixture *f = *state;

    /* "PRÉNOM" is "Prénom" in capitals: strcasecmp alone does not see it
     * (É is two bytes), folding does. */
    ROW(f, 1, "Nom", "Prénom", "Classe", "PRÉNOM", "Prénom 1");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.col[SC_FIELD_FIRST], 1);
    assert_int_equal(f->header.again[SC_FIELD_FIRST], 3);
    assert_int_equal(f->header.again[SC_FIELD_SURNAME], -1);
}

static void test_header_find_notes_a_title_without_its_accent(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Élève", "Classe", "ELEVE");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.col[SC_FIELD_FULLNAME], 0);
    assert_int_equal(f->header.again[SC_FIELD_FULLNAME], 2);
}

static void test_header_find_another_title_of_a_field_is_not_twice(
    void **state)
{
    fixture *f = *state;

    /* Two names of one field are two columns, not one given twice. */
    ROW(f, 1, "Nom", "Prénom", "Classe", "Premier prénom", "Division");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    for (int i = 0; i < SC_FIELD_COUNT; i++)
        assert_int_equal(f->header.again[i], -1);
}

static void test_header_repeated_in_another_case_and_accents(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Nom", "Prénom", "Classe");
    ROW(f, 2, "DUPONT", "Léa", "2nde 1");
    ROW(f, 3, "NOM", "PRÉNOM", "CLASSE");
    ROW(f, 4, "nom", "prenom", "classe");
    ROW(f, 5, "Nom", "Prénom", "2nde 1");
    ROW(f, 6, "Nom", "Prénom");
    assert_int_equal(find(f, SC_KIND_ROLL), SC_OK);
    assert_int_equal(f->header.row, 0);
    /* The header row itself is no repeat of itself. */
    assert_false(sc_header_repeated(&f->table, &f->header,
                                    &f->table.rows[0]));
    assert_false(sc_header_repeated(&f->table, &f->header,
                                    &f->table.rows[1]));
    assert_true(sc_header_repeated(&f->table, &f->header,
                                   &f->table.rows[2]));
    assert_true(sc_header_repeated(&f->table, &f->header,
                                   &f->table.rows[3]));
    /* A pupil of that name is one cell off. */
    assert_false(sc_header_repeated(&f->table, &f->header,
                                    &f->table.rows[4]));
    /* A repeat cut short still holds two titles. */
    assert_true(sc_header_repeated(&f->table, &f->header,
                                   &f->table.rows[5]));
}

/* --- sc_header_find_given --- */

static sc_error find_given(fixture *f, sc_kind kind, const char *class_given)
{
    memset(&f->header, 0x5A, sizeof f->header);
    return sc_header_find_given(&f->table, kind, NULL, class_given,
                                &f->header, &f->diag);
}

static void test_header_find_given_roll_needs_no_class_column(void **state)
{
    fixture *f = *state;
    static const char class_given[] = "2NDE3";

    ROW(f, 1, "Liste de la classe");
    ROW(f, 2, "Nom", "Prénom", "Né(e) le");
    ROW(f, 3, "DUPONT", "Léa", "03/04/2008");
    assert_int_equal(find_given(f, SC_KIND_ROLL, class_given), SC_OK);
    assert_int_equal(f->header.row, 1);
    assert_int_equal(f->header.col[SC_FIELD_CLASS], -1);
    assert_ptr_equal(f->header.class_given, class_given);
}

static void test_header_find_given_without_class_shows_how(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Liste de la classe");
    ROW(f, 2, "Nom", "Prénom", "Né(e) le");
    ROW(f, 3, "DUPONT", "Léa", "03/04/2008");
    assert_int_equal(find_given(f, SC_KIND_ROLL, NULL), SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_int_equal(f->diag.line, 2);
    /* The file's name as the secretary types it, without its folder. */
    assert_non_null(strstr(f->diag.message, "--roll 'eleves.csv:2NDE3'"));
    assert_non_null(strstr(f->diag.message, "roll = eleves.csv:2NDE3"));
    assert_null(strstr(f->diag.message, "exports/"));
}

static void test_header_find_given_class_column_still_read(void **state)
{
    fixture *f = *state;

    ROW(f, 1, "Nom", "Prénom", "Classe");
    assert_int_equal(find_given(f, SC_KIND_ROLL, "2NDE3"), SC_OK);
    assert_int_equal(f->header.col[SC_FIELD_CLASS], 2);
    assert_string_equal(f->header.class_given, "2NDE3");
}

/* --- sc_header_detect --- */

typedef struct detect_result {
    sc_error err;
    sc_kind kind;
    char why[256];
} detect_result;

static detect_result detect(fixture *f, const char *class_given)
{
    detect_result r;

    memset(&r, 0, sizeof r);
    r.kind = (sc_kind)-1;
    memset(&f->header, 0x5A, sizeof f->header);
    r.err = sc_header_detect(&f->table, NULL, class_given, &r.kind,
                             &f->header, r.why, sizeof r.why, &f->diag);
    return r;
}

static void test_header_detect_placement_columns_win_over_a_roll(
    void **state)
{
    fixture *f = *state;
    detect_result r;

    /* A tracking sheet names its pupils and their class too. */
    ROW(f, 1, "Suivi des stages");
    ROW(f, 3, "Nom", "Prénom", "Classe", "Lieu d'accueil", "Du", "Au");
    r = detect(f, NULL);
    assert_int_equal(r.err, SC_OK);
    assert_int_equal(r.kind, SC_KIND_PLACEMENTS);
    assert_int_equal(f->header.row, 1);
    assert_int_equal(f->header.col[SC_FIELD_HOST], 3);
    assert_string_equal(r.why, "ligne 3 : colonnes de stage (« Lieu "
                               "d'accueil », « Du », « Au »)");
}

static void test_header_detect_roll_by_its_class_column(void **state)
{
    fixture *f = *state;
    detect_result r;

    ROW(f, 2, "Nom", "Prénom", "Division", "INE");
    r = detect(f, NULL);
    assert_int_equal(r.err, SC_OK);
    assert_int_equal(r.kind, SC_KIND_ROLL);
    assert_int_equal(f->header.col[SC_FIELD_CLASS], 2);
    assert_string_equal(r.why, "ligne 2 : des élèves et leur classe "
                               "(« Division »), aucune colonne de stage");
}

static void test_header_detect_names_alone_ask_for_the_class(void **state)
{
    fixture *f = *state;
    detect_result r;

    ROW(f, 1, "Nom", "Prénom", "INE");
    ROW(f, 2, "DUPONT", "Léa", "A1");
    r = detect(f, NULL);
    assert_int_equal(r.err, SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_int_equal(f->diag.line, 1);
    assert_non_null(strstr(f->diag.message, ":2NDE3"));
    assert_non_null(strstr(f->diag.message, "--roll 'eleves.csv:2NDE3'"));
}

static void test_header_detect_names_and_class_given_are_a_roll(void **state)
{
    fixture *f = *state;
    detect_result r;

    ROW(f, 1, "Nom", "Prénom", "INE");
    ROW(f, 2, "DUPONT", "Léa", "A1");
    r = detect(f, "2NDE3");
    assert_int_equal(r.err, SC_OK);
    assert_int_equal(r.kind, SC_KIND_ROLL);
    assert_int_equal(f->header.row, 0);
    assert_string_equal(f->header.class_given, "2NDE3");
    assert_non_null(strstr(r.why, "classe donnée avec le fichier : 2NDE3"));
}

static void test_header_detect_neither_is_no_header(void **state)
{
    fixture *f = *state;
    detect_result r;

    ROW(f, 1, "Adresse", "Commune");
    ROW(f, 2, "INE", "Classe");
    r = detect(f, "2NDE3");
    assert_int_equal(r.err, SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, TABLE_PATH);
    assert_non_null(strstr(f->diag.message,
                           "ni liste d'élèves ni tableau de suivi"));
    assert_int_equal(r.kind, (sc_kind)-1);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)


int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_header_field_maps_every_alias),
        TEST(test_header_field_ignores_case_accents_and_spacing),
        TEST(test_header_field_with_extra_aliases_tried_first),
        TEST(test_header_field_unknown_is_field_count),
        TEST(test_field_label_is_an_accepted_header),
        TEST(test_header_find_roll_below_two_preamble_rows),
        TEST(test_header_find_roll_accepts_pronote_eleves_column),
        TEST(test_header_find_roll_without_classe_is_no_header),
        TEST(test_header_find_roll_without_name_is_no_header),
        TEST(test_header_find_nothing_recognised_is_no_header),
        TEST(test_header_find_empty_table_is_no_header),
        TEST(test_header_find_placements_pupil_by_ine_and_host),
        TEST(test_header_find_placements_pupil_by_name_and_start),
        TEST(test_header_find_placements_fullname_and_dispense),
        TEST(test_header_find_placements_without_pupil_is_no_header),
        TEST(test_header_find_placements_without_stage_column_is_no_header),
        TEST(test_header_find_first_of_two_headers_wins),
        TEST(test_header_find_first_column_of_a_field_wins),
        TEST(test_header_find_placements_file_given_as_roll_is_said),
        TEST(test_header_find_notes_a_title_given_twice),
        TEST(test_header_find_notes_a_title_given_twice_in_capitals),
        TEST(test_header_find_notes_a_title_without_its_accent),
        TEST(test_header_find_another_title_of_a_field_is_not_twice),
        TEST(test_header_repeated_in_another_case_and_accents),
        TEST(test_header_find_given_roll_needs_no_class_column),
        TEST(test_header_find_given_without_class_shows_how),
        TEST(test_header_find_given_class_column_still_read),
        TEST(test_header_detect_placement_columns_win_over_a_roll),
        TEST(test_header_detect_roll_by_its_class_column),
        TEST(test_header_detect_names_alone_ask_for_the_class),
        TEST(test_header_detect_names_and_class_given_are_a_roll),
        TEST(test_header_detect_neither_is_no_header),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
