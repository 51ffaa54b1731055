/*
 * ods.h - an .ods workbook (OpenDocument): content.xml streamed once to
 * list the tables, once more for each table read.
 *
 * For spreadsheet.c; other modules go through spreadsheet.h.
 */
#ifndef STAGECHECK_INPUT_ODS_H
#define STAGECHECK_INPUT_ODS_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/input/archive.h"
#include "stagecheck/input/sheetcells.h"

typedef struct sc_ods sc_ods;

/** Lists the sheets of the workbook in archive into sheets (which the
 *  caller frees with sc_sheetcells_sheets_clear); *out takes archive (it is
 *  freed with it, and on failure). Returns SC_OK, SC_ERROR_MEMORY or
 *  SC_ERROR_FILE_READ with diag filled. */
sc_error sc_ods_open(sc_archive *archive, sc_sheetcells_sheets *sheets,
                     sc_ods **out, sc_diag *diag);

/** Reads sheet i into cells (sc_sheetcells_init'ed on the sheet's table).
 *  Returns SC_OK, SC_ERROR_MEMORY or SC_ERROR_FILE_READ with diag filled. */
sc_error sc_ods_read(sc_ods *book, size_t i, sc_sheetcells *cells,
                     sc_diag *diag);

/** Frees book and its archive; NULL is fine. */
void sc_ods_free(sc_ods *book);

#endif /* STAGECHECK_INPUT_ODS_H */
