/*
 * cells.h - writing the cells of one worksheet, and fitting its column
 * widths to what was written. Internal to the workbook layer.
 *
 * libxlsxwriter runs in constant_memory mode when it can (book.c): each
 * row goes to a scratch file as soon as the next one starts. Rows are
 * therefore written top to bottom, and ranges (filters) set before the
 * rows below them; column widths can still come last, and do, from
 * sc_cells_close. Every function here does nothing once the book has
 * failed.
 */
#ifndef STAGECHECK_WORKBOOK_CELLS_H
#define STAGECHECK_WORKBOOK_CELLS_H

#include <stddef.h>
#include <stdint.h>
#include <xlsxwriter.h>
#include "stagecheck/base/date.h"
#include "stagecheck/workbook/book.h"

/* What sc_cells_close sets for one column. */
typedef struct sc_cells_col {
    size_t width;      /* characters: the longest text written */
    size_t min, max;   /* bounds of the width set; 0, 0: the defaults */
    uint8_t level;     /* outline level: 1 groups it, folded */
} sc_cells_col;

/* One worksheet and the longest text of each of its columns. */
typedef struct sc_cells {
    sc_book *book;
    lxw_worksheet *worksheet;
    sc_cells_col *cols;
    size_t ncols;
    size_t print_cols;      /* sc_cells_print_area's columns, 0: none */
    lxw_row_t print_last;   /* and its last row */
    size_t links;    /* hyperlinks written: Excel takes 65,530 a sheet */
} sc_cells;

/** Characters one line of a wrapped cell of `width` holds, as
 *  sc_cells_lines counts them: a width counts digits, and the average
 *  letter of the default font is narrower (about 1.2 to a digit in
 *  Calibri and Carlito); a little less is assumed, so that rows are
 *  never too short. */
#define SC_CELLS_LINE_CHARS(width) ((width) + (width) / 10)

/** Height in points of one line of text in the default font. */
#define SC_CELLS_LINE_HEIGHT 15.0

/** The narrowest printed scale (in %) at which a sheet still reads. */
#define SC_CELLS_SCALE_MIN 60

/** Printable width of a landscape A4 page with the margins
 *  sc_cells_print_area sets, in pixels at 96 dpi. */
#define SC_CELLS_PAGE_PIXELS 1065

/** Rows a list sheet can hold below its header: Excel stops at 1,048,576
 *  rows, and one is kept for the notice of what did not fit. */
#define SC_CELLS_LIST_ROWS_MAX ((size_t)LXW_ROW_MAX - 2)

/** Adds the worksheet name of ncols columns to book. Returns 1, or 0 when
 *  the book has failed (before or now); sc_cells_close it either way. */
int sc_cells_open(sc_cells *sh, sc_book *book, const char *name,
                  size_t ncols);

/** Opens a list sheet of n items, as sc_cells_open: its header row of
 *  ncols labels, frozen, filtered and printed as lists are, and the line
 *  none under it when n is 0. Returns how many items fit below the header
 *  (0 when the book has failed); the caller writes them from row 1, then
 *  calls sc_cells_overflow and sc_cells_close. */
size_t sc_cells_open_list(sc_cells *sh, sc_book *book, const char *name,
                          const char *const *labels, size_t ncols, size_t n,
                          const char *none);

/** sc_cells_open_list with the header row at row top, under title (row
 *  0, unless NULL); the items go from row top + 1. Returns how many fit;
 *  the caller ends with sc_cells_overflow_at(sh, top, n). */
size_t sc_cells_open_list_at(sc_cells *sh, sc_book *book, const char *name,
                             const char *title, lxw_row_t top,
                             const char *const *labels, size_t ncols,
                             size_t n, const char *none);

/** sc_cells_overflow for a list whose header is at row top. */
void sc_cells_overflow_at(sc_cells *sh, lxw_row_t top, size_t n);

/** Writes text as a link to cell A<row + 1> of the sheet named sheet (an
 *  internal link); plain text once the sheet holds as many links as Excel
 *  takes. */
void sc_cells_link_row(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                       const char *sheet, size_t target_row,
                       const char *text);

/** Writes text as a link to the file name beside the workbook (an
 *  external link, relative); plain text past Excel's links. */
void sc_cells_link_file(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                        const char *file, const char *text);

