/*
 * stagecheck.h - stagecheck as a program: argv in, an exit status out.
 * main() calls it, and so do the tests that run the whole tool inside
 * their own process (tests/fault).
 */
#ifndef STAGECHECK_STAGECHECK_H
#define STAGECHECK_STAGECHECK_H

#include "stagecheck/summary.h"

/** Runs stagecheck with argv: settings from the command line and the file
 *  it names, the run, the summary on stdout and diagnostics on stderr.
 *  Returns one of the SC_EXIT_* values (summary.h). */
int sc_main(int argc, char **argv);

#endif /* STAGECHECK_STAGECHECK_H */
