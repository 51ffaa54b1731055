/*
 * check.c - the checking step over a whole dataset.
 */
#include <stdlib.h>
#include <string.h>
#include "stagecheck/core/check.h"
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
    free(check->verdicts);
    sc_match_links_free(&check->links);
    memset(check, 0, sizeof *check);
}
