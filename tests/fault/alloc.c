/*
 * alloc.c - malloc and its family, defined in the fault-injection
 * executable so that they replace glibc's for the whole process: glibc
 * supports this (its own calls, the dynamic loader's after start-up, and
 * every shared library reach these definitions) as long as malloc, calloc,
 * realloc and free are all replaced, and the aligned variants too, or a
 * block they return would be freed here without having been counted.
 *
 * The real work is forwarded to glibc's __libc_* entry points, which never
 * call back into these functions. Nothing here may call stdio, dlsym or
 * anything else that could allocate; backtrace() allocates only the first
 * time (it loads libgcc_s), which the driver does before anything counts.
 *
 * The process is single-threaded (fault-run forks, and runs stagecheck
 * with -j 1, which reads its inputs in the main thread only): plain
 * counters are enough. The counters of the armed failure
 * live in a shared page, because stagecheck writes each workbook in a
 * child process (report.c) while the parent waits: the child's
 * allocations count, and fail, as if the parent made them.
 *
 * Anonymous private mappings are allocations too: input/table.c maps the
 * blocks of its tables and their arrays of rows, and grows them with
 * mremap. mmap and mremap are replaced as well, for those calls only
 * (glibc's own, malloc's and the loader's, go to its internal names);
 * the rest goes to the kernel as it came.
 */
#include <errno.h>
#include <execinfo.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "alloc.h"

/* glibc's allocator under its exported internal names. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

/* What forked children share with their parent. */
typedef struct fault_state {
    int armed;
    int fired;
    unsigned long target;
    unsigned long counted;
    void *where[FAULT_FRAMES];
    int nwhere;
} fault_state;

static fault_state local; /* until the shared page is mapped */
static fault_state *st = &local;
static long live;        /* per process: a child's blocks are its own */

/* Maps the shared page once (mmap allocates nothing through malloc). */
static void share(void)
{
    void *page;

    if (st != &local)
        return;
    page = mmap(NULL, sizeof *st, PROT_READ | PROT_WRITE,
                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page != MAP_FAILED) {
        *(fault_state *)page = local;
        st = page;
    }
}

/* With fault_track: every block allocated since, and its call stack. */
typedef struct tracked {
    void *p;
    int nframes;
    void *frames[FAULT_FRAMES];
} tracked;

#define TRACKED_MAX 65536
static tracked *blocks;  /* from __libc_calloc: never counted */
static size_t nblocks;
static int tracking;
static int track_full;   /* a block could not be recorded */

void fault_arm(unsigned long n)
{
    share();
    st->target = n;
    st->counted = 0;
    st->fired = 0;
    st->armed = 1;
}

void fault_disarm(void)
{
    st->armed = 0;
}

int fault_fired(void)
{
    return st->fired;
}

int fault_where(void **frames)
{
    for (int i = 0; i < st->nwhere; i++)
        frames[i] = st->where[i];
    return st->fired ? st->nwhere : 0;
}

unsigned long fault_count(void)
{
    return st->counted;
}

long fault_live(void)
{
    return live;
}

int fault_track(int on)
{
    if (!on) {
        tracking = 0;
        return 0;
    }
    if (!blocks)
        blocks = __libc_calloc(TRACKED_MAX, sizeof *blocks);
    nblocks = 0;
    track_full = 0;
    tracking = blocks != NULL;
    return tracking ? 0 : -1;
}

size_t fault_tracked(int *complete)
{
    *complete = !track_full;
    return nblocks;
}

int fault_tracked_frames(size_t i, void **frames)
{
    if (i >= nblocks)
        return 0;
    for (int k = 0; k < blocks[i].nframes; k++)
        frames[k] = blocks[i].frames[k];
    return blocks[i].nframes;
}

void fault_hit(void)
{
    /* Empty: where a debugger stops to show who got the NULL. The asm
     * keeps the compiler from dropping the call. */
    __asm__ volatile("");
}

/* Counts one allocation; returns 1 if it is the one that must fail. */
static int must_fail(void)
{
    if (!st->armed)
        return 0;
    st->counted++;
    if (st->fired || st->counted != st->target)
        return 0;
    st->fired = 1;
    st->nwhere = backtrace(st->where, FAULT_FRAMES);
    fault_hit();
    errno = ENOMEM;
    return 1;
}

static void track_add(void *p)
{
    static int busy; /* should backtrace() ever allocate */
    tracked *t;

    if (nblocks == TRACKED_MAX || busy) {
        track_full = 1;
        return;
    }
    t = &blocks[nblocks++];
    t->p = p;
    busy = 1;
    t->nframes = backtrace(t->frames, FAULT_FRAMES);
    busy = 0;
}

static void track_remove(void *p)
{
    /* The newest first: most blocks die young. */
    for (size_t i = nblocks; i-- > 0;)
        if (blocks[i].p == p) {
            blocks[i] = blocks[--nblocks];
            return;
        }
}

/* Counts a block that an allocation returned (NULL is no block). */
static void *got(void *p)
{
    if (p) {
        live++;
        if (tracking)
            track_add(p);
    }
    return p;
}

/* Counts a block given back. */
static void gone(void *p)
{
    live--;
    if (tracking)
        track_remove(p);
}

void *malloc(size_t size)
{
    return must_fail() ? NULL : got(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
    return must_fail() ? NULL : got(__libc_calloc(n, size));
}

void *realloc(void *p, size_t size)
{
    void *q;

    /* realloc(p, 0) frees p in glibc (and returns NULL): not an
     * allocation, it cannot be made to fail. */
    if (p && size == 0) {
        q = __libc_realloc(p, 0);
        if (!q)
            gone(p);
        return q;
    }
    if (must_fail())
        return NULL; /* p is left as it was, as a real failure does */
    q = __libc_realloc(p, size);
    if (!q || !p)
        return p ? q : got(q);
    /* A moved block is still one block, now somewhere else. */
    if (tracking && q != p) {
        track_remove(p);
        track_add(q);
    }
    return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

void free(void *p)
{
    if (p) {
        gone(p);
        __libc_free(p);
    }
}

void *memalign(size_t alignment, size_t size)
{
    return must_fail() ? NULL : got(__libc_memalign(alignment, size));
}

void *aligned_alloc(size_t alignment, size_t size)
{
    return memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p;

    /* A power of two and a multiple of sizeof (void *), as POSIX asks. */
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0 ||
        alignment == 0)
        return EINVAL;
    if (must_fail())
        return ENOMEM;
    p = got(__libc_memalign(alignment, size));
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *valloc(size_t size)
{
    return must_fail() ? NULL : got(__libc_valloc(size));
}

void *pvalloc(size_t size)
{
    return must_fail() ? NULL : got(__libc_pvalloc(size));
}

/* ThreadSanitizer replaces mmap itself, to follow what is mapped. */
#ifndef __SANITIZE_THREAD__
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if ((flags & MAP_ANONYMOUS) && !(flags & MAP_SHARED) && must_fail())
        return MAP_FAILED;
    return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

void *mremap(void *old, size_t old_size, size_t new_size, int flags, ...)
{
    void *new_address = NULL;
    va_list ap;

    if (flags & MREMAP_FIXED) {
        va_start(ap, flags);
        new_address = va_arg(ap, void *);
        va_end(ap);
    }
    /* Only growing allocates. */
    if (new_size > old_size && must_fail())
        return MAP_FAILED;
    return (void *)syscall(SYS_mremap, old, old_size, new_size, flags,
                           new_address);
}
#endif
