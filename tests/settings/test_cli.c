/*
 * test_cli.c - unit tests of cli.c: the command line into the settings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/settings/cli.h"

/* getopt keeps a pointer into the last argv it read until the next call, so
 * the argument strings of every test live until the whole group ends. */
typedef struct arg_pool {
    char **strings;
    size_t count;
} arg_pool;

static arg_pool pool;

static int group_teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < pool.count; i++)
        free(pool.strings[i]);
    free(pool.strings);
    memset(&pool, 0, sizeof pool);
    return 0;
}

static char *pool_strdup(const char *s)
{
    char **strings = realloc(pool.strings, (pool.count + 1) * sizeof *strings);
    char *copy;

    assert_non_null(strings);
    pool.strings = strings;
    copy = strdup(s);
    assert_non_null(copy);
    pool.strings[pool.count++] = copy;
    return copy;
}

typedef struct fixture {
    sc_settings settings;
    sc_diag diag;
    char *argv[32];
    int argc;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_settings_free(&f->settings);
    free(f);
    return 0;
}

/* Parses "stagecheck" followed by the NULL-terminated arguments. */
static sc_error parse_args(fixture *f, ...)
{
    va_list ap;
    const char *arg;

    sc_settings_free(&f->settings);
    sc_diag_clear(&f->diag);
    f->argc = 0;
    f->argv[f->argc++] = pool_strdup("stagecheck");
    va_start(ap, f);
    while ((arg = va_arg(ap, const char *)) != NULL) {
        assert_true(f->argc < 31);
        f->argv[f->argc++] = pool_strdup(arg);
    }
    va_end(ap);
    f->argv[f->argc] = NULL;
    return sc_cli_parse(&f->settings, f->argc, f->argv, &f->diag);
}

#define PARSE(f, ...) parse_args((f), __VA_ARGS__, (const char *)NULL)
#define PARSE_NONE(f) parse_args((f), (const char *)NULL)

/* The arguments every run needs, for tests about the others. */
#define REQUIRED "--roll", "eleves.csv", "--placements", "stages.csv", \
                 "-o", "suivi.xlsx"

#define assert_usage_error(f, err, needle) \
    do { \
        assert_int_equal((err), SC_ERROR_USAGE); \
        assert_true((f)->diag.message[0] != '\0'); \
        assert_non_null(strstr((f)->diag.message, (needle))); \
    } while (0)

static void test_cli_parse_reads_every_option(void **state)
{
    fixture *f = *state;
    sc_settings *o = &f->settings;

    assert_int_equal(PARSE(f, "--roll", "siecle.csv", "--placements", "s1.csv",
                           "-o", "out.xlsx", "--roll", "pronote.csv",
                           "--placements", "s2.csv",
                           "--period", "2024-06-17:2024-06-28",
                           "--as-of", "2024-05-27", "--classes", "2*"),
                     SC_OK);
    assert_int_equal(o->nrolls, 2);
    assert_string_equal(o->rolls[0], "siecle.csv");
    assert_string_equal(o->rolls[1], "pronote.csv");
    assert_int_equal(o->nplacements, 2);
    assert_string_equal(o->placements[0], "s1.csv");
    assert_string_equal(o->placements[1], "s2.csv");
    assert_string_equal(o->output, "out.xlsx");
    assert_true(o->has_period);
    assert_int_equal(o->period.start, sc_date_make(2024, 6, 17));
    assert_int_equal(o->period.end, sc_date_make(2024, 6, 28));
    assert_true(o->has_as_of);
    assert_int_equal(o->as_of, sc_date_make(2024, 5, 27));
    assert_string_equal(o->classes, "2*");
    assert_false(o->help);
    assert_false(o->version);
}

static void test_cli_parse_optional_options_default_to_absent(void **state)
{
    fixture *f = *state;
    sc_settings *o = &f->settings;

    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_int_equal(o->nrolls, 1);
    assert_int_equal(o->nplacements, 1);
    assert_string_equal(o->output, "suivi.xlsx");
    assert_false(o->has_period);
    assert_false(o->has_as_of);
    assert_null(o->classes);
}

static void test_cli_parse_reads_long_and_attached_forms(void **state)
{
    fixture *f = *state;
    sc_settings *o = &f->settings;

    assert_int_equal(PARSE(f, "--roll=eleves.csv", "--placements=stages.csv",
                           "--output=sortie.xlsx", "--period=2024-06-17:2024-06-21"),
                     SC_OK);
    assert_string_equal(o->rolls[0], "eleves.csv");
    assert_string_equal(o->placements[0], "stages.csv");
    assert_string_equal(o->output, "sortie.xlsx");
    assert_int_equal(o->period.end, sc_date_make(2024, 6, 21));
}

