/*
 * text.c - Unicode folding through utf8proc, and the yes/no and name parsers.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "stagecheck/base/text.h"

char *sc_text_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The length of the blank character at p: ASCII spaces, and the no-break
 * spaces (U+00A0, U+202F) and BOM (U+FEFF) that spreadsheets leave in
 * cells; 0 when p is not blank. */
static size_t blank_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n' || *u == '\v' ||
        *u == '\f')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if ((u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF) ||
        (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
        return 3;
    return 0;
}

/* The length of the blank character that ends s[0..len), or 0. */
static size_t blank_before(const char *s, size_t len)
{
    for (size_t n = 1; n <= 3 && n <= len; n++)
        if (blank_at(s + len - n) == n)
            return n;
    return 0;
}

int sc_text_blank(const char *s)
{
    size_t n;

    if (!s)
        return 1;
    for (; *s; s += n)
        if ((n = blank_at(s)) == 0)
            return 0;
    return 1;
}

int sc_text_valid_utf8(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t c;

    while (len > 0) {
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &c);
        if (n <= 0)
            return 0;
        p += n;
        len -= (size_t)n;
    }
    return 1;
}

char *sc_text_cut(char *s)
{
    size_t len = strlen(s), start = len;

    /* Back over continuation bytes to the lead byte of the last sequence. */
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80 &&
           len - start < 3)
        start--;
    if (start > 0 && ((unsigned char)s[start - 1] & 0x80)) {
        unsigned char lead = (unsigned char)s[start - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (len - (start - 1) < need)
            s[start - 1] = '\0';
    }
    return s;
}

size_t sc_text_utf16_prefix(const char *s, size_t len, size_t max)
{
    size_t i, units = 0;

    /* A byte is at most one unit (four bytes make a surrogate pair). */
    if (len <= max)
        return len;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t u = (c & 0xC0) == 0x80 ? 0 : c >= 0xF0 ? 2 : 1;

        if (units + u > max)
            break;
        units += u;
    }
    return i;
}

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *sc_text_clean(char *s)
{
    size_t len, n;
    char *start = s;

    while ((n = blank_at(start)) > 0)
        start += n;
    len = strlen(start);
    while ((n = blank_before(start, len)) > 0)
        len -= n;
    /* Excel's ="0123" keeps leading zeros of codes: the value is inside. */
    if (len >= 3 && start[0] == '=' && start[1] == '"' && start[len - 1] == '"') {
        start += 2;
        len -= 3;
    }
    memmove(s, start, len);
    s[len] = '\0';
    return s;
}

static int is_ascii(const char *s, size_t *len)
{
    const char *p = s;

    for (; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return 0;
    *len = (size_t)(p - s);
    return 1;
}

/* The flags of text_fold's mapping, and what it keeps of the result. */
#define FOLD_FLAGS (UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | \
                    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE)

static int fold_keeps(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);

    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Folds s with utf8proc (case, accents, compatibility forms), then keeps
 * letters and digits; other runs become one space, or nothing if !spaces.
 * A run of what is dropped is marked by a single FOLD_GAP in gaps mode
 * (for the table below) instead. */
#define FOLD_GAP '\x01'
static char *utf8proc_fold(const char *s, int spaces, int gaps)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n;
    char *out, *w;
    int pending_space = 0;

    n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded, FOLD_FLAGS);
    if (n == UTF8PROC_ERROR_NOMEM)
        return NULL;
    if (n < 0) {
        /* Not UTF-8 (cannot happen after decoding): fold nothing. */
        return strdup("");
    }
    out = malloc((size_t)n + 1);
    if (!out) {
        free(folded);
        return NULL;
    }
    w = out;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &c);

        if (len <= 0)
            break;
        if (fold_keeps(c)) {
            if (pending_space && w != out)
                *w++ = ' ';
            pending_space = 0;
            memcpy(w, folded + i, (size_t)len);
            w += len;
        } else if (gaps) {
            if (w == out || w[-1] != FOLD_GAP)
                *w++ = FOLD_GAP;
        } else if (spaces) {
            pending_space = 1;
        }
        i += len;
    }
    *w = '\0';
    free(folded);
    return out;
}

/* What utf8proc_fold gives for each character of two bytes in UTF-8
 * (U+0080 to U+07FF: accented Latin letters, Greek, Cyrillic, combining
 * accents), worked out once by utf8proc itself: the mapping folds each
 * character on its own (it decomposes and folds case character by
 * character, without composing, and the combining marks that canonical
 * ordering would move are all stripped), so a name of such characters
 * folds through this table exactly as through utf8proc_map, at a tenth
 * of the cost. len is FOLD2_UNKNOWN for a result too long to keep. */
