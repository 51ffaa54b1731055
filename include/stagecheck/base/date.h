/*
 * date.h - calendar dates and the parsers of date cells (the school
 * calendar is core/period.h).
 */
#ifndef STAGECHECK_BASE_DATE_H
#define STAGECHECK_BASE_DATE_H

#include <stdint.h>
#include "stagecheck/base/error.h"

/** A calendar date as a day count since 1970-01-01 (proleptic Gregorian). */
typedef int32_t sc_date;

/** The "no date" value (empty cell, unknown birth date). */
#define SC_DATE_NONE INT32_MIN

/** Result of parsing a cell. */
typedef enum sc_parse {
    SC_PARSE_EMPTY = 0, /* blank cell */
    SC_PARSE_OK,
    SC_PARSE_INVALID,   /* something that cannot be read: an anomaly */
    SC_PARSE_MEMORY     /* out of memory: nothing is known */
} sc_parse;

/** Returns 1 if y-m-d names a real day (1 <= y <= 9999). */
int sc_date_valid(int y, int m, int d);

/** Returns the date of y-m-d; the caller checks it with sc_date_valid first. */
sc_date sc_date_make(int y, int m, int d);

/** Splits a date into year, month and day. */
void sc_date_split(sc_date date, int *y, int *m, int *d);

/** Returns the ISO weekday: 1 = Monday ... 7 = Sunday. */
int sc_date_weekday(sc_date date);

/** Parses JJ/MM/AAAA, J/M/AAAA or AAAA-MM-JJ (an optional " hh:mm[:ss]"
 *  after it is ignored); surrounding blanks are ignored. */
sc_parse sc_date_parse(const char *text, sc_date *out);

/** Parses strictly AAAA-MM-JJ (command-line form). Returns 0 on success. */
int sc_date_parse_iso(const char *text, sc_date *out);

/** Parses "AAAA-MM-JJ:AAAA-MM-JJ" (the --period form). Returns 0, or -1 when
 *  the text is not two such dates. start > end is left to the caller. */
int sc_date_parse_range(const char *text, sc_date *start, sc_date *end);

/** Writes JJ/MM/AAAA (or "" for SC_DATE_NONE) into buf of 11 bytes. */
void sc_date_format(sc_date date, char buf[11]);

/** Today's date, local time. */
sc_date sc_date_today(void);

#endif /* STAGECHECK_BASE_DATE_H */
