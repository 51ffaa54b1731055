/*
 * stagecheck.c - the program in a dozen lines: argv -> settings -> run ->
 * summary -> exit status.
 */
#include <stdio.h>
#include "stagecheck/stagecheck.h"
#include "stagecheck/run.h"
#include "stagecheck/settings/cli.h"
#include "stagecheck/settings/config.h"
#include "stagecheck/settings/settings.h"
#include "stagecheck/summary.h"

/* With --config, the file fills what the command line left unset; only
 * then can the whole be checked (sc_cli_parse checked it without). */
static sc_error settings_complete(sc_settings *settings, sc_diag *diag)
{
    sc_error err;

    if (settings->config &&
        ((err = sc_config_read(settings, settings->config, diag)) != SC_OK ||
         (err = sc_settings_check(settings, diag)) != SC_OK))
        return err;
    return sc_settings_finish(settings, diag);
}

int sc_main(int argc, char **argv)
{
    sc_settings settings;
    sc_run *run = NULL;
    sc_diag diag;
    sc_error err;
    int status;

    sc_diag_clear(&diag);
    err = sc_cli_parse(&settings, argc, argv, &diag);
    if (err != SC_OK) {
        /* Only a mistake on the command line gets the way to --help. */
        status = sc_summary_failure(stderr, &diag, err, err == SC_ERROR_USAGE);
    } else if (settings.help || settings.version) {
        if (settings.help)
            sc_cli_usage(stdout);
        else
            sc_summary_version(stdout);
        status = SC_EXIT_CLEAN;
    } else if ((err = settings_complete(&settings, &diag)) != SC_OK ||
               (err = sc_run_execute(&settings, &run, &diag)) != SC_OK) {
        status = sc_summary_failure(stderr, &diag, err, 0);
    } else {
        if (!settings.quiet)
            sc_summary_print(sc_run_summary(run), stdout, stderr);
        status = sc_summary_status(sc_run_summary(run));
    }
    sc_run_free(run);
    sc_settings_free(&settings);
    return status;
}
