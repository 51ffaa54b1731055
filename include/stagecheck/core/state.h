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

/* A line as it is compared or written: its key, class, surname, first
 * name and status, its strings wherever they are (a held line's block, or
 * a pupil's own strings: sc_state_make_line). Never written through. */
typedef struct sc_state_line {
    const char *key;
    const char *class_name;
    const char *surname;
    const char *first;
    uint8_t status;      /* an sc_status */
} sc_state_line;

/* A line held by a state, a previous run's read back: 16 bytes, its four
 * strings one block in the state's arena, the key first, then the class,
 * the surname and the first name, each after the NUL of the one before
 * (sc_state_item_line). This run's lines are made one at a time
 * (sc_state_make_line), never held for every pupil. */
typedef struct sc_state_item {
    char *key;
    uint8_t status;      /* an sc_status */
} sc_state_item;

_Static_assert(sizeof(sc_state_item) == 2 * sizeof(char *),
               "a state's held line is a pointer and a status");
_Static_assert(SC_STATUS_COUNT <= UINT8_MAX, "a status fits in 8 bits");

typedef struct sc_state {
    sc_state_item *items;
    size_t count;
    size_t cap;
    int dated;           /* the run's date is known (older files lack it) */
    sc_date date;        /* the run's reference date (--as-of), if dated */
    sc_arena strings;    /* the blocks of the lines pushed */
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
sc_error sc_state_make_line(const sc_pupil *pupil, sc_status status,
                            char **key, size_t *cap, sc_state_line *line);

/** Appends a copy of line, its strings as they are, in one block of the
 *  state's arena. Returns SC_OK or SC_ERROR_MEMORY (the state as it
 *  was). */
sc_error sc_state_push(sc_state *state, const sc_state_line *line);

/** Returns the line item holds, its strings in the item's block. */
sc_state_line sc_state_item_line(const sc_state_item *item);

/** Frees what state holds; a zeroed state is fine. */
void sc_state_clear(sc_state *state);

#endif /* STAGECHECK_CORE_STATE_H */
