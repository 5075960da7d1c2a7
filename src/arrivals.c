/* arrivals.c - random streams, the quarter's time line and the tickets and
 * tasks each partner's customers raise (SPEC section 4 "Arrivals",
 * "Work", "Routing"). */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "simcore.h"
#include "workload.h"

#define WALL_CLOCK 0 /* cap_job.clock: 0 = wall clock, k = clocks[k - 1] */
/* Business clocks run this long past the quarter so that tickets left
 * waiting at its end are still measured. */
#define DRAIN_WEEKS 6

void *cap_must(void *p)
{
    if (!p)
        abort(); /* out of memory: nothing sensible is left to report */
    return p;
}

/* ---- random streams ---- */

static uint64_t splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

gsl_rng *cap_stream_of(const gsl_rng_type *type, unsigned long seed,
                       size_t unit, size_t rep)
{
    gsl_rng *r = cap_must(gsl_rng_alloc(type));
    uint64_t s = splitmix(splitmix(splitmix(seed) ^ unit) ^ rep);
    gsl_rng_set(r, (unsigned long)(s & 0xffffffffUL) | 1UL);
    return r;
}

gsl_rng *cap_stream(unsigned long seed, size_t unit, size_t rep)
{
    return cap_stream_of(gsl_rng_mt19937, seed, unit, rep);
}

static double handle_minutes(const cap_model *m, gsl_rng *r, int sev)
{
    double mean = m->handle_mean_minutes[sev], sd = m->handle_sd_minutes[sev];
    if (m->handle_exponential || sd <= 0)
        return m->handle_exponential ? gsl_ran_exponential(r, mean) : mean;
    double sigma2 = log1p(sd * sd / (mean * mean));
    return gsl_ran_lognormal(r, log(mean) - sigma2 / 2, sqrt(sigma2));
}

/* ---- job lists ---- */

/* Appends n jobs to l unless growing l would take *bytes (the capacity of
 * the lists gathered so far) past limit; returns 0 then, l unchanged. */
static int job_list_append(cap_job_list *l, const cap_job *jobs, size_t n,
                           size_t *bytes, size_t limit)
{
    if (n == 0)
        return 1;
    if (l->n + n > l->cap) {
        size_t room = (limit - *bytes) / sizeof *jobs + l->cap, want = 2 * l->cap;
        if (want < l->n + n || want < 256)
            want = l->n + n > 256 ? l->n + n : 256;
        if (want > room)
            want = l->n + n; /* exactly what fits, the last growth */
        if (want > room)
            return 0;
        l->job = cap_must(realloc(l->job, want * sizeof *l->job));
        *bytes += (want - l->cap) * sizeof *l->job;
        l->cap = want;
    }
    memcpy(l->job + l->n, jobs, n * sizeof *jobs);
    l->n += n;
    return 1;
}

/* ---- the run's time line ---- */

static cap_timeline timeline_of(const cap_model *m, cap_date quarter_start)
{
    cap_date end = cap_month_add(quarter_start, 3);
    int64_t q0 = cap_days_from_civil(quarter_start.year, quarter_start.month,
                                     quarter_start.day);
    int64_t q1 = cap_days_from_civil(end.year, end.month, end.day);
    cap_timeline t;
    memset(&t, 0, sizeof t);
    t.start_utc = (q0 - 7 * (int64_t)m->warmup_weeks) * 86400;
    t.from = (double)(q0 * 86400 - t.start_utc) / 60.0;
    t.to = (double)(q1 * 86400 - t.start_utc) / 60.0;
    t.hours = (size_t)(t.to / 60.0);
    t.weeks = (t.to - t.from) / (7 * 1440.0);
    return t;
}

/* The roster's hour of the week of every run hour (through the drain),
 * read on the home zone's wall clock at the middle of the hour, so that a
 * clock change moves the people with the window. */
