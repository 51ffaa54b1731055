/*
 * report.c - the Excel workbook, through libxlsxwriter.
 *
 * libxlsxwriter runs in constant_memory mode: each row goes to a scratch
 * file as soon as the next one starts, so memory stays flat whatever the
 * size of a school or of an académie (but each sheet holds a scratch file
 * open: see book_fits_constant_memory). Rows are therefore written top to
 * bottom, and ranges (filters) set before the rows below them; column
 * widths can still come last. Charts carry no cached values (Excel and
 * LibreOffice compute them on opening). The scratch files go to the system
 * temp folder (tmpdir NULL), one per sheet while its workbook is open; only
 * the workbook itself is written next to its final name.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "stagecheck/core/timeline.h"
#include "stagecheck/workbook/report.h"
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/workbook/model.h"
#include "stagecheck/workbook/writer.h"
#include "stagecheck/store/tempfile.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/period.h"

#define FILES_SPARE 64  /* open files left for the rest of the process */
#define WIDTH_MIN 8
#define WIDTH_MAX 60
#define NO_FILL LXW_COLOR_UNSET

static const char SHEET_SUMMARY[] = SC_SHEETNAME_SUMMARY;
static const char SHEET_HOSTED[] = SC_SHEETNAME_HOSTED;
static const char SHEET_CHANGES[] = SC_SHEETNAME_CHANGES;
static const char SHEET_ANOMALIES[] = SC_SHEETNAME_ANOMALIES;

/* Not const: lxw_doc_properties takes char *. */
static char book_title[] =
    "Stage de seconde — suivi des séquences d'observation";

static const lxw_color_t status_colors[SC_STATUS_COUNT] = {
    [SC_STATUS_CHECK] = 0xD9B3FF,
    [SC_STATUS_DISPENSED] = 0xBDD7EE,
    [SC_STATUS_NO_HOST] = 0xFF9F9F,
    [SC_STATUS_PARTIAL] = 0xF8CBAD,
    [SC_STATUS_INCOMPLETE] = 0xFFE699,
    [SC_STATUS_READY] = 0xC6EFCE,
};

static const char *const status_legend[SC_STATUS_COUNT] = {
    [SC_STATUS_CHECK] = "Une ligne de l'élève est illisible ou incohérente : "
                        "voir « À faire » et la feuille Anomalies.",
    [SC_STATUS_DISPENSED] = "Dispense accordée (SNU ou mobilité européenne et "
                            "internationale), justificatif fourni.",
    [SC_STATUS_NO_HOST] = "Aucun lieu d'accueil : l'élève est accueilli dans "
                          "l'établissement pendant toute la période.",
    [SC_STATUS_PARTIAL] = "Les lieux d'accueil ne couvrent pas toute la "
                          "période : accueil dans l'établissement les autres "
                          "jours.",
    [SC_STATUS_INCOMPLETE] = "Convention, assurance ou justificatif de "
                             "dispense à compléter.",
    [SC_STATUS_READY] = "Lieu d'accueil sur toute la période et dossier "
                        "complet.",
};

#define COLOR_ERROR 0xFFC7CE   /* Gravité "Erreur" */
#define COLOR_WARNING 0xFCD5B4 /* Gravité "Attention" */
#define COLOR_HOSTED 0xFFF2CC  /* an "X" of Accueil établissement */
#define COLOR_LATE_FONT 0x9C0006 /* "En retard", on COLOR_ERROR */

enum {
    STYLE_BOLD = 1,
    STYLE_BORDER = 2,
    STYLE_CENTER = 4,
    STYLE_TITLE = 8,
    STYLE_WRAP = 16
};

/* The workbook being written. After the first failure (status != SC_OK)
 * nothing more is written: every writer returns at once. */
typedef struct book {
    const sc_report *report;
    lxw_workbook *workbook;
    sc_error status;
    lxw_error lxw;          /* libxlsxwriter's error, for the message */
    int signal;             /* what ended the child that wrote, or 0 */
    sc_model model;
    lxw_format *title;
    lxw_format *bold;
    lxw_format *header;
    lxw_format *date;
    lxw_format *percent;
    lxw_format *total_percent;
    lxw_format *hosted;
    lxw_format *late;
    lxw_format *wrap;        /* long texts: À faire, Dispense */
    lxw_format *status_cell[SC_STATUS_COUNT];
    lxw_format *status_header[SC_STATUS_COUNT];
    lxw_format *severity[2]; /* Erreur, Attention */
} book;

/* One worksheet and the longest text of each of its columns. */
typedef struct sheet {
    lxw_worksheet *worksheet;
    size_t *width;   /* characters */
    size_t ncols;
} sheet;

static const char *str(const char *s)
{
    return s ? s : "";
}

/* ---- UTF-8 -------------------------------------------------------------- */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ---- Cells -------------------------------------------------------------- */

static void book_check(book *b, lxw_error err)
{
    if (err != LXW_NO_ERROR && b->status == SC_OK) {
        b->status = SC_ERROR_WORKBOOK;
        b->lxw = err;
    }
}

static void sheet_widen(sheet *sh, lxw_col_t col, size_t chars)
{
    if (col < sh->ncols && chars > sh->width[col])
        sh->width[col] = chars;
}

/* Writes text, cut to what a cell holds; fit says whether the column's
 * width follows it (not for the free lines of Synthèse, which overflow
 * into the empty cells on their right). */
static void sheet_put(book *b, sheet *sh, lxw_row_t row, lxw_col_t col,
                      const char *text, lxw_format *format, int fit)
{
    char *copy = NULL;
    size_t len, cut;

    if (b->status != SC_OK)
        return;
    text = str(text);
    len = strlen(text);
    cut = sc_text_utf16_prefix(text, len, SC_TEXT_CELL_MAX);
    if (cut < len) {
        copy = strndup(text, cut);
        if (!copy) {
            b->status = SC_ERROR_MEMORY;
            return;
        }
        text = copy;
    }
    book_check(b, worksheet_write_string(sh->worksheet, row, col, text,
                                         format));
    if (fit)
        sheet_widen(sh, col, utf8_chars(text));
    free(copy);
}

static void sheet_text(book *b, sheet *sh, lxw_row_t row, lxw_col_t col,
                       const char *text, lxw_format *format)
{
    sheet_put(b, sh, row, col, text, format, 1);
}

