/*
 * app.c - the pipeline: read and decode, map headers, build records, match,
 * apply the rules, write the workbook; then the summary and the exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "stagecheck/app.h"
#include "stagecheck/check.h"
#include "stagecheck/cli.h"
#include "stagecheck/config.h"
#include "stagecheck/load.h"
#include "stagecheck/lock.h"
#include "stagecheck/record.h"
#include "stagecheck/report.h"
#include "stagecheck/rules.h"
#include "stagecheck/state.h"
#include "stagecheck/tempfile.h"

/* Seconds a run waits for another one on the same workbook, by default. */
#define WAIT_DEFAULT 60

/* What one run holds; freed by run_free. */
typedef struct run {
    sc_config config;
    const sc_aliases *aliases; /* the configuration's [colonnes], or NULL */
    sc_period period;
    sc_date as_of;
    int lock_fd;
    sc_dataset *data;
    sc_anomalies anomalies;
    sc_check check;
    char *state_path;
    sc_state current;          /* this run's statuses, saved at the end */
    sc_state previous;
    int has_previous;
    sc_changes changes;
    int *previous_status;      /* per pupil, when has_previous */
} run;

static void run_free(run *r)
{
    free(r->previous_status);
    sc_changes_clear(&r->changes);
    sc_state_clear(&r->previous);
    sc_state_clear(&r->current);
    free(r->state_path);
    sc_check_clear(&r->check);
    sc_anomalies_clear(&r->anomalies);
    sc_dataset_free(r->data);
    sc_lock_release(r->lock_fd);
    sc_config_free(&r->config);
}

/* Refuses an output that is one of the inputs: inputs are never written. */
static sc_error check_output(const sc_options *opts, sc_diag *diag)
{
    struct stat out, in;

    if (stat(opts->output, &out) != 0)
        return SC_OK;
    for (size_t i = 0; i < opts->nrolls + opts->nplacements; i++) {
        const char *path = i < opts->nrolls ? opts->rolls[i]
                                            : opts->placements[i - opts->nrolls];
        if (stat(path, &in) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino) {
            sc_diag_set(diag, opts->output, 0,
                        "le classeur de sortie est aussi un fichier d'entrée "
                        "(%s) : choisissez un autre nom", path);
            return SC_ERROR_SAME_FILE;
        }
    }
    return SC_OK;
}

/* Reads the previous run's state beside the workbook and compares. A
 * missing state is a first run; an unreadable one is reported and replaced:
 * neither stops the run. */
static sc_error track_changes(run *r, const char *output)
{
    sc_diag d;
    sc_error err;

    r->state_path = sc_state_path(output);
    if (!r->state_path)
        return SC_ERROR_MEMORY;
    for (size_t p = 0; p < r->data->npupils; p++)
        if (sc_pupil_shown(&r->data->pupils[p]) &&
            (err = sc_state_add(&r->current, &r->data->pupils[p], (long)p,
                                r->check.verdicts[p].status)) != SC_OK)
            return err;
    sc_diag_clear(&d);
    err = sc_state_read(&r->previous, r->state_path, &d);
    if (err == SC_ERROR_FILE_OPEN)
        return SC_OK;
    if (err == SC_ERROR_STATE)
        return sc_anomalies_add(&r->anomalies, SC_SEVERITY_WARNING, d.file,
                                d.line, NULL, NULL,
                                "%s ; état du passage précédent ignoré, il "
                                "sera remplacé", d.message);
    if (err != SC_OK)
        return err;
    r->has_previous = 1;
    r->previous_status = malloc((r->data->npupils ? r->data->npupils : 1) *
                                sizeof *r->previous_status);
    {
        int *by_item = malloc((r->current.count ? r->current.count : 1) *
                              sizeof *by_item);
        if (!r->previous_status || !by_item) {
            free(by_item);
            return SC_ERROR_MEMORY;
        }
        err = sc_state_compare(&r->previous, &r->current, &r->changes, by_item);
        for (size_t p = 0; p < r->data->npupils; p++)
            r->previous_status[p] = -1;
        for (size_t i = 0; err == SC_OK && i < r->current.count; i++)
            r->previous_status[r->current.items[i].pupil] = by_item[i];
        free(by_item);
    }
    return err;
}

/* Under the lock, temporary files beside the workbook are a killed run's. */
static sc_error sweep_temporaries(run *r, const char *output)
{
    sc_tempfile_sweep(output);
    sc_tempfile_sweep(r->state_path);
    return SC_OK;
}

