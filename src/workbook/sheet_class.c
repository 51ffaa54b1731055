/*
 * sheet_class.c - the sheet of one class.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/sheet_class.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/category.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/period.h"

/* Writes "City (Country)" into a new string, the country only when it is
 * not France. Returns NULL when out of memory. */
static char *entry_where(const sc_entry *e)
{
    const char *city = e->city ? e->city : "";
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

/* The type as typed and the category stagecheck reads in it, "SARL →
 * entreprise", or the type alone when it is the category's own name.
 * Returns a new string, or NULL when out of memory. */
static char *entry_type(const char *typed)
{
    sc_category category;
    char *text;
    int named;

    if (sc_category_read(typed, &category, &named) != SC_OK)
        return NULL;
    if (named)
        return strdup(typed);
    if (asprintf(&text, "%s → %s", typed, sc_category_label(category)) < 0)
        return NULL;
    return text;
}

/* The texts of the pupil's dispense requests, joined with " ; ", in a new
 * string. Returns NULL when out of memory. */
static char *pupil_dispenses(const sc_report *r, size_t p)
{
    size_t begin, end, len = 1;
    char *joined;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end; k++) {
        const char *d = r->data->entries[r->links->items[k]].dispense;

        len += strlen(d ? d : "") + 3;
    }
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

/* How many of the period's days the pupil is hosted in school, and which
 * into buf: "26/06, 27/06, 28/06", "toute la période", or "" for none. */
static int hosted_days(const sc_period *period, uint64_t hosted, char *buf,
                       size_t size)
{
    uint64_t all = sc_period_all_days(period);
    size_t len = 0;
    int n = 0;

    hosted &= all;
    for (int i = 0; i < period->ndays; i++)
        n += (hosted >> i) & 1;
    buf[0] = '\0';
    if (n == 0)
        return 0;
    if (hosted == all) {
        snprintf(buf, size, "toute la période");
        return n;
    }
    for (int i = 0; i < period->ndays && len < size; i++) {
        char day[11];

        if (!((hosted >> i) & 1))
            continue;
        sc_date_format(period->days[i], day);
        len += (size_t)snprintf(buf + len, size - len, "%s%.5s",
                                len ? ", " : "", day);
    }
    return n;
}

/* The "; "-separated items of a verdict's À faire, one per line, in a new
 * string. Returns NULL when out of memory. */
static char *todo_lines(const char *todo)
{
    char *lines = strdup(todo ? todo : ""), *out = lines;

    if (!lines)
        return NULL;
    for (const char *in = lines; *in; in++) {
        if (in[0] == ';' && in[1] == ' ') {
            *out++ = '\n';
            in++;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return lines;
}

/* "FILE:LINE" of the pupil's roll row, then of each of its placements
 * rows, "; " between: every input row can be traced to where it shows.
 * Returns a new string, or NULL when out of memory. */
static char *pupil_origins(const sc_report *r, size_t p)
{
    const sc_pupil *pupil = &r->data->pupils[p];
    const char *file = sc_dataset_pupil_file(r->data, pupil);
    size_t begin, end, size;
    char *text;
    int n;

    sc_model_entries(r, p, &begin, &end);
    /* ", ligne 4294967295" and " ; " at most beside each file name. */
    if (!file)
        file = "";
    size = strlen(file) + 24;
    for (size_t k = begin; k < end; k++)
        size += strlen(r->data->entries[r->links->items[k]].file) + 24;
    text = malloc(size);
    if (!text)
        return NULL;
    n = sc_anomalies_where(text, size, file, pupil->line);
    for (size_t k = begin; k < end && n > 0 && (size_t)n < size; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];
        n += snprintf(text + n, size - (size_t)n, " ; ");
        if ((size_t)n < size)
            n += sc_anomalies_where(text + n, size - (size_t)n, e->file,
                                    e->line);
    }
    return text;
}

/* Width bounds (characters) of the columns a person reads, narrow enough
 * for a class with two places to print one page wide at 60 % or more:
 * long texts wrap, and each row is as tall as its wrapped lines. */
enum {
    W_NAME = 16, W_FIRST = 14, W_STATUS = 12, W_TODO = 32, W_COUNT = 10,
    W_DAYS = 14, W_LATE = 10, W_DISPENSE = 16, W_HOST = 16, W_WHERE = 12,
    W_DATE = 10
};

/* Places printed: "elle peut être scabable en deux périodes"; a third
 * place is an anomaly, said in À faire, its columns kept on screen. */
#define PRINTED_PLACES 2

/* The columns of a class sheet, from the model: the same on every class
 * sheet of a workbook. */
typedef struct class_cols {
    lxw_col_t previous, late, dispense, places, tech;
    size_t nplaces;
} class_cols;

static class_cols class_columns(const sc_model *m)
{
    return (class_cols){(lxw_col_t)m->columns.class_previous,
                        (lxw_col_t)m->columns.class_late,
                        (lxw_col_t)m->columns.class_dispense,
                        (lxw_col_t)m->columns.class_places,
                        (lxw_col_t)m->columns.class_tech, m->nplaces};
}

/* Lines of text in column col of the width bound, or 1 when unbounded. */
static size_t cell_lines(const sc_cells *sh, lxw_col_t col, const char *text)
{
    size_t max = col < sh->ncols ? sh->cols[col].max : 0;

    return text && max ? sc_cells_lines(text, max) : 1;
}

/* Sets row's height to its tallest cell, lines tall: LibreOffice does not
 * grow a row for wrapped text unless told. */
static void row_height(sc_cells *sh, lxw_row_t row, size_t lines)
{
    if (sh->book->status == SC_OK && lines > 1)
        sc_book_check(sh->book, worksheet_set_row(sh->worksheet, row,
                                                  SC_CELLS_LINE_HEIGHT *
                                                      (double)lines,
                                                  NULL));
}

static void class_bounds(sc_cells *sh, const class_cols *c)
{
    static const struct {
        lxw_col_t col;
        size_t min, max;
    } lead[] = {{0, 8, W_NAME}, {1, 8, W_FIRST}, {2, 8, W_STATUS},
                {3, 12, W_TODO}, {4, W_COUNT, W_COUNT}, {5, 10, W_DAYS}};

    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        sc_cells_bound(sh, lead[i].col, lead[i].min, lead[i].max);
    if (c->previous)
        sc_cells_bound(sh, c->previous, 8, W_STATUS);
    if (c->late)
        sc_cells_bound(sh, c->late, W_LATE, W_LATE);
    sc_cells_bound(sh, c->dispense, 10, W_DISPENSE);
    for (size_t i = 0; i < c->nplaces; i++) {
        lxw_col_t col = (lxw_col_t)(c->places + SC_MODEL_PLACE_COLS * i);

        sc_cells_bound(sh, col, 10, W_HOST);
        sc_cells_bound(sh, col + 1, 10, W_WHERE);
        sc_cells_bound(sh, col + 2, W_DATE, W_DATE);
        sc_cells_bound(sh, col + 3, W_DATE, W_DATE);
    }
    sc_cells_group(sh, c->tech, (lxw_col_t)(sh->ncols - 1));
}

/* Writes one header label, wrapped in its column. */
static void header_cell(sc_cells *sh, lxw_col_t col, const char *label)
{
    sc_cells_put(sh, 0, col, label, sh->book->formats.header_wrap, 0);
}

static void class_header(sc_cells *sh, const class_cols *c)
{
    static const char *const lead[SC_MODEL_CLASS_LEAD] = {
        "Nom", "Prénom", "Statut", "À faire", "Jours à accueillir",
        "Dates à accueillir"};
    static const char *const place[SC_MODEL_PLACE_COLS] = {
        "structure", "commune / pays", "du", "au"};
    char label[64];
    size_t lines = 1;
    lxw_col_t col = c->tech;

    class_bounds(sh, c);
    /* Computed before the row is written: constant_memory mode. */
    for (lxw_col_t i = 0; i < SC_MODEL_CLASS_LEAD; i++)
        lines = cell_lines(sh, i, lead[i]) > lines ? cell_lines(sh, i, lead[i])
                                                   : lines;
    if (c->previous && cell_lines(sh, c->previous, "Statut précédent") >
                           lines)
        lines = cell_lines(sh, c->previous, "Statut précédent");
    for (size_t i = 0; i < c->nplaces; i++)
        for (size_t k = 0; k < SC_MODEL_PLACE_COLS; k++) {
            lxw_col_t at = (lxw_col_t)(c->places + SC_MODEL_PLACE_COLS * i + k);
            size_t n;

            snprintf(label, sizeof label, "Lieu %zu — %s", i + 1, place[k]);
            n = cell_lines(sh, at, label);
            lines = n > lines ? n : lines;
        }
    row_height(sh, 0, lines);
    for (lxw_col_t i = 0; i < SC_MODEL_CLASS_LEAD; i++)
        header_cell(sh, i, lead[i]);
    if (c->previous)
        header_cell(sh, c->previous, "Statut précédent");
    if (c->late)
        header_cell(sh, c->late, "Retard");
    header_cell(sh, c->dispense, "Dispense");
    for (size_t i = 0; i < c->nplaces; i++)
        for (size_t k = 0; k < SC_MODEL_PLACE_COLS; k++) {
            snprintf(label, sizeof label, "Lieu %zu — %s", i + 1, place[k]);
            header_cell(sh, (lxw_col_t)(c->places + SC_MODEL_PLACE_COLS * i +
                                        k), label);
        }
    header_cell(sh, col++, "INE");
    header_cell(sh, col++, "Né(e) le");
    for (size_t i = 0; i < c->nplaces; i++) {
        snprintf(label, sizeof label, "Lieu %zu — type", i + 1);
        header_cell(sh, col++, label);
    }
    header_cell(sh, col, "Lignes d'origine");
}

/* The texts of one pupil's row that wrap, made before the row is written
 * so that its height is known first. */
typedef struct row_texts {
    char *todo, *dispenses, *origins;
    char days[SC_PERIOD_MAX_DAYS * 8];
    int ndays;
    size_t nwhere;
    char *where[];   /* "City (Country)" of each place, nwhere of them */
} row_texts;

static void row_texts_free(row_texts *t)
{
    if (!t)
        return;
    free(t->todo);
    free(t->dispenses);
    free(t->origins);
    for (size_t i = 0; i < t->nwhere; i++)
        free(t->where[i]);
    free(t);
}

/* The places of pupil p that are not dispense requests, in input order,
 * into places (nplaces of room). Returns how many. */
static size_t pupil_places(const sc_report *r, size_t p,
                           const sc_entry **places, size_t nplaces)
{
    size_t begin, end, n = 0;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end && n < nplaces; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];

        if (!e->dispense)
            places[n++] = e;
    }
    return n;
}