static void sheet_number(book *b, sheet *sh, lxw_row_t row, lxw_col_t col,
                         double value, lxw_format *format)
{
    char shown[32];
    size_t chars = 1;

    if (b->status != SC_OK)
        return;
    book_check(b, worksheet_write_number(sh->worksheet, row, col, value,
                                         format));
    /* Counts and line numbers are whole: their digits, without printf. */
    if (value >= 0 && value < 1e15 && value == (double)(long long)value)
        for (long long v = (long long)value; v >= 10; v /= 10)
            chars++;
    else
        chars = (size_t)snprintf(shown, sizeof shown, "%g", value);
    sheet_widen(sh, col, chars);
}

/* Writes a date as an Excel date; nothing for SC_DATE_NONE, and text for
 * years Excel's calendar cannot hold. */
static void sheet_date(book *b, sheet *sh, lxw_row_t row, lxw_col_t col,
                       sc_date date)
{
    lxw_datetime when = {0};

    if (date == SC_DATE_NONE || b->status != SC_OK)
        return;
    sc_date_split(date, &when.year, &when.month, &when.day);
    if (when.year < 1900) {
        char text[11];

        sc_date_format(date, text);
        sheet_text(b, sh, row, col, text, NULL);
        return;
    }
    book_check(b, worksheet_write_datetime(sh->worksheet, row, col, &when,
                                           b->date));
    sheet_widen(sh, col, 10);
}

/* Writes the label of status (an sc_status), in its colour when filled;
 * none instead when status is -1, the "no status" of sc_report and
 * sc_change. */
static void sheet_status(book *b, sheet *sh, lxw_row_t row, lxw_col_t col,
                         int status, int filled, const char *none)
{
    if (status < 0 || status >= SC_STATUS_COUNT)
        sheet_text(b, sh, row, col, none, NULL);
    else
        sheet_text(b, sh, row, col, sc_status_label((sc_status)status),
                   filled ? b->status_cell[status] : NULL);
}

/* The Retard cell of l: a marker when late, empty otherwise so that the
 * filter offers "En retard" against "(Vides)". */
static void sheet_late(book *b, sheet *sh, lxw_row_t row, lxw_col_t col,
                       const sc_model_line *l)
{
    if (l->late)
        sheet_text(b, sh, row, col, "En retard", b->late);
}

/* ---- Sheets ------------------------------------------------------------- */

/* Adds a worksheet of ncols columns. Returns 0 when the book has failed. */
static int sheet_open(book *b, sheet *sh, const char *name, size_t ncols)
{
    memset(sh, 0, sizeof *sh);
    if (b->status != SC_OK)
        return 0;
    if (ncols > (size_t)LXW_COL_MAX) {
        /* A pupil with thousands of places: column numbers would wrap. */
        book_check(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return 0;
    }
    sh->width = calloc(ncols, sizeof *sh->width);
    if (!sh->width) {
        b->status = SC_ERROR_MEMORY;
        return 0;
    }
    sh->ncols = ncols;
    errno = 0;
    sh->worksheet = workbook_add_worksheet(b->workbook, name);
    if (!sh->worksheet) {
        /* In constant_memory mode each sheet holds a scratch file. */
        int scratch = errno == EMFILE || errno == ENFILE || errno == ENOSPC;
        lxw_error err = workbook_validate_sheet_name(b->workbook, name);

        book_check(b, err != LXW_NO_ERROR ? err
                      : scratch           ? LXW_ERROR_CREATING_TMPFILE
                                          : LXW_ERROR_MEMORY_MALLOC_FAILED);
        return 0;
    }
    return 1;
}

/* Sets the fitted column widths and releases sh. */
static void sheet_close(book *b, sheet *sh)
{
    for (size_t c = 0; c < sh->ncols && b->status == SC_OK; c++) {
        size_t w = sh->width[c] + 2; /* room for the filter button */

        w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
        book_check(b, worksheet_set_column(sh->worksheet, (lxw_col_t)c,
                                           (lxw_col_t)c, (double)w, NULL));
    }
    free(sh->width);
    sh->width = NULL;
}

/* Writes the header row of a list sheet. */
static void sheet_header(book *b, sheet *sh, const char *const *labels,
                         size_t n)
{
    for (size_t c = 0; c < n; c++)
        sheet_text(b, sh, 0, (lxw_col_t)c, labels[c], b->header);
}

/* Prints landscape on A4, one page wide. */
static void sheet_print(sheet *sh)
{
    worksheet_set_landscape(sh->worksheet);
    worksheet_set_paper(sh->worksheet, 9); /* A4 */
    worksheet_fit_to_pages(sh->worksheet, 1, 0);
}

/* The settings shared by the list sheets: header row frozen, filtered (down
 * to last_row) and printed on every page. */
static void sheet_list(book *b, sheet *sh, lxw_row_t last_row)
{
    if (b->status != SC_OK)
        return;
    worksheet_freeze_panes(sh->worksheet, 1, 0);
    book_check(b, worksheet_autofilter(sh->worksheet, 0, 0, last_row,
                                       (lxw_col_t)(sh->ncols - 1)));
    book_check(b, worksheet_repeat_rows(sh->worksheet, 0, 0));
    sheet_print(sh);
}

/* Rows a list sheet can hold below its header: Excel stops at 1,048,576
 * rows, and one is kept for the notice of what did not fit. */
#define LIST_ROWS_MAX ((size_t)LXW_ROW_MAX - 2)

/* The number of the n items of a list that fit on a sheet. */
static size_t list_fit(size_t n)
{
    return n < LIST_ROWS_MAX ? n : LIST_ROWS_MAX;
}

/* After a list cut by list_fit, says on its last row how many items are
 * left out (nothing when none is). */
static void sheet_overflow(book *b, sheet *sh, size_t n)
{
    char text[160];

    if (n <= LIST_ROWS_MAX)
        return;
    snprintf(text, sizeof text, "… et %zu ligne(s) de plus, au-delà des "
             "1 048 576 lignes d'une feuille Excel", n - LIST_ROWS_MAX);
    sheet_put(b, sh, (lxw_row_t)(LIST_ROWS_MAX + 1), 0, text, b->bold, 0);
}

/* ---- Formats ------------------------------------------------------------ */

static lxw_format *book_format(book *b, unsigned style, lxw_color_t fill,
                               const char *num_format)
{
    lxw_format *f;

    if (b->status != SC_OK)
        return NULL;
    f = workbook_add_format(b->workbook);
    if (!f) {
        b->status = SC_ERROR_MEMORY;
        return NULL;
    }
    if (style & (STYLE_BOLD | STYLE_TITLE))
        format_set_bold(f);
    if (style & STYLE_TITLE)
        format_set_font_size(f, 14);
    if (style & STYLE_BORDER)
        format_set_border(f, LXW_BORDER_THIN);
    if (style & STYLE_CENTER)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (style & STYLE_WRAP) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    if (fill != NO_FILL) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill);
    }
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static void book_formats(book *b)
{
    b->title = book_format(b, STYLE_TITLE, NO_FILL, NULL);
    b->bold = book_format(b, STYLE_BOLD, NO_FILL, NULL);
    b->header = book_format(b, STYLE_BOLD | STYLE_BORDER, NO_FILL, NULL);
    b->date = book_format(b, 0, NO_FILL, "dd/mm/yyyy");
    b->percent = book_format(b, 0, NO_FILL, "0%");
    b->total_percent = book_format(b, STYLE_BOLD, NO_FILL, "0%");
    b->hosted = book_format(b, STYLE_CENTER, COLOR_HOSTED, NULL);
    b->wrap = book_format(b, STYLE_WRAP, NO_FILL, NULL);
    b->late = book_format(b, STYLE_BOLD, COLOR_ERROR, NULL);
    if (b->late)
        format_set_font_color(b->late, COLOR_LATE_FONT);
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        b->status_cell[s] = book_format(b, 0, status_colors[s], NULL);
        b->status_header[s] = book_format(b, STYLE_BOLD | STYLE_BORDER,
                                          status_colors[s], NULL);
    }
    b->severity[0] = book_format(b, 0, COLOR_ERROR, NULL);
    b->severity[1] = book_format(b, 0, COLOR_WARNING, NULL);
}

