/*
 * school.h - splitting the inputs by school, from their UAI column, so that
 * each school is checked on its own rows only and matching never crosses
 * schools.
 */
#ifndef STAGECHECK_INPUT_SCHOOL_H
#define STAGECHECK_INPUT_SCHOOL_H
#include <stddef.h>
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/file.h"
#include "stagecheck/input/csv.h"

/** A school's rows of one input file: a view of the file's table whose
 *  row 0 is the header row (when they are all the file's rows under its
 *  header, the file's own array, borrowed: sc_table_borrow). */
typedef struct sc_part {
    size_t file;     /* index in the files given to sc_school_split */
    sc_table *table; /* a view (no blocks or cells of its own), owned by
                        the school */
} sc_part;

typedef struct sc_school {
    char *uai;       /* normalised (upper case, no spaces); NULL when the
                        inputs carry no UAI */
    char *name;      /* the first "Établissement" cell seen, or NULL */
    sc_part *parts;  /* in file order */
    size_t nparts;
} sc_school;

typedef struct sc_schools {
    sc_school *items; /* sorted by UAI */
    size_t count;
} sc_schools;

/** Splits files by the UAI of each row.
 *  - No file has a UAI column: one school (uai NULL) with every row.
 *  - by_school: a file without a UAI column stops the run
 *    (SC_ERROR_NO_HEADER, diag names it); a row with an empty UAI is
 *    reported into anomalies as an error and belongs to no school.
 *  - Otherwise (one workbook): rows of two schools stop the run
 *    (SC_ERROR_SCHOOLS, diag lists them); a file without the column, or a
 *    row with an empty UAI, belongs to the one school, the row reported as
 *    a warning.
 *  Returns SC_OK, SC_ERROR_MEMORY or one of the above; the caller frees
 *  schools with sc_school_list_clear either way. */
sc_error sc_school_split(sc_schools *schools, const sc_file *files,
                          size_t nfiles, int by_school,
                          sc_anomalies *anomalies, sc_diag *diag);

/** Frees the schools and their views; NULL is fine. */
void sc_school_list_clear(sc_schools *schools);

/** Writes the file name of a school's workbook into out (size 32 at
 *  least): "<UAI>-<name>.xlsx", both in ASCII letters, digits and dashes
 *  (at most 60 characters each), never a path. */
void sc_school_file_name(const sc_school *school, char *out, size_t size);

#endif /* STAGECHECK_INPUT_SCHOOL_H */
