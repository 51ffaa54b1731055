/*
 * test_sheet_class.c - unit tests of sheet_class.c: a class sheet's rows
 * (places, dispense, days hosted in school, where each row came from), its
 * optional columns, and how it shows on screen and prints, read back with
 * openpyxl.
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
    "    show(*[c.value for c in ws[1]][:9])\n"
    "    for row in ws.iter_rows(min_row=2):\n"
    "        show(*[(c.value, fill(c)) for c in (row[2], row[6], row[7])])\n";

static void test_write_class_sheet_shows_previous_status_then_late(
    void **state)
{
    fixture *f = *state;

    set_previous_run(f);
    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f, py_previous,
        "Nom|Prénom|Statut|À faire|Jours à accueillir|Dates à accueillir|"
        "Statut précédent|Retard|Dispense\n"
        "('Prêt', 'FFA2FDD5')|('Dossier incomplet', 'FFFEF2B3')|(None, '')\n"
        "('Dispensé', 'FFB2ECFD')|('Dispensé', 'FFB2ECFD')|(None, '')\n"
        "Nom|Prénom|Statut|À faire|Jours à accueillir|Dates à accueillir|"
        "Statut précédent|Retard|Dispense\n"
        "('Accueil partiel', 'FFFCBA68')|('nouveau', '')|"
        "('En retard', 'FFFFC7CE')\n");
}

/* Every cell of the two class sheets, in the order a person reads them:
 * name, status, what to do, days hosted in school (a count, then the
 * days), dispense requests, places in input order with the country
 * unless France and dates as Excel dates; then INE, birth date, the type
 * of each place and the input rows. À faire has one item per line. */
static void test_class_rows_in_reading_order(void **state)
{
    fixture *f = *state;

    set_todo(f, 0, "Convention à signer; assurance à fournir");
    assert_workbook_prints(f, "rows(wb['2nde 2'])\nrows(wb['2nde 10'])\n",
        "Nom|Prénom|Statut|À faire|Jours à accueillir|Dates à accueillir|"
        "Dispense|Lieu 1 — structure|Lieu 1 — commune / pays|Lieu 1 — du|"
        "Lieu 1 — au|INE|Né(e) le|Lieu 1 — type|Lignes d'origine\n"
        "DUPONT|Jean|Prêt|Convention à signer\nassurance à fournir|0||"
        "|Boulangerie du Centre|Lyon|2024-06-17 00:00:00|"
        "2024-06-28 00:00:00||2008-03-01 00:00:00|Entreprise|"
        "eleves.csv:2 ; stages.csv:2\n"
        "ÉLIE|Anaïs|Dispensé||0||SNU séjour de cohésion|||||"
        "|2008-03-03 00:00:00||eleves.csv:4 ; stages.csv:4\n"
        "Nom|Prénom|Statut|À faire|Jours à accueillir|Dates à accueillir|"
        "Dispense|Lieu 1 — structure|Lieu 1 — commune / pays|Lieu 1 — du|"
        "Lieu 1 — au|INE|Né(e) le|Lieu 1 — type|Lignes d'origine\n"
        "MARTIN|Léa|Accueil partiel||5|24/06, 25/06, 26/06, 27/06, 28/06|"
        "|Stadtwerke|Berlin (Allemagne)|2024-06-17 00:00:00|"
        "2024-06-21 00:00:00|123456789AB|2008-03-02 00:00:00|Entreprise|"
        "eleves.csv:3 ; stages.csv:3\n");
}

/* A pupil hosted in school for the whole period says so in one phrase. */
static void test_class_row_hosted_all_period(void **state)
{
    fixture *f = *state;

    set_hosted(f, 1, sc_period_all_days(&f->period));
    assert_workbook_prints(f,
        "ws = wb['2nde 10']\nshow(ws['E2'].value, ws['F2'].value)\n",
        "10|toute la période\n");
}

