/*
 * pupil.c - what is said of one pupil of a roll.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/dataset.h"

/* A roll may hold a million rows (issue 14): what a pupil takes is kept
 * in check where pointers have 64 bits. */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(sc_pupil) == 88, "sc_pupil grew: see dataset.h");
#endif

int sc_pupil_shown(const sc_pupil *pupil)
{
    return pupil->selected && pupil->duplicate_of < 0;
}

void sc_pupil_pack(sc_pupil *p, sc_arena *arena)
{
    char **const strings[] = {&p->surname, &p->first, &p->class_name,
                              &p->ine, &p->name_key, &p->class_key, &p->mef};

    if (!p->packed)
        p->packed = sc_arena_pack(arena, strings,
                                  sizeof strings / sizeof *strings) != NULL;
}

void sc_pupil_display(const sc_pupil *pupil, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s", pupil->surname ? pupil->surname : "",
             pupil->first ? pupil->first : "");
    sc_text_cut(buf);
}

void sc_pupil_clear(sc_pupil *p)
{
    /* Packed, its strings are its arena's. */
    if (p->packed)
        return;
    free(p->surname);
    free(p->first);
    free(p->class_name);
    free(p->ine);
    free(p->name_key);
    free(p->class_key);
    free(p->mef);
}
