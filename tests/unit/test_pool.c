/* test_pool.c - cap_parallel_for: every index runs once and writes its
 * own slot, flat and nested three deep, on 1, 2 and 3 threads; and a team
 * thread with no outer index left helps with another thread's nested call
 * (the last partners of a quarter, simbatch.c) instead of waiting. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "check.h"
#include "pool.h"

enum { OUTER = 8, MIDDLE = 50, INNER = 10, CELLS = OUTER * MIDDLE * INNER };

typedef struct {
    int threads;
    long cell[CELLS];
    atomic_int runs[CELLS];
    atomic_int early; /* nested calls that returned before all their cells */
} grid;

typedef struct {
    grid *g;
    size_t o, m;
} place;

static void inner(void *ctx, size_t k)
{
    place *p = ctx;
    size_t c = (p->o * MIDDLE + p->m) * INNER + k;
    volatile long spin = 0;
    for (int i = 0; i < 20000; i++)
        spin += i; /* long enough for a helper to be still at it */
    p->g->cell[c] = (long)(p->o * 1000 + p->m * 10 + k);
    atomic_fetch_add(&p->g->runs[c], 1);
}

static void middle(void *ctx, size_t m)
{
    place *outer = ctx, p = {outer->g, outer->o, m};
    cap_parallel_for(INNER, outer->g->threads, inner, &p);
    for (size_t k = 0; k < INNER; k++)
        if (atomic_load(&p.g->runs[(p.o * MIDDLE + m) * INNER + k]) != 1) {
            atomic_fetch_add(&p.g->early, 1);
            break;
        }
}

static void top(void *ctx, size_t o)
{
    grid *g = ctx;
    place p = {g, o, 0};
    cap_parallel_for(MIDDLE, g->threads, middle, &p);
}

/* Cell (o, m, k) holds o x 1000 + m x 10 + k, written exactly once, and
 * before the call that asked for it returned. */
static void check_nested(int threads)
{
    static grid g;
    memset(&g, 0, sizeof g);
    g.threads = threads;
    cap_parallel_for(OUTER, threads, top, &g);
    int wrong = 0, once = 0;
    for (size_t o = 0; o < OUTER; o++)
        for (size_t m = 0; m < MIDDLE; m++)
            for (size_t k = 0; k < INNER; k++) {
                size_t c = (o * MIDDLE + m) * INNER + k;
                wrong += g.cell[c] != (long)(o * 1000 + m * 10 + k);
                once += atomic_load(&g.runs[c]) == 1;
            }
    CHECK_INT(wrong, 0);
    CHECK_INT(once, CELLS);
    CHECK_INT(atomic_load(&g.early), 0);
}

/* Flat: slot i holds i x i; the slots sum to 999 x 1000 x 1999 / 6. */
static long squares[1000];

static void square(void *ctx, size_t i)
{
    (void)ctx;
    squares[i] = (long)(i * i);
}

static void check_flat(int threads)
{
    memset(squares, 0, sizeof squares);
    cap_parallel_for(1000, threads, square, NULL);
    long sum = 0;
    for (int i = 0; i < 1000; i++)
        sum += squares[i];
    CHECK_INT(sum, 332833500L);
}

/* Helping: outer item 0 opens 100 nested indices; each waits (at most two
 * seconds in all) until two different threads have run one of them.  With
 * two threads the other one, done with items 1-3, must join in. */
enum { HELPED = 100 };

typedef struct {
    pthread_mutex_t lock;
    pthread_t first;
    int seen;       /* indices run so far */
    int distinct;   /* 2 once a second thread ran one */
    int gave_up;
    struct timespec deadline;
} helping;

static void helped(void *ctx, size_t i)
{
    (void)i;
    helping *h = ctx;
    pthread_mutex_lock(&h->lock);
    if (h->seen++ == 0)
        h->first = pthread_self();
    else if (!pthread_equal(h->first, pthread_self()))
        h->distinct = 2;
    pthread_mutex_unlock(&h->lock);
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        pthread_mutex_lock(&h->lock);
        int go = h->distinct == 2 || h->gave_up;
        if (!go && (now.tv_sec > h->deadline.tv_sec ||
                    (now.tv_sec == h->deadline.tv_sec &&
                     now.tv_nsec >= h->deadline.tv_nsec)))
            go = h->gave_up = 1;
        pthread_mutex_unlock(&h->lock);
        if (go)
            return;
        nanosleep(&(struct timespec){0, 100000}, NULL);
    }
}

static void helped_top(void *ctx, size_t o)
{
    if (o == 0)
        cap_parallel_for(HELPED, 1, helped, ctx);
}

static void check_helping(void)
{
    helping h = {.seen = 0, .distinct = 1, .gave_up = 0};
    pthread_mutex_init(&h.lock, NULL);
    clock_gettime(CLOCK_MONOTONIC, &h.deadline);
    h.deadline.tv_sec += 2;
    cap_parallel_for(4, 2, helped_top, &h);
    CHECK_INT(h.seen, HELPED);
    CHECK_INT(h.distinct, 2);
    CHECK(!h.gave_up);
    pthread_mutex_destroy(&h.lock);
}

int main(void)
{
    for (int threads = 1; threads <= 3; threads++) {
        check_flat(threads);
        check_nested(threads);
    }
    check_helping();
    return check_summary();
}
