/*
 * settings.c - the settings of a run: one validator per kind of value, the
 * precedence of the command line over the file, the defaults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "stagecheck/settings/settings.h"

sc_settings_fault sc_settings_parse_text(const char *text)
{
    return text[0] ? SC_SETTINGS_VALID : SC_SETTINGS_MISSING;
}

sc_settings_fault sc_settings_parse_date(const char *text, sc_date *date)
{
    sc_date parsed;

    if (sc_date_parse_iso(text, &parsed) < 0)
        return SC_SETTINGS_FORM;
    *date = parsed;
    return SC_SETTINGS_VALID;
}

sc_settings_fault sc_settings_parse_period(const char *text,
                                           sc_period *period)
{
    sc_date start, end;
    sc_period parsed;

    if (sc_date_parse_range(text, &start, &end) < 0)
        return SC_SETTINGS_FORM;
    if (start > end)
        return SC_SETTINGS_REVERSED;
    if (sc_period_init(&parsed, start, end, 1) != SC_OK)
        return SC_SETTINGS_DAYS;
    *period = parsed;
    return SC_SETTINGS_VALID;
}

sc_settings_fault sc_settings_parse_wait(const char *text, int *seconds)
{
    char *end;
    long parsed = strtol(text, &end, 10);

    if (end == text || *end || parsed < 0 || parsed > SC_SETTINGS_WAIT_MAX)
        return SC_SETTINGS_FORM;
    *seconds = (int)parsed;
    return SC_SETTINGS_VALID;
}

sc_settings_fault sc_settings_parse_jobs(const char *text, int *jobs)
{
    char *end;
    long parsed = strtol(text, &end, 10);

    if (end == text || *end || parsed < 1 || parsed > SC_SETTINGS_JOBS_MAX)
        return SC_SETTINGS_FORM;
    *jobs = (int)parsed;
    return SC_SETTINGS_VALID;
}

/* Moves *from into *to when *to is unset (NULL). */
static void settings_take(char **to, char **from)
{
    if (*to)
        return;
    *to = *from;
    *from = NULL;
}

/* Moves the list from into to when to is empty. */
static void settings_take_list(char ***to, size_t *nto, char ***from,
                               size_t *nfrom)
{
    char **list = *to;
    size_t n = *nto;

    if (n > 0)
        return;
    *to = *from;
    *nto = *nfrom;
    *from = list;
    *nfrom = n;
}

void sc_settings_merge(sc_settings *settings, sc_settings *lower)
{
    sc_aliases aliases;

    settings_take_list(&settings->rolls, &settings->nrolls, &lower->rolls,
                       &lower->nrolls);
    settings_take_list(&settings->placements, &settings->nplacements,
                       &lower->placements, &lower->nplacements);
    settings_take_list(&settings->files, &settings->nfiles, &lower->files,
                       &lower->nfiles);
    /* -o and --by-school each replace both: one is where the run writes. */
    if (!settings->output && !settings->by_school) {
        settings_take(&settings->output, &lower->output);
        settings_take(&settings->by_school, &lower->by_school);
    }
    settings_take(&settings->classes, &lower->classes);
    settings_take(&settings->config, &lower->config);
    if (settings->aliases.count == 0) {
        aliases = settings->aliases;
        settings->aliases = lower->aliases;
        lower->aliases = aliases;
    }
    if (!settings->has_period && lower->has_period) {
        settings->has_period = 1;
        settings->period = lower->period;
    }
    if (!settings->has_as_of && lower->has_as_of) {
        settings->has_as_of = 1;
        settings->as_of = lower->as_of;
    }
    if (!settings->has_deadline && lower->has_deadline) {
        settings->has_deadline = 1;
        settings->deadline = lower->deadline;
    }
    if (!settings->has_wait && lower->has_wait) {
        settings->has_wait = 1;
        settings->wait = lower->wait;
    }
    if (!settings->has_jobs && lower->has_jobs) {
        settings->has_jobs = 1;
        settings->jobs = lower->jobs;
    }
}

/* Returns 1 if the files given are one folder, whose workbook is
 * DOSSIER/suivi-stages.xlsx unless -o says otherwise. */
