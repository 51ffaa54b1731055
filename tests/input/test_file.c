/*
 * test_file.c - unit tests of file.c: one input file parsed with the
 * separator that yields a header, its header found, what cannot be decoded
 * reported, and its rows added to the dataset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#define SUPPORT_COUNT_BLOCKS
#include "../support.h"
#include "stagecheck/input/file.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/header.h"
#include "stagecheck/input/source.h"

#define ROLL_HEADER "Nom;Prénom;Classe;INE\n"
#define STAGES_HEADER "INE;Structure d'accueil;Date de début;Date de fin\n"

typedef struct fixture {
    char dir[64];
    char path[128];  /* dir/eleves.csv */
    sc_file file;
    sc_dataset *data;
    sc_anomalies anomalies;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_file") != 0 ||
        !(f->data = sc_dataset_new()))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/eleves.csv", f->dir);
    sc_diag_clear(&f->diag);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_file_clear(&f->file);
    sc_anomalies_clear(&f->anomalies);
    sc_dataset_free(f->data);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

/* Decodes the string literal text as eleves.csv and parses it as kind. */
#define PARSE(f, kind, lit) \
    parse_at((f), (kind), (lit), sizeof(lit) - 1, __FILE__, __LINE__)

static sc_error parse_at(fixture *f, sc_kind kind, const char *bytes,
                         size_t len, const char *file, int line)
{
    sc_source *source = NULL;

    _assert_int_equal(
        cast_to_largest_integral_type(sc_source_decode("eleves.csv", bytes,
                                                       len, &source,
                                                       &f->diag)),
        cast_to_largest_integral_type(SC_OK), file, line);
    sc_file_clear(&f->file);
    return sc_file_parse(&f->file, source, kind, NULL, &f->anomalies,
                         &f->diag);
}

/* ---- Separator and header ----------------------------------------------- */

static void test_parse_finds_the_header_below_a_title(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Export du 12/05/2024\n\n"
                                            ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_ROLL);
    assert_int_equal(f->file.header.row, 1);
    assert_int_equal(f->file.table->rows[1].line, 3);
    assert_int_equal(f->file.header.col[SC_FIELD_SURNAME], 0);
    assert_int_equal(f->file.header.col[SC_FIELD_CLASS], 2);
    assert_int_equal(f->file.header.col[SC_FIELD_INE], 3);
    assert_int_equal(f->file.table->sep, ';');
    assert_int_equal(f->anomalies.count, 0);
}

static void test_parse_retries_the_other_separators(void **state)
{
    fixture *f = *state;
    static const char text[] = "Nom;Prénom;Classe\n"
                               "DUPONT;Léa, Marie, Anne, Zoé;2nde 1\n";
    sc_source *source = NULL;
    char detected;

    /* The commas of one cell outnumber the semicolons of any line, so ','
     * is detected, and gives no header: ';' does. */
    assert_int_equal(sc_source_decode("eleves.csv", text, sizeof text - 1,
                                      &source, &f->diag), SC_OK);
    detected = sc_source_detect_sep(source);
    sc_source_free(source);
    assert_int_equal(detected, ',');
    assert_int_equal(PARSE(f, SC_KIND_ROLL, text), SC_OK);
    assert_int_equal(f->file.table->sep, ';');
    assert_int_equal(f->file.header.col[SC_FIELD_CLASS], 2);
    assert_string_equal(f->file.table->rows[1].fields[1], "Léa, Marie, Anne, Zoé");
}

static void test_parse_reports_the_likeliest_separators_error(void **state)
{
    fixture *f = *state;

    /* No separator gives a header: the message is the one of ';'. */
    assert_int_equal(PARSE(f, SC_KIND_ROLL, "a;b;c\n1;2;3\n"),
                     SC_ERROR_NO_HEADER);
    assert_null(f->file.table);
    assert_string_equal(f->diag.file, "eleves.csv");
    assert_non_null(strstr(f->diag.message, "aucune ligne d'en-tête"));
}

static void test_parse_unclosed_quote_is_reported_at_its_line(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER "DUPONT;\"Léa;2nde 1;A1\n"
                                            "MARTIN;Paul;2nde 1;A2\n"),
                     SC_ERROR_CSV_QUOTE);
    assert_null(f->file.table);
    assert_int_equal(f->diag.line, 2);
}

/* ---- Kinds -------------------------------------------------------------- */

