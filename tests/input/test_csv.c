/*
 * test_csv.c - unit tests of csv.c: a decoded source parsed into rows of
 * fields, each with the line where it starts.
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
#include "stagecheck/input/csv.h"
#include "stagecheck/input/limits.h"
#include "stagecheck/input/source.h"
#include "stagecheck/input/table.h"

typedef struct fixture {
    sc_source *source;
    sc_table *table;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_table_free(f->table);
    sc_source_free(f->source);
    free(f);
    return 0;
}

/* Decodes bytes as a file named eleves.csv and parses it with the detected
 * separator, the way the pipeline does. */
static sc_error parse_bytes(fixture *f, const char *bytes, size_t len)
{
    sc_error err = sc_source_decode("eleves.csv", bytes, len, &f->source,
                                    &f->diag);
    if (err != SC_OK)
        return err;
    return sc_csv_parse(f->source, sc_source_detect_sep(f->source),
                          &f->table, &f->diag);
}

/* For string literals, which may hold NUL bytes. */
#define PARSE(f, lit) parse_bytes((f), (lit), sizeof(lit) - 1)

#define assert_row(t, r, ln, n) \
    do { \
        assert_true((r) < (t)->nrows); \
        assert_int_equal((t)->rows[r].line, (ln)); \
        assert_int_equal((t)->rows[r].nfields, (n)); \
    } while (0)

#define assert_field(t, r, c, s) \
    do { \
        assert_true((r) < (t)->nrows); \
        assert_true((c) < (t)->rows[r].nfields); \
        assert_string_equal((t)->rows[r].fields[c], (s)); \
    } while (0)

static void test_decode_nul_byte_becomes_space(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "a;b\nc\0d;e\n"), SC_OK);
    assert_int_equal(f->source->len, 10);
    assert_string_equal(f->source->text, "a;b\nc d;e\n");
    assert_int_equal(f->source->bad_bytes, 1);
    assert_int_equal(f->source->first_bad_line, 2);
    assert_field(f->table, 1, 0, "c d");
}

static void test_parse_crlf_same_rows_as_lf(void **state)
{
    fixture *f = *state;
    sc_table *lf;

    assert_int_equal(PARSE(f, "Nom;Classe\n\nDUPONT;2GT1\nMARTIN;2GT2\n"),
                     SC_OK);
    lf = f->table;
    f->table = NULL;
    sc_source_free(f->source);
    f->source = NULL;
    assert_int_equal(PARSE(f, "Nom;Classe\r\n\r\nDUPONT;2GT1\r\n"
                              "MARTIN;2GT2\r\n"), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_int_equal(lf->nrows, 3);
    for (size_t r = 0; r < 3; r++) {
        assert_int_equal(f->table->rows[r].line, lf->rows[r].line);
        assert_int_equal(f->table->rows[r].nfields, 2);
        for (size_t c = 0; c < 2; c++)
            assert_string_equal(f->table->rows[r].fields[c],
                                lf->rows[r].fields[c]);
    }
    assert_int_equal(f->table->rows[2].line, 4);
    sc_table_free(lf);
}

static void test_parse_quoted_field_keeps_sep_quotes_newline(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f,
        "Nom;Commentaire;Classe\n"
        "DUPONT;\"Chez \"\"Garage Martin\"\"; à relancer\n"
        "appel le 3/05\";2GT1\n"
        "MARTIN;RAS;2GT2\n"), SC_OK);
    assert_int_equal(f->table->sep, ';');
    assert_ptr_equal(f->table->path, f->source->path);
    assert_int_equal(f->table->nrows, 3);
    assert_row(f->table, 1, 2, 3);
    assert_field(f->table, 1, 1,
                 "Chez \"Garage Martin\"; à relancer\nappel le 3/05");
    assert_field(f->table, 1, 2, "2GT1");
    /* The record after the two-line field keeps its physical line. */
    assert_row(f->table, 2, 4, 3);
    assert_field(f->table, 2, 0, "MARTIN");
}