/* ---- Synthèse ----------------------------------------------------------- */

/* The lines above the tables: title, school year, period, reference date. */
static void summary_heading(book *b, sheet *sh)
{
    const sc_period *period = b->report->period;
    sc_date as_of = b->report->as_of;
    char text[256], from[11], to[11], ref[11], when[80];
    int year = sc_period_school_year(period->start);

    sheet_put(b, sh, 0, 0, book_title, b->title, 0);
    snprintf(text, sizeof text, "Année scolaire %d-%d%s%s", year, year + 1,
             b->report->school ? " — " : "", str(b->report->school));
    sheet_put(b, sh, 1, 0, text, NULL, 0);
    sc_date_format(period->start, from);
    sc_date_format(period->end, to);
    snprintf(text, sizeof text, "Période : du %s au %s (%d %s) — %s", from, to,
             period->ndays, period->ndays > 1 ? "jours ouvrés" : "jour ouvré",
             period->given ? "donnée par --period"
                           : "calculée (calendrier national)");
    sheet_put(b, sh, 2, 0, text, NULL, 0);
    if (as_of == SC_DATE_NONE)
        return;
    sc_date_format(as_of, ref);
    sc_timeline_as_of(period, as_of, when, sizeof when);
    snprintf(text, sizeof text, "Date de référence : %s — %s", ref, when);
    sheet_put(b, sh, 3, 0, text, NULL, 0);
}

/* The deadline, and how far off it is or how many pupils are late. */
static void summary_deadline(book *b, sheet *sh, lxw_row_t row)
{
    const sc_report *r = b->report;
    char text[160], day[11], when[80];
    size_t len;

    sc_date_format(r->deadline, day);
    len = (size_t)snprintf(text, sizeof text,
                           "Date limite de retour des conventions : %s", day);
    if (r->as_of != SC_DATE_NONE) {
        sc_timeline_deadline(r->as_of, r->deadline, b->model.total.late, when,
                             sizeof when);
        snprintf(text + len, sizeof text - len, " — %s", when);
    }
    sheet_put(b, sh, row, 0, text, NULL, 0);
}

/* The files read, from row. Returns the first row after them. */
static lxw_row_t summary_inputs(book *b, sheet *sh, lxw_row_t row)
{
    static const char *const labels[] = {"Fichier", "Type", "Encodage",
                                         "Lignes"};
    const sc_dataset *data = b->report->data;

    sheet_put(b, sh, row++, 0, "Fichiers lus", b->bold, 0);
    for (lxw_col_t c = 0; c < 4; c++)
        sheet_text(b, sh, row, c, labels[c], b->header);
    row++;
    for (size_t i = 0; i < data->ninputs; i++, row++) {
        const sc_input *in = &data->inputs[i];

        sheet_text(b, sh, row, 0, in->path, NULL);
        sheet_text(b, sh, row, 1, in->kind == SC_KIND_ROLL ? "Liste d'élèves"
                                                           : "Stages", NULL);
        sheet_text(b, sh, row, 2, in->encoding, NULL);
        sheet_number(b, sh, row, 3, (double)in->rows, NULL);
    }
    return row;
}

/* One row of the class table: counts, the share of pupils Prêt or
 * Dispensé (blank when there is nobody) and, with a deadline, the late. */
static void summary_counts(book *b, sheet *sh, lxw_row_t row,
                           const char *name, const sc_tally *t, int bold)
{
    lxw_format *f = bold ? b->bold : NULL;

    sheet_text(b, sh, row, 0, name, f);
    sheet_number(b, sh, row, 1, (double)t->pupils, f);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sheet_number(b, sh, row, (lxw_col_t)(2 + s), (double)t->status[s], f);
    if (t->pupils > 0)
        sheet_number(b, sh, row, SC_MODEL_SUMMARY_COLS - 1,
                     (double)sc_tally_done(t) / (double)t->pupils,
                     bold ? b->total_percent : b->percent);
    if (b->model.columns.summary_late)
        sheet_number(b, sh, row, b->model.columns.summary_late, (double)t->late, f);
}

/* The stacked columns of the statuses per class, one series per status
 * over the class table (rows first .. first + nclasses - 1). */
