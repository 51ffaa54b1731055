/*
 * test_tempfile.c - writing beside the final path, then renaming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "stagecheck/store/tempfile.h"
#include "../support.h"

typedef struct fixture {
    char dir[64];
    char path[128];
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_tempfile") != 0) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/suivi.xlsx", f->dir);
    sc_diag_clear(&f->diag);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static void test_open_creates_file_nobody_else_can_read(void **state)
{
    fixture *f = *state;
    sc_tempfile tmp;
    struct stat st;

    umask(0);
    assert_int_equal(sc_tempfile_open(&tmp, f->path, "le classeur", &f->diag),
                     SC_OK);
    assert_int_equal(stat(tmp.tmp, &st), 0);
    assert_int_equal(st.st_mode & 077, 0);
    assert_non_null(strstr(tmp.tmp, "/suivi.xlsx.tmp-"));
    sc_tempfile_abort(&tmp);
    support_assert_files(f->dir, 0);
    umask(022);
}

static void test_commit_gives_group_read_and_final_name(void **state)
{
    fixture *f = *state;
    sc_tempfile tmp;
    struct stat st;

    support_write(f->path, "ancien");
    assert_int_equal(sc_tempfile_open(&tmp, f->path, "le classeur", &f->diag),
                     SC_OK);
    assert_int_equal(write(tmp.fd, "nouveau", 7), 7);
    close(tmp.fd);
    tmp.fd = -1;
    assert_int_equal(sc_tempfile_commit(&tmp, &f->diag), SC_OK);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(st.st_size, 7);
    support_assert_files(f->dir, 1);
}

static void test_sweep_removes_only_killed_runs_temporaries(void **state)
{
    fixture *f = *state;
    const char *keep[] = {"suivi.xlsx", "suivi.xlsx.etat", "suivi.xlsx.backup",
                          "suivi.xlsx.tmp-abc", "autre.xlsx.tmp-a1B2c3"};
    char name[256];

    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
        snprintf(name, sizeof name, "%s/%s", f->dir, keep[i]);
        support_write(name, "x");
    }
    snprintf(name, sizeof name, "%s/suivi.xlsx.tmp-a1B2c3", f->dir);
    support_write(name, "à moitié écrit");
    sc_tempfile_sweep(f->path);
    assert_int_equal(access(name, F_OK), -1);
    support_assert_files(f->dir, 5);
}

static void test_sweep_dir_removes_every_killed_runs_temporary(void **state)
{
    fixture *f = *state;
    const char *gone[] = {"0690001A-Lycee.xlsx.tmp-a1B2c3",
                          "0690001A-Lycee.xlsx.etat.tmp-Zz9Yy8",
                          "academie.xlsx.tmp-000000"};
    const char *kept[] = {"0690001A-Lycee.xlsx", "academie.xlsx.lock",
                          "notes.tmp-abc", "tmp-abcdef"};
    char name[256];

    for (size_t i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "%s/%s", f->dir, gone[i]);
        support_write(name, "x");
    }
    for (size_t i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "%s/%s", f->dir, kept[i]);
        support_write(name, "x");
    }
    sc_tempfile_sweep_dir(f->dir);
    support_assert_files(f->dir, 4);
    for (size_t i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "%s/%s", f->dir, kept[i]);
        assert_int_equal(access(name, F_OK), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_open_creates_file_nobody_else_can_read, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_commit_gives_group_read_and_final_name, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sweep_removes_only_killed_runs_temporaries, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sweep_dir_removes_every_killed_runs_temporary, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
