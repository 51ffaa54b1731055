/*
 * test_match.c - unit tests of match.c: tying placements rows to pupils,
 * repeated roll rows and the per-pupil links.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../support.h"
#include "stagecheck/core/match.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"

#define ROLL "eleves.csv"
#define STAGES "stages.csv"

typedef struct fixture {
    sc_dataset *data;
    sc_anomalies anomalies;
    sc_links links;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    f->data = sc_dataset_new();
    if (!f->data) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_match_links_free(&f->links);
    sc_anomalies_clear(&f->anomalies);
    sc_dataset_free(f->data);
    free(f);
    return 0;
}

/* A selected roll row of ROLL; ine and class may be NULL. */
#define add_pupil(f, line, surname, first, class_name, ine, birth) \
    support_pupil_add((f)->data, ROLL, (line), (surname), (first), \
                      (class_name), (ine), (birth))

/* A placement row of STAGES naming a pupil; any of ine, names and class
 * may be NULL. */
#define add_entry(f, line, surname, first, class_name, ine, birth) \
    support_entry_add((f)->data, STAGES, (line), (surname), (first), \
                      (class_name), (ine), (birth), "Boulangerie Martin")

static void match(fixture *f)
{
    assert_int_equal(sc_match_entries(f->data, &f->anomalies, &f->links), SC_OK);
    assert_non_null(f->links.first);
}

static void duplicates(fixture *f)
{
    assert_int_equal(sc_match_duplicates(f->data, &f->anomalies), SC_OK);
}

#define D(y, m, d) sc_date_make((y), (m), (d))
#define NONE SC_DATE_NONE

#define assert_anomaly_at(f, i, path, ln) \
    do { \
        assert_true((i) < (f)->anomalies.count); \
        assert_string_equal((f)->anomalies.items[i].file, (path)); \
        assert_int_equal((f)->anomalies.items[i].line, (ln)); \
    } while (0)

#define assert_anomaly(f, i, sev, path, ln) \
    do { \
        assert_anomaly_at((f), (i), (path), (ln)); \
        assert_int_equal((f)->anomalies.items[i].severity, (sev)); \
    } while (0)

/* Anomaly i says its row repeats the pupil of line kept of the roll. */
#define assert_repeats(f, i, kept) \
    do { \
        char said[32]; \
        assert_true((i) < (f)->anomalies.count); \
        snprintf(said, sizeof said, "que %s ligne %u (", ROLL, (unsigned)(kept)); \
        assert_non_null(strstr((f)->anomalies.items[i].message, said)); \
    } while (0)

/* --- sc_match_entries --- */

static void test_match_by_ine_even_when_name_differs(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", D(2008, 4, 3));
    add_pupil(f, 3, "DUPOND", "Marie", "2nde 1", "070999999ZZ", D(2008, 9, 9));
    add_entry(f, 2, "DUPOND", "Marie", NULL, "070123456AB", NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 0);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_match_by_name_ignores_accents_hyphens_and_case(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Éloïse", "2nde 1", NULL, NONE);
    add_pupil(f, 3, "DUPONT-MARTIN", "Éloïse", "2nde 1", NULL, NONE);
    add_entry(f, 2, "dupont martin", "eloise", NULL, NULL, NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 1);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_match_entry_without_ine_uses_name_of_pupil_with_ine(
    void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "MARTIN", "Paul", "2nde 2", "070111111AA", NONE);
    add_pupil(f, 3, "N'DIAYE", "Aïssata", "2nde 2", "070222222BB", NONE);
    add_entry(f, 2, "N'Diaye", "Aissata", NULL, NULL, NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 1);
}

static void test_match_entry_with_ine_uses_name_when_roll_has_none(
    void **state)
{
    fixture *f = *state;

    /* A Pronote roll without INE column. */
    add_pupil(f, 2, "MARTIN", "Paul", "2nde 2", NULL, NONE);
    add_pupil(f, 3, "LE GALL", "Anne Marie", "2nde 2", NULL, NONE);
    add_entry(f, 2, "LE GALL", "Anne-Marie", NULL, "070333333CC", NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 1);
}

static void test_match_ine_found_settles_it_over_a_name_without_ine(
    void **state)
{
    fixture *f = *state;

    /* A SIECLE pupil with that INE, and a Pronote homonym without INE. */
    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 3", NULL, NONE);
    add_entry(f, 2, "DUPONT", "Marie", NULL, "070123456AB", NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 0);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_match_homonyms_told_apart_by_class(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", NULL, D(2008, 4, 3));
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 2", NULL, D(2008, 11, 20));
    add_entry(f, 2, "DUPONT", "Marie", "2NDE 2", NULL, NONE);
    add_entry(f, 3, "DUPONT", "Marie", "2nde1", NULL, NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 1);
    assert_int_equal(f->data->entries[1].pupil, 0);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_match_homonyms_told_apart_by_birth_date(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", NULL, D(2008, 4, 3));
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 2", NULL, D(2008, 11, 20));
    add_entry(f, 2, "DUPONT", "Marie", NULL, NULL, D(2008, 11, 20));
    add_entry(f, 3, "Dupont", "Marie", NULL, NULL, D(2008, 4, 3));
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 1);
    assert_int_equal(f->data->entries[1].pupil, 0);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_match_homonyms_without_class_or_birth_are_ambiguous(
    void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", NULL, D(2008, 4, 3));
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 2", NULL, D(2008, 11, 20));
    add_entry(f, 7, "DUPONT", "Marie", NULL, NULL, NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, -1);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_ERROR, STAGES, 7);
    assert_non_null(strstr(f->anomalies.items[0].message, "correspondent"));
    assert_string_equal(f->anomalies.items[0].pupil, "DUPONT Marie");
    assert_int_equal(f->links.first[2], 0);
}

static void test_match_entry_naming_nobody_is_reported_at_its_line(
    void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", NULL, NONE);
    add_entry(f, 2, "DUPONT", "Marie", NULL, NULL, NONE);
    add_entry(f, 9, "INCONNU", "Jean", "2nde 1", NULL, NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 0);
    assert_int_equal(f->data->entries[1].pupil, -1);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_ERROR, STAGES, 9);
    assert_string_equal(f->anomalies.items[0].class_name, "2nde 1");
}

static void test_match_unknown_ine_is_reported(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_entry(f, 4, NULL, NULL, NULL, "070999999ZZ", NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, -1);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_ERROR, STAGES, 4);
    assert_string_equal(f->anomalies.items[0].pupil, "INE 070999999ZZ");
}

