/*
 * sheetcells.h - what the spreadsheet readers (xlsx.c, ods.c, xls.c) share: a
 * sheet's cells turned into table rows, and cell values turned into the
 * text the rest of stagecheck parses.
 *
 * Not for other modules: they go through spreadsheet.h.
 */
#ifndef STAGECHECK_INPUT_SHEETCELLS_H
#define STAGECHECK_INPUT_SHEETCELLS_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/input/table.h"

/* Excel's (and LibreOffice's) largest sheet: a cell beyond is a broken
 * or hostile file, not a tracking sheet. */
#define SC_SHEETCELLS_MAX_ROWS 1048576u
#define SC_SHEETCELLS_MAX_COLUMNS 16384u
/* Fields one sheet may give in all: an .ods repeats a cell or a row by
 * a count, and a few bytes must not become gigabytes. */
#define SC_SHEETCELLS_MAX_FIELDS ((size_t)16 * 1024 * 1024)

/** A cell: 1-based row and column (A = 1). */
typedef struct sc_sheetcells_ref {
    unsigned row;
    unsigned column;
} sc_sheetcells_ref;

/** The row being built and the sheet's table. */
typedef struct sc_sheetcells {
    sc_table *table;
    char **fields;     /* the row's fields, columns 1..nfields */
    size_t nfields;
    size_t cap;
    char *empty;       /* the one empty field gaps point at */
    size_t total;      /* fields given to the table so far */
    sc_sheetcells_ref *uncached; /* formulas with no computed value */
    size_t nuncached;
    size_t uncached_cap;
} sc_sheetcells;

/** Starts building rows into table (whose path and sheet name the
 *  messages use). Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_sheetcells_init(sc_sheetcells *cells, sc_table *table);

/** Sets column (1-based) of the current row to the len bytes of UTF-8 at
 *  text (a CR before LF dropped, another CR made LF; cleaned as a field).
 *  Columns left out in between are empty. Returns SC_OK,
 *  SC_ERROR_MEMORY, or SC_ERROR_FILE_READ with diag filled when the sheet
 *  exceeds the limits above. */
sc_error sc_sheetcells_set(sc_sheetcells *cells, unsigned column, const char *text,
                      size_t len, sc_diag *diag);

/** Appends the current row as the sheet's rows line .. line + count - 1
 *  (an .ods repeats identical rows; they share their fields), left out if
 *  empty, and starts the next. Returns SC_OK, SC_ERROR_MEMORY or
 *  SC_ERROR_FILE_READ (limits, diag filled). */
sc_error sc_sheetcells_end_row(sc_sheetcells *cells, unsigned line, unsigned count,
                          sc_diag *diag);

/** Forgets the current row's fields without adding them. */
void sc_sheetcells_drop_row(sc_sheetcells *cells);

/** Records a formula cell that holds no computed value. Returns SC_OK or
 *  SC_ERROR_MEMORY. */
sc_error sc_sheetcells_uncached(sc_sheetcells *cells, unsigned row, unsigned column);

/** Fills diag with "feuille « NAME » : " and the message, for the
 *  table's file, at line (0 when none); returns err. */
sc_error sc_sheetcells_fail(const sc_sheetcells *cells, sc_error err, unsigned line,
                       sc_diag *diag, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/** Fills diag with the message for a file saved with a password (all
 *  formats say it alike); returns SC_ERROR_FILE_READ. */
sc_error sc_sheetcells_refuse_password(const char *path, sc_diag *diag);

/** Frees what cells holds (not the table) and zeroes it. */
void sc_sheetcells_clear(sc_sheetcells *cells);

/* ---- Sheet lists ------------------------------------------------------- */

/** One sheet of a workbook, as its reader lists it. */
typedef struct sc_sheetcells_sheet {
    char *name;  /* UTF-8 */
    int hidden;
} sc_sheetcells_sheet;

/** A workbook's sheets, in the workbook's order. */
typedef struct sc_sheetcells_sheets {
    sc_sheetcells_sheet *items;
    size_t count;
    size_t cap;
} sc_sheetcells_sheets;

/** Appends a sheet (name copied). Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_sheetcells_sheets_add(sc_sheetcells_sheets *sheets, const char *name,
                             int hidden);

/** Frees the list and zeroes it. */
void sc_sheetcells_sheets_clear(sc_sheetcells_sheets *sheets);

/* ---- Values ------------------------------------------------------------ */

/** Writes a number as stagecheck reads it: a whole number below 2^53 with
 *  all its digits and no ".0" (an INE or a SIRET typed as a number),
 *  others as %.15g. buf holds 32 bytes. */
void sc_sheetcells_number(double value, char buf[32]);

/** Writes the date of a spreadsheet serial number (days since 1899-12-30
 *  in the 1900 system, with Excel's 1900-02-29, or since 1904-01-01 when
 *  date1904) as JJ/MM/AAAA, the time of day dropped. Returns 0, or -1
 *  (buf untouched) when serial is no date (below 1 in the 1900 system,
 *  negative, past 9999). */
int sc_sheetcells_serial_date(double serial, int date1904, char buf[11]);

/** Writes the date of an ISO 8601 text ("2024-06-17", a time after it
 *  allowed) as JJ/MM/AAAA. Returns 0, or -1 when text is no such date. */
int sc_sheetcells_iso_date(const char *text, char buf[11]);

/** Writes the letters of column (1 = "A", 28 = "AB") into buf of 8
 *  bytes. */
void sc_sheetcells_column_name(unsigned column, char buf[8]);

/** Returns the column of the letters at *text (A = 1) and moves *text
 *  past them; 0 when there are none or the column exceeds
 *  SC_SHEETCELLS_MAX_COLUMNS. */
unsigned sc_sheetcells_column_parse(const char **text);

#endif /* STAGECHECK_INPUT_SHEETCELLS_H */
