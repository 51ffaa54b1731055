/*
 * model.c - the classes, pupils, tallies and columns of a school's
 * workbook, gathered once before anything is written.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/model.h"
#include "stagecheck/base/arena.h"
#include "stagecheck/base/array.h"
#include "stagecheck/base/strset.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/rules.h"

static const char *str(const char *s)
{
    return s ? s : "";
}

void sc_model_entries(const sc_report *report, size_t p, size_t *begin,
                      size_t *end)
{
    *begin = *end = 0;
    if (report->links && report->links->first) {
        *begin = report->links->first[p];
        *end = report->links->first[p + 1];
    }
}

/* The places of pupil p: its entries that are not dispense requests. */
static size_t pupil_places(const sc_report *r, size_t p)
{
    size_t begin, end, n = 0;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end; k++)
        n += r->data->entries[r->links->items[k]].dispense == NULL;
    return n;
}

static sc_status pupil_status(const sc_report *r, size_t p)
{
    sc_status s = r->verdicts[p].status;

    return (unsigned)s < SC_STATUS_COUNT ? s : SC_STATUS_CHECK;
}

/* A class as first seen: its key and the name its first pupil gives it,
 * 16 bytes until the classes are sorted (a class of the model holds its
 * sheet name too, a few hundred bytes). */
typedef struct seen_class {
    const char *key;
    const char *name;
} seen_class;

/* "2nde 2" before "2nde 10": of the numbers (uint32_t) of classes in
 * context, the classes as first seen. */
static int class_cmp(const void *pa, const void *pb, void *context)
{
    const seen_class *seen = context;
    const seen_class *a = &seen[*(const uint32_t *)pa];
    const seen_class *b = &seen[*(const uint32_t *)pb];
    int c = strverscmp(a->name, b->name);

    return c ? c : strcmp(a->key, b->key);
}

/* A shown pupil while the lines are sorted: its line, and the folded
 * names it is sorted by. Only the sort needs them, so a line, once
 * sorted, is 8 bytes without them. */
typedef struct sortable {
    const char *folded;  /* the surname's sc_text_fold form, then the first
                            name's after its NUL: in the build's arena */
    sc_model_line line;
} sortable;

/* What the order of the lines reads: the sortables and the pupils. */
typedef struct sort_context {
    const sortable *items;
    const sc_pupil *pupils;
} sort_context;

/* By class, then surname and first name folded, then as written, then
 * in the roll's order: a total order, of places (uint32_t) in the
 * sortables. */
static int line_cmp(const void *pa, const void *pb, void *context)
{
    const sort_context *ctx = context;
    const sortable *a = &ctx->items[*(const uint32_t *)pa];
    const sortable *b = &ctx->items[*(const uint32_t *)pb];
    const sc_pupil *x = &ctx->pupils[a->line.index];
    const sc_pupil *y = &ctx->pupils[b->line.index];
    int c;

    if (a->line.cls != b->line.cls)
        return a->line.cls < b->line.cls ? -1 : 1;
    if ((c = strcmp(a->folded, b->folded)) != 0 ||
        (c = strcmp(a->folded + strlen(a->folded) + 1,
                    b->folded + strlen(b->folded) + 1)) != 0 ||
        (c = strcmp(str(sc_pupil_surname(x)),
                    str(sc_pupil_surname(y)))) != 0 ||
        (c = strcmp(str(sc_pupil_first(x)), str(sc_pupil_first(y)))) != 0)
        return c;
    return a->line.index < b->line.index ? -1
                                         : a->line.index > b->line.index;
}

static void model_columns(sc_model *m)
{
    const sc_report *r = m->report;
    sc_model_columns *c = &m->columns;
    unsigned col = SC_MODEL_CLASS_LEAD;

    c->summary_late = r->has_deadline ? SC_MODEL_SUMMARY_COLS : 0;
    c->summary_cols = SC_MODEL_SUMMARY_COLS + (r->has_deadline ? 1 : 0);
    c->class_previous = r->previous ? col++ : 0;
    c->class_late = r->has_deadline ? col++ : 0;
    c->class_dispense = col++;
    c->class_places = col;
    c->class_tech = col;
    c->hosted_late = r->has_deadline ? SC_MODEL_HOSTED_LEAD : 0;
    c->hosted_days = SC_MODEL_HOSTED_LEAD + (r->has_deadline ? 1 : 0);
}

