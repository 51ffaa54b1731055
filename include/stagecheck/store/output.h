/*
 * output.h - where the workbooks go: what an output path must be before
 * anything is read or written, the folder of --by-school, and the names of
 * the workbooks in it.
 */
#ifndef STAGECHECK_STORE_OUTPUT_H
#define STAGECHECK_STORE_OUTPUT_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** Refuses path as a workbook (SC_ERROR_OUTPUT, with diag) when it is a
 *  folder or, with check_folder, when its folder is missing or cannot be
 *  written; SC_ERROR_SAME_FILE when it is one of the ninputs files of
 *  inputs, which are never written. Returns SC_OK otherwise. */
sc_error sc_output_check(const char *path, int check_folder,
                         const char *const *inputs, size_t ninputs,
                         sc_diag *diag);

/** Makes sure dir, the folder of --by-school, is a folder: it is created
 *  (mode 0750) if its parent exists. Returns SC_OK, or SC_ERROR_OUTPUT with
 *  diag. */
sc_error sc_output_make_folder(const char *dir, sc_diag *diag);

/** Returns "dir/name", for the caller to free, or NULL (no memory). */
char *sc_output_join(const char *dir, const char *name);

/* The names of the workbooks given so far in a folder. */
typedef struct sc_output_names sc_output_names;

/** Returns an empty set of names, or NULL when out of memory; the caller
 *  frees it with sc_output_names_free. */
sc_output_names *sc_output_names_new(void);

/** Returns the path in dir of a workbook named name ("<...>.xlsx"), for
 *  the caller to free, or NULL when out of memory; the name is then taken
 *  in names. Two schools whose codes only differ by punctuation
 *  ("0690001A", "0690001A.") would share a name, so the later gets the
 *  first of "-2", "-3"... before ".xlsx" not taken yet, compared whole
 *  and without regard to case; "academie.xlsx" is never given. */
char *sc_output_book_path(sc_output_names *names, const char *dir,
                          const char *name);

/** Frees names; NULL is fine. */
void sc_output_names_free(sc_output_names *names);

#endif /* STAGECHECK_STORE_OUTPUT_H */
