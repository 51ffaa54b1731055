/*
 * test_sheet_class.c - unit tests of sheet_class.c: a class sheet's rows
 * (places, dispense, days hosted in school, where each row came from) and
 * its optional columns, read back with openpyxl.
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

/* Statut, Statut précédent and Retard of every class row, with fills. */
static const char py_previous[] =
    "for name in ('2nde 2', '2nde 10'):\n"
    "    ws = wb[name]\n"
    "    show(*[c.value for c in ws[1]][:8])\n"
    "    for row in ws.iter_rows(min_row=2):\n"
    "        show(*[(c.value, fill(c)) for c in row[4:7]])\n";

static void test_write_class_sheet_shows_previous_status_then_late(
    void **state)
{
    fixture *f = *state;

    set_previous_run(f);
    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f, py_previous,
        "Nom|Prénom|INE|Né(e) le|Statut|Statut précédent|Retard|"
        "Lieu 1 — structure\n"
        "('Prêt', 'FFA2FDD5')|('Dossier incomplet', 'FFFEF2B3')|(None, '')\n"
        "('Dispensé', 'FFB2ECFD')|('Dispensé', 'FFB2ECFD')|(None, '')\n"
        "Nom|Prénom|INE|Né(e) le|Statut|Statut précédent|Retard|"
        "Lieu 1 — structure\n"
        "('Accueil partiel', 'FFFCBA68')|('nouveau', '')|"
        "('En retard', 'FFFFC7CE')\n");
}

/* Every cell of the two class sheets: dates as Excel dates, places in
 * input order with the country unless France, dispense requests, the days
 * hosted in school and the input rows. */
static void test_class_rows_show_places_dispense_days_and_origins(
    void **state)
{
    fixture *f = *state;

    f->verdicts[0].todo = keep(f, "Convention à signer");
    assert_workbook_prints(f, "rows(wb['2nde 2'])\nrows(wb['2nde 10'])\n",
        "Nom|Prénom|INE|Né(e) le|Statut|Lieu 1 — structure|Lieu 1 — type|"
        "Lieu 1 — commune / pays|Lieu 1 — du|Lieu 1 — au|Dispense|À faire|"
        "Jours à accueillir|Lignes d'origine\n"
        "DUPONT|Jean||2008-03-01 00:00:00|Prêt|Boulangerie du Centre|"
        "Entreprise|Lyon|2024-06-17 00:00:00|2024-06-28 00:00:00||"
        "Convention à signer||eleves.csv:2 ; stages.csv:2\n"
        "ÉLIE|Anaïs||2008-03-03 00:00:00|Dispensé||||||"
        "SNU séjour de cohésion|||eleves.csv:4 ; stages.csv:4\n"
        "Nom|Prénom|INE|Né(e) le|Statut|Lieu 1 — structure|Lieu 1 — type|"
        "Lieu 1 — commune / pays|Lieu 1 — du|Lieu 1 — au|Dispense|À faire|"
        "Jours à accueillir|Lignes d'origine\n"
        "MARTIN|Léa|123456789AB|2008-03-02 00:00:00|Accueil partiel|"
        "Stadtwerke|Entreprise|Berlin (Allemagne)|2024-06-17 00:00:00|"
        "2024-06-21 00:00:00|||5 : 24/06, 25/06, 26/06, 27/06, 28/06|"
        "eleves.csv:3 ; stages.csv:3\n");
}

/* A pupil hosted in school for the whole period says so in one phrase. */
static void test_class_row_hosted_all_period(void **state)
{
    fixture *f = *state;

    f->verdicts[1].hosted = sc_period_all_days(&f->period);
    assert_workbook_prints(f, "print(wb['2nde 10']['M2'].value)\n",
                           "10 : toute la période\n");
}

/* One column group per place of the pupil with the most, in the order of
 * the placements file. */
static void test_class_sheet_widens_for_the_most_places(void **state)
{
    fixture *f = *state;

    /* MARTIN's place and DUPONT's, both MARTIN's now. */
    f->entries[0].pupil = 1;
    f->first[0] = 0;
    f->first[1] = 0;
    f->first[2] = 2;
    f->items[0] = 1;
    f->items[1] = 0;
    assert_workbook_prints(f,
        "ws = wb['2nde 10']\n"
        "show(*[c.value for c in ws[1]][5:16])\n"
        "show(*[c.value for c in ws[2]][5:16])\n",
        "Lieu 1 — structure|Lieu 1 — type|Lieu 1 — commune / pays|"
        "Lieu 1 — du|Lieu 1 — au|Lieu 2 — structure|Lieu 2 — type|"
        "Lieu 2 — commune / pays|Lieu 2 — du|Lieu 2 — au|Dispense\n"
        "Stadtwerke|Entreprise|Berlin (Allemagne)|2024-06-17 00:00:00|"
        "2024-06-21 00:00:00|Boulangerie du Centre|Entreprise|Lyon|"
        "2024-06-17 00:00:00|2024-06-28 00:00:00|\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_class_sheet_shows_previous_status_then_late),
        TEST(test_class_rows_show_places_dispense_days_and_origins),
        TEST(test_class_row_hosted_all_period),
        TEST(test_class_sheet_widens_for_the_most_places),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
