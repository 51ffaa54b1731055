/*
 * tally.c - counting pupils by status, once, for every place that shows it.
 */
#include "stagecheck/core/tally.h"

void sc_tally_count(sc_tally *tally, sc_status status, int hosted, int late)
{
    /* A status out of range is the one that asks a person to look. */
    if ((unsigned)status >= SC_STATUS_COUNT)
        status = SC_STATUS_CHECK;
    tally->pupils++;
    tally->status[status]++;
    tally->hosted += hosted != 0;
    tally->late += late != 0;
}

void sc_tally_add(sc_tally *sum, const sc_tally *part)
{
    sum->pupils += part->pupils;
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sum->status[s] += part->status[s];
    sum->hosted += part->hosted;
    sum->late += part->late;
    sum->findings += part->findings;
}

size_t sc_tally_done(const sc_tally *tally)
{
    return tally->status[SC_STATUS_READY] + tally->status[SC_STATUS_DISPENSED];
}

int sc_tally_clean(const sc_tally *tally)
{
    return tally->findings == 0 && sc_tally_done(tally) == tally->pupils;
}
