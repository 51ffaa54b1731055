/*
 * state.c - the statuses of a run, one item per pupil under a stable key:
 * what the state file keeps, and what the next run compares with.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/arena.h"
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

/* Frees the strings of an item not packed: those packed are the
 * state's arena's. */
static void item_clear(sc_state_item *item)
{
    if (item->packed)
        return;
    free(item->key);
    free(item->class_name);
    free(item->surname);
    free(item->first);
}

/* Makes room for one more item. Returns SC_OK or SC_ERROR_MEMORY. */
static sc_error state_grow(sc_state *state)
{
    return sc_array_reserve((void **)&state->items, &state->cap, state->count,
                            sizeof *state->items);
}

/* Appends item, which the state then owns; frees its strings on failure
 * (any of them may be NULL: an allocation that failed). */
sc_error sc_state_push(sc_state *state, sc_state_item *item)
{
    if (!item->key || !item->class_name || !item->surname || !item->first ||
        state_grow(state) != SC_OK) {
        item_clear(item);
        return SC_ERROR_MEMORY;
    }
    if (!item->packed) {
        char **const strings[] = {&item->key, &item->class_name,
                                  &item->surname, &item->first};

        /* Out of memory, each string stays its own allocation. */
        item->packed = sc_arena_pack(&state->strings, strings, 4) != NULL;
    }
    state->items[state->count++] = *item;
    return SC_OK;
}

sc_error sc_state_line(const sc_pupil *pupil, sc_status status, char **key,
                       size_t *cap, sc_state_item *line)
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
    /* The key can only hold a tab through the INE, which is not folded.
     * The strings are the pupil's, never written through (state.h). */
    *line = (sc_state_item){
        .key = sc_state_clean(*key),
        .class_name = (char *)(class_name ? class_name : ""),
        .surname = (char *)(surname ? surname : ""),
        .first = (char *)(first ? first : ""),
        .status = (uint8_t)status,
        .packed = 1};
    return SC_OK;
}

void sc_state_clear(sc_state *state)
{
    if (!state)
        return;
    for (size_t i = 0; i < state->count; i++)
        item_clear(&state->items[i]);
    free(state->items);
    sc_arena_clear(&state->strings);
    memset(state, 0, sizeof *state);
}
