/*
 * test_sheet_changes.c - unit tests of sheet_changes.c: the Changements
 * sheet after a previous run, its rows and what each change is called,
 * read back with openpyxl.
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

/* Every row of Changements with the fills of Avant and Après, and its
 * list settings (fitToWidth is left out of the file when it is 1, the
 * default). */
static const char py_changes[] =
    "ws = wb['Changements']\n"
    "for row in ws.iter_rows():\n"
    "    show(*[c.value for c in row], fill(row[3]), fill(row[4]))\n"
    "show(ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows,\n"
    "     ws.page_setup.orientation, ws.sheet_properties.pageSetUpPr.fitToPage,\n"
    "     ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)\n";

static void test_write_previous_run_adds_changes_sheet_before_anomalies(
    void **state)
{
    fixture *f = *state;

    set_previous_run(f);
    f->report.previous_dated = 1;
    f->report.previous_date = sc_date_make(2024, 5, 20);
    assert_workbook_prints(f, "show(*wb.sheetnames)\n"
                              "lines(wb['Synthèse'])\n",
        "Synthèse|Relances|2nde 2|2nde 10|Accueil établissement|Changements|"
        "Anomalies\n"
        "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n"
        "Changements depuis le passage précédent : 5 (voir la feuille "
        "Changements)\n");
    assert_workbook_prints(f, py_changes,
        "Changements entre le passage du 20/05/2024 (Avant) et celui du "
        "27/05/2024 (Après)|||||||\n"
        "Classe|Nom|Prénom|Avant|Après|Changement||\n"
        "2nde 2|DUPONT|Jean|Dossier incomplet|Prêt|statut|FFFEF2B3|"
        "FFA2FDD5\n"
        "2NDE 2|ÉLIE|Anaïs|Dispensé|Dispensé|"
        "changement de classe (ancienne classe : 2nde 1)|FFB2ECFD|FFB2ECFD\n"
        "2nde 10|PETIT|Max|Sans lieu d'accueil|Accueil partiel|"
        "statut et classe (ancienne classe : 2nde 3)|FFF48F86|FFFCBA68\n"
        "2nde 10|MARTIN|Léa||Accueil partiel|arrivé dans les listes||"
        "FFFCBA68\n"
        "2nde 2|BERNARD|Zoé|Dossier incomplet||parti des listes|FFFEF2B3|\n"
        "A3|A2:F7|$2:$2|landscape|True||0\n");
}

static void test_write_previous_run_without_changes_says_so(void **state)
{
    fixture *f = *state;

    set_previous_run(f);
    f->changes.count = 0;
    assert_workbook_prints(f, "lines(wb['Synthèse'])\n"
                              "rows(wb['Changements'])\n",
        "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n"
        "Changements depuis le passage précédent : 0 (voir la feuille "
        "Changements)\n"
        "Changements depuis le passage précédent (date non enregistrée)"
        "|||||\n"
        "Classe|Nom|Prénom|Avant|Après|Changement\n"
        "Aucun changement depuis le passage précédent|||||\n");
}

/* Without a previous run there is no Changements sheet, even with
 * changes at hand. */
static void test_changes_sheet_only_after_previous_run(void **state)
{
    fixture *f = *state;

    set_previous_run(f);
    f->report.previous = NULL;
    assert_workbook_prints(f, "show(*wb.sheetnames)\n",
        "Synthèse|Relances|2nde 2|2nde 10|Accueil établissement|"
        "Anomalies\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_previous_run_adds_changes_sheet_before_anomalies),
        TEST(test_write_previous_run_without_changes_says_so),
        TEST(test_changes_sheet_only_after_previous_run),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
