/*
 * status.c - the six statuses of a pupil and their French labels.
 */
#include "stagecheck/core/status.h"

static const char *const status_labels[SC_STATUS_COUNT] = {
    [SC_STATUS_CHECK] = "À vérifier",
    [SC_STATUS_DISPENSED] = "Dispensé",
    [SC_STATUS_NO_HOST] = "Sans lieu d'accueil",
    [SC_STATUS_PARTIAL] = "Accueil partiel",
    [SC_STATUS_INCOMPLETE] = "Dossier incomplet",
    [SC_STATUS_READY] = "Prêt",
};

const char *sc_status_label(sc_status status)
{
    if ((unsigned)status >= SC_STATUS_COUNT)
        return "?";
    return status_labels[status];
}
