/*
 * test_state.c - unit tests of state.c: the stable key of a pupil, the
 * line made of it and the lines a state holds.
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
#include "stagecheck/core/state.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"

/* A state, and the strings of the pupils its lines borrow, which
 * outlive it as a dataset does; teardown frees them, so a failed
 * assertion leaks nothing. */
typedef struct fixture {
    sc_state a;
    sc_arena pupils;
    char *key;           /* the buffer of sc_state_make_line's keys */
    size_t cap;
    sc_state_line line;  /* the line it made last */
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

    sc_state_clear(&f->a);
    sc_arena_clear(&f->pupils);
    free(f->key);
    free(f);
    return 0;
}

/* A pupil's line (support.h): keyed by INE, or by name and class. */
#define put support_state_put

/* A pupil (no MEF), its strings in the fixture's arena. */
#define pupil_of(f, surname, first, class_name, ine, name_key, class_key, \
                 birth) \
    pupil_of_at((f), (surname), (first), (class_name), (ine), (name_key), \
                (class_key), (birth), __FILE__, __LINE__)

static sc_pupil pupil_of_at(fixture *f, const char *surname,
                            const char *first, const char *class_name,
                            const char *ine, const char *name_key,
                            const char *class_key, sc_date birth,
                            const char *file, int line)
{
    sc_pupil p = {.birth = birth, };

    support_pupil_texts_at(&p, &f->pupils, surname, first, class_name, ine,
                           name_key, class_key, NULL, file, line);
    return p;
}

/* ---- Key ---------------------------------------------------------------- */

/* The key of pupil's line, in the fixture's buffer; NULL when the line
 * could not be made. */
static const char *key_of(fixture *f, const sc_pupil *pupil)
{
    if (sc_state_make_line(pupil, SC_STATUS_READY, &f->key, &f->cap,
                           &f->line) != SC_OK)
        return NULL;
    return f->line.key;
}

static void test_key_is_the_ine_when_the_roll_gives_one(void **state)
{
    fixture *f = *state;
    const char *key;
    sc_pupil p = pupil_of(f, "DUPONT", "Jean", "2nde 2", "123456789AB",
                          "dupont jean", "2nde2", sc_date_make(2008, 3, 14));

    key = key_of(f, &p);
    assert_non_null(key);
    assert_string_equal(key, "INE:123456789AB");
}

static void test_key_without_ine_is_name_class_and_iso_birth(void **state)
{
    fixture *f = *state;
    const char *key;
    sc_pupil p = pupil_of(f, "ÉLIE", "Anaïs", "2NDE 2", NULL, "elie anais",
                          "2nde2", sc_date_make(2008, 3, 4));

    key = key_of(f, &p);
    assert_non_null(key);
    assert_string_equal(key, "NOM:elie anais|2nde2|2008-03-04");
}

static void test_key_without_ine_nor_birth_ends_empty(void **state)
{
    fixture *f = *state;
    const char *key;
    sc_pupil p = pupil_of(f, "MARTIN", "Léa", "2nde 10", NULL, "martin lea",
                          "2nde10", SC_DATE_NONE);

    key = key_of(f, &p);
    assert_non_null(key);
    assert_string_equal(key, "NOM:martin lea|2nde10|");
}

static void test_key_of_an_empty_ine_is_the_name_key(void **state)
{
    fixture *f = *state;
    const char *key;
    sc_pupil p = pupil_of(f, "MARTIN", "Léa", "2nde 10", "", "martin lea",
                          "2nde10", sc_date_make(2008, 11, 30));

    /* "INE:" alone would give every pupil with an empty cell one key. */
    key = key_of(f, &p);
    assert_non_null(key);
    assert_string_equal(key, "NOM:martin lea|2nde10|2008-11-30");
}

/* ---- Lines -------------------------------------------------------------- */

