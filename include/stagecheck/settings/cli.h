/*
 * cli.h - the command line.
 */
#ifndef STAGECHECK_SETTINGS_CLI_H
#define STAGECHECK_SETTINGS_CLI_H

#include <stdio.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"

#define SC_VERSION "1.0.0"

typedef struct sc_options {
    const char **rolls;       /* borrowed from argv or the configuration */
    size_t nrolls;
    const char **placements;
    size_t nplacements;
    const char *output;
    const char *by_school;    /* --by-school DIR: one workbook per school */
    const char *classes;      /* fnmatch pattern, or NULL */
    int has_period;
    sc_date period_start;
    sc_date period_end;
    int has_as_of;
    sc_date as_of;
    int has_deadline;
    sc_date deadline;         /* date limite de retour des conventions */
    int has_wait;
    int wait;                 /* seconds to wait for another run's lock */
    const char *config;       /* --config FILE, or NULL */
    int quiet;                /* -q: print nothing but errors */
    int help;
    int version;
} sc_options;

/** Parses argv into opts. Returns SC_ERROR_USAGE with diag's message in
 *  French, or SC_OK; the caller frees with sc_options_free either way.
 *  Without --config it also runs sc_options_check; with it, the caller
 *  runs sc_options_check once the file has filled the gaps. */
sc_error sc_options_parse(sc_options *opts, int argc, char **argv,
                          sc_diag *diag);

/** Returns SC_ERROR_USAGE (with diag) unless opts has at least one roll,
 *  one placements file, and an output or --by-school (not both). */
sc_error sc_options_check(const sc_options *opts, sc_diag *diag);

/** Frees what opts holds; a zeroed opts is fine. */
void sc_options_free(sc_options *opts);

/** Prints the French help text. */
void sc_options_usage(FILE *out);

#endif /* STAGECHECK_SETTINGS_CLI_H */
