/*
 * test_table.c - unit tests of table.c: the rows every reader gives, their
 * fields kept in a few large blocks per table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#define SUPPORT_COUNT_BLOCKS
#include "../support.h"
#include "stagecheck/input/table.h"

static int setup(void **state)
{
    sc_table *table = sc_table_new("eleves.csv");

    if (!table)
        return -1;
    *state = table;
    return 0;
}

static int teardown(void **state)
{
    sc_table_free(*state);
    return 0;
}

/* Adds a row of the given fields (string literals), copied as fields. */
#define add_row(t, line, ...) \
    add_row_at((t), (line), (const char *[]){__VA_ARGS__, NULL}, __FILE__, \
               __LINE__)

static void add_row_at(sc_table *t, unsigned line, const char **cells,
                       const char *file, int at)
{
    char *fields[16];
    size_t n = 0;

    for (; cells[n]; n++) {
        fields[n] = sc_table_field(t, cells[n], strlen(cells[n]));
        _assert_true(cast_to_largest_integral_type(fields[n] != NULL),
                     "sc_table_field", file, at);
    }
    _assert_int_equal(
        cast_to_largest_integral_type(sc_table_add_row(t, line, fields, n)),
        cast_to_largest_integral_type(SC_OK), file, at);
}

static void test_new_is_an_empty_table_of_its_path(void **state)
{
    sc_table *t = *state;

    assert_string_equal(t->path, "eleves.csv");
    assert_null(t->sheet);
    assert_int_equal(t->sep, 0);
    assert_int_equal(t->nrows, 0);
    assert_null(t->rows);
}

static void test_field_is_a_cleaned_copy(void **state)
{
    sc_table *t = *state;
    char text[] = "  =\"0701\"  ;reste";
    char *field = sc_table_field(t, text, 11);

    assert_non_null(field);
    assert_ptr_not_equal(field, text);
    assert_string_equal(field, "0701"); /* trimmed, ="..." removed */
    text[4] = 'X';
    assert_string_equal(field, "0701");
}

static void test_add_row_keeps_line_fields_and_order(void **state)
{
    sc_table *t = *state;

    add_row(t, 1, "Nom", "Prénom", "Classe");
    add_row(t, 4, "DUPONT", "Léa", "2nde 1");
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->rows[0].line, 1);
    assert_int_equal(t->rows[0].nfields, 3);
    assert_string_equal(t->rows[0].fields[2], "Classe");
    assert_int_equal(t->rows[1].line, 4);
    assert_string_equal(t->rows[1].fields[1], "Léa");
}

static void test_add_row_of_empty_fields_is_left_out(void **state)
{
    sc_table *t = *state;

    add_row(t, 1, "Nom");
    add_row(t, 2, "", "", "");
    add_row(t, 3, "   ", "\t"); /* cleaned to empty fields */
    add_row(t, 4, "", "DUPONT");
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->rows[1].line, 4);
}

static void test_row_blank_counts_no_break_spaces_as_blank(void **state)
{
    char nbsp[] = "\xC2\xA0", space[] = " ", name[] = "DUPONT";
    char *blank[] = {nbsp, space}, *full[] = {nbsp, name};

    (void)state;
    assert_true(sc_table_row_blank(&(sc_row){1, 2, blank}));
    assert_false(sc_table_row_blank(&(sc_row){1, 2, full}));
    assert_true(sc_table_row_blank(&(sc_row){1, 0, NULL}));
}

static void test_alloc_is_aligned_as_asked(void **state)
{
    sc_table *t = *state;

    assert_non_null(sc_table_alloc(t, 3, 1));
    for (size_t align = 1; align <= 16; align *= 2) {
        void *p = sc_table_alloc(t, 5, align);

        assert_non_null(p);
        assert_int_equal((uintptr_t)p % align, 0);
    }
}

static void test_alloc_bigger_than_a_block_is_whole(void **state)
{
    sc_table *t = *state;
    size_t big = 200 * 1024;
    char *p = sc_table_alloc(t, big, 1);

    assert_non_null(p);
    memset(p, 'a', big); /* all of it is there (ASan would say) */
    assert_int_equal(p[big - 1], 'a');
}

static void test_fields_stay_put_while_rows_grow(void **state)
{
    sc_table *t = *state;
    char cell[32];

    /* Many rows, several blocks: earlier fields never move. */
    for (unsigned i = 0; i < 20000; i++) {
        snprintf(cell, sizeof cell, "cellule %u", i);
        add_row(t, i + 1, cell, "x");
    }
    assert_int_equal(t->nrows, 20000);
    assert_string_equal(t->rows[0].fields[0], "cellule 0");
    assert_string_equal(t->rows[9999].fields[0], "cellule 9999");
    assert_string_equal(t->rows[19999].fields[0], "cellule 19999");
    assert_int_equal(t->rows[19999].line, 20000);
}

