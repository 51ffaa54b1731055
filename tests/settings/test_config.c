/*
 * test_config.c - unit tests of config.c: reading the configuration file of
 * scheduled runs into the settings, filling the command line's gaps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "stagecheck/settings/config.h"
#include "../support.h"

#define MAX_MADE 32

/* Every test works in its own temporary folder; what it creates there is
 * listed so that teardown can remove it, last made first. */
typedef struct fixture {
    char dir[64];
    char *made[MAX_MADE];
    size_t nmade;
    char *path;         /* the last configuration file written */
    char cwd[4096];     /* restored in teardown if a test moved */
    sc_settings settings; /* the command line's, then the file's */
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_config") != 0 ||
        !getcwd(f->cwd, sizeof f->cwd)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    int failed = chdir(f->cwd) != 0;

    sc_settings_free(&f->settings);
    while (f->nmade > 0) {
        char *made = f->made[--f->nmade];
        failed |= remove(made) != 0;
        free(made);
    }
    failed |= rmdir(f->dir) != 0;
    free(f);
    return failed ? -1 : 0;
}

/* Returns the path of name inside the test folder; the fixture frees it.
 * A test may write the same file twice: it is listed once. */
static char *fixture_path(fixture *f, const char *name)
{
    char *path;

    assert_true(asprintf(&path, "%s/%s", f->dir, name) > 0);
    for (size_t i = 0; i < f->nmade; i++)
        if (strcmp(f->made[i], path) == 0) {
            free(path);
            return f->made[i];
        }
    assert_true(f->nmade < MAX_MADE);
    f->made[f->nmade++] = path;
    return path;
}

static void make_dir(fixture *f, const char *name)
{
    assert_int_equal(mkdir(fixture_path(f, name), 0700), 0);
}

static char *write_file(fixture *f, const char *name, const char *text)
{
    char *path = fixture_path(f, name);
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* Reads the file at path as --config names it: into f->settings, where
 * the command line may have set values already. */
static sc_error read_config(fixture *f, const char *path)
{
    if (!f->settings.config) {
        f->settings.config = strdup(path);
        assert_non_null(f->settings.config);
    }
    sc_diag_clear(&f->diag);
    return sc_config_read(&f->settings, f->settings.config, &f->diag);
}

/* Writes the configuration file name with text and reads it. */
static sc_error read_ini(fixture *f, const char *name, const char *text)
{
    f->path = write_file(f, name, text);
    return read_config(f, f->path);
}

/* Expects the text, read as stagecheck.ini, to stop the run on line with a
 * message holding fragment. */
#define assert_config_error(f, text, line_, fragment) \
    do { \
        assert_int_equal(read_ini((f), "stagecheck.ini", (text)), \
                         SC_ERROR_CONFIG); \
        assert_string_equal((f)->diag.file, (f)->path); \
        assert_int_equal((f)->diag.line, (line_)); \
        assert_non_null(strstr((f)->diag.message, (fragment))); \
    } while (0)

/* Expects string s to be the test folder followed by rest. */
#define assert_in_dir(f, s, rest) \
    do { \
        char *expected_; \
        assert_true(asprintf(&expected_, "%s/%s", (f)->dir, (rest)) > 0); \
        assert_string_equal((s), expected_); \
        free(expected_); \
    } while (0)

#define D(y, m, d) sc_date_make((y), (m), (d))

static void test_config_reads_every_key(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\n"
                              "roll = siecle.csv\n"
                              "placements = stages.csv\n"
                              "output = suivi.xlsx\n"
                              "period = 2024-06-17:2024-06-28\n"
                              "as-of = 2024-05-27\n"
                              "deadline = 2024-06-07\n"
                              "classes = 2*\n"
                              "wait = 60\n"
                              "jobs = 3\n"
                              "[colonnes]\n"
                              "Classe = DIVISION ACTUELLE\n"),
                     SC_OK);
    assert_string_equal(f->settings.config, f->path);
    assert_int_equal(f->settings.nrolls, 1);
    assert_in_dir(f, f->settings.rolls[0], "siecle.csv");
    assert_int_equal(f->settings.nplacements, 1);
    assert_in_dir(f, f->settings.placements[0], "stages.csv");
    assert_in_dir(f, f->settings.output, "suivi.xlsx");
    assert_int_equal(f->settings.has_period, 1);
    assert_int_equal(f->settings.period.start, D(2024, 6, 17));
    assert_int_equal(f->settings.period.end, D(2024, 6, 28));
    assert_int_equal(f->settings.has_as_of, 1);
    assert_int_equal(f->settings.as_of, D(2024, 5, 27));
    assert_int_equal(f->settings.has_deadline, 1);
    assert_int_equal(f->settings.deadline, D(2024, 6, 7));
    assert_string_equal(f->settings.classes, "2*");
    assert_int_equal(f->settings.has_wait, 1);
    assert_int_equal(f->settings.wait, 60);
    assert_int_equal(f->settings.has_jobs, 1);
    assert_int_equal(f->settings.jobs, 3);
    assert_int_equal(f->settings.aliases.count, 1);
}

