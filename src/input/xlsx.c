/*
 * xlsx.c - an .xlsx workbook: the sheet list (xl/workbook.xml and its
 * relationships), shared strings, which styles are dates, and one sheet's
 * cells, each part streamed through libxml2's reader.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/archive.h"
#include "stagecheck/input/sheetcells.h"
#include "stagecheck/input/xlsx.h"

#define WORKBOOK_PART "xl/workbook.xml"
#define WORKBOOK_RELS "xl/_rels/workbook.xml.rels"
/* The relationships namespace, transitional and strict. */
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

/* Where a sheet's cells are; the name is in the caller's list. */
typedef struct xlsx_sheet {
    char *rid;  /* r:id, to find the part in the relationships */
    char *part; /* "xl/worksheets/sheet1.xml"; NULL when not found */
} xlsx_sheet;

struct sc_xlsx {
    sc_archive *archive;
    xlsx_sheet *sheets;
    size_t nsheets;
    size_t cap;
    int date1904;
    char *strings_part;  /* NULL: the workbook has none */
    char *styles_part;
    int loaded;          /* shared strings and styles read */
    char *pool;          /* the shared strings, NUL-separated */
    size_t *offsets;     /* where each starts in pool */
    size_t nstrings;
    size_t strings_cap;
    unsigned char *date_xf; /* per cellXfs index: 1 if a date format */
    size_t nxf;
};

/* ---- Helpers ------------------------------------------------------------ */

/* Replaces, in place, OOXML's escapes of characters XML cannot hold
 * (_x000D_ for a CR, _x005F_ for "_") by the character; an escape that
 * names no character a workbook may hold is left as it is. */
