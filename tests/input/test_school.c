/*
 * test_school.c - unit tests of school.c: splitting the inputs by UAI, and
 * the file names of the schools' workbooks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/input/school.h"
#include "../support.h"
#include "stagecheck/core/dataset.h"

#define ROLL_HEADER "UAI;Établissement;Nom;Prénom;Classe;INE\n"
#define STAGES_HEADER "RNE;INE;Structure d'accueil;Date de début;Date de fin\n"

typedef struct fixture {
    char dir[64];
    sc_file files[2];
    size_t nfiles;
    sc_schools schools;
    sc_anomalies anomalies;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (support_make_dir(f->dir, sizeof f->dir, "test_school") != 0) {
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

    sc_school_list_clear(&f->schools);
    for (size_t i = 0; i < f->nfiles; i++)
        sc_file_clear(&f->files[i]);
    sc_anomalies_clear(&f->anomalies);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

/* Writes text as file name in the fixture's folder and loads it. */
#define load(f, name, kind, text) \
    load_at((f), (name), (kind), (text), __FILE__, __LINE__)

static void load_at(fixture *f, const char *name, sc_kind kind,
                    const char *text, const char *file, int line)
{
    char path[128];

    support_join_at(path, sizeof path, f->dir, name, file, line);
    support_write_at(path, text, strlen(text), file, line);
    _assert_int_equal(
        cast_to_largest_integral_type(sc_file_load(&f->files[f->nfiles++],
                                                   path, kind, NULL,
                                                   &f->anomalies, &f->diag)),
        cast_to_largest_integral_type(SC_OK), file, line);
}

static sc_error split(fixture *f, int by_school)
{
    return sc_school_split(&f->schools, f->files, f->nfiles, by_school,
                            &f->anomalies, &f->diag);
}

/* The line numbers of the rows of part p of school s (header left out). */
static void assert_lines(const fixture *f, size_t s, size_t p,
                         const unsigned *lines, size_t n)
{
    const sc_part *part = &f->schools.items[s].parts[p];

    assert_int_equal(part->table->nrows, n + 1);
    /* Row 0 is the header row, so that the part reads like a whole file. */
    assert_int_equal(part->table->rows[0].line, 1);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(part->table->rows[i + 1].line, lines[i]);
}

static void test_split_without_uai_column_gives_one_school(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL,
         "Nom;Prénom;Classe\nA;a;2nde 1\nB;b;2nde 2\n");
    load(f, "stages.csv", SC_KIND_PLACEMENTS,
         "Nom;Prénom;Structure d'accueil\nA;a;Mairie\n");
    assert_int_equal(split(f, 0), SC_OK);
    assert_int_equal(f->schools.count, 1);
    assert_null(f->schools.items[0].uai);
    assert_int_equal(f->schools.items[0].nparts, 2);
    assert_lines(f, 0, 0, (unsigned[]){2, 3}, 2);
    assert_lines(f, 0, 1, (unsigned[]){2}, 1);
    assert_int_equal(f->anomalies.count, 0);
}

static void test_split_by_school_groups_rows_by_uai_in_file_order(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL,
         ROLL_HEADER "0690002B;Lycée B;A;a;2nde 1;I1\n"
                     "0690001A;;B;b;2nde 1;I2\n"
                     " 0690001a ;Lycée A;C;c;2nde 2;I3\n"
                     "0690002B;Autre nom;D;d;2nde 1;I4\n");
    load(f, "stages.csv", SC_KIND_PLACEMENTS,
         STAGES_HEADER "0690002B;I1;Mairie;17/06/2024;28/06/2024\n");
    assert_int_equal(split(f, 1), SC_OK);
    assert_int_equal(f->schools.count, 2);
    /* Sorted by code; the code is read without case or spaces. */
    assert_string_equal(f->schools.items[0].uai, "0690001A");
    assert_string_equal(f->schools.items[0].name, "Lycée A");
    assert_int_equal(f->schools.items[0].nparts, 1);
    assert_lines(f, 0, 0, (unsigned[]){3, 4}, 2);
    assert_string_equal(f->schools.items[1].uai, "0690002B");
    /* The first name given wins. */
    assert_string_equal(f->schools.items[1].name, "Lycée B");
    assert_int_equal(f->schools.items[1].nparts, 2);
    assert_lines(f, 1, 0, (unsigned[]){2, 5}, 2);
    assert_int_equal(f->schools.items[1].parts[1].file, 1);
    assert_lines(f, 1, 1, (unsigned[]){2}, 1);
}

static void test_split_by_school_reports_row_without_uai(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL,
         ROLL_HEADER "0690001A;;A;a;2nde 1;I1\n ;;B;b;2nde 1;I2\n");
    assert_int_equal(split(f, 1), SC_OK);
    assert_int_equal(f->schools.count, 1);
    assert_lines(f, 0, 0, (unsigned[]){2}, 1);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_ERROR);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_non_null(strstr(f->anomalies.items[0].file, "eleves.csv"));
    assert_non_null(strstr(f->anomalies.items[0].message, "sans code UAI"));
}

