/*
 * test_tally.c - unit tests of tally.c: the one place that counts pupils
 * by status, hosted in school and late, with the findings beside them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../support.h"
#include "stagecheck/core/cohort.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/tally.h"
#include "stagecheck/core/status.h"

/* Two zeroed tallies through *state. */
typedef struct fixture {
    sc_tally a;
    sc_tally b;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

/* Asserts every count of t: pupils, the six statuses in sc_status order,
 * hosted, late and findings. */
#define assert_tally(t, pupils_, check, dispensed, no_host, partial, \
                     incomplete, ready, hosted_, late_, findings_) \
    do { \
        assert_int_equal((t)->pupils, (pupils_)); \
        assert_int_equal((t)->status[SC_STATUS_CHECK], (check)); \
        assert_int_equal((t)->status[SC_STATUS_DISPENSED], (dispensed)); \
        assert_int_equal((t)->status[SC_STATUS_NO_HOST], (no_host)); \
        assert_int_equal((t)->status[SC_STATUS_PARTIAL], (partial)); \
        assert_int_equal((t)->status[SC_STATUS_INCOMPLETE], (incomplete)); \
        assert_int_equal((t)->status[SC_STATUS_READY], (ready)); \
        assert_int_equal((t)->hosted, (hosted_)); \
        assert_int_equal((t)->late, (late_)); \
        assert_int_equal((t)->findings, (findings_)); \
    } while (0)

static void test_count_adds_one_pupil_under_its_status(void **state)
{
    fixture *f = *state;

    sc_tally_count(&f->a, SC_STATUS_READY, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_NO_HOST, 1, 1);
    sc_tally_count(&f->a, SC_STATUS_NO_HOST, 1, 0);
    sc_tally_count(&f->a, SC_STATUS_DISPENSED, 0, 0);
    assert_tally(&f->a, 4, 0, 1, 2, 0, 0, 1, 2, 1, 0);
}

static void test_count_takes_any_nonzero_flag_as_one(void **state)
{
    fixture *f = *state;

    /* Callers pass masks of days and comparisons alike. */
    sc_tally_count(&f->a, SC_STATUS_PARTIAL, 0x3E0, 7);
    sc_tally_count(&f->a, SC_STATUS_PARTIAL, -1, 0);
    assert_tally(&f->a, 2, 0, 0, 0, 2, 0, 0, 2, 1, 0);
}

static void test_count_of_an_unknown_status_asks_to_check(void **state)
{
    fixture *f = *state;

    sc_tally_count(&f->a, SC_STATUS_COUNT, 0, 0);
    sc_tally_count(&f->a, (sc_status)-1, 0, 0);
    sc_tally_count(&f->a, (sc_status)1000, 0, 0);
    assert_tally(&f->a, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0);
}

static void test_add_sums_every_count(void **state)
{
    fixture *f = *state;

    sc_tally_count(&f->a, SC_STATUS_CHECK, 1, 1);
    sc_tally_count(&f->a, SC_STATUS_INCOMPLETE, 0, 1);
    f->a.findings = 4;
    sc_tally_count(&f->b, SC_STATUS_INCOMPLETE, 1, 0);
    sc_tally_count(&f->b, SC_STATUS_READY, 0, 0);
    sc_tally_count(&f->b, SC_STATUS_PARTIAL, 1, 1);
    f->b.findings = 3;
    sc_tally_add(&f->a, &f->b);
    assert_tally(&f->a, 5, 1, 0, 0, 1, 2, 1, 3, 3, 7);
    /* The part is left as it was. */
    assert_tally(&f->b, 3, 0, 0, 0, 1, 1, 1, 2, 1, 3);
}

static void test_done_is_ready_plus_dispensed(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_tally_done(&f->a), 0);
    sc_tally_count(&f->a, SC_STATUS_READY, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_READY, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_DISPENSED, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_INCOMPLETE, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_PARTIAL, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_CHECK, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_NO_HOST, 0, 0);
    assert_int_equal(sc_tally_done(&f->a), 3);
}

static void test_clean_when_every_pupil_is_done_and_no_finding(void **state)
{
    fixture *f = *state;

    /* Nobody to follow is nothing left to do. */
    assert_true(sc_tally_clean(&f->a));
    sc_tally_count(&f->a, SC_STATUS_READY, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_DISPENSED, 0, 0);
    assert_true(sc_tally_clean(&f->a));
}

static void test_clean_not_while_a_pupil_is_not_done(void **state)
{
    fixture *f = *state;

    sc_tally_count(&f->a, SC_STATUS_READY, 0, 0);
    sc_tally_count(&f->a, SC_STATUS_INCOMPLETE, 0, 0);
    assert_false(sc_tally_clean(&f->a));
}

static void test_clean_not_with_a_finding(void **state)
{
    fixture *f = *state;

    sc_tally_count(&f->a, SC_STATUS_READY, 0, 0);
    f->a.findings = 1;
    assert_false(sc_tally_clean(&f->a));
}

