/*
 * sheetcells.c - a sheet's cells into table rows, and cell values into text,
 * for the three spreadsheet readers.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/date.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/sheetcells.h"

sc_error sc_sheetcells_init(sc_sheetcells *cells, sc_table *table)
{
    memset(cells, 0, sizeof *cells);
    cells->table = table;
    cells->empty = sc_table_field(table, "", 0);
    return cells->empty ? SC_OK : SC_ERROR_MEMORY;
}

sc_error sc_sheetcells_fail(const sc_sheetcells *cells, sc_error err, unsigned line,
                       sc_diag *diag, const char *fmt, ...)
{
    char what[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    sc_diag_set(diag, cells->table->path, line, "feuille « %s » : %s",
                cells->table->sheet ? cells->table->sheet : "", what);
    return err;
}

static sc_error too_big(const sc_sheetcells *cells, sc_diag *diag)
{
    return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                         "plus de %zu cellules : ce n'est pas un tableau "
                         "de suivi (fichier abîmé ?)",
                         (size_t)SC_SHEETCELLS_MAX_FIELDS);
}

sc_error sc_sheetcells_refuse_password(const char *path, sc_diag *diag)
{
    sc_diag_set(diag, path, 0,
                "fichier protégé par un mot de passe : enregistrez-en une "
                "copie sans mot de passe (Fichier > Enregistrer sous, sans "
                "mot de passe) et donnez cette copie");
    return SC_ERROR_FILE_READ;
}

sc_error sc_sheetcells_set(sc_sheetcells *cells, unsigned column, const char *text,
                      size_t len, sc_diag *diag)
{
    char *field;
    size_t w = 0;

    if (column == 0 || column > SC_SHEETCELLS_MAX_COLUMNS)
        return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                             "cellule au-delà de la colonne %u",
                             SC_SHEETCELLS_MAX_COLUMNS);
    if (cells->total + column > SC_SHEETCELLS_MAX_FIELDS)
        return too_big(cells, diag);
    if (column > cells->cap) {
        size_t cap = cells->cap ? cells->cap : 16;
        char **grown;

        while (cap < column)
            cap *= 2;
        grown = realloc(cells->fields, cap * sizeof *grown);
        if (!grown)
            return SC_ERROR_MEMORY;
        cells->fields = grown;
        cells->cap = cap;
    }
    while (cells->nfields < column)
        cells->fields[cells->nfields++] = cells->empty;
    field = sc_table_alloc(cells->table, len + 1, 1);
    if (!field)
        return SC_ERROR_MEMORY;
    /* As csv.c does: the workbook would show a CR as "_x000D_". */
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            continue;
        field[w++] = text[i] == '\r' ? '\n' : text[i];
    }
    field[w] = '\0';
    cells->fields[column - 1] =
        sc_table_share(cells->table, sc_text_clean(field));
    return SC_OK;
}

sc_error sc_sheetcells_end_row(sc_sheetcells *cells, unsigned line, unsigned count,
                          sc_diag *diag)
{
    sc_error err = SC_OK;
    int blank = 1;

    for (size_t i = 0; i < cells->nfields && blank; i++)
        blank = cells->fields[i][0] == '\0';
    for (unsigned k = 0; k < count && !blank && err == SC_OK; k++) {
        if (line + k > SC_SHEETCELLS_MAX_ROWS)
            err = sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                                "ligne au-delà de la ligne %u",
                                SC_SHEETCELLS_MAX_ROWS);
        else if (cells->total + cells->nfields > SC_SHEETCELLS_MAX_FIELDS)
            err = too_big(cells, diag);
        else {
            cells->total += cells->nfields;
            err = sc_table_add_row(cells->table, line + k, cells->fields,
                                   cells->nfields);
        }
    }
    cells->nfields = 0;
    return err;
}

void sc_sheetcells_drop_row(sc_sheetcells *cells)
{
    cells->nfields = 0;
}

