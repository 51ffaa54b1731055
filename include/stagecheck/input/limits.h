/*
 * limits.h - the bounds of one input file, whatever its format: its size
 * and its rows. Generous (a national roll of 600,000 pupils is about
 * 100 MB and 600,000 rows), they turn /dev/zero, a FIFO that never ends
 * or a runaway export into a message that names the file, before memory
 * runs out. README's « Limites » states them.
 */
#ifndef STAGECHECK_INPUT_LIMITS_H
#define STAGECHECK_INPUT_LIMITS_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** The most bytes an input file may hold (512 Mio), read or, for a
 *  spreadsheet's XML part, uncompressed. */
#define SC_LIMITS_FILE_BYTES ((size_t)512 * 1024 * 1024)

/** The most rows an input file (or one sheet of it) may hold. */
#define SC_LIMITS_ROWS ((size_t)2000000)

/** Returns SC_OK if bytes is within SC_LIMITS_FILE_BYTES, else
 *  SC_ERROR_FILE_READ with diag naming path. Readers call it before
 *  reading (the size stat gives) and while reading (what came so far). */
sc_error sc_limits_check_bytes(const char *path, size_t bytes, sc_diag *diag);

/** Returns SC_OK if rows is within SC_LIMITS_ROWS, else
 *  SC_ERROR_FILE_READ with diag naming path and line, where the first row
 *  past the limit starts. */
sc_error sc_limits_check_rows(const char *path, size_t rows, unsigned line,
                              sc_diag *diag);

#endif /* STAGECHECK_INPUT_LIMITS_H */
