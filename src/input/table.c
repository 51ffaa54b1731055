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
#include "stagecheck/base/text.h"
#include "stagecheck/input/table.h"

/* Fields live in a few large blocks per table, not one allocation each:
 * an académie's million fields would otherwise cost as much in malloc
 * headers as in text. */
#define BLOCK_SIZE ((size_t)64 * 1024)

/* Blocks, and the arrays of rows, are whole pages kept out of the
 * processes the run forks (MADV_DONTFORK): a workbook's writer never
 * reads an input's rows (the records hold copies), and each fork would
 * otherwise copy the page tables of every table not yet checked, a cost
 * that grows with the académie at every batch (issue 14). */
static size_t block_align(void)
{
    /* mmap and madvise work on whole pages of the kernel's size, which
     * is 4 KiB on x86-64 but 16 or 64 KiB on some arm64 and ppc64el
     * kernels. */
    long n = sysconf(_SC_PAGESIZE);

    return n > 0 ? (size_t)n : 65536;
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
    size_t first;   /* in a block of field arrays (the table's cells), */
    size_t last;    /* the rows whose arrays it holds */
};

/* Returns size rounded up to whole pages, or 0 past SIZE_MAX. */
static size_t page_round(size_t size)
{
    if (size > SIZE_MAX - BLOCK_ALIGN)
        return 0;
    return (size + BLOCK_ALIGN - 1) & ~(BLOCK_ALIGN - 1);
}

/* Returns cap bytes (whole pages) of zeroed memory left out of forks, or
 * NULL. Mapped on their own, not taken from malloc's heap: blocks
 * scattered in the heap would cut it into thousands of mappings, each
 * copied at every fork (the académie's forks grew with the number of
 * tables left to check), and their neighbours would keep malloc's freed
 * memory in the children. The kernel merges neighbouring mappings of the
 * same kind into one. */
static void *pages_alloc(size_t cap)
{
    void *data = mmap(NULL, cap, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (data == MAP_FAILED)
        return NULL;
    /* Only a saving: a kernel that refuses it forks the pages too. */
    (void)madvise(data, cap, MADV_DONTFORK);
    return data;
}

/* Gives back what pages_alloc (or pages_grow) returned, of cap bytes. */
static void pages_free(void *data, size_t cap)
{
    if (data)
        (void)munmap(data, cap);
}

/* Returns data (of cap bytes, or NULL) grown to bigger bytes, its content
 * kept, or NULL (data untouched) when out of memory. */
static void *pages_grow(void *data, size_t cap, size_t bigger)
{
    void *moved;

    if (!data)
        return pages_alloc(bigger);
#ifdef __SANITIZE_THREAD__
    /* ThreadSanitizer follows mmap and munmap, not mremap: pages moved
     * would keep the shadow of their old place, and another thread's
     * next table there would look like a race. */
    if ((moved = pages_alloc(bigger)) != NULL) {
        memcpy(moved, data, cap);
        pages_free(data, cap);
    }
    return moved;
#else
    moved = mremap(data, cap, bigger, MREMAP_MAYMOVE);
    return moved == MAP_FAILED ? NULL : moved;
#endif
}

/* The bytes of a row array of cap rows, in whole pages. */
static size_t rows_bytes(size_t cap)
{
    return cap > SIZE_MAX / sizeof(sc_row) ? 0
                                           : page_round(cap * sizeof(sc_row));
}

sc_error sc_table_reserve_rows(sc_table *t, size_t n)
{
    size_t cap, bytes;
    sc_row *rows;

    if (n <= t->cap)
        return SC_OK;
    cap = t->cap > n / 2 ? t->cap * 2 : n;
    if (cap < n || !(bytes = rows_bytes(cap)))
        return SC_ERROR_MEMORY;
    /* The whole pages: what rounding gives is room for more rows. */
    cap = bytes / sizeof(sc_row);
    if (!(rows = pages_grow(t->rows, rows_bytes(t->cap), bytes)))
        return SC_ERROR_MEMORY;
    t->rows = rows;
    t->cap = cap;
    return SC_OK;
}

sc_table *sc_table_new(const char *path)
{
    sc_table *table = calloc(1, sizeof *table);

    if (table)
        table->path = path;
    return table;
}

/* Returns size bytes aligned for align from the newest block of *chain,
 * or from a new block put at its head; NULL when out of memory. */
static void *block_alloc(struct sc_block **chain, size_t size, size_t align)
{
    struct sc_block *blk = *chain;
    size_t at = blk ? (blk->used + align - 1) & ~(align - 1) : 0;

    if (!blk || at + size > blk->cap) {
        /* Whole pages: what mmap gives; the rest of the last page is
         * room for the next fields. */
        size_t cap = page_round(size > BLOCK_SIZE ? size : BLOCK_SIZE);

        if (!cap)
            return NULL;
        blk = malloc(sizeof *blk);
        if (!blk)
            return NULL;
        blk->data = pages_alloc(cap);
        if (!blk->data) {
            free(blk);
            return NULL;
        }
        blk->next = *chain;
        blk->cap = cap;
        blk->first = blk->last = 0;
        *chain = blk;
        at = 0;
    }
    blk->used = at + size;
    return blk->data + at;
}

void *sc_table_alloc(sc_table *t, size_t size, size_t align)
{
    return block_alloc(&t->blocks, size, align);
}

/* A table's index of its fields by value while it is read, to keep each
 * value once: open addressing, at most SHARE_SLOTS_MAX slots of 16 bytes,
 * freed by sc_table_done. Past that size a value takes the place of one
 * that collides with it: a later copy of the value lost is kept again,
 * which costs only memory, and the index stays small whatever the file. */
#define SHARE_SLOTS_MIN ((size_t)256)
#define SHARE_SLOTS_MAX ((size_t)1 << 16)
#define SHARE_PROBES 8

typedef struct share_slot {
    uint32_t hash;
    uint32_t len;
    const char *text;  /* NULL: a free slot */
} share_slot;

struct sc_share {
    share_slot *slots;
    size_t cap;        /* a power of two */
    size_t count;
};

/* A hash of the NUL-terminated s, eight bytes at a time (a multiply and
 * a fold per word); sets *len. */
static uint32_t share_hash(const char *s, size_t *len)
{
    const uint64_t k = 0x9E3779B97F4A7C15u;
    size_t n = strlen(s), i = 0;
    uint64_t h = n * k, w;

    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, s + i, n - i);
    h = (h ^ w) * k;
    h ^= h >> 32;
    *len = n;
    return (uint32_t)h;
}

