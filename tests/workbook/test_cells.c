/*
 * test_cells.c - unit tests of cells.c on a workbook made here, without
 * the writer's child: texts cut to what a cell holds, fitted column
 * widths, dates, statuses, the notice of rows past Excel's last, and
 * nothing written once the book has failed. Read back with openpyxl.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include "fixture.h"
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/cells.h"

static void test_write_cuts_cells_over_excel_limit(void **state)
{
    fixture *f = *state;
    size_t n = 40000;
    char *todo = malloc(2 * n + 1);

    /* 40,000 characters of two bytes; libxlsxwriter refuses a cell over
     * 32,767 characters. */
    assert_non_null(todo);
    for (size_t i = 0; i < n; i++)
        memcpy(todo + 2 * i, "é", 2);
    todo[2 * n] = '\0';
    set_todo(f, 0, todo);
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
    free(todo);
}

/* A book on f->path, in libxlsxwriter's in-memory mode (rows in any
 * order), with its formats. */
static void book_start(fixture *f, sc_book *b)
{
    *b = (sc_book){.status = SC_OK, .lxw = LXW_NO_ERROR};
    b->workbook = workbook_new(f->path);
    assert_non_null(b->workbook);
    assert_int_equal(sc_formats_add(&b->formats, b->workbook), SC_OK);
}

static void book_end(sc_book *b)
{
    assert_int_equal(workbook_close(b->workbook), LXW_NO_ERROR);
}

/* A text over Excel's 32,767 UTF-16 units is cut there, on a character:
 * an emoji (two units) that would end past the limit goes whole. */
static void test_cells_text_cut_to_excel_limit_on_a_character(void **state)
{
    fixture *f = *state;
    size_t n = SC_TEXT_CELL_MAX - 1;
    char *text = malloc(n + 5);
    sc_book b;
    sc_cells sh;

    assert_non_null(text);
    memset(text, 'a', n);
    memcpy(text + n, "\xF0\x9F\x98\x80", 5);
    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 2));
    sc_cells_text(&sh, 0, 0, text, NULL);
    text[n] = 'b';
    text[n + 1] = 'c';
    text[n + 2] = '\0';
    sc_cells_text(&sh, 0, 1, text, NULL);
    sc_cells_close(&sh);
    book_end(&b);
    free(text);
    assert_int_equal(b.status, SC_OK);
    assert_file_prints(f, f->path,
        "ws = wb['Feuille']\n"
        "show(len(ws['A1'].value), set(ws['A1'].value))\n"
        "show(len(ws['B1'].value), ws['B1'].value[-2:])\n",
        "32766|{'a'}\n"
        "32767|ab\n");
}

/* Every text bound for the XML passes one sanitiser: a file name's
 * Latin-1 bytes read as Windows-1252, control characters XML 1.0 forbids
 * dropped, in cells and in the sheet name alike; openpyxl then opens the
 * workbook and shows the name. */
static void test_cells_write_latin1_and_controls_as_valid_xml(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Classe\x01 \xe9", 2));
    sc_cells_text(&sh, 0, 0, "\xe9l\xe8ves.csv", NULL);
    sc_cells_text(&sh, 0, 1, "a\x02" "b \x80\x9c\x81 \xef\xbf\xbe", NULL);
    sc_cells_close(&sh);
    book_end(&b);
    assert_int_equal(b.status, SC_OK);
    assert_file_prints(f, f->path,
        "ws = wb.worksheets[0]\n"
        "show(ws.title, ws['A1'].value, ws['B1'].value)\n",
        "Classe é|élèves.csv|ab €œ\xef\xbf\xbd \xef\xbf\xbd\n");
}

/* Widths follow the longest text, in characters, with room for the
 * filter button, between 8 and 60; numbers count their digits. */