/* ---- Pupils not followed ----------------------------------------------- */

/* Asserts the three counts of the pupils set aside. */
#define assert_aside(t, other_level_, not_chosen_, left_) \
    do { \
        assert_int_equal((t)->other_level, (other_level_)); \
        assert_int_equal((t)->not_chosen, (not_chosen_)); \
        assert_int_equal((t)->left, (left_)); \
    } while (0)

/* Appends a pupil of f.csv set aside for reason, repeating another pupil's
 * row when duplicate. */
static void add_aside(sc_dataset *data, unsigned line, int reason,
                      int duplicate)
{
    sc_pupil *p = support_pupil_add(data, "f.csv", line, "DUPONT", "Léa",
                                    "2nde 1", NULL, SC_DATE_NONE);

    p->set_aside = reason;
    p->selected = reason == SC_COHORT_FOLLOWED;
    p->duplicate = duplicate != 0;
}

static void test_count_aside_counts_each_reason_apart(void **state)
{
    fixture *f = *state;
    sc_dataset *data = sc_dataset_new();

    assert_non_null(data);
    add_aside(data, 2, SC_COHORT_FOLLOWED, 0);
    add_aside(data, 3, SC_COHORT_MEF, 0);
    add_aside(data, 4, SC_COHORT_LEVEL, 0);
    add_aside(data, 5, SC_COHORT_LEVEL, 0);
    add_aside(data, 6, SC_COHORT_CLASSES, 0);
    add_aside(data, 7, SC_COHORT_LEFT, 0);
    add_aside(data, 8, SC_COHORT_LEFT, 0);
    add_aside(data, 9, SC_COHORT_LEFT, 0);
    sc_tally_count_aside(&f->a, data);
    /* MEF and class name are both "another level". */
    assert_aside(&f->a, 3, 1, 3);
    /* Who is followed is counted by sc_tally_count, not here. */
    assert_tally(&f->a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    sc_dataset_free(data);
}

static void test_count_aside_leaves_duplicates_out(void **state)
{
    fixture *f = *state;
    sc_dataset *data = sc_dataset_new();

    assert_non_null(data);
    /* A pupil given twice (two exports) has left once, not twice. */
    add_aside(data, 2, SC_COHORT_LEFT, 0);
    add_aside(data, 3, SC_COHORT_LEFT, 1); /* of pupil 0 */
    add_aside(data, 4, SC_COHORT_CLASSES, 0);
    add_aside(data, 5, SC_COHORT_CLASSES, 1); /* of pupil 2 */
    add_aside(data, 6, SC_COHORT_MEF, 1); /* of pupil 0 */
    sc_tally_count_aside(&f->a, data);
    assert_aside(&f->a, 0, 1, 1);
    sc_dataset_free(data);
}

static void test_count_aside_adds_to_the_counts_so_far(void **state)
{
    fixture *f = *state;
    sc_dataset *data = sc_dataset_new();

    assert_non_null(data);
    add_aside(data, 2, SC_COHORT_MEF, 0);
    add_aside(data, 3, SC_COHORT_CLASSES, 0);
    add_aside(data, 4, SC_COHORT_LEFT, 0);
    /* One school after another into the académie's tally. */
    f->a.other_level = 10;
    f->a.not_chosen = 20;
    f->a.left = 30;
    sc_tally_count_aside(&f->a, data);
    assert_aside(&f->a, 11, 21, 31);
    sc_dataset_free(data);
    /* An empty dataset counts nothing. */
    data = sc_dataset_new();
    assert_non_null(data);
    sc_tally_count_aside(&f->b, data);
    assert_aside(&f->b, 0, 0, 0);
    sc_dataset_free(data);
}

static void test_add_sums_the_pupils_set_aside(void **state)
{
    fixture *f = *state;

    f->a.other_level = 1;
    f->a.not_chosen = 2;
    f->a.left = 3;
    f->b.other_level = 40;
    f->b.not_chosen = 50;
    f->b.left = 60;
    sc_tally_add(&f->a, &f->b);
    assert_aside(&f->a, 41, 52, 63);
    assert_aside(&f->b, 40, 50, 60);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_count_adds_one_pupil_under_its_status),
        TEST(test_count_takes_any_nonzero_flag_as_one),
        TEST(test_count_of_an_unknown_status_asks_to_check),
        TEST(test_add_sums_every_count),
        TEST(test_done_is_ready_plus_dispensed),
        TEST(test_clean_when_every_pupil_is_done_and_no_finding),
        TEST(test_clean_not_while_a_pupil_is_not_done),
        TEST(test_clean_not_with_a_finding),
        TEST(test_count_aside_counts_each_reason_apart),
        TEST(test_count_aside_leaves_duplicates_out),
        TEST(test_count_aside_adds_to_the_counts_so_far),
        TEST(test_add_sums_the_pupils_set_aside),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
