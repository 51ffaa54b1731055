/*
 * test_anomalies.c - unit tests of anomalies.c: the list of problems found
 * in the input, counted as findings and sorted in the order of the files.
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
#include "stagecheck/core/anomalies.h"
#include "stagecheck/base/text.h"

static int setup(void **state)
{
    sc_anomalies *list = calloc(1, sizeof *list);

    if (!list)
        return -1;
    *state = list;
    return 0;
}

static int teardown(void **state)
{
    sc_anomalies_clear(*state);
    free(*state);
    return 0;
}

/* Adds an anomaly whose message is its tag, to follow it through a sort. */
#define add(list, sev, file, line, tag) \
    assert_int_equal(sc_anomalies_add((list), (sev), (file), (line), NULL, \
                                      NULL, "%s", (tag)), SC_OK)

/* Asserts the messages of the list, in order (a NULL-terminated list). */
#define assert_order(list, ...) \
    assert_order_at((list), (const char *[]){__VA_ARGS__, NULL}, __FILE__, \
                    __LINE__)

static void assert_order_at(const sc_anomalies *list, const char **tags,
                            const char *file, int line)
{
    size_t n = 0;

    for (; tags[n]; n++) {
        _assert_true(cast_to_largest_integral_type(n < list->count),
                     "n < list->count", file, line);
        _assert_string_equal(list->items[n].message, tags[n], file, line);
    }
    _assert_int_equal(cast_to_largest_integral_type(list->count),
                      cast_to_largest_integral_type(n), file, line);
}

/* ---- Labels ------------------------------------------------------------- */

static void test_severity_labels_are_exact(void **state)
{
    (void)state;
    assert_string_equal(sc_anomalies_severity_label(SC_SEVERITY_ERROR),
                        "Erreur");
    assert_string_equal(sc_anomalies_severity_label(SC_SEVERITY_WARNING),
                        "Attention");
    assert_string_equal(sc_anomalies_severity_label(SC_SEVERITY_NOTE),
                        "Information");
}

/* ---- Adding ------------------------------------------------------------- */

static void test_add_copies_every_field_and_formats_the_message(void **state)
{
    sc_anomalies *list = *state;
    char file[] = "stages.csv", class_name[] = "2nde 1", pupil[] = "DUPONT Léa";

    assert_int_equal(sc_anomalies_add(list, SC_SEVERITY_WARNING, file, 7,
                                      class_name, pupil,
                                      "%d ligne(s) « %s »", 2, "vides"),
                     SC_OK);
    file[0] = class_name[0] = pupil[0] = 'X'; /* the list holds copies */
    assert_int_equal(list->count, 1);
    assert_int_equal(list->items[0].severity, SC_SEVERITY_WARNING);
    assert_string_equal(list->items[0].file, "stages.csv");
    assert_int_equal(list->items[0].line, 7);
    assert_string_equal(list->items[0].class_name, "2nde 1");
    assert_string_equal(list->items[0].pupil, "DUPONT Léa");
    assert_string_equal(list->items[0].message, "2 ligne(s) « vides »");
}

static void test_add_takes_null_strings_as_empty(void **state)
{
    sc_anomalies *list = *state;

    assert_int_equal(sc_anomalies_add(list, SC_SEVERITY_ERROR, NULL, 0, NULL,
                                      NULL, "aucune classe"), SC_OK);
    assert_string_equal(list->items[0].file, "");
    assert_string_equal(list->items[0].class_name, "");
    assert_string_equal(list->items[0].pupil, "");
    assert_int_equal(list->items[0].line, 0);
}

static void test_add_cuts_a_long_message_at_a_character(void **state)
{
    sc_anomalies *list = *state;
    char text[2001];
    const char *m;

    /* 1000 "é": 1023 bytes fit, the last one half a character. */
    for (size_t i = 0; i < 1000; i++)
        memcpy(text + 2 * i, "é", 2);
    text[2000] = '\0';
    add(list, SC_SEVERITY_ERROR, "f.csv", 1, text);
    m = list->items[0].message;
    assert_int_equal(strlen(m), 1022);
    assert_true(sc_text_valid_utf8(m, strlen(m)));
}

static void test_add_keeps_the_order_of_many(void **state)
{
    sc_anomalies *list = *state;
    char tag[16];

    for (int i = 0; i < 100; i++) {
        snprintf(tag, sizeof tag, "n%d", i);
        add(list, SC_SEVERITY_NOTE, "f.csv", (unsigned)(100 - i), tag);
    }
    assert_int_equal(list->count, 100);
    for (int i = 0; i < 100; i++) {
        snprintf(tag, sizeof tag, "n%d", i);
        assert_string_equal(list->items[i].message, tag);
        assert_int_equal(list->items[i].line, 100 - i);
    }
}

