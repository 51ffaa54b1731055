/*
 * test_changes.c - unit tests of changes.c: what changed between the state
 * of the previous run and this one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#define SUPPORT_COUNT_BLOCKS
#include "../support.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/status.h"
#include "stagecheck/store/statefile.h"

#define BIG 50000

/* Three successive states of a school, the changes between two of them
 * and a folder for the state file; teardown frees and removes everything,
 * so a failed assertion leaks nothing. */
typedef struct fixture {
    char dir[64];   /* mkdtemp folder, emptied and removed by teardown */
    char path[128]; /* dir/suivi.xlsx.etat */
    sc_diag diag;
    sc_state a;
    sc_state b;
    sc_state c;
    sc_changes changes;
    int8_t *previous;  /* previous_status, one per current item */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_changes") != 0)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/suivi.xlsx.etat", f->dir);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    support_remove_dir(f->dir);
    sc_state_clear(&f->a);
    sc_state_clear(&f->b);
    sc_state_clear(&f->c);
    sc_changes_clear(&f->changes);
    free(f->previous);
    free(f);
    return 0;
}

/* A pupil's line (support.h): keyed by INE, or by name and class. */
#define put support_state_put

/* Compares before with now into the fixture's changes and previous. */
#define compare(f, before, now) \
    compare_at((f), (before), (now), __FILE__, __LINE__)

static void compare_at(fixture *f, const sc_state *before,
                       const sc_state *now, const char *file, int line)
{
    sc_changes_clear(&f->changes);
    free(f->previous);
    f->previous = calloc(now->count + 1, sizeof *f->previous);
    _assert_true(cast_to_largest_integral_type(f->previous != NULL),
                 "f->previous", file, line);
    _assert_int_equal(
        cast_to_largest_integral_type(sc_changes_compare(before, now,
                                                         &f->changes,
                                                         f->previous)),
        cast_to_largest_integral_type(SC_OK), file, line);
}

/* A macro, so that a failure names the caller's line. */
#define assert_change(ch, kind_, class_, before_class_, surname_, before_, \
                      after_) \
    do { \
        const sc_change *c_ = (ch); \
        assert_int_equal(c_->kind, (kind_)); \
        assert_string_equal(c_->class_name, (class_)); \
        if ((before_class_) == NULL) \
            assert_null(c_->class_before); \
        else \
            assert_string_equal(c_->class_before, (before_class_)); \
        assert_string_equal(c_->surname, (surname_)); \
        assert_int_equal(c_->before, (before_)); \
        assert_int_equal(c_->after, (after_)); \
    } while (0)

static void test_compare_reports_a_new_status(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_INCOMPLETE);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_NO_HOST, SC_STATUS_INCOMPLETE);
    assert_string_equal(f->changes.items[0].first, "Jean");
    assert_int_equal(f->previous[0], SC_STATUS_NO_HOST);
}

static void test_compare_status_change_across_classes_names_both(
    void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->b, "1A", "2nde 5", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 5", "2nde 2",
                  "DUPONT", SC_STATUS_NO_HOST, SC_STATUS_READY);
}

static void test_compare_pupil_moved_class_same_status_by_ine(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, "2B", "2nde 3", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "2B", "2nde 3", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "1A", "2nde 4", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_CLASS, "2nde 4", "2nde 2",
                  "DUPONT", SC_STATUS_READY, SC_STATUS_READY);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], SC_STATUS_READY);
}

static void test_compare_class_spelling_is_no_move(void **state)
{
    fixture *f = *state;

    /* "2NDE 2" and "2nde 2" are one class, as for the matching and the
     * workbook: an export that changes its spelling moves nobody. */
    put(&f->a, "1A", "2NDE 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 0);
}

static void test_compare_reports_arrived_and_left(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_PARTIAL);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "NOUVEAU", "Noé", SC_STATUS_NO_HOST);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 2);
    assert_change(&f->changes.items[0], SC_CHANGE_LEFT, "2nde 2", "2nde 2",
                  "MARTIN", SC_STATUS_PARTIAL, -1);
    assert_change(&f->changes.items[1], SC_CHANGE_ARRIVED, "2nde 2", NULL,
                  "NOUVEAU", -1, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], -1);
}

