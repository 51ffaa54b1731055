/*
 * test_ods.c - unit tests of ods.c on small .ods files written here with
 * libzip (content.xml as LibreOffice writes it): value types, paragraphs
 * and spaces, repeated cells and rows, hidden tables, formulas without a
 * value, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/input/spreadsheet.h"
#include "../support.h"
#include "sheet_support.h"

#define CONTENT_HEAD \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<office:document-content " \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">" \
    "<office:automatic-styles>" \
    "<style:style style:name=\"ta1\" style:family=\"table\">" \
    "<style:table-properties table:display=\"true\"/></style:style>" \
    "<style:style style:name=\"ta2\" style:family=\"table\">" \
    "<style:table-properties table:display=\"false\"/></style:style>" \
    "<style:style style:name=\"ce1\" style:family=\"table-cell\">" \
    "<style:table-properties table:display=\"false\"/></style:style>" \
    "</office:automatic-styles><office:body><office:spreadsheet>"
#define CONTENT_TAIL \
    "<table:named-expressions/></office:spreadsheet></office:body>" \
    "</office:document-content>"

typedef sheet_fixture fixture;

static int setup(void **state)
{
    return sheet_fixture_setup(state, "test_ods", "suivi.ods");
}

static int teardown(void **state)
{
    return sheet_fixture_teardown(state);
}

/* Writes f->path with tables, the inside of <office:spreadsheet>. */
static void make_book(fixture *f, const char *tables)
{
    size_t len = strlen(CONTENT_HEAD) + strlen(tables) + strlen(CONTENT_TAIL);
    char *content = malloc(len + 1);
    const char *list[] = {
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml", content,
        "META-INF/manifest.xml",
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:"
        "xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\"/>"
        "</manifest:manifest>",
        NULL,
    };

    assert_non_null(content);
    snprintf(content, len + 1, "%s%s%s", CONTENT_HEAD, tables, CONTENT_TAIL);
    assert_int_equal(zipfix_write(f->path, list), 0);
    free(content);
}

static sc_error read_sheet(fixture *f, size_t i)
{
    sc_error err = SC_OK;

    if (!f->book)
        err = sc_spreadsheet_open(f->path, SC_SPREADSHEET_NONE, &f->book,
                                  &f->diag);
    sc_table_free(f->table);
    f->table = NULL;
    if (err == SC_OK)
        err = sc_spreadsheet_read(f->book, i, &f->table, &f->diag);
    return err;
}

static void read_ok(fixture *f, size_t i)
{
    if (read_sheet(f, i) != SC_OK)
        fail_msg("%s", f->diag.message);
}

#define CELL(attrs, text) \
    "<table:table-cell " attrs "><text:p>" text "</text:p></table:table-cell>"

static void test_value_types_become_the_text_stagecheck_reads(void **state)
{
    fixture *f = *state;

    make_book(f,
        "<table:table table:name=\"Suivi\" table:style-name=\"ta1\">"
        "<table:table-column table:number-columns-repeated=\"3\"/>"
        "<table:table-row>"
        CELL("office:value-type=\"float\" office:value=\"12345678901234\"",
             "1,23457E+13")
        CELL("office:value-type=\"percentage\" office:value=\"0.25\"", "25 %")
        CELL("office:value-type=\"currency\" office:currency=\"EUR\" "
             "office:value=\"12.5\"", "12,50 €")
        CELL("office:value-type=\"date\" office:date-value=\"2024-06-17\"",
             "17/06/24")
        CELL("office:value-type=\"date\" "
             "office:date-value=\"2024-06-28T14:30:00\"", "28/06/2024 14:30")
        CELL("office:value-type=\"boolean\" office:boolean-value=\"true\"",
             "VRAI")
        CELL("office:value-type=\"boolean\" office:boolean-value=\"false\"",
             "FAUX")
        CELL("office:value-type=\"time\" office:time-value=\"PT08H30M00S\"",
             "08:30")
        CELL("office:value-type=\"string\" office:string-value=\"attribut\"",
             "shown")
        CELL("table:formula=\"of:=[.F4]-[.E4]+1\" office:value-type=\"float\" "
             "office:value=\"12\"", "12")
        "</table:table-row></table:table>");
    read_ok(f, 0);
    assert_string_equal(f->table->sheet, "Suivi");
    support_assert_row(f->table, 0, 1, "12345678901234", "0.25", "12.5",
                       "17/06/2024", "28/06/2024", "oui", "non", "08:30",
                       "attribut", "12", NULL);
}

