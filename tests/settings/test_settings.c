/*
 * test_settings.c - unit tests of settings.c: the validators both sources
 * call, the precedence of the command line, the final check, the defaults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "stagecheck/settings/settings.h"

#define D(y, m, d) sc_date_make((y), (m), (d))

static int setup(void **state)
{
    sc_settings *s = calloc(1, sizeof *s);

    if (!s)
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    sc_settings_free(*state);
    free(*state);
    return 0;
}

/* Sets *slot to a copy of text, as a source does. */
static void set_text(char **slot, const char *text)
{
    *slot = strdup(text);
    assert_non_null(*slot);
}

/* Appends a copy of text to a list of paths. */
static void add_path(char ***list, size_t *n, const char *text)
{
    char **grown = realloc(*list, (*n + 1) * sizeof *grown);

    assert_non_null(grown);
    *list = grown;
    set_text(&grown[(*n)++], text);
}

static void test_settings_text_refuses_only_empty(void **state)
{
    (void)state;
    assert_int_equal(sc_settings_parse_text(""), SC_SETTINGS_MISSING);
    assert_int_equal(sc_settings_parse_text("a"), SC_SETTINGS_VALID);
    assert_int_equal(sc_settings_parse_text(" "), SC_SETTINGS_VALID);
}

static void test_settings_date_reads_iso_dates_that_exist(void **state)
{
    sc_date date = SC_DATE_NONE;

    (void)state;
    assert_int_equal(sc_settings_parse_date("2024-05-27", &date),
                     SC_SETTINGS_VALID);
    assert_int_equal(date, D(2024, 5, 27));
    assert_int_equal(sc_settings_parse_date("2024-02-29", &date),
                     SC_SETTINGS_VALID);
    assert_int_equal(date, D(2024, 2, 29));
}

static void test_settings_date_refuses_other_forms_untouched(void **state)
{
    sc_date date = D(2024, 1, 1);

    (void)state;
    assert_int_equal(sc_settings_parse_date("27/05/2024", &date),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_date("2023-02-29", &date),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_date("demain", &date),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_date("", &date), SC_SETTINGS_FORM);
    assert_int_equal(date, D(2024, 1, 1));
}

static void test_settings_period_reads_range_and_its_working_days(
    void **state)
{
    sc_period period;

    (void)state;
    memset(&period, 0, sizeof period);
    assert_int_equal(sc_settings_parse_period("2024-06-17:2024-06-28",
                                              &period),
                     SC_SETTINGS_VALID);
    assert_int_equal(period.start, D(2024, 6, 17));
    assert_int_equal(period.end, D(2024, 6, 28));
    assert_int_equal(period.ndays, 10);
    assert_true(period.given);
    assert_int_equal(sc_settings_parse_period("2024-06-17:2024-06-17",
                                              &period),
                     SC_SETTINGS_VALID);
    assert_int_equal(period.ndays, 1);
}

static void test_settings_period_says_what_is_wrong(void **state)
{
    sc_period period;

    (void)state;
    memset(&period, 0, sizeof period);
    assert_int_equal(sc_settings_parse_period("2024-06-17", &period),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_period("2024-06-17:2024-06-31",
                                              &period),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_period("2024-06-28:2024-06-17",
                                              &period),
                     SC_SETTINGS_REVERSED);
    /* A Saturday and a Sunday; then more days than a period holds. */
    assert_int_equal(sc_settings_parse_period("2024-06-22:2024-06-23",
                                              &period),
                     SC_SETTINGS_DAYS);
    assert_int_equal(sc_settings_parse_period("2024-01-01:2024-12-31",
                                              &period),
                     SC_SETTINGS_DAYS);
    /* Untouched: still zeroed. */
    assert_int_equal(period.start, 0);
    assert_int_equal(period.ndays, 0);
}

static void test_settings_wait_reads_what_strtol_reads(void **state)
{
    int seconds = -1;

    (void)state;
    assert_int_equal(sc_settings_parse_wait("60", &seconds),
                     SC_SETTINGS_VALID);
    assert_int_equal(seconds, 60);
    assert_int_equal(sc_settings_parse_wait("+5", &seconds),
                     SC_SETTINGS_VALID);
    assert_int_equal(seconds, 5);
    assert_int_equal(sc_settings_parse_wait("-0", &seconds),
                     SC_SETTINGS_VALID);
    assert_int_equal(seconds, 0);
    assert_int_equal(sc_settings_parse_wait("0003600", &seconds),
                     SC_SETTINGS_VALID);
    assert_int_equal(seconds, SC_SETTINGS_WAIT_MAX);
}

static void test_settings_wait_refuses_beyond_an_hour_or_not_a_number(
    void **state)
{
    int seconds = 7;

    (void)state;
    assert_int_equal(sc_settings_parse_wait("3601", &seconds),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_wait("-1", &seconds),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_wait("60s", &seconds),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_wait("1.5", &seconds),
                     SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_wait("", &seconds), SC_SETTINGS_FORM);
    assert_int_equal(sc_settings_parse_wait("99999999999999999999", &seconds),
                     SC_SETTINGS_FORM);
    assert_int_equal(seconds, 7);
}

