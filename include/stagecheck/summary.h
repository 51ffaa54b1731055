/*
 * summary.h - everything stagecheck prints: the summary of a finished run
 * on stdout (cron-mail sized), its anomalies on stderr as FILE:LINE:, the
 * messages of a run that stops, and the exit status each implies.
 */
#ifndef STAGECHECK_SUMMARY_H
#define STAGECHECK_SUMMARY_H

#include <stddef.h>
#include <stdio.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/period.h"
#include "stagecheck/core/tally.h"

/** Exit statuses, as documented in README and the man page. */
enum {
    SC_EXIT_CLEAN = 0,    /* written; everyone Prêt or Dispensé, no anomaly */
    SC_EXIT_FINDINGS = 1, /* written, with findings */
    SC_EXIT_ERROR = 2     /* usage or input error: nothing written */
};

/** Where a run is, for the progress line of a terminal. */
typedef struct sc_progress {
    int enabled;                  /* stderr is a terminal, and no -q */
    double start;                 /* seconds, monotonic clock */
    double shown;                 /* when the line was last drawn, or 0 */
    unsigned phase;               /* the steps over when it was drawn */
    size_t read, files;           /* input files read, of files */
    size_t checked, schools;      /* schools checked, of schools */
    size_t written, books;        /* workbooks written, of books */
} sc_progress;

/** Starts p: enabled when err is a terminal and quiet is 0. */
void sc_progress_start(sc_progress *p, FILE *err, int quiet);

/** Draws p's line on stderr, in place, once the run has lasted a second
 *  (at most ten times a second, but always when a step ends: every file
 *  read, the schools known, every school checked, every workbook
 *  written); with done, erases it for good. Nothing
 *  when p is not enabled. */
void sc_summary_progress(sc_progress *p, int done);

/** One workbook written. Nothing is owned. */
typedef struct sc_summary_book {
    const char *path;
    sc_tally tally;               /* its pupils and findings */
    int has_previous;             /* a previous run's state was read */
    size_t changes;               /* changes since it, with has_previous */
} sc_summary_book;

/** One input file read, and what it was taken for. Nothing is owned. */
typedef struct sc_summary_file {
    const char *path;             /* with its sheet, for a workbook */
    sc_kind kind;
    const char *format;           /* "CSV Windows-1252, séparateur « ; »" */
    const char *why;              /* French */
    size_t rows;                  /* rows below the header */
} sc_summary_file;

/** What a finished run shows. Nothing is owned. */
typedef struct sc_summary {
    const sc_period *period;
    sc_date as_of;
    int has_deadline;
    sc_date deadline;
    const sc_summary_book *books; /* with --by-school, one per school; else
                                     the one workbook */
    size_t nbooks;
    const char *academie;         /* academie.xlsx with --by-school, or
                                     NULL */
    const sc_summary_file *files; /* every file read, in order */
    size_t nfiles;
    int detected;                 /* some kinds were told from content:
                                     the summary lists the files */
    sc_tally total;               /* every book's, and with --by-school the
                                     findings that belong to no school */
    const sc_anomalies *anomalies; /* listed on stderr: the workbook's, or
                                      with --by-school those of no school */
} sc_summary;

/** Prints the summary on out, then the anomalies that are findings on err
 *  ("FILE:LINE: pupil : message"). */
void sc_summary_print(const sc_summary *summary, FILE *out, FILE *err);

/** Returns the exit status the run implies: SC_EXIT_CLEAN when nothing is
 *  left to do (sc_tally_clean), else SC_EXIT_FINDINGS. */
int sc_summary_status(const sc_summary *summary);

/** Prints "stagecheck VERSION" (--version). */
void sc_summary_version(FILE *out);

/** Prints why the run stopped, as "FILE:LINE: message" (or "FILE:" or
 *  "stagecheck:" when diag names no file), then, with hint, the way to the
 *  help (a mistake on the command line), else that no workbook was
 *  written. Returns SC_EXIT_ERROR. */
int sc_summary_failure(FILE *err, const sc_diag *diag, sc_error error,
                       int hint);

/** Prints a problem the run goes on after, as "FILE: message
 *  (consequence)": file when diag names none, and the message of error
 *  when diag has none. */
void sc_summary_warning(FILE *err, const sc_diag *diag, sc_error error,
                        const char *file, const char *consequence);

#endif /* STAGECHECK_SUMMARY_H */
