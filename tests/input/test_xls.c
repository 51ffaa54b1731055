/*
 * test_xls.c - unit tests of xls.c on the .xls LibreOffice wrote
 * (tests/input/fixtures/suivi.xls): several sheets, dates, numbers with
 * all their digits, and what freexl refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/input/spreadsheet.h"

#define XLS "tests/input/fixtures/suivi.xls"

static void test_every_sheet_of_an_xls_is_listed_and_read(void **state)
{
    static const char *const names[] = {"Suivi", "Élèves", "Paramètres"};
    static const size_t rows[] = {6, 3, 1};
    sc_spreadsheet *book;
    sc_table *table;
    sc_diag diag;

    (void)state;
    assert_int_equal(sc_spreadsheet_open(XLS, SC_SPREADSHEET_XLS, &book,
                                         &diag), SC_OK);
    assert_int_equal(sc_spreadsheet_format_of(book), SC_SPREADSHEET_XLS);
    assert_int_equal(sc_spreadsheet_count(book), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(sc_spreadsheet_sheet_name(book, i), names[i]);
        assert_int_equal(sc_spreadsheet_read(book, i, &table, &diag), SC_OK);
        assert_string_equal(table->sheet, names[i]);
        assert_int_equal(table->nrows, rows[i]);
        if (i == 1) {
            assert_int_equal(table->rows[2].line, 3);
            assert_int_equal(table->rows[2].nfields, 4);
            assert_string_equal(table->rows[2].fields[1], "Noé");
            assert_string_equal(table->rows[2].fields[3], "30/11/2008");
        } else if (i == 0) {
            /* Row 7 is empty: row 8 keeps its number. */
            assert_int_equal(table->rows[5].line, 8);
            assert_string_equal(table->rows[2].fields[8], "12345678901234");
            assert_string_equal(table->rows[5].fields[7], "2.5");
        }
        sc_table_free(table);
    }
    sc_spreadsheet_close(book);
}

static void test_an_xls_freexl_cannot_open_is_refused(void **state)
{
    sc_spreadsheet *book;
    sc_diag diag;

    (void)state;
    assert_int_equal(sc_spreadsheet_open("tests/input/fixtures/absent.xls",
                                         SC_SPREADSHEET_XLS, &book, &diag),
                     SC_ERROR_FILE_OPEN);
    assert_null(book);
    assert_string_equal(diag.message, "impossible d'ouvrir le fichier : "
                                      "fichier ou dossier introuvable");
    /* An .ods is no compound file. */
    assert_int_equal(sc_spreadsheet_open("tests/input/fixtures/suivi.ods",
                                         SC_SPREADSHEET_XLS, &book, &diag),
                     SC_ERROR_FILE_READ);
    assert_string_equal(diag.message,
                        "classeur .xls illisible (ce n'est pas un classeur "
                        "Excel 97-2003) : enregistrez-le de nouveau depuis "
                        "Excel ou LibreOffice, au format .xlsx si possible");
    /* An .xls is read from its file only. */
    assert_int_equal(sc_spreadsheet_open_buffer("suivi.xls",
                                                "\xD0\xCF\x11\xE0\xA1\xB1\x1A"
                                                "\xE1", 8, SC_SPREADSHEET_NONE,
                                                &book, &diag),
                     SC_ERROR_FILE_READ);
    assert_string_equal(diag.message, "un classeur .xls se lit depuis un "
                                      "fichier, pas depuis la mémoire");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sheet_of_an_xls_is_listed_and_read),
        cmocka_unit_test(test_an_xls_freexl_cannot_open_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
