/*
 * test_rules.c - each rule of the FAQ, driven without files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/rules.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/period.h"

typedef struct fixture {
    sc_period period;       /* 17–28 June 2024 */
    sc_pupil pupil;         /* a minor */
    sc_entry entries[4];
    const sc_entry *list[4];
    sc_date as_of; /* SC_DATE_NONE unless a test sets it */
    size_t n;
    sc_verdict v;
    sc_findings found;      /* what the last judgement found */
} fixture;

static sc_date d(int y, int m, int day)
{
    return sc_date_make(y, m, day);
}

/* A complete placement covering the whole period. */
static sc_entry placement(unsigned line)
{
    sc_entry e;

    memset(&e, 0, sizeof e);
    e.file = "stages.csv";
    e.line = line;
    e.birth = SC_DATE_NONE;
    e.host = (char *)"Boulangerie Martin";
    e.host_type = (char *)"Entreprise";
    e.start = d(2024, 6, 17);
    e.end = d(2024, 6, 28);
    e.sign_head = e.sign_host = e.sign_pupil = e.sign_parent = SC_FLAG_YES;
    e.activities = (char *)"Accueil des clients";
    e.skills = (char *)"Communiquer";
    e.ins_pupil = e.ins_host = SC_FLAG_YES;
    e.pupil = 0;
    return e;
}

static sc_entry dispense(const char *reason, sc_date start, sc_date end,
                         sc_flag proof)
{
    sc_entry e;

    memset(&e, 0, sizeof e);
    e.file = "stages.csv";
    e.line = 9;
    e.birth = SC_DATE_NONE;
    e.dispense = (char *)reason;
    e.start = start;
    e.end = end;
    e.proof = proof;
    return e;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    assert_non_null(f);
    assert_int_equal(sc_period_init(&f->period, d(2024, 6, 17), d(2024, 6, 28), 0),
                     SC_OK);
    f->pupil.line = 2;
    assert_int_equal(sc_pupil_set_texts(&f->pupil, NULL,
                                        (const char *[SC_PUPIL_TEXTS]){
                                            "DUPONT", "Léa", "2nde 1"}),
                     SC_OK);
    f->pupil.birth = d(2008, 3, 10);
    f->pupil.selected = 1;
    f->as_of = SC_DATE_NONE;
    for (size_t i = 0; i < 4; i++)
        f->list[i] = &f->entries[i];
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_rules_findings_clear(&f->found);
    sc_pupil_clear(&f->pupil);
    free(f);
    return 0;
}

/* Runs the rules on the fixture's first n entries. */
static void judge(fixture *f, size_t n)
{
    assert_int_equal(sc_rules_apply(&f->period, f->as_of, &f->pupil, f->list, n,
                                    &f->v, &f->found),
                     SC_OK);
    assert_non_null(f->found.todo);
    assert_int_equal(f->v.todo, 0); /* the caller's to number */
}

static void assert_todo_has(const fixture *f, const char *text)
{
    if (!strstr(f->found.todo, text))
        fail_msg("À faire « %s » does not mention « %s »", f->found.todo, text);
}

static void assert_finding_has(const fixture *f, const char *text)
{
    for (size_t i = 0; i < f->found.count; i++)
        if (strstr(f->found.items[i].message, text))
            return;
    fail_msg("no finding mentions « %s » (%u findings)", text, (unsigned)f->found.count);
}

static void test_status_labels_are_exact(void **state)
{
    (void)state;
    assert_string_equal(sc_status_label(SC_STATUS_CHECK), "À vérifier");
    assert_string_equal(sc_status_label(SC_STATUS_DISPENSED), "Dispensé");
    assert_string_equal(sc_status_label(SC_STATUS_NO_HOST), "Sans lieu d'accueil");
    assert_string_equal(sc_status_label(SC_STATUS_PARTIAL), "Accueil partiel");
    assert_string_equal(sc_status_label(SC_STATUS_INCOMPLETE), "Dossier incomplet");
    assert_string_equal(sc_status_label(SC_STATUS_READY), "Prêt");
    assert_string_equal(sc_status_label(SC_STATUS_COUNT), "?");
}