static void test_compare_sorts_by_class_in_version_order_then_names(
    void **state)
{
    fixture *f = *state;

    put(&f->b, "1", "2nde 10", "ABEL", "Zoé", SC_STATUS_READY);
    put(&f->b, "2", "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "3", "2nde 2", "DUPONT", "Paul", SC_STATUS_READY);
    put(&f->b, "4", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, "5", "1re 1", "ZOLA", "Émile", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 5);
    assert_string_equal(f->changes.items[0].class_name, "1re 1");
    assert_string_equal(f->changes.items[1].first, "Jean");
    assert_string_equal(f->changes.items[2].first, "Paul");
    assert_string_equal(f->changes.items[3].surname, "MARTIN");
    assert_string_equal(f->changes.items[4].class_name, "2nde 10");
}

static void test_compare_empty_previous_makes_everyone_arrived(void **state)
{
    fixture *f = *state;

    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 2);
    for (size_t i = 0; i < f->changes.count; i++) {
        assert_int_equal(f->changes.items[i].kind, SC_CHANGE_ARRIVED);
        assert_null(f->changes.items[i].class_before);
        assert_int_equal(f->changes.items[i].before, -1);
        assert_int_equal(f->previous[i], -1);
    }
}

static void test_compare_empty_current_makes_everyone_left(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_LEFT, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_READY, -1);
}

static void test_compare_same_state_changes_nothing(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 0);
    assert_int_equal(f->previous[0], SC_STATUS_CHECK);
    assert_int_equal(f->previous[1], SC_STATUS_READY);
}

static void test_compare_three_runs_through_the_state_file(void **state)
{
    fixture *f = *state;

    /* Run A: nobody has a host yet. */
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->a, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->a, "3C", "2nde 3", "PETIT", "Hugo", SC_STATUS_NO_HOST);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    sc_state_clear(&f->a);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);

    /* Run B: DUPONT found a host (placement added, convention unsigned),
     * PETIT left the rolls, ROUX arrived. */
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_INCOMPLETE);
    put(&f->b, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->b, "4D", "2nde 3", "ROUX", "Inès", SC_STATUS_NO_HOST);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 3);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_NO_HOST, SC_STATUS_INCOMPLETE);
    assert_change(&f->changes.items[1], SC_CHANGE_LEFT, "2nde 3", "2nde 3",
                  "PETIT", SC_STATUS_NO_HOST, -1);
    assert_change(&f->changes.items[2], SC_CHANGE_ARRIVED, "2nde 3", NULL,
                  "ROUX", -1, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[2], -1);
    assert_int_equal(sc_statefile_write(&f->b, f->path, &f->diag), SC_OK);
    sc_state_clear(&f->b);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);

    /* Run C: DUPONT's signatures came back, MARTIN moved to 2nde 3. */
    put(&f->c, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->c, "2B", "2nde 3", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->c, "4D", "2nde 3", "ROUX", "Inès", SC_STATUS_NO_HOST);
    compare(f, &f->b, &f->c);
    assert_int_equal(f->changes.count, 2);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_INCOMPLETE, SC_STATUS_READY);
    assert_change(&f->changes.items[1], SC_CHANGE_CLASS, "2nde 3", "2nde 2",
                  "MARTIN", SC_STATUS_NO_HOST, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_INCOMPLETE);
    assert_int_equal(f->previous[1], SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[2], SC_STATUS_NO_HOST);
}

static void test_compare_repeated_keys_pair_in_written_order(void **state)
{
    fixture *f = *state;

    /* Namesakes of one class with no INE nor birth date share a key: the
     * first line is matched with the first, the extra one arrived. */
    put(&f->a, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_ARRIVED, "2nde 2", NULL,
                  "MARTIN", -1, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], -1);

    compare(f, &f->b, &f->a);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_LEFT, "2nde 2", "2nde 2",
                  "MARTIN", SC_STATUS_NO_HOST, -1);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
}

static void test_compare_orders_namesakes_by_what_they_say(void **state)
{
    fixture *f = *state;

    /* Two namesakes sharing a key, both with a new status: the same class
     * and names, the same kind of change. The list orders them by their
     * statuses, not by the order they were paired in. */
    put(&f->a, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->a, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_PARTIAL);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_INCOMPLETE);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 2);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "MARTIN", SC_STATUS_NO_HOST, SC_STATUS_INCOMPLETE);
    assert_change(&f->changes.items[1], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "MARTIN", SC_STATUS_READY, SC_STATUS_PARTIAL);
    /* Paired in the order written all the same. */
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], SC_STATUS_NO_HOST);
}