static void test_line_borrows_the_pupil_strings_and_keys_in_its_buffer(
    void **state)
{
    fixture *f = *state;
    sc_pupil p = pupil_of(f, "DUPONT", "Jean", "2nde 2", "1A", "dupont jean",
                          "2nde2", SC_DATE_NONE);

    assert_int_equal(sc_state_make_line(&p, SC_STATUS_PARTIAL, &f->key,
                                        &f->cap, &f->line),
                     SC_OK);
    assert_string_equal(f->line.key, "INE:1A");
    assert_ptr_equal(f->line.key, f->key);
    /* The dataset's own strings, not copies. */
    assert_ptr_equal(f->line.class_name, sc_pupil_class(&p));
    assert_ptr_equal(f->line.surname, sc_pupil_surname(&p));
    assert_ptr_equal(f->line.first, sc_pupil_first(&p));
    assert_int_equal(f->line.status, SC_STATUS_PARTIAL);
}

static void test_line_reads_a_missing_string_as_empty(void **state)
{
    fixture *f = *state;
    sc_pupil p =
        pupil_of(f, "DUPONT", NULL, NULL, "1A", NULL, NULL, SC_DATE_NONE);

    assert_int_equal(sc_state_make_line(&p, SC_STATUS_READY, &f->key,
                                        &f->cap, &f->line),
                     SC_OK);
    assert_non_null(f->line.class_name);
    assert_string_equal(f->line.class_name, "");
    assert_string_equal(f->line.first, "");
    assert_ptr_equal(f->line.surname, sc_pupil_surname(&p));
}

static void test_line_cleans_its_key_and_leaves_the_pupil_as_it_is(
    void **state)
{
    fixture *f = *state;
    sc_pupil p = pupil_of(f, "DU\tPONT", "Jean\n", "2nde 2", "1\tA", NULL,
                          NULL, SC_DATE_NONE);

    assert_int_equal(sc_state_make_line(&p, SC_STATUS_READY, &f->key,
                                        &f->cap, &f->line),
                     SC_OK);
    /* The key is the line's own: cleaned as the file gives it back. */
    assert_string_equal(f->line.key, "INE:1 A");
    /* The names are the pupil's, as the roll gives them (the workbook
     * shows them so): whoever writes or copies them cleans them. */
    assert_ptr_equal(f->line.surname, sc_pupil_surname(&p));
    assert_string_equal(sc_pupil_surname(&p), "DU\tPONT");
    assert_string_equal(sc_pupil_ine(&p), "1\tA");
}

static void test_line_grows_its_buffer_for_a_long_key(void **state)
{
    fixture *f = *state;
    char ine[300];
    sc_pupil p;

    memset(ine, '7', sizeof ine - 1);
    ine[sizeof ine - 1] = '\0';
    p = pupil_of(f, "DUPONT", "Jean", "2nde 2", ine, NULL, NULL,
                 SC_DATE_NONE);
    /* A buffer too small for it, then one that holds it. */
    f->key = malloc(8);
    assert_non_null(f->key);
    f->cap = 8;
    assert_int_equal(sc_state_make_line(&p, SC_STATUS_READY, &f->key,
                                        &f->cap, &f->line),
                     SC_OK);
    assert_int_equal(strlen(f->line.key), strlen("INE:") + strlen(ine));
    assert_true(f->cap > strlen(f->line.key));
    assert_int_equal(strncmp(f->line.key, "INE:777", 7), 0);
}

static void test_put_turns_tabs_and_line_breaks_into_spaces(void **state)
{
    fixture *f = *state;

    sc_state_line held;

    put(&f->a, "1\tA", "2nde\t2", "DU\rPONT", "Jean\n", SC_STATUS_READY);
    held = sc_state_get(&f->a, 0);
    assert_string_equal(held.key, "INE:1 A");
    assert_string_equal(held.class_name, "2nde 2");
    assert_string_equal(held.surname, "DU PONT");
    assert_string_equal(held.first, "Jean ");
}

