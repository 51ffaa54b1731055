/*
 * source.c - reading an export: bytes -> UTF-8, whatever the encoding,
 * and the separator its lines use.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <csv.h>
#include <utf8proc.h>
#include "stagecheck/base/array.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/limits.h"
#include "stagecheck/base/text.h"

#define SC_READ_CHUNK 65536

/* U+FFFD REPLACEMENT CHARACTER, written for each unit iconv rejects. */
static const char replacement[] = "\xEF\xBF\xBD";
#define REPLACEMENT_LEN (sizeof replacement - 1)

/* ---- Decoding ----------------------------------------------------------- */

static unsigned line_at(const char *text, const char *pos)
{
    unsigned line = 1;

    for (const char *p = text; p < pos; p++)
        if (*p == '\n')
            line++;
    return line;
}

/* Counts one replaced unit: the user sees one U+FFFD (or space) for it,
 * whatever its size in the file. */
static void source_note_bad(sc_source *source, unsigned line)
{
    source->bad_bytes++;
    if (source->first_bad_line == 0 || line < source->first_bad_line)
        source->first_bad_line = line;
}

/* The UTF-8 text being built. */
typedef struct text_buf {
    char *data;
    size_t len;
    size_t cap;
} text_buf;

/* Makes room for need more bytes and the NUL. Returns 0 or -1. */
static int text_reserve(text_buf *t, size_t need)
{
    size_t cap = t->cap ? t->cap : 64;
    char *grown;

    if (t->len + need + 1 <= t->cap)
        return 0;
    while (cap < t->len + need + 1)
        cap *= 2;
    grown = realloc(t->data, cap);
    if (!grown)
        return -1;
    t->data = grown;
    t->cap = cap;
    return 0;
}

static sc_error convert_open(sc_source *source, const char *from,
                             iconv_t *cd, sc_diag *diag)
{
    *cd = iconv_open("UTF-8", from);
    if (*cd == (iconv_t)-1) {
        int en = errno;
        sc_diag_set(diag, source->path, 0,
                    "conversion depuis l'encodage %s impossible : %s", from,
                    sc_strerrno(en));
        return SC_ERROR_ENCODING;
    }
    return SC_OK;
}

/* Appends in[0..len), converted by cd, to t. A unit iconv rejects (unit
 * bytes, or the odd tail) becomes U+FFFD: one stray byte must not cost the
 * user the whole file. Returns SC_OK, SC_ERROR_MEMORY or
 * SC_ERROR_ENCODING. */
static sc_error convert_span(sc_source *source, iconv_t cd, size_t unit,
                             const char *in, size_t len, text_buf *t,
                             unsigned line, sc_diag *diag)
{
    char *inp = (char *)in, *outp;
    size_t inleft = len, outleft;

    /* Every input byte yields at most 3 output bytes, U+FFFD included;
     * E2BIG is still handled in case an encoding proves that wrong. */
    if (text_reserve(t, 3 * len + REPLACEMENT_LEN) != 0)
        return SC_ERROR_MEMORY;
    iconv(cd, NULL, NULL, NULL, NULL);
    while (inleft > 0) {
        size_t skip;
        int en;

        outp = t->data + t->len;
        outleft = t->cap - t->len - 1;
        if (iconv(cd, &inp, &inleft, &outp, &outleft) != (size_t)-1) {
            t->len = (size_t)(outp - t->data);
            break;
        }
        en = errno;
        t->len = (size_t)(outp - t->data);
        if (en != E2BIG && en != EILSEQ && en != EINVAL) {
            sc_diag_set(diag, source->path, 0,
                        "conversion depuis l'encodage %s impossible : %s",
                        source->encoding, sc_strerrno(en));
            return SC_ERROR_ENCODING;
        }
        if (en == E2BIG || outleft < REPLACEMENT_LEN) {
            if (text_reserve(t, t->cap) != 0)
                return SC_ERROR_MEMORY;
            continue;
        }
        skip = inleft < unit ? inleft : unit;
        memcpy(t->data + t->len, replacement, REPLACEMENT_LEN);
        /* Lines are counted for the first bad unit only, not at each. */
        source_note_bad(source, source->bad_bytes ? source->first_bad_line
                        : line ? line : line_at(t->data, t->data + t->len));
        t->len += REPLACEMENT_LEN;
        inp += skip;
        inleft -= skip;
    }
    t->data[t->len] = '\0';
    return SC_OK;
}

