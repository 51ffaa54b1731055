/*
 * model.h - what a school's workbook shows, before any cell is written:
 * the shown pupils gathered into classes sorted by name, each class's
 * pupils sorted, the class sheets' names, the tallies, and where the
 * optional columns go. Internal to the workbook layer; built without
 * libxlsxwriter, so that it is tested in C (tests/workbook/test_model.c).
 */
#ifndef STAGECHECK_WORKBOOK_MODEL_H
#define STAGECHECK_WORKBOOK_MODEL_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/tally.h"
#include "stagecheck/workbook/report.h"
#include "stagecheck/workbook/sheetname.h"

/* The fixed columns of each sheet, around the optional ones. */
#define SC_MODEL_SUMMARY_COLS (3 + SC_STATUS_COUNT) /* Classe, Effectif, one
                                                       per status, % */
#define SC_MODEL_CLASS_LEAD 5  /* Nom, Prénom, INE, Né(e) le, Statut; then
                                  the optional Statut précédent and Retard */
#define SC_MODEL_PLACE_COLS 5  /* structure, type, commune / pays, du, au */
#define SC_MODEL_CLASS_TAIL 4  /* Dispense, À faire, Jours à accueillir,
                                  Lignes d'origine */
#define SC_MODEL_HOSTED_LEAD 4 /* Classe, Nom, Prénom, Motif; then the
                                  optional Retard */

/* One pupil shown on the class sheets. */
typedef struct sc_model_line {
    const sc_pupil *pupil;
    size_t index;      /* in data->pupils and report->verdicts */
    size_t cls;        /* in model->classes */
    char *surname;     /* sc_text_fold forms, to sort by */
    char *first;
    sc_status status;  /* the verdict's, SC_STATUS_CHECK when out of range */
    int late;          /* past the deadline and neither ready nor dispensed */
} sc_model_line;

/* One class sheet. */
typedef struct sc_model_class {
    const char *key;         /* the pupils' class_key */
    const char *name;        /* the first class_name seen */
    size_t first;            /* its pupils: lines[first .. first +
                                tally.pupils - 1] */
    size_t nplaces;          /* place column groups, at least 1 */
    sc_tally tally;
    char sheet[SC_SHEETNAME_SIZE];
} sc_model_class;

/* Where the optional columns go: 0 when absent (column 0 is never
 * optional), so that a report without deadline or previous run gets the
 * sheets it always had; and where the columns after them start. */
typedef struct sc_model_columns {
    unsigned summary_late;    /* Synthèse: En retard */
    unsigned summary_cols;    /* Synthèse: all its columns */
    unsigned class_previous;  /* class sheets: Statut précédent */
    unsigned class_late;      /* class sheets: Retard */
    unsigned class_places;    /* class sheets: Lieu 1 */
    unsigned hosted_late;     /* Accueil établissement: Retard */
    unsigned hosted_days;     /* Accueil établissement: the first day */
} sc_model_columns;

/* A school's workbook. The report is borrowed; the rest is owned. */
typedef struct sc_model {
    const sc_report *report;
    sc_model_line *lines;     /* by class, then by name */
    size_t nlines;
    sc_model_class *classes;  /* by name, "2nde 2" before "2nde 10" */
    size_t nclasses;
    sc_tally total;           /* every class's tally, summed */
    sc_model_columns columns;
    size_t *line_of;          /* per pupil of report->data: its index in
                                 lines, SIZE_MAX when not shown */
} sc_model;

/** Builds the model of report's workbook into model. Returns SC_OK or
 *  SC_ERROR_MEMORY; either way the caller frees it with sc_model_free. */
sc_error sc_model_build(sc_model *model, const sc_report *report);

/** Frees what sc_model_build made; accepts a zeroed or half-built model. */
void sc_model_free(sc_model *model);

/** Sets *begin and *end to the entries of pupil p, as indexes into
 *  report->links->items (none without links). */
void sc_model_entries(const sc_report *report, size_t p, size_t *begin,
                      size_t *end);

/** Returns the line of pupil p (an index into report->data->pupils), or
 *  NULL when p is not shown. */
const sc_model_line *sc_model_line_of(const sc_model *model, size_t p);

/** Returns the row of line on its class sheet, 0-based under the header
 *  at row 0: the links of Relances and Anomalies point at it. */
size_t sc_model_class_row(const sc_model *model, const sc_model_line *line);

/** Returns the columns of a class sheet of k's places. */
size_t sc_model_class_cols(const sc_model *model, const sc_model_class *k);

#endif /* STAGECHECK_WORKBOOK_MODEL_H */
