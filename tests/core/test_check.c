/*
 * test_check.c - unit tests of check.c: the checking step over a whole
 * dataset (who is followed, repeated rows, entries tied to pupils, the
 * rules applied to each pupil shown, findings turned into anomalies).
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
#include "stagecheck/core/check.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/period.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/status.h"

#define ROLL "eleves.csv"
#define STAGES "stages.csv"
#define D(y, m, d) sc_date_make((y), (m), (d))
#define NONE SC_DATE_NONE
#define AS_OF D(2024, 5, 27)

/* A dataset built by hand, the period of 17 to 28 June 2024 and what
 * checking them gives; teardown frees all of it. */
typedef struct fixture {
    sc_dataset *data;
    sc_period period;
    sc_anomalies anomalies;
    sc_check check;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    f->data = sc_dataset_new();
    if (!f->data ||
        sc_period_init(&f->period, D(2024, 6, 17), D(2024, 6, 28), 0) != SC_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_check_clear(&f->check);
    sc_anomalies_clear(&f->anomalies);
    sc_dataset_free(f->data);
    free(f);
    return 0;
}

/* A roll row of ROLL; ine may be NULL. */
#define add_pupil(f, line, surname, first, class_name, ine) \
    support_pupil_add((f)->data, ROLL, (line), (surname), (first), \
                      (class_name), (ine), NONE)

/* A placements row of STAGES for the pupil of this INE, complete over the
 * whole period: the pupil is Prêt. */
#define add_placement(f, line, ine) \
    complete(support_entry_add((f)->data, STAGES, (line), NULL, NULL, NULL, \
                               (ine), NONE, "Boulangerie Martin"))

static sc_entry *complete(sc_entry *e)
{
    e->host_type = support_dup("Entreprise");
    e->start = D(2024, 6, 17);
    e->end = D(2024, 6, 28);
    e->sign_head = e->sign_host = e->sign_pupil = e->sign_parent = SC_FLAG_YES;
    e->activities = support_dup("Accueil des clients");
    e->skills = support_dup("Communiquer");
    e->ins_pupil = e->ins_host = SC_FLAG_YES;
    return e;
}

#define run(f, classes) \
    assert_int_equal(sc_check_run(&(f)->check, (f)->data, &(f)->period, \
                                  AS_OF, (classes), &(f)->anomalies), SC_OK)

#define assert_anomaly(f, i, sev, path, ln, text) \
    do { \
        assert_true((i) < (f)->anomalies.count); \
        assert_int_equal((f)->anomalies.items[i].severity, (sev)); \
        assert_string_equal((f)->anomalies.items[i].file, (path)); \
        assert_int_equal((f)->anomalies.items[i].line, (ln)); \
        assert_string_equal((f)->anomalies.items[i].message, (text)); \
    } while (0)

/* The À faire of pupil p, as the check keeps it (NULL: not judged). */
static const char *todo_of(const fixture *f, size_t p)
{
    return sc_check_todo(&f->check.todos, &f->check.verdicts[p]);
}

/* A pupil not shown has a zeroed verdict: nothing was judged. */
#define assert_not_judged(f, p) \
    do { \
        assert_int_equal((f)->check.verdicts[p].todo, 0); \
        assert_int_equal((f)->check.verdicts[p].hosted, 0); /* none */ \
        assert_int_equal((f)->check.verdicts[p].motif, SC_MOTIF_NONE); \
    } while (0)

/* ---- Who is followed ---------------------------------------------------- */

static void test_run_without_pattern_follows_every_class(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    add_pupil(f, 3, "MARTIN", "Paul", "2nde 2", "A2");
    add_placement(f, 2, "A1");
    add_placement(f, 3, "A2");
    run(f, NULL);
    assert_true(f->data->pupils[0].selected);
    assert_true(f->data->pupils[1].selected);
    assert_int_equal(f->anomalies.count, 0);
    assert_int_equal(f->check.verdicts[0].status, SC_STATUS_READY);
    assert_int_equal(f->check.verdicts[1].status, SC_STATUS_READY);
}

static void test_run_pattern_chooses_classes_whatever_the_case(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Léa", "2NDE 1", "A1");
    add_pupil(f, 3, "MARTIN", "Paul", "2nde 10", "A2");
    add_pupil(f, 4, "DURAND", "Zoé", "2nde 10", "A3");
    add_pupil(f, 5, "PETIT", "Hugo", "2nde 1", "A4");
    run(f, "2nde 1");
    assert_true(f->data->pupils[0].selected);
    assert_false(f->data->pupils[1].selected);
    assert_false(f->data->pupils[2].selected);
    assert_true(f->data->pupils[3].selected);
    /* One note for the class left out, at its first roll row, with its
     * count: nobody lost, only not followed. */
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_NOTE, ROLL, 3,
                   "classe écartée par --classes '2nde 1' : 2 élève(s) de "
                   "cette classe non suivi(s)");
    assert_string_equal(f->anomalies.items[0].class_name, "2nde 10");
    assert_int_equal(sc_anomalies_findings(&f->anomalies), 0);
}

