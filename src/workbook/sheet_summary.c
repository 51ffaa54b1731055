/*
 * sheet_summary.c - the Synthèse.
 */
#include <stdio.h>
#include "stagecheck/workbook/sheet_summary.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/period.h"
#include "stagecheck/core/timeline.h"

/* The lines above the tables: title, school year, period, reference date. */
static void summary_heading(sc_cells *sh, const sc_report *r)
{
    const sc_period *period = r->period;
    char text[256], from[11], to[11], ref[11], when[80];
    int year = sc_period_school_year(period->start);

    sc_cells_put(sh, 0, 0, SC_BOOK_TITLE, sh->book->formats.title, 0);
    snprintf(text, sizeof text, "Année scolaire %d-%d%s%s", year, year + 1,
             r->school ? " — " : "", r->school ? r->school : "");
    sc_cells_put(sh, 1, 0, text, NULL, 0);
    sc_date_format(period->start, from);
    sc_date_format(period->end, to);
    snprintf(text, sizeof text, "Période : du %s au %s (%d %s) — %s", from, to,
             period->ndays, period->ndays > 1 ? "jours ouvrés" : "jour ouvré",
             period->given ? "donnée par --period"
                           : "calculée (calendrier national)");
    sc_cells_put(sh, 2, 0, text, NULL, 0);
    if (r->as_of == SC_DATE_NONE)
        return;
    sc_date_format(r->as_of, ref);
    sc_timeline_as_of(period, r->as_of, when, sizeof when);
    snprintf(text, sizeof text, "Date de référence : %s — %s", ref, when);
    sc_cells_put(sh, 3, 0, text, NULL, 0);
}

/* The deadline, and how far off it is or how many pupils are late. */
static void summary_deadline(sc_cells *sh, const sc_model *m, lxw_row_t row)
{
    const sc_report *r = m->report;
    char text[160], day[11], when[80];
    size_t len;

    sc_date_format(r->deadline, day);
    len = (size_t)snprintf(text, sizeof text,
                           "Date limite de retour des conventions : %s", day);
    if (r->as_of != SC_DATE_NONE) {
        sc_timeline_deadline(r->as_of, r->deadline, m->total.late, when,
                             sizeof when);
        snprintf(text + len, sizeof text - len, " — %s", when);
    }
    sc_cells_put(sh, row, 0, text, NULL, 0);
}

/* The files read, from row. Returns the first row after them. */
static lxw_row_t summary_inputs(sc_cells *sh, const sc_dataset *data,
                                lxw_row_t row)
{
    static const char *const labels[] = {"Fichier", "Type", "Format",
                                         "Lignes", "Pris pour ce type car"};

    sc_cells_put(sh, row++, 0, "Fichiers lus", sh->book->formats.bold, 0);
    for (lxw_col_t c = 0; c < 5; c++)
        sc_cells_text(sh, row, c, labels[c], sh->book->formats.header);
    row++;
    for (size_t i = 0; i < data->ninputs; i++, row++) {
        const sc_input *in = &data->inputs[i];

        sc_cells_text(sh, row, 0, in->path, NULL);
        sc_cells_text(sh, row, 1, in->kind == SC_KIND_ROLL ? "Liste d'élèves"
                                                           : "Stages", NULL);
        sc_cells_text(sh, row, 2, in->format ? in->format : in->encoding,
                      NULL);
        sc_cells_number(sh, row, 3, (double)in->rows, NULL);
        /* Left to overflow to the right: the reason is a sentence. */
        if (in->why)
            sc_cells_put(sh, row, 4, in->why, NULL, 0);
    }
    return row;
}

/* One row of the class table: counts, the share of pupils Prêt or
 * Dispensé (blank when there is nobody) and, with a deadline, the late. */
static void summary_counts(sc_cells *sh, const sc_model *m, lxw_row_t row,
                           const char *name, const sc_tally *t, int bold)
{
    const sc_formats *fm = &sh->book->formats;
    lxw_format *f = bold ? fm->bold : NULL;

    sc_cells_text(sh, row, 0, name, f);
    sc_cells_number(sh, row, 1, (double)t->pupils, f);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sc_cells_number(sh, row, (lxw_col_t)(2 + s), (double)t->status[s], f);
    if (t->pupils > 0)
        sc_cells_number(sh, row, SC_MODEL_SUMMARY_COLS - 1,
                        (double)sc_tally_done(t) / (double)t->pupils,
                        bold ? fm->total_percent : fm->percent);
    if (m->columns.summary_late)
        sc_cells_number(sh, row, (lxw_col_t)m->columns.summary_late,
                        (double)t->late, f);
}

/* The stacked columns of the statuses per class, one series per status
 * over the class table (rows first .. first + nclasses - 1). */