static void test_split_by_school_refuses_file_without_uai_column(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL, ROLL_HEADER "0690001A;;A;a;2nde 1;I1\n");
    load(f, "stages.csv", SC_KIND_PLACEMENTS,
         "INE;Structure d'accueil\nI1;Mairie\n");
    assert_int_equal(split(f, 1), SC_ERROR_NO_HEADER);
    assert_non_null(strstr(f->diag.file, "stages.csv"));
    assert_non_null(strstr(f->diag.message, "UAI"));
}

static void test_split_by_school_needs_some_uai(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL, "Nom;Prénom;Classe\nA;a;2nde 1\n");
    assert_int_equal(split(f, 1), SC_ERROR_NO_HEADER);
    assert_non_null(strstr(f->diag.message, "--by-school"));
}

static void test_split_one_workbook_refuses_two_schools(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL,
         ROLL_HEADER "0690001A;;A;a;2nde 1;I1\n0690002B;;B;b;2nde 1;I2\n");
    assert_int_equal(split(f, 0), SC_ERROR_SCHOOLS);
    assert_non_null(strstr(f->diag.file, "eleves.csv"));
    assert_int_equal(f->diag.line, 3);
    assert_non_null(strstr(f->diag.message, "--by-school"));
}

static void test_split_one_workbook_keeps_rows_without_uai(void **state)
{
    fixture *f = *state;

    load(f, "eleves.csv", SC_KIND_ROLL,
         ROLL_HEADER ";;A;a;2nde 1;I1\n0690001A;;B;b;2nde 1;I2\n");
    /* A placements sheet typed by hand has no UAI column: not a fault. */
    load(f, "stages.csv", SC_KIND_PLACEMENTS,
         "INE;Structure d'accueil\nI1;Mairie\n");
    assert_int_equal(split(f, 0), SC_OK);
    assert_int_equal(f->schools.count, 1);
    assert_string_equal(f->schools.items[0].uai, "0690001A");
    assert_lines(f, 0, 0, (unsigned[]){2, 3}, 2);
    assert_lines(f, 0, 1, (unsigned[]){2}, 1);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_int_equal(f->anomalies.items[0].line, 2);
}

/* A school's part holding every row under its file's header is that
 * file's own array from the header on, borrowed, not a copy (a million
 * rows: 16 MB); a part of some rows is a copy. */
static void test_split_borrows_the_rows_of_a_whole_file(void **state)
{
    fixture *f = *state;
    const sc_part *whole, *some;

    load(f, "eleves.csv", SC_KIND_ROLL,
         "Liste des élèves\n" ROLL_HEADER "0690001A;;A;a;2nde 1;I1\n"
         "0690001A;;B;b;2nde 1;I2\n");
    load(f, "stages.csv", SC_KIND_PLACEMENTS,
         STAGES_HEADER "0690001A;I1;Mairie;17/06/2024;28/06/2024\n"
                       "0690002B;I9;Garage;17/06/2024;28/06/2024\n");
    assert_int_equal(split(f, 1), SC_OK);
    assert_int_equal(f->schools.count, 2);
    assert_int_equal(f->schools.items[0].nparts, 2);
    whole = &f->schools.items[0].parts[0];
    some = &f->schools.items[0].parts[1];
    assert_true(whole->table->borrowed);
    assert_ptr_equal(whole->table->rows,
                     f->files[0].table->rows + f->files[0].header.row);
    /* The title line above the header is left out. */
    assert_int_equal(whole->table->nrows, 3);
    assert_int_equal(whole->table->rows[0].line, 2); /* the header's */
    assert_int_equal(whole->table->rows[1].line, 3);
    assert_int_equal(whole->table->rows[2].line, 4);
    assert_false(some->table->borrowed);
    assert_true(some->table->rows < f->files[1].table->rows ||
                some->table->rows >= f->files[1].table->rows +
                                         f->files[1].table->nrows);
    assert_lines(f, 0, 1, (unsigned[]){2}, 1);
    assert_lines(f, 1, 0, (unsigned[]){3}, 1);
}

static void test_file_name_is_ascii_and_never_a_path(void **state)
{
    char uai1[] = "0690001A", name1[] = "Lycée Saint-Exupéry (site d'Écully)";
    char uai2[] = "../../etc", uai3[] = "///", name3[] = "***";
    sc_school school = {0};
    char name[128];

    (void)state;
    school.uai = uai1;
    school.name = name1;
    sc_school_file_name(&school, name, sizeof name);
    assert_string_equal(name, "0690001A-Lycee-Saint-Exupery-site-d-Ecully.xlsx");
    school.uai = uai2;
    school.name = NULL;
    sc_school_file_name(&school, name, sizeof name);
    assert_string_equal(name, "etc.xlsx");
    school.uai = uai3;
    school.name = name3;
    sc_school_file_name(&school, name, sizeof name);
    assert_string_equal(name, "etablissement.xlsx");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_split_without_uai_column_gives_one_school, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_split_by_school_groups_rows_by_uai_in_file_order, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_split_by_school_reports_row_without_uai, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_split_by_school_refuses_file_without_uai_column, setup,
            teardown),
        cmocka_unit_test_setup_teardown(test_split_by_school_needs_some_uai,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_split_one_workbook_refuses_two_schools, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_split_one_workbook_keeps_rows_without_uai, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_split_borrows_the_rows_of_a_whole_file, setup, teardown),
        cmocka_unit_test(test_file_name_is_ascii_and_never_a_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
