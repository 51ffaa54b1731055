/*
 * test_report.c - unit tests of report.c: sheet names, writing the workbook
 * safely (temporary file, permissions, failures), and the deadline and
 * previous-run columns and sheet, read back with openpyxl. The cells of a
 * real run are checked end to end (tests/e2e).
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "../support.h"
#include "stagecheck/workbook/report.h"
#include "stagecheck/workbook/writer.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/period.h"

#define NPUPILS 4
#define NENTRIES 3
#define NSTRINGS 64
#define NCHANGES 5

/* Debian's python3, where python3-openpyxl lives (as in the Makefile). */
#define PYTHON "/usr/bin/python3"

/* A small class list written by hand: DUPONT (2nde 2, ready), MARTIN
 * (2nde 10, half the period abroad), ÉLIE (2nde 2, dispensed) and a pupil
 * left out by --classes. */
typedef struct fixture {
    char dir[64];   /* mkdtemp folder, emptied and removed by teardown */
    char path[128]; /* dir/suivi.xlsx */
    sc_diag diag;
    sc_period period;
    sc_pupil pupils[NPUPILS];
    sc_entry entries[NENTRIES];
    sc_input inputs[2];
    sc_dataset data;
    size_t first[NPUPILS + 1];
    size_t items[NENTRIES];
    sc_links links;
    sc_verdict verdicts[NPUPILS];
    sc_anomaly anomaly_items[2];
    sc_anomalies anomalies;
    int previous[NPUPILS];
    sc_change change_items[NCHANGES];
    sc_changes changes;
    sc_report report;
    char *strings[NSTRINGS]; /* what keep() copied, freed by teardown */
    size_t nstrings;
} fixture;

/* Returns a copy of s that teardown frees (the records hold char *). */
static char *keep(fixture *f, const char *s)
{
    char *copy = strdup(s);

    assert_non_null(copy);
    assert_true(f->nstrings < NSTRINGS);
    f->strings[f->nstrings++] = copy;
    return copy;
}

static void add_pupil(fixture *f, size_t i, const char *surname,
                      const char *first, const char *class_name,
                      sc_status status)
{
    sc_pupil *p = &f->pupils[i];

    p->file = "eleves.csv";
    p->line = (unsigned)i + 2;
    p->surname = keep(f, surname);
    p->first = keep(f, first);
    p->class_name = keep(f, class_name);
    p->class_key = sc_text_key(class_name);
    assert_non_null(p->class_key);
    assert_true(f->nstrings < NSTRINGS);
    f->strings[f->nstrings++] = p->class_key;
    p->birth = sc_date_make(2008, 3, (int)i + 1);
    p->duplicate_of = -1;
    p->selected = 1;
    f->verdicts[i].status = status;
    f->verdicts[i].todo = keep(f, "");
}

