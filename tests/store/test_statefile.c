/*
 * test_statefile.c - unit tests of statefile.c: the state file beside a
 * workbook, written and read back.
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
#include "../support.h"
#include "stagecheck/store/statefile.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/status.h"
#include "stagecheck/store/tempfile.h"

/* Two states, the changes between them and a folder for the files;
 * teardown frees and removes everything, so a failed assertion leaks
 * nothing. */
typedef struct fixture {
    char dir[64];   /* mkdtemp folder, emptied and removed by teardown */
    char path[128]; /* dir/suivi.xlsx.etat */
    sc_diag diag;
    sc_state a;
    sc_state b;
    sc_changes changes;
    int8_t previous[4]; /* previous_status, one per current item */
    char *text;      /* a string a test allocates */
    sc_dataset *data;  /* pupils whose state is written as it is made */
    sc_verdict verdicts[8];
    int8_t statuses[8];   /* previous_status, one per pupil of data */
    char *key;         /* sc_state_make_line's buffer */
    size_t cap;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    if (!(f->data = sc_dataset_new()))
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_statefile") != 0)
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
    sc_changes_clear(&f->changes);
    free(f->text);
    free(f->key);
    sc_dataset_free(f->data);
    free(f);
    return 0;
}

/* A pupil's line (support.h): keyed by INE, or by name and class. */
#define put support_state_put

/* The i-th line state holds. */
#define line_of(state, i) sc_state_get((state), (i))

/* The whole file at path, which the fixture frees. */
#define read_whole(f, path) (free((f)->text), (f)->text = support_read(path))

#define assert_read_fails(f, content, err, line_) \
    do { \
        support_write((f)->path, (content)); \
        assert_int_equal(sc_statefile_read(&(f)->a, (f)->path, &(f)->diag), \
                         (err)); \
        assert_string_equal((f)->diag.file, (f)->path); \
        assert_int_equal((f)->diag.line, (line_)); \
        assert_true((f)->diag.message[0] != '\0'); \
        assert_int_equal((f)->a.count, 0); \
    } while (0)

static const char header[] =
    "# stagecheck — état du dernier passage : ne pas modifier à la main\n";

/* ---- Path --------------------------------------------------------------- */

static void test_path_is_workbook_path_plus_etat(void **state)
{
    fixture *f = *state;

    f->text = sc_statefile_path("out/suivi-stages.xlsx");
    assert_non_null(f->text);
    assert_string_equal(f->text, "out/suivi-stages.xlsx.etat");
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
        assert_string_equal(line_of(&f->b, i).key, line_of(&f->a, i).key);
        assert_string_equal(line_of(&f->b, i).class_name,
                            line_of(&f->a, i).class_name);
        assert_string_equal(line_of(&f->b, i).surname, line_of(&f->a, i).surname);
        assert_string_equal(line_of(&f->b, i).first, line_of(&f->a, i).first);
        assert_int_equal(line_of(&f->b, i).status, line_of(&f->a, i).status);
    }
}

static void test_read_takes_room_for_every_line_at_once(void **state)
{
    fixture *f = *state;
    struct stat st;
    char ine[16];

    /* Far past a first room of 4 KiB: read line by line into room
     * doubled, the text would have moved a dozen times. */
    for (int i = 0; i < 3000; i++) {
        snprintf(ine, sizeof ine, "%dA", i);
        put(&f->a, ine, "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    }
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 3000);
    /* The file's size, taken once: what it holds takes no more. */
    assert_int_equal(f->b.text_cap, (size_t)st.st_size);
    assert_true(f->b.used <= f->b.text_cap);
    assert_true(f->b.cap >= f->b.count);
    assert_string_equal(line_of(&f->b, 2999).key, "INE:2999A");
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

/* The run's date, for the next run's Changements: a comment line under
 * the first, read back; a file without it (an older stagecheck's) reads
 * as undated. */
static void test_write_keeps_the_run_date_in_a_comment(void **state)
{
    fixture *f = *state;
    char expected[512];

    put(&f->a, "1A", "2nde 2", "ÉLIE", "Anaïs", SC_STATUS_READY);
    f->a.dated = 1;
    f->a.date = sc_date_make(2024, 5, 20);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    snprintf(expected, sizeof expected, "%s%s", header,
             "# passage du 2024-05-20\nINE:1A\t2nde 2\tÉLIE\tAnaïs\tPrêt\n");
    assert_string_equal(read_whole(f, f->path), expected);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.dated, 1);
    assert_int_equal(f->b.date, sc_date_make(2024, 5, 20));
    assert_int_equal(f->b.count, 1);
    sc_state_clear(&f->b);
    f->a.dated = 0;
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.dated, 0);
}

