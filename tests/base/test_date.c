/*
 * test_date.c - unit tests of date.c: calendar arithmetic, date cells and
 * the national period.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/base/date.h"
#include "stagecheck/core/period.h"

#define D(y, m, d) sc_date_make((y), (m), (d))

#define assert_ymd(date, yy, mm, dd) \
    do { \
        int y_, m_, d_; \
        sc_date_split((date), &y_, &m_, &d_); \
        assert_int_equal(y_, (yy)); \
        assert_int_equal(m_, (mm)); \
        assert_int_equal(d_, (dd)); \
    } while (0)

/* Parses text with sc_date_parse, expects SC_PARSE_OK and the given day. */
#define assert_parses_to(text, yy, mm, dd) \
    do { \
        sc_date out_ = 0; \
        assert_int_equal(sc_date_parse((text), &out_), SC_PARSE_OK); \
        assert_int_equal(out_, D((yy), (mm), (dd))); \
    } while (0)

#define assert_parse_invalid(text) \
    do { \
        sc_date out_ = 0; \
        assert_int_equal(sc_date_parse((text), &out_), SC_PARSE_INVALID); \
    } while (0)

#define assert_iso_rejected(text) \
    do { \
        sc_date out_ = 0; \
        assert_int_not_equal(sc_date_parse_iso((text), &out_), 0); \
    } while (0)

#define assert_format(date, text) \
    do { \
        char buf_[11]; \
        memset(buf_, 'x', sizeof buf_); \
        sc_date_format((date), buf_); \
        assert_string_equal(buf_, (text)); \
    } while (0)

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

/* --- make, split, valid, weekday --- */

static void test_date_1970_01_01_is_day_zero(void **state)
{
    (void)state;
    assert_int_equal(D(1970, 1, 1), 0);
    assert_ymd(0, 1970, 1, 1);
    assert_ymd(-1, 1969, 12, 31);
}

static void test_date_round_trip_29_february_2024(void **state)
{
    (void)state;
    assert_ymd(D(2024, 2, 29), 2024, 2, 29);
    assert_int_equal(D(2024, 2, 29) + 1, D(2024, 3, 1));
    assert_int_equal(D(2024, 2, 28) + 1, D(2024, 2, 29));
}

static void test_date_round_trip_2000_03_01_after_leap_century(void **state)
{
    (void)state;
    assert_ymd(D(2000, 3, 1), 2000, 3, 1);
    /* 2000 is a leap year (divisible by 400): 29/02/2000 exists. */
    assert_int_equal(D(2000, 3, 1) - 1, D(2000, 2, 29));
    assert_int_equal(D(2000, 3, 1), 11017);
}

static void test_date_consecutive_days_from_1900_to_2100(void **state)
{
    sc_date expected = D(1900, 1, 1);

    (void)state;
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++) {
                if (!sc_date_valid(y, m, d))
                    continue;
                assert_int_equal(D(y, m, d), expected);
                assert_ymd(expected, y, m, d);
                expected++;
            }
    assert_int_equal(expected, D(2101, 1, 1));
}

static void test_date_valid_knows_leap_years_and_month_lengths(void **state)
{
    (void)state;
    assert_true(sc_date_valid(2024, 2, 29));
    assert_true(sc_date_valid(2000, 2, 29));
    assert_false(sc_date_valid(2023, 2, 29));
    assert_false(sc_date_valid(1900, 2, 29));
    assert_false(sc_date_valid(2024, 2, 31));
    assert_false(sc_date_valid(2024, 4, 31));
    assert_true(sc_date_valid(2024, 12, 31));
    assert_false(sc_date_valid(2024, 13, 1));
    assert_false(sc_date_valid(2024, 0, 1));
    assert_false(sc_date_valid(2024, 1, 0));
    assert_false(sc_date_valid(0, 1, 1));
    assert_true(sc_date_valid(9999, 12, 31));
    assert_false(sc_date_valid(10000, 1, 1));
}

static void test_date_weekday_17_june_2024_is_monday(void **state)
{
    (void)state;
    assert_int_equal(sc_date_weekday(D(2024, 6, 17)), 1);
}

static void test_date_weekday_28_june_2024_is_friday(void **state)
{
    (void)state;
    assert_int_equal(sc_date_weekday(D(2024, 6, 28)), 5);
}

