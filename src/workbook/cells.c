/*
 * cells.c - cells of one worksheet, and the widths of its columns.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/cells.h"
#include "stagecheck/base/text.h"
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/core/status.h"

#define WIDTH_MIN 8
#define WIDTH_MAX 60

/* The characters of text's longest line: a cell of several lines is as
 * wide as that. */
static size_t longest_line(const char *s)
{
    size_t n = 0, best = 0;

    for (; *s; s++)
        if (*s == '\n') {
            best = n > best ? n : best;
            n = 0;
        } else {
            n += ((unsigned char)*s & 0xC0) != 0x80;
        }
    return n > best ? n : best;
}

static void cells_widen(sc_cells *sh, lxw_col_t col, size_t chars)
{
    if (col < sh->ncols && chars > sh->cols[col].width)
        sh->cols[col].width = chars;
}

void sc_cells_bound(sc_cells *sh, lxw_col_t col, size_t min, size_t max)
{
    if (col < sh->ncols) {
        sh->cols[col].min = min;
        sh->cols[col].max = max;
    }
}

void sc_cells_group(sc_cells *sh, lxw_col_t first, lxw_col_t last)
{
    for (lxw_col_t c = first; c <= last && c < sh->ncols; c++)
        sh->cols[c].level = 1;
}

size_t sc_cells_width(const sc_cells *sh, lxw_col_t col)
{
    const sc_cells_col *c = &sh->cols[col];
    size_t w = c->width + 2; /* room for the filter button */
    size_t min = c->max ? c->min : WIDTH_MIN, max = c->max ? c->max
                                                           : WIDTH_MAX;

    return w < min ? min : w > max ? max : w;
}

size_t sc_cells_lines(const char *text, size_t width)
{
    size_t room = SC_CELLS_LINE_CHARS(width), lines = 1, used = 0;

    /* Greedy word wrap, as Excel and LibreOffice do; a word longer than
     * a line is cut wherever it reaches the edge. */
    while (*text) {
        size_t word = 0;
        const char *s = text;

        if (*text == '\n') {
            lines++;
            used = 0;
            text++;
            continue;
        }
        if (*text == ' ') {
            used += used > 0 && used < room;
            text++;
            continue;
        }
        for (; *s && *s != ' ' && *s != '\n'; s++)
            word += ((unsigned char)*s & 0xC0) != 0x80;
        text = s;
        if (used > 0 && used + word > room) {
            lines++;
            used = 0;
        }
        while (word > room) {
            lines++;
            word -= room;
        }
        used += word;
    }
    return lines;
}

size_t sc_cells_pixels(const sc_cells *sh, size_t ncols)
{
    size_t px = 0;

    for (size_t c = 0; c < ncols && c < sh->ncols; c++)
        px += 7 * sc_cells_width(sh, (lxw_col_t)c) + 5;
    return px;
}

void sc_cells_print_area(sc_cells *sh, size_t ncols, lxw_row_t last_row)
{
    sh->print_cols = ncols < sh->ncols ? ncols : sh->ncols;
    sh->print_last = last_row;
}

/* The print settings sc_cells_print_area asked for, now that the widths
 * are known. */
static void cells_apply_print(sc_cells *sh)
{
    size_t px = sc_cells_pixels(sh, sh->print_cols);

    worksheet_set_landscape(sh->worksheet);
    worksheet_set_paper(sh->worksheet, 9); /* A4 */
    /* 0.3 inch left and right: SC_CELLS_PAGE_PIXELS. */
    worksheet_set_margins(sh->worksheet, 0.3, 0.3, 0.75, 0.6);
    sc_book_check(sh->book, worksheet_print_area(sh->worksheet, 0, 0,
                                                 sh->print_last,
                                                 (lxw_col_t)(sh->print_cols
                                                             - 1)));
    if (px * SC_CELLS_SCALE_MIN <= (size_t)SC_CELLS_PAGE_PIXELS * 100)
        worksheet_fit_to_pages(sh->worksheet, 1, 0);
    else
        worksheet_set_print_scale(sh->worksheet, SC_CELLS_SCALE_MIN);
}

void sc_cells_widen(sc_cells *sh, lxw_col_t col, size_t chars)
{
    cells_widen(sh, col, chars);
}

