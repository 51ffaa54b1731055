/*
 * match.c - tying placements rows to pupils; repeated roll rows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/core/cohort.h"
#include "stagecheck/core/match.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/entry.h"
#include "stagecheck/core/pupil.h"

/* A sorted index: key -> pupil, searched with bsearch-like ranges. 16
 * bytes, and as many again for the sort's scratch: a roll of a million
 * rows (issue 14). A pupil's index takes 32 bits (pupil_index_build). */
typedef struct index_item {
    const char *key;
    sc_date birth;  /* second key, for duplicates by name and birth date */
    uint32_t pupil;
} index_item;

typedef struct pupil_index {
    index_item *items;
    size_t count;
} pupil_index;

static int index_item_cmp(const void *a, const void *b)
{
    const index_item *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    if (c != 0)
        return c;
    if (x->birth != y->birth)
        return x->birth < y->birth ? -1 : 1;
    return x->pupil < y->pupil ? -1 : x->pupil > y->pupil;
}

/* Whether pupil goes into an index by INE (by_ine) or by folded name and
 * birth date, and its key there; dated: only with a birth date. */
static const char *pupil_index_key(const sc_pupil *pupil, int by_ine,
                                   int dated)
{
    if (pupil->duplicate ||
        (dated && !by_ine && pupil->birth == SC_DATE_NONE))
        return NULL;
    return by_ine ? sc_pupil_ine(pupil) : sc_pupil_name_key(pupil);
}

/* Indexes the pupils that are not duplicates, by INE (by_ine) or by folded
 * name and birth date (dated: only the pupils whose birth date is known).
 * Sized to the pupils it holds: a roll without INE or birth dates, a
 * million rows `A;B;2A`, costs no index to find its repeats (issue 14).
 * Returns -1 when out of memory, or for 2^32 pupils or more, whose
 * indexes an item could not hold. */
static int pupil_index_build(pupil_index *index, const sc_dataset *data,
                             int by_ine, int dated)
{
    size_t n = 0;

    index->count = 0;
    index->items = NULL;
    if (data->npupils >= UINT32_MAX)
        return -1;
    for (size_t p = 0; p < data->npupils; p++)
        n += pupil_index_key(&data->pupils[p], by_ine, dated) != NULL;
    if (!(index->items = malloc((n ? n : 1) * sizeof *index->items)))
        return -1;
    for (size_t p = 0; p < data->npupils; p++) {
        const sc_pupil *pupil = &data->pupils[p];
        const char *key = pupil_index_key(pupil, by_ine, dated);

        if (key)
            index->items[index->count++] =
                (index_item){key, by_ine ? 0 : pupil->birth, (uint32_t)p};
    }
    qsort(index->items, index->count, sizeof *index->items, index_item_cmp);
    return 0;
}

/* Returns the first item whose key is not below key (below: past it, when
 * upper), by binary search. */