static void test_compare_matches_50000_pupils_in_any_order(void **state)
{
    fixture *f = *state;
    char ine[16], cls[16];

    /* The same pupils listed in opposite orders; every 1000th changes. */
    for (int i = 0; i < BIG; i++) {
        snprintf(ine, sizeof ine, "%011d", i);
        snprintf(cls, sizeof cls, "2nde %d", i % 12 + 1);
        put(&f->a, ine, cls, "NOM", "Prénom", SC_STATUS_NO_HOST);
    }
    for (int i = BIG - 1; i >= 0; i--) {
        snprintf(ine, sizeof ine, "%011d", i);
        snprintf(cls, sizeof cls, "2nde %d", i % 12 + 1);
        put(&f->b, ine, cls, "NOM", "Prénom",
            i % 1000 ? SC_STATUS_NO_HOST : SC_STATUS_READY);
    }
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, BIG / 1000);
    for (size_t i = 0; i < f->b.count; i++)
        assert_int_equal(f->previous[i], SC_STATUS_NO_HOST);
    for (size_t i = 1; i < f->changes.count; i++)
        assert_true(strverscmp(f->changes.items[i - 1].class_name,
                               f->changes.items[i].class_name) <= 0);
}

static void test_compare_changes_outlive_the_states(void **state)
{
    fixture *f = *state;
    const sc_change *moved, *left;

    /* The run frees both states, a line per pupil, before the workbook is
     * written: the list keeps copies of what it shows. */
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->a, "2B", "2nde 4", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "1A", "2nde 3", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    sc_state_clear(&f->a);
    sc_state_clear(&f->b);
    assert_int_equal(f->changes.count, 2);
    moved = &f->changes.items[0];
    left = &f->changes.items[1];
    assert_int_equal(moved->kind, SC_CHANGE_STATUS);
    assert_string_equal(moved->class_name, "2nde 3");
    assert_string_equal(moved->class_before, "2nde 2");
    assert_string_equal(moved->surname, "DUPONT");
    assert_string_equal(moved->first, "Jean");
    assert_int_equal(left->kind, SC_CHANGE_LEFT);
    assert_string_equal(left->class_name, "2nde 4");
    assert_string_equal(left->class_before, "2nde 4");
    assert_string_equal(left->surname, "MARTIN");
    assert_string_equal(left->first, "Léa");
}

static void test_clear_frees_the_list_and_empties_it(void **state)
{
    fixture *f = *state;
    sc_changes c = {0};
    long before;

    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    before = support_live_blocks();
    assert_int_equal(sc_changes_compare(&f->a, &f->b, &c, NULL), SC_OK);
    assert_int_equal(c.count, 2);
    support_assert_more_blocks(before);
    sc_changes_clear(&c);
    support_assert_live_blocks(before);
    assert_null(c.items);
    assert_int_equal(c.count, 0);
    /* Cleared again, or never filled: nothing to do. */
    sc_changes_clear(&c);
    sc_changes_clear(NULL);
    assert_null(c.items);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_compare_reports_a_new_status),
        TEST(test_compare_status_change_across_classes_names_both),
        TEST(test_compare_pupil_moved_class_same_status_by_ine),
        TEST(test_compare_class_spelling_is_no_move),
        TEST(test_compare_reports_arrived_and_left),
        TEST(test_compare_sorts_by_class_in_version_order_then_names),
        TEST(test_compare_empty_previous_makes_everyone_arrived),
        TEST(test_compare_empty_current_makes_everyone_left),
        TEST(test_compare_same_state_changes_nothing),
        TEST(test_compare_three_runs_through_the_state_file),
        TEST(test_compare_repeated_keys_pair_in_written_order),
        TEST(test_compare_orders_namesakes_by_what_they_say),
        TEST(test_compare_matches_50000_pupils_in_any_order),
        TEST(test_compare_changes_outlive_the_states),
        TEST(test_clear_frees_the_list_and_empties_it),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
