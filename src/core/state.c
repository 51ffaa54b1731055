/*
 * state.c - the statuses of a run, one item per pupil under a stable key:
 * what the state file keeps, and what the next run compares with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/array.h"
#include "stagecheck/base/date.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"

/* What a field may not hold: it would split the state file's line or
 * field (store/statefile.c writes them as spaces too). */
static const char field_breaks[] = "\t\r\n";

char *sc_state_key(const sc_pupil *pupil)
{
    const char *name = pupil->name_key ? pupil->name_key : "";
    const char *class_key = pupil->class_key ? pupil->class_key : "";
    char birth[16] = "";
    char *key;
    size_t size;

    /* An empty INE would give every such pupil the same key "INE:". */
    if (pupil->ine && pupil->ine[0]) {
        size = sizeof "INE:" + strlen(pupil->ine);
        if ((key = malloc(size)) != NULL)
            snprintf(key, size, "INE:%s", pupil->ine);
        return key;
    }
    if (pupil->birth != SC_DATE_NONE) {
        int y, m, d;

        sc_date_split(pupil->birth, &y, &m, &d);
        snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
    }
    size = sizeof "NOM:||" + strlen(name) + strlen(class_key) + strlen(birth);
    if ((key = malloc(size)) != NULL)
        snprintf(key, size, "NOM:%s|%s|%s", name, class_key, birth);
    return key;
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

/* Returns a cleaned copy of s (NULL read as ""), or NULL when out of
 * memory. */
static char *field_dup(const char *s)
{
    return field_clean(sc_text_dup(s ? s : ""));
}

/* Frees the strings of an item not pushed: those pushed are the
 * state's arena's. */
static void item_clear(sc_state_item *item)
{
    if (item->strings)
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
    if (!item->strings) {
        char **const strings[] = {&item->key, &item->class_name,
                                  &item->surname, &item->first};

        item->strings = sc_arena_pack(&state->strings, strings, 4);
    }
    state->items[state->count++] = *item;
    return SC_OK;
}

sc_error sc_state_reserve(sc_state *state, size_t more)
{
    return sc_array_reserve_exact((void **)&state->items, &state->cap,
                                  state->count, more, sizeof *state->items);
}

sc_error sc_state_add(sc_state *state, const sc_pupil *pupil, long index,
                      sc_status status)
{
    /* The key can only hold a tab through the INE, which is not folded. */
    sc_state_item item = {field_clean(sc_state_key(pupil)),
                          field_dup(pupil->class_name),
                          field_dup(pupil->surname), field_dup(pupil->first),
                          status, index, NULL};

    return sc_state_push(state, &item);
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
