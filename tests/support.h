/*
 * support.h - fixtures shared by the unit tests: a temporary folder made in
 * setup and removed in teardown, files written into it and read back, the
 * live blocks of the heap, datasets and states built by hand. Header-only
 * (static inline) so that the Makefile's one-source test programs stay as
 * they are.
 *
 * The helpers that assert are macros over a *_at function that takes the
 * caller's __FILE__ and __LINE__: a failure names the test's line, as
 * cmocka's own assert_* do, not a line of this file.
 */
#ifndef STAGECHECK_TESTS_SUPPORT_H
#define STAGECHECK_TESTS_SUPPORT_H

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/status.h"

/* ---- The temporary folder ------------------------------------------------ */

/* Makes a new folder "/tmp/<name>.XXXXXX" and writes its path into dir.
 * Returns 0, or -1 when it cannot (setup returns -1 then). */
static inline int support_make_dir(char *dir, size_t size, const char *name)
{
    snprintf(dir, size, "/tmp/%s.XXXXXX", name);
    return mkdtemp(dir) ? 0 : -1;
}

/* Number of entries of dir, "." and ".." left out; -1 if it cannot be read. */
static inline int support_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Writes text to path; the caller asserts the result. Returns 0 or -1. */
static inline int support_write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    int ok;

    if (!fp)
        return -1;
    ok = fputs(text, fp) >= 0;
    return fclose(fp) == 0 && ok ? 0 : -1;
}

/* Removes dir and what it holds (files and empty folders, one level). */
static inline void support_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char name[1024];

    while (d && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(name, sizeof name, "%s/%s", dir, de->d_name);
        if (unlink(name) != 0)
            rmdir(name);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* ---- Files, asserting ---------------------------------------------------- */

/* Writes "dir/name" into buf, failing the test if it does not fit. */
#define support_join(buf, size, dir, name) \
    support_join_at((buf), (size), (dir), (name), __FILE__, __LINE__)

static inline void support_join_at(char *buf, size_t size, const char *dir,
                                   const char *name, const char *file,
                                   int line)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);

    if (n < 0 || (size_t)n >= size) {
        print_error("path %s/%s longer than %zu bytes\n", dir, name, size);
        _fail(file, line);
    }
}

/* Writes len bytes (NUL bytes included) to path, replacing it. */
#define support_write_bytes(path, bytes, len) \
    support_write_at((path), (bytes), (len), __FILE__, __LINE__)

/* Writes the string text to path, replacing it. */
#define support_write(path, text) \
    support_write_at((path), (text), strlen(text), __FILE__, __LINE__)

static inline void support_write_at(const char *path, const char *bytes,
                                    size_t len, const char *file, int line)
{
    FILE *fp = fopen(path, "wb");
    int en;

    if (!fp) {
        en = errno;
        print_error("cannot create %s: %s\n", path, strerror(en));
        _fail(file, line);
        return;
    }
    if (fwrite(bytes, 1, len, fp) != len) {
        en = errno;
        fclose(fp);
        print_error("cannot write %s: %s\n", path, strerror(en));
        _fail(file, line);
    }
    if (fclose(fp) != 0) {
        en = errno;
        print_error("cannot write %s: %s\n", path, strerror(en));
        _fail(file, line);
    }
}

/* Returns the whole content of path, NUL-terminated, in a new string the
 * caller frees (keep it in the fixture, so that teardown frees it even
 * when a later assertion fails). */
#define support_read(path) support_read_at((path), __FILE__, __LINE__)

static inline char *support_read_at(const char *path, const char *file,
                                    int line)
{
    FILE *fp = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    int en;

    if (!fp) {
        en = errno;
        print_error("cannot open %s: %s\n", path, strerror(en));
        _fail(file, line);
        return NULL;
    }
    do {
        if (cap - len < 4096) {
            char *grown = realloc(text, cap = cap ? cap * 2 : 8192);

            if (!grown) {
                free(text);
                fclose(fp);
                print_error("out of memory reading %s\n", path);
                _fail(file, line);
                return NULL;
            }
            text = grown;
        }
        n = fread(text + len, 1, cap - len - 1, fp);
        len += n;
    } while (n > 0);
    en = errno;
    if (ferror(fp)) {
        free(text);
        fclose(fp);
        print_error("cannot read %s: %s\n", path, strerror(en));
        _fail(file, line);
        return NULL;
    }
    fclose(fp);
    text[len] = '\0';
    return text;
}