static void test_write_turns_tab_and_newline_in_a_field_into_spaces(
    void **state)
{
    fixture *f = *state;
    char expected[512];

    /* A line held as it came, a tab and a line break in it: the file
     * cleans them all the same. */
    sc_state_line line = {"INE:1A", "2nde 2", "DU\tONT", "J\nan",
                          SC_STATUS_READY};

    assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    snprintf(expected, sizeof expected, "%s%s", header,
             "INE:1A\t2nde 2\tDU ONT\tJ an\tPrêt\n");
    assert_string_equal(read_whole(f, f->path), expected);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 1);
    assert_string_equal(line_of(&f->b, 0).surname, "DU ONT");
}

static void test_add_cleans_tabs_so_the_next_run_compares_equal(void **state)
{
    fixture *f = *state;

    put(&f->a, "1\tA", "2nde\t2", "DU\rPONT", "Jean\n", SC_STATUS_READY);
    assert_string_equal(sc_state_get(&f->a, 0).key, "INE:1 A");
    assert_string_equal(line_of(&f->a, 0).class_name, "2nde 2");
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_changes_compare(&f->b, &f->a, &f->changes,
                                        f->previous), SC_OK);
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
    support_assert_files(f->dir, 1); /* no temporary left */
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
    support_assert_files(f->dir, 0);
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
    support_assert_files(f->dir, 1);
}

static void test_write_replaces_the_previous_state(void **state)
{
    fixture *f = *state;

    support_write(f->path, "ancien contenu\n");
    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 1);
    assert_string_equal(sc_state_get(&f->b, 0).key, "INE:1A");
    support_assert_files(f->dir, 1);
}

static void test_write_of_an_empty_state_reads_back_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_statefile_write(&f->a, f->path, &f->diag), SC_OK);
    assert_string_equal(read_whole(f, f->path), header);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 0);
}

static void test_prepare_leaves_the_state_in_the_temporary_file(void **state)
{
    fixture *f = *state;
    sc_tempfile tmp;
    char expected[512];

    put(&f->a, "1A", "2nde 2", "DUPONT", "Jean", SC_STATUS_READY);
    assert_int_equal(sc_statefile_prepare(&f->a, f->path, &tmp, &f->diag),
                     SC_OK);
    /* Nothing at the path until the caller commits. */
    assert_int_equal(access(f->path, F_OK), -1);
    support_assert_files(f->dir, 1);
    snprintf(expected, sizeof expected, "%s%s", header,
             "INE:1A\t2nde 2\tDUPONT\tJean\tPrêt\n");
    assert_string_equal(read_whole(f, tmp.tmp), expected);
    assert_int_equal(sc_tempfile_commit(&tmp, &f->diag), SC_OK);
    assert_string_equal(read_whole(f, f->path), expected);
    support_assert_files(f->dir, 1);
}

/* ---- This run's state, made from its pupils as it is written ---------- */

/* Adds a pupil to the fixture's dataset, its verdict's status status. */
static sc_pupil *pupil_put(fixture *f, const char *ine, const char *surname,
                           const char *first, const char *class_name,
                           sc_date birth, sc_status status)
{
    size_t n = f->data->npupils;

    assert_true(n < sizeof f->verdicts / sizeof *f->verdicts);
    f->verdicts[n].status = (uint8_t)status;
    return support_pupil_add(f->data, "eleves.csv", (unsigned)n + 2, surname,
                             first, class_name, ine, birth);
}

/* Prepares the state of the fixture's pupils at path (dated when date is
 * not SC_DATE_NONE) and commits it. */
static void pupils_write(fixture *f, const char *path, sc_date date)
{
    sc_tempfile tmp;

    assert_int_equal(sc_statefile_prepare_pupils(f->data, f->verdicts,
                                                 date != SC_DATE_NONE, date,
                                                 path, &tmp, &f->diag),
                     SC_OK);
    assert_int_equal(sc_tempfile_commit(&tmp, &f->diag), SC_OK);
}

