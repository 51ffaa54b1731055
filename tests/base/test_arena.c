/*
 * test_arena.c - unit tests of arena.c: strings packed into a few large
 * blocks, freed together.
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
#include "stagecheck/base/arena.h"

/* An arena, cleared by teardown whatever a test left in it. */
static int setup(void **state)
{
    sc_arena *a = calloc(1, sizeof *a);

    if (!a)
        return -1;
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    sc_arena *a = *state;

    sc_arena_clear(a);
    free(a);
    return 0;
}

static void test_pack_moves_strings_one_after_the_other(void **state)
{
    sc_arena *a = *state;
    char *surname = support_dup("MARTIN"), *ine = NULL;
    char *klass = support_dup("2nde 1"), *first = support_dup("");
    char **const strings[] = {&surname, &ine, &klass, &first};
    const char *block = sc_arena_pack(a, strings, 4);

    assert_non_null(block);
    /* Each string now lives in the arena, one after the other; the
     * originals are freed (teardown would not find them: valgrind and
     * the sanitizer's leak check say so). */
    assert_ptr_equal(surname, block);
    assert_string_equal(surname, "MARTIN");
    assert_null(ine);
    assert_ptr_equal(klass, block + sizeof "MARTIN");
    assert_string_equal(klass, "2nde 1");
    assert_ptr_equal(first, klass + sizeof "2nde 1");
    assert_string_equal(first, "");
}

static void test_dup_copies_into_the_arena(void **state)
{
    sc_arena *a = *state;
    char text[] = "2nde 3";
    char *copy = sc_arena_dup(a, text);

    assert_non_null(copy);
    assert_ptr_not_equal(copy, text);
    text[0] = 'X';
    assert_string_equal(copy, "2nde 3");
    assert_non_null(a->blocks);
}

static void test_pack_of_nothing_is_null(void **state)
{
    sc_arena *a = *state;
    char *x = NULL, *y = NULL;
    char **const strings[] = {&x, &y};

    assert_null(sc_arena_pack(a, strings, 2));
    assert_null(sc_arena_pack(a, strings, 0));
    assert_null(x);
    assert_null(y);
    assert_null(a->blocks);
}

/* The point of the arena: ten thousand short strings in a few blocks,
 * not ten thousand allocations, each intact after the others came. */
static void test_many_short_strings_take_few_blocks(void **state)
{
    sc_arena *a = *state;
    char *kept[10000];
    char text[32];
    long before = support_live_blocks();

    for (int i = 0; i < 10000; i++) {
        snprintf(text, sizeof text, "ligne %d", i);
        kept[i] = sc_arena_alloc(a, strlen(text) + 1);
        assert_non_null(kept[i]);
        memcpy(kept[i], text, strlen(text) + 1);
    }
    if (SUPPORT_BLOCKS_COUNTED)
        assert_in_range(support_live_blocks() - before, 1, 20);
    for (int i = 0; i < 10000; i++) {
        snprintf(text, sizeof text, "ligne %d", i);
        assert_string_equal(kept[i], text);
    }
    sc_arena_clear(a);
    support_assert_live_blocks(before);
    assert_null(a->blocks);
}

/* A string larger than any block gets a block of its own, and the
 * strings after it still fit. */
static void test_a_string_larger_than_a_block_fits(void **state)
{
    sc_arena *a = *state;
    const size_t big = (size_t)3 * 1024 * 1024;
    char *small = sc_arena_alloc(a, 3);
    char *large = sc_arena_alloc(a, big);
    char *after = sc_arena_alloc(a, 3);

    assert_non_null(small);
    assert_non_null(large);
    assert_non_null(after);
    memcpy(small, "ab", 3);
    memset(large, 'x', big);
    memcpy(after, "cd", 3);
    assert_string_equal(small, "ab");
    assert_int_equal(large[0], 'x');
    assert_int_equal(large[big - 1], 'x');
    assert_string_equal(after, "cd");
    assert_true(after + 3 <= large || after >= large + big);
}

static void test_clear_of_a_zeroed_arena_is_fine(void **state)
{
    sc_arena zeroed = {NULL};

    (void)state;
    sc_arena_clear(&zeroed);
    sc_arena_clear(&zeroed);
    sc_arena_clear(NULL);
    assert_null(zeroed.blocks);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_pack_moves_strings_one_after_the_other),
        TEST(test_dup_copies_into_the_arena),
        TEST(test_pack_of_nothing_is_null),
        TEST(test_many_short_strings_take_few_blocks),
        TEST(test_a_string_larger_than_a_block_fits),
        TEST(test_clear_of_a_zeroed_arena_is_fine),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
