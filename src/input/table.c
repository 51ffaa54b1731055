/*
 * table.c - the rows every reader gives, their fields in a few large
 * blocks per table.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/table.h"

/* Fields live in a few large blocks per table, not one allocation each:
 * an académie's million fields would otherwise cost as much in malloc
 * headers as in text. */
#define BLOCK_SIZE ((size_t)64 * 1024)

/* Blocks are whole pages, kept out of the processes the run forks
 * (MADV_DONTFORK): a workbook's writer never reads an input's fields
 * (the records hold copies), and each fork would otherwise copy the page
 * tables of every table not yet checked, a cost that grows with the
 * académie at every batch (issue 14). Before a block goes back to malloc
 * it is made forkable again, and its pages are given back (MADV_DONTNEED:
 * malloc keeps freed memory, which the next fork would copy). */
static size_t block_align(void)
{
    /* madvise works on whole pages of the kernel's size, which is 4 KiB
     * on x86-64 but 16 or 64 KiB on some arm64 and ppc64el kernels: a
     * block rounded to less would share a page with live heap. */
    static size_t page;

    if (!page) {
        long n = sysconf(_SC_PAGESIZE);

        page = n > 0 ? (size_t)n : 65536;
    }
    return page;
}
#define BLOCK_ALIGN block_align()

/* A block's bookkeeping stays in ordinary memory, which a child keeps:
 * only the fields themselves are left out of it (a leak checker following
 * the child still finds every block). */
struct sc_block {
    struct sc_block *next;
    size_t used;
    size_t cap;     /* whole pages */
    char *data;     /* cap bytes, aligned on a page */
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

        /* Rounded up to whole pages: madvise works on pages, and a page
         * shared with other memory would hide that memory from the child. */
        if (cap > SIZE_MAX - BLOCK_ALIGN)
            return NULL;
        cap = (cap + BLOCK_ALIGN - 1) & ~(BLOCK_ALIGN - 1);
        blk = malloc(sizeof *blk);
        if (!blk)
            return NULL;
        blk->data = aligned_alloc(BLOCK_ALIGN, cap);
        if (!blk->data) {
            free(blk);
            return NULL;
        }
        /* Only a saving: a kernel that refuses it forks the block too. */
        (void)madvise(blk->data, cap, MADV_DONTFORK);
        blk->next = t->blocks;
        blk->cap = cap;
        t->blocks = blk;
        at = 0;
    }
    blk->used = at + size;
    return blk->data + at;
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
        struct sc_block *blk = table->blocks;

        (void)madvise(blk->data, blk->cap, MADV_DOFORK);
        (void)madvise(blk->data, blk->cap, MADV_DONTNEED);
        free(blk->data);
        free(blk);
        table->blocks = next;
    }
    free(table->rows);
    free(table);
}
