/*
 * test_date.c - unit tests of date.c: calendar arithmetic and date cells.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/base/date.h"

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

#define TEST(name) cmocka_unit_test(name)

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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
