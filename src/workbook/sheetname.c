/*
 * sheetname.c - Excel sheet names for classes: cut to 31 UTF-16 units,
 * cleaned of what Excel refuses, and numbered when already taken.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/base/text.h"

#define SHEET_MAX 31    /* Excel's longest sheet name, in UTF-16 units */
#define NAME_TAIL 10    /* units kept from the end of a name too long */

/* Names a class sheet may not take: the fixed sheets, Changements even in a
 * workbook without it (the next run may add it), and "History", which Excel
 * keeps for its change history. */
static const char *const reserved_names[] = {
    SC_SHEETNAME_SUMMARY, SC_SHEETNAME_RELANCES, SC_SHEETNAME_HOSTED,
    SC_SHEETNAME_CHANGES, SC_SHEETNAME_ANOMALIES, "History"};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

int sc_sheetname_equal(const char *a, const char *b)
{
    char *ka = sc_text_key(a);
    char *kb = sc_text_key(b);
    int eq = ka && kb ? strcmp(ka, kb) == 0 : strcasecmp(a, b) == 0;

    free(ka);
    free(kb);
    return eq;
}

/* Returns the bytes of the longest prefix of s that holds at most units
 * UTF-16 units; looking no further than 3 bytes a unit (the most valid
 * UTF-8 takes) keeps invalid input within SC_SHEETNAME_SIZE. */
static size_t name_prefix(const char *s, size_t units)
{
    size_t len = strlen(s);

    return sc_text_utf16_prefix(s, len < 3 * units ? len : 3 * units, units);
}

/* Returns 1 if name is taken: one of the reserved names or of the nused
 * names of used, whose sc_text_key forms are keys (an entry NULL when it
 * could not be made). Compared without case and punctuation, stricter
 * than Excel's own check. */
static int name_taken(const char *name, const char *const *used,
                      char *const *keys, size_t nused)
{
    char *key = sc_text_key(name);
    int taken = 0;

    for (size_t i = 0; !taken && i < sizeof reserved_names /
                                         sizeof *reserved_names; i++)
        taken = sc_sheetname_equal(name, reserved_names[i]);
    for (size_t i = 0; !taken && i < nused; i++)
        taken = key && keys[i] ? strcmp(key, keys[i]) == 0
                               : strcasecmp(name, used[i]) == 0;
    free(key);
    return taken;
}

void sc_sheetname_make_keyed(const char *class_name, const char *const *used,
                             char *const *keys, size_t nused,
                             char out[SC_SHEETNAME_SIZE])
{
    const char *s = class_name ? class_name : "";
    char base[SC_SHEETNAME_SIZE];
    size_t len;

    /* Excel refuses a name that starts or ends with an apostrophe. */
    while (is_blank(*s) || *s == '\'')
        s++;
    len = strlen(s);
    if (sc_text_utf16_prefix(s, len, SHEET_MAX) < len) {
        /* Too long: its start and its end, which tells groups apart
         * ("Seconde générale et…ologique 10"). */
        size_t head = name_prefix(s, SHEET_MAX - 1 - NAME_TAIL), tail = len;

        /* Back one whole character at a time. */
        for (size_t units = 0; tail > 0;) {
            size_t start = tail - 1, u;

            while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80)
                start--;
            u = (unsigned char)s[start] >= 0xF0 ? 2 : 1;
            if (units + u > NAME_TAIL)
                break;
            units += u;
            tail = start;
        }
        while (head > 0 && is_blank(s[head - 1]))
            head--;
        while (tail < len && is_blank(s[tail]))
            tail++;
        memcpy(base, s, head);
        memcpy(base + head, "\xE2\x80\xA6", 3); /* … */
        memcpy(base + head + 3, s + tail, len - tail);
        len = head + 3 + (len - tail);
    } else {
        memcpy(base, s, len);
    }
    while (len > 0 && (is_blank(base[len - 1]) || base[len - 1] == '\''))
        len--;
    base[len] = '\0';
    /* Control characters would make workbook.xml invalid XML. */
    for (size_t i = 0; i < len; i++)
        if (strchr("[]:*?/\\", base[i]) || (unsigned char)base[i] < 0x20 ||
            base[i] == 0x7F)
            base[i] = '_';
    if (len == 0)
        strcpy(base, "Classe");

    strcpy(out, base);
    for (unsigned long n = 2; name_taken(out, used, keys, nused); n++) {
        char suffix[32];
        size_t slen = (size_t)snprintf(suffix, sizeof suffix, " (%lu)", n);

        len = name_prefix(base, SHEET_MAX - slen);
        while (len > 0 && is_blank(base[len - 1]))
            len--;
        memcpy(out, base, len);
        memcpy(out + len, suffix, slen + 1);
    }
}

void sc_sheetname_make(const char *class_name, const char *const *used,
                       size_t nused, char out[SC_SHEETNAME_SIZE])
{
    char **keys = calloc(nused ? nused : 1, sizeof *keys);

    for (size_t i = 0; keys && i < nused; i++)
        keys[i] = sc_text_key(used[i]);
    if (keys)
        sc_sheetname_make_keyed(class_name, used, keys, nused, out);
    else
        sc_sheetname_make_keyed(class_name, used, (char *const[1]){NULL}, 0,
                                out);
    for (size_t i = 0; keys && i < nused; i++)
        free(keys[i]);
    free(keys);
}
