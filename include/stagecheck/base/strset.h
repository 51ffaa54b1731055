/*
 * strset.h - a set of strings, each kept once and numbered in the order
 * it was first added: the À faire that thousands of pupils share (a
 * verdict keeps its number), the classes of a school's pupils, the
 * workbook names given in a folder. The strings are the set's copies, in
 * its arena.
 */
#ifndef STAGECHECK_BASE_STRSET_H
#define STAGECHECK_BASE_STRSET_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/base/arena.h"

/** What sc_strset_add_index returns when out of memory. */
#define SC_STRSET_NONE ((size_t)-1)

/* Zeroed, an empty set. */
typedef struct sc_strset {
    uint32_t *slots;     /* open addressing: 1 + a string's number, 0 for
                            an empty slot */
    const char **items;  /* the strings, by number */
    size_t count;
    size_t cap;          /* slots: a power of two, 0 before the first */
    size_t items_cap;
    sc_arena strings;
} sc_strset;

/** Returns the set's copy of s, or NULL when the set does not hold s. */
const char *sc_strset_find(const sc_strset *set, const char *s);

/** Returns the set's copy of s, made now if the set did not hold s; NULL
 *  when out of memory, the set left as it was. */
const char *sc_strset_add(sc_strset *set, const char *s);

/** Returns the number of s in the set (0 for the first string added, then
 *  1, …), adding s if the set did not hold it; SC_STRSET_NONE when out of
 *  memory or when the set holds UINT32_MAX - 1 strings, the set left as
 *  it was. */
size_t sc_strset_add_index(sc_strset *set, const char *s);

/** Returns the string numbered i, or NULL when i >= set->count. */
const char *sc_strset_at(const sc_strset *set, size_t i);

/** Frees the set and every string it holds; a zeroed set is fine. */
void sc_strset_clear(sc_strset *set);

#endif /* STAGECHECK_BASE_STRSET_H */
