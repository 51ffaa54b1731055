/*
 * inputs.h - the input files of a run told apart by what they are (device
 * and inode), not by name: read twice, every pupil of a file given twice
 * would be his own duplicate. And the files of a folder the secretary
 * drops her exports into.
 */
#ifndef STAGECHECK_INPUT_INPUTS_H
#define STAGECHECK_INPUT_INPUTS_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** The files seen so far. */
typedef struct sc_inputs sc_inputs;

/** Returns an empty set for up to capacity files, or NULL (no memory).
 *  The caller frees it with sc_inputs_free. */
sc_inputs *sc_inputs_new(size_t capacity);

/** Returns the path under which the file at path was seen before, or
 *  NULL; a file not seen before is learnt (path is borrowed: it must live
 *  as long as inputs), unless it cannot be found (stat fails: reading it
 *  will say why) or capacity files are known already. One stat per call:
 *  an académie gives hundreds of files. */
const char *sc_inputs_seen(sc_inputs *inputs, const char *path);

/** Frees inputs; NULL is fine. */
void sc_inputs_free(sc_inputs *inputs);

/** Lists the files of dir that stagecheck may read, by name: regular
 *  files ending in .csv, .txt, .tsv, .xlsx, .ods, .xls, .xml or .zip (any
 *  case), not hidden, and not an office suite's lock file ("~$…").
 *  Sets *paths ("dir/name", sorted by name; the caller frees each and the
 *  array) and *count. Returns SC_OK, SC_ERROR_FILE_OPEN with diag (the
 *  folder cannot be read) or SC_ERROR_MEMORY. */
sc_error sc_inputs_list_folder(const char *dir, char ***paths, size_t *count,
                               sc_diag *diag);

#endif /* STAGECHECK_INPUT_INPUTS_H */
