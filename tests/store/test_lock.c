/*
 * test_lock.c - unit tests of lock.c: one run at a time on a workbook,
 * through an flock(2) on "<output>.lock".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "../support.h"
#include "stagecheck/store/lock.h"

/* A folder, the workbook path in it and two locks; teardown releases them
 * and removes the folder. */
typedef struct fixture {
    char dir[64];
    char output[128]; /* dir/suivi.xlsx */
    char lock[128];   /* dir/suivi.xlsx.lock */
    int fd;
    int fd2;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    f->fd = f->fd2 = -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_lock") != 0)
        return -1;
    snprintf(f->output, sizeof f->output, "%s/suivi.xlsx", f->dir);
    snprintf(f->lock, sizeof f->lock, "%s/suivi.xlsx.lock", f->dir);
    sc_diag_clear(&f->diag);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_lock_release(f->fd);
    sc_lock_release(f->fd2);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_acquire_creates_the_lock_beside_the_workbook(void **state)
{
    fixture *f = *state;
    struct stat st;

    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag), SC_OK);
    assert_true(f->fd >= 0);
    assert_int_equal(stat(f->lock, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 077, 0); /* nobody else's business */
    support_assert_files(f->dir, 1);       /* not the workbook itself */
}

static void test_second_acquire_times_out_while_the_first_holds(void **state)
{
    fixture *f = *state;
    struct timespec t0;
    double waited;

    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag), SC_OK);
    /* Another open file description: flock sees another run. */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sc_lock_acquire(f->output, 1, &f->fd2, &f->diag),
                     SC_ERROR_LOCKED);
    waited = seconds_since(&t0);
    assert_int_equal(f->fd2, -1);
    assert_true(waited >= 0.9);
    assert_true(waited < 10);
    assert_string_equal(f->diag.file, f->output);
    assert_int_equal(f->diag.line, 0);
    assert_string_equal(f->diag.message,
                        "un autre passage de stagecheck écrit ce classeur "
                        "depuis plus de 1 s ; abandon (rien n'est écrit)");
}

static void test_acquire_without_wait_gives_up_at_once(void **state)
{
    fixture *f = *state;
    struct timespec t0;

    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag), SC_OK);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd2, &f->diag),
                     SC_ERROR_LOCKED);
    assert_true(seconds_since(&t0) < 0.5);
    assert_non_null(strstr(f->diag.message, "depuis plus de 0 s"));
}

static void test_a_process_holding_the_lock_keeps_others_out(void **state)
{
    fixture *f = *state;
    int ready[2], go[2];
    char byte = 0;
    int status;
    pid_t pid;

    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* The first run: takes the lock, says so, holds it until told. */
        int fd;
        sc_diag d;

        close(ready[0]);
        close(go[1]);
        if (sc_lock_acquire(f->output, 0, &fd, &d) != SC_OK)
            _exit(3);
        if (write(ready[1], "1", 1) != 1 || read(go[0], &byte, 1) < 0)
            _exit(4);
        sc_lock_release(fd);
        _exit(0);
    }
    close(ready[1]);
    close(go[0]);
    assert_int_equal(read(ready[0], &byte, 1), 1);
    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag),
                     SC_ERROR_LOCKED);
    assert_int_equal(f->fd, -1);
    /* Once the first run is done, the second gets the lock. */
    assert_int_equal(write(go[1], "1", 1), 1);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close(ready[0]);
    close(go[1]);
    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag), SC_OK);
}

