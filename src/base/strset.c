/*
 * strset.c - a set of strings: open addressing (FNV-1a, linear probing),
 * at most half full, grown by doubling, each slot the 32-bit number of a
 * string in the order added; no removal, which no user needs. A library
 * set would not do: glibc's hsearch_r cannot grow, numbers nothing, and
 * sized for the worst case (one À faire per pupil) it would take 32 MB at
 * a million pupils (issue 14).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/strset.h"
#include "stagecheck/base/array.h"

#define FIRST_SLOTS ((size_t)64)

/* The slot of s in slots (cap of them), whose numbers are those of items:
 * where it is, or the empty slot where it would go. The slots are never
 * all full. */
static size_t slot_of(const uint32_t *slots, size_t cap,
                      const char *const *items, const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t mask = cap - 1, i;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * UINT64_C(1099511628211);
    for (i = (size_t)h & mask; slots[i]; i = (i + 1) & mask)
        if (strcmp(items[slots[i] - 1], s) == 0)
            break;
    return i;
}

const char *sc_strset_find(const sc_strset *set, const char *s)
{
    size_t i;

    if (!set->cap)
        return NULL;
    i = slot_of(set->slots, set->cap, set->items, s);
    return set->slots[i] ? set->items[set->slots[i] - 1] : NULL;
}

/* Doubles the slots (FIRST_SLOTS at first). Returns 0, or -1 when out of
 * memory. */
static int strset_grow(sc_strset *set)
{
    size_t cap = set->cap ? 2 * set->cap : FIRST_SLOTS;
    uint32_t *slots;

    if (cap < set->cap || cap > SIZE_MAX / sizeof *slots ||
        !(slots = calloc(cap, sizeof *slots)))
        return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i])
            slots[slot_of(slots, cap, set->items,
                          set->items[set->slots[i] - 1])] = set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

size_t sc_strset_add_index(sc_strset *set, const char *s)
{
    size_t i;
    char *copy;

    if ((set->count + 1) * 2 > set->cap && strset_grow(set) != 0)
        return SC_STRSET_NONE;
    i = slot_of(set->slots, set->cap, set->items, s);
    if (set->slots[i])
        return set->slots[i] - 1;
    /* A slot holds 1 + the number in 32 bits. */
    if (set->count >= UINT32_MAX - 1)
        return SC_STRSET_NONE;
    if (sc_array_reserve((void **)&set->items, &set->items_cap, set->count,
                         sizeof *set->items) != SC_OK ||
        !(copy = sc_arena_dup(&set->strings, s)))
        return SC_STRSET_NONE;
    set->items[set->count] = copy;
    set->slots[i] = (uint32_t)(set->count + 1);
    return set->count++;
}

const char *sc_strset_add(sc_strset *set, const char *s)
{
    size_t i = sc_strset_add_index(set, s);

    return i == SC_STRSET_NONE ? NULL : set->items[i];
}

const char *sc_strset_at(const sc_strset *set, size_t i)
{
    return i < set->count ? set->items[i] : NULL;
}

void sc_strset_clear(sc_strset *set)
{
    if (!set)
        return;
    free(set->slots);
    free(set->items);
    sc_arena_clear(&set->strings);
    memset(set, 0, sizeof *set);
}
