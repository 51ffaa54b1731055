/*
 * school.c - splitting the inputs by school.
 *
 * Every row below a header gets the key of its school; sorting the rows by
 * (key, file, row) gathers each school's rows in input order, and each
 * school gets one view per file it appears in.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "stagecheck/base/array.h"
#include "stagecheck/input/school.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/csv.h"

#define NAME_MAX_CHARS 60

/* One row and its school: 16 bytes, for a file of a million rows (issue
 * 14); a file has at most SC_LIMITS_ROWS rows, and a run far fewer than
 * 2^32 files. */
typedef struct tagged {
    char *key;       /* owned; NULL: the run's only school */
    uint32_t file;
    uint32_t row;    /* index in the file's table */
} tagged;

typedef struct splitter {
    const sc_file *files;
    size_t nfiles;
    tagged *rows;
    size_t count;
    size_t cap;
} splitter;

static const char *row_cell(const sc_row *row, int col)
{
    return col >= 0 && (size_t)col < row->nfields ? row->fields[col] : "";
}

/* "0690 001a " -> "0690001A"; NULL when out of memory. */
static char *uai_key(const char *cell)
{
    char *key = malloc(strlen(cell) + 1), *out = key;

    if (!key)
        return NULL;
    for (const char *c = cell; *c; c++)
        if (!isspace((unsigned char)*c))
            *out++ = (char)toupper((unsigned char)*c);
    *out = '\0';
    return key;
}

static sc_error tag(splitter *s, char *key, size_t file, size_t row)
{
    if (sc_array_reserve((void **)&s->rows, &s->cap, s->count,
                         sizeof *s->rows) != SC_OK) {
        free(key);
        return SC_ERROR_MEMORY;
    }
    s->rows[s->count++] = (tagged){key, (uint32_t)file, (uint32_t)row};
    return SC_OK;
}

/* Tags the rows of one file. With by_school, a row without a UAI is
 * reported here and belongs to no school. */
static sc_error tag_file(splitter *s, size_t f, int by_school,
                         sc_anomalies *anomalies)
{
    const sc_file *file = &s->files[f];
    int col = file->header.col[SC_FIELD_UAI];
    sc_error err = SC_OK;

    for (size_t i = file->header.row + 1;
         err == SC_OK && i < file->table->nrows; i++) {
        const sc_row *row = &file->table->rows[i];
        const char *cell = row_cell(row, col);
        char *key = NULL;

        if (sc_table_row_blank(row))
            continue;
        if (by_school && sc_text_blank(cell)) {
            err = sc_anomalies_add(anomalies, SC_SEVERITY_ERROR,
                                   file->source->path, row->line, NULL, NULL,
                                   "ligne sans code UAI : elle n'est comptée "
                                   "dans aucun établissement");
            continue;
        }
        if (!sc_text_blank(cell) && !(key = uai_key(cell)))
            return SC_ERROR_MEMORY;
        err = tag(s, key, f, i);
    }
    return err;
}

/* One workbook: rows of two schools stop the run; rows without a UAI belong
 * to the one school, and when their file has a UAI column they are
 * reported. */
static sc_error single_school(splitter *s, sc_anomalies *anomalies,
                              sc_diag *diag)
{
    const char *uai = NULL;
    sc_error err = SC_OK;

    for (size_t i = 0; i < s->count; i++) {
        const sc_file *file = &s->files[s->rows[i].file];

        if (!s->rows[i].key)
            continue;
        if (!uai) {
            uai = s->rows[i].key;
        } else if (strcmp(uai, s->rows[i].key) != 0) {
            sc_diag_set(diag, file->source->path,
                        file->table->rows[s->rows[i].row].line,
                        "cette ligne est de l'établissement %s, d'autres de "
                        "%s : pour un classeur par établissement, utilisez "
                        "--by-school DOSSIER", s->rows[i].key, uai);
            return SC_ERROR_SCHOOLS;
        }
    }
    for (size_t i = 0; uai && err == SC_OK && i < s->count; i++) {
        const sc_file *file = &s->files[s->rows[i].file];

        if (s->rows[i].key)
            continue;
        if (!(s->rows[i].key = sc_text_dup(uai)))
            return SC_ERROR_MEMORY;
        if (file->header.col[SC_FIELD_UAI] >= 0)
            err = sc_anomalies_add(anomalies, SC_SEVERITY_WARNING,
                                   file->source->path,
                                   file->table->rows[s->rows[i].row].line,
                                   NULL, NULL,
                                   "ligne sans code UAI : comptée dans "
                                   "l'établissement %s", uai);
    }
    return err;
}

