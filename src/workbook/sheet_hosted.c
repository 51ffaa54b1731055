/*
 * sheet_hosted.c - Accueil établissement.
 */
#include <stdint.h>
#include <stdio.h>
#include "stagecheck/workbook/sheet_hosted.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/core/period.h"
#include "stagecheck/core/rules.h"

/* A day's header: the date itself, shown "lun. 17/06" by its format, so
 * that it sorts and reads as a date. */
static void day_header(sc_cells *sh, lxw_col_t col, sc_date day)
{
    lxw_datetime when = {0};

    if (sh->book->status != SC_OK)
        return;
    sc_date_split(day, &when.year, &when.month, &when.day);
    sc_book_check(sh->book, worksheet_write_datetime(
                                sh->worksheet, 0, col, &when,
                                sh->book->formats.day_header));
}

/* Prints one week a page when the period has several: a page break
 * before each Monday but the first, the names repeated on each page and
 * gridlines drawn; a period of one week is one page wide. */
static void hosted_print(sc_cells *sh, const sc_period *period,
                         lxw_col_t days)
{
    lxw_col_t breaks[SC_PERIOD_MAX_DAYS + 1];
    size_t n = 0;

    if (sh->book->status != SC_OK)
        return;
    worksheet_gridlines(sh->worksheet, LXW_SHOW_ALL_GRIDLINES);
    sc_book_check(sh->book, worksheet_repeat_columns(sh->worksheet, 0, 2));
    for (int i = 1; i < period->ndays; i++)
        if (sc_date_weekday(period->days[i]) <=
            sc_date_weekday(period->days[i - 1]))
            breaks[n++] = (lxw_col_t)(days + i);
    breaks[n] = 0;
    if (n == 0)
        return;
    /* Fitting to a page width would override the breaks: hosted_scale
     * sets a scale instead, once the widths are known. */
    sh->worksheet->fit_page = 0;
    sc_book_check(sh->book, worksheet_set_v_pagebreaks(sh->worksheet,
                                                       breaks));
}

/* Pixels of a column of w characters: Excel takes 7 a character, but
 * LibreOffice prints them about 9 wide (measured on the samples); the
 * larger, so that a week fits across the page in both. */
static double column_pixels(size_t w)
{
    return (double)w * 9.5 + 5.0;
}

/* The print scale at which the widest printed page of a period of
 * several weeks fits across A4 landscape: the names repeated, Motif and
 * Retard on the first page, a week's days, Émargement on the last. */
static void hosted_scale(sc_cells *sh, const sc_period *period,
                         lxw_col_t days)
{
    /* 297 mm less libxlsxwriter's margins of 0.7 in, at 96 dpi. */
    const double printable = (297.0 / 25.4 - 1.4) * 96.0;
    double names = 0, page = 0, widest = 0;
    int scale;

    if (sh->book->status != SC_OK || sh->worksheet->fit_page)
        return;
    for (lxw_col_t c = 0; c < 3; c++)
        names += column_pixels(sc_cells_width(sh, c));
    page = names;
    for (lxw_col_t c = 3; c < days; c++)
        page += column_pixels(sc_cells_width(sh, c));
    for (int i = 0; i < period->ndays; i++) {
        if (i > 0 && sc_date_weekday(period->days[i]) <=
                         sc_date_weekday(period->days[i - 1])) {
            widest = page > widest ? page : widest;
            page = names;
        }
        page += column_pixels(sc_cells_width(sh, (lxw_col_t)(days + i)));
    }
    page += column_pixels(sc_cells_width(sh, (lxw_col_t)(days +
                                                         period->ndays)));
    widest = page > widest ? page : widest;
    scale = (int)(100.0 * printable / widest);
    worksheet_set_print_scale(sh->worksheet,
                              (uint16_t)(scale > 100 ? 100
                                         : scale < 10 ? 10 : scale));
    sh->worksheet->fit_page = 0;
}

/* The count of a day: SUBTOTAL(103, …) over the rows 1 .. last above,
 * which counts the visible X only, so that it follows a filter by class;
 * its value as of now cached for readers that do not compute. A plain
 * number when no row is listed (last 0) or some did not fit. */