static void test_paragraphs_spaces_and_notes(void **state)
{
    fixture *f = *state;

    make_book(f,
        "<table:table table:name=\"Suivi\"><table:table-row>"
        "<table:table-cell office:value-type=\"string\">"
        "<office:annotation><dc:creator>CPE</dc:creator>"
        "<text:p>à vérifier</text:p></office:annotation>"
        "<text:p>Le<text:s/>Fournil<text:s text:c=\"3\"/>"
        "<text:span text:style-name=\"T1\">gras</text:span></text:p>"
        "<text:p>2<text:tab/>lignes<text:line-break/>"
        "fin<text:a xlink:href=\"x\" xmlns:xlink=\"http://www.w3.org/1999/"
        "xlink\">lien</text:a></text:p>"
        "</table:table-cell>"
        "<table:table-cell office:value-type=\"string\">"
        "<draw:frame><draw:text-box><text:p>forme</text:p></draw:text-box>"
        "</draw:frame><text:p>texte</text:p></table:table-cell>"
        "<table:covered-table-cell office:value-type=\"string\">"
        "<text:p>couverte</text:p></table:covered-table-cell>"
        "<table:table-cell><text:p>sans type</text:p></table:table-cell>"
        "</table:table-row></table:table>");
    read_ok(f, 0);
    support_assert_row(f->table, 0, 1, "Le Fournil   gras\n2\tlignes\nfinlien",
                       "texte", "couverte", "sans type", NULL);
}

static void test_repeats_are_expanded_and_empty_ones_cost_nothing(
    void **state)
{
    fixture *f = *state;

    make_book(f,
        "<table:table table:name=\"Suivi\">"
        "<table:table-header-rows><table:table-row>"
        CELL("office:value-type=\"string\"", "Nom")
        "<table:table-cell table:number-columns-repeated=\"2\"/>"
        CELL("office:value-type=\"string\"", "Classe")
        "<table:table-cell table:number-columns-repeated=\"16380\"/>"
        "</table:table-row></table:table-header-rows>"
        "<table:table-row table:number-rows-repeated=\"2\">"
        "<table:table-cell office:value-type=\"float\" office:value=\"7\" "
        "table:number-columns-repeated=\"3\"><text:p>7</text:p>"
        "</table:table-cell>"
        "<table:table-cell table:number-columns-repeated=\"16381\"/>"
        "</table:table-row>"
        "<table:table-row-group><table:table-row "
        "table:number-rows-repeated=\"1048570\" table:visibility=\"collapse\">"
        "<table:table-cell table:number-columns-repeated=\"16384\"/>"
        "</table:table-row></table:table-row-group>"
        "<table:table-row>"
        CELL("office:value-type=\"string\"", "fin")
        "</table:table-row>"
        "<table:table-row table:number-rows-repeated=\"3\"/>"
        "</table:table>");
    read_ok(f, 0);
    assert_int_equal(f->table->nrows, 4);
    support_assert_row(f->table, 0, 1, "Nom", "", "", "Classe", NULL);
    support_assert_row(f->table, 1, 2, "7", "7", "7", NULL);
    support_assert_row(f->table, 2, 3, "7", "7", "7", NULL);
    support_assert_row(f->table, 3, 1048574, "fin", NULL);
}

