/*
 * strset.c - a set of strings: open addressing (FNV-1a, linear probing),
 * at most half full, grown by doubling; no removal, which neither user
 * needs. A library set would not do: glibc's hsearch_r cannot grow, and
 * sized for the worst case (one À faire per pupil) it would take 32 MB at
 * a million pupils (issue 14).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/strset.h"

#define FIRST_SLOTS ((size_t)64)

/* The slot of s in slots (cap of them): where it is, or the empty slot
 * where it would go. The slots are never all full. */
static size_t slot_of(const char **slots, size_t cap, const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t mask = cap - 1, i;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * UINT64_C(1099511628211);
    for (i = (size_t)h & mask; slots[i]; i = (i + 1) & mask)
        if (strcmp(slots[i], s) == 0)
            break;
    return i;
}

const char *sc_strset_find(const sc_strset *set, const char *s)
{
    return set->cap ? set->slots[slot_of(set->slots, set->cap, s)] : NULL;
}

/* Doubles the slots (FIRST_SLOTS at first). Returns 0, or -1 when out of
 * memory. */
static int strset_grow(sc_strset *set)
{
    size_t cap = set->cap ? 2 * set->cap : FIRST_SLOTS;
    const char **slots;

    if (cap < set->cap || !(slots = calloc(cap, sizeof *slots)))
        return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i])
            slots[slot_of(slots, cap, set->slots[i])] = set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

const char *sc_strset_add(sc_strset *set, const char *s)
{
    size_t i;

    if ((set->count + 1) * 2 > set->cap && strset_grow(set) != 0)
        return NULL;
    i = slot_of(set->slots, set->cap, s);
    if (!set->slots[i]) {
        if (!(set->slots[i] = sc_arena_dup(&set->strings, s)))
            return NULL;
        set->count++;
    }
    return set->slots[i];
}

void sc_strset_clear(sc_strset *set)
{
    if (!set)
        return;
    free(set->slots);
    sc_arena_clear(&set->strings);
    memset(set, 0, sizeof *set);
}