static void test_run_pattern_overrides_what_the_class_name_says(
    void **state)
{
    fixture *f = *state;

    /* Without --classes a 1G1 is no seconde; with it, it is followed. */
    add_pupil(f, 2, "DUPONT", "Léa", "1G1", "A1");
    run(f, "1G*");
    assert_true(f->data->pupils[0].selected);
    assert_int_equal(f->anomalies.count, 0);
    assert_non_null(todo_of(f, 0));
    assert_int_equal(f->check.verdicts[0].status, SC_STATUS_NO_HOST);
}

static void test_run_pattern_matching_nothing_warns(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    run(f, "3*");
    assert_false(f->data->pupils[0].selected);
    assert_int_equal(f->anomalies.count, 2);
    assert_anomaly(f, 0, SC_SEVERITY_WARNING, "", 0,
                   "aucune classe ne correspond à --classes '3*'");
    assert_anomaly(f, 1, SC_SEVERITY_NOTE, ROLL, 2,
                   "classe écartée par --classes '3*' : 1 élève(s) de cette "
                   "classe non suivi(s)");
    assert_not_judged(f, 0);
}

static void test_run_on_as_of_leaves_out_who_has_left_by_then(void **state)
{
    fixture *f = *state;
    sc_pupil *p = add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");

    p->has_left = 1;
    p->left = AS_OF;
    run(f, NULL);
    assert_false(f->data->pupils[0].selected);
    assert_not_judged(f, 0);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_NOTE, ROLL, 2,
                   "élève parti le 27/05/2024 : non suivi");

    /* Leaving after as_of: still followed on as_of. */
    sc_check_clear(&f->check);
    sc_anomalies_clear(&f->anomalies);
    p->left = AS_OF + 1;
    run(f, NULL);
    assert_true(f->data->pupils[0].selected);
    assert_non_null(todo_of(f, 0));
}

/* ---- Repeated rows and matching ---------------------------------------- */

static void test_run_repeated_roll_row_is_not_judged(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    add_pupil(f, 3, "DUPONT", "Léa", "2nde 1", "A1");
    add_placement(f, 2, "A1");
    run(f, NULL);
    assert_true(f->data->pupils[1].duplicate);
    assert_true(sc_pupil_shown(&f->data->pupils[0]));
    assert_false(sc_pupil_shown(&f->data->pupils[1]));
    assert_int_equal(f->check.verdicts[0].status, SC_STATUS_READY);
    assert_not_judged(f, 1);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_non_null(strstr(f->anomalies.items[0].message, "élève en double"));
}

static void test_run_ties_each_entry_to_its_pupil(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    add_pupil(f, 3, "MARTIN", "Paul", "2nde 1", "A2");
    add_pupil(f, 4, "DURAND", "Zoé", "2nde 2", "A3");
    add_placement(f, 2, "A3");
    add_placement(f, 3, "A1");
    run(f, NULL);
    assert_int_equal(f->data->entries[0].pupil, 2);
    assert_int_equal(f->data->entries[1].pupil, 0);
    /* The links give each pupil its rows. */
    assert_int_equal(f->check.links.first[1] - f->check.links.first[0], 1);
    assert_int_equal(f->check.links.items[f->check.links.first[0]], 1);
    assert_int_equal(f->check.links.first[2] - f->check.links.first[1], 0);
    assert_int_equal(f->check.links.items[f->check.links.first[2]], 0);
}

static void test_run_entry_of_nobody_is_an_error(void **state)
{
    fixture *f = *state;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    add_placement(f, 2, "ZZZ");
    run(f, NULL);
    assert_int_equal(f->data->entries[0].pupil, -1);
    assert_int_equal(f->anomalies.count, 1);
    assert_anomaly(f, 0, SC_SEVERITY_ERROR, STAGES, 2,
                   "aucun élève des listes ne correspond (INE inconnu) : "
                   "ligne non rattachée");
    assert_int_equal(f->check.verdicts[0].status, SC_STATUS_NO_HOST);
}

