/*
 * test_cohort.c - unit tests of cohort.c: who is followed (seconde
 * générale et technologique, still in the school) and what is noted of
 * the others.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../support.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/cohort.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/match.h"

typedef struct fixture {
    sc_dataset *data;
    sc_anomalies anomalies;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f || !(f->data = sc_dataset_new())) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_anomalies_clear(&f->anomalies);
    sc_dataset_free(f->data);
    free(f);
    return 0;
}

/* Appends a pupil named Léa of class (mef may be NULL) at line; returns
 * it, valid until the next one is added. */
#define add_pupil(f, line, surname, class_name, mef) \
    with_mef(support_pupil_add((f)->data, "eleves.csv", (line), (surname), \
                               "Léa", (class_name), NULL, SC_DATE_NONE), \
             (mef))

static sc_pupil *with_mef(sc_pupil *p, const char *mef)
{
    support_pupil_text(p, SC_PUPIL_MEF, mef);
    return p;
}

/* Returns the anomaly whose message holds text, or fails. */
static const sc_anomaly *find(const fixture *f, const char *text)
{
    for (size_t i = 0; i < f->anomalies.count; i++)
        if (strstr(f->anomalies.items[i].message, text))
            return &f->anomalies.items[i];
    fail_msg("no anomaly says « %s »", text);
    return NULL;
}

static void test_mef_code_200_is_seconde_gt_and_others_are_not(void **state)
{
    (void)state;
    assert_int_equal(sc_cohort_mef_level("20010018110"), SC_LEVEL_SECONDE_GT);
    assert_int_equal(sc_cohort_mef_level("2001001811"), SC_LEVEL_SECONDE_GT);
    assert_int_equal(sc_cohort_mef_level("20110019110"), SC_LEVEL_OTHER);
    assert_int_equal(sc_cohort_mef_level("24733206310"), SC_LEVEL_OTHER);
    assert_int_equal(sc_cohort_mef_level(""), SC_LEVEL_UNKNOWN);
    assert_int_equal(sc_cohort_mef_level(NULL), SC_LEVEL_UNKNOWN);
}

static void test_mef_labels_say_the_level(void **state)
{
    static const char *const gt[] = {"2NDE G-T", "2NDE GENERALE & TECHNO",
                                     "2DE GT", "Seconde générale et "
                                     "technologique"};
    static const char *const other[] = {"1ERE GENERALE", "TERMINALE GENERALE",
                                        "2NDPRO MELEC", "2NDE PRO MRC",
                                        "1CAP2 CUISINE", "1ERE STMG"};
    (void)state;
    for (size_t i = 0; i < sizeof gt / sizeof *gt; i++)
        assert_int_equal(sc_cohort_mef_level(gt[i]), SC_LEVEL_SECONDE_GT);
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        assert_int_equal(sc_cohort_mef_level(other[i]), SC_LEVEL_OTHER);
}

static void test_class_names_of_seconde_are_kept(void **state)
{
    static const char *const kept[] = {"2B", "201", "2GT2", "2NDE 1", "2DE1",
                                       "2nde3", "UPE2A", "Seconde 4", "2A1"};
    (void)state;
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        assert_int_equal(sc_cohort_class_level(kept[i]), SC_LEVEL_UNKNOWN);
}

static void test_class_names_of_other_levels_are_set_aside(void **state)
{
    static const char *const other[] = {"1G2", "T3", "1ERE 2", "TERM S",
                                        "Première 2", "2 PRO MRC", "2MRC2",
                                        "2MELEC1", "BTS SIO1", "CAP1 ECMS"};
    (void)state;
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        assert_int_equal(sc_cohort_class_level(other[i]), SC_LEVEL_OTHER);
}