static void test_pupils_write_a_line_for_each_shown_pupil(void **state)
{
    fixture *f = *state;
    char expected[1024];

    pupil_put(f, "1A", "DUPONT", "Jean", "2nde 2", SC_DATE_NONE,
              SC_STATUS_READY);
    pupil_put(f, NULL, "ÉLIE", "Anaïs", "2NDE 2", sc_date_make(2008, 3, 4),
              SC_STATUS_PARTIAL);
    /* Not followed, then a repeat of the first row: no line. */
    pupil_put(f, "2B", "DURAND", "Paul", "1re 1", SC_DATE_NONE,
              SC_STATUS_CHECK)->selected = 0;
    pupil_put(f, "1A", "DUPONT", "Jean", "2nde 2", SC_DATE_NONE,
              SC_STATUS_CHECK)->duplicate = 1;
    /* A tab and a line break in names are written as spaces. */
    pupil_put(f, "3C", "DU\tPONT", "Léa\n", "2nde 10", SC_DATE_NONE,
              SC_STATUS_NO_HOST);
    pupils_write(f, f->path, sc_date_make(2025, 5, 26));
    snprintf(expected, sizeof expected, "%s%s", header,
             "# passage du 2025-05-26\n"
             "INE:1A\t2nde 2\tDUPONT\tJean\tPrêt\n"
             "NOM:elie anais|2nde2|2008-03-04\t2NDE 2\tÉLIE\tAnaïs\t"
             "Accueil partiel\n"
             "INE:3C\t2nde 10\tDU PONT\tLéa \tSans lieu d'accueil\n");
    assert_string_equal(read_whole(f, f->path), expected);
}

static void test_pupils_write_what_their_lines_would(void **state)
{
    fixture *f = *state;
    char again[160];
    char *lines;

    pupil_put(f, "1\tA", "DUPONT", "Jean", "2nde\r2", SC_DATE_NONE,
              SC_STATUS_READY);
    pupil_put(f, NULL, "MARTIN", "Léa", "2nde 10", SC_DATE_NONE,
              SC_STATUS_DISPENSED);
    pupil_put(f, NULL, "N'DIAYE", NULL, NULL, sc_date_make(2008, 11, 30),
              SC_STATUS_INCOMPLETE);
    pupils_write(f, f->path, SC_DATE_NONE);
    /* The lines sc_state_make_line makes of the same pupils, held in a state
     * and written as one: the same file, byte for byte. */
    for (size_t p = 0; p < f->data->npupils; p++) {
        sc_state_line line;

        assert_int_equal(sc_state_make_line(&f->data->pupils[p],
                                            (sc_status)f->verdicts[p].status,
                                            &f->key, &f->cap, &line),
                         SC_OK);
        assert_int_equal(sc_state_push(&f->a, &line), SC_OK);
    }
    snprintf(again, sizeof again, "%s/again.etat", f->dir);
    assert_int_equal(sc_statefile_write(&f->a, again, &f->diag), SC_OK);
    lines = support_read(again);
    assert_string_equal(read_whole(f, f->path), lines);
    free(lines);
    /* And it reads back as those lines. */
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(f->b.count, 3);
    assert_string_equal(sc_state_get(&f->b, 0).key, "INE:1 A");
    assert_string_equal(line_of(&f->b, 0).class_name, "2nde 2");
    assert_string_equal(sc_state_get(&f->b, 2).key, "NOM:ndiaye ||2008-11-30");
    assert_false(f->b.dated);
}

