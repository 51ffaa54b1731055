/*
 * sheet_anomalies.c - Anomalies: errors first, notes hidden by a filter
 * the reader can lift, each row linked to the pupil it is about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/sheet_anomalies.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"

#define ANOMALIES_TOP 1 /* the header's row, under the title */
/* Message's width bound (characters): wide enough for most messages on
 * one line, narrow enough for the sheet to print one page wide. */
#define ANOMALIES_MESSAGE_WIDTH 60
/* Gravité, Fichier, Ligne, Colonne, Classe, Élève, Message; then Fiche in
 * a school's workbook. */
#define ANOMALIES_COLS 7

/* An anomaly that names an input row, to link it to the class row of
 * the shown pupil whose roll row or tracking row that is. One per such
 * anomaly, so that memory grows with the anomalies, not the pupils. */
typedef struct row_owner {
    const char *file;
    unsigned line;
    const char *pupil;  /* the pupil the anomaly names ("NOM Prénom"), or
                           NULL when it names none */
    size_t anomaly;     /* its index in the list */
} row_owner;

static int row_cmp(const char *file_a, unsigned line_a, const char *file_b,
                   unsigned line_b)
{
    int c = strcmp(file_a, file_b);

    return c ? c : (line_a > line_b) - (line_a < line_b);
}

/* By row, then by the pupil named (none first). */
static int owner_cmp(const void *pa, const void *pb)
{
    const row_owner *a = pa, *b = pb;
    int c = row_cmp(a->file, a->line, b->file, b->line);

    if (c || a->pupil == b->pupil)
        return c;
    if (!a->pupil || !b->pupil)
        return a->pupil ? 1 : -1;
    return strcmp(a->pupil, b->pupil);
}

/* The first of the n owners of o not before probe. */
static size_t owners_lower(const row_owner *o, size_t n,
                           const row_owner *probe)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (owner_cmp(&o[mid], probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Row (file, line) is one of line l's pupil's (p). The first pupil met
 * on a row, in the class sheets' order, owns the anomalies of that row
 * that name no other; an anomaly that names p by name is p's, whoever
 * was met first: a SIECLE export written on one line gives its pupils
 * one line. */
static void owners_meet(const row_owner *o, size_t n,
                        const sc_model_line **owner_of,
                        const sc_model_line **first_of, const char *file,
                        unsigned line, const sc_pupil *p,
                        const sc_model_line *l)
{
    row_owner probe = {file, line, NULL, 0};
    size_t at = owners_lower(o, n, &probe);
    char who[256];

    if (at == n || row_cmp(o[at].file, o[at].line, file, line) != 0)
        return;
    if (!first_of[at])
        first_of[at] = l;
    sc_pupil_display(p, who, sizeof who);
    probe.pupil = who;
    for (size_t k = owners_lower(o, n, &probe);
         k < n && owner_cmp(&o[k], &probe) == 0; k++)
        if (!owner_of[o[k].anomaly])
            owner_of[o[k].anomaly] = l;
}

/* The line of the class sheets each anomaly of list links to, into
 * *out: one per anomaly, NULL for one that names no row of a shown
 * pupil. Returns SC_OK or SC_ERROR_MEMORY. */
static sc_error owners_build(const sc_model *m, const sc_anomalies *list,
                             const sc_model_line ***out)
{
    const sc_report *r = m->report;
    size_t n = 0;
    row_owner *o = malloc(list->count * sizeof *o);
    const sc_model_line **owner_of = calloc(list->count, sizeof *owner_of);
    const sc_model_line **first_of = calloc(list->count, sizeof *first_of);
    sc_error err = SC_ERROR_MEMORY;

    if (!o || !owner_of || !first_of)
        goto done;
    for (size_t i = 0; i < list->count; i++) {
        const sc_anomaly *a = &list->items[i];

        if (a->file && a->line > 0)
            o[n++] = (row_owner){a->file, a->line,
                                 a->pupil && a->pupil[0] ? a->pupil : NULL,
                                 i};
    }
    qsort(o, n, sizeof *o, owner_cmp);
    for (size_t i = 0; n > 0 && i < m->nlines; i++) {
        const sc_model_line *l = &m->lines[i];
        const sc_pupil *p = sc_model_pupil(m, l);
        const char *file = sc_dataset_pupil_file(r->data, p);
        size_t begin, end;

        if (file && p->line)
            owners_meet(o, n, owner_of, first_of, file, p->line, p, l);
        sc_model_entries(r, l->index, &begin, &end);
        for (size_t e = begin; e < end; e++) {
            const sc_entry *entry = &r->data->entries[r->links->items[e]];

            if (entry->file && entry->line)
                owners_meet(o, n, owner_of, first_of, entry->file,
                            entry->line, p, l);
        }
    }
    /* The rest of each row's anomalies go to the first pupil met on it,
     * kept at the row's first owner. */
    for (size_t i = 0, row = 0; i < n; i++) {
        if (row_cmp(o[i].file, o[i].line, o[row].file, o[row].line) != 0)
            row = i;
        if (!owner_of[o[i].anomaly])
            owner_of[o[i].anomaly] = first_of[row];
    }
    err = SC_OK;

done:
    free(o);
    free(first_of);
    if (err != SC_OK) {
        free(owner_of);
        owner_of = NULL;
    }
    *out = owner_of;
    return err;
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
                          const sc_model *m, const sc_model_line *owner)
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
    if (m && owner) {
        const sc_model_class *k = &m->classes[owner->cls];
        size_t target = sc_model_class_row(m, owner);

        if (target <= sc_cells_list_fit(k->tally.pupils))
            sc_cells_link_row(sh, row, ANOMALIES_COLS, k->sheet, target,
                              "Voir la fiche");
    }
}

void sc_sheet_anomalies_write(sc_book *b, const sc_anomalies *list,
                              const sc_model *m)
{
    static const char *const labels[ANOMALIES_COLS + 1] = {
        "Gravité", "Fichier", "Ligne", "Colonne", "Classe", "Élève",
        "Message", "Fiche"};
    size_t n = list ? list->count : 0, shown, count[3] = {0, 0, 0};
    char title[256];
    const sc_anomaly **order = malloc((n ? n : 1) * sizeof *order);
    const sc_model_line **owners = NULL;
    sc_cells sh;

    memset(&sh, 0, sizeof sh);
    sh.book = b;
    /* The owners link an anomaly to its pupil's row: none in
     * academie.xlsx. */
    if (!order || (m && n > 0 && owners_build(m, list, &owners) != SC_OK)) {
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
                      owners ? owners[order[i] - list->items] : NULL);
    sc_cells_overflow_at(&sh, ANOMALIES_TOP, n);

done:
    sc_cells_close(&sh);
    free(order);
    free((void *)owners);
}