sc_error sc_sheetcells_uncached(sc_sheetcells *cells, unsigned row, unsigned column)
{
    if (sc_array_reserve((void **)&cells->uncached, &cells->uncached_cap,
                         cells->nuncached, sizeof *cells->uncached) != SC_OK)
        return SC_ERROR_MEMORY;
    cells->uncached[cells->nuncached++] = (sc_sheetcells_ref){row, column};
    return SC_OK;
}

void sc_sheetcells_clear(sc_sheetcells *cells)
{
    /* The sheet is read: the index of its values goes. */
    sc_table_done(cells->table);
    free(cells->fields);
    free(cells->uncached);
    memset(cells, 0, sizeof *cells);
}

/* ---- Sheet lists ------------------------------------------------------- */

sc_error sc_sheetcells_sheets_add(sc_sheetcells_sheets *sheets, const char *name,
                             int hidden)
{
    char *copy;

    if (sc_array_reserve((void **)&sheets->items, &sheets->cap,
                         sheets->count, sizeof *sheets->items) != SC_OK ||
        !(copy = sc_text_dup(name)))
        return SC_ERROR_MEMORY;
    sheets->items[sheets->count++] = (sc_sheetcells_sheet){copy, hidden};
    return SC_OK;
}

void sc_sheetcells_sheets_clear(sc_sheetcells_sheets *sheets)
{
    for (size_t i = 0; i < sheets->count; i++)
        free(sheets->items[i].name);
    free(sheets->items);
    memset(sheets, 0, sizeof *sheets);
}

/* ---- Values ------------------------------------------------------------ */

void sc_sheetcells_number(double value, char buf[32])
{
    /* 2^53: past it a double no longer holds every integer. */
    if (value == 0)
        snprintf(buf, 32, "0");
    else if (value == floor(value) && fabs(value) < 9007199254740992.0)
        snprintf(buf, 32, "%.0f", value);
    else
        snprintf(buf, 32, "%.15g", value);
}

int sc_sheetcells_serial_date(double serial, int date1904, char buf[11])
{
    double day;
    sc_date date;
    int y, m, d;

    if (!isfinite(serial) || serial < (date1904 ? 0 : 1) ||
        serial > 2958466.0)
        return -1;
    /* To the second, so that 45460.99999999 (a float's midnight) is the
     * next day, as Excel shows it. */
    day = floor(round(serial * 86400.0) / 86400.0);
    if (date1904) {
        date = sc_date_make(1904, 1, 1) + (sc_date)day;
    } else if (day == 60) {
        /* Excel's 1900-02-29, a day that never was (Lotus 1-2-3's bug,
         * kept for compatibility): shown as Excel shows it, and the date
         * parser will call it an invalid date. */
        memcpy(buf, "29/02/1900", 11);
        return 0;
    } else {
        date = sc_date_make(1899, 12, day < 60 ? 31 : 30) + (sc_date)day;
    }
    sc_date_split(date, &y, &m, &d);
    if (y > 9999)
        return -1;
    sc_date_format(date, buf);
    return 0;
}

int sc_sheetcells_iso_date(const char *text, char buf[11])
{
    int y, m, d, n = 0;

    if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        (text[10] != '\0' && text[10] != 'T' && text[10] != ' ') ||
        !sc_date_valid(y, m, d))
        return -1;
    sc_date_format(sc_date_make(y, m, d), buf);
    return 0;
}

void sc_sheetcells_column_name(unsigned column, char buf[8])
{
    char rev[8];
    size_t n = 0;

    while (column > 0 && n < sizeof rev - 1) {
        column--;
        rev[n++] = (char)('A' + column % 26);
        column /= 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = rev[n - 1 - i];
    buf[n] = '\0';
}

unsigned sc_sheetcells_column_parse(const char **text)
{
    const char *p = *text;
    unsigned column = 0;

    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        column = column * 26 + (unsigned)((*p | 0x20) - 'a' + 1);
        if (column > SC_SHEETCELLS_MAX_COLUMNS)
            return 0;
        p++;
    }
    *text = p;
    return column;
}