/* Asserts that dir holds n entries: no temporary file left, nothing lost. */
#define support_assert_files(dir, n) \
    support_assert_files_at((dir), (n), __FILE__, __LINE__)

static inline void support_assert_files_at(const char *dir, int n,
                                           const char *file, int line)
{
    _assert_int_equal(cast_to_largest_integral_type(support_count_files(dir)),
                      cast_to_largest_integral_type(n), file, line);
}

/* ---- Live blocks --------------------------------------------------------- */

/* A test program that defines SUPPORT_COUNT_BLOCKS before including this
 * file runs under the fault-injection build's allocator (tests/fault/
 * alloc.c, compiled into it here), which counts the live blocks of the
 * whole process: a free function that gives back all it holds brings the
 * count back where it was, one that leaks does not. AddressSanitizer
 * brings its own allocator and its own leak checker: under it the count
 * is not kept and the assertions below pass. */
#if defined(SUPPORT_COUNT_BLOCKS) && !defined(__SANITIZE_ADDRESS__)
#include "fault/alloc.c"
#define SUPPORT_BLOCKS_COUNTED 1
#else
#define SUPPORT_BLOCKS_COUNTED 0
#endif

/* Blocks allocated and not yet freed by the whole process; 0 when they are
 * not counted. */
static inline long support_live_blocks(void)
{
#if SUPPORT_BLOCKS_COUNTED
    return fault_live();
#else
    return 0;
#endif
}

/* Asserts that as many blocks are live as when support_live_blocks gave
 * before: what was allocated since has all been freed. */
#define support_assert_live_blocks(before) \
    _assert_int_equal(cast_to_largest_integral_type(support_live_blocks()), \
                      cast_to_largest_integral_type(before), __FILE__, \
                      __LINE__)

/* Asserts that more blocks are live than before: the work allocated, so
 * that freeing it is tested indeed (no-op when blocks are not counted). */
#define support_assert_more_blocks(before) \
    _assert_true(cast_to_largest_integral_type( \
                     !SUPPORT_BLOCKS_COUNTED || \
                     support_live_blocks() > (before)), \
                 "more live blocks", __FILE__, __LINE__)

/* ---- Datasets built by hand ---------------------------------------------- */

/* strdup that keeps NULL, failing the test when out of memory. */
#define support_dup(s) support_dup_at((s), __FILE__, __LINE__)

static inline char *support_dup_at(const char *s, const char *file, int line)
{
    char *copy;

    if (!s)
        return NULL;
    copy = strdup(s);
    if (!copy) {
        print_error("out of memory\n");
        _fail(file, line);
    }
    return copy;
}

/* Appends a zeroed item to an array that doubles; the count includes it, so
 * sc_dataset_free owns whatever the caller then sets. */
static inline void *support_append_at(void **items, size_t *count,
                                      size_t *cap, size_t size,
                                      const char *file, int line)
{
    char *slot;

    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        void *grown = realloc(*items, ncap * size);

        if (!grown) {
            print_error("out of memory\n");
            _fail(file, line);
            return NULL;
        }
        *items = grown;
        *cap = ncap;
    }
    slot = (char *)*items + *count * size;
    memset(slot, 0, size);
    (*count)++;
    return slot;
}

/* The keys record.c computes for pupils and entries. */
static inline char *support_name_key_at(const char *surname,
                                        const char *first, const char *file,
                                        int line)
{
    char *key = sc_text_name_key(surname, first);

    if (!key) {
        print_error("out of memory\n");
        _fail(file, line);
    }
    return key;
}

