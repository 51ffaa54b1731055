/*
 * test_sheetname.c - unit tests of sheetname.c: class sheet names that
 * Excel takes (length, characters, apostrophes), that differ from the fixed
 * sheets and from each other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/base/text.h"

/* A macro, so that a failure names the caller's line. */
#define assert_sheet_name(name, used, nused, expected) \
    do { \
        char out_[SC_SHEETNAME_SIZE]; \
        sc_sheetname_make((name), (used), (nused), out_); \
        assert_true(sc_text_valid_utf8(out_, strlen(out_))); \
        assert_string_equal(out_, (expected)); \
    } while (0)

/* ---- Sheet names -------------------------------------------------------- */

static void test_sheet_name_replaces_forbidden_characters(void **state)
{
    (void)state;
    assert_sheet_name("2nde[1]:*?/\\x", NULL, 0, "2nde_1______x");
    /* Control characters would break workbook.xml. */
    assert_sheet_name("2nde\x01" "1\n2", NULL, 0, "2nde_1_2");
}

static void test_sheet_name_cuts_to_31_characters_on_a_code_point(void **state)
{
    (void)state;
    /* 36 two-byte characters: 20 from the start, "…", 10 from the end,
     * never half a character. */
    assert_sheet_name("éèàùçâêîôûëïüÿœæÉÈÀÙÇÂÊÎÔÛËÏÜŸŒÆéèàù", NULL, 0,
                      "éèàùçâêîôûëïüÿœæÉÈÀÙ…ËÏÜŸŒÆéèàù");
}

static void test_sheet_name_keeps_the_end_that_tells_groups_apart(
    void **state)
{
    (void)state;
    assert_sheet_name("Seconde générale et technologique 10", NULL, 0,
                      "Seconde générale et…logique 10");
    assert_sheet_name("Seconde générale et technologique 9", NULL, 0,
                      "Seconde générale et…ologique 9");
}

static void test_sheet_name_counts_emoji_as_two_excel_characters(void **state)
{
    (void)state;
    /* Excel counts UTF-16 units: 30 letters and an emoji make 32. */
    assert_sheet_name("abcdefghijklmnopqrstuvwxyzabcd\xF0\x9F\x98\x80", NULL,
                      0, "abcdefghijklmnopqrst…wxyzabcd\xF0\x9F\x98\x80");
}

static void test_sheet_name_avoids_fixed_sheets_ignoring_case(void **state)
{
    (void)state;
    assert_sheet_name("Synthèse", NULL, 0, "Synthèse (2)");
    assert_sheet_name("anomalies", NULL, 0, "anomalies (2)");
    assert_sheet_name("ACCUEIL ÉTABLISSEMENT", NULL, 0,
                      "ACCUEIL ÉTABLISSEMENT (2)");
    assert_sheet_name("Synthèse 2", NULL, 0, "Synthèse 2");
    assert_sheet_name("RELANCES", NULL, 0, "RELANCES (2)");
}

static void test_sheet_name_avoids_changes_sheet(void **state)
{
    (void)state;
    assert_sheet_name("Changements", NULL, 0, "Changements (2)");
    assert_sheet_name("CHANGEMENTS", NULL, 0, "CHANGEMENTS (2)");
}

static void test_sheet_name_numbers_names_already_used(void **state)
{
    const char *used[] = {"2nde 1", "2NDE 1 (2)", "2nde 3"};

    (void)state;
    assert_sheet_name("2nde 1", used, 3, "2nde 1 (3)");
    assert_sheet_name("2nde 2", used, 3, "2nde 2");
}

static void test_sheet_name_suffix_keeps_31_characters(void **state)
{
    const char *used[] = {"Seconde générale et…hnologique",
                          "abcdefghijklmnopqrstuvwxyz abcd"};

    (void)state;
    /* Cut as the first sheet was; the base then loses what " (2)" needs
     * to stay within 31 characters. */
    assert_sheet_name("Seconde générale et technologique", used, 2,
                      "Seconde générale et…hnologi (2)");
    /* A blank left at the end of the cut base is dropped. */
    assert_sheet_name("abcdefghijklmnopqrstuvwxyz abcd", used, 2,
                      "abcdefghijklmnopqrstuvwxyz (2)");
}

static void test_sheet_name_drops_edge_apostrophes(void **state)
{
    (void)state;
    assert_sheet_name("'2nde A'", NULL, 0, "2nde A");
    assert_sheet_name("  ' 2nde B '' ", NULL, 0, "2nde B");
    assert_sheet_name("2nde l'A", NULL, 0, "2nde l'A");
}

static void test_sheet_name_never_empty(void **state)
{
    const char *used[] = {"Classe"};

    (void)state;
    assert_sheet_name("", NULL, 0, "Classe");
    assert_sheet_name(NULL, NULL, 0, "Classe");
    assert_sheet_name(" '' ", NULL, 0, "Classe");
    assert_sheet_name("  ", used, 1, "Classe (2)");
}

static void test_sheet_name_keyed_matches_unkeyed(void **state)
{
    const char *used[] = {"2nde 1", "2NDE 1 (2)", "2nde 3"};
    char *keys[3];
    char out[SC_SHEETNAME_SIZE];

    (void)state;
    for (size_t i = 0; i < 3; i++)
        assert_non_null(keys[i] = sc_text_key(used[i]));
    sc_sheetname_make_keyed("2nde 1", used, keys, 3, out);
    assert_string_equal(out, "2nde 1 (3)");
    /* A key that could not be made: the name itself, without case. */
    free(keys[0]);
    keys[0] = NULL;
    sc_sheetname_make_keyed("2NDE 1", used, keys, 3, out);
    assert_string_equal(out, "2NDE 1 (3)");
    sc_sheetname_make_keyed("2nde 2", used, keys, 3, out);
    assert_string_equal(out, "2nde 2");
    for (size_t i = 1; i < 3; i++)
        free(keys[i]);
}

/* The Changements sheet tells a change of class from a change of case. */
static void test_sheet_name_equal_ignores_case_accents_and_punctuation(
    void **state)
{
    (void)state;
    assert_true(sc_sheetname_equal("2NDE 2", "2nde 2"));
    assert_true(sc_sheetname_equal("Synthese", "Synthèse"));
    assert_true(sc_sheetname_equal("2nde-A", "2nde A"));
    assert_false(sc_sheetname_equal("2nde 2", "2nde 3"));
    assert_false(sc_sheetname_equal("2nde 1", "2nde 10"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_name_replaces_forbidden_characters),
        cmocka_unit_test(test_sheet_name_cuts_to_31_characters_on_a_code_point),
        cmocka_unit_test(test_sheet_name_counts_emoji_as_two_excel_characters),
        cmocka_unit_test(test_sheet_name_keeps_the_end_that_tells_groups_apart),
        cmocka_unit_test(test_sheet_name_avoids_fixed_sheets_ignoring_case),
        cmocka_unit_test(test_sheet_name_avoids_changes_sheet),
        cmocka_unit_test(test_sheet_name_numbers_names_already_used),
        cmocka_unit_test(test_sheet_name_suffix_keeps_31_characters),
        cmocka_unit_test(test_sheet_name_drops_edge_apostrophes),
        cmocka_unit_test(test_sheet_name_never_empty),
        cmocka_unit_test(test_sheet_name_keyed_matches_unkeyed),
        cmocka_unit_test(test_sheet_name_equal_ignores_case_accents_and_punctuation),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