static void add_place(fixture *f, size_t i, const char *host,
                      const char *city, const char *country, sc_date start,
                      sc_date end)
{
    sc_entry *e = &f->entries[i];

    e->file = "stages.csv";
    e->line = (unsigned)i + 2;
    e->host = keep(f, host);
    e->host_type = keep(f, "Entreprise");
    e->city = keep(f, city);
    e->country = keep(f, country);
    e->start = start;
    e->end = end;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    sc_date day = sc_date_make(2024, 6, 17);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_report") != 0)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/suivi.xlsx", f->dir);
    if (sc_period_init(&f->period, day, day + 11, 0) != SC_OK)
        return -1;

    add_pupil(f, 0, "DUPONT", "Jean", "2nde 2", SC_STATUS_READY);
    add_pupil(f, 1, "MARTIN", "Léa", "2nde 10", SC_STATUS_PARTIAL);
    add_pupil(f, 2, "ÉLIE", "Anaïs", "2NDE 2", SC_STATUS_DISPENSED);
    add_pupil(f, 3, "DURAND", "Paul", "1re 1", SC_STATUS_NO_HOST);
    f->pupils[3].selected = 0;
    f->pupils[1].ine = keep(f, "123456789AB");
    /* MARTIN is hosted in school the second week: days 5 to 9. */
    f->verdicts[1].hosted = UINT64_C(0x3E0);
    f->verdicts[1].motif = "Lieu d'accueil pour une partie de la période";

    add_place(f, 0, "Boulangerie du Centre", "Lyon", "France", day, day + 11);
    add_place(f, 1, "Stadtwerke", "Berlin", "Allemagne", day, day + 4);
    f->entries[2].file = "stages.csv";
    f->entries[2].line = 4;
    f->entries[2].dispense = keep(f, "SNU séjour de cohésion");
    f->entries[2].start = f->entries[2].end = SC_DATE_NONE;
    for (size_t i = 0; i < NENTRIES; i++) {
        f->entries[i].pupil = (long)i;
        f->items[i] = i;
    }
    /* One entry each for the first three pupils, none for the fourth. */
    for (size_t p = 0; p <= NPUPILS; p++)
        f->first[p] = p < NENTRIES ? p : NENTRIES;
    f->links.first = f->first;
    f->links.items = f->items;

    f->inputs[0].path = keep(f, "eleves.csv");
    f->inputs[0].kind = SC_KIND_ROLL;
    f->inputs[0].encoding = "UTF-8";
    f->inputs[0].rows = NPUPILS;
    f->inputs[1].path = keep(f, "stages.csv");
    f->inputs[1].kind = SC_KIND_PLACEMENTS;
    f->inputs[1].encoding = "Windows-1252";
    f->inputs[1].rows = NENTRIES;

    f->data.pupils = f->pupils;
    f->data.npupils = NPUPILS;
    f->data.entries = f->entries;
    f->data.nentries = NENTRIES;
    f->data.inputs = f->inputs;
    f->data.ninputs = 2;

    f->anomaly_items[0] = (sc_anomaly){SC_SEVERITY_ERROR, keep(f, "stages.csv"),
                                       7, keep(f, "2nde 2"),
                                       keep(f, "DUPONT Jean"),
                                       keep(f, "date illisible")};
    f->anomaly_items[1] = (sc_anomaly){SC_SEVERITY_NOTE, keep(f, "stages.csv"),
                                       0, keep(f, ""), keep(f, ""),
                                       keep(f, "classe non retenue")};
    f->anomalies.items = f->anomaly_items;
    f->anomalies.count = 2;

    /* No deadline and no previous run: the tests that want them set them. */
    f->report = (sc_report){.period = &f->period,
                            .as_of = sc_date_make(2024, 5, 27),
                            .data = &f->data,
                            .links = &f->links,
                            .verdicts = f->verdicts,
                            .anomalies = &f->anomalies};
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    support_remove_dir(f->dir);
    for (size_t i = 0; i < f->nstrings; i++)
        free(f->strings[i]);
    free(f);
    return 0;
}

static void assert_file_equal(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *fp = fopen(path, "r");
    size_t n;

    assert_non_null(fp);
    n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    assert_int_equal(n, strlen(text));
    assert_memory_equal(buf, text, n);
}

static void assert_xlsx(const char *path)
{
    char magic[4];
    FILE *fp = fopen(path, "rb");

    assert_non_null(fp);
    assert_int_equal(fread(magic, 1, 4, fp), 4);
    fclose(fp);
    assert_memory_equal(magic, "PK\3\4", 4);
}

/* Gives the report a previous run: DUPONT was "Dossier incomplet", MARTIN
 * is new, ÉLIE came from another class; PETIT, not on the class sheets,
 * changed status and class, and BERNARD left. */
