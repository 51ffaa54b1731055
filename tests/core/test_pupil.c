/*
 * test_pupil.c - unit tests of pupil.c: whether a pupil has a line on a
 * class sheet, and the name it is shown under.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#define SUPPORT_COUNT_BLOCKS
#include "../support.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/base/text.h"

/* A buffer for the name, filled with garbage first. */
typedef struct fixture {
    sc_pupil pupil;
    char buf[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    support_pupil_texts(&f->pupil, NULL, "DUPONT", "Léa", NULL, NULL, NULL,
                        NULL, NULL);
    f->pupil.selected = 1;
    memset(f->buf, 'x', sizeof f->buf);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_pupil_clear(&f->pupil);
    free(f);
    return 0;
}

static void test_shown_when_followed_and_not_a_repeat(void **state)
{
    fixture *f = *state;

    assert_true(sc_pupil_shown(&f->pupil));
}

static void test_not_shown_when_not_followed(void **state)
{
    fixture *f = *state;

    f->pupil.selected = 0;
    assert_false(sc_pupil_shown(&f->pupil));
}

static void test_not_shown_when_it_repeats_another_row(void **state)
{
    fixture *f = *state;

    assert_true(sc_pupil_shown(&f->pupil));
    f->pupil.duplicate = 1;
    assert_false(sc_pupil_shown(&f->pupil));
}

static void test_display_is_surname_space_first_name(void **state)
{
    fixture *f = *state;

    sc_pupil_display(&f->pupil, f->buf, sizeof f->buf);
    assert_string_equal(f->buf, "DUPONT Léa");
}

static void test_display_of_missing_names_keeps_the_space(void **state)
{
    fixture *f = *state;

    support_pupil_text(&f->pupil, SC_PUPIL_FIRST, NULL);
    sc_pupil_display(&f->pupil, f->buf, sizeof f->buf);
    assert_string_equal(f->buf, "DUPONT ");
    support_pupil_text(&f->pupil, SC_PUPIL_SURNAME, NULL);
    support_pupil_text(&f->pupil, SC_PUPIL_FIRST, "Léa");
    sc_pupil_display(&f->pupil, f->buf, sizeof f->buf);
    assert_string_equal(f->buf, " Léa");
}

static void test_display_cut_never_splits_a_character(void **state)
{
    fixture *f = *state;

    /* "DUPONT Lé" is 10 bytes: 9 fit with the NUL, "é" would be cut in
     * half and goes whole. */
    sc_pupil_display(&f->pupil, f->buf, 10);
    assert_string_equal(f->buf, "DUPONT L");
    assert_true(sc_text_valid_utf8(f->buf, strlen(f->buf)));
}

/* Gives p every string a roll row can, in a block of its own; ine may
 * be NULL. */
static void pupil_fill(sc_pupil *p, const char *ine)
{
    memset(p, 0, sizeof *p);
    support_pupil_texts(p, NULL, "DUPONT", "Léa", "2nde 1", ine, "dupont lea",
                        "2nde1", "2NDE G-T");
}

static void test_every_string_reads_back(void **state)
{
    sc_pupil p;

    (void)state;
    pupil_fill(&p, "A1");
    assert_string_equal(sc_pupil_surname(&p), "DUPONT");
    assert_string_equal(sc_pupil_first(&p), "Léa");
    assert_string_equal(sc_pupil_class(&p), "2nde 1");
    assert_string_equal(sc_pupil_ine(&p), "A1");
    assert_string_equal(sc_pupil_name_key(&p), "dupont lea");
    assert_string_equal(sc_pupil_class_key(&p), "2nde1");
    assert_string_equal(sc_pupil_mef(&p), "2NDE G-T");
    sc_pupil_clear(&p);
}

static void test_an_absent_string_reads_null_and_moves_none(void **state)
{
    sc_pupil p;

    (void)state;
    pupil_fill(&p, NULL);
    assert_null(sc_pupil_ine(&p));
    /* The block skips it: the strings after it are still found. */
    assert_string_equal(sc_pupil_class(&p), "2nde 1");
    assert_ptr_equal(sc_pupil_name_key(&p),
                     sc_pupil_class(&p) + sizeof "2nde 1");
    assert_string_equal(sc_pupil_mef(&p), "2NDE G-T");
    /* An empty string is present, not absent. */
    support_pupil_text(&p, SC_PUPIL_INE, "");
    assert_string_equal(sc_pupil_ine(&p), "");
    assert_string_equal(sc_pupil_name_key(&p), "dupont lea");
    sc_pupil_clear(&p);
}

static void test_no_string_at_all_is_no_block(void **state)
{
    sc_pupil p = {.packed = 0};
    const char *none[SC_PUPIL_TEXTS] = {NULL};
    long before = support_live_blocks();

    (void)state;
    assert_int_equal(sc_pupil_set_texts(&p, NULL, none), SC_OK);
    assert_null(p.texts);
    assert_null(sc_pupil_surname(&p));
    assert_null(sc_pupil_mef(&p));
    support_assert_live_blocks(before);
}

static void test_clear_frees_every_string(void **state)
{
    sc_pupil p;
    long before = support_live_blocks();

    (void)state;
    pupil_fill(&p, "A1");
    support_assert_more_blocks(before);
    sc_pupil_clear(&p);
    support_assert_live_blocks(before);
    assert_null(sc_pupil_surname(&p));
}

static void test_set_again_lets_the_old_block_go(void **state)
{
    sc_pupil p;
    long before = support_live_blocks();

    (void)state;
    pupil_fill(&p, "A1");
    /* Copied from the block it replaces, which is then freed. */
    support_pupil_text(&p, SC_PUPIL_MEF, "2NDE GT");
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    assert_string_equal(sc_pupil_surname(&p), "DUPONT");
    assert_string_equal(sc_pupil_mef(&p), "2NDE GT");
    sc_pupil_clear(&p);
    support_assert_live_blocks(before);
}

static void test_set_in_an_arena_puts_them_one_after_the_other(void **state)
{
    sc_pupil p;
    sc_arena arena = {NULL};
    long before = support_live_blocks();

    (void)state;
    memset(&p, 0, sizeof p);
    support_pupil_texts(&p, &arena, "DUPONT", "Léa", "2nde 1", NULL,
                        "dupont lea", "2nde1", "2NDE G-T");
    assert_int_equal(p.packed, 1);
    assert_ptr_equal(sc_pupil_first(&p),
                     sc_pupil_surname(&p) + sizeof "DUPONT");
    /* The arena's first block, and nothing of the pupil's own. */
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    /* The strings are the arena's: clearing the pupil frees none. */
    sc_pupil_clear(&p);
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    assert_int_equal(p.packed, 0);
    sc_arena_clear(&arena);
    support_assert_live_blocks(before);
}

#if SUPPORT_BLOCKS_COUNTED
static void test_set_out_of_memory_leaves_the_pupil_as_it_was(void **state)
{
    sc_pupil p;
    const char *other[SC_PUPIL_TEXTS] = {"MARTIN", "Paul"};
    sc_error err;

    (void)state;
    pupil_fill(&p, "A1");
    fault_arm(1);
    err = sc_pupil_set_texts(&p, NULL, other);
    fault_disarm();
    assert_int_equal(err, SC_ERROR_MEMORY);
    assert_string_equal(sc_pupil_surname(&p), "DUPONT");
    assert_string_equal(sc_pupil_mef(&p), "2NDE G-T");
    sc_pupil_clear(&p);
}
#endif

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_shown_when_followed_and_not_a_repeat),
        TEST(test_not_shown_when_not_followed),
        TEST(test_not_shown_when_it_repeats_another_row),
        TEST(test_display_is_surname_space_first_name),
        TEST(test_display_of_missing_names_keeps_the_space),
        TEST(test_display_cut_never_splits_a_character),
        TEST(test_every_string_reads_back),
        TEST(test_an_absent_string_reads_null_and_moves_none),
        TEST(test_no_string_at_all_is_no_block),
        TEST(test_clear_frees_every_string),
        TEST(test_set_again_lets_the_old_block_go),
        TEST(test_set_in_an_arena_puts_them_one_after_the_other),
#if SUPPORT_BLOCKS_COUNTED
        TEST(test_set_out_of_memory_leaves_the_pupil_as_it_was),
#endif
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