/* What one reading thread found goes after what the list has, in its
 * order, and its own list is left empty (the anomalies are moved, not
 * copied: their blocks stay the same). */
static void test_move_appends_in_order_and_empties_the_other(void **state)
{
    sc_anomalies *list = *state;
    sc_anomalies from = {0}, none = {0};
    long before;

    add(list, SC_SEVERITY_NOTE, "a.csv", 1, "a1");
    add(&from, SC_SEVERITY_WARNING, "b.csv", 3, "b3");
    add(&from, SC_SEVERITY_ERROR, "b.csv", 1, "b1");
    before = support_live_blocks();
    assert_int_equal(sc_anomalies_move(list, &from), SC_OK);
    assert_order(list, "a1", "b3", "b1");
    assert_string_equal(list->items[1].file, "b.csv");
    assert_int_equal(list->items[2].severity, SC_SEVERITY_ERROR);
    assert_null(from.items);
    assert_int_equal(from.count, 0);
    assert_int_equal(from.cap, 0);
    /* One array fewer: from's, freed; the anomalies' strings are kept. */
    if (SUPPORT_BLOCKS_COUNTED)
        assert_true(support_live_blocks() <= before);
    /* Nothing to move, or into an empty list. */
    assert_int_equal(sc_anomalies_move(list, &none), SC_OK);
    assert_order(list, "a1", "b3", "b1");
    assert_int_equal(sc_anomalies_move(&none, list), SC_OK);
    assert_order(&none, "a1", "b3", "b1");
    assert_int_equal(list->count, 0);
    sc_anomalies_clear(&none);
}

/* ---- Findings ----------------------------------------------------------- */

static void test_findings_count_errors_and_warnings_not_notes(void **state)
{
    sc_anomalies *list = *state;

    assert_int_equal(sc_anomalies_findings(list), 0);
    add(list, SC_SEVERITY_NOTE, "e.csv", 2, "classe écartée");
    assert_int_equal(sc_anomalies_findings(list), 0);
    add(list, SC_SEVERITY_ERROR, "s.csv", 3, "date illisible");
    add(list, SC_SEVERITY_NOTE, "s.csv", 4, "ligne non examinée");
    add(list, SC_SEVERITY_WARNING, "e.csv", 5, "élève en double");
    assert_int_equal(sc_anomalies_findings(list), 2);
}

/* ---- Sorting ------------------------------------------------------------ */

static void test_sort_follows_the_order_of_files_then_lines(void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"eleves.csv", "pronote.csv", "stages.csv"};

    add(list, SC_SEVERITY_ERROR, "stages.csv", 4, "s4");
    add(list, SC_SEVERITY_ERROR, "eleves.csv", 9, "e9");
    add(list, SC_SEVERITY_NOTE, "stages.csv", 2, "s2");
    add(list, SC_SEVERITY_WARNING, "pronote.csv", 1, "p1");
    add(list, SC_SEVERITY_ERROR, "eleves.csv", 3, "e3");
    assert_int_equal(sc_anomalies_sort(list, files, 3), SC_OK);
    assert_order(list, "e3", "e9", "p1", "s2", "s4");
}

static void test_sort_orders_by_the_list_not_by_name(void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"z-eleves.csv", "a-stages.csv"};

    add(list, SC_SEVERITY_ERROR, "a-stages.csv", 1, "a1");
    add(list, SC_SEVERITY_ERROR, "z-eleves.csv", 8, "z8");
    assert_int_equal(sc_anomalies_sort(list, files, 2), SC_OK);
    assert_order(list, "z8", "a1");
}

static void test_sort_keeps_anomalies_of_one_place_in_order(void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"eleves.csv", "stages.csv"};

    /* qsort is not stable: the rank of addition must decide. */
    add(list, SC_SEVERITY_ERROR, "stages.csv", 5, "first");
    add(list, SC_SEVERITY_ERROR, "eleves.csv", 2, "e2");
    add(list, SC_SEVERITY_WARNING, "stages.csv", 5, "second");
    add(list, SC_SEVERITY_NOTE, "stages.csv", 5, "third");
    for (int i = 0; i < 20; i++)
        add(list, SC_SEVERITY_ERROR, "stages.csv", 1, "s1");
    add(list, SC_SEVERITY_ERROR, "stages.csv", 5, "fourth");
    assert_int_equal(sc_anomalies_sort(list, files, 2), SC_OK);
    assert_string_equal(list->items[0].message, "e2");
    assert_string_equal(list->items[21].message, "first");
    assert_string_equal(list->items[22].message, "second");
    assert_string_equal(list->items[23].message, "third");
    assert_string_equal(list->items[24].message, "fourth");
    assert_int_equal(list->items[22].severity, SC_SEVERITY_WARNING);
}

