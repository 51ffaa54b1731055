/*
 * writer.h - writing workbooks: every libxlsxwriter call runs in a child
 * process, so that its crashes and leaks end in a clean error; each
 * workbook goes to a temporary file beside its path, for the run to rename
 * once all are ready.
 */
#ifndef STAGECHECK_WORKBOOK_WRITER_H
#define STAGECHECK_WORKBOOK_WRITER_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/workbook/report.h"

/** Writes each workbook of jobs (a school's: Synthèse, one sheet per
 *  class, Accueil établissement, Changements after a previous run and
 *  Anomalies; the académie's with one row per school, totals, a chart and
 *  the anomalies no school owns) into a temporary file beside its path,
 *  created without permission for others, all of them from one child
 *  process (libxlsxwriter's crashes and leaks stay there; one fork serves
 *  many workbooks), and waits for it. Returns SC_OK with every jobs[i].file for the caller to
 *  sc_tempfile_commit once every file of the run is ready, or an error with
 *  diag naming the workbook and no temporary file left. */
sc_error sc_writer_prepare_batch(sc_book_job *jobs, size_t n, sc_diag *diag);

/** A batch being written by its child process. */
typedef struct sc_writer sc_writer;

/** Starts writing the workbooks of jobs as sc_writer_prepare_batch does,
 *  and returns once the child runs: the caller goes on (checks the next
 *  schools, starts other batches) and calls sc_writer_finish, or
 *  sc_writer_cancel, once for *out. What jobs' reports point to may be
 *  freed at once (the child has its copy); jobs itself stays until then.
 *  On error nothing is left running, no temporary file, and diag says
 *  why. */
sc_error sc_writer_start(sc_book_job *jobs, size_t n, sc_writer **out,
                         sc_diag *diag);

/** Waits for the batch w: SC_OK with every jobs[i].file ready for
 *  sc_tempfile_commit, or an error with diag naming the workbook and the
 *  batch's temporary files removed. Frees w either way. */
sc_error sc_writer_finish(sc_writer *w, sc_diag *diag);

/** Waits until one of the n batches ws (n > 0) has ended, and returns its
 *  index, for sc_writer_finish to take it without waiting: under -j N
 *  the next batch starts in the place of whichever ends first. Returns 0
 *  when it cannot tell. */
size_t sc_writer_first_done(sc_writer *const *ws, size_t n);

/** Ends the batch w at once (its child is killed), removes its temporary
 *  files and frees w; NULL is fine. */
void sc_writer_cancel(sc_writer *w);

/* Test-only: one school's workbook written and renamed into place at once
 * (the run writes batches and renames them together). */
/** Writes the workbook to path through a temporary file in the same folder,
 *  created without permission for others and renamed into place on success
 *  (mode 0640 at most). On failure the temporary file is removed, any
 *  existing workbook is left as it was, and diag says why. */
sc_error sc_writer_write(const sc_report *report, const char *path,
                         sc_diag *diag);

#endif /* STAGECHECK_WORKBOOK_WRITER_H */