/* Converts in[0..len) from the iconv encoding `from` into source->text.
 * Returns SC_OK, SC_ERROR_MEMORY or SC_ERROR_ENCODING (iconv lacks the
 * encoding). */
static sc_error source_convert(sc_source *source, const char *from,
                               size_t unit, const char *in, size_t len,
                               sc_diag *diag)
{
    text_buf t = {NULL, 0, 0};
    iconv_t cd;
    sc_error err;

    if ((err = convert_open(source, from, &cd, diag)) != SC_OK)
        return err;
    err = convert_span(source, cd, unit, in, len, &t, 0, diag);
    iconv_close(cd);
    if (err != SC_OK) {
        free(t.data);
        return err;
    }
    source->text = t.data;
    source->len = t.len;
    return SC_OK;
}

/* Returns 1 if the bytes hold a valid UTF-8 character beyond ASCII: then
 * a file that is not all valid UTF-8 is UTF-8 with a few foreign lines,
 * not Windows-1252. */
static int has_utf8_beyond_ascii(const unsigned char *u, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        size_t k = u[i] < 0xC2 ? 0 : u[i] < 0xE0 ? 2 : u[i] < 0xF0 ? 3
                   : u[i] <= 0xF4 ? 4 : 0;

        if (k && i + k <= len && sc_text_valid_utf8((const char *)u + i, k))
            return 1;
    }
    return 0;
}

/* A UTF-8 file with lines from elsewhere (pasted from a Windows-1252
 * export, or cut in the middle of a character): its good lines stay UTF-8,
 * the others are read as Windows-1252 and counted, so that the user hears
 * which line to check. */
static sc_error source_mixed(sc_source *source, const char *in, size_t len,
                             sc_diag *diag)
{
    text_buf t = {NULL, 0, 0};
    iconv_t cd;
    unsigned line = 1;
    sc_error err;

    if ((err = convert_open(source, "WINDOWS-1252", &cd, diag)) != SC_OK)
        return err;
    for (size_t at = 0; err == SC_OK && at < len; line++) {
        const char *nl = memchr(in + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (in + at)) + 1 : len - at;

        if (sc_text_valid_utf8(in + at, n)) {
            if (text_reserve(&t, n) != 0) {
                err = SC_ERROR_MEMORY;
                break;
            }
            memcpy(t.data + t.len, in + at, n);
            t.len += n;
            t.data[t.len] = '\0';
        } else {
            source->foreign_lines++;
            if (!source->first_foreign_line)
                source->first_foreign_line = line;
            err = convert_span(source, cd, 1, in + at, n, &t, line, diag);
        }
        at += n;
    }
    iconv_close(cd);
    if (err == SC_OK && !t.data && text_reserve(&t, 0) != 0)
        err = SC_ERROR_MEMORY;
    if (err != SC_OK) {
        free(t.data);
        return err;
    }
    t.data[t.len] = '\0';
    source->text = t.data;
    source->len = t.len;
    return SC_OK;
}

/* What the file is when it is plainly no CSV: a spreadsheet or a document
 * saved instead of exported, a web page saved from a portal, a program.
 * Returns its French name, or NULL. */
