/*
 * test_archive.c - unit tests of archive.c: members found whatever their
 * case, small members read whole, and a damaged zip entry reported as
 * such.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/input/archive.h"
#include "../support.h"
#include "sheet_support.h"

typedef struct fixture {
    char dir[64];
    char path[128];
    sc_archive *archive;
    sc_archive_part part;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    const char *list[] = {
        "a.xml", "<a><b>bonjour</b></a>",
        "Mimetype", "application/vnd.oasis.opendocument.spreadsheet",
        NULL,
    };

    if (!f || support_make_dir(f->dir, sizeof f->dir, "test_archive") != 0) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/a.zip", f->dir);
    if (zipfix_write(f->path, list) != 0) {
        support_remove_dir(f->dir);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_archive_part_close(&f->part);
    sc_archive_free(f->archive);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

static void test_members_are_found_whatever_their_case(void **state)
{
    fixture *f = *state;
    char *text;
    size_t len;

    assert_int_equal(sc_archive_open(f->path, &f->archive, &f->diag), SC_OK);
    assert_string_equal(sc_archive_path(f->archive), f->path);
    assert_true(sc_archive_has(f->archive, "A.XML"));
    assert_false(sc_archive_has(f->archive, "b.xml"));
    assert_int_equal(sc_archive_slurp(f->archive, "mimetype", 64, &text, &len,
                                      &f->diag), SC_OK);
    assert_int_equal(len, 46);
    assert_string_equal(text, "application/vnd.oasis.opendocument.spreadsheet");
    free(text);
    /* Longer than asked: refused, not cut. */
    assert_int_equal(sc_archive_slurp(f->archive, "mimetype", 10, &text, &len,
                                      &f->diag), SC_ERROR_FILE_READ);
    assert_null(text);
    assert_int_equal(sc_archive_part_open(f->archive, "absent.xml", &f->part,
                                          &f->diag), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.message,
                        "l'archive ne contient pas absent.xml : ce n'est pas "
                        "un classeur complet");
}

static void test_text_and_attributes_of_a_part(void **state)
{
    fixture *f = *state;
    sc_archive_text text = {0};

    assert_int_equal(sc_archive_open(f->path, &f->archive, &f->diag), SC_OK);
    assert_int_equal(sc_archive_part_open(f->archive, "a.xml", &f->part,
                                          &f->diag), SC_OK);
    assert_int_equal(sc_archive_part_next(&f->part), 1);
    assert_true(sc_archive_part_is(&f->part, "a", NULL));
    assert_false(sc_archive_part_is(&f->part, "a", "urn:x"));
    assert_null(sc_archive_part_attr(&f->part, "id", NULL));
    assert_int_equal(sc_archive_part_text(&f->part, &text), 1);
    assert_string_equal(text.s, "bonjour");
    assert_int_equal(sc_archive_part_next(&f->part), 0);
    sc_archive_text_clear(&text);
}

/* Changes one byte of the stored member's data: its CRC no longer
 * matches. */
static void damage(const char *path)
{
    FILE *fp = fopen(path, "r+b");
    char bytes[4096], *at;
    size_t n;

    assert_non_null(fp);
    n = fread(bytes, 1, sizeof bytes, fp);
    at = memmem(bytes, n, "bonjour", 7);
    assert_non_null(at);
    fseek(fp, at - bytes, SEEK_SET);
    fputc('c', fp);
    fclose(fp);
}

static void test_a_damaged_entry_is_reported(void **state)
{
    fixture *f = *state;
    int r;

    damage(f->path);
    assert_int_equal(sc_archive_open(f->path, &f->archive, &f->diag), SC_OK);
    assert_int_equal(sc_archive_part_open(f->archive, "a.xml", &f->part,
                                          &f->diag), SC_OK);
    while ((r = sc_archive_part_next(&f->part)) == 1)
        ;
    assert_int_equal(r, -1);
    assert_int_equal(sc_archive_part_fail(&f->part, "feuille « A »", 2,
                                          &f->diag), SC_ERROR_FILE_READ);
    assert_string_equal(f->diag.file, f->path);
    assert_string_equal(f->diag.message,
                        "feuille « A » : archive abîmée : a.xml ne se "
                        "décompresse pas sans erreur (vers la ligne 2 de la "
                        "feuille) ; enregistrez le fichier de nouveau depuis "
                        "Excel ou LibreOffice");
}

static void test_what_is_no_zip_is_refused(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_archive_open_buffer("x.xlsx", "PK\x03\x04 pas plus",
                                            13, &f->archive, &f->diag),
                     SC_ERROR_FILE_READ);
    assert_null(f->archive);
    assert_string_equal(f->diag.file, "x.xlsx");
    assert_non_null(strstr(f->diag.message, "archive zip incomplète"));
    assert_int_equal(sc_archive_open(f->dir, &f->archive, &f->diag),
                     SC_ERROR_FILE_READ);
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_members_are_found_whatever_their_case),
        TEST(test_text_and_attributes_of_a_part),
        TEST(test_a_damaged_entry_is_reported),
        TEST(test_what_is_no_zip_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