static int tagged_cmp(const void *pa, const void *pb)
{
    const tagged *a = pa, *b = pb;
    int c = strcmp(a->key ? a->key : "", b->key ? b->key : "");

    if (c)
        return c;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

/* 1 if rows (n of them) are in tagged_cmp's order. */
static int tagged_sorted(const tagged *rows, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (tagged_cmp(&rows[i - 1], &rows[i]) > 0)
            return 0;
    return 1;
}

static int same_school(const tagged *a, const tagged *b)
{
    return strcmp(a->key ? a->key : "", b->key ? b->key : "") == 0;
}

/* Adds a view of file f holding its header and rows[from .. to - 1]. */
static sc_error school_add_part(sc_school *school, const sc_file *file,
                                size_t f, const tagged *rows, size_t from,
                                size_t to)
{
    sc_table *view = calloc(1, sizeof *view);
    size_t below = file->table->nrows - file->header.row - 1;
    sc_part *parts;

    if (!view)
        return SC_ERROR_MEMORY;
    view->path = file->table->path;
    view->sep = file->table->sep;
    parts = realloc(school->parts, (school->nparts + 1) * sizeof *parts);
    if (parts)
        school->parts = parts;
    if (!parts) {
        sc_table_free(view);
        return SC_ERROR_MEMORY;
    }
    /* Every row under the header, in order (they are sorted, each once):
     * the file's own rows from its header on, borrowed. */
    if (to - from == below) {
        sc_table_borrow(view, file->table, file->header.row, below + 1);
    } else {
        if (sc_table_reserve_rows(view, to - from + 1) != SC_OK) {
            sc_table_free(view);
            return SC_ERROR_MEMORY;
        }
        view->rows[view->nrows++] = file->table->rows[file->header.row];
        for (size_t i = from; i < to; i++)
            view->rows[view->nrows++] = file->table->rows[rows[i].row];
    }
    school->parts[school->nparts++] = (sc_part){f, view};
    return SC_OK;
}

/* Builds the school of rows[from .. to - 1], one part per file. */
static sc_error school_build(sc_school *school, const splitter *s, size_t from,
                             size_t to)
{
    sc_error err = SC_OK;

    if (s->rows[from].key && !(school->uai = sc_text_dup(s->rows[from].key)))
        return SC_ERROR_MEMORY;
    for (size_t i = from; err == SC_OK && i < to;) {
        size_t j = i;
        const sc_file *file = &s->files[s->rows[i].file];
        int col = file->header.col[SC_FIELD_SCHOOL];

        while (j < to && s->rows[j].file == s->rows[i].file) {
            const char *name = row_cell(&file->table->rows[s->rows[j].row],
                                        col);
            if (!school->name && col >= 0 && !sc_text_blank(name) &&
                !(school->name = sc_text_dup(name)))
                return SC_ERROR_MEMORY;
            j++;
        }
        err = school_add_part(school, file, s->rows[i].file, s->rows, i, j);
        i = j;
    }
    return err;
}

sc_error sc_school_split(sc_schools *schools, const sc_file *files,
                          size_t nfiles, int by_school,
                          sc_anomalies *anomalies, sc_diag *diag)
{
    splitter s = {files, nfiles, NULL, 0, 0};
    size_t cap = 0;
    int any_uai = 0;
    sc_error err = SC_OK;

    memset(schools, 0, sizeof *schools);
    /* A tag holds its file in 32 bits (and its row: SC_LIMITS_ROWS). */
    if (nfiles > UINT32_MAX)
        return SC_ERROR_MEMORY;
    for (size_t f = 0; f < nfiles; f++)
        any_uai |= files[f].header.col[SC_FIELD_UAI] >= 0;
    for (size_t f = 0; any_uai && by_school && f < nfiles; f++)
        if (files[f].header.col[SC_FIELD_UAI] < 0) {
            sc_diag_set(diag, files[f].source->path,
                        files[f].table->rows[files[f].header.row].line,
                        "pas de colonne UAI (ou RNE, Code UAI, Code "
                        "établissement) : avec --by-school, chaque ligne "
                        "doit dire son établissement");
            return SC_ERROR_NO_HEADER;
        }
    if (!any_uai && by_school) {
        sc_diag_set(diag, "", 0, "aucun fichier n'a de colonne UAI (ou RNE, "
                                 "Code UAI, Code établissement) : --by-school "
                                 "ne peut pas séparer les établissements");
        return SC_ERROR_NO_HEADER;
    }
    for (size_t f = 0; err == SC_OK && f < nfiles; f++)
        err = tag_file(&s, f, by_school, anomalies);
    if (err == SC_OK && !by_school)
        err = single_school(&s, anomalies, diag);
    /* Tagged file by file, row by row: one school's rows (one workbook,
     * or an académie whose files each hold one school in order) are in
     * order already, and a sort's scratch would cost as much as the tags
     * (a million rows: 16 MB, issue 14). */
    if (err == SC_OK && !tagged_sorted(s.rows, s.count))
        qsort(s.rows, s.count, sizeof *s.rows, tagged_cmp);
    for (size_t i = 0; err == SC_OK && i < s.count;) {
        size_t j = i + 1;

        while (j < s.count && same_school(&s.rows[i], &s.rows[j]))
            j++;
        err = sc_array_reserve((void **)&schools->items, &cap, schools->count,
                               sizeof *schools->items);
        if (err == SC_OK) {
            sc_school *school = &schools->items[schools->count++];
            memset(school, 0, sizeof *school);
            err = school_build(school, &s, i, j);
        }
        i = j;
    }
    for (size_t i = 0; i < s.count; i++)
        free(s.rows[i].key);
    free(s.rows);
    return err;
}

void sc_school_list_clear(sc_schools *schools)
{
    if (!schools)
        return;
    for (size_t i = 0; i < schools->count; i++) {
        sc_school *school = &schools->items[i];
        for (size_t p = 0; p < school->nparts; p++)
            sc_table_free(school->parts[p].table);
        free(school->parts);
        free(school->uai);
        free(school->name);
    }
    free(schools->items);
    memset(schools, 0, sizeof *schools);
}

/* Appends text to out[*n] in ASCII letters and digits, accents dropped
 * (é -> e), every other run of characters one dash: a name every file
 * system and mail client keeps, and never a path. */
static void name_append(char *out, size_t *n, size_t size, const char *text)
{
    utf8proc_uint8_t *ascii = NULL;
    size_t chars = 0;
    int dash = *n > 0;

    if (!text || utf8proc_map((const utf8proc_uint8_t *)text, 0, &ascii,
                              UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE |
                                  UTF8PROC_STRIPMARK) < 0) {
        free(ascii);
        return;
    }
    for (const unsigned char *c = ascii;
         *c && chars < NAME_MAX_CHARS && *n + 2 < size; c++) {
        if (*c < 0x80 && isalnum(*c)) {
            if (dash && *n > 0)
                out[(*n)++] = '-';
            out[(*n)++] = (char)*c;
            chars++;
            dash = 0;
        } else {
            dash = 1;
        }
    }
    out[*n] = '\0';
    free(ascii);
}

void sc_school_file_name(const sc_school *school, char *out, size_t size)
{
    size_t n = 0;

    out[0] = '\0';
    name_append(out, &n, size - sizeof ".xlsx", school->uai);
    name_append(out, &n, size - sizeof ".xlsx", school->name);
    snprintf(out + n, size - n, "%s", n ? ".xlsx" : "etablissement.xlsx");
}