static void test_config_absent_keys_stay_unset(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\nroll = a.csv\n"),
                     SC_OK);
    assert_int_equal(f->settings.nplacements, 0);
    assert_null(f->settings.output);
    assert_null(f->settings.classes);
    assert_int_equal(f->settings.has_period, 0);
    assert_int_equal(f->settings.has_as_of, 0);
    assert_int_equal(f->settings.has_deadline, 0);
    assert_int_equal(f->settings.has_wait, 0);
    assert_int_equal(f->settings.aliases.count, 0);
}

static void test_config_names_ignore_case_and_inline_comments(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "; comment\n"
                              "# comment too\n"
                              "[StageCheck]\n"
                              "ROLL = a.csv ; the SIECLE export\n"
                              "As-Of = 2024-05-27\n"
                              "\n"
                              "[COLONNES]\n"
                              "nom = PATRONYME\n"),
                     SC_OK);
    assert_int_equal(f->settings.nrolls, 1);
    assert_in_dir(f, f->settings.rolls[0], "a.csv");
    assert_int_equal(f->settings.as_of, D(2024, 5, 27));
    assert_int_equal(f->settings.aliases.count, 1);
}

static void test_config_repeated_scalar_key_last_wins(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\n"
                              "output = first.xlsx\n"
                              "deadline = 2024-06-01\n"
                              "classes = 1*\n"
                              "wait = 5\n"
                              "output = second.xlsx\n"
                              "deadline = 2024-06-07\n"
                              "classes = 2*\n"
                              "wait = 0\n"),
                     SC_OK);
    assert_in_dir(f, f->settings.output, "second.xlsx");
    assert_int_equal(f->settings.deadline, D(2024, 6, 7));
    assert_string_equal(f->settings.classes, "2*");
    assert_int_equal(f->settings.wait, 0);
}

static void test_config_roll_keys_repeat_and_globs_expand_sorted(void **state)
{
    fixture *f = *state;

    make_dir(f, "exports");
    /* Written out of order: glob(3) must sort them. */
    write_file(f, "exports/siecle-b.csv", "");
    write_file(f, "exports/siecle-a.csv", "");
    write_file(f, "exports/stages.csv", "");
    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\n"
                              "roll = pronote.csv\n"
                              "roll = exports/siecle-*.csv\n"
                              "placements = exports/stages.csv\n"
                              "placements = exports/st?ges.csv\n"),
                     SC_OK);
    assert_int_equal(f->settings.nrolls, 3);
    assert_in_dir(f, f->settings.rolls[0], "pronote.csv");
    assert_in_dir(f, f->settings.rolls[1], "exports/siecle-a.csv");
    assert_in_dir(f, f->settings.rolls[2], "exports/siecle-b.csv");
    assert_int_equal(f->settings.nplacements, 2);
    assert_in_dir(f, f->settings.placements[0], "exports/stages.csv");
    assert_in_dir(f, f->settings.placements[1], "exports/stages.csv");
}

static void test_config_name_with_brackets_that_exists_is_literal(void **state)
{
    fixture *f = *state;

    write_file(f, "stages [2024].csv", "");
    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\nplacements = stages [2024].csv\n"),
                     SC_OK);
    assert_int_equal(f->settings.nplacements, 1);
    assert_in_dir(f, f->settings.placements[0], "stages [2024].csv");
}

