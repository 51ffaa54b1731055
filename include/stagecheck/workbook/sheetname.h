/*
 * sheetname.h - valid and unique Excel sheet names for the class sheets,
 * and the names of the fixed sheets they must not take. Internal to the
 * workbook layer; built without libxlsxwriter, so that the model can name
 * its sheets and be tested without it.
 */
#ifndef STAGECHECK_WORKBOOK_SHEETNAME_H
#define STAGECHECK_WORKBOOK_SHEETNAME_H

#include <stddef.h>

/** Longest sheet name, in bytes (31 characters of up to 4 bytes, plus NUL). */
#define SC_SHEETNAME_SIZE 128

/* The fixed sheets of a school's workbook, in their order around the class
 * sheets (Changements only after a previous run). */
#define SC_SHEETNAME_SUMMARY "Synthèse"
#define SC_SHEETNAME_RELANCES "Relances"
#define SC_SHEETNAME_HOSTED "Accueil établissement"
#define SC_SHEETNAME_CHANGES "Changements"
#define SC_SHEETNAME_ANOMALIES "Anomalies"

/** Makes a valid Excel sheet name for a class into out: at most 31
 *  characters, none of []:*?/\, no leading or trailing apostrophe, never
 *  empty, no control character, and different (ignoring case) from the
 *  nused names of used and from the fixed sheets "Synthèse", "Relances", "Accueil
 *  établissement", "Changements", "Anomalies" and Excel's own "History". */
void sc_sheetname_make(const char *class_name, const char *const *used,
                       size_t nused, char out[SC_SHEETNAME_SIZE]);

/** sc_sheetname_make with keys[i] = sc_text_key(used[i]) made already (an
 *  entry NULL when it could not be): a lycée with hundreds of classes
 *  folds each name once, not once per comparison. */
void sc_sheetname_make_keyed(const char *class_name, const char *const *used,
                             char *const *keys, size_t nused,
                             char out[SC_SHEETNAME_SIZE]);

/** Returns 1 if a and b are the same name to stagecheck (equal sc_text_key
 *  forms: no case, accents or punctuation); out of memory, compared
 *  without ASCII case, as libxlsxwriter's own check does. */
int sc_sheetname_equal(const char *a, const char *b);

#endif /* STAGECHECK_WORKBOOK_SHEETNAME_H */