/* One column group per place of the pupil with the most in the school,
 * on every class sheet, in the order of the placements file. */
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
        "for name in ('2nde 10', '2nde 2'):\n"
        "    ws = wb[name]\n"
        "    show(*[c.value for c in ws[1]][7:19])\n"
        "show(*[c.value for c in wb['2nde 10'][2]][7:19])\n",
        "Lieu 1 — structure|Lieu 1 — commune / pays|Lieu 1 — du|Lieu 1 — au|"
        "Lieu 2 — structure|Lieu 2 — commune / pays|Lieu 2 — du|Lieu 2 — au|"
        "INE|Né(e) le|Lieu 1 — type|Lieu 2 — type\n"
        "Lieu 1 — structure|Lieu 1 — commune / pays|Lieu 1 — du|Lieu 1 — au|"
        "Lieu 2 — structure|Lieu 2 — commune / pays|Lieu 2 — du|Lieu 2 — au|"
        "INE|Né(e) le|Lieu 1 — type|Lieu 2 — type\n"
        "Stadtwerke|Berlin (Allemagne)|2024-06-17 00:00:00|"
        "2024-06-21 00:00:00|Boulangerie du Centre|Lyon|2024-06-17 00:00:00|"
        "2024-06-28 00:00:00|123456789AB|2008-03-02 00:00:00|Entreprise|"
        "Entreprise\n");
}

/* Issue 13: a class sheet reads on screen and on paper. The header row
 * and the names stay in sight; the technical columns are folded at
 * outline level 1 and left out of the print area; it prints landscape on
 * A4, one page wide with the header row on every page; every row is as
 * tall as its wrapped lines. */
static const char py_page[] =
    "ws = wb['2nde 10']\n"
    "show(ws.freeze_panes, ws.print_area, ws.print_title_rows,\n"
    "     ws.page_setup.orientation, ws.page_setup.paperSize,\n"
    "     ws.sheet_properties.pageSetUpPr.fitToPage,\n"
    "     ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)\n"
    "from openpyxl.utils import get_column_letter as L\n"
    "show(*[(L(i), ws.column_dimensions[L(i)].outlineLevel,\n"
    "        ws.column_dimensions[L(i)].hidden) for i in (11, 12, 15)])\n"
    "show(ws.row_dimensions[1].height, ws.row_dimensions[2].height)\n"
    "show(ws['D2'].alignment.wrap_text, ws['D2'].alignment.vertical)\n";

static void test_class_sheet_reads_on_screen_and_paper(void **state)
{
    fixture *f = *state;

    set_todo(f, 1, "trouver un lieu d'accueil pour les jours "
                   "non couverts, sinon accueil dans "
                   "l'établissement; convention à signer");
    assert_workbook_prints(f, py_page,
        /* fitToWidth 1 is the default, left out of the XML. */
        "C2|['$A$1:$K$2']|$1:$1|landscape|9|True||0\n"
        "('K', 0, False)|('L', 1, True)|('O', 1, True)\n"
        /* « Lieu 1 — commune / pays » in 3 lines; « Accueil partiel » in
         * 2, the À faire in 3 + 1. */
        "45.0|60.0\n"
        "True|top\n");
}

/* The type as typed, then the category read in it; the category's own
 * name alone; a type the table does not know says so. */
static void test_class_type_cell_shows_the_category_read(void **state)
{
    fixture *f = *state;

    f->entries[0].host_type = keep(f, "SARL");
    f->entries[1].host_type = keep(f, "Tiers-lieu");
    assert_workbook_prints(f,
        "for name in ('2nde 2', '2nde 10'):\n"
        "    ws = wb[name]\n"
        "    col = [c.value for c in ws[1]].index('Lieu 1 — type') + 1\n"
        "    print(ws.cell(2, col).value)\n",
        "SARL → entreprise\n"
        "Tiers-lieu → non reconnu\n");
    f->entries[0].host_type = keep(f, "Collectivite  territoriale");
    f->entries[1].host_type = keep(f, "chez M. Martin");
    assert_workbook_prints(f,
        "for name in ('2nde 2', '2nde 10'):\n"
        "    ws = wb[name]\n"
        "    col = [c.value for c in ws[1]].index('Lieu 1 — type') + 1\n"
        "    print(ws.cell(2, col).value)\n",
        "Collectivite  territoriale\n"
        "chez M. Martin → particulier\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_class_sheet_shows_previous_status_then_late),
        TEST(test_class_rows_in_reading_order),
        TEST(test_class_row_hosted_all_period),
        TEST(test_class_sheet_widens_for_the_most_places),
        TEST(test_class_type_cell_shows_the_category_read),
        TEST(test_class_sheet_reads_on_screen_and_paper),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
