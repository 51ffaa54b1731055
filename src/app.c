/*
 * app.c - the pipeline: read and decode, map headers, build records, match,
 * apply the rules, write the workbook; then the summary and the exit status.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "stagecheck/app.h"
#include "stagecheck/cli.h"
#include "stagecheck/config.h"
#include "stagecheck/csvfile.h"
#include "stagecheck/header.h"
#include "stagecheck/lock.h"
#include "stagecheck/match.h"
#include "stagecheck/record.h"
#include "stagecheck/report.h"
#include "stagecheck/rules.h"
#include "stagecheck/state.h"

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
    sc_links links;
    sc_verdict *verdicts;
    char *state_path;
    sc_state current;          /* this run's statuses, saved at the end */
    sc_state previous;
    int has_previous;
    sc_changes changes;
    int *previous_status;      /* per pupil, when has_previous */
} run;

static void run_free(run *r)
{
    if (r->verdicts)
        for (size_t i = 0; i < r->data->npupils; i++)
            sc_verdict_clear(&r->verdicts[i]);
    free(r->verdicts);
    free(r->previous_status);
    sc_changes_clear(&r->changes);
    sc_state_clear(&r->previous);
    sc_state_clear(&r->current);
    free(r->state_path);
    sc_links_free(&r->links);
    sc_anomalies_clear(&r->anomalies);
    sc_dataset_free(r->data);
    sc_lock_release(r->lock_fd);
    sc_config_free(&r->config);
}

/* Parses source and finds its header, trying the detected separator first
 * and then the others: the separator that yields a header row wins. */
static sc_error load_table(const sc_source *source, sc_kind kind,
                           const sc_aliases *aliases, sc_table **table,
                           sc_header *header, sc_diag *diag)
{
    char seps[3] = {sc_source_detect_sep(source), 0, 0};
    size_t n = 1;
    sc_error first_err = SC_OK;

    for (const char *s = ";\t,"; *s; s++)
        if (*s != seps[0])
            seps[n++] = *s;
    for (size_t i = 0; i < 3; i++) {
        sc_diag d;
        sc_error err;

        sc_diag_clear(&d);
        err = sc_table_parse(source, seps[i], table, &d);
        if (err == SC_OK)
            err = sc_header_find(*table, kind, aliases, header, &d);
        if (err == SC_OK)
            return SC_OK;
        sc_table_free(*table);
        *table = NULL;
        if (i == 0) {
            /* The likeliest separator's error is the one to report. */
            first_err = err;
            *diag = d;
        }
        if (err == SC_ERROR_MEMORY || (i == 0 && err == SC_ERROR_CSV_QUOTE))
            return err;
    }
    return first_err;
}