static void test_put_keeps_the_order_of_the_lines(void **state)
{
    fixture *f = *state;
    char ine[16];

    /* More than the first capacities, so that the lines' array and the
     * text (4 KiB, 30 bytes a line) move. */
    for (int i = 0; i < 400; i++) {
        snprintf(ine, sizeof ine, "%d", i);
        put(&f->a, ine, "2nde 1", "NOM", "Prénom", (sc_status)(i % 6));
    }
    assert_int_equal(f->a.count, 400);
    assert_true(f->a.text_cap > 4096);
    for (int i = 0; i < 400; i++) {
        snprintf(ine, sizeof ine, "INE:%d", i);
        assert_string_equal(sc_state_get(&f->a, i).key, ine);
        assert_int_equal(sc_state_get(&f->a, i).status, i % 6);
    }
}

static void test_push_copies_the_line_into_one_block(void **state)
{
    fixture *f = *state;
    char key[] = "INE:1A", class_name[] = "2nde 2";
    sc_state_line line = {key, class_name, "DUPONT", "Jean",
                          SC_STATUS_NO_HOST};
    long before = support_live_blocks();
    sc_state_line held;

    assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    /* Copies: the line's own strings may change. */
    key[4] = '9';
    class_name[0] = '1';
    assert_int_equal(f->a.count, 1);
    held = sc_state_get(&f->a, 0);
    assert_string_equal(held.key, "INE:1A");
    assert_string_equal(held.class_name, "2nde 2");
    assert_string_equal(held.surname, "DUPONT");
    assert_string_equal(held.first, "Jean");
    assert_int_equal(held.status, SC_STATUS_NO_HOST);
    /* In the state's text, the status first, then the key: the text and
     * the lines' array made, nothing else. */
    assert_ptr_equal(held.key, f->a.text + 1);
    assert_int_equal((unsigned char)f->a.text[0], SC_STATUS_NO_HOST);
    assert_ptr_equal(held.class_name, held.key + sizeof "INE:1A");
    assert_ptr_equal(held.first, held.surname + sizeof "DUPONT");
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 2);
    sc_state_clear(&f->a);
    support_assert_live_blocks(before);
}

static void test_push_keeps_empty_strings(void **state)
{
    fixture *f = *state;
    sc_state_line line = {"NOM:x||", "", "X", "", SC_STATUS_READY}, held;

    assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    held = sc_state_get(&f->a, 0);
    assert_string_equal(held.class_name, "");
    assert_string_equal(held.surname, "X");
    assert_string_equal(held.first, "");
}

static void test_reserve_makes_room_so_that_pushes_move_nothing(void **state)
{
    fixture *f = *state;
    sc_state_line line = {"INE:1A", "2nde 2", "DUPONT", "Jean",
                          SC_STATUS_READY};
    size_t size = 1 + sizeof "INE:1A" + sizeof "2nde 2" + sizeof "DUPONT" +
                  sizeof "Jean";
    const char *text;
    const uint32_t *lines;
    long before = support_live_blocks();

    assert_int_equal(sc_state_reserve(&f->a, 1000, 1000 * size), SC_OK);
    text = f->a.text;
    lines = f->a.lines;
    for (int i = 0; i < 1000; i++)
        assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    /* The room made at once, nothing moved or allocated since. */
    assert_ptr_equal(f->a.text, text);
    assert_ptr_equal(f->a.lines, lines);
    assert_int_equal(f->a.used, 1000 * size);
    assert_int_equal(f->a.text_cap, 1000 * size);
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 2);
    assert_string_equal(sc_state_get(&f->a, 999).first, "Jean");
    /* Past the room, the state grows as before. */
    assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    assert_int_equal(f->a.count, 1001);
    assert_string_equal(sc_state_get(&f->a, 1000).key, "INE:1A");
    /* Room for nothing changes nothing; beyond 32 bits is refused. */
    text = f->a.text;
    assert_int_equal(sc_state_reserve(&f->a, 0, 0), SC_OK);
    assert_ptr_equal(f->a.text, text);
    assert_int_equal(sc_state_reserve(&f->a, 0, SC_STATE_TEXT_MAX),
                     SC_ERROR_MEMORY);
    assert_int_equal(f->a.count, 1001);
}

