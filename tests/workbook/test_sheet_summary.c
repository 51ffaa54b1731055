/*
 * test_sheet_summary.c - unit tests of sheet_summary.c: the Synthèse's
 * heading, files read, legend and chart, read back with openpyxl (the
 * class table and the lines on dates are in test_book.c).
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

/* Title, school year with the school when the inputs name it, the
 * period and how it was set. */
static void test_summary_heading(void **state)
{
    fixture *f = *state;

    f->report.school = "0690101K — Lycée Exemple";
    assert_workbook_prints(f,
        "ws = wb['Synthèse']\n"
        "for r in range(1, 4): show(ws.cell(r, 1).value)\n"
        "show(ws['A1'].font.b, ws['A1'].font.sz)\n",
        "Stage de seconde — suivi des séquences d'observation\n"
        "Année scolaire 2023-2024 — 0690101K — Lycée Exemple\n"
        "Période : du 17/06/2024 au 28/06/2024 (10 jours ouvrés) — "
        "calculée (calendrier national)\n"
        "True|14.0\n");
}

/* Without a school or a reference date, the heading says neither. */
static void test_summary_heading_without_school_or_date(void **state)
{
    fixture *f = *state;

    f->report.as_of = SC_DATE_NONE;
    f->period.given = 1;
    assert_workbook_prints(f,
        "ws = wb['Synthèse']\n"
        "for r in range(2, 5): show(ws.cell(r, 1).value)\n",
        "Année scolaire 2023-2024\n"
        "Période : du 17/06/2024 au 28/06/2024 (10 jours ouvrés) — "
        "donnée par --period\n"
        "\n");
}

/* The files read, each with its kind, format (the encoding when the
 * reader gave no format), rows and why it was taken for its kind. */
static void test_summary_lists_files_read(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Synthèse']\n"
        "first = [c.row for c in ws['A'] if c.value == 'Fichiers lus'][0]\n"
        "for r in ws.iter_rows(min_row=first, max_row=first + 3,\n"
        "                      max_col=5, values_only=True): show(*r)\n",
        "Fichiers lus||||\n"
        "Fichier|Type|Format|Lignes|Pris pour ce type car\n"
        "eleves.csv|Liste d'élèves|UTF-8|4|\n"
        "stages.csv|Stages|CSV Windows-1252, séparateur « ; »|3|"
        "ligne 1 : colonnes de stage (« Du »)\n");
}

/* Each status in its colour, with what it means. */
static void test_summary_legend(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Synthèse']\n"
        "first = [c.row for c in ws['A'] if c.value == 'Légende'][0]\n"
        "for r in range(first + 1, first + 7):\n"
        "    show(ws.cell(r, 1).value, fill(ws.cell(r, 1)))\n"
        "show(ws.cell(first + 6, 2).value)\n",
        "À vérifier|FFB7B6FF\n"
        "Dispensé|FFB2ECFD\n"
        "Sans lieu d'accueil|FFF48F86\n"
        "Accueil partiel|FFFCBA68\n"
        "Dossier incomplet|FFFEF2B3\n"
        "Prêt|FFA2FDD5\n"
        "Lieu d'accueil sur toute la période et dossier complet.\n");
}

/* One chart of the statuses per class, over the class table; none when
 * there is no class. */
static const char py_chart[] =
    "import re, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "charts = [n for n in z.namelist() if n.startswith('xl/charts/chart')]\n"
    "show(len(charts))\n"
    "for n in charts:\n"
    "    xml = z.read(n).decode()\n"
    "    show(*re.findall(r'<c:f>([^<]*)</c:f>', xml)[:3])\n";

static void test_summary_chart_over_class_table(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f, py_chart,
        "1\n"
        "'Synthèse'!$A$13:$A$14|'Synthèse'!$C$13:$C$14|"
        "'Synthèse'!$A$13:$A$14\n");
    f->data.npupils = 0;
    assert_workbook_prints(f, py_chart, "0\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_summary_heading),
        TEST(test_summary_heading_without_school_or_date),
        TEST(test_summary_lists_files_read),
        TEST(test_summary_legend),
        TEST(test_summary_chart_over_class_table),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
