/*
 * cohort.h - who is followed: the pupils of seconde générale et
 * technologique still in the school, as the rolls tell (their MEF, else
 * their class's name, and their date of leaving), or the classes chosen
 * with --classes.
 */
#ifndef STAGECHECK_CORE_COHORT_H
#define STAGECHECK_CORE_COHORT_H

#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"

/** The level a MEF or a class name says. */
typedef enum sc_cohort_level {
    SC_LEVEL_UNKNOWN = 0, /* nothing said: followed */
    SC_LEVEL_SECONDE_GT,  /* seconde générale et technologique */
    SC_LEVEL_OTHER        /* première, terminale, voie professionnelle... */
} sc_cohort_level;

/** Why a pupil is not followed (sc_pupil.set_aside). */
typedef enum sc_cohort_reason {
    SC_COHORT_FOLLOWED = 0,
    SC_COHORT_CLASSES,    /* left out by --classes */
    SC_COHORT_MEF,        /* another level than seconde GT, by its MEF */
    SC_COHORT_LEVEL,      /* another level, by its class's name */
    SC_COHORT_LEFT        /* left the school (date of leaving, or no
                             class in the roll) */
} sc_cohort_reason;

/** Returns the level a MEF says: a SIECLE code (11 digits, the first three
 *  the "dispositif de formation": 200 for seconde générale et
 *  technologique) or a label ("2NDE G-T", "1ERE GENERALE", "2NDPRO ..."). */
sc_cohort_level sc_cohort_mef_level(const char *mef);

/** Returns the level a class name clearly says: SC_LEVEL_OTHER for names
 *  that start with "1" or "T" (1ERE, TERM, 1G2, T3...), that hold PRO, CAP
 *  or BTS, or a seconde professionnelle's specialty ("2MRC2"); otherwise
 *  SC_LEVEL_UNKNOWN ("2B", "201", "2GT2", "2NDE 1", "UPE2A"). */
sc_cohort_level sc_cohort_class_level(const char *class_name);

/** Returns 1 if the pupil has left the school on as_of: a date of leaving
 *  on or before it, or no class at all in the roll. */
int sc_cohort_has_left(const sc_pupil *pupil, sc_date as_of);

/** Decides for every pupil of data whether it is followed (selected) and
 *  why not (set_aside). classes (NULL or a pattern of sc_text_glob,
 *  --classes: case, accents and locale do not count) chooses the classes itself and overrides the level; pupils who have
 *  left are never followed. Each class set aside is one note with its
 *  count, each pupil who left one note. Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_cohort_select(sc_dataset *data, const char *classes,
                          sc_date as_of, sc_anomalies *anomalies);

#endif /* STAGECHECK_CORE_COHORT_H */