#define FOLD2_FIRST 0x80
#define FOLD2_COUNT (0x800 - FOLD2_FIRST)
#define FOLD2_UNKNOWN 0xFF
typedef struct fold2_entry {
    unsigned char len;
    char text[7];      /* FOLD_GAP: a run of what is dropped */
} fold2_entry;

static fold2_entry fold2[FOLD2_COUNT];
static pthread_once_t fold2_once = PTHREAD_ONCE_INIT;

static void fold2_init(void)
{
    for (unsigned cp = FOLD2_FIRST; cp < 0x800; cp++) {
        fold2_entry *e = &fold2[cp - FOLD2_FIRST];
        char in[3] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)),
                      '\0'};
        char *out = utf8proc_fold(in, 1, 1);
        size_t len = out ? strlen(out) : sizeof e->text + 1;

        e->len = FOLD2_UNKNOWN;
        if (len <= sizeof e->text) {
            memcpy(e->text, out, len);
            e->len = (unsigned char)len;
        }
        free(out);
    }
}

/* Returns 1 if s holds only ASCII and characters of two bytes the table
 * knows, setting *len; else 0, for utf8proc. */
static int fold2_covers(const char *s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++) {
        if (*p < 0x80)
            continue;
        if (*p < 0xC2 || *p > 0xDF || (p[1] & 0xC0) != 0x80)
            return 0;
        if (fold2[((unsigned)(*p & 0x1F) << 6 | (p[1] & 0x3F)) - FOLD2_FIRST]
                .len == FOLD2_UNKNOWN)
            return 0;
        p++;
    }
    *len = (size_t)((const char *)p - s);
    return 1;
}

/* text_fold for ASCII and characters of two bytes: ASCII as utf8proc maps
 * it (case folding is A-Z to a-z, nothing decomposes, and the letters and
 * digits are exactly the ASCII ones), the others through fold2. Most
 * names, classes and codes are such; utf8proc_map costs a few thousand
 * instructions a call. Returns NULL when out of memory. */
static char *table_fold(const char *s, size_t len, int spaces)
{
    /* A character of two bytes gives at most 7. */
    char *out = malloc(len / 2 * 7 + len % 2 + 1), *w = out;
    int pending_space = 0;

    if (!out)
        return NULL;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c >= 0x80) {
            const fold2_entry *e =
                &fold2[((unsigned)(*c & 0x1F) << 6 | (c[1] & 0x3F)) -
                       FOLD2_FIRST];

            c++;
            for (unsigned i = 0; i < e->len; i++) {
                if (e->text[i] == FOLD_GAP) {
                    pending_space = spaces;
                    continue;
                }
                if (pending_space && w != out)
                    *w++ = ' ';
                pending_space = 0;
                *w++ = e->text[i];
            }
            continue;
        }
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
            (*c >= '0' && *c <= '9')) {
            if (pending_space && w != out)
                *w++ = ' ';
            pending_space = 0;
            *w++ = (char)(*c >= 'A' && *c <= 'Z' ? *c + ('a' - 'A') : *c);
        } else if (spaces) {
            pending_space = 1;
        }
    }
    *w = '\0';
    return out;
}

static char *text_fold(const char *s, int spaces)
{
    size_t len;

    if (!s)
        s = "";
    (void)pthread_once(&fold2_once, fold2_init);
    if (fold2_covers(s, &len))
        return table_fold(s, len, spaces);
    return utf8proc_fold(s, spaces, 0);
}

char *sc_text_fold(const char *s)
{
    return text_fold(s, 1);
}

char *sc_text_key(const char *s)
{
    return text_fold(s, 0);
}

char *sc_text_name_key(const char *surname, const char *first)
{
    char *a = sc_text_key(surname), *b = sc_text_key(first), *key = NULL;

    if (a && b && (key = malloc(strlen(a) + strlen(b) + 2)))
        sprintf(key, "%s %s", a, b);
    free(a);
    free(b);
    return key;
}

/* A word is a surname word when it has letters and none of them is lower
 * case ("DUPONT-MARTIN", "N'DIAYE", "LE"). */
static int word_is_upper(const char *w, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
    int letters = 0;

    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &c);
        utf8proc_category_t cat;

        if (n <= 0)
            return 0;
        cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LL)
            return 0;
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            letters = 1;
        p += n;
        len -= (size_t)n;
    }
    return letters;
}

