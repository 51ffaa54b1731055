/*
 * archive.h - the XML parts of a zip archive (an .xlsx, an .ods), read with
 * libzip and libxml2's streaming reader: a part is decompressed and parsed
 * a few kilobytes at a time, never held whole in memory.
 *
 * For the spreadsheet readers; other modules go through spreadsheet.h.
 */
#ifndef STAGECHECK_INPUT_ARCHIVE_H
#define STAGECHECK_INPUT_ARCHIVE_H

#include <stddef.h>
#include <libxml/xmlreader.h>
#include "stagecheck/base/error.h"

typedef struct sc_archive sc_archive;

/** One part being read. reader is libxml2's: the caller walks it with
 *  sc_archive_part_next and xmlTextReaderConst* / GetAttribute. */
typedef struct sc_archive_part {
    xmlTextReaderPtr reader;
    struct sc_archive_stream *stream; /* the decompressing zip entry */
} sc_archive_part;

/** Opens the zip archive at path. Returns SC_ERROR_FILE_OPEN (the system's
 *  reason), SC_ERROR_FILE_READ (not a zip, truncated, broken) with diag
 *  filled, SC_ERROR_MEMORY, or SC_OK and *out, which the caller frees with
 *  sc_archive_free. */
sc_error sc_archive_open(const char *path, sc_archive **out, sc_diag *diag);

/** Same with the archive's len bytes in memory (borrowed until
 *  sc_archive_free); name is for messages. */
sc_error sc_archive_open_buffer(const char *name, const void *bytes,
                                size_t len, sc_archive **out, sc_diag *diag);

/** The path or name the archive was opened with. */
const char *sc_archive_path(const sc_archive *archive);

/** Returns 1 if the archive holds the file member. */
int sc_archive_has(sc_archive *archive, const char *member);

/** Reads the whole member (at most max bytes, else SC_ERROR_FILE_READ)
 *  into a NUL-terminated *out that the caller frees, its length in *len.
 *  For small parts such as an .ods's mimetype. */
sc_error sc_archive_slurp(sc_archive *archive, const char *member,
                          size_t max, char **out, size_t *len,
                          sc_diag *diag);

/** Starts reading the XML of member into part. Returns SC_ERROR_FILE_READ
 *  (missing member: diag says what the archive lacks), SC_ERROR_MEMORY, or
 *  SC_OK; the caller closes part with sc_archive_part_close either way. */
sc_error sc_archive_part_open(sc_archive *archive, const char *member,
                              sc_archive_part *part, sc_diag *diag);

/** Moves to the next node: returns 1, 0 at the end of the document, -1
 *  when the part is broken (see sc_archive_part_fail). */
int sc_archive_part_next(sc_archive_part *part);

/** Skips the current element's subtree; same results as _next. */
int sc_archive_part_skip(sc_archive_part *part);

/** After a -1: fills diag with what broke (the zip entry cut or damaged,
 *  the XML cut short, a byte that is not UTF-8, other bad XML), prefixed
 *  with where (e.g. "feuille « Suivi »", may be NULL) and, when known, the
 *  sheet's last row read (0: none). Returns SC_ERROR_FILE_READ, or
 *  SC_ERROR_MEMORY. */
sc_error sc_archive_part_fail(const sc_archive_part *part, const char *where,
                              unsigned last_row, sc_diag *diag);

/** Returns the attribute local of the current element, in no namespace
 *  (ns NULL) or in ns, as a string the caller frees with xmlFree; NULL when
 *  absent. */
char *sc_archive_part_attr(const sc_archive_part *part, const char *local,
                           const char *ns);

/** Returns 1 if the current node is an element (start tag) named local
 *  in namespace ns (NULL: any namespace). */
int sc_archive_part_is(const sc_archive_part *part, const char *local,
                       const char *ns);

/** A growing text buffer, NUL-terminated once it holds anything. */
typedef struct sc_archive_text {
    char *s;
    size_t len;
    size_t cap;
} sc_archive_text;

/** Appends len bytes to text. Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_archive_text_add(sc_archive_text *text, const char *bytes,
                             size_t len);

/** Frees text's bytes and zeroes it. */
void sc_archive_text_clear(sc_archive_text *text);

/** Appends to text (NULL: nowhere) the character data inside the current
 *  element (its start tag) and its descendants, and leaves the part on
 *  its end tag (or on the start tag of an empty element). Returns 1, -1
 *  when the part is broken, or -2 when out of memory. */
int sc_archive_part_text(sc_archive_part *part, sc_archive_text *text);

/** Ends reading a part; a zeroed part is fine. */
void sc_archive_part_close(sc_archive_part *part);

/** Frees an archive; NULL is fine. */
void sc_archive_free(sc_archive *archive);

#endif /* STAGECHECK_INPUT_ARCHIVE_H */