static void test_date_weekday_22_june_2024_is_saturday(void **state)
{
    (void)state;
    assert_int_equal(sc_date_weekday(D(2024, 6, 22)), 6);
    assert_int_equal(sc_date_weekday(D(2024, 6, 23)), 7);
}

static void test_date_weekday_before_1970(void **state)
{
    (void)state;
    assert_int_equal(sc_date_weekday(D(1970, 1, 1)), 4); /* Thursday */
    assert_int_equal(sc_date_weekday(D(1969, 12, 31)), 3);
    assert_int_equal(sc_date_weekday(D(1969, 12, 29)), 1);
    assert_int_equal(sc_date_weekday(D(1900, 1, 1)), 1);
}

/* --- sc_date_parse --- */

static void test_date_parse_reads_jj_mm_aaaa(void **state)
{
    (void)state;
    assert_parses_to("17/06/2024", 2024, 6, 17);
    assert_parses_to("29/02/2024", 2024, 2, 29);
}

static void test_date_parse_reads_single_digit_day_and_month(void **state)
{
    (void)state;
    assert_parses_to("7/6/2024", 2024, 6, 7);
    assert_parses_to("07/6/2024", 2024, 6, 7);
}

static void test_date_parse_reads_aaaa_mm_jj(void **state)
{
    (void)state;
    assert_parses_to("2024-06-17", 2024, 6, 17);
}

static void test_date_parse_ignores_time_after_date(void **state)
{
    (void)state;
    assert_parses_to("17/06/2024 00:00", 2024, 6, 17);
    assert_parses_to("17/06/2024 08:30:15", 2024, 6, 17);
    assert_parses_to("2024-06-17 00:00:00", 2024, 6, 17);
}

static void test_date_parse_rejects_impossible_time(void **state)
{
    (void)state;
    assert_parse_invalid("17/06/2024 25:00");
    assert_parse_invalid("17/06/2024 10:75");
    assert_parse_invalid("17/06/2024 10h30");
}

static void test_date_parse_ignores_surrounding_spaces(void **state)
{
    (void)state;
    assert_parses_to("  17/06/2024 ", 2024, 6, 17);
    assert_parses_to("\t17/06/2024", 2024, 6, 17);
}

/* Contract: "surrounding blanks are ignored"; a leading tab is, so must a
 * trailing one be. */
static void test_date_parse_ignores_trailing_tab(void **state)
{
    (void)state;
    assert_parses_to("17/06/2024\t", 2024, 6, 17);
}

static void test_date_parse_blank_is_empty(void **state)
{
    sc_date out = 0;

    (void)state;
    assert_int_equal(sc_date_parse("", &out), SC_PARSE_EMPTY);
    assert_int_equal(out, SC_DATE_NONE);
    out = 0;
    assert_int_equal(sc_date_parse("   ", &out), SC_PARSE_EMPTY);
    assert_int_equal(out, SC_DATE_NONE);
}

static void test_date_parse_rejects_31_february(void **state)
{
    (void)state;
    assert_parse_invalid("31/02/2024");
}

static void test_date_parse_rejects_29_february_2023(void **state)
{
    (void)state;
    assert_parse_invalid("29/02/2023");
}

static void test_date_parse_rejects_month_13_day_45(void **state)
{
    (void)state;
    assert_parse_invalid("2024-13-45");
}

static void test_date_parse_rejects_zero_date(void **state)
{
    (void)state;
    assert_parse_invalid("00/00/0000");
}

static void test_date_parse_rejects_two_digit_year(void **state)
{
    (void)state;
    assert_parse_invalid("1/1/24");
}

static void test_date_parse_rejects_dashes_in_french_order(void **state)
{
    (void)state;
    assert_parse_invalid("17-06-2024");
}

static void test_date_parse_rejects_words(void **state)
{
    (void)state;
    assert_parse_invalid("demain");
}

static void test_date_parse_rejects_trailing_garbage(void **state)
{
    (void)state;
    assert_parse_invalid("17/06/2024x");
    assert_parse_invalid("2024-06-17x");
    assert_parse_invalid("17/06/20245");
}

/* --- sc_date_parse_iso --- */

static void test_date_parse_iso_reads_aaaa_mm_jj(void **state)
{
    sc_date out = 0;

    (void)state;
    assert_int_equal(sc_date_parse_iso("2024-06-17", &out), 0);
    assert_int_equal(out, D(2024, 6, 17));
    assert_int_equal(sc_date_parse_iso("2024-02-29", &out), 0);
    assert_int_equal(out, D(2024, 2, 29));
}