static void test_motif_words_are_exact(void **state)
{
    (void)state;
    assert_null(sc_rules_motif(SC_MOTIF_NONE));
    assert_string_equal(sc_rules_motif(SC_MOTIF_NO_HOST),
                        "Sans lieu d'accueil");
    assert_string_equal(sc_rules_motif(SC_MOTIF_REFUSED),
                        "Dispense refusée, sans lieu d'accueil");
    assert_string_equal(sc_rules_motif(SC_MOTIF_MOBILITY),
                        "Mobilité pour une partie de la période");
    assert_string_equal(sc_rules_motif(SC_MOTIF_PART),
                        "Lieu d'accueil pour une partie de la période");
    assert_null(sc_rules_motif(SC_MOTIF_COUNT));
}

static void test_complete_placement_over_whole_period_is_ready(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    assert_int_equal(f->found.covered, sc_period_all_days(&f->period));
    assert_int_equal(f->found.hosted, 0);
    assert_int_equal(f->found.count, 0);
    assert_string_equal(f->found.todo, "");
}

static void test_no_placement_means_hosted_in_school_every_day(void **state)
{
    fixture *f = *state;

    judge(f, 0);
    assert_int_equal(f->v.status, SC_STATUS_NO_HOST);
    assert_int_equal(f->found.hosted, 0x3FF); /* 10 working days */
    assert_int_equal(f->v.motif, SC_MOTIF_NO_HOST);
    assert_string_equal(sc_rules_motif((sc_motif)f->v.motif),
                        "Sans lieu d'accueil");
}

static void test_one_week_placement_leaves_second_week_hosted(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].end = d(2024, 6, 21);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
    assert_int_equal(f->found.covered, 0x1F);
    assert_int_equal(f->found.hosted, 0x3E0);
    assert_int_equal(f->v.motif, SC_MOTIF_PART);
}

static void test_placement_counts_working_days_only(void **state)
{
    fixture *f = *state;

    /* Friday to Sunday: the Friday alone. */
    f->entries[0] = placement(3);
    f->entries[0].start = d(2024, 6, 21);
    f->entries[0].end = d(2024, 6, 23);
    judge(f, 1);
    assert_int_equal(f->found.covered, 0x10);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
    assert_int_equal(f->found.count, 0);
}

static void test_weekend_only_row_is_an_anomaly(void **state)
{
    fixture *f = *state;

    /* Saturday to Sunday: no working day, said rather than counted as 0. */
    f->entries[0] = placement(3);
    f->entries[0].start = d(2024, 6, 22);
    f->entries[0].end = d(2024, 6, 23);
    judge(f, 1);
    assert_int_equal(f->found.covered, 0);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "aucun jour ouvré entre le 22/06/2024 et le "
                          "23/06/2024");
    assert_int_equal(f->found.hosted, 0x3FF);
}

static void test_two_places_one_week_each_is_ready(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].end = d(2024, 6, 21);
    f->entries[1] = placement(4);
    f->entries[1].host = (char *)"Mairie";
    f->entries[1].host_type = (char *)"Collectivité territoriale";
    f->entries[1].start = d(2024, 6, 24);
    judge(f, 2);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    assert_int_equal(f->found.count, 0);
}

static void test_third_place_is_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].end = d(2024, 6, 19);
    f->entries[1] = placement(4);
    f->entries[1].start = d(2024, 6, 20);
    f->entries[1].end = d(2024, 6, 24);
    f->entries[2] = placement(5);
    f->entries[2].start = d(2024, 6, 25);
    judge(f, 3);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_int_equal(f->found.count, 1);
    assert_ptr_equal(f->found.items[0].entry, &f->entries[2]);
    assert_finding_has(f, "plus de deux lieux");
    /* The reason is on the pupil's line too, with the row to look at. */
    assert_todo_has(f, "à vérifier, ligne 5 : plus de deux lieux");
}

static void test_overlapping_places_are_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].end = d(2024, 6, 24);
    f->entries[1] = placement(4);
    f->entries[1].start = d(2024, 6, 24);
    judge(f, 2);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "chevauche");
    assert_ptr_equal(f->found.items[0].entry, &f->entries[1]);
    /* Three places all overlapping: each later one is reported once, not
     * once per earlier place. */
    f->entries[2] = placement(5);
    judge(f, 3);
    assert_int_equal(f->found.count, 3); /* two overlaps, one third place */
    /* The list is the next pupil's too: emptied first, it holds only what
     * that pupil's rows give, its À faire as a fresh list gives it. */
    judge(f, 1);
    assert_int_equal(f->found.count, 0);
    {
        char *reused = strdup(f->found.todo);

        assert_non_null(reused);
        sc_rules_findings_clear(&f->found);
        judge(f, 1);
        assert_string_equal(f->found.todo, reused);
        free(reused);
    }
}

