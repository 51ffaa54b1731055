/*
 * test_summary.c - unit tests of summary.c: the exact French lines printed
 * for a tally, the exit status it implies, and the messages of a run that
 * stops or goes on with a problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/summary.h"

#define D(y, m, d) sc_date_make((y), (m), (d))

/* What one test prints, on two streams. */
typedef struct fixture {
    char *out_text, *err_text;
    size_t out_len, err_len;
    FILE *out, *err;
    sc_period period;
    sc_anomalies anomalies;
    sc_summary_book books[2];
    sc_summary summary;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    f->out = open_memstream(&f->out_text, &f->out_len);
    f->err = open_memstream(&f->err_text, &f->err_len);
    if (!f->out || !f->err ||
        sc_period_init(&f->period, D(2024, 6, 17), D(2024, 6, 28), 0) != SC_OK)
        return -1;
    f->summary = (sc_summary){.period = &f->period,
                              .as_of = D(2024, 5, 27),
                              .books = f->books,
                              .nbooks = 1,
                              .anomalies = &f->anomalies};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    if (f->out)
        fclose(f->out);
    if (f->err)
        fclose(f->err);
    free(f->out_text);
    free(f->err_text);
    sc_anomalies_clear(&f->anomalies);
    free(f);
    return 0;
}

/* Flushes both streams, so that out_text and err_text hold all. */
static void flush(fixture *f)
{
    assert_int_equal(fflush(f->out), 0);
    assert_int_equal(fflush(f->err), 0);
}

/* A tally of pupils: one count per status, in the order of sc_status. */
static sc_tally tally_of(const size_t status[SC_STATUS_COUNT], size_t hosted,
                         size_t late, size_t findings)
{
    sc_tally t = {.hosted = hosted, .late = late, .findings = findings};

    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        t.status[s] = status[s];
        t.pupils += status[s];
    }
    return t;
}

static void test_summary_one_workbook_first_run(void **state)
{
    fixture *f = *state;
    static const size_t status[SC_STATUS_COUNT] = {9, 3, 31, 3, 8, 35};

    f->books[0] = (sc_summary_book){.path = "out/suivi.xlsx",
                                    .tally = tally_of(status, 40, 0, 72)};
    f->summary.total = f->books[0].tally;
    sc_summary_print(&f->summary, f->out, f->err);
    flush(f);
    assert_string_equal(
        f->out_text,
        "stagecheck 1.0.0 — stage de seconde 2023-2024\n"
        "Période : du 17/06/2024 au 28/06/2024 (10 jours ouvrés, calendrier "
        "calculé)\n"
        "Date de référence : 27/05/2024, J-21 avant le début de la période\n"
        "Élèves : 89\n"
        "  À vérifier : 9\n"
        "  Dispensé : 3\n"
        "  Sans lieu d'accueil : 31\n"
        "  Accueil partiel : 3\n"
        "  Dossier incomplet : 8\n"
        "  Prêt : 35\n"
        "À accueillir dans l'établissement : 40\n"
        "Anomalies : 72\n"
        "Changements : premier passage, rien à comparer\n"
        "Classeur : out/suivi.xlsx\n");
    assert_string_equal(f->err_text, "");
}

static void test_summary_changes_and_deadline_passed(void **state)
{
    fixture *f = *state;
    static const size_t status[SC_STATUS_COUNT] = {1, 0, 2, 0, 0, 4};

    f->summary.as_of = D(2024, 6, 20);
    f->summary.has_deadline = 1;
    f->summary.deadline = D(2024, 6, 7);
    f->books[0] = (sc_summary_book){.path = "suivi.xlsx",
                                    .tally = tally_of(status, 2, 3, 0),
                                    .has_previous = 1,
                                    .changes = 5};
    f->summary.total = f->books[0].tally;
    sc_summary_print(&f->summary, f->out, f->err);
    flush(f);
    assert_non_null(strstr(f->out_text,
                           "Date de référence : 20/06/2024, période en cours\n"
                           "Date limite des conventions : 07/06/2024, "
                           "dépassée : 3 élève(s) en retard\n"
                           "Élèves : 7\n"));
    assert_non_null(strstr(f->out_text,
                           "Anomalies : 0\n"
                           "Changements depuis le passage précédent : 5\n"
                           "Classeur : suivi.xlsx\n"));
}

