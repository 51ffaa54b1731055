/*
 * cli.h - the command line, one of the two sources of the settings.
 */
#ifndef STAGECHECK_SETTINGS_CLI_H
#define STAGECHECK_SETTINGS_CLI_H

#include <stdio.h>
#include "stagecheck/base/error.h"
#include "stagecheck/settings/settings.h"

/** Reads argv into settings (zeroed first; strings copied). Returns
 *  SC_OK, SC_ERROR_USAGE with diag's message in French, SC_ERROR_PERIOD
 *  for a period of no working day or too many (as the run said it once it
 *  had started, hence no hint to --help), or SC_ERROR_MEMORY; the caller
 *  frees with sc_settings_free either way. After --help or --version the
 *  rest is not read. Without --config it also runs sc_settings_check;
 *  with it, the caller runs sc_settings_check once the file has filled the
 *  gaps (sc_config_read). */
sc_error sc_cli_parse(sc_settings *settings, int argc, char **argv,
                      sc_diag *diag);

/** Prints the French help text. */
void sc_cli_usage(FILE *out);

#endif /* STAGECHECK_SETTINGS_CLI_H */