static void test_a_waiting_run_gets_the_lock_once_released(void **state)
{
    fixture *f = *state;
    int ready[2];
    char byte;
    int status;
    pid_t pid;

    assert_int_equal(pipe(ready), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd;
        sc_diag d;
        const struct timespec hold = {0, 300 * 1000 * 1000};

        close(ready[0]);
        if (sc_lock_acquire(f->output, 0, &fd, &d) != SC_OK)
            _exit(3);
        if (write(ready[1], "1", 1) != 1)
            _exit(4);
        nanosleep(&hold, NULL);
        _exit(0); /* the lock goes with the process */
    }
    close(ready[1]);
    assert_int_equal(read(ready[0], &byte, 1), 1);
    close(ready[0]);
    assert_int_equal(sc_lock_acquire(f->output, 5, &f->fd, &f->diag), SC_OK);
    assert_true(f->fd >= 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_release_lets_the_next_run_in_and_keeps_the_file(
    void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag), SC_OK);
    sc_lock_release(f->fd);
    f->fd = -1;
    /* Removing it would let a third run lock a file the second no longer
     * sees. */
    assert_int_equal(access(f->lock, F_OK), 0);
    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd2, &f->diag), SC_OK);
    sc_lock_release(f->fd2);
    f->fd2 = -1;
    sc_lock_release(-1);
    assert_int_equal(access(f->lock, F_OK), 0);
    support_assert_files(f->dir, 1);
}

static void test_acquire_in_a_missing_folder_is_output_error(void **state)
{
    fixture *f = *state;
    char output[192];

    support_join(output, sizeof output, f->dir, "absent/suivi.xlsx");
    assert_int_equal(sc_lock_acquire(output, 0, &f->fd, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_int_equal(f->fd, -1);
    assert_string_equal(f->diag.file, output);
    assert_non_null(strstr(f->diag.message, "impossible de créer le verrou"));
    assert_non_null(strstr(f->diag.message, "absent/suivi.xlsx.lock"));
    assert_non_null(strstr(f->diag.message, "introuvable"));
}

static void test_acquire_of_an_overlong_path_is_output_error(void **state)
{
    fixture *f = *state;
    char *output = malloc(4100);

    assert_non_null(output);
    memset(output, 'a', 4095);
    output[4095] = '\0';
    /* The path plus ".lock" does not fit: refused before any file. */
    assert_int_equal(sc_lock_acquire(output, 0, &f->fd, &f->diag),
                     SC_ERROR_OUTPUT);
    free(output);
    assert_int_equal(f->fd, -1);
    assert_string_equal(f->diag.message, "chemin du classeur trop long");
}

/* A link planted at the lock's path is refused, and no file is created
 * where it points (a root run would otherwise make /etc/nologin). */
static void test_acquire_never_creates_a_file_through_a_link(void **state)
{
    fixture *f = *state;
    char target[160];

    snprintf(target, sizeof target, "%s/nologin", f->dir);
    assert_int_equal(symlink(target, f->lock), 0);
    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_int_equal(f->fd, -1);
    assert_int_equal(access(target, F_OK), -1);
    assert_non_null(strstr(f->diag.message, "lien symbolique"));
}

/* A FIFO planted there is refused at once: no open that waits. */
static void test_acquire_refuses_a_fifo_without_waiting(void **state)
{
    fixture *f = *state;

    assert_int_equal(mkfifo(f->lock, 0666), 0);
    assert_int_equal(sc_lock_acquire(f->output, 0, &f->fd, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_int_equal(f->fd, -1);
    assert_non_null(strstr(f->diag.message, "FIFO"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_acquire_creates_the_lock_beside_the_workbook),
        TEST(test_second_acquire_times_out_while_the_first_holds),
        TEST(test_acquire_without_wait_gives_up_at_once),
        TEST(test_a_process_holding_the_lock_keeps_others_out),
        TEST(test_a_waiting_run_gets_the_lock_once_released),
        TEST(test_release_lets_the_next_run_in_and_keeps_the_file),
        TEST(test_acquire_in_a_missing_folder_is_output_error),
        TEST(test_acquire_of_an_overlong_path_is_output_error),
        TEST(test_acquire_never_creates_a_file_through_a_link),
        TEST(test_acquire_refuses_a_fifo_without_waiting),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
