/*
 * test_period.c - unit tests of period.c: the school year and the
 * national period's working days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/period.h"
#include "stagecheck/base/date.h"

#define D(y, m, d) sc_date_make((y), (m), (d))

/* Period tests get a zero-filled sc_period through *state. */
static int setup_period(void **state)
{
    sc_period *period = calloc(1, sizeof *period);

    if (!period)
        return -1;
    *state = period;
    return 0;
}

static int teardown_period(void **state)
{
    free(*state);
    return 0;
}

/* --- sc_period_school_year --- */

static void test_school_year_may_belongs_to_previous_september(void **state)
{
    (void)state;
    assert_int_equal(sc_period_school_year(D(2024, 5, 27)), 2023);
    assert_int_equal(sc_period_school_year(D(2024, 1, 1)), 2023);
}

static void test_school_year_starts_on_1_september(void **state)
{
    (void)state;
    assert_int_equal(sc_period_school_year(D(2023, 9, 1)), 2023);
    assert_int_equal(sc_period_school_year(D(2023, 8, 31)), 2022);
    assert_int_equal(sc_period_school_year(D(2024, 8, 31)), 2023);
}

/* --- sc_period --- */

/* Checks the default period of the 2023-2024 school year. */
static void assert_period_june_2024(const sc_period *period)
{
    assert_int_equal(period->start, D(2024, 6, 17));
    assert_int_equal(period->end, D(2024, 6, 28));
    assert_int_equal(period->given, 0);
    assert_int_equal(period->ndays, 10);
    assert_int_equal(period->days[0], D(2024, 6, 17));
    assert_int_equal(sc_date_weekday(period->days[0]), 1);
    assert_int_equal(period->days[4], D(2024, 6, 21));
    assert_int_equal(period->days[5], D(2024, 6, 24));
    assert_int_equal(period->days[9], D(2024, 6, 28));
    for (int i = 0; i < period->ndays; i++) {
        assert_in_range(sc_date_weekday(period->days[i]), 1, 5);
        assert_int_not_equal(period->days[i], D(2024, 6, 22));
        assert_int_not_equal(period->days[i], D(2024, 6, 23));
        if (i > 0)
            assert_true(period->days[i] > period->days[i - 1]);
    }
}

static void test_period_default_may_2024_is_17_to_28_june(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2024, 5, 27));
    assert_period_june_2024(period);
}

static void test_period_default_october_2023_is_17_to_28_june_2024(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2023, 10, 1));
    assert_period_june_2024(period);
}

static void test_period_default_august_2024_is_still_june_2024(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2024, 8, 31));
    assert_period_june_2024(period);
}

static void test_period_default_2025_ends_friday_27_june(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2025, 1, 15));
    assert_int_equal(period->start, D(2025, 6, 16));
    assert_int_equal(period->end, D(2025, 6, 27));
    assert_int_equal(period->ndays, 10);
    assert_int_equal(sc_date_weekday(period->start), 1);
}

static void test_period_default_2026_ends_friday_26_june(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2026, 3, 1));
    assert_int_equal(period->start, D(2026, 6, 15));
    assert_int_equal(period->end, D(2026, 6, 26));
    assert_int_equal(period->ndays, 10);
}

static void test_period_default_30_june_on_friday_is_last_day(void **state)
{
    sc_period *period = *state;

    /* 30/06/2023 is a Friday. */
    sc_period_default(period, D(2022, 12, 1));
    assert_int_equal(period->start, D(2023, 6, 19));
    assert_int_equal(period->end, D(2023, 6, 30));
    assert_int_equal(period->ndays, 10);
}

static void test_period_default_september_starts_next_june(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2024, 9, 1));
    assert_int_equal(period->end, D(2025, 6, 27));
}

static void test_period_init_keeps_given_dates_and_weekdays(void **state)
{
    sc_period *period = *state;

    /* Wednesday 19/06 to Tuesday 25/06: 5 working days. */
    assert_int_equal(sc_period_init(period, D(2024, 6, 19), D(2024, 6, 25), 1),
                     SC_OK);
    assert_int_equal(period->start, D(2024, 6, 19));
    assert_int_equal(period->end, D(2024, 6, 25));
    assert_int_equal(period->given, 1);
    assert_int_equal(period->ndays, 5);
    assert_int_equal(period->days[0], D(2024, 6, 19));
    assert_int_equal(period->days[2], D(2024, 6, 21));
    assert_int_equal(period->days[3], D(2024, 6, 24));
    assert_int_equal(period->days[4], D(2024, 6, 25));
}

static void test_period_init_accepts_a_single_day(void **state)
{
    sc_period *period = *state;

    assert_int_equal(sc_period_init(period, D(2024, 6, 17), D(2024, 6, 17), 1),
                     SC_OK);
    assert_int_equal(period->ndays, 1);
    assert_int_equal(period->days[0], D(2024, 6, 17));
}

static void test_period_init_rejects_start_after_end(void **state)
{
    sc_period *period = *state;

    assert_int_equal(sc_period_init(period, D(2024, 6, 28), D(2024, 6, 17), 1),
                     SC_ERROR_PERIOD);
}