static void test_summary_given_period_of_one_day(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_period_init(&f->period, D(2024, 6, 12), D(2024, 6, 12),
                                    1),
                     SC_OK);
    f->summary.as_of = D(2024, 6, 12);
    f->books[0].path = "c.xlsx";
    sc_summary_print(&f->summary, f->out, f->err);
    flush(f);
    assert_non_null(strstr(f->out_text,
                           "Période : du 12/06/2024 au 12/06/2024 (1 jour "
                           "ouvré, donnée par --period)\n"));
}

static void test_summary_by_school_lists_each_workbook(void **state)
{
    fixture *f = *state;
    static const size_t a[SC_STATUS_COUNT] = {1, 1, 0, 0, 0, 2};
    static const size_t b[SC_STATUS_COUNT] = {0, 0, 1, 0, 0, 1};

    f->books[0] = (sc_summary_book){.path = "d/0690001A-Lycee-A.xlsx",
                                    .tally = tally_of(a, 0, 0, 2),
                                    .has_previous = 1,
                                    .changes = 9};
    f->books[1] = (sc_summary_book){.path = "d/0690002B-Lycee-B.xlsx",
                                    .tally = tally_of(b, 1, 0, 0)};
    f->summary.nbooks = 2;
    f->summary.academie = "d/academie.xlsx";
    sc_tally_add(&f->summary.total, &f->books[0].tally);
    sc_tally_add(&f->summary.total, &f->books[1].tally);
    f->summary.total.findings++; /* a row of no school */
    sc_summary_print(&f->summary, f->out, f->err);
    flush(f);
    assert_non_null(strstr(
        f->out_text,
        "J-21 avant le début de la période\n"
        "Établissements : 2\n"
        "Élèves : 6\n"
        "  À vérifier : 1\n"
        "  Dispensé : 1\n"
        "  Sans lieu d'accueil : 1\n"
        "  Accueil partiel : 0\n"
        "  Dossier incomplet : 0\n"
        "  Prêt : 3\n"
        "À accueillir dans l'établissement : 1\n"
        "Anomalies : 3\n"
        "  d/0690001A-Lycee-A.xlsx : 4 élève(s), 3 prêt(s) ou dispensé(s), 2 "
        "anomalie(s)\n"
        "  d/0690002B-Lycee-B.xlsx : 2 élève(s), 1 prêt(s) ou dispensé(s), 0 "
        "anomalie(s)\n"
        "Classeur académique : d/academie.xlsx\n"));
    /* Changes are each workbook's business with --by-school. */
    assert_null(strstr(f->out_text, "Changements"));
}

static void test_summary_lists_findings_on_stderr_not_notes(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_anomalies_add(&f->anomalies, SC_SEVERITY_ERROR,
                                      "stages.csv", 5, "2NDE 1",
                                      "BLANC Maxime", "chevauche un stage"),
                     SC_OK);
    assert_int_equal(sc_anomalies_add(&f->anomalies, SC_SEVERITY_NOTE,
                                      "eleves.csv", 2, NULL, NULL,
                                      "classe écartée"),
                     SC_OK);
    assert_int_equal(sc_anomalies_add(&f->anomalies, SC_SEVERITY_WARNING,
                                      "eleves.csv", 7, NULL, NULL,
                                      "ligne vide"),
                     SC_OK);
    assert_int_equal(sc_anomalies_add(&f->anomalies, SC_SEVERITY_WARNING,
                                      "copie.csv", 0, NULL, NULL,
                                      "fichier donné deux fois"),
                     SC_OK);
    assert_int_equal(sc_anomalies_add(&f->anomalies, SC_SEVERITY_WARNING,
                                      NULL, 0, NULL, NULL, "sans fichier"),
                     SC_OK);
    f->books[0].path = "suivi.xlsx";
    sc_summary_print(&f->summary, f->out, f->err);
    flush(f);
    assert_string_equal(f->err_text,
                        "stages.csv:5: BLANC Maxime : chevauche un stage\n"
                        "eleves.csv:7: ligne vide\n"
                        "copie.csv: fichier donné deux fois\n"
                        "stagecheck: sans fichier\n");
}

