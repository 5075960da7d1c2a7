/* queue.c - a multi-server priority queue on a roster, served from a
 * stream of jobs and holding only the open ones. */
#include "queue.h"

#include "idset.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* An hour's people: `whole` all hour, one more before minute `extra` of
 * it. */
typedef struct {
    double hour, whole, extra;
} hour_shift;

static hour_shift shift_of(const cap_shifts *s, double hour)
{
    double p = hour_presence(s, hour), whole = floor(p);
    return (hour_shift){hour, whole, (p - whole) * 60.0};
}

static int people_at(const hour_shift *h, double t)
{
    return (int)h->whole + (t - h->hour * 60.0 < h->extra);
}

int cap_shifts_at(const cap_shifts *s, double t)
{
    hour_shift h = shift_of(s, floor(t / 60.0));
    return people_at(&h, t);
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

/* ---- pieces of work and their classes ---- */

/* Class of a piece: 2 x severity for triage (or a whole ticket without
 * triage), 2 x severity + 1 for resolution, TASK_CLASS for tasks.  A lower
 * class goes first. */
enum { TASK_CLASS = 2 * CAP_PRIORITY_TASK, CLASSES = TASK_CLASS + 1 };

/* Whether a person doing a piece of class c may put it down for a triage
 * (a task or a resolution; a triage is never interrupted). */
static int interruptible(int c)
{
    return c == TASK_CLASS || c % 2 == 1;
}

static int first_class(const cap_job *j)
{
    return j->priority >= CAP_PRIORITY_TASK ? TASK_CLASS : 2 * j->priority;
}

/* ---- the jobs held: arrived and not yet finished ----
 * A slab of entries and a free list through their `next`: the lines and
 * the slots name jobs by their entry, so a run holds the open jobs only,
 * however long the stream. */

typedef struct {
    cap_job job;
    size_t seq;       /* its place in the source's order */
    size_t next;      /* the next job in its line, or in the free list */
} held;

#define NONE SIZE_MAX

typedef struct {
    held *at;
    size_t cap, used; /* entries allocated, entries holding a job */
    size_t free;      /* the first free entry, or NONE */
    size_t most;      /* the most entries held at once */
} slab;

/* An entry for job j (seq its place), or NONE when out of memory. */
static size_t slab_take(slab *s, const cap_job *j, size_t seq)
{
    size_t i = s->free;
    if (i == NONE) {
        if (s->cap == SIZE_MAX / 2 / sizeof *s->at)
            return NONE;
        size_t cap = s->cap ? 2 * s->cap : 64;
        held *at = realloc(s->at, cap * sizeof *at);
        if (!at)
            return NONE;
        for (size_t k = s->cap; k < cap; k++)
            at[k].next = k + 1 < cap ? k + 1 : NONE;
        s->at = at;
        i = s->cap;
        s->cap = cap;
    }
    s->free = s->at[i].next;
    s->at[i].job = *j;
    s->at[i].seq = seq;
    if (++s->used > s->most)
        s->most = s->used;
    return i;
}

/* Job i's last piece is finished. */
static void slab_give(slab *s, size_t i)
{
    s->at[i].next = s->free;
    s->free = i;
    s->used--;
}

/* ---- waiting pieces: one FIFO per class, linked through the held
 * entries' next (a job waits in at most one line at a time) ---- */

typedef struct {
    size_t head[CLASSES], tail[CLASSES];
    size_t count;
} lines;

static void lines_push(lines *l, held *at, int c, size_t i)
{
    at[i].next = NONE;
    if (l->tail[c] == NONE)
        l->head[c] = i;
    else
        at[l->tail[c]].next = i;
    l->tail[c] = i;
    l->count++;
}

/* The lowest class with a waiting piece, or CLASSES. */
static int lines_first(const lines *l)
{
    for (int c = 0; c < CLASSES; c++)
        if (l->head[c] != NONE)
            return c;
    return CLASSES;
}

static size_t lines_pop(lines *l, const held *at, int c)
{
    size_t i = l->head[c];
    l->head[c] = at[i].next;
    if (l->head[c] == NONE)
        l->tail[c] = NONE;
    l->count--;
    return i;
}

/* ---- people at work: one slot each ---- */

typedef struct {
    double end;          /* when the piece in hand ends */
    double since;        /* when its current stretch started */
    size_t job;
    int cls;
    /* a piece put down for a triage: resumed when the triage ends */
    int held_cls;        /* -1: none */
    size_t held_job;
    double held_left;    /* minutes of it left */
} slot;

static int max_people(const cap_shifts *s)
{
    double most = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        most = hi(most, s->present[h]);
    return (int)ceil(most - 1e-12);
}

typedef struct {
    const cap_queue_rules *rules;
    /* the source and its next job, not yet arrived (seq its place) */
    const cap_job_source *src;
    cap_job pending;
    int has_pending;
    size_t pending_seq;
    const cap_job_sink *sink;
    slab held;
    lines wait;
    slot *busy;
    int busy_count;
    /* the busy slots by (end, slot index): a min-heap of slot indices and
     * each slot's place in it */
    int *heap, *place;
    /* the busy slots whose piece in hand may be interrupted, by its class
     * (NULL for the classes that may not): preempt() takes the lowest
     * slot of the highest class without scanning the team */
    cap_idset *open[CLASSES];
    double from, to;
    int most;                 /* the most people on shift in any hour */
    /* the last answer of more_people_after: it holds for any later t
     * before `more_at` while the busy count is the same */
    double asked_at, more_at;
    int asked_busy;
    /* the hour of the last event's lookup: the events of one hour (most
     * of them) need no new one */
    hour_shift shift;
    cap_queue_stats *stats;
} state;

static double triage_minutes(const state *q, size_t i)
{
    const cap_job *j = &q->held.at[i].job;
    if (!q->rules || j->priority >= CAP_PRIORITY_TASK)
        return j->handle;
    return lo(q->rules->triage[j->priority], j->handle);
}

/* Minutes of piece class c of job i. */
static double piece_minutes(const state *q, size_t i, int c)
{
    if (c == TASK_CLASS || c % 2 == 0)
        return triage_minutes(q, i);
    return q->held.at[i].job.handle - triage_minutes(q, i);
}

/* Slot k's piece in hand enters or leaves its class's set of open slots. */
static void open_add(state *q, int k)
{
    if (interruptible(q->busy[k].cls))
        cap_idset_add(q->open[q->busy[k].cls], (size_t)k);
}

static void open_remove(state *q, int k)
{
    if (interruptible(q->busy[k].cls))
        cap_idset_remove(q->open[q->busy[k].cls], (size_t)k);
}

/* ---- the busy slots in the order they end ----
 * Ties go to the lower slot index, as the linear scan this replaces chose
 * them, so the same jobs give the same schedule; a queue of hundreds of
 * people pays O(log people) per event instead of O(people). */

static int ends_first(const state *q, int a, int b)
{
    double ea = q->busy[a].end, eb = q->busy[b].end;
    return ea < eb || (ea == eb && a < b);
}

static void heap_set(state *q, int i, int k)
{
    q->heap[i] = k;
    q->place[k] = i;
}

/* Restores the heap order around position i. */
static void heap_fix(state *q, int i)
{
    int k = q->heap[i], n = q->busy_count;
    while (i > 0 && ends_first(q, k, q->heap[(i - 1) / 2])) {
        heap_set(q, i, q->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && ends_first(q, q->heap[c + 1], q->heap[c]))
            c++;
        if (!ends_first(q, q->heap[c], k))
            break;
        heap_set(q, i, q->heap[c]);
        i = c;
    }
    heap_set(q, i, k);
}

#ifndef NDEBUG
/* Debug builds (the sanitizer build of CI) check after every event that
 * the heap holds every busy slot once and in order: a change of a slot's
 * end that skips heap_fix would otherwise only move a few events. */
static int heap_in_order(const state *q)
{
    for (int i = 0; i < q->busy_count; i++) {
        int k = q->heap[i];
        if (k < 0 || k >= q->busy_count || q->place[k] != i)
            return 0;
        if (i > 0 && ends_first(q, k, q->heap[(i - 1) / 2]))
            return 0;
    }
    return 1;
}

/* ... and that the open sets hold exactly the busy slots whose piece may
 * be interrupted. */
static int open_sets_right(const state *q)
{
    for (int k = 0; k < q->busy_count; k++) {
        const slot *p = &q->busy[k];
        for (int c = 0; c < CLASSES; c++) {
            int in = q->open[c] && cap_idset_next(q->open[c], (size_t)k) == (size_t)k;
            if (in != (c == p->cls && interruptible(c)))
                return 0;
        }
        if (p->held_cls >= 0 && interruptible(p->cls))
            return 0;
    }
    for (int c = 0; c < CLASSES; c++)
        if (q->open[c] && cap_idset_next(q->open[c], (size_t)q->busy_count) != CAP_IDSET_NONE)
            return 0;
    return 1;
}
#endif

/* Slot k (the last one) has just become busy. */
static void heap_add(state *q, int k)
{
    heap_set(q, k, k); /* k == busy_count - 1: the heap's next place */
    heap_fix(q, k);
}

/* Slot k frees; the last slot moves into it (as finish() does). */
static void heap_remove(state *q, int k)
{
    int last = q->busy_count - 1, i = q->place[k], tail = q->heap[last];
    q->busy_count--; /* the heap now ends before place `last` */
    if (i != last) {
        heap_set(q, i, tail);
        heap_fix(q, i);
    }
    if (k != last) {
        open_remove(q, last);
        q->busy[k] = q->busy[last];
        open_add(q, k);
        heap_set(q, q->place[last], k);
        heap_fix(q, q->place[k]);
    }
}

static void count_busy(state *q, double a, double b)
{
    q->stats->busy_minutes += hi(0.0, lo(b, q->to) - hi(a, q->from));
}

static void begin(state *q, slot *p, size_t i, int c, double t, double minutes)
{
    /* a job's first piece (its triage, its whole work without rules, a
     * task) begins once and is its first response; the others resume */
    if (c % 2 == 0)
        q->sink->started(q->sink->ctx, q->held.at[i].seq, &q->held.at[i].job, t);
    p->job = i;
    p->cls = c;
    p->since = t;
    p->end = t + minutes;
}

/* The piece in hand of slot p ends at p->end: what comes next for it. */
static void finish(state *q, int k)
{
    slot *p = &q->busy[k];
    double t = p->end;
    count_busy(q, p->since, t);
    int c = p->cls;
    size_t i = p->job;
    if (q->rules && c < TASK_CLASS && c % 2 == 0 && piece_minutes(q, i, c + 1) > 0)
        lines_push(&q->wait, q->held.at, c + 1, i); /* its resolution waits its turn */
    else
        slab_give(&q->held, i); /* its last piece */
    open_remove(q, k);
    if (p->held_cls >= 0) {
        p->job = p->held_job;
        p->cls = p->held_cls;
        p->since = t;
        p->end = t + p->held_left;
        p->held_cls = -1;
        open_add(q, k);
        heap_fix(q, q->place[k]);
        return;
    }
    heap_remove(q, k);
}

/* on_shift: people on shift at t, looked up once per event */
static void start_pieces(state *q, int on_shift, double t)
{
    while (q->wait.count > 0 && q->busy_count < on_shift) {
        int c = lines_first(&q->wait);
        size_t i = lines_pop(&q->wait, q->held.at, c);
        slot *p = &q->busy[q->busy_count++];
        p->held_cls = -1;
        begin(q, p, i, c, t, piece_minutes(q, i, c));
        open_add(q, q->busy_count - 1);
        heap_add(q, q->busy_count - 1);
    }
}

/* The person a waiting triage of class c interrupts: the one whose piece
 * in hand matters least (a task, else the resolution of the lowest
 * severity below c's), the lowest slot on a tie; -1 when nobody may be.
 * Someone in a triage already is in no open set; a piece that ends now
 * (a zero-minute one) is passed over. */
static int victim_for(const state *q, int c, double t)
{
    for (int v = TASK_CLASS; v > c + 1; v--) {
        const cap_idset *s = q->open[v];
        if (!s)
            continue;
        for (size_t k = cap_idset_next(s, 0); k != CAP_IDSET_NONE;
             k = cap_idset_next(s, k + 1))
            if (q->busy[k].end > t)
                return (int)k;
    }
    return -1;
}

/* A waiting triage of class c takes victim_for's person; returns 0
 * when nobody may be interrupted. */
static int preempt(state *q, int c, double t)
{
    int victim = victim_for(q, c, t);
    if (victim < 0)
        return 0;
    slot *p = &q->busy[victim];
    open_remove(q, victim);
    count_busy(q, p->since, t);
    p->held_cls = p->cls;
    p->held_job = p->job;
    p->held_left = p->end - t;
    size_t i = lines_pop(&q->wait, q->held.at, c);
    begin(q, p, i, c, t, piece_minutes(q, i, c));
    heap_fix(q, q->place[victim]);
    return 1;
}

static void preempt_for_triage(state *q, int on_shift, double t)
{
    if (!q->rules || on_shift < 1)
        return;
    for (int c = 0; c < TASK_CLASS; c += 2)
        while (q->wait.head[c] != NONE)
            if (!preempt(q, c, t))
                break;
}

static double more_people(state *q, const cap_shifts *s, double t)
{
    int busy = q->busy_count;
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
    double next = q->has_pending ? q->pending.arrival : INFINITY;
    if (q->busy_count > 0)
        next = lo(next, q->busy[q->heap[0]].end);
    if (q->wait.count > 0)
        next = lo(next, more_people(q, s, t));
    return next;
}

/* Ends every piece that ends by t, earliest first (a resumed piece may end
 * at t too). */
static void finish_until(state *q, double t)
{
    while (q->busy_count > 0 && q->busy[q->heap[0]].end <= t)
        finish(q, q->heap[0]);
}

static void state_free(state *q)
{
    free(q->held.at);
    free(q->busy);
    free(q->heap);
    free(q->place);
    for (int c = 0; c < CLASSES; c++)
        cap_idset_free(q->open[c]);
}

static int state_alloc(state *q)
{
    /* people finishing past a shift's end come on top of those on shift */
    size_t slots = ((size_t)q->most + 1) * 2;
    q->busy = malloc(slots * sizeof *q->busy);
    q->heap = malloc(slots * sizeof *q->heap);
    q->place = malloc(slots * sizeof *q->place);
    if (!q->busy || !q->heap || !q->place)
        return -1;
    for (int c = 0; c < CLASSES; c++)
        if (interruptible(c) && !(q->open[c] = cap_idset_new(slots)))
            return -1;
    return 0;
}

/* The source's next job becomes the pending one (the look-ahead that
 * says when the next arrival is). */
static void pull(state *q)
{
    q->has_pending = q->src->next(q->src->ctx, &q->pending);
}

/* The jobs arrived by t are held and wait in their first piece's line.
 * Returns 0, or -1 when out of memory. */
static int arrive(state *q, double t)
{
    while (q->has_pending && q->pending.arrival <= t) {
        size_t i = slab_take(&q->held, &q->pending, q->pending_seq);
        if (i == NONE)
            return -1;
        lines_push(&q->wait, q->held.at, first_class(&q->pending), i);
        q->pending_seq++;
        pull(q);
    }
    return 0;
}

/* The run is over: the jobs whose first piece still waits never start.
 * They and the rest of the source are told so in arrival order (each
 * first-piece line holds its jobs in arrival order, so the lines merge
 * by seq).  Returns how many of the source's rest arrive by `to`. */
static size_t tell_never_started(state *q)
{
    const held *at = q->held.at;
    for (;;) {
        int first = -1;
        for (int c = 0; c < CLASSES; c += 2)
            if (q->wait.head[c] != NONE &&
                (first < 0 || at[q->wait.head[c]].seq < at[q->wait.head[first]].seq))
                first = c;
        if (first < 0)
            break;
        size_t i = lines_pop(&q->wait, at, first);
        q->sink->started(q->sink->ctx, at[i].seq, &at[i].job, -1);
    }
    size_t by_to = 0;
    while (q->has_pending) {
        by_to += q->pending.arrival <= q->to;
        q->sink->started(q->sink->ctx, q->pending_seq++, &q->pending, -1);
        pull(q);
    }
    return by_to;
}

/* Whether nobody is ever on shift (no hour of the week has a fraction of
 * a person): then no job starts, and the stream is told so without being
 * held. */
static int nobody_ever(const cap_shifts *s)
{
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        if (s->present[h] > 0)
            return 0;
    return 1;
}

/* The events, from minute 0 until nothing more can happen. */
static int run(state *q, const cap_shifts *s)
{
    int backlog_seen = 0;
    double t = 0;
    for (;;) {
        finish_until(q, t);
        if (arrive(q, t) != 0)
            return -1;
        double hour = floor(t / 60.0);
        if (hour != q->shift.hour)
            q->shift = shift_of(s, hour);
        int on_shift = people_at(&q->shift, t);
        start_pieces(q, on_shift, t);
        preempt_for_triage(q, on_shift, t);
        assert(heap_in_order(q));
        assert(open_sets_right(q));
        double next = next_event(q, s, t);
        if (!backlog_seen && t <= q->to && next > q->to) {
            q->stats->backlog = (int)q->wait.count;
            backlog_seen = 1;
        }
        if (next == INFINITY)
            return 0;
        t = next;
    }
}

int cap_queue_stream(const cap_job_source *src, const cap_shifts *s,
                     const cap_queue_rules *rules, double from, double to,
                     const cap_job_sink *sink, cap_queue_stats *stats)
{
    state q;
    memset(&q, 0, sizeof q);
    q.rules = rules;
    q.src = src;
    q.sink = sink;
    q.held.free = NONE;
    q.from = from;
    q.to = to;
    q.most = max_people(s);
    q.asked_busy = -1;
    q.shift.hour = NAN; /* no hour yet */
    q.stats = stats;
    for (int c = 0; c < CLASSES; c++)
        q.wait.head[c] = q.wait.tail[c] = NONE;
    *stats = (cap_queue_stats){0, present_minutes(s, from, to), 0, 0};
    int rc = state_alloc(&q);
    if (rc == 0)
        pull(&q);
    if (rc == 0 && nobody_ever(s)) {
        /* the event loop would hold every job, waiting, to the end: the
         * backlog at `to` is every job arrived by then (none when the
         * measured period ends before minute 0, the first event) */
        size_t by_to = tell_never_started(&q);
        stats->backlog = to >= 0 ? (int)by_to : 0;
    } else if (rc == 0 && (rc = run(&q, s)) == 0) {
        tell_never_started(&q);
    }
    stats->most_open = q.held.most;
    state_free(&q);
    return rc;
}

/* cap_queue_serve's jobs as a source, its start[] as the sink. */
typedef struct {
    const cap_job *jobs;
    size_t n, next;
} array_source;

static int array_next(void *ctx, cap_job *out)
{
    array_source *a = ctx;
    if (a->next == a->n)
        return 0;
    *out = a->jobs[a->next++];
    return 1;
}

static void write_start(void *ctx, size_t seq, const cap_job *job, double start)
{
    (void)job;
    ((double *)ctx)[seq] = start;
}

int cap_queue_serve(const cap_job *jobs, size_t n, const cap_shifts *s,
                    const cap_queue_rules *rules, double from, double to,
                    double *start, cap_queue_stats *stats)
{
    array_source a = {jobs, n, 0};
    cap_job_source src = {array_next, &a};
    cap_job_sink sink = {write_start, start};
    return cap_queue_stream(&src, s, rules, from, to, &sink, stats);
}
