/*
 * check.c - the checking step over a whole dataset.
 */
#include <stdlib.h>
#include <string.h>
#include "stagecheck/core/check.h"
#include "stagecheck/base/array.h"
#include "stagecheck/base/strset.h"
#include "stagecheck/core/cohort.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/period.h"

/* Most pupils share their À faire with many others ("trouver un lieu
 * d'accueil…", the same signature missing): the set keeps each text once
 * however many pupils it is said of, and the verdict its number. */
static sc_error todo_intern(sc_check *check, sc_verdict *verdict,
                            const char *todo)
{
    size_t i = sc_strset_add_index(&check->todos, todo);

    if (i == SC_STRSET_NONE)
        return SC_ERROR_MEMORY;
    /* The set numbers fewer than UINT32_MAX - 1 strings. */
    verdict->todo = (uint32_t)(i + 1);
    return SC_OK;
}

/* Where days would sit first among n slots (a power of two): Fibonacci
 * hashing, the product's middle bits. */
static size_t hosted_home(uint64_t days, size_t n)
{
    return (size_t)(days * UINT64_C(0x9E3779B97F4A7C15) >> 32) & (n - 1);
}

/* Doubles the slots of the days hosted (64 at first), placing each set
 * again. Returns 0, or -1 when out of memory. */
static int hosted_grow(sc_check *check)
{
    size_t n = check->hosted_nslots ? 2 * check->hosted_nslots : 64;
    uint32_t *slots = calloc(n, sizeof *slots);

    if (!slots)
        return -1;
    for (size_t i = 0; i < check->nhosted; i++) {
        size_t k = hosted_home(check->hosted[i], n);

        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = (uint32_t)(i + 1);
    }
    free(check->hosted_slots);
    check->hosted_slots = slots;
    check->hosted_nslots = n;
    return 0;
}

/* Most pupils hosted in school are so every day of the period, or on the
 * same days as others: each set of days is kept once, and the verdict
 * numbers it. No day hosted is 0, and takes no room. */
static sc_error hosted_intern(sc_check *check, sc_verdict *verdict,
                              uint64_t days)
{
    size_t k, mask;

    if (days == 0)
        return SC_OK;
    if ((check->nhosted + 1) * 2 > check->hosted_nslots &&
        hosted_grow(check) != 0)
        return SC_ERROR_MEMORY;
    mask = check->hosted_nslots - 1;
    k = hosted_home(days, check->hosted_nslots);
    for (; check->hosted_slots[k]; k = (k + 1) & mask)
        if (check->hosted[check->hosted_slots[k] - 1] == days) {
            verdict->hosted = check->hosted_slots[k];
            return SC_OK;
        }
    /* A new set: past what a verdict numbers, the school is too big. */
    if (check->nhosted + 1 >= (size_t)1 << SC_VERDICT_HOSTED_BITS)
        return SC_ERROR_MEMORY;
    if (sc_array_reserve((void **)&check->hosted, &check->hosted_cap,
                         check->nhosted, sizeof *check->hosted) != SC_OK)
        return SC_ERROR_MEMORY;
    check->hosted[check->nhosted++] = days;
    check->hosted_slots[k] = (uint32_t)check->nhosted;
    verdict->hosted = check->hosted_slots[k];
    return SC_OK;
}

uint64_t sc_check_hosted(const uint64_t *hosted, const sc_verdict *verdict)
{
    return hosted && verdict->hosted ? hosted[verdict->hosted - 1] : 0;
}

const char *sc_check_todo(const sc_strset *todos, const sc_verdict *verdict)
{
    return todos && verdict->todo ? sc_strset_at(todos, verdict->todo - 1u)
                                  : NULL;
}

/* Applies the rules to each shown pupil; findings become anomalies. */
static sc_error judge_pupils(sc_check *check, const sc_dataset *data,
                             const sc_period *period, sc_date as_of,
                             sc_anomalies *anomalies)
{
    const sc_entry **entries;
    sc_findings found = {0}; /* each pupil's, in turn */
    sc_error err = SC_OK;

    check->verdicts = calloc(data->npupils ? data->npupils : 1,
                             sizeof *check->verdicts);
    entries = malloc((data->nentries ? data->nentries : 1) * sizeof *entries);
    if (!check->verdicts || !entries) {
        free(entries);
        return SC_ERROR_MEMORY;
    }
    check->nverdicts = data->npupils;
    for (size_t p = 0; p < data->npupils && err == SC_OK; p++) {
        const sc_pupil *pupil = &data->pupils[p];
        const sc_links *links = &check->links;
        size_t n = 0;
        char who[256];

        if (!sc_pupil_shown(pupil))
            continue;
        for (size_t k = links->first[p]; k < links->first[p + 1]; k++)
            entries[n++] = &data->entries[links->items[k]];
        err = sc_rules_apply(period, as_of, pupil, entries, n,
                             &check->verdicts[p], &found);
        if (err == SC_OK)
            err = todo_intern(check, &check->verdicts[p], found.todo);
        if (err == SC_OK)
            err = hosted_intern(check, &check->verdicts[p], found.hosted);
        sc_pupil_display(pupil, who, sizeof who);
        for (size_t f = 0; err == SC_OK && f < found.count; f++) {
            const sc_finding *finding = &found.items[f];
            err = sc_anomalies_add(anomalies, finding->severity,
                                   finding->entry->file, finding->entry->line,
                                   sc_pupil_class(pupil), who, "%s",
                                   finding->message);
            if (err == SC_OK)
                err = sc_anomalies_set_column(anomalies, finding->column);
        }
    }
    /* Each is an anomaly now, which copied what it says. One list for
     * every pupil: a finding takes some 280 bytes, and nothing reads it
     * again. */
    sc_rules_findings_clear(&found);
    free(entries);
    return err;
}

sc_error sc_check_run(sc_check *check, sc_dataset *data,
                      const sc_period *period, sc_date as_of,
                      const char *classes, sc_anomalies *anomalies)
{
    sc_error err;

    memset(check, 0, sizeof *check);
    if ((err = sc_cohort_select(data, classes, as_of, anomalies)) != SC_OK ||
        (err = sc_match_duplicates(data, anomalies)) != SC_OK ||
        (err = sc_match_entries(data, anomalies, &check->links)) != SC_OK)
        return err;
    return judge_pupils(check, data, period, as_of, anomalies);
}

void sc_check_clear(sc_check *check)
{
    if (!check)
        return;
    sc_strset_clear(&check->todos);
    free(check->hosted);
    free(check->hosted_slots);
    free(check->verdicts);
    sc_match_links_free(&check->links);
    memset(check, 0, sizeof *check);
}
