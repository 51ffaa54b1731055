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

/* Turns cells first..last red (bold, dark red on light red) while their
 * count is not 0: counts that should be 0. */
static void summary_alert(sc_cells *sh, lxw_row_t first_row,
                          lxw_col_t first_col, lxw_row_t last_row,
                          lxw_col_t last_col)
{
    lxw_conditional_format rule = {
        .type = LXW_CONDITIONAL_TYPE_CELL,
        .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN,
        .value = 0,
        .format = sh->book->formats.alert};

    if (sh->book->status != SC_OK)
        return;
    sc_book_check(sh->book, worksheet_conditional_format_range(
                                sh->worksheet, first_row, first_col, last_row,
                                last_col, &rule));
}

/* "jour le plus chargé : mer. 26/06 (12 élève(s))" into buf, the first
 * such day when several tie; "personne à accueillir" when nobody is
 * hosted. */
static void summary_busiest_day(const sc_model *m, char *buf, size_t size)
{
    static const char *const names[7] = {"lun.", "mar.", "mer.", "jeu.",
                                         "ven.", "sam.", "dim."};
    const sc_period *period = m->report->period;
    int busiest = 0;
    char day[11];

    for (int d = 1; d < period->ndays; d++)
        if (m->hosted_on[d] > m->hosted_on[busiest])
            busiest = d;
    if (period->ndays == 0 || m->hosted_on[busiest] == 0) {
        snprintf(buf, size, "personne à accueillir");
        return;
    }
    sc_date_format(period->days[busiest], day);
    snprintf(buf, size, "jour le plus chargé : %s %.5s (%zu élève(s))",
             names[(sc_date_weekday(period->days[busiest]) + 6) % 7], day,
             m->hosted_on[busiest]);
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
    /* Bold, and red once it has passed with pupils late. */
    sc_cells_put(sh, row, 0, text,
                 m->total.late ? sh->book->formats.late
                               : sh->book->formats.bold, 0);
}

/* The headline block, from row: where things stand in five lines, each
 * a label, a figure and what it means. Returns the first row after it. */
