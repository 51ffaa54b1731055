/*
 * tally.h - the only place that counts pupils: by status, hosted in
 * school, late, and the findings beside them. stdout, the Synthèse, the
 * class rows and academie.xlsx all show a tally.
 */
#ifndef STAGECHECK_CORE_TALLY_H
#define STAGECHECK_CORE_TALLY_H

#include <stddef.h>
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"

typedef struct sc_tally {
    size_t pupils;                  /* pupils shown */
    size_t status[SC_STATUS_COUNT];
    size_t hosted;                  /* hosted in school some day */
    size_t late;                    /* past the deadline, not done */
    size_t findings;                /* errors and warnings */
    size_t other_level;             /* not followed: another level than the
                                       seconde GT (MEF or class name) */
    size_t not_chosen;              /* not followed: left out by --classes */
    size_t left;                    /* not followed: left the school */
} sc_tally;

/** Counts one pupil: its status, whether it is hosted in school some day
 *  and whether it is late. */
void sc_tally_count(sc_tally *tally, sc_status status, int hosted, int late);

/** Counts the pupils of data that are not followed, by why (the
 *  cohort's set_aside), duplicates left out. */
void sc_tally_count_aside(sc_tally *tally, const sc_dataset *data);

/** Writes who is not followed, and why, into buf ("28 élève(s) d'un autre
 *  niveau que la seconde générale et technologique, 2 parti(s) de
 *  l'établissement"), the same sentence on stdout and in the Synthèse.
 *  Returns 0 (buf untouched) when every pupil is followed, else 1. */
int sc_tally_aside_text(const sc_tally *tally, char *buf, size_t size);

/** Adds every count of part to sum. */
void sc_tally_add(sc_tally *sum, const sc_tally *part);

/** Returns the pupils whose placement needs nothing more: Prêt or
 *  Dispensé. */
size_t sc_tally_done(const sc_tally *tally);

/** Returns 1 if nothing is left to do: no finding and every pupil done
 *  (the exit status 0). */
int sc_tally_clean(const sc_tally *tally);

#endif /* STAGECHECK_CORE_TALLY_H */
