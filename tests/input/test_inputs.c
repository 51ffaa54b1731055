/*
 * test_inputs.c - unit tests of inputs.c: the same input file given twice,
 * under one name or two; the files of a dropped folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "stagecheck/input/inputs.h"
#include "../support.h"

typedef struct fixture {
    char dir[64];
    char a[128], b[128], c[128];   /* three files; c is a hard link to a */
    char dot_a[160];               /* a again, through "/./" */
    sc_inputs *inputs;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_inputs") != 0) {
        free(f);
        return -1;
    }
    snprintf(f->a, sizeof f->a, "%s/eleves.csv", f->dir);
    snprintf(f->b, sizeof f->b, "%s/stages.csv", f->dir);
    snprintf(f->c, sizeof f->c, "%s/copie.csv", f->dir);
    snprintf(f->dot_a, sizeof f->dot_a, "%s/./eleves.csv", f->dir);
    *state = f;
    if (support_write_file(f->a, "a\n") != 0 ||
        support_write_file(f->b, "b\n") != 0 || link(f->a, f->c) != 0 ||
        !(f->inputs = sc_inputs_new(4)))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_inputs_free(f->inputs);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static void test_inputs_different_files_are_not_seen(void **state)
{
    fixture *f = *state;

    assert_null(sc_inputs_seen(f->inputs, f->a));
    assert_null(sc_inputs_seen(f->inputs, f->b));
}

static void test_inputs_same_name_twice_is_seen(void **state)
{
    fixture *f = *state;

    assert_null(sc_inputs_seen(f->inputs, f->a));
    assert_null(sc_inputs_seen(f->inputs, f->b));
    assert_string_equal(sc_inputs_seen(f->inputs, f->a), f->a);
    assert_string_equal(sc_inputs_seen(f->inputs, f->b), f->b);
}

static void test_inputs_same_file_under_other_names_is_seen_as_first(
    void **state)
{
    fixture *f = *state;

    assert_null(sc_inputs_seen(f->inputs, f->b));
    assert_null(sc_inputs_seen(f->inputs, f->a));
    /* The name it was first read under, to tell the user. */
    assert_ptr_equal(sc_inputs_seen(f->inputs, f->dot_a), f->a);
    assert_ptr_equal(sc_inputs_seen(f->inputs, f->c), f->a);
}

static void test_inputs_missing_file_is_never_seen(void **state)
{
    fixture *f = *state;
    char absent[160];

    /* Reading it will say it is missing, each time it is given. */
    snprintf(absent, sizeof absent, "%s/absent.csv", f->dir);
    assert_null(sc_inputs_seen(f->inputs, absent));
    assert_null(sc_inputs_seen(f->inputs, absent));
}

static void test_inputs_beyond_capacity_are_not_learnt(void **state)
{
    fixture *f = *state;
    sc_inputs *one = sc_inputs_new(1);

    assert_non_null(one);
    assert_null(sc_inputs_seen(one, f->a));
    assert_null(sc_inputs_seen(one, f->b));
    assert_null(sc_inputs_seen(one, f->b));
    assert_ptr_equal(sc_inputs_seen(one, f->c), f->a);
    sc_inputs_free(one);
    sc_inputs_free(NULL);
}

/* ---- The files of a folder ---------------------------------------------- */