static void summary_chart(book *b, sheet *sh, lxw_row_t first,
                          lxw_row_t at)
{
    lxw_row_t last = first + (lxw_row_t)b->model.nclasses - 1;
    lxw_chart_options options = {0};
    lxw_chart *chart;

    if (b->status != SC_OK || b->model.nclasses == 0)
        return;
    chart = workbook_add_chart(b->workbook, LXW_CHART_COLUMN_STACKED);
    if (!chart) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    chart_title_set_name(chart, "Statuts par classe");
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        lxw_chart_fill fill = {.color = status_colors[s]};
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

        if (!series) {
            b->status = SC_ERROR_MEMORY;
            return;
        }
        chart_series_set_categories(series, SHEET_SUMMARY, first, 0, last, 0);
        chart_series_set_values(series, SHEET_SUMMARY, first,
                                (lxw_col_t)(2 + s), last, (lxw_col_t)(2 + s));
        chart_series_set_name(series, sc_status_label((sc_status)s));
        chart_series_set_fill(series, &fill);
    }
    chart_axis_set_name(chart->x_axis, "Classe");
    chart_axis_set_name(chart->y_axis, "Élèves");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    /* Wider than the default 480 pixels when there are many classes. */
    options.x_scale = b->model.nclasses > 8 ? (160.0 + 40.0 * (double)b->model.nclasses)
                                            / 480.0 : 1.0;
    options.y_scale = 1.25;
    book_check(b, worksheet_insert_chart_opt(sh->worksheet, at, 0, chart,
                                             &options));
}

static void book_summary(book *b)
{
    const sc_report *r = b->report;
    const sc_anomalies *anomalies = r->anomalies;
    size_t count = anomalies ? anomalies->count : 0;
    size_t notes = count - (anomalies ? sc_anomalies_findings(anomalies) : 0);
    size_t len;
    char text[128];
    lxw_row_t row, first;
    sheet sh;

    if (!sheet_open(b, &sh, SHEET_SUMMARY, b->model.columns.summary_cols))
        goto done;
    sheet_print(&sh);
    summary_heading(b, &sh);
    row = 4; /* under the heading's four lines */
    if (r->has_deadline)
        summary_deadline(b, &sh, row++);
    row = summary_inputs(b, &sh, row + 1) + 1;

    sheet_put(b, &sh, row++, 0, "Statuts par classe", b->bold, 0);
    sheet_text(b, &sh, row, 0, "Classe", b->header);
    sheet_text(b, &sh, row, 1, "Effectif", b->header);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sheet_text(b, &sh, row, (lxw_col_t)(2 + s),
                   sc_status_label((sc_status)s), b->status_header[s]);
    sheet_text(b, &sh, row, SC_MODEL_SUMMARY_COLS - 1, "Prêts ou dispensés",
               b->header);
    if (b->model.columns.summary_late)
        sheet_text(b, &sh, row, b->model.columns.summary_late, "En retard", b->header);
    first = ++row;
    for (size_t c = 0; c < b->model.nclasses; c++, row++) {
        const sc_model_class *k = &b->model.classes[c];

        summary_counts(b, &sh, row, k->name, &k->tally, 0);
    }
    summary_counts(b, &sh, row++, "Total", &b->model.total, 1);

    sheet_put(b, &sh, ++row, 0, "Légende", b->bold, 0);
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        row++;
        sheet_text(b, &sh, row, 0, sc_status_label((sc_status)s),
                   b->status_cell[s]);
        sheet_put(b, &sh, row, 1, status_legend[s], NULL, 0);
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
    sheet_put(b, &sh, row, 0, text, b->bold, 0);
    if (r->previous) {
        snprintf(text, sizeof text, "Changements depuis le passage précédent "
                 ": %zu (voir la feuille Changements)",
                 r->changes ? r->changes->count : 0);
        sheet_put(b, &sh, ++row, 0, text, b->bold, 0);
    }
    summary_chart(b, &sh, first, row + 2);

done:
    sheet_close(b, &sh);
}

/* ---- Class sheets ------------------------------------------------------- */

/* Writes "City (Country)" into a new string, the country only when it is
 * not France. Returns NULL when out of memory. */
static char *entry_where(const sc_entry *e)
{
    const char *city = str(e->city);
    char *key = sc_text_key(e->country), *where;
    int foreign;

    if (!key)
        return NULL;
    foreign = *key && strcmp(key, "france") != 0;
    free(key);
    if (!foreign)
        return strdup(city);
    if (asprintf(&where, *city ? "%s (%s)" : "%s%s", city, e->country) < 0)
        return NULL;
    return where;
}

/* The texts of the pupil's dispense requests, joined with " ; ", in a new
 * string. Returns NULL when out of memory. */
static char *pupil_dispenses(const sc_report *r, size_t p)
{
    size_t begin, end, len = 1;
    char *joined;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end; k++)
        len += strlen(str(r->data->entries[r->links->items[k]].dispense)) + 3;
    joined = malloc(len);
    if (!joined)
        return NULL;
    joined[0] = '\0';
    for (size_t k = begin; k < end; k++) {
        const char *d = r->data->entries[r->links->items[k]].dispense;

        if (d)
            strcat(strcat(joined, *joined ? " ; " : ""), d);
    }
    return joined;
}

/* "3 : 26/06, 27/06, 28/06", "10 : toute la période", or "" for none. */
static void hosted_days(const sc_period *period, uint64_t hosted,
                        char *buf, size_t size)
{
    uint64_t all = sc_period_all_days(period);
    size_t len;
    int n = 0;

    hosted &= all;
    for (int i = 0; i < period->ndays; i++)
        n += (hosted >> i) & 1;
    buf[0] = '\0';
    if (n == 0)
        return;
    len = (size_t)snprintf(buf, size, "%d :", n);
    if (hosted == all) {
        snprintf(buf + len, size - len, " toute la période");
        return;
    }
    for (int i = 0; i < period->ndays && len < size; i++) {
        char day[11];

        if (!((hosted >> i) & 1))
            continue;
        sc_date_format(period->days[i], day);
        len += (size_t)snprintf(buf + len, size - len, "%s %.5s",
                                buf[len - 1] == ':' ? "" : ",", day);
    }
}

static void class_header(book *b, sheet *sh, size_t nplaces)
{
    static const char *const lead[SC_MODEL_CLASS_LEAD] = {"Nom", "Prénom", "INE",
                                                 "Né(e) le", "Statut"};
    static const char *const place[SC_MODEL_PLACE_COLS] = {
        "structure", "type", "commune / pays", "du", "au"};
    static const char *const tail[SC_MODEL_CLASS_TAIL] = {
        "Dispense", "À faire", "Jours à accueillir", "Lignes d'origine"};
    lxw_col_t col = b->model.columns.class_places;
    char label[64];

    sheet_header(b, sh, lead, SC_MODEL_CLASS_LEAD);
    if (b->model.columns.class_previous)
        sheet_text(b, sh, 0, b->model.columns.class_previous, "Statut précédent", b->header);
    if (b->model.columns.class_late)
        sheet_text(b, sh, 0, b->model.columns.class_late, "Retard", b->header);
    for (size_t i = 0; i < nplaces; i++)
        for (size_t c = 0; c < SC_MODEL_PLACE_COLS; c++) {
            snprintf(label, sizeof label, "Lieu %zu — %s", i + 1, place[c]);
            sheet_text(b, sh, 0, col++, label, b->header);
        }
    for (size_t c = 0; c < SC_MODEL_CLASS_TAIL; c++)
        sheet_text(b, sh, 0, col++, tail[c], b->header);
}

