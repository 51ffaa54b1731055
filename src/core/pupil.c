/*
 * pupil.c - what is said of one pupil of a roll.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/dataset.h"

/* A roll may hold a million rows (issue 14): what a pupil takes is kept
 * in check where pointers have 64 bits. */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(sc_pupil) == 24, "sc_pupil grew: see dataset.h");
#endif

int sc_pupil_shown(const sc_pupil *pupil)
{
    return pupil->selected && !pupil->duplicate;
}

sc_error sc_pupil_set_texts(sc_pupil *p, sc_arena *arena,
                            const char *const texts[SC_PUPIL_TEXTS])
{
    size_t size = 0;
    uint8_t present = 0;
    char *block = NULL, *w;

    for (unsigned t = 0; t < SC_PUPIL_TEXTS; t++)
        if (texts[t]) {
            size += strlen(texts[t]) + 1;
            present |= (uint8_t)(1u << t);
        }
    if (size > 0 &&
        !(block = arena ? sc_arena_alloc(arena, size) : malloc(size)))
        return SC_ERROR_MEMORY;
    w = block;
    for (unsigned t = 0; t < SC_PUPIL_TEXTS; t++)
        if (texts[t]) {
            size_t len = strlen(texts[t]) + 1;

            memcpy(w, texts[t], len);
            w += len;
        }
    sc_pupil_clear(p);
    p->texts = block;
    p->present = present;
    p->packed = arena != NULL;
    return SC_OK;
}

void sc_pupil_display(const sc_pupil *pupil, char *buf, size_t size)
{
    const char *surname = sc_pupil_surname(pupil);
    const char *first = sc_pupil_first(pupil);

    snprintf(buf, size, "%s %s", surname ? surname : "", first ? first : "");
    sc_text_cut(buf);
}

void sc_pupil_clear(sc_pupil *p)
{
    /* Packed, its strings are its arena's. */
    if (!p->packed)
        free(p->texts);
    p->texts = NULL;
    p->present = 0;
    p->packed = 0;
}