static void test_free_gives_back_every_block(void **state)
{
    long before = support_live_blocks();
    sc_table *t = sc_table_new("stages.csv");
    char cell[32];

    (void)state;
    assert_non_null(t);
    for (unsigned i = 0; i < 20000; i++) {
        snprintf(cell, sizeof cell, "%u", i);
        add_row(t, i + 1, cell);
    }
    support_assert_more_blocks(before);
    sc_table_free(t);
    support_assert_live_blocks(before);
    sc_table_free(NULL);
    support_assert_live_blocks(before);
}

/* Returns 1 if the page holding p is mapped in this process. */
static int mapped(const void *p)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned char in_core;
    void *start = (void *)((uintptr_t)p & ~(uintptr_t)(page - 1));

    return mincore(start, 1, &in_core) == 0;
}

static void test_rows_and_fields_are_left_out_of_forks(void **state)
{
    sc_table *t = *state;
    const void *field, *rows;
    int status;
    pid_t pid;

    add_row(t, 1, "DUPONT", "Léa", "2nde 1");
    field = t->rows[0].fields[0];
    rows = t->rows;
    assert_true(mapped(field));
    assert_true(mapped(rows));
    /* A writing child never reads them: each fork of a run would copy
     * their page tables, for every table not yet checked. */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(!mapped(field) && !mapped(rows) ? 0 : 1);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_string_equal(t->rows[0].fields[0], "DUPONT");
}

static void test_free_unmaps_rows_and_fields(void **state)
{
    sc_table *t = sc_table_new("stages.csv");
    const void *field, *rows;

    (void)state;
    assert_non_null(t);
    add_row(t, 1, "DUPONT", "Léa", "2nde 1");
    field = t->rows[0].fields[0];
    rows = t->rows;
    sc_table_free(t);
    /* Given back to the system, not kept in malloc's heap, where the next
     * fork would copy them. */
    assert_false(mapped(field));
    assert_false(mapped(rows));
}

/* Fills t with a title row, then n rows "NOM i;2A" at lines 2 ..: the
 * class is one field shared by every row. */
static void add_numbered_rows(sc_table *t, unsigned n)
{
    char cell[32];

    add_row(t, 1, "Nom", "Classe");
    for (unsigned i = 0; i < n; i++) {
        snprintf(cell, sizeof cell, "NOM %u", i);
        add_row(t, i + 2, cell, "2A");
    }
}

static void test_release_gives_back_the_arrays_of_rows_read(void **state)
{
    sc_table *t = *state;
    const void *early;
    long before;

    add_numbered_rows(t, 20000);
    early = t->rows[10000].fields;
    before = support_live_blocks();
    sc_table_release(t, 1, 19000);
    /* Their arrays' blocks are unmapped, their bookkeeping freed. */
    assert_false(mapped(early));
    assert_true(!SUPPORT_BLOCKS_COUNTED || support_live_blocks() < before);
    /* Each row given back reads as one of no fields, at either end of the
     * range too, on pages it shares with rows kept. */
    for (size_t i = 1; i < 19000; i++) {
        assert_int_equal(t->rows[i].nfields, 0);
        assert_null(t->rows[i].fields);
    }
    /* The header before, and the rows after, are whole; the field they
     * share with the rows given back stays. */
    assert_string_equal(t->rows[0].fields[1], "Classe");
    assert_int_equal(t->rows[19000].line, 19001);
    assert_string_equal(t->rows[19000].fields[0], "NOM 18999");
    assert_string_equal(t->rows[20000].fields[0], "NOM 19999");
    assert_string_equal(t->rows[20000].fields[1], "2A");
}

static void test_release_again_further_on_keeps_the_rest(void **state)
{
    sc_table *t = *state;

    /* As the record step calls it: from the first row, a little further
     * each time, then freed. */
    add_numbered_rows(t, 10000);
    for (size_t to = 4096; to < t->nrows; to += 4096) {
        sc_table_release(t, 1, to);
        assert_int_equal(t->rows[to - 1].nfields, 0);
        assert_string_equal(t->rows[to].fields[1], "2A");
        assert_string_equal(t->rows[0].fields[0], "Nom");
    }
}

