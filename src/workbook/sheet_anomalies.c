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

/* An input row an anomaly names, and the shown pupil whose roll row or
 * tracking row it is: where the anomaly's link goes. One per distinct
 * row named, so that memory grows with the anomalies, not the pupils. */
typedef struct row_owner {
    const char *file;
    unsigned line;
    size_t before;              /* shown pupils' rows sorted before it
                                   (during the first walk, only those
                                   after the named row before it) */
    size_t rows;                /* shown pupils' rows that are it */
    size_t pick;                /* which of those, in the walk's order */
    size_t seen;                /* of those, met by the second walk */
    const sc_model_line *owner; /* NULL when no shown pupil's */
} row_owner;

static int row_cmp(const char *file_a, unsigned line_a, const char *file_b,
                   unsigned line_b)
{
    int c = strcmp(file_a, file_b);

    return c ? c : (line_a > line_b) - (line_a < line_b);
}

static int owner_cmp(const void *pa, const void *pb)
{
    const row_owner *a = pa, *b = pb;

    return row_cmp(a->file, a->line, b->file, b->line);
}

/* The first of the n rows of o that does not come before (file, line). */
static size_t owners_lower(const row_owner *o, size_t n, const char *file,
                           unsigned line)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (row_cmp(o[mid].file, o[mid].line, file, line) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Row (file, line) of line's pupil, met by the walk: counted against the
 * rows named (first walk), or taken as the owner of the one it is when
 * it is that one's pick (second walk). */
static void owners_meet(row_owner *o, size_t n, const char *file,
                        unsigned line, const sc_model_line *l, int second)
{
    size_t at = owners_lower(o, n, file, line);
    int same = at < n && row_cmp(o[at].file, o[at].line, file, line) == 0;

    if (second) {
        if (same && o[at].seen++ == o[at].pick)
            o[at].owner = l;
        return;
    }
    if (same && o[at].rows++ == 0)
        o[at].owner = l;
    /* Before every named row from here on: added up after the walk. */
    if (at + same < n)
        o[at + same].before++;
}

/* Meets every row of every shown pupil, in the model's order: its roll
 * row, then its tracking rows. Returns how many it met. */
static size_t owners_walk(const sc_model *m, row_owner *o, size_t n,
                          int second)
{
    const sc_report *r = m->report;
    size_t met = 0;

    for (size_t i = 0; i < m->nlines; i++) {
        const sc_model_line *l = &m->lines[i];
        const sc_pupil *p = sc_model_pupil(m, l);
        size_t begin, end;

        if (p->file && p->line) {
            owners_meet(o, n, p->file, p->line, l, second);
            met++;
        }
        sc_model_entries(r, l->index, &begin, &end);
        for (size_t e = begin; e < end; e++) {
            const sc_entry *entry = &r->data->entries[r->links->items[e]];

            if (entry->file && entry->line) {
                owners_meet(o, n, entry->file, entry->line, l, second);
                met++;
            }
        }
    }
    return met;
}

/* Which of rows alike, the ones at [before, before + rows) of total
 * sorted rows, glibc's bsearch finds: its probes replayed. */
static size_t owners_pick(size_t total, size_t before, size_t rows)
{
    size_t lo = 0, hi = total;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (mid < before)
            lo = mid + 1;
        else if (mid >= before + rows)
            hi = mid;
        else
            return mid - before;
    }
    return 0;
}

/* The owner of each distinct row the anomalies of list name, sorted by
 * file and line, into *out (NULL when they name none). Returns SC_OK or
 * SC_ERROR_MEMORY.
 *
 * The owner is the one the sheet linked to when it sorted the rows of
 * every shown pupil (until a460b74: 48 bytes a pupil), in the walk's
 * order, with glibc's qsort (a merge sort: rows alike keep that order),
 * and took what bsearch found there. A row is two pupils' when their
 * roll rows are one line (a SIECLE export written on one line): that
 * bsearch is replayed over the rows counted before it and alike, so
 * that no link moves. */
static sc_error owners_build(const sc_model *m, const sc_anomalies *list,
                             row_owner **out, size_t *nout)
{
    size_t n = 0, k = 1, total, before = 0;
    int again = 0;
    row_owner *o;

    *nout = 0;
    *out = NULL;
    if (!(o = malloc((list->count ? list->count : 1) * sizeof *o)))
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < list->count; i++) {
        const sc_anomaly *a = &list->items[i];

        if (a->file && a->line > 0)
            o[n++] = (row_owner){.file = a->file, .line = a->line};
    }
    if (n == 0) {
        free(o);
        return SC_OK;
    }
    qsort(o, n, sizeof *o, owner_cmp);
    for (size_t i = 1; i < n; i++)
        if (owner_cmp(&o[i], &o[k - 1]) != 0)
            o[k++] = o[i];
    n = k;
    total = owners_walk(m, o, n, 0);
    for (size_t i = 0; i < n; i++) {
        before += o[i].before;
        o[i].before = before;
        if (o[i].rows > 1) {
            o[i].pick = owners_pick(total, o[i].before, o[i].rows);
            again |= o[i].pick > 0;
        }
    }
    /* The first walk took the first of rows alike. */
    if (again)
        owners_walk(m, o, n, 1);
    *nout = n;
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
        row_owner probe = {.file = a->file, .line = a->line};
        const row_owner *o = bsearch(&probe, owners, nowners, sizeof *owners,
                                     owner_cmp);

        if (o && o->owner) {
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
    /* The owners link an anomaly to its pupil's row: none in
     * academie.xlsx. */
    if (!order || (m && n > 0 && owners_build(m, list, &owners,
                                              &nowners) != SC_OK)) {
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