static row_texts *row_texts_make(const sc_model *m, const sc_model_line *l,
                                 const sc_entry **places, size_t nplaces)
{
    const sc_report *r = m->report;
    row_texts *t = calloc(1, sizeof *t + nplaces * sizeof t->where[0]);

    if (!t)
        return NULL;
    t->todo = todo_lines(sc_check_todo(r->todos, &r->verdicts[l->index]));
    t->dispenses = pupil_dispenses(r, l->index);
    t->origins = pupil_origins(r, l->index);
    if (!t->todo || !t->dispenses || !t->origins)
        goto mem_error;
    for (; t->nwhere < nplaces; t->nwhere++)
        if (!(t->where[t->nwhere] = entry_where(places[t->nwhere])))
            goto mem_error;
    t->ndays = hosted_days(r->period,
                           sc_check_hosted(r->hosted, &r->verdicts[l->index]),
                           t->days, sizeof t->days);
    return t;

mem_error:
    row_texts_free(t);
    return NULL;
}

/* The tallest cell of the row, in lines. */
static size_t row_lines(const sc_cells *sh, const sc_model *m,
                        const class_cols *c,
                        const sc_model_line *l, const row_texts *t,
                        const sc_entry **places)
{
    const sc_pupil *p = sc_model_pupil(m, l);
    const char *status = sc_status_label(l->status);
    int was = c->previous ? m->report->previous[l->index] : -1;
    const char *previous = was >= 0 && was < SC_STATUS_COUNT
                               ? sc_status_label((sc_status)was) : "nouveau";
    size_t lines = 1;
    const struct {
        lxw_col_t col;
        const char *text;
    } cells[] = {{0, sc_pupil_surname(p)}, {1, sc_pupil_first(p)}, {2, status},
                 {3, t->todo}, {5, t->days}, {c->dispense, t->dispenses},
                 {c->previous, c->previous ? previous : NULL}};

    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        size_t n = cell_lines(sh, cells[i].col, cells[i].text);

        lines = n > lines ? n : lines;
    }
    for (size_t i = 0; i < t->nwhere; i++) {
        lxw_col_t col = (lxw_col_t)(c->places + SC_MODEL_PLACE_COLS * i);
        size_t a = cell_lines(sh, col, places[i]->host);
        size_t b = cell_lines(sh, col + 1, t->where[i]);

        lines = a > lines ? a : lines;
        lines = b > lines ? b : lines;
    }
    return lines;
}

