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

/* What a field may not hold: it would split the state file's line or
 * field (store/statefile.c writes them as spaces too). */
static const char field_breaks[] = "\t\r\n";

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

/* Turns the tabs and line breaks of s into spaces; returns s (NULL is
 * fine). Stored fields are cleaned this way so that what is compared now
 * equals what the file gives back on the next run. */
static char *field_clean(char *s)
{
    if (s)
        for (char *p = s; *(p += strcspn(p, field_breaks)); p++)
            *p = ' ';
    return s;
}

/* Returns s itself when it holds no tab nor line break (NULL read as ""),
 * else a cleaned copy in arena; NULL when out of memory. Borrowing spares
 * a million tiny pupils 7 bytes of copies each; exports almost never hold
 * such a character. */
static char *field_borrow(sc_arena *arena, const char *s)
{
    static char empty[] = "";

    if (!s)
        return empty;
    /* A line's strings are never written through (state.h): the pupil's
     * own stay as they are. */
    if (!s[strcspn(s, field_breaks)])
        return (char *)s;
    return field_clean(sc_arena_dup(arena, s));
}

/* Frees the strings of an item not packed: those packed are the
 * state's arena's or the dataset's. */
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

sc_error sc_state_reserve(sc_state *state, size_t more)
{
    return sc_array_reserve_exact((void **)&state->items, &state->cap,
                                  state->count, more, sizeof *state->items);
}

sc_error sc_state_add(sc_state *state, const sc_pupil *pupil, size_t index,
                      sc_status status)
{
    sc_state_item item = {.pupil = (int32_t)index, .status = (uint8_t)status,
                          .packed = 1};
    size_t size;

    if (index > INT32_MAX || state_grow(state) != SC_OK)
        return SC_ERROR_MEMORY;
    size = sc_state_key_format(pupil, NULL, 0) + 1;
    if (!(item.key = sc_arena_alloc(&state->strings, size)))
        return SC_ERROR_MEMORY;
    sc_state_key_format(pupil, item.key, size);
    /* The key can only hold a tab through the INE, which is not folded. */
    field_clean(item.key);
    if (!(item.class_name =
              field_borrow(&state->strings, sc_pupil_class(pupil))) ||
        !(item.surname =
              field_borrow(&state->strings, sc_pupil_surname(pupil))) ||
        !(item.first = field_borrow(&state->strings, sc_pupil_first(pupil))))
        return SC_ERROR_MEMORY;
    state->items[state->count++] = item;
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