/* Reads one input file into the dataset. */
static sc_error load_file(run *r, const char *path, sc_kind kind,
                          sc_diag *diag)
{
    sc_source *source = NULL;
    sc_table *table = NULL;
    sc_header header;
    sc_error err;

    err = sc_source_read(path, &source, diag);
    if (err == SC_OK)
        err = load_table(source, kind, r->aliases, &table, &header, diag);
    /* An empty roll would give a clean, empty workbook: say so instead. */
    if (err == SC_OK && kind == SC_KIND_ROLL &&
        header.row + 1 >= table->nrows) {
        sc_diag_set(diag, path, table->rows[header.row].line,
                    "aucun élève sous la ligne d'en-tête : liste vide");
        err = SC_ERROR_FILE_EMPTY;
    }
    if (err == SC_OK && source->bad_bytes > 0)
        err = sc_anomalies_add(&r->anomalies, SC_SEVERITY_WARNING, path,
                               source->first_bad_line, NULL, NULL,
                               "%zu caractère(s) illisible(s) en %s remplacé(s) "
                               "par « \xEF\xBF\xBD » (premier à cette ligne)",
                               source->bad_bytes, source->encoding);
    if (err == SC_OK)
        err = kind == SC_KIND_ROLL
                  ? sc_dataset_add_roll(r->data, source, table, &header,
                                        &r->anomalies)
                  : sc_dataset_add_placements(r->data, source, table, &header,
                                              &r->anomalies);
    sc_table_free(table);
    sc_source_free(source);
    return err;
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

/* Applies the rules to each shown pupil; findings become anomalies. */
static sc_error judge_pupils(run *r)
{
    sc_dataset *data = r->data;
    const sc_entry **entries;
    sc_error err = SC_OK;

    r->verdicts = calloc(data->npupils ? data->npupils : 1,
                         sizeof *r->verdicts);
    entries = malloc((data->nentries ? data->nentries : 1) * sizeof *entries);
    if (!r->verdicts || !entries) {
        free(entries);
        return SC_ERROR_MEMORY;
    }
    for (size_t p = 0; p < data->npupils && err == SC_OK; p++) {
        const sc_pupil *pupil = &data->pupils[p];
        size_t n = 0;
        char who[256];

        if (!sc_pupil_shown(pupil))
            continue;
        for (size_t k = r->links.first[p]; k < r->links.first[p + 1]; k++)
            entries[n++] = &data->entries[r->links.items[k]];
        err = sc_rules_apply(&r->period, pupil, entries, n, &r->verdicts[p]);
        sc_pupil_display(pupil, who, sizeof who);
        for (size_t f = 0; err == SC_OK && f < r->verdicts[p].nfindings; f++) {
            const sc_finding *finding = &r->verdicts[p].findings[f];
            err = sc_anomalies_add(&r->anomalies, SC_SEVERITY_ERROR,
                                   finding->entry->file, finding->entry->line,
                                   pupil->class_name, who, "%s",
                                   finding->message);
        }
    }
    free(entries);
    return err;
}

static sc_error select_classes(run *r, const char *pattern)
{
    size_t kept = 0;

    for (size_t p = 0; p < r->data->npupils; p++) {
        sc_pupil *pupil = &r->data->pupils[p];
        pupil->selected =
            !pattern || fnmatch(pattern, pupil->class_name, FNM_CASEFOLD) == 0;
        kept += pupil->selected;
    }
    if (pattern && kept == 0)
        return sc_anomalies_add(&r->anomalies, SC_SEVERITY_WARNING, "", 0,
                                NULL, NULL,
                                "aucune classe ne correspond à --classes '%s'",
                                pattern);
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
                                r->verdicts[p].status)) != SC_OK)
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
        if ((err = load_file(r, opts->rolls[i], SC_KIND_ROLL, diag)) != SC_OK)
            return err;
    for (size_t i = 0; i < opts->nplacements; i++)
        if ((err = load_file(r, opts->placements[i], SC_KIND_PLACEMENTS,
                             diag)) != SC_OK)
            return err;
    if ((err = select_classes(r, opts->classes)) != SC_OK ||
        (err = sc_match_duplicates(r->data, &r->anomalies)) != SC_OK ||
        (err = sc_match_entries(r->data, &r->anomalies, &r->links)) != SC_OK ||
        (err = judge_pupils(r)) != SC_OK ||
        /* Locked from reading the state to writing it: inputs that cannot
         * be read leave nothing beside the workbook. */
        (err = sc_lock_acquire(opts->output,
                               opts->has_wait ? opts->wait : WAIT_DEFAULT,
                               &r->lock_fd, diag)) != SC_OK ||
        (err = track_changes(r, opts->output)) != SC_OK ||
        (err = sort_anomalies(r)) != SC_OK)
        return err;
    {
        sc_report report = {.period = &r->period,
                            .as_of = r->as_of,
                            .data = r->data,
                            .links = &r->links,
                            .verdicts = r->verdicts,
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
        counts[r->verdicts[p].status]++;
        hosted += r->verdicts[p].hosted != 0;
        late += opts->has_deadline &&
                sc_rules_is_late(r->verdicts[p].status, r->as_of,
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