static void test_release_through_a_borrowed_view_reaches_its_table(
    void **state)
{
    sc_table *t = *state;
    sc_table view = {.path = "eleves.csv"};
    char cell[32];

    /* A title above the header, as school.c borrows the rows from the
     * header on: the view's row 0 is the table's row 1. */
    add_row(t, 1, "Export");
    add_row(t, 2, "Nom", "Classe");
    for (unsigned i = 0; i < 5000; i++) {
        snprintf(cell, sizeof cell, "NOM %u", i);
        add_row(t, i + 3, cell, "2A");
    }
    sc_table_borrow(&view, t, 1, t->nrows - 1);
    sc_table_release(&view, 1, 4000);
    assert_string_equal(t->rows[0].fields[0], "Export");
    assert_string_equal(t->rows[1].fields[0], "Nom");
    assert_string_equal(view.rows[0].fields[1], "Classe");
    assert_int_equal(t->rows[2].nfields, 0);
    assert_int_equal(t->rows[4000].nfields, 0);
    assert_string_equal(t->rows[4001].fields[0], "NOM 3999");
    assert_string_equal(view.rows[4000].fields[0], "NOM 3999");
}

static void test_release_of_rows_it_does_not_own_changes_nothing(
    void **state)
{
    sc_table *t = *state, *copy = sc_table_new("eleves.csv");

    add_numbered_rows(t, 3000);
    assert_non_null(copy);
    assert_int_equal(sc_table_reserve_rows(copy, 3001), SC_OK);
    memcpy(copy->rows, t->rows, 3001 * sizeof *t->rows);
    copy->nrows = 3001;
    /* A view of copied rows points into another table's arrays, which it
     * cannot tell apart: it gives back nothing. */
    sc_table_release(copy, 1, 3000);
    assert_string_equal(copy->rows[1].fields[0], "NOM 0");
    assert_string_equal(t->rows[1].fields[0], "NOM 0");
    /* Nor does a range past the rows, or an empty one. */
    sc_table_release(t, 1, t->nrows + 1);
    sc_table_release(t, 5, 5);
    assert_string_equal(t->rows[5].fields[0], "NOM 4");
    sc_table_free(copy);
}

static void test_reserve_rows_keeps_the_rows_there(void **state)
{
    sc_table *t = *state;

    add_row(t, 7, "a");
    add_row(t, 9, "b");
    assert_int_equal(sc_table_reserve_rows(t, 100000), SC_OK);
    assert_true(t->cap >= 100000);
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->rows[1].line, 9);
    assert_string_equal(t->rows[1].fields[0], "b");
    /* Room already there is not made again. */
    {
        sc_row *rows = t->rows;
        size_t cap = t->cap;

        assert_int_equal(sc_table_reserve_rows(t, 3), SC_OK);
        assert_ptr_equal(t->rows, rows);
        assert_int_equal(t->cap, cap);
    }
}

/* A row array that cannot grow (the kernel refuses the mremap, or the
 * mmap of a first array) is a memory error that leaves the table as it
 * was: every row still there, and the next try can succeed. */
static void test_reserve_rows_that_cannot_grow_keeps_the_table(void **state)
{
    sc_table *t = *state;

    if (!SUPPORT_BLOCKS_COUNTED)
        skip(); /* the sanitizers' builds have no failing mmap */
#if SUPPORT_BLOCKS_COUNTED
    add_row(t, 7, "a");
    assert_true(t->cap < 100000);
    {
        sc_row *rows = t->rows;
        size_t cap = t->cap;
        sc_error err;

        fault_arm(1);
        err = sc_table_reserve_rows(t, 100000);
        fault_disarm();
        assert_int_equal(err, SC_ERROR_MEMORY);
        assert_true(fault_fired());
        assert_ptr_equal(t->rows, rows);
        assert_int_equal(t->cap, cap);
        assert_int_equal(t->nrows, 1);
        assert_string_equal(t->rows[0].fields[0], "a");
    }
    assert_int_equal(sc_table_reserve_rows(t, 100000), SC_OK);
    assert_string_equal(t->rows[0].fields[0], "a");
#endif
}

/* Equal fields of one table are one copy; the bytes of the second go
 * back to the block, so the next field lands where it would have. */
