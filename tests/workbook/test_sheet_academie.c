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
static void academie_of(fixture *f, sc_school_tally schools[2],
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

/* The Total counts the anomalies' errors and warnings (the note is left
 * out) beside the schools' findings. */
static void test_academie_rows_and_total(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[2];
    sc_academie a;

    academie_of(f, schools, &a);
    write_academie(f, &a);
    assert_file_prints(f, f->path,
        "show(*wb.sheetnames)\n"
        "rows(wb['Académie'])\n"
        "ws = wb['Académie']\n"
        "show(ws.freeze_panes, ws.auto_filter.ref, ws['A4'].font.b,\n"
        "     fill(ws['J1']), ws['K2'].number_format)\n",
        "Académie|Anomalies\n"
        "UAI|Établissement|Classeur|Effectif|À vérifier|Dispensé|"
        "Sans lieu d'accueil|Accueil partiel|Dossier incomplet|Prêt|"
        "Prêts ou dispensés|Anomalies\n"
        "0690101K|Lycée Ampère|a.xlsx|4|0|1|0|0|1|2|0.75|2\n"
        "0690212F||b.xlsx|0|0|0|0|0|0|0||0\n"
        "Total|||4|0|1|0|0|1|2|0.75|3\n"
        "A2|A1:L3|True|FFA2FDD5|0%\n");
}

static void test_academie_deadline_adds_late_column(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[2];
    sc_academie a;

    academie_of(f, schools, &a);
    a.has_deadline = 1;
    a.deadline = f->report.as_of;
    write_academie(f, &a);
    assert_file_prints(f, f->path,
        "ws = wb['Académie']\n"
        "show(*[c.value for c in ws[1]][10:])\n"
        "show(*[c.value for c in ws[2]][10:])\n"
        "show(*[c.value for c in ws[4]][10:])\n",
        "Prêts ou dispensés|En retard|Anomalies\n"
        "0.75|1|2\n"
        "0.75|1|3\n");
}

/* The pie takes the statuses of the Total row. */
static void test_academie_pie_of_total_row(void **state)
{
    fixture *f = *state;
    sc_school_tally schools[2];
    sc_academie a;

    academie_of(f, schools, &a);
    write_academie(f, &a);
    assert_file_prints(f, f->path,
        "import re, zipfile\n"
        "xml = zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml')\n"
        "show('pieChart' in xml.decode(),\n"
        "     *re.findall(r'<c:f>([^<]*)</c:f>', xml.decode()))\n",
        "True|'Académie'!$E$1:$J$1|'Académie'!$E$4:$J$4\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_academie_rows_and_total),
        TEST(test_academie_deadline_adds_late_column),
        TEST(test_academie_pie_of_total_row),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
