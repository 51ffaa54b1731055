/*
 * fuzz_date.c - the date parsers (date cells, --as-of, --period) and the
 * periods built from what they accept.
 */
#include <string.h>
#include "fuzz.h"
#include "stagecheck/base/date.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/period.h"

/* A date the parsers accept names a real day, prints as JJ/MM/AAAA and
 * reads back as itself. */
static void check_date(sc_date date)
{
    char buf[11];
    sc_date back;
    int y, m, d;

    sc_date_split(date, &y, &m, &d);
    FUZZ_ASSERT(sc_date_valid(y, m, d));
    FUZZ_ASSERT(sc_date_make(y, m, d) == date);
    FUZZ_ASSERT(sc_date_weekday(date) >= 1 && sc_date_weekday(date) <= 7);
    sc_date_format(date, buf);
    FUZZ_ASSERT(strlen(buf) == 10);
    FUZZ_ASSERT(sc_date_parse(buf, &back) == SC_PARSE_OK && back == date);
}

static void check_period(const sc_period *period)
{
    uint64_t all = sc_period_all_days(period);

    FUZZ_ASSERT(period->ndays >= 1 && period->ndays <= SC_PERIOD_MAX_DAYS);
    FUZZ_ASSERT(all != 0 && (period->ndays == 64 ||
                             all >> period->ndays == 0));
    for (int i = 0; i < period->ndays; i++) {
        sc_date day = period->days[i];
        FUZZ_ASSERT(day >= period->start && day <= period->end);
        FUZZ_ASSERT(sc_date_weekday(day) <= 5);
        FUZZ_ASSERT(i == 0 || day > period->days[i - 1]);
        FUZZ_ASSERT(sc_period_day_index(period, day) == i);
    }
    FUZZ_ASSERT(sc_period_day_index(period, period->start - 1) == -1);
    FUZZ_ASSERT(sc_period_day_index(period, period->end + 1) == -1);
}

/* The default period of the school year holding as_of: two Monday to
 * Friday weeks ending on the last Friday of June. */
static void check_default_period(sc_date as_of)
{
    sc_period period;
    int y, m, d;

    if (sc_period_school_year(as_of) >= 9999) /* app.c refuses these */
        return;
    sc_period_default(&period, as_of);
    check_period(&period);
    FUZZ_ASSERT(period.ndays == 10);
    FUZZ_ASSERT(sc_date_weekday(period.start) == 1);
    FUZZ_ASSERT(sc_date_weekday(period.end) == 5);
    sc_date_split(period.end, &y, &m, &d);
    FUZZ_ASSERT(m == 6 && d > 23 && y == sc_period_school_year(as_of) + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    sc_date date, start, end;
    sc_parse parsed;
    int yes;

    parsed = sc_date_parse(text, &date);
    FUZZ_ASSERT(parsed <= SC_PARSE_INVALID);
    FUZZ_ASSERT((parsed == SC_PARSE_OK) == (date != SC_DATE_NONE));
    /* Empty is spaces and tabs only (other blanks are trimmed earlier). */
    FUZZ_ASSERT((parsed == SC_PARSE_EMPTY) ==
                (text[strspn(text, " \t")] == '\0'));
    if (parsed == SC_PARSE_OK) {
        check_date(date);
        check_default_period(date);
        /* A date in a signature cell means it was signed. */
        FUZZ_ASSERT(sc_text_parse_yesno(text, &yes) == SC_PARSE_OK && yes);
    }
    if (sc_date_parse_iso(text, &date) == 0) {
        sc_date again;
        check_date(date);
        /* The command line's form is also a cell's. */
        FUZZ_ASSERT(sc_date_parse(text, &again) == SC_PARSE_OK &&
                    again == date);
    }
    if (sc_date_parse_range(text, &start, &end) == 0) {
        sc_period period;
        check_date(start);
        check_date(end);
        if (sc_period_init(&period, start, end, 1) == SC_OK)
            check_period(&period);
        else
            FUZZ_ASSERT(start > end || end - start < 2 || end - start > 64);
        (void)sc_rules_is_minor(start, end);
    }
    free(text);
    return 0;
}