static inline char *support_class_key_at(const char *class_name,
                                         const char *file, int line)
{
    char *key;

    if (!class_name)
        return NULL;
    key = sc_text_key(class_name);
    if (!key) {
        print_error("out of memory\n");
        _fail(file, line);
    }
    return key;
}

/* Sets the strings of p (sc_pupil_set_texts: in arena, or NULL for the
 * pupil's own block), any of them NULL, or fails at file and line. */
#define support_pupil_texts(p, arena, surname, first, class_name, ine, \
                            name_key, class_key, mef) \
    support_pupil_texts_at((p), (arena), (surname), (first), (class_name), \
                           (ine), (name_key), (class_key), (mef), __FILE__, \
                           __LINE__)

static inline void support_pupil_texts_at(
    sc_pupil *p, sc_arena *arena, const char *surname, const char *first,
    const char *class_name, const char *ine, const char *name_key,
    const char *class_key, const char *mef, const char *file, int line)
{
    const char *texts[SC_PUPIL_TEXTS] = {
        [SC_PUPIL_SURNAME] = surname,     [SC_PUPIL_FIRST] = first,
        [SC_PUPIL_CLASS] = class_name,    [SC_PUPIL_INE] = ine,
        [SC_PUPIL_NAME_KEY] = name_key,   [SC_PUPIL_CLASS_KEY] = class_key,
        [SC_PUPIL_MEF] = mef};

    _assert_int_equal(
        cast_to_largest_integral_type(sc_pupil_set_texts(p, arena, texts)),
        cast_to_largest_integral_type(SC_OK), file, line);
}

/* Sets one string of p (value may be NULL), keeping the others, in a
 * block of the pupil's own; or fails at file and line. */
#define support_pupil_text(p, t, value) \
    support_pupil_text_at((p), (t), (value), __FILE__, __LINE__)

static inline void support_pupil_text_at(sc_pupil *p, sc_pupil_text t,
                                         const char *value, const char *file,
                                         int line)
{
    const char *texts[SC_PUPIL_TEXTS];

    for (unsigned i = 0; i < SC_PUPIL_TEXTS; i++)
        texts[i] = sc_pupil_text_of(p, (sc_pupil_text)i);
    texts[t] = value;
    /* The old block is let go only once copied from. */
    _assert_int_equal(
        cast_to_largest_integral_type(sc_pupil_set_texts(p, NULL, texts)),
        cast_to_largest_integral_type(SC_OK), file, line);
}

/* Returns the index of the input of path in d, registered as a roll the
 * first time (a copy of path, which d frees), or fails at file and line. */
static inline uint32_t support_input_at(sc_dataset *d, const char *path,
                                        const char *file, int line)
{
    sc_input *in;

    for (size_t i = 0; i < d->ninputs; i++)
        if (strcmp(d->inputs[i].path, path) == 0)
            return (uint32_t)i;
    in = support_append_at((void **)&d->inputs, &d->ninputs, &d->inputs_cap,
                           sizeof *in, file, line);
    in->path = support_dup_at(path, file, line);
    in->kind = SC_KIND_ROLL;
    return (uint32_t)(d->ninputs - 1);
}

/* Appends a roll row of path at line, selected and no repeat, with the keys
 * record.c would compute; ine and class_name may be NULL; path becomes an
 * input of data the first time. Returns the pupil, which data owns, valid
 * until the next pupil is added (the array may move). */
#define support_pupil_add(data, path, line, surname, first, class_name, ine, \
                          birth) \
    support_pupil_add_at((data), (path), (line), (surname), (first), \
                         (class_name), (ine), (birth), __FILE__, __LINE__)