static void test_cells_widths_fit_longest_text_within_bounds(void **state)
{
    fixture *f = *state;
    char long_text[101];
    sc_book b;
    sc_cells sh;

    memset(long_text, 'x', 100);
    long_text[100] = '\0';
    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 5));
    sc_cells_text(&sh, 0, 0, "abc", NULL);
    sc_cells_text(&sh, 0, 1, "éléments de vingt ca", NULL);
    sc_cells_text(&sh, 1, 1, "court", NULL);
    sc_cells_text(&sh, 0, 2, long_text, NULL);
    sc_cells_number(&sh, 0, 3, 1234567890, NULL);
    /* Not fitted: a free line that overflows to its right. */
    sc_cells_put(&sh, 0, 4, long_text, NULL, 0);
    sc_cells_close(&sh);
    book_end(&b);
    assert_file_prints(f, f->path,
        "ws = wb['Feuille']\n"
        "show(*[int(ws.column_dimensions[c].width) for c in 'ABCDE'])\n",
        "8|22|60|12|8\n");
}

/* A bounded column keeps its width within its own bounds, fixed when
 * they are equal, whatever is written. */
static void test_cells_bounded_widths(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 3));
    sc_cells_bound(&sh, 0, 10, 16);
    sc_cells_bound(&sh, 1, 10, 16);
    sc_cells_bound(&sh, 2, 12, 12);
    sc_cells_text(&sh, 0, 0, "abc", NULL);
    sc_cells_text(&sh, 0, 1, "un texte bien plus long que seize", NULL);
    sc_cells_text(&sh, 0, 2, "x", NULL);
    assert_int_equal(sc_cells_width(&sh, 0), 10);
    assert_int_equal(sc_cells_width(&sh, 1), 16);
    assert_int_equal(sc_cells_width(&sh, 2), 12);
    /* 7 pixels a character and 5 of padding, per column. */
    assert_int_equal(sc_cells_pixels(&sh, 3), 7 * (10 + 16 + 12) + 3 * 5);
    sc_cells_close(&sh);
    book_end(&b);
}

/* Lines of a wrapped cell: words kept whole, "\n" starts a line, a word
 * longer than a line is cut; a width of 10 holds 11 characters. */
static void test_cells_lines_wrap_at_words(void **state)
{
    (void)state;
    assert_int_equal(SC_CELLS_LINE_CHARS(10), 11);
    assert_int_equal(sc_cells_lines("", 10), 1);
    assert_int_equal(sc_cells_lines("Sans lieu", 10), 1);
    assert_int_equal(sc_cells_lines("Sans lieu d'accueil", 10), 2);
    assert_int_equal(sc_cells_lines("un\ndeux\ntrois", 10), 3);
    assert_int_equal(sc_cells_lines("abcdefghijklmnopqrstuvw", 10), 3);
    /* Accents count as one character each. */
    assert_int_equal(sc_cells_lines("éééééééééé ééé", 14), 1);
    assert_int_equal(sc_cells_lines("éééééééééé éééé", 13), 2);
}

/* Dates are Excel dates in dd/mm/yyyy; before 1900, which Excel's
 * calendar cannot hold, they are text; no date, no cell. */
static void test_cells_dates(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 3));
    sc_cells_date(&sh, 0, 0, sc_date_make(2024, 6, 17));
    sc_cells_date(&sh, 0, 1, sc_date_make(1850, 1, 2));
    sc_cells_date(&sh, 0, 2, SC_DATE_NONE);
    sc_cells_close(&sh);
    book_end(&b);
    assert_file_prints(f, f->path,
        "ws = wb['Feuille']\n"
        "show(ws['A1'].value, ws['A1'].number_format)\n"
        "show(ws['B1'].value, ws['C1'].value)\n",
        "2024-06-17 00:00:00|dd/mm/yyyy\n"
        "02/01/1850|\n");
}

/* A status in its colour (or not, unfilled), and the text for "no
 * status"; the Retard marker only for the late (F1 stays empty). */