/* The places of the pupil, one column group each, in input order. */
static void class_places(book *b, sheet *sh, lxw_row_t row, size_t p)
{
    const sc_report *r = b->report;
    size_t begin, end;
    lxw_col_t col = b->model.columns.class_places;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end && b->status == SC_OK; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];
        char *where;

        if (e->dispense)
            continue;
        where = entry_where(e);
        if (!where) {
            b->status = SC_ERROR_MEMORY;
            return;
        }
        sheet_text(b, sh, row, col, e->host, NULL);
        sheet_text(b, sh, row, col + 1, e->host_type, NULL);
        sheet_text(b, sh, row, col + 2, where, NULL);
        sheet_date(b, sh, row, col + 3, e->start);
        sheet_date(b, sh, row, col + 4, e->end);
        free(where);
        col += SC_MODEL_PLACE_COLS;
    }
}

/* "FILE:LINE" of the pupil's roll row, then of each of its placements
 * rows, "; " between: every input row can be traced to where it shows.
 * Returns a new string, or NULL when out of memory. */
static char *pupil_origins(const sc_report *r, size_t p)
{
    const sc_pupil *pupil = &r->data->pupils[p];
    size_t begin, end, size;
    char *text;
    int n;

    sc_model_entries(r, p, &begin, &end);
    size = strlen(pupil->file) + 16;
    for (size_t k = begin; k < end; k++)
        size += strlen(r->data->entries[r->links->items[k]].file) + 16;
    text = malloc(size);
    if (!text)
        return NULL;
    n = snprintf(text, size, "%s:%u", pupil->file, pupil->line);
    for (size_t k = begin; k < end && n > 0 && (size_t)n < size; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];
        n += snprintf(text + n, size - (size_t)n, " ; %s:%u", e->file,
                      e->line);
    }
    return text;
}

static void class_row(book *b, sheet *sh, lxw_row_t row, const sc_model_line *l,
                      size_t nplaces)
{
    const sc_verdict *v = &b->report->verdicts[l->index];
    const sc_pupil *p = l->pupil;
    sc_status status = l->status;
    lxw_col_t col = (lxw_col_t)(b->model.columns.class_places + SC_MODEL_PLACE_COLS * nplaces);
    char days[16 + SC_PERIOD_MAX_DAYS * 8];
    char *dispenses, *origins;

    sheet_text(b, sh, row, 0, p->surname, NULL);
    sheet_text(b, sh, row, 1, p->first, NULL);
    sheet_text(b, sh, row, 2, p->ine, NULL);
    sheet_date(b, sh, row, 3, p->birth);
    sheet_status(b, sh, row, 4, (int)status, 1, NULL);
    if (b->model.columns.class_previous)
        sheet_status(b, sh, row, b->model.columns.class_previous,
                     b->report->previous[l->index], 1, "nouveau");
    if (b->model.columns.class_late)
        sheet_late(b, sh, row, b->model.columns.class_late, l);
    class_places(b, sh, row, l->index);
    dispenses = pupil_dispenses(b->report, l->index);
    if (!dispenses) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    /* Wrapped, so that a class prints one page wide in a readable size. */
    sheet_text(b, sh, row, col, dispenses, b->wrap);
    free(dispenses);
    sheet_text(b, sh, row, col + 1, v->todo, b->wrap);
    hosted_days(b->report->period, v->hosted, days, sizeof days);
    sheet_text(b, sh, row, col + 2, days, NULL);
    origins = pupil_origins(b->report, l->index);
    if (!origins) {
        b->status = SC_ERROR_MEMORY;
        return;
    }
    sheet_text(b, sh, row, col + 3, origins, b->wrap);
    free(origins);
}

static void book_class(book *b, const sc_model_class *k)
{
    sheet sh;

    if (sheet_open(b, &sh, k->sheet,
                   sc_model_class_cols(&b->model, k))) {
        class_header(b, &sh, k->nplaces);
        sheet_list(b, &sh, (lxw_row_t)list_fit(k->tally.pupils));
        for (size_t i = 0; i < list_fit(k->tally.pupils); i++)
            class_row(b, &sh, (lxw_row_t)(i + 1), &b->model.lines[k->first + i],
                      k->nplaces);
        sheet_overflow(b, &sh, k->tally.pupils);
    }
    sheet_close(b, &sh);
}

/* ---- Accueil établissement ---------------------------------------------- */

/* "lun. 17/06". */
static void day_label(sc_date day, char buf[16])
{
    static const char *const names[7] = {"lun.", "mar.", "mer.", "jeu.",
                                         "ven.", "sam.", "dim."};
    char date[11];

    sc_date_format(day, date);
    snprintf(buf, 16, "%s %.5s", names[(sc_date_weekday(day) + 6) % 7], date);
}