static void test_pupil_left_on_or_before_as_of_has_left(void **state)
{
    sc_pupil p = {.has_left = 1, .left = sc_date_make(2024, 3, 12)};

    (void)state;
    assert_true(sc_cohort_has_left(&p, sc_date_make(2024, 3, 12)));
    assert_true(sc_cohort_has_left(&p, sc_date_make(2024, 5, 27)));
    assert_false(sc_cohort_has_left(&p, sc_date_make(2024, 3, 11)));
    p.has_left = 0;
    assert_false(sc_cohort_has_left(&p, sc_date_make(2024, 5, 27)));
    p.no_class = 1;
    assert_true(sc_cohort_has_left(&p, sc_date_make(2024, 5, 27)));
}

static void test_select_follows_seconde_and_notes_each_class_aside(void **state)
{
    fixture *f = *state;
    sc_date as_of = sc_date_make(2024, 5, 27);
    sc_pupil *a = add_pupil(f, 2, "ALPHA", "2nde 1", NULL);
    sc_pupil *b = add_pupil(f, 3, "BRAVO", "1G1", NULL);
    sc_pupil *c = add_pupil(f, 4, "CHARLIE", "1G1", NULL);
    sc_pupil *d = add_pupil(f, 5, "DELTA", "2nde 1", "1ERE GENERALE");
    sc_pupil *e = add_pupil(f, 6, "ECHO", "T2", "20010018110");
    const sc_anomaly *note;

    assert_int_equal(sc_cohort_select(f->data, NULL, as_of, &f->anomalies),
                     SC_OK);
    assert_true(a->selected);
    assert_false(b->selected);
    assert_int_equal(b->set_aside, SC_COHORT_LEVEL);
    assert_false(c->selected);
    /* The MEF wins over the class name, both ways. */
    assert_false(d->selected);
    assert_int_equal(d->set_aside, SC_COHORT_MEF);
    assert_true(e->selected);
    /* One note for the two pupils of 1G1, at its first row; one for the
     * pupil of 2nde 1 whose MEF says première. */
    assert_int_equal(f->anomalies.count, 2);
    note = find(f, "classe 1G1 écartée d'après son nom");
    assert_int_equal(note->severity, SC_SEVERITY_NOTE);
    assert_int_equal(note->line, 3);
    assert_non_null(strstr(note->message, "2 élève(s) non suivi(s)"));
    note = find(f, "1 élève(s) de la classe 2nde 1 écarté(s) d'après leur "
                   "MEF (1ERE GENERALE)");
    assert_int_equal(note->line, 5);
}

static void test_select_sets_aside_pupils_who_left(void **state)
{
    fixture *f = *state;
    sc_date as_of = sc_date_make(2024, 5, 27);
    sc_pupil *gone = add_pupil(f, 2, "GOLF", "2nde 2", NULL);
    sc_pupil *later = add_pupil(f, 3, "HOTEL", "2nde 2", NULL);
    sc_pupil *no_class = add_pupil(f, 4, "INDIA", "", NULL);
    const sc_anomaly *note;

    gone->has_left = 1;
    gone->left = sc_date_make(2024, 3, 12);
    later->has_left = 1;
    later->left = sc_date_make(2024, 6, 30);
    no_class->no_class = 1;
    assert_int_equal(sc_cohort_select(f->data, NULL, as_of, &f->anomalies),
                     SC_OK);
    assert_false(gone->selected);
    assert_int_equal(gone->set_aside, SC_COHORT_LEFT);
    assert_true(later->selected);
    assert_false(no_class->selected);
    assert_int_equal(no_class->set_aside, SC_COHORT_LEFT);
    assert_int_equal(f->anomalies.count, 2);
    note = find(f, "élève parti le 12/03/2024 : non suivi");
    assert_string_equal(note->pupil, "GOLF Léa");
    assert_int_equal(note->line, 2);
    note = find(f, "élève sans classe dans la liste");
    assert_int_equal(note->line, 4);
}

