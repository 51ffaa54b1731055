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
    /* ", ligne 4294967295" and " ; " at most beside each file name. */
    size = strlen(pupil->file) + 24;
    for (size_t k = begin; k < end; k++)
        size += strlen(r->data->entries[r->links->items[k]].file) + 24;
    text = malloc(size);
    if (!text)
        return NULL;
    n = sc_anomalies_where(text, size, pupil->file, pupil->line);
    for (size_t k = begin; k < end && n > 0 && (size_t)n < size; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];
        n += snprintf(text + n, size - (size_t)n, " ; ");
        if ((size_t)n < size)
            n += sc_anomalies_where(text + n, size - (size_t)n, e->file,
                                    e->line);
    }
    return text;
}

static void class_header(sc_cells *sh, const sc_model *m, size_t nplaces)
{
    static const char *const lead[SC_MODEL_CLASS_LEAD] = {
        "Nom", "Prénom", "INE", "Né(e) le", "Statut"};
    static const char *const place[SC_MODEL_PLACE_COLS] = {
        "structure", "type", "commune / pays", "du", "au"};
    static const char *const tail[SC_MODEL_CLASS_TAIL] = {
        "Dispense", "À faire", "Jours à accueillir", "Lignes d'origine"};
    lxw_format *header = sh->book->formats.header;
    lxw_col_t col = (lxw_col_t)m->columns.class_places;
    char label[64];

    sc_cells_header(sh, lead, SC_MODEL_CLASS_LEAD);
    if (m->columns.class_previous)
        sc_cells_text(sh, 0, (lxw_col_t)m->columns.class_previous,
                      "Statut précédent", header);
    if (m->columns.class_late)
        sc_cells_text(sh, 0, (lxw_col_t)m->columns.class_late, "Retard",
                      header);
    for (size_t i = 0; i < nplaces; i++)
        for (size_t c = 0; c < SC_MODEL_PLACE_COLS; c++) {
            snprintf(label, sizeof label, "Lieu %zu — %s", i + 1, place[c]);
            sc_cells_text(sh, 0, col++, label, header);
        }
    for (size_t c = 0; c < SC_MODEL_CLASS_TAIL; c++)
        sc_cells_text(sh, 0, col++, tail[c], header);
}

/* The places of pupil p, one column group each, in input order. */
static void class_places(sc_cells *sh, const sc_model *m, lxw_row_t row,
                         size_t p)
{
    const sc_report *r = m->report;
    size_t begin, end;
    lxw_col_t col = (lxw_col_t)m->columns.class_places;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end && sh->book->status == SC_OK; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];
        char *where, *type = NULL;

        if (e->dispense)
            continue;
        where = entry_where(e);
        if (where && e->host_type)
            type = entry_type(e->host_type);
        if (!where || (e->host_type && !type)) {
            free(where);
            sh->book->status = SC_ERROR_MEMORY;
            return;
        }
        sc_cells_text(sh, row, col, e->host, NULL);
        sc_cells_text(sh, row, col + 1, type, NULL);
        sc_cells_text(sh, row, col + 2, where, NULL);
        sc_cells_date(sh, row, col + 3, e->start);
        sc_cells_date(sh, row, col + 4, e->end);
        free(type);
        free(where);
        col += SC_MODEL_PLACE_COLS;
    }
}

static void class_row(sc_cells *sh, const sc_model *m, lxw_row_t row,
                      const sc_model_line *l, size_t nplaces)
{
    const sc_report *r = m->report;
    const sc_verdict *v = &r->verdicts[l->index];
    const sc_pupil *p = l->pupil;
    lxw_format *wrap = sh->book->formats.wrap;
    lxw_col_t col = (lxw_col_t)(m->columns.class_places +
                                SC_MODEL_PLACE_COLS * nplaces);
    char days[16 + SC_PERIOD_MAX_DAYS * 8];
    char *dispenses, *origins;

    sc_cells_text(sh, row, 0, p->surname, NULL);
    sc_cells_text(sh, row, 1, p->first, NULL);
    sc_cells_text(sh, row, 2, p->ine, NULL);
    sc_cells_date(sh, row, 3, p->birth);
    sc_cells_status(sh, row, 4, (int)l->status, 1, NULL);
    if (m->columns.class_previous)
        sc_cells_status(sh, row, (lxw_col_t)m->columns.class_previous,
                        r->previous[l->index], 1, "nouveau");
    if (m->columns.class_late)
        sc_cells_late(sh, row, (lxw_col_t)m->columns.class_late, l->late);
    class_places(sh, m, row, l->index);
    dispenses = pupil_dispenses(r, l->index);
    if (!dispenses) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    /* Wrapped, so that a class prints one page wide in a readable size. */
    sc_cells_text(sh, row, col, dispenses, wrap);
    free(dispenses);
    sc_cells_text(sh, row, col + 1, v->todo, wrap);
    hosted_days(r->period, v->hosted, days, sizeof days);
    sc_cells_text(sh, row, col + 2, days, NULL);
    origins = pupil_origins(r, l->index);
    if (!origins) {
        sh->book->status = SC_ERROR_MEMORY;
        return;
    }
    sc_cells_text(sh, row, col + 3, origins, wrap);
    free(origins);
}

void sc_sheet_class_write(sc_book *b, const sc_model *m,
                          const sc_model_class *k)
{
    size_t shown = sc_cells_list_fit(k->tally.pupils);
    sc_cells sh;

    if (sc_cells_open(&sh, b, k->sheet, sc_model_class_cols(m, k))) {
        class_header(&sh, m, k->nplaces);
        sc_cells_list(&sh, (lxw_row_t)shown);
        for (size_t i = 0; i < shown; i++)
            class_row(&sh, m, (lxw_row_t)(i + 1), &m->lines[k->first + i],
                      k->nplaces);
        sc_cells_overflow(&sh, k->tally.pupils);
    }
    sc_cells_close(&sh);
}