static void set_previous_run(fixture *f)
{
    static const int previous[NPUPILS] = {SC_STATUS_INCOMPLETE, -1,
                                          SC_STATUS_DISPENSED, -1};
    /* DUPONT's class differs only in case: the same class. */
    const sc_change items[NCHANGES] = {
        {SC_CHANGE_STATUS, "2nde 2", "2NDE 2", "DUPONT", "Jean",
         SC_STATUS_INCOMPLETE, SC_STATUS_READY},
        {SC_CHANGE_CLASS, "2NDE 2", "2nde 1", "ÉLIE", "Anaïs",
         SC_STATUS_DISPENSED, SC_STATUS_DISPENSED},
        {SC_CHANGE_STATUS, "2nde 10", "2nde 3", "PETIT", "Max",
         SC_STATUS_NO_HOST, SC_STATUS_PARTIAL},
        {SC_CHANGE_ARRIVED, "2nde 10", NULL, "MARTIN", "Léa", -1,
         SC_STATUS_PARTIAL},
        {SC_CHANGE_LEFT, "2nde 2", "2nde 2", "BERNARD", "Zoé",
         SC_STATUS_INCOMPLETE, -1},
    };

    memcpy(f->previous, previous, sizeof previous);
    memcpy(f->change_items, items, sizeof items);
    f->changes.items = f->change_items;
    f->changes.count = NCHANGES;
    f->report.previous = f->previous;
    f->report.changes = &f->changes;
}

static void set_deadline(fixture *f, sc_date deadline, sc_date as_of)
{
    f->report.has_deadline = 1;
    f->report.deadline = deadline;
    f->report.as_of = as_of;
}

/* Helpers for the Python snippets: show() prints values joined with "|",
 * None as nothing; fill() and font() give a cell's colours ("" for none);
 * header() gives {label: column number} of a sheet's first row; rows()
 * shows every row; table() the class table of Synthèse; lines() the lines
 * of Synthèse on dates, anomalies and changes. */
static const char py_prelude[] =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "def show(*v): print('|'.join('' if x is None else str(x) for x in v))\n"
    "def fill(c): return c.fill.fgColor.rgb if c.fill.fill_type else ''\n"
    "def font(c):\n"
    "    color = c.font.color\n"
    "    return color.rgb if color is not None and color.type == 'rgb' else ''\n"
    "def header(ws): return {c.value: c.column for c in ws[1]}\n"
    "def rows(ws):\n"
    "    for r in ws.iter_rows(values_only=True): show(*r)\n"
    "def table(ws):\n"
    "    first = [c.row for c in ws['A'] if c.value == 'Classe'][0]\n"
    "    last = [c.row for c in ws['A'] if c.value == 'Total'][0]\n"
    "    for r in ws.iter_rows(min_row=first, max_row=last, values_only=True):\n"
    "        show(*[v for v in r if v is not None])\n"
    "def lines(ws):\n"
    "    for c in ws['A']:\n"
    "        if isinstance(c.value, str) and c.value.startswith(\n"
    "                ('Date ', 'Anomalies', 'Changements')):\n"
    "            show(c.value)\n";

/* Writes the fixture's workbook, runs code on it with openpyxl (wb is the
 * workbook) and puts what it printed into out. */
