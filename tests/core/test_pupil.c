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
    f->pupil.surname = (char *)"DUPONT";
    f->pupil.first = (char *)"Léa";
    f->pupil.duplicate_of = -1;
    f->pupil.selected = 1;
    memset(f->buf, 'x', sizeof f->buf);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
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

    /* Even a repeat of the very first row (index 0). */
    f->pupil.duplicate_of = 0;
    assert_false(sc_pupil_shown(&f->pupil));
    f->pupil.duplicate_of = 41;
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

    f->pupil.first = NULL;
    sc_pupil_display(&f->pupil, f->buf, sizeof f->buf);
    assert_string_equal(f->buf, "DUPONT ");
    f->pupil.surname = NULL;
    f->pupil.first = (char *)"Léa";
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

/* Gives p every string a roll row can, each its own allocation; ine may
 * be NULL. */
static void pupil_fill(sc_pupil *p, const char *ine)
{
    memset(p, 0, sizeof *p);
    p->surname = support_dup("DUPONT");
    p->first = support_dup("Léa");
    p->class_name = support_dup("2nde 1");
    p->ine = ine ? support_dup(ine) : NULL;
    p->name_key = support_dup("dupont lea");
    p->class_key = support_dup("2nde1");
    p->mef = support_dup("2NDE G-T");
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
}

static void test_pack_moves_every_string_into_the_arena(void **state)
{
    sc_pupil p;
    sc_arena arena = {NULL};
    long before = support_live_blocks();

    (void)state;
    pupil_fill(&p, NULL);
    sc_pupil_pack(&p, &arena);
    assert_int_equal(p.packed, 1);
    /* One after the other, in the arena's block. */
    assert_ptr_equal(p.first, p.surname + sizeof "DUPONT");
    /* Six strings freed, the arena's first block made. */
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    assert_string_equal(p.surname, "DUPONT");
    assert_string_equal(p.first, "Léa");
    assert_string_equal(p.class_name, "2nde 1");
    assert_null(p.ine);
    assert_string_equal(p.name_key, "dupont lea");
    assert_string_equal(p.class_key, "2nde1");
    assert_string_equal(p.mef, "2NDE G-T");
    sc_pupil_pack(&p, &arena); /* packed once: a second call changes
                                  nothing */
    assert_string_equal(p.mef, "2NDE G-T");
    /* The strings are the arena's: clearing the pupil frees none. */
    sc_pupil_clear(&p);
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    assert_string_equal(p.surname, "DUPONT");
    sc_arena_clear(&arena);
    support_assert_live_blocks(before);
}

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
        TEST(test_clear_frees_every_string),
        TEST(test_pack_moves_every_string_into_the_arena),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
