/*
 * arena.c - strings in a few large blocks.
 *
 * A record holds a dozen strings of a few bytes each. One allocation each,
 * or even one block per record, costs glibc's header and rounding (its
 * smallest chunk is 32 bytes): with a million rows "A;B;2A", the strings
 * of a pupil, of its state line and of its sort key took 96 bytes for 30
 * of text (issue 14).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/arena.h"

/* A small school's strings fit in its first block; blocks then double, so
 * that a million pupils take a few hundred, up to the largest size, which
 * malloc maps on its own and gives back whole when the arena is cleared. */
#define FIRST_BLOCK ((size_t)4096)
#define LARGEST_BLOCK ((size_t)1024 * 1024)

struct sc_arena_block {
    sc_arena_block *next;
    size_t used;
    size_t cap;
    char data[];
};

char *sc_arena_alloc(sc_arena *arena, size_t size)
{
    sc_arena_block *b = arena->blocks;
    size_t cap;

    if (b && b->cap - b->used >= size) {
        char *at = b->data + b->used;

        b->used += size;
        return at;
    }
    cap = b ? b->cap * 2 : FIRST_BLOCK;
    if (cap > LARGEST_BLOCK)
        cap = LARGEST_BLOCK;
    /* The rest of the newest block is lost: at most a string's worth. */
    if (cap < size)
        cap = size;
    if (cap > SIZE_MAX - sizeof *b || !(b = malloc(sizeof *b + cap)))
        return NULL;
    b->next = arena->blocks;
    b->used = size;
    b->cap = cap;
    arena->blocks = b;
    return b->data;
}

char *sc_arena_dup(sc_arena *arena, const char *s)
{
    size_t size = strlen(s) + 1;
    char *copy = sc_arena_alloc(arena, size);

    return copy ? memcpy(copy, s, size) : NULL;
}

char *sc_arena_pack(sc_arena *arena, char **const strings[], size_t n)
{
    size_t size = 0;
    char *block, *w;

    for (size_t i = 0; i < n; i++)
        if (*strings[i])
            size += strlen(*strings[i]) + 1;
    if (size == 0 || !(block = sc_arena_alloc(arena, size)))
        return NULL;
    w = block;
    for (size_t i = 0; i < n; i++) {
        size_t len;

        if (!*strings[i])
            continue;
        len = strlen(*strings[i]) + 1;
        memcpy(w, *strings[i], len);
        free(*strings[i]);
        *strings[i] = w;
        w += len;
    }
    return block;
}

void sc_arena_clear(sc_arena *arena)
{
    if (!arena)
        return;
    while (arena->blocks) {
        sc_arena_block *next = arena->blocks->next;

        free(arena->blocks);
        arena->blocks = next;
    }
}
