/*
 * test_report.c - unit tests of report.c: sheet names, and writing the
 * workbook safely (temporary file, permissions, failures). The cells and
 * colours are checked end to end with openpyxl (tests/e2e).
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
#include "stagecheck/report.h"
#include "stagecheck/text.h"

#define NPUPILS 4
#define NENTRIES 3
#define NSTRINGS 64

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
    snprintf(f->dir, sizeof f->dir, "/tmp/test_report.XXXXXX");
    if (!mkdtemp(f->dir))
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

    f->report = (sc_report){&f->period, sc_date_make(2024, 5, 27), &f->data,
                            &f->links, f->verdicts, &f->anomalies};
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    DIR *d = opendir(f->dir);
    struct dirent *de;
    char name[512];

    while (d && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(name, sizeof name, "%s/%s", f->dir, de->d_name);
        unlink(name);
    }
    if (d)
        closedir(d);
    rmdir(f->dir);
    for (size_t i = 0; i < f->nstrings; i++)
        free(f->strings[i]);
    free(f);
    return 0;
}

/* Number of entries of dir, "." and ".." left out. */
static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
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

/* A macro, so that a failure names the caller's line. */
#define assert_sheet_name(name, used, nused, expected) \
    do { \
        char out_[SC_SHEET_NAME_SIZE]; \
        sc_report_sheet_name((name), (used), (nused), out_); \
        assert_true(sc_text_valid_utf8(out_, strlen(out_))); \
        assert_string_equal(out_, (expected)); \
    } while (0)

/* ---- Sheet names -------------------------------------------------------- */

static void test_sheet_name_replaces_forbidden_characters(void **state)
{
    (void)state;
    assert_sheet_name("2nde[1]:*?/\\x", NULL, 0, "2nde_1______x");
}

static void test_sheet_name_cuts_to_31_characters_on_a_code_point(void **state)
{
    (void)state;
    /* 36 two-byte characters: a cut at byte 31 would split one. */
    assert_sheet_name("éèàùçâêîôûëïüÿœæÉÈÀÙÇÂÊÎÔÛËÏÜŸŒÆéèàù", NULL, 0,
                      "éèàùçâêîôûëïüÿœæÉÈÀÙÇÂÊÎÔÛËÏÜŸŒ");
}

static void test_sheet_name_counts_emoji_as_two_excel_characters(void **state)
{
    (void)state;
    /* Excel counts UTF-16 units: 30 letters and an emoji make 32. */
    assert_sheet_name("abcdefghijklmnopqrstuvwxyzabcd\xF0\x9F\x98\x80", NULL,
                      0, "abcdefghijklmnopqrstuvwxyzabcd");
}

static void test_sheet_name_avoids_fixed_sheets_ignoring_case(void **state)
{
    (void)state;
    assert_sheet_name("Synthèse", NULL, 0, "Synthèse (2)");
    assert_sheet_name("anomalies", NULL, 0, "anomalies (2)");
    assert_sheet_name("ACCUEIL ÉTABLISSEMENT", NULL, 0,
                      "ACCUEIL ÉTABLISSEMENT (2)");
    assert_sheet_name("Synthèse 2", NULL, 0, "Synthèse 2");
}

static void test_sheet_name_numbers_names_already_used(void **state)
{
    const char *used[] = {"2nde 1", "2NDE 1 (2)", "2nde 3"};

    (void)state;
    assert_sheet_name("2nde 1", used, 3, "2nde 1 (3)");
    assert_sheet_name("2nde 2", used, 3, "2nde 2");
}

static void test_sheet_name_suffix_keeps_31_characters(void **state)
{
    const char *used[] = {"Seconde générale et technologiq",
                          "abcdefghijklmnopqrstuvwxyz abcd"};

    (void)state;
    /* Cut to the 31 characters of the first sheet; the base then loses 4
     * characters to " (2)". */
    assert_sheet_name("Seconde générale et technologique", used, 2,
                      "Seconde générale et technol (2)");
    /* A blank left at the end of the cut base is dropped. */
    assert_sheet_name("abcdefghijklmnopqrstuvwxyz abcd", used, 2,
                      "abcdefghijklmnopqrstuvwxyz (2)");
}

