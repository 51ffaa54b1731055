/*
 * ods.c - an .ods workbook: content.xml streamed through libxml2's reader,
 * once to list the tables (and which are hidden), then once for each
 * table read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/archive.h"
#include "stagecheck/input/sheetcells.h"
#include "stagecheck/input/ods.h"

#define CONTENT_PART "content.xml"
#define MANIFEST_PART "META-INF/manifest.xml"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

/* A run of spaces written <text:s text:c="N"/>: past this many the field
 * is no longer text anyone typed. */
#define MAX_SPACES 1024

struct sc_ods {
    sc_archive *archive;
};

/* Returns 1 if the current node ends the element opened at depth. */
static int at_end(const sc_archive_part *part, int depth)
{
    return xmlTextReaderNodeType(part->reader) == XML_READER_TYPE_END_ELEMENT &&
           xmlTextReaderDepth(part->reader) == depth;
}

/* Leaves the part on the end of the current element, its content unread. */
static int finish(sc_archive_part *part)
{
    return sc_archive_part_text(part, NULL);
}

/* ---- Opening ------------------------------------------------------------ */

/* LibreOffice's "save with password" keeps the zip but encrypts its parts,
 * which the manifest declares. */
static sc_error check_encryption(sc_ods *o, sc_diag *diag)
{
    sc_archive_part part;
    sc_error err;
    int r;

    if (!sc_archive_has(o->archive, MANIFEST_PART))
        return SC_OK;
    err = sc_archive_part_open(o->archive, MANIFEST_PART, &part, diag);
    while (err == SC_OK && (r = sc_archive_part_next(&part)) == 1) {
        if (sc_archive_part_is(&part, "encryption-data", NULL))
            err = sc_sheetcells_refuse_password(sc_archive_path(o->archive), diag);
    }
    if (err == SC_OK && r < 0)
        err = sc_archive_part_fail(&part, NULL, 0, diag);
    sc_archive_part_close(&part);
    return err;
}

typedef struct hidden_styles {
    char **names;
    size_t count;
    size_t cap;
} hidden_styles;

static int is_hidden(const hidden_styles *h, const char *style)
{
    for (size_t i = 0; style && i < h->count; i++)
        if (strcmp(h->names[i], style) == 0)
            return 1;
    return 0;
}

/* Lists the tables; a table's style says whether it is shown
 * (<style:table-properties table:display="false"/>). */
static sc_error list_tables(sc_ods *o, sc_sheetcells_sheets *sheets,
                            sc_diag *diag)
{
    sc_archive_part part;
    hidden_styles hidden = {NULL, 0, 0};
    char *style = NULL; /* the table style being read */
    sc_error err;
    int r = 0;

    err = sc_archive_part_open(o->archive, CONTENT_PART, &part, diag);
    if (err == SC_OK)
        r = sc_archive_part_next(&part);
    while (err == SC_OK && r == 1) {
        if (sc_archive_part_is(&part, "style", STYLE_NS)) {
            char *family = sc_archive_part_attr(&part, "family", STYLE_NS);

            xmlFree(style);
            style = family && strcmp(family, "table") == 0
                        ? sc_archive_part_attr(&part, "name", STYLE_NS)
                        : NULL;
            xmlFree(family);
        } else if (style &&
                   sc_archive_part_is(&part, "table-properties", STYLE_NS)) {
            char *display = sc_archive_part_attr(&part, "display", TABLE_NS);

            if (display && strcmp(display, "false") == 0) {
                if (sc_array_reserve((void **)&hidden.names, &hidden.cap,
                                     hidden.count, sizeof *hidden.names)
                        != SC_OK ||
                    !(hidden.names[hidden.count] = sc_text_dup(style)))
                    err = SC_ERROR_MEMORY;
                else
                    hidden.count++;
            }
            xmlFree(display);
        } else if (sc_archive_part_is(&part, "table", TABLE_NS)) {
            char *name = sc_archive_part_attr(&part, "name", TABLE_NS);
            char *tstyle = sc_archive_part_attr(&part, "style-name", TABLE_NS);

            err = sc_sheetcells_sheets_add(sheets, name ? name : "",
                                      is_hidden(&hidden, tstyle));
            xmlFree(name);
            xmlFree(tstyle);
            r = sc_archive_part_skip(&part);
            continue;
        }
        r = sc_archive_part_next(&part);
    }
    if (err == SC_OK && r < 0)
        err = sc_archive_part_fail(&part, NULL, 0, diag);
    sc_archive_part_close(&part);
    xmlFree(style);
    for (size_t i = 0; i < hidden.count; i++)
        free(hidden.names[i]);
    free(hidden.names);
    return err;
}

