/*
 * test_sheetcells.c - unit tests of sheetcells.c: values written as stagecheck reads
 * them, column letters, and rows built from cells with their gaps,
 * repeats and limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/input/sheetcells.h"

static void test_numbers_keep_their_digits(void **state)
{
    static const struct {
        double value;
        const char *text;
    } cases[] = {
        {0, "0"}, {-0.0, "0"}, {12, "12"}, {-7, "-7"},
        {12345678901234.0, "12345678901234"},      /* a SIRET */
        {9007199254740991.0, "9007199254740991"},  /* 2^53 - 1 */
        {9007199254740992.0, "9.00719925474099e+15"},
        {2.5, "2.5"}, {0.1 + 0.2, "0.3"}, {1e-7, "1e-07"},
        {4.64583333332848, "4.64583333332848"},
    };
    char buf[32];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_sheetcells_number(cases[i].value, buf);
        assert_string_equal(buf, cases[i].text);
    }
}

static void test_serial_dates_in_both_systems(void **state)
{
    char buf[11];

    (void)state;
    assert_int_equal(sc_sheetcells_serial_date(45460, 0, buf), 0);
    assert_string_equal(buf, "17/06/2024");
    assert_int_equal(sc_sheetcells_serial_date(45460.9999, 0, buf), 0);
    assert_string_equal(buf, "17/06/2024");
    assert_int_equal(sc_sheetcells_serial_date(60, 0, buf), 0);
    assert_string_equal(buf, "29/02/1900");
    assert_int_equal(sc_sheetcells_serial_date(61, 0, buf), 0);
    assert_string_equal(buf, "01/03/1900");
    assert_int_equal(sc_sheetcells_serial_date(0, 1, buf), 0);
    assert_string_equal(buf, "01/01/1904");
    strcpy(buf, "unchanged");
    assert_int_equal(sc_sheetcells_serial_date(0.5, 0, buf), -1);
    assert_int_equal(sc_sheetcells_serial_date(-1, 1, buf), -1);
    assert_int_equal(sc_sheetcells_serial_date(1e300, 0, buf), -1);
    assert_string_equal(buf, "unchanged");
}

static void test_iso_dates_want_a_real_day(void **state)
{
    char buf[11];

    (void)state;
    assert_int_equal(sc_sheetcells_iso_date("2024-06-17", buf), 0);
    assert_string_equal(buf, "17/06/2024");
    assert_int_equal(sc_sheetcells_iso_date("2024-06-28T14:30:00", buf), 0);
    assert_string_equal(buf, "28/06/2024");
    assert_int_equal(sc_sheetcells_iso_date("2024-06-28 14:30:00", buf), 0);
    assert_int_equal(sc_sheetcells_iso_date("2024-02-30", buf), -1);
    assert_int_equal(sc_sheetcells_iso_date("2024-6-17", buf), -1);
    assert_int_equal(sc_sheetcells_iso_date("2024-06-17x", buf), -1);
    assert_int_equal(sc_sheetcells_iso_date("17/06/2024", buf), -1);
}

static void test_column_letters_both_ways(void **state)
{
    static const struct {
        unsigned column;
        const char *name;
    } cases[] = {{1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {703, "AAA"},
                 {16384, "XFD"}};
    char buf[8];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char ref[16];
        const char *p = ref;

        sc_sheetcells_column_name(cases[i].column, buf);
        assert_string_equal(buf, cases[i].name);
        strcpy(ref, cases[i].name);
        strcat(ref, "12");
        assert_int_equal(sc_sheetcells_column_parse(&p), cases[i].column);
        assert_string_equal(p, "12");
    }
    {
        const char *p = "XFE1", *q = "12", *r = "ab3";

        assert_int_equal(sc_sheetcells_column_parse(&p), 0);
        assert_int_equal(sc_sheetcells_column_parse(&q), 0);
        assert_int_equal(sc_sheetcells_column_parse(&r), 28);
    }
}

typedef struct fixture {
    sc_table *table;
    sc_sheetcells cells;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f || !(f->table = sc_table_new("suivi.xlsx")) ||
        sc_sheetcells_init(&f->cells, f->table) != SC_OK) {
        if (f)
            sc_table_free(f->table);
        free(f);
        return -1;
    }
    f->table->sheet = "Suivi";
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_sheetcells_clear(&f->cells);
    sc_table_free(f->table);
    free(f);
    return 0;
}

static void test_rows_fill_gaps_and_skip_empty_ones(void **state)
{
    fixture *f = *state;
    sc_sheetcells *c = &f->cells;

    assert_int_equal(sc_sheetcells_set(c, 3, " x\r\ny\rz ", 8, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_set(c, 1, "a", 1, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_end_row(c, 4, 1, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_set(c, 2, "  ", 2, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_end_row(c, 5, 1, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_set(c, 1, "r", 1, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_end_row(c, 7, 2, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_set(c, 1, "lost", 4, &f->diag), SC_OK);
    sc_sheetcells_drop_row(c);
    assert_int_equal(sc_sheetcells_end_row(c, 9, 1, &f->diag), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_int_equal(f->table->rows[0].line, 4);
    assert_int_equal(f->table->rows[0].nfields, 3);
    assert_string_equal(f->table->rows[0].fields[0], "a");
    assert_string_equal(f->table->rows[0].fields[1], "");
    assert_string_equal(f->table->rows[0].fields[2], "x\ny\nz");
    assert_int_equal(f->table->rows[1].line, 7);
    assert_int_equal(f->table->rows[2].line, 8);
    assert_string_equal(f->table->rows[2].fields[0], "r");
}

static void test_limits_are_refused_with_the_sheet_named(void **state)
{
    fixture *f = *state;
    sc_sheetcells *c = &f->cells;

    assert_int_equal(sc_sheetcells_set(c, SC_SHEETCELLS_MAX_COLUMNS + 1, "x", 1,
                                  &f->diag), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.file, "suivi.xlsx");
    assert_string_equal(f->diag.message,
                        "feuille « Suivi » : cellule au-delà de la colonne "
                        "16384");
    assert_int_equal(sc_sheetcells_set(c, 1, "x", 1, &f->diag), SC_OK);
    assert_int_equal(sc_sheetcells_end_row(c, SC_SHEETCELLS_MAX_ROWS - 1, 3, &f->diag),
                     SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.message,
                        "feuille « Suivi » : ligne au-delà de la ligne "
                        "1048576");
    assert_int_equal(f->table->nrows, 2);
    assert_int_equal(sc_sheetcells_uncached(c, 3, 2), SC_OK);
    assert_int_equal(c->nuncached, 1);
    assert_int_equal(c->uncached[0].row, 3);
    assert_int_equal(c->uncached[0].column, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_keep_their_digits),
        cmocka_unit_test(test_serial_dates_in_both_systems),
        cmocka_unit_test(test_iso_dates_want_a_real_day),
        cmocka_unit_test(test_column_letters_both_ways),
        cmocka_unit_test_setup_teardown(
            test_rows_fill_gaps_and_skip_empty_ones, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_limits_are_refused_with_the_sheet_named, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
