/*
 * state.h - what the previous run found, kept beside the workbook, and what
 * changed since.
 *
 * The state file is plain UTF-8 text, one line per pupil, fields separated
 * by tabs: the stable key, the class, the surname, the first name and the
 * status label. Lines starting with '#' are comments. The key is
 * "INE:<INE>" when the roll gives one, else
 * "NOM:<name key>|<class key>|<AAAA-MM-JJ or empty birth date>".
 */
#ifndef STAGECHECK_CORE_STATE_H
#define STAGECHECK_CORE_STATE_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/status.h"

/* A line: 40 bytes, a million pupils being 40 MB at the parent's peak.
 * Its strings are the state's arena's (the key always, and a line read
 * back), or borrowed from the dataset (sc_state_add): never written
 * through. */
typedef struct sc_state_item {
    char *key;
    char *class_name;
    char *surname;
    char *first;
    int32_t pupil;       /* index in the dataset, -1 for a line read back:
                            32 bits suffice, an input file holds at most
                            2,000,000 rows (input/limits.h) and 2^31
                            pupils would take hundreds of GB */
    uint8_t status;      /* an sc_status */
    uint8_t packed;      /* its strings are the state's arena's or the
                            dataset's, freed with them; 0 while each is
                            its own allocation (sc_state_push) */
} sc_state_item;

_Static_assert(sizeof(sc_state_item) == 4 * sizeof(char *) + 8,
               "a state's line is four pointers and 8 bytes");
_Static_assert(SC_STATUS_COUNT <= UINT8_MAX, "a status fits in 8 bits");

typedef struct sc_state {
    sc_state_item *items;
    size_t count;
    size_t cap;
    int dated;           /* the run's date is known (older files lack it) */
    sc_date date;        /* the run's reference date (--as-of), if dated */
    sc_arena strings;    /* the keys, the cleaned copies and the lines
                            pushed */
} sc_state;

/** Writes the stable key of pupil (see above) into buf, size bytes,
 *  snprintf's way: always NUL-terminated when size is not 0, buf may be
 *  NULL when it is. Returns the key's length. An INE holding a tab, CR or
 *  LF gives them as they are: a line cleans them. */
size_t sc_state_key_format(const sc_pupil *pupil, char *buf, size_t size);

/** Appends the line of pupil, index in its dataset. The key is computed
 *  into the state's arena; the class and the names are the pupil's own
 *  strings, borrowed (NULL read as ""), but for one that holds a tab, CR
 *  or LF, which is copied into the arena with each of them turned into a
 *  space (as the file would give it back). The dataset must therefore
 *  outlive the state: clear the state first. Returns SC_OK, or
 *  SC_ERROR_MEMORY (an index past INT32_MAX too: see pupil above). */
sc_error sc_state_add(sc_state *state, const sc_pupil *pupil, size_t index,
                      sc_status status);

/** Appends item, whose four strings are its own allocations (packed 0):
 *  the state then owns them, moved into its arena, and frees them on
 *  failure (any of them may be NULL: an allocation that failed). Returns
 *  SC_OK or SC_ERROR_MEMORY. */
sc_error sc_state_push(sc_state *state, sc_state_item *item);

/** Makes room for more items at once, so that a state of N pupils holds
 *  N items rather than up to twice as many. Returns SC_OK or
 *  SC_ERROR_MEMORY. */
sc_error sc_state_reserve(sc_state *state, size_t more);

/** Frees what state holds; a zeroed state is fine. */
void sc_state_clear(sc_state *state);

#endif /* STAGECHECK_CORE_STATE_H */
