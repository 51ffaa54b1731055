/*
 * entry.h - what is said of one row of a placements file.
 */
#ifndef STAGECHECK_CORE_ENTRY_H
#define STAGECHECK_CORE_ENTRY_H

#include <stddef.h>
#include "stagecheck/core/dataset.h"

/** Writes the name the entry gives ("NOM Prénom" or its INE). */
void sc_entry_display(const sc_entry *entry, char *buf, size_t size);

/** Moves the strings of an entry into one block (sc_text_pack); when out
 *  of memory they stay as they are, which is as good. */
void sc_entry_pack(sc_entry *entry);

/** Frees the strings of an entry (the dataset frees its own). */
void sc_entry_clear(sc_entry *entry);

#endif /* STAGECHECK_CORE_ENTRY_H */
