/*
 * tempfile.c - write beside, then rename into place.
 */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "stagecheck/store/tempfile.h"

/* Distinctive, so that a sweep never takes a user's own file. */
#define TMP_SUFFIX ".tmp-XXXXXX"

sc_error sc_tempfile_open(sc_tempfile *file, const char *path,
                          const char *what, sc_diag *diag)
{
    int en;

    file->path = path;
    file->what = what;
    file->fd = -1;
    file->tmp = malloc(strlen(path) + sizeof TMP_SUFFIX);
    if (!file->tmp)
        return SC_ERROR_MEMORY;
    /* In the same folder, so that rename() is one step on one disk; mkstemp
     * creates it 0600, so nobody reads a half-written file. */
    sprintf(file->tmp, "%s" TMP_SUFFIX, path);
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

    if (rename(file->tmp, file->path) != 0) {
        en = errno;
        sc_tempfile_abort(file);
        sc_diag_set(diag, file->path, 0, "impossible d'enregistrer %s : %s",
                    file->what, sc_strerrno(en));
        return SC_ERROR_OUTPUT;
    }
    /* Only once renamed: the temporary file stays 0600 as long as it is
     * one. A failure here leaves the workbook whole and private. */
    (void)chmod(file->path, 0640);
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

/* Removes the entries of dir named "<base>.tmp-XXXXXX", or, base NULL,
 * "<anything>.tmp-XXXXXX". */
static void sweep(const char *dir_path, const char *base)
{
    size_t tail = sizeof TMP_SUFFIX - 1; /* ".tmp-XXXXXX" */
    DIR *dir = opendir(dir_path);
    struct dirent *ent;

    if (!dir)
        return;
    while ((ent = readdir(dir)) != NULL) {
        size_t len = strlen(ent->d_name);

        if (len > tail &&
            strncmp(ent->d_name + len - tail, ".tmp-", 5) == 0 &&
            (!base || (len == strlen(base) + tail &&
                       strncmp(ent->d_name, base, len - tail) == 0)))
            unlinkat(dirfd(dir), ent->d_name, 0);
    }
    closedir(dir);
}

void sc_tempfile_sweep(const char *path)
{
    char *dir_copy = strdup(path), *base_copy = strdup(path);

    if (dir_copy && base_copy)
        sweep(dirname(dir_copy), basename(base_copy));
    free(dir_copy);
    free(base_copy);
}

void sc_tempfile_sweep_dir(const char *dir)
{
    sweep(dir, NULL);
}
