/*
 * test_sheet_hosted.c - unit tests of sheet_hosted.c: the pupils hosted in
 * school some day of the period, marked day by day, and the count of each
 * day, read back with openpyxl.
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

/* The sheet's rows, its days as dates, then the count row's cached
 * values, as a reader that does not compute sees them. */
static const char py_hosted[] =
    "ws = wb['Accueil établissement']\n"
    "for r in ws.iter_rows(values_only=True):\n"
    "    show(*[v.strftime('%d/%m') if hasattr(v, 'strftime') else v\n"
    "           for v in r])\n"
    "show(ws['E1'].number_format)\n"
    "cached = openpyxl.load_workbook(sys.argv[1], data_only=True)\n"
    "show(*[c.value for c in cached[ws.title][ws.max_row]])\n";

/* Only the pupils hosted some day of the period have a row (a day past
 * it does not count); each day's column counts its X, by a SUBTOTAL that
 * follows a filter by class; an empty Émargement box ends each row. */
static void test_hosted_rows_and_day_counts(void **state)
{
    fixture *f = *state;

    set_hosted(f, 0, UINT64_C(1) << 20);
    set_hosted(f, 2, UINT64_C(0x201));
    f->verdicts[2].motif = SC_MOTIF_MOBILITY;
    assert_workbook_prints(f, py_hosted,
        "Classe|Nom|Prénom|Motif|17/06|18/06|19/06|20/06|21/06|24/06|25/06|"
        "26/06|27/06|28/06|Émargement\n"
        "2nde 2|ÉLIE|Anaïs|Mobilité pour une partie de la période|X|||||||||"
        "X|\n"
        "2nde 10|MARTIN|Léa|Lieu d'accueil pour une partie de la période|"
        "|||||X|X|X|X|X|\n"
        "Élèves à accueillir||||=SUBTOTAL(103,E2:E3)|=SUBTOTAL(103,F2:F3)|"
        "=SUBTOTAL(103,G2:G3)|=SUBTOTAL(103,H2:H3)|=SUBTOTAL(103,I2:I3)|"
        "=SUBTOTAL(103,J2:J3)|=SUBTOTAL(103,K2:K3)|=SUBTOTAL(103,L2:L3)|"
        "=SUBTOTAL(103,M2:M3)|=SUBTOTAL(103,N2:N3)|\n"
        "[$-40C]ddd dd/mm\n"
        "Élèves à accueillir||||1|0|0|0|0|1|1|1|1|2|\n");
}

/* Printed with gridlines, the names on every page, and one week a page:
 * a break before the second Monday, at a scale instead of one page
 * wide (which would override the break): 76 %, at which the first week's
 * page (names, a Motif column 46 wide, five days) fits across A4. */
static void test_hosted_prints_a_week_a_page(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Accueil établissement']\n"
        "show(ws.print_options.gridLines, ws.print_title_cols,\n"
        "     [b.id for b in ws.col_breaks.brk], ws.page_setup.scale,\n"
        "     bool(ws.sheet_properties.pageSetUpPr and\n"
        "          ws.sheet_properties.pageSetUpPr.fitToPage))\n",
        "True|$A:$C|[9]|76|False\n");
}

/* The X are centred on their fill; the filter stops above the count
 * row. */
static void test_hosted_marks_and_filter(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Accueil établissement']\n"
        "c = ws['J2']\n"
        "show(c.value, fill(c), c.alignment.horizontal)\n"
        "show(ws.freeze_panes, ws.auto_filter.ref, ws['A3'].font.b)\n",
        "X|FFFFF2CC|center\n"
        "A2|A1:O2|True\n");
}

/* Nobody hosted: the header and a count row of zeros. */
static void test_hosted_nobody(void **state)
{
    fixture *f = *state;

    set_hosted(f, 1, 0);
    assert_workbook_prints(f,
        "ws = wb['Accueil établissement']\n"
        "show(ws.max_row, *[c.value for c in ws[2]][:6])\n",
        "2|Élèves à accueillir||||0|0\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_hosted_rows_and_day_counts),
        TEST(test_hosted_marks_and_filter),
        TEST(test_hosted_prints_a_week_a_page),
        TEST(test_hosted_nobody),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