/* Names the class sheets, in their order, each unlike the ones before. */
static sc_error model_name_sheets(sc_model *m)
{
    const char **used = malloc((m->nclasses ? m->nclasses : 1) * sizeof *used);
    /* Each sheet name folded once: a lycée may have hundreds of classes. */
    char **keys = calloc(m->nclasses ? m->nclasses : 1, sizeof *keys);
    sc_error err = SC_ERROR_MEMORY;

    if (!used || !keys)
        goto mem_error;
    for (size_t c = 0; c < m->nclasses; c++) {
        sc_model_class *k = &m->classes[c];

        sc_sheetname_make_keyed(k->name, used, keys, c, k->sheet);
        used[c] = k->sheet;
        if (!(keys[c] = sc_text_key(k->sheet)))
            goto mem_error;
    }
    err = SC_OK;

mem_error:
    for (size_t c = 0; keys && c < m->nclasses; c++)
        free(keys[c]);
    free(keys);
    free(used);
    return err;
}

/* Returns the folded surname of pupil, then its folded first name after
 * the NUL, in arena; NULL when out of memory. */
static const char *fold_names(sc_arena *arena, const sc_pupil *pupil)
{
    char *surname = sc_text_fold(sc_pupil_surname(pupil));
    char *first = sc_text_fold(sc_pupil_first(pupil));
    const char *folded = NULL;

    if (surname && first)
        folded = sc_arena_pack(arena, (char **const[]){&surname, &first}, 2);
    if (!folded) {
        free(surname);
        free(first);
    }
    return folded;
}

/* The class of pupil, numbered as first seen in keys; a new one is added
 * to *seen (*nseen of them, room for *cap), named as this pupil names it.
 * Returns its number, or SC_STRSET_NONE when out of memory or past the
 * classes a line can hold. */
static size_t class_of(sc_strset *keys, seen_class **seen, size_t *nseen,
                       size_t *cap, const sc_pupil *pupil)
{
    const char *key = str(sc_pupil_class_key(pupil));
    size_t c = sc_strset_add_index(keys, key);

    if (c == SC_STRSET_NONE || c < *nseen)
        return c;
    if (c >= SC_MODEL_CLASSES_MAX ||
        sc_array_reserve((void **)seen, cap, c, sizeof **seen) != SC_OK)
        return SC_STRSET_NONE;
    (*seen)[c] = (seen_class){key, str(sc_pupil_class(pupil))};
    *nseen = c + 1;
    return c;
}

