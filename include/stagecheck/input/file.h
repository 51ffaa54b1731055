/*
 * file.h - one input file into the dataset: read and decode, parse with the
 * separator that yields a header, map the header, build the records.
 */
#ifndef STAGECHECK_INPUT_FILE_H
#define STAGECHECK_INPUT_FILE_H
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/header.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/siecle.h"
#include "stagecheck/input/source.h"

/** What the run knows of a file before reading it. */
typedef struct sc_file_spec {
    const char *path;       /* the file, without :CLASSE or #Feuille */
    const char *class_name; /* the class given with it (FICHIER:CLASSE), or
                               NULL */
    const char *sheet;      /* the sheet given (FICHIER.xlsx#Feuille), or
                               NULL: the first with a recognised header */
    int detect;             /* 1: its kind is told from its content */
    sc_kind kind;           /* else the kind it was given as */
    int school_year;        /* the school year of --as-of, to check a SIECLE
                               export's against; 0: not checked */
} sc_file_spec;

/** One input file, parsed, with its header found. */
typedef struct sc_file {
    sc_source *source;      /* its path is the file's name in messages,
                               with the sheet read: "suivi.xlsx, feuille
                               « Suivi »" */
    sc_table *table;
    sc_header header;
    sc_kind kind;
    int detected;           /* the kind was told from the content */
    int is_siecle;          /* a SIECLE XML export: siecle is set */
    sc_siecle_params siecle;
    char encoding[32];      /* the SIECLE export's, source->encoding */
    int own_book;           /* a workbook stagecheck wrote (refused) */
} sc_file;

/** Reads the file spec names, whatever its format, told from its content
 *  (never its name): a SIECLE XML export (.xml or .zip), an .xlsx, .ods or
 *  .xls workbook (the sheet given, else the first whose header is
 *  recognised, visible sheets first), else a CSV (sc_source_read). Its
 *  kind is the one given, or told from its header (sc_header_detect); a
 *  SIECLE export is a roll. source->format and source->why say what it
 *  was taken for and why. Anomalies gets what the file's reader reports
 *  (formula cells with no value, undecodable bytes, a SIECLE export of
 *  another school year). Errors stop the run, diag naming the file (and
 *  the sheet): those of the readers, SC_ERROR_NO_HEADER (own_book set for
 *  a workbook stagecheck wrote). The caller clears file with
 *  sc_file_clear either way. */
sc_error sc_file_open(sc_file *file, const sc_file_spec *spec,
                      const sc_aliases *aliases, sc_anomalies *anomalies,
                      sc_diag *diag);

/** Returns 1 if path is a workbook stagecheck wrote (an .xlsx whose first
 *  sheet is the Synthèse): one a run may replace. */
int sc_file_own_book(const char *path);

/** Splits what the user wrote into the file's path, the class after a
 *  last ':' and the sheet after a last '#', each split made only when
 *  what is left names a file that exists: a path that exists as written is
 *  a path, colon or hash and all. *class_name and *sheet are NULL when not
 *  given. The caller frees the three. Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_file_split(const char *given, char **path, char **class_name,
                       char **sheet);

/** Parses a decoded source as a file of kind and finds its header: the
 *  detected separator is tried first, then the others, and the first that
 *  yields a header row wins; aliases (may be NULL) are the configuration's
 *  extra header names; undecodable bytes are reported into anomalies.
 *  file takes source (and frees it with sc_file_clear); the decoded text
 *  is freed once parsed, the table holding every field. Returns SC_OK, or
 *  an error that stops the run with diag filled (SC_ERROR_CSV_QUOTE,
 *  SC_ERROR_NO_HEADER, SC_ERROR_FILE_EMPTY, SC_ERROR_MEMORY). The caller
 *  clears file with sc_file_clear either way. */
sc_error sc_file_parse(sc_file *file, sc_source *source, sc_kind kind,
                       const sc_aliases *aliases, sc_anomalies *anomalies,
                       sc_diag *diag);

/** sc_file_open of path as a file of kind. */
sc_error sc_file_load(sc_file *file, const char *path, sc_kind kind,
                      const sc_aliases *aliases, sc_anomalies *anomalies,
                      sc_diag *diag);

/** Adds the rows of table, which is file's table or a view of it whose row
 *  0 is the header row, to data. last says no later reader reads the
 *  file's rows: those table borrows (the file's own, or a view of
 *  sc_table_borrow) are given back as they are read (sc_table_release;
 *  a view of copied rows gives back nothing), and table and the file's
 *  table are then only fit to be freed. Returns SC_OK or
 *  SC_ERROR_MEMORY. */
sc_error sc_file_add(const sc_file *file, sc_table *table, sc_dataset *data,
                     sc_anomalies *anomalies, int last);

/** Frees what file holds and zeroes it; NULL is fine. */
void sc_file_clear(sc_file *file);

/** Sets up what the readers' libraries keep for the whole process
 *  (libxml2's globals), once, before files are read from several threads:
 *  sc_file_open may then run in several threads at once, on different
 *  files, each with its own anomalies and diag (the aliases are only
 *  read). */
void sc_file_init_threads(void);

#endif /* STAGECHECK_INPUT_FILE_H */