static void class_row(sc_cells *sh, const sc_model *m, const class_cols *c,
                      lxw_row_t row, const sc_model_line *l,
                      const sc_entry **places)
{
    const sc_report *r = m->report;
    const sc_pupil *p = sc_model_pupil(m, l);
    lxw_format *wrap = sh->book->formats.wrap;
    size_t nplaces = pupil_places(r, l->index, places, c->nplaces);
    row_texts *t = row_texts_make(m, l, places, nplaces);
    lxw_col_t col = c->tech;

    if (!t) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    row_height(sh, row, row_lines(sh, m, c, l, t, places));
    sc_cells_text(sh, row, 0, sc_pupil_surname(p), wrap);
    sc_cells_text(sh, row, 1, sc_pupil_first(p), wrap);
    sc_cells_status_wrap(sh, row, 2, (int)l->status, NULL);
    sc_cells_text(sh, row, 3, t->todo, wrap);
    sc_cells_number(sh, row, 4, (double)t->ndays, sh->book->formats.top);
    sc_cells_text(sh, row, 5, t->days, wrap);
    if (c->previous)
        sc_cells_status_wrap(sh, row, c->previous, r->previous[l->index],
                             "nouveau");
    if (c->late)
        sc_cells_late(sh, row, c->late, l->late);
    sc_cells_text(sh, row, c->dispense, t->dispenses, wrap);
    for (size_t i = 0; i < nplaces; i++) {
        lxw_col_t at = (lxw_col_t)(c->places + SC_MODEL_PLACE_COLS * i);

        sc_cells_text(sh, row, at, places[i]->host, wrap);
        sc_cells_text(sh, row, at + 1, t->where[i], wrap);
        sc_cells_date(sh, row, at + 2, places[i]->start);
        sc_cells_date(sh, row, at + 3, places[i]->end);
    }
    sc_cells_text(sh, row, col++, sc_pupil_ine(p), sh->book->formats.top);
    sc_cells_date(sh, row, col++, p->birth);
    for (size_t i = 0; i < c->nplaces; i++, col++) {
        char *type;

        if (i >= nplaces || !places[i]->host_type)
            continue;
        if (!(type = entry_type(places[i]->host_type))) {
            sh->book->status = SC_ERROR_MEMORY;
            break;
        }
        sc_cells_text(sh, row, col, type, sh->book->formats.top);
        free(type);
    }
    sc_cells_text(sh, row, col, t->origins, sh->book->formats.top);
    row_texts_free(t);
}

