/*
 * test_run.c - unit tests of run.c: the pipeline from finished settings to
 * workbooks in place, and what it hands the summary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "stagecheck/run.h"
#include "support.h"

#define ROLL "Nom;Prénom;Classe;INE;Date de naissance\n"
#define STAGES                                                               \
    "INE;Nom;Prénom;Classe;Structure d'accueil;Type de structure;Commune;"   \
    "Pays;Date de début;Date de fin;Signature chef d'établissement;"         \
    "Signature structure d'accueil;Signature élève;"                         \
    "Signature représentant légal;Activités prévues;Compétences visées;"     \
    "Attestation assurance élève;Assurance structure;Dispense;Justificatif\n"
/* A complete placement over the default period of 2024. */
#define PLACED(ine)                                                          \
    ine ";;;;Boulangerie;Entreprise;Lyon;;17/06/2024;28/06/2024;oui;oui;"    \
        "oui;oui;Vente;Accueillir;oui;oui;;\n"

typedef struct fixture {
    char dir[64];
    char path[4][160];   /* eleves.csv, stages.csv, suivi.xlsx, its state */
    sc_settings settings;
    sc_run *run;
    sc_diag diag;
} fixture;

enum { ROLLS, PLACEMENTS, BOOK, STATE };

static int setup(void **state)
{
    static const char *const names[] = {"eleves.csv", "stages.csv",
                                        "suivi.xlsx", "suivi.xlsx.etat"};
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_run") != 0) {
        free(f);
        return -1;
    }
    for (int i = 0; i < 4; i++)
        snprintf(f->path[i], sizeof f->path[i], "%s/%s", f->dir, names[i]);
    sc_diag_clear(&f->diag);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_run_free(f->run);
    sc_settings_free(&f->settings);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static void add_path(char ***list, size_t *n, const char *path)
{
    char **grown = realloc(*list, (*n + 1) * sizeof *grown);

    assert_non_null(grown);
    *list = grown;
    grown[*n] = strdup(path);
    assert_non_null(grown[(*n)++]);
}

/* Finished settings for a run on the fixture's roll and placements,
 * writing output (a copy is kept) on 2024-05-27. */
static void settings_for(fixture *f, const char *output)
{
    sc_settings *s = &f->settings;

    add_path(&s->rolls, &s->nrolls, f->path[ROLLS]);
    add_path(&s->placements, &s->nplacements, f->path[PLACEMENTS]);
    s->output = strdup(output);
    assert_non_null(s->output);
    s->has_as_of = 1;
    s->as_of = sc_date_make(2024, 5, 27);
    assert_int_equal(sc_settings_finish(s, &f->diag), SC_OK);
}

/* Writes a roll of two pupils, one of them placed. */
static void two_pupils(fixture *f)
{
    assert_int_equal(support_write_file(f->path[ROLLS],
                                        ROLL "DUPONT;Léa;2nde 1;A1;10/03/2008\n"
                                             "MARTIN;Jo;2nde 1;A2;11/03/2008\n"),
                     0);
    assert_int_equal(support_write_file(f->path[PLACEMENTS],
                                        STAGES PLACED("A1")),
                     0);
}

static void test_run_writes_workbook_and_state_and_tallies(void **state)
{
    fixture *f = *state;
    const sc_summary *s;
    struct stat st;

    two_pupils(f);
    settings_for(f, f->path[BOOK]);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag), SC_OK);
    assert_int_equal(stat(f->path[BOOK], &st), 0);
    assert_int_equal(stat(f->path[STATE], &st), 0);
    s = sc_run_summary(f->run);
    assert_int_equal(s->nbooks, 1);
    assert_null(s->academie);
    assert_string_equal(s->books[0].path, f->path[BOOK]);
    assert_false(s->books[0].has_previous);
    assert_int_equal(s->total.pupils, 2);
    assert_int_equal(s->total.status[SC_STATUS_READY], 1);
    assert_int_equal(s->total.status[SC_STATUS_NO_HOST], 1);
    assert_int_equal(s->as_of, sc_date_make(2024, 5, 27));
    assert_int_equal(s->period->start, sc_date_make(2024, 6, 17));
    assert_int_equal(sc_summary_status(s), SC_EXIT_FINDINGS);
}

static void test_run_second_time_compares_with_the_first(void **state)
{
    fixture *f = *state;
    const sc_summary *s;

    two_pupils(f);
    settings_for(f, f->path[BOOK]);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag), SC_OK);
    sc_run_free(f->run);
    f->run = NULL;
    /* MARTIN is placed since. */
    assert_int_equal(support_write_file(f->path[PLACEMENTS],
                                        STAGES PLACED("A1") PLACED("A2")),
                     0);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag), SC_OK);
    s = sc_run_summary(f->run);
    assert_true(s->books[0].has_previous);
    assert_int_equal(s->books[0].changes, 1);
    assert_int_equal(s->total.status[SC_STATUS_READY], 2);
    assert_int_equal(sc_summary_status(s), SC_EXIT_CLEAN);
}