static void test_dates_outside_national_period_are_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].start = d(2024, 6, 10);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "hors de la période nationale");
    /* The days inside the period still count. */
    assert_int_equal(f->found.covered, 0x3FF);
}

static void test_start_after_end_is_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].start = d(2024, 6, 28);
    f->entries[0].end = d(2024, 6, 17);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "après la date de fin");
    assert_int_equal(f->found.covered, 0);
}

static void test_missing_dates_or_host_are_anomalies(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].end = SC_DATE_NONE;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "dates du stage manquantes");

    f->entries[0] = placement(3);
    f->entries[0].host = NULL;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "structure d'accueil non renseignée");
    /* The column at fault, for Anomalies' Colonne. */
    assert_string_equal(f->found.items[0].column, "Structure d'accueil");
    /* Dates missing: two columns, none named. */
    f->entries[0] = placement(3);
    f->entries[0].end = SC_DATE_NONE;
    judge(f, 1);
    assert_null(f->found.items[0].column);
}

static void test_convention_needs_head_host_and_pupil_signatures(void **state)
{
    fixture *f = *state;
    static const struct {
        size_t offset;
        const char *text;
    } signatures[] = {
        {offsetof(sc_entry, sign_head), "signature du chef d'établissement"},
        {offsetof(sc_entry, sign_host), "signature de la structure d'accueil"},
        {offsetof(sc_entry, sign_pupil), "signature de l'élève"},
    };

    for (size_t i = 0; i < 3; i++) {
        f->entries[0] = placement(3);
        *(sc_flag *)((char *)&f->entries[0] + signatures[i].offset) = SC_FLAG_NO;
        judge(f, 1);
        assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
        assert_todo_has(f, signatures[i].text);
        /* A missing column is no signature either. */
        *(sc_flag *)((char *)&f->entries[0] + signatures[i].offset) = SC_FLAG_ABSENT;
        judge(f, 1);
        assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    }
}

static void test_minor_needs_legal_representative_signature(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].sign_parent = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "signature du représentant légal");
}

static void test_adult_needs_no_legal_representative_signature(void **state)
{
    fixture *f = *state;

    f->pupil.birth = d(2006, 6, 16); /* 18 on the eve of the period */
    f->entries[0] = placement(3);
    f->entries[0].sign_parent = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
}

static void test_turning_18_on_first_day_signed_as_a_minor(void **state)
{
    fixture *f = *state;

    /* The convention is signed before the period begins. */
    f->pupil.birth = d(2006, 6, 17);
    f->entries[0] = placement(3);
    f->entries[0].sign_parent = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "signature du représentant légal");
}

static void test_minority_is_judged_on_pupil_signature_date(void **state)
{
    fixture *f = *state;

    /* 18 on 20 May 2024: signed on 13 May, a minor; on 21 May, of age. */
    f->pupil.birth = d(2006, 5, 20);
    f->entries[0] = placement(3);
    f->entries[0].sign_parent = SC_FLAG_NO;
    f->entries[0].sign_pupil_dated = 1;
    f->entries[0].sign_pupil_on = d(2024, 5, 13);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "signature du représentant légal");
    f->entries[0].sign_pupil_on = d(2024, 5, 21);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    /* Without a date, the eve of the period decides: of age. */
    f->entries[0].sign_pupil_dated = 0;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    /* The pupil's own signature is still required. */
    f->entries[0].sign_pupil = SC_FLAG_NO;
    judge(f, 1);
    assert_todo_has(f, "signature de l'élève");
}

