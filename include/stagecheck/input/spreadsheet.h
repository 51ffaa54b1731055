/*
 * spreadsheet.h - tracking sheets and rolls kept in Excel or LibreOffice:
 * .xlsx, .ods and .xls workbooks read into the same sc_table a CSV gives.
 *
 * A table read from a sheet has `sheet` set to the sheet's name and each
 * row's `line` is the sheet's own row number, the one the secretary sees
 * (1-based; empty rows are left out but the numbering keeps them).
 * Values become the text the rest of stagecheck parses: a date (a date-
 * formatted number in .xlsx and .xls, office:date-value in .ods) is
 * JJ/MM/AAAA, its time dropped; a boolean is "oui" or "non"; a whole
 * number keeps all its digits ("12345678901234", no ".0"); other numbers
 * are written %.15g; a formula gives its cached value.
 *
 *     sc_spreadsheet_format format;
 *     sc_spreadsheet *book;
 *     sc_table *table;
 *
 *     sc_spreadsheet_detect(path, &format, &diag);   // NONE: not a workbook
 *     sc_spreadsheet_open(path, format, &book, &diag);
 *     for (size_t i = 0; i < sc_spreadsheet_count(book); i++)
 *         ... sc_spreadsheet_sheet_name(book, i), _sheet_hidden(book, i)
 *     sc_spreadsheet_read(book, 0, &table, &diag);
 *     sc_spreadsheet_uncached(book, &n)   // formulas with no value
 *     sc_spreadsheet_close(book);          // the table lives on
 */
#ifndef STAGECHECK_INPUT_SPREADSHEET_H
#define STAGECHECK_INPUT_SPREADSHEET_H

#include <stddef.h>
#include "stagecheck/base/error.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/table.h"

/** What a file holds, told from its content (never from its name). */
typedef enum sc_spreadsheet_format {
    SC_SPREADSHEET_NONE = 0,  /* not a workbook: a CSV, an XML file, ... */
    SC_SPREADSHEET_XLSX,      /* a zip holding xl/workbook.xml */
    SC_SPREADSHEET_ODS,       /* a zip whose mimetype is an ODF sheet */
    SC_SPREADSHEET_XLS,       /* an OLE compound file (Excel 97-2003) */
    SC_SPREADSHEET_ENCRYPTED  /* an OLE compound file holding an
                                 EncryptionInfo stream: an .xlsx (or
                                 .docx...) saved with a password */
} sc_spreadsheet_format;

/** Returns "xlsx", "ods", "xls", "encrypted" or "none". */
const char *sc_spreadsheet_format_name(sc_spreadsheet_format format);

/** Tells the format of the len bytes at bytes, a whole file (a zip is
 *  looked into with libzip). A zip that is no workbook, or too damaged to
 *  say, is SC_SPREADSHEET_NONE; so is any other content. */
sc_spreadsheet_format sc_spreadsheet_detect_buffer(const void *bytes,
                                                   size_t len);

/** Same for the file at path, read only as far as needed. Returns SC_OK
 *  and *format, or SC_ERROR_FILE_OPEN / SC_ERROR_FILE_READ with diag
 *  filled when the file cannot be read. A file that starts like a zip but
 *  is truncated is SC_SPREADSHEET_NONE here: sc_spreadsheet_open says
 *  what is wrong with it. */
sc_error sc_spreadsheet_detect(const char *path, sc_spreadsheet_format *format,
                               sc_diag *diag);

typedef struct sc_spreadsheet sc_spreadsheet;

/** Opens the workbook at path as format (SC_SPREADSHEET_NONE: detect it)
 *  and lists its sheets. Returns SC_OK and *out, which the caller frees
 *  with sc_spreadsheet_close, or an error with diag naming the file:
 *  SC_ERROR_FILE_OPEN (cannot open: the system's reason), SC_ERROR_FILE_READ
 *  (a truncated or broken zip, a part missing, a password-protected file:
 *  "protégé par un mot de passe", an .xls freexl refuses, a file that is
 *  no workbook), SC_ERROR_MEMORY. */
sc_error sc_spreadsheet_open(const char *path, sc_spreadsheet_format format,
                             sc_spreadsheet **out, sc_diag *diag);

/** Same with the file's len bytes in memory (borrowed until close), for
 *  .xlsx and .ods only (freexl reads files only: an .xls is refused);
 *  name is for messages. The fuzz harness reads through it. */
sc_error sc_spreadsheet_open_buffer(const char *name, const void *bytes,
                                    size_t len, sc_spreadsheet_format format,
                                    sc_spreadsheet **out, sc_diag *diag);

/** The workbook's format. */
sc_spreadsheet_format sc_spreadsheet_format_of(const sc_spreadsheet *book);

/** Number of sheets, in the workbook's order (hidden ones included). */
size_t sc_spreadsheet_count(const sc_spreadsheet *book);

/** Name of sheet i (i < count), UTF-8, owned by book. */
const char *sc_spreadsheet_sheet_name(const sc_spreadsheet *book, size_t i);

/** Returns 1 if sheet i is hidden (.xlsx state="hidden" or "veryHidden",
 *  .ods table:display="false"); always 0 for .xls, which freexl does not
 *  tell. */
int sc_spreadsheet_sheet_hidden(const sc_spreadsheet *book, size_t i);

/** Returns the index of the sheet named name (exact match first, then
 *  case and accents ignored, sc_text_key), or -1. */
long sc_spreadsheet_find(const sc_spreadsheet *book, const char *name);

/** Reads sheet i into *out, a table that owns copies of the file's path
 *  and the sheet's name (table->sheet) and outlives book; the caller frees
 *  it with sc_table_free. Hidden rows are read like the others. Returns
 *  SC_OK, SC_ERROR_MEMORY, or SC_ERROR_FILE_READ with diag naming the file
 *  and the sheet (a sheet XML cut short or holding a bad byte, a damaged
 *  zip entry, a sheet past Excel's limits). */
sc_error sc_spreadsheet_read(sc_spreadsheet *book, size_t i, sc_table **out,
                             sc_diag *diag);

/** A formula cell that holds no computed value (a file written by a
 *  program that does not compute, such as a script): its field is empty. */
typedef struct sc_spreadsheet_cell {
    unsigned row;    /* the sheet's row number */
    unsigned column; /* 1 = A */
    char name[16];   /* "C5" */
} sc_spreadsheet_cell;

/** The uncached formula cells of the last sheet read, in the sheet's
 *  order; *count of them. Owned by book, valid until the next read. */
const sc_spreadsheet_cell *sc_spreadsheet_uncached(const sc_spreadsheet *book,
                                                   size_t *count);

/** Adds one warning per uncached formula cell of the last sheet read to
 *  anomalies: at the file and row, "feuille « Suivi », cellule C5 :
 *  formule sans valeur calculée : enregistrez le fichier dans Excel ou
 *  LibreOffice". Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_spreadsheet_report_uncached(const sc_spreadsheet *book,
                                        sc_anomalies *anomalies);

/** Frees book; NULL is fine. Tables read from it stay valid. */
void sc_spreadsheet_close(sc_spreadsheet *book);

#endif /* STAGECHECK_INPUT_SPREADSHEET_H */