static void test_date_parse_iso_rejects_french_form(void **state)
{
    (void)state;
    assert_iso_rejected("17/06/2024");
    assert_iso_rejected("17-06-2024");
}

static void test_date_parse_iso_rejects_short_or_long_forms(void **state)
{
    (void)state;
    assert_iso_rejected("2024-6-17");
    assert_iso_rejected("24-06-17");
    assert_iso_rejected("2024-06-17 ");
    assert_iso_rejected("2024-06-17x");
    assert_iso_rejected("2024-06-17 00:00");
    assert_iso_rejected("");
}

static void test_date_parse_iso_rejects_impossible_day(void **state)
{
    (void)state;
    assert_iso_rejected("2024-02-30");
    assert_iso_rejected("2023-02-29");
    assert_iso_rejected("2024-13-01");
}

/* Contract: "strictly AAAA-MM-JJ": ten characters, digits where the
 * pattern has letters. */
static void test_date_parse_iso_rejects_signs_and_spaces_in_digits(void **state)
{
    (void)state;
    assert_iso_rejected("2024-+6-17");
    assert_iso_rejected("2024-06- 7");
    assert_iso_rejected(" 202-06-17");
    assert_iso_rejected("+024-06-17");
}

/* --- sc_date_format --- */

static void test_date_format_writes_jj_mm_aaaa(void **state)
{
    (void)state;
    assert_format(D(2024, 6, 17), "17/06/2024");
    assert_format(D(2024, 2, 29), "29/02/2024");
    assert_format(0, "01/01/1970");
}

static void test_date_format_none_is_empty(void **state)
{
    (void)state;
    assert_format(SC_DATE_NONE, "");
}

static void test_date_format_reads_back_with_parse(void **state)
{
    (void)state;
    for (sc_date d = D(2023, 12, 25); d <= D(2024, 3, 5); d++) {
        char buf[11];
        sc_date back = SC_DATE_NONE;

        sc_date_format(d, buf);
        assert_int_equal(sc_date_parse(buf, &back), SC_PARSE_OK);
        assert_int_equal(back, d);
    }
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

#define TEST(name) cmocka_unit_test(name)
#define TEST_PERIOD(name) \
    cmocka_unit_test_setup_teardown(name, setup_period, teardown_period)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_date_1970_01_01_is_day_zero),
        TEST(test_date_round_trip_29_february_2024),
        TEST(test_date_round_trip_2000_03_01_after_leap_century),
        TEST(test_date_consecutive_days_from_1900_to_2100),
        TEST(test_date_valid_knows_leap_years_and_month_lengths),
        TEST(test_date_weekday_17_june_2024_is_monday),
        TEST(test_date_weekday_28_june_2024_is_friday),
        TEST(test_date_weekday_22_june_2024_is_saturday),
        TEST(test_date_weekday_before_1970),
        TEST(test_date_parse_reads_jj_mm_aaaa),
        TEST(test_date_parse_reads_single_digit_day_and_month),
        TEST(test_date_parse_reads_aaaa_mm_jj),
        TEST(test_date_parse_ignores_time_after_date),
        TEST(test_date_parse_rejects_impossible_time),
        TEST(test_date_parse_ignores_surrounding_spaces),
        TEST(test_date_parse_ignores_trailing_tab),
        TEST(test_date_parse_blank_is_empty),
        TEST(test_date_parse_rejects_31_february),
        TEST(test_date_parse_rejects_29_february_2023),
        TEST(test_date_parse_rejects_month_13_day_45),
        TEST(test_date_parse_rejects_zero_date),
        TEST(test_date_parse_rejects_two_digit_year),
        TEST(test_date_parse_rejects_dashes_in_french_order),
        TEST(test_date_parse_rejects_words),
        TEST(test_date_parse_rejects_trailing_garbage),
        TEST(test_date_parse_iso_reads_aaaa_mm_jj),
        TEST(test_date_parse_iso_rejects_french_form),
        TEST(test_date_parse_iso_rejects_short_or_long_forms),
        TEST(test_date_parse_iso_rejects_impossible_day),
        TEST(test_date_parse_iso_rejects_signs_and_spaces_in_digits),
        TEST(test_date_format_writes_jj_mm_aaaa),
        TEST(test_date_format_none_is_empty),
        TEST(test_date_format_reads_back_with_parse),
        TEST(test_school_year_may_belongs_to_previous_september),
        TEST(test_school_year_starts_on_1_september),
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
