/*
 * alloc.h - the allocator of the fault-injection build: tests/fault/alloc.c
 * replaces malloc and its family for the whole process (stagecheck,
 * libxlsxwriter, libcsv, utf8proc, iconv, stdio), counts the calls, fails
 * one of them on request and keeps the number of live blocks.
 */
#ifndef STAGECHECK_FAULT_ALLOC_H
#define STAGECHECK_FAULT_ALLOC_H

#include <stddef.h>

/** Makes the n-th allocation from now on (n >= 1) fail once, with errno
 *  ENOMEM; allocations are counted from this call. */
void fault_arm(unsigned long n);

/** Stops counting; no allocation fails after this. */
void fault_disarm(void);

/** Returns 1 if the armed failure has happened since the last fault_arm. */
int fault_fired(void);

#define FAULT_FRAMES 32

/** Copies the call stack of the failed allocation into frames (room for
 *  FAULT_FRAMES) and returns its depth, 0 when nothing failed. */
int fault_where(void **frames);

/** Returns the allocations counted since the last fault_arm. */
unsigned long fault_count(void);

/** Returns the blocks allocated and not yet freed, since the process
 *  started: successful allocations minus frees of non-NULL pointers. */
long fault_live(void);

/** Starts recording every block allocated from now on with its call
 *  stack, forgetting those recorded before (on), or stops recording,
 *  keeping them (!on): a leak can then be traced to where its blocks came
 *  from. Returns 0, or -1 when the table cannot be had. */
int fault_track(int on);

/** Returns how many recorded blocks are still allocated; *complete is 0
 *  if some could not be recorded. */
size_t fault_tracked(int *complete);

/** Copies the call stack of the i-th recorded block into frames (room for
 *  FAULT_FRAMES) and returns its depth. */
int fault_tracked_frames(size_t i, void **frames);

/** Called when the armed failure happens, and does nothing: a breakpoint
 *  there shows the caller that gets NULL, e.g.
 *  gdb -ex 'set follow-fork-mode child' -ex 'break fault_hit' -ex run
 *      -ex bt --args build/fault/fault-run N */
void fault_hit(void);

#endif /* STAGECHECK_FAULT_ALLOC_H */
