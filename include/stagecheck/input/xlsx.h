/*
 * xlsx.h - an .xlsx workbook (Office Open XML): xl/workbook.xml, its
 * relationships, shared strings and styles, then one sheet's XML,
 * streamed.
 *
 * For spreadsheet.c; other modules go through spreadsheet.h.
 */
#ifndef STAGECHECK_INPUT_XLSX_H
#define STAGECHECK_INPUT_XLSX_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/input/archive.h"
#include "stagecheck/input/sheetcells.h"

typedef struct sc_xlsx sc_xlsx;

/** Lists the sheets of the workbook in archive into sheets (which the
 *  caller frees with sc_sheetcells_sheets_clear); *out takes archive (it is
 *  freed with it, and on failure). Returns SC_OK, SC_ERROR_MEMORY or
 *  SC_ERROR_FILE_READ with diag filled. */
sc_error sc_xlsx_open(sc_archive *archive, sc_sheetcells_sheets *sheets,
                      sc_xlsx **out, sc_diag *diag);

/** Reads sheet i into cells (sc_sheetcells_init'ed on the sheet's table).
 *  Returns SC_OK, SC_ERROR_MEMORY or SC_ERROR_FILE_READ with diag filled. */
sc_error sc_xlsx_read(sc_xlsx *book, size_t i, sc_sheetcells *cells,
                        sc_diag *diag);

/** Frees book and its archive; NULL is fine. */
void sc_xlsx_free(sc_xlsx *book);

#endif /* STAGECHECK_INPUT_XLSX_H */
