/*
 * config.h - the configuration file (INI, read with libinih), for scheduled
 * runs: the second source of the settings, with the same values as the
 * command line (validated alike, settings.h), plus column names.
 *
 *   [stagecheck]
 *   roll = exports/siecle-*.csv      ; repeatable, globs expanded
 *   placements = exports/stages.csv  ; repeatable, globs expanded
 *   output = /srv/stages/suivi.xlsx
 *   period = 2024-06-17:2024-06-28
 *   as-of = 2024-05-27
 *   deadline = 2024-06-07
 *   classes = 2*
 *   wait = 60                        ; seconds, 0 to 3600
 *
 *   [colonnes]
 *   Nom = PATRONYME             ; any accepted header of a field = the
 *                                    ; export's own header for it
 *
 * Relative paths are taken from the folder of the configuration file.
 */
#ifndef STAGECHECK_SETTINGS_CONFIG_H
#define STAGECHECK_SETTINGS_CONFIG_H

#include "stagecheck/base/error.h"
#include "stagecheck/settings/settings.h"

/** Reads the INI file at path; what it sets fills what settings leaves
 *  unset (sc_settings_merge: the command line wins). On an error settings
 *  is left as it was and the run stops: SC_ERROR_FILE_OPEN (file missing),
 *  SC_ERROR_FILE_READ, SC_ERROR_MEMORY, or SC_ERROR_CONFIG with diag
 *  naming the file and the line of the first error, in French (unknown
 *  section or key, value refused by its validator, glob that matches
 *  nothing, header alias naming no field). */
sc_error sc_config_read(sc_settings *settings, const char *path,
                        sc_diag *diag);

#endif /* STAGECHECK_SETTINGS_CONFIG_H */