static void test_match_different_ines_win_over_equal_names(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_entry(f, 5, "DUPONT", "Marie", "2nde 1", "070999999ZZ", NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, -1);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_ERROR, STAGES, 5);
}

static void test_match_entry_of_unselected_pupil_is_a_note(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "1re 3", NULL, NONE);
    f->data->pupils[0].selected = 0;
    add_entry(f, 6, "DUPONT", "Marie", NULL, NULL, NONE);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 0);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_NOTE, STAGES, 6);
    assert_int_equal(sc_anomalies_findings(&f->anomalies), 0);
}

static void test_match_entry_of_repeated_row_goes_to_first_row(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_pupil(f, 8, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_entry(f, 2, "DUPONT", "Marie", NULL, NULL, NONE);
    add_entry(f, 3, NULL, NULL, NULL, "070123456AB", NONE);
    duplicates(f);
    assert_int_equal(f->anomalies.count, 1);
    match(f);
    assert_int_equal(f->data->entries[0].pupil, 0);
    assert_int_equal(f->data->entries[1].pupil, 0);
    assert_int_equal(f->anomalies.count, 1);
}

/* --- links --- */

static void test_links_list_entries_of_each_pupil_in_input_order(
    void **state)
{
    fixture *f = *state;
    const sc_links *l = &f->links;

    add_pupil(f, 2, "ALPHA", "Anne", "2nde 1", NULL, NONE);
    add_pupil(f, 3, "BRAVO", "Bruno", "2nde 1", NULL, NONE);
    add_pupil(f, 4, "CHARLIE", "Chloé", "2nde 1", NULL, NONE);
    add_entry(f, 2, "BRAVO", "Bruno", NULL, NULL, NONE);
    add_entry(f, 3, "ALPHA", "Anne", NULL, NULL, NONE);
    add_entry(f, 4, "BRAVO", "Bruno", NULL, NULL, NONE);
    add_entry(f, 5, "DELTA", "Denis", NULL, NULL, NONE);
    add_entry(f, 6, "BRAVO", "Bruno", NULL, NULL, NONE);
    match(f);
    assert_int_equal(l->first[0], 0);
    assert_int_equal(l->first[1], 1);
    assert_int_equal(l->first[2], 4);
    assert_int_equal(l->first[3], 4);
    assert_int_equal(l->items[0], 1);
    assert_int_equal(l->items[1], 0);
    assert_int_equal(l->items[2], 2);
    assert_int_equal(l->items[3], 4);
    assert_int_equal(f->data->entries[3].pupil, -1);
}

static void test_links_without_entries_are_empty(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "ALPHA", "Anne", "2nde 1", NULL, NONE);
    add_pupil(f, 3, "BRAVO", "Bruno", "2nde 1", NULL, NONE);
    match(f);
    assert_int_equal(f->links.first[0], 0);
    assert_int_equal(f->links.first[1], 0);
    assert_int_equal(f->links.first[2], 0);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_links_free_accepts_null_and_freed(void **state)
{
    fixture *f = *state;

    sc_match_links_free(NULL);
    add_pupil(f, 2, "ALPHA", "Anne", "2nde 1", NULL, NONE);
    match(f);
    sc_match_links_free(&f->links);
    assert_null(f->links.first);
    assert_null(f->links.items);
    sc_match_links_free(&f->links);
}

/* --- sc_match_duplicates --- */

static void test_duplicates_keep_the_row_of_a_selected_class(void **state)
{
    fixture *f = *state;

    /* Exported in 1ère 2 then in 2nde 1; only 2nde classes are selected. */
    add_pupil(f, 2, "DUPONT", "Marie", "1ere 2", "070123456AB", NONE);
    add_pupil(f, 7, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    f->data->pupils[0].selected = 0;
    duplicates(f);
    assert_false(f->data->pupils[1].duplicate);
    assert_true(f->data->pupils[0].duplicate);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly_at(f, 0, ROLL, 2);
    assert_repeats(f, 0, 7);
    /* Another class under one INE: an error, not a harmless repeat. */
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_ERROR);
}

static void test_duplicates_same_pupil_twice_is_a_warning(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_pupil(f, 7, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    duplicates(f);
    assert_true(f->data->pupils[1].duplicate);
    assert_repeats(f, 0, 2);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_int_equal(f->data->pupils[0].invalid, 0);
}

static void test_duplicates_same_ine_marks_later_row(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_pupil(f, 3, "MARTIN", "Paul", "2nde 1", "070111111AA", NONE);
    add_pupil(f, 9, "DUPONT", "Marie-Claire", "2nde 3", "070123456AB", NONE);
    duplicates(f);
    assert_false(f->data->pupils[0].duplicate);
    assert_false(f->data->pupils[1].duplicate);
    assert_true(f->data->pupils[2].duplicate);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly_at(f, 0, ROLL, 9);
    assert_repeats(f, 0, 2);
    /* Two names under one INE: the row kept is doubtful too. */
    assert_int_equal(f->data->pupils[0].invalid, 1);
    assert_int_equal(f->data->pupils[1].invalid, 0);
}

static void test_duplicates_same_name_and_birth_date(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "MARTIN", "Paul", "2nde 1", NULL, D(2008, 1, 1));
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 1", NULL, D(2008, 4, 3));
    add_pupil(f, 4, "Dupont", "Marie", "2nde 4", NULL, D(2008, 4, 3));
    duplicates(f);
    assert_false(f->data->pupils[0].duplicate);
    assert_false(f->data->pupils[1].duplicate);
    assert_true(f->data->pupils[2].duplicate);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly_at(f, 0, ROLL, 4);
    assert_repeats(f, 0, 3);
}

static void test_duplicates_same_name_other_birth_dates_are_two_pupils(
    void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", NULL, D(2008, 4, 3));
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 2", NULL, D(2008, 11, 20));
    duplicates(f);
    assert_false(f->data->pupils[0].duplicate);
    assert_false(f->data->pupils[1].duplicate);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_duplicates_same_name_unknown_births_are_two_pupils(
    void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", NULL, NONE);
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 2", NULL, NONE);
    duplicates(f);
    assert_false(f->data->pupils[1].duplicate);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_duplicates_three_rows_point_to_the_first(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_pupil(f, 3, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    add_pupil(f, 4, "DUPONT", "Marie", "2nde 1", "070123456AB", NONE);
    duplicates(f);
    assert_false(f->data->pupils[0].duplicate);
    assert_true(f->data->pupils[1].duplicate);
    assert_true(f->data->pupils[2].duplicate);
    assert_int_equal(f->anomalies.count, 2);
    assert_repeats(f, 0, 2);
    assert_repeats(f, 1, 2);
    assert_string_equal(f->anomalies.items[0].file, ROLL);
    assert_string_equal(f->anomalies.items[1].file, ROLL);
    assert_int_equal(f->anomalies.items[0].line + f->anomalies.items[1].line, 7);
    assert_int_not_equal(f->anomalies.items[0].line,
                         f->anomalies.items[1].line);
    /* The same pupil exported again: the row kept stays as it is. */
    assert_int_equal(f->data->pupils[0].invalid, 0);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_match_by_ine_even_when_name_differs),
        TEST(test_match_by_name_ignores_accents_hyphens_and_case),
        TEST(test_match_entry_without_ine_uses_name_of_pupil_with_ine),
        TEST(test_match_entry_with_ine_uses_name_when_roll_has_none),
        TEST(test_match_ine_found_settles_it_over_a_name_without_ine),
        TEST(test_match_homonyms_told_apart_by_class),
        TEST(test_match_homonyms_told_apart_by_birth_date),
        TEST(test_match_homonyms_without_class_or_birth_are_ambiguous),
        TEST(test_match_entry_naming_nobody_is_reported_at_its_line),
        TEST(test_match_unknown_ine_is_reported),
        TEST(test_match_different_ines_win_over_equal_names),
        TEST(test_match_entry_of_unselected_pupil_is_a_note),
        TEST(test_match_entry_of_repeated_row_goes_to_first_row),
        TEST(test_links_list_entries_of_each_pupil_in_input_order),
        TEST(test_links_without_entries_are_empty),
        TEST(test_links_free_accepts_null_and_freed),
        TEST(test_duplicates_keep_the_row_of_a_selected_class),
        TEST(test_duplicates_same_pupil_twice_is_a_warning),
        TEST(test_duplicates_same_ine_marks_later_row),
        TEST(test_duplicates_same_name_and_birth_date),
        TEST(test_duplicates_same_name_other_birth_dates_are_two_pupils),
        TEST(test_duplicates_same_name_unknown_births_are_two_pupils),
        TEST(test_duplicates_three_rows_point_to_the_first),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
