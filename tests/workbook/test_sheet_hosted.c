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

/* Only the pupils hosted some day of the period have a row (a day past
 * it does not count); each day's column counts its X. */
static void test_hosted_rows_and_day_counts(void **state)
{
    fixture *f = *state;

    f->verdicts[0].hosted = UINT64_C(1) << 20;
    f->verdicts[2].hosted = UINT64_C(0x201);
    f->verdicts[2].motif = "Dispense";
    assert_workbook_prints(f, "rows(wb['Accueil établissement'])\n",
        "Classe|Nom|Prénom|Motif|lun. 17/06|mar. 18/06|mer. 19/06|"
        "jeu. 20/06|ven. 21/06|lun. 24/06|mar. 25/06|mer. 26/06|jeu. 27/06|"
        "ven. 28/06\n"
        "2nde 2|ÉLIE|Anaïs|Dispense|X|||||||||X\n"
        "2nde 10|MARTIN|Léa|Lieu d'accueil pour une partie de la période|"
        "|||||X|X|X|X|X\n"
        "Élèves à accueillir||||1|0|0|0|0|1|1|1|1|2\n");
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
        "A2|A1:N2|True\n");
}

/* Nobody hosted: the header and a count row of zeros. */
static void test_hosted_nobody(void **state)
{
    fixture *f = *state;

    f->verdicts[1].hosted = 0;
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
        TEST(test_hosted_nobody),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
