/*
 * test_output.c - unit tests of output.c: the checks on an output path,
 * the folder of --by-school, the workbooks' names in it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "stagecheck/store/output.h"
#include "../support.h"

typedef struct fixture {
    char dir[64];
    char path[128];     /* dir/suivi.xlsx, not made */
    char input[128];    /* dir/eleves.csv, made */
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_output") != 0) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/suivi.xlsx", f->dir);
    snprintf(f->input, sizeof f->input, "%s/eleves.csv", f->dir);
    if (support_write_file(f->input, "Nom;Classe\n") != 0) {
        support_remove_dir(f->dir);
        free(f);
        return -1;
    }
    sc_diag_clear(&f->diag);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static void test_output_new_workbook_in_existing_folder_is_fine(void **state)
{
    fixture *f = *state;
    const char *inputs[] = {f->input};

    assert_int_equal(sc_output_check(f->path, 1, inputs, 1, &f->diag), SC_OK);
    assert_string_equal(f->diag.message, "");
}

static void test_output_that_is_a_folder_is_refused(void **state)
{
    fixture *f = *state;
    char expected[512];

    assert_int_equal(sc_output_check(f->dir, 1, NULL, 0, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, f->dir);
    snprintf(expected, sizeof expected, "c'est un dossier : donnez le chemin "
             "d'un classeur, par exemple %s/suivi-stages.xlsx (ou "
             "--by-school %s pour un classeur par établissement)", f->dir,
             f->dir);
    assert_string_equal(f->diag.message, expected);
    /* Even when the folder is not to be checked (--by-school). */
    assert_int_equal(sc_output_check(f->dir, 0, NULL, 0, &f->diag),
                     SC_ERROR_OUTPUT);
}

static void test_output_in_missing_folder_is_refused_when_checked(
    void **state)
{
    fixture *f = *state;
    char path[192], expected[512];

    snprintf(path, sizeof path, "%s/absent/suivi.xlsx", f->dir);
    assert_int_equal(sc_output_check(path, 1, NULL, 0, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, path);
    snprintf(expected, sizeof expected, "le dossier « %s/absent » n'existe "
             "pas : créez-le, ou choisissez un autre chemin", f->dir);
    assert_string_equal(f->diag.message, expected);
    /* --by-school makes its folder later: not checked then. */
    assert_int_equal(sc_output_check(path, 0, NULL, 0, &f->diag), SC_OK);
}

static void test_output_that_is_an_input_is_refused(void **state)
{
    fixture *f = *state;
    char other[192], link_path[192], expected[512];
    const char *inputs[2];

    /* The same file under another name: a hard link. */
    snprintf(other, sizeof other, "%s/stages.csv", f->dir);
    assert_int_equal(support_write_file(other, "x\n"), 0);
    snprintf(link_path, sizeof link_path, "%s/lien.xlsx", f->dir);
    assert_int_equal(link(f->input, link_path), 0);
    inputs[0] = other;
    inputs[1] = f->input;
    assert_int_equal(sc_output_check(link_path, 1, inputs, 2, &f->diag),
                     SC_ERROR_SAME_FILE);
    assert_string_equal(f->diag.file, link_path);
    snprintf(expected, sizeof expected, "le classeur de sortie est aussi un "
             "fichier d'entrée (%s) : choisissez un autre nom", f->input);
    assert_string_equal(f->diag.message, expected);
    /* An input that cannot be read is no reason to refuse. */
    inputs[1] = "absent.csv";
    assert_int_equal(sc_output_check(link_path, 1, inputs, 2, &f->diag),
                     SC_OK);
}

static void test_output_make_folder_creates_it_once(void **state)
{
    fixture *f = *state;
    char dir[192];
    struct stat st;

    snprintf(dir, sizeof dir, "%s/classeurs", f->dir);
    assert_int_equal(sc_output_make_folder(dir, &f->diag), SC_OK);
    assert_int_equal(stat(dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(sc_output_make_folder(dir, &f->diag), SC_OK);
}

static void test_output_make_folder_refuses_a_file(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_output_make_folder(f->input, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.file, f->input);
    assert_string_equal(f->diag.message,
                        "--by-school : ce n'est pas un dossier");
}

static void test_output_make_folder_without_parent_says_why(void **state)
{
    fixture *f = *state;
    char dir[192];

    snprintf(dir, sizeof dir, "%s/a/b", f->dir);
    assert_int_equal(sc_output_make_folder(dir, &f->diag), SC_ERROR_OUTPUT);
    assert_string_equal(f->diag.message, "--by-school : impossible de créer "
                                         "le dossier : fichier ou dossier "
                                         "introuvable");
}

static void test_output_join_puts_one_slash(void **state)
{
    char *path = sc_output_join("classeurs", "academie.xlsx");

    (void)state;
    assert_string_equal(path, "classeurs/academie.xlsx");
    free(path);
}

static void test_output_book_path_numbers_names_taken_earlier(void **state)
{
    char *paths[4] = {NULL};
    sc_output_names *names = sc_output_names_new();

    (void)state;
    assert_non_null(names);
    paths[0] = sc_output_book_path(names, "d", "0690001A-Lycee.xlsx");
    paths[1] = sc_output_book_path(names, "d", "0690001A-Lycee.xlsx");
    paths[2] = sc_output_book_path(names, "d", "0690001A-Lycee.xlsx");
    /* A name another one only starts with is not taken. */
    paths[3] = sc_output_book_path(names, "d", "0690001A-Lyc.xlsx");
    sc_output_names_free(names);
    assert_string_equal(paths[0], "d/0690001A-Lycee.xlsx");
    assert_string_equal(paths[1], "d/0690001A-Lycee-2.xlsx");
    assert_string_equal(paths[2], "d/0690001A-Lycee-3.xlsx");
    assert_string_equal(paths[3], "d/0690001A-Lyc.xlsx");
    for (size_t i = 0; i < 4; i++)
        free(paths[i]);
}

/* A school whose own name ends in "-2" comes first: the second "A" must
 * not be given its name (the old prefix matching did, and one workbook
 * overwrote the other). */
static void test_output_book_path_never_gives_a_name_twice(void **state)
{
    char *paths[4] = {NULL};
    sc_output_names *names = sc_output_names_new();

    (void)state;
    assert_non_null(names);
    paths[0] = sc_output_book_path(names, "d", "A-2.xlsx");
    paths[1] = sc_output_book_path(names, "d", "A.xlsx");
    paths[2] = sc_output_book_path(names, "d", "A.xlsx");
    /* Case apart, one file on a Windows share; and the académie's. */
    paths[3] = sc_output_book_path(names, "d", "academie.xlsx");
    sc_output_names_free(names);
    assert_string_equal(paths[0], "d/A-2.xlsx");
    assert_string_equal(paths[1], "d/A.xlsx");
    assert_string_equal(paths[2], "d/A-3.xlsx");
    assert_string_equal(paths[3], "d/academie-2.xlsx");
    for (size_t i = 0; i < 4; i++)
        free(paths[i]);
    names = sc_output_names_new();
    assert_non_null(names);
    paths[0] = sc_output_book_path(names, "d", "LYCEE.xlsx");
    paths[1] = sc_output_book_path(names, "d", "Lycee.xlsx");
    sc_output_names_free(names);
    assert_string_equal(paths[1], "d/Lycee-2.xlsx");
    free(paths[0]);
    free(paths[1]);
}

/* An académie of hundreds of lycées: every name is given as it is, the
 * set growing as it must, and a repeat still gets its suffix. */
static void test_output_book_path_takes_as_many_names_as_schools(
    void **state)
{
    sc_output_names *names = sc_output_names_new();
    char name[32], expected[40];

    (void)state;
    assert_non_null(names);
    for (int i = 0; i < 3000; i++) {
        char *path;

        snprintf(name, sizeof name, "%07dA-Lycee.xlsx", i);
        snprintf(expected, sizeof expected, "d/%s", name);
        path = sc_output_book_path(names, "d", name);
        assert_non_null(path);
        assert_string_equal(path, expected);
        free(path);
    }
    {
        char *again = sc_output_book_path(names, "d", "0002999A-LYCEE.xlsx");

        assert_non_null(again);
        assert_string_equal(again, "d/0002999A-LYCEE-2.xlsx");
        free(again);
    }
    sc_output_names_free(names);
}

/* A FIFO, a device or a socket at -o would be replaced by a regular file:
 * refused, and left as it was. */
static void test_output_that_is_a_fifo_or_device_is_refused(void **state)
{
    fixture *f = *state;
    struct stat st;

    assert_int_equal(mkfifo(f->path, 0600), 0);
    assert_int_equal(sc_output_check(f->path, 1, NULL, 0, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_non_null(strstr(f->diag.message, "tube nommé"));
    assert_int_equal(lstat(f->path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    sc_diag_clear(&f->diag);
    assert_int_equal(sc_output_check("/dev/null", 0, NULL, 0, &f->diag),
                     SC_ERROR_OUTPUT);
    assert_non_null(strstr(f->diag.message, "périphérique"));
}

/* A link at -o is fine: the rename replaces the link, never its target. */
static void test_output_that_is_a_link_is_accepted(void **state)
{
    fixture *f = *state;

    assert_int_equal(symlink("/dev/null", f->path), 0);
    assert_int_equal(sc_output_check(f->path, 1, NULL, 0, &f->diag), SC_OK);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_output_new_workbook_in_existing_folder_is_fine),
        TEST(test_output_that_is_a_folder_is_refused),
        TEST(test_output_in_missing_folder_is_refused_when_checked),
        TEST(test_output_that_is_an_input_is_refused),
        TEST(test_output_that_is_a_fifo_or_device_is_refused),
        TEST(test_output_that_is_a_link_is_accepted),
        TEST(test_output_make_folder_creates_it_once),
        TEST(test_output_make_folder_refuses_a_file),
        TEST(test_output_make_folder_without_parent_says_why),
        TEST(test_output_join_puts_one_slash),
        TEST(test_output_book_path_numbers_names_taken_earlier),
        TEST(test_output_book_path_never_gives_a_name_twice),
        TEST(test_output_book_path_takes_as_many_names_as_schools),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
