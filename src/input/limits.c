/*
 * limits.c - the bounds of one input file, and their French messages.
 */
#include "stagecheck/input/limits.h"

sc_error sc_limits_check_bytes(const char *path, size_t bytes, sc_diag *diag)
{
    if (bytes <= SC_LIMITS_FILE_BYTES)
        return SC_OK;
    /* The figures are written out for French readers; limits.h holds
     * them, and test_limits checks both agree. */
    sc_diag_set(diag, path, 0, "fichier trop gros : plus de 512 Mio, la "
                "limite d'un fichier d'entrée (est-ce bien un export ?)");
    return SC_ERROR_FILE_READ;
}

sc_error sc_limits_check_rows(const char *path, size_t rows, unsigned line,
                              sc_diag *diag)
{
    if (rows <= SC_LIMITS_ROWS)
        return SC_OK;
    sc_diag_set(diag, path, line, "trop de lignes : plus de 2 000 000, la "
                "limite d'un fichier d'entrée (est-ce bien un export ?)");
    return SC_ERROR_FILE_READ;
}