static void test_undated_signature_already_given_is_judged_on_as_of(
    void **state)
{
    fixture *f = *state;

    /* 18 on 10/06/2024, before the period: « oui » without a date on
     * 27/05/2024 means she signed by then, aged 17. */
    f->pupil.birth = d(2006, 6, 10);
    f->as_of = d(2024, 5, 27);
    f->entries[0] = placement(3);
    f->entries[0].sign_parent = SC_FLAG_ABSENT;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "signature du représentant légal");
    /* Read on 11/06, she may have signed once of age. */
    f->as_of = d(2024, 6, 11);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    /* A run after the period began: the eve of the period still decides. */
    f->as_of = d(2024, 6, 20);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    /* Not signed yet: she will sign by the eve of the period, of age; only
     * her own signature is asked. */
    f->as_of = d(2024, 5, 27);
    f->entries[0].sign_pupil = SC_FLAG_ABSENT;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "signature de l'élève");
    assert_null(strstr(f->found.todo, "représentant légal"));
}

static void test_unknown_birth_date_is_treated_as_minor(void **state)
{
    fixture *f = *state;

    f->pupil.birth = SC_DATE_NONE;
    f->entries[0] = placement(3);
    f->entries[0].sign_parent = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    /* ...unless the placements row gives the birth date. */
    f->entries[0].birth = d(2005, 1, 1);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
}

static void test_minority_is_judged_on_first_day_of_period(void **state)
{
    (void)state;
    assert_false(sc_rules_is_minor(d(2006, 6, 17), d(2024, 6, 17)));
    assert_true(sc_rules_is_minor(d(2006, 6, 18), d(2024, 6, 17)));
    assert_true(sc_rules_is_minor(SC_DATE_NONE, d(2024, 6, 17)));
    /* Born on 29 February: of age on 1 March in a common year. */
    assert_true(sc_rules_is_minor(d(2004, 2, 29), d(2022, 2, 28)));
    assert_false(sc_rules_is_minor(d(2004, 2, 29), d(2022, 3, 1)));
}

static void test_convention_states_activities_and_skills(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].activities = NULL;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "activités prévues");

    f->entries[0] = placement(3);
    f->entries[0].skills = NULL;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "compétences visées");
}

static void test_pupil_produces_liability_insurance(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].ins_pupil = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "assurance responsabilité civile de l'élève");
}

static void test_host_insurance_checked_when_column_exists(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].ins_host = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "assurance de la structure");

    f->entries[0].ins_host = SC_FLAG_ABSENT;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
}

static void test_host_type_must_be_one_of_the_five(void **state)
{
    fixture *f = *state;
    static const char *const allowed[] = {
        "entreprise", "ASSOCIATION", "Administration", "Établissement public",
        "etablissement  public", "Collectivité territoriale"};

    f->entries[0] = placement(3);
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
        f->entries[0].host_type = (char *)allowed[i];
        judge(f, 1);
        assert_int_equal(f->v.status, SC_STATUS_READY);
        assert_int_equal(f->found.count, 0);
    }
    f->entries[0].host_type = (char *)"Particulier";
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "Particulier");
    assert_string_equal(f->found.items[0].column, "Type de structure");
}

static void test_host_type_synonym_of_a_category_is_accepted(void **state)
{
    fixture *f = *state;
    static const char *const synonyms[] = {
        "SARL", "S.A.R.L.", "Mairie de Saint-Exemple", "Club de foot",
        "GmbH", "Lycée", "Préfecture"};

    f->entries[0] = placement(3);
    for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++) {
        f->entries[0].host_type = (char *)synonyms[i];
        judge(f, 1);
        assert_int_equal(f->v.status, SC_STATUS_READY);
        assert_int_equal(f->found.count, 0);
    }
}

static void test_host_type_private_person_is_an_error(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].host_type = (char *)"particulier";
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_int_equal(f->found.count, 1);
    assert_int_equal(f->found.items[0].severity, SC_SEVERITY_ERROR);
    assert_finding_has(f, "particulier");
    /* Found even when the dates are missing too. */
    f->entries[0].host_type = (char *)"chez M. Martin";
    f->entries[0].end = SC_DATE_NONE;
    judge(f, 1);
    assert_finding_has(f, "chez M. Martin");
}

static void test_host_type_unknown_is_a_warning_status_unchanged(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].host_type = (char *)"Tiers-lieu";
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    assert_int_equal(f->found.count, 1);
    assert_int_equal(f->found.items[0].severity, SC_SEVERITY_WARNING);
    assert_finding_has(f, "« Tiers-lieu » non reconnu");
    assert_todo_has(f,
                    "attention, ligne 3 : type de structure « Tiers-lieu »");
    assert_null(strstr(f->found.todo, "à vérifier"));
    /* A warning leaves every other status as it was, too. */
    f->entries[0].end = d(2024, 6, 21);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
    assert_int_equal(f->found.items[0].severity, SC_SEVERITY_WARNING);
}

