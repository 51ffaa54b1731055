/*
 * test_cli.c - unit tests of cli.c: parsing the command line.
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
    sc_options opts;
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

    sc_options_free(&f->opts);
    free(f);
    return 0;
}

/* Parses "stagecheck" followed by the NULL-terminated arguments. */
static sc_error parse_args(fixture *f, ...)
{
    va_list ap;
    const char *arg;

    sc_options_free(&f->opts);
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
    return sc_options_parse(&f->opts, f->argc, f->argv, &f->diag);
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

static void test_options_parse_reads_every_option(void **state)
{
    fixture *f = *state;
    sc_options *o = &f->opts;

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
    assert_int_equal(o->period_start, sc_date_make(2024, 6, 17));
    assert_int_equal(o->period_end, sc_date_make(2024, 6, 28));
    assert_true(o->has_as_of);
    assert_int_equal(o->as_of, sc_date_make(2024, 5, 27));
    assert_string_equal(o->classes, "2*");
    assert_false(o->help);
    assert_false(o->version);
}

static void test_options_parse_optional_options_default_to_absent(void **state)
{
    fixture *f = *state;
    sc_options *o = &f->opts;

    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_int_equal(o->nrolls, 1);
    assert_int_equal(o->nplacements, 1);
    assert_string_equal(o->output, "suivi.xlsx");
    assert_false(o->has_period);
    assert_false(o->has_as_of);
    assert_null(o->classes);
}

static void test_options_parse_reads_long_and_attached_forms(void **state)
{
    fixture *f = *state;
    sc_options *o = &f->opts;

    assert_int_equal(PARSE(f, "--roll=eleves.csv", "--placements=stages.csv",
                           "--output=sortie.xlsx", "--period=2024-06-17:2024-06-21"),
                     SC_OK);
    assert_string_equal(o->rolls[0], "eleves.csv");
    assert_string_equal(o->placements[0], "stages.csv");
    assert_string_equal(o->output, "sortie.xlsx");
    assert_int_equal(o->period_end, sc_date_make(2024, 6, 21));
}

static void test_options_parse_a_one_day_period(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED, "--period", "2024-06-17:2024-06-17"),
                     SC_OK);
    assert_int_equal(f->opts.period_start, f->opts.period_end);
}

static void test_options_parse_without_roll_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--placements", "stages.csv", "-o", "x.xlsx"),
                       "--roll");
    assert_non_null(strstr(f->diag.message, "il faut"));
}

static void test_options_parse_without_output_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--roll", "eleves.csv", "--placements",
                                "stages.csv"),
                       "-o");
}

static void test_options_parse_without_placements_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, "--roll", "eleves.csv", "-o", "x.xlsx"),
                       "--placements");
}

static void test_options_parse_without_arguments_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE_NONE(f), SC_ERROR_USAGE);
    assert_true(f->diag.message[0] != '\0');
}

static void test_options_parse_period_needs_two_dates(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "2024-06-17"),
                       "--period");
    assert_false(f->opts.has_period);
}

static void test_options_parse_period_start_after_end_is_usage_error(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "2024-06-28:2024-06-17"),
                       "--period");
    assert_false(f->opts.has_period);
}

static void test_options_parse_period_in_french_form_is_usage_error(
    void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--period", "17/06/2024:28/06/2024"),
                       "AAAA-MM-JJ");
}

static void test_options_parse_period_impossible_date_is_usage_error(
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

static void test_options_parse_bad_as_of_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--as-of", "27/05/2024"),
                       "--as-of");
    assert_false(f->opts.has_as_of);
    assert_usage_error(f, PARSE(f, REQUIRED, "--as-of", "2024-05-32"),
                       "--as-of");
    assert_usage_error(f, PARSE(f, REQUIRED, "--as-of", "demain"), "--as-of");
}

static void test_options_parse_unknown_option_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "--verbose"), "--verbose");
}

static void test_options_parse_option_without_value_is_usage_error(
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

static void test_options_parse_stray_argument_is_usage_error(void **state)
{
    fixture *f = *state;

    assert_usage_error(f, PARSE(f, REQUIRED, "autre.csv"), "autre.csv");
}

static void test_options_parse_help_sets_flag(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--help"), SC_OK);
    assert_true(f->opts.help);
    assert_false(f->opts.version);
    assert_int_equal(PARSE(f, "-h"), SC_OK);
    assert_true(f->opts.help);
}

static void test_options_parse_version_sets_flag(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--version"), SC_OK);
    assert_true(f->opts.version);
    assert_false(f->opts.help);
    assert_int_equal(PARSE(f, "-V"), SC_OK);
    assert_true(f->opts.version);
}

static void test_options_parse_each_call_starts_afresh(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "--roll", "a.csv", "--classes", "2*", REQUIRED),
                     SC_OK);
    assert_int_equal(f->opts.nrolls, 2);
    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_int_equal(f->opts.nrolls, 1);
    assert_null(f->opts.classes);
}

/* Contract: sc_options_parse parses the argv it is given. A previous call
 * that stopped inside a cluster of short options ("-hV" stops at -h) must
 * not leak its rest into the next call. */
static void test_options_parse_ignores_rest_of_previous_argv(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, "-hV"), SC_OK);
    assert_true(f->opts.help);
    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_false(f->opts.version);
    assert_int_equal(f->opts.nrolls, 1);
    assert_string_equal(f->opts.output, "suivi.xlsx");
}

static void test_options_free_accepts_zeroed_and_null(void **state)
{
    sc_options opts;

    (void)state;
    memset(&opts, 0, sizeof opts);
    sc_options_free(&opts);
    sc_options_free(&opts);
    sc_options_free(NULL);
    assert_null(opts.rolls);
}

static void test_options_free_releases_lists(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, REQUIRED), SC_OK);
    assert_non_null(f->opts.rolls);
    sc_options_free(&f->opts);
    assert_null(f->opts.rolls);
    assert_null(f->opts.placements);
}

static void test_options_usage_lists_options_in_french(void **state)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    (void)state;
    assert_non_null(out);
    sc_options_usage(out);
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
        TEST(test_options_parse_reads_every_option),
        TEST(test_options_parse_optional_options_default_to_absent),
        TEST(test_options_parse_reads_long_and_attached_forms),
        TEST(test_options_parse_a_one_day_period),
        TEST(test_options_parse_without_roll_is_usage_error),
        TEST(test_options_parse_without_output_is_usage_error),
        TEST(test_options_parse_without_placements_is_usage_error),
        TEST(test_options_parse_without_arguments_is_usage_error),
        TEST(test_options_parse_period_needs_two_dates),
        TEST(test_options_parse_period_start_after_end_is_usage_error),
        TEST(test_options_parse_period_in_french_form_is_usage_error),
        TEST(test_options_parse_period_impossible_date_is_usage_error),
        TEST(test_options_parse_bad_as_of_is_usage_error),
        TEST(test_options_parse_unknown_option_is_usage_error),
        TEST(test_options_parse_option_without_value_is_usage_error),
        TEST(test_options_parse_stray_argument_is_usage_error),
        TEST(test_options_parse_help_sets_flag),
        TEST(test_options_parse_version_sets_flag),
        TEST(test_options_parse_each_call_starts_afresh),
        TEST(test_options_free_accepts_zeroed_and_null),
        TEST(test_options_free_releases_lists),
        TEST(test_options_usage_lists_options_in_french),
        /* Last: when it fails, getopt's state is left behind. */
        TEST(test_options_parse_ignores_rest_of_previous_argv),
    };

    return cmocka_run_group_tests(tests, NULL, group_teardown);
}
