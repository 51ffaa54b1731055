/*
 * test_sheet_summary.c - unit tests of sheet_summary.c: the Synthèse's
 * heading, headline block, links, files read, legend and chart, read back
 * with openpyxl (the class table and the lines on dates are in
 * test_book.c).
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
        "'Synthèse'!$A$15:$A$16|'Synthèse'!$E$15:$E$16|"
        "'Synthèse'!$A$15:$A$16\n");
    f->data.npupils = 0;
    assert_workbook_prints(f, py_chart, "0\n");
}

/* Issue 13: the chart shows the problems, not the green. Horizontal
 * stacked bars of the four statuses still to deal with (Sans lieu
 * d'accueil, Accueil partiel, Dossier incomplet, À vérifier), each in its
 * palette colour or pattern, with its counts as labels; it starts a
 * printed page of its own. */
static const char py_chart_series[] =
    "import re, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "xml = z.read('xl/charts/chart1.xml').decode()\n"
    "show(*re.findall(r'<c:barDir val=\"(\\w+)\"/>', xml),\n"
    "     *re.findall(r'<c:grouping val=\"(\\w+)\"/>', xml))\n"
    "show(*[re.sub(r'.*\\$([A-Z])\\$.*', r'\\1', v) for v in\n"
    "       re.findall(r'<c:val><c:numRef><c:f>([^<]*)</c:f>', xml)])\n"
    "show(xml.count('<a:pattFill'), xml.count('<c:dLbls>'),\n"
    "     'F48F86' in xml, 'FCBA68' in xml)\n"
    "ws = wb['Synthèse']\n"
    "show(ws.row_breaks.brk[0].id if ws.row_breaks.brk else None)\n"
    "show([c.row for c in ws['A'] if c.value == 'Légende'][0] <\n"
    "     ws.row_breaks.brk[0].id <\n"
    "     [c.row for c in ws['A'] if c.value == 'Fichiers lus'][0])\n";

static void test_summary_chart_shows_what_is_left_to_do(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f, py_chart_series,
        "bar|stacked\n"
        /* Sans lieu d'accueil, Accueil partiel, Dossier incomplet, À
         * vérifier: columns E, F, G, C of the class table. */
        "E|F|G|C\n"
        "3|4|True|True\n"
        "28\n"
        "True\n");
}

/* Issue 13: the first screen says where things stand: the share ready
 * or dispensed (big), who has no host, who is hosted in school and the
 * busiest day, who is late, the anomalies to fix; the counts that should
 * be 0 turn red while they are not; the files read come last. */
static const char py_headline[] =
    "ws = wb['Synthèse']\n"
    "top = [c.row for c in ws['A'] if c.value == 'Où en est-on ?'][0]\n"
    "for r in range(top + 1, top + 6):\n"
    "    show(*[ws.cell(r, c).value for c in (1, 2, 3)])\n"
    "show(ws.cell(top + 1, 2).number_format, ws.cell(top + 1, 2).font.sz)\n"
    "rules = {str(k.sqref): [(r.type, r.operator, r.formula)\n"
    "                        for r in v] for k, v in\n"
    "         ws.conditional_formatting._cf_rules.items()}\n"
    "for k in sorted(rules): show(k, *rules[k])\n"
    "files = [c.row for c in ws['A'] if c.value == 'Fichiers lus'][0]\n"
    "show(files > [c.row for c in ws['A'] if c.value == 'Total'][0])\n";

static void test_summary_headline_answers_where_we_stand(void **state)
{
    fixture *f = *state;

    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f, py_headline,
        "Prêts ou dispensés|0.6666666666666666|2 élève(s) sur 3\n"
        "Sans lieu d'accueil|0|élève(s) sans aucun lieu d'accueil\n"
        "À accueillir dans l'établissement|1|jour le plus chargé : "
        "lun. 24/06 (1 élève(s))\n"
        "En retard|1|élève(s) ni prêts ni dispensés après la date limite du "
        "07/06/2024\n"
        "Anomalies à corriger|1|erreurs et avertissements : voir la feuille "
        "Anomalies\n"
        "0%|20.0\n"
        /* En retard and Anomalies, Sans lieu d'accueil; then À vérifier,
         * Sans lieu d'accueil and En retard of each class and the Total. */
        "B11:B12|('cellIs', 'greaterThan', ['0'])\n"
        "B9|('cellIs', 'greaterThan', ['0'])\n"
        "C16:C18|('cellIs', 'greaterThan', ['0'])\n"
        "E16:E18|('cellIs', 'greaterThan', ['0'])\n"
        "J16:J18|('cellIs', 'greaterThan', ['0'])\n"
        "True\n");
}

/* Without a deadline the headline says so; nobody hosted, no day. */
static void test_summary_headline_without_deadline_or_hosting(void **state)
{
    fixture *f = *state;

    set_hosted(f, 1, 0);
    assert_workbook_prints(f,
        "ws = wb['Synthèse']\n"
        "top = [c.row for c in ws['A'] if c.value == 'Où en est-on ?'][0]\n"
        "for r in (top + 3, top + 4):\n"
        "    show(*[ws.cell(r, c).value for c in (1, 2, 3)])\n",
        "À accueillir dans l'établissement|0|personne à accueillir\n"
        "En retard||pas de date limite donnée (option --deadline)\n");
}

/* Each class name in the table opens its sheet: an internal link whose
 * target is the sheet's own name, quoted. */
static void test_summary_class_names_link_to_their_sheets(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Synthèse']\n"
        "for c in ws['A']:\n"
        "    if c.hyperlink is not None:\n"
        "        show(c.value, c.hyperlink.location, c.font.u)\n",
        "2nde 2|'2nde 2'!A1|single\n"
        "2nde 10|'2nde 10'!A1|single\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_summary_heading),
        TEST(test_summary_heading_without_school_or_date),
        TEST(test_summary_lists_files_read),
        TEST(test_summary_legend),
        TEST(test_summary_chart_over_class_table),
        TEST(test_summary_chart_shows_what_is_left_to_do),
        TEST(test_summary_headline_answers_where_we_stand),
        TEST(test_summary_headline_without_deadline_or_hosting),
        TEST(test_summary_class_names_link_to_their_sheets),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
