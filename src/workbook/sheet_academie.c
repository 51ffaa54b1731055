/*
 * sheet_academie.c - the Académie sheet of academie.xlsx.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/sheet_academie.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/book.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/timeline.h"

#define ACADEMIE_LEAD 4 /* UAI, Établissement, Classeur, Effectif */
#define SHEET_ACADEMIE "Académie"
#define CHART_SCHOOLS 20 /* the least ready schools the chart shows */
#define COLOR_BAR 0x5B9BD5 /* no status's colour: the bars are a share */

/* One row of the schools table; the Total row when total. */
static void academie_row(sc_cells *sh, const sc_academie *a, lxw_row_t row,
                         const sc_school_tally *t, int total)
{
    const sc_formats *fm = &sh->book->formats;
    const sc_tally *n = &t->counts;
    lxw_format *f = total ? fm->bold : NULL;
    lxw_col_t col = ACADEMIE_LEAD + SC_STATUS_COUNT;

    if (!total) {
        sc_cells_text(sh, row, 0, t->uai, NULL);
        sc_cells_text(sh, row, 1, t->name, NULL);
        /* Beside academie.xlsx: a link relative to it. */
        sc_cells_link_file(sh, row, 2, t->workbook, t->workbook);
    } else {
        sc_cells_text(sh, row, 0, "Total", f);
    }
    sc_cells_number(sh, row, 3, (double)n->pupils, f);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sc_cells_number(sh, row, (lxw_col_t)(ACADEMIE_LEAD + s),
                        (double)n->status[s], f);
    if (n->pupils > 0)
        sc_cells_number(sh, row, col,
                        (double)sc_tally_done(n) / (double)n->pupils,
                        total ? fm->total_percent : fm->percent);
    col++;
    if (a->has_deadline)
        sc_cells_number(sh, row, col++, (double)n->late, f);
    sc_cells_number(sh, row, col, (double)n->findings, f);
}

/* A bar chart of the share ready or dispensed of the first n schools,
 * the least ready, from the rows under the header at row top: one bar a
 * line, the least ready on top, labelled by UAI and name. */
static void academie_chart(sc_cells *sh, lxw_row_t top, size_t n,
                           lxw_row_t at)
{
    sc_book *b = sh->book;
    lxw_chart_fill fill = {.color = COLOR_BAR};
    lxw_chart_options size = {.x_scale = 2, .y_scale = 2};
    lxw_col_t share = ACADEMIE_LEAD + SC_STATUS_COUNT;
    lxw_chart *chart;
    lxw_chart_series *series;
    char title[128];

    if (b->status != SC_OK || n == 0)
        return;
    chart = workbook_add_chart(b->workbook, LXW_CHART_BAR);
    series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!series) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    if (n > CHART_SCHOOLS) {
        n = CHART_SCHOOLS;
        snprintf(title, sizeof title, "Part des élèves prêts ou dispensés : "
                 "les %d établissements les moins avancés", CHART_SCHOOLS);
    } else {
        snprintf(title, sizeof title, "Part des élèves prêts ou dispensés "
                 "par établissement");
    }
    chart_title_set_name(chart, title);
    /* UAI and name: two levels of labels under each bar. */
    chart_series_set_categories(series, SHEET_ACADEMIE, top + 1, 0,
                                (lxw_row_t)(top + n), 1);
    chart_series_set_values(series, SHEET_ACADEMIE, top + 1, share,
                            (lxw_row_t)(top + n), share);
    chart_series_set_fill(series, &fill);
    /* In libxlsxwriter's bar chart the values run along x_axis and the
     * categories up y_axis: reversed, the table's order reads from the
     * top. */
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_max(chart->x_axis, 1);
    chart_axis_set_num_format(chart->x_axis, "0%");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    sc_book_check(b, worksheet_insert_chart_opt(sh->worksheet, at, 1, chart,
                                                &size));
}

/* The share of a school's pupils ready or dispensed; a school of nobody
 * has nothing left to do. */
static double school_share(const sc_school_tally *t)
{
    return t->counts.pupils ? (double)sc_tally_done(&t->counts) /
                                  (double)t->counts.pupils
                            : 1.0;
}