static void test_equal_fields_are_kept_once(void **state)
{
    sc_table *t = *state;
    char *a = sc_table_field(t, "  2NDE 1 ", 9);
    char *other = sc_table_field(t, "2NDE 2", 6);
    char *b = sc_table_field(t, "2NDE 1", 6);
    char *next = sc_table_field(t, "x", 1);

    assert_string_equal(a, "2NDE 1");
    assert_ptr_equal(b, a);
    assert_ptr_not_equal(other, a);
    assert_string_equal(other, "2NDE 2");
    /* "2NDE 2" took 10 bytes ("  2NDE 1 " and its NUL) after a; b's went
     * back, so "x" follows "2NDE 2"'s 7. */
    assert_ptr_equal(next, other + 7);
    assert_string_equal(next, "x");
}

/* Through the CSV reader's way (sc_table_share on its own allocation),
 * and a field that merely starts like an earlier one is its own. */
static void test_share_keeps_prefixes_and_cases_apart(void **state)
{
    sc_table *t = *state;
    const char *cells[] = {"Oui", "oui", "Ou", "Oui ", "Oui"};
    char *got[5];

    for (size_t i = 0; i < 5; i++) {
        size_t len = strlen(cells[i]);
        char *f = sc_table_alloc(t, len + 1, 1);

        memcpy(f, cells[i], len + 1);
        got[i] = sc_table_share(t, f);
    }
    assert_string_equal(got[1], "oui");
    assert_string_equal(got[2], "Ou");
    assert_ptr_not_equal(got[1], got[0]);
    assert_ptr_not_equal(got[2], got[0]);
    /* Not cleaned by sc_table_share: "Oui " is another value. */
    assert_ptr_not_equal(got[3], got[0]);
    assert_ptr_equal(got[4], got[0]);
}

/* Past the index's largest size values collide and replace one another:
 * every field still reads as written, a value met again is shared or
 * copied anew but never mixed up, and one repeated at once is shared. */
static void test_share_past_its_index_keeps_every_value(void **state)
{
    sc_table *t = *state;
    enum { N = 300000 };
    char cell[32];
    char **f = malloc(N * sizeof *f);

    assert_non_null(f);
    for (unsigned i = 0; i < N; i++) {
        snprintf(cell, sizeof cell, "INE%08u", i);
        f[i] = sc_table_field(t, cell, strlen(cell));
        assert_non_null(f[i]);
        if (i % 1000 == 0) {
            char *yes = sc_table_field(t, "oui", 3);

            assert_string_equal(yes, "oui");
            assert_ptr_equal(sc_table_field(t, "oui", 3), yes);
        }
    }
    for (unsigned i = 0; i < N; i++) {
        snprintf(cell, sizeof cell, "INE%08u", i);
        assert_string_equal(f[i], cell);
        assert_string_equal(sc_table_field(t, cell, strlen(cell)), cell);
    }
    free(f);
}

/* Once the table is read, its index is gone: a field added later is a
 * copy of its own (the index holds no pointer into a freed table). */
static void test_done_frees_the_index(void **state)
{
    sc_table *t = *state;
    long before = support_live_blocks();
    char *a = sc_table_field(t, "2NDE 1", 6);

    assert_non_null(t->share);
    sc_table_done(t);
    assert_null(t->share);
    if (SUPPORT_BLOCKS_COUNTED)
        assert_int_equal(support_live_blocks(), before + 1); /* a's block */
    assert_ptr_not_equal(sc_table_field(t, "2NDE 1", 6), a);
    sc_table_done(t);
    sc_table_done(NULL);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_new_is_an_empty_table_of_its_path),
        TEST(test_field_is_a_cleaned_copy),
        TEST(test_add_row_keeps_line_fields_and_order),
        TEST(test_add_row_of_empty_fields_is_left_out),
        TEST(test_row_blank_counts_no_break_spaces_as_blank),
        TEST(test_alloc_is_aligned_as_asked),
        TEST(test_alloc_bigger_than_a_block_is_whole),
        TEST(test_fields_stay_put_while_rows_grow),
        TEST(test_free_gives_back_every_block),
        TEST(test_rows_and_fields_are_left_out_of_forks),
        TEST(test_free_unmaps_rows_and_fields),
        TEST(test_release_gives_back_the_arrays_of_rows_read),
        TEST(test_release_again_further_on_keeps_the_rest),
        TEST(test_release_through_a_borrowed_view_reaches_its_table),
        TEST(test_release_of_rows_it_does_not_own_changes_nothing),
        TEST(test_reserve_rows_keeps_the_rows_there),
        TEST(test_reserve_rows_that_cannot_grow_keeps_the_table),
        TEST(test_equal_fields_are_kept_once),
        TEST(test_share_keeps_prefixes_and_cases_apart),
        TEST(test_share_past_its_index_keeps_every_value),
        TEST(test_done_frees_the_index),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
