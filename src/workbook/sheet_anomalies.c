/*
 * sheet_anomalies.c - Anomalies: errors first, notes hidden by a filter
 * the reader can lift, each row linked to the pupil it is about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/sheet_anomalies.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"

#define ANOMALIES_TOP 1 /* the header's row, under the title */
/* Message's width bound (characters): wide enough for most messages on
 * one line, narrow enough for the sheet to print one page wide. */
#define ANOMALIES_MESSAGE_WIDTH 60
/* Gravité, Fichier, Ligne, Colonne, Classe, Élève, Message; then Fiche in
 * a school's workbook. */
#define ANOMALIES_COLS 7

/* An input row of a shown pupil: its roll row or one of its tracking
 * rows, to link an anomaly of that row to the pupil's class sheet. */
typedef struct row_owner {
    const char *file;
    unsigned line;
    const sc_model_line *owner;
} row_owner;

static int owner_cmp(const void *pa, const void *pb)
{
    const row_owner *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);

    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* The rows of every shown pupil, sorted by file and line, into *out
 * (NULL when there are none). Returns SC_OK or SC_ERROR_MEMORY. */
static sc_error owners_build(const sc_model *m, row_owner **out, size_t *n)
{
    const sc_report *r = m->report;
    size_t cap = m->nlines + (r->links ? r->data->nentries : 0), k = 0;
    row_owner *o;

    *n = 0;
    *out = NULL;
    if (cap == 0)
        return SC_OK;
    if (!(o = malloc(cap * sizeof *o)))
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < m->nlines; i++) {
        const sc_model_line *l = &m->lines[i];
        const sc_pupil *p = sc_model_pupil(m, l);
        size_t begin, end;

        if (p->file && p->line)
            o[k++] = (row_owner){p->file, p->line, l};
        sc_model_entries(r, l->index, &begin, &end);
        for (size_t e = begin; e < end && k < cap; e++) {
            const sc_entry *entry = &r->data->entries[r->links->items[e]];

            if (entry->file && entry->line)
                o[k++] = (row_owner){entry->file, entry->line, l};
        }
    }
    qsort(o, k, sizeof *o, owner_cmp);
    *n = k;
    *out = o;
    return SC_OK;
}

/* By severity, then as the list is (file and line). */
static int order_cmp(const void *pa, const void *pb)
{
    const sc_anomaly *const *a = pa, *const *b = pb;

    if ((*a)->severity != (*b)->severity)
        return (*a)->severity < (*b)->severity ? -1 : 1;
    return (*a > *b) - (*a < *b);
}

/* "Anomalies : 2 erreurs, 1 avertissement, 17 informations (masquées par
 * le filtre de « Gravité »)". */
static void anomalies_title(char *text, size_t size, const size_t count[3])
{
    snprintf(text, size, "Anomalies : %zu erreur%s, %zu "
             "avertissement%s, %zu information%s%s", count[0],
             count[0] > 1 ? "s" : "", count[1], count[1] > 1 ? "s" : "",
             count[2], count[2] > 1 ? "s" : "",
             count[2] ? " (masquées par le filtre de « Gravité » : "
                        "choisir « Information » pour les voir)"
                      : "");
}

