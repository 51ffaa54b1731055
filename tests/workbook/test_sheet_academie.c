/*
 * test_sheet_academie.c - unit tests of sheet_academie.c: academie.xlsx's
 * row per school, its totals with the findings no school owns, and the
 * column a deadline adds, read back with openpyxl.
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
#include "stagecheck/store/tempfile.h"

/* Two schools: one with pupils, one without (no share of done). */
static void academie_of(fixture *f, sc_school_tally *schools,
                        sc_academie *a)
{
    schools[0] = (sc_school_tally){"0690101K", "Lycée Ampère", "a.xlsx",
                                   {0}};
    schools[0].counts.pupils = 4;
    schools[0].counts.status[SC_STATUS_READY] = 2;
    schools[0].counts.status[SC_STATUS_DISPENSED] = 1;
    schools[0].counts.status[SC_STATUS_INCOMPLETE] = 1;
    schools[0].counts.late = 1;
    schools[0].counts.findings = 2;
    schools[1] = (sc_school_tally){"0690212F", NULL, "b.xlsx", {0}};
    *a = (sc_academie){.period = &f->period, .as_of = f->report.as_of,
                       .schools = schools, .nschools = 2,
                       .anomalies = &f->anomalies};
}

/* Writes academie.xlsx of a into f->path. */
static void write_academie(fixture *f, const sc_academie *a)
{
    sc_book_job job = {.academie = a, .path = f->path};

    assert_int_equal(sc_writer_prepare_batch(&job, 1, &f->diag), SC_OK);
    assert_int_equal(sc_tempfile_commit(&job.file, &f->diag), SC_OK);
}

/* The row of the table's header, from its filter, as py_top defines. */
static const char py_top[] =
    "ws = wb['Académie']\n"
    "top = int(ws.auto_filter.ref.split(':')[0][1:])\n";

/* The Total counts the anomalies' errors and warnings (the note is left
 * out) beside the schools' findings; a title and the date above; each
 * workbook name a link to the file beside academie.xlsx. */
static void test_academie_rows_and_total(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[2];
    sc_academie a;
    char code[1024];

    academie_of(f, schools, &a);
    write_academie(f, &a);
    snprintf(code, sizeof code, "%s%s", py_top,
        "show(*wb.sheetnames)\n"
        "for r in range(1, top):\n"
        "    show(ws.cell(row=r, column=1).value)\n"
        "for r in ws.iter_rows(min_row=top, values_only=True):\n"
        "    show(*r)\n"
        "show(top, ws.freeze_panes, ws.auto_filter.ref,\n"
        "     ws.cell(row=top + 3, column=1).font.b,\n"
        "     fill(ws.cell(row=top, column=10)),\n"
        "     ws.cell(row=top + 1, column=11).number_format,\n"
        "     ws.cell(row=top + 1, column=3).hyperlink.target)\n");
    assert_file_prints(f, f->path, code,
        "Académie|Anomalies\n"
        "Stage de seconde — suivi des séquences d'observation — académie\n"
        "Date de référence : 27/05/2024 — J-21 avant le début de la "
        "période\n"
        "Établissements du moins avancé au plus avancé (part des élèves "
        "prêts ou dispensés)\n"
        "UAI|Établissement|Classeur|Effectif|À vérifier|Dispensé|"
        "Sans lieu d'accueil|Accueil partiel|Dossier incomplet|Prêt|"
        "Prêts ou dispensés|Anomalies\n"
        "0690101K|Lycée Ampère|a.xlsx|4|0|1|0|0|1|2|0.75|2\n"
        "0690212F||b.xlsx|0|0|0|0|0|0|0||0\n"
        "Total|||4|0|1|0|0|1|2|0.75|3\n"
        "4|A5|A4:L6|True|FFA2FDD5|0%|a.xlsx\n");
}

/* Least ready first: a school of nobody has nothing left to do, and one
 * ready for nobody comes before one ready for three in four. */
static void test_academie_least_ready_first(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[3];
    sc_academie a;
    char code[512];

    academie_of(f, schools, &a);
    schools[2] = (sc_school_tally){"0690999Z", "Lycée Zola", "c.xlsx", {0}};
    schools[2].counts.pupils = 2;
    schools[2].counts.status[SC_STATUS_NO_HOST] = 2;
    a.nschools = 3;
    write_academie(f, &a);
    snprintf(code, sizeof code, "%s%s", py_top,
        "for r in ws.iter_rows(min_row=top + 1, values_only=True):\n"
        "    show(r[0], r[10])\n");
    assert_file_prints(f, f->path, code,
        "0690999Z|0\n"
        "0690101K|0.75\n"
        "0690212F|\n"
        "Total|0.5\n");
}

static void test_academie_deadline_adds_late_column(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[2];
    sc_academie a;
    char code[512];

    academie_of(f, schools, &a);
    a.has_deadline = 1;
    a.deadline = f->report.as_of;
    write_academie(f, &a);
    snprintf(code, sizeof code, "%s%s", py_top,
        "show(ws['A3'].value)\n"
        "for r in (top, top + 1, top + 3):\n"
        "    show(*[c.value for c in ws[r]][10:])\n");
    assert_file_prints(f, f->path, code,
        "Date limite de retour des conventions : 27/05/2024\n"
        "Prêts ou dispensés|En retard|Anomalies\n"
        "0.75|1|2\n"
        "0.75|1|3\n");
}

/* A bar chart of the share ready of each school, the table's order from
 * the top (categories reversed), in no status's colour: no longer a pie
 * of the Total row. */
static void test_academie_chart_of_share_ready(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[2];
    sc_academie a;

    academie_of(f, schools, &a);
    write_academie(f, &a);
    assert_file_prints(f, f->path,
        "import re, zipfile\n"
        "xml = zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml')\n"
        "xml = xml.decode()\n"
        "show('pieChart' in xml, '<c:barDir val=\"bar\"/>' in xml,\n"
        "     '5B9BD5' in xml, '<c:orientation val=\"maxMin\"/>' in xml,\n"
        "     *re.findall(r'<c:f>([^<]*)</c:f>', xml))\n",
        "False|True|True|True|'Académie'!$A$5:$B$6|'Académie'!$K$5:$K$6\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_academie_rows_and_total),
        TEST(test_academie_deadline_adds_late_column),
        TEST(test_academie_least_ready_first),
        TEST(test_academie_chart_of_share_ready),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