static void book_hosted(book *b)
{
    static const char *const lead[SC_MODEL_HOSTED_LEAD] = {"Classe", "Nom", "Prénom",
                                                  "Motif"};
    const sc_period *period = b->report->period;
    int ndays = period->ndays; /* 1 .. SC_PERIOD_MAX_DAYS: sc_period_init */
    uint64_t all = sc_period_all_days(period);
    size_t count[SC_PERIOD_MAX_DAYS] = {0}, left_out = 0;
    lxw_row_t row = 1;
    sheet sh;

    if (!sheet_open(b, &sh, SHEET_HOSTED, b->model.columns.hosted_days + (size_t)ndays))
        goto done;
    sheet_header(b, &sh, lead, SC_MODEL_HOSTED_LEAD);
    if (b->model.columns.hosted_late)
        sheet_text(b, &sh, 0, b->model.columns.hosted_late, "Retard", b->header);
    for (int i = 0; i < ndays; i++) {
        char label[16];

        day_label(period->days[i], label);
        sheet_text(b, &sh, 0, (lxw_col_t)(b->model.columns.hosted_days + i), label,
                   b->header);
    }
    for (size_t i = 0; i < b->model.nlines; i++) {
        const sc_model_line *l = &b->model.lines[i];
        const sc_verdict *v = &b->report->verdicts[l->index];

        if (!(v->hosted & all))
            continue;
        if (row > LIST_ROWS_MAX - 1) {
            /* No room left above the notice and the count row: counted
             * all the same. */
            for (int d = 0; d < ndays; d++)
                count[d] += (v->hosted >> d) & 1;
            left_out++;
            continue;
        }
        sheet_text(b, &sh, row, 0, b->model.classes[l->cls].name, NULL);
        sheet_text(b, &sh, row, 1, l->pupil->surname, NULL);
        sheet_text(b, &sh, row, 2, l->pupil->first, NULL);
        sheet_text(b, &sh, row, 3, v->motif, NULL);
        if (b->model.columns.hosted_late)
            sheet_late(b, &sh, row, b->model.columns.hosted_late, l);
        for (int d = 0; d < ndays; d++)
            if ((v->hosted >> d) & 1) {
                sheet_text(b, &sh, row, (lxw_col_t)(b->model.columns.hosted_days + d), "X",
                           b->hosted);
                count[d]++;
            }
        row++;
    }
    /* The filter stops above the count row, which must stay visible. */
    sheet_list(b, &sh, row - 1);
    if (left_out > 0) {
        char text[160];

        snprintf(text, sizeof text, "… et %zu élève(s) de plus, au-delà des "
                 "1 048 576 lignes d'une feuille Excel", left_out);
        sheet_put(b, &sh, row++, 0, text, b->bold, 0);
    }
    sheet_text(b, &sh, row, 0, "Élèves à accueillir", b->bold);
    for (int d = 0; d < ndays; d++)
        sheet_number(b, &sh, row, (lxw_col_t)(b->model.columns.hosted_days + d),
                     (double)count[d], b->bold);

done:
    sheet_close(b, &sh);
}

/* ---- Changements -------------------------------------------------------- */

#define CHANGES_COLS 6 /* Classe, Nom, Prénom, Avant, Après, Changement */

static void changes_row(book *b, sheet *sh, lxw_row_t row, const sc_change *c)
{
    const char *what = NULL; /* a change that names the old class */
    const char *text = NULL;
    char *joined = NULL;

    sheet_text(b, sh, row, 0, c->class_name, NULL);
    sheet_text(b, sh, row, 1, c->surname, NULL);
    sheet_text(b, sh, row, 2, c->first, NULL);
    sheet_status(b, sh, row, 3, c->before, 0, NULL);
    sheet_status(b, sh, row, 4, c->after, 1, NULL);
    if (c->kind == SC_CHANGE_ARRIVED)
        text = "arrivé dans les listes";
    else if (c->kind == SC_CHANGE_LEFT)
        text = "parti des listes";
    else if (c->kind == SC_CHANGE_CLASS)
        what = "changement de classe";
    /* Compared as pupils' classes are (sc_text_key): "2NDE 2" is "2nde 2". */
    else if (c->class_before && !sc_sheetname_equal(c->class_before, c->class_name))
        what = "statut et classe";
    else
        text = "statut";
    if (what) {
        if (asprintf(&joined, "%s (ancienne classe : %s)", what,
                     str(c->class_before)) < 0) {
            b->status = SC_ERROR_MEMORY;
            return;
        }
        text = joined;
    }
    sheet_text(b, sh, row, 5, text, NULL);
    free(joined);
}

static void book_changes(book *b)
{
    static const char *const labels[CHANGES_COLS] = {
        "Classe", "Nom", "Prénom", "Avant", "Après", "Changement"};
    const sc_changes *list = b->report->changes;
    size_t n = list ? list->count : 0;
    sheet sh;

    if (!sheet_open(b, &sh, SHEET_CHANGES, CHANGES_COLS))
        goto done;
    sheet_header(b, &sh, labels, CHANGES_COLS);
    sheet_list(b, &sh, (lxw_row_t)(n ? list_fit(n) : 1));
    if (n == 0)
        sheet_text(b, &sh, 1, 0, "Aucun changement depuis le passage "
                   "précédent", NULL);
    for (size_t i = 0; i < list_fit(n); i++)
        changes_row(b, &sh, (lxw_row_t)(i + 1), &list->items[i]);
    sheet_overflow(b, &sh, n);

done:
    sheet_close(b, &sh);
}

/* ---- Anomalies ---------------------------------------------------------- */

static void book_anomalies(book *b)
{
    static const char *const labels[] = {"Gravité", "Fichier", "Ligne",
                                         "Classe", "Élève", "Message"};
    const sc_anomalies *list = b->report->anomalies;
    size_t n = list ? list->count : 0;
    sheet sh;

    if (!sheet_open(b, &sh, SHEET_ANOMALIES, 6))
        goto done;
    sheet_header(b, &sh, labels, 6);
    sheet_list(b, &sh, (lxw_row_t)(n ? list_fit(n) : 1));
    if (n == 0)
        sheet_text(b, &sh, 1, 0, "Aucune anomalie", NULL);
    for (size_t i = 0; i < list_fit(n); i++) {
        const sc_anomaly *a = &list->items[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        lxw_format *fill = a->severity == SC_SEVERITY_ERROR ? b->severity[0]
                           : a->severity == SC_SEVERITY_WARNING ? b->severity[1]
                           : NULL;

        sheet_text(b, &sh, row, 0, sc_anomalies_severity_label(a->severity), fill);
        sheet_text(b, &sh, row, 1, a->file, NULL);
        if (a->line > 0)
            sheet_number(b, &sh, row, 2, a->line, NULL);
        sheet_text(b, &sh, row, 3, a->class_name, NULL);
        sheet_text(b, &sh, row, 4, a->pupil, NULL);
        sheet_text(b, &sh, row, 5, a->message, NULL);
    }
    sheet_overflow(b, &sh, n);

done:
    sheet_close(b, &sh);
}

/* ---- The workbook ------------------------------------------------------- */

static void book_write(book *b, const void *unused)
{
    lxw_doc_properties properties = {.title = book_title};

    (void)unused;
    book_check(b, workbook_set_properties(b->workbook, &properties));
    book_formats(b);
    book_summary(b);
    for (size_t c = 0; c < b->model.nclasses; c++)
        book_class(b, &b->model.classes[c]);
    book_hosted(b);
    if (b->report->previous)
        book_changes(b);
    book_anomalies(b);
}

/* libxlsxwriter's messages are English: the ones a run can meet, in French. */
static const char *book_strerror(lxw_error err)
{
    switch (err) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return "mémoire insuffisante";
    case LXW_ERROR_CREATING_XLSX_FILE:
        return "impossible de créer le fichier";
    case LXW_ERROR_CREATING_TMPFILE:
        return "impossible de créer un fichier temporaire";
    case LXW_ERROR_READING_TMPFILE:
        return "impossible de relire un fichier temporaire";
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return "échec de l'écriture du fichier (disque plein ou mémoire "
               "insuffisante ?)";
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
        return "trop de lignes ou de colonnes pour une feuille Excel";
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
        return "texte trop long pour une cellule Excel";
    default:
        return "erreur de libxlsxwriter";
    }
}

