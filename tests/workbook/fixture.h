/*
 * fixture.h - the school that the workbook layer's tests write workbooks
 * of, and reading them back with openpyxl. Header-only, as tests/support.h,
 * so that each test program stays one source; include it after cmocka.h.
 */
#ifndef STAGECHECK_TESTS_WORKBOOK_FIXTURE_H
#define STAGECHECK_TESTS_WORKBOOK_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    uint32_t first[NPUPILS + 1];
    uint32_t items[NENTRIES];
    sc_links links;
    sc_verdict verdicts[NPUPILS];
    sc_strset todos;         /* the verdicts' À faire (set_todo) */
    uint64_t hosted[NPUPILS]; /* their days hosted (set_hosted), by number */
    sc_anomaly anomaly_items[2];
    sc_anomalies anomalies;
    int8_t previous[NPUPILS];
    sc_change change_items[NCHANGES];
    sc_changes changes;
    sc_report report;
    char *strings[NSTRINGS]; /* what keep() copied, freed by teardown */
    size_t nstrings;
} fixture;

/* Gives pupil i the À faire todo, numbered in the fixture's set as
 * sc_check_run numbers it. */
static inline void set_todo(fixture *f, size_t i, const char *todo)
{
    size_t n = sc_strset_add_index(&f->todos, todo);

    assert_true(n != SC_STRSET_NONE);
    f->verdicts[i].todo = (uint32_t)(n + 1);
}

/* Gives pupil i the days hosted in school days, numbered as sc_check_run
 * numbers them: 0 for none, else one number per pupil here. */
static inline void set_hosted(fixture *f, size_t i, uint64_t days)
{
    f->hosted[i] = days;
    f->verdicts[i].hosted = days ? (unsigned)i + 1 : 0;
}

/* Returns a copy of s that teardown frees (the records hold char *). */
static inline char *keep(fixture *f, const char *s)
{
    char *copy = strdup(s);

    assert_non_null(copy);
    assert_true(f->nstrings < NSTRINGS);
    f->strings[f->nstrings++] = copy;
    return copy;
}

static inline void add_pupil(fixture *f, size_t i, const char *surname,
                      const char *first, const char *class_name,
                      sc_status status)
{
    sc_pupil *p = &f->pupils[i];
    char *class_key = sc_text_key(class_name);

    assert_non_null(class_key);
    p->input = 0; /* eleves.csv, the fixture's first input */
    p->line = (unsigned)i + 2;
    /* The pupil's own block, which teardown frees (sc_pupil_clear). */
    support_pupil_texts(p, NULL, surname, first, class_name, NULL, NULL,
                        class_key, NULL);
    free(class_key);
    p->birth = sc_date_make(2008, 3, (int)i + 1);
    p->selected = 1;
    f->verdicts[i].status = status;
    set_todo(f, i, "");
}