static void test_pupils_compare_equal_to_the_state_they_wrote(void **state)
{
    fixture *f = *state;
    const sc_change *c;

    /* Tabs and line breaks everywhere: the file gives spaces back, and the
     * next run compares its pupils, as the roll gives them, with that. */
    pupil_put(f, "1\tA", "DU\tPONT", "Jean", "2nde\t2", SC_DATE_NONE,
              SC_STATUS_READY);
    pupil_put(f, NULL, "MARTIN", "Léa\r", "2nde 10", SC_DATE_NONE,
              SC_STATUS_NO_HOST);
    pupil_put(f, "2B", "DURAND", "Paul", "1re 1", SC_DATE_NONE,
              SC_STATUS_CHECK)->selected = 0;
    pupils_write(f, f->path, SC_DATE_NONE);
    assert_int_equal(sc_statefile_read(&f->b, f->path, &f->diag), SC_OK);
    assert_int_equal(sc_changes_compare_pupils(&f->b, f->data, f->verdicts,
                                               &f->changes, f->statuses),
                     SC_OK);
    assert_int_equal(f->changes.count, 0);
    assert_int_equal(f->statuses[0], SC_STATUS_READY);
    assert_int_equal(f->statuses[1], SC_STATUS_NO_HOST);
    assert_int_equal(f->statuses[2], -1); /* not shown */
    /* A new status and a pupil gone: the changes say so, their names
     * cleaned as the file keeps them. */
    sc_changes_clear(&f->changes);
    f->verdicts[0].status = SC_STATUS_PARTIAL;
    f->data->pupils[1].selected = 0;
    assert_int_equal(sc_changes_compare_pupils(&f->b, f->data, f->verdicts,
                                               &f->changes, f->statuses),
                     SC_OK);
    assert_int_equal(f->changes.count, 2);
    c = &f->changes.items[0];
    assert_int_equal(c->kind, SC_CHANGE_STATUS);
    assert_string_equal(c->class_name, "2nde 2");
    assert_string_equal(c->surname, "DU PONT");
    assert_int_equal(c->before, SC_STATUS_READY);
    assert_int_equal(c->after, SC_STATUS_PARTIAL);
    c = &f->changes.items[1];
    assert_int_equal(c->kind, SC_CHANGE_LEFT);
    assert_string_equal(c->first, "Léa ");
    assert_int_equal(f->statuses[0], SC_STATUS_READY);
    assert_int_equal(f->statuses[1], -1);
}

static void test_pupils_with_a_long_key_write_it_whole(void **state)
{
    fixture *f = *state;
    char ine[600], expected[1024];

    /* Longer than the first key: the writer's buffer grows for it. */
    memset(ine, 'A', sizeof ine - 1);
    ine[sizeof ine - 1] = '\0';
    pupil_put(f, ine, "DUPONT", "Jean", "2nde 2", SC_DATE_NONE,
              SC_STATUS_READY);
    pupil_put(f, "1B", "MARTIN", "Léa", "2nde 2", SC_DATE_NONE,
              SC_STATUS_READY);
    pupils_write(f, f->path, SC_DATE_NONE);
    snprintf(expected, sizeof expected, "%sINE:%s%s", header, ine,
             "\t2nde 2\tDUPONT\tJean\tPrêt\n"
             "INE:1B\t2nde 2\tMARTIN\tLéa\tPrêt\n");
    assert_string_equal(read_whole(f, f->path), expected);
}

static void test_pupils_into_a_missing_folder_fail_without_leftover(
    void **state)
{
    fixture *f = *state;
    char path[160];
    sc_tempfile tmp;

    pupil_put(f, "1A", "DUPONT", "Jean", "2nde 2", SC_DATE_NONE,
              SC_STATUS_READY);
    snprintf(path, sizeof path, "%s/absent/suivi.xlsx.etat", f->dir);
    assert_int_not_equal(sc_statefile_prepare_pupils(f->data, f->verdicts, 0,
                                                     SC_DATE_NONE, path,
                                                     &tmp, &f->diag),
                         SC_OK);
    assert_true(f->diag.message[0] != '\0');
    support_assert_files(f->dir, 0);
}

static void test_read_missing_file_is_file_open(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_FILE_OPEN);
    assert_string_equal(f->diag.file, f->path);
    assert_int_equal(f->a.count, 0);
    assert_null(f->a.lines);
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

/* A link is never followed: one to another workbook's state would show
 * its pupils here, one to /dev/zero would never end. */
static void test_read_of_a_link_is_state_error_not_followed(void **state)
{
    fixture *f = *state;
    char other[160];

    snprintf(other, sizeof other, "%s/autre.xlsx.etat", f->dir);
    support_write(other, "INE:1\t2nde 1\tSECRET\tLéa\tPrêt\n");
    assert_int_equal(symlink(other, f->path), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_STATE);
    assert_int_equal(f->a.count, 0);
    assert_non_null(strstr(f->diag.message, "lien symbolique"));
}

/* A FIFO is refused at once, never read (it would hang the run while it
 * holds the lock). */
static void test_read_of_a_fifo_is_state_error_without_waiting(void **state)
{
    fixture *f = *state;

    assert_int_equal(mkfifo(f->path, 0600), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_STATE);
    assert_non_null(strstr(f->diag.message, "pas un fichier ordinaire"));
}