static size_t pupil_index_bound(const pupil_index *index, const char *key,
                                int upper)
{
    size_t lo = 0, hi = index->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(index->items[mid].key, key);

        if (c < 0 || (upper && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Returns the first item whose key is key, and in *n how many follow it:
 * both ends by binary search, so that a name a million pupils share costs
 * no more than another. */
static const index_item *pupil_index_find(const pupil_index *index,
                                          const char *key, size_t *n)
{
    size_t lo = pupil_index_bound(index, key, 0);

    *n = pupil_index_bound(index, key, 1) - lo;
    return index->items + lo;
}

/* Marks pupil again as a repeat of pupil kept, and reports it. */
static sc_error report_duplicate(sc_dataset *data, sc_anomalies *anomalies,
                                 size_t kept, size_t again, const char *why)
{
    sc_pupil *p = &data->pupils[again], *q = &data->pupils[kept];
    int same = strcmp(sc_pupil_name_key(p), sc_pupil_name_key(q)) == 0 &&
               strcmp(sc_pupil_class_key(p), sc_pupil_class_key(q)) == 0;
    char who[256], other[256];

    p->duplicate = 1;
    /* The same pupil exported twice is harmless; another name or class under
     * one INE means one of the rows is wrong, so the row kept is doubtful. */
    if (!same)
        q->invalid = 1;
    sc_pupil_display(p, who, sizeof who);
    sc_pupil_display(q, other, sizeof other);
    return sc_anomalies_add(anomalies,
                            same ? SC_SEVERITY_WARNING : SC_SEVERITY_ERROR,
                            sc_dataset_pupil_file(data, p), p->line,
                            sc_pupil_class(p), who,
                            "élève en double : %s que %s ligne %u (%s, classe "
                            "%s) ; cette ligne n'est pas reprise dans les classes",
                            why, sc_dataset_pupil_file(data, q), q->line,
                            other, sc_pupil_class(q));
}

static int index_item_same(const index_item *a, const index_item *b, int by_ine)
{
    return strcmp(a->key, b->key) == 0 && a->birth == b->birth &&
           (by_ine || b->birth != SC_DATE_NONE);
}

sc_error sc_match_duplicates(sc_dataset *data, sc_anomalies *anomalies)
{
    pupil_index index = {NULL, 0};
    sc_error err = SC_OK;

    for (int by_ine = 1; by_ine >= 0 && err == SC_OK; by_ine--) {
        /* Two rows of one name repeat a pupil only with the same known
         * birth date (index_item_same): the undated are not indexed. */
        if (pupil_index_build(&index, data, by_ine, 1) < 0)
            return SC_ERROR_MEMORY;
        for (size_t i = 0, end; i < index.count && err == SC_OK; i = end) {
            size_t kept = index.items[i].pupil;

            for (end = i + 1; end < index.count &&
                              index_item_same(&index.items[i], &index.items[end],
                                              by_ine);
                 end++)
                ;
            /* Keep the first row a selected class holds, so that --classes
             * never hides a pupil behind a repeat in another class. */
            for (size_t k = i; k < end; k++)
                if (data->pupils[index.items[k].pupil].selected) {
                    kept = index.items[k].pupil;
                    break;
                }
            for (size_t k = i; k < end && err == SC_OK; k++)
                if (index.items[k].pupil != kept)
                    err = report_duplicate(data, anomalies, kept,
                                           index.items[k].pupil,
                                           by_ine ? "même INE"
                                                  : "même nom et même date de "
                                                    "naissance");
        }
        free(index.items);
        index.items = NULL;
    }
    return err;
}

/* The candidates for one entry, narrowed step by step. */
typedef struct candidates {
    uint32_t *pupils;
    size_t count;
} candidates;

/* Adds a candidate. No pupil comes twice: an index holds each pupil once,
 * and the name's is read only when the INE's gave none. */
static void candidates_add(candidates *c, size_t pupil)
{
    c->pupils[c->count++] = (uint32_t)pupil;
}

static int pupil_agrees(const sc_pupil *p, const sc_entry *e, int by_class)
{
    const char *key = sc_pupil_class_key(p);

    if (by_class)
        return key && strcmp(key, e->class_key) == 0;
    return p->birth == e->birth;
}

/* Keeps the candidates that agree with the entry on class (by_class) or
 * birth date, unless none would be left. */
static void candidates_narrow(candidates *c, const sc_dataset *data,
                              const sc_entry *e, int by_class)
{
    size_t kept = 0;

    for (size_t i = 0; i < c->count; i++)
        kept += pupil_agrees(&data->pupils[c->pupils[i]], e, by_class);
    if (kept == 0)
        return;
    kept = 0;
    for (size_t i = 0; i < c->count; i++)
        if (pupil_agrees(&data->pupils[c->pupils[i]], e, by_class))
            c->pupils[kept++] = c->pupils[i];
    c->count = kept;
}

static void match_entry(const sc_dataset *data, const pupil_index *by_ine,
                        const pupil_index *by_name, const sc_entry *e,
                        candidates *c)
{
    const index_item *it;
    size_t n;

    c->count = 0;
    if (e->ine) {
        it = pupil_index_find(by_ine, e->ine, &n);
        for (size_t i = 0; i < n; i++)
            candidates_add(c, it[i].pupil);
    }
    /* An INE found on the rolls settles it: no name is looked at. */
    if (c->count == 0 && e->name_key) {
        it = pupil_index_find(by_name, e->name_key, &n);
        for (size_t i = 0; i < n; i++) {
            /* "By INE when both sides have one": then the name is not used. */
            if (e->ine && sc_pupil_ine(&data->pupils[it[i].pupil]))
                continue;
            candidates_add(c, it[i].pupil);
        }
    }
    if (c->count > 1 && e->class_key)
        candidates_narrow(c, data, e, 1);
    if (c->count > 1 && e->birth != SC_DATE_NONE)
        candidates_narrow(c, data, e, 0);
}

static sc_error report_unmatched(sc_anomalies *anomalies, const sc_entry *e,
                                 size_t count)
{
    char who[256];

    sc_entry_display(e, who, sizeof who);
    if (count == 0)
        return sc_anomalies_add(
            anomalies, SC_SEVERITY_ERROR, e->file, e->line, e->class_name, who,
            "aucun élève des listes ne correspond (%s) : ligne non rattachée",
            e->ine ? "INE inconnu" : "nom et prénom inconnus");
    return sc_anomalies_add(
        anomalies, SC_SEVERITY_ERROR, e->file, e->line, e->class_name, who,
        "%zu élèves des listes correspondent : ajoutez l'INE, la classe ou la "
        "date de naissance ; ligne non rattachée",
        count);
}

/* A row of a pupil who is not followed is no anomaly: it is noted, and
 * says why the pupil is not followed. */
static sc_error report_set_aside(sc_anomalies *anomalies, const sc_entry *e,
                                 const sc_pupil *p)
{
    const char *cls = sc_pupil_class(p);
    char who[256], day[11];

    sc_pupil_display(p, who, sizeof who);
    if (p->set_aside == SC_COHORT_LEFT && !p->no_class) {
        sc_date_format(p->left, day);
        return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, e->file, e->line,
                                cls, who, "élève parti le %s : "
                                "ligne non examinée", day);
    }
    if (p->set_aside == SC_COHORT_LEFT)
        return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, e->file, e->line,
                                cls, who, "élève sans classe dans la "
                                "liste (parti de l'établissement) : ligne non "
                                "examinée");
    if (p->set_aside == SC_COHORT_LEVEL || p->set_aside == SC_COHORT_MEF)
        return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, e->file, e->line,
                                cls, who, "classe %s hors seconde "
                                "générale et technologique : ligne non "
                                "examinée", cls);
    return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, e->file, e->line,
                            cls, who, "classe %s hors de la "
                            "sélection (--classes) : ligne non examinée",
                            cls);
}

