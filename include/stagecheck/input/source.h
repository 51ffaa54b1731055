/*
 * source.h - reading an export: its bytes decoded to UTF-8, and the
 * separator its lines use (csv.h parses them).
 *
 * Decoding: UTF-8 with or without BOM, UTF-16 (LE or BE) with a BOM or
 * recognised by its NUL bytes, otherwise Windows-1252 (through iconv). The
 * separator is detected among ';', ',' and TAB.
 */
#ifndef STAGECHECK_INPUT_SOURCE_H
#define STAGECHECK_INPUT_SOURCE_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** A file's content, decoded to UTF-8 (NUL-terminated). */
typedef struct sc_source {
    char *path;           /* as given by the user */
    char *text;           /* UTF-8, NUL-terminated */
    size_t len;           /* bytes in text, without the NUL */
    const char *encoding; /* "UTF-8", "UTF-16LE", "UTF-16BE" or
                             "Windows-1252" */
    size_t bad_bytes;     /* bytes that could not be decoded (replaced) */
    unsigned first_bad_line; /* line of the first of them, 0 if none */
    size_t foreign_lines; /* lines of a UTF-8 file that were not UTF-8,
                             read as Windows-1252 */
    unsigned first_foreign_line; /* 0 if none */
    char *format;         /* "CSV", "Excel (.xlsx)", "XML SIECLE"…, set by
                             file.c, or NULL */
    char *why;            /* why the file was taken for its kind (French),
                             set by file.c, or NULL */
} sc_source;

/** Reads and decodes path. Returns SC_ERROR_FILE_OPEN, SC_ERROR_FILE_READ,
 *  SC_ERROR_FILE_EMPTY (no byte, or only blanks), SC_ERROR_ENCODING (not a
 *  CSV: a PDF, a spreadsheet, a web page, binary bytes) with diag filled,
 *  or SC_OK and *out, which the caller frees with sc_source_free. */
sc_error sc_source_read(const char *path, sc_source **out, sc_diag *diag);

/** Decodes bytes into *out as sc_source_read does (path is only kept). */
sc_error sc_source_decode(const char *path, const char *bytes, size_t len,
                          sc_source **out, sc_diag *diag);

/** Frees a source; NULL is fine. */
void sc_source_free(sc_source *source);

/** Returns the likeliest separator of the source: ';', ',' or '\t'. */
char sc_source_detect_sep(const sc_source *source);

#endif /* STAGECHECK_INPUT_SOURCE_H */
