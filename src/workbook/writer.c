/*
 * writer.c - the only place that forks: a child process writes a batch of
 * workbooks into temporary files, and tells its parent how each went.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "stagecheck/workbook/writer.h"
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"
#include "stagecheck/store/tempfile.h"
/* Under callgrind, a forked child starts with the counts its parent made
 * before the fork: each writer zeroes them, so that the profiles of a run
 * (one file per process, bench/profile.py) add up without counting the
 * parent twice. A few instructions otherwise; nothing without valgrind's
 * headers. */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS
#define CALLGRIND_ZERO_STATS
#endif

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

/* Returns how many descriptors this process has open (/proc/self/fd),
 * or 0 when it cannot tell. */
static size_t open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    size_t n = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n > 0 ? n - 1 : 0; /* opendir's own */
}

/* Closes, in a writing child, the pipes it inherited from the batches
 * still being written by its siblings: a child never execs, so O_CLOEXEC
 * leaves them open, and under -j N each would hold N - 1 descriptors its
 * scratch files need. keep is its own pipe; 0, 1 and 2 stay, whatever
 * they are (cron gives a pipe). */
static void close_sibling_pipes(int keep)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    struct stat st;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        int fd = atoi(e->d_name);

        if (e->d_name[0] == '.' || fd <= 2 || fd == keep || fd == dirfd(d))
            continue;
        if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
            close(fd);
    }
    closedir(d);
}

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
        limit.rlim_cur != RLIM_INFINITY) {
        /* What is left of the limit once this process's own descriptors
         * (standard streams, lock, private folders) are counted. */
        size_t used = open_fds();

        scratch.open_max = (size_t)limit.rlim_cur > used
                               ? (size_t)limit.rlim_cur - used
                               : 0;
    }
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

/* One batch being written: its child, the pipe of the child's notes, and
 * how each workbook went. */
struct sc_writer {
    sc_book_job *jobs;   /* the caller's, until finished */
    size_t n;
    outcome *outcomes;
    pid_t pid;
    int fd;              /* read end of the notes */
};

static void writer_free(sc_writer *w)
{
    if (!w)
        return;
    free(w->outcomes);
    free(w);
}

/* Ends the child: what it holds of the batch is freed first, so that a
 * leak checker following the child (valgrind --trace-children) finds
 * nothing lost and keeps its exit status. */
static _Noreturn void child_end(sc_writer *w, int status)
{
    writer_free(w);
    child_exit(status);
}

/* Gives the system back what the run freed and malloc kept in its heap
 * (the records of the schools already written, the previous run's state
 * once compared): a writer forked with it would hold it too (a second run
 * of a million pupils: 8 MB in its writer). Only a saving: glibc's. */
static void give_back_freed(void)
{
#ifdef __GLIBC__
    (void)malloc_trim(0);
#endif
}

/* The pupils from which a writer gives back the scratch of a workbook's
 * model (24 bytes each) once built: 1.5 MB. */
#define GIVE_BACK_LINES ((size_t)1 << 16)

/* The child's work: each workbook of the batch, in order, into its
 * temporary file; the first failure ends it. */
