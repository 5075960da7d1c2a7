/* simbatch.c - many partner-quarters sized on a few threads (SPEC section
 * 4 "Replications").
 *
 * Partners share nothing while they run (their own streams, jobs and
 * figures; the world only read once its clocks are built), so with at
 * least as many partners as threads each thread sizes whole partners,
 * largest first so that a big one does not finish alone at the end; a
 * thread out of partners helps with the replications of those still
 * running (pool.c) rather than wait for them at the quarter's end.  The
 * jobs kept between candidates are shared out among the partners in
 * flight, so the run keeps no more than one partner did.  With fewer
 * partners than threads (one partner: capplan size, a sales deal) they
 * run one after another, each with its replications in parallel. */
#include <pthread.h>
#include <stdlib.h>

#include "pool.h"
#include "simcore.h"

typedef struct {
    size_t item;
    long weight; /* what a partner's work grows with */
} job_order;

/* Customers times the teams searched: a guess at the partner's work, good
 * enough to start the big ones first. */
static long weight_of(const cap_partner_staffing *ps)
{
    long roles = 0;
    for (int r = 0; r < CAP_ROLES; r++)
        roles += ps->role[r].active != 0;
    return (long)ps->customers * roles;
}

static int heavier_first(const void *a, const void *b)
{
    const job_order *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

typedef struct {
    const cap_sim_item *items;
    const job_order *order;
    cap_sim_partner *out;
    cap_run_budget budget;
    const cap_sim_options *so;
    pthread_mutex_t lock; /* over done and so->progress */
    long done, total;
} batch;

static void finished(batch *b)
{
    if (!b->so->progress)
        return;
    pthread_mutex_lock(&b->lock);
    b->done++;
    b->so->progress(b->so->progress_ctx, b->done, b->total);
    pthread_mutex_unlock(&b->lock);
}

static void size_item(void *ctx, size_t k)
{
    batch *b = ctx;
    size_t i = b->order[k].item;
    const cap_sim_item *it = &b->items[i];
    cap_sim_partner_size_within(it->w, it->ps, it->index, it->quarter, b->budget,
                                &b->out[i]);
    finished(b);
}

void cap_sim_size_all(const cap_sim_item *items, size_t n,
                      const cap_sim_options *so, long before, long total,
                      cap_sim_partner *out)
{
    int threads = so->threads > 1 ? so->threads : 1;
    int side_by_side = n >= (size_t)threads;
    job_order *order = cap_must(malloc((n + 1) * sizeof *order));
    for (size_t i = 0; i < n; i++) {
        cap_sim_world_prepare(items[i].w, items[i].ps, items[i].quarter);
        order[i] = (job_order){i, weight_of(items[i].ps)};
    }
    batch b = {items, order, out, {threads, CAP_JOB_KEEP_BYTES}, so,
               PTHREAD_MUTEX_INITIALIZER, before, total};
    if (side_by_side) {
        qsort(order, n, sizeof *order, heavier_first);
        b.budget = (cap_run_budget){1, CAP_JOB_KEEP_BYTES / (size_t)threads};
        cap_parallel_for(n, threads, size_item, &b);
    } else {
        for (size_t k = 0; k < n; k++)
            size_item(&b, k);
    }
    pthread_mutex_destroy(&b.lock);
    free(order);
}

cap_status cap_sim_size_each(const cap_sim_item *items, size_t n,
                             const cap_sim_options *so, size_t slice,
                             cap_sim_take_fn take, void *ctx)
{
    cap_sim_options quiet = *so;
    quiet.progress = NULL;
    slice = slice ? slice : 1;
    cap_sim_partner *res = cap_must(malloc((slice < n ? slice : n + 1) * sizeof *res));
    cap_status st = CAP_OK;
    for (size_t from = 0; from < n && st == CAP_OK; from += slice) {
        size_t count = n - from < slice ? n - from : slice;
        cap_sim_size_all(items + from, count, &quiet, 0, 0, res);
        for (size_t k = 0; k < count; k++) {
            if (st == CAP_OK)
                st = take(ctx, from + k, &res[k]);
            else
                for (int r = 0; r < CAP_ROLES; r++)
                    cap_sim_role_clear(&res[k].role[r]);
        }
    }
    free(res);
    return st;
}
