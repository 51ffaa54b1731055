/*
 * status.h - the six statuses of a pupil.
 */
#ifndef STAGECHECK_CORE_STATUS_H
#define STAGECHECK_CORE_STATUS_H

/** A pupil's status, highest priority first. */
typedef enum sc_status {
    SC_STATUS_CHECK = 0,  /* "À vérifier" */
    SC_STATUS_DISPENSED,  /* "Dispensé" */
    SC_STATUS_NO_HOST,    /* "Sans lieu d'accueil" */
    SC_STATUS_PARTIAL,    /* "Accueil partiel" */
    SC_STATUS_INCOMPLETE, /* "Dossier incomplet" */
    SC_STATUS_READY,      /* "Prêt" */
    SC_STATUS_COUNT
} sc_status;

/** Returns the exact French label of a status. */
const char *sc_status_label(sc_status status);

#endif /* STAGECHECK_CORE_STATUS_H */
