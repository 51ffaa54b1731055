/*
 * table.h - what every reader gives: the rows of one input, each with the
 * line (or spreadsheet row) it comes from, fields as UTF-8 text.
 *
 * The CSV reader (csv.c) and the spreadsheet and XML readers fill a table
 * with sc_table_add_row; the header, record and school steps read it
 * whatever the file's format was.
 */
#ifndef STAGECHECK_INPUT_TABLE_H
#define STAGECHECK_INPUT_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/base/error.h"

/** One record. Fields are cleaned (trimmed, ="..." removed). */
typedef struct sc_row {
    unsigned line;   /* 1-based line where the record starts, or the
                        sheet's own row number */
    uint32_t nfields; /* 32 bits: a file of SC_LIMITS_FILE_BYTES has fewer
                         fields, and a row takes 16 bytes, not 24 */
    char **fields;   /* nfields NUL-terminated UTF-8 strings */
} sc_row;

/** The records of an input, blank records left out. */
typedef struct sc_table {
    const char *path;  /* borrowed from the source */
    const char *sheet; /* the sheet read, for messages; NULL for a CSV */
    char sep;          /* the CSV separator; 0 for other formats */
    size_t nrows;
    sc_row *rows;      /* see sc_table_reserve_rows */
    size_t cap;
    struct sc_block *blocks; /* where the fields live; NULL in a view,
                                whose rows point into another table's */
    struct sc_block *cells;  /* where the rows' arrays of fields live, in
                                the rows' order; NULL in a view */
    int borrowed;            /* a view whose rows are another table's own
                                array (sc_table_borrow), not freed with it */
    struct sc_table *owner;  /* that other table, for sc_table_release */
    struct sc_share *share;  /* while it is read: its fields by value,
                                see sc_table_share */
} sc_table;

/** Returns an empty table of path (borrowed), or NULL when out of
 *  memory. The caller frees it with sc_table_free. */
sc_table *sc_table_new(const char *path);

/** Returns size bytes aligned for align (a power of two) from the table's
 *  blocks, freed with the table; NULL when out of memory. */
void *sc_table_alloc(sc_table *table, size_t size, size_t align);

/** Returns a copy of the len bytes at text in the table's blocks,
 *  NUL-terminated and cleaned as a field (sc_text_clean), shared with an
 *  equal field of the table (sc_table_share); NULL when out of memory.
 *  Fields are never written once made. */
char *sc_table_field(sc_table *table, const char *text, size_t len);

/** Returns an equal field of the table read so far, giving back the bytes
 *  of field, or else field itself, now known to the table. field is what
 *  the table's last sc_table_alloc returned, NUL-terminated and final.
 *  A file repeats most of its values (classes, dates, the UAI, yes and
 *  no of signatures, activities pasted down a column): kept once, the
 *  text of an académie takes about a third of its size. */
char *sc_table_share(sc_table *table, char *field);

/** Says the table is read: its index of fields by value (sc_table_share)
 *  is freed. sc_table_free does it too. */
void sc_table_done(sc_table *table);

/** Appends a row of n fields found at line. The fields must come from
 *  sc_table_field (or the table's blocks); the array is copied. A row
 *  whose fields are all empty is left out, as in a CSV. Returns SC_OK or
 *  SC_ERROR_MEMORY. */
sc_error sc_table_add_row(sc_table *table, unsigned line, char **fields,
                          size_t n);

/** Makes room for n rows in table->rows (a view's too), keeping those
 *  there. Row arrays, like fields, live in whole pages left out of the
 *  processes the run forks: a view is filled by hand up to its cap.
 *  Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_table_reserve_rows(sc_table *table, size_t n);

/** Makes view's rows the n rows of table from rows[first] on, borrowed:
 *  the view must be freed before table is, and neither changed but for
 *  rows given back (sc_table_release, through either). A view of every
 *  row of a file costs no copy of them (a million rows: 16 MB, issue
 *  14). */
void sc_table_borrow(sc_table *view, sc_table *table, size_t first,
                     size_t n);

/** Says rows[from .. to - 1] of table are read for the last time: the
 *  memory only they hold is given back, their arrays of fields and the
 *  pages of the row array wholly theirs (their fields' text stays, which a
 *  later row may share). Each of them then reads as a row of no fields.
 *  A view borrowing its rows passes it on to its table; a view of copied
 *  rows, or rows not made by sc_table_add_row, give back nothing. The
 *  record step of a file's last reader calls it as it goes: a million rows
 *  then never weigh 40 MB beside their records (issue 14). */
void sc_table_release(sc_table *table, size_t from, size_t to);

/** Returns 1 if every field of row is blank (sc_text_blank). */
int sc_table_row_blank(const sc_row *row);

/** Frees a table; NULL is fine. */
void sc_table_free(sc_table *table);

#endif /* STAGECHECK_INPUT_TABLE_H */
