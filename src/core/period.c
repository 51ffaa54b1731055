/*
 * period.c - the school calendar: the school year of a date, and the
 * national period of the stage with its working days.
 */
#include <stdint.h>
#include <string.h>
#include "stagecheck/core/period.h"

int sc_period_school_year(sc_date date)
{
    int y, m, d;

    sc_date_split(date, &y, &m, &d);
    return m >= 9 ? y : y - 1;
}

sc_error sc_period_init(sc_period *period, sc_date start, sc_date end,
                        int given)
{
    memset(period, 0, sizeof *period);
    period->start = start;
    period->end = end;
    period->given = given;
    if (start == SC_DATE_NONE || end == SC_DATE_NONE || start > end)
        return SC_ERROR_PERIOD;
    for (sc_date day = start; day <= end; day++) {
        if (sc_date_weekday(day) > 5)
            continue;
        if (period->ndays == SC_PERIOD_MAX_DAYS)
            return SC_ERROR_PERIOD;
        period->days[period->ndays++] = day;
    }
    return period->ndays > 0 ? SC_OK : SC_ERROR_PERIOD;
}

void sc_period_default(sc_period *period, sc_date as_of)
{
    int june_year = sc_period_school_year(as_of) + 1;
    sc_date last_friday = sc_date_make(june_year, 6, 30);

    while (sc_date_weekday(last_friday) != 5)
        last_friday--;
    /* Two Monday-to-Friday weeks: the Monday eleven days before. */
    sc_period_init(period, last_friday - 11, last_friday, 0);
}

int sc_period_day_index(const sc_period *period, sc_date date)
{
    int lo = 0, hi = period->ndays - 1;

    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (period->days[mid] == date)
            return mid;
        if (period->days[mid] < date)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

int sc_period_working_days(sc_date start, sc_date end)
{
    int n = 0;

    if (start == SC_DATE_NONE || end == SC_DATE_NONE)
        return 0;
    for (sc_date day = start; day <= end; day++)
        n += sc_date_weekday(day) <= 5;
    return n;
}

uint64_t sc_period_all_days(const sc_period *period)
{
    return period->ndays >= 64 ? UINT64_MAX
                               : (UINT64_C(1) << period->ndays) - 1;
}