/* ---- Verdicts ----------------------------------------------------------- */

static void test_run_gives_a_verdict_to_each_pupil_shown(void **state)
{
    fixture *f = *state;
    sc_entry *e;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    add_pupil(f, 3, "MARTIN", "Paul", "2nde 1", "A2");
    add_pupil(f, 4, "DURAND", "Zoé", "1G1", "A3");
    add_pupil(f, 5, "PETIT", "Hugo", "2nde 1", "A4");
    add_placement(f, 2, "A1");
    e = add_placement(f, 3, "A2");
    e->sign_head = SC_FLAG_NO;
    run(f, NULL);
    assert_int_equal(f->check.nverdicts, 4);
    assert_int_equal(f->check.verdicts[0].status, SC_STATUS_READY);
    assert_int_equal(f->check.verdicts[1].status, SC_STATUS_INCOMPLETE);
    assert_non_null(strstr(todo_of(f, 1),
                           "signature du chef d'établissement"));
    assert_not_judged(f, 2); /* a première: set aside by its name */
    assert_int_equal(f->check.verdicts[3].status, SC_STATUS_NO_HOST);
    for (size_t p = 0; p < 4; p++)
        if (p != 2)
            assert_non_null(todo_of(f, p));
}

/* Adds n pupils of 2nde 1 without a placement, on lines 2 to n + 1. */
static void add_pupils_without_place(fixture *f, unsigned n)
{
    char ine[16];

    for (unsigned p = 0; p < n; p++) {
        snprintf(ine, sizeof ine, "B%u", p);
        add_pupil(f, 2 + p, "SANS", "Lieu", "2nde 1", ine);
    }
}

static void test_run_keeps_each_todo_text_once(void **state)
{
    fixture *f = *state;
    sc_entry *e;

    /* 200 pupils without a placement (enough to grow the set past its
     * first 64 slots only if each text were kept again) and one whose
     * convention lacks a signature. */
    add_pupils_without_place(f, 200);
    add_pupil(f, 300, "MARTIN", "Paul", "2nde 1", "A2");
    e = add_placement(f, 2, "A2");
    e->sign_head = SC_FLAG_NO;
    run(f, NULL);
    assert_int_equal(f->check.nverdicts, 201);
    for (unsigned p = 0; p < 200; p++) {
        assert_int_equal(f->check.verdicts[p].status, SC_STATUS_NO_HOST);
        assert_int_equal(f->check.verdicts[p].todo,
                         f->check.verdicts[0].todo);
        assert_ptr_equal(todo_of(f, p), todo_of(f, 0));
    }
    assert_non_null(strstr(todo_of(f, 0),
                           "trouver un lieu d'accueil"));
    assert_non_null(strstr(todo_of(f, 200),
                           "signature du chef d'établissement"));
    assert_int_equal(f->check.todos.count, 2);
}

/* Each set of days hosted in school is kept once, numbered in the
 * verdicts: 200 pupils hosted every day share one, a pupil placed the
 * first week only has another, and a pupil placed the whole period has
 * none (0, nothing kept). */
static void test_run_keeps_each_set_of_days_hosted_once(void **state)
{
    fixture *f = *state;
    sc_entry *e;

    add_pupils_without_place(f, 200);
    add_pupil(f, 300, "MARTIN", "Paul", "2nde 1", "A2");
    e = add_placement(f, 2, "A2");
    e->end = D(2024, 6, 21);
    add_pupil(f, 301, "DUPONT", "Léa", "2nde 1", "A3");
    add_placement(f, 3, "A3");
    run(f, NULL);
    assert_int_equal(f->check.nverdicts, 202);
    assert_int_not_equal(f->check.verdicts[0].hosted, 0);
    for (unsigned p = 0; p < 200; p++) {
        assert_int_equal(f->check.verdicts[p].hosted,
                         f->check.verdicts[0].hosted);
        assert_int_equal(
            sc_check_hosted(f->check.hosted, &f->check.verdicts[p]),
            sc_period_all_days(&f->period));
    }
    assert_int_equal(f->check.verdicts[200].status, SC_STATUS_PARTIAL);
    assert_int_not_equal(f->check.verdicts[200].hosted,
                         f->check.verdicts[0].hosted);
    /* Hosted the second week: days 5 to 9 of the period. */
    assert_int_equal(
        sc_check_hosted(f->check.hosted, &f->check.verdicts[200]),
        UINT64_C(0x3E0));
    assert_int_equal(f->check.verdicts[201].status, SC_STATUS_READY);
    assert_int_equal(f->check.verdicts[201].hosted, 0);
    assert_int_equal(
        sc_check_hosted(f->check.hosted, &f->check.verdicts[201]), 0);
    assert_int_equal(f->check.nhosted, 2);
    assert_int_equal(sc_check_hosted(NULL, &f->check.verdicts[0]), 0);
}

