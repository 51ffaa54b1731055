/*
 * sheet_academie.c - the Académie sheet of academie.xlsx.
 */
#include "stagecheck/workbook/sheet_academie.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/core/anomalies.h"

#define ACADEMIE_LEAD 4 /* UAI, Établissement, Classeur, Effectif */
#define SHEET_ACADEMIE "Académie"

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
        sc_cells_text(sh, row, 2, t->workbook, NULL);
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

/* A pie of the académie's pupils by status, from the totals row. */
static void academie_chart(sc_cells *sh, lxw_row_t total_row, lxw_row_t at)
{
    sc_book *b = sh->book;
    lxw_chart_fill fills[SC_STATUS_COUNT];
    lxw_chart_point points[SC_STATUS_COUNT];
    lxw_chart_point *list[SC_STATUS_COUNT + 1];
    lxw_chart *chart;
    lxw_chart_series *series;

    if (b->status != SC_OK)
        return;
    chart = workbook_add_chart(b->workbook, LXW_CHART_PIE);
    series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!series) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    chart_title_set_name(chart, "Élèves de l'académie par statut");
    chart_series_set_categories(series, SHEET_ACADEMIE, 0, ACADEMIE_LEAD, 0,
                                ACADEMIE_LEAD + SC_STATUS_COUNT - 1);
    chart_series_set_values(series, SHEET_ACADEMIE, total_row, ACADEMIE_LEAD,
                            total_row, ACADEMIE_LEAD + SC_STATUS_COUNT - 1);
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        fills[s] = (lxw_chart_fill){
            .color = sc_formats_status_color((sc_status)s)};
        points[s] = (lxw_chart_point){.fill = &fills[s]};
        list[s] = &points[s];
    }
    list[SC_STATUS_COUNT] = NULL;
    sc_book_check(b, chart_series_set_points(series, list));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
    sc_book_check(b, worksheet_insert_chart(sh->worksheet, at, 1, chart));
}

void sc_sheet_academie_write(sc_book *b, const sc_academie *a)
{
    const sc_formats *fm = &b->formats;
    sc_school_tally total = {0};
    size_t ncols = ACADEMIE_LEAD + SC_STATUS_COUNT + 2 +
                   (a->has_deadline ? 1 : 0);
    lxw_col_t col = ACADEMIE_LEAD + SC_STATUS_COUNT;
    lxw_row_t row = 0;
    sc_cells sh;

    if (!sc_cells_open(&sh, b, SHEET_ACADEMIE, ncols))
        goto done;
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
    sc_cells_list(&sh, (lxw_row_t)a->nschools);
    for (size_t i = 0; i < a->nschools; i++) {
        const sc_school_tally *t = &a->schools[i];

        academie_row(&sh, a, ++row, t, 0);
        sc_tally_add(&total.counts, &t->counts);
    }
    total.counts.findings +=
        a->anomalies ? sc_anomalies_findings(a->anomalies) : 0;
    academie_row(&sh, a, ++row, &total, 1);
    academie_chart(&sh, row, row + 2);

done:
    sc_cells_close(&sh);
}