static const char *not_csv(const unsigned char *u, size_t len)
{
    size_t head = len < 4096 ? len : 4096, control = 0;
    const unsigned char *p = u;

    if (len >= 5 && memcmp(u, "%PDF-", 5) == 0)
        return "un document PDF";
    if (len >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return "un classeur Excel ancien format (.xls)";
    if (len >= 4 && memcmp(u, "PK\x03\x04", 4) == 0) {
        if (memmem(u, head, "opendocument.spreadsheet", 24))
            return "un classeur OpenDocument (LibreOffice, .ods)";
        if (memmem(u, head, "[Content_Types].xml", 19) ||
            memmem(u, head, "xl/", 3))
            return "un classeur Excel (.xlsx)";
        return "une archive ZIP";
    }
    if (len >= 4 && memcmp(u, "\x7F" "ELF", 4) == 0)
        return "un programme (fichier binaire)";
    while (p < u + head && (*p == ' ' || *p == '\t' || *p == '\r' ||
                            *p == '\n' || *p == 0xEF || *p == 0xBB ||
                            *p == 0xBF))
        p++;
    /* The bytes are not NUL-terminated: compare within them only. */
    if (((size_t)(u + head - p) >= 14 &&
         strncasecmp((const char *)p, "<!doctype html", 14) == 0) ||
        ((size_t)(u + head - p) >= 5 &&
         strncasecmp((const char *)p, "<html", 5) == 0))
        return "une page web (HTML)";
    /* Text has almost no control bytes. NULs are left out: UTF-16 is told
     * apart before this is called, and a text padded with NULs by a crash
     * is still worth reading (they are replaced and reported). */
    for (size_t i = 0; i < head; i++)
        control += u[i] > 0 && u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
                   u[i] != '\r' && u[i] != 0x1A;
    if (head >= 16 && control * 10 > head)
        return "un fichier binaire";
    return NULL;
}

/* Makes the text safe for the other modules and the workbook: a NUL would
 * cut their C strings short, and U+FFFE and U+FFFF, valid UTF-8, are
 * characters XML 1.0 forbids (libxlsxwriter passes them through). */
static void source_sanitize(sc_source *source)
{
    char *t = source->text, *end = t + source->len, *counted = t;
    char *nul = memchr(t, '\0', source->len);
    char *ef = memchr(t, 0xEF, source->len);
    unsigned line = 1;

    /* Both are rare: found with memchr, the lines counted up to each. */
    while (nul || ef) {
        char *p = !ef || (nul && nul < ef) ? nul : ef;

        for (char *q = counted; (q = memchr(q, '\n', (size_t)(p - q)));
             q++)
            line++;
        counted = p;
        if (p == nul) {
            *p = ' ';
            source_note_bad(source, line);
            nul = memchr(p + 1, '\0', (size_t)(end - p - 1));
            continue;
        }
        if (end - p > 2 && (unsigned char)p[1] == 0xBF &&
            ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
            p[2] = (char)0xBD; /* U+FFFD */
            source_note_bad(source, line);
        }
        ef = memchr(p + 1, 0xEF, (size_t)(end - p - 1));
    }
}

/* Copies UTF-8 bytes into source->text, each sequence utf8proc rejects
 * (a stray byte, a cut character, a code point past U+10FFFF, which iconv
 * would let through) replaced by U+FFFD. */
static sc_error source_repair_utf8(sc_source *source, const char *in,
                                   size_t len)
{
    text_buf t = {NULL, 0, 0};
    unsigned line = 1;

    if (text_reserve(&t, 3 * len) != 0)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(
            (const utf8proc_uint8_t *)in + i,
            (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &c);

        if (n > 0) {
            memcpy(t.data + t.len, in + i, (size_t)n);
            t.len += (size_t)n;
            line += in[i] == '\n';
            i += (size_t)n;
        } else {
            memcpy(t.data + t.len, replacement, REPLACEMENT_LEN);
            t.len += REPLACEMENT_LEN;
            source_note_bad(source, line);
            i++;
        }
    }
    t.data[t.len] = '\0';
    source->text = t.data;
    source->len = t.len;
    return SC_OK;
}

/* Returns "UTF-16LE" or "UTF-16BE" when the first bytes look like UTF-16
 * text without a BOM (mostly ASCII, so every other byte is NUL), else NULL. */
static const char *utf16_without_bom(const unsigned char *u, size_t len)
{
    size_t pairs = len / 2 < 256 ? len / 2 : 256, even = 0, odd = 0;

    if (pairs < 4)
        return NULL;
    for (size_t i = 0; i < pairs; i++) {
        even += u[2 * i] == 0;
        odd += u[2 * i + 1] == 0;
    }
    if (odd * 10 >= pairs * 8 && even * 10 <= pairs)
        return "UTF-16LE";
    if (even * 10 >= pairs * 8 && odd * 10 <= pairs)
        return "UTF-16BE";
    return NULL;
}

sc_error sc_source_decode(const char *path, const char *bytes, size_t len,
                          sc_source **out, sc_diag *diag)
{
    const unsigned char *u = (const unsigned char *)bytes;
    const char *from = NULL; /* iconv name, NULL when bytes are copied */
    const char *what;
    size_t unit = 1;
    sc_source *source;
    sc_error err = SC_ERROR_MEMORY;

    *out = NULL;
    source = calloc(1, sizeof *source);
    if (!source)
        return SC_ERROR_MEMORY;
    source->path = sc_text_dup(path);
    if (path && !source->path)
        goto error;

    /* UTF-16 aside (its NULs would look binary), what is plainly no CSV
     * is said before anything is decoded. */
    if (!(len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                       (u[0] == 0xFE && u[1] == 0xFF))) &&
        !utf16_without_bom(u, len) && (what = not_csv(u, len))) {
        sc_diag_set(diag, path, 0, "c'est %s, pas un fichier CSV : ouvrez-le "
                    "dans son logiciel et enregistrez-le au format CSV "
                    "(séparateur point-virgule)", what);
        err = SC_ERROR_ENCODING;
        goto error;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        bytes += 3;
        len -= 3;
        source->encoding = "UTF-8";
        /* The BOM promises UTF-8; broken bytes after it are replaced so
         * that the workbook never receives invalid UTF-8. */
        if (!sc_text_valid_utf8(bytes, len)) {
            err = source_repair_utf8(source, bytes, len);
            if (err != SC_OK)
                goto error;
            source_sanitize(source);
            *out = source;
            return SC_OK;
        }
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        bytes += 2;
        len -= 2;
        source->encoding = "UTF-16LE";
        from = "UTF-16LE";
        unit = 2;
    } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        bytes += 2;
        len -= 2;
        source->encoding = "UTF-16BE";
        from = "UTF-16BE";
        unit = 2;
    } else if ((from = utf16_without_bom(u, len))) {
        /* Some tools write UTF-16 with no BOM: its NULs give it away. */
        source->encoding = from;
        unit = 2;
    } else if (sc_text_valid_utf8(bytes, len)) {
        source->encoding = "UTF-8";
    } else if (has_utf8_beyond_ascii(u, len)) {
        source->encoding = "UTF-8";
        err = source_mixed(source, bytes, len, diag);
        if (err != SC_OK)
            goto error;
        source_sanitize(source);
        *out = source;
        return SC_OK;
    } else {
        /* What Excel writes as "CSV (séparateur : point-virgule)". */
        source->encoding = "Windows-1252";
        from = "WINDOWS-1252";
    }

    if (from) {
        err = source_convert(source, from, unit, bytes, len, diag);
        if (err != SC_OK)
            goto error;
    } else {
        source->text = malloc(len + 1);
        if (!source->text)
            goto error;
        if (len > 0)
            memcpy(source->text, bytes, len);
        source->text[len] = '\0';
        source->len = len;
    }
    source_sanitize(source);
    *out = source;
    return SC_OK;