static void test_sort_is_stable_where_qsort_is_not(void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"eleves.csv", "stages.csv"};
    char tag[16];
    sc_error err;

    for (int i = 0; i < 60; i++) {
        snprintf(tag, sizeof tag, "%d", i);
        add(list, SC_SEVERITY_ERROR, i % 3 ? "stages.csv" : "eleves.csv",
            (unsigned)(i % 2), tag);
    }
#if SUPPORT_BLOCKS_COUNTED
    /* glibc's qsort is a stable merge sort while it gets its scratch
     * memory, and an in-place quicksort, which is not stable, when it does
     * not: refuse it that memory (the allocation after the sort's two),
     * so that only the order of addition keeps each place's anomalies in
     * order. */
    fault_arm(3);
#endif
    err = sc_anomalies_sort(list, files, 2);
#if SUPPORT_BLOCKS_COUNTED
    fault_disarm();
#endif
    assert_int_equal(err, SC_OK);
    assert_int_equal(list->count, 60);
    for (size_t i = 1; i < list->count; i++) {
        const sc_anomaly *a = &list->items[i - 1], *b = &list->items[i];
        int same = strcmp(a->file, b->file) == 0 && a->line == b->line;

        if (same)
            assert_true(atoi(a->message) < atoi(b->message));
    }
    assert_string_equal(list->items[0].file, "eleves.csv");
    assert_string_equal(list->items[59].file, "stages.csv");
}

static void test_sort_puts_names_not_in_the_list_last(void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"eleves.csv", "stages.csv"};

    /* The empty file name: anomalies of no file, such as "no class
     * matches --classes". */
    add(list, SC_SEVERITY_WARNING, "", 0, "none");
    add(list, SC_SEVERITY_ERROR, "stages.csv", 9, "s9");
    add(list, SC_SEVERITY_ERROR, "autre.csv", 1, "o1");
    add(list, SC_SEVERITY_ERROR, "eleves.csv", 40, "e40");
    assert_int_equal(sc_anomalies_sort(list, files, 2), SC_OK);
    assert_order(list, "e40", "s9", "none", "o1");
}

static void test_sort_finds_the_place_of_each_of_many_files(void **state)
{
    sc_anomalies *list = *state;
    enum { NFILES = 3000 };
    static char names[NFILES][24];
    const char *files[NFILES];

    /* An académie's thousands of files, listed in an order that is not
     * the order of their names: each anomaly goes by its file's index. */
    for (int i = 0; i < NFILES; i++) {
        snprintf(names[i], sizeof names[i], "%04d-eleves.csv",
                 (i * 7919) % NFILES);
        files[i] = names[i];
    }
    for (int i = NFILES - 1; i >= 0; i -= 3)
        add(list, SC_SEVERITY_ERROR, files[i], 2, files[i]);
    add(list, SC_SEVERITY_ERROR, "absent.csv", 1, "absent");
    assert_int_equal(sc_anomalies_sort(list, files, NFILES), SC_OK);
    assert_int_equal(list->count, NFILES / 3 + 1);
    for (size_t i = 0; i + 1 < list->count; i++)
        assert_string_equal(list->items[i].file, files[2 + 3 * i]);
    assert_string_equal(list->items[list->count - 1].message, "absent");
}

static void test_sort_takes_the_first_place_of_a_name_given_twice(
    void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"b.csv", "a.csv", "c.csv", "a.csv"};

    add(list, SC_SEVERITY_ERROR, "c.csv", 1, "c1");
    add(list, SC_SEVERITY_ERROR, "a.csv", 5, "a5");
    add(list, SC_SEVERITY_ERROR, "b.csv", 9, "b9");
    assert_int_equal(sc_anomalies_sort(list, files, 4), SC_OK);
    assert_order(list, "b9", "a5", "c1");
}

static void test_sort_keeps_each_anomaly_whole(void **state)
{
    sc_anomalies *list = *state;
    const char *files[] = {"eleves.csv", "stages.csv"};

    assert_int_equal(sc_anomalies_add(list, SC_SEVERITY_NOTE, "stages.csv", 3,
                                      "2nde 2", "MARTIN Paul", "m3"), SC_OK);
    assert_int_equal(sc_anomalies_add(list, SC_SEVERITY_ERROR, "eleves.csv", 4,
                                      "2nde 1", "DUPONT Léa", "m4"), SC_OK);
    assert_int_equal(sc_anomalies_sort(list, files, 2), SC_OK);
    assert_int_equal(list->items[0].severity, SC_SEVERITY_ERROR);
    assert_string_equal(list->items[0].file, "eleves.csv");
    assert_int_equal(list->items[0].line, 4);
    assert_string_equal(list->items[0].class_name, "2nde 1");
    assert_string_equal(list->items[0].pupil, "DUPONT Léa");
    assert_string_equal(list->items[0].message, "m4");
    assert_string_equal(list->items[1].pupil, "MARTIN Paul");
}

