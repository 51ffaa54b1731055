/*
 * pupil.h - what is said of one pupil of a roll.
 */
#ifndef STAGECHECK_CORE_PUPIL_H
#define STAGECHECK_CORE_PUPIL_H

#include <stddef.h>
#include "stagecheck/core/dataset.h"

/** Returns 1 if the pupil has a line on a class sheet: kept by --classes
 *  and not a repeat of another roll row. */
int sc_pupil_shown(const sc_pupil *pupil);

/** Writes "NOM Prénom" into buf (always NUL-terminated). */
void sc_pupil_display(const sc_pupil *pupil, char *buf, size_t size);

/** Moves the strings of a pupil into arena (sc_arena_pack), which then
 *  owns them; when out of memory they stay as they are, which is as good. */
void sc_pupil_pack(sc_pupil *pupil, sc_arena *arena);

/** Frees the strings of a pupil, but those packed, which are their
 *  arena's (the dataset frees its own). */
void sc_pupil_clear(sc_pupil *pupil);

#endif /* STAGECHECK_CORE_PUPIL_H */