static void test_parse_placements_given_as_a_roll_says_so(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Nom;Prénom;Classe;"
                                            "Structure d'accueil;Date de début\n"
                                            "DUPONT;Léa;2nde 1;Mairie;17/06/2024\n"),
                     SC_ERROR_NO_HEADER);
    assert_non_null(strstr(f->diag.message, "--placements"));
}

static void test_parse_roll_given_as_placements_says_so(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_PLACEMENTS,
                           ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_ERROR_NO_HEADER);
    assert_non_null(strstr(f->diag.message, "--roll"));
}

static void test_parse_placements_may_have_no_row(void **state)
{
    fixture *f = *state;

    /* Nobody placed yet is a state of the tracking sheet, not an error. */
    assert_int_equal(PARSE(f, SC_KIND_PLACEMENTS, STAGES_HEADER), SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_PLACEMENTS);
    assert_int_equal(f->file.table->nrows, 1);
}

static void test_parse_roll_without_pupils_is_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "\n" ROLL_HEADER),
                     SC_ERROR_FILE_EMPTY);
    assert_string_equal(f->diag.file, "eleves.csv");
    assert_int_equal(f->diag.line, 2);
    assert_string_equal(f->diag.message,
                        "aucun élève sous la ligne d'en-tête : liste vide");
}

static void test_parse_of_separators_only_is_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "\xEF\xBB\xBF;;;\r\n;;;\r\n"),
                     SC_ERROR_FILE_EMPTY);
    assert_string_equal(f->diag.message,
                        "fichier vide : aucune cellule remplie");
    assert_int_equal(f->diag.line, 0);
}

/* ---- What is reported --------------------------------------------------- */

static void test_parse_reports_undecodable_bytes_at_the_first(void **state)
{
    fixture *f = *state;

    /* Windows-1252 leaves 0x81 and 0x8D undefined. */
    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Nom;Pr\xE9nom;Classe\n"
                                            "DUPONT;L\xE9" "a;2nde 1\n"
                                            "MARTIN;P\x81ul;2nde 1\n"
                                            "DURAND;Zo\x8D;2nde 2\n"),
                     SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_string_equal(f->anomalies.items[0].file, "eleves.csv");
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_string_equal(f->anomalies.items[0].message,
                        "2 caractère(s) illisible(s) en Windows-1252 "
                        "remplacé(s) par « \xEF\xBF\xBD » (premier à cette "
                        "ligne)");
}

static void test_parse_reports_lines_of_another_encoding(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER
                                            "DUPONT;Léa;2nde 1;A1\n"
                                            "MARTIN;Zo\xE9;2nde 1;A2\n"),
                     SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_non_null(strstr(f->anomalies.items[0].message,
                           "1 ligne(s) de ce fichier UTF-8 ne sont pas en "
                           "UTF-8"));
}

static void test_parse_reports_a_column_given_twice(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Nom;Prénom;Classe;Nom\n"
                                            "DUPONT;Léa;2nde 1;X\n"),
                     SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 1);
    assert_string_equal(f->anomalies.items[0].message,
                        "deux colonnes « Nom » (colonnes 1 et 4) : seule la "
                        "première est lue");
}

static void test_parse_frees_the_decoded_text_keeps_the_fields(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_OK);
    assert_null(f->file.source->text);
    assert_int_equal(f->file.source->len, 0);
    assert_string_equal(f->file.source->path, "eleves.csv");
    assert_string_equal(f->file.table->rows[1].fields[1], "Léa");
}

/* ---- Loading and adding ------------------------------------------------- */

static void test_load_reads_the_file_at_its_path(void **state)
{
    fixture *f = *state;

    support_write(f->path, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n");
    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, NULL,
                                  &f->anomalies, &f->diag), SC_OK);
    assert_string_equal(f->file.source->path, f->path);
    assert_string_equal(f->file.table->path, f->path);
    assert_int_equal(f->file.table->nrows, 2);
}

static void test_load_of_a_missing_file_leaves_it_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, NULL,
                                  &f->anomalies, &f->diag),
                     SC_ERROR_FILE_OPEN);
    assert_null(f->file.source);
    assert_null(f->file.table);
    assert_string_equal(f->diag.file, f->path);
}

