/* pool.c - the parallel for of the simulation.
 *
 * An outer call makes a team of threads.  A call made inside it (a
 * partner's replications, while partners run side by side: simbatch.c)
 * makes no thread but opens its indices to the team: a team thread with
 * no outer index left helps with them instead of waiting for the last
 * partner at the end of the quarter.  Each index still writes only its
 * own slot, so who runs it changes no result. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>

#define MAX_THREADS 256

/* One call's indices.  Helpers hold a reference while they take from it,
 * so that the owner's stack frame outlives them. */
typedef struct job {
    cap_task_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t next;     /* the next index to hand out */
    size_t finished;        /* indices run to the end (under the team lock) */
    int helpers;            /* team threads taking from it (under the lock) */
    struct job *link;       /* the team's open nested jobs */
} job;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t work;    /* a nested job opened, or the outer job ended */
    pthread_cond_t settled; /* a nested job's last helper left */
    job outer;
    job *open;              /* nested jobs that may still have indices */
    int ended;              /* every outer index finished */
} team;

/* The team the calling thread works in; NULL outside any outer call. */
static _Thread_local team *current;

static void job_init(job *j, size_t n, cap_task_fn fn, void *ctx)
{
    j->fn = fn;
    j->ctx = ctx;
    j->n = n;
    atomic_init(&j->next, 0);
    j->finished = 0;
    j->helpers = 0;
    j->link = NULL;
}

/* Runs indices of j until none is left; returns how many it ran. */
static size_t drain(job *j)
{
    size_t i, ran = 0;
    while ((i = atomic_fetch_add(&j->next, 1)) < j->n) {
        j->fn(j->ctx, i);
        ran++;
    }
    return ran;
}

static void unlink_job(team *t, job *j)
{
    for (job **p = &t->open; *p; p = &(*p)->link)
        if (*p == j) {
            *p = j->link;
            return;
        }
}

/* A nested call on a team thread: the caller runs its indices, idle team
 * threads join in, and it returns once every index has run and no helper
 * still holds the job. */
static void nested_for(team *t, size_t n, cap_task_fn fn, void *ctx)
{
    job j;
    job_init(&j, n, fn, ctx);
    pthread_mutex_lock(&t->lock);
    j.link = t->open;
    t->open = &j;
    pthread_cond_broadcast(&t->work);
    pthread_mutex_unlock(&t->lock);
    size_t ran = drain(&j);
    pthread_mutex_lock(&t->lock);
    unlink_job(t, &j);
    j.finished += ran;
    while (j.finished < j.n || j.helpers > 0)
        pthread_cond_wait(&t->settled, &t->lock);
    pthread_mutex_unlock(&t->lock);
}

/* An idle team thread: helps with open nested jobs until the outer job
 * has ended.  Called and returns with the lock held. */
static void help(team *t)
{
    while (!t->ended) {
        job *j = t->open;
        while (j && atomic_load(&j->next) >= j->n)
            j = j->link;
        if (!j) {
            pthread_cond_wait(&t->work, &t->lock);
            continue;
        }
        j->helpers++;
        pthread_mutex_unlock(&t->lock);
        size_t ran = drain(j);
        pthread_mutex_lock(&t->lock);
        j->finished += ran;
        if (--j->helpers == 0)
            pthread_cond_broadcast(&t->settled);
    }
}

static void *team_worker(void *arg)
{
    team *t = arg;
    current = t;
    size_t ran = drain(&t->outer);
    pthread_mutex_lock(&t->lock);
    t->outer.finished += ran;
    if (t->outer.finished == t->outer.n) {
        t->ended = 1;
        pthread_cond_broadcast(&t->work);
    }
    help(t);
    pthread_mutex_unlock(&t->lock);
    current = NULL;
    return NULL;
}

static void outer_for(size_t n, int threads, cap_task_fn fn, void *ctx)
{
    team t = {.open = NULL, .ended = 0};
    pthread_mutex_init(&t.lock, NULL);
    pthread_cond_init(&t.work, NULL);
    pthread_cond_init(&t.settled, NULL);
    job_init(&t.outer, n, fn, ctx);
    pthread_t tid[MAX_THREADS];
    int extra = threads - 1, started = 0;
    if ((size_t)extra >= n)
        extra = (int)n - 1;
    for (; started < extra && started < MAX_THREADS; started++)
        if (pthread_create(&tid[started], NULL, team_worker, &t) != 0)
            break; /* fewer threads: the same answer, later */
    team_worker(&t);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    pthread_cond_destroy(&t.settled);
    pthread_cond_destroy(&t.work);
    pthread_mutex_destroy(&t.lock);
}

void cap_parallel_for(size_t n, int threads, cap_task_fn fn, void *ctx)
{
    if (current && n > 1) {
        nested_for(current, n, fn, ctx);
    } else if (!current && threads > 1 && n > 1) {
        outer_for(n, threads, fn, ctx);
    } else {
        for (size_t i = 0; i < n; i++)
            fn(ctx, i);
    }
}