static char *text_span(const char *start, const char *end)
{
    char *s;

    while (start < end && is_blank_byte(*start))
        start++;
    while (end > start && is_blank_byte(end[-1]))
        end--;
    s = malloc((size_t)(end - start) + 1);
    if (!s)
        return NULL;
    memcpy(s, start, (size_t)(end - start));
    s[end - start] = '\0';
    return s;
}

int sc_text_split_name(const char *full, char **surname, char **first)
{
    const char *p = full, *cut = NULL, *first_word_end = NULL;
    int all_upper = 1;

    *surname = *first = NULL;
    while (*p) {
        const char *w;

        while (is_blank_byte(*p))
            p++;
        if (!*p)
            break;
        w = p;
        while (*p && !is_blank_byte(*p))
            p++;
        if (!first_word_end)
            first_word_end = p;
        if (all_upper && word_is_upper(w, (size_t)(p - w)))
            cut = p;
        else
            all_upper = 0;
    }
    /* No capital word, or nothing but capitals: the first word is the
     * surname, as in "Dupont Marie" or "DUPONT MARIE". */
    if (!cut || all_upper)
        cut = first_word_end ? first_word_end : full;
    *surname = text_span(full, cut);
    *first = text_span(cut, full + strlen(full));
    if (!*surname || !*first) {
        free(*surname);
        free(*first);
        *surname = *first = NULL;
        return -1;
    }
    return 0;
}

sc_parse sc_text_parse_yesno(const char *s, int *yes)
{
    static const char *const yes_words[] = {"oui", "o", "x", "vrai", "1",
                                            "yes", "y", "true", "ok"};
    static const char *const no_words[] = {"non", "n", "faux", "0", "no",
                                           "false"};
    sc_date date;
    char *key;
    sc_parse result = SC_PARSE_INVALID;

    *yes = 0;
    if (sc_text_blank(s))
        return SC_PARSE_EMPTY;
    /* A date in a signature cell means it was signed that day. */
    if (sc_date_parse(s, &date) == SC_PARSE_OK) {
        *yes = 1;
        return SC_PARSE_OK;
    }
    key = sc_text_key(s);
    if (!key)
        return SC_PARSE_MEMORY;
    for (size_t i = 0; i < sizeof yes_words / sizeof *yes_words; i++)
        if (strcmp(key, yes_words[i]) == 0) {
            *yes = 1;
            result = SC_PARSE_OK;
        }
    for (size_t i = 0; i < sizeof no_words / sizeof *no_words; i++)
        if (strcmp(key, no_words[i]) == 0)
            result = SC_PARSE_OK;
    /* "x" folds from "X"; a lone punctuation mark folds to "": unreadable. */
    free(key);
    return result;
}

/* ---- XML-safe text ----------------------------------------------------- */

/* Windows-1252's 0x80-0x9F, where it differs from Latin-1 (0xA0-0xFF are
 * the same code points); 0 marks the five bytes it leaves undefined. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Returns the length of the character at p (left bytes) if XML 1.0 takes
 * it as it is, else 0; *c gets the code point when it is valid UTF-8, -1
 * when it is not. */
static size_t xml_char_at(const unsigned char *p, size_t left,
                          utf8proc_int32_t *c)
{
    utf8proc_ssize_t n;

    if (*p < 0x80) {
        *c = *p;
        return *p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r';
    }
    n = utf8proc_iterate(p, (utf8proc_ssize_t)(left < 4 ? left : 4), c);
    if (n <= 0) {
        *c = -1;
        return 0;
    }
    return *c == 0xFFFE || *c == 0xFFFF ? 0 : (size_t)n;
}

const char *sc_text_xml_safe(const char *text, char **copy)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t len = strlen(text), i = 0, n;
    utf8proc_int32_t c;
    char *out, *w;

    *copy = NULL;
    while (i < len) {
        /* Printable ASCII, most of any text, at once. */
        if (u[i] >= 0x20 && u[i] < 0x80) {
            i++;
            continue;
        }
        if ((n = xml_char_at(u + i, len - i, &c)) == 0)
            break;
        i += n;
    }
    if (i == len)
        return text;
    /* A byte read as Windows-1252 takes at most 3 bytes of UTF-8. */
    if (!(out = malloc(3 * len + 1)))
        return NULL;
    memcpy(out, text, i);
    w = out + i;
    while (i < len) {
        if ((n = xml_char_at(u + i, len - i, &c)) > 0) {
            memcpy(w, u + i, n);
            w += n;
            i += n;
        } else if (c == 0xFFFE || c == 0xFFFF) {
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
            i += 3;
        } else if (u[i] < 0x80) {
            i++; /* a control character: XML has no way to hold it */
        } else {
            utf8proc_int32_t cp = u[i] >= 0xA0 ? u[i]
                                  : cp1252_high[u[i] - 0x80];

            w += utf8proc_encode_char(cp ? cp : 0xFFFD,
                                      (utf8proc_uint8_t *)w);
            i++;
        }
    }
    *w = '\0';
    *copy = out;
    return out;
}