static void test_cli_parse_a_one_day_period(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "--period", "2024-06-17:2024-06-17"),
                     SC_OK);
    assert_int_equal(f->settings.period.start, f->settings.period.end);
}

static void test_cli_parse_without_roll_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--placements", "stages.csv", "-o", "x.xlsx"),
                       "--roll");
    assert_non_null(strstr(f->diag.message, "il faut"));
}

static void test_cli_parse_without_output_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--roll", "eleves.csv", "--placements",
                                "stages.csv"),
                       "-o");
}

static void test_cli_parse_without_placements_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--roll", "eleves.csv", "-o", "x.xlsx"),
                       "--placements");
}

static void test_cli_parse_without_arguments_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE_NONE(f), SC_ERROR_USAGE);
    assert_true(f->diag.message[0] != '\0');
}

static void test_cli_parse_period_needs_two_dates(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "2024-06-17"),
                       "--period");
    assert_false(f->settings.has_period);
}

static void test_cli_parse_period_start_after_end_is_usage_error(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "2024-06-28:2024-06-17"),
                       "--period");
    assert_false(f->settings.has_period);
}

static void test_cli_parse_period_in_french_form_is_usage_error(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "17/06/2024:28/06/2024"),
                       "AAAA-MM-JJ");
}

static void test_cli_parse_period_impossible_date_is_usage_error(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "2024-06-17:2024-06-31"),
                       "--period");
    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "2024-06-17:"),
                       "--period");
    assert_usage_error(f, PARSE(f, REQUIRED, "--period", ":2024-06-28"),
                       "--period");
}

static void test_cli_parse_bad_as_of_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--as-of", "27/05/2024"),
                       "--as-of");
    assert_false(f->settings.has_as_of);
    assert_usage_error(f, PARSE(f, REQUIRED, "--as-of", "2024-05-32"),
                       "--as-of");
    assert_usage_error(f, PARSE(f, REQUIRED, "--as-of", "demain"), "--as-of");
}

static void test_cli_parse_unknown_option_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--verbose"), "--verbose");
}

static void test_cli_parse_option_without_value_is_usage_error(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--placements", "stages.csv", "-o", "x.xlsx",
                                "--roll"),
                       "--roll");
    assert_usage_error(f, PARSE(f, "--roll", "eleves.csv", "--placements",
                                "stages.csv", "-o"),
                       "-o");
}

/* Files named without --roll or --placements are kept, in order, for
 * the run to tell their kind; they still need a workbook to write. */
static void test_cli_parse_files_without_option_are_kept(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "autre.csv", "suivi.xlsx"), SC_OK);
    assert_int_equal(f->settings.nfiles, 2);
    assert_string_equal(f->settings.files[0], "autre.csv");
    assert_string_equal(f->settings.files[1], "suivi.xlsx");
    sc_settings_free(&f->settings);
    assert_usage_error(f, PARSE(f, "autre.csv", "suivi.xlsx"), "-o SORTIE");
    assert_usage_error(f, PARSE(f, "-o", "x.xlsx", ""), "nom de fichier vide");
}

static void test_cli_parse_help_sets_flag(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--help"), SC_OK);
    assert_true(f->settings.help);
    assert_false(f->settings.version);
    assert_int_equal(PARSE(f, "-h"), SC_OK);
    assert_true(f->settings.help);
}

static void test_cli_parse_version_sets_flag(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--version"), SC_OK);
    assert_true(f->settings.version);
    assert_false(f->settings.help);
    assert_int_equal(PARSE(f, "-V"), SC_OK);
    assert_true(f->settings.version);
}

static void test_cli_parse_each_call_starts_afresh(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--roll", "a.csv", "--classes", "2*", REQUIRED),
                     SC_OK);
    assert_int_equal(f->settings.nrolls, 2);
    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_int_equal(f->settings.nrolls, 1);
    assert_null(f->settings.classes);
}

/* Contract: sc_cli_parse parses the argv it is given. A previous call
 * that stopped inside a cluster of short options ("-hV" stops at -h) must
 * not leak its rest into the next call. */
static void test_cli_parse_ignores_rest_of_previous_argv(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "-hV"), SC_OK);
    assert_true(f->settings.help);
    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_false(f->settings.version);
    assert_int_equal(f->settings.nrolls, 1);
    assert_string_equal(f->settings.output, "suivi.xlsx");
}

