/*
 * test_sheet_anomalies.c - unit tests of sheet_anomalies.c: a row per
 * anomaly with its severity's fill, a line when there is none, and the
 * count of rows past Excel's last, read back with openpyxl.
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

/* Excel holds 1,048,576 rows a sheet: past that, the Anomalies sheet says
 * how many it leaves out instead of failing. Checked on the sheet's XML,
 * which openpyxl would take minutes to load. */
static const char py_last_row[] =
    "import re, sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "sheets = [n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]\n"
    "name = max(sheets, key=lambda n: int(re.sub(r'\\D', '', n)))\n"
    "tail = b''\n"
    "with z.open(name) as f:\n"
    "    for chunk in iter(lambda: f.read(1 << 20), b''):\n"
    "        tail = (tail + chunk)[-4096:]\n"
    "row = re.findall(rb'<row r=\"(\\d+)\"', tail)[-1].decode()\n"
    "text = re.findall(rb'<t>([^<]*)</t>', tail)[-1].decode()\n"
    "print(row, text)\n";

static void test_write_anomalies_past_excel_rows_are_counted(void **state)
{
    fixture *f = *state;
    size_t n = 1048600;
    sc_anomaly *items = calloc(n, sizeof *items);
    char *empty = keep(f, ""), *message = keep(f, "x");
    char script[160], command[512], got[512];
    FILE *fp;
    size_t len;

    assert_non_null(items);
    for (size_t i = 0; i < n; i++)
        items[i] = (sc_anomaly){SC_SEVERITY_WARNING, f->anomaly_items[0].file,
                                (unsigned)(i + 2), empty, empty, message,
                                NULL};
    f->anomalies.items = items;
    f->anomalies.count = n;
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    free(items);
    f->anomalies.items = f->anomaly_items;
    f->anomalies.count = 2;
    /* The last row of the last sheet (Anomalies), read from its XML as a
     * stream: openpyxl would take minutes over a million rows. */
    snprintf(script, sizeof script, "%s/dernier.py", f->dir);
    assert_int_equal(support_write_file(script, py_last_row), 0);
    snprintf(command, sizeof command, PYTHON " %s %s 2>&1", script, f->path);
    fp = popen(command, "r");
    assert_non_null(fp);
    len = fread(got, 1, sizeof got - 1, fp);
    got[len] = '\0';
    assert_int_equal(pclose(fp), 0);
    /* A title and the header above: 1,048,573 rows listed. */
    assert_string_equal(got, "1048576 … et 27 ligne(s) de plus, au-delà des "
                             "1 048 576 lignes d'une feuille Excel\n");
}

/* Each anomaly's row, Gravité filled in its severity's colour (no
 * status's), no line number when it has none, the column at fault when
 * known; a list sheet's settings under the title. */
static void test_anomalies_rows_with_severity_fill(void **state)
{
    fixture *f = *state;

    f->anomaly_items[1].severity = SC_SEVERITY_WARNING;
    f->anomalies.count = 2;
    assert_workbook_prints(f,
        "ws = wb['Anomalies']\n"
        "for row in ws.iter_rows():\n"
        "    show(*[c.value for c in row], fill(row[0]))\n"
        "show(ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows,\n"
        "     ws.auto_filter.filterColumn, ws['C3'].alignment.horizontal)\n",
        "Anomalies : 1 erreur, 1 avertissement, 0 information||||||||\n"
        "Gravité|Fichier|Ligne|Colonne|Classe|Élève|Message|Fiche|\n"
        "Erreur|stages.csv|7|Date de début|2nde 2|DUPONT Jean|"
        "date illisible||FFE06666\n"
        "Attention|stages.csv|||||classe non retenue||FFF6B26B\n"
        "A3|A2:H4|$2:$2|[]|left\n");
}

/* Errors, then warnings, then notes, each by file and line as the list
 * comes; the notes' rows hidden under a filter on Gravité that keeps
 * errors and warnings, and counted in the title. */