static void test_parse_blank_lines_skipped_lines_kept(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Nom;Classe\n\n\nDUPONT;2GT1\n   \n;;\n"
                              "MARTIN; 2GT2 "), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_row(f->table, 0, 1, 2);
    assert_row(f->table, 1, 4, 2);
    assert_row(f->table, 2, 7, 2);
    assert_field(f->table, 2, 1, "2GT2");
}

static void test_parse_lines_above_header_kept(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Export Pronote du 12/05/2024\n\n"
                              "Nom;Prénom;Classe\nDUPONT;Jean;2GT1\n"), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_row(f->table, 0, 1, 1);
    assert_field(f->table, 0, 0, "Export Pronote du 12/05/2024");
    assert_row(f->table, 1, 3, 3);
    assert_field(f->table, 1, 0, "Nom");
    assert_row(f->table, 2, 4, 3);
}

static void test_parse_excel_formula_wrapper_removed(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "INE;Code\n=\"0123456789A\";\"=\"\"0123\"\"\"\n"),
                     SC_OK);
    assert_field(f->table, 1, 0, "0123456789A");
    assert_field(f->table, 1, 1, "0123");
}

static void test_parse_stray_quote_in_unquoted_field_kept(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Adresse;Ville\n12 rue \"du\" Moulin;Lyon\n"),
                     SC_OK);
    assert_field(f->table, 1, 0, "12 rue \"du\" Moulin");
    assert_field(f->table, 1, 1, "Lyon");
}

static void test_parse_tab_keeps_empty_fields(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Nom\tPrénom\tClasse\nDUPONT\t\t 2GT1\n"),
                     SC_OK);
    assert_int_equal(f->table->sep, '\t');
    assert_row(f->table, 1, 2, 3);
    assert_field(f->table, 1, 1, "");
    assert_field(f->table, 1, 2, "2GT1");
}

static void test_parse_lone_cr_ends_lines_without_lf(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Nom;Classe\rDUPONT;2GT1\r\rMARTIN;\"2\rGT2\"\r"
                              "DURAND;2GT3"), SC_OK);
    assert_int_equal(f->table->nrows, 4);
    assert_row(f->table, 1, 2, 2);
    assert_row(f->table, 2, 4, 2);
    /* A line break in a cell is a LF, whatever the file used. */
    assert_field(f->table, 2, 1, "2\nGT2");
    assert_row(f->table, 3, 6, 2);
}

static void test_parse_crlf_inside_quotes_becomes_lf(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Nom;Activit\xc3\xa9s\r\nDUPONT;\"vente\r\n"
                              "caisse\"\r\nMARTIN;accueil\r\n"), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_field(f->table, 1, 1, "vente\ncaisse");
    assert_row(f->table, 2, 4, 2);
}

static void test_parse_unclosed_quote_names_its_line(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "Nom;Classe\nDUPONT;2GT1\n\nMARTIN;\"2GT2\n"
                              "DURAND;2GT3\n"), SC_ERROR_CSV_QUOTE);
    assert_null(f->table);
    assert_string_equal(f->diag.file, "eleves.csv");
    assert_int_equal(f->diag.line, 4);
    assert_non_null(strstr(f->diag.message, "ligne 4"));
}

static void test_parse_unclosed_quote_in_later_field_line(void **state)
{
    fixture *f = *state;

    /* The record starts on line 2, its open field on line 3. */
    assert_int_equal(PARSE(f, "Nom;Classe\n\"DU\nPONT\";\"2GT1\nx\n"),
                     SC_ERROR_CSV_QUOTE);
    assert_null(f->table);
    assert_int_equal(f->diag.line, 3);
    assert_non_null(strstr(f->diag.message, "ligne 2"));
}

static void test_parse_grows_rows_and_fields(void **state)
{
    fixture *f = *state;
    size_t cap = 1000 * 40 * 8, len = 0;
    char *text = malloc(cap);

    assert_non_null(text);
    for (int r = 0; r < 1000; r++)
        for (int c = 0; c < 40; c++)
            len += (size_t)snprintf(text + len, cap - len, "%d.%d%c", r, c,
                                    c == 39 ? '\n' : ';');
    assert_int_equal(parse_bytes(f, text, len), SC_OK);
    free(text);
    assert_int_equal(f->table->nrows, 1000);
    assert_row(f->table, 999, 1000, 40);
    assert_field(f->table, 999, 39, "999.39");
    assert_field(f->table, 500, 7, "500.7");
}