sc_error sc_model_build(sc_model *m, const sc_report *r)
{
    const sc_dataset *data = r->data;
    sortable *items = NULL;
    uint32_t *order = NULL, *rank = NULL;
    seen_class *seen = NULL;     /* the classes as first seen */
    sc_strset keys = {0};        /* their keys, numbered so */
    sc_arena folded = {NULL};
    size_t n = 0, nseen = 0, seen_cap = 0, count = 0;
    sort_context ctx;

    memset(m, 0, sizeof *m);
    m->report = r;
    model_columns(m);
    /* A line's index takes 32 bits, and its class 27 (below): with its
     * pupil found by its index and no folded names, a line is 8 bytes (a
     * million pupils: 24 MB fewer than at 32, issue 14). A school has far
     * fewer than 2^32 pupils, and 2^27 classes would be 2^27 sheets. */
    if (data->npupils >= UINT32_MAX)
        return SC_ERROR_MEMORY;
    for (size_t p = 0; p < data->npupils; p++)
        n += sc_pupil_shown(&data->pupils[p]);
    if (n == 0)
        return SC_OK;
    if (!(items = malloc(n * sizeof *items)))
        goto mem_error;

    /* Each pupil's class found in a set of the classes' keys, which grows
     * with the classes, not the pupils: a list of the pupils' keys to
     * sort took 32 bytes a pupil, with its sort's scratch (issue 14). */
    for (size_t p = 0; p < data->npupils; p++) {
        const sc_pupil *pupil = &data->pupils[p];
        sortable *it;
        size_t c;

        if (!sc_pupil_shown(pupil))
            continue;
        it = &items[count];
        it->line = (sc_model_line){.index = (uint32_t)p};
        if (!(it->folded = fold_names(&folded, pupil)) ||
            (c = class_of(&keys, &seen, &nseen, &seen_cap, pupil)) ==
                SC_STRSET_NONE)
            goto mem_error;
        it->line.cls = (unsigned)c;
        count++;
    }
    /* The classes by name; rank gives each its place among them. */
    if (!(order = malloc(nseen * sizeof *order)) ||
        !(rank = malloc(nseen * sizeof *rank)) ||
        !(m->classes = calloc(nseen, sizeof *m->classes)))
        goto mem_error;
    for (size_t c = 0; c < nseen; c++)
        order[c] = (uint32_t)c;
    qsort_r(order, nseen, sizeof *order, class_cmp, seen);
    for (size_t c = 0; c < nseen; c++) {
        m->classes[c].key = seen[order[c]].key;
        m->classes[c].name = seen[order[c]].name;
        m->classes[c].nplaces = 1;
        rank[order[c]] = (uint32_t)c;
    }
    m->nclasses = nseen;
    free(order);
    free(seen);
    sc_strset_clear(&keys);
    order = NULL;
    seen = NULL;

    for (size_t i = 0; i < count; i++) {
        sc_model_line *l = &items[i].line;
        uint64_t hosted = sc_check_hosted(r->hosted, &r->verdicts[l->index]);
        sc_model_class *k;
        size_t places = pupil_places(r, l->index);

        l->cls = rank[l->cls];
        l->status = pupil_status(r, l->index);
        l->late = r->has_deadline &&
                  sc_rules_is_late(l->status, r->as_of, r->deadline);
        k = &m->classes[l->cls];
        sc_tally_count(&k->tally, l->status, hosted != 0, l->late);
        for (int d = 0; r->period && d < r->period->ndays; d++)
            m->hosted_on[d] += (hosted >> d) & 1;
        if (places > k->nplaces)
            k->nplaces = places;
    }
    free(rank);
    rank = NULL;
    /* The sort orders 4-byte places, its scratch as many, not the
     * sortables. */
    if (!(order = malloc(count * sizeof *order)))
        goto mem_error;
    for (size_t i = 0; i < count; i++)
        order[i] = (uint32_t)i;
    ctx = (sort_context){items, data->pupils};
    qsort_r(order, count, sizeof *order, line_cmp, &ctx);
    /* Sorted: the folded names go before the lines come (a million
     * pupils: 5 MB at the build's peak). */
    sc_arena_clear(&folded);
    if (!(m->lines = calloc(count, sizeof *m->lines)))
        goto mem_error;
    for (size_t i = 0; i < count; i++)
        m->lines[i] = items[order[i]].line;
    m->nlines = count;
    free(order);
    free(items);
    order = NULL;
    items = NULL;

    for (size_t c = 0, first = 0; c < m->nclasses; c++) {
        sc_model_class *k = &m->classes[c];

        k->first = first;
        first += k->tally.pupils;
        sc_tally_add(&m->total, &k->tally);
        if (k->nplaces > m->nplaces)
            m->nplaces = k->nplaces;
    }
    m->columns.class_tech = (unsigned)(m->columns.class_places +
                                       SC_MODEL_PLACE_COLS * m->nplaces);
    sc_tally_count_aside(&m->total, r->data);
    return model_name_sheets(m);

mem_error:
    free(rank);
    free(order);
    free(seen);
    sc_strset_clear(&keys);
    free(items);
    sc_arena_clear(&folded);
    return SC_ERROR_MEMORY;
}

void sc_model_free(sc_model *m)
{
    free(m->lines);
    free(m->classes);
    m->lines = NULL;
    m->classes = NULL;
    m->nlines = m->nclasses = 0;
}

size_t sc_model_class_cols(const sc_model *m)
{
    return m->columns.class_tech + SC_MODEL_CLASS_TECH + m->nplaces;
}

size_t sc_model_class_row(const sc_model *m, const sc_model_line *l)
{
    return (size_t)(l - m->lines) - m->classes[l->cls].first + 1;
}