static void anomalies_row(sc_cells *sh, lxw_row_t row, const sc_anomaly *a,
                          const sc_model *m, const row_owner *owners,
                          size_t nowners)
{
    const sc_formats *fm = &sh->book->formats;
    unsigned severity = (unsigned)a->severity < 3 ? (unsigned)a->severity : 2;

    /* The message wraps in its bounded column; the row is as tall as its
     * lines, which LibreOffice does not work out by itself. */
    size_t lines = sc_cells_lines(a->message ? a->message : "",
                                  ANOMALIES_MESSAGE_WIDTH);

    if (a->severity == SC_SEVERITY_NOTE && sh->book->status == SC_OK) {
        /* Hidden as the filter on Gravité would: what Excel and
         * LibreOffice show on opening. */
        lxw_row_col_options hidden = {.hidden = 1};

        sc_book_check(sh->book, worksheet_set_row_opt(
                                    sh->worksheet, row,
                                    SC_CELLS_LINE_HEIGHT * (double)lines,
                                    NULL, &hidden));
    } else {
        sc_cells_row_lines(sh, row, lines);
    }
    sc_cells_text(sh, row, 0, sc_anomalies_severity_label(a->severity),
                  fm->severity[severity]);
    sc_cells_text(sh, row, 1, a->file, NULL);
    if (a->line > 0)
        sc_cells_number(sh, row, 2, a->line, fm->line_number);
    if (a->column)
        sc_cells_text(sh, row, 3, a->column, NULL);
    sc_cells_text(sh, row, 4, a->class_name, NULL);
    sc_cells_text(sh, row, 5, a->pupil, NULL);
    sc_cells_text(sh, row, 6, a->message, fm->wrap_list);
    if (m && a->file && a->line > 0) {
        row_owner probe = {a->file, a->line, NULL};
        const row_owner *o = bsearch(&probe, owners, nowners, sizeof *owners,
                                     owner_cmp);

        if (o) {
            const sc_model_class *k = &m->classes[o->owner->cls];
            size_t target = sc_model_class_row(m, o->owner);

            if (target <= sc_cells_list_fit(k->tally.pupils))
                sc_cells_link_row(sh, row, ANOMALIES_COLS, k->sheet, target,
                                  "Voir la fiche");
        }
    }
}

void sc_sheet_anomalies_write(sc_book *b, const sc_anomalies *list,
                              const sc_model *m)
{
    static const char *const labels[ANOMALIES_COLS + 1] = {
        "Gravité", "Fichier", "Ligne", "Colonne", "Classe", "Élève",
        "Message", "Fiche"};
    size_t n = list ? list->count : 0, shown, count[3] = {0, 0, 0};
    size_t nowners = 0;
    char title[256];
    const sc_anomaly **order = malloc((n ? n : 1) * sizeof *order);
    row_owner *owners = NULL;
    sc_cells sh;

    memset(&sh, 0, sizeof sh);
    sh.book = b;
    /* The owners link an anomaly to its pupil's row: none to link, none
     * to build (every pupil's rows, sorted, would be 48 bytes each). */
    if (!order ||
        (m && n > 0 && owners_build(m, &owners, &nowners) != SC_OK)) {
        if (b->status == SC_OK)
            b->status = SC_ERROR_MEMORY;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = &list->items[i];
        count[(unsigned)order[i]->severity < 3 ? order[i]->severity : 2]++;
    }
    qsort(order, n, sizeof *order, order_cmp);
    anomalies_title(title, sizeof title, count);
    shown = sc_cells_open_list_at(&sh, b, SC_SHEETNAME_ANOMALIES, title,
                                  ANOMALIES_TOP, labels,
                                  ANOMALIES_COLS + (m ? 1 : 0), n,
                                  "Aucune anomalie");
    if (b->status != SC_OK)
        goto done;
    sc_cells_bound(&sh, 6, 20, ANOMALIES_MESSAGE_WIDTH);
    if (count[2] > 0) {
        /* Notes (rows --classes left out) drown the errors: filtered out
         * until the reader asks for them. */
        char error[] = "Erreur", warning[] = "Attention";
        char *keep[] = {error, warning, NULL};

        sc_book_check(b, worksheet_filter_list(sh.worksheet, 0, keep));
    }
    for (size_t i = 0; i < shown; i++)
        anomalies_row(&sh, (lxw_row_t)(ANOMALIES_TOP + 1 + i), order[i], m,
                      owners, nowners);
    sc_cells_overflow_at(&sh, ANOMALIES_TOP, n);

done:
    sc_cells_close(&sh);
    free(order);
    free(owners);
}