sc_error sc_ods_open(sc_archive *archive, sc_sheetcells_sheets *sheets,
                     sc_ods **out, sc_diag *diag)
{
    sc_ods *o = calloc(1, sizeof *o);
    sc_error err;

    *out = NULL;
    if (!o) {
        sc_archive_free(archive);
        return SC_ERROR_MEMORY;
    }
    o->archive = archive;
    err = check_encryption(o, diag);
    if (err == SC_OK)
        err = list_tables(o, sheets, diag);
    if (err != SC_OK) {
        sc_ods_free(o);
        return err;
    }
    *out = o;
    return SC_OK;
}

/* ---- A table ------------------------------------------------------------ */

/* Returns the count in the attribute local (table ns), 1 when absent or
 * not a count. */
static unsigned long repeat_count(const sc_archive_part *part,
                                  const char *local)
{
    char *v = sc_archive_part_attr(part, local, TABLE_NS);
    unsigned long n = 1;

    if (v) {
        char *end;

        n = strtoul(v, &end, 10);
        if (end == v || *end || n == 0 || v[0] == '-')
            n = 1;
        /* Beyond the sheet all the same, and sums cannot wrap. */
        if (n > SC_SHEETCELLS_MAX_ROWS + 1ul)
            n = SC_SHEETCELLS_MAX_ROWS + 1ul;
    }
    xmlFree(v);
    return n;
}

/* Appends the current paragraph (<text:p>) to text: its characters,
 * <text:s> spaces, tabs and line breaks; notes left out. Returns as
 * sc_archive_part_text. */
static int read_paragraph(sc_archive_part *part, sc_archive_text *text)
{
    int depth = xmlTextReaderDepth(part->reader);
    int r;

    if (xmlTextReaderIsEmptyElement(part->reader))
        return 1;
    r = sc_archive_part_next(part);
    while (r == 1) {
        int type = xmlTextReaderNodeType(part->reader);
        const char *add = NULL;
        size_t n = 1;

        if (at_end(part, depth))
            return 1;
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_WHITESPACE ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            add = (const char *)xmlTextReaderConstValue(part->reader);
            n = add ? strlen(add) : 0;
        } else if (sc_archive_part_is(part, "s", TEXT_NS)) {
            unsigned long c = 1;
            char *v = sc_archive_part_attr(part, "c", TEXT_NS);

            if (v)
                c = strtoul(v, NULL, 10);
            xmlFree(v);
            for (unsigned long i = 0; i < c && i < MAX_SPACES; i++)
                if (sc_archive_text_add(text, " ", 1) != SC_OK)
                    return -2;
        } else if (sc_archive_part_is(part, "tab", TEXT_NS)) {
            add = "\t";
        } else if (sc_archive_part_is(part, "line-break", TEXT_NS)) {
            add = "\n";
        } else if (sc_archive_part_is(part, "note", TEXT_NS) ||
                   sc_archive_part_is(part, "annotation", OFFICE_NS)) {
            r = sc_archive_part_skip(part);
            continue;
        }
        if (add && sc_archive_text_add(text, add, n) != SC_OK)
            return -2;
        r = sc_archive_part_next(part);
    }
    return -1;
}

/* The cell being read. */
typedef struct ods_cell {
    unsigned long repeat;
    int uncached;
    sc_archive_text text; /* its field */
} ods_cell;

static int set_text(ods_cell *cell, const char *s)
{
    cell->text.len = 0;
    return sc_archive_text_add(&cell->text, s, strlen(s)) == SC_OK ? 1 : -2;
}

