/*
 * lock.h - one run at a time on a workbook: an flock(2) on "<output>.lock".
 */
#ifndef STAGECHECK_STORE_LOCK_H
#define STAGECHECK_STORE_LOCK_H

#include "stagecheck/base/error.h"

/** Takes the lock of the workbook at output, waiting up to wait_seconds for
 *  another run to release it. Returns SC_OK and *fd (release it with
 *  sc_lock_release), SC_ERROR_LOCKED when the wait ran out, or
 *  SC_ERROR_OUTPUT when the lock file cannot be created; diag says why.
 *  The lock file stays in place: removing it would let a third run lock a
 *  file the second one no longer sees. */
sc_error sc_lock_acquire(const char *output, int wait_seconds, int *fd,
                         sc_diag *diag);

/** Releases a lock taken by sc_lock_acquire; -1 is fine. */
void sc_lock_release(int fd);

#endif /* STAGECHECK_STORE_LOCK_H */