static int settings_one_folder(const sc_settings *settings)
{
    struct stat st;

    return settings->nfiles == 1 && settings->nrolls == 0 &&
           settings->nplacements == 0 && stat(settings->files[0], &st) == 0 &&
           S_ISDIR(st.st_mode);
}

/* Returns 1 if the paths a and b name one file that exists. */
static int settings_same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

sc_error sc_settings_check(const sc_settings *settings, sc_diag *diag)
{
    if (settings->nfiles > 0 && !settings->output && !settings->by_school &&
        !settings_one_folder(settings)) {
        sc_diag_set(diag, "", 0, "il faut un classeur de sortie : -o "
                                 "SORTIE.xlsx (seul un dossier, stagecheck "
                                 "DOSSIER, s'en passe : il écrit "
                                 "DOSSIER/" SC_SETTINGS_FOLDER_BOOK ")");
        return SC_ERROR_USAGE;
    }
    if (settings->nfiles == 0 &&
        (settings->nrolls == 0 || settings->nplacements == 0 ||
         (!settings->output && !settings->by_school))) {
        sc_diag_set(diag, "", 0, "il faut au moins une liste d'élèves "
                                 "(--roll), un fichier de stages "
                                 "(--placements) et un classeur de sortie (-o) "
                                 "ou un dossier (--by-school), sur la ligne de "
                                 "commande ou dans le fichier de configuration "
                                 "(--config)");
        return SC_ERROR_USAGE;
    }
    if (settings->output && settings->by_school) {
        sc_diag_set(diag, "", 0, "-o et --by-school s'excluent : -o écrit un "
                                 "classeur, --by-school un classeur par "
                                 "établissement dans un dossier");
        return SC_ERROR_USAGE;
    }
    /* The configuration file is an input: the run would replace it with a
     * workbook, and the next scheduled run would find no settings. */
    if (settings->output && settings->config &&
        settings_same_file(settings->output, settings->config)) {
        sc_diag_set(diag, settings->output, 0, "le classeur de sortie (-o) "
                    "serait écrit sur le fichier de configuration (%s) : "
                    "choisissez un autre nom", settings->config);
        return SC_ERROR_USAGE;
    }
    return SC_OK;
}

sc_error sc_settings_finish(sc_settings *settings, sc_diag *diag)
{
    if (!settings->output && !settings->by_school &&
        settings_one_folder(settings)) {
        const char *dir = settings->files[0];
        size_t len = strlen(dir), size = len + sizeof SC_SETTINGS_FOLDER_BOOK + 1;

        if (!(settings->output = malloc(size)))
            return SC_ERROR_MEMORY;
        snprintf(settings->output, size, "%s%s" SC_SETTINGS_FOLDER_BOOK, dir,
                 len && dir[len - 1] == '/' ? "" : "/");
    }
    if (!settings->has_wait)
        settings->wait = SC_SETTINGS_WAIT_DEFAULT;
    if (!settings->has_jobs) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);

        settings->jobs = cpus < 1 ? 1
                         : cpus > SC_SETTINGS_JOBS_MAX ? SC_SETTINGS_JOBS_MAX
                                                       : (int)cpus;
    }
    if (!settings->has_as_of)
        settings->as_of = sc_date_today();
    if (settings->has_period)
        return SC_OK;
    /* The default period's June would be past what a date can hold. */
    if (sc_period_school_year(settings->as_of) >= 9999) {
        sc_diag_set(diag, "", 0, "--as-of : date trop lointaine, donnez la "
                                 "période avec --period");
        return SC_ERROR_USAGE;
    }
    sc_period_default(&settings->period, settings->as_of);
    return SC_OK;
}

static void settings_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void sc_settings_free(sc_settings *settings)
{
    if (!settings)
        return;
    settings_free_list(settings->rolls, settings->nrolls);
    settings_free_list(settings->placements, settings->nplacements);
    settings_free_list(settings->files, settings->nfiles);
    free(settings->output);
    free(settings->by_school);
    free(settings->classes);
    free(settings->config);
    sc_header_aliases_clear(&settings->aliases);
    memset(settings, 0, sizeof *settings);
}
