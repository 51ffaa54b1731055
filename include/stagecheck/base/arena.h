/*
 * arena.h - strings that live and die together: the strings of a
 * dataset's records, of a state's lines or of a workbook's sort keys, in a
 * few large blocks freed with their owner rather than one allocation each.
 */
#ifndef STAGECHECK_BASE_ARENA_H
#define STAGECHECK_BASE_ARENA_H

#include <stddef.h>

typedef struct sc_arena_block sc_arena_block;

/* Zeroed, an empty arena. */
typedef struct sc_arena {
    sc_arena_block *blocks;  /* the newest first */
} sc_arena;

/** Returns size bytes in arena, aligned on nothing (they hold text), valid
 *  until sc_arena_clear; NULL when out of memory. */
char *sc_arena_alloc(sc_arena *arena, size_t size);

/** Returns a copy of s in arena, or NULL when out of memory. */
char *sc_arena_dup(sc_arena *arena, const char *s);

/** Copies the n strings *strings[i] into arena one after the other, frees
 *  each of them and points *strings[i] at its copy; a NULL string stays
 *  NULL. Returns the first copy, or NULL, leaving every string as it was,
 *  when they are all NULL or when out of memory: the caller then frees
 *  them one by one. */
char *sc_arena_pack(sc_arena *arena, char **const strings[], size_t n);

/** Frees every block of arena, and with them every string it holds; a
 *  zeroed arena is fine. */
void sc_arena_clear(sc_arena *arena);

#endif /* STAGECHECK_BASE_ARENA_H */
