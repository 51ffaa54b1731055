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
                                (unsigned)(i + 2), empty, empty, message};
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
    assert_string_equal(got, "1048576 … et 26 ligne(s) de plus, au-delà des "
                             "1 048 576 lignes d'une feuille Excel\n");
}

/* Each anomaly's row, Gravité filled for errors and warnings only, no
 * line number when it has none; a list sheet's settings. */
static void test_anomalies_rows_with_severity_fill(void **state)
{
    fixture *f = *state;

    f->anomaly_items[1].severity = SC_SEVERITY_WARNING;
    f->anomalies.count = 2;
    assert_workbook_prints(f,
        "ws = wb['Anomalies']\n"
        "for row in ws.iter_rows():\n"
        "    show(*[c.value for c in row], fill(row[0]))\n"
        "show(ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows)\n",
        "Gravité|Fichier|Ligne|Classe|Élève|Message|\n"
        "Erreur|stages.csv|7|2nde 2|DUPONT Jean|date illisible|FFFFC7CE\n"
        "Attention|stages.csv||||classe non retenue|FFFCD5B4\n"
        "A2|A1:F3|$1:$1\n");
}

static void test_anomalies_note_unfilled(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f,
        "ws = wb['Anomalies']\n"
        "show(ws['A3'].value, fill(ws['A3']))\n",
        "Information|\n");
}

static void test_anomalies_none_says_so(void **state)
{
    fixture *f = *state;

    f->anomalies.count = 0;
    assert_workbook_prints(f, "rows(wb['Anomalies'])\n",
        "Gravité|Fichier|Ligne|Classe|Élève|Message\n"
        "Aucune anomalie|||||\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_anomalies_past_excel_rows_are_counted),
        TEST(test_anomalies_rows_with_severity_fill),
        TEST(test_anomalies_note_unfilled),
        TEST(test_anomalies_none_says_so),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