/* ---- academie.xlsx ------------------------------------------------------ */

#define ACADEMIE_LEAD 4 /* UAI, Établissement, Classeur, Effectif */
static const char SHEET_ACADEMIE[] = "Académie";

/* One row of the schools table. */
static void academie_row(book *b, sheet *sh, lxw_row_t row,
                         const sc_school_tally *t, int total)
{
    lxw_format *f = total ? b->bold : NULL;
    lxw_col_t col = ACADEMIE_LEAD + SC_STATUS_COUNT;

    if (!total) {
        sheet_text(b, sh, row, 0, t->uai, NULL);
        sheet_text(b, sh, row, 1, t->name, NULL);
        sheet_text(b, sh, row, 2, t->workbook, NULL);
    } else {
        sheet_text(b, sh, row, 0, "Total", f);
    }
    const sc_tally *n = &t->counts;

    sheet_number(b, sh, row, 3, (double)n->pupils, f);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sheet_number(b, sh, row, (lxw_col_t)(ACADEMIE_LEAD + s),
                     (double)n->status[s], f);
    if (n->pupils > 0)
        sheet_number(b, sh, row, col,
                     (double)sc_tally_done(n) / (double)n->pupils,
                     total ? b->total_percent : b->percent);
    col++;
    if (b->report->has_deadline)
        sheet_number(b, sh, row, col++, (double)n->late, f);
    sheet_number(b, sh, row, col, (double)n->findings, f);
}

/* A pie of the académie's pupils by status, from the totals row. */
static void academie_chart(book *b, sheet *sh, lxw_row_t total_row,
                           lxw_row_t at)
{
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
        fills[s] = (lxw_chart_fill){.color = status_colors[s]};
        points[s] = (lxw_chart_point){.fill = &fills[s]};
        list[s] = &points[s];
    }
    list[SC_STATUS_COUNT] = NULL;
    book_check(b, chart_series_set_points(series, list));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
    book_check(b, worksheet_insert_chart(sh->worksheet, at, 1, chart));
}

static void book_academie(book *b, const sc_academie *a)
{
    sc_school_tally total = {0};
    size_t ncols = ACADEMIE_LEAD + SC_STATUS_COUNT + 2 + (a->has_deadline ? 1 : 0);
    lxw_col_t col = ACADEMIE_LEAD + SC_STATUS_COUNT;
    lxw_row_t row = 0;
    sheet sh;

    if (!sheet_open(b, &sh, SHEET_ACADEMIE, ncols))
        goto done;
    sheet_text(b, &sh, row, 0, "UAI", b->header);
    sheet_text(b, &sh, row, 1, "Établissement", b->header);
    sheet_text(b, &sh, row, 2, "Classeur", b->header);
    sheet_text(b, &sh, row, 3, "Effectif", b->header);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        sheet_text(b, &sh, row, (lxw_col_t)(ACADEMIE_LEAD + s),
                   sc_status_label((sc_status)s), b->status_header[s]);
    sheet_text(b, &sh, row, col++, "Prêts ou dispensés", b->header);
    if (b->report->has_deadline)
        sheet_text(b, &sh, row, col++, "En retard", b->header);
    sheet_text(b, &sh, row, col, "Anomalies", b->header);
    /* Before the rows: libxlsxwriter's constant_memory mode takes no range
     * that ends above the row being written. The Total row stays out. */
    sheet_list(b, &sh, (lxw_row_t)a->nschools);
    for (size_t i = 0; i < a->nschools; i++) {
        const sc_school_tally *t = &a->schools[i];

        academie_row(b, &sh, ++row, t, 0);
        sc_tally_add(&total.counts, &t->counts);
    }
    total.counts.findings +=
        a->anomalies ? sc_anomalies_findings(a->anomalies) : 0;
    academie_row(b, &sh, ++row, &total, 1);
    academie_chart(b, &sh, row, row + 2);

done:
    sheet_close(b, &sh);
}

/* The whole of academie.xlsx, in the writing child. */
static void book_write_academie(book *b, const void *arg)
{
    lxw_doc_properties properties = {.title = book_title};

    book_check(b, workbook_set_properties(b->workbook, &properties));
    book_formats(b);
    book_academie(b, arg);
    book_anomalies(b);
}

/* ---- The child that writes ---------------------------------------------- */

typedef void (*book_writer)(book *b, const void *arg);

/* Returns 1 if nsheets scratch files, one per sheet in libxlsxwriter's
 * constant_memory mode, fit under the limit of open files, with room for
 * what the process has open already. A lycée with hundreds of classes in
 * one workbook, or a tight `ulimit -n`, gets the in-memory mode instead,
 * which keeps one scratch file at a time. */
static int book_fits_constant_memory(size_t nsheets)
{
    struct rlimit limit;

    return getrlimit(RLIMIT_NOFILE, &limit) != 0 ||
           limit.rlim_cur == RLIM_INFINITY ||
           nsheets + FILES_SPARE <= (size_t)limit.rlim_cur;
}


/* Where libxlsxwriter keeps its scratch files (one per sheet, then one per
 * part of the workbook): $TMPDIR as usual, else the system's. On a disk,
 * creating and deleting thousands of them costs an académie run more than
 * its own work: TMPDIR=/dev/shm keeps them in memory. */
static char *scratch_dir(void)
{
    char *dir = getenv("TMPDIR");

    return dir && *dir ? dir : NULL;
}

/* Writes one workbook into tmp, in the writing child. Returns SC_OK,
 * SC_ERROR_MEMORY, or SC_ERROR_WORKBOOK with b->lxw. */