int sc_cells_open(sc_cells *sh, sc_book *b, const char *name, size_t ncols)
{
    char *safe_copy = NULL;

    memset(sh, 0, sizeof *sh);
    sh->book = b;
    if (b->status != SC_OK)
        return 0;
    if (ncols > (size_t)LXW_COL_MAX) {
        /* A pupil with thousands of places: column numbers would wrap. */
        sc_book_check(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return 0;
    }
    sh->cols = calloc(ncols ? ncols : 1, sizeof *sh->cols);
    if (!sh->cols) {
        b->status = SC_ERROR_MEMORY;
        return 0;
    }
    sh->ncols = ncols;
    /* A class name is decoded UTF-8 already, but the sheet name lands in
     * the XML as it is: the same sanitiser as every cell. */
    if (!(name = sc_text_xml_safe(name, &safe_copy))) {
        b->status = SC_ERROR_MEMORY;
        return 0;
    }
    errno = 0;
    sh->worksheet = workbook_add_worksheet(b->workbook, name);
    if (!sh->worksheet) {
        /* In constant_memory mode each sheet holds a scratch file. */
        int scratch = errno == EMFILE || errno == ENFILE || errno == ENOSPC;
        lxw_error err = workbook_validate_sheet_name(b->workbook, name);

        sc_book_check(b, err != LXW_NO_ERROR ? err
                         : scratch           ? LXW_ERROR_CREATING_TMPFILE
                                             : LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    /* libxlsxwriter keeps its own copy of the name. */
    free(safe_copy);
    return sh->worksheet != NULL;
}

size_t sc_cells_wrapped_lines(const char *text)
{
    /* A line longer than the widest column wraps: a column WIDTH_MAX wide
     * holds about WIDTH_MAX - 4 characters of text. */
    size_t per_line = WIDTH_MAX - 4, lines = 0, n = 0;

    for (const char *p = text ? text : "";; p++)
        if (*p == '\n' || *p == '\0') {
            lines += n == 0 ? 1 : (n + per_line - 1) / per_line;
            n = 0;
            if (!*p)
                break;
        } else {
            n += ((unsigned char)*p & 0xC0) != 0x80;
        }
    return lines;
}

void sc_cells_close(sc_cells *sh)
{
    int grouped = 0;

    for (size_t c = 0; c < sh->ncols && sh->book->status == SC_OK; c++) {
        lxw_row_col_options options = {.hidden = sh->cols[c].level,
                                       .level = sh->cols[c].level};

        grouped |= sh->cols[c].level;
        sc_book_check(sh->book, worksheet_set_column_opt(
                                    sh->worksheet, (lxw_col_t)c, (lxw_col_t)c,
                                    (double)sc_cells_width(sh, (lxw_col_t)c),
                                    NULL, &options));
    }
    if (grouped && sh->ncols < (size_t)LXW_COL_MAX &&
        sh->book->status == SC_OK) {
        /* The folded group's "+" button sits on the column after it. */
        lxw_row_col_options options = {.collapsed = 1};

        sc_book_check(sh->book, worksheet_set_column_opt(
                                    sh->worksheet, (lxw_col_t)sh->ncols,
                                    (lxw_col_t)sh->ncols, LXW_DEF_COL_WIDTH,
                                    NULL, &options));
    }
    if (sh->print_cols && sh->book->status == SC_OK)
        cells_apply_print(sh);
    free(sh->cols);
    sh->cols = NULL;
}

void sc_cells_put(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                  const char *text, lxw_format *format, int fit)
{
    char *copy = NULL, *safe_copy = NULL;
    size_t len, cut;

    if (sh->book->status != SC_OK)
        return;
    /* Every cell text passes here: a file name's Latin-1 bytes or a
     * control character would make the sheet's XML unreadable. */
    text = sc_text_xml_safe(text ? text : "", &safe_copy);
    if (!text) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    len = strlen(text);
    cut = sc_text_utf16_prefix(text, len, SC_TEXT_CELL_MAX);
    if (cut < len) {
        copy = strndup(text, cut);
        if (!copy) {
            sh->book->status = SC_ERROR_MEMORY;
            free(safe_copy);
            return;
        }
        text = copy;
    }
    sc_book_check(sh->book, worksheet_write_string(sh->worksheet, row, col,
                                                   text, format));
    if (fit)
        cells_widen(sh, col, longest_line(text));
    free(copy);
    free(safe_copy);
}

void sc_cells_link(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                   const char *url, const char *text, lxw_format *format)
{
    char *safe_copy = NULL;

    if (sh->book->status != SC_OK)
        return;
    if (!(text = sc_text_xml_safe(text ? text : "", &safe_copy))) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    sc_book_check(sh->book, worksheet_write_url_opt(sh->worksheet, row, col,
                                                    url, format, text, NULL));
    cells_widen(sh, col, longest_line(text));
    free(safe_copy);
}

void sc_cells_text(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                   const char *text, lxw_format *format)
{
    sc_cells_put(sh, row, col, text, format, 1);
}

void sc_cells_number(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                     double value, lxw_format *format)
{
    char shown[32];
    size_t chars = 1;

    if (sh->book->status != SC_OK)
        return;
    sc_book_check(sh->book, worksheet_write_number(sh->worksheet, row, col,
                                                   value, format));
    /* Counts and line numbers are whole: their digits, without printf. */
    if (value >= 0 && value < 1e15 && value == (double)(long long)value)
        for (long long v = (long long)value; v >= 10; v /= 10)
            chars++;
    else
        chars = (size_t)snprintf(shown, sizeof shown, "%g", value);
    cells_widen(sh, col, chars);
}

void sc_cells_date(sc_cells *sh, lxw_row_t row, lxw_col_t col, sc_date date)
{
    lxw_datetime when = {0};

    if (date == SC_DATE_NONE || sh->book->status != SC_OK)
        return;
    sc_date_split(date, &when.year, &when.month, &when.day);
    if (when.year < 1900) {
        char text[11];

        sc_date_format(date, text);
        sc_cells_text(sh, row, col, text, NULL);
        return;
    }
    sc_book_check(sh->book, worksheet_write_datetime(sh->worksheet, row, col,
                                                     &when,
                                                     sh->book->formats.date));
    cells_widen(sh, col, 10);
}

void sc_cells_status(sc_cells *sh, lxw_row_t row, lxw_col_t col, int status,
                     int filled, const char *none)
{
    if (status < 0 || status >= SC_STATUS_COUNT)
        sc_cells_text(sh, row, col, none, NULL);
    else
        sc_cells_text(sh, row, col, sc_status_label((sc_status)status),
                      filled ? sh->book->formats.status_cell[status] : NULL);
}

void sc_cells_status_wrap(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                          int status, const char *none)
{
    if (status < 0 || status >= SC_STATUS_COUNT)
        sc_cells_text(sh, row, col, none, sh->book->formats.wrap);
    else
        sc_cells_text(sh, row, col, sc_status_label((sc_status)status),
                      sh->book->formats.status_wrap[status]);
}

void sc_cells_late(sc_cells *sh, lxw_row_t row, lxw_col_t col, int late)
{
    if (late)
        sc_cells_text(sh, row, col, "En retard", sh->book->formats.late);
}

void sc_cells_header(sc_cells *sh, const char *const *labels, size_t n)
{
    for (size_t c = 0; c < n; c++)
        sc_cells_text(sh, 0, (lxw_col_t)c, labels[c],
                      sh->book->formats.header);
}

void sc_cells_print(sc_cells *sh)
{
    worksheet_set_landscape(sh->worksheet);
    worksheet_set_paper(sh->worksheet, 9); /* A4 */
    worksheet_fit_to_pages(sh->worksheet, 1, 0);
}

void sc_cells_list(sc_cells *sh, lxw_row_t last_row)
{
    if (sh->book->status != SC_OK)
        return;
    worksheet_freeze_panes(sh->worksheet, 1, 0);
    sc_book_check(sh->book, worksheet_autofilter(sh->worksheet, 0, 0,
                                                 last_row,
                                                 (lxw_col_t)(sh->ncols - 1)));
    sc_book_check(sh->book, worksheet_repeat_rows(sh->worksheet, 0, 0));
    /* A print area's fit waits for the widths (sc_cells_close). */
    if (!sh->print_cols)
        sc_cells_print(sh);
}

size_t sc_cells_open_list(sc_cells *sh, sc_book *b, const char *name,
                          const char *const *labels, size_t ncols, size_t n,
                          const char *none)
{
    return sc_cells_open_list_at(sh, b, name, NULL, 0, labels, ncols, n,
                                 none);
}

/* How many of n items fit below a header at row top. */
static size_t cells_fit_at(lxw_row_t top, size_t n)
{
    size_t room = SC_CELLS_LIST_ROWS_MAX - top;

    return n < room ? n : room;
}

size_t sc_cells_open_list_at(sc_cells *sh, sc_book *b, const char *name,
                             const char *title, lxw_row_t top,
                             const char *const *labels, size_t ncols,
                             size_t n, const char *none)
{
    size_t fit = cells_fit_at(top, n);

    if (!sc_cells_open(sh, b, name, ncols))
        return 0;
    /* Rows in order: libxlsxwriter's constant_memory mode takes none above
     * the one being written. */
    if (title)
        sc_cells_put(sh, 0, 0, title, b->formats.title, 0);
    for (size_t c = 0; c < ncols; c++)
        sc_cells_text(sh, top, (lxw_col_t)c, labels[c], b->formats.header);
    if (b->status != SC_OK)
        return 0;
    worksheet_freeze_panes(sh->worksheet, top + 1, 0);
    /* Down to the none line when empty, so that the filter covers it. */
    sc_book_check(b, worksheet_autofilter(sh->worksheet, top, 0,
                                          top + (lxw_row_t)(n ? fit : 1),
                                          (lxw_col_t)(ncols - 1)));
    sc_book_check(b, worksheet_repeat_rows(sh->worksheet, top, top));
    sc_cells_print(sh);
    if (n == 0)
        sc_cells_text(sh, top + 1, 0, none, NULL);
    return b->status == SC_OK ? fit : 0;
}

void sc_cells_overflow_at(sc_cells *sh, lxw_row_t top, size_t n)
{
    char text[160];
    size_t fit = cells_fit_at(top, n);

    if (fit == n)
        return;
    snprintf(text, sizeof text, "… et %zu ligne(s) de plus, au-delà des "
             "1 048 576 lignes d'une feuille Excel", n - fit);
    sc_cells_put(sh, (lxw_row_t)(top + fit + 1), 0, text,
                 sh->book->formats.bold, 0);
}

/* Writes text under url, or as plain text past Excel's links. */
static void cells_link(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                       const char *url, const char *text)
{
    char *safe_copy = NULL;

    if (sh->book->status != SC_OK)
        return;
    if (sh->links >= LXW_MAX_NUMBER_URLS || strlen(url) > 2079) {
        sc_cells_text(sh, row, col, text, NULL);
        return;
    }
    if (!(text = sc_text_xml_safe(text ? text : "", &safe_copy))) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    sc_book_check(sh->book, worksheet_write_url_opt(
                                sh->worksheet, row, col, url,
                                sh->book->formats.link, text, NULL));
    sh->links++;
    cells_widen(sh, col, longest_line(text));
    free(safe_copy);
}

void sc_cells_link_row(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                       const char *sheet, size_t target_row,
                       const char *text)
{
    /* internal:'2nde 1'!A5, a quote in the name doubled. */
    char url[2 * SC_SHEETNAME_SIZE + 48], *w = url;

    w += sprintf(w, "internal:'");
    for (const char *p = sheet; *p && w < url + 2 * SC_SHEETNAME_SIZE + 8;
         p++) {
        if (*p == '\'')
            *w++ = '\'';
        *w++ = *p;
    }
    sprintf(w, "'!A%zu", target_row + 1);
    cells_link(sh, row, col, url, text);
}

void sc_cells_link_file(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                        const char *file, const char *text)
{
    char *url;

    if (sh->book->status != SC_OK)
        return;
    if (asprintf(&url, "external:%s", file ? file : "") < 0) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    cells_link(sh, row, col, url, text);
    free(url);
}

void sc_cells_row_lines(sc_cells *sh, lxw_row_t row, size_t lines)
{
    if (sh->book->status != SC_OK || lines <= 1)
        return;
    if (lines > (size_t)(409 / SC_CELLS_LINE_HEIGHT))
        lines = (size_t)(409 / SC_CELLS_LINE_HEIGHT); /* Excel's tallest */
    sc_book_check(sh->book, worksheet_set_row(sh->worksheet, row,
                                              SC_CELLS_LINE_HEIGHT *
                                                  (double)lines, NULL));
}

size_t sc_cells_list_fit(size_t n)
{
    return n < SC_CELLS_LIST_ROWS_MAX ? n : SC_CELLS_LIST_ROWS_MAX;
}

void sc_cells_overflow(sc_cells *sh, size_t n)
{
    char text[160];

    if (n <= SC_CELLS_LIST_ROWS_MAX)
        return;
    snprintf(text, sizeof text, "… et %zu ligne(s) de plus, au-delà des "
             "1 048 576 lignes d'une feuille Excel",
             n - SC_CELLS_LIST_ROWS_MAX);
    sc_cells_put(sh, (lxw_row_t)(SC_CELLS_LIST_ROWS_MAX + 1), 0, text,
                 sh->book->formats.bold, 0);
}
