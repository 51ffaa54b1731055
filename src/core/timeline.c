/*
 * timeline.c - the sentences that say how far off the period and the
 * deadline are.
 */
#include <stdio.h>
#include "stagecheck/core/timeline.h"

void sc_timeline_as_of(const sc_period *period, sc_date as_of, char *buf,
                       size_t size)
{
    if (as_of < period->start)
        snprintf(buf, size, "J-%ld avant le début de la période",
                 (long)period->start - (long)as_of);
    else
        snprintf(buf, size, "%s", as_of <= period->end ? "période en cours"
                                                       : "période terminée");
}

void sc_timeline_deadline(sc_date as_of, sc_date deadline, size_t late,
                          char *buf, size_t size)
{
    if (as_of < deadline)
        snprintf(buf, size, "J-%ld", (long)deadline - (long)as_of);
    else if (as_of == deadline)
        snprintf(buf, size, "aujourd'hui");
    else
        snprintf(buf, size, "dépassée : %zu élève(s) en retard", late);
}
