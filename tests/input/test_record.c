/*
 * test_record.c - pupils and entries built from mapped rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/source.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/record.h"

typedef struct fixture {
    sc_source source;
    sc_table table;
    sc_row rows[16];
    sc_header header;
    sc_dataset *data;
    sc_anomalies anomalies;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    assert_non_null(f);
    f->source.path = (char *)"fichier.csv";
    f->source.encoding = "UTF-8";
    f->table.path = f->source.path;
    f->table.sep = ';';
    f->table.rows = f->rows;
    f->data = sc_dataset_new();
    assert_non_null(f->data);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_dataset_free(f->data);
    sc_anomalies_clear(&f->anomalies);
    free(f);
    return 0;
}

/* Adds a row of n cells (string literals) at the given line. */
static void add_row(fixture *f, unsigned line, size_t n, ...)
{
    sc_row *row = &f->rows[f->table.nrows++];
    va_list ap;

    row->line = line;
    row->nfields = n;
    row->fields = calloc(n, sizeof *row->fields);
    assert_non_null(row->fields);
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        row->fields[i] = (char *)va_arg(ap, const char *);
    va_end(ap);
}

static void free_rows(fixture *f)
{
    for (size_t i = 0; i < f->table.nrows; i++)
        free(f->rows[i].fields);
}

static void map(fixture *f, ...)
{
    va_list ap;
    int field;

    for (int i = 0; i < SC_FIELD_COUNT; i++)
        f->header.col[i] = -1;
    va_start(ap, f);
    for (int col = 0; (field = va_arg(ap, int)) >= 0; col++)
        f->header.col[field] = col;
    va_end(ap);
}

static void test_roll_rows_become_pupils_with_keys(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, SC_FIELD_INE,
        SC_FIELD_BIRTH, -1);
    add_row(f, 3, 5, "Nom", "Prénom", "Classe", "INE", "Né le");
    add_row(f, 4, 5, "DUPONT-MARTIN", "Éloïse", "2NDE 1", "07 01a", "01/02/2008");
    f->header.row = 0;
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 1);
    assert_string_equal(sc_pupil_name_key(&f->data->pupils[0]), "dupontmartin eloise");
    assert_string_equal(sc_pupil_class_key(&f->data->pupils[0]), "2nde1");
    assert_string_equal(sc_pupil_ine(&f->data->pupils[0]), "0701A");
    assert_int_equal(f->data->pupils[0].line, 4);
    assert_int_equal(f->data->pupils[0].birth, sc_date_make(2008, 2, 1));
    assert_string_equal(
        sc_dataset_pupil_file(f->data, &f->data->pupils[0]), "fichier.csv");
    /* A pupil's strings are packed into the dataset's arena, not a dozen
     * small allocations. */
    assert_int_equal(f->data->pupils[0].packed, 1);
    assert_ptr_equal(sc_pupil_first(&f->data->pupils[0]),
                     sc_pupil_surname(&f->data->pupils[0]) +
                         strlen(sc_pupil_surname(&f->data->pupils[0])) + 1);
    assert_int_equal(f->data->ninputs, 1);
    assert_int_equal(f->data->inputs[0].rows, 1);
    assert_int_equal(f->anomalies.count, 0);
    free_rows(f);
}

/* A pupil holds its roll's number in 16 bits: the dataset reads
 * SC_DATASET_INPUTS files, and refuses one more rather than let two
 * pupils name each other's file. */
static void test_dataset_reads_at_most_its_inputs(void **state)
{
    fixture *f = *state;
    const sc_pupil *last;

    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, -1);
    add_row(f, 1, 3, "Nom", "Prénom", "Classe");
    add_row(f, 2, 3, "DUPONT", "Léa", "2nde 1");
    f->header.row = 0;
    for (size_t i = 0; i < SC_DATASET_INPUTS; i++)
        assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                             &f->header, &f->anomalies, 0),
                         SC_OK);
    assert_int_equal(f->data->ninputs, SC_DATASET_INPUTS);
    last = &f->data->pupils[f->data->npupils - 1];
    assert_int_equal(last->input, SC_DATASET_INPUTS - 1);
    assert_string_equal(sc_dataset_pupil_file(f->data, last), "fichier.csv");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0),
                     SC_ERROR_MEMORY);
    assert_int_equal(f->data->ninputs, SC_DATASET_INPUTS);
    free_rows(f);
}

