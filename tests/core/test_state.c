/*
 * test_state.c - unit tests of state.c: the stable key of a pupil, the
 * state file written and read back, and what changed between two runs.
 */
#include <dirent.h>
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
#include "../support.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/store/statefile.h"

#define BIG 50000

/* Three successive states of a school, the changes between two of them
 * and a folder for the files; teardown frees and removes everything, so a
 * failed assertion leaks nothing. */
typedef struct fixture {
    char dir[64];   /* mkdtemp folder, emptied and removed by teardown */
    char path[128]; /* dir/suivi.xlsx.etat */
    sc_diag diag;
    sc_state a;
    sc_state b;
    sc_state c;
    sc_changes changes;
    int *previous;  /* previous_status, one per current item */
    char *text;     /* a string a test allocates */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_state") != 0)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/suivi.xlsx.etat", f->dir);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    support_remove_dir(f->dir);
    sc_state_clear(&f->a);
    sc_state_clear(&f->b);
    sc_state_clear(&f->c);
    sc_changes_clear(&f->changes);
    free(f->previous);
    free(f->text);
    free(f);
    return 0;
}

/* Returns the whole file, which the fixture frees. */
static const char *read_whole(fixture *f, const char *path)
{
    FILE *fp = fopen(path, "r");
    long size;

    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    size = ftell(fp);
    assert_true(size >= 0);
    rewind(fp);
    free(f->text);
    f->text = calloc((size_t)size + 1, 1);
    assert_non_null(f->text);
    assert_int_equal(fread(f->text, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    return f->text;
}

/* Adds a pupil to s, keyed by INE when ine is not NULL, else by name,
 * class and (unknown) birth date. */
static void put(sc_state *s, const char *ine, const char *class_name,
                const char *surname, const char *first, sc_status status)
{
    sc_pupil p = {.surname = (char *)surname, .first = (char *)first,
                  .class_name = (char *)class_name, .ine = (char *)ine,
                  .birth = SC_DATE_NONE, .name_key = (char *)surname,
                  .class_key = (char *)class_name, .duplicate_of = -1,
                  .selected = 1};

    assert_int_equal(sc_state_add(s, &p, (long)s->count, status), SC_OK);
}

/* Compares before with now into the fixture's changes and previous. */
static void compare(fixture *f, const sc_state *before, const sc_state *now)
{
    sc_changes_clear(&f->changes);
    free(f->previous);
    f->previous = calloc(now->count + 1, sizeof *f->previous);
    assert_non_null(f->previous);
    assert_int_equal(sc_changes_compare(before, now, &f->changes, f->previous),
                     SC_OK);
}

/* A macro, so that a failure names the caller's line. */
#define assert_change(ch, kind_, class_, before_class_, surname_, before_, \
                      after_) \
    do { \
        const sc_change *c_ = (ch); \
        assert_int_equal(c_->kind, (kind_)); \
        assert_string_equal(c_->class_name, (class_)); \
        if ((before_class_) == NULL) \
            assert_null(c_->class_before); \
        else \
            assert_string_equal(c_->class_before, (before_class_)); \
        assert_string_equal(c_->surname, (surname_)); \
        assert_int_equal(c_->before, (before_)); \
        assert_int_equal(c_->after, (after_)); \
    } while (0)

#define assert_read_fails(f, content, err, line_) \
    do { \
        assert_int_equal(support_write_file((f)->path, (content)), 0); \
        assert_int_equal(sc_statefile_read(&(f)->a, (f)->path, &(f)->diag), \
                         (err)); \
        assert_string_equal((f)->diag.file, (f)->path); \
        assert_int_equal((f)->diag.line, (line_)); \
        assert_true((f)->diag.message[0] != '\0'); \
        assert_int_equal((f)->a.count, 0); \
    } while (0)

static const char header[] =
    "# stagecheck — état du dernier passage : ne pas modifier à la main\n";

/* ---- Path and key ------------------------------------------------------- */

static void test_path_is_workbook_path_plus_etat(void **state)
{
    fixture *f = *state;

    f->text = sc_statefile_path("out/suivi-stages.xlsx");
    assert_non_null(f->text);
    assert_string_equal(f->text, "out/suivi-stages.xlsx.etat");
}

static void test_key_is_the_ine_when_the_roll_gives_one(void **state)
{
    fixture *f = *state;
    sc_pupil p = {.surname = (char *)"DUPONT", .first = (char *)"Jean",
                  .class_name = (char *)"2nde 2", .ine = (char *)"123456789AB",
                  .birth = sc_date_make(2008, 3, 14),
                  .name_key = (char *)"dupont jean",
                  .class_key = (char *)"2nde2", .duplicate_of = -1};

    f->text = sc_state_key(&p);
    assert_non_null(f->text);
    assert_string_equal(f->text, "INE:123456789AB");
}

static void test_key_without_ine_is_name_class_and_iso_birth(void **state)
{
    fixture *f = *state;
    sc_pupil p = {.surname = (char *)"ÉLIE", .first = (char *)"Anaïs",
                  .class_name = (char *)"2NDE 2",
                  .birth = sc_date_make(2008, 3, 4),
                  .name_key = (char *)"elie anais",
                  .class_key = (char *)"2nde2", .duplicate_of = -1};

    f->text = sc_state_key(&p);
    assert_non_null(f->text);
    assert_string_equal(f->text, "NOM:elie anais|2nde2|2008-03-04");
}

static void test_key_without_ine_nor_birth_ends_empty(void **state)
{
    fixture *f = *state;
    sc_pupil p = {.surname = (char *)"MARTIN", .first = (char *)"Léa",
                  .class_name = (char *)"2nde 10", .birth = SC_DATE_NONE,
                  .name_key = (char *)"martin lea",
                  .class_key = (char *)"2nde10", .duplicate_of = -1};

    f->text = sc_state_key(&p);
    assert_non_null(f->text);
    assert_string_equal(f->text, "NOM:martin lea|2nde10|");
}

static void test_add_copies_the_pupil_line(void **state)
{
    fixture *f = *state;
    char surname[] = "DUPONT";
    sc_pupil p = {.surname = surname, .first = (char *)"Jean",
                  .class_name = (char *)"2nde 2", .ine = (char *)"1A",
                  .birth = SC_DATE_NONE, .name_key = (char *)"dupont jean",
                  .class_key = (char *)"2nde2", .duplicate_of = -1};

    assert_int_equal(sc_state_add(&f->a, &p, 7, SC_STATUS_PARTIAL), SC_OK);
    surname[0] = 'X'; /* the state holds copies */
    assert_int_equal(f->a.count, 1);
    assert_string_equal(f->a.items[0].key, "INE:1A");
    assert_string_equal(f->a.items[0].class_name, "2nde 2");
    assert_string_equal(f->a.items[0].surname, "DUPONT");
    assert_string_equal(f->a.items[0].first, "Jean");
    assert_int_equal(f->a.items[0].status, SC_STATUS_PARTIAL);
    assert_int_equal(f->a.items[0].pupil, 7);
}

/* ---- Writing and reading back ------------------------------------------- */

static void test_write_then_read_gives_the_same_lines(void **state)
{
    fixture *f = *state;

    put(&f->a, "123456789AB", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, NULL, "2NDE 2", "ÉLIE", "Anaïs", SC_STATUS_DISPENSED);
    put(&f->a, NULL, "2nde 10", "N'DIAYE", "Aïssatou", SC_STATUS_NO_HOST);
    put(&f->a, "9Z", "2nde 10", "MARTIN", "Léa", SC_STATUS_CHECK);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);

    assert_int_equal(f->b.count, f->a.count);
    for (size_t i = 0; i < f->a.count; i++) {
        assert_string_equal(f->b.items[i].key, f->a.items[i].key);
        assert_string_equal(f->b.items[i].class_name,
                            f->a.items[i].class_name);
        assert_string_equal(f->b.items[i].surname, f->a.items[i].surname);
        assert_string_equal(f->b.items[i].first, f->a.items[i].first);
        assert_int_equal(f->b.items[i].status, f->a.items[i].status);
        assert_int_equal(f->b.items[i].pupil, -1);
    }
}

