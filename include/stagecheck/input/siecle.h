/*
 * siecle.h - SIECLE's XML export « Élèves sans adresses » (root
 * BEE_ELEVES), as delivered (ExportXML_ElevesSansAdresses.zip) or
 * unzipped, read into a table of rows like a CSV roll.
 *
 * libzip opens the archive and libxml2's streaming reader reads the XML,
 * one pupil's subtree at a time, decoding ISO-8859-15. Row 0 of the table
 * is a header row (sc_siecle_header), then one row per ELEVE, in file
 * order, each with the line of its <ELEVE> element (in the archive's
 * member for a .zip).
 */
#ifndef STAGECHECK_INPUT_SIECLE_H
#define STAGECHECK_INPUT_SIECLE_H

#include <stddef.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/table.h"

/** The fields of every row, in this order. */
typedef enum sc_siecle_column {
    SC_SIECLE_SURNAME,  /* "Nom": NOM_USAGE, or NOM_DE_FAMILLE when it is
                           empty, or NOM (exports before NOM_DE_FAMILLE) */
    SC_SIECLE_FIRST,    /* "Prénom": PRENOM */
    SC_SIECLE_BIRTH,    /* "Né(e) le": DATE_NAISS as written (JJ/MM/AAAA) */
    SC_SIECLE_INE,      /* "INE": ID_NATIONAL, "" when absent */
    SC_SIECLE_CLASS,    /* "Classe": CODE_STRUCTURE of the pupil's division
                           (TYPE_STRUCTURE D); "" when he has none, or only
                           SIECLE's "Inactifs"; groups (G) are ignored */
    SC_SIECLE_MEF_CODE, /* "Code MEF": CODE_MEF as written */
    SC_SIECLE_MEF,      /* "MEF": the level the code names
                           (sc_siecle_mef_label), "" when unknown */
    SC_SIECLE_LEFT,     /* "Date de sortie": DATE_SORTIE, "" when none */
    SC_SIECLE_UAI,      /* "UAI": PARAMETRES/UAJ, the same on every row */
    SC_SIECLE_COLUMNS   /* keep last */
} sc_siecle_column;

/** Returns the header text of column ("Nom", "Code MEF", ...); "" for a
 *  value out of range. */
const char *sc_siecle_header(sc_siecle_column column);

/** The export's PARAMETRES, and where the XML came from. */
typedef struct sc_siecle_params {
    char uai[16];        /* UAJ, "" when absent */
    int school_year;     /* ANNEE_SCOLAIRE: the year the school year starts
                            (2023 for 2023-2024); 0 when absent or not a
                            year */
    sc_date export_date; /* DATE_EXPORT; SC_DATE_NONE when absent or
                            unreadable */
    char encoding[32];   /* as the prolog declares it ("ISO-8859-15");
                            "UTF-8" when it declares none */
    char member[256];    /* the archive's member read
                            ("ElevesSansAdresses.xml"); "" for an .xml */
} sc_siecle_params;

/** What the start of a file says it is. */
typedef enum sc_siecle_format {
    SC_SIECLE_NONE = 0, /* not a SIECLE « Élèves sans adresses » export */
    SC_SIECLE_XML,      /* its XML: a first element BEE_ELEVES */
    SC_SIECLE_ZIP       /* a zip whose first .xml member is that XML */
} sc_siecle_format;

/** Tells whether path is the export, from the first 4 KiB of the file
 *  (or of the archive's .xml member: libzip reads the archive's directory
 *  at its end, then only that much of the member). Never fails: a file
 *  that cannot be read is SC_SIECLE_NONE. */
sc_siecle_format sc_siecle_detect(const char *path);

/** The same on bytes in memory: the whole file for a zip, at least its
 *  first 4 KiB for an .xml. */
sc_siecle_format sc_siecle_detect_bytes(const char *bytes, size_t len);

/** Reads the export at path, zipped or not (told by its first bytes).
 *  On SC_OK, *out is the table (row 0 the header row, at the line of
 *  <BEE_ELEVES>), which the caller frees with sc_table_free, and *params
 *  (may be NULL) holds the export's parameters. The table borrows path
 *  for its rows' file: keep it alive as long as the table.
 *  A pupil with no name (NOM_USAGE, NOM_DE_FAMILLE and NOM all empty) is
 *  left out and reported into anomalies (not NULL) as a warning at his
 *  line. An export with no pupil gives a table of the header row alone.
 *  Errors, diag naming path and the line (libxml2's, for broken XML):
 *  SC_ERROR_FILE_OPEN, SC_ERROR_FILE_READ (a directory, a truncated or
 *  damaged archive, a password-protected one), SC_ERROR_FILE_EMPTY,
 *  SC_ERROR_ENCODING (malformed XML: a forbidden byte, a cut file),
 *  SC_ERROR_NO_HEADER (an archive with no .xml, or an XML whose root is
 *  not BEE_ELEVES), SC_ERROR_MEMORY; *out is then NULL. */
sc_error sc_siecle_read(const char *path, sc_table **out,
                        sc_siecle_params *params, sc_anomalies *anomalies,
                        sc_diag *diag);

/** Like sc_siecle_read on the len bytes at bytes (the whole file), which
 *  must stay alive until it returns; path is only named in the table and
 *  the messages. */
sc_error sc_siecle_parse(const char *path, const char *bytes, size_t len,
                         sc_table **out, sc_siecle_params *params,
                         sc_anomalies *anomalies, sc_diag *diag);

/** Returns the French name of the level a MEF code's first digits (its
 *  "dispositif de formation") name, for example "Première générale" for
 *  20110019110 and "Seconde professionnelle" for a bac pro's first year;
 *  NULL when the code is not one of the lycée's levels known here. */
const char *sc_siecle_mef_label(const char *code);

/** Returns 1 if code is a MEF of seconde générale et technologique
 *  (dispositif 200), 0 for another MEF, -1 when code is blank or not a
 *  MEF (10 or 11 digits). */
int sc_siecle_mef_seconde_gt(const char *code);

#endif /* STAGECHECK_INPUT_SIECLE_H */