static void test_pronote_full_name_is_split(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_FULLNAME, SC_FIELD_CLASS, -1);
    add_row(f, 1, 2, "Élèves", "Classe");
    add_row(f, 2, 2, "DE LA FONTAINE Jean-Baptiste", "2nde 3");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 1);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[0]), "DE LA FONTAINE");
    assert_string_equal(sc_pupil_first(&f->data->pupils[0]), "Jean-Baptiste");
    free_rows(f);
}

static void test_roll_rows_without_name_are_reported(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, SC_FIELD_BIRTH, -1);
    add_row(f, 1, 4, "Nom", "Prénom", "Classe", "Né le");
    add_row(f, 2, 4, " ", "", "2nde 1", "");
    add_row(f, 3, 4, "MARTIN", "Paul", "", "");
    add_row(f, 5, 4, "", "", "", "");          /* blank: skipped */
    add_row(f, 6, 4, "DURAND", "Zoé", "2nde 1", "31/02/2008");
    add_row(f, 7, 2, "PETIT", "Emma");         /* too few fields */
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    /* Without a class, a pupil is kept as one who has left (SIECLE
     * empties the division): the cohort step notes him, not followed. */
    assert_int_equal(f->data->npupils, 3);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[0]), "MARTIN");
    assert_true(f->data->pupils[0].no_class);
    assert_string_equal(sc_pupil_class(&f->data->pupils[0]), "");
    assert_false(f->data->pupils[1].no_class);
    assert_true(f->data->pupils[1].invalid);
    assert_true(f->data->pupils[2].no_class);
    assert_int_equal(f->anomalies.count, 3);
    assert_int_equal(f->anomalies.items[0].line, 2);
    assert_non_null(strstr(f->anomalies.items[0].message, "sans nom"));
    assert_int_equal(f->anomalies.items[1].line, 6);
    assert_non_null(strstr(f->anomalies.items[1].message, "31/02/2008"));
    assert_int_equal(f->anomalies.items[2].line, 7);
    assert_int_equal(f->anomalies.items[2].severity, SC_SEVERITY_WARNING);
    assert_non_null(strstr(f->anomalies.items[2].message,
                           "ligne de 2 cellule(s), l'en-tête en a 4"));
    free_rows(f);
}

static void test_placement_cells_are_read_and_flags_kept(void **state)
{
    fixture *f = *state;
    const sc_entry *e;

    map(f, SC_FIELD_INE, SC_FIELD_HOST, SC_FIELD_START, SC_FIELD_END,
        SC_FIELD_SIGN_HEAD, SC_FIELD_SIGN_HOST, SC_FIELD_SIGN_PUPIL,
        SC_FIELD_DISPENSE, -1);
    add_row(f, 1, 8, "INE", "Structure", "Du", "Au", "Chef", "Structure",
            "Élève", "Dispense");
    add_row(f, 2, 8, "A1", "Mairie", "17/06/2024", "2024-06-28", "x", "",
            "peut-être", "");
    add_row(f, 3, 8, "A2", "", "", "", "", "", "", "SNU");
    add_row(f, 4, 8, "", "Garage", "", "", "", "", "", "");
    assert_int_equal(sc_record_add_placements(f->data, &f->source, &f->table,
                                               &f->header, &f->anomalies, 0),
                     SC_OK);
    assert_int_equal(f->data->nentries, 2);
    e = &f->data->entries[0];
    assert_string_equal(e->host, "Mairie");
    assert_int_equal(e->start, sc_date_make(2024, 6, 17));
    assert_int_equal(e->end, sc_date_make(2024, 6, 28));
    assert_int_equal(e->sign_head, SC_FLAG_YES);
    assert_int_equal(e->sign_host, SC_FLAG_NO);
    assert_int_equal(e->sign_pupil, SC_FLAG_INVALID);
    assert_int_equal(e->sign_parent, SC_FLAG_ABSENT);
    assert_int_equal(e->unreadable, UINT32_C(1) << SC_FIELD_SIGN_PUPIL);
    assert_null(e->dispense);
    assert_int_equal(e->pupil, -1);
    assert_ptr_equal(e->strings, e->ine); /* packed, the INE first */
    e = &f->data->entries[1];
    assert_string_equal(e->dispense, "SNU");
    assert_int_equal(e->start, SC_DATE_NONE);
    /* Line 2's unreadable cell, and line 4 that names nobody. */
    assert_int_equal(f->anomalies.count, 2);
    assert_int_equal(f->anomalies.items[0].line, 2);
    assert_string_equal(f->anomalies.items[0].pupil, "INE A1");
    assert_int_equal(f->anomalies.items[1].line, 4);
    assert_non_null(strstr(f->anomalies.items[1].message, "ni INE ni nom"));
    free_rows(f);
}

