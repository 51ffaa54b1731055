/*
 * lock.c - one run at a time on a workbook.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "stagecheck/store/lock.h"

/* What stands at the lock's path instead of a file, in French. */
static const char *lock_kind(const struct stat *st)
{
    if (S_ISLNK(st->st_mode))
        return "un lien symbolique";
    if (S_ISDIR(st->st_mode))
        return "un dossier";
    if (S_ISFIFO(st->st_mode))
        return "un tube nommé (FIFO)";
    if (S_ISSOCK(st->st_mode))
        return "une socket";
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        return "un périphérique";
    return "autre chose qu'un fichier ordinaire";
}

/* Refuses what stands at the lock's path: removing it ourselves would race
 * with whoever planted it, and a real run never makes one. */
static sc_error lock_refuse(const char *output, const char *path,
                            const struct stat *st, sc_diag *diag)
{
    sc_diag_set(diag, output, 0, "le verrou %s est %s et non un fichier "
                "ordinaire : rien n'est écrit ; supprimez-le (quelqu'un l'a "
                "peut-être posé là)", path, lock_kind(st));
    return SC_ERROR_OUTPUT;
}

sc_error sc_lock_acquire(const char *output, int wait_seconds, int *fd,
                         sc_diag *diag)
{
    char path[4096];
    /* Ten tries a second: quick enough for a cron job, cheap enough. */
    const struct timespec pause = {0, 100 * 1000 * 1000};
    long tries = (long)wait_seconds * 10;
    struct stat st;
    int en;

    *fd = -1;
    if (snprintf(path, sizeof path, "%s.lock", output) >= (int)sizeof path) {
        sc_diag_set(diag, output, 0, "chemin du classeur trop long");
        return SC_ERROR_OUTPUT;
    }
    /* The folder may be shared: never create a file where a planted link
     * points (O_NOFOLLOW), never open a device, and never wait on a FIFO
     * (O_NONBLOCK; lstat first, so that a device is not even opened). */
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return lock_refuse(output, path, &st, diag);
    *fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
               0600);
    if (*fd < 0) {
        en = errno;
        if (en == ELOOP && lstat(path, &st) == 0)
            return lock_refuse(output, path, &st, diag);
        sc_diag_set(diag, output, 0, "impossible de créer le verrou %s : %s",
                    path, sc_strerrno(en));
        return SC_ERROR_OUTPUT;
    }
    if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(*fd);
        *fd = -1;
        return lock_refuse(output, path, &st, diag);
    }
    for (;;) {
        if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
            return SC_OK;
        en = errno;
        if (en != EWOULDBLOCK && en != EINTR) {
            sc_diag_set(diag, output, 0, "impossible de verrouiller %s : %s",
                        path, sc_strerrno(en));
            break;
        }
        if (tries-- <= 0) {
            sc_diag_set(diag, output, 0,
                        "un autre passage de stagecheck écrit ce classeur "
                        "depuis plus de %d s ; abandon (rien n'est écrit)",
                        wait_seconds);
            close(*fd);
            *fd = -1;
            return SC_ERROR_LOCKED;
        }
        nanosleep(&pause, NULL);
    }
    close(*fd);
    *fd = -1;
    return SC_ERROR_OUTPUT;
}

void sc_lock_release(int fd)
{
    if (fd >= 0)
        close(fd); /* closing releases the flock */
}