static void workbook_query(fixture *f, const char *code, char *out,
                           size_t size)
{
    char script[160], command[512];
    FILE *fp;
    size_t n;

    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    snprintf(script, sizeof script, "%s/lire.py", f->dir);
    fp = fopen(script, "w");
    assert_non_null(fp);
    assert_true(fputs(py_prelude, fp) >= 0 && fputs(code, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
    snprintf(command, sizeof command, PYTHON " %s %s 2>&1", script, f->path);
    fp = popen(command, "r");
    assert_non_null(fp);
    n = fread(out, 1, size - 1, fp);
    out[n] = '\0';
    if (pclose(fp) != 0)
        fail_msg("%s a échoué :\n%s", PYTHON, out);
}

/* A macro, so that a failure names the caller's line. */
#define assert_workbook_prints(f, code, expected) \
    do { \
        char out_[8192]; \
        workbook_query((f), (code), out_, sizeof out_); \
        assert_string_equal(out_, (expected)); \
    } while (0)

/* ---- Writing ------------------------------------------------------------ */

static void test_write_creates_workbook_closed_to_others(void **state)
{
    fixture *f = *state;
    struct stat st;

    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 007, 0);
    assert_int_equal(st.st_mode & 022, 0);
    assert_xlsx(f->path);
    assert_int_equal(support_count_files(f->dir), 1);
}

static void test_write_replaces_existing_workbook(void **state)
{
    fixture *f = *state;

    assert_int_equal(support_write_file(f->path, "ancien classeur"), 0);
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
    assert_int_equal(support_count_files(f->dir), 1);
}

static void test_write_into_missing_folder_fails_without_leftover(void **state)
{
    fixture *f = *state;
    char path[256];

    snprintf(path, sizeof path, "%s/absent/suivi.xlsx", f->dir);
    assert_int_equal(sc_writer_write(&f->report, path, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, path);
    assert_non_null(strstr(f->diag.message, "introuvable"));
    assert_int_equal(support_count_files(f->dir), 0);
}

static void test_write_unusable_temp_name_keeps_existing_file(void **state)
{
    fixture *f = *state;
    char path[512];
    int n;

    /* A 250-byte name is fine, but with ".tmp-XXXXXX" it passes NAME_MAX. */
    n = snprintf(path, sizeof path, "%s/", f->dir);
    memset(path + n, 'a', 245);
    strcpy(path + n + 245, ".xlsx");
    assert_int_equal(support_write_file(path, "ancien classeur"), 0);
    assert_int_equal(sc_writer_write(&f->report, path, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_file_equal(path, "ancien classeur");
    assert_int_equal(support_count_files(f->dir), 1);
}

static void test_write_workbook_error_keeps_existing_file(void **state)
{
    fixture *f = *state;
    /* So many places that the class sheet passes Excel's 16,384 columns. */
    size_t n = 3300;
    sc_entry *entries = calloc(n, sizeof *entries);
    size_t *items = calloc(n, sizeof *items);
    size_t first[NPUPILS + 1] = {0, n, n, n, n};

    assert_non_null(entries);
    assert_non_null(items);
    for (size_t i = 0; i < n; i++) {
        entries[i].start = entries[i].end = SC_DATE_NONE;
        items[i] = i;
    }
    f->data.entries = entries;
    f->data.nentries = n;
    f->links.first = first;
    f->links.items = items;
    assert_int_equal(support_write_file(f->path, "ancien classeur"), 0);

    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag),
                     SC_ERROR_WORKBOOK);
    assert_non_null(strstr(f->diag.message, "impossible d'écrire le classeur"));
    assert_file_equal(f->path, "ancien classeur");
    assert_int_equal(support_count_files(f->dir), 1);
    free(entries);
    free(items);
}

static void test_write_cuts_cells_over_excel_limit(void **state)
{
    fixture *f = *state;
    size_t n = 40000;
    char *todo = malloc(2 * n + 1);

    /* 40,000 characters of two bytes; libxlsxwriter refuses a cell over
     * 32,767 characters. */
    assert_non_null(todo);
    for (size_t i = 0; i < n; i++)
        memcpy(todo + 2 * i, "é", 2);
    todo[2 * n] = '\0';
    f->verdicts[0].todo = todo;
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
    free(todo);
}

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

static void test_write_empty_dataset(void **state)
{
    fixture *f = *state;

    f->data.npupils = 0;
    f->data.nentries = 0;
    f->data.ninputs = 0;
    f->anomalies.count = 0;
    f->report.links = NULL;
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
}

/* ---- Deadline and previous run ----------------------------------------- */

/* The sheets, the headers of a class sheet and of Accueil établissement,
 * the class table and the free lines of Synthèse. */
static const char py_layout[] =
    "show(*wb.sheetnames)\n"
    "for name in ('2nde 10', 'Accueil établissement'):\n"
    "    show(*header(wb[name]))\n"
    "table(wb['Synthèse'])\n"
    "lines(wb['Synthèse'])\n";

static void test_write_plain_report_has_no_deadline_or_change(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f, py_layout,
        "Synthèse|2nde 2|2nde 10|Accueil établissement|Anomalies\n"
        "Nom|Prénom|INE|Né(e) le|Statut|Lieu 1 — structure|Lieu 1 — type|"
        "Lieu 1 — commune / pays|Lieu 1 — du|Lieu 1 — au|Dispense|À faire|"
        "Jours à accueillir|Lignes d'origine\n"
        "Classe|Nom|Prénom|Motif|lun. 17/06|mar. 18/06|mer. 19/06|"
        "jeu. 20/06|ven. 21/06|lun. 24/06|mar. 25/06|mer. 26/06|jeu. 27/06|"
        "ven. 28/06\n"
        "Classe|Effectif|À vérifier|Dispensé|Sans lieu d'accueil|"
        "Accueil partiel|Dossier incomplet|Prêt|Prêts ou dispensés\n"
        "2nde 2|2|0|1|0|0|0|1|1\n"
        "2nde 10|1|0|0|0|1|0|0|0\n"
        "Total|3|0|1|0|1|0|1|0.6666666666666666\n"
        "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n");
}

/* Who is late on the class sheets and in Accueil établissement: name,
 * marker, bold, font and fill. */
static const char py_late[] =
    "for name in ('2nde 2', '2nde 10', 'Accueil établissement'):\n"
    "    ws = wb[name]\n"
    "    col = header(ws)\n"
    "    for row in ws.iter_rows(min_row=2):\n"
    "        c = row[col['Retard'] - 1]\n"
    "        if row[col['Nom'] - 1].value:\n"
    "            show(name, row[col['Nom'] - 1].value, c.value,\n"
    "                 c.font.b, font(c), fill(c))\n";

/* What py_late prints while the deadline is not past: an empty Retard. */
static const char nobody_late[] =
    "2nde 2|DUPONT||False||\n"
    "2nde 2|ÉLIE||False||\n"
    "2nde 10|MARTIN||False||\n"
    "Accueil établissement|MARTIN||False||\n";

static void test_write_past_deadline_marks_pupils_neither_ready_nor_dispensed(
    void **state)
{
    fixture *f = *state;

    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f, py_late,
        "2nde 2|DUPONT||False||\n"
        "2nde 2|ÉLIE||False||\n"
        "2nde 10|MARTIN|En retard|True|FF9C0006|FFFFC7CE\n"
        "Accueil établissement|MARTIN|En retard|True|FF9C0006|FFFFC7CE\n");
    assert_workbook_prints(f, py_layout,
        "Synthèse|2nde 2|2nde 10|Accueil établissement|Anomalies\n"
        "Nom|Prénom|INE|Né(e) le|Statut|Retard|Lieu 1 — structure|"
        "Lieu 1 — type|Lieu 1 — commune / pays|Lieu 1 — du|Lieu 1 — au|"
        "Dispense|À faire|Jours à accueillir|Lignes d'origine\n"
        "Classe|Nom|Prénom|Motif|Retard|lun. 17/06|mar. 18/06|mer. 19/06|"
        "jeu. 20/06|ven. 21/06|lun. 24/06|mar. 25/06|mer. 26/06|jeu. 27/06|"
        "ven. 28/06\n"
        "Classe|Effectif|À vérifier|Dispensé|Sans lieu d'accueil|"
        "Accueil partiel|Dossier incomplet|Prêt|Prêts ou dispensés|"
        "En retard\n"
        "2nde 2|2|0|1|0|0|0|1|1|0\n"
        "2nde 10|1|0|0|0|1|0|0|0|1\n"
        "Total|3|0|1|0|1|0|1|0.6666666666666666|1\n"
        "Date de référence : 10/06/2024 — J-7 avant le début de la période\n"
        "Date limite de retour des conventions : 07/06/2024 — dépassée : "
        "1 élève(s) en retard\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n");
}

