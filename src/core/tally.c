/*
 * tally.c - counting pupils by status, once, for every place that shows it.
 */
#include <stdio.h>
#include "stagecheck/core/tally.h"
#include "stagecheck/core/cohort.h"

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

void sc_tally_count_aside(sc_tally *tally, const sc_dataset *data)
{
    for (size_t p = 0; p < data->npupils; p++) {
        const sc_pupil *pupil = &data->pupils[p];

        if (pupil->duplicate)
            continue;
        switch (pupil->set_aside) {
        case SC_COHORT_MEF:
        case SC_COHORT_LEVEL:
            tally->other_level++;
            break;
        case SC_COHORT_CLASSES:
            tally->not_chosen++;
            break;
        case SC_COHORT_LEFT:
            tally->left++;
            break;
        default:
            break;
        }
    }
}

void sc_tally_add(sc_tally *sum, const sc_tally *part)
{
    sum->other_level += part->other_level;
    sum->not_chosen += part->not_chosen;
    sum->left += part->left;
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

int sc_tally_aside_text(const sc_tally *t, char *buf, size_t size)
{
    size_t len = 0;
    int n;

    if (!t->other_level && !t->not_chosen && !t->left)
        return 0;
    buf[0] = '\0';
    if (t->other_level &&
        (n = snprintf(buf + len, size - len, "%zu élève(s) d'un autre niveau "
                      "que la seconde générale et technologique",
                      t->other_level)) > 0 && (size_t)n < size - len)
        len += (size_t)n;
    if (t->not_chosen &&
        (n = snprintf(buf + len, size - len, "%s%zu écarté(s) par --classes",
                      len ? ", " : "", t->not_chosen)) > 0 &&
        (size_t)n < size - len)
        len += (size_t)n;
    if (t->left)
        snprintf(buf + len, size - len, "%s%zu parti(s) de l'établissement",
                 len ? ", " : "", t->left);
    return 1;
}