static inline void add_place(fixture *f, size_t i, const char *host,
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

static inline int fixture_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    sc_date day = sc_date_make(2024, 6, 17);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_workbook") != 0)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/suivi.xlsx", f->dir);
    if (sc_period_init(&f->period, day, day + 11, 0) != SC_OK)
        return -1;

    add_pupil(f, 0, "DUPONT", "Jean", "2nde 2", SC_STATUS_READY);
    add_pupil(f, 1, "MARTIN", "Léa", "2nde 10", SC_STATUS_PARTIAL);
    add_pupil(f, 2, "ÉLIE", "Anaïs", "2NDE 2", SC_STATUS_DISPENSED);
    add_pupil(f, 3, "DURAND", "Paul", "1re 1", SC_STATUS_NO_HOST);
    f->pupils[3].selected = 0;
    support_pupil_text(&f->pupils[1], SC_PUPIL_INE, "123456789AB");
    /* MARTIN is hosted in school the second week: days 5 to 9. */
    set_hosted(f, 1, UINT64_C(0x3E0));
    f->verdicts[1].motif = SC_MOTIF_PART;

    add_place(f, 0, "Boulangerie du Centre", "Lyon", "France", day, day + 11);
    add_place(f, 1, "Stadtwerke", "Berlin", "Allemagne", day, day + 4);
    f->entries[2].file = "stages.csv";
    f->entries[2].line = 4;
    f->entries[2].dispense = keep(f, "SNU séjour de cohésion");
    f->entries[2].start = f->entries[2].end = SC_DATE_NONE;
    for (size_t i = 0; i < NENTRIES; i++) {
        f->entries[i].pupil = (long)i;
        f->items[i] = (uint32_t)i;
    }
    /* One entry each for the first three pupils, none for the fourth. */
    for (size_t p = 0; p <= NPUPILS; p++)
        f->first[p] = (uint32_t)(p < NENTRIES ? p : NENTRIES);
    f->links.first = f->first;
    f->links.items = f->items;

    f->inputs[0].path = keep(f, "eleves.csv");
    f->inputs[0].kind = SC_KIND_ROLL;
    f->inputs[0].encoding = "UTF-8";
    f->inputs[0].rows = NPUPILS;
    f->inputs[1].path = keep(f, "stages.csv");
    f->inputs[1].kind = SC_KIND_PLACEMENTS;
    f->inputs[1].encoding = "Windows-1252";
    f->inputs[1].format = "CSV Windows-1252, séparateur « ; »";
    f->inputs[1].why = "ligne 1 : colonnes de stage (« Du »)";
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
                                       keep(f, "date illisible"),
                                       keep(f, "Date de début")};
    f->anomaly_items[1] = (sc_anomaly){SC_SEVERITY_NOTE, keep(f, "stages.csv"),
                                       0, keep(f, ""), keep(f, ""),
                                       keep(f, "classe non retenue"), NULL};
    f->anomalies.items = f->anomaly_items;
    f->anomalies.count = 2;

    /* No deadline and no previous run: the tests that want them set them. */
    f->report = (sc_report){.period = &f->period,
                            .as_of = sc_date_make(2024, 5, 27),
                            .data = &f->data,
                            .links = &f->links,
                            .verdicts = f->verdicts,
                            .todos = &f->todos,
                            .hosted = f->hosted,
                            .anomalies = &f->anomalies};
    return 0;
}

static inline int fixture_teardown(void **state)
{
    fixture *f = *state;
    support_remove_dir(f->dir);
    for (size_t i = 0; i < f->nstrings; i++)
        free(f->strings[i]);
    sc_strset_clear(&f->todos);
    for (size_t i = 0; i < NPUPILS; i++)
        sc_pupil_clear(&f->pupils[i]);
    free(f);
    return 0;
}

static inline void assert_file_equal(const char *path, const char *text)
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

static inline void assert_xlsx(const char *path)
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
static inline void set_previous_run(fixture *f)
{
    static const int8_t previous[NPUPILS] = {SC_STATUS_INCOMPLETE, -1,
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

static inline void set_deadline(fixture *f, sc_date deadline, sc_date as_of)
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
    "                ('Date ', 'Anomalies :', 'Changements')):\n"
    "            show(c.value)\n";

/* Runs code with openpyxl on the workbook at path (wb is the workbook) and
 * puts what it printed into out. */
static inline void workbook_read(fixture *f, const char *path,
                                 const char *code, char *out, size_t size)
{
    char script[160], command[512];
    FILE *fp;
    size_t n;

    snprintf(script, sizeof script, "%s/lire.py", f->dir);
    fp = fopen(script, "w");
    assert_non_null(fp);
    assert_true(fputs(py_prelude, fp) >= 0 && fputs(code, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
    snprintf(command, sizeof command, PYTHON " %s %s 2>&1", script, path);
    fp = popen(command, "r");
    assert_non_null(fp);
    n = fread(out, 1, size - 1, fp);
    out[n] = '\0';
    if (pclose(fp) != 0)
        fail_msg("%s a échoué :\n%s", PYTHON, out);
}

/* Writes the fixture's workbook, runs code on it with openpyxl (wb is the
 * workbook) and puts what it printed into out. */
static inline void workbook_query(fixture *f, const char *code, char *out,
                                  size_t size)
{
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    workbook_read(f, f->path, code, out, size);
}

/* A macro, so that a failure names the caller's line. */
#define assert_workbook_prints(f, code, expected) \
    do { \
        char out_[8192]; \
        workbook_query((f), (code), out_, sizeof out_); \
        assert_string_equal(out_, (expected)); \
    } while (0)

/* The same for the workbook at path, written already. */
#define assert_file_prints(f, path, code, expected) \
    do { \
        char out_[8192]; \
        workbook_read((f), (path), (code), out_, sizeof out_); \
        assert_string_equal(out_, (expected)); \
    } while (0)

/* A test of the fixture's school, set up and torn down around it. */
#define TEST(name) \
    cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

#endif /* STAGECHECK_TESTS_WORKBOOK_FIXTURE_H */
