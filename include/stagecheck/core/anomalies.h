/*
 * anomalies.h - the list of problems found in the input, shown on the
 * Anomalies sheet and counted in the summary.
 */
#ifndef STAGECHECK_CORE_ANOMALIES_H
#define STAGECHECK_CORE_ANOMALIES_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** What a spreadsheet's rows are named after in messages: "suivi.xlsx",
 *  this, the sheet's name and " »". */
#define SC_ANOMALIES_SHEET_MARK ", feuille « "

/** Writes where a row is into buf (snprintf's return): "FILE:LINE" for a
 *  CSV, as editors read it; "suivi.xlsx, feuille « Suivi », ligne 12" for
 *  a sheet, as the secretary looks for it. */
int sc_anomalies_where(char *buf, size_t size, const char *file,
                       unsigned line);

/** How serious an anomaly is. Errors and warnings count as findings (exit 1);
 *  notes (rows left out by --classes) do not. */
typedef enum sc_severity {
    SC_SEVERITY_ERROR,
    SC_SEVERITY_WARNING,
    SC_SEVERITY_NOTE
} sc_severity;

/** Returns the French label: "Erreur", "Attention", "Information". */
const char *sc_anomalies_severity_label(sc_severity severity);

typedef struct sc_anomaly {
    sc_severity severity;
    char *file;       /* as given by the user */
    unsigned line;    /* 1-based, header included; 0 when none */
    char *class_name; /* may be "" */
    char *pupil;      /* "NOM Prénom", may be "" */
    char *message;    /* French */
    char *column;     /* the faulty column's title, or NULL */
} sc_anomaly;

typedef struct sc_anomalies {
    sc_anomaly *items;
    size_t count;
    size_t cap;
} sc_anomalies;

/** Appends an anomaly (strings are copied; NULL is taken as "").
 *  Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_anomalies_add(sc_anomalies *list, sc_severity severity,
                          const char *file, unsigned line,
                          const char *class_name, const char *pupil,
                          const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/** Appends every anomaly of from to list, in order, and empties from.
 *  Returns SC_OK, or SC_ERROR_MEMORY with both lists as they were. */
sc_error sc_anomalies_move(sc_anomalies *list, sc_anomalies *from);

/** Names the column at fault in the last anomaly added (copied; NULL
 *  takes none). Returns SC_OK, or SC_ERROR_MEMORY with none named. */
sc_error sc_anomalies_set_column(sc_anomalies *list, const char *column);

/** Number of anomalies that are errors or warnings. */
size_t sc_anomalies_findings(const sc_anomalies *list);

/** Sorts by file, in the order of files (names not in it come last), then
 *  by line; anomalies of the same place keep their order. Returns SC_OK,
 *  or SC_ERROR_MEMORY with the list as it was. */
sc_error sc_anomalies_sort(sc_anomalies *list, const char *const *files,
                           size_t nfiles);

/** Frees the items and empties the list; NULL is fine. */
void sc_anomalies_clear(sc_anomalies *list);

#endif /* STAGECHECK_CORE_ANOMALIES_H */