static void test_period_init_rejects_weekend_only(void **state)
{
    sc_period *period = *state;

    assert_int_equal(sc_period_init(period, D(2024, 6, 22), D(2024, 6, 23), 1),
                     SC_ERROR_PERIOD);
}

static void test_period_init_accepts_64_working_days(void **state)
{
    sc_period *period = *state;

    /* Monday 01/01/2024 + 12 weeks + 4 days: Thursday 28/03/2024. */
    assert_int_equal(sc_period_init(period, D(2024, 1, 1), D(2024, 3, 28), 1),
                     SC_OK);
    assert_int_equal(period->ndays, SC_PERIOD_MAX_DAYS);
    assert_int_equal(period->days[63], D(2024, 3, 28));
}

static void test_period_init_rejects_65_working_days(void **state)
{
    sc_period *period = *state;

    assert_int_equal(sc_period_init(period, D(2024, 1, 1), D(2024, 3, 29), 1),
                     SC_ERROR_PERIOD);
}

static void test_period_day_index_counts_working_days_only(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2024, 5, 27));
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 17)), 0);
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 21)), 4);
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 24)), 5);
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 28)), 9);
    for (int i = 0; i < period->ndays; i++)
        assert_int_equal(sc_period_day_index(period, period->days[i]), i);
}

static void test_period_day_index_weekend_and_outside_are_minus_one(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2024, 5, 27));
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 22)), -1);
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 23)), -1);
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 16)), -1);
    assert_int_equal(sc_period_day_index(period, D(2024, 6, 29)), -1);
    assert_int_equal(sc_period_day_index(period, D(2024, 7, 1)), -1);
}

static void test_period_all_days_has_one_bit_per_working_day(void **state)
{
    sc_period *period = *state;

    sc_period_default(period, D(2024, 5, 27));
    assert_int_equal(sc_period_all_days(period), 0x3FF);
    assert_int_equal(sc_period_init(period, D(2024, 6, 17), D(2024, 6, 17), 1),
                     SC_OK);
    assert_int_equal(sc_period_all_days(period), 1);
}

static void test_period_all_days_64_days_fills_the_mask(void **state)
{
    sc_period *period = *state;

    assert_int_equal(sc_period_init(period, D(2024, 1, 1), D(2024, 3, 28), 1),
                     SC_OK);
    assert_true(sc_period_all_days(period) == UINT64_MAX);
    assert_int_equal(sc_period_init(period, D(2024, 1, 1), D(2024, 3, 27), 1),
                     SC_OK);
    assert_true(sc_period_all_days(period) == UINT64_MAX >> 1);
}

static void test_period_working_days_count_mondays_to_fridays(void **state)
{
    (void)state;
    /* Two school weeks, Monday 17 to Friday 28 June 2024: ten days. */
    assert_int_equal(sc_period_working_days(D(2024, 6, 17), D(2024, 6, 28)), 10);
    /* A weekend alone counts none. */
    assert_int_equal(sc_period_working_days(D(2024, 6, 22), D(2024, 6, 23)), 0);
    /* Wednesday to the Tuesday after: five days (Sat and Sun skipped). */
    assert_int_equal(sc_period_working_days(D(2024, 6, 19), D(2024, 6, 25)), 5);
    assert_int_equal(sc_period_working_days(D(2024, 6, 28), D(2024, 6, 17)), 0);
    assert_int_equal(sc_period_working_days(SC_DATE_NONE, D(2024, 6, 17)), 0);
}

#define TEST(name) cmocka_unit_test(name)
#define TEST_PERIOD(name) \
    cmocka_unit_test_setup_teardown(name, setup_period, teardown_period)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_school_year_may_belongs_to_previous_september),
        TEST(test_school_year_starts_on_1_september),
        TEST(test_period_working_days_count_mondays_to_fridays),
        TEST_PERIOD(test_period_default_may_2024_is_17_to_28_june),
        TEST_PERIOD(test_period_default_october_2023_is_17_to_28_june_2024),
        TEST_PERIOD(test_period_default_august_2024_is_still_june_2024),
        TEST_PERIOD(test_period_default_2025_ends_friday_27_june),
        TEST_PERIOD(test_period_default_2026_ends_friday_26_june),
        TEST_PERIOD(test_period_default_30_june_on_friday_is_last_day),
        TEST_PERIOD(test_period_default_september_starts_next_june),
        TEST_PERIOD(test_period_init_keeps_given_dates_and_weekdays),
        TEST_PERIOD(test_period_init_accepts_a_single_day),
        TEST_PERIOD(test_period_init_rejects_start_after_end),
        TEST_PERIOD(test_period_init_rejects_weekend_only),
        TEST_PERIOD(test_period_init_accepts_64_working_days),
        TEST_PERIOD(test_period_init_rejects_65_working_days),
        TEST_PERIOD(test_period_day_index_counts_working_days_only),
        TEST_PERIOD(test_period_day_index_weekend_and_outside_are_minus_one),
        TEST_PERIOD(test_period_all_days_has_one_bit_per_working_day),
        TEST_PERIOD(test_period_all_days_64_days_fills_the_mask),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
