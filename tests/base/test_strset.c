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

static void test_clear_of_a_zeroed_set_is_fine(void **state)
{
    sc_strset zeroed = {NULL, 0, 0, {NULL}};

    (void)state;
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
        TEST(test_clear_of_a_zeroed_set_is_fine),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
