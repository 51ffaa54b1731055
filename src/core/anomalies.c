/*
 * anomalies.c - the list of input problems.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/base/text.h"

const char *sc_anomalies_severity_label(sc_severity severity)
{
    switch (severity) {
    case SC_SEVERITY_ERROR:
        return "Erreur";
    case SC_SEVERITY_WARNING:
        return "Attention";
    default:
        return "Information";
    }
}

static void anomaly_free(sc_anomaly *a)
{
    free(a->file);
    free(a->class_name);
    free(a->pupil);
    free(a->message);
    free(a->column);
}

sc_error sc_anomalies_add(sc_anomalies *list, sc_severity severity,
                          const char *file, unsigned line,
                          const char *class_name, const char *pupil,
                          const char *fmt, ...)
{
    sc_anomaly a = {severity, NULL, line, NULL, NULL, NULL, NULL};
    char message[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    sc_text_cut(message);

    if (sc_array_reserve((void **)&list->items, &list->cap, list->count,
                         sizeof *list->items) != SC_OK)
        return SC_ERROR_MEMORY;
    a.file = sc_text_dup(file ? file : "");
    a.class_name = sc_text_dup(class_name ? class_name : "");
    a.pupil = sc_text_dup(pupil ? pupil : "");
    a.message = sc_text_dup(message);
    if (!a.file || !a.class_name || !a.pupil || !a.message) {
        anomaly_free(&a);
        return SC_ERROR_MEMORY;
    }
    list->items[list->count++] = a;
    return SC_OK;
}

sc_error sc_anomalies_move(sc_anomalies *list, sc_anomalies *from)
{
    if (!from->count)
        return SC_OK;
    if (!list->items) {
        *list = *from;
        memset(from, 0, sizeof *from);
        return SC_OK;
    }
    if (list->cap - list->count < from->count) {
        size_t cap = list->count + from->count;
        sc_anomaly *grown;

        if (cap < from->count || cap > SIZE_MAX / sizeof *grown ||
            !(grown = realloc(list->items, cap * sizeof *grown)))
            return SC_ERROR_MEMORY;
        list->items = grown;
        list->cap = cap;
    }
    memcpy(list->items + list->count, from->items,
           from->count * sizeof *from->items);
    list->count += from->count;
    free(from->items);
    memset(from, 0, sizeof *from);
    return SC_OK;
}

sc_error sc_anomalies_set_column(sc_anomalies *list, const char *column)
{
    sc_anomaly *a;

    if (!list->count)
        return SC_OK;
    a = &list->items[list->count - 1];
    free(a->column);
    a->column = NULL;
    if (column && !(a->column = sc_text_dup(column)))
        return SC_ERROR_MEMORY;
    return SC_OK;
}

size_t sc_anomalies_findings(const sc_anomalies *list)
{
    size_t n = 0;

    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].severity != SC_SEVERITY_NOTE)
            n++;
    return n;
}

void sc_anomalies_clear(sc_anomalies *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        anomaly_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

typedef struct anomaly_order {
    size_t file_rank; /* the file's place among the inputs */
    size_t index;     /* original position, to keep the sort stable */
    sc_anomaly item;
} anomaly_order;

static int anomaly_order_cmp(const void *a, const void *b)
{
    const anomaly_order *x = a, *y = b;

    if (x->file_rank != y->file_rank)
        return x->file_rank < y->file_rank ? -1 : 1;
    if (x->item.line != y->item.line)
        return x->item.line < y->item.line ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* A file's name and its place among the inputs, sorted by name so that
 * each anomaly finds its file's place in log(files) steps: an académie
 * has thousands of files and a finding in most of them. */
typedef struct file_rank {
    const char *name;
    size_t rank;
} file_rank;

static int file_rank_cmp(const void *a, const void *b)
{
    const file_rank *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    if (c)
        return c;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* The place of name among files (the first, if given twice), or nfiles. */
static size_t file_rank_of(const file_rank *ranks, size_t nfiles,
                           const char *name)
{
    size_t lo = 0, hi = nfiles;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(ranks[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nfiles && strcmp(ranks[lo].name, name) == 0 ? ranks[lo].rank
                                                            : nfiles;
}

sc_error sc_anomalies_sort(sc_anomalies *list, const char *const *files,
                           size_t nfiles)
{
    anomaly_order *order;
    file_rank *ranks;

    if (list->count < 2)
        return SC_OK;
    order = malloc(list->count * sizeof *order);
    ranks = malloc((nfiles ? nfiles : 1) * sizeof *ranks);
    if (!order || !ranks) {
        free(order);
        free(ranks);
        return SC_ERROR_MEMORY;
    }
    for (size_t i = 0; i < nfiles; i++)
        ranks[i] = (file_rank){files[i], i};
    qsort(ranks, nfiles, sizeof *ranks, file_rank_cmp);
    for (size_t i = 0; i < list->count; i++)
        order[i] = (anomaly_order){
            file_rank_of(ranks, nfiles, list->items[i].file), i,
            list->items[i]};
    qsort(order, list->count, sizeof *order, anomaly_order_cmp);
    for (size_t i = 0; i < list->count; i++)
        list->items[i] = order[i].item;
    free(ranks);
    free(order);
    return SC_OK;
}

int sc_anomalies_where(char *buf, size_t size, const char *file,
                       unsigned line)
{
    if (strstr(file, SC_ANOMALIES_SHEET_MARK))
        return snprintf(buf, size, "%s, ligne %u", file, line);
    return snprintf(buf, size, "%s:%u", file, line);
}