static void test_pupil_signature_date_is_kept(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_INE, SC_FIELD_HOST, SC_FIELD_SIGN_PUPIL, -1);
    add_row(f, 1, 3, "INE", "Structure", "Élève");
    add_row(f, 2, 3, "A1", "Mairie", "13/05/2024");
    add_row(f, 3, 3, "A2", "Mairie", "oui");
    add_row(f, 4, 3, "A3", "Mairie", "2024-05-21 10:30");
    assert_int_equal(sc_record_add_placements(f->data, &f->source, &f->table,
                                               &f->header, &f->anomalies, 0),
                     SC_OK);
    assert_int_equal(f->data->nentries, 3);
    /* A date is a signature, and the day it was given. */
    assert_int_equal(f->data->entries[0].sign_pupil, SC_FLAG_YES);
    assert_true(f->data->entries[0].sign_pupil_dated);
    assert_int_equal(f->data->entries[0].sign_pupil_on,
                     sc_date_make(2024, 5, 13));
    assert_int_equal(f->data->entries[1].sign_pupil, SC_FLAG_YES);
    assert_false(f->data->entries[1].sign_pupil_dated);
    assert_true(f->data->entries[2].sign_pupil_dated);
    assert_int_equal(f->data->entries[2].sign_pupil_on,
                     sc_date_make(2024, 5, 21));
    assert_int_equal(f->anomalies.count, 0);
    free_rows(f);
}

static void test_words_for_none_in_dispense_column_are_no_request(
    void **state)
{
    fixture *f = *state;
    static const char *const none[] = {"Néant", "Aucune", "Non", "-", "/",
                                       "sans objet", "RAS", "R.A.S.",
                                       "aucun"};
    size_t n = sizeof none / sizeof *none;

    map(f, SC_FIELD_INE, SC_FIELD_HOST, SC_FIELD_START, SC_FIELD_END,
        SC_FIELD_DISPENSE, -1);
    add_row(f, 1, 5, "INE", "Structure", "Du", "Au", "Dispense");
    for (size_t i = 0; i < n; i++)
        add_row(f, (unsigned)i + 2, 5, "A1", "Garage", "17/06/2024",
                "28/06/2024", none[i]);
    assert_int_equal(sc_record_add_placements(f->data, &f->source, &f->table,
                                               &f->header, &f->anomalies, 0),
                     SC_OK);
    assert_int_equal(f->data->nentries, n);
    /* Each row stays a placement, with no dispense request. */
    for (size_t i = 0; i < n; i++) {
        if (f->data->entries[i].dispense)
            fail_msg("« %s » read as a dispense request", none[i]);
        assert_string_equal(f->data->entries[i].host, "Garage");
    }
    assert_int_equal(f->anomalies.count, 0);
    free_rows(f);
    /* A reason is kept, whatever else the cell says. */
    f->table.nrows = 0;
    sc_dataset_free(f->data);
    f->data = sc_dataset_new();
    assert_non_null(f->data);
    add_row(f, 1, 5, "INE", "Structure", "Du", "Au", "Dispense");
    add_row(f, 2, 5, "A1", "", "17/06/2024", "28/06/2024",
            "SNU (aucune convention)");
    assert_int_equal(sc_record_add_placements(f->data, &f->source, &f->table,
                                               &f->header, &f->anomalies, 0),
                     SC_OK);
    assert_string_equal(f->data->entries[0].dispense,
                        "SNU (aucune convention)");
    free_rows(f);
}

