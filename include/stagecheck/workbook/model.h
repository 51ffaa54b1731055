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
#include <stdint.h>
#include "stagecheck/base/error.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/period.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/tally.h"
#include "stagecheck/workbook/report.h"
#include "stagecheck/workbook/sheetname.h"

/* The fixed columns of each sheet, around the optional ones. */
#define SC_MODEL_SUMMARY_COLS (3 + SC_STATUS_COUNT) /* Classe, Effectif, one
                                                       per status, % */
/* A class sheet reads left to right in the order a person asks: who,
 * what status, what to do, how many days to host; then the optional
 * Statut précédent and Retard, Dispense, and the places. The technical
 * columns come last, folded and not printed. */
#define SC_MODEL_CLASS_LEAD 6  /* Nom, Prénom, Statut, À faire, Jours à
                                  accueillir, Dates à accueillir */
#define SC_MODEL_PLACE_COLS 4  /* structure, commune / pays, du, au */
#define SC_MODEL_CLASS_TECH 3  /* INE, Né(e) le, then one type per place,
                                  then Lignes d'origine */
#define SC_MODEL_HOSTED_LEAD 4 /* Classe, Nom, Prénom, Motif; then the
                                  optional Retard */

/* The bits of a line's class: a model of more classes is refused. */
#define SC_MODEL_CLASS_BITS 27
#define SC_MODEL_CLASSES_MAX ((size_t)1 << SC_MODEL_CLASS_BITS)

/* One pupil shown on the class sheets: 8 bytes, since a model holds one
 * for every pupil (a million pupils: 8 MB, 32 MB when the line was 32
 * bytes). Its pupil is sc_model_pupil's; the folded names it is sorted by
 * are the build's only. */
typedef struct sc_model_line {
    uint32_t index;        /* in data->pupils and report->verdicts */
    unsigned cls : SC_MODEL_CLASS_BITS; /* in model->classes */
    unsigned status : 4;   /* an sc_status: the verdict's, SC_STATUS_CHECK
                              when out of range */
    unsigned late : 1;     /* past the deadline and neither ready nor
                              dispensed */
} sc_model_line;

_Static_assert(sizeof(sc_model_line) == 8, "a model line is 8 bytes");
_Static_assert(SC_STATUS_COUNT <= 16, "a status takes 4 bits");

/* One class sheet. */
typedef struct sc_model_class {
    const char *key;         /* the pupils' class_key */
    const char *name;        /* the first class_name seen */
    size_t first;            /* its pupils: lines[first .. first +
                                tally.pupils - 1] */
    size_t nplaces;          /* places of its pupil with the most, at
                                least 1 */
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
    unsigned class_dispense;  /* class sheets: Dispense */
    unsigned class_places;    /* class sheets: Lieu 1 */
    unsigned class_tech;      /* class sheets: INE, the first technical
                                 column (after every class's places) */
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
    size_t nplaces;           /* place column groups of every class sheet:
                                 the most any class needs, so that every
                                 class sheet has the same columns */
    sc_tally total;           /* every class's tally, summed */
    size_t hosted_on[SC_PERIOD_MAX_DAYS]; /* pupils hosted in school on
                                             each day of the period */
    sc_model_columns columns;
} sc_model;

/** Builds the model of report's workbook into model. Returns SC_OK or
 *  SC_ERROR_MEMORY (also for a school of 2^32 - 1 pupils or more, or of
 *  more than SC_MODEL_CLASSES_MAX classes); either way the caller frees it
 *  with sc_model_free. */
sc_error sc_model_build(sc_model *model, const sc_report *report);

/** Frees what sc_model_build made; accepts a zeroed or half-built model. */
void sc_model_free(sc_model *model);

/** Sets *begin and *end to the entries of pupil p, as indexes into
 *  report->links->items (none without links). */
void sc_model_entries(const sc_report *report, size_t p, size_t *begin,
                      size_t *end);

/** Returns the pupil line shows. */
static inline const sc_pupil *sc_model_pupil(const sc_model *model,
                                             const sc_model_line *line)
{
    return &model->report->data->pupils[line->index];
}

/** Returns the row of line on its class sheet, 0-based under the header
 *  at row 0: the links of Relances and Anomalies point at it. */
size_t sc_model_class_row(const sc_model *model, const sc_model_line *line);


/** Returns the columns of every class sheet. */
size_t sc_model_class_cols(const sc_model *model);

#endif /* STAGECHECK_WORKBOOK_MODEL_H */