static void test_cli_parse_copies_every_string(void **state)
{
    fixture *f = *state;

    /* The settings outlive argv: the file's strings and these are freed
     * alike. */
    assert_int_equal(PARSE(f, REQUIRED, "--classes", "2*", "--config",
                           "a.ini"),
                     SC_OK);
    assert_ptr_not_equal(f->settings.rolls[0], f->argv[2]);
    assert_ptr_not_equal(f->settings.output, f->argv[6]);
    assert_string_equal(f->settings.classes, "2*");
    assert_string_equal(f->settings.config, "a.ini");
}

static void test_cli_parse_repeated_output_last_wins(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "-o", "second.xlsx"), SC_OK);
    assert_string_equal(f->settings.output, "second.xlsx");
}

static void test_cli_parse_empty_value_is_usage_error_naming_option(
    void **state)
{
    fixture *f = *state;

    /* As the file refuses "output =": an empty name names no file. */
    assert_usage_error(f, PARSE(f, REQUIRED, "-o", ""),
                       "l'option -o attend une valeur");
    assert_usage_error(f, PARSE(f, REQUIRED, "--roll="),
                       "l'option --roll attend une valeur");
    assert_usage_error(f, PARSE(f, REQUIRED, "--classes", ""),
                       "l'option --classes attend une valeur");
    assert_usage_error(f, PARSE(f, "--placements", "", "--roll", "a.csv"),
                       "l'option --placements attend une valeur");
    assert_usage_error(f, PARSE(f, REQUIRED, "--by-school="),
                       "l'option --by-school attend une valeur");
    assert_usage_error(f, PARSE(f, "--config", ""),
                       "l'option --config attend une valeur");
}

static void test_cli_parse_wait_reads_seconds_with_sign(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "--wait", "+5"), SC_OK);
    assert_true(f->settings.has_wait);
    assert_int_equal(f->settings.wait, 5);
    assert_int_equal(PARSE(f, REQUIRED, "--wait", "-0"), SC_OK);
    assert_int_equal(f->settings.wait, 0);
    assert_int_equal(PARSE(f, REQUIRED, "--wait", "3600"), SC_OK);
    assert_int_equal(f->settings.wait, 3600);
}

static void test_cli_parse_jobs_reads_writers_at_once(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "-j", "1"), SC_OK);
    assert_true(f->settings.has_jobs);
    assert_int_equal(f->settings.jobs, 1);
    assert_int_equal(PARSE(f, REQUIRED, "--jobs", "4"), SC_OK);
    assert_int_equal(f->settings.jobs, 4);
    assert_int_equal(PARSE(f, REQUIRED, "-j2"), SC_OK);
    assert_int_equal(f->settings.jobs, 2);
    /* Not given: the default comes later, from the processors. */
    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_false(f->settings.has_jobs);
}

static void test_cli_parse_jobs_refuses_zero_negative_and_words(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "-j", "0"),
                       "-j 0 : nombre de classeurs à écrire à la fois "
                       "attendu, de 1 à 256");
    assert_false(f->settings.has_jobs);
    assert_usage_error(f, PARSE(f, REQUIRED, "-j", "-1"), "-j -1 : nombre");
    assert_usage_error(f, PARSE(f, REQUIRED, "--jobs", "abc"),
                       "-j abc : nombre");
    assert_usage_error(f, PARSE(f, REQUIRED, "-j", "257"), "-j 257 : nombre");
    assert_usage_error(f, PARSE(f, REQUIRED, "-j"),
                       "l'option -j attend une valeur");
}

static void test_cli_parse_wait_out_of_range_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--wait", "3601"),
                       "--wait 3601 : nombre de secondes attendu, de 0 à 3600");
    assert_false(f->settings.has_wait);
    assert_usage_error(f, PARSE(f, REQUIRED, "--wait", "-1"), "--wait -1");
    assert_usage_error(f, PARSE(f, REQUIRED, "--wait", "60s"), "--wait 60s");
    assert_usage_error(f, PARSE(f, REQUIRED, "--wait="), "--wait  :");
}

static void test_cli_parse_period_without_working_day_is_period_error(
    void **state)
{
    fixture *f = *state;

    /* 2024-06-22 and 23 are a Saturday and a Sunday. Not a usage error:
     * the run once found it, and said no more than that no workbook was
     * written. */
    assert_int_equal(PARSE(f, REQUIRED, "--period", "2024-06-22:2024-06-23"),
                     SC_ERROR_PERIOD);
    assert_string_equal(f->diag.message, "--period : la période doit compter "
                                         "entre 1 et 64 jours ouvrés");
    assert_false(f->settings.has_period);
}

