/*
 * test_array.c - unit tests of array.c: making room in the growing arrays
 * every module keeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/base/array.h"

/* An array of ints, freed by teardown whatever a test left in it. */
typedef struct fixture {
    int *items;
    size_t count;
    size_t cap;
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
    fixture *f = *state;

    free(f->items);
    free(f);
    return 0;
}

#define RESERVE(f) \
    sc_array_reserve((void **)&(f)->items, &(f)->cap, (f)->count, \
                     sizeof *(f)->items)

static void test_reserve_first_makes_room_for_16(void **state)
{
    fixture *f = *state;

    assert_int_equal(RESERVE(f), SC_OK);
    assert_non_null(f->items);
    assert_int_equal(f->cap, 16);
    f->items[15] = 7; /* the whole capacity is there (ASan would say) */
    assert_int_equal(f->items[15], 7);
}

static void test_reserve_with_room_left_changes_nothing(void **state)
{
    fixture *f = *state;
    int *before;

    assert_int_equal(RESERVE(f), SC_OK);
    before = f->items;
    for (f->count = 0; f->count < 16; f->count++) {
        assert_int_equal(RESERVE(f), SC_OK);
        assert_ptr_equal(f->items, before);
        assert_int_equal(f->cap, 16);
        f->items[f->count] = (int)f->count;
    }
}

static void test_reserve_when_full_doubles_and_keeps_the_items(void **state)
{
    fixture *f = *state;
    size_t caps[] = {16, 32, 64, 128, 256, 512, 1024};
    size_t next = 0;

    for (f->count = 0; f->count < 1000; f->count++) {
        assert_int_equal(RESERVE(f), SC_OK);
        assert_true(f->count < f->cap);
        if (f->count == 0 || (f->count >= 16 && f->count == f->cap / 2))
            assert_int_equal(f->cap, caps[next++]);
        f->items[f->count] = (int)f->count * 3;
    }
    assert_int_equal(f->cap, 1024);
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(f->items[i], (int)i * 3);
}

static void test_reserve_whose_size_overflows_fails_unchanged(void **state)
{
    fixture *f = *state;
    void *items;
    size_t cap;

    assert_int_equal(RESERVE(f), SC_OK);
    f->items[0] = 42;
    items = f->items;
    /* 32 items of this size would take SIZE_MAX + 33 bytes: computed in a
     * size_t, 32 bytes, which realloc would give. */
    cap = f->cap;
    assert_int_equal(sc_array_reserve(&items, &cap, 16, SIZE_MAX / 32 + 2),
                     SC_ERROR_MEMORY);
    assert_ptr_equal(items, f->items);
    assert_int_equal(cap, 16);
    assert_int_equal(f->items[0], 42);
}

static void test_reserve_whose_capacity_overflows_fails_unchanged(void **state)
{
    fixture *f = *state;
    /* Doubling it wraps around to 16: a realloc that would succeed. */
    size_t cap = SIZE_MAX / 2 + 9;
    void *items;

    f->items = malloc(sizeof *f->items);
    assert_non_null(f->items);
    items = f->items;
    assert_int_equal(sc_array_reserve(&items, &cap, cap, 1), SC_ERROR_MEMORY);
    assert_ptr_equal(items, f->items);
    assert_int_equal(cap, SIZE_MAX / 2 + 9);
}

static void test_reserve_that_realloc_refuses_fails_unchanged(void **state)
{
    fixture *f = *state;
    void *items;
    size_t cap;

#ifdef __SANITIZE_ADDRESS__
    /* AddressSanitizer stops the program at such a request by default. */
    skip();
#endif
    assert_int_equal(RESERVE(f), SC_OK);
    f->items[3] = 9;
    items = f->items;
    cap = f->cap;
    /* 32 items of SIZE_MAX / 64 bytes: no overflow, but no such memory. */
    assert_int_equal(sc_array_reserve(&items, &cap, 16, SIZE_MAX / 64),
                     SC_ERROR_MEMORY);
    assert_ptr_equal(items, f->items);
    assert_int_equal(cap, 16);
    assert_int_equal(f->items[3], 9);
}

#define RESERVE_EXACT(f, more) \
    sc_array_reserve_exact((void **)&(f)->items, &(f)->cap, (f)->count, \
                           (more), sizeof *(f)->items)

static void test_reserve_exact_makes_room_for_that_many(void **state)
{
    fixture *f = *state;

    assert_int_equal(RESERVE_EXACT(f, 1000), SC_OK);
    assert_int_equal(f->cap, 1000);
    f->items[999] = 5; /* the whole capacity is there (ASan would say) */
    f->count = 990;
    /* Room enough changes nothing; more keeps the items. */
    assert_int_equal(RESERVE_EXACT(f, 10), SC_OK);
    assert_int_equal(f->cap, 1000);
    assert_int_equal(RESERVE_EXACT(f, 11), SC_OK);
    assert_int_equal(f->cap, 1001);
    assert_int_equal(f->items[999], 5);
}

static void test_reserve_exact_whose_size_overflows_fails_unchanged(
    void **state)
{
    fixture *f = *state;
    void *items;
    size_t cap;

    assert_int_equal(RESERVE_EXACT(f, 4), SC_OK);
    items = f->items;
    cap = f->cap;
    /* Too many bytes, then too many items for a size_t. */
    assert_int_equal(sc_array_reserve_exact(&items, &cap, 0,
                                            SIZE_MAX / 4 + 2, 4),
                     SC_ERROR_MEMORY);
    assert_int_equal(sc_array_reserve_exact(&items, &cap, 3, SIZE_MAX - 1,
                                            1),
                     SC_ERROR_MEMORY);
    assert_ptr_equal(items, f->items);
    assert_int_equal(cap, 4);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_reserve_first_makes_room_for_16),
        TEST(test_reserve_with_room_left_changes_nothing),
        TEST(test_reserve_when_full_doubles_and_keeps_the_items),
        TEST(test_reserve_whose_size_overflows_fails_unchanged),
        TEST(test_reserve_whose_capacity_overflows_fails_unchanged),
        TEST(test_reserve_that_realloc_refuses_fails_unchanged),
        TEST(test_reserve_exact_makes_room_for_that_many),
        TEST(test_reserve_exact_whose_size_overflows_fails_unchanged),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