/* Returns the free slot, or the slot of a value equal to (h, len, text),
 * among the probes from h; else NULL. */
static share_slot *share_find(struct sc_share *sh, uint32_t h, size_t len,
                              const char *text)
{
    size_t mask = sh->cap - 1, i = h & mask;

    for (size_t k = 0; k < SHARE_PROBES; k++, i = (i + 1) & mask) {
        share_slot *slot = &sh->slots[i];

        if (!slot->text || (slot->hash == h && slot->len == len &&
                            memcmp(slot->text, text, len) == 0))
            return slot;
    }
    return NULL;
}

/* Doubles the index while it is under its largest size and half full;
 * returns 0 when it has no slots (out of memory: nothing is shared). */
static int share_room(struct sc_share *sh)
{
    share_slot *old = sh->slots, *grown;
    size_t cap;

    if (sh->slots && (sh->cap >= SHARE_SLOTS_MAX || sh->count < sh->cap / 2))
        return 1;
    cap = sh->slots ? sh->cap * 2 : SHARE_SLOTS_MIN;
    if (!(grown = calloc(cap, sizeof *grown)))
        return sh->slots != NULL;
    sh->slots = grown;
    sh->cap = cap;
    sh->count = 0;
    for (size_t i = 0; old && i < cap / 2; i++)
        if (old[i].text) {
            share_slot *slot = share_find(sh, old[i].hash, old[i].len,
                                          old[i].text);

            if (slot) {
                *slot = old[i];
                sh->count++;
            }
        }
    free(old);
    return 1;
}

char *sc_table_share(sc_table *t, char *field)
{
    struct sc_block *blk = t->blocks;
    share_slot *slot;
    size_t len;
    uint32_t h = share_hash(field, &len);

    if (len > UINT32_MAX)
        return field;
    if (!t->share && !(t->share = calloc(1, sizeof *t->share)))
        return field;
    if (!share_room(t->share))
        return field;
    slot = share_find(t->share, h, len, field);
    if (slot && slot->text) {
        /* The last allocation of the block: its bytes are given back. */
        if (blk && field >= blk->data && field < blk->data + blk->used)
            blk->used = (size_t)(field - blk->data);
        return (char *)slot->text;
    }
    if (slot)
        t->share->count++;
    else
        slot = &t->share->slots[h & (t->share->cap - 1)];
    *slot = (share_slot){h, (uint32_t)len, field};
    return field;
}

