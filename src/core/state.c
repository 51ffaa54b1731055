/*
 * state.c - the statuses of a run, one item per pupil under a stable key:
 * what the state file keeps, and what the next run compares with.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/date.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"


size_t sc_state_key_format(const sc_pupil *pupil, char *buf, size_t size)
{
    const char *name = sc_pupil_name_key(pupil);
    const char *class_key = sc_pupil_class_key(pupil);
    const char *ine = sc_pupil_ine(pupil);
    char birth[16] = "";

    /* An empty INE would give every such pupil the same key "INE:". */
    if (ine && ine[0])
        return (size_t)snprintf(buf, size, "INE:%s", ine);
    if (pupil->birth != SC_DATE_NONE) {
        int y, m, d;

        sc_date_split(pupil->birth, &y, &m, &d);
        snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
    }
    return (size_t)snprintf(buf, size, "NOM:%s|%s|%s", name ? name : "",
                            class_key ? class_key : "", birth);
}

char *sc_state_clean(char *s)
{
    if (s)
        for (char *p = s; *(p += strcspn(p, SC_STATE_BREAKS)); p++)
            *p = ' ';
    return s;
}

/* Makes room for one more line of size bytes. Returns SC_OK or
 * SC_ERROR_MEMORY (the state as it was). */
static sc_error state_grow(sc_state *state, size_t size)
{
    size_t cap = state->text_cap;

    if (size > SC_STATE_TEXT_MAX - state->used)
        return SC_ERROR_MEMORY;
    if (state->used + size > cap) {
        char *more;

        /* Doubled: a million lines of 20 bytes in 13 steps. A state
         * file's reader takes its room at once (sc_state_reserve). */
        if (cap < 4096)
            cap = 4096;
        while (cap < state->used + size)
            cap = cap > SC_STATE_TEXT_MAX / 2 ? SC_STATE_TEXT_MAX : cap * 2;
        if (!(more = realloc(state->text, cap)))
            return SC_ERROR_MEMORY;
        state->text = more;
        state->text_cap = cap;
    }
    return sc_array_reserve((void **)&state->lines, &state->cap, state->count,
                            sizeof *state->lines);
}

sc_error sc_state_reserve(sc_state *state, size_t lines, size_t bytes)
{
    if (bytes > SC_STATE_TEXT_MAX - state->used)
        return SC_ERROR_MEMORY;
    if (state->used + bytes > state->text_cap) {
        char *more = realloc(state->text, state->used + bytes);

        if (!more)
            return SC_ERROR_MEMORY;
        state->text = more;
        state->text_cap = state->used + bytes;
    }
    return sc_array_reserve_exact((void **)&state->lines, &state->cap,
                                  state->count, lines, sizeof *state->lines);
}

sc_error sc_state_push(sc_state *state, const sc_state_line *line)
{
    const char *strings[] = {line->key, line->class_name, line->surname,
                             line->first};
    size_t size = 1;
    char *w;

    for (size_t i = 0; i < 4; i++)
        size += strlen(strings[i]) + 1;
    if (state_grow(state, size) != SC_OK)
        return SC_ERROR_MEMORY;
    w = state->text + state->used;
    *w++ = (char)line->status;
    for (size_t i = 0; i < 4; i++) {
        size_t len = strlen(strings[i]) + 1;

        memcpy(w, strings[i], len);
        w += len;
    }
    state->lines[state->count++] = (uint32_t)state->used;
    state->used += size;
    return SC_OK;
}

sc_state_line sc_state_line_at(const sc_state *state, uint32_t place)
{
    sc_state_line line = {.key = sc_state_key_at(state, place),
                          .status = (uint8_t)state->text[place]};

    line.class_name = line.key + strlen(line.key) + 1;
    line.surname = line.class_name + strlen(line.class_name) + 1;
    line.first = line.surname + strlen(line.surname) + 1;
    return line;
}

sc_error sc_state_make_line(const sc_pupil *pupil, sc_status status,
                            char **key, size_t *cap, sc_state_line *line)
{
    const char *class_name = sc_pupil_class(pupil);
    const char *surname = sc_pupil_surname(pupil);
    const char *first = sc_pupil_first(pupil);
    size_t len = sc_state_key_format(pupil, *key, *cap);

    if (len >= *cap) {
        char *more = realloc(*key, len + 1);

        if (!more)
            return SC_ERROR_MEMORY;
        *key = more;
        *cap = len + 1;
        sc_state_key_format(pupil, *key, *cap);
    }
    /* The key can only hold a tab through the INE, which is not folded. */
    *line = (sc_state_line){.key = sc_state_clean(*key),
                            .class_name = class_name ? class_name : "",
                            .surname = surname ? surname : "",
                            .first = first ? first : "",
                            .status = (uint8_t)status};
    return SC_OK;
}

void sc_state_clear(sc_state *state)
{
    if (!state)
        return;
    free(state->lines);
    free(state->text);
    memset(state, 0, sizeof *state);
}