/* Least ready first; then as given (by UAI). */
static int school_cmp(const void *pa, const void *pb)
{
    const sc_school_tally *const *a = pa, *const *b = pb;
    double x = school_share(*a), y = school_share(*b);

    if (x != y)
        return x < y ? -1 : 1;
    return (*a > *b) - (*a < *b);
}

/* Title, reference date and deadline, above the table. Returns the row of
 * the table's header. */
static lxw_row_t academie_title(sc_cells *sh, const sc_academie *a)
{
    char text[256], day[11], when[80];
    lxw_row_t row = 1;

    sc_cells_put(sh, 0, 0, SC_BOOK_TITLE " — académie", sh->book->formats.title,
                 0);
    if (a->as_of != SC_DATE_NONE) {
        sc_date_format(a->as_of, day);
        sc_timeline_as_of(a->period, a->as_of, when, sizeof when);
        snprintf(text, sizeof text, "Date de référence : %s — %s", day, when);
        sc_cells_put(sh, row++, 0, text, NULL, 0);
    }
    if (a->has_deadline) {
        sc_date_format(a->deadline, day);
        snprintf(text, sizeof text,
                 "Date limite de retour des conventions : %s", day);
        sc_cells_put(sh, row++, 0, text, NULL, 0);
    }
    sc_cells_put(sh, row++, 0, "Établissements du moins avancé au plus "
                 "avancé (part des élèves prêts ou dispensés)", NULL, 0);
    return row;
}

void sc_sheet_academie_write(sc_book *b, const sc_academie *a)
{
    const sc_formats *fm = &b->formats;
    sc_school_tally total = {0};
    size_t ncols = ACADEMIE_LEAD + SC_STATUS_COUNT + 2 +
                   (a->has_deadline ? 1 : 0);
    lxw_col_t col = ACADEMIE_LEAD + SC_STATUS_COUNT;
    const sc_school_tally **order =
        malloc((a->nschools ? a->nschools : 1) * sizeof *order);
    lxw_row_t top, row;
    sc_cells sh;

    memset(&sh, 0, sizeof sh);
    sh.book = b;
    if (!order) {
        if (b->status == SC_OK)
            b->status = SC_ERROR_MEMORY;
        goto done;
    }
    for (size_t i = 0; i < a->nschools; i++)
        order[i] = &a->schools[i];
    qsort(order, a->nschools, sizeof *order, school_cmp);
    if (!sc_cells_open(&sh, b, SHEET_ACADEMIE, ncols))
        goto done;
    row = top = academie_title(&sh, a);
    sc_cells_text(&sh, row, 0, "UAI", fm->header);
    sc_cells_text(&sh, row, 1, "Établissement", fm->header);
    sc_cells_text(&sh, row, 2, "Classeur", fm->header);
    sc_cells_text(&sh, row, 3, "Effectif", fm->header);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sc_cells_text(&sh, row, (lxw_col_t)(ACADEMIE_LEAD + s),
                      sc_status_label((sc_status)s), fm->status_header[s]);
    sc_cells_text(&sh, row, col++, "Prêts ou dispensés", fm->header);
    if (a->has_deadline)
        sc_cells_text(&sh, row, col++, "En retard", fm->header);
    sc_cells_text(&sh, row, col, "Anomalies", fm->header);
    /* Before the rows: libxlsxwriter's constant_memory mode takes no range
     * that ends above the row being written. The Total row stays out. */
    if (b->status == SC_OK) {
        worksheet_freeze_panes(sh.worksheet, top + 1, 0);
        sc_book_check(b, worksheet_autofilter(sh.worksheet, top, 0,
                                              top + (lxw_row_t)a->nschools,
                                              (lxw_col_t)(ncols - 1)));
        sc_book_check(b, worksheet_repeat_rows(sh.worksheet, top, top));
        sc_cells_print(&sh);
    }
    for (size_t i = 0; i < a->nschools; i++) {
        academie_row(&sh, a, ++row, order[i], 0);
        sc_tally_add(&total.counts, &order[i]->counts);
    }
    total.counts.findings +=
        a->anomalies ? sc_anomalies_findings(a->anomalies) : 0;
    academie_row(&sh, a, ++row, &total, 1);
    academie_chart(&sh, top, a->nschools, row + 2);

done:
    sc_cells_close(&sh);
    free(order);
}
