/*
 * strset.h - a set of strings, each kept once: the À faire that thousands
 * of pupils share, the workbook names given in a folder. The strings are
 * the set's copies, in its arena.
 */
#ifndef STAGECHECK_BASE_STRSET_H
#define STAGECHECK_BASE_STRSET_H

#include <stddef.h>
#include "stagecheck/base/arena.h"

/* Zeroed, an empty set. */
typedef struct sc_strset {
    const char **slots;  /* open addressing, NULL for an empty slot */
    size_t count;
    size_t cap;          /* slots: a power of two, 0 before the first */
    sc_arena strings;
} sc_strset;

/** Returns the set's copy of s, or NULL when the set does not hold s. */
const char *sc_strset_find(const sc_strset *set, const char *s);

/** Returns the set's copy of s, made now if the set did not hold s; NULL
 *  when out of memory, the set left as it was. */
const char *sc_strset_add(sc_strset *set, const char *s);

/** Frees the set and every string it holds; a zeroed set is fine. */
void sc_strset_clear(sc_strset *set);

#endif /* STAGECHECK_BASE_STRSET_H */