static void test_run_reads_a_file_given_twice_once(void **state)
{
    fixture *f = *state;
    char other[192];
    const sc_summary *s;

    two_pupils(f);
    settings_for(f, f->path[BOOK]);
    /* The same roll again, under another name. */
    snprintf(other, sizeof other, "%s/./eleves.csv", f->dir);
    add_path(&f->settings.rolls, &f->settings.nrolls, other);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag), SC_OK);
    s = sc_run_summary(f->run);
    assert_int_equal(s->total.pupils, 2);
    assert_int_equal(s->anomalies->count, 1);
    assert_string_equal(s->anomalies->items[0].file, other);
    assert_non_null(strstr(s->anomalies->items[0].message,
                           "fichier donné deux fois"));
    assert_int_equal(s->total.findings, 1);
}

static void test_run_into_missing_folder_writes_nothing(void **state)
{
    fixture *f = *state;
    char output[192];

    two_pupils(f);
    snprintf(output, sizeof output, "%s/absent/suivi.xlsx", f->dir);
    settings_for(f, output);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, output);
    assert_non_null(strstr(f->diag.message, "n'existe pas"));
    assert_int_equal(support_count_files(f->dir), 2);
}

static void test_run_never_writes_over_an_input(void **state)
{
    fixture *f = *state;

    two_pupils(f);
    settings_for(f, f->path[PLACEMENTS]);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag),
                     SC_ERROR_SAME_FILE);
    assert_int_equal(support_count_files(f->dir), 2);
}

static void test_run_unreadable_input_leaves_nothing_beside(void **state)
{
    fixture *f = *state;

    two_pupils(f);
    assert_int_equal(support_write_file(f->path[PLACEMENTS], "\"non fermé\n"),
                     0);
    settings_for(f, f->path[BOOK]);
    assert_int_not_equal(sc_run_execute(&f->settings, &f->run, &f->diag),
                         SC_OK);
    assert_string_equal(f->diag.file, f->path[PLACEMENTS]);
    /* Not even the lock: inputs are read before it is taken. */
    assert_int_equal(support_count_files(f->dir), 2);
}

static void test_run_by_school_one_workbook_each_and_academie(void **state)
{
    fixture *f = *state;
    char dir[192], academie[224];
    const sc_summary *s;
    struct stat st;

    assert_int_equal(
        support_write_file(f->path[ROLLS],
                           "UAI;Établissement;" ROLL
                           "0690001A;Lycée Ampère;DUPONT;Léa;2nde 1;A1;"
                           "01/02/2008\n"
                           "0690002B;Lycée Curie;MARTIN;Jo;2nde 1;B1;"
                           "04/02/2008\n"),
        0);
    assert_int_equal(support_write_file(f->path[PLACEMENTS],
                                        "UAI;" STAGES "0690001A;" PLACED("A1")),
                     0);
    snprintf(dir, sizeof dir, "%s/classeurs", f->dir);
    add_path(&f->settings.rolls, &f->settings.nrolls, f->path[ROLLS]);
    add_path(&f->settings.placements, &f->settings.nplacements,
             f->path[PLACEMENTS]);
    f->settings.by_school = strdup(dir);
    f->settings.has_as_of = 1;
    f->settings.as_of = sc_date_make(2024, 5, 27);
    assert_int_equal(sc_settings_finish(&f->settings, &f->diag), SC_OK);
    assert_int_equal(sc_run_execute(&f->settings, &f->run, &f->diag), SC_OK);
    s = sc_run_summary(f->run);
    snprintf(academie, sizeof academie, "%s/academie.xlsx", dir);
    assert_string_equal(s->academie, academie);
    assert_int_equal(stat(academie, &st), 0);
    assert_int_equal(s->nbooks, 2);
    assert_non_null(strstr(s->books[0].path, "/0690001A-Lycee-Ampere.xlsx"));
    assert_non_null(strstr(s->books[1].path, "/0690002B-Lycee-Curie.xlsx"));
    assert_int_equal(stat(s->books[1].path, &st), 0);
    assert_int_equal(s->books[0].tally.status[SC_STATUS_READY], 1);
    assert_int_equal(s->books[1].tally.status[SC_STATUS_NO_HOST], 1);
    assert_int_equal(s->total.pupils, 2);
    /* Each school's workbook, its state, academie.xlsx and the lock. */
    assert_int_equal(support_count_files(dir), 6);
    support_remove_dir(dir);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_run_writes_workbook_and_state_and_tallies),
        TEST(test_run_second_time_compares_with_the_first),
        TEST(test_run_reads_a_file_given_twice_once),
        TEST(test_run_into_missing_folder_writes_nothing),
        TEST(test_run_never_writes_over_an_input),
        TEST(test_run_unreadable_input_leaves_nothing_beside),
        TEST(test_run_by_school_one_workbook_each_and_academie),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