static void test_write_gives_comment_then_one_tab_separated_line(void **state)
{
    fixture *f = *state;
    char expected[512];

    put(&f->a, "1A", "2nde 2", "ÉLIE", "Anaïs", SC_STATUS_READY);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    snprintf(expected, sizeof expected, "%s%s", header,
             "INE:1A\t2nde 2\tÉLIE\tAnaïs\tPrêt\n");
    assert_string_equal(read_whole(f, f->path), expected);
}

static void test_write_turns_tab_and_newline_in_a_field_into_spaces(
    void **state)
{
    fixture *f = *state;
    char expected[512];

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    /* A field changed behind sc_state_add's back is still cleaned. */
    f->a.items[0].surname[2] = '\t';
    f->a.items[0].first[1] = '\n';
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    snprintf(expected, sizeof expected, "%s%s", header,
             "INE:1A\t2nde 2\tDU ONT\tJ an\tPrêt\n");
    assert_string_equal(read_whole(f, f->path), expected);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 1);
    assert_string_equal(f->b.items[0].surname, "DU ONT");
}

static void test_add_cleans_tabs_so_the_next_run_compares_equal(void **state)
{
    fixture *f = *state;

    put(&f->a, "1\tA", "2nde\t2", "DU\rPONT", "Jean\n", SC_STATUS_READY);
    assert_string_equal(f->a.items[0].key, "INE:1 A");
    assert_string_equal(f->a.items[0].class_name, "2nde 2");
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    compare(f, &f->b, &f->a);
    assert_int_equal(f->changes.count, 0);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
}

