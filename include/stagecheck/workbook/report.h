/*
 * report.h - what the run hands the workbook layer: a school's report
 * (sc_report), the académie's figures (sc_academie, sc_school_tally), and
 * the jobs of a batch that writer.h writes (sc_book_job). The layer's
 * other headers are internal to it: model.h, sheetname.h, book.h,
 * cells.h, formats.h and one sheet_<name>.h per sheet.
 */
#ifndef STAGECHECK_WORKBOOK_REPORT_H
#define STAGECHECK_WORKBOOK_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/core/anomalies.h"
#include "stagecheck/base/date.h"
#include "stagecheck/core/match.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/state.h"
#include "stagecheck/store/tempfile.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/tally.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/check.h"
#include "stagecheck/core/period.h"

/** Everything the workbook shows. Nothing is owned. */
typedef struct sc_report {
    const sc_period *period;
    sc_date as_of;
    const sc_dataset *data;
    const sc_links *links;
    const sc_verdict *verdicts;   /* one per pupil, meaningful for pupils that
                                     are selected and not duplicates */
    const sc_strset *todos;       /* the verdicts' À faire (sc_check_todo) */
    const uint64_t *hosted;       /* their days hosted (sc_check_hosted) */
    const sc_anomalies *anomalies;
    int has_deadline;             /* --deadline given */
    sc_date deadline;
    const int8_t *previous;       /* per pupil: the previous run's status, or
                                     -1; NULL when there was no previous run */
    const sc_changes *changes;    /* set with previous, NULL without */
    int previous_dated;           /* the previous run's date is known */
    sc_date previous_date;        /* its reference date, if known */
    const char *school;           /* "UAI — name" when the inputs give it,
                                     or NULL */
} sc_report;

/** One school's figures, for the académie workbook. Nothing is owned. */
typedef struct sc_school_tally {
    const char *uai;
    const char *name;             /* may be NULL */
    const char *workbook;         /* its workbook's file name */
    sc_tally counts;
} sc_school_tally;

/** What academie.xlsx shows. Nothing is owned. */
typedef struct sc_academie {
    const sc_period *period;
    sc_date as_of;
    int has_deadline;
    sc_date deadline;
    const sc_school_tally *schools; /* sorted by UAI */
    size_t nschools;
    const sc_anomalies *anomalies;  /* what belongs to no school: rows
                                       without UAI, unreadable bytes */
} sc_academie;

/** One workbook of a batch: a school's (report) or academie.xlsx
 *  (academie, report NULL). Nothing is owned but file. */
typedef struct sc_book_job {
    const sc_report *report;
    const sc_academie *academie;
    const char *path;
    sc_tempfile file;            /* set by sc_writer_prepare_batch */
} sc_book_job;

#endif /* STAGECHECK_WORKBOOK_REPORT_H */