static void test_host_abroad_is_allowed_under_same_rules(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].city = (char *)"Berlin";
    f->entries[0].country = (char *)"Allemagne";
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    f->entries[0].sign_host = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
}

static void test_snu_in_june_period_justified_is_dispensed(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("SNU séjour de cohésion", d(2024, 6, 17),
                             d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    assert_int_equal(f->v.dispense, SC_DISPENSE_VALID);
    assert_int_equal(f->found.hosted, 0);
}

static void test_snu_in_july_is_dispensed(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("Mission d'intérêt général (service national "
                             "universel)",
                             d(2024, 7, 1), d(2024, 7, 12), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
}

/* Each reason, over the whole period, is the case whose proof is named:
 * awaiting it, then dispensed once it is given. */
static void assert_reasons_name(fixture *f, const char *const *reasons,
                                size_t n, const char *proof)
{
    for (size_t i = 0; i < n; i++) {
        f->entries[0] = dispense(reasons[i], d(2024, 6, 17), d(2024, 6, 28),
                                 SC_FLAG_NO);
        judge(f, 1);
        if (f->v.status != SC_STATUS_INCOMPLETE || !strstr(f->found.todo, proof))
            fail_msg("« %s » does not ask for the %s: %s", reasons[i], proof,
                     f->found.todo);
        f->entries[0].proof = SC_FLAG_YES;
        judge(f, 1);
        if (f->v.status != SC_STATUS_DISPENSED)
            fail_msg("« %s » not dispensed: %s", reasons[i], f->found.todo);
    }
}

static void test_snu_spellings_are_recognised(void **state)
{
    static const char *const spellings[] = {
        "SNU", "S.N.U.", "snu", "Service national universel",
        "séjour de cohésion", "Séjour de cohésion du SNU", "MIG", "M.I.G.",
        "mission d'intérêt général", "Mission d’intérêt général (SNU)"};

    assert_reasons_name(*state, spellings,
                        sizeof spellings / sizeof *spellings,
                        "convocation SNU");
}

static void test_snu_starting_in_july_may_end_in_august(void **state)
{
    fixture *f = *state;

    /* "pendant le mois de juillet": it starts in July. */
    f->entries[0] = dispense("SNU", d(2024, 7, 22), d(2024, 8, 2), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
}

static void test_snu_starting_before_the_period_is_outside(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("Séjour de cohésion", d(2024, 6, 10),
                             d(2024, 6, 21), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_int_equal(f->v.dispense, SC_DISPENSE_INVALID);
    assert_finding_has(f, "hors de la période de juin et du mois de juillet");
}

static void test_snu_starting_on_the_weekend_before_is_dispensed(
    void **state)
{
    fixture *f = *state;

    /* Sunday 16/06/2024, the eve of the period, to 28/06. */
    f->entries[0] = dispense("SNU séjour de cohésion", d(2024, 6, 16),
                             d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_VALID);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    assert_int_equal(f->found.count, 0);
    /* Saturday 15/06 too. */
    f->entries[0].start = d(2024, 6, 15);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    /* Friday 14/06 is before the weekend: outside. */
    f->entries[0].start = d(2024, 6, 14);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_INVALID);
    assert_finding_has(f, "commencer entre le 15/06/2024 et le 31/07/2024");
    /* On the weekend before but over before the period: outside. */
    f->entries[0] = dispense("MIG", d(2024, 6, 15), d(2024, 6, 16),
                             SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_INVALID);
}

static void test_short_cohesion_stay_is_to_check(void **state)
{
    fixture *f = *state;

    /* "un séjour de cohésion (dix jours consécutifs et un week-end)" */
    f->entries[0] = dispense("SNU séjour de cohésion", d(2024, 6, 17),
                             d(2024, 6, 21), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "séjour de cohésion de 5 jours");
    /* The SNU without saying which: taken for a séjour. */
    f->entries[0].dispense = (char *)"SNU";
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    /* Ten consecutive days are enough. */
    f->entries[0].end = d(2024, 6, 26);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    /* A mission d'intérêt général is 84 hours, however spread. */
    f->entries[0].dispense = (char *)"MIG";
    f->entries[0].end = d(2024, 6, 19);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
}

static void test_snu_in_august_is_outside_its_window(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("SNU", d(2024, 8, 5), d(2024, 8, 16), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_int_equal(f->v.dispense, SC_DISPENSE_INVALID);
    assert_finding_has(f, "SNU");
    /* An invalid dispense does not excuse the pupil: hosted every day. */
    assert_int_equal(f->found.hosted, 0x3FF);
}

static void test_dispense_without_justificatif_is_pending(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("SNU", d(2024, 6, 17), d(2024, 6, 28), SC_FLAG_NO);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_int_equal(f->v.dispense, SC_DISPENSE_PENDING);
    assert_todo_has(f, "convocation SNU");
    assert_int_equal(f->found.hosted, 0);

    f->entries[0] = dispense("Mobilité Erasmus+", d(2024, 6, 3), d(2024, 6, 28),
                             SC_FLAG_NO);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_INCOMPLETE);
    assert_todo_has(f, "contrat d'études");
}

static void test_mobility_of_two_weeks_in_june_is_dispensed(void **state)
{
    fixture *f = *state;

    /* Monday 17 to Friday 28 June: twelve calendar days, the "deux
     * semaines" of the FAQ. */
    f->entries[0] = dispense("Mobilité européenne et internationale",
                             d(2024, 6, 17), d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    assert_int_equal(f->found.hosted, 0);
    /* It may start before the period, if it covers it. */
    f->entries[0].start = d(2024, 6, 3);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
}

static void test_mobility_programme_names_are_recognised(void **state)
{
    static const char *const names[] = {
        "Erasmus+", "ERASMUS", "OFAJ", "DFJW", "O.F.A.J.",
        "Programme Brigitte-Sauzay", "Programme Voltaire", "Échange scolaire",
        "Séjour d'études en Espagne", "Contrat d'études",
        "Mobilité individuelle"};

    assert_reasons_name(*state, names, sizeof names / sizeof *names,
                        "contrat d'études");
}

static void test_mobility_ending_mid_period_leaves_days_to_find(void **state)
{
    fixture *f = *state;

    /* "durant la période": the second week is not dispensed. */
    f->entries[0] = dispense("Erasmus+", d(2024, 6, 3), d(2024, 6, 21),
                             SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
    assert_int_equal(f->found.hosted, 0x3E0);
    assert_int_equal(f->found.count, 0);
    assert_todo_has(f, "jours non dispensés du 24/06/2024 au 28/06/2024");
    assert_int_equal(f->v.motif, SC_MOTIF_MOBILITY);
    /* Awaiting its contrat d'études, the same days are still to find. */
    f->entries[0].proof = SC_FLAG_NO;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
    assert_int_equal(f->found.hosted, 0x3E0);
    /* One day left: said in the singular. */
    f->entries[0].end = d(2024, 6, 27);
    judge(f, 1);
    assert_int_equal(f->found.hosted, 0x200);
    assert_todo_has(f, "jour non dispensé le 28/06/2024");
    f->entries[0].end = d(2024, 6, 21);
    /* A placement for the second week: nothing left to find. */
    f->entries[0].proof = SC_FLAG_YES;
    f->entries[1] = placement(4);
    f->entries[1].start = d(2024, 6, 24);
    judge(f, 2);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    assert_int_equal(f->found.hosted, 0);
}

static void test_mobility_barely_touching_the_period_is_to_check(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("Erasmus+", d(2024, 6, 3), d(2024, 6, 18),
                             SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "ne recouvre que 2 jours ouvrés de la période (du "
                          "17/06/2024 au 18/06/2024)");
    assert_int_equal(f->found.hosted, 0x3FF);
}

static void test_mobility_shorter_than_two_weeks_is_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("mobilité (contrat d'études)", d(2024, 6, 17),
                             d(2024, 6, 26), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "moins de deux semaines (8 jours ouvrés");
    /* Ten working days from a Wednesday: enough. */
    f->entries[0].start = d(2024, 6, 12);
    f->entries[0].end = d(2024, 6, 25);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
    assert_int_equal(f->found.count, 0);
    /* Ending on the Sunday after the period is enough too. */
    f->entries[0].start = d(2024, 6, 17);
    f->entries[0].end = d(2024, 6, 30);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
}

static void test_mobility_outside_june_period_is_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("Mobilité Erasmus", d(2024, 5, 6), d(2024, 5, 31),
                             SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "mobilité en dehors");
}

static void test_other_dispense_reasons_are_refused(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *reason;
        const char *why;
    } refused[] = {
        {"Job d'été", "job d'été"},
        {"Emploi saisonnier", "job d'été"},
        {"Stage BAFA", "un stage"},
        {"Séjour linguistique", "un stage"},
        {"Stage intensif de langues", "un stage"},
        {"Stage linguistique", "un stage"},
        {"Cours de langue en Angleterre", "un stage"},
        {"Séjours linguistiques", "un stage"},
        {"Stage à la mairie en juillet", "un stage"},
    };

    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        f->entries[0] = dispense(refused[i].reason, d(2024, 7, 1),
                                 d(2024, 7, 31), SC_FLAG_YES);
        judge(f, 1);
        /* Refused, not an anomaly: the pupil still needs a placement. */
        assert_int_equal(f->v.status, SC_STATUS_NO_HOST);
        assert_int_equal(f->v.dispense, SC_DISPENSE_REFUSED);
        assert_int_equal(f->found.count, 0);
        assert_todo_has(f, refused[i].why);
        assert_int_equal(f->found.hosted, 0x3FF);
        assert_int_equal(f->v.motif, SC_MOTIF_REFUSED);
    }
}

static void test_unknown_dispense_reason_is_to_check(void **state)
{
    fixture *f = *state;
    static const char *const reasons[] = {
        "oui", "voir dossier", "Voyage en famille", "raison médicale",
        /* an allowed case and a refused one at once */
        "Erasmus puis job d'été", "SNU ou Erasmus"};

    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        f->entries[0] = dispense(reasons[i], d(2024, 6, 17), d(2024, 6, 28),
                                 SC_FLAG_YES);
        judge(f, 1);
        /* Never refused in silence: the head teacher reads it. */
        assert_int_equal(f->v.status, SC_STATUS_CHECK);
        assert_int_equal(f->v.dispense, SC_DISPENSE_UNKNOWN);
        assert_finding_has(f, "motif de dispense non reconnu");
        assert_finding_has(f, reasons[i]);
        assert_int_equal(f->found.hosted, 0x3FF);
    }
}

