/*
 * fuzz_text.c - the text helpers: folding and keys, cutting (by bytes and
 * by Excel's UTF-16 units), cleaning, Pronote names, yes/no cells, header
 * names. The input is one cell; after a NUL byte comes a second one (the
 * first name, for sc_text_name_key).
 */
#include <string.h>
#include "fuzz.h"
#include "stagecheck/input/header.h"
#include "stagecheck/base/text.h"

#define BLANKS " \t\r\n" /* what cells and names are trimmed of */

static int has_blank_edge(const char *s)
{
    size_t len = strlen(s);

    return len > 0 && (strchr(BLANKS, s[0]) || strchr(BLANKS, s[len - 1]));
}

/* Returns a copy of s without blank bytes, to compare words. */
static char *squeeze(const char *s)
{
    char *out = fuzz_cstring((const uint8_t *)s, strlen(s)), *w = out;

    for (const char *p = s; *p; p++)
        if (!strchr(BLANKS, *p))
            *w++ = *p;
    *w = '\0';
    return out;
}

static void check_fold(const char *text, const char *second)
{
    char *fold = sc_text_fold(text), *key = sc_text_key(text);
    char *name = sc_text_name_key(text, second), *second_key;
    char *w;

    FUZZ_ASSERT(fold && key && name);
    FUZZ_ASSERT(fuzz_str_ok(fold) && fuzz_str_ok(key));
    /* One space between words, none at the ends. */
    FUZZ_ASSERT(fold[0] != ' ' && !strstr(fold, "  ") &&
                (!fold[0] || fold[strlen(fold) - 1] != ' '));
    /* The key is the folded text without its spaces. */
    w = fold;
    for (const char *p = fold; *p; p++)
        if (*p != ' ')
            *w++ = *p;
    *w = '\0';
    FUZZ_ASSERT(strcmp(fold, key) == 0);
    /* The matching key is both keys, a space between. */
    second_key = sc_text_key(second);
    FUZZ_ASSERT(second_key);
    FUZZ_ASSERT(strlen(name) == strlen(key) + 1 + strlen(second_key) &&
                strncmp(name, key, strlen(key)) == 0 &&
                name[strlen(key)] == ' ' &&
                strcmp(name + strlen(key) + 1, second_key) == 0);
    free(second_key);
    free(name);
    free(key);
    free(fold);
}

/* Returns the length of the longest prefix of s (valid UTF-8) within limit
 * bytes that ends on a character boundary. */
static size_t boundary_before(const char *s, size_t limit)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t len = strlen(s), at = 0;

    while (at < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n =
            utf8proc_iterate(p + at, (utf8proc_ssize_t)(len - at), &c);
        if (n <= 0 || at + (size_t)n > limit)
            break;
        at += (size_t)n;
    }
    return at;
}

/* Every cut of text (as snprintf leaves it in a small buffer) keeps a
 * prefix, drops at most an incomplete character, and, from valid UTF-8,
 * leaves valid UTF-8 ending on the last whole character. */
static void check_cut(const char *text)
{
    size_t len = strlen(text);
    int valid = fuzz_utf8_ok(text, len);
    char *buf = fuzz_cstring((const uint8_t *)text, len);

    for (size_t k = 0; k <= len; k++) {
        size_t out;

        memcpy(buf, text, k);
        buf[k] = '\0';
        FUZZ_ASSERT(sc_text_cut(buf) == buf);
        out = strlen(buf);
        FUZZ_ASSERT(out <= k && k - out <= 3);
        FUZZ_ASSERT(memcmp(buf, text, out) == 0);
        if (valid) {
            FUZZ_ASSERT(fuzz_utf8_ok(buf, out));
            FUZZ_ASSERT(out == boundary_before(text, k));
        }
    }
    free(buf);
}

/* The longest whole-character prefix within max UTF-16 units, counted
 * here with utf8proc (Excel counts characters beyond the BMP twice). */
static size_t utf16_prefix(const char *s, size_t len, size_t max)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t at = 0, units = 0;

    while (at < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n =
            utf8proc_iterate(p + at, (utf8proc_ssize_t)(len - at), &c);
        size_t u = c >= 0x10000 ? 2 : 1;
        if (n <= 0 || units + u > max)
            break;
        units += u;
        at += (size_t)n;
    }
    return at;
}

