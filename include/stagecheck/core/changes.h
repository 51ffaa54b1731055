/*
 * changes.h - what changed since the previous run (pure).
 */
#ifndef STAGECHECK_CORE_CHANGES_H
#define STAGECHECK_CORE_CHANGES_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/state.h"

typedef enum sc_change_kind {
    SC_CHANGE_STATUS,   /* same pupil, new status (and maybe new class) */
    SC_CHANGE_CLASS,    /* same pupil and status, new class */
    SC_CHANGE_ARRIVED,  /* on the rolls now, not before */
    SC_CHANGE_LEFT      /* on the rolls before, not now */
} sc_change_kind;

/** One change; its strings are the list's (copies of the states'). */
typedef struct sc_change {
    sc_change_kind kind;
    const char *class_name;   /* now, or before for SC_CHANGE_LEFT */
    const char *class_before; /* NULL for SC_CHANGE_ARRIVED */
    const char *surname;
    const char *first;
    int before;               /* sc_status, or -1 when arrived */
    int after;                /* sc_status, or -1 when left */
} sc_change;

typedef struct sc_changes {
    sc_change *items;
    size_t count;
    sc_arena strings;         /* the changes' strings */
} sc_changes;

_Static_assert(SC_STATUS_COUNT <= INT8_MAX,
               "a status, or -1, fits in a previous_status");

/** Compares the previous state with the current one (pure). Fills changes,
 *  sorted by class (strverscmp), surname and first name, and, for each item
 *  of current, previous_status[i] = its status in previous or -1 (a
 *  byte a pupil: a status fits, SC_STATUS_COUNT <= INT8_MAX).
 *  The list copies what it shows: the states may be freed before it.
 *  Returns SC_OK or SC_ERROR_MEMORY; the caller frees with
 *  sc_changes_clear. */
sc_error sc_changes_compare(const sc_state *previous, const sc_state *current,
                          sc_changes *changes, int8_t *previous_status);

/** The same for this run's state made from the pupils, not held: a line
 *  for each shown pupil of data (sc_pupil_shown), as sc_state_make_line
 *  makes it, with its verdict's status; previous_status has one place per
 *  pupil of data, -1 for a pupil not shown or not in previous. */
sc_error sc_changes_compare_pupils(const sc_state *previous,
                                   const sc_dataset *data,
                                   const sc_verdict *verdicts,
                                   sc_changes *changes,
                                   int8_t *previous_status);

/** Frees the change list; NULL is fine. */
void sc_changes_clear(sc_changes *changes);

#endif /* STAGECHECK_CORE_CHANGES_H */
