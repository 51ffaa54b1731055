/*
 * test_entry.c - unit tests of entry.c: the name a placements row gives,
 * and freeing its strings.
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
#include "stagecheck/core/entry.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/base/text.h"

typedef struct fixture {
    sc_entry entry;
    char buf[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    f->entry.pupil = -1;
    memset(f->buf, 'x', sizeof f->buf);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

#define assert_display(f, text) \
    do { \
        sc_entry_display(&(f)->entry, (f)->buf, sizeof (f)->buf); \
        assert_string_equal((f)->buf, (text)); \
    } while (0)

static void test_display_is_surname_space_first_name(void **state)
{
    fixture *f = *state;

    f->entry.surname = (char *)"DUPONT";
    f->entry.first = (char *)"Léa";
    f->entry.ine = (char *)"070123456AB"; /* a name, when given, wins */
    assert_display(f, "DUPONT Léa");
}

static void test_display_of_one_name_has_no_stray_space(void **state)
{
    fixture *f = *state;

    f->entry.surname = (char *)"DUPONT";
    assert_display(f, "DUPONT");
    f->entry.surname = NULL;
    f->entry.first = (char *)"Léa";
    assert_display(f, "Léa");
}

static void test_display_without_a_name_is_the_ine(void **state)
{
    fixture *f = *state;

    f->entry.ine = (char *)"070123456AB";
    assert_display(f, "INE 070123456AB");
    f->entry.ine = NULL;
    assert_display(f, "INE ");
}

static void test_display_cut_never_splits_a_character(void **state)
{
    fixture *f = *state;

    f->entry.surname = (char *)"ÉLIE";
    f->entry.first = (char *)"Zoé";
    /* "ÉLIE Zo" and half an "é" fit in 9 bytes: the half goes. */
    sc_entry_display(&f->entry, f->buf, 10);
    assert_string_equal(f->buf, "ÉLIE Zo");
    assert_true(sc_text_valid_utf8(f->buf, strlen(f->buf)));
}

/* Every string of an entry, as pointers to fill and read back. */
#define ENTRY_STRINGS(e)                                                  \
    {&(e)->ine, &(e)->surname, &(e)->first, &(e)->class_name,             \
     &(e)->name_key, &(e)->class_key, &(e)->host, &(e)->host_type,        \
     &(e)->siret, &(e)->city, &(e)->country, &(e)->activities,            \
     &(e)->skills, &(e)->dispense}

static void test_clear_frees_every_string(void **state)
{
    sc_entry e;
    char **strings[] = ENTRY_STRINGS(&e);
    long before = support_live_blocks();

    (void)state;
    memset(&e, 0, sizeof e);
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        *strings[i] = support_dup("texte");
    support_assert_more_blocks(before);
    sc_entry_clear(&e);
    support_assert_live_blocks(before);
}

static void test_pack_moves_every_string_into_the_arena(void **state)
{
    sc_entry e;
    char **strings[] = ENTRY_STRINGS(&e);
    const size_t n = sizeof strings / sizeof *strings;
    char text[16];
    sc_arena arena = {NULL};
    long before = support_live_blocks();

    (void)state;
    memset(&e, 0, sizeof e);
    for (size_t i = 0; i < n; i++) {
        snprintf(text, sizeof text, "texte %zu", i);
        *strings[i] = support_dup(text);
    }
    sc_entry_pack(&e, &arena);
    assert_ptr_equal(e.strings, e.ine);
    /* Fourteen strings freed, the arena's first block made. */
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    for (size_t i = 0; i < n; i++) {
        snprintf(text, sizeof text, "texte %zu", i);
        assert_string_equal(*strings[i], text);
    }
    /* The strings are the arena's: clearing the entry frees none. */
    sc_entry_clear(&e);
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1);
    sc_arena_clear(&arena);
    support_assert_live_blocks(before);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_display_is_surname_space_first_name),
        TEST(test_display_of_one_name_has_no_stray_space),
        TEST(test_display_without_a_name_is_the_ine),
        TEST(test_display_cut_never_splits_a_character),
        TEST(test_clear_frees_every_string),
        TEST(test_pack_moves_every_string_into_the_arena),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
