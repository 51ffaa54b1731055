/*
 * period.h - the school calendar: school years and the national period.
 */
#ifndef STAGECHECK_CORE_PERIOD_H
#define STAGECHECK_CORE_PERIOD_H

#include <stdint.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"

/** Most working days a period may hold (they are kept in a 64-bit mask). */
#define SC_PERIOD_MAX_DAYS 64

/** Returns the first year of the school year (September to August) holding date. */
int sc_period_school_year(sc_date date);

/** The national period and its working days (Mondays to Fridays). */
typedef struct sc_period {
    sc_date start;
    sc_date end;
    int given;                         /* 1 if --period, 0 if computed */
    int ndays;                         /* number of working days */
    sc_date days[SC_PERIOD_MAX_DAYS];  /* the working days, in order */
} sc_period;

/** Fills period with start..end and its working days. Returns SC_ERROR_PERIOD
 *  if start > end, no working day falls inside, or more than
 *  SC_PERIOD_MAX_DAYS do. */
sc_error sc_period_init(sc_period *period, sc_date start, sc_date end, int given);

/** The default period: the two Monday-to-Friday weeks ending on the last
 *  Friday of June of the school year that holds as_of. */
void sc_period_default(sc_period *period, sc_date as_of);

/** Returns the index of date among the period's working days, or -1. */
int sc_period_day_index(const sc_period *period, sc_date date);

/** Returns the number of working days (Mondays to Fridays) from start to
 *  end inclusive, inside the period or not; 0 when start > end or either is
 *  SC_DATE_NONE. */
int sc_period_working_days(sc_date start, sc_date end);

/** Mask with one bit per working day of the period. */
uint64_t sc_period_all_days(const sc_period *period);

#endif /* STAGECHECK_CORE_PERIOD_H */