/* 225 pupils, each with a place in each week of the period: every pair
 * of ranges leaves other days to host, all but the pair covering both
 * weeks, so the set grows past its first slots, and each number still
 * gives back its pupil's days. */
static void test_run_numbers_many_sets_of_days_hosted(void **state)
{
    fixture *f = *state;
    char ine[8];
    unsigned p = 0;

    for (int a1 = 0; a1 < 5; a1++)
        for (int b1 = a1; b1 < 5; b1++)
            for (int a2 = 0; a2 < 5; a2++)
                for (int b2 = a2; b2 < 5; b2++, p++) {
                    sc_entry *e;

                    snprintf(ine, sizeof ine, "C%u", p);
                    add_pupil(f, 2 + p, "DEUX", "Lieux", "2nde 1", ine);
                    e = add_placement(f, 2 * p + 2, ine);
                    e->start = D(2024, 6, 17 + a1);
                    e->end = D(2024, 6, 17 + b1);
                    e = add_placement(f, 2 * p + 3, ine);
                    e->start = D(2024, 6, 24 + a2);
                    e->end = D(2024, 6, 24 + b2);
                }
    run(f, NULL);
    assert_int_equal(p, 225);
    p = 0;
    for (int a1 = 0; a1 < 5; a1++)
        for (int b1 = a1; b1 < 5; b1++)
            for (int a2 = 0; a2 < 5; a2++)
                for (int b2 = a2; b2 < 5; b2++, p++) {
                    uint64_t covered =
                        ((UINT64_C(1) << (b1 + 1)) - (UINT64_C(1) << a1)) |
                        ((UINT64_C(1) << (b2 + 6)) - (UINT64_C(1) << (a2 + 5)));

                    assert_int_equal(
                        sc_check_hosted(f->check.hosted,
                                        &f->check.verdicts[p]),
                        UINT64_C(0x3FF) & ~covered);
                }
    assert_int_equal(f->check.nhosted, 224);
    assert_true(f->check.hosted_nslots >= 2 * f->check.nhosted);
}

static void test_run_other_levels_are_never_without_host_nor_hosted(
    void **state)
{
    fixture *f = *state;
    static const struct {
        const char *class_name, *mef;
        int seconde_gt;
    } pupils[] = {
        {"2nde 1", NULL, 1},
        {"1G2", NULL, 0},          /* a première, by its name */
        {"TG1", NULL, 0},          /* a terminale, by its name */
        {"2B", "2NDPRO MRC", 0},   /* a seconde professionnelle, by its MEF */
        {"2B", "21110010110", 0},  /* a première, by its MEF code */
        {"2C", "2NDE G-T", 1},
    };
    const size_t n = sizeof pupils / sizeof *pupils;
    char ine[8];
    sc_entry *e;

    for (size_t i = 0; i < n; i++) {
        snprintf(ine, sizeof ine, "A%zu", i);
        support_pupil_text(add_pupil(f, (unsigned)i + 2, "DUPONT", "Léa",
                                     pupils[i].class_name, ine),
                           SC_PUPIL_MEF, pupils[i].mef);
    }
    /* A refused dispense on the terminale's row changes nothing. */
    e = support_entry_add(f->data, STAGES, 2, NULL, NULL, NULL, "A2", NONE,
                          NULL);
    e->dispense = support_dup("Job d'été");
    run(f, NULL);
    for (size_t i = 0; i < n; i++) {
        const sc_verdict *v = &f->check.verdicts[i];

        assert_int_equal(f->data->pupils[i].selected, pupils[i].seconde_gt);
        if (pupils[i].seconde_gt) {
            /* Nothing in the tracking sheet: hosted in school every day. */
            assert_int_equal(v->status, SC_STATUS_NO_HOST);
            assert_int_equal(sc_check_hosted(f->check.hosted, v),
                             sc_period_all_days(&f->period));
        } else {
            assert_not_judged(f, i);
            assert_int_equal(sc_check_hosted(f->check.hosted, v), 0);
            assert_int_equal(v->motif, SC_MOTIF_NONE);
        }
    }
}