static void test_written_file_is_closed_to_others(void **state)
{
    fixture *f = *state;
    struct stat st;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 007, 0);
    assert_int_equal(support_count_files(f->dir), 1); /* no temporary left */
}

static void test_write_into_missing_folder_fails_without_leftover(
    void **state)
{
    fixture *f = *state;
    char path[256];

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    snprintf(path, sizeof path, "%s/absent/suivi.xlsx.etat", f->dir);
    assert_int_equal(sc_statefile_write(&f->a, path, &f->diag), SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, path);
    assert_non_null(strstr(f->diag.message, "fichier d'état"));
    assert_int_equal(support_count_files(f->dir), 0);
}

static void test_write_that_cannot_rename_removes_its_temp(void **state)
{
    fixture *f = *state;

    /* rename() of a file onto a folder fails after the temporary file is
     * written: it must not stay behind. */
    assert_int_equal(mkdir(f->path, 0700), 0);
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, f->path);
    assert_int_equal(support_count_files(f->dir), 1);
}

static void test_write_replaces_the_previous_state(void **state)
{
    fixture *f = *state;

    assert_int_equal(support_write_file(f->path, "ancien contenu\n"), 0);
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 1);
    assert_string_equal(f->b.items[0].key, "INE:1A");
    assert_int_equal(support_count_files(f->dir), 1);
}

static void test_write_of_an_empty_state_reads_back_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_string_equal(read_whole(f, f->path), header);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 0);
}

static void test_read_missing_file_is_file_open(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_FILE_OPEN);
    assert_string_equal(f->diag.file, f->path);
    assert_int_equal(f->a.count, 0);
    assert_null(f->a.items);
}

static void test_read_of_a_folder_is_state_error(void **state)
{
    fixture *f = *state;

    /* There is something at the path, so not "no previous run". */
    assert_int_equal(mkdir(f->path, 0700), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_STATE);
    assert_string_equal(f->diag.file, f->path);
    assert_int_equal(f->a.count, 0);
}