static void test_sheet_name_drops_edge_apostrophes(void **state)
{
    (void)state;
    assert_sheet_name("'2nde A'", NULL, 0, "2nde A");
    assert_sheet_name("  ' 2nde B '' ", NULL, 0, "2nde B");
    assert_sheet_name("2nde l'A", NULL, 0, "2nde l'A");
}

static void test_sheet_name_never_empty(void **state)
{
    const char *used[] = {"Classe"};

    (void)state;
    assert_sheet_name("", NULL, 0, "Classe");
    assert_sheet_name(NULL, NULL, 0, "Classe");
    assert_sheet_name(" '' ", NULL, 0, "Classe");
    assert_sheet_name("  ", used, 1, "Classe (2)");
}

/* ---- Writing ------------------------------------------------------------ */

static void test_write_creates_workbook_closed_to_others(void **state)
{
    fixture *f = *state;
    struct stat st;

    assert_int_equal(sc_report_write(&f->report, f->path, &f->diag), SC_OK);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 007, 0);
    assert_int_equal(st.st_mode & 022, 0);
    assert_xlsx(f->path);
    assert_int_equal(count_files(f->dir), 1);
}

static void test_write_replaces_existing_workbook(void **state)
{
    fixture *f = *state;

    write_file(f->path, "ancien classeur");
    assert_int_equal(sc_report_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
    assert_int_equal(count_files(f->dir), 1);
}

static void test_write_into_missing_folder_fails_without_leftover(void **state)
{
    fixture *f = *state;
    char path[256];

    snprintf(path, sizeof path, "%s/absent/suivi.xlsx", f->dir);
    assert_int_equal(sc_report_write(&f->report, path, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, path);
    assert_non_null(strstr(f->diag.message, strerror(ENOENT)));
    assert_int_equal(count_files(f->dir), 0);
}

static void test_write_unusable_temp_name_keeps_existing_file(void **state)
{
    fixture *f = *state;
    char path[512];
    int n;

    /* A 250-byte name is fine, but with ".XXXXXX" it passes NAME_MAX. */
    n = snprintf(path, sizeof path, "%s/", f->dir);
    memset(path + n, 'a', 245);
    strcpy(path + n + 245, ".xlsx");
    write_file(path, "ancien classeur");
    assert_int_equal(sc_report_write(&f->report, path, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_file_equal(path, "ancien classeur");
    assert_int_equal(count_files(f->dir), 1);
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
    write_file(f->path, "ancien classeur");

    assert_int_equal(sc_report_write(&f->report, f->path, &f->diag),
                     SC_ERROR_WORKBOOK);
    assert_non_null(strstr(f->diag.message, "impossible d'écrire le classeur"));
    assert_file_equal(f->path, "ancien classeur");
    assert_int_equal(count_files(f->dir), 1);
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
    assert_int_equal(sc_report_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
    free(todo);
}

static void test_write_empty_dataset(void **state)
{
    fixture *f = *state;

    f->data.npupils = 0;
    f->data.nentries = 0;
    f->data.ninputs = 0;
    f->anomalies.count = 0;
    f->report.links = NULL;
    assert_int_equal(sc_report_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_sheet_name_replaces_forbidden_characters),
        TEST(test_sheet_name_cuts_to_31_characters_on_a_code_point),
        TEST(test_sheet_name_counts_emoji_as_two_excel_characters),
        TEST(test_sheet_name_avoids_fixed_sheets_ignoring_case),
        TEST(test_sheet_name_numbers_names_already_used),
        TEST(test_sheet_name_suffix_keeps_31_characters),
        TEST(test_sheet_name_drops_edge_apostrophes),
        TEST(test_sheet_name_never_empty),
        TEST(test_write_creates_workbook_closed_to_others),
        TEST(test_write_replaces_existing_workbook),
        TEST(test_write_into_missing_folder_fails_without_leftover),
        TEST(test_write_unusable_temp_name_keeps_existing_file),
        TEST(test_write_workbook_error_keeps_existing_file),
        TEST(test_write_cuts_cells_over_excel_limit),
        TEST(test_write_empty_dataset),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