static sc_error sort_anomalies(run *r)
{
    const char **files = malloc((r->data->ninputs + 1) * sizeof *files);

    if (!files)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < r->data->ninputs; i++)
        files[i] = r->data->inputs[i].path;
    sc_anomalies_sort(&r->anomalies, files, r->data->ninputs);
    free(files);
    return SC_OK;
}

static sc_error run_pipeline(run *r, const sc_options *opts, sc_diag *diag)
{
    sc_error err;

    r->as_of = opts->has_as_of ? opts->as_of : sc_date_today();
    if (!opts->has_period && sc_school_year(r->as_of) >= 9999) {
        sc_diag_set(diag, "", 0, "--as-of : date trop lointaine, donnez la "
                                 "période avec --period");
        return SC_ERROR_USAGE;
    }
    if (opts->has_period) {
        err = sc_period_init(&r->period, opts->period_start, opts->period_end, 1);
        if (err != SC_OK) {
            sc_diag_set(diag, "", 0, "--period : la période doit compter entre "
                                     "1 et %d jours ouvrés",
                        SC_PERIOD_MAX_DAYS);
            return err;
        }
    } else {
        sc_period_default(&r->period, r->as_of);
    }
    if ((err = check_output(opts, diag)) != SC_OK)
        return err;
    r->data = sc_dataset_new();
    if (!r->data)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < opts->nrolls; i++)
        if ((err = sc_load_file(r->data, opts->rolls[i], SC_KIND_ROLL,
                                r->aliases, &r->anomalies, diag)) != SC_OK)
            return err;
    for (size_t i = 0; i < opts->nplacements; i++)
        if ((err = sc_load_file(r->data, opts->placements[i],
                                SC_KIND_PLACEMENTS, r->aliases, &r->anomalies,
                                diag)) != SC_OK)
            return err;
    if ((err = sc_check_run(&r->check, r->data, &r->period, opts->classes,
                            &r->anomalies)) != SC_OK ||
        /* Locked from reading the state to writing it: inputs that cannot
         * be read leave nothing beside the workbook. */
        (err = sc_lock_acquire(opts->output,
                               opts->has_wait ? opts->wait : WAIT_DEFAULT,
                               &r->lock_fd, diag)) != SC_OK ||
        (err = track_changes(r, opts->output)) != SC_OK ||
        (err = sweep_temporaries(r, opts->output)) != SC_OK ||
        (err = sort_anomalies(r)) != SC_OK)
        return err;
    {
        sc_report report = {.period = &r->period,
                            .as_of = r->as_of,
                            .data = r->data,
                            .links = &r->check.links,
                            .verdicts = r->check.verdicts,
                            .anomalies = &r->anomalies,
                            .has_deadline = opts->has_deadline,
                            .deadline = opts->deadline,
                            .previous = r->previous_status,
                            .changes = r->has_previous ? &r->changes : NULL};
        err = sc_report_write(&report, opts->output, diag);
    }
    /* Saved only once the workbook is in place: the next run compares with
     * what the head teacher has seen. */
    if (err == SC_OK) {
        sc_diag d;
        sc_diag_clear(&d);
        if (sc_state_write(&r->current, r->state_path, &d) != SC_OK)
            fprintf(stderr, "%s: %s (le classeur est bien écrit ; le "
                            "prochain passage comparera avec l'état "
                            "précédent)\n",
                    d.file, d.message);
    }
    return err;
}

/* Prints a cron-mail sized summary (unless quiet); returns the exit status
 * it implies. */