static void test_summary_status_is_clean_only_when_all_done(void **state)
{
    fixture *f = *state;
    static const size_t done[SC_STATUS_COUNT] = {0, 2, 0, 0, 0, 5};
    static const size_t left[SC_STATUS_COUNT] = {0, 2, 0, 0, 1, 5};

    f->summary.total = tally_of(done, 0, 0, 0);
    assert_int_equal(sc_summary_status(&f->summary), SC_EXIT_CLEAN);
    f->summary.total.findings = 1;
    assert_int_equal(sc_summary_status(&f->summary), SC_EXIT_FINDINGS);
    f->summary.total = tally_of(left, 0, 0, 0);
    assert_int_equal(sc_summary_status(&f->summary), SC_EXIT_FINDINGS);
}

static void test_summary_version_names_the_version(void **state)
{
    fixture *f = *state;

    sc_summary_version(f->out);
    flush(f);
    assert_string_equal(f->out_text, "stagecheck 1.0.0\n");
}

static void test_summary_failure_names_file_and_line(void **state)
{
    fixture *f = *state;
    sc_diag diag;

    sc_diag_set(&diag, "stagecheck.ini", 3, "wait = x : attendu un nombre");
    assert_int_equal(sc_summary_failure(f->err, &diag, SC_ERROR_CONFIG, 0),
                     SC_EXIT_ERROR);
    sc_diag_set(&diag, "absent.csv", 0, "impossible d'ouvrir le fichier");
    sc_summary_failure(f->err, &diag, SC_ERROR_FILE_OPEN, 0);
    flush(f);
    assert_string_equal(f->err_text,
                        "stagecheck.ini:3: wait = x : attendu un nombre\n"
                        "stagecheck: aucun classeur écrit.\n"
                        "absent.csv: impossible d'ouvrir le fichier\n"
                        "stagecheck: aucun classeur écrit.\n");
}

static void test_summary_failure_of_command_line_hints_at_help(void **state)
{
    fixture *f = *state;
    sc_diag diag;

    sc_diag_set(&diag, "", 0, "option inconnue : --verbose");
    assert_int_equal(sc_summary_failure(f->err, &diag, SC_ERROR_USAGE, 1),
                     SC_EXIT_ERROR);
    flush(f);
    assert_string_equal(f->err_text, "stagecheck: option inconnue : --verbose\n"
                                     "Essayez « stagecheck --help ».\n");
}

static void test_summary_failure_without_message_says_the_error(
    void **state)
{
    fixture *f = *state;
    sc_diag diag;
    char expected[256];

    sc_diag_clear(&diag);
    sc_summary_failure(f->err, &diag, SC_ERROR_MEMORY, 0);
    flush(f);
    snprintf(expected, sizeof expected,
             "stagecheck: %s\nstagecheck: aucun classeur écrit.\n",
             sc_strerror(SC_ERROR_MEMORY));
    assert_string_equal(f->err_text, expected);
}

static void test_summary_warning_says_what_follows(void **state)
{
    fixture *f = *state;
    sc_diag diag;
    char expected[256];

    sc_diag_set(&diag, "a.xlsx.etat", 0, "impossible d'enregistrer");
    sc_summary_warning(f->err, &diag, SC_ERROR_OUTPUT, "autre", "suite");
    /* A diag left empty (no memory): the file given, the error's text. */
    sc_diag_clear(&diag);
    sc_summary_warning(f->err, &diag, SC_ERROR_MEMORY, "b.xlsx.etat",
                       "le classeur sera bien écrit");
    flush(f);
    snprintf(expected, sizeof expected,
             "a.xlsx.etat: impossible d'enregistrer (suite)\n"
             "b.xlsx.etat: %s (le classeur sera bien écrit)\n",
             sc_strerror(SC_ERROR_MEMORY));
    assert_string_equal(f->err_text, expected);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_summary_one_workbook_first_run),
        TEST(test_summary_changes_and_deadline_passed),
        TEST(test_summary_given_period_of_one_day),
        TEST(test_summary_by_school_lists_each_workbook),
        TEST(test_summary_lists_findings_on_stderr_not_notes),
        TEST(test_summary_status_is_clean_only_when_all_done),
        TEST(test_summary_version_names_the_version),
        TEST(test_summary_failure_names_file_and_line),
        TEST(test_summary_failure_of_command_line_hints_at_help),
        TEST(test_summary_failure_without_message_says_the_error),
        TEST(test_summary_warning_says_what_follows),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
