/*
 * run.h - the pipeline of one run: plan the schools, load the inputs,
 * check each school, write the workbooks a batch at a time, commit them.
 */
#ifndef STAGECHECK_RUN_H
#define STAGECHECK_RUN_H

#include "stagecheck/base/error.h"
#include "stagecheck/settings/settings.h"
#include "stagecheck/summary.h"

/** One run, from its inputs to its workbooks in place. */
typedef struct sc_run sc_run;

/** Runs the pipeline over settings (finished by sc_settings_finish; they
 *  must outlive the run). Returns SC_OK once every workbook is in place,
 *  or the error that stopped the run with diag saying why in French. *out
 *  is set either way (NULL only when memory ran out at once): the caller
 *  frees it with sc_run_free. */
sc_error sc_run_execute(const sc_settings *settings, sc_run **out,
                        sc_diag *diag);

/** Returns what a run that succeeded shows (sc_summary_print); it lives
 *  as long as the run. */
const sc_summary *sc_run_summary(const sc_run *run);

/** Frees the run, removing any temporary file it left; NULL is fine. */
void sc_run_free(sc_run *run);

#endif /* STAGECHECK_RUN_H */
