/*
 * tempfile.c - write beside, then rename into place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "stagecheck/tempfile.h"

sc_error sc_tempfile_open(sc_tempfile *file, const char *path,
                          const char *what, sc_diag *diag)
{
    int en;

    file->path = path;
    file->what = what;
    file->fd = -1;
    file->tmp = malloc(strlen(path) + sizeof ".XXXXXX");
    if (!file->tmp)
        return SC_ERROR_MEMORY;
    /* In the same folder, so that rename() is one step on one disk; mkstemp
     * creates it 0600, so nobody reads a half-written file. */
    sprintf(file->tmp, "%s.XXXXXX", path);
    file->fd = mkstemp(file->tmp);
    if (file->fd < 0) {
        en = errno;
        free(file->tmp);
        file->tmp = NULL;
        sc_diag_set(diag, path, 0, "impossible de créer %s : %s", what,
                    sc_strerrno(en));
        return SC_ERROR_OUTPUT;
    }
    return SC_OK;
}

sc_error sc_tempfile_commit(sc_tempfile *file, sc_diag *diag)
{
    int en;

    if (chmod(file->tmp, 0640) != 0 || rename(file->tmp, file->path) != 0) {
        en = errno;
        sc_tempfile_abort(file);
        sc_diag_set(diag, file->path, 0, "impossible d'enregistrer %s : %s",
                    file->what, sc_strerrno(en));
        return SC_ERROR_OUTPUT;
    }
    free(file->tmp);
    file->tmp = NULL;
    return SC_OK;
}

void sc_tempfile_abort(sc_tempfile *file)
{
    if (file->fd >= 0) {
        close(file->fd);
        file->fd = -1;
    }
    if (file->tmp) {
        unlink(file->tmp);
        free(file->tmp);
        file->tmp = NULL;
    }
}