static void test_anomalies_by_severity_notes_filtered_out(void **state)
{
    fixture *f = *state;

    f->anomaly_items[0].severity = SC_SEVERITY_NOTE;
    f->anomaly_items[1].severity = SC_SEVERITY_WARNING;
    assert_workbook_prints(f,
        "ws = wb['Anomalies']\n"
        "show(ws['A1'].value)\n"
        "for row in ws.iter_rows(min_row=3):\n"
        "    show(row[0].value, row[6].value, fill(row[0]),\n"
        "         ws.row_dimensions[row[0].row].hidden)\n"
        "for c in ws.auto_filter.filterColumn:\n"
        "    show(c.colId, *sorted(c.filters.filter))\n",
        "Anomalies : 0 erreur, 1 avertissement, 1 information (masquées par "
        "le filtre de « Gravité » : choisir « Information » pour les voir)\n"
        "Attention|classe non retenue|FFF6B26B|False\n"
        "Information|date illisible|FFD9D9D9|True\n"
        "0|Attention|Erreur\n");
}

/* An anomaly of a pupil's row (here MARTIN's placement, line 3) links to
 * the pupil's row on the class sheet; one of no pupil's row has none. */
static void test_anomalies_link_to_the_pupils_row(void **state)
{
    fixture *f = *state;

    f->anomaly_items[0].line = 3;
    assert_workbook_prints(f,
        "ws = wb['Anomalies']\n"
        "for row in ws.iter_rows(min_row=3):\n"
        "    link = row[7].hyperlink\n"
        "    show(row[6].value, row[7].value, link and link.location)\n"
        "show(wb['2nde 10']['A2'].value)\n",
        "date illisible|Voir la fiche|'2nde 10'!A2\n"
        "classe non retenue||\n"
        "MARTIN\n");
}

/* Sets item to an error of (file, line) saying msg; its other strings
 * are the fixture's anomalies', so that few are kept. */
static void anomaly_at(fixture *f, sc_anomaly *item, const char *file,
                       unsigned line, const char *msg)
{
    char *name = strcmp(file, "stages.csv") == 0 ? f->anomaly_items[0].file
                                                 : f->inputs[0].path;

    *item = (sc_anomaly){SC_SEVERITY_ERROR, name, line,
                         f->anomaly_items[1].class_name,
                         f->anomaly_items[1].pupil, keep(f, msg), NULL};
}

/* Writes the fixture's workbook with the n anomalies of items and prints
 * each anomaly's message and the location of its link into out. */
static void links_of(fixture *f, sc_anomaly *items, size_t n, char *out,
                     size_t size)
{
    f->anomalies.items = items;
    f->anomalies.count = n;
    workbook_query(f,
        "ws = wb['Anomalies']\n"
        "for row in ws.iter_rows(min_row=3):\n"
        "    link = row[7].hyperlink\n"
        "    show(row[6].value, link and link.location)\n",
        out, size);
    f->anomalies.items = f->anomaly_items;
    f->anomalies.count = 2;
}

/* Each anomaly links to the class row of the pupil whose roll row or
 * tracking row it names, however many name it; a row of no shown pupil
 * (DURAND, left out by --classes) or of no pupil has no link. On 2nde 2,
 * DUPONT is row 2 and ÉLIE row 3; MARTIN is row 2 of 2nde 10. */
static void test_anomalies_link_roll_and_tracking_rows_to_their_pupil(
    void **state)
{
    fixture *f = *state;
    sc_anomaly items[7];
    char out[1024];

    anomaly_at(f, &items[0], "stages.csv", 3, "suivi MARTIN");
    anomaly_at(f, &items[1], "eleves.csv", 4, "liste ÉLIE");
    anomaly_at(f, &items[2], "eleves.csv", 5, "liste DURAND");
    anomaly_at(f, &items[3], "stages.csv", 2, "suivi DUPONT");
    anomaly_at(f, &items[4], "eleves.csv", 4, "liste ÉLIE encore");
    anomaly_at(f, &items[5], "stages.csv", 9, "suivi de personne");
    anomaly_at(f, &items[6], "stages.csv", 4, "dispense ÉLIE");
    links_of(f, items, 7, out, sizeof out);
    assert_string_equal(out, "suivi MARTIN|'2nde 10'!A2\n"
                             "liste ÉLIE|'2nde 2'!A3\n"
                             "liste DURAND|\n"
                             "suivi DUPONT|'2nde 2'!A2\n"
                             "liste ÉLIE encore|'2nde 2'!A3\n"
                             "suivi de personne|\n"
                             "dispense ÉLIE|'2nde 2'!A3\n");
}

