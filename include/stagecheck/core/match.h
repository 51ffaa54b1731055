/*
 * match.h - tying each placements row to its pupil, and finding rows of the
 * rolls that repeat a pupil.
 */
#ifndef STAGECHECK_CORE_MATCH_H
#define STAGECHECK_CORE_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"

/** The entries of each pupil, in input order: the entries of pupil p are
 *  items[first[p]] .. items[first[p + 1] - 1] (indices into data->entries). */
typedef struct sc_links {
    uint32_t *first; /* npupils + 1 offsets: 32 bits, 4 MB fewer for a
                        million pupils (a dataset has fewer than 2^32
                        entries, sc_match_entries checks) */
    uint32_t *items; /* nentries at most */
} sc_links;

/** Marks roll rows that repeat a pupil (same INE, or same name and birth
 *  date): each row but the one kept is marked duplicate and reported. */
sc_error sc_match_duplicates(sc_dataset *data, sc_anomalies *anomalies);

/** Sets entry->pupil for every entry: by INE when both sides have one,
 *  otherwise by folded surname and first name, narrowed by class and then
 *  birth date. Entries that match no pupil, or several, are reported.
 *  Entries of pupils left out by --classes are reported as notes.
 *  Fills links (the caller frees it with sc_match_links_free). */
sc_error sc_match_entries(sc_dataset *data, sc_anomalies *anomalies,
                          sc_links *links);

/** Frees the arrays of links; NULL is fine. */
void sc_match_links_free(sc_links *links);

#endif /* STAGECHECK_CORE_MATCH_H */