static void test_cells_status_and_late(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 6));
    sc_cells_status(&sh, 0, 0, SC_STATUS_READY, 1, NULL);
    sc_cells_status(&sh, 0, 1, SC_STATUS_READY, 0, NULL);
    sc_cells_status(&sh, 0, 2, -1, 1, "nouveau");
    sc_cells_status(&sh, 0, 3, SC_STATUS_COUNT, 1, "hors liste");
    sc_cells_late(&sh, 0, 4, 1);
    sc_cells_late(&sh, 0, 5, 0);
    sc_cells_close(&sh);
    book_end(&b);
    assert_file_prints(f, f->path,
        "ws = wb['Feuille']\n"
        "for c in ws[1]: show(c.value, fill(c), font(c), c.font.b)\n",
        "Prêt|FFA2FDD5||False\n"
        "Prêt|||False\n"
        "nouveau|||False\n"
        "hors liste|||False\n"
        "En retard|FFFFC7CE|FF9C0006|True\n");
}

/* A list past Excel's rows says on the sheet's last row how many items
 * it left out; one that fits says nothing. */
static void test_cells_overflow_notice_on_last_row(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    assert_int_equal(sc_cells_list_fit(10), 10);
    assert_int_equal(sc_cells_list_fit(SC_CELLS_LIST_ROWS_MAX + 26),
                     SC_CELLS_LIST_ROWS_MAX);
    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 1));
    sc_cells_overflow(&sh, SC_CELLS_LIST_ROWS_MAX);
    sc_cells_overflow(&sh, SC_CELLS_LIST_ROWS_MAX + 26);
    sc_cells_close(&sh);
    book_end(&b);
    assert_file_prints(f, f->path,
        "ws = wb['Feuille']\n"
        "show(ws.max_row, ws.cell(ws.max_row, 1).value,\n"
        "     ws.cell(ws.max_row, 1).font.b, len(ws._cells))\n",
        "1048576|… et 26 ligne(s) de plus, au-delà des 1 048 576 lignes "
        "d'une feuille Excel|True|1\n");
}

/* More columns than Excel's 16,384 fail the book, which then writes
 * nothing more: not even a sheet that would fit. */
static void test_cells_too_many_columns_fail_the_book(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    book_start(f, &b);
    assert_false(sc_cells_open(&sh, &b, "Trop", (size_t)LXW_COL_MAX + 1));
    sc_cells_close(&sh);
    assert_int_equal(b.status, SC_ERROR_WORKBOOK);
    assert_int_equal(b.lxw, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
    assert_false(sc_cells_open(&sh, &b, "Feuille", 1));
    sc_cells_close(&sh);
    book_end(&b);
    assert_file_prints(f, f->path, "show(*wb.sheetnames)\n", "Sheet1\n");
}

/* After a failure, the writers of an open sheet write nothing, and the
 * first failure is the one kept. */
static void test_cells_write_nothing_once_the_book_failed(void **state)
{
    fixture *f = *state;
    sc_book b;
    sc_cells sh;

    book_start(f, &b);
    assert_true(sc_cells_open(&sh, &b, "Feuille", 3));
    sc_cells_text(&sh, 0, 0, "avant", NULL);
    b.status = SC_ERROR_MEMORY;
    sc_cells_text(&sh, 1, 0, "après", NULL);
    sc_cells_number(&sh, 1, 1, 3, NULL);
    sc_cells_date(&sh, 1, 2, sc_date_make(2024, 6, 17));
    sc_book_check(&b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    sc_cells_close(&sh);
    assert_int_equal(b.status, SC_ERROR_MEMORY);
    assert_int_equal(b.lxw, LXW_NO_ERROR);
    book_end(&b);
    assert_file_prints(f, f->path, "rows(wb['Feuille'])\n", "avant\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_cuts_cells_over_excel_limit),
        TEST(test_cells_text_cut_to_excel_limit_on_a_character),
        TEST(test_cells_write_latin1_and_controls_as_valid_xml),
        TEST(test_cells_widths_fit_longest_text_within_bounds),
        TEST(test_cells_bounded_widths),
        TEST(test_cells_lines_wrap_at_words),
        TEST(test_cells_dates),
        TEST(test_cells_status_and_late),
        TEST(test_cells_overflow_notice_on_last_row),
        TEST(test_cells_too_many_columns_fail_the_book),
        TEST(test_cells_write_nothing_once_the_book_failed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
