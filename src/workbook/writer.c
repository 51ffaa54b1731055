/*
 * writer.c - the only place that forks: a child process writes a batch of
 * workbooks into temporary files, and tells its parent how each went.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "stagecheck/workbook/writer.h"
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"
#include "stagecheck/store/tempfile.h"

#ifdef SC_COVERAGE
/* gcc's: writes the coverage counters, which _exit would lose. */
void __gcov_dump(void);
#endif

/* How writing one workbook failed, as the parent learns it. */
typedef struct outcome {
    sc_error status;
    lxw_error lxw;
    int signal;      /* what ended the child that wrote, or 0 */
} outcome;

/* What the writing child tells its parent through a pipe: the workbook it
 * starts, and how one failed. */
typedef struct child_note {
    int failed;      /* 0: starting job, 1: job failed */
    int job;
    int status;      /* sc_error */
    int lxw;         /* lxw_error */
} child_note;

/* What this process allows libxlsxwriter's scratch files: $TMPDIR as
 * usual, else the system's folder (on a disk, creating and deleting
 * thousands of them costs an académie run more than its own work:
 * TMPDIR=/dev/shm keeps them in memory), and the limit of open files. */
static sc_book_scratch scratch_of_process(void)
{
    /* Absolute: the child works from each workbook's private folder. */
    static char absolute[PATH_MAX];
    char *dir = getenv("TMPDIR");
    sc_book_scratch scratch = {.dir = dir && *dir ? dir : NULL,
                               .open_max = SIZE_MAX};
    struct rlimit limit;

    if (scratch.dir && scratch.dir[0] != '/' && realpath(scratch.dir, absolute))
        scratch.dir = absolute;

    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
        limit.rlim_cur != RLIM_INFINITY)
        scratch.open_max = (size_t)limit.rlim_cur;
    return scratch;
}

static void child_tell(int fd, const child_note *note)
{
    ssize_t n;

    do
        n = write(fd, note, sizeof *note);
    while (n < 0 && errno == EINTR);
}

/* Ends the writing child without running the parent's atexit handlers or
 * flushing its stdio buffers, which are the parent's to flush. */
static _Noreturn void child_exit(int status)
{
#ifdef SC_COVERAGE
    __gcov_dump();
#endif
    _exit(status);
}

/* The child's work: each workbook of jobs, in order, into its temporary
 * file; the first failure ends it. outcomes is the parent's, of no use
 * here: freed, so that a leak checker following the child (valgrind
 * --trace-children) finds nothing lost and keeps its exit status 0. */
static _Noreturn void child_run(int fd, pid_t parent,
                                const sc_model *models,
                                const sc_book_job *jobs, size_t n,
                                outcome *outcomes)
{
    sc_book_scratch scratch;
    int home;

    free(outcomes);

    /* A run killed while it waits takes its writer with it. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        child_exit(1);
    scratch = scratch_of_process();
    home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (size_t i = 0; i < n; i++) {
        lxw_error lxw = LXW_NO_ERROR;
        const char *name = sc_tempfile_name(&jobs[i].file);
        sc_error err;

        child_tell(fd, &(child_note){0, (int)i, 0, 0});
        /* libxlsxwriter reopens its file by name: the name is taken from
         * the private folder this process made (0700, by its descriptor),
         * never looked up in the shared output folder, where someone could
         * have swapped it for a link. */
        if (fchdir(sc_tempfile_dirfd(&jobs[i].file)) != 0) {
            child_tell(fd, &(child_note){1, (int)i, SC_ERROR_OUTPUT, 0});
            child_exit(1);
        }
        err = jobs[i].report
                  ? sc_book_write_report(&models[i], name, &scratch, &lxw)
                  : sc_book_write_academie(jobs[i].academie, name, &scratch,
                                           &lxw);
        if (err != SC_OK) {
            child_tell(fd, &(child_note){1, (int)i, err, lxw});
            child_exit(1);
        }
    }
    /* Back where it started, should anything at exit use a relative path
     * (coverage counters); failing that changes nothing written. */
    if (home >= 0 && fchdir(home) != 0)
        home = -1;
    child_exit(0);
}

/* Writes the workbooks of jobs from one child process. libxlsxwriter does
 * not survive all of its own allocation failures: it may crash, leak, or
 * carry on with a part missing; in a child, none of that reaches the run,
 * which learns from the child's notes and exit status whether every file
 * is whole. One child for many workbooks: a fork is dear for a process
 * holding an académie. Returns SC_OK, or an error with *failed the job and
 * outcomes[*failed] how it failed. */
