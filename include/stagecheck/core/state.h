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

/* A state holds its lines, a previous run's read back, in one block of
 * text: each line its status (a byte, an sc_status), then its key,
 * class, surname and first name, each after the NUL of the one before.
 * It finds a line by its place in that text, 4 bytes: a line held was 16
 * bytes and a block of its own, 9 MB more at the peak of a second run of
 * a million pupils (issue 14). This run's lines are made one at a time
 * (sc_state_make_line), never held for every pupil. */
typedef struct sc_state {
    uint32_t *lines;     /* each line's place in text */
    size_t count;
    size_t cap;
    char *text;          /* the lines, one after the other */
    size_t used;         /* bytes of text used */
    size_t text_cap;     /* and allocated */
    int dated;           /* the run's date is known (older files lack it) */
    sc_date date;        /* the run's reference date (--as-of), if dated */
} sc_state;

_Static_assert(SC_STATUS_COUNT <= UINT8_MAX, "a status fits in 8 bits");

/** The most bytes of text a state holds: a line's place takes 32 bits. A
 *  state file read back is far smaller (SC_STATEFILE_MAX). */
#define SC_STATE_TEXT_MAX ((size_t)UINT32_MAX)

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

/** Appends a copy of line, its strings as they are, to the state's text,
 *  which may move: the lines got from it before are then no longer valid,
 *  and line may not be one of them. Returns SC_OK or SC_ERROR_MEMORY, also
 *  past SC_STATE_TEXT_MAX (the state as it was). */
sc_error sc_state_push(sc_state *state, const sc_state_line *line);

/** Makes room for lines more lines of bytes bytes of text in all, so
 *  that pushing them moves nothing: a state file's size bounds what it
 *  holds, and its lines read one by one into room doubled each time left
 *  the copies it outgrew in the heap (a million lines: 10 MB more at the
 *  peak of a second run). Pages never written are never the process's.
 *  Returns SC_OK or SC_ERROR_MEMORY (the state as it was, its room maybe
 *  grown). */
sc_error sc_state_reserve(sc_state *state, size_t lines, size_t bytes);

/** Returns the key of the line at place (an item of state->lines). */
static inline const char *sc_state_key_at(const sc_state *state,
                                          uint32_t place)
{
    return state->text + place + 1;
}

/** Returns the line at place (an item of state->lines), its strings in
 *  the state's text. */
sc_state_line sc_state_line_at(const sc_state *state, uint32_t place);

/** Returns the i-th line of state, i below state->count. */
static inline sc_state_line sc_state_get(const sc_state *state, size_t i)
{
    return sc_state_line_at(state, state->lines[i]);
}

/** Frees what state holds; a zeroed state is fine. */
void sc_state_clear(sc_state *state);

#endif /* STAGECHECK_CORE_STATE_H */