static _Noreturn void child_run(int fd, pid_t parent, sc_writer *w)
{
    const sc_book_job *jobs = w->jobs;
    sc_book_scratch scratch;
    int home;

    CALLGRIND_ZERO_STATS;
    /* A run killed while it waits takes its writers with it. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        child_end(w, 1);
    close_sibling_pipes(fd);
#ifdef M_MMAP_THRESHOLD
    /* Each constant_memory sheet callocs a 128 KiB array of cell
     * pointers, one per column, of which a few are used: mapped, its
     * untouched pages cost nothing, where malloc's heap would hold them
     * all (680 sheets: 87 MB). Exactly 128 KiB, not less: zlib's four
     * 64 KiB buffers of each part of the zip stay in the heap, where
     * mapping them anew for each part faulted every page in (4 times the
     * page faults, 11 % of the 50k académie's time). Only a saving:
     * glibc's own threshold otherwise. */
    (void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    scratch = scratch_of_process();
    home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (size_t i = 0; i < w->n; i++) {
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
            child_end(w, 1);
        }
        /* The model is built here, a workbook at a time, and freed once
         * written: the parent never holds it (a million pupils: 80 MB at
         * the fork), nor the child more than one. */
        if (jobs[i].report) {
            sc_model model;

            err = sc_model_build(&model, jobs[i].report);
            /* The build's scratch, 24 bytes a pupil, came from the holes
             * the parent's heap had when it forked (a second run: its
             * previous state freed), not from pages of its own that
             * freeing unmaps: kept by the heap, it stayed in this process
             * to the end (a second run of a million pupils: 11 MB). Given
             * back before the sheets, for a big school only: for a small
             * one, what is given back is pages the sheets' own scratch
             * then faults in again (the 50k académie: 3 times the page
             * faults), for a few kilobytes (issue 14). */
            if (model.nlines >= GIVE_BACK_LINES)
                give_back_freed();
            if (err == SC_OK)
                err = sc_book_write_report(&model, name, &scratch, &lxw);
            sc_model_free(&model);
        } else {
            err = sc_book_write_academie(jobs[i].academie, name, &scratch,
                                         &lxw);
        }
        if (err != SC_OK) {
            child_tell(fd, &(child_note){1, (int)i, err, lxw});
            child_end(w, 1);
        }
    }
    /* Back where it started, should anything at exit use a relative path
     * (coverage counters); failing that changes nothing written. */
    if (home >= 0) {
        if (fchdir(home) != 0)
            home = -1;
        else
            close(home);
    }
    child_end(w, 0);
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

/* Removes the batch's temporary files and frees w. */
static void writer_drop(sc_writer *w)
{
    for (size_t i = 0; i < w->n; i++)
        sc_tempfile_abort(&w->jobs[i].file);
    writer_free(w);
}

sc_error sc_writer_start(sc_book_job *jobs, size_t n, sc_writer **out,
                         sc_diag *diag)
{
    /* Models are built here, before the fork, so that running out of
     * memory is told by the run itself. */
    sc_writer *w = calloc(1, sizeof *w);
    sc_error err = SC_OK;
    int fds[2];
    pid_t parent = getpid();

    *out = NULL;
    for (size_t i = 0; i < n; i++)
        jobs[i].file = (sc_tempfile){NULL, jobs[i].path, NULL, -1};
    if (w) {
        w->jobs = jobs;
        w->n = n;
        w->fd = -1;
        w->outcomes = calloc(n ? n : 1, sizeof *w->outcomes);
    }
    if (!w || !w->outcomes) {
        sc_diag_set(diag, n ? jobs[0].path : "", 0, "mémoire insuffisante "
                                                  "pour écrire le classeur");
        writer_free(w);
        return SC_ERROR_MEMORY;
    }
    for (size_t i = 0; err == SC_OK && i < n; i++) {
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
        int en = 0;

        /* Started with SIGCHLD ignored (some supervisors do), the kernel
         * would reap the writer itself and waitpid could not tell how it
         * ended. */
        signal(SIGCHLD, SIG_DFL);
        w->pid = -1;
        give_back_freed();
        if (pipe2(fds, O_CLOEXEC) != 0) {
            en = errno;
        } else if ((w->pid = fork()) < 0) {
            en = errno;
            close(fds[0]);
            close(fds[1]);
        }
        if (w->pid < 0) {
            err = SC_ERROR_MEMORY;
            if (en == EMFILE || en == ENFILE || en == EAGAIN)
                sc_diag_set(diag, n ? jobs[0].path : "", 0,
                            "impossible de lancer l'écriture du classeur : "
                            "%s (essayez un -j plus petit)",
                            en == EAGAIN ? "trop de processus"
                                         : "trop de fichiers ouverts");
            else
                writer_say(&w->outcomes[0], err, n ? jobs[0].path : "",
                           diag);
        }
    }
    if (err != SC_OK) {
        writer_drop(w);
        return err;
    }
    if (w->pid == 0) {
        close(fds[0]);
        child_run(fds[1], parent, w);
    }
    close(fds[1]);
    w->fd = fds[0];
    *out = w;
    return SC_OK;
}

sc_error sc_writer_finish(sc_writer *w, sc_diag *diag)
{
    child_note note;
    int status, started = -1, told = 0;
    size_t failed = 0;
    ssize_t got;
    sc_error err = SC_OK;

    while ((got = read(w->fd, &note, sizeof note)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof note || note.job < 0 ||
            (size_t)note.job >= w->n)
            break;
        if (!note.failed) {
            started = note.job;
        } else {
            told = 1;
            failed = (size_t)note.job;
            w->outcomes[failed].lxw = (lxw_error)note.lxw;
            w->outcomes[failed].status = (sc_error)note.status;
        }
    }
    close(w->fd);
    while (waitpid(w->pid, &status, 0) < 0)
        if (errno != EINTR) {
            status = -1;
            break;
        }
    if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        !told && started == (int)w->n - 1) {
        free(w->outcomes);
        free(w);
        return SC_OK;
    }
    if (told) {
        err = w->outcomes[failed].status;
    } else {
        /* Died without a word: of a signal, in the workbook it had
         * started. */
        failed = started >= 0 ? (size_t)started : 0;
        w->outcomes[failed].signal =
            status != -1 && WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        w->outcomes[failed].lxw = LXW_NO_ERROR;
        err = SC_ERROR_WORKBOOK;
    }
    writer_say(&w->outcomes[failed], err, w->n ? w->jobs[failed].path : "",
               diag);
    writer_drop(w);
    return err;
}

size_t sc_writer_first_done(sc_writer *const *ws, size_t n)
{
    siginfo_t info;

    /* Left waitable (WNOWAIT): sc_writer_finish reaps it. */
    for (;;) {
        info.si_pid = 0;
        if (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) == 0)
            break;
        if (errno != EINTR)
            return 0;
    }
    for (size_t k = 0; k < n; k++)
        if (ws[k]->pid == info.si_pid)
            return k;
    /* A child the run did not start (a caller's): the oldest, then. */
    return 0;
}

void sc_writer_cancel(sc_writer *w)
{
    int status;

    if (!w)
        return;
    kill(w->pid, SIGKILL);
    close(w->fd);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    writer_drop(w);
}

sc_error sc_writer_prepare_batch(sc_book_job *jobs, size_t n, sc_diag *diag)
{
    sc_writer *w;
    sc_error err = sc_writer_start(jobs, n, &w, diag);

    return err == SC_OK ? sc_writer_finish(w, diag) : err;
}

sc_error sc_writer_write(const sc_report *report, const char *path,
                         sc_diag *diag)
{
    sc_book_job job = {.report = report, .path = path};
    sc_error err = sc_writer_prepare_batch(&job, 1, diag);

    return err == SC_OK ? sc_tempfile_commit(&job.file, diag) : err;
}
