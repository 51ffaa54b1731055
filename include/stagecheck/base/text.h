/*
 * text.h - Unicode folding (through utf8proc) and the small cell parsers.
 */
#ifndef STAGECHECK_BASE_TEXT_H
#define STAGECHECK_BASE_TEXT_H

#include <stddef.h>
#include "stagecheck/base/date.h"

/** Returns a new string: s case-folded, accents removed, every run of
 *  characters that are not letters or digits turned into one space, and
 *  trimmed ("Éloïse  DUPONT-MARTIN" -> "eloise dupont martin").
 *  NULL when out of memory. The caller frees it. */
char *sc_text_fold(const char *s);

/** Like sc_text_fold but with no spaces at all ("N° INE" -> "nine"): the
 *  form used to compare headers, host types and dispense reasons. */
char *sc_text_key(const char *s);

/** Returns the key pupils are matched on: sc_text_key(surname), a space,
 *  sc_text_key(first), so that case, accents, hyphens, apostrophes and spaces
 *  do not count ("N'DIAYE" = "NDIAYE", "Anne-Sophie" = "anne sophie").
 *  NULL when out of memory; the caller frees it. */
char *sc_text_name_key(const char *surname, const char *first);

/** Returns 1 if s (NULL or not) holds only blanks: ASCII white space,
 *  no-break spaces (U+00A0, U+202F) and BOMs (U+FEFF). */
int sc_text_blank(const char *s);

/** Drops an incomplete UTF-8 sequence left at the end of s by a cut (as
 *  snprintf does into a fixed buffer); returns s. */
char *sc_text_cut(char *s);

/** Excel's longest cell text, in UTF-16 units. */
#define SC_TEXT_CELL_MAX 32767

/** Returns the bytes of the longest prefix of s (len bytes of UTF-8) that
 *  ends on a character boundary and holds at most max UTF-16 units, the
 *  unit Excel counts in (characters beyond the BMP take two). */
size_t sc_text_utf16_prefix(const char *s, size_t len, size_t max);

/** Returns 1 if s holds valid UTF-8. */
int sc_text_valid_utf8(const char *s, size_t len);

/** Returns text fit for the XML of a workbook: valid UTF-8 is kept, each
 *  byte that starts no valid UTF-8 sequence is read as Windows-1252 (where
 *  such bytes come from: a file name from a USB key or a Samba share), the
 *  control characters XML 1.0 forbids (below U+0020 but TAB, LF and CR)
 *  are dropped and U+FFFE, U+FFFF become U+FFFD. Returns text itself when
 *  it needs no change; otherwise a new string, also stored in *copy for
 *  the caller to free. NULL (and *copy NULL) when out of memory. */
const char *sc_text_xml_safe(const char *text, char **copy);

/** Returns 1 if the UTF-8 text s matches the glob pattern, whatever the
 *  locale: both are compared case-folded and without accents (as
 *  sc_text_fold folds them, spaces and punctuation kept), `?` stands for
 *  one character, `*` for any run of them, `[...]` for one of a set
 *  (ranges `a-z`, negated by a leading `!` or `^`), and `\` makes the
 *  next character literal. 0 if not, -1 when out of memory. */
int sc_text_glob(const char *pattern, const char *s);

/** Trims blanks (as sc_text_blank) in place and removes Excel's ="..."
 *  wrapper; returns s. */
char *sc_text_clean(char *s);

/** strdup that returns NULL for NULL. */
char *sc_text_dup(const char *s);

/** Splits a Pronote "NOM Prénom" cell: the leading words written wholly in
 *  capitals are the surname. Returns 0, or -1 when out of memory; the caller
 *  frees *surname and *first. */
int sc_text_split_name(const char *full, char **surname, char **first);

/** Parses a yes/no cell: oui/non, o/n, x, vrai/faux, 1/0, yes/no,
 *  true/false; a date means yes; empty means no (SC_PARSE_EMPTY);
 *  SC_PARSE_MEMORY when out of memory. */
sc_parse sc_text_parse_yesno(const char *s, int *yes);

#endif /* STAGECHECK_BASE_TEXT_H */