void sc_table_done(sc_table *t)
{
    if (!t || !t->share)
        return;
    free(t->share->slots);
    free(t->share);
    t->share = NULL;
}

char *sc_table_field(sc_table *table, const char *text, size_t len)
{
    char *field = sc_table_alloc(table, len + 1, 1);

    if (!field)
        return NULL;
    memcpy(field, text, len);
    field[len] = '\0';
    return sc_table_share(table, sc_text_clean(field));
}

sc_error sc_table_add_row(sc_table *t, unsigned line, char **fields,
                          size_t n)
{
    struct sc_block *was;
    char **copy;
    int blank = 1;

    for (size_t i = 0; i < n && blank; i++)
        blank = fields[i][0] == '\0';
    if (blank)
        return SC_OK;
    /* 2^32 fields would take 32 GB of pointers: more than memory, and
     * far more than an input of SC_LIMITS_FILE_BYTES holds. */
    if (n > UINT32_MAX || sc_table_reserve_rows(t, t->nrows + 1) != SC_OK)
        return SC_ERROR_MEMORY;
    /* The arrays apart from the text, in the rows' order: a block of them
     * holds only rows first to last, given back once they are read
     * (sc_table_release), while a later row may share a field's text. */
    was = t->cells;
    copy = block_alloc(&t->cells, (n ? n : 1) * sizeof *copy, sizeof *copy);
    if (!copy)
        return SC_ERROR_MEMORY;
    if (t->cells != was)
        t->cells->first = t->nrows;
    t->cells->last = t->nrows;
    memcpy(copy, fields, n * sizeof *copy);
    t->rows[t->nrows++] = (sc_row){line, (uint32_t)n, copy};
    return SC_OK;
}

void sc_table_borrow(sc_table *view, sc_table *table, size_t first,
                     size_t n)
{
    view->rows = table->rows + first;
    view->nrows = n;
    view->cap = n;
    view->borrowed = 1;
    view->owner = table;
}

/* Frees the blocks of *chain that hold only arrays of rows from .. to - 1
 * (every block of text, whose rows are 0 .. 0, when to is SIZE_MAX). */
static void blocks_release(struct sc_block **chain, size_t from, size_t to)
{
    while (*chain) {
        struct sc_block *blk = *chain;

        if (blk->first >= from && blk->last < to) {
            *chain = blk->next;
            pages_free(blk->data, blk->cap);
            free(blk);
        } else {
            chain = &blk->next;
        }
    }
}

void sc_table_release(sc_table *table, size_t from, size_t to)
{
    sc_table *t = table;
    uintptr_t start, end, page = BLOCK_ALIGN;

    if (table->owner) {
        size_t at = (size_t)(table->rows - table->owner->rows);

        t = table->owner;
        from += at;
        to += at;
    }
    /* A view of copied rows, or rows made by hand: nothing its own. */
    if (!t->cells || to > t->nrows || from >= to)
        return;
    blocks_release(&t->cells, from, to);
    /* The rows' whole pages read as zeros from now on; the rows at either
     * end, on pages shared with rows still read, are emptied by hand
     * first (a row may straddle a page where it is 12 bytes, on 32-bit
     * systems), so that every row given back reads as one without
     * fields. */
    start = ((uintptr_t)&t->rows[from] + page - 1) & ~(page - 1);
    end = (uintptr_t)&t->rows[to] & ~(page - 1);
    if (start < end) {
        for (size_t i = from; (uintptr_t)&t->rows[i] < start; i++)
            t->rows[i] = (sc_row){0, 0, NULL};
        for (size_t i = to; i > from && (uintptr_t)(&t->rows[i - 1] + 1) > end;
             i--)
            t->rows[i - 1] = (sc_row){0, 0, NULL};
        (void)madvise((void *)start, end - start, MADV_DONTNEED);
    } else {
        for (size_t i = from; i < to; i++)
            t->rows[i] = (sc_row){0, 0, NULL};
    }
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
    sc_table_done(table);
    blocks_release(&table->blocks, 0, SIZE_MAX);
    blocks_release(&table->cells, 0, SIZE_MAX);
    if (!table->borrowed)
        pages_free(table->rows, rows_bytes(table->cap));
    free(table);
}