static void test_classes_pattern_overrides_the_level_not_leaving(void **state)
{
    fixture *f = *state;
    sc_date as_of = sc_date_make(2024, 5, 27);
    sc_pupil *first = add_pupil(f, 2, "JULIET", "1G1", NULL);
    sc_pupil *second = add_pupil(f, 3, "KILO", "2nde 1", NULL);
    sc_pupil *gone = add_pupil(f, 4, "LIMA", "1G1", NULL);

    gone->has_left = 1;
    gone->left = sc_date_make(2024, 1, 8);
    assert_int_equal(sc_cohort_select(f->data, "1*", as_of, &f->anomalies),
                     SC_OK);
    assert_true(first->selected);
    assert_false(second->selected);
    assert_int_equal(second->set_aside, SC_COHORT_CLASSES);
    assert_false(gone->selected);
    assert_int_equal(gone->set_aside, SC_COHORT_LEFT);
    find(f, "classe écartée par --classes '1*' : 1 élève(s)");
    find(f, "élève parti le 08/01/2024");
    assert_int_equal(f->anomalies.count, 2);
}

/* --classes compares folded text, whatever the locale: '?' is one
 * character (É is two bytes), case and accents do not count. */
static void test_classes_pattern_folds_case_and_accents(void **state)
{
    fixture *f = *state;
    sc_date as_of = sc_date_make(2024, 5, 27);
    sc_pupil *accented = add_pupil(f, 2, "NOVEMBER", "SECONDE É", NULL);
    sc_pupil *digit = add_pupil(f, 3, "OSCAR", "seconde 1", NULL);
    sc_pupil *two = add_pupil(f, 4, "PAPA", "Seconde 10", NULL);

    assert_int_equal(sc_cohort_select(f->data, "Seconde ?", as_of,
                                      &f->anomalies), SC_OK);
    assert_true(accented->selected);
    assert_true(digit->selected);
    assert_false(two->selected);
    assert_int_equal(sc_cohort_select(f->data, "seconde e", as_of,
                                      &f->anomalies), SC_OK);
    assert_true(accented->selected);
    assert_false(digit->selected);
}

static void test_classes_pattern_matching_nothing_is_a_warning(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "MIKE", "2nde 1", NULL);
    assert_int_equal(sc_cohort_select(f->data, "3*", sc_date_make(2024, 5, 27),
                                      &f->anomalies),
                     SC_OK);
    assert_int_equal(find(f, "aucune classe ne correspond")->severity,
                     SC_SEVERITY_WARNING);
}

static void test_row_of_a_pupil_who_left_is_noted_not_unknown(void **state)
{
    fixture *f = *state;
    sc_dataset *d = f->data;
    sc_pupil *gone = add_pupil(f, 2, "NOVEMBER", "2nde 3", NULL);
    sc_links links = {0};
    sc_entry *e;

    gone->has_left = 1;
    gone->left = sc_date_make(2024, 2, 1);
    e = support_entry_add(d, "stages.csv", 9, "November", "Lea", NULL, NULL,
                          SC_DATE_NONE, NULL);
    assert_int_equal(sc_cohort_select(d, NULL, sc_date_make(2024, 5, 27),
                                      &f->anomalies),
                     SC_OK);
    assert_int_equal(sc_match_entries(d, &f->anomalies, &links), SC_OK);
    assert_int_equal(e->pupil, 0);
    assert_int_equal(find(f, "élève parti le 01/02/2024 : ligne non "
                             "examinée")->severity,
                     SC_SEVERITY_NOTE);
    assert_int_equal(sc_anomalies_findings(&f->anomalies), 0);
    sc_match_links_free(&links);
}

#define TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_mef_code_200_is_seconde_gt_and_others_are_not),
        TEST(test_mef_labels_say_the_level),
        TEST(test_class_names_of_seconde_are_kept),
        TEST(test_class_names_of_other_levels_are_set_aside),
        TEST(test_pupil_left_on_or_before_as_of_has_left),
        TEST(test_select_follows_seconde_and_notes_each_class_aside),
        TEST(test_select_sets_aside_pupils_who_left),
        TEST(test_classes_pattern_overrides_the_level_not_leaving),
        TEST(test_classes_pattern_folds_case_and_accents),
        TEST(test_classes_pattern_matching_nothing_is_a_warning),
        TEST(test_row_of_a_pupil_who_left_is_noted_not_unknown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