static void test_run_findings_become_errors_with_the_pupil(void **state)
{
    fixture *f = *state;
    sc_entry *e;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    e = add_placement(f, 7, "A1");
    e->start = D(2024, 6, 28);
    e->end = D(2024, 6, 17);
    run(f, NULL);
    /* The anomaly holds its own copy of what the finding said. */
    assert_int_equal(f->anomalies.count, 1);
    /* On the placements row, named after the pupil it belongs to. */
    assert_anomaly(f, 0, SC_SEVERITY_ERROR, STAGES, 7,
                   "la date de début est après la date de fin");
    assert_string_equal(f->anomalies.items[0].class_name, "2nde 1");
    assert_string_equal(f->anomalies.items[0].pupil, "DUPONT Léa");
    assert_int_equal(sc_anomalies_findings(&f->anomalies), 1);
}

static void test_run_rule_warning_becomes_a_warning_anomaly(void **state)
{
    fixture *f = *state;
    sc_entry *e;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    e = add_placement(f, 7, "A1");
    free(e->host_type);
    e->host_type = support_dup("Tiers-lieu");
    run(f, NULL);
    assert_int_equal(f->check.verdicts[0].status, SC_STATUS_READY);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_string_equal(f->anomalies.items[0].pupil, "DUPONT Léa");
    assert_non_null(strstr(f->anomalies.items[0].message, "non reconnu"));
    /* A warning counts as a finding, as every warning does. */
    assert_int_equal(sc_anomalies_findings(&f->anomalies), 1);
}

static void test_run_of_an_empty_dataset_gives_nothing(void **state)
{
    fixture *f = *state;

    run(f, NULL);
    assert_int_equal(f->check.nverdicts, 0);
    assert_non_null(f->check.verdicts);
    assert_int_equal(f->anomalies.count, 0);
}

/* ---- Clearing ----------------------------------------------------------- */

static void test_clear_frees_verdicts_and_links(void **state)
{
    fixture *f = *state;
    sc_entry *e;
    long before;

    add_pupil(f, 2, "DUPONT", "Léa", "2nde 1", "A1");
    add_pupil(f, 3, "MARTIN", "Paul", "2nde 1", "A2");
    e = add_placement(f, 2, "A1");
    e->start = D(2024, 6, 28); /* a finding, so a verdict holding some */
    add_placement(f, 3, "A2");
    before = support_live_blocks();
    run(f, NULL);
    support_assert_more_blocks(before);
    sc_anomalies_clear(&f->anomalies);
    sc_check_clear(&f->check);
    support_assert_live_blocks(before);
    assert_null(f->check.verdicts);
    assert_int_equal(f->check.nverdicts, 0);
    assert_null(f->check.links.first);
    assert_null(f->check.links.items);
    sc_check_clear(&f->check);
    sc_check_clear(NULL);
    support_assert_live_blocks(before);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_run_without_pattern_follows_every_class),
        TEST(test_run_pattern_chooses_classes_whatever_the_case),
        TEST(test_run_pattern_overrides_what_the_class_name_says),
        TEST(test_run_pattern_matching_nothing_warns),
        TEST(test_run_on_as_of_leaves_out_who_has_left_by_then),
        TEST(test_run_repeated_roll_row_is_not_judged),
        TEST(test_run_ties_each_entry_to_its_pupil),
        TEST(test_run_entry_of_nobody_is_an_error),
        TEST(test_run_gives_a_verdict_to_each_pupil_shown),
        TEST(test_run_keeps_each_todo_text_once),
        TEST(test_run_keeps_each_set_of_days_hosted_once),
        TEST(test_run_numbers_many_sets_of_days_hosted),
        TEST(test_run_other_levels_are_never_without_host_nor_hosted),
        TEST(test_run_findings_become_errors_with_the_pupil),
        TEST(test_run_rule_warning_becomes_a_warning_anomaly),
        TEST(test_run_of_an_empty_dataset_gives_nothing),
        TEST(test_clear_frees_verdicts_and_links),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