/* A roll row two shown pupils share (a SIECLE export written on one
 * line gives its pupils one line): an anomaly that names one of them by
 * name links to that one's row; one that names neither links to the
 * first in the class sheets' order. DUPONT is row 2 of 2nde 2, ÉLIE row
 * 3. */
static void test_anomalies_row_of_two_pupils_links_to_the_one_named(
    void **state)
{
    fixture *f = *state;
    sc_anomaly items[4];
    char out[512];

    f->pupils[2].line = f->pupils[0].line;
    anomaly_at(f, &items[0], "eleves.csv", 2, "ligne d'ÉLIE");
    items[0].pupil = keep(f, "ÉLIE Anaïs");
    anomaly_at(f, &items[1], "eleves.csv", 2, "ligne de DUPONT");
    items[1].pupil = keep(f, "DUPONT Jean");
    anomaly_at(f, &items[2], "eleves.csv", 2, "ligne de personne");
    items[2].pupil = keep(f, "");
    anomaly_at(f, &items[3], "eleves.csv", 2, "ligne d'un autre");
    items[3].pupil = keep(f, "MARTIN Léa");
    links_of(f, items, 4, out, sizeof out);
    assert_string_equal(out, "ligne d'ÉLIE|'2nde 2'!A3\n"
                             "ligne de DUPONT|'2nde 2'!A2\n"
                             "ligne de personne|'2nde 2'!A2\n"
                             "ligne d'un autre|'2nde 2'!A2\n");
}

/* academie.xlsx's anomalies belong to no pupil: no Fiche column. */
static void test_anomalies_of_academie_have_no_links(void **state)
{
    fixture *f = *state;
    sc_academie a = {.period = &f->period, .as_of = f->report.as_of,
                     .anomalies = &f->anomalies};
    sc_book_job job = {.academie = &a, .path = f->path};

    assert_int_equal(sc_writer_prepare_batch(&job, 1, &f->diag), SC_OK);
    assert_int_equal(sc_tempfile_commit(&job.file, &f->diag), SC_OK);
    assert_file_prints(f, f->path, "show(*[c.value for c in "
                                   "wb['Anomalies'][2]])\n",
        "Gravité|Fichier|Ligne|Colonne|Classe|Élève|Message\n");
}

static void test_anomalies_note_filled_grey(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Anomalies']\n"
        "show(ws['A4'].value, fill(ws['A4']))\n",
        "Information|FFD9D9D9\n");
}

static void test_anomalies_none_says_so(void **state)
{
    fixture *f = *state;

    f->anomalies.count = 0;
    assert_workbook_prints(f, "rows(wb['Anomalies'])\n",
        "Anomalies : 0 erreur, 0 avertissement, 0 information|||||||\n"
        "Gravité|Fichier|Ligne|Colonne|Classe|Élève|Message|Fiche\n"
        "Aucune anomalie|||||||\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_anomalies_past_excel_rows_are_counted),
        TEST(test_anomalies_rows_with_severity_fill),
        TEST(test_anomalies_by_severity_notes_filtered_out),
        TEST(test_anomalies_link_to_the_pupils_row),
        TEST(test_anomalies_link_roll_and_tracking_rows_to_their_pupil),
        TEST(test_anomalies_row_of_two_pupils_links_to_the_one_named),
        TEST(test_anomalies_of_academie_have_no_links),
        TEST(test_anomalies_note_filled_grey),
        TEST(test_anomalies_none_says_so),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
