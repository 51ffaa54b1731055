/*
 * entry.c - what is said of one row of a placements file.
 */
#include <stdio.h>
#include <stdlib.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/entry.h"
#include "stagecheck/core/dataset.h"

void sc_entry_display(const sc_entry *entry, char *buf, size_t size)
{
    if (entry->surname || entry->first)
        snprintf(buf, size, "%s%s%s", entry->surname ? entry->surname : "",
                 entry->surname && entry->first ? " " : "",
                 entry->first ? entry->first : "");
    else
        snprintf(buf, size, "INE %s", entry->ine ? entry->ine : "");
    sc_text_cut(buf);
}

/* Every string of an entry, for sc_entry_pack and sc_entry_clear. */
#define ENTRY_STRINGS(e)                                                  \
    {&(e)->ine, &(e)->surname, &(e)->first, &(e)->class_name,             \
     &(e)->name_key, &(e)->class_key, &(e)->host, &(e)->host_type,        \
     &(e)->siret, &(e)->city, &(e)->country, &(e)->activities,            \
     &(e)->skills, &(e)->dispense}

void sc_entry_pack(sc_entry *e, sc_arena *arena)
{
    char **const strings[] = ENTRY_STRINGS(e);

    if (!e->strings)
        e->strings = sc_arena_pack(arena, strings,
                                   sizeof strings / sizeof *strings);
}

void sc_entry_clear(sc_entry *e)
{
    char **const strings[] = ENTRY_STRINGS(e);

    /* Packed, its strings are its arena's. */
    if (e->strings)
        return;
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(*strings[i]);
}
