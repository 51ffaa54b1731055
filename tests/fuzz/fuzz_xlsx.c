/*
 * fuzz_xlsx.c - the spreadsheet readers under libFuzzer: a workbook's bytes
 * (.xlsx or .ods: freexl reads .xls from files only) opened from memory,
 * every sheet read, as the file loading will.
 *
 * Input: the whole file. Seeds: corpus/xlsx, written by
 * make-xlsx-corpus.py from tests/input/fixtures.
 */
#include <string.h>
#include "fuzz.h"
#include "stagecheck/base/error.h"
#include "stagecheck/input/sheetcells.h"
#include "stagecheck/input/spreadsheet.h"

/* Past a few sheets the same code runs again: not worth the time. */
#define MAX_SHEETS 4

/* What the rest of stagecheck takes as it is: UTF-8 a worksheet may hold,
 * rows within the sheet's limits. */
static void check_table(const sc_table *table, const char *name)
{
    size_t fields = 0;

    FUZZ_ASSERT(table->path && strcmp(table->path, "suivi.xlsx") == 0);
    FUZZ_ASSERT(table->sheet && strcmp(table->sheet, name) == 0);
    for (size_t r = 0; r < table->nrows; r++) {
        const sc_row *row = &table->rows[r];
        int blank = 1;

        FUZZ_ASSERT(row->line >= 1 && row->line <= SC_SHEETCELLS_MAX_ROWS);
        FUZZ_ASSERT(row->nfields >= 1 &&
                    row->nfields <= SC_SHEETCELLS_MAX_COLUMNS);
        for (size_t c = 0; c < row->nfields; c++) {
            const char *s = row->fields[c];

            FUZZ_ASSERT(s && fuzz_xml_ok(s, strlen(s)));
            blank = blank && s[0] == '\0';
        }
        FUZZ_ASSERT(!blank);
        fields += row->nfields;
    }
    FUZZ_ASSERT(fields <= SC_SHEETCELLS_MAX_FIELDS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_spreadsheet *book = NULL;
    sc_diag diag;
    sc_error err;

    sc_diag_clear(&diag);
    err = sc_spreadsheet_open_buffer("suivi.xlsx", data, size,
                                     SC_SPREADSHEET_NONE, &book, &diag);
    if (err != SC_OK) {
        FUZZ_ASSERT(err < SC_ERROR_MAX && !book);
        FUZZ_ASSERT(fuzz_str_ok(diag.message));
        return 0;
    }
    FUZZ_ASSERT(sc_spreadsheet_count(book) >= 1);
    for (size_t i = 0; i < sc_spreadsheet_count(book) && i < MAX_SHEETS;
         i++) {
        const char *name = sc_spreadsheet_sheet_name(book, i);
        const sc_spreadsheet_cell *cells;
        sc_table *table = NULL;
        size_t n;

        FUZZ_ASSERT(name && fuzz_xml_ok(name, strlen(name)));
        FUZZ_ASSERT(sc_spreadsheet_find(book, name) >= 0);
        sc_diag_clear(&diag);
        err = sc_spreadsheet_read(book, i, &table, &diag);
        if (err != SC_OK) {
            FUZZ_ASSERT(err < SC_ERROR_MAX && !table);
            FUZZ_ASSERT(fuzz_str_ok(diag.message));
            continue;
        }
        check_table(table, name);
        cells = sc_spreadsheet_uncached(book, &n);
        for (size_t k = 0; k < n; k++)
            FUZZ_ASSERT(cells[k].row >= 1 && cells[k].column >= 1 &&
                        fuzz_str_ok(cells[k].name));
        sc_table_free(table);
    }
    sc_spreadsheet_close(book);
    return 0;
}