static inline sc_pupil *support_pupil_add_at(sc_dataset *d, const char *path,
                                             unsigned line,
                                             const char *surname,
                                             const char *first,
                                             const char *class_name,
                                             const char *ine, sc_date birth,
                                             const char *file, int at)
{
    uint32_t input = support_input_at(d, path, file, at);
    sc_pupil *p = support_append_at((void **)&d->pupils, &d->npupils,
                                    &d->pupils_cap, sizeof *p, file, at);
    char *name_key = support_name_key_at(surname, first, file, at);
    char *class_key = support_class_key_at(class_name, file, at);

    p->input = (uint16_t)input;
    p->line = line;
    p->birth = birth;
    p->selected = 1;
    support_pupil_texts_at(p, NULL, surname, first, class_name, ine, name_key,
                           class_key, NULL, file, at);
    free(name_key);
    free(class_key);
    return p;
}

/* Appends a placements row of path at line naming a pupil (any of ine,
 * names and class may be NULL), at host (may be NULL), with no dates and
 * nothing signed; matched to nobody yet. Returns the entry, which data
 * owns, valid until the next entry is added: strings set on it later must
 * be support_dup'ed. */
#define support_entry_add(data, path, line, surname, first, class_name, ine, \
                          birth, host) \
    support_entry_add_at((data), (path), (line), (surname), (first), \
                         (class_name), (ine), (birth), (host), __FILE__, \
                         __LINE__)

static inline sc_entry *support_entry_add_at(sc_dataset *d, const char *path,
                                             unsigned line,
                                             const char *surname,
                                             const char *first,
                                             const char *class_name,
                                             const char *ine, sc_date birth,
                                             const char *host,
                                             const char *file, int at)
{
    sc_entry *e = support_append_at((void **)&d->entries, &d->nentries,
                                    &d->entries_cap, sizeof *e, file, at);

    e->file = path;
    e->line = line;
    e->birth = birth;
    e->start = e->end = SC_DATE_NONE;
    e->pupil = -1;
    e->surname = support_dup_at(surname, file, at);
    e->first = support_dup_at(first, file, at);
    e->class_name = support_dup_at(class_name, file, at);
    e->ine = support_dup_at(ine, file, at);
    if (surname || first)
        e->name_key = support_name_key_at(surname, first, file, at);
    e->class_key = support_class_key_at(class_name, file, at);
    e->host = support_dup_at(host, file, at);
    return e;
}

/* ---- States built by hand ------------------------------------------------ */

/* Appends to s the line of a pupil keyed by INE when ine is not NULL, else
 * by name, class and (unknown) birth date: the line sc_state_make_line
 * makes, copied into s with its strings cleaned, as the state file gives
 * a line back (a previous run's). */
#define support_state_put(s, ine, class_name, surname, first, status) \
    support_state_put_at((s), (ine), (class_name), (surname), (first), \
                         (status), __FILE__, __LINE__)

static inline void support_state_put_at(sc_state *s, const char *ine,
                                        const char *class_name,
                                        const char *surname,
                                        const char *first, sc_status status,
                                        const char *file, int line)
{
    sc_pupil p = {.birth = SC_DATE_NONE, .selected = 1};
    sc_state_line made;
    char *key = NULL, *texts[3];
    size_t cap = 0;

    support_pupil_texts_at(&p, NULL, surname, first, class_name, ine,
                           surname, class_name, NULL, file, line);
    _assert_int_equal(
        cast_to_largest_integral_type(
            sc_state_make_line(&p, status, &key, &cap, &made)),
        cast_to_largest_integral_type(SC_OK), file, line);
    /* Cleaned copies, as the file would give them back. */
    texts[0] = sc_state_clean(support_dup_at(made.class_name, file, line));
    texts[1] = sc_state_clean(support_dup_at(made.surname, file, line));
    texts[2] = sc_state_clean(support_dup_at(made.first, file, line));
    made.class_name = texts[0];
    made.surname = texts[1];
    made.first = texts[2];
    _assert_int_equal(cast_to_largest_integral_type(sc_state_push(s, &made)),
                      cast_to_largest_integral_type(SC_OK), file, line);
    for (size_t i = 0; i < 3; i++)
        free(texts[i]);
    free(key);
    sc_pupil_clear(&p);
}

#endif /* STAGECHECK_TESTS_SUPPORT_H */