void sc_sheet_class_write(sc_book *b, const sc_model *m,
                          const sc_model_class *k)
{
    size_t shown = sc_cells_list_fit(k->tally.pupils);
    class_cols c = class_columns(m);
    const sc_entry **places = malloc((c.nplaces ? c.nplaces : 1) *
                                     sizeof *places);
    sc_cells sh;

    if (!places) {
        b->status = b->status == SC_OK ? SC_ERROR_MEMORY : b->status;
        return;
    }
    if (sc_cells_open(&sh, b, k->sheet, sc_model_class_cols(m))) {
        class_header(&sh, &c);
        sc_cells_print_area(&sh, c.places + SC_MODEL_PLACE_COLS *
                                             (c.nplaces < PRINTED_PLACES
                                                  ? c.nplaces
                                                  : PRINTED_PLACES),
                            (lxw_row_t)shown);
        sc_cells_list(&sh, (lxw_row_t)shown);
        /* The header row and the two name columns stay in sight. */
        worksheet_freeze_panes(sh.worksheet, 1, 2);
        for (size_t i = 0; i < shown; i++)
            class_row(&sh, m, &c, (lxw_row_t)(i + 1), &m->lines[k->first + i],
                      places);
        sc_cells_overflow(&sh, k->tally.pupils);
    }
    sc_cells_close(&sh);
    free(places);
}