sc_error sc_match_entries(sc_dataset *data, sc_anomalies *anomalies,
                          sc_links *links)
{
    pupil_index by_ine = {NULL, 0}, by_name = {NULL, 0};
    candidates c = {NULL, 0};
    sc_error err = SC_ERROR_MEMORY;

    /* Offsets and indexes of 32 bits: more rows than that could not be
     * held anyway. */
    if (data->nentries >= UINT32_MAX || data->npupils >= UINT32_MAX)
        return SC_ERROR_MEMORY;
    links->first = calloc(data->npupils + 2, sizeof *links->first);
    links->items = malloc((data->nentries ? data->nentries : 1) *
                          sizeof *links->items);
    c.pupils = malloc((data->npupils ? data->npupils : 1) * sizeof *c.pupils);
    if (!links->first || !links->items || !c.pupils)
        goto mem_error;
    /* No tracking row, nothing to look up: a roll read before the
     * placements are known is spared two indexes of its pupils. */
    if (data->nentries > 0 && (pupil_index_build(&by_ine, data, 1, 0) < 0 ||
                               pupil_index_build(&by_name, data, 0, 0) < 0))
        goto mem_error;

    err = SC_OK;
    for (size_t i = 0; i < data->nentries && err == SC_OK; i++) {
        sc_entry *e = &data->entries[i];
        const sc_pupil *p;

        match_entry(data, &by_ine, &by_name, e, &c);
        if (c.count != 1) {
            err = report_unmatched(anomalies, e, c.count);
            continue;
        }
        e->pupil = (long)c.pupils[0];
        p = &data->pupils[e->pupil];
        if (!p->selected)
            err = report_set_aside(anomalies, e, p);
        links->first[e->pupil + 1]++;
    }
    if (err != SC_OK)
        goto mem_error;
    /* Counts to offsets, then place each entry (input order is kept).
     * Without entries every offset is 0 as calloc left it, in pages
     * never written, which a writing child does not count (4 MB at a
     * million pupils, issue 14). */
    for (size_t p = 0; data->nentries > 0 && p < data->npupils; p++)
        links->first[p + 1] += links->first[p];
    {
        uint32_t *fill = c.pupils; /* reused: one slot per pupil */
        for (size_t p = 0; p < data->npupils; p++)
            fill[p] = links->first[p];
        for (size_t i = 0; i < data->nentries; i++)
            if (data->entries[i].pupil >= 0)
                links->items[fill[data->entries[i].pupil]++] = (uint32_t)i;
    }

mem_error:
    free(c.pupils);
    free(by_ine.items);
    free(by_name.items);
    if (err != SC_OK)
        sc_match_links_free(links);
    return err;
}

void sc_match_links_free(sc_links *links)
{
    if (!links)
        return;
    free(links->first);
    free(links->items);
    links->first = NULL;
    links->items = NULL;
}