/* Frees what sc_inputs_list_folder gave. */
static void free_list(char **paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

/* Writes dir/name holding one line. */
static void put(const char *dir, const char *name)
{
    char path[256];

    support_join(path, sizeof path, dir, name);
    support_write(path, "x\n");
}

/* Asserts the names listed, in order: "dir/name" each. */
#define assert_listed(dir, paths, count, ...) \
    assert_listed_at((dir), (paths), (count), \
                     (const char *[]){__VA_ARGS__, NULL}, __FILE__, __LINE__)

static void assert_listed_at(const char *dir, char **paths, size_t count,
                             const char **names, const char *file, int line)
{
    size_t n = 0;
    char want[256];

    for (; names[n]; n++) {
        _assert_true(cast_to_largest_integral_type(n < count), "n < count",
                     file, line);
        snprintf(want, sizeof want, "%s/%s", dir, names[n]);
        _assert_string_equal(paths[n], want, file, line);
    }
    _assert_int_equal(cast_to_largest_integral_type(count),
                      cast_to_largest_integral_type(n), file, line);
}

static void test_list_folder_gives_readable_files_sorted(void **state)
{
    fixture *f = *state;
    char **paths = NULL;
    size_t count = 99;
    sc_diag diag;

    /* Written out of order: the listing must not follow readdir's. */
    put(f->dir, "zz.xml");
    put(f->dir, "Suivi.XLSX");
    put(f->dir, "b.ods");
    put(f->dir, "a.xls");
    put(f->dir, "export.zip");
    put(f->dir, "liste.TSV");
    put(f->dir, "notes.txt");
    sc_diag_clear(&diag);
    assert_int_equal(sc_inputs_list_folder(f->dir, &paths, &count,
                                           &diag), SC_OK);
    /* The setup's three .csv files (copie.csv a hard link) too, by byte
     * order: capitals first. */
    assert_listed(f->dir, paths, count, "Suivi.XLSX", "a.xls", "b.ods",
                  "copie.csv", "eleves.csv", "export.zip", "liste.TSV",
                  "notes.txt", "stages.csv", "zz.xml");
    free_list(paths, count);
}

static void test_list_folder_skips_what_is_not_an_export(void **state)
{
    fixture *f = *state;
    char **paths = NULL, sub[160];
    size_t count = 99;
    sc_diag diag;

    unlink(f->a);
    unlink(f->b);
    unlink(f->c);
    put(f->dir, "suivi.csv");
    put(f->dir, "lettre.pdf");
    put(f->dir, "lettre.docx");
    put(f->dir, "sans-extension");
    put(f->dir, "csv");
    put(f->dir, ".cache.csv");
    put(f->dir, "~$suivi.xlsx");
    put(f->dir, ".~lock.suivi.xlsx#");
    put(f->dir, "suivi.xlsx.bak");
    /* A folder named as a file would be. */
    support_join(sub, sizeof sub, f->dir, "archives.zip");
    assert_int_equal(mkdir(sub, 0700), 0);
    sc_diag_clear(&diag);
    assert_int_equal(sc_inputs_list_folder(f->dir, &paths, &count,
                                           &diag), SC_OK);
    assert_listed(f->dir, paths, count, "suivi.csv");
    free_list(paths, count);
}

/* The workbook a run writes in the folder is listed like any file: the
 * run decides (it replaces its own, refuses a secretary's; see
 * tests/e2e/test_exports.py). */
static void test_list_folder_lists_a_workbook_of_the_output_name(void **state)
{
    fixture *f = *state;
    char **paths = NULL, out[160];
    size_t count = 99;
    sc_diag diag;

    unlink(f->b);
    support_join(out, sizeof out, f->dir, "suivi-stages.xlsx");
    support_write(out, "PK");
    sc_diag_clear(&diag);
    assert_int_equal(sc_inputs_list_folder(f->dir, &paths, &count, &diag),
                     SC_OK);
    assert_listed(f->dir, paths, count, "copie.csv", "eleves.csv",
                  "suivi-stages.xlsx");
    free_list(paths, count);
}

static void test_list_folder_empty_gives_none(void **state)
{
    fixture *f = *state;
    char **paths = (char **)&paths;
    size_t count = 99;
    sc_diag diag;

    unlink(f->a);
    unlink(f->b);
    unlink(f->c);
    sc_diag_clear(&diag);
    assert_int_equal(sc_inputs_list_folder(f->dir, &paths, &count,
                                           &diag), SC_OK);
    assert_int_equal(count, 0);
    assert_null(paths);
}

static void test_list_folder_unreadable_is_file_open(void **state)
{
    fixture *f = *state;
    char **paths = (char **)&paths, absent[160];
    size_t count = 99;
    sc_diag diag;

    support_join(absent, sizeof absent, f->dir, "absent");
    sc_diag_clear(&diag);
    assert_int_equal(sc_inputs_list_folder(absent, &paths, &count,
                                           &diag), SC_ERROR_FILE_OPEN);
    assert_null(paths);
    assert_int_equal(count, 0);
    assert_string_equal(diag.file, absent);
    assert_non_null(strstr(diag.message, "impossible de lire le dossier"));
    /* A file is no folder. */
    sc_diag_clear(&diag);
    assert_int_equal(sc_inputs_list_folder(f->a, &paths, &count,
                                           &diag), SC_ERROR_FILE_OPEN);
    assert_string_equal(diag.file, f->a);
    /* A folder without the right to read it, unless root reads anyway. */
    if (geteuid() != 0) {
        char locked[160];

        support_join(locked, sizeof locked, f->dir, "ferme");
        assert_int_equal(mkdir(locked, 0), 0);
        sc_diag_clear(&diag);
        assert_int_equal(sc_inputs_list_folder(locked, &paths, &count,
                                               &diag), SC_ERROR_FILE_OPEN);
        assert_string_equal(diag.file, locked);
        rmdir(locked);
    }
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_inputs_different_files_are_not_seen),
        TEST(test_inputs_same_name_twice_is_seen),
        TEST(test_inputs_same_file_under_other_names_is_seen_as_first),
        TEST(test_inputs_missing_file_is_never_seen),
        TEST(test_inputs_beyond_capacity_are_not_learnt),
        TEST(test_list_folder_gives_readable_files_sorted),
        TEST(test_list_folder_skips_what_is_not_an_export),
        TEST(test_list_folder_lists_a_workbook_of_the_output_name),
        TEST(test_list_folder_empty_gives_none),
        TEST(test_list_folder_unreadable_is_file_open),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