static void hosted_count(sc_cells *sh, lxw_row_t row, lxw_col_t col,
                         lxw_row_t last, size_t count)
{
    char first_cell[16], last_cell[16], formula[64];

    if (last == 0) {
        sc_cells_number(sh, row, col, (double)count, sh->book->formats.bold);
        return;
    }
    if (sh->book->status != SC_OK)
        return;
    lxw_rowcol_to_cell(first_cell, 1, col);
    lxw_rowcol_to_cell(last_cell, last, col);
    snprintf(formula, sizeof formula, "=SUBTOTAL(103,%s:%s)", first_cell,
             last_cell);
    sc_book_check(sh->book, worksheet_write_formula_num(
                                sh->worksheet, row, col, formula,
                                sh->book->formats.bold, (double)count));
}

void sc_sheet_hosted_write(sc_book *b, const sc_model *m)
{
    static const char *const lead[SC_MODEL_HOSTED_LEAD] = {"Classe", "Nom",
                                                           "Prénom", "Motif"};
    const sc_report *r = m->report;
    const sc_formats *fm = &b->formats;
    const sc_period *period = r->period;
    int ndays = period->ndays; /* 1 .. SC_PERIOD_MAX_DAYS: sc_period_init */
    uint64_t all = sc_period_all_days(period);
    lxw_col_t days = (lxw_col_t)m->columns.hosted_days;
    size_t count[SC_PERIOD_MAX_DAYS] = {0}, left_out = 0;
    lxw_col_t sign = (lxw_col_t)(days + ndays); /* Émargement */
    lxw_row_t row = 1;
    sc_cells sh;

    if (!sc_cells_open(&sh, b, SC_SHEETNAME_HOSTED,
                       m->columns.hosted_days + (size_t)ndays + 1))
        goto done;
    sc_cells_header(&sh, lead, SC_MODEL_HOSTED_LEAD);
    if (m->columns.hosted_late)
        sc_cells_text(&sh, 0, (lxw_col_t)m->columns.hosted_late, "Retard",
                      fm->header);
    for (int i = 0; i < ndays; i++) {
        day_header(&sh, (lxw_col_t)(days + i), period->days[i]);
        sc_cells_widen(&sh, (lxw_col_t)(days + i), 10);
    }
    /* For the staff to tick the pupils present. */
    sc_cells_text(&sh, 0, sign, "Émargement", fm->header);
    for (size_t i = 0; i < m->nlines; i++) {
        const sc_model_line *l = &m->lines[i];
        const sc_verdict *v = &r->verdicts[l->index];
        uint64_t hosted = sc_check_hosted(r->hosted, v);

        if (!(hosted & all))
            continue;
        if (row > SC_CELLS_LIST_ROWS_MAX - 1) {
            /* No room left above the notice and the count row: counted
             * all the same. */
            for (int d = 0; d < ndays; d++)
                count[d] += (hosted >> d) & 1;
            left_out++;
            continue;
        }
        sc_cells_text(&sh, row, 0, m->classes[l->cls].name, NULL);
        sc_cells_text(&sh, row, 1, sc_pupil_surname(sc_model_pupil(m, l)),
                      NULL);
        sc_cells_text(&sh, row, 2, sc_pupil_first(sc_model_pupil(m, l)),
                      NULL);
        sc_cells_text(&sh, row, 3, sc_rules_motif((sc_motif)v->motif),
                      NULL);
        if (m->columns.hosted_late)
            sc_cells_late(&sh, row, (lxw_col_t)m->columns.hosted_late,
                          l->late);
        for (int d = 0; d < ndays; d++)
            if ((hosted >> d) & 1) {
                sc_cells_text(&sh, row, (lxw_col_t)(days + d), "X",
                              fm->hosted);
                count[d]++;
            }
        sc_cells_put(&sh, row, sign, "", fm->tick, 0);
        row++;
    }
    /* The filter stops above the count row, which must stay visible. */
    sc_cells_list(&sh, row - 1);
    hosted_print(&sh, period, days);
    if (left_out > 0) {
        char text[160];

        snprintf(text, sizeof text, "… et %zu élève(s) de plus, au-delà des "
                 "1 048 576 lignes d'une feuille Excel", left_out);
        sc_cells_put(&sh, row++, 0, text, fm->bold, 0);
    }
    /* Over the empty cells on its right: Classe stays narrow. */
    sc_cells_put(&sh, row, 0, "Élèves à accueillir", fm->bold, 0);
    for (int d = 0; d < ndays; d++)
        hosted_count(&sh, row, (lxw_col_t)(days + d),
                     left_out ? 0 : row - 1, count[d]);

    hosted_scale(&sh, period, days);

done:
    sc_cells_close(&sh);
}
