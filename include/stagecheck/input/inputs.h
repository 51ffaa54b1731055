/*
 * inputs.h - the input files of a run told apart by what they are (device
 * and inode), not by name: read twice, every pupil of a file given twice
 * would be his own duplicate.
 */
#ifndef STAGECHECK_INPUT_INPUTS_H
#define STAGECHECK_INPUT_INPUTS_H

#include <stddef.h>

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

#endif /* STAGECHECK_INPUT_INPUTS_H */