/** Sets the height of row to hold lines lines of text: LibreOffice does
 *  not grow a row to its wrapped text by itself. */
void sc_cells_row_lines(sc_cells *sh, lxw_row_t row, size_t lines);

/** Returns how many lines text takes in a wrapped cell: its own lines,
 *  and each longer than the widest column as many more as it wraps. */
size_t sc_cells_wrapped_lines(const char *text);

/** Makes column col at least chars characters wide. */
void sc_cells_widen(sc_cells *sh, lxw_col_t col, size_t chars);


/** Bounds the width of column col to min..max characters (equal: a fixed
 *  width, whatever is written), instead of the 8..60 of other columns. */
void sc_cells_bound(sc_cells *sh, lxw_col_t col, size_t min, size_t max);

/** Puts columns first..last into a folded outline group (level 1). */
void sc_cells_group(sc_cells *sh, lxw_col_t first, lxw_col_t last);

/** Returns the width sc_cells_close will give col (characters). */
size_t sc_cells_width(const sc_cells *sh, lxw_col_t col);

/** Returns how many lines text takes, wrapped at word boundaries in a
 *  column of width characters, each "\n" starting a line. */
size_t sc_cells_lines(const char *text, size_t width);

/** Prints columns 0..ncols - 1 and rows 0..last_row only (called before
 *  sc_cells_list): landscape A4,
 *  narrow margins, one page wide when that keeps the scale at
 *  SC_CELLS_SCALE_MIN % or more, else at that scale (the last columns on
 *  a page of their own); computed at sc_cells_close, from the widths. */
void sc_cells_print_area(sc_cells *sh, size_t ncols, lxw_row_t last_row);

/** Returns the printed width in pixels of columns 0..ncols - 1, as
 *  Excel draws a column of w characters (7 w + 5 pixels). */
size_t sc_cells_pixels(const sc_cells *sh, size_t ncols);

/** Sets the fitted column widths, outline and print area, and releases
 *  sh. */
void sc_cells_close(sc_cells *sh);

/** Writes text, cut to what a cell holds; fit says whether the column's
 *  width follows it (not for the free lines of Synthèse, which overflow
 *  into the empty cells on their right). */
void sc_cells_put(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                  const char *text, lxw_format *format, int fit);

/** sc_cells_put, the column fitted to the text. */
void sc_cells_text(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                   const char *text, lxw_format *format);

/** Writes text as a link to url ("internal:'Feuille'!A1" for a sheet of
 *  the workbook), the column fitted to it. */
void sc_cells_link(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                   const char *url, const char *text, lxw_format *format);

void sc_cells_number(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                     double value, lxw_format *format);

/** Writes a date as an Excel date; nothing for SC_DATE_NONE, and text for
 *  years Excel's calendar cannot hold. */
void sc_cells_date(sc_cells *sh, lxw_row_t row, lxw_col_t col, sc_date date);

/** Writes the label of status (an sc_status), in its colour when filled;
 *  none instead when status is -1, the "no status" of sc_report and
 *  sc_change. */
void sc_cells_status(sc_cells *sh, lxw_row_t row, lxw_col_t col, int status,
                     int filled, const char *none);

/** sc_cells_status, filled and wrapped in a narrow column. */
void sc_cells_status_wrap(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                          int status, const char *none);

/** The Retard cell: a marker when late, empty otherwise so that the filter
 *  offers "En retard" against "(Vides)". */
void sc_cells_late(sc_cells *sh, lxw_row_t row, lxw_col_t col, int late);

/** Writes the header row of a list sheet. */
void sc_cells_header(sc_cells *sh, const char *const *labels, size_t n);

/** Prints landscape on A4, one page wide. */
void sc_cells_print(sc_cells *sh);

/** The settings shared by the list sheets: header row frozen, filtered
 *  (down to last_row) and printed on every page. */
void sc_cells_list(sc_cells *sh, lxw_row_t last_row);

/** Returns how many of the n items of a list fit on a sheet. */
size_t sc_cells_list_fit(size_t n);

/** After a list cut by sc_cells_list_fit, says on its last row how many
 *  items are left out (nothing when none is). */
void sc_cells_overflow(sc_cells *sh, size_t n);

#endif /* STAGECHECK_WORKBOOK_CELLS_H */
