/*
 * changes.c - what changed between the previous run's statuses and this
 * one's: pure, the previous state and this run's lines in (a state, or
 * the pupils and their verdicts), the list of changes out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/array.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/state.h"
#include "stagecheck/base/text.h"

/* ---- What changed ------------------------------------------------------- */

/* The changes copy the few strings they show, so that the previous state,
 * a line per pupil, is freed as soon as it is compared: the process that
 * writes the workbook then does not inherit it (issue 14). */

/* Orders two places (uint32_t) of lines in the state's text by key, then
 * by place: among lines sharing a key, the first written comes first. */
static int line_order(const void *a, const void *b, void *state)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(sc_state_key_at(state, x), sc_state_key_at(state, y));

    if (c != 0)
        return c;
    return (x > y) - (x < y);
}

/* Returns the places of the lines of state sorted by key (an empty state
 * gives a non-NULL array), or NULL when out of memory. The caller frees
 * it. A copy, 4 bytes a line, and as much again for the scratch of
 * glibc's merge sort, at the peak of a second run: the state's own order
 * is the file's, and the comparison is pure. */
static uint32_t *state_sorted(const sc_state *state)
{
    uint32_t *sorted = malloc((state->count + 1) * sizeof *sorted);

    if (!sorted)
        return NULL;
    if (state->count)
        memcpy(sorted, state->lines, state->count * sizeof *sorted);
    qsort_r(sorted, state->count, sizeof *sorted, line_order,
            (void *)state);
    return sorted;
}

/* Compares two strings, NULL first. */
static int null_cmp(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* Class in version order ("2nde 2" before "2nde 10"), then names, then
 * whatever else tells two changes apart: an order of what they say, so
 * that the list is the same whatever order the changes were noted in. */
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
    if (c == 0)
        c = null_cmp(x->class_before, y->class_before);
    if (c == 0)
        c = (x->before > y->before) - (x->before < y->before);
    if (c == 0)
        c = (x->after > y->after) - (x->after < y->after);
    return c;
}

/* Points *s at a cleaned copy, which *copy then holds, when it holds a
 * tab or a line break (a pupil's own string may: the state's are
 * cleaned, sc_state_clean). Returns 0, or -1 when out of memory. */
static int clean_read(const char **s, char **copy)
{
    *copy = NULL;
    if (!(*s)[strcspn(*s, SC_STATE_BREAKS)])
        return 0;
    if (!(*copy = sc_state_clean(strdup(*s))))
        return -1;
    *s = *copy;
    return 0;
}

/* Returns 1 if two class names are one class, compared as the matching
 * compares them ("2NDE 2" = "2nde 2"), cleaned as the state file gives
 * them back: an export changing its spelling is no move. Returns -1 when
 * out of memory. */
static int same_class(const char *a, const char *b)
{
    char *ca, *cb = NULL, *x = NULL, *y = NULL;
    int same = -1;

    if (clean_read(&a, &ca) == 0 && clean_read(&b, &cb) == 0) {
        x = sc_text_key(a);
        y = sc_text_key(b);
        same = x && y ? strcmp(x, y) == 0 : strcmp(a, b) == 0;
    }
    free(x);
    free(y);
    free(ca);
    free(cb);
    return same;
}

/* Returns a cleaned copy of s in the list's arena (NULL stays NULL); NULL
 * when out of memory. */
static const char *change_keep(sc_changes *changes, const char *s)
{
    return s ? sc_state_clean(sc_arena_dup(&changes->strings, s)) : NULL;
}

/* Records what became of the pupil of prev (the previous line) and cur
 * (the current one); either may be NULL, not both. Returns 0, or -1 when
 * out of memory. */