static int run_summary(const run *r, const sc_options *opts)
{
    size_t counts[SC_STATUS_COUNT] = {0}, shown = 0, hosted = 0, late = 0;
    size_t findings = sc_anomalies_findings(&r->anomalies);
    char from[11], to[11], as_of[11], deadline[11];
    int year = sc_school_year(r->period.start);
    long days_left = (long)r->period.start - (long)r->as_of;

    for (size_t p = 0; p < r->data->npupils; p++) {
        if (!sc_pupil_shown(&r->data->pupils[p]))
            continue;
        shown++;
        counts[r->check.verdicts[p].status]++;
        hosted += r->check.verdicts[p].hosted != 0;
        late += opts->has_deadline &&
                sc_rules_is_late(r->check.verdicts[p].status, r->as_of,
                                 opts->deadline);
    }
    if (opts->quiet)
        goto status;
    sc_date_format(r->period.start, from);
    sc_date_format(r->period.end, to);
    sc_date_format(r->as_of, as_of);
    printf("stagecheck %s — stage de seconde %d-%d\n", SC_VERSION, year,
           year + 1);
    printf("Période : du %s au %s (%d jour%s ouvré%s, %s)\n", from, to,
           r->period.ndays, r->period.ndays > 1 ? "s" : "",
           r->period.ndays > 1 ? "s" : "",
           r->period.given ? "donnée par --period" : "calendrier calculé");
    if (days_left > 0)
        printf("Date de référence : %s, J-%ld avant le début de la période\n",
               as_of, days_left);
    else if (r->as_of <= r->period.end)
        printf("Date de référence : %s, période en cours\n", as_of);
    else
        printf("Date de référence : %s, période terminée\n", as_of);
    if (opts->has_deadline) {
        sc_date_format(opts->deadline, deadline);
        if (r->as_of < opts->deadline)
            printf("Date limite des conventions : %s, J-%ld\n", deadline,
                   (long)opts->deadline - (long)r->as_of);
        else if (r->as_of == opts->deadline)
            printf("Date limite des conventions : %s, aujourd'hui\n",
                   deadline);
        else
            printf("Date limite des conventions : %s, dépassée : %zu élève(s) "
                   "en retard\n", deadline, late);
    }
    printf("Élèves : %zu\n", shown);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        printf("  %s : %zu\n", sc_status_label((sc_status)s), counts[s]);
    printf("À accueillir dans l'établissement : %zu\n", hosted);
    printf("Anomalies : %zu\n", findings);
    if (r->has_previous)
        printf("Changements depuis le passage précédent : %zu\n",
               r->changes.count);
    else
        printf("Changements : premier passage, rien à comparer\n");
    printf("Classeur : %s\n", opts->output);
    for (size_t i = 0; i < r->anomalies.count; i++) {
        const sc_anomaly *a = &r->anomalies.items[i];
        if (a->severity == SC_SEVERITY_NOTE)
            continue;
        if (a->line)
            fprintf(stderr, "%s:%u: %s%s%s\n", a->file, a->line, a->pupil,
                    a->pupil[0] ? " : " : "", a->message);
        else
            fprintf(stderr, "%s: %s\n", a->file[0] ? a->file : "stagecheck",
                    a->message);
    }
status:
    return findings == 0 &&
                   counts[SC_STATUS_READY] + counts[SC_STATUS_DISPENSED] == shown
               ? SC_EXIT_CLEAN
               : SC_EXIT_FINDINGS;
}

static void print_diag(const sc_diag *diag, sc_error err)
{
    const char *message = diag->message[0] ? diag->message : sc_strerror(err);

    if (diag->file[0] && diag->line)
        fprintf(stderr, "%s:%u: %s\n", diag->file, diag->line, message);
    else if (diag->file[0])
        fprintf(stderr, "%s: %s\n", diag->file, message);
    else
        fprintf(stderr, "stagecheck: %s\n", message);
}

/* Completes opts from --config, then checks that nothing is missing
 * (without --config, sc_options_parse has checked already). */
static sc_error read_config(run *r, sc_options *opts, sc_diag *diag)
{
    sc_error err;

    if (!opts->config)
        return SC_OK;
    if ((err = sc_config_read(&r->config, opts->config, diag)) != SC_OK)
        return err;
    sc_config_apply(&r->config, opts);
    r->aliases = &r->config.aliases;
    return sc_options_check(opts, diag);
}

int sc_main(int argc, char **argv)
{
    sc_options opts;
    sc_diag diag;
    run r;
    sc_error err;
    int status;

    sc_diag_clear(&diag);
    memset(&r, 0, sizeof r);
    r.lock_fd = -1;
    err = sc_options_parse(&opts, argc, argv, &diag);
    if (err == SC_OK && opts.help) {
        sc_options_usage(stdout);
        status = SC_EXIT_CLEAN;
    } else if (err == SC_OK && opts.version) {
        printf("stagecheck %s\n", SC_VERSION);
        status = SC_EXIT_CLEAN;
    } else if (err != SC_OK) {
        print_diag(&diag, err);
        fputs("Essayez « stagecheck --help ».\n", stderr);
        status = SC_EXIT_ERROR;
    } else if ((err = read_config(&r, &opts, &diag)) != SC_OK ||
               (err = run_pipeline(&r, &opts, &diag)) != SC_OK) {
        print_diag(&diag, err);
        fputs("stagecheck: aucun classeur écrit.\n", stderr);
        status = SC_EXIT_ERROR;
    } else {
        status = run_summary(&r, &opts);
    }
    run_free(&r);
    sc_options_free(&opts);
    return status;
}
