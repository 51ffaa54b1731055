/*
 * entry.h - what is said of one row of a placements file.
 */
#ifndef STAGECHECK_CORE_ENTRY_H
#define STAGECHECK_CORE_ENTRY_H

#include <stddef.h>
#include "stagecheck/core/dataset.h"

/** Writes the name the entry gives ("NOM Prénom" or its INE). */
void sc_entry_display(const sc_entry *entry, char *buf, size_t size);

/** Moves the strings of an entry into arena (sc_arena_pack), which then
 *  owns them; when out of memory they stay as they are, which is as good. */
void sc_entry_pack(sc_entry *entry, sc_arena *arena);

/** Frees the strings of an entry, but those packed, which are their
 *  arena's (the dataset frees its own). */
void sc_entry_clear(sc_entry *entry);

#endif /* STAGECHECK_CORE_ENTRY_H */
