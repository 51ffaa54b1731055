/*
 * timeline.h - where a run stands in the school calendar, worded once for
 * stdout and the Synthèse alike.
 */
#ifndef STAGECHECK_CORE_TIMELINE_H
#define STAGECHECK_CORE_TIMELINE_H

#include <stddef.h>
#include "stagecheck/base/date.h"
#include "stagecheck/core/period.h"

/** Writes into buf where as_of stands against the period: "J-12 avant le
 *  début de la période", "période en cours" or "période terminée". */
void sc_timeline_as_of(const sc_period *period, sc_date as_of, char *buf,
                       size_t size);

/** Writes into buf where as_of stands against the deadline for the
 *  conventions: "J-5", "aujourd'hui" or "dépassée : 3 élève(s) en retard"
 *  (late pupils). */
void sc_timeline_deadline(sc_date as_of, sc_date deadline, size_t late,
                          char *buf, size_t size);

#endif /* STAGECHECK_CORE_TIMELINE_H */
