/*
 * error.h - stagecheck's error codes and the diagnostics record.
 *
 * Functions return an sc_error; where the problem happened goes into an
 * sc_diag that the caller owns, and main prints it once as
 * "FILE:LINE: message" (in French).
 */
#ifndef STAGECHECK_BASE_ERROR_H
#define STAGECHECK_BASE_ERROR_H

#include <stddef.h>

/** Error codes returned by stagecheck's functions. */
typedef enum sc_error {
    SC_OK = 0,
    SC_ERROR_MEMORY,
    SC_ERROR_USAGE,
    SC_ERROR_FILE_OPEN,
    SC_ERROR_FILE_READ,
    SC_ERROR_FILE_EMPTY,
    SC_ERROR_ENCODING,
    SC_ERROR_CSV_QUOTE,
    SC_ERROR_NO_HEADER,
    SC_ERROR_PERIOD,
    SC_ERROR_SAME_FILE,
    SC_ERROR_OUTPUT,
    SC_ERROR_WORKBOOK,
    SC_ERROR_CONFIG,
    SC_ERROR_STATE,
    SC_ERROR_LOCKED,
    SC_ERROR_SCHOOLS,
    SC_ERROR_MAX /* keep last */
} sc_error;

/** Returns the French message of an error code; unknown codes are clamped. */
const char *sc_strerror(sc_error err);

/** Returns a French message for a system error number (errno): the C
 *  library's own messages follow the machine's language, often English. */
const char *sc_strerrno(int en);

/** Where an error happened; the caller owns it (usually on the stack). */
typedef struct sc_diag {
    char file[1024];   /* file as given by the user, "" when none */
    unsigned line;     /* 1-based line, 0 when none */
    char message[512]; /* French; empty means "use sc_strerror" */
} sc_diag;

/** Fills diag (which may be NULL) with file, line and a printf-style message. */
void sc_diag_set(sc_diag *diag, const char *file, unsigned line,
                 const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Empties diag. */
void sc_diag_clear(sc_diag *diag);

#endif /* STAGECHECK_BASE_ERROR_H */
