/*
 * pupil.h - what is said of one pupil of a roll.
 */
#ifndef STAGECHECK_CORE_PUPIL_H
#define STAGECHECK_CORE_PUPIL_H

#include <stddef.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/dataset.h"

/** Returns 1 if the pupil has a line on a class sheet: kept by --classes
 *  and not a repeat of another roll row. */
int sc_pupil_shown(const sc_pupil *pupil);

/** Writes "NOM Prénom" into buf (always NUL-terminated). */
void sc_pupil_display(const sc_pupil *pupil, char *buf, size_t size);

/** Sets the strings of pupil to copies of texts (SC_PUPIL_TEXTS of them,
 *  in sc_pupil_text order, any of them NULL), in one block: in arena,
 *  which then owns it, or, arena NULL, the pupil's own allocation. The
 *  strings it had are let go. Returns SC_OK, or SC_ERROR_MEMORY leaving
 *  the pupil as it was. */
sc_error sc_pupil_set_texts(sc_pupil *pupil, sc_arena *arena,
                            const char *const texts[SC_PUPIL_TEXTS]);

/** Frees the strings of a pupil, unless packed: they are their arena's
 *  (the dataset frees its own). The pupil then has none. */
void sc_pupil_clear(sc_pupil *pupil);

#endif /* STAGECHECK_CORE_PUPIL_H */