/* Before the deadline the Synthèse line counts the days left; on the day
 * it says so; nobody is late either way. */
static void test_write_deadline_not_past_marks_nobody(void **state)
{
    static const struct {
        int month, day;
        const char *lines;
    } cases[] = {
        {5, 27,
         "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
         "Date limite de retour des conventions : 07/06/2024 — J-11\n"},
        {6, 7,
         "Date de référence : 07/06/2024 — J-10 avant le début de la période\n"
         "Date limite de retour des conventions : 07/06/2024 — "
         "aujourd'hui\n"},
    };
    fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char expected[512];

        set_deadline(f, sc_date_make(2024, 6, 7),
                     sc_date_make(2024, cases[i].month, cases[i].day));
        assert_workbook_prints(f, py_late, nobody_late);
        snprintf(expected, sizeof expected, "%sAnomalies : 2 (voir la feuille "
                 "Anomalies), dont 1 pour information\n", cases[i].lines);
        assert_workbook_prints(f, "lines(wb['Synthèse'])\n", expected);
    }
}

/* Every row of Changements with the fill of Après, and its list settings
 * (fitToWidth is left out of the file when it is 1, the default). */
static const char py_changes[] =
    "ws = wb['Changements']\n"
    "for row in ws.iter_rows():\n"
    "    show(*[c.value for c in row], fill(row[4]))\n"
    "show(ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows,\n"
    "     ws.page_setup.orientation, ws.sheet_properties.pageSetUpPr.fitToPage,\n"
    "     ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)\n";