static void unescape(char *s)
{
    char *w = s;
    const char *r = s;

    while (*r) {
        unsigned long c;
        char *end;

        if (r[0] == '_' && r[1] == 'x' && strlen(r) >= 7 && r[6] == '_') {
            char hex[5] = {r[2], r[3], r[4], r[5], '\0'};

            c = strtoul(hex, &end, 16);
            if (end == hex + 4 && c != 0 && c != 0xFFFE && c != 0xFFFF &&
                (c < 0xD800 || c > 0xDFFF) && hex[0] != '-' && hex[0] != '+') {
                if (c < 0x80) {
                    *w++ = (char)c;
                } else if (c < 0x800) {
                    *w++ = (char)(0xC0 | (c >> 6));
                    *w++ = (char)(0x80 | (c & 0x3F));
                } else {
                    *w++ = (char)(0xE0 | (c >> 12));
                    *w++ = (char)(0x80 | ((c >> 6) & 0x3F));
                    *w++ = (char)(0x80 | (c & 0x3F));
                }
                r += 7;
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

/* Returns 1 if value says yes in an OOXML boolean attribute. */
static int attr_true(const char *value)
{
    return value && (strcmp(value, "1") == 0 || strcmp(value, "true") == 0);
}

/* Returns the part a relationship's target names, from xl/. */
static char *resolve_target(const char *target)
{
    char *part;

    if (target[0] == '/')
        return sc_text_dup(target + 1);
    while (strncmp(target, "./", 2) == 0)
        target += 2;
    if (strncmp(target, "../", 3) == 0)
        return sc_text_dup(target + 3);
    part = malloc(strlen(target) + 4);
    if (part)
        sprintf(part, "xl/%s", target);
    return part;
}

/* Returns 1 if the type URI ends with /name. */
static int type_is(const char *type, const char *name)
{
    size_t lt = type ? strlen(type) : 0, ln = strlen(name);

    return lt > ln && type[lt - ln - 1] == '/' &&
           strcmp(type + lt - ln, name) == 0;
}

/* ---- Workbook and relationships ----------------------------------------- */

static sc_error read_workbook(sc_xlsx *x, sc_sheetcells_sheets *sheets,
                              sc_diag *diag)
{
    sc_archive_part part;
    sc_error err = sc_archive_part_open(x->archive, WORKBOOK_PART, &part,
                                        diag);
    int r = 0;

    while (err == SC_OK && (r = sc_archive_part_next(&part)) == 1) {
        if (sc_archive_part_is(&part, "workbookPr", NULL)) {
            char *v = sc_archive_part_attr(&part, "date1904", NULL);

            x->date1904 = attr_true(v);
            xmlFree(v);
        } else if (sc_archive_part_is(&part, "sheet", NULL)) {
            char *name = sc_archive_part_attr(&part, "name", NULL);
            char *state = sc_archive_part_attr(&part, "state", NULL);
            char *rid = sc_archive_part_attr(&part, "id", REL_NS);
            xlsx_sheet *s;

            if (!rid)
                rid = sc_archive_part_attr(&part, "id", REL_NS_STRICT);
            if (sc_array_reserve((void **)&x->sheets, &x->cap, x->nsheets,
                                 sizeof *x->sheets) != SC_OK) {
                err = SC_ERROR_MEMORY;
            } else {
                s = &x->sheets[x->nsheets++];
                s->part = NULL;
                s->rid = sc_text_dup(rid ? rid : "");
                if (!s->rid ||
                    sc_sheetcells_sheets_add(sheets, name ? name : "",
                                        state && strcmp(state, "visible") != 0)
                        != SC_OK)
                    err = SC_ERROR_MEMORY;
            }
            xmlFree(name);
            xmlFree(state);
            xmlFree(rid);
        }
    }
    if (err == SC_OK && r < 0)
        err = sc_archive_part_fail(&part, NULL, 0, diag);
    sc_archive_part_close(&part);
    return err;
}

static sc_error read_relationships(sc_xlsx *x, sc_diag *diag)
{
    sc_archive_part part;
    sc_error err = sc_archive_part_open(x->archive, WORKBOOK_RELS, &part,
                                        diag);
    int r = 0;

    while (err == SC_OK && (r = sc_archive_part_next(&part)) == 1) {
        char *id, *target, *type;

        if (!sc_archive_part_is(&part, "Relationship", NULL))
            continue;
        id = sc_archive_part_attr(&part, "Id", NULL);
        target = sc_archive_part_attr(&part, "Target", NULL);
        type = sc_archive_part_attr(&part, "Type", NULL);
        if (id && target) {
            char **slot = NULL;

            if (type_is(type, "sharedStrings"))
                slot = &x->strings_part;
            else if (type_is(type, "styles"))
                slot = &x->styles_part;
            for (size_t i = 0; !slot && i < x->nsheets; i++)
                if (!x->sheets[i].part && strcmp(x->sheets[i].rid, id) == 0)
                    slot = &x->sheets[i].part;
            if (slot && !*slot && !(*slot = resolve_target(target)))
                err = SC_ERROR_MEMORY;
        }
        xmlFree(id);
        xmlFree(target);
        xmlFree(type);
    }
    if (err == SC_OK && r < 0)
        err = sc_archive_part_fail(&part, NULL, 0, diag);
    sc_archive_part_close(&part);
    return err;
}

/* ---- Shared strings ----------------------------------------------------- */

/* Appends the runs of the current <si> or <is> to text: every <t>, the
 * phonetic guides (<rPh>, Japanese readings) left out. Returns as
 * sc_archive_part_text. */
static int read_runs(sc_archive_part *part, sc_archive_text *text)
{
    int depth = xmlTextReaderDepth(part->reader);
    int r;

    if (xmlTextReaderIsEmptyElement(part->reader))
        return 1;
    r = sc_archive_part_next(part);
    while (r == 1) {
        if (xmlTextReaderNodeType(part->reader) ==
                XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(part->reader) == depth)
            return 1;
        if (sc_archive_part_is(part, "rPh", NULL)) {
            r = sc_archive_part_skip(part);
            continue;
        }
        if (sc_archive_part_is(part, "t", NULL) &&
            (r = sc_archive_part_text(part, text)) != 1)
            return r;
        r = sc_archive_part_next(part);
    }
    return -1;
}

static sc_error add_string(sc_xlsx *x, sc_archive_text *pool,
                           sc_archive_text *text)
{
    if (sc_array_reserve((void **)&x->offsets, &x->strings_cap, x->nstrings,
                         sizeof *x->offsets) != SC_OK)
        return SC_ERROR_MEMORY;
    x->offsets[x->nstrings++] = pool->len;
    if (text->len)
        unescape(text->s);
    return sc_archive_text_add(pool, text->len ? text->s : "",
                               text->len ? strlen(text->s) + 1 : 1);
}

static sc_error read_strings(sc_xlsx *x, sc_diag *diag)
{
    sc_archive_part part;
    sc_archive_text pool = {0}, text = {0};
    sc_error err;
    int r = 0;

    /* A read that failed here left what it had: start again. */
    free(x->pool);
    x->pool = NULL;
    x->nstrings = 0;
    if (!x->strings_part || !sc_archive_has(x->archive, x->strings_part))
        return SC_OK;
    err = sc_archive_part_open(x->archive, x->strings_part, &part, diag);
    while (err == SC_OK && (r = sc_archive_part_next(&part)) == 1) {
        if (!sc_archive_part_is(&part, "si", NULL))
            continue;
        text.len = 0;
        r = read_runs(&part, &text);
        if (r == -2)
            err = SC_ERROR_MEMORY;
        else if (r < 0)
            break;
        else
            err = add_string(x, &pool, &text);
    }
    if (err == SC_OK && r < 0)
        err = sc_archive_part_fail(&part, NULL, 0, diag);
    sc_archive_part_close(&part);
    sc_archive_text_clear(&text);
    x->pool = pool.s;
    return err;
}

/* ---- Styles ------------------------------------------------------------- */

/* Returns 1 if an Excel number format code shows a date: it holds d, m or
 * y outside quoted text, escapes, [colours] and [$-locale] tags (m alone
 * with h or s is minutes: a time, not a date). Only the first section,
 * the one for positive numbers, counts. */
static int format_is_date(const char *code)
{
    int d = 0, m = 0, y = 0, hs = 0;

    for (const char *p = code; *p && *p != ';'; p++) {
        switch (*p) {
        case '"':
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            break;
        case '\\': case '_': case '*':
            if (p[1])
                p++;
            break;
        case '[':
            while (p[1] && p[1] != ']')
                p++;
            if (p[1])
                p++;
            break;
        case 'd': case 'D':
            d = 1;
            break;
        case 'm': case 'M':
            m = 1;
            break;
        case 'y': case 'Y':
            y = 1;
            break;
        case 'h': case 'H': case 's': case 'S':
            hs = 1;
            break;
        default:
            break;
        }
    }
    return d || y || (m && !hs);
}

/* Excel's built-in date and time formats: 14-22 and 45-47. */
static int builtin_is_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

typedef struct custom_format {
    long id;
    int date;
} custom_format;

static sc_error read_styles(sc_xlsx *x, sc_diag *diag)
{
    sc_archive_part part;
    custom_format *formats = NULL;
    size_t nformats = 0, fcap = 0, xcap = 0;
    int in_xfs = 0, r = 0;
    sc_error err;

    x->nxf = 0;
    if (!x->styles_part || !sc_archive_has(x->archive, x->styles_part))
        return SC_OK;
    err = sc_archive_part_open(x->archive, x->styles_part, &part, diag);
    while (err == SC_OK && (r = sc_archive_part_next(&part)) == 1) {
        int type = xmlTextReaderNodeType(part.reader);
        const char *local =
            (const char *)xmlTextReaderConstLocalName(part.reader);

        if (local && strcmp(local, "cellXfs") == 0) {
            in_xfs = type == XML_READER_TYPE_ELEMENT &&
                     !xmlTextReaderIsEmptyElement(part.reader);
        } else if (sc_archive_part_is(&part, "numFmt", NULL)) {
            char *id = sc_archive_part_attr(&part, "numFmtId", NULL);
            char *code = sc_archive_part_attr(&part, "formatCode", NULL);

            if (id && code &&
                sc_array_reserve((void **)&formats, &fcap, nformats,
                                 sizeof *formats) != SC_OK)
                err = SC_ERROR_MEMORY;
            else if (id && code)
                formats[nformats++] = (custom_format){strtol(id, NULL, 10),
                                                      format_is_date(code)};
            xmlFree(id);
            xmlFree(code);
        } else if (in_xfs && sc_archive_part_is(&part, "xf", NULL)) {
            char *id = sc_archive_part_attr(&part, "numFmtId", NULL);
            long n = id ? strtol(id, NULL, 10) : 0;
            int date = builtin_is_date(n);

            /* A custom code may reuse a built-in number: it wins. */
            for (size_t i = 0; i < nformats; i++)
                if (formats[i].id == n)
                    date = formats[i].date;
            xmlFree(id);
            if (sc_array_reserve((void **)&x->date_xf, &xcap, x->nxf, 1)
                != SC_OK)
                err = SC_ERROR_MEMORY;
            else
                x->date_xf[x->nxf++] = (unsigned char)date;
        }
    }
    if (err == SC_OK && r < 0)
        err = sc_archive_part_fail(&part, NULL, 0, diag);
    sc_archive_part_close(&part);
    free(formats);
    return err;
}

/* ---- Opening ------------------------------------------------------------ */

sc_error sc_xlsx_open(sc_archive *archive, sc_sheetcells_sheets *sheets,
                      sc_xlsx **out, sc_diag *diag)
{
    sc_xlsx *x = calloc(1, sizeof *x);
    sc_error err;

    *out = NULL;
    if (!x) {
        sc_archive_free(archive);
        return SC_ERROR_MEMORY;
    }
    x->archive = archive;
    err = read_workbook(x, sheets, diag);
    if (err == SC_OK)
        err = read_relationships(x, diag);
    /* Writers that leave the relationships out still use these names. */
    if (err == SC_OK && !x->strings_part &&
        !(x->strings_part = sc_text_dup("xl/sharedStrings.xml")))
        err = SC_ERROR_MEMORY;
    if (err == SC_OK && !x->styles_part &&
        !(x->styles_part = sc_text_dup("xl/styles.xml")))
        err = SC_ERROR_MEMORY;
    if (err != SC_OK) {
        sc_xlsx_free(x);
        return err;
    }
    *out = x;
    return SC_OK;
}

/* ---- A sheet ------------------------------------------------------------ */

/* The cell being read. */
typedef struct xlsx_cell {
    unsigned column;
    char type[16];      /* t: "s", "str", "inlineStr", "b", "e", "d", "n" */
    long style;         /* s, -1 when none */
    int has_v, has_f, has_is;
    sc_archive_text v;  /* <v> */
    sc_archive_text is; /* <is> runs */
} xlsx_cell;

/* Reads the current <c> up to its end tag into cell. Returns as
 * sc_archive_part_text. */
static int read_cell(sc_archive_part *part, xlsx_cell *cell)
{
    int depth = xmlTextReaderDepth(part->reader);
    int r;

    cell->has_v = cell->has_f = cell->has_is = 0;
    cell->v.len = cell->is.len = 0;
    if (cell->v.s)
        cell->v.s[0] = '\0';
    if (cell->is.s)
        cell->is.s[0] = '\0';
    if (xmlTextReaderIsEmptyElement(part->reader))
        return 1;
    r = sc_archive_part_next(part);
    while (r == 1) {
        if (xmlTextReaderNodeType(part->reader) ==
                XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(part->reader) == depth)
            return 1;
        if (sc_archive_part_is(part, "v", NULL)) {
            cell->has_v = 1;
            r = sc_archive_part_text(part, &cell->v);
            if (r != 1)
                return r;
        } else if (sc_archive_part_is(part, "f", NULL)) {
            cell->has_f = 1;
            r = sc_archive_part_skip(part);
            continue;
        } else if (sc_archive_part_is(part, "is", NULL)) {
            cell->has_is = 1;
            r = read_runs(part, &cell->is);
            if (r != 1)
                return r;
        }
        r = sc_archive_part_next(part);
    }
    return -1;
}

/* Gives the table the field of cell, at row. */
static sc_error put_cell(sc_xlsx *x, sc_sheetcells *cells, xlsx_cell *cell,
                         unsigned row, sc_diag *diag)
{
    const char *v = cell->v.s ? cell->v.s : "";
    const char *t = cell->type;
    char buf[32];
    const char *text = v;

    if (!cell->has_v && !cell->has_is && !cell->has_f)
        return SC_OK; /* <c r="B2" s="1"/>: a style, no value */
    if (strcmp(t, "inlineStr") == 0) {
        if (!cell->has_is && cell->has_f && !cell->has_v)
            return sc_sheetcells_uncached(cells, row, cell->column);
        text = cell->has_is ? (cell->is.s ? cell->is.s : "") : v;
        if (cell->is.s)
            unescape(cell->is.s);
    } else if (cell->has_f &&
               (!cell->has_v || (v[0] == '\0' && strcmp(t, "str") != 0))) {
        /* openpyxl and other scripts write formulas without computing
         * them: nothing to read, and the caller says so. */
        return sc_sheetcells_uncached(cells, row, cell->column);
    } else if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long i;

        errno = 0;
        i = strtoul(v, &end, 10);
        if (end == v || *end || errno || i >= x->nstrings) {
            char col[8];

            sc_sheetcells_column_name(cell->column, col);
            return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, row, diag,
                                 "la cellule %s%u renvoie à un texte "
                                 "partagé qui n'existe pas (fichier abîmé)",
                                 col, row);
        }
        text = x->pool + x->offsets[i];
    } else if (strcmp(t, "str") == 0) {
        if (cell->v.s)
            unescape(cell->v.s);
    } else if (strcmp(t, "b") == 0) {
        if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
            text = "oui";
        else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
            text = "non";
    } else if (strcmp(t, "d") == 0) {
        if (sc_sheetcells_iso_date(v, buf) == 0)
            text = buf;
    } else if (strcmp(t, "e") != 0 && v[0]) {
        /* A number ("n", or no t at all); C's numeric locale: main sets
         * only LC_CTYPE. */
        char *end;
        double value = strtod(v, &end);

        if (end != v && *end == '\0') {
            int date = cell->style >= 0 && (size_t)cell->style < x->nxf &&
                       x->date_xf[cell->style];

            if (!date || sc_sheetcells_serial_date(value, x->date1904, buf) != 0)
                sc_sheetcells_number(value, buf);
            text = buf;
        }
    }
    /* An empty cell that only carries a style (a merged title's other
     * cells, a coloured column) makes no field. */
    if (!text[0])
        return SC_OK;
    return sc_sheetcells_set(cells, cell->column, text, strlen(text), diag);
}

/* Reads the attributes of the current <c> into cell; prev is the column
 * of the cell before it in the row. Returns 0, or -1 when its reference
 * is not a cell of the sheet. */
static int cell_start(sc_archive_part *part, xlsx_cell *cell, unsigned prev)
{
    char *ref = sc_archive_part_attr(part, "r", NULL);
    char *t = sc_archive_part_attr(part, "t", NULL);
    char *s = sc_archive_part_attr(part, "s", NULL);
    int ok = 0;

    cell->column = prev + 1;
    if (ref) {
        const char *p = ref;

        cell->column = sc_sheetcells_column_parse(&p);
        ok = cell->column == 0 ? -1 : 0;
    }
    snprintf(cell->type, sizeof cell->type, "%s", t ? t : "n");
    cell->style = s ? strtol(s, NULL, 10) : -1;
    xmlFree(ref);
    xmlFree(t);
    xmlFree(s);
    return ok;
}

static sc_error read_sheet(sc_xlsx *x, sc_archive_part *part, sc_sheetcells *cells,
                           sc_diag *diag)
{
    xlsx_cell cell = {0};
    unsigned row = 0, prev = 0;
    int in_data = 0, in_row = 0, r;
    sc_error err = SC_OK;

    while (err == SC_OK && (r = sc_archive_part_next(part)) == 1) {
        int type = xmlTextReaderNodeType(part->reader);
        const char *local =
            (const char *)xmlTextReaderConstLocalName(part->reader);

        if (!local)
            continue;
        if (!in_data) {
            if (type == XML_READER_TYPE_ELEMENT &&
                strcmp(local, "sheetData") == 0) {
                if (xmlTextReaderIsEmptyElement(part->reader))
                    break;
                in_data = 1;
            }
            continue;
        }
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (strcmp(local, "sheetData") == 0)
                break;
            if (strcmp(local, "row") == 0 && in_row) {
                in_row = 0;
                err = sc_sheetcells_end_row(cells, row, 1, diag);
            }
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (strcmp(local, "row") == 0) {
            char *ref = sc_archive_part_attr(part, "r", NULL);
            unsigned long n = ref ? strtoul(ref, NULL, 10) : row + 1ul;

            xmlFree(ref);
            if (n == 0 || n > SC_SHEETCELLS_MAX_ROWS) {
                err = sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                                    "numéro de ligne %lu hors de la feuille "
                                    "(fichier abîmé)", n);
                break;
            }
            row = (unsigned)n;
            prev = 0;
            sc_sheetcells_drop_row(cells);
            in_row = !xmlTextReaderIsEmptyElement(part->reader);
        } else if (strcmp(local, "c") == 0 && in_row) {
            if (cell_start(part, &cell, prev) != 0) {
                err = sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, row, diag,
                                    "référence de cellule incorrecte ligne "
                                    "%u (fichier abîmé)", row);
                break;
            }
            prev = cell.column;
            r = read_cell(part, &cell);
            if (r == -2)
                err = SC_ERROR_MEMORY;
            else if (r < 0)
                break;
            else
                err = put_cell(x, cells, &cell, row, diag);
        }
    }
    if (err == SC_OK && r < 0) {
        char where[300];

        snprintf(where, sizeof where, "feuille « %s »", cells->table->sheet);
        err = sc_archive_part_fail(part, where, row, diag);
    }
    sc_archive_text_clear(&cell.v);
    sc_archive_text_clear(&cell.is);
    return err;
}

sc_error sc_xlsx_read(sc_xlsx *x, size_t i, sc_sheetcells *cells, sc_diag *diag)
{
    sc_archive_part part;
    sc_error err = SC_OK;

    if (!x->loaded) {
        err = read_strings(x, diag);
        if (err == SC_OK)
            err = read_styles(x, diag);
        if (err != SC_OK)
            return err;
        x->loaded = 1;
    }
    if (!x->sheets[i].part)
        return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                             "introuvable dans l'archive (fichier abîmé)");
    err = sc_archive_part_open(x->archive, x->sheets[i].part, &part, diag);
    if (err == SC_OK)
        err = read_sheet(x, &part, cells, diag);
    sc_archive_part_close(&part);
    return err;
}

void sc_xlsx_free(sc_xlsx *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nsheets; i++) {
        free(x->sheets[i].rid);
        free(x->sheets[i].part);
    }
    free(x->sheets);
    free(x->strings_part);
    free(x->styles_part);
    free(x->pool);
    free(x->offsets);
    free(x->date_xf);
    sc_archive_free(x->archive);
    free(x);
}