static void timeline_hours(cap_timeline *t, const cap_tz *home)
{
    t->how_hours = t->hours + (size_t)DRAIN_WEEKS * CAP_WEEK_HOURS;
    t->how = cap_must(malloc(t->how_hours));
    int64_t monday = 4 * 86400; /* 1970-01-05, the first Monday */
    for (size_t k = 0; k < t->how_hours; k++) {
        int64_t utc = t->start_utc + (int64_t)k * 3600 + 1800;
        int64_t local = utc + (home ? cap_tz_offset(home, utc) : 0) - monday;
        int64_t week = (int64_t)CAP_WEEK_HOURS * 3600;
        t->how[k] = (unsigned char)(((local % week + week) % week) / 3600);
    }
}

cap_shifts cap_world_shifts(const cap_sim_world *w, const double *present)
{
    cap_shifts s = {present, w->tl.how, w->tl.how_hours, 0};
    return s;
}

/* ---- the world every partner shares: zones, clocks, arrival shapes ---- */

/* Share of local hour [minute, minute + 60) of weekday `day` (0 = Monday)
 * inside the arrival profile's weekday window. */
static double inside_share(const cap_model *m, int day, int minute)
{
    if (day >= 5)
        return 0;
    double a = fmax(minute, m->profile_open_minute);
    double b = fmin(minute + 60, m->profile_close_minute);
    return fmax(b - a, 0) / 60.0;
}

/* Weight of one UTC hour for severity sev in zone tz: 1 on average over
 * a week (SPEC section 4: S1 uniform, others `share` inside local hours). */
static double hour_weight(const cap_model *m, const cap_tz *tz, int64_t utc,
                          int sev)
{
    double share = sev == CAP_TASK_SHAPE ? 1.0 : m->business_hours_share[sev];
    double inside_hours = 5.0 * (m->profile_close_minute - m->profile_open_minute) / 60.0;
    if (share < 0 || inside_hours <= 0 || inside_hours >= CAP_WEEK_HOURS)
        return 1.0;
    int64_t local = utc + cap_tz_offset(tz, utc);
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int minute = (int)((local - day * 86400) / 60);
    double in = inside_share(m, cap_weekday(day), minute);
    return CAP_WEEK_HOURS * (in * share / inside_hours +
                             (1 - in) * (1 - share) / (CAP_WEEK_HOURS - inside_hours));
}

static double *zone_shape(const cap_sim_world *w, const cap_tz *tz, int sev)
{
    double *cum = cap_must(malloc((w->tl.hours + 1) * sizeof *cum));
    cum[0] = 0;
    for (size_t k = 0; k < w->tl.hours; k++) {
        int64_t utc = w->tl.start_utc + (int64_t)k * 3600;
        cum[k + 1] = cum[k] + hour_weight(w->m, tz, utc, sev) / CAP_WEEK_HOURS;
    }
    return cum;
}

cap_sim_world *cap_sim_world_new(const cap_portfolio *p, const cap_model *m,
                                 cap_date quarter_start,
                                 const cap_sim_options *o, cap_error *err)
{
    cap_sim_world *w = cap_must(calloc(1, sizeof *w));
    w->m = m;
    w->tl = timeline_of(m, quarter_start);
    w->seed = o->seed;
    w->replications = o->replications;
    w->max_replications = o->replications * m->max_replication_factor;
    w->threads = o->threads;
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        w->triage.triage[sev] = m->first_response_minutes[sev];
    w->rules = m->first_response_start_of_work ? NULL : &w->triage;
    w->zones.from = w->tl.start_utc - 86400;
    w->zones.to = w->tl.start_utc + (int64_t)w->tl.to * 60 + (DRAIN_WEEKS + 1) * 7 * 86400;
    cap_status st = cap_tz_set_add(&w->zones, m->home_timezone, err);
    for (size_t i = 0; i < p->partner_count && st == CAP_OK; i++)
        for (size_t k = 0; k < p->partners[i].segment_count && st == CAP_OK; k++)
            st = cap_tz_set_add(&w->zones, p->partners[i].segments[k].timezone, err);
    if (st != CAP_OK) {
        cap_tz_set_free(&w->zones);
        free(w);
        return NULL;
    }
    timeline_hours(&w->tl, cap_tz_set_find(&w->zones, m->home_timezone));
    w->clock = cap_must(calloc(w->zones.count, sizeof *w->clock));
    w->shape = cap_must(calloc(w->zones.count * CAP_SHAPES, sizeof *w->shape));
    for (size_t z = 0; z < w->zones.count; z++)
        for (int k = 0; k < CAP_SHAPES; k++)
            w->shape[z * CAP_SHAPES + k] = zone_shape(w, w->zones.tz[z], k);
    double *share = cap_must(malloc((m->category_count + 1) * sizeof *share));
    for (size_t c = 0; c < m->category_count; c++)
        share[c] = m->categories[c].share;
    w->category = cap_must(gsl_ran_discrete_preproc(m->category_count, share));
    free(share);
    return w;
}

