/*
 * test_inputs.c - unit tests of inputs.c: the same input file given twice,
 * under one name or two.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "stagecheck/input/inputs.h"
#include "../support.h"

typedef struct fixture {
    char dir[64];
    char a[128], b[128], c[128];   /* three files; c is a hard link to a */
    char dot_a[160];               /* a again, through "/./" */
    sc_inputs *inputs;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_inputs") != 0) {
        free(f);
        return -1;
    }
    snprintf(f->a, sizeof f->a, "%s/eleves.csv", f->dir);
    snprintf(f->b, sizeof f->b, "%s/stages.csv", f->dir);
    snprintf(f->c, sizeof f->c, "%s/copie.csv", f->dir);
    snprintf(f->dot_a, sizeof f->dot_a, "%s/./eleves.csv", f->dir);
    *state = f;
    if (support_write_file(f->a, "a\n") != 0 ||
        support_write_file(f->b, "b\n") != 0 || link(f->a, f->c) != 0 ||
        !(f->inputs = sc_inputs_new(4)))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_inputs_free(f->inputs);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static void test_inputs_different_files_are_not_seen(void **state)
{
    fixture *f = *state;

    assert_null(sc_inputs_seen(f->inputs, f->a));
    assert_null(sc_inputs_seen(f->inputs, f->b));
}

static void test_inputs_same_name_twice_is_seen(void **state)
{
    fixture *f = *state;

    assert_null(sc_inputs_seen(f->inputs, f->a));
    assert_null(sc_inputs_seen(f->inputs, f->b));
    assert_string_equal(sc_inputs_seen(f->inputs, f->a), f->a);
    assert_string_equal(sc_inputs_seen(f->inputs, f->b), f->b);
}

static void test_inputs_same_file_under_other_names_is_seen_as_first(
    void **state)
{
    fixture *f = *state;

    assert_null(sc_inputs_seen(f->inputs, f->b));
    assert_null(sc_inputs_seen(f->inputs, f->a));
    /* The name it was first read under, to tell the user. */
    assert_ptr_equal(sc_inputs_seen(f->inputs, f->dot_a), f->a);
    assert_ptr_equal(sc_inputs_seen(f->inputs, f->c), f->a);
}

static void test_inputs_missing_file_is_never_seen(void **state)
{
    fixture *f = *state;
    char absent[160];

    /* Reading it will say it is missing, each time it is given. */
    snprintf(absent, sizeof absent, "%s/absent.csv", f->dir);
    assert_null(sc_inputs_seen(f->inputs, absent));
    assert_null(sc_inputs_seen(f->inputs, absent));
}

static void test_inputs_beyond_capacity_are_not_learnt(void **state)
{
    fixture *f = *state;
    sc_inputs *one = sc_inputs_new(1);

    assert_non_null(one);
    assert_null(sc_inputs_seen(one, f->a));
    assert_null(sc_inputs_seen(one, f->b));
    assert_null(sc_inputs_seen(one, f->b));
    assert_ptr_equal(sc_inputs_seen(one, f->c), f->a);
    sc_inputs_free(one);
    sc_inputs_free(NULL);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_inputs_different_files_are_not_seen),
        TEST(test_inputs_same_name_twice_is_seen),
        TEST(test_inputs_same_file_under_other_names_is_seen_as_first),
        TEST(test_inputs_missing_file_is_never_seen),
        TEST(test_inputs_beyond_capacity_are_not_learnt),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
