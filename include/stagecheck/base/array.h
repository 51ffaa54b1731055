/*
 * array.h - the growing arrays every module keeps (rows, pupils, entries,
 * anomalies, ...): one way to make room as they grow, one to make it at
 * once when the count is known.
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

/** Makes room for more items at once in *items, which holds count items
 *  of size bytes: an array whose final size is known then holds no more
 *  than that (doubling holds up to twice as many, three times while
 *  realloc copies). Nothing changes when *cap is already enough. Returns
 *  SC_OK, or SC_ERROR_MEMORY with *items and *cap unchanged. */
sc_error sc_array_reserve_exact(void **items, size_t *cap, size_t count,
                                size_t more, size_t size);

#endif /* STAGECHECK_BASE_ARRAY_H */
