/*
 * config.h - the configuration file (INI, read with libinih), for scheduled
 * runs: the same settings as the command line, plus column names.
 *
 *   [stagecheck]
 *   roll = exports/siecle-*.csv      ; repeatable, globs expanded
 *   placements = exports/stages.csv  ; repeatable, globs expanded
 *   output = /srv/stages/suivi.xlsx
 *   period = 2024-06-17:2024-06-28
 *   as-of = 2024-05-27
 *   deadline = 2024-06-07
 *   classes = 2*
 *   wait = 60
 *
 *   [colonnes]
 *   Nom = PATRONYME             ; any accepted header of a field = the
 *                                    ; export's own header for it
 *
 * Relative paths are taken from the folder of the configuration file.
 */
#ifndef STAGECHECK_SETTINGS_CONFIG_H
#define STAGECHECK_SETTINGS_CONFIG_H

#include <stddef.h>
#include "stagecheck/settings/cli.h"
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/input/header.h"

typedef struct sc_config {
    char *path;              /* the file, as given */
    char **rolls;            /* globs expanded, relative to the file's folder */
    size_t nrolls;
    char **placements;
    size_t nplacements;
    char *output;
    char *by_school;
    char *classes;
    int has_period;
    sc_date period_start;
    sc_date period_end;
    int has_as_of;
    sc_date as_of;
    int has_deadline;
    sc_date deadline;
    int has_wait;
    int wait;                /* seconds to wait for the lock */
    sc_aliases aliases;      /* [colonnes] */
} sc_config;

/** Reads the INI file at path into config (zeroed first). On an error the
 *  run stops: SC_ERROR_FILE_OPEN (file missing), or SC_ERROR_CONFIG with
 *  diag naming the file and the line of the first error, in French (unknown
 *  section or key, bad date or period, glob that matches nothing, header
 *  alias naming no field). The caller frees with sc_config_free. */
sc_error sc_config_read(sc_config *config, const char *path, sc_diag *diag);

/** Fills in opts what the command line left unset from config: the command
 *  line wins; rolls (and placements) given on the command line replace the
 *  file's. opts then borrows config's strings: keep config alive. */
void sc_config_apply(const sc_config *config, sc_options *opts);

/** Frees what config holds; a zeroed config is fine. */
void sc_config_free(sc_config *config);

#endif /* STAGECHECK_SETTINGS_CONFIG_H */