static void test_write_previous_run_adds_changes_sheet_before_anomalies(
    void **state)
{
    fixture *f = *state;

    set_previous_run(f);
    assert_workbook_prints(f, "show(*wb.sheetnames)\n"
                              "lines(wb['Synthèse'])\n",
        "Synthèse|2nde 2|2nde 10|Accueil établissement|Changements|"
        "Anomalies\n"
        "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n"
        "Changements depuis le passage précédent : 5 (voir la feuille "
        "Changements)\n");
    assert_workbook_prints(f, py_changes,
        "Classe|Nom|Prénom|Avant|Après|Changement|\n"
        "2nde 2|DUPONT|Jean|Dossier incomplet|Prêt|statut|FFC6EFCE\n"
        "2NDE 2|ÉLIE|Anaïs|Dispensé|Dispensé|"
        "changement de classe (ancienne classe : 2nde 1)|FFBDD7EE\n"
        "2nde 10|PETIT|Max|Sans lieu d'accueil|Accueil partiel|"
        "statut et classe (ancienne classe : 2nde 3)|FFF8CBAD\n"
        "2nde 10|MARTIN|Léa||Accueil partiel|arrivé dans les listes|"
        "FFF8CBAD\n"
        "2nde 2|BERNARD|Zoé|Dossier incomplet||parti des listes|\n"
        "A2|A1:F6|$1:$1|landscape|True||0\n");
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
        "Classe|Nom|Prénom|Avant|Après|Changement\n"
        "Aucun changement depuis le passage précédent|||||\n");
}

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
        "('Prêt', 'FFC6EFCE')|('Dossier incomplet', 'FFFFE699')|(None, '')\n"
        "('Dispensé', 'FFBDD7EE')|('Dispensé', 'FFBDD7EE')|(None, '')\n"
        "Nom|Prénom|INE|Né(e) le|Statut|Statut précédent|Retard|"
        "Lieu 1 — structure\n"
        "('Accueil partiel', 'FFF8CBAD')|('nouveau', '')|"
        "('En retard', 'FFFFC7CE')\n");
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_creates_workbook_closed_to_others),
        TEST(test_write_replaces_existing_workbook),
        TEST(test_write_into_missing_folder_fails_without_leftover),
        TEST(test_write_unusable_temp_name_keeps_existing_file),
        TEST(test_write_workbook_error_keeps_existing_file),
        TEST(test_write_cuts_cells_over_excel_limit),
        TEST(test_write_empty_dataset),
        TEST(test_write_plain_report_has_no_deadline_or_change),
        TEST(test_write_past_deadline_marks_pupils_neither_ready_nor_dispensed),
        TEST(test_write_deadline_not_past_marks_nobody),
        TEST(test_write_previous_run_adds_changes_sheet_before_anomalies),
        TEST(test_write_anomalies_past_excel_rows_are_counted),
        TEST(test_write_previous_run_without_changes_says_so),
        TEST(test_write_class_sheet_shows_previous_status_then_late),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