error:
    sc_source_free(source);
    return err;
}

sc_error sc_source_read(const char *path, sc_source **out, sc_diag *diag)
{
    FILE *fp;
    struct stat st;
    char *bytes = NULL;
    size_t len = 0, cap = 0;
    sc_error err = SC_ERROR_MEMORY;

    *out = NULL;
    fp = fopen(path, "rb");
    if (!fp) {
        int en = errno;
        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                    sc_strerrno(en));
        return SC_ERROR_FILE_OPEN;
    }
    if (fstat(fileno(fp), &st) != 0)
        st.st_mode = 0; /* neither a directory nor a regular file */
    /* fopen() accepts a directory on Linux; say so before fread() fails. */
    if (S_ISDIR(st.st_mode)) {
        sc_diag_set(diag, path, 0, "c'est un dossier, pas un fichier");
        err = SC_ERROR_FILE_READ;
        goto done;
    }
    /* A regular file's size is known: refused before a byte is read, and
     * read into one buffer of its size rather than grown by doubling. */
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > SC_LIMITS_FILE_BYTES) {
            err = sc_limits_check_bytes(path, SC_LIMITS_FILE_BYTES + 1, diag);
            goto done;
        }
        cap = (size_t)st.st_size + 1;
        if (!(bytes = malloc(cap)))
            goto done;
    }
    /* Devices and FIFOs (/dev/zero, a pipe that never ends) are read up
     * to one byte past the limit, never further. */
    for (;;) {
        size_t got, want;

        if (len == cap) {
            size_t grown_cap = cap ? cap * 2 : SC_READ_CHUNK;
            char *grown;

            if (grown_cap > SC_LIMITS_FILE_BYTES + 1)
                grown_cap = SC_LIMITS_FILE_BYTES + 1;
            if (grown_cap <= cap) {
                err = sc_limits_check_bytes(path, len, diag);
                goto done;
            }
            if (!(grown = realloc(bytes, grown_cap)))
                goto done;
            bytes = grown;
            cap = grown_cap;
        }
        /* At most one chunk per call: a pipe hands over 64 KiB per read(),
         * and a tool such as valgrind checks the whole buffer named in
         * each read(), so a 256 MiB request would cost 256 MiB per call. */
        want = cap - len < SC_READ_CHUNK ? cap - len : SC_READ_CHUNK;
        got = fread(bytes + len, 1, want, fp);
        len += got;
        if (got < want)
            break;
    }
    if (ferror(fp)) {
        int en = errno;
        sc_diag_set(diag, path, 0, "impossible de lire le fichier : %s",
                    sc_strerrno(en));
        err = SC_ERROR_FILE_READ;
        goto done;
    }

    err = sc_source_decode(path, bytes, len, out, diag);
    /* A BOM and a few line breaks are what Excel saves for an empty sheet. */
    if (err == SC_OK && sc_text_blank((*out)->text)) {
        sc_source_free(*out);
        *out = NULL;
        sc_diag_set(diag, path, 0, "fichier vide");
        err = SC_ERROR_FILE_EMPTY;
    }