static sc_error writer_fork(const sc_model *models, const sc_book_job *jobs,
                            size_t n, outcome *outcomes, size_t *failed)
{
    child_note note;
    int fds[2], status, started = -1, told = 0;
    pid_t parent = getpid(), pid;
    ssize_t got;

    *failed = 0;
    if (pipe(fds) != 0)
        return SC_ERROR_MEMORY;
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return SC_ERROR_MEMORY;
    }
    if (pid == 0) {
        close(fds[0]);
        child_run(fds[1], parent, models, jobs, n, outcomes);
    }
    close(fds[1]);
    while ((got = read(fds[0], &note, sizeof note)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof note)
            break;
        if (!note.failed) {
            started = note.job;
        } else {
            told = 1;
            *failed = (size_t)note.job;
            outcomes[note.job].lxw = (lxw_error)note.lxw;
            outcomes[note.job].status = (sc_error)note.status;
        }
    }
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return SC_ERROR_MEMORY;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !told &&
        started == (int)n - 1)
        return SC_OK;
    if (told)
        return outcomes[*failed].status;
    /* Died without a word: of a signal, in the workbook it had started. */
    *failed = started >= 0 ? (size_t)started : 0;
    outcomes[*failed].signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    outcomes[*failed].lxw = LXW_NO_ERROR;
    return SC_ERROR_WORKBOOK;
}

/* Sets diag after the writing of a workbook failed with err. */
static void writer_say(const outcome *o, sc_error err, const char *path,
                       sc_diag *diag)
{
    if (err == SC_ERROR_MEMORY)
        sc_diag_set(diag, path, 0, "mémoire insuffisante pour écrire le "
                                   "classeur");
    else if (o->signal)
        sc_diag_set(diag, path, 0, "l'écriture du classeur s'est "
                    "interrompue (signal %d, mémoire insuffisante ?)",
                    o->signal);
    else if (o->lxw != LXW_NO_ERROR)
        sc_diag_set(diag, path, 0, "impossible d'écrire le classeur : %s",
                    sc_book_strerror(o->lxw));
    else
        sc_diag_set(diag, path, 0, "impossible d'écrire le classeur");
}

sc_error sc_writer_prepare_batch(sc_book_job *jobs, size_t n, sc_diag *diag)
{
    /* Built here, before the fork, so that running out of memory is told
     * by the run itself. */
    sc_model *models = calloc(n ? n : 1, sizeof *models);
    outcome *outcomes = calloc(n ? n : 1, sizeof *outcomes);
    size_t failed = 0;
    sc_error err = models && outcomes ? SC_OK : SC_ERROR_MEMORY;

    for (size_t i = 0; i < n; i++)
        jobs[i].file = (sc_tempfile){NULL, jobs[i].path, NULL, -1};
    for (size_t i = 0; err == SC_OK && i < n; i++) {
        if (jobs[i].report)
            err = sc_model_build(&models[i], jobs[i].report);
        if (err != SC_OK) {
            failed = i;
            writer_say(&outcomes[i], err, jobs[i].path, diag);
            break;
        }
        err = sc_tempfile_open(&jobs[i].file, jobs[i].path,
                               jobs[i].report ? "le classeur"
                                              : "le classeur académique",
                               diag);
        if (err != SC_OK)
            break;
        /* libxlsxwriter 1.1 opens the file by its name (in the child,
         * from the private folder): it keeps the 0600. */
        close(jobs[i].file.fd);
        jobs[i].file.fd = -1;
    }
    if (err == SC_OK) {
        err = writer_fork(models, jobs, n, outcomes, &failed);
        if (err != SC_OK)
            writer_say(&outcomes[failed], err, jobs[failed].path, diag);
    }
    if (!models || !outcomes)
        sc_diag_set(diag, n ? jobs[0].path : "", 0, "mémoire insuffisante "
                                                  "pour écrire le classeur");
    for (size_t i = 0; i < n; i++) {
        if (err != SC_OK)
            sc_tempfile_abort(&jobs[i].file);
        if (models)
            sc_model_free(&models[i]);
    }
    free(models);
    free(outcomes);
    return err;
}

sc_error sc_writer_write(const sc_report *report, const char *path,
                         sc_diag *diag)
{
    sc_book_job job = {.report = report, .path = path};
    sc_error err = sc_writer_prepare_batch(&job, 1, diag);

    return err == SC_OK ? sc_tempfile_commit(&job.file, diag) : err;
}