/* A file that sets everything, as sc_config_read would leave it. */
static void fill_lower(sc_settings *lower)
{
    memset(lower, 0, sizeof *lower);
    add_path(&lower->rolls, &lower->nrolls, "file-roll.csv");
    add_path(&lower->placements, &lower->nplacements, "file-stages.csv");
    set_text(&lower->output, "file.xlsx");
    set_text(&lower->classes, "1*");
    lower->has_period = 1;
    assert_int_equal(sc_settings_parse_period("2024-06-17:2024-06-28",
                                              &lower->period),
                     SC_SETTINGS_VALID);
    lower->has_as_of = 1;
    lower->as_of = D(2024, 5, 27);
    lower->has_deadline = 1;
    lower->deadline = D(2024, 6, 7);
    lower->has_wait = 1;
    lower->wait = 10;
    lower->has_jobs = 1;
    lower->jobs = 3;
    assert_int_equal(sc_header_alias_add(&lower->aliases, SC_FIELD_SURNAME,
                                         "PATRONYME"),
                     SC_OK);
}

static void test_settings_merge_fills_every_unset_value(void **state)
{
    sc_settings *s = *state, lower;

    fill_lower(&lower);
    sc_settings_merge(s, &lower);
    assert_int_equal(s->nrolls, 1);
    assert_string_equal(s->rolls[0], "file-roll.csv");
    assert_int_equal(s->nplacements, 1);
    assert_string_equal(s->placements[0], "file-stages.csv");
    assert_string_equal(s->output, "file.xlsx");
    assert_string_equal(s->classes, "1*");
    assert_true(s->has_period);
    assert_int_equal(s->period.ndays, 10);
    assert_int_equal(s->as_of, D(2024, 5, 27));
    assert_int_equal(s->deadline, D(2024, 6, 7));
    assert_true(s->has_wait);
    assert_int_equal(s->wait, 10);
    assert_true(s->has_jobs);
    assert_int_equal(s->jobs, 3);
    assert_int_equal(s->aliases.count, 1);
    /* Moved, not copied: lower frees nothing twice. */
    assert_null(lower.output);
    assert_int_equal(lower.nrolls, 0);
    sc_settings_free(&lower);
}

static void test_settings_merge_command_line_wins(void **state)
{
    sc_settings *s = *state, lower;

    add_path(&s->rolls, &s->nrolls, "cli-a.csv");
    add_path(&s->rolls, &s->nrolls, "cli-b.csv");
    set_text(&s->classes, "2*");
    s->has_as_of = 1;
    s->as_of = D(2025, 5, 1);
    s->has_wait = 1;
    s->wait = 0;
    fill_lower(&lower);
    sc_settings_merge(s, &lower);
    /* The command line's rolls replace the file's, not add to them. */
    assert_int_equal(s->nrolls, 2);
    assert_string_equal(s->rolls[0], "cli-a.csv");
    assert_string_equal(s->rolls[1], "cli-b.csv");
    assert_string_equal(s->placements[0], "file-stages.csv");
    assert_string_equal(s->classes, "2*");
    assert_int_equal(s->as_of, D(2025, 5, 1));
    /* 0 is a value given, not an unset one. */
    assert_int_equal(s->wait, 0);
    sc_settings_free(&lower);
}

static void test_settings_merge_by_school_replaces_output_of_file(
    void **state)
{
    sc_settings *s = *state, lower;

    set_text(&s->by_school, "classeurs");
    fill_lower(&lower);
    sc_settings_merge(s, &lower);
    assert_string_equal(s->by_school, "classeurs");
    assert_null(s->output);
    assert_int_equal(sc_settings_check(s, NULL), SC_OK);
    sc_settings_free(&lower);
}

static void test_settings_check_needs_roll_placements_and_output(
    void **state)
{
    sc_settings *s = *state;
    sc_diag diag;

    sc_diag_clear(&diag);
    assert_int_equal(sc_settings_check(s, &diag), SC_ERROR_USAGE);
    assert_non_null(strstr(diag.message, "il faut au moins une liste"));
    add_path(&s->rolls, &s->nrolls, "eleves.csv");
    add_path(&s->placements, &s->nplacements, "stages.csv");
    assert_int_equal(sc_settings_check(s, &diag), SC_ERROR_USAGE);
    set_text(&s->output, "suivi.xlsx");
    assert_int_equal(sc_settings_check(s, &diag), SC_OK);
}

