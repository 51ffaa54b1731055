/*
 * lock.c - one run at a time on a workbook.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include "stagecheck/store/lock.h"

sc_error sc_lock_acquire(const char *output, int wait_seconds, int *fd,
                         sc_diag *diag)
{
    char path[4096];
    /* Ten tries a second: quick enough for a cron job, cheap enough. */
    const struct timespec pause = {0, 100 * 1000 * 1000};
    long tries = (long)wait_seconds * 10;
    int en;

    *fd = -1;
    if (snprintf(path, sizeof path, "%s.lock", output) >= (int)sizeof path) {
        sc_diag_set(diag, output, 0, "chemin du classeur trop long");
        return SC_ERROR_OUTPUT;
    }
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (*fd < 0) {
        en = errno;
        sc_diag_set(diag, output, 0, "impossible de créer le verrou %s : %s",
                    path, sc_strerrno(en));
        return SC_ERROR_OUTPUT;
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
