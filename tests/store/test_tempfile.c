/*
 * test_tempfile.c - writing in a private folder beside the final path,
 * then renaming; sweeping only what a dead run of ours left.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* Removes dir and everything under it. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char name[512];

    while (d && (de = readdir(d)) != NULL) {
        struct stat st;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(name, sizeof name, "%s/%s", dir, de->d_name);
        if (lstat(name, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(name);
        else
            unlink(name);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static int teardown(void **state)
{
    fixture *f = *state;

    remove_tree(f->dir);
    free(f);
    return 0;
}

/* Asserts that path holds text, byte for byte. */
static void assert_holds(const char *path, const char *text)
{
    char *got = support_read(path);

    assert_string_equal(got, text);
    free(got);
}

/* The pid of a process that has ended. */
static long dead_pid(void)
{
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    return (long)pid;
}

/* Makes "dir/.stagecheck-<pid>.tmp-<random>" with a file in it, as a run
 * would leave it; writes its path into out. */
static void plant_private(const fixture *f, long pid, const char *random,
                          char *out, size_t size)
{
    char file[300];

    snprintf(out, size, "%s/.stagecheck-%ld.tmp-%s", f->dir, pid, random);
    assert_int_equal(mkdir(out, 0700), 0);
    snprintf(file, sizeof file, "%s/suivi.xlsx", out);
    support_write(file, "à moitié écrit");
}

static void test_open_creates_file_in_private_folder(void **state)
{
    fixture *f = *state;
    sc_tempfile tmp;
    struct stat st;
    char folder[256], expect[64];

    umask(0);
    assert_int_equal(sc_tempfile_open(&tmp, f->path, "le classeur", &f->diag),
                     SC_OK);
    assert_int_equal(stat(tmp.tmp, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* Named by our marker and pid, the file by the workbook's name. */
    snprintf(expect, sizeof expect, "/.stagecheck-%ld.tmp-", (long)getpid());
    assert_non_null(strstr(tmp.tmp, expect));
    assert_string_equal(sc_tempfile_name(&tmp), "suivi.xlsx");
    snprintf(folder, sizeof folder, "%s", tmp.tmp);
    *strrchr(folder, '/') = '\0';
    assert_int_equal(lstat(folder, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_true(sc_tempfile_dirfd(&tmp) >= 0);
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
    /* The private folder went with its last file. */
    support_assert_files(f->dir, 1);
}

/* Two files of one folder share one private folder; it stays until the
 * last is committed. */
static void test_files_of_one_folder_share_private_folder(void **state)
{
    fixture *f = *state;
    sc_tempfile a, b;
    char other[160];

    snprintf(other, sizeof other, "%s.etat", f->path);
    assert_int_equal(sc_tempfile_open(&a, f->path, "le classeur", &f->diag),
                     SC_OK);
    assert_int_equal(sc_tempfile_open(&b, other, "le fichier d'état",
                                      &f->diag), SC_OK);
    assert_int_equal(sc_tempfile_dirfd(&a), sc_tempfile_dirfd(&b));
    support_assert_files(f->dir, 1);
    close(a.fd);
    a.fd = -1;
    assert_int_equal(sc_tempfile_commit(&a, &f->diag), SC_OK);
    support_assert_files(f->dir, 2);
    sc_tempfile_abort(&b);
    support_assert_files(f->dir, 1);
}

/* A link planted at the final path is replaced, and its target is neither
 * written nor given the workbook's mode. */
static void test_commit_replaces_link_never_follows_it(void **state)
{
    fixture *f = *state;
    char target[160];
    sc_tempfile tmp;
    struct stat st;

    snprintf(target, sizeof target, "%s/cible", f->dir);
    support_write(target, "à protéger");
    assert_int_equal(chmod(target, 0604), 0);
    assert_int_equal(symlink(target, f->path), 0);
    assert_int_equal(sc_tempfile_open(&tmp, f->path, "le classeur", &f->diag),
                     SC_OK);
    assert_int_equal(write(tmp.fd, "classeur", 8), 8);
    close(tmp.fd);
    tmp.fd = -1;
    assert_int_equal(sc_tempfile_commit(&tmp, &f->diag), SC_OK);
    assert_int_equal(lstat(f->path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_holds(target, "à protéger");
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0604);
}

/* What the old scheme's name would be, or a link planted in the folder,
 * is never opened: the file is created in the private folder. */
static void test_open_ignores_planted_names_in_the_folder(void **state)
{
    fixture *f = *state;
    char target[160], planted[200];
    sc_tempfile tmp;

    snprintf(target, sizeof target, "%s/cible", f->dir);
    support_write(target, "à protéger");
    snprintf(planted, sizeof planted, "%s/suivi.xlsx", f->dir);
    assert_int_equal(symlink(target, planted), 0);
    assert_int_equal(sc_tempfile_open(&tmp, f->path, "le classeur", &f->diag),
                     SC_OK);
    assert_int_equal(write(tmp.fd, "x", 1), 1);
    sc_tempfile_abort(&tmp);
    assert_holds(target, "à protéger");
}

static void test_sweep_removes_dead_runs_private_folder(void **state)
{
    fixture *f = *state;
    char dead[256];

    plant_private(f, dead_pid(), "a1B2c3", dead, sizeof dead);
    sc_tempfile_sweep(f->path);
    assert_int_equal(access(dead, F_OK), -1);
    support_assert_files(f->dir, 0);
}

/* A live run's folder (its pid alive, or its flock held), another user's
 * files that look like temporaries, and anything not named by our marker
 * all survive a sweep. */
static void test_sweep_keeps_live_runs_and_users_files(void **state)
{
    fixture *f = *state;
    const char *keep[] = {"suivi.xlsx", "suivi.xlsx.etat", "notes.tmp-backup",
                          "suivi.xlsx.tmp-a1B2c3", "academie.xlsx.lock",
                          ".stagecheck-x.tmp-abcdef"};
    char name[256], alive[256], locked[256];
    int fd;

    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
        snprintf(name, sizeof name, "%s/%s", f->dir, keep[i]);
        support_write(name, "x");
    }
    plant_private(f, 1, "Zz9Yy8", alive, sizeof alive);
    plant_private(f, dead_pid(), "000000", locked, sizeof locked);
    fd = open(locked, O_RDONLY | O_DIRECTORY);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    sc_tempfile_sweep_dir(f->dir);
    close(fd);
    support_assert_files(f->dir, 8);
    assert_int_equal(access(alive, F_OK), 0);
    assert_int_equal(access(locked, F_OK), 0);
    /* Once its lock is dropped, the dead one goes. */
    sc_tempfile_sweep_dir(f->dir);
    support_assert_files(f->dir, 7);
    assert_int_equal(access(alive, F_OK), 0);
}

/* This process's own folder, in use, is never swept. */
static void test_sweep_keeps_own_folder_in_use(void **state)
{
    fixture *f = *state;
    sc_tempfile tmp;

    assert_int_equal(sc_tempfile_open(&tmp, f->path, "le classeur", &f->diag),
                     SC_OK);
    sc_tempfile_sweep(f->path);
    assert_int_equal(access(tmp.tmp, F_OK), 0);
    sc_tempfile_abort(&tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_open_creates_file_in_private_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_commit_gives_group_read_and_final_name, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_files_of_one_folder_share_private_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_commit_replaces_link_never_follows_it, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_open_ignores_planted_names_in_the_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sweep_removes_dead_runs_private_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sweep_keeps_live_runs_and_users_files, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sweep_keeps_own_folder_in_use, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
