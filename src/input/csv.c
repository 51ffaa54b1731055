/*
 * csv.c - parsing decoded text into a table of rows, with libcsv; a row
 * keeps the line where it starts.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "stagecheck/input/csv.h"
#include "stagecheck/input/limits.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/source.h"
#include "stagecheck/base/array.h"

/* ---- Parsing ------------------------------------------------------------ */

/* What the libcsv callbacks share with sc_csv_parse. */
typedef struct table_builder {
    sc_table *table;
    char **fields;       /* the record being built */
    size_t nfields;
    size_t cap;
    unsigned line;       /* physical line of the chunk being fed */
    unsigned row_line;   /* line where the record being built started */
    unsigned field_line; /* line where its last complete field ended */
    int in_record;
    int too_many;        /* past SC_LIMITS_ROWS, at row_line */
    sc_error err;
} table_builder;

static void builder_on_field(void *data, size_t len, void *arg)
{
    table_builder *b = arg;
    char *field;

    if (b->err != SC_OK)
        return;
    if (sc_array_reserve((void **)&b->fields, &b->cap, b->nfields,
                         sizeof *b->fields) != SC_OK)
        goto mem_error;
    field = sc_table_alloc(b->table, len + 1, 1);
    if (!field)
        goto mem_error;
    /* A line break inside a quoted field keeps the file's CR: drop it, or
     * the workbook shows "_x000D_". */
    if (!memchr(data, '\r', len)) {
        memcpy(field, data, len);
        field[len] = '\0';
    } else {
        const char *in = data;
        size_t w = 0;

        for (size_t i = 0; i < len; i++) {
            if (in[i] == '\r' && i + 1 < len && in[i + 1] == '\n')
                continue;
            field[w++] = in[i] == '\r' ? '\n' : in[i];
        }
        field[w] = '\0';
    }
    b->fields[b->nfields++] = sc_table_share(b->table, sc_text_clean(field));
    b->field_line = b->line;
    return;

mem_error:
    b->err = SC_ERROR_MEMORY;
}

static void builder_on_row(int term, void *arg)
{
    table_builder *b = arg;

    (void)term;
    b->in_record = 0;
    /* The builder's array is kept for the next record; the row gets a
     * copy in the table's blocks. */
    if (b->err == SC_OK)
        b->err = sc_table_add_row(b->table, b->row_line, b->fields,
                                  b->nfields);
    /* Stop at the first row past the limit: a runaway file must not
     * fill memory with rows before it is refused. */
    if (b->err == SC_OK && b->table->nrows > SC_LIMITS_ROWS) {
        b->too_many = 1;
        b->err = SC_ERROR_FILE_READ;
    }
    b->nfields = 0;
}

/* With TAB as the separator only ' ' may be a space: libcsv's default
 * counts TAB too, and a separator must never be trimmed away (libcsv 3.0.3
 * happens to test the separator first; nothing documents it). */
static int is_space_only(unsigned char c)
{
    return c == ' ';
}

/* Returns the length of the chunk at p, its end included: an LF or a CR,
 * the line ends libcsv knows. A CRLF makes two chunks; the lone LF is
 * ignored by libcsv between records and kept inside a quoted field. */
static size_t chunk_length(const char *p, const char *end)
{
    const char *q = p;

    while (q < end && *q != '\n' && *q != '\r')
        q++;
    return (size_t)(q - p) + (q < end);
}

/* Returns 1 if libcsv, between records, starts one on this chunk: any byte
 * but its spaces and line ends does (a separator too: empty fields). */
static int chunk_starts_record(const char *p, size_t len, char sep)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\r' && p[i] != '\n' &&
            (p[i] != '\t' || sep == '\t'))
            return 1;
    return 0;
}

sc_error sc_csv_parse(const sc_source *source, char sep, sc_table **out,
                        sc_diag *diag)
{
    const unsigned char options = CSV_APPEND_NULL | CSV_STRICT_FINI;
    const char *p = source->text, *end = source->text + source->len;
    struct csv_parser parser = {0};
    table_builder b = {0};
    /* Old Mac exports end lines with a lone CR; elsewhere a lone CR is
     * inside a line and does not count. */
    int cr_ends_line = memchr(source->text, '\n', source->len) == NULL;

    *out = NULL;
    b.table = sc_table_new(source->path);
    if (!b.table)
        return SC_ERROR_MEMORY;
    b.table->sep = sep;
    b.line = 1;
    csv_init(&parser, options); /* fails only for a NULL parser */
    csv_set_delim(&parser, (unsigned char)sep);
    if (sep == '\t')
        csv_set_space_func(&parser, is_space_only);

    /* One physical line (or CR-ended part of one) per call, so that the
     * line where each record starts is known: libcsv does not count lines,
     * and a chunk holds at most one record end, at its end. */
    while (p < end) {
        size_t n = chunk_length(p, end);

        /* libcsv grows a field 128 bytes at a time: with a 50 MB line and
         * a copying realloc (valgrind, ASan) that is quadratic. */
        csv_set_blk_size(&parser, n + 128);
        if (!b.in_record && chunk_starts_record(p, n, sep)) {
            b.in_record = 1;
            b.row_line = b.line;
        }
        if (csv_parse(&parser, p, n, builder_on_field, builder_on_row, &b)
            != n && b.err == SC_OK)
            b.err = SC_ERROR_MEMORY; /* CSV_ENOMEM or CSV_ETOOBIG */
        if (b.err != SC_OK)
            goto fail;
        p += n;
        if (p[-1] == '\n' || (cr_ends_line && p[-1] == '\r'))
            b.line++;
    }
    /* libcsv honours CSV_STRICT_FINI only with CSV_STRICT, which would also
     * reject the stray quotes kept as text inside lines: so strict only for
     * csv_fini, where a quoted field still open is the error. */
    csv_set_opts(&parser, options | CSV_STRICT);
    if (csv_fini(&parser, builder_on_field, builder_on_row, &b) != 0) {
        /* The open field starts where the previous one ended, or with its
         * record: a field cannot leave its line before its quote opens. */
        unsigned field_line = b.nfields ? b.field_line : b.row_line;
        sc_diag_set(diag, source->path, field_line,
                    "guillemet ouvert jamais refermé "
                    "(enregistrement commencé ligne %u)", b.row_line);
        b.err = SC_ERROR_CSV_QUOTE;
    }
fail:
    if (b.too_many)
        sc_limits_check_rows(source->path, b.table->nrows, b.row_line, diag);
    if (b.err != SC_OK)
        goto error;
    csv_free(&parser);
    free(b.fields);
    sc_table_done(b.table);
    *out = b.table;
    return SC_OK;

error:
    csv_free(&parser);
    free(b.fields);
    sc_table_free(b.table);
    return b.err;
}
