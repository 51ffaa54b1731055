/*
 * array.h - the growing arrays every module keeps (rows, pupils, entries,
 * anomalies, ...): one way to make room.
 */
#ifndef STAGECHECK_BASE_ARRAY_H
#define STAGECHECK_BASE_ARRAY_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** Makes room for one more item in *items, which holds count items of size
 *  bytes and has room for *cap: the capacity doubles (16 at first). Returns
 *  SC_OK, or SC_ERROR_MEMORY with *items and *cap unchanged. */
sc_error sc_array_reserve(void **items, size_t *cap, size_t count,
                          size_t size);

#endif /* STAGECHECK_BASE_ARRAY_H */