static void test_config_relative_paths_start_at_the_file_folder(void **state)
{
    fixture *f = *state;

    make_dir(f, "etc");
    assert_int_equal(read_ini(f, "etc/stagecheck.ini",
                              "[stagecheck]\n"
                              "roll = ../exports/siecle.csv\n"
                              "placements = /srv/stages/stages.csv\n"
                              "output = suivi.xlsx\n"),
                     SC_OK);
    assert_in_dir(f, f->settings.rolls[0], "etc/../exports/siecle.csv");
    assert_string_equal(f->settings.placements[0], "/srv/stages/stages.csv");
    assert_in_dir(f, f->settings.output, "etc/suivi.xlsx");
}

static void test_config_in_current_folder_joins_dot(void **state)
{
    fixture *f = *state;

    write_file(f, "stagecheck.ini", "[stagecheck]\nroll = siecle.csv\n");
    assert_int_equal(chdir(f->dir), 0);
    assert_int_equal(read_config(f, "stagecheck.ini"), SC_OK);
    assert_string_equal(f->settings.config, "stagecheck.ini");
    assert_string_equal(f->settings.rolls[0], "./siecle.csv");
}

static void test_config_missing_plain_path_is_kept(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\nroll = absent.csv\n"),
                     SC_OK);
    assert_int_equal(f->settings.nrolls, 1);
    assert_in_dir(f, f->settings.rolls[0], "absent.csv");
}

static void test_config_glob_matching_nothing_is_error_on_its_line(void **state)
{
    fixture *f = *state;

    assert_config_error(f,
                        "[stagecheck]\n"
                        "roll = a.csv\n"
                        "\n"
                        "roll = exports/*.csv\n",
                        4, "aucun fichier ne correspond à");
    assert_non_null(strstr(f->diag.message, "exports/*.csv"));
}

static void test_config_unknown_section_is_error_on_its_first_key(void **state)
{
    fixture *f = *state;

    /* libinih calls the handler for keys only, not for section lines. */
    assert_config_error(f,
                        "[stagecheck]\n"
                        "roll = a.csv\n"
                        "[options]\n"
                        "wait = 10\n",
                        4, "section inconnue [options]");
}

static void test_config_key_before_any_section_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "roll = a.csv\n[stagecheck]\n", 1,
                        "avant toute section");
}

static void test_config_unknown_key_is_error_on_its_line(void **state)
{
    fixture *f = *state;

    assert_config_error(f,
                        "[stagecheck]\n"
                        "roll = a.csv\n"
                        "sortie = suivi.xlsx\n",
                        3, "clé inconnue « sortie »");
}

static void test_config_empty_value_is_error_naming_key(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\noutput =\n", 2,
                        "output : valeur manquante");
}

static void test_config_bad_date_is_error_naming_key_and_form(void **state)
{
    fixture *f = *state;

    assert_config_error(f,
                        "[stagecheck]\n"
                        "as-of = 2024-05-27\n"
                        "deadline = 07/06/2024\n",
                        3, "deadline = 07/06/2024 : attendu une date AAAA-MM-JJ");
}

static void test_config_jobs_of_zero_negative_or_words_is_error(
    void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\njobs = 0\n", 2,
                        "jobs = 0 : attendu un nombre entier de classeurs à "
                        "écrire à la fois, de 1 à 256");
    assert_config_error(f, "[stagecheck]\n\njobs = -1\n", 3, "jobs = -1");
    assert_config_error(f, "[stagecheck]\njobs = abc\n", 2, "jobs = abc");
    assert_config_error(f, "[stagecheck]\njobs = 1\njobs = 2x\n", 3,
                        "jobs = 2x");
}

static void test_config_impossible_date_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\nas-of = 2024-02-30\n", 2,
                        "as-of = 2024-02-30");
}

static void test_config_period_without_colon_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\nperiod = 2024-06-17\n", 2,
                        "attendu AAAA-MM-JJ:AAAA-MM-JJ");
}

static void test_config_period_ending_before_start_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f,
                        "[stagecheck]\n"
                        "\n"
                        "period = 2024-06-28:2024-06-17\n",
                        3, "la date de début est après la date de fin");
}

static void test_config_period_of_weekend_only_is_error(void **state)
{
    fixture *f = *state;

    /* 2024-06-22 and 23 are a Saturday and a Sunday. */
    assert_config_error(f, "[stagecheck]\nperiod = 2024-06-22:2024-06-23\n",
                        2, "jours ouvrés");
}