static void test_language_words_do_not_refuse_a_named_mobility(void **state)
{
    fixture *f = *state;

    /* A programme or « mobilité » with a bare language word: a mobility. */
    f->entries[0] = dispense("Échange linguistique Brigitte Sauzay",
                             d(2024, 6, 3), d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_VALID);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    assert_int_equal(f->found.count, 0);
    f->entries[0] = dispense("Mobilité individuelle - immersion en langue "
                             "allemande",
                             d(2024, 6, 17), d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_VALID);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    /* A bare language word alone names no case: the head teacher reads. */
    f->entries[0] = dispense("Immersion linguistique", d(2024, 6, 17),
                             d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_UNKNOWN);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    /* A refused case and a programme at once is still to check. */
    f->entries[0] = dispense("Séjour linguistique Erasmus", d(2024, 6, 17),
                             d(2024, 6, 28), SC_FLAG_YES);
    judge(f, 1);
    assert_int_equal(f->v.dispense, SC_DISPENSE_UNKNOWN);
}

static void test_refused_dispense_with_full_placement_is_ready(void **state)
{
    fixture *f = *state;

    f->entries[0] = dispense("Job d'été", SC_DATE_NONE, SC_DATE_NONE, SC_FLAG_NO);
    f->entries[1] = placement(4);
    judge(f, 2);
    assert_int_equal(f->v.status, SC_STATUS_READY);
    assert_todo_has(f, "refusée");
}