static void test_no_in_dispense_column_is_no_request(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_INE, SC_FIELD_HOST, SC_FIELD_DISPENSE, -1);
    add_row(f, 1, 3, "INE", "Structure", "Dispense");
    add_row(f, 2, 3, "A1", "Garage", "non");
    add_row(f, 3, 3, "A2", "", "");     /* the pupil is listed, nothing yet */
    assert_int_equal(sc_record_add_placements(f->data, &f->source, &f->table,
                                               &f->header, &f->anomalies, 0),
                     SC_OK);
    assert_int_equal(f->data->nentries, 1);
    assert_null(f->data->entries[0].dispense);
    assert_string_equal(f->data->entries[0].host, "Garage");
    /* The empty row is reported, as a note. */
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_NOTE);
    free_rows(f);
}

static void test_cell_longer_than_excel_cell_is_cut_and_said(void **state)
{
    fixture *f = *state;
    /* 40,000 characters, "é" at the limit so that a cut in bytes would
     * split it. */
    size_t n = 40000;
    char *host = malloc(n + 2);

    assert_non_null(host);
    memset(host, 'a', n + 1);
    memcpy(host + 32766, "\xC3\xA9", 2);
    host[n + 1] = '\0';
    map(f, SC_FIELD_INE, SC_FIELD_HOST, -1);
    add_row(f, 1, 2, "INE", "Structure d'accueil");
    add_row(f, 7, 2, "A1", host);
    assert_int_equal(sc_record_add_placements(f->data, &f->source, &f->table,
                                               &f->header, &f->anomalies, 0),
                     SC_OK);
    assert_int_equal(f->data->nentries, 1);
    /* 32,766 "a" and the "é": 32,767 characters, 32,768 bytes. */
    assert_int_equal(strlen(f->data->entries[0].host), 32768);
    assert_string_equal(f->data->entries[0].host + 32766, "\xC3\xA9");
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_int_equal(f->anomalies.items[0].line, 7);
    assert_non_null(strstr(f->anomalies.items[0].message, "32 767"));
    assert_non_null(strstr(f->anomalies.items[0].message,
                           "Structure d'accueil"));
    free_rows(f);
    free(host);
}

static void test_extra_filled_cells_are_said_empty_ones_not(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, -1);
    add_row(f, 1, 3, "Nom", "Prénom", "Classe");
    add_row(f, 2, 5, "DUPONT", "Léa", "2nde 1", "", " ");
    add_row(f, 3, 5, "MARTIN", "Paul", "2nde 1", "", "oubli");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    /* Both pupils are kept; only the row with a filled extra cell is
     * reported. */
    assert_int_equal(f->data->npupils, 2);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_non_null(strstr(f->anomalies.items[0].message,
                           "1 cellule(s) remplie(s) au-delà des 3 colonnes"));
    free_rows(f);
}

static void test_repeated_header_row_is_a_note_not_a_pupil(void **state)
{
    fixture *f = *state;

    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, -1);
    add_row(f, 1, 3, "Nom", "Prénom", "Classe");
    add_row(f, 2, 3, "DUPONT", "Léa", "2nde 1");
    add_row(f, 3, 3, "NOM", "prénom", "Classe");
    add_row(f, 4, 3, "MARTIN", "Paul", "2nde 2");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 2);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_NOTE);
    assert_non_null(strstr(f->anomalies.items[0].message, "en-tête répétée"));
    free_rows(f);
}

static void test_short_rows_of_a_sheet_are_not_said(void **state)
{
    fixture *f = *state;

    /* A sheet (sep 0) stores no empty cell at a row's end: PETIT, with no
     * birth date, has two cells under a header of four. */
    f->table.sep = 0;
    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, SC_FIELD_BIRTH,
        -1);
    add_row(f, 1, 4, "Nom", "Prénom", "Classe", "Né le");
    add_row(f, 2, 3, "PETIT", "Emma", "2nde 1");
    add_row(f, 3, 1, "DURAND");
    add_row(f, 4, 5, "MARTIN", "Paul", "2nde 2", "", "oubli");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 3);
    assert_string_equal(sc_pupil_class(&f->data->pupils[0]), "2nde 1");
    assert_true(f->data->pupils[1].no_class);
    /* The cell beyond the header is still said. */
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 4);
    assert_non_null(strstr(f->anomalies.items[0].message, "au-delà"));
    free_rows(f);
}

