/* fifo.c - FCFS on constant staff: a 4-ary min-heap of the times people
 * become free.
 *
 * perf on 66 people showed the binary heap's sift-down (two compares and
 * an unpredictable branch per level, six levels) at a fifth of the run.
 * Two things cut that: four children per node (three levels for 66, the
 * earliest child found without a branch), and Floyd's order: the hole
 * left by the earliest time goes down to a leaf along the earliest
 * children without comparing the new time, which then climbs back up.
 * The new time is now + an exponential handle time and, the handle times
 * being memoryless, the others are now + the same law: it belongs near
 * the bottom, so the climb is short.  Which person serves a ticket does
 * not matter to FCFS; only the set of free times does, so the start times
 * are those of any other min-heap. */
#include "fifo.h"

#include <math.h>
#include <stdlib.h>

#define ARITY 4

struct cap_fifo {
    size_t servers;
    /* heap: free_at[0] is the earliest; the ARITY - 1 slots past the
     * last person hold +inf, so every node has ARITY children to compare
     * and the last one needs no bounds check */
    double free_at[];
};

cap_fifo *cap_fifo_new(int servers)
{
    if (servers < 1)
        return NULL;
    size_t n = (size_t)servers;
    cap_fifo *f = calloc(1, sizeof *f + (n + ARITY - 1) * sizeof f->free_at[0]);
    if (!f)
        return NULL;
    f->servers = n;
    for (size_t i = n; i < n + ARITY - 1; i++)
        f->free_at[i] = INFINITY;
    return f;
}

void cap_fifo_free(cap_fifo *f)
{
    free(f);
}

/* The earliest of h[c] .. h[c + 3], by comparisons the compiler turns
 * into conditional moves. */
static size_t earliest_child(const double *h, size_t c)
{
    size_t a = c + (h[c + 1] < h[c]), b = c + 2 + (h[c + 3] < h[c + 2]);
    return h[b] < h[a] ? b : a;
}

/* Replaces the earliest free time by `t`. */
static void replace_top(cap_fifo *f, double t)
{
    double *h = f->free_at;
    size_t n = f->servers, i = 0, c;
    while ((c = ARITY * i + 1) < n) {
        c = earliest_child(h, c);
        h[i] = h[c];
        i = c;
    }
    while (i > 0) {
        size_t p = (i - 1) / ARITY;
        if (h[p] <= t)
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = t;
}

double cap_fifo_serve(cap_fifo *f, double arrival, double handle)
{
    double start = f->free_at[0] > arrival ? f->free_at[0] : arrival;
    replace_top(f, start + handle);
    return start;
}
