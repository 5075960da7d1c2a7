/* fifo.c - FCFS on constant staff: a min-heap of the times people become
 * free. */
#include "fifo.h"

#include <stdlib.h>

struct cap_fifo {
    int servers;
    double free_at[]; /* heap: free_at[0] is the earliest */
};

cap_fifo *cap_fifo_new(int servers)
{
    if (servers < 1)
        return NULL;
    cap_fifo *f = calloc(1, sizeof *f + (size_t)servers * sizeof f->free_at[0]);
    if (f)
        f->servers = servers;
    return f;
}

void cap_fifo_free(cap_fifo *f)
{
    free(f);
}

/* Replaces the earliest free time by `t` and sifts it down. */
static void replace_top(cap_fifo *f, double t)
{
    double *h = f->free_at;
    int n = f->servers, i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h[c + 1] < h[c])
            c++;
        if (h[c] >= t)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = t;
}

double cap_fifo_serve(cap_fifo *f, double arrival, double handle)
{
    double start = f->free_at[0] > arrival ? f->free_at[0] : arrival;
    replace_top(f, start + handle);
    return start;
}
