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
 * calling one included) and returns when all are done. */
void cap_parallel_for(size_t n, int threads, cap_task_fn fn, void *ctx);

#endif