static void check_utf16_prefix(const char *text)
{
    size_t len = strlen(text);
    const size_t maxes[] = {0, 1, 2, 3, len / 3, len / 2, len,
                            SC_TEXT_CELL_MAX};
    int valid = fuzz_utf8_ok(text, len);

    for (size_t i = 0; i < sizeof maxes / sizeof *maxes; i++) {
        size_t got = sc_text_utf16_prefix(text, len, maxes[i]);
        FUZZ_ASSERT(got <= len);
        if (valid)
            FUZZ_ASSERT(got == utf16_prefix(text, len, maxes[i]));
    }
}

static void check_clean(const char *text)
{
    size_t len = strlen(text);
    char *buf = fuzz_cstring((const uint8_t *)text, len);

    FUZZ_ASSERT(sc_text_clean(buf) == buf);
    FUZZ_ASSERT(strlen(buf) <= len && strstr(text, buf));
    FUZZ_ASSERT(!fuzz_utf8_ok(text, len) || fuzz_str_ok(buf));
    /* Trimmed, unless the blanks were inside Excel's ="..." */
    FUZZ_ASSERT(!has_blank_edge(buf) || strstr(text, "=\""));
    free(buf);
}

/* "NOM Prénom" splits into two trimmed parts that hold every word. */
static void check_split(const char *text)
{
    char *surname, *first, *joined, *all, *words;
    int blank = text[strspn(text, BLANKS)] == '\0';

    FUZZ_ASSERT(sc_text_split_name(text, &surname, &first) == 0);
    FUZZ_ASSERT(surname && first);
    FUZZ_ASSERT(!has_blank_edge(surname) && !has_blank_edge(first));
    FUZZ_ASSERT(blank || surname[0]);
    if (fuzz_str_ok(text))
        FUZZ_ASSERT(fuzz_str_ok(surname) && fuzz_str_ok(first));
    joined = malloc(strlen(surname) + strlen(first) + 1);
    if (!joined)
        abort();
    strcpy(joined, surname);
    strcat(joined, first);
    all = squeeze(joined);
    words = squeeze(text);
    FUZZ_ASSERT(strcmp(all, words) == 0);
    free(words);
    free(all);
    free(joined);
    free(surname);
    free(first);
}

/* sc_text_blank's blanks, per text.h: ASCII white space, no-break spaces
 * (U+00A0, U+202F) and BOMs (U+FEFF). */
static int all_blank(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t len = strlen(s);

    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &c);
        if (n <= 0 || !((c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0xA0 ||
                        c == 0x202F || c == 0xFEFF))
            return 0;
        p += n;
        len -= (size_t)n;
    }
    return 1;
}

static void check_cells(const char *text)
{
    sc_aliases extra = {NULL, 0, 0};
    sc_field field;
    sc_parse parsed;
    int yes = -1;

    FUZZ_ASSERT(sc_text_blank(text) == all_blank(text));
    parsed = sc_text_parse_yesno(text, &yes);
    FUZZ_ASSERT(parsed <= SC_PARSE_INVALID && (yes == 0 || yes == 1));
    FUZZ_ASSERT(!yes || parsed == SC_PARSE_OK);
    FUZZ_ASSERT((parsed == SC_PARSE_EMPTY) == sc_text_blank(text));

    field = sc_header_field(text);
    FUZZ_ASSERT(field <= SC_FIELD_COUNT && sc_header_field_label(field));
    FUZZ_ASSERT(sc_header_field_with(text, NULL) == field);
    /* The configuration's aliases come first. */
    if (sc_header_alias_add(&extra, SC_FIELD_PROOF, text) != SC_OK)
        abort();
    FUZZ_ASSERT(sc_header_field_with(text, &extra) == SC_FIELD_PROOF);
    sc_header_aliases_clear(&extra);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    size_t len = strlen(text);
    const char *second = len < size ? text + len + 1 : NULL;
    char *copy;

    FUZZ_ASSERT(sc_text_valid_utf8((const char *)data, size) ==
                fuzz_utf8_ok((const char *)data, size));
    check_fold(text, second);
    check_cut(text);
    check_utf16_prefix(text);
    check_clean(text);
    check_split(text);
    check_cells(text);
    copy = sc_text_dup(text);
    FUZZ_ASSERT(copy && strcmp(copy, text) == 0 && !sc_text_dup(NULL));
    free(copy);
    free(text);
    return 0;
}