void cap_sim_world_free(cap_sim_world *w)
{
    if (!w)
        return;
    for (size_t z = 0; z < w->zones.count; z++) {
        cap_clock_free(w->clock[z]);
        for (int k = 0; k < CAP_SHAPES; k++)
            free(w->shape[z * CAP_SHAPES + k]);
    }
    free(w->clock);
    free(w->shape);
    free(w->tl.how);
    gsl_ran_discrete_free(w->category);
    cap_tz_set_free(&w->zones);
    free(w);
}

/* The job clock of zone z's business hours, built on first use (one
 * thread only: cap_sim_world_prepare builds them before partners run side
 * by side). */
static unsigned short business_clock(cap_sim_world *w, int z)
{
    if (!w->clock[z]) {
        const cap_model *m = w->m;
        cap_hours h = {m->home_open_minute, m->home_close_minute,
                       m->home_weekdays, m->home_skip_holidays};
        int64_t minutes = (int64_t)w->tl.to + DRAIN_WEEKS * 7 * 1440;
        w->clock[z] = cap_must(cap_clock_new(w->zones.tz[z], &h, w->tl.start_utc, minutes));
    }
    return (unsigned short)(z + 1);
}

double cap_first_response_minutes(const cap_clock *c, double arrival,
                                  double start)
{
    if (start < 0)
        return INFINITY;
    if (!c)
        return start - arrival;
    double fa = floor(arrival), fs = floor(start);
    double minutes = (double)cap_clock_business_minutes(c, (int64_t)fa, (int64_t)fs);
    if (cap_clock_is_open(c, (int64_t)fs))
        minutes += start - fs;
    if (cap_clock_is_open(c, (int64_t)fa))
        minutes -= arrival - fa;
    return fmax(minutes, 0.0);
}

double cap_job_response(const cap_sim_world *w, const cap_job *j, double start)
{
    const cap_clock *c = j->clock == WALL_CLOCK ? NULL : w->clock[j->clock - 1];
    return cap_first_response_minutes(c, j->arrival, start);
}

/* ---- one partner ---- */

static unsigned short plan_clock(cap_sim_world *w, cap_plan plan, const char *zone)
{
    if (w->m->plan[plan].around_the_clock)
        return WALL_CLOCK;
    return business_clock(w, cap_tz_set_index(&w->zones, zone));
}

/* The job clocks of partner ps's segments into seg_clock; returns its
 * support team's. */
static unsigned short partner_clocks(cap_sim_world *w, const cap_partner_staffing *ps,
                                     const cap_segment *segs, size_t count,
                                     unsigned short *seg_clock)
{
    const char *home = w->m->home_timezone;
    int localized = ps->role[CAP_ROLE_CSM].localized;
    for (size_t k = 0; k < count; k++)
        seg_clock[k] = plan_clock(w, segs[k].plan, localized ? segs[k].timezone : home);
    return plan_clock(w, ps->partner->tam_tier, home);
}

void cap_sim_world_prepare(cap_sim_world *w, const cap_partner_staffing *ps,
                           int quarter)
{
    size_t n = ps->partner->segment_count + 1;
    cap_segment *segs = cap_must(calloc(n, sizeof *segs));
    unsigned short *clock = cap_must(calloc(n, sizeof *clock));
    partner_clocks(w, ps, segs, cap_partner_quarter(ps->partner, quarter, segs), clock);
    free(clock);
    free(segs);
}

