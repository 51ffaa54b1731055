/*
 * test_page.c - unit tests of page.c: the header and footer strings every
 * printed page carries, and the document properties, read back from a
 * whole workbook with openpyxl.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fixture.h"
#include "stagecheck/workbook/page.h"

/* The school on the left, the sheet (Excel's &A) on the right; an "&" of
 * the school's name doubled, so that Excel does not read it as a code. */
static void test_page_header_names_school_and_sheet(void **state)
{
    sc_period period = {0};
    sc_page page = {"0690101K — Lycée Arts & Métiers", &period,
                    SC_DATE_NONE, SC_DATE_NONE};
    char buf[512];

    (void)state;
    sc_page_header(&page, buf, sizeof buf);
    assert_string_equal(buf, "&L0690101K — Lycée Arts && Métiers&R&A");
    page.school = NULL;
    sc_page_header(&page, buf, sizeof buf);
    assert_string_equal(buf, "&R&A");
}

/* A school name past Excel's 255 characters is cut on a whole character,
 * never halving an "&&" or a UTF-8 sequence. */
static void test_page_header_cut_to_excel_limit(void **state)
{
    sc_period period = {0};
    char school[400], buf[512];
    sc_page page = {school, &period, SC_DATE_NONE, SC_DATE_NONE};

    (void)state;
    for (size_t i = 0; i + 2 < sizeof school; i += 2)
        memcpy(school + i, "é", 2);
    school[sizeof school - 2] = '\0';
    sc_page_header(&page, buf, sizeof buf);
    assert_true(strlen(buf) <= 255);
    assert_string_equal(buf + strlen(buf) - 4, "&R&A");
    /* "&L", whole "é"s, "&R&A". */
    assert_int_equal((strlen(buf) - 6) % 2, 0);
}

static void test_page_footer_period_date_and_page(void **state)
{
    sc_period period = {.start = sc_date_make(2024, 6, 17),
                        .end = sc_date_make(2024, 6, 28)};
    sc_page page = {NULL, &period, SC_DATE_NONE, sc_date_make(2024, 5, 27)};
    char buf[512];

    (void)state;
    sc_page_footer(&page, buf, sizeof buf);
    assert_string_equal(buf, "&LPériode du 17/06/2024 au 28/06/2024"
                             "&CÉdité le 27/05/2024&Rpage &P / &N");
}

/* Issue 13: every sheet of a school's workbook, whichever module wrote
 * it, prints with the header and footer; the document properties name the
 * title, the period, the school and the reference date. */
static const char py_pages[] =
    "import datetime\n"
    "today = datetime.date.today().strftime('%d/%m/%Y')\n"
    "for ws in wb:\n"
    "    h, ft = ws.oddHeader, ws.oddFooter\n"
    "    show(ws.title, h.left.text, h.right.text, ft.left.text,\n"
    "         ft.center.text == 'Édité le ' + today, ft.right.text,\n"
    "         ws.page_setup.paperSize)\n"
    "p = wb.properties\n"
    "show(p.title, p.subject, p.description)\n"
    "import zipfile, re\n"
    "app = zipfile.ZipFile(sys.argv[1]).read('docProps/app.xml').decode()\n"
    "show(*re.findall(r'<Company>([^<]*)</Company>', app))\n";

static void test_page_every_sheet_has_header_footer_and_properties(
    void **state)
{
    fixture *f = *state;

    f->report.school = "0690101K — Lycée Exemple";
    assert_workbook_prints(f, py_pages,
        "Synthèse|0690101K — Lycée Exemple|&A|"
        "Période du 17/06/2024 au 28/06/2024|True|page &P / &N|9\n"
        "Relances|0690101K — Lycée Exemple|&A|"
        "Période du 17/06/2024 au 28/06/2024|True|page &P / &N|9\n"
        "2nde 2|0690101K — Lycée Exemple|&A|"
        "Période du 17/06/2024 au 28/06/2024|True|page &P / &N|9\n"
        "2nde 10|0690101K — Lycée Exemple|&A|"
        "Période du 17/06/2024 au 28/06/2024|True|page &P / &N|9\n"
        "Accueil établissement|0690101K — Lycée Exemple|&A|"
        "Période du 17/06/2024 au 28/06/2024|True|page &P / &N|9\n"
        "Anomalies|0690101K — Lycée Exemple|&A|"
        "Période du 17/06/2024 au 28/06/2024|True|page &P / &N|9\n"
        "Stage de seconde — suivi des séquences d'observation|"
        "Période d'observation du 17/06/2024 au 28/06/2024|"
        "Date de référence : 27/05/2024\n"
        "0690101K — Lycée Exemple\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_header_names_school_and_sheet),
        cmocka_unit_test(test_page_header_cut_to_excel_limit),
        cmocka_unit_test(test_page_footer_period_date_and_page),
        TEST(test_page_every_sheet_has_header_footer_and_properties),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