/* ---- Glob patterns ------------------------------------------------------ */

/* s as sc_text_glob compares it: code points case-folded, marks stripped,
 * compatibility forms mapped (a no-break space is a space), nothing else
 * dropped. Returns a new array of *n code points, NULL when out of
 * memory. Text that is not UTF-8 (cannot happen after decoding) folds to
 * nothing. */
static utf8proc_int32_t *glob_fold(const char *s, size_t *n)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t len;
    utf8proc_int32_t *cps;
    size_t ascii_len, k = 0;

    if (is_ascii(s, &ascii_len)) {
        if (!(cps = malloc((ascii_len ? ascii_len : 1) * sizeof *cps)))
            return NULL;
        for (size_t i = 0; i < ascii_len; i++) {
            unsigned char b = (unsigned char)s[i];

            cps[i] = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        }
        *n = ascii_len;
        return cps;
    }
    len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
                       UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                           UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                           UTF8PROC_COMPOSE);
    if (len == UTF8PROC_ERROR_NOMEM)
        return NULL;
    if (len < 0)
        len = 0;
    if (!(cps = malloc(((size_t)len ? (size_t)len : 1) * sizeof *cps))) {
        free(folded);
        return NULL;
    }
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_ssize_t step = utf8proc_iterate(folded + i, len - i,
                                                 &cps[k]);
        if (step <= 0)
            break;
        k++;
        i += step;
    }
    free(folded);
    *n = k;
    return cps;
}

/* Matches c against the set whose first character is p[i] (just past its
 * '['). Returns the index past its ']' with *hit set, or 0 when no ']'
 * closes it: the '[' is then an ordinary character, as in fnmatch. */
static size_t glob_set(const utf8proc_int32_t *p, size_t np, size_t i,
                       utf8proc_int32_t c, int *hit)
{
    int negate = 0, in = 0;
    size_t first;

    if (i < np && (p[i] == '!' || p[i] == '^')) {
        negate = 1;
        i++;
    }
    /* A ']' right after the '[' (or its '!') is a member, not the end. */
    for (first = i; i < np && (p[i] != ']' || i == first); i++) {
        utf8proc_int32_t lo = p[i], hi;

        if (lo == '\\' && i + 1 < np)
            lo = p[++i];
        hi = lo;
        if (i + 2 < np && p[i + 1] == '-' && p[i + 2] != ']') {
            i += 2;
            hi = p[i] == '\\' && i + 1 < np ? p[++i] : p[i];
        }
        in |= c >= lo && c <= hi;
    }
    if (i >= np)
        return 0;
    *hit = in != negate;
    return i + 1;
}

/* The glob match proper, over code points: on a mismatch, the last '*'
 * seen takes one more character and the match resumes after it. */
static int glob_match(const utf8proc_int32_t *p, size_t np,
                      const utf8proc_int32_t *s, size_t ns)
{
    size_t pi = 0, si = 0, star = SIZE_MAX, star_s = 0;

    while (si < ns) {
        if (pi < np) {
            utf8proc_int32_t c = p[pi];
            size_t next;
            int hit;

            if (c == '*') {
                star = ++pi;
                star_s = si;
                continue;
            }
            if (c == '?') {
                pi++;
                si++;
                continue;
            }
            if (c == '[' && (next = glob_set(p, np, pi + 1, s[si], &hit))) {
                if (hit) {
                    pi = next;
                    si++;
                    continue;
                }
            } else {
                if (c == '\\' && pi + 1 < np)
                    c = p[++pi];
                if (c == s[si]) {
                    pi++;
                    si++;
                    continue;
                }
            }
        }
        if (star == SIZE_MAX)
            return 0;
        pi = star;
        si = ++star_s;
    }
    while (pi < np && p[pi] == '*')
        pi++;
    return pi == np;
}

int sc_text_glob(const char *pattern, const char *s)
{
    size_t np, ns;
    utf8proc_int32_t *p = glob_fold(pattern ? pattern : "", &np);
    utf8proc_int32_t *t = p ? glob_fold(s ? s : "", &ns) : NULL;
    int match = t ? glob_match(p, np, t, ns) : -1;

    free(p);
    free(t);
    return match;
}