void cap_partner_run_init(cap_partner_run *pr, cap_sim_world *w,
                          const cap_partner_staffing *ps, size_t index,
                          int quarter)
{
    const cap_model *m = w->m;
    memset(pr, 0, sizeof *pr);
    pr->w = w;
    pr->ps = ps;
    pr->index = index;
    pr->segs = cap_must(calloc(ps->partner->segment_count + 1, sizeof *pr->segs));
    pr->seg_count = cap_partner_quarter(ps->partner, quarter, pr->segs);
    pr->seg_clock = cap_must(calloc(pr->seg_count + 1, sizeof *pr->seg_clock));
    pr->support_clock = partner_clocks(w, ps, pr->segs, pr->seg_count, pr->seg_clock);
    pr->task_per_week[CAP_ROLE_CSM] = m->proactive_hours_per_customer_month /
                                      CAP_WEEKS_PER_MONTH * 60 / m->task_minutes;
    pr->task_per_week[CAP_ROLE_TAM] = m->tam_fixed_hours_per_week * 60 / m->task_minutes;
    pr->reps = cap_must(calloc((size_t)w->max_replications, sizeof *pr->reps));
    pr->budget = (cap_run_budget){w->threads, CAP_JOB_KEEP_BYTES};
}

void cap_rep_jobs_clear(cap_rep_jobs *r)
{
    for (int k = 0; k < CAP_ROLES; k++) {
        free(r->q[k].job);
        r->q[k] = (cap_job_list){NULL, 0, 0};
    }
}

void cap_partner_run_free(cap_partner_run *pr)
{
    for (int k = 0; k < pr->generated; k++)
        cap_rep_jobs_clear(&pr->reps[k]);
    free(pr->reps);
    free(pr->seg_clock);
    free(pr->segs);
}

/* ---- arrivals, hour by hour ---- */

/* One Poisson process of a replication: a segment's tickets of one
 * severity, or a team's tasks.  Its events are drawn by inversion of the
 * cumulative intensity cum (weeks over the run's hours, hours + 1 long). */
typedef struct {
    double per_week;        /* events per week */
    const double *cum;
    double next;            /* its next event, in cumulative weeks */
    size_t hour;            /* the run hour that event falls in; hours: none */
    const cap_segment *seg; /* tickets: their segment; NULL: tasks */
    unsigned short clock;   /* tickets: the CSM team's SLA clock */
    int sev;                /* tickets: the severity */
    int role;               /* tasks: the team */
} arrival_process;

/* A job of the hour being drawn, with its place in the order of drawing
 * (the tie-break that makes the hour's sort stable). */
typedef struct {
    cap_job job;
    size_t seq;
} drawn_job;

struct cap_arrivals {
    const cap_partner_run *pr;
    gsl_rng *rng;
    arrival_process *proc;
    size_t procs;
    /* the processes with an event still to come, a heap by (hour, index):
     * its root emits next */
    size_t *heap;
    size_t live;
    unsigned roles;               /* bit r: team r's jobs are handed out */
    drawn_job *drawn[CAP_ROLES];  /* the hour's jobs as drawn */
    size_t drawn_cap[CAP_ROLES];
    size_t seq;
    cap_job_list out[CAP_ROLES];  /* the hour's jobs in queue order */
    cap_arrival_sums sums;
};

static void draw_next(cap_arrivals *a, arrival_process *p)
{
    size_t hours = a->pr->w->tl.hours, h = p->hour;
    double next = p->next + gsl_ran_exponential(a->rng, 1.0) / p->per_week;
    const double *cum = p->cum;
    while (h < hours && cum[h + 1] < next)
        h++;
    p->next = next;
    p->hour = h;
}

static int emits_first(const cap_arrivals *a, size_t i, size_t j)
{
    size_t hi = a->proc[i].hour, hj = a->proc[j].hour;
    return hi < hj || (hi == hj && i < j);
}