static void test_read_skips_comments_blank_lines_and_crlf(void **state)
{
    fixture *f = *state;

    assert_int_equal(support_write_file(f->path, "# en-tête\n\n"
                        "INE:1A\t2nde 2\tDUPONT\tJean\tDossier incomplet\r\n"
                        "\r\n# fin\n"
                        "INE:2B\t2nde 3\tMARTIN\tLéa\tSans lieu d'accueil"), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(f->a.count, 2);
    assert_string_equal(f->a.items[0].first, "Jean");
    assert_int_equal(f->a.items[0].status, SC_STATUS_INCOMPLETE);
    assert_string_equal(f->a.items[1].key, "INE:2B");
    assert_int_equal(f->a.items[1].status, SC_STATUS_NO_HOST);
}

static void test_read_line_of_three_fields_is_state_error_there(void **state)
{
    fixture *f = *state;

    assert_read_fails(f, "# en-tête\n"
                         "INE:1A\t2nde 2\tDUPONT\tJean\tPrêt\n"
                         "\n"
                         "INE:2B\t2nde 2\tMARTIN\n",
                      SC_ERROR_STATE, 4);
}

static void test_read_line_of_six_fields_is_state_error(void **state)
{
    fixture *f = *state;

    assert_read_fails(f, "INE:1A\t2nde 2\tDUPONT\tJean\tPrêt\tPrêt\n",
                      SC_ERROR_STATE, 1);
}

static void test_read_unknown_status_is_state_error_there(void **state)
{
    fixture *f = *state;

    assert_read_fails(f, "# en-tête\n"
                         "INE:1A\t2nde 2\tDUPONT\tJean\tPrêt\n"
                         "INE:2B\t2nde 2\tMARTIN\tLéa\tPret\n",
                      SC_ERROR_STATE, 3);
    assert_non_null(strstr(f->diag.message, "Pret"));
}

static void test_read_invalid_utf8_is_state_error(void **state)
{
    fixture *f = *state;

    assert_read_fails(f, "INE:1A\t2nde 2\t\xC9LIE\tJean\tPrêt\n",
                      SC_ERROR_STATE, 1);
}

static void test_read_nul_byte_is_state_error(void **state)
{
    fixture *f = *state;
    static const char line[] = "INE:1A\t2nde 2\tDUPONT\tJean\tPrêt\0x\n";
    FILE *fp = fopen(f->path, "w");

    assert_non_null(fp);
    assert_int_equal(fwrite(line, 1, sizeof line - 1, fp), sizeof line - 1);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_STATE);
    assert_int_equal(f->diag.line, 1);
    assert_int_equal(f->a.count, 0);
}

static void test_read_empty_key_is_state_error(void **state)
{
    fixture *f = *state;

    assert_read_fails(f, "\t2nde 2\tDUPONT\tJean\tPrêt\n", SC_ERROR_STATE, 1);
}

static void test_read_long_line(void **state)
{
    fixture *f = *state;
    size_t n = 100000;

    /* Longer than any buffer a line reader might guess. */
    f->text = malloc(n + 64);
    assert_non_null(f->text);
    memcpy(f->text, "INE:1A\t2nde 2\t", 14);
    memset(f->text + 14, 'A', n);
    strcpy(f->text + 14 + n, "\tJean\tPrêt\n");
    assert_int_equal(support_write_file(f->path, f->text), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(f->a.count, 1);
    assert_int_equal(strlen(f->a.items[0].surname), n);
}

/* ---- What changed ------------------------------------------------------- */

static void test_compare_reports_a_new_status(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_INCOMPLETE);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_NO_HOST, SC_STATUS_INCOMPLETE);
    assert_string_equal(f->changes.items[0].first, "Jean");
    assert_int_equal(f->previous[0], SC_STATUS_NO_HOST);
}

static void test_compare_status_change_across_classes_names_both(
    void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->b, "1A", "2nde 5", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 5", "2nde 2",
                  "DUPONT", SC_STATUS_NO_HOST, SC_STATUS_READY);
}

static void test_compare_pupil_moved_class_same_status_by_ine(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, "2B", "2nde 3", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "2B", "2nde 3", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "1A", "2nde 4", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_CLASS, "2nde 4", "2nde 2",
                  "DUPONT", SC_STATUS_READY, SC_STATUS_READY);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], SC_STATUS_READY);
}

static void test_compare_class_spelling_is_no_move(void **state)
{
    fixture *f = *state;

    /* "2NDE 2" and "2nde 2" are one class, as for the matching and the
     * workbook: an export that changes its spelling moves nobody. */
    put(&f->a, "1A", "2NDE 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 0);
}

static void test_compare_reports_arrived_and_left(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_PARTIAL);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "NOUVEAU", "Noé", SC_STATUS_NO_HOST);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 2);
    assert_change(&f->changes.items[0], SC_CHANGE_LEFT, "2nde 2", "2nde 2",
                  "MARTIN", SC_STATUS_PARTIAL, -1);
    assert_change(&f->changes.items[1], SC_CHANGE_ARRIVED, "2nde 2", NULL,
                  "NOUVEAU", -1, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], -1);
}

