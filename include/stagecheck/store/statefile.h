/*
 * statefile.h - the state file beside a workbook ("<workbook>.etat"): the
 * previous run's statuses, read back and written anew (format in
 * src/store/statefile.c).
 */
#ifndef STAGECHECK_STORE_STATEFILE_H
#define STAGECHECK_STORE_STATEFILE_H

#include "stagecheck/base/error.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/state.h"
#include "stagecheck/store/tempfile.h"

/** The largest state file read back, in bytes: about 700,000 pupils, a
 *  whole country's secondes in one workbook, fit. */
#define SC_STATEFILE_MAX (64L * 1024 * 1024)

/** Returns the path of the state file of a workbook ("<output>.etat");
 *  NULL when out of memory. The caller frees it. */
char *sc_statefile_path(const char *output);

/** Reads a state file into state (zeroed first). Returns SC_ERROR_FILE_OPEN
 *  when there is none, SC_ERROR_STATE (diag: file and line) when a line
 *  cannot be read or the file is not one to trust (a symbolic link, which
 *  is never followed, a FIFO or device, which is never waited on, a file
 *  of another user than this one or root, or one over SC_STATEFILE_MAX
 *  bytes), SC_ERROR_MEMORY, or SC_OK. */
sc_error sc_statefile_read(sc_state *state, const char *path, sc_diag *diag);

/** Writes state to path through a temporary file renamed into place
 *  (mode 0640 at most). Returns SC_ERROR_OUTPUT with diag on failure, the
 *  previous file left as it was. */
sc_error sc_statefile_write(const sc_state *state, const char *path,
                        sc_diag *diag);

/** Like sc_statefile_write, but leaves the written state in file's temporary
 *  file for the caller to sc_tempfile_commit (or abort). */
sc_error sc_statefile_prepare(const sc_state *state, const char *path,
                          sc_tempfile *file, sc_diag *diag);

/** Like sc_statefile_prepare, for the state of this run, made as it is
 *  written rather than held: a line for each shown pupil of data
 *  (sc_pupil_shown, sc_state_make_line), in the dataset's order, with the
 *  status of its verdict; the state's date when dated. Returns SC_OK,
 *  SC_ERROR_MEMORY or SC_ERROR_OUTPUT (diag), the temporary file removed
 *  on failure. */
sc_error sc_statefile_prepare_pupils(const sc_dataset *data,
                                     const sc_verdict *verdicts, int dated,
                                     sc_date date, const char *path,
                                     sc_tempfile *file, sc_diag *diag);

#endif /* STAGECHECK_STORE_STATEFILE_H */
