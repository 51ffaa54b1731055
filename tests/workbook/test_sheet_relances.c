/*
 * test_sheet_relances.c - unit tests of sheet_relances.c: who is chased
 * and in which order, what is missing item by item, the host concerned
 * and the link to the pupil's row, read back with openpyxl.
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
#include "stagecheck/workbook/sheet_relances.h"

/* Nowhere to go, then days uncovered, then what cannot be judged, then
 * papers; nobody is chased when ready or dispensed. */
static void test_relances_rank_most_urgent_first(void **state)
{
    (void)state;
    assert_int_equal(sc_sheet_relances_rank(SC_STATUS_NO_HOST), 0);
    assert_int_equal(sc_sheet_relances_rank(SC_STATUS_PARTIAL), 1);
    assert_int_equal(sc_sheet_relances_rank(SC_STATUS_CHECK), 2);
    assert_int_equal(sc_sheet_relances_rank(SC_STATUS_INCOMPLETE), 3);
    assert_int_equal(sc_sheet_relances_rank(SC_STATUS_READY), -1);
    assert_int_equal(sc_sheet_relances_rank(SC_STATUS_DISPENSED), -1);
}

/* A convention's missing pieces become one item each, its host aside and
 * named once; other items stay whole. */
static void test_relances_items_split_one_a_line(void **state)
{
    char items[512], hosts[256];

    (void)state;
    assert_int_equal(
        sc_sheet_relances_items(
            "convention « Garage » : manque signature du représentant "
            "légal, activités prévues; attestation d'assurance "
            "responsabilité civile de l'élève; convention « Garage » : "
            "manque compétences visées",
            items, sizeof items, hosts, sizeof hosts),
        4);
    assert_string_equal(items, "signature du représentant légal\n"
                               "activités prévues\n"
                               "attestation d'assurance responsabilité "
                               "civile de l'élève\n"
                               "compétences visées");
    assert_string_equal(hosts, "Garage");
    assert_int_equal(sc_sheet_relances_items("", items, sizeof items, hosts,
                                             sizeof hosts),
                     0);
    assert_string_equal(items, "");
    assert_int_equal(sc_sheet_relances_items(NULL, items, sizeof items,
                                             hosts, sizeof hosts),
                     0);
}

/* What does not fit is left out, never cut inside the buffer. */
static void test_relances_items_stay_within_the_buffer(void **state)
{
    char items[16], hosts[8];

    (void)state;
    sc_sheet_relances_items("convention « Un nom bien trop long » : manque "
                            "a, bb; une phrase bien trop longue",
                            items, sizeof items, hosts, sizeof hosts);
    assert_string_equal(items, "a\nbb");
    assert_string_equal(hosts, "");
}

/* The fixture's school: DUPONT's file is incomplete, MARTIN is placed
 * part of the period; ÉLIE is dispensed and left out. MARTIN comes first
 * although his class sheet comes after DUPONT's. Each row is as high as
 * its lines: MARTIN's one item, of 87 characters, wraps in the widest
 * column (56 characters of text) to two; DUPONT's three fit. */
static void test_relances_sheet_order_items_and_links(void **state)
{
    fixture *f = *state;

    f->verdicts[0].status = SC_STATUS_INCOMPLETE;
    set_todo(f, 0, "convention « Boulangerie du Centre » : "
                   "manque signature de l'élève, activités "
                   "prévues; attestation d'assurance "
                   "responsabilité civile de l'élève");
    set_todo(f, 1, "trouver un lieu d'accueil pour les jours "
                   "non couverts, sinon accueil dans "
                   "l'établissement");
    assert_workbook_prints(f,
        "ws = wb['Relances']\n"
        "show(ws['A1'].value)\n"
        "for row in ws.iter_rows(min_row=2):\n"
        "    link = row[6].hyperlink\n"
        "    show(*[c.value for c in row], link and link.location,\n"
        "         fill(row[3]), ws.row_dimensions[row[0].row].height)\n"
        "show(ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows,\n"
        "     ws['E3'].alignment.wrap_text)\n",
        "Élèves à relancer : 2 (les plus urgents d'abord)\n"
        "Classe|Nom|Prénom|Statut|À relancer|Lieu d'accueil|Fiche|||\n"
        "2nde 10|MARTIN|Léa|Accueil partiel|trouver un lieu d'accueil pour "
        "les jours non couverts, sinon accueil dans l'établissement|"
        "Stadtwerke|Voir la fiche|'2nde 10'!A2|FFFCBA68|30.0\n"
        "2nde 2|DUPONT|Jean|Dossier incomplet|signature de l'élève\n"
        "activités prévues\n"
        "attestation d'assurance responsabilité civile de l'élève|"
        "Boulangerie du Centre|Voir la fiche|'2nde 2'!A2|FFFEF2B3|45.0\n"
        "A3|A2:G4|$2:$2|True\n");
}

/* Past the deadline, a Retard column; the late first within a status. */
static void test_relances_late_first_within_a_status(void **state)
{
    fixture *f = *state;

    f->verdicts[0].status = SC_STATUS_PARTIAL;
    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f,
        "ws = wb['Relances']\n"
        "show(*[c.value for c in ws[2]])\n"
        "for row in ws.iter_rows(min_row=3):\n"
        "    show(row[1].value, row[4].value)\n",
        "Classe|Nom|Prénom|Statut|Retard|À relancer|Lieu d'accueil|Fiche\n"
        "DUPONT|En retard\n"
        "MARTIN|En retard\n");
}

/* Most urgent first whatever the class sheets' order: ÉLIE (nowhere to
 * go, second on 2nde 2), MARTIN (days uncovered, 2nde 10), DUPONT
 * (papers, first on 2nde 2); each late, each linked to its own row. */
static void test_relances_by_rank_then_sheet_order_each_linked(void **state)
{
    fixture *f = *state;

    f->verdicts[0].status = SC_STATUS_INCOMPLETE;
    f->verdicts[2].status = SC_STATUS_NO_HOST;
    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f,
        "ws = wb['Relances']\n"
        "show(ws['A1'].value)\n"
        "for row in ws.iter_rows(min_row=3):\n"
        "    link = row[7].hyperlink\n"
        "    show(row[0].value, row[1].value, row[3].value, row[4].value,\n"
        "         link and link.location)\n",
        "Élèves à relancer : 3, dont 3 en retard (les plus urgents "
        "d'abord)\n"
        "2nde 2|ÉLIE|Sans lieu d'accueil|En retard|'2nde 2'!A3\n"
        "2nde 10|MARTIN|Accueil partiel|En retard|'2nde 10'!A2\n"
        "2nde 2|DUPONT|Dossier incomplet|En retard|'2nde 2'!A2\n");
}

/* Nobody to chase: a line that says so. */
static void test_relances_nobody_says_so(void **state)
{
    fixture *f = *state;

    f->verdicts[1].status = SC_STATUS_READY;
    assert_workbook_prints(f, "rows(wb['Relances'])\n",
        "Élèves à relancer : 0 (les plus urgents d'abord)||||||\n"
        "Classe|Nom|Prénom|Statut|À relancer|Lieu d'accueil|Fiche\n"
        "Personne à relancer : tous les élèves sont prêts ou dispensés"
        "||||||\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relances_rank_most_urgent_first),
        cmocka_unit_test(test_relances_items_split_one_a_line),
        cmocka_unit_test(test_relances_items_stay_within_the_buffer),
        TEST(test_relances_sheet_order_items_and_links),
        TEST(test_relances_late_first_within_a_status),
        TEST(test_relances_by_rank_then_sheet_order_each_linked),
        TEST(test_relances_nobody_says_so),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