done:
    free(bytes);
    fclose(fp);
    return err;
}

void sc_source_free(sc_source *source)
{
    if (!source)
        return;
    free(source->path);
    free(source->text);
    free(source->format);
    free(source->why);
    free(source);
}

/* ---- Separator ---------------------------------------------------------- */

#define SC_SEP_LINES 30

char sc_source_detect_sep(const sc_source *source)
{
    /* Order breaks ties: French exports use ';' far more than the others. */
    static const char candidates[] = {';', '\t', ','};
    enum { NCAND = sizeof candidates };
    size_t best[NCAND] = {0}, count[NCAND] = {0};
    const char *p = source->text, *end = source->text + source->len;
    int inside = 0, blank = 1;
    unsigned lines = 0;
    char sep = ';';

    /* A lone CR ends a line too (old Mac exports); the quote state carries
     * over line ends: a quoted field may span lines, its separators are
     * text. */
    for (; p <= end && lines < SC_SEP_LINES; p++) {
        if (p == end || *p == '\n' || *p == '\r') {
            if (!blank) {
                lines++;
                for (size_t i = 0; i < NCAND; i++)
                    if (count[i] > best[i])
                        best[i] = count[i];
            }
            memset(count, 0, sizeof count);
            blank = 1;
            continue;
        }
        if (*p != ' ' && *p != '\t')
            blank = 0;
        if (*p == '"')
            inside = !inside;
        else if (!inside)
            for (size_t i = 0; i < NCAND; i++)
                if (*p == candidates[i])
                    count[i]++;
    }
    for (size_t i = 0, max = 0; i < NCAND; i++)
        if (best[i] > max) {
            max = best[i];
            sep = candidates[i];
        }
    return sep;
}