/* Run as root, a state file that another user put there is not trusted. */
static void test_read_of_another_users_file_is_state_error(void **state)
{
    fixture *f = *state;

    if (geteuid() != 0)
        skip();
    support_write(f->path, "INE:1\t2nde 1\tDUPONT\tLéa\tPrêt\n");
    assert_int_equal(chown(f->path, 65534, 65534), 0);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag),
                     SC_ERROR_STATE);
    assert_non_null(strstr(f->diag.message, "autre utilisateur"));
}

static void test_read_skips_comments_blank_lines_and_crlf(void **state)
{
    fixture *f = *state;

    support_write(f->path, "# en-tête\n\n"
                        "INE:1A\t2nde 2\tDUPONT\tJean\tDossier incomplet\r\n"
                        "\r\n# fin\n"
                        "INE:2B\t2nde 3\tMARTIN\tLéa\tSans lieu d'accueil");
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(f->a.count, 2);
    assert_string_equal(line_of(&f->a, 0).first, "Jean");
    assert_int_equal(sc_state_get(&f->a, 0).status, SC_STATUS_INCOMPLETE);
    assert_string_equal(sc_state_get(&f->a, 1).key, "INE:2B");
    assert_int_equal(sc_state_get(&f->a, 1).status, SC_STATUS_NO_HOST);
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

    support_write_bytes(f->path, line, sizeof line - 1);
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
    support_write(f->path, f->text);
    assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);
    assert_int_equal(f->a.count, 1);
    assert_int_equal(strlen(line_of(&f->a, 0).surname), n);
}

static void test_read_knows_every_status_label(void **state)
{
    fixture *f = *state;
    char line[256];

    /* What the file says is what sc_status_label writes, for each status. */
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        snprintf(line, sizeof line, "INE:%d\t2nde 2\tDUPONT\tJean\t%s\n", s,
                 sc_status_label((sc_status)s));
        support_write(f->path, line);
        sc_state_clear(&f->a);
        assert_int_equal(sc_statefile_read(&f->a, f->path, &f->diag), SC_OK);
        assert_int_equal(f->a.count, 1);
        assert_int_equal(sc_state_get(&f->a, 0).status, s);
    }
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_path_is_workbook_path_plus_etat),
        TEST(test_write_then_read_gives_the_same_lines),
        TEST(test_read_takes_room_for_every_line_at_once),
        TEST(test_write_keeps_the_run_date_in_a_comment),
        TEST(test_write_gives_comment_then_one_tab_separated_line),
        TEST(test_write_turns_tab_and_newline_in_a_field_into_spaces),
        TEST(test_add_cleans_tabs_so_the_next_run_compares_equal),
        TEST(test_written_file_is_closed_to_others),
        TEST(test_write_into_missing_folder_fails_without_leftover),
        TEST(test_write_that_cannot_rename_removes_its_temp),
        TEST(test_write_replaces_the_previous_state),
        TEST(test_write_of_an_empty_state_reads_back_empty),
        TEST(test_prepare_leaves_the_state_in_the_temporary_file),
        TEST(test_pupils_write_a_line_for_each_shown_pupil),
        TEST(test_pupils_write_what_their_lines_would),
        TEST(test_pupils_compare_equal_to_the_state_they_wrote),
        TEST(test_pupils_with_a_long_key_write_it_whole),
        TEST(test_pupils_into_a_missing_folder_fail_without_leftover),
        TEST(test_read_missing_file_is_file_open),
        TEST(test_read_of_a_folder_is_state_error),
        TEST(test_read_of_a_link_is_state_error_not_followed),
        TEST(test_read_of_a_fifo_is_state_error_without_waiting),
        TEST(test_read_of_another_users_file_is_state_error),
        TEST(test_read_skips_comments_blank_lines_and_crlf),
        TEST(test_read_line_of_three_fields_is_state_error_there),
        TEST(test_read_line_of_six_fields_is_state_error),
        TEST(test_read_unknown_status_is_state_error_there),
        TEST(test_read_invalid_utf8_is_state_error),
        TEST(test_read_nul_byte_is_state_error),
        TEST(test_read_empty_key_is_state_error),
        TEST(test_read_long_line),
        TEST(test_read_knows_every_status_label),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
