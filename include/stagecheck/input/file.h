/*
 * file.h - one input file into the dataset: read and decode, parse with the
 * separator that yields a header, map the header, build the records.
 */
#ifndef STAGECHECK_INPUT_FILE_H
#define STAGECHECK_INPUT_FILE_H
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/header.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/source.h"

/** One input file, parsed, with its header found. */
typedef struct sc_file {
    sc_source *source;
    sc_table *table;
    sc_header header;
    sc_kind kind;
} sc_file;

/** Parses a decoded source as a file of kind and finds its header: the
 *  detected separator is tried first, then the others, and the first that
 *  yields a header row wins; aliases (may be NULL) are the configuration's
 *  extra header names; undecodable bytes are reported into anomalies.
 *  file takes source (and frees it with sc_file_clear); the decoded text
 *  is freed once parsed, the table holding every field. Returns SC_OK, or
 *  an error that stops the run with diag filled (SC_ERROR_CSV_QUOTE,
 *  SC_ERROR_NO_HEADER, SC_ERROR_FILE_EMPTY, SC_ERROR_MEMORY). The caller
 *  clears file with sc_file_clear either way. */
sc_error sc_file_parse(sc_file *file, sc_source *source, sc_kind kind,
                       const sc_aliases *aliases, sc_anomalies *anomalies,
                       sc_diag *diag);

/** Reads and decodes path (sc_source_read), then sc_file_parse. */
sc_error sc_file_load(sc_file *file, const char *path, sc_kind kind,
                      const sc_aliases *aliases, sc_anomalies *anomalies,
                      sc_diag *diag);

/** Adds the rows of table, which is file's table or a view of it whose row
 *  0 is the header row, to data. Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_file_add(const sc_file *file, const sc_table *table,
                     sc_dataset *data, sc_anomalies *anomalies);

/** Frees what file holds and zeroes it; NULL is fine. */
void sc_file_clear(sc_file *file);

#endif /* STAGECHECK_INPUT_FILE_H */