static void test_parse_with_a_given_separator_ignores_the_others(void **state)
{
    fixture *f = *state;

    /* The separator is the caller's choice (file.c retries others). */
    assert_int_equal(sc_source_decode("eleves.csv", "a;b,c\n", 6, &f->source,
                                      &f->diag), SC_OK);
    assert_int_equal(sc_csv_parse(f->source, ',', &f->table, &f->diag), SC_OK);
    assert_int_equal(f->table->sep, ',');
    assert_row(f->table, 0, 1, 2);
    assert_field(f->table, 0, 0, "a;b");
    assert_field(f->table, 0, 1, "c");
}

static void test_free_gives_back_every_block_of_a_table(void **state)
{
    fixture *f = *state;
    size_t cap = 3000 * 16, len = 0;
    char *text = malloc(cap);
    long before;

    assert_non_null(text);
    /* Enough rows for the table to take several blocks. */
    for (int r = 0; r < 3000; r++)
        len += (size_t)snprintf(text + len, cap - len, "%d;\"x\ny\";z\n", r);
    assert_int_equal(sc_source_decode("eleves.csv", text, len, &f->source,
                                      &f->diag), SC_OK);
    free(text);
    before = support_live_blocks();
    assert_int_equal(sc_csv_parse(f->source, ';', &f->table, &f->diag), SC_OK);
    assert_int_equal(f->table->nrows, 3000);
    support_assert_more_blocks(before);
    sc_table_free(f->table);
    f->table = NULL;
    support_assert_live_blocks(before);
    sc_table_free(NULL);
    support_assert_live_blocks(before);
}

/* A file past SC_LIMITS_ROWS rows is refused at the first row too many,
 * with its file and line; one row fewer is read whole. */
static void test_parse_refuses_rows_past_the_limit(void **state)
{
    fixture *f = *state;
    size_t n = SC_LIMITS_ROWS + 1;
    char *text = malloc(2 * n + 1);

    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 2 * i, "a\n", 2);
    text[2 * n] = '\0';
    assert_int_equal(parse_bytes(f, text, 2 * n - 2), SC_OK);
    assert_int_equal(f->table->nrows, SC_LIMITS_ROWS);
    sc_table_free(f->table);
    sc_source_free(f->source);
    f->table = NULL;
    f->source = NULL;
    assert_int_equal(parse_bytes(f, text, 2 * n), SC_ERROR_FILE_READ);
    free(text);
    assert_null(f->table);
    assert_string_equal(f->diag.file, "eleves.csv");
    assert_int_equal(f->diag.line, SC_LIMITS_ROWS + 1);
    assert_non_null(strstr(f->diag.message, "trop de lignes : plus de "
                                            "2 000 000"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_decode_nul_byte_becomes_space),
        TEST(test_parse_crlf_same_rows_as_lf),
        TEST(test_parse_quoted_field_keeps_sep_quotes_newline),
        TEST(test_parse_blank_lines_skipped_lines_kept),
        TEST(test_parse_lines_above_header_kept),
        TEST(test_parse_excel_formula_wrapper_removed),
        TEST(test_parse_stray_quote_in_unquoted_field_kept),
        TEST(test_parse_tab_keeps_empty_fields),
        TEST(test_parse_lone_cr_ends_lines_without_lf),
        TEST(test_parse_crlf_inside_quotes_becomes_lf),
        TEST(test_parse_unclosed_quote_names_its_line),
        TEST(test_parse_unclosed_quote_in_later_field_line),
        TEST(test_parse_grows_rows_and_fields),
        TEST(test_parse_with_a_given_separator_ignores_the_others),
        TEST(test_free_gives_back_every_block_of_a_table),
        TEST(test_parse_refuses_rows_past_the_limit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
