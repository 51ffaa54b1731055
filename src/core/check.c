/*
 * check.c - the checking step over a whole dataset.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/core/check.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/period.h"

static int pupil_class_cmp(const void *pa, const void *pb)
{
    const sc_pupil *a = *(const sc_pupil *const *)pa;
    const sc_pupil *b = *(const sc_pupil *const *)pb;
    int c = strcmp(a->class_key, b->class_key);

    return c ? c : (a < b ? -1 : a > b);
}

/* One note per class left out by --classes, at its first roll row: its
 * pupils are not lost, only not followed. */
static sc_error report_left_out(sc_dataset *data, const char *pattern,
                                size_t left_out, sc_anomalies *anomalies)
{
    const sc_pupil **out = malloc((left_out ? left_out : 1) * sizeof *out);
    size_t n = 0;
    sc_error err = SC_OK;

    if (!out)
        return SC_ERROR_MEMORY;
    for (size_t p = 0; p < data->npupils; p++)
        if (!data->pupils[p].selected)
            out[n++] = &data->pupils[p];
    qsort(out, n, sizeof *out, pupil_class_cmp);
    for (size_t i = 0; err == SC_OK && i < n;) {
        size_t j = i + 1;

        while (j < n && strcmp(out[j]->class_key, out[i]->class_key) == 0)
            j++;
        err = sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, out[i]->file,
                               out[i]->line, out[i]->class_name, NULL,
                               "classe écartée par --classes '%s' : %zu "
                               "élève(s) de cette classe non suivi(s)",
                               pattern, j - i);
        i = j;
    }
    free(out);
    return err;
}

static sc_error select_classes(sc_dataset *data, const char *pattern,
                               sc_anomalies *anomalies)
{
    size_t kept = 0;

    for (size_t p = 0; p < data->npupils; p++) {
        sc_pupil *pupil = &data->pupils[p];
        pupil->selected =
            !pattern || fnmatch(pattern, pupil->class_name, FNM_CASEFOLD) == 0;
        kept += pupil->selected;
    }
    if (pattern && kept == 0 &&
        sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, "", 0, NULL, NULL,
                         "aucune classe ne correspond à --classes '%s'",
                         pattern) != SC_OK)
        return SC_ERROR_MEMORY;
    return kept < data->npupils
               ? report_left_out(data, pattern, data->npupils - kept,
                                 anomalies)
               : SC_OK;
}

/* Applies the rules to each shown pupil; findings become anomalies. */
static sc_error judge_pupils(sc_check *check, const sc_dataset *data,
                             const sc_period *period, sc_anomalies *anomalies)
{
    const sc_entry **entries;
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
        err = sc_rules_apply(period, pupil, entries, n, &check->verdicts[p]);
        sc_pupil_display(pupil, who, sizeof who);
        for (size_t f = 0; err == SC_OK && f < check->verdicts[p].nfindings;
             f++) {
            const sc_finding *finding = &check->verdicts[p].findings[f];
            err = sc_anomalies_add(anomalies, SC_SEVERITY_ERROR,
                                   finding->entry->file, finding->entry->line,
                                   pupil->class_name, who, "%s",
                                   finding->message);
        }
    }
    free(entries);
    return err;
}

sc_error sc_check_run(sc_check *check, sc_dataset *data,
                      const sc_period *period, const char *classes,
                      sc_anomalies *anomalies)
{
    sc_error err;

    memset(check, 0, sizeof *check);
    if ((err = select_classes(data, classes, anomalies)) != SC_OK ||
        (err = sc_match_duplicates(data, anomalies)) != SC_OK ||
        (err = sc_match_entries(data, anomalies, &check->links)) != SC_OK)
        return err;
    return judge_pupils(check, data, period, anomalies);
}

void sc_check_clear(sc_check *check)
{
    if (!check)
        return;
    for (size_t i = 0; i < check->nverdicts; i++)
        sc_rules_verdict_clear(&check->verdicts[i]);
    free(check->verdicts);
    sc_match_links_free(&check->links);
    memset(check, 0, sizeof *check);
}
