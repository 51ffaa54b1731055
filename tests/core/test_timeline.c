/*
 * test_timeline.c - unit tests of timeline.c: the exact French sentences
 * that say where a run stands against the period and the deadline, shared
 * by stdout and the Synthèse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/timeline.h"
#include "stagecheck/base/date.h"
#include "stagecheck/core/period.h"

#define D(y, m, d) sc_date_make((y), (m), (d))

/* The period of 17 to 28 June 2024 and a buffer for the sentence. */
typedef struct fixture {
    sc_period period;
    char buf[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f || sc_period_init(&f->period, D(2024, 6, 17), D(2024, 6, 28), 0)
                  != SC_OK) {
        free(f);
        return -1;
    }
    memset(f->buf, 'x', sizeof f->buf);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

#define assert_as_of(f, date, text) \
    do { \
        sc_timeline_as_of(&(f)->period, (date), (f)->buf, sizeof (f)->buf); \
        assert_string_equal((f)->buf, (text)); \
    } while (0)

#define assert_deadline(f, as_of, deadline, late, text) \
    do { \
        sc_timeline_deadline((as_of), (deadline), (late), (f)->buf, \
                             sizeof (f)->buf); \
        assert_string_equal((f)->buf, (text)); \
    } while (0)

/* ---- The period --------------------------------------------------------- */

static void test_as_of_before_the_period_counts_the_days_left(void **state)
{
    fixture *f = *state;

    /* Calendar days, weekends included, as README's example shows. */
    assert_as_of(f, D(2024, 5, 27), "J-21 avant le début de la période");
    assert_as_of(f, D(2024, 6, 5), "J-12 avant le début de la période");
    assert_as_of(f, D(2023, 12, 31), "J-169 avant le début de la période");
}

static void test_as_of_the_day_before_is_j_minus_1(void **state)
{
    fixture *f = *state;

    assert_as_of(f, D(2024, 6, 16), "J-1 avant le début de la période");
}

static void test_as_of_from_first_to_last_day_is_under_way(void **state)
{
    fixture *f = *state;

    assert_as_of(f, D(2024, 6, 17), "période en cours");
    assert_as_of(f, D(2024, 6, 22), "période en cours"); /* a Saturday */
    assert_as_of(f, D(2024, 6, 28), "période en cours");
}

static void test_as_of_after_the_last_day_is_over(void **state)
{
    fixture *f = *state;

    assert_as_of(f, D(2024, 6, 29), "période terminée");
    assert_as_of(f, D(2024, 9, 2), "période terminée");
}

static void test_as_of_against_a_period_given_on_a_wednesday(void **state)
{
    fixture *f = *state;

    /* The start as given, not the Monday of its week. */
    assert_int_equal(sc_period_init(&f->period, D(2024, 6, 19), D(2024, 6, 25),
                                    1), SC_OK);
    assert_as_of(f, D(2024, 6, 17), "J-2 avant le début de la période");
    assert_as_of(f, D(2024, 6, 26), "période terminée");
}

/* ---- The deadline ------------------------------------------------------- */

static void test_deadline_ahead_counts_the_days_left(void **state)
{
    fixture *f = *state;

    assert_deadline(f, D(2024, 5, 27), D(2024, 6, 1), 0, "J-5");
    assert_deadline(f, D(2024, 5, 31), D(2024, 6, 1), 4, "J-1");
    assert_deadline(f, D(2023, 12, 1), D(2024, 6, 1), 0, "J-183");
}

static void test_deadline_on_the_day_is_today(void **state)
{
    fixture *f = *state;

    assert_deadline(f, D(2024, 6, 1), D(2024, 6, 1), 3, "aujourd'hui");
}

static void test_deadline_past_says_how_many_are_late(void **state)
{
    fixture *f = *state;

    assert_deadline(f, D(2024, 6, 2), D(2024, 6, 1), 3,
                    "dépassée : 3 élève(s) en retard");
    assert_deadline(f, D(2024, 6, 20), D(2024, 6, 1), 1,
                    "dépassée : 1 élève(s) en retard");
    assert_deadline(f, D(2024, 6, 2), D(2024, 6, 1), 0,
                    "dépassée : 0 élève(s) en retard");
    assert_deadline(f, D(2024, 6, 2), D(2024, 6, 1), 12345,
                    "dépassée : 12345 élève(s) en retard");
}

static void test_sentences_fit_a_short_buffer(void **state)
{
    fixture *f = *state;

    /* Cut by snprintf, still a string. */
    sc_timeline_as_of(&f->period, D(2024, 6, 5), f->buf, 6);
    assert_string_equal(f->buf, "J-12 ");
    memset(f->buf, 'x', sizeof f->buf);
    sc_timeline_deadline(D(2024, 6, 2), D(2024, 6, 1), 3, f->buf, 4);
    assert_string_equal(f->buf, "d\xC3\xA9");
    assert_int_equal(f->buf[4], 'x'); /* nothing past the size */
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_as_of_before_the_period_counts_the_days_left),
        TEST(test_as_of_the_day_before_is_j_minus_1),
        TEST(test_as_of_from_first_to_last_day_is_under_way),
        TEST(test_as_of_after_the_last_day_is_over),
        TEST(test_as_of_against_a_period_given_on_a_wednesday),
        TEST(test_deadline_ahead_counts_the_days_left),
        TEST(test_deadline_on_the_day_is_today),
        TEST(test_deadline_past_says_how_many_are_late),
        TEST(test_sentences_fit_a_short_buffer),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
