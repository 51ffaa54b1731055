/*
 * changes.c - what changed between the previous run's statuses and this
 * one's: pure, the two states in, the list of changes out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/array.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/state.h"
#include "stagecheck/base/text.h"

/* ---- What changed ------------------------------------------------------- */

/* The changes copy the few strings they show, so that the states, a line
 * per pupil, are freed as soon as they are compared and saved: the
 * process that writes the workbook then does not inherit them (issue 14). */

/* Orders the places (uint32_t) of two lines of the state items by key,
 * then by place: among lines sharing a key, the first written comes
 * first. */
static int line_order(const void *a, const void *b, void *items)
{
    const sc_state_item *lines = items;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(lines[x].key, lines[y].key);

    if (c != 0)
        return c;
    return (x > y) - (x < y);
}

/* Returns the places of the lines of state sorted by key (an empty state
 * gives a non-NULL array), or NULL when out of memory. The caller frees
 * it. Places rather than pointers: 4 bytes a line rather than 8, and as
 * much again for the scratch of glibc's merge sort, at the peak of a
 * second run. 32 bits suffice: a line of this run has a pupil's 32-bit
 * index, and a state file read back (64 MiB at most) far fewer lines. */
static uint32_t *state_sorted(const sc_state *state)
{
    uint32_t *sorted;

    if (state->count > UINT32_MAX ||
        !(sorted = malloc((state->count + 1) * sizeof *sorted)))
        return NULL;
    for (size_t i = 0; i < state->count; i++)
        sorted[i] = (uint32_t)i;
    qsort_r(sorted, state->count, sizeof *sorted, line_order, state->items);
    return sorted;
}

/* Class in version order ("2nde 2" before "2nde 10"), then names. */
static int change_order(const void *a, const void *b)
{
    const sc_change *x = a, *y = b;
    int c = strverscmp(x->class_name, y->class_name);

    if (c == 0)
        c = strcmp(x->surname, y->surname);
    if (c == 0)
        c = strcmp(x->first, y->first);
    if (c == 0)
        c = (x->kind > y->kind) - (x->kind < y->kind);
    return c;
}

/* Returns 1 if two class names are one class, compared as the matching
 * compares them ("2NDE 2" = "2nde 2"): an export changing its spelling is
 * no move. */
static int same_class(const char *a, const char *b)
{
    char *x = sc_text_key(a), *y = sc_text_key(b);
    int same = x && y ? strcmp(x, y) == 0 : strcmp(a, b) == 0;

    free(x);
    free(y);
    return same;
}

/* Returns a copy of s in the list's arena (NULL stays NULL); NULL when
 * out of memory. */
static const char *change_keep(sc_changes *changes, const char *s)
{
    return s ? sc_arena_dup(&changes->strings, s) : NULL;
}

/* Records what became of the pupil of prev (the previous line) and cur
 * (the current one); either may be NULL, not both. Returns 0, or -1 when
 * out of memory. */
static int change_note(sc_changes *changes, const sc_state_item *prev,
                       const sc_state_item *cur)
{
    sc_change ch;
    sc_change *kept;

    if (!prev) {
        ch = (sc_change){SC_CHANGE_ARRIVED, cur->class_name, NULL,
                         cur->surname, cur->first, -1, (int)cur->status};
    } else if (!cur) {
        ch = (sc_change){SC_CHANGE_LEFT, prev->class_name, prev->class_name,
                         prev->surname, prev->first, (int)prev->status, -1};
    } else if (prev->status != cur->status) {
        ch = (sc_change){SC_CHANGE_STATUS, cur->class_name, prev->class_name,
                         cur->surname, cur->first, (int)prev->status,
                         (int)cur->status};
    } else if (!same_class(prev->class_name, cur->class_name)) {
        ch = (sc_change){SC_CHANGE_CLASS, cur->class_name, prev->class_name,
                         cur->surname, cur->first, (int)prev->status,
                         (int)cur->status};
    } else {
        return 0;
    }
    kept = &changes->items[changes->count];
    *kept = ch;
    /* A pupil who left has one class, before and now. */
    if (!(kept->class_name = change_keep(changes, ch.class_name)) ||
        (ch.class_before &&
         !(kept->class_before = ch.class_before == ch.class_name
                                    ? kept->class_name
                                    : change_keep(changes, ch.class_before))) ||
        !(kept->surname = change_keep(changes, ch.surname)) ||
        !(kept->first = change_keep(changes, ch.first)))
        return -1;
    changes->count++;
    return 0;
}

sc_error sc_changes_compare(const sc_state *previous, const sc_state *current,
                          sc_changes *changes, int *previous_status)
{
    uint32_t *before = NULL, *now = NULL;
    size_t i = 0, j = 0;

    memset(changes, 0, sizeof *changes);
    before = state_sorted(previous);
    now = state_sorted(current);
    /* At most one change per line of either state. */
    changes->items = calloc(previous->count + current->count + 1,
                            sizeof *changes->items);
    if (!before || !now || !changes->items)
        goto mem_error;

    /* A merge of the two sorted lists. Lines sharing a key (which should
     * not happen) are paired in the order they were written: the first
     * with the first, and the extra ones arrived or left. */
    while (i < previous->count || j < current->count) {
        const sc_state_item *prev =
            i < previous->count ? &previous->items[before[i]] : NULL;
        const sc_state_item *cur =
            j < current->count ? &current->items[now[j]] : NULL;
        int c = !prev ? 1 : !cur ? -1 : strcmp(prev->key, cur->key);

        if (c < 0) {
            if (change_note(changes, prev, NULL) != 0)
                goto mem_error;
            i++;
            continue;
        }
        if (c > 0)
            prev = NULL;
        else
            i++;
        if (previous_status)
            previous_status[now[j]] = prev ? (int)prev->status : -1;
        if (change_note(changes, prev, cur) != 0)
            goto mem_error;
        j++;
    }
    if (changes->count > 1)
        qsort(changes->items, changes->count, sizeof *changes->items,
              change_order);
    free(before);
    free(now);
    return SC_OK;

mem_error:
    free(before);
    free(now);
    sc_changes_clear(changes);
    return SC_ERROR_MEMORY;
}

void sc_changes_clear(sc_changes *changes)
{
    if (!changes)
        return;
    free(changes->items);
    sc_arena_clear(&changes->strings);
    changes->items = NULL;
    changes->count = 0;
}