static void test_short_rows_of_a_csv_are_said(void **state)
{
    fixture *f = *state;

    /* The same rows from a CSV: a row with fewer separators was cut. */
    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, SC_FIELD_BIRTH,
        -1);
    add_row(f, 1, 4, "Nom", "Prénom", "Classe", "Né le");
    add_row(f, 2, 3, "PETIT", "Emma", "2nde 1");
    add_row(f, 3, 1, "DURAND");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 2);
    assert_int_equal(f->anomalies.count, 2);
    assert_int_equal(f->anomalies.items[0].line, 2);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_non_null(strstr(f->anomalies.items[0].message,
                           "ligne de 3 cellule(s), l'en-tête en a 4"));
    assert_int_equal(f->anomalies.items[1].line, 3);
    assert_non_null(strstr(f->anomalies.items[1].message,
                           "ligne de 1 cellule(s), l'en-tête en a 4"));
    free_rows(f);
}

static void test_class_given_is_every_rows_class(void **state)
{
    fixture *f = *state;

    /* --roll 2nde3.csv:2NDE3, a teacher's list without a class column. */
    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, -1);
    f->header.class_given = "2NDE3";
    add_row(f, 1, 2, "Nom", "Prénom");
    add_row(f, 2, 2, "DUPONT", "Léa");
    add_row(f, 3, 2, "MARTIN", "Paul");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(sc_pupil_class(&f->data->pupils[i]), "2NDE3");
        assert_string_equal(sc_pupil_class_key(&f->data->pupils[i]), "2nde3");
        assert_false(f->data->pupils[i].no_class);
        /* A copy: the pupil outlives the settings' string. */
        assert_ptr_not_equal(sc_pupil_class(&f->data->pupils[i]),
                             f->header.class_given);
    }
    assert_int_equal(f->anomalies.count, 0);
    free_rows(f);
}

static void test_class_given_wins_over_a_class_column(void **state)
{
    fixture *f = *state;

    /* The user said which class the file is: its column is not read. */
    map(f, SC_FIELD_SURNAME, SC_FIELD_FIRST, SC_FIELD_CLASS, -1);
    f->header.class_given = "2NDE3";
    add_row(f, 1, 3, "Nom", "Prénom", "Classe");
    add_row(f, 2, 3, "DUPONT", "Léa", "2nde 1");
    add_row(f, 3, 3, "MARTIN", "Paul", "");
    assert_int_equal(sc_record_add_roll(f->data, &f->source, &f->table,
                                         &f->header, &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 2);
    assert_string_equal(sc_pupil_class(&f->data->pupils[0]), "2NDE3");
    assert_string_equal(sc_pupil_class(&f->data->pupils[1]), "2NDE3");
    assert_false(f->data->pupils[1].no_class);
    free_rows(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_cell_longer_than_excel_cell_is_cut_and_said, setup, teardown),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_roll_rows_become_pupils_with_keys),
        T(test_dataset_reads_at_most_its_inputs),
        T(test_pronote_full_name_is_split),
        T(test_roll_rows_without_name_are_reported),
        T(test_placement_cells_are_read_and_flags_kept),
        T(test_pupil_signature_date_is_kept),
        T(test_no_in_dispense_column_is_no_request),
        T(test_words_for_none_in_dispense_column_are_no_request),
        T(test_extra_filled_cells_are_said_empty_ones_not),
        T(test_repeated_header_row_is_a_note_not_a_pupil),
        T(test_short_rows_of_a_sheet_are_not_said),
        T(test_short_rows_of_a_csv_are_said),
        T(test_class_given_is_every_rows_class),
        T(test_class_given_wins_over_a_class_column),
#undef T
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