static void summary_chart(sc_cells *sh, const sc_model *m, lxw_row_t first,
                          lxw_row_t at)
{
    sc_book *b = sh->book;
    lxw_row_t last = first + (lxw_row_t)m->nclasses - 1;
    lxw_chart_options options = {0};
    lxw_chart *chart;

    if (b->status != SC_OK || m->nclasses == 0)
        return;
    chart = workbook_add_chart(b->workbook, LXW_CHART_COLUMN_STACKED);
    if (!chart) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    chart_title_set_name(chart, "Statuts par classe");
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        lxw_chart_fill fill = {.color = sc_formats_status_color((sc_status)s)};
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

        if (!series) {
            b->status = SC_ERROR_MEMORY;
            return;
        }
        chart_series_set_categories(series, SC_SHEETNAME_SUMMARY, first, 0,
                                    last, 0);
        chart_series_set_values(series, SC_SHEETNAME_SUMMARY, first,
                                (lxw_col_t)(2 + s), last, (lxw_col_t)(2 + s));
        chart_series_set_name(series, sc_status_label((sc_status)s));
        chart_series_set_fill(series, &fill);
    }
    chart_axis_set_name(chart->x_axis, "Classe");
    chart_axis_set_name(chart->y_axis, "Élèves");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    /* Wider than the default 480 pixels when there are many classes. */
    options.x_scale = m->nclasses > 8 ? (160.0 + 40.0 * (double)m->nclasses)
                                            / 480.0 : 1.0;
    options.y_scale = 1.25;
    sc_book_check(b, worksheet_insert_chart_opt(sh->worksheet, at, 0, chart,
                                                &options));
}

void sc_sheet_summary_write(sc_book *b, const sc_model *m)
{
    const sc_report *r = m->report;
    const sc_formats *fm = &b->formats;
    const sc_anomalies *anomalies = r->anomalies;
    size_t count = anomalies ? anomalies->count : 0;
    size_t notes = count - (anomalies ? sc_anomalies_findings(anomalies) : 0);
    size_t len;
    char text[128], aside[256], text2[384];
    lxw_row_t row, first;
    sc_cells sh;

    if (!sc_cells_open(&sh, b, SC_SHEETNAME_SUMMARY, m->columns.summary_cols))
        goto done;
    sc_cells_print(&sh);
    summary_heading(&sh, r);
    row = 4; /* under the heading's four lines */
    if (r->has_deadline)
        summary_deadline(&sh, m, row++);
    row = summary_inputs(&sh, r->data, row + 1) + 1;

    sc_cells_put(&sh, row++, 0, "Statuts par classe", fm->bold, 0);
    sc_cells_text(&sh, row, 0, "Classe", fm->header);
    sc_cells_text(&sh, row, 1, "Effectif", fm->header);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sc_cells_text(&sh, row, (lxw_col_t)(2 + s),
                      sc_status_label((sc_status)s), fm->status_header[s]);
    sc_cells_text(&sh, row, SC_MODEL_SUMMARY_COLS - 1, "Prêts ou dispensés",
                  fm->header);
    if (m->columns.summary_late)
        sc_cells_text(&sh, row, (lxw_col_t)m->columns.summary_late,
                      "En retard", fm->header);
    first = ++row;
    for (size_t c = 0; c < m->nclasses; c++, row++) {
        const sc_model_class *k = &m->classes[c];

        summary_counts(&sh, m, row, k->name, &k->tally, 0);
    }
    summary_counts(&sh, m, row++, "Total", &m->total, 1);

    sc_cells_put(&sh, ++row, 0, "Légende", fm->bold, 0);
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        row++;
        sc_cells_text(&sh, row, 0, sc_status_label((sc_status)s),
                      fm->status_cell[s]);
        sc_cells_put(&sh, row, 1, sc_formats_status_legend((sc_status)s), NULL,
                     0);
    }
    row += 2;
    /* The count of the sheet's rows; the notes are told apart, since
     * stdout and the exit status count only errors and warnings. */
    len = (size_t)snprintf(text, sizeof text,
                           "Anomalies : %zu (voir la feuille Anomalies)",
                           count);
    if (notes > 0)
        snprintf(text + len, sizeof text - len, ", dont %zu pour information",
                 notes);
    sc_cells_put(&sh, row, 0, text, fm->bold, 0);
    if (sc_tally_aside_text(&m->total, aside, sizeof aside)) {
        snprintf(text2, sizeof text2, "Non suivis : %s (voir la feuille "
                 "Anomalies, lignes Information)", aside);
        sc_cells_put(&sh, ++row, 0, text2, NULL, 0);
    }
    if (r->previous) {
        snprintf(text, sizeof text, "Changements depuis le passage précédent "
                 ": %zu (voir la feuille Changements)",
                 r->changes ? r->changes->count : 0);
        sc_cells_put(&sh, ++row, 0, text, fm->bold, 0);
    }
    summary_chart(&sh, m, first, row + 2);

done:
    sc_cells_close(&sh);
}
