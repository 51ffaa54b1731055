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
#ifndef STAGECHECK_STATE_H
#define STAGECHECK_STATE_H

#include <stddef.h>
#include "stagecheck/error.h"
#include "stagecheck/tempfile.h"
#include "stagecheck/record.h"
#include "stagecheck/rules.h"

typedef struct sc_state_item {
    char *key;
    char *class_name;
    char *surname;
    char *first;
    sc_status status;
    long pupil;          /* index in the dataset, -1 for a state read back */
} sc_state_item;

typedef struct sc_state {
    sc_state_item *items;
    size_t count;
    size_t cap;
} sc_state;

/** Returns the path of the state file of a workbook ("<output>.etat");
 *  NULL when out of memory. The caller frees it. */
char *sc_state_path(const char *output);

/** Returns the stable key of a pupil (see above); NULL when out of memory.
 *  The caller frees it. */
char *sc_state_key(const sc_pupil *pupil);

/** Appends a pupil's line. Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_state_add(sc_state *state, const sc_pupil *pupil, long index,
                      sc_status status);

/** Reads a state file into state (zeroed first). Returns SC_ERROR_FILE_OPEN
 *  when there is none, SC_ERROR_STATE (diag: file and line) when a line
 *  cannot be read, SC_ERROR_MEMORY, or SC_OK. */
sc_error sc_state_read(sc_state *state, const char *path, sc_diag *diag);

/** Writes state to path through a temporary file renamed into place
 *  (mode 0640 at most). Returns SC_ERROR_OUTPUT with diag on failure, the
 *  previous file left as it was. */
sc_error sc_state_write(const sc_state *state, const char *path,
                        sc_diag *diag);

/** Like sc_state_write, but leaves the written state in file's temporary
 *  file for the caller to sc_tempfile_commit (or abort). */
sc_error sc_state_prepare(const sc_state *state, const char *path,
                          sc_tempfile *file, sc_diag *diag);

/** Frees what state holds; a zeroed state is fine. */
void sc_state_clear(sc_state *state);

typedef enum sc_change_kind {
    SC_CHANGE_STATUS,   /* same pupil, new status (and maybe new class) */
    SC_CHANGE_CLASS,    /* same pupil and status, new class */
    SC_CHANGE_ARRIVED,  /* on the rolls now, not before */
    SC_CHANGE_LEFT      /* on the rolls before, not now */
} sc_change_kind;

/** One change; strings are borrowed from the two states. */
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
} sc_changes;

/** Compares the previous state with the current one (pure). Fills changes,
 *  sorted by class (strverscmp), surname and first name, and, for each item
 *  of current, previous_status[i] = its status in previous or -1.
 *  Returns SC_OK or SC_ERROR_MEMORY; the caller frees with
 *  sc_changes_clear. */
sc_error sc_state_compare(const sc_state *previous, const sc_state *current,
                          sc_changes *changes, int *previous_status);

/** Frees the change list; NULL is fine. */
void sc_changes_clear(sc_changes *changes);

#endif /* STAGECHECK_STATE_H */