#if SUPPORT_BLOCKS_COUNTED
static void test_push_out_of_memory_leaves_the_state_as_it_was(void **state)
{
    fixture *f = *state;
    size_t big = (size_t)3 << 20; /* past the text's room */
    char *key = malloc(big);
    sc_state_line line = {key, "2nde 2", "MARTIN", "Léa", SC_STATUS_READY};
    sc_state empty = {0};
    sc_error err;

    assert_non_null(key);
    memset(key, 'K', big - 1);
    key[big - 1] = '\0';
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    /* The lines' array has room for a second line; the text's growth
     * the line needs, its first allocation, fails. */
    fault_arm(1);
    err = sc_state_push(&f->a, &line);
    fault_disarm();
    /* (The first fault loads what backtrace needs: live blocks are not
     * compared here; ASan and valgrind see leaks.) */
    assert_int_equal(err, SC_ERROR_MEMORY);
    assert_int_equal(f->a.count, 1);
    assert_string_equal(sc_state_get(&f->a, 0).key, "INE:1A");
    /* An empty state's array, the first allocation, fails alike. */
    fault_arm(1);
    err = sc_state_push(&empty, &line);
    fault_disarm();
    assert_int_equal(err, SC_ERROR_MEMORY);
    assert_int_equal(empty.count, 0);
    /* The text grows, then the lines' array, full, fails to: the line is
     * not held, the others are as they were. */
    for (int i = 1; (size_t)i < f->a.cap; i++)
        put(&f->a, "2B", "2nde 2", "DURAND", "Paul", SC_STATUS_NO_HOST);
    fault_arm(2);
    err = sc_state_push(&f->a, &line);
    fault_disarm();
    assert_int_equal(err, SC_ERROR_MEMORY);
    assert_int_equal(f->a.count, f->a.cap);
    assert_string_equal(sc_state_get(&f->a, 0).key, "INE:1A");
    assert_string_equal(sc_state_get(&f->a, f->a.count - 1).key, "INE:2B");
    assert_int_equal(sc_state_get(&f->a, f->a.count - 1).status,
                     SC_STATUS_NO_HOST);
    /* And the next line, memory back, goes after them. */
    assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    assert_int_equal(sc_state_get(&f->a, f->a.count - 1).key[0], 'K');
    sc_state_clear(&empty);
    free(key);
}
#endif

static void test_clear_frees_every_line_and_empties_the_state(void **state)
{
    sc_state s = {0};
    long before = support_live_blocks();

    (void)state;
    for (int i = 0; i < 20; i++)
        put(&s, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    support_assert_more_blocks(before);
    sc_state_clear(&s);
    support_assert_live_blocks(before);
    assert_null(s.lines);
    assert_null(s.text);
    assert_int_equal(s.count, 0);
    assert_int_equal(s.cap, 0);
    assert_int_equal(s.used, 0);
    /* Cleared again, or never filled: nothing to do. */
    sc_state_clear(&s);
    sc_state_clear(NULL);
    assert_null(s.lines);
    support_assert_live_blocks(before);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_key_is_the_ine_when_the_roll_gives_one),
        TEST(test_key_without_ine_is_name_class_and_iso_birth),
        TEST(test_key_without_ine_nor_birth_ends_empty),
        TEST(test_key_of_an_empty_ine_is_the_name_key),
        TEST(test_line_borrows_the_pupil_strings_and_keys_in_its_buffer),
        TEST(test_line_reads_a_missing_string_as_empty),
        TEST(test_line_cleans_its_key_and_leaves_the_pupil_as_it_is),
        TEST(test_line_grows_its_buffer_for_a_long_key),
        TEST(test_put_turns_tabs_and_line_breaks_into_spaces),
        TEST(test_put_keeps_the_order_of_the_lines),
        TEST(test_push_copies_the_line_into_one_block),
        TEST(test_push_keeps_empty_strings),
        TEST(test_reserve_makes_room_so_that_pushes_move_nothing),
#if SUPPORT_BLOCKS_COUNTED
        TEST(test_push_out_of_memory_leaves_the_state_as_it_was),
#endif
        TEST(test_clear_frees_every_line_and_empties_the_state),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
