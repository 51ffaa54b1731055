/*
 * table.c - the rows every reader gives, their fields in a few large
 * blocks per table.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/table.h"

/* Fields live in a few large blocks per table, not one allocation each:
 * an académie's million fields would otherwise cost as much in malloc
 * headers as in text. */
#define BLOCK_SIZE ((size_t)64 * 1024)

struct sc_block {
    struct sc_block *next;
    size_t used;
    size_t cap;
    max_align_t data[]; /* cap bytes */
};

sc_table *sc_table_new(const char *path)
{
    sc_table *table = calloc(1, sizeof *table);

    if (table)
        table->path = path;
    return table;
}

void *sc_table_alloc(sc_table *t, size_t size, size_t align)
{
    struct sc_block *blk = t->blocks;
    size_t at = blk ? (blk->used + align - 1) & ~(align - 1) : 0;

    if (!blk || at + size > blk->cap) {
        size_t cap = size > BLOCK_SIZE ? size : BLOCK_SIZE;

        blk = malloc(sizeof *blk + cap);
        if (!blk)
            return NULL;
        blk->next = t->blocks;
        blk->cap = cap;
        t->blocks = blk;
        at = 0;
    }
    blk->used = at + size;
    return (char *)blk->data + at;
}

char *sc_table_field(sc_table *table, const char *text, size_t len)
{
    char *field = sc_table_alloc(table, len + 1, 1);

    if (!field)
        return NULL;
    memcpy(field, text, len);
    field[len] = '\0';
    return sc_text_clean(field);
}

sc_error sc_table_add_row(sc_table *t, unsigned line, char **fields,
                          size_t n)
{
    char **copy;
    int blank = 1;

    for (size_t i = 0; i < n && blank; i++)
        blank = fields[i][0] == '\0';
    if (blank)
        return SC_OK;
    copy = sc_table_alloc(t, (n ? n : 1) * sizeof *copy, sizeof *copy);
    if (!copy || sc_array_reserve((void **)&t->rows, &t->cap, t->nrows,
                                  sizeof *t->rows) != SC_OK)
        return SC_ERROR_MEMORY;
    memcpy(copy, fields, n * sizeof *copy);
    t->rows[t->nrows++] = (sc_row){line, n, copy};
    return SC_OK;
}

int sc_table_row_blank(const sc_row *row)
{
    for (size_t i = 0; i < row->nfields; i++)
        if (!sc_text_blank(row->fields[i]))
            return 0;
    return 1;
}

void sc_table_free(sc_table *table)
{
    if (!table)
        return;
    while (table->blocks) {
        struct sc_block *next = table->blocks->next;
        free(table->blocks);
        table->blocks = next;
    }
    free(table->rows);
    free(table);
}
