/*
 * csv.h - a decoded source parsed into a table of rows (libcsv).
 */
#ifndef STAGECHECK_INPUT_CSV_H
#define STAGECHECK_INPUT_CSV_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/input/source.h"
#include "stagecheck/input/table.h"

/** Parses source with sep. Returns SC_ERROR_CSV_QUOTE (diag names the line
 *  where the unclosed field starts), SC_ERROR_MEMORY, or SC_OK and *out,
 *  which the caller frees with sc_table_free (before the source). */
sc_error sc_csv_parse(const sc_source *source, char sep, sc_table **out,
                        sc_diag *diag);

#endif /* STAGECHECK_INPUT_CSV_H */