/* Restores the heap below slot k after its process's key grew. */
static void heap_down(cap_arrivals *a, size_t k)
{
    for (;;) {
        size_t c = 2 * k + 1;
        if (c >= a->live)
            return;
        if (c + 1 < a->live && emits_first(a, a->heap[c + 1], a->heap[c]))
            c++;
        if (!emits_first(a, a->heap[c], a->heap[k]))
            return;
        size_t t = a->heap[c];
        a->heap[c] = a->heap[k];
        a->heap[k] = t;
        k = c;
    }
}

static void add_process(cap_arrivals *a, double per_week, const double *cum,
                        arrival_process p)
{
    p.per_week = per_week;
    p.cum = cum;
    p.next = 0;
    p.hour = a->pr->w->tl.hours;
    if (per_week > 0) {
        p.hour = 0;
        draw_next(a, &p);
    }
    a->proc[a->procs] = p;
    if (p.hour < a->pr->w->tl.hours) {
        size_t k = a->live++;
        for (; k > 0 && emits_first(a, a->procs, a->heap[(k - 1) / 2]); k = (k - 1) / 2)
            a->heap[k] = a->heap[(k - 1) / 2];
        a->heap[k] = a->procs;
    }
    a->procs++;
}

/* The replication's processes in their fixed order: per segment its four
 * severities' tickets, then its CSM tasks (when the CSM is active); then
 * the TAM's tasks.  Each draws its first event now, in that order. */
static void add_processes(cap_arrivals *a)
{
    const cap_partner_run *pr = a->pr;
    const cap_sim_world *w = pr->w;
    const cap_model *m = w->m;
    size_t most = pr->seg_count * (CAP_SEVERITIES + 1) + 1;
    a->proc = cap_must(calloc(most, sizeof *a->proc));
    a->heap = cap_must(calloc(most, sizeof *a->heap));
    for (size_t k = 0; k < pr->seg_count; k++) {
        const cap_segment *seg = &pr->segs[k];
        double *const *shape = &w->shape[cap_tz_set_index(&w->zones, seg->timezone) * CAP_SHAPES];
        for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
            arrival_process p = {0, NULL, 0, 0, seg, pr->seg_clock[k], sev, 0};
            add_process(a, seg->customers * m->plan[seg->plan].tickets_per_month[sev] /
                               CAP_WEEKS_PER_MONTH,
                        shape[sev], p);
        }
        if (pr->ps->role[CAP_ROLE_CSM].active) {
            arrival_process p = {0, NULL, 0, 0, NULL, 0, 0, CAP_ROLE_CSM};
            add_process(a, seg->customers * pr->task_per_week[CAP_ROLE_CSM],
                        shape[CAP_TASK_SHAPE], p);
        }
    }
    if (pr->ps->role[CAP_ROLE_TAM].active) {
        int z = cap_tz_set_index(&w->zones, m->home_timezone);
        arrival_process p = {0, NULL, 0, 0, NULL, 0, 0, CAP_ROLE_TAM};
        add_process(a, pr->task_per_week[CAP_ROLE_TAM],
                    w->shape[(size_t)z * CAP_SHAPES + CAP_TASK_SHAPE], p);
    }
}

/* Files job j under team role (the hour's jobs of the teams handed out;
 * every team's measured work is summed). */
static void emit(cap_arrivals *a, int role, cap_job j, int technical)
{
    const cap_timeline *tl = &a->pr->w->tl;
    if (j.arrival >= tl->from && j.arrival < tl->to) {
        a->sums.work_minutes[role] += j.handle;
        if (technical)
            a->sums.technical_minutes += j.handle;
    }
    if (!(a->roles & (1u << role)))
        return;
    size_t n = a->out[role].n;
    if (n == a->drawn_cap[role]) {
        a->drawn_cap[role] = n ? 2 * n : 64;
        a->drawn[role] = cap_must(realloc(a->drawn[role],
                                          a->drawn_cap[role] * sizeof *a->drawn[role]));
    }
    a->drawn[role][n] = (drawn_job){j, a->seq++};
    a->out[role].n++;
}

static void emit_support(cap_arrivals *a, double minute, int sev)
{
    const cap_model *m = a->pr->w->m;
    cap_job j = {minute, handle_minutes(m, a->rng, sev),
                 (float)m->plan[a->pr->ps->partner->tam_tier].sla_minutes[sev],
                 (unsigned char)sev, a->pr->support_clock};
    emit(a, CAP_ROLE_TAM, j, 1);
}