static void test_compare_sorts_by_class_in_version_order_then_names(
    void **state)
{
    fixture *f = *state;

    put(&f->b, "1", "2nde 10", "ABEL", "Zoé", SC_STATUS_READY);
    put(&f->b, "2", "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, "3", "2nde 2", "DUPONT", "Paul", SC_STATUS_READY);
    put(&f->b, "4", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, "5", "1re 1", "ZOLA", "Émile", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 5);
    assert_string_equal(f->changes.items[0].class_name, "1re 1");
    assert_string_equal(f->changes.items[1].first, "Jean");
    assert_string_equal(f->changes.items[2].first, "Paul");
    assert_string_equal(f->changes.items[3].surname, "MARTIN");
    assert_string_equal(f->changes.items[4].class_name, "2nde 10");
}

static void test_compare_empty_previous_makes_everyone_arrived(void **state)
{
    fixture *f = *state;

    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 2);
    for (size_t i = 0; i < f->changes.count; i++) {
        assert_int_equal(f->changes.items[i].kind, SC_CHANGE_ARRIVED);
        assert_null(f->changes.items[i].class_before);
        assert_int_equal(f->changes.items[i].before, -1);
        assert_int_equal(f->previous[i], -1);
    }
}

static void test_compare_empty_current_makes_everyone_left(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_LEFT, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_READY, -1);
}

static void test_compare_same_state_changes_nothing(void **state)
{
    fixture *f = *state;

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->a, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_CHECK);
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 0);
    assert_int_equal(f->previous[0], SC_STATUS_CHECK);
    assert_int_equal(f->previous[1], SC_STATUS_READY);
}

static void test_compare_three_runs_through_the_state_file(void **state)
{
    fixture *f = *state;

    /* Run A: nobody has a host yet. */
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_NO_HOST);
    put(&f->a, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->a, "3C", "2nde 3", "PETIT", "Hugo", SC_STATUS_NO_HOST);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    sc_state_clear(&f->a);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);

    /* Run B: DUPONT found a host (placement added, convention unsigned),
     * PETIT left the rolls, ROUX arrived. */
    put(&f->b, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_INCOMPLETE);
    put(&f->b, "2B", "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->b, "4D", "2nde 3", "ROUX", "Inès", SC_STATUS_NO_HOST);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 3);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_NO_HOST, SC_STATUS_INCOMPLETE);
    assert_change(&f->changes.items[1], SC_CHANGE_LEFT, "2nde 3", "2nde 3",
                  "PETIT", SC_STATUS_NO_HOST, -1);
    assert_change(&f->changes.items[2], SC_CHANGE_ARRIVED, "2nde 3", NULL,
                  "ROUX", -1, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[2], -1);
    assert_int_equal(sc_statefile_write(&f->b, f->path, &f->diag), SC_OK);
    sc_state_clear(&f->b);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);

    /* Run C: DUPONT's signatures came back, MARTIN moved to 2nde 3. */
    put(&f->c, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    put(&f->c, "2B", "2nde 3", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    put(&f->c, "4D", "2nde 3", "ROUX", "Inès", SC_STATUS_NO_HOST);
    compare(f, &f->b, &f->c);
    assert_int_equal(f->changes.count, 2);
    assert_change(&f->changes.items[0], SC_CHANGE_STATUS, "2nde 2", "2nde 2",
                  "DUPONT", SC_STATUS_INCOMPLETE, SC_STATUS_READY);
    assert_change(&f->changes.items[1], SC_CHANGE_CLASS, "2nde 3", "2nde 2",
                  "MARTIN", SC_STATUS_NO_HOST, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_INCOMPLETE);
    assert_int_equal(f->previous[1], SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[2], SC_STATUS_NO_HOST);
}

static void test_compare_repeated_keys_pair_in_written_order(void **state)
{
    fixture *f = *state;

    /* Namesakes of one class with no INE nor birth date share a key: the
     * first line is matched with the first, the extra one arrived. */
    put(&f->a, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_READY);
    put(&f->b, NULL, "2nde 2", "MARTIN", "Léa", SC_STATUS_NO_HOST);
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_ARRIVED, "2nde 2", NULL,
                  "MARTIN", -1, SC_STATUS_NO_HOST);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
    assert_int_equal(f->previous[1], -1);

    compare(f, &f->b, &f->a);
    assert_int_equal(f->changes.count, 1);
    assert_change(&f->changes.items[0], SC_CHANGE_LEFT, "2nde 2", "2nde 2",
                  "MARTIN", SC_STATUS_NO_HOST, -1);
    assert_int_equal(f->previous[0], SC_STATUS_READY);
}

