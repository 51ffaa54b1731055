/*
 * record.h - pupils and entries built from the mapped rows of a table.
 */
#ifndef STAGECHECK_INPUT_RECORD_H
#define STAGECHECK_INPUT_RECORD_H

#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/header.h"
#include "stagecheck/input/source.h"

/** Adds the rows of a roll below its header. Rows that cannot be a pupil
 *  (no name, no class) and unreadable cells go to anomalies. last says
 *  this is the rows' last reading: they are given back as they are read,
 *  when table holds them or borrows them (sc_table_release), and table
 *  is then only fit to be freed. */
sc_error sc_record_add_roll(sc_dataset *data, const sc_source *source,
                             sc_table *table, const sc_header *header,
                             sc_anomalies *anomalies, int last);

/** Adds the rows of a placements file below its header; last as for
 *  sc_record_add_roll. */
sc_error sc_record_add_placements(sc_dataset *data, const sc_source *source,
                                   sc_table *table, const sc_header *header,
                                   sc_anomalies *anomalies, int last);

#endif /* STAGECHECK_INPUT_RECORD_H */