static void test_sort_of_none_or_one_changes_nothing(void **state)
{
    sc_anomalies *list = *state;

    assert_int_equal(sc_anomalies_sort(list, NULL, 0), SC_OK);
    assert_int_equal(list->count, 0);
    add(list, SC_SEVERITY_ERROR, "autre.csv", 3, "o3");
    assert_int_equal(sc_anomalies_sort(list, NULL, 0), SC_OK);
    assert_order(list, "o3");
}

/* ---- Clearing ----------------------------------------------------------- */

static void test_clear_frees_every_anomaly_and_empties_the_list(void **state)
{
    sc_anomalies *list = *state;
    long before = support_live_blocks();

    for (int i = 0; i < 40; i++)
        add(list, SC_SEVERITY_ERROR, "stages.csv", (unsigned)i, "m");
    support_assert_more_blocks(before);
    sc_anomalies_clear(list);
    support_assert_live_blocks(before);
    assert_null(list->items);
    assert_int_equal(list->count, 0);
    assert_int_equal(list->cap, 0);
    /* Cleared again, or NULL: nothing to do. */
    sc_anomalies_clear(list);
    sc_anomalies_clear(NULL);
    support_assert_live_blocks(before);
}

/* ---- Where a row is ----------------------------------------------------- */

static void test_where_of_a_csv_row_is_file_colon_line(void **state)
{
    char buf[128];

    (void)state;
    /* As editors and compilers write it: "f:3" opens at line 3. */
    assert_int_equal(sc_anomalies_where(buf, sizeof buf, "f", 3), 3);
    assert_string_equal(buf, "f:3");
    sc_anomalies_where(buf, sizeof buf, "exports/élèves 2nde.csv", 1204);
    assert_string_equal(buf, "exports/élèves 2nde.csv:1204");
    /* A French comma alone in a name is no sheet. */
    sc_anomalies_where(buf, sizeof buf, "suivi, version 2.csv", 7);
    assert_string_equal(buf, "suivi, version 2.csv:7");
}

static void test_where_of_a_sheet_row_says_ligne(void **state)
{
    char buf[128];
    const char *sheet = "f" SC_ANOMALIES_SHEET_MARK "S »";

    (void)state;
    assert_string_equal(sheet, "f, feuille « S »");
    assert_int_equal(sc_anomalies_where(buf, sizeof buf, sheet, 3),
                     (int)strlen("f, feuille « S », ligne 3"));
    assert_string_equal(buf, "f, feuille « S », ligne 3");
    sc_anomalies_where(buf, sizeof buf,
                       "dossier/suivi.xlsx, feuille « Élèves 2nde »", 12);
    assert_string_equal(buf, "dossier/suivi.xlsx, feuille « Élèves 2nde », "
                             "ligne 12");
}

static void test_where_returns_the_length_it_needs(void **state)
{
    char buf[8];

    (void)state;
    /* snprintf's return: the caller can tell the place was cut. */
    assert_int_equal(sc_anomalies_where(buf, sizeof buf, "stages.csv", 12),
                     (int)strlen("stages.csv:12"));
    assert_string_equal(buf, "stages.");
    assert_int_equal(sc_anomalies_where(buf, sizeof buf,
                                        "f, feuille « S »", 3),
                     (int)strlen("f, feuille « S », ligne 3"));
    assert_int_equal(strlen(buf), sizeof buf - 1);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_severity_labels_are_exact),
        TEST(test_add_copies_every_field_and_formats_the_message),
        TEST(test_add_takes_null_strings_as_empty),
        TEST(test_add_cuts_a_long_message_at_a_character),
        TEST(test_add_keeps_the_order_of_many),
        TEST(test_move_appends_in_order_and_empties_the_other),
        TEST(test_findings_count_errors_and_warnings_not_notes),
        TEST(test_sort_follows_the_order_of_files_then_lines),
        TEST(test_sort_orders_by_the_list_not_by_name),
        TEST(test_sort_keeps_anomalies_of_one_place_in_order),
        TEST(test_sort_is_stable_where_qsort_is_not),
        TEST(test_sort_puts_names_not_in_the_list_last),
        TEST(test_sort_finds_the_place_of_each_of_many_files),
        TEST(test_sort_takes_the_first_place_of_a_name_given_twice),
        TEST(test_sort_keeps_each_anomaly_whole),
        TEST(test_sort_of_none_or_one_changes_nothing),
        TEST(test_clear_frees_every_anomaly_and_empties_the_list),
        TEST(test_where_of_a_csv_row_is_file_colon_line),
        TEST(test_where_of_a_sheet_row_says_ligne),
        TEST(test_where_returns_the_length_it_needs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