static int change_note(sc_changes *changes, const sc_state_line *prev,
                       const sc_state_line *cur)
{
    sc_change ch;
    sc_change *kept;
    int same;

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
    } else if ((same = same_class(prev->class_name, cur->class_name)) < 0) {
        return -1;
    } else if (!same) {
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

/* This run's side of a comparison: count places, each a line or none,
 * read one at a time. */
typedef struct current_side current_side;
struct current_side {
    size_t count;
    /* Sets *line to place i's (its strings valid until the next call):
     * returns 1, 0 when the place has no line, -1 when out of memory. */
    int (*line)(current_side *side, size_t i, sc_state_line *line);
    const sc_state *state;      /* sc_changes_compare's lines */
    const sc_dataset *data;     /* sc_changes_compare_pupils' pupils, */
    const sc_verdict *verdicts; /* and their statuses */
    char *key;                  /* the key of a pupil's line, made here */
    size_t key_cap;             /* (sc_state_make_line grows it) */
};

static int state_line(current_side *side, size_t i, sc_state_line *line)
{
    *line = sc_state_get(side->state, i);
    return 1;
}

/* A shown pupil's line (sc_state_make_line), its key in the side's
 * buffer; the strings it borrows are cleaned where a change reads or
 * copies them. */
static int pupil_line(current_side *side, size_t i, sc_state_line *line)
{
    const sc_pupil *p = &side->data->pupils[i];

    if (!sc_pupil_shown(p))
        return 0;
    return sc_state_make_line(p, (sc_status)side->verdicts[i].status,
                              &side->key, &side->key_cap, line) == SC_OK
               ? 1
               : -1;
}

/* Returns the first of the places sorted (of previous's lines, by key)
 * whose key is not below key: previous->count when there is none. */
static size_t key_lower_bound(const sc_state *previous,
                              const uint32_t *sorted, const char *key)
{
    size_t lo = 0, hi = previous->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(sc_state_key_at(previous, sorted[mid]), key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The comparison itself: each line of this run, in order, is paired with
 * the previous line of its key, found by binary search among them sorted;
 * what no line paired has left. Lines sharing a key (which should not
 * happen) are paired in the order they were written: the first with the
 * first, and the extra ones arrived or left. Only the previous lines are
 * held: this run's are made one at a time. */
static sc_error compare(const sc_state *previous, current_side *cur,
                        sc_changes *changes, int8_t *previous_status)
{
    uint32_t *before = NULL, *taken = NULL;

    memset(changes, 0, sizeof *changes);
    before = state_sorted(previous);
    /* At the first place of each key: how many of its lines are paired. */
    taken = calloc(previous->count + 1, sizeof *taken);
    /* At most one change per line of either side. */
    changes->items = calloc(previous->count + cur->count + 1,
                            sizeof *changes->items);
    if (!before || !taken || !changes->items)
        goto mem_error;
    for (size_t i = 0; i < cur->count; i++) {
        sc_state_line prev, line;
        int paired = 0;
        int got = cur->line(cur, i, &line);
        size_t g, k;

        if (got < 0)
            goto mem_error;
        if (got == 0) {
            if (previous_status)
                previous_status[i] = -1;
            continue;
        }
        g = key_lower_bound(previous, before, line.key);
        k = g + (g < previous->count ? taken[g] : 0);
        if (k < previous->count &&
            strcmp(sc_state_key_at(previous, before[k]), line.key) == 0) {
            prev = sc_state_line_at(previous, before[k]);
            paired = 1;
            taken[g]++;
        }
        if (previous_status)
            previous_status[i] = paired ? (int8_t)prev.status : -1;
        if (change_note(changes, paired ? &prev : NULL, &line) != 0)
            goto mem_error;
    }
    for (size_t g = 0, end; g < previous->count; g = end) {
        const char *key = sc_state_key_at(previous, before[g]);

        for (end = g + 1;
             end < previous->count &&
             strcmp(sc_state_key_at(previous, before[end]), key) == 0;
             end++)
            ;
        for (size_t k = g + taken[g]; k < end; k++) {
            sc_state_line left = sc_state_line_at(previous, before[k]);

            if (change_note(changes, &left, NULL) != 0)
                goto mem_error;
        }
    }
    if (changes->count > 1)
        qsort(changes->items, changes->count, sizeof *changes->items,
              change_order);
    free(before);
    free(taken);
    return SC_OK;

mem_error:
    free(before);
    free(taken);
    sc_changes_clear(changes);
    return SC_ERROR_MEMORY;
}

sc_error sc_changes_compare(const sc_state *previous, const sc_state *current,
                          sc_changes *changes, int8_t *previous_status)
{
    current_side side = {.count = current->count, .line = state_line,
                         .state = current};

    return compare(previous, &side, changes, previous_status);
}

sc_error sc_changes_compare_pupils(const sc_state *previous,
                                   const sc_dataset *data,
                                   const sc_verdict *verdicts,
                                   sc_changes *changes,
                                   int8_t *previous_status)
{
    current_side side = {.count = data->npupils, .line = pupil_line,
                         .data = data, .verdicts = verdicts};
    sc_error err = compare(previous, &side, changes, previous_status);

    free(side.key);
    return err;
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
