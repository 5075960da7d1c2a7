/* queue.c - a multi-server, non-preemptive priority queue on a roster. */
#include "queue.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* fmin/fmax without their NaN rules (no NaN reaches them here): the
 * library calls cost a quarter of a run. */
static double lo(double a, double b)
{
    return a < b ? a : b;
}

static double hi(double a, double b)
{
    return a > b ? a : b;
}

/* Hours are whole numbers held in doubles, so absurd times (a handle
 * time of 1e300 minutes) stay defined instead of overflowing an int64;
 * the usual hours take the integer path. */
static double hour_presence(const cap_shifts *s, double hour)
{
    if (s->how && hour >= 0 && hour < (double)s->hours)
        return s->present[s->how[(size_t)hour]];
    if (s->how && hour >= 0 && hour < 1e15) {
        size_t last_week = s->hours - CAP_WEEK_HOURS;
        return s->present[s->how[last_week + (size_t)(hour - (double)s->hours) %
                                                 CAP_WEEK_HOURS]];
    }
    double x = s->first_hour + hour;
    if (x >= 0 && x < 1e15)
        return s->present[(long long)x % CAP_WEEK_HOURS];
    double h = fmod(x, CAP_WEEK_HOURS);
    return s->present[(int)(h < 0 ? h + CAP_WEEK_HOURS : h)];
}

int cap_shifts_at(const cap_shifts *s, double t)
{
    double hour = floor(t / 60.0);
    double p = hour_presence(s, hour), whole = floor(p);
    return (int)whole + (t - hour * 60.0 < (p - whole) * 60.0);
}

/* The first instant after t with more than `busy` people on shift, or
 * INFINITY when no hour of the week has that many.  Within an hour the
 * count only falls (the fraction is its first minutes), so only hour
 * starts need looking at. */
static double more_people_after(const cap_shifts *s, double t, int busy)
{
    double hour = floor(t / 60.0);
    /* a week and a little: a clock change skips or repeats an hour */
    for (int k = 1; k <= CAP_WEEK_HOURS + 2; k++) {
        double p = hour_presence(s, hour + k);
        double at = (hour + k) * 60.0;
        if (ceil(p - 1e-12) > busy)
            return at > t ? at : INFINITY; /* no later hour is representable */
    }
    return INFINITY;
}

static double present_minutes(const cap_shifts *s, double from, double to)
{
    double total = 0;
    for (double hour = floor(from / 60.0); hour * 60.0 < to; hour++) {
        double a = hi(from, hour * 60.0), b = lo(to, hour * 60.0 + 60.0);
        double p = hour_presence(s, hour), whole = floor(p);
        double extra = lo(b, hour * 60.0 + (p - whole) * 60.0) - a;
        total += whole * (b - a) + hi(extra, 0.0);
    }
    return total;
}

/* ---- completion times: a binary min-heap ---- */

typedef struct {
    double *at;
    int count;
} heap;

static void heap_push(heap *h, double t)
{
    int i = h->count++;
    while (i > 0 && h->at[(i - 1) / 2] > t) {
        h->at[i] = h->at[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->at[i] = t;
}

static void heap_pop(heap *h)
{
    double last = h->at[--h->count];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->count)
            break;
        if (c + 1 < h->count && h->at[c + 1] < h->at[c])
            c++;
        if (h->at[c] >= last)
            break;
        h->at[i] = h->at[c];
        i = c;
    }
    if (h->count > 0)
        h->at[i] = last;
}

/* ---- waiting jobs: one FIFO per priority, linked through next[] ---- */

typedef struct {
    size_t head[CAP_PRIORITIES], tail[CAP_PRIORITIES];
    size_t *next;
    size_t count;
} lines;

#define NONE SIZE_MAX

static void lines_push(lines *l, const cap_job *jobs, size_t i)
{
    int p = jobs[i].priority;
    l->next[i] = NONE;
    if (l->tail[p] == NONE)
        l->head[p] = i;
    else
        l->next[l->tail[p]] = i;
    l->tail[p] = i;
    l->count++;
}

static size_t lines_pop(lines *l)
{
    for (int p = 0; p < CAP_PRIORITIES; p++) {
        size_t i = l->head[p];
        if (i == NONE)
            continue;
        l->head[p] = l->next[i];
        if (l->head[p] == NONE)
            l->tail[p] = NONE;
        l->count--;
        return i;
    }
    return NONE;
}

static int max_people(const cap_shifts *s)
{
    double most = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        most = hi(most, s->present[h]);
    return (int)ceil(most - 1e-12);
}

typedef struct {
    const cap_job *jobs;
    size_t n, arrived;
    lines wait;
    heap busy;
    double from, to;
    int most;                 /* the most people on shift in any hour */
    /* the last answer of more_people_after: it holds for any later t
     * before `more_at` while the busy count is the same */
    double asked_at, more_at;
    int asked_busy;
} state;

static void start_jobs(state *q, const cap_shifts *s, double t, double *start,
                       cap_queue_stats *stats)
{
    while (q->wait.count > 0 && q->busy.count < cap_shifts_at(s, t)) {
        size_t i = lines_pop(&q->wait);
        double end = t + q->jobs[i].handle;
        start[i] = t;
        heap_push(&q->busy, end);
        stats->busy_minutes += hi(0.0, lo(end, q->to) - hi(t, q->from));
    }
}

static double more_people(state *q, const cap_shifts *s, double t)
{
    int busy = q->busy.count;
    if (busy >= q->most)
        return INFINITY;
    if (busy != q->asked_busy || t < q->asked_at || t >= q->more_at) {
        q->asked_busy = busy;
        q->asked_at = t;
        q->more_at = more_people_after(s, t, busy);
    }
    return q->more_at;
}

static double next_event(state *q, const cap_shifts *s, double t)
{
    double next = q->arrived < q->n ? q->jobs[q->arrived].arrival : INFINITY;
    if (q->busy.count > 0)
        next = lo(next, q->busy.at[0]);
    if (q->wait.count > 0)
        next = lo(next, more_people(q, s, t));
    return next;
}

int cap_queue_serve(const cap_job *jobs, size_t n, const cap_shifts *s,
                    double from, double to, double *start,
                    cap_queue_stats *stats)
{
    state q = {jobs, n, 0, {{0}, {0}, NULL, 0}, {NULL, 0}, from, to,
               max_people(s), 0, 0, -1};
    q.wait.next = malloc((n + 1) * sizeof *q.wait.next);
    q.busy.at = malloc(((size_t)q.most + 1) * sizeof *q.busy.at);
    if (!q.wait.next || !q.busy.at) {
        free(q.wait.next);
        free(q.busy.at);
        return -1;
    }
    for (int p = 0; p < CAP_PRIORITIES; p++)
        q.wait.head[p] = q.wait.tail[p] = NONE;
    *stats = (cap_queue_stats){0, present_minutes(s, from, to), 0};
    int backlog_seen = 0;
    double t = 0;
    for (size_t i = 0; i < n; i++)
        start[i] = -1;
    for (;;) {
        while (q.busy.count > 0 && q.busy.at[0] <= t)
            heap_pop(&q.busy);
        while (q.arrived < n && jobs[q.arrived].arrival <= t)
            lines_push(&q.wait, jobs, q.arrived++);
        start_jobs(&q, s, t, start, stats);
        double next = next_event(&q, s, t);
        if (!backlog_seen && t <= to && next > to) {
            stats->backlog = (int)q.wait.count;
            backlog_seen = 1;
        }
        if (next == INFINITY)
            break;
        t = next;
    }
    free(q.wait.next);
    free(q.busy.at);
    return 0;
}
