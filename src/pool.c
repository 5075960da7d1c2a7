/* pool.c - the parallel for of the simulation. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>

typedef struct {
    cap_task_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t next;
} pool;

static void *pool_worker(void *arg)
{
    pool *p = arg;
    size_t i;
    while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
        p->fn(p->ctx, i);
    return NULL;
}

void cap_parallel_for(size_t n, int threads, cap_task_fn fn, void *ctx)
{
    pool p = {fn, ctx, n, 0};
    atomic_init(&p.next, 0);
    pthread_t tid[256];
    int extra = threads - 1, started = 0;
    if ((size_t)extra >= n)
        extra = n > 0 ? (int)n - 1 : 0;
    for (; started < extra && started < 256; started++)
        if (pthread_create(&tid[started], NULL, pool_worker, &p) != 0)
            break; /* fewer threads: the same answer, later */
    pool_worker(&p);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
}
