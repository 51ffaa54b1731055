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

/* A line: 40 bytes. A state holds the lines of a previous run, read
 * back; this run's are made one at a time (sc_state_line), never held
 * for every pupil. A held line's strings are the state's arena's; a line
 * sc_state_line makes borrows the pupil's. Neither is written through. */
typedef struct sc_state_item {
    char *key;
    char *class_name;
    char *surname;
    char *first;
    uint8_t status;      /* an sc_status */
    uint8_t packed;      /* its strings are the state's arena's, or
                            borrowed (sc_state_line); 0 while each is its
                            own allocation (sc_state_push) */
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
    sc_arena strings;    /* the strings of the lines pushed */
} sc_state;

/** Writes the stable key of pupil (see above) into buf, size bytes,
 *  snprintf's way: always NUL-terminated when size is not 0, buf may be
 *  NULL when it is. Returns the key's length. An INE holding a tab, CR or
 *  LF gives them as they are: a line cleans them. */
size_t sc_state_key_format(const sc_pupil *pupil, char *buf, size_t size);

/** What a field of the state file may not hold: it would split its line
 *  or its fields. */
#define SC_STATE_BREAKS "\t\r\n"

/** Turns the tabs, CRs and LFs of s into spaces, as the state file gives
 *  them back; returns s (NULL is fine). A line's key and strings are
 *  cleaned this way, so that what is compared now equals what the next
 *  run reads. */
char *sc_state_clean(char *s);

/** Makes the line of pupil, whose status is status, into *line: its key
 *  in *key, a buffer of *cap bytes (both may start NULL and 0) grown with
 *  realloc as the key needs, which the caller frees, and cleaned
 *  (sc_state_clean); its class and names the pupil's own strings,
 *  borrowed (NULL read as "") and not cleaned: whoever writes or copies
 *  them cleans them (store/statefile.c, core/changes.c). The line is
 *  valid until the next call with the same buffer. Returns SC_OK or
 *  SC_ERROR_MEMORY. */
sc_error sc_state_line(const sc_pupil *pupil, sc_status status, char **key,
                       size_t *cap, sc_state_item *line);

/** Appends item, whose four strings are its own allocations (packed 0):
 *  the state then owns them, moved into its arena, and frees them on
 *  failure (any of them may be NULL: an allocation that failed). Returns
 *  SC_OK or SC_ERROR_MEMORY. */
sc_error sc_state_push(sc_state *state, sc_state_item *item);

/** Frees what state holds; a zeroed state is fine. */
void sc_state_clear(sc_state *state);

#endif /* STAGECHECK_CORE_STATE_H */