static void test_config_wait_above_an_hour_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\nwait = 3601\n", 2,
                        "wait = 3601 : attendu un nombre entier de secondes");
}

static void test_config_wait_not_a_number_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\nwait = -1\n", 2, "wait = -1");
    sc_settings_free(&f->settings);
    assert_config_error(f, "[stagecheck]\nwait = 60s\n", 2, "wait = 60s");
    sc_settings_free(&f->settings);
    assert_config_error(f, "[stagecheck]\nwait = 3600\nwait = 1.5\n", 3,
                        "wait = 1.5");
}

static void test_config_unknown_column_is_error(void **state)
{
    fixture *f = *state;

    assert_config_error(f,
                        "[stagecheck]\n"
                        "roll = a.csv\n"
                        "[colonnes]\n"
                        "Nom = PATRONYME\n"
                        "Surnom = SURNOM\n",
                        5, "colonne inconnue « Surnom » : utilisez un titre "
                           "reconnu");
}

static void test_config_column_value_without_letters_is_error(void **state)
{
    fixture *f = *state;

    /* It would name every empty header cell. */
    assert_config_error(f, "[colonnes]\nNom = --\n", 2, "Nom = --");
}

static void test_config_line_without_equals_is_error(void **state)
{
    fixture *f = *state;

    /* libinih finds this one, before the unknown key that we find. */
    assert_config_error(f, "[stagecheck]\nroll a.csv\ncouleur = bleu\n", 2,
                        "ligne illisible");
}

static void test_config_first_error_is_reported(void **state)
{
    fixture *f = *state;

    assert_config_error(f,
                        "[stagecheck]\n"
                        "wait = jamais\n"
                        "couleur = bleu\n"
                        "garbage\n",
                        2, "wait = jamais");
}

static void test_config_overlong_line_is_error_and_keeps_numbering(void **state)
{
    fixture *f = *state;
    char text[1024];
    char name[400];

    /* Longer than libinih's line buffer: cut silently, the rest of it would
     * be read as a line of its own and every later line numbered wrong. */
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    snprintf(text, sizeof text,
             "[stagecheck]\n"
             "wait = 1\n"
             "roll = %s.csv\n"
             "wait = 2\n", name);
    assert_config_error(f, text, 3, "ligne trop longue");

    sc_settings_free(&f->settings);
    snprintf(text, sizeof text,
             "[stagecheck]\n"
             "; %s\n"
             "classes = 2*\n"
             "couleur = bleu\n", name);
    assert_config_error(f, text, 2, "ligne trop longue");
}

static void test_config_missing_file_is_file_open_error(void **state)
{
    fixture *f = *state;
    char *path;

    assert_true(asprintf(&path, "%s/absent.ini", f->dir) > 0);
    assert_int_equal(read_config(f, path), SC_ERROR_FILE_OPEN);
    assert_string_equal(f->diag.file, path);
    assert_int_equal(f->diag.line, 0);
    assert_non_null(strstr(f->diag.message, "impossible d'ouvrir"));
    free(path);
}

static void test_config_error_leaves_settings_as_they_were(void **state)
{
    fixture *f = *state;

    assert_config_error(f, "[stagecheck]\nroll = a.csv\nwait = x\n", 3,
                        "wait = x");
    assert_string_equal(f->settings.config, f->path);
    assert_null(f->settings.rolls);
    assert_int_equal(f->settings.nrolls, 0);
}

static void test_config_columns_map_export_header_to_field(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_header_field("PATRONYME"), SC_FIELD_COUNT);
    assert_int_equal(sc_header_field("DEBUT DU STAGE"), SC_FIELD_COUNT);
    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[colonnes]\n"
                              "Nom = NOM DE L'ELEVE\n"
                              "nom de famille = PATRONYME\n"
                              "Date de début = DEBUT DU STAGE\n"
                              "N° INE = Numéro national\n"),
                     SC_OK);
    assert_int_equal(sc_header_field_with("NOM DE L'ELEVE", &f->settings.aliases),
                     SC_FIELD_SURNAME);
    assert_int_equal(sc_header_field_with("Patronyme", &f->settings.aliases),
                     SC_FIELD_SURNAME);
    assert_int_equal(sc_header_field_with("début du stage",
                                          &f->settings.aliases),
                     SC_FIELD_START);
    assert_int_equal(sc_header_field_with("NUMERO NATIONAL",
                                          &f->settings.aliases),
                     SC_FIELD_INE);
}