/* A ticket's category, routing, handle time and escalation are drawn
 * when it arrives (SPEC section 4 "Routing"). */
static void emit_ticket(cap_arrivals *a, const arrival_process *p, double minute)
{
    const cap_model *m = a->pr->w->m;
    const cap_partner *partner = a->pr->ps->partner;
    int has_csm = a->pr->ps->role[CAP_ROLE_CSM].active;
    const cap_category *c = &m->categories[gsl_ran_discrete(a->rng, a->pr->w->category)];
    cap_party party = cap_route(c, partner->channel, has_csm);
    if (party == CAP_PARTY_CSM) {
        cap_job j = {minute, handle_minutes(m, a->rng, p->sev),
                     (float)m->plan[p->seg->plan].sla_minutes[p->sev],
                     (unsigned char)p->sev, p->clock};
        emit(a, CAP_ROLE_CSM, j, 0);
    } else if (party == CAP_PARTY_SUPPORT) {
        emit_support(a, minute, p->sev);
    }
    if ((party == CAP_PARTY_CSM || party == CAP_PARTY_PARTNER) &&
        gsl_rng_uniform(a->rng) < c->escalation[p->sev])
        emit_support(a, minute, p->sev); /* raised at once, worked in parallel */
}

static void emit_event(cap_arrivals *a, const arrival_process *p)
{
    double frac = (p->next - p->cum[p->hour]) / (p->cum[p->hour + 1] - p->cum[p->hour]);
    double minute = ((double)p->hour + frac) * 60.0;
    if (p->seg) {
        emit_ticket(a, p, minute);
    } else {
        cap_job j = {minute, a->pr->w->m->task_minutes, 0, CAP_PRIORITY_TASK, WALL_CLOCK};
        emit(a, p->role, j, 0);
    }
}

/* Queue order: by arrival, then severity, then the order of drawing. */
static int drawn_order(const void *x, const void *y)
{
    const drawn_job *a = x, *b = y;
    if (a->job.arrival != b->job.arrival)
        return a->job.arrival < b->job.arrival ? -1 : 1;
    if (a->job.priority != b->job.priority)
        return a->job.priority < b->job.priority ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

cap_arrivals *cap_arrivals_new(const cap_partner_run *pr, size_t rep, unsigned roles)
{
    cap_arrivals *a = cap_must(calloc(1, sizeof *a));
    a->pr = pr;
    a->roles = roles;
    a->rng = cap_stream(pr->w->seed, pr->index, rep);
    add_processes(a);
    return a;
}

void cap_arrivals_free(cap_arrivals *a)
{
    if (!a)
        return;
    for (int r = 0; r < CAP_ROLES; r++) {
        free(a->drawn[r]);
        free(a->out[r].job);
    }
    free(a->proc);
    free(a->heap);
    gsl_rng_free(a->rng);
    free(a);
}

int cap_arrivals_next_hour(cap_arrivals *a)
{
    if (!a->live)
        return 0;
    size_t hour = a->proc[a->heap[0]].hour, hours = a->pr->w->tl.hours;
    for (int r = 0; r < CAP_ROLES; r++)
        a->out[r].n = 0;
    while (a->live && a->proc[a->heap[0]].hour == hour) {
        arrival_process *p = &a->proc[a->heap[0]];
        while (p->hour == hour) {
            emit_event(a, p);
            draw_next(a, p);
        }
        if (p->hour >= hours)
            a->heap[0] = a->heap[--a->live];
        heap_down(a, 0);
    }
    for (int r = 0; r < CAP_ROLES; r++) {
        cap_job_list *l = &a->out[r];
        if (l->n > 1)
            qsort(a->drawn[r], l->n, sizeof *a->drawn[r], drawn_order);
        if (l->n > l->cap) {
            l->cap = a->drawn_cap[r];
            l->job = cap_must(realloc(l->job, l->cap * sizeof *l->job));
        }
        for (size_t k = 0; k < l->n; k++)
            l->job[k] = a->drawn[r][k].job;
    }
    return 1;
}

const cap_job_list *cap_arrivals_jobs(const cap_arrivals *a, cap_role role)
{
    return &a->out[role];
}

cap_arrival_sums cap_arrivals_sums(const cap_arrivals *a)
{
    return a->sums;
}

/* ---- a partner's replications ---- */

/* Replication rep's first pass: its sums, and its jobs while they fit in
 * `limit` bytes (else none: drawn again whenever a candidate runs it). */
static void generate_rep(cap_partner_run *pr, size_t rep, size_t limit)
{
    cap_rep_jobs *out = &pr->reps[rep];
    cap_arrivals *a = cap_arrivals_new(pr, rep, (1u << CAP_ROLES) - 1);
    size_t held = 0;
    out->kept = 1;
    while (cap_arrivals_next_hour(a)) {
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_job_list *hour = cap_arrivals_jobs(a, (cap_role)r);
            out->bytes += hour->n * sizeof *hour->job;
            if (out->kept && !job_list_append(&out->q[r], hour->job, hour->n, &held, limit)) {
                cap_rep_jobs_clear(out);
                out->kept = 0;
            }
        }
    }
    cap_arrival_sums s = cap_arrivals_sums(a);
    out->technical_minutes = s.technical_minutes;
    for (int r = 0; r < CAP_ROLES; r++)
        out->work_minutes[r] = s.work_minutes[r];
    cap_arrivals_free(a);
}