static void test_row_with_both_place_and_dispense_is_an_anomaly(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].dispense = (char *)"SNU";
    f->entries[0].proof = SC_FLAG_YES;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    assert_finding_has(f, "à la fois une structure");
}

static void test_unreadable_cell_makes_pupil_to_check(void **state)
{
    fixture *f = *state;

    f->entries[0] = placement(3);
    f->entries[0].sign_pupil = SC_FLAG_INVALID;
    f->entries[0].unreadable = UINT32_C(1) << SC_FIELD_SIGN_PUPIL;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);

    f->entries[0] = placement(3);
    f->pupil.invalid = 1;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
}

static void test_status_priority_anomaly_over_dispense_over_coverage(void **state)
{
    fixture *f = *state;

    /* Valid dispense plus an overlapping pair: the anomaly wins. */
    f->entries[0] = dispense("SNU", d(2024, 6, 17), d(2024, 6, 28), SC_FLAG_YES);
    f->entries[1] = placement(4);
    f->entries[2] = placement(5);
    judge(f, 3);
    assert_int_equal(f->v.status, SC_STATUS_CHECK);
    /* Valid dispense and a partial placement: dispensed, not hosted. */
    f->entries[1].end = d(2024, 6, 19);
    judge(f, 2);
    assert_int_equal(f->v.status, SC_STATUS_DISPENSED);
    assert_int_equal(f->found.hosted, 0);
    /* Partial and incomplete: partial comes first. */
    f->entries[0] = placement(3);
    f->entries[0].end = d(2024, 6, 21);
    f->entries[0].skills = NULL;
    judge(f, 1);
    assert_int_equal(f->v.status, SC_STATUS_PARTIAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_labels_are_exact),
        cmocka_unit_test(test_motif_words_are_exact),
        cmocka_unit_test(test_minority_is_judged_on_first_day_of_period),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_complete_placement_over_whole_period_is_ready),
        T(test_no_placement_means_hosted_in_school_every_day),
        T(test_one_week_placement_leaves_second_week_hosted),
        T(test_placement_counts_working_days_only),
        T(test_weekend_only_row_is_an_anomaly),
        T(test_two_places_one_week_each_is_ready),
        T(test_third_place_is_an_anomaly),
        T(test_overlapping_places_are_an_anomaly),
        T(test_dates_outside_national_period_are_an_anomaly),
        T(test_start_after_end_is_an_anomaly),
        T(test_missing_dates_or_host_are_anomalies),
        T(test_convention_needs_head_host_and_pupil_signatures),
        T(test_minor_needs_legal_representative_signature),
        T(test_adult_needs_no_legal_representative_signature),
        T(test_turning_18_on_first_day_signed_as_a_minor),
        T(test_minority_is_judged_on_pupil_signature_date),
        T(test_undated_signature_already_given_is_judged_on_as_of),
        T(test_unknown_birth_date_is_treated_as_minor),
        T(test_convention_states_activities_and_skills),
        T(test_pupil_produces_liability_insurance),
        T(test_host_insurance_checked_when_column_exists),
        T(test_host_type_must_be_one_of_the_five),
        T(test_host_type_synonym_of_a_category_is_accepted),
        T(test_host_type_private_person_is_an_error),
        T(test_host_type_unknown_is_a_warning_status_unchanged),
        T(test_host_abroad_is_allowed_under_same_rules),
        T(test_snu_in_june_period_justified_is_dispensed),
        T(test_snu_in_july_is_dispensed),
        T(test_snu_spellings_are_recognised),
        T(test_snu_starting_in_july_may_end_in_august),
        T(test_snu_starting_before_the_period_is_outside),
        T(test_snu_starting_on_the_weekend_before_is_dispensed),
        T(test_short_cohesion_stay_is_to_check),
        T(test_snu_in_august_is_outside_its_window),
        T(test_dispense_without_justificatif_is_pending),
        T(test_mobility_of_two_weeks_in_june_is_dispensed),
        T(test_mobility_programme_names_are_recognised),
        T(test_mobility_ending_mid_period_leaves_days_to_find),
        T(test_mobility_barely_touching_the_period_is_to_check),
        T(test_mobility_shorter_than_two_weeks_is_an_anomaly),
        T(test_mobility_outside_june_period_is_an_anomaly),
        T(test_other_dispense_reasons_are_refused),
        T(test_unknown_dispense_reason_is_to_check),
        T(test_language_words_do_not_refuse_a_named_mobility),
        T(test_refused_dispense_with_full_placement_is_ready),
        T(test_row_with_both_place_and_dispense_is_an_anomaly),
        T(test_unreadable_cell_makes_pupil_to_check),
        T(test_status_priority_anomaly_over_dispense_over_coverage),
#undef T
    };
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