static void test_config_sample_file_parses(void **state)
{
    fixture *f = *state;

    /* Tests run from the top of the tree (make unit). */
    assert_int_equal(read_config(f, "samples/stagecheck.ini"), SC_OK);
    assert_int_equal(f->settings.nrolls, 2);
    assert_string_equal(f->settings.rolls[0], "samples/eleves-siecle.csv");
    assert_string_equal(f->settings.rolls[1], "samples/eleves-pronote.csv");
    assert_int_equal(f->settings.nplacements, 1);
    assert_string_equal(f->settings.placements[0], "samples/stages.csv");
    assert_string_equal(f->settings.output, "samples/../out/suivi-stages.xlsx");
    assert_string_equal(f->settings.classes, "2*");
    assert_int_equal(f->settings.has_as_of, 0);
    assert_int_equal(f->settings.has_period, 0);
    assert_int_equal(f->settings.deadline, D(2024, 6, 7));
    assert_int_equal(f->settings.wait, 60);
}

/* Reads a file setting every key, for the precedence tests. */
static void read_full_config(fixture *f)
{
    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\n"
                              "roll = siecle.csv\n"
                              "roll = pronote.csv\n"
                              "placements = stages.csv\n"
                              "output = suivi.xlsx\n"
                              "period = 2024-06-17:2024-06-28\n"
                              "as-of = 2024-05-27\n"
                              "deadline = 2024-06-07\n"
                              "classes = 2*\n"
                              "wait = 60\n"),
                     SC_OK);
}

static void test_config_fills_what_command_line_left_unset(void **state)
{
    fixture *f = *state;

    read_full_config(f);
    assert_int_equal(f->settings.nrolls, 2);
    assert_in_dir(f, f->settings.rolls[0], "siecle.csv");
    assert_in_dir(f, f->settings.rolls[1], "pronote.csv");
    assert_int_equal(f->settings.nplacements, 1);
    assert_in_dir(f, f->settings.placements[0], "stages.csv");
    assert_in_dir(f, f->settings.output, "suivi.xlsx");
    assert_string_equal(f->settings.classes, "2*");
    assert_int_equal(f->settings.has_period, 1);
    assert_int_equal(f->settings.period.start, D(2024, 6, 17));
    assert_int_equal(f->settings.period.end, D(2024, 6, 28));
    assert_int_equal(f->settings.has_as_of, 1);
    assert_int_equal(f->settings.as_of, D(2024, 5, 27));
    assert_int_equal(f->settings.has_deadline, 1);
    assert_int_equal(f->settings.deadline, D(2024, 6, 7));
    assert_int_equal(f->settings.has_wait, 1);
    assert_int_equal(f->settings.wait, 60);
}

/* Sets *slot to a copy of text, as the command line does. */
static void cli_set(char **slot, const char *text)
{
    *slot = strdup(text);
    assert_non_null(*slot);
}

static void test_config_command_line_wins(void **state)
{
    fixture *f = *state;
    sc_settings *s = &f->settings;

    s->rolls = malloc(sizeof *s->rolls);
    assert_non_null(s->rolls);
    cli_set(&s->rolls[0], "cli-roll.csv");
    s->nrolls = 1;
    cli_set(&s->output, "cli.xlsx");
    cli_set(&s->classes, "2NDE 1");
    s->has_period = 1;
    assert_int_equal(sc_settings_parse_period("2025-06-16:2025-06-27",
                                              &s->period),
                     SC_SETTINGS_VALID);
    s->has_as_of = 1;
    s->as_of = D(2025, 5, 1);
    s->has_deadline = 1;
    s->deadline = D(2025, 6, 2);
    s->has_wait = 1;
    s->wait = 0;

    read_full_config(f);
    /* Rolls from the command line replace the file's, not add to them. */
    assert_int_equal(s->nrolls, 1);
    assert_string_equal(s->rolls[0], "cli-roll.csv");
    /* The placements were not given: they come from the file. */
    assert_int_equal(s->nplacements, 1);
    assert_in_dir(f, s->placements[0], "stages.csv");
    assert_string_equal(s->output, "cli.xlsx");
    assert_string_equal(s->classes, "2NDE 1");
    assert_int_equal(s->period.start, D(2025, 6, 16));
    assert_int_equal(s->period.end, D(2025, 6, 27));
    assert_int_equal(s->as_of, D(2025, 5, 1));
    assert_int_equal(s->deadline, D(2025, 6, 2));
    assert_int_equal(s->wait, 0);
}

