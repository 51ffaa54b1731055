/*
 * test_strset.c - unit tests of strset.c: each string kept once, found
 * again, the set growing as it fills.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/base/strset.h"

/* A set, cleared by teardown whatever a test left in it. */
static int setup(void **state)
{
    sc_strset *set = calloc(1, sizeof *set);

    if (!set)
        return -1;
    *state = set;
    return 0;
}

static int teardown(void **state)
{
    sc_strset_clear(*state);
    free(*state);
    return 0;
}

static void test_add_keeps_one_copy_of_each_string(void **state)
{
    sc_strset *set = *state;
    char text[] = "trouver un lieu d'accueil";
    const char *kept = sc_strset_add(set, text);

    assert_non_null(kept);
    assert_ptr_not_equal(kept, text); /* the set's own copy */
    text[0] = 'X';
    assert_string_equal(kept, "trouver un lieu d'accueil");
    assert_ptr_equal(sc_strset_add(set, "trouver un lieu d'accueil"), kept);
    assert_int_equal(set->count, 1);
    assert_ptr_equal(sc_strset_find(set, "trouver un lieu d'accueil"), kept);
}

static void test_find_of_a_string_not_added_is_null(void **state)
{
    sc_strset *set = *state;

    assert_null(sc_strset_find(set, "rien")); /* empty, never grown */
    assert_non_null(sc_strset_add(set, "a"));
    assert_null(sc_strset_find(set, "A"));
    assert_null(sc_strset_find(set, ""));
    assert_non_null(sc_strset_add(set, ""));
    assert_non_null(sc_strset_find(set, ""));
    assert_int_equal(set->count, 2);
}

/* Ten thousand strings, past many doublings: each is found again, as the
 * copy first given, and the set stays at most half full. */
static void test_set_grows_and_keeps_every_string(void **state)
{
    sc_strset *set = *state;
    static const char *kept[10000];
    char text[32];

    for (int i = 0; i < 10000; i++) {
        snprintf(text, sizeof text, "manque %d", i);
        kept[i] = sc_strset_add(set, text);
        assert_non_null(kept[i]);
    }
    assert_int_equal(set->count, 10000);
    assert_true(set->cap >= 2 * set->count);
    for (int i = 0; i < 10000; i++) {
        snprintf(text, sizeof text, "manque %d", i);
        assert_ptr_equal(sc_strset_find(set, text), kept[i]);
        assert_ptr_equal(sc_strset_add(set, text), kept[i]);
    }
    assert_int_equal(set->count, 10000);
}

/* Numbers in the order first added, the same on adding again; a string's
 * number gives back the set's copy. */
static void test_index_numbers_strings_in_the_order_added(void **state)
{
    sc_strset *set = *state;
    const char *kept;

    assert_null(sc_strset_at(set, 0)); /* empty, never grown */
    assert_int_equal(sc_strset_add_index(set, "2nde 3"), 0);
    assert_int_equal(sc_strset_add_index(set, "2nde 1"), 1);
    assert_int_equal(sc_strset_add_index(set, "2nde 3"), 0);
    kept = sc_strset_add(set, "2nde 10");
    assert_ptr_equal(kept, sc_strset_at(set, 2));
    assert_int_equal(sc_strset_add_index(set, "2nde 10"), 2);
    assert_int_equal(set->count, 3);
    assert_string_equal(sc_strset_at(set, 0), "2nde 3");
    assert_string_equal(sc_strset_at(set, 1), "2nde 1");
    assert_ptr_equal(sc_strset_at(set, 1), sc_strset_find(set, "2nde 1"));
    assert_null(sc_strset_at(set, 3));
}

/* Past many doublings of the slots and of the list, every number still
 * names its string. */
static void test_index_survives_growth(void **state)
{
    sc_strset *set = *state;
    char text[32];

    for (size_t i = 0; i < 5000; i++) {
        snprintf(text, sizeof text, "classe %zu", i);
        assert_int_equal(sc_strset_add_index(set, text), i);
    }
    for (size_t i = 0; i < 5000; i++) {
        snprintf(text, sizeof text, "classe %zu", i);
        assert_string_equal(sc_strset_at(set, i), text);
        assert_int_equal(sc_strset_add_index(set, text), i);
    }
    assert_int_equal(set->count, 5000);
}

static void test_clear_of_a_zeroed_set_is_fine(void **state)
{
    sc_strset zeroed;

    (void)state;
    memset(&zeroed, 0, sizeof zeroed);
    sc_strset_clear(&zeroed);
    sc_strset_clear(NULL);
    assert_null(sc_strset_find(&zeroed, "a"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_add_keeps_one_copy_of_each_string),
        TEST(test_find_of_a_string_not_added_is_null),
        TEST(test_set_grows_and_keeps_every_string),
        TEST(test_index_numbers_strings_in_the_order_added),
        TEST(test_index_survives_growth),
        TEST(test_clear_of_a_zeroed_set_is_fine),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