/* Reads the current <table:table-cell> (or covered one) up to its end
 * into cell. Returns as sc_archive_part_text. */
static int read_cell(sc_archive_part *part, ods_cell *cell)
{
    char *type = sc_archive_part_attr(part, "value-type", OFFICE_NS);
    char *formula = sc_archive_part_attr(part, "formula", TABLE_NS);
    int depth = xmlTextReaderDepth(part->reader), r = 1, want_text = 0;
    int paragraphs = 0;

    cell->repeat = repeat_count(part, "number-columns-repeated");
    cell->uncached = 0;
    cell->text.len = 0;
    if (cell->text.s)
        cell->text.s[0] = '\0';
    if (!type) {
        /* No value: a formula here was never computed. */
        cell->uncached = formula != NULL;
        want_text = !formula;
    } else if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
               strcmp(type, "currency") == 0) {
        char *v = sc_archive_part_attr(part, "value", OFFICE_NS);
        char *end;
        double value = v ? strtod(v, &end) : 0;

        if (v && end != v && *end == '\0') {
            char buf[32];

            sc_sheetcells_number(value, buf);
            r = set_text(cell, buf);
        } else {
            want_text = 1;
        }
        xmlFree(v);
    } else if (strcmp(type, "date") == 0) {
        char *v = sc_archive_part_attr(part, "date-value", OFFICE_NS);
        char buf[11];

        if (v && sc_sheetcells_iso_date(v, buf) == 0)
            r = set_text(cell, buf);
        else
            want_text = 1;
        xmlFree(v);
    } else if (strcmp(type, "boolean") == 0) {
        char *v = sc_archive_part_attr(part, "boolean-value", OFFICE_NS);

        if (v && strcmp(v, "true") == 0)
            r = set_text(cell, "oui");
        else if (v && strcmp(v, "false") == 0)
            r = set_text(cell, "non");
        else
            want_text = 1;
        xmlFree(v);
    } else if (strcmp(type, "string") == 0) {
        char *v = sc_archive_part_attr(part, "string-value", OFFICE_NS);

        if (v)
            r = set_text(cell, v);
        else
            want_text = 1;
        xmlFree(v);
    } else {
        want_text = 1; /* time, and what a later ODF may add: as shown */
    }
    xmlFree(type);
    xmlFree(formula);
    if (r != 1 || xmlTextReaderIsEmptyElement(part->reader))
        return r;
    r = sc_archive_part_next(part);
    while (r == 1) {
        if (at_end(part, depth))
            return 1;
        if (want_text && (sc_archive_part_is(part, "p", TEXT_NS) ||
                          sc_archive_part_is(part, "h", TEXT_NS))) {
            if (paragraphs++ && sc_archive_text_add(&cell->text, "\n", 1)
                                    != SC_OK)
                return -2;
            r = read_paragraph(part, &cell->text);
        } else if (xmlTextReaderNodeType(part->reader) ==
                   XML_READER_TYPE_ELEMENT) {
            /* Comments, shapes, a table inside the cell: not its value. */
            r = finish(part);
        }
        if (r != 1)
            return r;
        r = sc_archive_part_next(part);
    }
    return -1;
}

/* Reads the current <table:table-row> into cells as the sheet's rows
 * *row onwards, and moves *row past it. */
