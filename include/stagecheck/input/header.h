/*
 * header.h - mapping an export's header row to stagecheck's fields.
 *
 * Headers are compared with sc_text_key (no case, accents, spaces or
 * punctuation) against a table of aliases.
 */
#ifndef STAGECHECK_INPUT_HEADER_H
#define STAGECHECK_INPUT_HEADER_H

#include "stagecheck/core/dataset.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/base/error.h"

/** Where each field is: col[f] is a column index, or -1 when absent. */
typedef struct sc_header {
    size_t row;                /* index of the header row in table->rows */
    int col[SC_FIELD_COUNT];
    int again[SC_FIELD_COUNT]; /* a second column with the very same title
                                  (ignored, to be reported), or -1 */
    const char *class_given;   /* the class given with the file (--roll
                                  FICHIER:CLASSE), borrowed, or NULL: it is
                                  every row's class */
} sc_header;

/** An extra header text for a field, from the configuration file. */
typedef struct sc_alias {
    char *key;       /* sc_text_key of the header text */
    sc_field field;
} sc_alias;

typedef struct sc_aliases {
    sc_alias *items;
    size_t count;
    size_t cap;
} sc_aliases;

/** Adds header_text as a name of field. Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_header_alias_add(sc_aliases *list, sc_field field,
                        const char *header_text);

/** Frees the list's items and empties it; NULL is fine. */
void sc_header_aliases_clear(sc_aliases *list);

/** Returns the field a header cell names, or SC_FIELD_COUNT. */
sc_field sc_header_field(const char *cell);

/** Like sc_header_field, but the extra aliases (may be NULL) are tried
 *  first: a header they name maps to their field. */
sc_field sc_header_field_with(const char *cell, const sc_aliases *extra);

/** Returns the French name of a field, for messages ("Date de début"). */
const char *sc_header_field_label(sc_field field);

/** Finds the header row (extra aliases, NULL or not, as in
 *  sc_header_field_with): the first row holding the required columns of
 *  kind (roll: a name and Classe; placements: the pupil, by INE or name, and
 *  a host, dates or dispense column) among the first 50 rows. Returns
 *  SC_ERROR_NO_HEADER with diag naming the file and what is missing (or
 *  that the file is of the other kind: a placements file given as a roll,
 *  or the reverse), SC_ERROR_MEMORY, or SC_OK. */
sc_error sc_header_find(const sc_table *table, sc_kind kind,
                        const sc_aliases *extra, sc_header *out,
                        sc_diag *diag);

/** Like sc_header_find, with the class given with the file (NULL when
 *  none): a roll then needs no class column. A roll that has the pupils'
 *  names but no class and no class given is refused with a message that
 *  shows --roll FICHIER:CLASSE. */
sc_error sc_header_find_given(const sc_table *table, sc_kind kind,
                              const sc_aliases *extra, const char *class_given,
                              sc_header *out, sc_diag *diag);

/** Tells the kind of a file from its header, for files given without
 *  --roll or --placements: the first of the first 50 rows that is the
 *  header of a tracking sheet (the pupil and a column only placements
 *  have) or of a roll (names and a class, or a class given) decides. Sets
 *  *kind, *out and why (French, "ligne 3 : colonnes de stage (« Lieu
 *  d'accueil », « Du »)"). Returns SC_ERROR_NO_HEADER with diag naming the
 *  file when no row is either, SC_ERROR_MEMORY, or SC_OK. */
sc_error sc_header_detect(const sc_table *table, const sc_aliases *extra,
                          const char *class_given, sc_kind *kind,
                          sc_header *out, char *why, size_t why_size,
                          sc_diag *diag);

/** Returns 1 if row repeats the header row of table (the same texts, as
 *  when exports are pasted end to end). */
int sc_header_repeated(const sc_table *table, const sc_header *header,
                       const sc_row *row);

#endif /* STAGECHECK_INPUT_HEADER_H */
