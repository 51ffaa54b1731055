/*
 * app.h - the whole run: read the inputs, match, apply the rules, write the
 * workbook, print the summary.
 */
#ifndef STAGECHECK_RUN_H
#define STAGECHECK_RUN_H

/** Exit statuses, as documented in README and the man page. */
enum {
    SC_EXIT_CLEAN = 0,    /* written; everyone Prêt or Dispensé, no anomaly */
    SC_EXIT_FINDINGS = 1, /* written, with findings */
    SC_EXIT_ERROR = 2     /* usage or input error: nothing written */
};

/** Runs stagecheck with argv; prints the summary on stdout and diagnostics
 *  on stderr. Returns one of the SC_EXIT_* values. */
int sc_run_main(int argc, char **argv);

#endif /* STAGECHECK_RUN_H */
