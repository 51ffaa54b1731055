/*
 * tempfile.h - writing a file beside its final path, then renaming it into
 * place in one step: a run that fails or dies leaves the old file whole.
 */
#ifndef STAGECHECK_STORE_TEMPFILE_H
#define STAGECHECK_STORE_TEMPFILE_H

#include "stagecheck/base/error.h"

typedef struct sc_tempfile {
    char *tmp;         /* "<path>.tmp-XXXXXX", NULL once committed or aborted */
    const char *path;  /* the final path, borrowed */
    const char *what;  /* French, for messages: "le classeur" */
    int fd;            /* open on tmp, -1 once the caller has closed it */
} sc_tempfile;

/** Creates the temporary file beside path, readable by nobody else (0600).
 *  what names the file in messages ("le classeur"). Returns SC_OK,
 *  SC_ERROR_MEMORY or SC_ERROR_OUTPUT (diag: path and the reason). */
sc_error sc_tempfile_open(sc_tempfile *file, const char *path,
                          const char *what, sc_diag *diag);

/** Renames the temporary file onto the final path, then gives it mode 0640;
 *  the caller has written and closed it (fd -1). On failure the temporary
 *  file is removed and SC_ERROR_OUTPUT returned with diag. */
sc_error sc_tempfile_commit(sc_tempfile *file, sc_diag *diag);

/** Removes the temporary file (after a failed write); safe to call after
 *  a commit, and more than once. */
void sc_tempfile_abort(sc_tempfile *file);

/** Removes the temporary files of path that a killed run left behind
 *  ("<path>.tmp-XXXXXX"). Call it only while holding the output's lock:
 *  then no other run is writing one. Failures are ignored. */
void sc_tempfile_sweep(const char *path);

/** Removes every "<name>.tmp-XXXXXX" of dir, a folder stagecheck writes
 *  alone (--by-school): one pass for all its workbooks. Call it only while
 *  holding the folder's lock. */
void sc_tempfile_sweep_dir(const char *dir);

#endif /* STAGECHECK_STORE_TEMPFILE_H */