static sc_error read_row(sc_archive_part *part, sc_sheetcells *cells,
                         ods_cell *cell, unsigned long *row, int *r,
                         sc_diag *diag)
{
    unsigned long repeat = repeat_count(part, "number-rows-repeated");
    unsigned long column = 1, first = *row;
    int depth = xmlTextReaderDepth(part->reader);
    sc_error err = SC_OK;

    *row += repeat;
    sc_sheetcells_drop_row(cells);
    if (xmlTextReaderIsEmptyElement(part->reader))
        return SC_OK;
    while (err == SC_OK && (*r = sc_archive_part_next(part)) == 1) {
        if (at_end(part, depth))
            break;
        if (sc_archive_part_is(part, "table-cell", TABLE_NS) ||
            sc_archive_part_is(part, "covered-table-cell", TABLE_NS)) {
            *r = read_cell(part, cell);
            if (*r == -2)
                err = SC_ERROR_MEMORY;
            if (*r != 1)
                break;
            if (cell->uncached && first <= SC_SHEETCELLS_MAX_ROWS &&
                column <= SC_SHEETCELLS_MAX_COLUMNS)
                err = sc_sheetcells_uncached(cells, (unsigned)first,
                                        (unsigned)column);
            /* Empty cells, often repeated a thousand times to the end of
             * the row, cost nothing: only a value past them makes fields. */
            for (unsigned long k = 0; cell->text.len && k < cell->repeat &&
                                      err == SC_OK; k++)
                err = sc_sheetcells_set(cells,
                                   column + k > SC_SHEETCELLS_MAX_COLUMNS
                                       ? 0
                                       : (unsigned)(column + k),
                                   cell->text.s, cell->text.len, diag);
            column = column + cell->repeat > column ? column + cell->repeat
                                                    : column;
        } else if (xmlTextReaderNodeType(part->reader) ==
                   XML_READER_TYPE_ELEMENT) {
            *r = finish(part);
            if (*r != 1)
                break;
        }
    }
    if (err != SC_OK || *r != 1)
        return err;
    if (cells->nfields && first > SC_SHEETCELLS_MAX_ROWS)
        return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                             "ligne au-delà de la ligne %u",
                             SC_SHEETCELLS_MAX_ROWS);
    return sc_sheetcells_end_row(cells, (unsigned)first,
                            repeat > SC_SHEETCELLS_MAX_ROWS ? SC_SHEETCELLS_MAX_ROWS + 1
                                                       : (unsigned)repeat,
                            diag);
}

/* Reads the current <table:table> into cells. */
static sc_error read_table(sc_archive_part *part, sc_sheetcells *cells, int *r,
                           sc_diag *diag)
{
    int depth = xmlTextReaderDepth(part->reader);
    unsigned long row = 1;
    ods_cell cell = {0};
    sc_error err = SC_OK;

    if (xmlTextReaderIsEmptyElement(part->reader))
        return SC_OK;
    while (err == SC_OK && (*r = sc_archive_part_next(part)) == 1) {
        if (at_end(part, depth))
            break;
        if (xmlTextReaderNodeType(part->reader) != XML_READER_TYPE_ELEMENT)
            continue;
        if (sc_archive_part_is(part, "table-row", TABLE_NS)) {
            err = read_row(part, cells, &cell, &row, r, diag);
            if (*r != 1)
                break;
        } else if (!sc_archive_part_is(part, "table-header-rows", TABLE_NS) &&
                   !sc_archive_part_is(part, "table-row-group", TABLE_NS) &&
                   !sc_archive_part_is(part, "table-rows", TABLE_NS)) {
            /* Columns, shapes, forms: no cells of the sheet. */
            *r = finish(part);
            if (*r != 1)
                break;
        }
    }
    if (*r == -2 && err == SC_OK)
        err = SC_ERROR_MEMORY;
    sc_archive_text_clear(&cell.text);
    return err;
}

sc_error sc_ods_read(sc_ods *o, size_t i, sc_sheetcells *cells, sc_diag *diag)
{
    sc_archive_part part;
    sc_error err = sc_archive_part_open(o->archive, CONTENT_PART, &part,
                                        diag);
    size_t index = 0;
    int r = 0;

    if (err == SC_OK)
        r = sc_archive_part_next(&part);
    while (err == SC_OK && r == 1) {
        if (sc_archive_part_is(&part, "table", TABLE_NS)) {
            if (index++ == i) {
                err = read_table(&part, cells, &r, diag);
                break;
            }
            r = sc_archive_part_skip(&part);
            continue;
        }
        r = sc_archive_part_next(&part);
    }
    if (err == SC_OK && r < 0) {
        char where[300];

        snprintf(where, sizeof where, "feuille « %s »", cells->table->sheet);
        err = sc_archive_part_fail(&part, where, 0, diag);
    }
    sc_archive_part_close(&part);
    return err;
}

void sc_ods_free(sc_ods *o)
{
    if (!o)
        return;
    sc_archive_free(o->archive);
    free(o);
}
