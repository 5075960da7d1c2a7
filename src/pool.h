/* pool.h - a parallel for over indices 0..n-1 on a few threads.
 *
 * Index i always writes its own slot, so the thread count never changes a
 * result (SPEC section 4 "Replications").
 */
#ifndef CAP_POOL_H
#define CAP_POOL_H

#include <stddef.h>

typedef void (*cap_task_fn)(void *ctx, size_t i);

/* Calls fn(ctx, i) for every i in [0, n) on up to `threads` threads (the
 * calling one included; a new set per call) and returns when all are
 * done.  Indices are taken in order, one at a time, by whichever thread is
 * free.  A call made from inside another (from an fn) makes no thread,
 * whatever `threads` says: its caller runs its indices, and the outer
 * call's threads that have run out of indices help with them (the last
 * partners of a quarter, simbatch.c).  With threads <= 1 or n <= 1 and no
 * outer call, everything runs on the caller. */
void cap_parallel_for(size_t n, int threads, cap_task_fn fn, void *ctx);

#endif