static sc_error book_write_file(book *b, const char *tmp, book_writer write,
                                const void *arg, size_t nsheets)
{
    lxw_workbook_options options = {
        .constant_memory = book_fits_constant_memory(nsheets),
        .tmpdir = scratch_dir()};

    errno = 0;
    b->workbook = workbook_new_opt(tmp, &options);
    if (!b->workbook)
        return SC_ERROR_MEMORY;
    write(b, arg);
    /* Frees every libxlsxwriter object, even after a failure. */
    book_check(b, workbook_close(b->workbook));
    b->workbook = NULL;
    /* A failure libxlsxwriter swallowed may still leave ENOMEM in errno. */
    if (b->status == SC_OK && errno == ENOMEM)
        b->status = SC_ERROR_MEMORY;
    return b->status;
}

/* What the writing child tells its parent through a pipe: the workbook it
 * starts, and how one failed. */
typedef struct child_note {
    int failed;      /* 0: starting job, 1: job failed */
    int job;
    int status;      /* sc_error */
    int lxw;         /* lxw_error */
} child_note;

static void child_tell(int fd, const child_note *note)
{
    ssize_t n;

    do
        n = write(fd, note, sizeof *note);
    while (n < 0 && errno == EINTR);
}

/* Writes the workbooks of jobs from one child process. libxlsxwriter does
 * not survive all of its own allocation failures: it may crash, leak, or
 * carry on with a part missing; in a child, none of that reaches the run,
 * which learns from the child's notes and exit status whether every file
 * is whole. One child for many workbooks: a fork is dear for a process
 * holding an académie. Returns SC_OK, or an error with *failed the job (and
 * its book's lxw or signal set). */
static sc_error books_child(book *books, const sc_book_job *jobs, size_t n,
                            size_t *failed)
{
    child_note note;
    int fds[2], status, started = -1, told = 0;
    pid_t parent = getpid(), pid;
    ssize_t got;

    *failed = 0;
    if (pipe(fds) != 0)
        return SC_ERROR_MEMORY;
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return SC_ERROR_MEMORY;
    }
    if (pid == 0) {
        close(fds[0]);
        /* A run killed while it waits takes its writer with it. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(1);
        for (size_t i = 0; i < n; i++) {
            book *b = &books[i];
            sc_error err;

            child_tell(fds[1], &(child_note){0, (int)i, 0, 0});
            err = jobs[i].report
                      ? book_write_file(b, jobs[i].file.tmp, book_write, NULL,
                                        b->model.nclasses + 4)
                      : book_write_file(b, jobs[i].file.tmp,
                                        book_write_academie, jobs[i].academie,
                                        2);
            if (err != SC_OK) {
                child_tell(fds[1], &(child_note){1, (int)i, err, b->lxw});
                _exit(1);
            }
        }
        _exit(0);
    }
    close(fds[1]);
    while ((got = read(fds[0], &note, sizeof note)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof note)
            break;
        if (!note.failed) {
            started = note.job;
        } else {
            told = 1;
            *failed = (size_t)note.job;
            books[note.job].lxw = (lxw_error)note.lxw;
            books[note.job].status = (sc_error)note.status;
        }
    }
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return SC_ERROR_MEMORY;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !told &&
        started == (int)n - 1)
        return SC_OK;
    if (told)
        return books[*failed].status;
    /* Died without a word: of a signal, in the workbook it had started. */
    *failed = started >= 0 ? (size_t)started : 0;
    books[*failed].signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    books[*failed].lxw = LXW_NO_ERROR;
    return SC_ERROR_WORKBOOK;
}

/* Sets diag after the writing of b failed. */
static void book_say(const book *b, sc_error err, const char *path,
                     sc_diag *diag)
{
    if (err == SC_ERROR_MEMORY)
        sc_diag_set(diag, path, 0, "mémoire insuffisante pour écrire le "
                                   "classeur");
    else if (b->signal)
        sc_diag_set(diag, path, 0, "l'écriture du classeur s'est "
                    "interrompue (signal %d, mémoire insuffisante ?)",
                    b->signal);
    else if (b->lxw != LXW_NO_ERROR)
        sc_diag_set(diag, path, 0, "impossible d'écrire le classeur : %s",
                    book_strerror(b->lxw));
    else
        sc_diag_set(diag, path, 0, "impossible d'écrire le classeur");
}

sc_error sc_writer_prepare_batch(sc_book_job *jobs, size_t n, sc_diag *diag)
{
    book *books = calloc(n ? n : 1, sizeof *books);
    sc_report *summaries = calloc(n ? n : 1, sizeof *summaries);
    size_t failed = 0;
    sc_error err = books && summaries ? SC_OK : SC_ERROR_MEMORY;

    for (size_t i = 0; i < n; i++)
        jobs[i].file = (sc_tempfile){NULL, jobs[i].path, NULL, -1};
    for (size_t i = 0; err == SC_OK && i < n; i++) {
        if (jobs[i].report) {
            books[i].report = jobs[i].report;
            err = sc_model_build(&books[i].model, jobs[i].report);
        } else {
            const sc_academie *a = jobs[i].academie;
            summaries[i] = (sc_report){.period = a->period,
                                       .as_of = a->as_of,
                                       .anomalies = a->anomalies,
                                       .has_deadline = a->has_deadline,
                                       .deadline = a->deadline};
            books[i].report = &summaries[i];
        }
        if (err != SC_OK) {
            failed = i;
            book_say(&books[i], err, jobs[i].path, diag);
            break;
        }
        err = sc_tempfile_open(&jobs[i].file, jobs[i].path,
                               jobs[i].report ? "le classeur"
                                              : "le classeur académique",
                               diag);
        if (err != SC_OK)
            break;
        /* libxlsxwriter 1.1 opens the file by its name: it keeps the
         * 0600. */
        close(jobs[i].file.fd);
        jobs[i].file.fd = -1;
    }
    if (err == SC_OK) {
        err = books_child(books, jobs, n, &failed);
        if (err != SC_OK)
            book_say(&books[failed], err, jobs[failed].path, diag);
    }
    if (!books || !summaries)
        sc_diag_set(diag, n ? jobs[0].path : "", 0, "mémoire insuffisante "
                                                  "pour écrire le classeur");
    for (size_t i = 0; i < n; i++) {
        if (err != SC_OK)
            sc_tempfile_abort(&jobs[i].file);
        if (books && jobs[i].report)
            sc_model_free(&books[i].model);
    }
    free(books);
    free(summaries);
    return err;
}

sc_error sc_writer_write(const sc_report *report, const char *path,
                         sc_diag *diag)
{
    sc_book_job job = {.report = report, .path = path};
    sc_error err = sc_writer_prepare_batch(&job, 1, diag);

    return err == SC_OK ? sc_tempfile_commit(&job.file, diag) : err;
}