static void test_load_with_aliases_maps_unknown_headers(void **state)
{
    fixture *f = *state;
    sc_aliases aliases = {0};

    support_write(f->path, "Nom;Prénom;Groupe\nDUPONT;Léa;2nde 1\n");
    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, NULL,
                                  &f->anomalies, &f->diag), SC_ERROR_NO_HEADER);
    sc_file_clear(&f->file);
    assert_int_equal(sc_header_alias_add(&aliases, SC_FIELD_CLASS, "Groupe"),
                     SC_OK);
    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, &aliases,
                                  &f->anomalies, &f->diag), SC_OK);
    sc_header_aliases_clear(&aliases);
    assert_int_equal(f->file.header.col[SC_FIELD_CLASS], 2);
}

static void test_add_puts_the_rows_below_the_header_in_the_dataset(
    void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Export\n" ROLL_HEADER
                                            "DUPONT;Léa;2nde 1;A1\n"
                                            "MARTIN;Paul;2nde 2;A2\n"),
                     SC_OK);
    assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                 &f->anomalies), SC_OK);
    assert_int_equal(f->data->npupils, 2);
    assert_string_equal(f->data->pupils[0].surname, "DUPONT");
    assert_int_equal(f->data->pupils[0].line, 3);
    assert_string_equal(f->data->pupils[1].class_name, "2nde 2");
    assert_int_equal(f->data->ninputs, 1);
    assert_int_equal(f->data->inputs[0].kind, SC_KIND_ROLL);
}

static void test_add_of_a_view_reads_its_row_0_as_the_header(void **state)
{
    fixture *f = *state;
    sc_table view;

    /* As school.c splits a file: a view whose rows start at the header. */
    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Export\n" ROLL_HEADER
                                            "DUPONT;Léa;2nde 1;A1\n"
                                            "MARTIN;Paul;2nde 2;A2\n"),
                     SC_OK);
    assert_int_equal(f->file.header.row, 1);
    view = *f->file.table;
    view.blocks = NULL;
    view.rows = f->file.table->rows + 1;
    view.nrows = 2; /* the header and DUPONT */
    view.cap = 2;
    assert_int_equal(sc_file_add(&f->file, &view, f->data, &f->anomalies),
                     SC_OK);
    assert_int_equal(f->data->npupils, 1);
    assert_string_equal(f->data->pupils[0].surname, "DUPONT");
}

static void test_add_of_placements_gives_entries(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_PLACEMENTS, STAGES_HEADER
                                                  "A1;Mairie;17/06/2024;"
                                                  "28/06/2024\n"),
                     SC_OK);
    assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                 &f->anomalies), SC_OK);
    assert_int_equal(f->data->npupils, 0);
    assert_int_equal(f->data->nentries, 1);
    assert_string_equal(f->data->entries[0].host, "Mairie");
    assert_int_equal(f->data->entries[0].line, 2);
}

static void test_clear_gives_back_every_block(void **state)
{
    fixture *f = *state;
    long before;

    sc_file_clear(&f->file);
    before = support_live_blocks();
    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_OK);
    support_assert_more_blocks(before);
    sc_file_clear(&f->file);
    support_assert_live_blocks(before);
    assert_null(f->file.source);
    assert_null(f->file.table);
    sc_file_clear(NULL);
    support_assert_live_blocks(before);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_parse_finds_the_header_below_a_title),
        TEST(test_parse_retries_the_other_separators),
        TEST(test_parse_reports_the_likeliest_separators_error),
        TEST(test_parse_unclosed_quote_is_reported_at_its_line),
        TEST(test_parse_placements_given_as_a_roll_says_so),
        TEST(test_parse_roll_given_as_placements_says_so),
        TEST(test_parse_placements_may_have_no_row),
        TEST(test_parse_roll_without_pupils_is_empty),
        TEST(test_parse_of_separators_only_is_empty),
        TEST(test_parse_reports_undecodable_bytes_at_the_first),
        TEST(test_parse_reports_lines_of_another_encoding),
        TEST(test_parse_reports_a_column_given_twice),
        TEST(test_parse_frees_the_decoded_text_keeps_the_fields),
        TEST(test_load_reads_the_file_at_its_path),
        TEST(test_load_of_a_missing_file_leaves_it_empty),
        TEST(test_load_with_aliases_maps_unknown_headers),
        TEST(test_add_puts_the_rows_below_the_header_in_the_dataset),
        TEST(test_add_of_a_view_reads_its_row_0_as_the_header),
        TEST(test_add_of_placements_gives_entries),
        TEST(test_clear_gives_back_every_block),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
