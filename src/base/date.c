/*
 * date.c - calendar arithmetic, date cells and the national period.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "stagecheck/base/date.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int sc_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= month_days(y, m);
}

/* Howard Hinnant's days_from_civil. */
sc_date sc_date_make(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sc_date_split(sc_date date, int *y, int *m, int *d)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;

    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int sc_date_weekday(sc_date date)
{
    /* 1970-01-01 was a Thursday (4). */
    int w = (int)((date % 7 + 7 + 3) % 7);
    return w + 1;
}

/* Reads 1 to max digits; returns how many were read. */
static int read_number(const char **p, int max, int *value)
{
    int n = 0;

    *value = 0;
    while (n < max && isdigit((unsigned char)**p)) {
        *value = *value * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n;
}

/* Accepts what spreadsheets append to a date: " hh:mm" or " hh:mm:ss". */
static int skip_time(const char *p)
{
    int h, mi, s;

    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return 1;
    if (read_number(&p, 2, &h) == 0 || *p++ != ':' ||
        read_number(&p, 2, &mi) != 2)
        return 0;
    if (*p == ':' && (p++, read_number(&p, 2, &s) != 2 || s >= 60))
        return 0;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '\0' && h < 24 && mi < 60;
}

sc_parse sc_date_parse(const char *text, sc_date *out)
{
    const char *p = text;
    int a, b, c, na, nb, nc, y, m, d;

    *out = SC_DATE_NONE;
    if (!p)
        return SC_PARSE_EMPTY;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return SC_PARSE_EMPTY;
    na = read_number(&p, 4, &a);
    if (na == 4 && *p == '-') { /* AAAA-MM-JJ */
        p++;
        nb = read_number(&p, 2, &b);
        if (nb != 2 || *p++ != '-')
            return SC_PARSE_INVALID;
        nc = read_number(&p, 2, &c);
        if (nc != 2)
            return SC_PARSE_INVALID;
        y = a, m = b, d = c;
    } else if (na >= 1 && na <= 2 && *p == '/') { /* J/M/AAAA */
        p++;
        nb = read_number(&p, 2, &b);
        if (nb == 0 || *p++ != '/')
            return SC_PARSE_INVALID;
        nc = read_number(&p, 4, &c);
        if (nc != 4) /* "1/1/24": the century is a guess we do not make */
            return SC_PARSE_INVALID;
        d = a, m = b, y = c;
    } else {
        return SC_PARSE_INVALID;
    }
    if (!skip_time(p) || !sc_date_valid(y, m, d))
        return SC_PARSE_INVALID;
    *out = sc_date_make(y, m, d);
    return SC_PARSE_OK;
}

int sc_date_parse_iso(const char *text, sc_date *out)
{
    const char *p = text;
    int y, m, d;

    if (!text || strlen(text) != 10 || read_number(&p, 4, &y) != 4 ||
        *p++ != '-' || read_number(&p, 2, &m) != 2 || *p++ != '-' ||
        read_number(&p, 2, &d) != 2 || !sc_date_valid(y, m, d))
        return -1;
    *out = sc_date_make(y, m, d);
    return 0;
}

int sc_date_parse_range(const char *text, sc_date *start, sc_date *end)
{
    const char *colon = text ? strchr(text, ':') : NULL;
    char first[16];

    if (!colon || colon - text >= (long)sizeof first)
        return -1;
    memcpy(first, text, (size_t)(colon - text));
    first[colon - text] = '\0';
    if (sc_date_parse_iso(first, start) < 0 ||
        sc_date_parse_iso(colon + 1, end) < 0)
        return -1;
    return 0;
}

void sc_date_format(sc_date date, char buf[11])
{
    int y, m, d;
    char tmp[40];

    if (date == SC_DATE_NONE) {
        buf[0] = '\0';
        return;
    }
    sc_date_split(date, &y, &m, &d);
    snprintf(tmp, sizeof tmp, "%02d/%02d/%04d", d, m, y);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

sc_date sc_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;

    localtime_r(&now, &tm);
    return sc_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
