/*
 * sheet_support.h - for the unit tests of the spreadsheet readers: small
 * zip archives (an .xlsx, an .ods) written from XML given as strings, with
 * libzip, and the assertion on a row they read to. Header-only, as
 * tests/support.h; include it after cmocka.h.
 */
#ifndef STAGECHECK_TESTS_SHEET_SUPPORT_H
#define STAGECHECK_TESTS_SHEET_SUPPORT_H

#include <stdarg.h>
#include <string.h>
#include <zip.h>
#include "stagecheck/input/spreadsheet.h"
#include "stagecheck/input/table.h"
#include "../support.h"

/* The fixture of the reader tests: a temporary folder, the workbook file
 * written in it, the book opened and the table read from it. */
typedef struct sheet_fixture {
    char dir[64];
    char path[128];
    sc_spreadsheet *book;
    sc_table *table;
    sc_diag diag;
} sheet_fixture;

/* Makes the fixture in *state: a folder "/tmp/<name>.XXXXXX" and the path
 * of file in it. Returns 0, or -1 when it cannot. */
static inline int sheet_fixture_setup(void **state, const char *name,
                                      const char *file)
{
    sheet_fixture *f = calloc(1, sizeof *f);

    if (!f || support_make_dir(f->dir, sizeof f->dir, name) != 0) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, file);
    *state = f;
    return 0;
}

static inline int sheet_fixture_teardown(void **state)
{
    sheet_fixture *f = *state;

    sc_table_free(f->table);
    sc_spreadsheet_close(f->book);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

/* Writes the zip path holding the members of list, pairs of a name and a
 * NUL-terminated content, ended by a NULL name. The first member is
 * stored, the others deflated (as ODF wants its mimetype). Returns 0, or
 * -1 when it cannot. */
static inline int zipfix_write(const char *path, const char *const *list)
{
    int code = 0;
    zip_t *zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);

    if (!zip)
        return -1;
    for (size_t i = 0; list[i]; i += 2) {
        zip_source_t *src = zip_source_buffer(zip, list[i + 1],
                                              strlen(list[i + 1]), 0);
        zip_int64_t at = src ? zip_file_add(zip, list[i], src,
                                            ZIP_FL_ENC_UTF_8)
                             : -1;

        if (at < 0) {
            zip_source_free(src);
            zip_discard(zip);
            return -1;
        }
        if (i == 0)
            zip_set_file_compression(zip, (zip_uint64_t)at, ZIP_CM_STORE, 0);
    }
    return zip_close(zip) == 0 ? 0 : -1;
}

/* Asserts that row r of table was read at line and holds the fields
 * given after it, a NULL ending them, and no others. */
static inline void support_assert_row(const sc_table *table, size_t r,
                                      unsigned line, ...)
{
    const sc_row *row;
    const char *want;
    size_t c = 0;
    va_list ap;

    assert_true(r < table->nrows);
    row = &table->rows[r];
    assert_int_equal(row->line, line);
    va_start(ap, line);
    while ((want = va_arg(ap, const char *)) != NULL) {
        assert_true(c < row->nfields);
        assert_string_equal(row->fields[c], want);
        c++;
    }
    va_end(ap);
    assert_int_equal(row->nfields, c);
}

#endif /* STAGECHECK_TESTS_SHEET_SUPPORT_H */