static void test_settings_check_refuses_output_with_by_school(void **state)
{
    sc_settings *s = *state;
    sc_diag diag;

    sc_diag_clear(&diag);
    add_path(&s->rolls, &s->nrolls, "eleves.csv");
    add_path(&s->placements, &s->nplacements, "stages.csv");
    set_text(&s->output, "suivi.xlsx");
    set_text(&s->by_school, "classeurs");
    assert_int_equal(sc_settings_check(s, &diag), SC_ERROR_USAGE);
    assert_string_equal(diag.message, "-o et --by-school s'excluent : -o écrit "
                                      "un classeur, --by-school un classeur par "
                                      "établissement dans un dossier");
}

static void test_settings_finish_gives_defaults(void **state)
{
    sc_settings *s = *state;
    sc_period expected;

    assert_int_equal(sc_settings_finish(s, NULL), SC_OK);
    assert_int_equal(s->wait, SC_SETTINGS_WAIT_DEFAULT);
    assert_int_equal(s->wait, 60);
    /* As many writers as processors online. */
    assert_int_equal(s->jobs, (int)sysconf(_SC_NPROCESSORS_ONLN));
    assert_false(s->has_jobs);
    assert_int_equal(s->as_of, sc_date_today());
    sc_period_default(&expected, s->as_of);
    assert_int_equal(s->period.start, expected.start);
    assert_int_equal(s->period.end, expected.end);
    assert_false(s->period.given);
    /* The flags still tell what a source gave. */
    assert_false(s->has_as_of);
    assert_false(s->has_period);
}

static void test_settings_finish_takes_period_from_as_of(void **state)
{
    sc_settings *s = *state;

    s->has_as_of = 1;
    s->as_of = D(2024, 5, 27);
    assert_int_equal(sc_settings_finish(s, NULL), SC_OK);
    /* The two weeks ending on the last Friday of June 2024. */
    assert_int_equal(s->period.start, D(2024, 6, 17));
    assert_int_equal(s->period.end, D(2024, 6, 28));
    assert_int_equal(s->as_of, D(2024, 5, 27));
}

static void test_settings_finish_keeps_what_was_given(void **state)
{
    sc_settings *s = *state;

    s->has_wait = 1;
    s->wait = 0;
    s->has_as_of = 1;
    s->as_of = D(2024, 5, 27);
    s->has_period = 1;
    assert_int_equal(sc_settings_parse_period("2024-06-10:2024-06-14",
                                              &s->period),
                     SC_SETTINGS_VALID);
    assert_int_equal(sc_settings_finish(s, NULL), SC_OK);
    assert_int_equal(s->wait, 0);
    assert_int_equal(s->period.start, D(2024, 6, 10));
    assert_true(s->period.given);
}

static void test_settings_finish_far_as_of_needs_period(void **state)
{
    sc_settings *s = *state;
    sc_diag diag;

    sc_diag_clear(&diag);
    s->has_as_of = 1;
    s->as_of = D(9999, 12, 31);
    assert_int_equal(sc_settings_finish(s, &diag), SC_ERROR_USAGE);
    assert_string_equal(diag.message, "--as-of : date trop lointaine, donnez "
                                      "la période avec --period");
    s->has_period = 1;
    assert_int_equal(sc_settings_parse_period("2024-06-17:2024-06-28",
                                              &s->period),
                     SC_SETTINGS_VALID);
    assert_int_equal(sc_settings_finish(s, &diag), SC_OK);
}

static void test_settings_free_leaves_zeroed_settings(void **state)
{
    sc_settings *s = *state;

    add_path(&s->rolls, &s->nrolls, "eleves.csv");
    set_text(&s->config, "a.ini");
    assert_int_equal(sc_header_alias_add(&s->aliases, SC_FIELD_SURNAME,
                                         "PATRONYME"),
                     SC_OK);
    sc_settings_free(s);
    assert_null(s->rolls);
    assert_int_equal(s->nrolls, 0);
    assert_null(s->config);
    assert_int_equal(s->aliases.count, 0);
    sc_settings_free(NULL);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_settings_text_refuses_only_empty),
        TEST(test_settings_date_reads_iso_dates_that_exist),
        TEST(test_settings_date_refuses_other_forms_untouched),
        TEST(test_settings_period_reads_range_and_its_working_days),
        TEST(test_settings_period_says_what_is_wrong),
        TEST(test_settings_wait_reads_what_strtol_reads),
        TEST(test_settings_wait_refuses_beyond_an_hour_or_not_a_number),
        TEST(test_settings_merge_fills_every_unset_value),
        TEST(test_settings_merge_command_line_wins),
        TEST(test_settings_merge_by_school_replaces_output_of_file),
        TEST(test_settings_check_needs_roll_placements_and_output),
        TEST(test_settings_check_refuses_output_with_by_school),
        TEST(test_settings_finish_gives_defaults),
        TEST(test_settings_finish_takes_period_from_as_of),
        TEST(test_settings_finish_keeps_what_was_given),
        TEST(test_settings_finish_far_as_of_needs_period),
        TEST(test_settings_free_leaves_zeroed_settings),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
