/*
 * settings.h - every setting of a run, in one struct that the command line
 * (cli.h) and the configuration file (config.h) both fill; one validator
 * per kind of value, which both sources call; the defaults; the final
 * check of the whole.
 */
#ifndef STAGECHECK_SETTINGS_SETTINGS_H
#define STAGECHECK_SETTINGS_SETTINGS_H

#include <stddef.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/period.h"
#include "stagecheck/input/header.h"

#define SC_VERSION "1.0.0"

/** Seconds a run waits for another one on the same workbook: by default,
 *  and at most. */
#define SC_SETTINGS_WAIT_DEFAULT 60
#define SC_SETTINGS_WAIT_MAX 3600

/** Workbooks written at once (-j, jobs =): at most. */
#define SC_SETTINGS_JOBS_MAX 256

/** Every setting. The has_* flags say that a source gave the value: the
 *  command line is read first, and the file only fills what is unset. The
 *  struct owns every string; free it with sc_settings_free. */
typedef struct sc_settings {
    char **rolls;             /* the roll files, in order */
    size_t nrolls;
    char **placements;        /* the placements files, in order */
    size_t nplacements;
    char **files;             /* files and folders of either kind, told
                                 from their content, in order */
    size_t nfiles;
    char *output;             /* -o: the workbook, or NULL */
    char *by_school;          /* --by-school: the folder, or NULL */
    char *classes;            /* fnmatch pattern, or NULL */
    char *config;             /* --config: the INI file, or NULL */
    sc_aliases aliases;       /* the file's [colonnes] */
    int has_period;
    sc_period period;         /* given, or the default (sc_settings_finish) */
    int has_as_of;
    sc_date as_of;            /* given, or today (sc_settings_finish) */
    int has_deadline;
    sc_date deadline;         /* date limite de retour des conventions */
    int has_wait;
    int wait;                 /* seconds to wait for another run's lock */
    int has_jobs;
    int jobs;                 /* writing processes at once, 1 to
                                 SC_SETTINGS_JOBS_MAX; by default the
                                 online processors (sc_settings_finish) */
    int quiet;                /* -q: print nothing but errors */
    int help;
    int version;
} sc_settings;

/** What a validator found wrong with a value; each source words it. */
typedef enum sc_settings_fault {
    SC_SETTINGS_VALID = 0,
    SC_SETTINGS_MISSING,      /* empty */
    SC_SETTINGS_FORM,         /* not of the expected form */
    SC_SETTINGS_REVERSED,     /* a period that ends before it starts */
    SC_SETTINGS_DAYS          /* a period without a working day, or with
                                 more than SC_PERIOD_MAX_DAYS */
} sc_settings_fault;

/** A file name, a folder or a pattern: anything but empty. */
sc_settings_fault sc_settings_parse_text(const char *text);

/** A date AAAA-MM-JJ that exists, into *date (untouched unless valid). */
sc_settings_fault sc_settings_parse_date(const char *text, sc_date *date);

/** A period AAAA-MM-JJ:AAAA-MM-JJ, in order, of 1 to SC_PERIOD_MAX_DAYS
 *  working days, into *period (marked given; untouched unless valid). */
sc_settings_fault sc_settings_parse_period(const char *text,
                                           sc_period *period);

/** Seconds, 0 to SC_SETTINGS_WAIT_MAX, read as strtol does in base 10 (a
 *  sign is allowed: "+5", "-0"), into *seconds (untouched unless valid). */
sc_settings_fault sc_settings_parse_wait(const char *text, int *seconds);

/** Writing processes at once, 1 to SC_SETTINGS_JOBS_MAX, read as
 *  sc_settings_parse_wait reads seconds, into *jobs (untouched unless
 *  valid). */
sc_settings_fault sc_settings_parse_jobs(const char *text, int *jobs);

/** Fills what settings leaves unset from lower, a source read after it
 *  (the command line wins): rolls given replace all of lower's, as do
 *  placements; -o or --by-school replaces both of lower's. What settings
 *  takes is moved out of lower, which the caller still frees. */
void sc_settings_merge(sc_settings *settings, sc_settings *lower);

/** The workbook `stagecheck DOSSIER` writes in the folder. */
#define SC_SETTINGS_FOLDER_BOOK "suivi-stages.xlsx"

/** Returns SC_ERROR_USAGE (with diag) unless settings has at least one
 *  roll and one placements file, or files to tell apart, and an output
 *  or --by-school (not both), or a single folder to write into; and the
 *  output is not the configuration file. */
sc_error sc_settings_check(const sc_settings *settings, sc_diag *diag);

/** Gives what no source set its default: wait SC_SETTINGS_WAIT_DEFAULT,
 *  jobs the number of online processors (1 to SC_SETTINGS_JOBS_MAX),
 *  as-of today, the period from as-of (sc_period_default), the output
 *  DOSSIER/suivi-stages.xlsx when the one file given is a folder. Returns
 *  SC_ERROR_USAGE (with diag) when as-of is too far off to compute the
 *  default period, else SC_OK. */
sc_error sc_settings_finish(sc_settings *settings, sc_diag *diag);

/** Frees what settings holds and zeroes it; NULL and a zeroed one are
 *  fine. */
void sc_settings_free(sc_settings *settings);

#endif /* STAGECHECK_SETTINGS_SETTINGS_H */
