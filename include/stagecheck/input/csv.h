/*
 * csv.h - a decoded source parsed into a table of rows (libcsv).
 */
#ifndef STAGECHECK_INPUT_CSV_H
#define STAGECHECK_INPUT_CSV_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/input/source.h"

/** One CSV record. Fields are cleaned (trimmed, ="..." removed). */
typedef struct sc_row {
    unsigned line;   /* 1-based line where the record starts */
    size_t nfields;
    char **fields;   /* nfields NUL-terminated UTF-8 strings */
} sc_row;

/** The records of a source, blank records left out. */
typedef struct sc_table {
    const char *path;  /* borrowed from the source */
    char sep;
    size_t nrows;
    sc_row *rows;
    size_t cap;
    struct sc_block *blocks; /* where the fields and their arrays live;
                                NULL in a view, whose rows point into
                                another table's blocks */
} sc_table;

/** Parses source with sep. Returns SC_ERROR_CSV_QUOTE (diag names the line
 *  where the unclosed field starts), SC_ERROR_MEMORY, or SC_OK and *out,
 *  which the caller frees with sc_csv_free (before the source). */
sc_error sc_csv_parse(const sc_source *source, char sep, sc_table **out,
                        sc_diag *diag);

/** Returns 1 if every field of row is blank (sc_text_blank). */
int sc_csv_row_blank(const sc_row *row);

/** Frees a table; NULL is fine. */
void sc_csv_free(sc_table *table);

#endif /* STAGECHECK_INPUT_CSV_H */