static void test_compare_matches_50000_pupils_in_any_order(void **state)
{
    fixture *f = *state;
    char ine[16], cls[16];

    /* The same pupils listed in opposite orders; every 1000th changes. */
    for (int i = 0; i < BIG; i++) {
        snprintf(ine, sizeof ine, "%011d", i);
        snprintf(cls, sizeof cls, "2nde %d", i % 12 + 1);
        put(&f->a, ine, cls, "NOM", "Prénom", SC_STATUS_NO_HOST);
    }
    for (int i = BIG - 1; i >= 0; i--) {
        snprintf(ine, sizeof ine, "%011d", i);
        snprintf(cls, sizeof cls, "2nde %d", i % 12 + 1);
        put(&f->b, ine, cls, "NOM", "Prénom",
            i % 1000 ? SC_STATUS_NO_HOST : SC_STATUS_READY);
    }
    compare(f, &f->a, &f->b);
    assert_int_equal(f->changes.count, BIG / 1000);
    for (size_t i = 0; i < f->b.count; i++)
        assert_int_equal(f->previous[i], SC_STATUS_NO_HOST);
    for (size_t i = 1; i < f->changes.count; i++)
        assert_true(strverscmp(f->changes.items[i - 1].class_name,
                               f->changes.items[i].class_name) <= 0);
}

static void test_clear_accepts_null_and_zeroed(void **state)
{
    sc_state s = {0};
    sc_changes c = {0};

    (void)state;
    sc_state_clear(NULL);
    sc_state_clear(&s);
    sc_changes_clear(NULL);
    sc_changes_clear(&c);
    assert_null(s.items);
    assert_null(c.items);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_path_is_workbook_path_plus_etat),
        TEST(test_key_is_the_ine_when_the_roll_gives_one),
        TEST(test_key_without_ine_is_name_class_and_iso_birth),
        TEST(test_key_without_ine_nor_birth_ends_empty),
        TEST(test_add_copies_the_pupil_line),
        TEST(test_write_then_read_gives_the_same_lines),
        TEST(test_write_gives_comment_then_one_tab_separated_line),
        TEST(test_write_turns_tab_and_newline_in_a_field_into_spaces),
        TEST(test_add_cleans_tabs_so_the_next_run_compares_equal),
        TEST(test_written_file_is_closed_to_others),
        TEST(test_write_into_missing_folder_fails_without_leftover),
        TEST(test_write_that_cannot_rename_removes_its_temp),
        TEST(test_write_replaces_the_previous_state),
        TEST(test_write_of_an_empty_state_reads_back_empty),
        TEST(test_read_missing_file_is_file_open),
        TEST(test_read_of_a_folder_is_state_error),
        TEST(test_read_skips_comments_blank_lines_and_crlf),
        TEST(test_read_line_of_three_fields_is_state_error_there),
        TEST(test_read_line_of_six_fields_is_state_error),
        TEST(test_read_unknown_status_is_state_error_there),
        TEST(test_read_invalid_utf8_is_state_error),
        TEST(test_read_nul_byte_is_state_error),
        TEST(test_read_empty_key_is_state_error),
        TEST(test_read_long_line),
        TEST(test_compare_reports_a_new_status),
        TEST(test_compare_status_change_across_classes_names_both),
        TEST(test_compare_pupil_moved_class_same_status_by_ine),
        TEST(test_compare_class_spelling_is_no_move),
        TEST(test_compare_reports_arrived_and_left),
        TEST(test_compare_sorts_by_class_in_version_order_then_names),
        TEST(test_compare_empty_previous_makes_everyone_arrived),
        TEST(test_compare_empty_current_makes_everyone_left),
        TEST(test_compare_same_state_changes_nothing),
        TEST(test_compare_three_runs_through_the_state_file),
        TEST(test_compare_repeated_keys_pair_in_written_order),
        TEST(test_compare_matches_50000_pupils_in_any_order),
        TEST(test_clear_accepts_null_and_zeroed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
