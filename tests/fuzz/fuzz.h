/*
 * fuzz.h - what the fuzz harnesses and the replayer share. Header-only
 * (static inline): each harness is one source, linked either with libFuzzer
 * or with replay.c.
 */
#ifndef STAGECHECK_FUZZ_H
#define STAGECHECK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

/** libFuzzer's entry point, defined once by each harness; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant is a finding: abort so that libFuzzer keeps the input
 * (and the replayer fails), whatever the build's sanitizers. */
static inline void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort();
}

#define FUZZ_ASSERT(cond) \
    ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))

/* Returns 1 if s[0..len) is valid UTF-8, checked with utf8proc directly
 * (not through sc_text_valid_utf8, which is under test); with xml, also
 * that an XML 1.0 document may hold it: no U+FFFE or U+FFFF (libxlsxwriter
 * escapes control characters, not these, and Excel and openpyxl refuse a
 * worksheet that holds them). */
static inline int fuzz_utf8_scan(const char *s, size_t len, int xml)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &c);
        if (n <= 0 || (xml && (c == 0xFFFE || c == 0xFFFF)))
            return 0;
        p += n;
        len -= (size_t)n;
    }
    return 1;
}

static inline int fuzz_utf8_ok(const char *s, size_t len)
{
    return fuzz_utf8_scan(s, len, 0);
}

static inline int fuzz_xml_ok(const char *s, size_t len)
{
    return fuzz_utf8_scan(s, len, 1);
}

/* Same as fuzz_utf8_ok for a NUL-terminated string; NULL counts as valid. */
static inline int fuzz_str_ok(const char *s)
{
    size_t len = 0;

    if (!s)
        return 1;
    while (s[len])
        len++;
    return fuzz_utf8_ok(s, len);
}

/* Returns a NUL-terminated copy of data (the parsers take C strings);
 * aborts when out of memory, which is no finding of the code under test. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (!s)
        abort();
    for (size_t i = 0; i < size; i++)
        s[i] = (char)data[i];
    s[size] = '\0';
    return s;
}

#endif /* STAGECHECK_FUZZ_H */