static void test_tables_are_listed_with_their_display(void **state)
{
    fixture *f = *state;

    make_book(f,
        "<table:table table:name=\"Suivi\" table:style-name=\"ta1\">"
        "<table:table-row>" CELL("office:value-type=\"string\"", "a")
        "</table:table-row></table:table>"
        "<table:table table:name=\"Élèves\" table:style-name=\"ta2\">"
        "<table:table-row><table:table-cell/>"
        CELL("office:value-type=\"string\"", "b")
        "</table:table-row></table:table>"
        /* ce1 hides nothing: it is a cell style. */
        "<table:table table:name=\"Vide\" table:style-name=\"ce1\"/>");
    read_ok(f, 1);
    assert_int_equal(sc_spreadsheet_count(f->book), 3);
    assert_false(sc_spreadsheet_sheet_hidden(f->book, 0));
    assert_true(sc_spreadsheet_sheet_hidden(f->book, 1));
    assert_false(sc_spreadsheet_sheet_hidden(f->book, 2));
    assert_string_equal(sc_spreadsheet_sheet_name(f->book, 2), "Vide");
    assert_string_equal(f->table->sheet, "Élèves");
    support_assert_row(f->table, 0, 1, "", "b", NULL);
    read_ok(f, 2);
    assert_int_equal(f->table->nrows, 0);
}

static void test_a_formula_without_value_is_listed(void **state)
{
    fixture *f = *state;
    const sc_spreadsheet_cell *cells;
    size_t n;

    make_book(f,
        "<table:table table:name=\"Suivi\"><table:table-row "
        "table:number-rows-repeated=\"4\"/><table:table-row>"
        CELL("office:value-type=\"string\"", "x")
        "<table:table-cell table:number-columns-repeated=\"2\"/>"
        "<table:table-cell table:formula=\"of:=1+1\"/>"
        "</table:table-row></table:table>");
    read_ok(f, 0);
    support_assert_row(f->table, 0, 5, "x", NULL);
    cells = sc_spreadsheet_uncached(f->book, &n);
    assert_int_equal(n, 1);
    assert_string_equal(cells[0].name, "D5");
}

static void test_a_sheet_past_the_limits_is_refused(void **state)
{
    fixture *f = *state;

    make_book(f,
        "<table:table table:name=\"Suivi\"><table:table-row>"
        "<table:table-cell office:value-type=\"float\" office:value=\"1\" "
        "table:number-columns-repeated=\"16385\"/></table:table-row>"
        "</table:table>");
    assert_int_equal(read_sheet(f, 0), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.message,
                        "feuille « Suivi » : cellule au-delà de la colonne "
                        "16384");
    sc_spreadsheet_close(f->book);
    f->book = NULL;
    /* A few bytes that would make 16384 x 1048576 fields. */
    make_book(f,
        "<table:table table:name=\"Suivi\"><table:table-row "
        "table:number-rows-repeated=\"1048576\"><table:table-cell "
        "office:value-type=\"float\" office:value=\"1\" "
        "table:number-columns-repeated=\"16384\"/></table:table-row>"
        "</table:table>");
    assert_int_equal(read_sheet(f, 0), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.message,
                        "feuille « Suivi » : plus de 16777216 cellules : ce "
                        "n'est pas un tableau de suivi (fichier abîmé ?)");
    sc_spreadsheet_close(f->book);
    f->book = NULL;
    make_book(f,
        "<table:table table:name=\"Suivi\"><table:table-row "
        "table:number-rows-repeated=\"1048576\"/><table:table-row>"
        CELL("office:value-type=\"string\"", "trop loin")
        "</table:table-row></table:table>");
    assert_int_equal(read_sheet(f, 0), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.message,
                        "feuille « Suivi » : ligne au-delà de la ligne "
                        "1048576");
}

static void test_a_cut_content_is_refused(void **state)
{
    fixture *f = *state;
    const char *list[] = {
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml",
        CONTENT_HEAD "<table:table table:name=\"Suivi\"><table:table-row>"
        "<table:table-cell office:value-type=\"string\"><text:p>coup",
        NULL,
    };

    assert_int_equal(zipfix_write(f->path, list), 0);
    assert_int_equal(read_sheet(f, 0), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.message,
                        "content.xml s'arrête au milieu : le fichier est "
                        "coupé ou abîmé");
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_value_types_become_the_text_stagecheck_reads),
        TEST(test_paragraphs_spaces_and_notes),
        TEST(test_repeats_are_expanded_and_empty_ones_cost_nothing),
        TEST(test_tables_are_listed_with_their_display),
        TEST(test_a_formula_without_value_is_listed),
        TEST(test_a_sheet_past_the_limits_is_refused),
        TEST(test_a_cut_content_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