static void test_config_by_school_on_command_line_replaces_output(
    void **state)
{
    fixture *f = *state;

    cli_set(&f->settings.by_school, "classeurs");
    read_full_config(f);
    assert_string_equal(f->settings.by_school, "classeurs");
    assert_null(f->settings.output);
}

static void test_config_leaves_unset_what_file_lacks(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\nroll = a.csv\n"),
                     SC_OK);
    assert_int_equal(f->settings.nrolls, 1);
    assert_int_equal(f->settings.nplacements, 0);
    assert_null(f->settings.placements);
    assert_null(f->settings.output);
    assert_null(f->settings.classes);
    assert_int_equal(f->settings.has_period, 0);
    assert_int_equal(f->settings.has_as_of, 0);
    assert_int_equal(f->settings.has_deadline, 0);
    assert_int_equal(f->settings.has_wait, 0);
}

static void test_config_wait_accepts_what_command_line_accepts(void **state)
{
    fixture *f = *state;

    /* One validator for both sources: --wait +5 runs, so does this. */
    assert_int_equal(read_ini(f, "stagecheck.ini", "[stagecheck]\nwait = +5\n"),
                     SC_OK);
    assert_int_equal(f->settings.wait, 5);
    sc_settings_free(&f->settings);
    assert_int_equal(read_ini(f, "stagecheck.ini",
                              "[stagecheck]\nwait = 00060\n"),
                     SC_OK);
    assert_int_equal(f->settings.wait, 60);
    sc_settings_free(&f->settings);
    assert_int_equal(read_ini(f, "stagecheck.ini", "[stagecheck]\nwait = -0\n"),
                     SC_OK);
    assert_int_equal(f->settings.wait, 0);
    assert_true(f->settings.has_wait);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_config_reads_every_key),
        TEST(test_config_absent_keys_stay_unset),
        TEST(test_config_names_ignore_case_and_inline_comments),
        TEST(test_config_repeated_scalar_key_last_wins),
        TEST(test_config_roll_keys_repeat_and_globs_expand_sorted),
        TEST(test_config_name_with_brackets_that_exists_is_literal),
        TEST(test_config_relative_paths_start_at_the_file_folder),
        TEST(test_config_in_current_folder_joins_dot),
        TEST(test_config_missing_plain_path_is_kept),
        TEST(test_config_glob_matching_nothing_is_error_on_its_line),
        TEST(test_config_unknown_section_is_error_on_its_first_key),
        TEST(test_config_key_before_any_section_is_error),
        TEST(test_config_unknown_key_is_error_on_its_line),
        TEST(test_config_empty_value_is_error_naming_key),
        TEST(test_config_bad_date_is_error_naming_key_and_form),
        TEST(test_config_jobs_of_zero_negative_or_words_is_error),
        TEST(test_config_impossible_date_is_error),
        TEST(test_config_period_without_colon_is_error),
        TEST(test_config_period_ending_before_start_is_error),
        TEST(test_config_period_of_weekend_only_is_error),
        TEST(test_config_wait_above_an_hour_is_error),
        TEST(test_config_wait_not_a_number_is_error),
        TEST(test_config_unknown_column_is_error),
        TEST(test_config_column_value_without_letters_is_error),
        TEST(test_config_line_without_equals_is_error),
        TEST(test_config_first_error_is_reported),
        TEST(test_config_overlong_line_is_error_and_keeps_numbering),
        TEST(test_config_missing_file_is_file_open_error),
        TEST(test_config_error_leaves_settings_as_they_were),
        TEST(test_config_columns_map_export_header_to_field),
        TEST(test_config_sample_file_parses),
        TEST(test_config_fills_what_command_line_left_unset),
        TEST(test_config_command_line_wins),
        TEST(test_config_by_school_on_command_line_replaces_output),
        TEST(test_config_leaves_unset_what_file_lacks),
        TEST(test_config_wait_accepts_what_command_line_accepts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
