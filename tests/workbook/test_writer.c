/*
 * test_writer.c - unit tests of writer.c: workbooks written safely from
 * the child process (temporary file beside the path, closed to others,
 * renamed only when whole), and its failures told with the workbook's name
 * and nothing left behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "fixture.h"
#include "stagecheck/store/tempfile.h"

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
    struct rlimit saved, none;
    int next = dup(0);

    /* No descriptor left: the private folder is made, but cannot be
     * opened, so no temporary file can be created in it. */
    assert_true(next >= 0);
    close(next);
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
    none = (struct rlimit){(rlim_t)next, saved.rlim_max};
    assert_int_equal(support_write_file(f->path, "ancien classeur"), 0);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &none), 0);
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
    assert_non_null(strstr(f->diag.message, "trop de fichiers ouverts"));
    assert_file_equal(f->path, "ancien classeur");
    assert_int_equal(support_count_files(f->dir), 1);
}

static void test_write_workbook_error_keeps_existing_file(void **state)
{
    fixture *f = *state;
    /* So many places that the class sheet passes Excel's 16,384 columns. */
    size_t n = 3300;
    sc_entry *entries = calloc(n, sizeof *entries);
    uint32_t *items = calloc(n, sizeof *items);
    uint32_t first[NPUPILS + 1] = {0, (uint32_t)n, (uint32_t)n, (uint32_t)n,
                                   (uint32_t)n};

    assert_non_null(entries);
    assert_non_null(items);
    for (size_t i = 0; i < n; i++) {
        entries[i].start = entries[i].end = SC_DATE_NONE;
        items[i] = (uint32_t)i;
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

/* Entries enough for the class sheet of pupil 0 to pass Excel's 16,384
 * columns, in data and links made from the fixture's; the caller frees
 * *entries and *items. */
static void give_too_many_places(fixture *f, sc_dataset *data,
                                 sc_links *links, uint32_t *first,
                                 sc_entry **entries, uint32_t **items)
{
    size_t n = 3300;

    *entries = calloc(n, sizeof **entries);
    *items = calloc(n, sizeof **items);
    assert_non_null(*entries);
    assert_non_null(*items);
    for (size_t i = 0; i < n; i++) {
        (*entries)[i].start = (*entries)[i].end = SC_DATE_NONE;
        (*items)[i] = (uint32_t)i;
    }
    first[0] = 0;
    for (size_t p = 1; p <= NPUPILS; p++)
        first[p] = (uint32_t)n;
    *data = f->data;
    data->entries = *entries;
    data->nentries = n;
    *links = (sc_links){first, *items};
}

/* One child writes the whole batch, a school's workbook and the
 * académie's; nothing is in place until the caller commits, and then each
 * file is closed to others. */
static void test_batch_writes_each_job_beside_its_path(void **state)
{
    fixture *f = *state;
    sc_school_tally school = {"0690101K", "Lycée Exemple", "a.xlsx", {0}};
    sc_academie academie = {.period = &f->period, .as_of = f->report.as_of,
                            .schools = &school, .nschools = 1,
                            .anomalies = &f->anomalies};
    char a[160], b[160];
    sc_book_job jobs[2] = {{.report = &f->report, .path = a},
                           {.academie = &academie, .path = b}};
    struct stat st;

    snprintf(a, sizeof a, "%s/a.xlsx", f->dir);
    snprintf(b, sizeof b, "%s/academie.xlsx", f->dir);
    assert_int_equal(sc_writer_prepare_batch(jobs, 2, &f->diag), SC_OK);
    /* Both in one private folder, which nobody else may enter. */
    assert_int_equal(support_count_files(f->dir), 1);
    {
        char folder[160];

        snprintf(folder, sizeof folder, "%s", jobs[0].file.tmp);
        *strrchr(folder, '/') = '\0';
        assert_int_equal(strncmp(folder, jobs[1].file.tmp, strlen(folder)),
                         0);
        assert_int_equal(lstat(folder, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        assert_int_equal(st.st_mode & 0777, 0700);
        assert_int_equal(support_count_files(folder), 2);
    }
    assert_int_equal(access(a, F_OK), -1);
    assert_int_equal(access(b, F_OK), -1);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(jobs[i].file.fd, -1);
        assert_ptr_equal(jobs[i].file.path, jobs[i].path);
        assert_int_equal(stat(jobs[i].file.tmp, &st), 0);
        assert_int_equal(st.st_mode & 077, 0);
        assert_xlsx(jobs[i].file.tmp);
    }
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(sc_tempfile_commit(&jobs[i].file, &f->diag), SC_OK);
    assert_xlsx(a);
    assert_xlsx(b);
    assert_int_equal(support_count_files(f->dir), 2);
    assert_file_prints(f, b, "show(*wb.sheetnames)\n",
                       "Académie|Anomalies\n");
}

/* A workbook that fails takes the batch down: diag names that workbook
 * and says why in French, and no temporary file of the batch is left. */
static void test_batch_failure_names_its_workbook_and_leaves_nothing(
    void **state)
{
    fixture *f = *state;
    uint32_t first[NPUPILS + 1], *items;
    sc_entry *entries;
    sc_dataset data;
    sc_links links;
    sc_report bad = f->report;
    char a[160], b[160];
    sc_book_job jobs[2] = {{.report = &f->report, .path = a},
                           {.report = &bad, .path = b}};

    give_too_many_places(f, &data, &links, first, &entries, &items);
    bad.data = &data;
    bad.links = &links;
    snprintf(a, sizeof a, "%s/a.xlsx", f->dir);
    snprintf(b, sizeof b, "%s/b.xlsx", f->dir);
    assert_int_equal(sc_writer_prepare_batch(jobs, 2, &f->diag),
                     SC_ERROR_WORKBOOK);
    assert_string_equal(f->diag.file, b);
    assert_string_equal(f->diag.message, "impossible d'écrire le classeur : "
                        "trop de lignes ou de colonnes pour une feuille "
                        "Excel");
    assert_int_equal(support_count_files(f->dir), 0);
    for (size_t i = 0; i < 2; i++)
        assert_null(jobs[i].file.tmp);
    free(entries);
    free(items);
}

/* An empty batch succeeds and leaves nothing. */
static void test_batch_of_nothing_succeeds(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_writer_prepare_batch(NULL, 0, &f->diag), SC_OK);
    assert_int_equal(support_count_files(f->dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_creates_workbook_closed_to_others),
        TEST(test_write_replaces_existing_workbook),
        TEST(test_write_into_missing_folder_fails_without_leftover),
        TEST(test_write_unusable_temp_name_keeps_existing_file),
        TEST(test_write_workbook_error_keeps_existing_file),
        TEST(test_batch_writes_each_job_beside_its_path),
        TEST(test_batch_failure_names_its_workbook_and_leaves_nothing),
        TEST(test_batch_of_nothing_succeeds),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