static void test_cli_parse_period_is_given_with_its_working_days(
    void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "--period", "2024-06-17:2024-06-28"),
                     SC_OK);
    assert_true(f->settings.period.given);
    assert_int_equal(f->settings.period.ndays, 10);
}

static void test_cli_parse_with_config_leaves_the_check_to_later(
    void **state)
{
    fixture *f = *state;

    /* The file may give the rolls: sc_settings_check runs once it is
     * read. */
    assert_int_equal(PARSE(f, "--config", "stagecheck.ini"), SC_OK);
    assert_int_equal(f->settings.nrolls, 0);
}

static void test_cli_parse_stops_at_help(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--help", "--as-of", "demain"), SC_OK);
    assert_true(f->settings.help);
    assert_false(f->settings.has_as_of);
}

static void test_settings_free_accepts_zeroed_and_null(void **state)
{
    sc_settings settings, zero;

    (void)state;
    memset(&settings, 0, sizeof settings);
    memset(&zero, 0, sizeof zero);
    sc_settings_free(&settings);
    sc_settings_free(&settings);
    sc_settings_free(NULL);
    /* Freed twice, a zeroed struct is still exactly a zeroed struct: free
     * resets what it releases and touches nothing else. */
    assert_memory_equal(&settings, &zero, sizeof settings);
}

static void test_settings_free_releases_lists(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_non_null(f->settings.rolls);
    sc_settings_free(&f->settings);
    assert_null(f->settings.rolls);
    assert_null(f->settings.placements);
}

static void test_cli_usage_lists_options_in_french(void **state)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    (void)state;
    assert_non_null(out);
    sc_cli_usage(out);
    fclose(out);
    assert_non_null(text);
    assert_non_null(strstr(text, "Usage"));
    assert_non_null(strstr(text, "--roll"));
    assert_non_null(strstr(text, "--placements"));
    assert_non_null(strstr(text, "--period"));
    assert_non_null(strstr(text, "--as-of"));
    assert_non_null(strstr(text, "--classes"));
    assert_non_null(strstr(text, "classeur"));
    free(text);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_cli_parse_reads_every_option),
        TEST(test_cli_parse_optional_options_default_to_absent),
        TEST(test_cli_parse_reads_long_and_attached_forms),
        TEST(test_cli_parse_a_one_day_period),
        TEST(test_cli_parse_without_roll_is_usage_error),
        TEST(test_cli_parse_without_output_is_usage_error),
        TEST(test_cli_parse_without_placements_is_usage_error),
        TEST(test_cli_parse_without_arguments_is_usage_error),
        TEST(test_cli_parse_period_needs_two_dates),
        TEST(test_cli_parse_period_start_after_end_is_usage_error),
        TEST(test_cli_parse_period_in_french_form_is_usage_error),
        TEST(test_cli_parse_period_impossible_date_is_usage_error),
        TEST(test_cli_parse_bad_as_of_is_usage_error),
        TEST(test_cli_parse_unknown_option_is_usage_error),
        TEST(test_cli_parse_option_without_value_is_usage_error),
        TEST(test_cli_parse_files_without_option_are_kept),
        TEST(test_cli_parse_help_sets_flag),
        TEST(test_cli_parse_version_sets_flag),
        TEST(test_cli_parse_each_call_starts_afresh),
        TEST(test_settings_free_accepts_zeroed_and_null),
        TEST(test_settings_free_releases_lists),
        TEST(test_cli_usage_lists_options_in_french),
        TEST(test_cli_parse_copies_every_string),
        TEST(test_cli_parse_repeated_output_last_wins),
        TEST(test_cli_parse_empty_value_is_usage_error_naming_option),
        TEST(test_cli_parse_wait_reads_seconds_with_sign),
        TEST(test_cli_parse_wait_out_of_range_is_usage_error),
        TEST(test_cli_parse_jobs_reads_writers_at_once),
        TEST(test_cli_parse_jobs_refuses_zero_negative_and_words),
        TEST(test_cli_parse_period_without_working_day_is_period_error),
        TEST(test_cli_parse_period_is_given_with_its_working_days),
        TEST(test_cli_parse_with_config_leaves_the_check_to_later),
        TEST(test_cli_parse_stops_at_help),
        /* Last: when it fails, getopt's state is left behind. */
        TEST(test_cli_parse_ignores_rest_of_previous_argv),
    };

    return cmocka_run_group_tests(tests, NULL, group_teardown);
}
