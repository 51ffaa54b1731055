/*
 * tempfile.h - writing a file beside its final path, then renaming it into
 * place in one step: a run that fails or dies leaves the old file whole.
 *
 * The folder of a workbook may be shared: others can write there. So no
 * temporary file is ever opened by a name in it. Each process makes one
 * private folder per output folder ("<folder>/.stagecheck-<pid>.tmp-XXXXXX",
 * mode 0700, held by an flock while in use), creates its temporary files
 * in it with O_CREAT|O_EXCL|O_NOFOLLOW through the folder's descriptor, and
 * renames them from there onto their final paths.
 */
#ifndef STAGECHECK_STORE_TEMPFILE_H
#define STAGECHECK_STORE_TEMPFILE_H

#include "stagecheck/base/error.h"

typedef struct sc_tempfile {
    char *tmp;         /* "<private folder>/<name>", NULL once committed or
                        * aborted */
    const char *path;  /* the final path, borrowed */
    const char *what;  /* French, for messages: "le classeur" */
    int fd;            /* open on tmp, -1 once the caller has closed it */
} sc_tempfile;

/** Creates the temporary file of path in this process's private folder
 *  beside it (made on first use), readable by nobody else (0600). what
 *  names the file in messages ("le classeur"). Returns SC_OK,
 *  SC_ERROR_MEMORY or SC_ERROR_OUTPUT (diag: path and the reason). */
sc_error sc_tempfile_open(sc_tempfile *file, const char *path,
                          const char *what, sc_diag *diag);

/** The descriptor of file's private folder (owned by the module: do not
 *  close it), and the file's name in it: a process may fchdir there and
 *  open that name, and no one else can have put anything under it. */
int sc_tempfile_dirfd(const sc_tempfile *file);
const char *sc_tempfile_name(const sc_tempfile *file);

/** Renames the temporary file onto the final path (a symbolic link or any
 *  other entry there is replaced, never followed), then gives it mode
 *  0640; the caller has written and closed it (fd -1). On failure the
 *  temporary file is removed and SC_ERROR_OUTPUT returned with diag. */
sc_error sc_tempfile_commit(sc_tempfile *file, sc_diag *diag);

/** Removes the temporary file (after a failed write); safe to call after
 *  a commit, and more than once. */
void sc_tempfile_abort(sc_tempfile *file);

/** Removes the private folders that killed runs left in the folder of
 *  path: only those named ".stagecheck-<pid>.tmp-XXXXXX", owned by this
 *  user, whose process is gone and whose flock nobody holds. Anything else
 *  (a user's "notes.tmp-backup", a live run's folder) is left alone.
 *  Failures are ignored. */
void sc_tempfile_sweep(const char *path);

/** The same for the folder dir itself (--by-school). */
void sc_tempfile_sweep_dir(const char *dir);

#endif /* STAGECHECK_STORE_TEMPFILE_H */
