/*
 * xls.h - an .xls workbook (Excel 97-2003, BIFF in an OLE compound file),
 * read with libfreexl.
 *
 * For spreadsheet.c; other modules go through spreadsheet.h.
 */
#ifndef STAGECHECK_INPUT_XLS_H
#define STAGECHECK_INPUT_XLS_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/input/sheetcells.h"

typedef struct sc_xls sc_xls;

/** Opens the .xls at path and lists its sheets into sheets (which the
 *  caller frees with sc_sheetcells_sheets_clear; freexl does not tell hidden
 *  ones). Returns SC_OK and *out, SC_ERROR_MEMORY, or SC_ERROR_FILE_OPEN /
 *  SC_ERROR_FILE_READ (freexl refuses it, or it is protected by a
 *  password) with diag filled. */
sc_error sc_xls_open(const char *path, sc_sheetcells_sheets *sheets,
                     sc_xls **out, sc_diag *diag);

/** Reads sheet i into cells (sc_sheetcells_init'ed on the sheet's table).
 *  Returns SC_OK, SC_ERROR_MEMORY or SC_ERROR_FILE_READ with diag filled. */
sc_error sc_xls_read(sc_xls *book, size_t i, sc_sheetcells *cells, sc_diag *diag);

/** Frees book; NULL is fine. */
void sc_xls_free(sc_xls *book);

#endif /* STAGECHECK_INPUT_XLS_H */