static lxw_row_t summary_headline(sc_cells *sh, const sc_model *m,
                                  lxw_row_t row)
{
    const sc_report *r = m->report;
    const sc_formats *fm = &sh->book->formats;
    const sc_tally *t = &m->total;
    size_t findings = r->anomalies ? sc_anomalies_findings(r->anomalies) : 0;
    char text[160];

    sc_cells_put(sh, row++, 0, "Où en est-on ?", fm->bold, 0);
    /* Room for the share's large type. */
    if (sh->book->status == SC_OK)
        sc_book_check(sh->book, worksheet_set_row(sh->worksheet, row, 27,
                                                  NULL));
    sc_cells_text(sh, row, 0, "Prêts ou dispensés", fm->headline_label);
    if (t->pupils > 0)
        sc_cells_number(sh, row, 1, (double)sc_tally_done(t) /
                                        (double)t->pupils, fm->headline_share);
    snprintf(text, sizeof text, "%zu élève(s) sur %zu", sc_tally_done(t),
             t->pupils);
    sc_cells_put(sh, row++, 2, text, fm->headline_label, 0);

    sc_cells_text(sh, row, 0, "Sans lieu d'accueil", fm->headline_label);
    sc_cells_number(sh, row, 1, (double)t->status[SC_STATUS_NO_HOST],
                    fm->headline_count);
    sc_cells_put(sh, row++, 2, "élève(s) sans aucun lieu d'accueil", NULL, 0);

    sc_cells_text(sh, row, 0, "À accueillir dans l'établissement",
                  fm->headline_label);
    sc_cells_number(sh, row, 1, (double)t->hosted, fm->headline_count);
    summary_busiest_day(m, text, sizeof text);
    sc_cells_put(sh, row++, 2, text, NULL, 0);

    sc_cells_text(sh, row, 0, "En retard", fm->headline_label);
    if (r->has_deadline) {
        char day[11];

        sc_cells_number(sh, row, 1, (double)t->late, fm->headline_count);
        sc_date_format(r->deadline, day);
        snprintf(text, sizeof text, "élève(s) ni prêts ni dispensés après la "
                 "date limite du %s", day);
    } else {
        snprintf(text, sizeof text, "pas de date limite donnée (option "
                 "--deadline)");
    }
    sc_cells_put(sh, row++, 2, text, NULL, 0);

    sc_cells_text(sh, row, 0, "Anomalies à corriger", fm->headline_label);
    sc_cells_number(sh, row, 1, (double)findings, fm->headline_count);
    sc_cells_put(sh, row, 2, "erreurs et avertissements : voir la feuille "
                 "Anomalies", NULL, 0);
    /* Sans lieu d'accueil, En retard and Anomalies should be 0. */
    summary_alert(sh, row - 3, 1, row - 3, 1);
    summary_alert(sh, row - 1, 1, row, 1);
    return row + 1;
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

/* Writes the class name as a link to its sheet: "internal:'2nde 1'!A1",
 * quotes in the name doubled. */
static void summary_class_link(sc_cells *sh, lxw_row_t row,
                               const sc_model_class *k)
{
    char url[2 * SC_SHEETNAME_SIZE + 32], *u = url;

    u += sprintf(u, "internal:'");
    for (const char *c = k->sheet; *c; c++) {
        if (*c == '\'')
            *u++ = '\'';
        *u++ = *c;
    }
    sprintf(u, "'!A1");
    sc_cells_link(sh, row, 0, url, k->name, sh->book->formats.link);
}

/* One row of the class table: counts, the share of pupils Prêt or
 * Dispensé (blank when there is nobody) and, with a deadline, the late.
 * k is the class, NULL for the Total row. */
static void summary_counts(sc_cells *sh, const sc_model *m, lxw_row_t row,
                           const sc_model_class *k)
{
    const sc_formats *fm = &sh->book->formats;
    const sc_tally *t = k ? &k->tally : &m->total;
    lxw_format *f = k ? NULL : fm->bold;

    if (k)
        summary_class_link(sh, row, k);
    else
        sc_cells_text(sh, row, 0, "Total", f);
    sc_cells_number(sh, row, 1, (double)t->pupils, f);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sc_cells_number(sh, row, (lxw_col_t)(2 + s), (double)t->status[s], f);
    if (t->pupils > 0)
        sc_cells_number(sh, row, SC_MODEL_SUMMARY_COLS - 1,
                        (double)sc_tally_done(t) / (double)t->pupils,
                        k ? fm->percent : fm->total_percent);
    if (m->columns.summary_late)
        sc_cells_number(sh, row, (lxw_col_t)m->columns.summary_late,
                        (double)t->late, f);
}

/* The statuses the chart shows: what is left to do, worst first. Prêt and
 * Dispensé need nothing more, and would only fill the bars with green. */
static const sc_status chart_statuses[] = {
    SC_STATUS_NO_HOST, SC_STATUS_PARTIAL, SC_STATUS_INCOMPLETE,
    SC_STATUS_CHECK};

/* Pixels of the chart: a bar per class, and no taller than a printed
 * page. */
#define CHART_HEIGHT_MIN 288
#define CHART_HEIGHT_MAX 600
#define CHART_BAR 24
#define ROW_PIXELS 20

/* Returns the chart's height in pixels for nclasses bars. */
static double chart_height(size_t nclasses)
{
    double h = 120.0 + CHART_BAR * (double)nclasses;

    return h < CHART_HEIGHT_MIN ? CHART_HEIGHT_MIN
         : h > CHART_HEIGHT_MAX ? CHART_HEIGHT_MAX : h;
}

/* The stacked bars of the pupils not done per class, one series per
 * status over the class table (rows first .. first + nclasses - 1), at
 * row at, which starts a printed page. */
static void summary_chart(sc_cells *sh, const sc_model *m, lxw_row_t first,
                          lxw_row_t at)
{
    sc_book *b = sh->book;
    lxw_row_t last = first + (lxw_row_t)m->nclasses - 1;
    lxw_chart_options options = {0};
    lxw_chart *chart;

    if (b->status != SC_OK || m->nclasses == 0)
        return;
    chart = workbook_add_chart(b->workbook, LXW_CHART_BAR_STACKED);
    if (!chart) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    chart_title_set_name(chart, "Élèves dont le dossier n'est pas prêt, par "
                         "classe");
    for (size_t i = 0; i < sizeof chart_statuses / sizeof *chart_statuses;
         i++) {
        sc_status st = chart_statuses[i];
        lxw_col_t col = (lxw_col_t)(2 + st);
        lxw_chart_pattern pattern = sc_formats_status_pattern(st);
        lxw_chart_fill fill = {.color = sc_formats_status_color(st)};
        lxw_chart_line border = {.color = 0x404040, .width = 0.75};
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

        if (!series) {
            b->status = SC_ERROR_MEMORY;
            return;
        }
        chart_series_set_categories(series, SC_SHEETNAME_SUMMARY, first, 0,
                                    last, 0);
        chart_series_set_values(series, SC_SHEETNAME_SUMMARY, first, col,
                                last, col);
        chart_series_set_name(series, sc_status_label(st));
        if (pattern.type == LXW_CHART_PATTERN_NONE)
            chart_series_set_fill(series, &fill);
        else
            chart_series_set_pattern(series, &pattern);
        chart_series_set_line(series, &border);
        /* The count on each segment; none on the empty ones. */
        chart_series_set_labels(series);
        chart_series_set_labels_num_format(series, "0;;;");
    }
    /* In a bar chart the classes are on y, the counts on x. The first
     * class on top, as in the table. */
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_name(chart->x_axis, "Élèves");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    options.x_scale = 720.0 / 480.0;
    options.y_scale = chart_height(m->nclasses) / 288.0;
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
    lxw_row_t breaks[2] = {0, 0};
    sc_cells sh;

    if (!sc_cells_open(&sh, b, SC_SHEETNAME_SUMMARY, m->columns.summary_cols))
        goto done;
    sc_cells_print(&sh);
    summary_heading(&sh, r);
    row = 4; /* under the heading's four lines */
    if (r->has_deadline)
        summary_deadline(&sh, m, row++);
    row = summary_headline(&sh, m, row + 1) + 1;

    sc_cells_put(&sh, row++, 0, "Statuts par classe (cliquer sur une classe "
                 "pour ouvrir sa feuille)", fm->bold, 0);
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
    for (size_t c = 0; c < m->nclasses; c++, row++)
        summary_counts(&sh, m, row, &m->classes[c]);
    summary_counts(&sh, m, row, NULL);
    /* Per class and in all: nobody should be À vérifier, Sans lieu
     * d'accueil or late. */
    summary_alert(&sh, first, 2 + SC_STATUS_CHECK, row, 2 + SC_STATUS_CHECK);
    summary_alert(&sh, first, 2 + SC_STATUS_NO_HOST, row,
                  2 + SC_STATUS_NO_HOST);
    if (m->columns.summary_late)
        summary_alert(&sh, first, (lxw_col_t)m->columns.summary_late, row,
                      (lxw_col_t)m->columns.summary_late);
    row++;

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
    row += 2;
    if (m->nclasses > 0) {
        /* The chart starts a page, and is never taller than one. */
        /* A row below the break: LibreOffice prints a chart that starts
         * on the break line on the page above too. */
        breaks[0] = row;
        summary_chart(&sh, m, first, row + 1);
        row += (lxw_row_t)(chart_height(m->nclasses) / ROW_PIXELS) + 3;
        sc_book_check(b, worksheet_set_h_pagebreaks(sh.worksheet, breaks));
    }
    /* Last: what a person checks only when a figure looks wrong. */
    summary_inputs(&sh, r->data, row);

done:
    sc_cells_close(&sh);
}