typedef struct {
    cap_partner_run *pr;
    size_t first, limit;
} generation;

static void generate_from(void *ctx, size_t i)
{
    generation *g = ctx;
    generate_rep(g->pr, g->first + i, g->limit);
}

void cap_partner_run_generate(cap_partner_run *pr, int n)
{
    if (n > pr->w->max_replications)
        n = pr->w->max_replications;
    /* One per thread first; then as many as the keep budget still has room
     * for (all the rest, for a small partner), but never fewer than one
     * per thread.  Each of a batch may keep its share of the room, so the
     * kept jobs never pass the budget, even while they are drawn. */
    size_t threads = (size_t)pr->budget.threads, batch = threads, largest = 0;
    while (pr->generated < n) {
        size_t count = (size_t)(n - pr->generated);
        if (count > batch)
            count = batch;
        generation g = {pr, (size_t)pr->generated,
                        (pr->budget.keep_bytes - pr->kept_bytes) / count};
        cap_parallel_for(count, pr->budget.threads, generate_from, &g);
        for (size_t k = 0; k < count; k++) {
            const cap_rep_jobs *r = &pr->reps[g.first + k];
            for (int q = 0; q < CAP_ROLES; q++)
                pr->kept_bytes += r->q[q].cap * sizeof(cap_job);
            largest = r->bytes > largest ? r->bytes : largest;
        }
        pr->generated += (int)count;
        size_t room = pr->budget.keep_bytes - pr->kept_bytes;
        batch = largest ? room / largest : (size_t)n;
        batch = batch > threads ? batch : threads;
    }
}

/* ---- a team's jobs of one replication, as a queue's source ---- */

static int next_job(void *ctx, cap_job *out)
{
    cap_rep_source *s = ctx;
    const cap_job_list *l = s->kept ? s->kept : cap_arrivals_jobs(s->arrivals, s->role);
    while (s->next == l->n) {
        if (s->kept || !cap_arrivals_next_hour(s->arrivals))
            return 0;
        s->next = 0;
    }
    *out = l->job[s->next++];
    return 1;
}

cap_job_source cap_rep_source_open(cap_rep_source *s, const cap_partner_run *pr,
                                   int rep, cap_role role)
{
    memset(s, 0, sizeof *s);
    s->role = role;
    if (pr->reps[rep].kept)
        s->kept = &pr->reps[rep].q[role];
    else
        s->arrivals = cap_arrivals_new(pr, (size_t)rep, 1u << role);
    return (cap_job_source){next_job, s};
}

void cap_rep_source_close(cap_rep_source *s)
{
    cap_arrivals_free(s->arrivals);
    s->arrivals = NULL;
}
