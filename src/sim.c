/* sim.c - tickets, replications and the SLA search (SPEC section 4). */
#include "sim.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "queue.h"
#include "workload.h"

#define WEEKS_PER_MONTH (365.25 / 7.0 / 12.0)
#define WALL_CLOCK 0 /* cap_job.clock: 0 = wall clock, k = clocks[k - 1] */
/* Business clocks run this long past the quarter so that tickets left
 * waiting at its end are still measured. */
#define DRAIN_WEEKS 6
/* Arrival shapes per zone: one per severity, then TASK_SHAPE for work
 * without an SLA, which is done in the customers' local business hours. */
#define TASK_SHAPE CAP_SEVERITIES
#define SHAPES (CAP_SEVERITIES + 1)

static void *need(void *p)
{
    if (!p)
        abort(); /* out of memory: nothing sensible is left to report */
    return p;
}

/* ---- estimates ---- */

cap_estimate cap_estimate_of(const double *x, size_t n)
{
    cap_estimate e = {0, 0};
    if (n == 0)
        return e;
    e.mean = gsl_stats_mean(x, 1, n);
    if (n > 1)
        e.half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) *
                 gsl_stats_sd_m(x, 1, n, e.mean) / sqrt((double)n);
    return e;
}

/* ---- parallel for: index i always writes slot i, so the thread count
 * cannot change a result ---- */

typedef void (*task_fn)(void *ctx, size_t i);

typedef struct {
    task_fn fn;
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

static void parallel_for(size_t n, int threads, task_fn fn, void *ctx)
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

/* ---- random streams ---- */

static uint64_t splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* The stream of replication rep of partner `unit`: a function of the seed
 * and the two indices only. */
static gsl_rng *stream(unsigned long seed, size_t unit, size_t rep)
{
    gsl_rng *r = need(gsl_rng_alloc(gsl_rng_mt19937));
    uint64_t s = splitmix(splitmix(splitmix(seed) ^ unit) ^ rep);
    gsl_rng_set(r, (unsigned long)(s & 0xffffffffUL) | 1UL);
    return r;
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

typedef struct {
    cap_job *job;
    size_t n, cap;
} job_list;

static void push_job(job_list *l, cap_job j)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->job = need(realloc(l->job, l->cap * sizeof *l->job));
    }
    l->job[l->n++] = j;
}

static int by_arrival(const void *pa, const void *pb)
{
    const cap_job *a = pa, *b = pb;
    if (a->arrival != b->arrival)
        return a->arrival < b->arrival ? -1 : 1;
    return (a->priority > b->priority) - (a->priority < b->priority);
}

/* Arrival times of a Poisson process with `per_week` events per week
 * shaped by cum (cumulative weeks over the run's hours, hours + 1 long),
 * by inversion of the cumulative intensity. */
typedef void (*arrival_fn)(void *ctx, double minute);

static void poisson_arrivals(gsl_rng *r, double per_week, const double *cum,
                             size_t hours, arrival_fn emit, void *ctx)
{
    if (per_week <= 0)
        return;
    double e = 0;
    size_t k = 0;
    for (;;) {
        e += gsl_ran_exponential(r, 1.0) / per_week;
        while (k < hours && cum[k + 1] < e)
            k++;
        if (k >= hours)
            return;
        double frac = (e - cum[k]) / (cum[k + 1] - cum[k]);
        emit(ctx, ((double)k + frac) * 60.0);
    }
}

/* ---- the run's time line ---- */

typedef struct {
    int64_t start_utc;   /* minute 0: warm-up start, 00:00 UTC */
    double from, to;     /* measured minutes: the quarter */
    size_t hours;        /* hours with arrivals: to / 60 */
    int first_hour;      /* UTC hour of the week of minute 0 */
    double weeks;        /* measured weeks */
} timeline;

static timeline timeline_of(const cap_model *m, cap_date quarter_start)
{
    int64_t q0 = cap_days_from_civil(quarter_start.year, quarter_start.month, 1);
    int months = quarter_start.month + 2;
    int64_t q1 = cap_days_from_civil(quarter_start.year + months / 12,
                                     months % 12 + 1, 1);
    timeline t;
    t.start_utc = (q0 - 7 * (int64_t)m->warmup_weeks) * 86400;
    t.from = (double)(q0 * 86400 - t.start_utc) / 60.0;
    t.to = (double)(q1 * 86400 - t.start_utc) / 60.0;
    t.hours = (size_t)(t.to / 60.0);
    int64_t monday = 4 * 86400; /* 1970-01-05, the first Monday */
    t.first_hour = (int)((((t.start_utc - monday) / 3600) % CAP_WEEK_HOURS +
                          CAP_WEEK_HOURS) % CAP_WEEK_HOURS);
    t.weeks = (t.to - t.from) / (7 * 1440.0);
    return t;
}

/* ---- what every partner's runs share: zones, clocks, arrival shapes ---- */

typedef struct {
    const cap_model *m;
    timeline tl;
    cap_tz_set zones;
    cap_clock **clock;      /* business clock per zone (NULL until needed) */
    double **shape;         /* per zone x SHAPES: cumulative weeks */
    gsl_ran_discrete_t *category;
    unsigned long seed;
    int replications, threads;
} world;

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
    double share = sev == TASK_SHAPE ? 1.0 : m->business_hours_share[sev];
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

static double *zone_shape(const world *w, const cap_tz *tz, int sev)
{
    double *cum = need(malloc((w->tl.hours + 1) * sizeof *cum));
    cum[0] = 0;
    for (size_t k = 0; k < w->tl.hours; k++) {
        int64_t utc = w->tl.start_utc + (int64_t)k * 3600;
        cum[k + 1] = cum[k] + hour_weight(w->m, tz, utc, sev) / CAP_WEEK_HOURS;
    }
    return cum;
}

static cap_status world_init(world *w, const cap_portfolio *p, const cap_model *m,
                             const cap_staffing *s, const cap_sim_options *o,
                             cap_error *err)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->tl = timeline_of(m, s->quarter_start);
    w->seed = o->seed;
    w->replications = o->replications;
    w->threads = o->threads;
    w->zones.from = w->tl.start_utc - 86400;
    w->zones.to = w->tl.start_utc + (int64_t)w->tl.to * 60 + DRAIN_WEEKS * 7 * 86400;
    CAP_TRY(cap_tz_set_add(&w->zones, m->home_timezone, err));
    for (size_t i = 0; i < p->partner_count; i++)
        for (size_t k = 0; k < p->partners[i].segment_count; k++)
            CAP_TRY(cap_tz_set_add(&w->zones, p->partners[i].segments[k].timezone, err));
    w->clock = need(calloc(w->zones.count, sizeof *w->clock));
    w->shape = need(calloc(w->zones.count * SHAPES, sizeof *w->shape));
    for (size_t z = 0; z < w->zones.count; z++)
        for (int k = 0; k < SHAPES; k++)
            w->shape[z * SHAPES + k] = zone_shape(w, w->zones.tz[z], k);
    double *share = need(malloc((m->category_count + 1) * sizeof *share));
    for (size_t c = 0; c < m->category_count; c++)
        share[c] = m->categories[c].share;
    w->category = need(gsl_ran_discrete_preproc(m->category_count, share));
    free(share);
    return CAP_OK;
}

static void world_free(world *w)
{
    for (size_t z = 0; z < w->zones.count; z++) {
        if (w->clock)
            cap_clock_free(w->clock[z]);
        for (int k = 0; k < SHAPES && w->shape; k++)
            free(w->shape[z * SHAPES + k]);
    }
    free(w->clock);
    free(w->shape);
    if (w->category)
        gsl_ran_discrete_free(w->category);
    cap_tz_set_free(&w->zones);
}

/* The job clock of zone z's business hours, built on first use (main
 * thread only). */
static unsigned short business_clock(world *w, int z)
{
    if (!w->clock[z]) {
        const cap_model *m = w->m;
        cap_hours h = {m->home_open_minute, m->home_close_minute,
                       m->home_weekdays, m->home_skip_holidays};
        int64_t minutes = (int64_t)w->tl.to + DRAIN_WEEKS * 7 * 1440;
        w->clock[z] = need(cap_clock_new(w->zones.tz[z], &h, w->tl.start_utc, minutes));
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

static double response_minutes(const world *w, const cap_job *j, double start)
{
    const cap_clock *c = j->clock == WALL_CLOCK ? NULL : w->clock[j->clock - 1];
    return cap_first_response_minutes(c, j->arrival, start);
}

/* ---- one partner ---- */

typedef struct {
    job_list q[CAP_ROLES];      /* CSM team; technical support (P-TAM) */
    double technical_minutes;   /* ticket work reaching support, measured */
} rep_jobs;

typedef struct {
    world *w;
    const cap_partner_staffing *ps;
    size_t index;                /* partner index: names its streams */
    cap_segment *segs;
    size_t seg_count;
    unsigned short *seg_clock;   /* CSM team's clock per segment */
    unsigned short support_clock;
    double task_per_week[CAP_ROLES]; /* per customer (CSM), per team (TAM) */
    rep_jobs *reps;
} partner_run;

static unsigned short plan_clock(world *w, cap_plan plan, const char *zone)
{
    if (w->m->plan[plan].around_the_clock)
        return WALL_CLOCK;
    return business_clock(w, cap_tz_set_index(&w->zones, zone));
}

static void partner_init(partner_run *pr, world *w, const cap_partner_staffing *ps,
                         size_t index, int quarter)
{
    const cap_model *m = w->m;
    memset(pr, 0, sizeof *pr);
    pr->w = w;
    pr->ps = ps;
    pr->index = index;
    pr->segs = need(calloc(ps->partner->segment_count + 1, sizeof *pr->segs));
    pr->seg_count = cap_partner_quarter(ps->partner, quarter, pr->segs);
    pr->seg_clock = need(calloc(pr->seg_count + 1, sizeof *pr->seg_clock));
    const cap_role_staffing *csm = &ps->role[CAP_ROLE_CSM];
    for (size_t k = 0; k < pr->seg_count; k++)
        pr->seg_clock[k] = plan_clock(w, pr->segs[k].plan,
                                      csm->localized ? pr->segs[k].timezone
                                                     : m->home_timezone);
    pr->support_clock = plan_clock(w, ps->partner->tam_tier, m->home_timezone);
    pr->task_per_week[CAP_ROLE_CSM] = m->proactive_hours_per_customer_month /
                                      WEEKS_PER_MONTH * 60 / m->task_minutes;
    pr->task_per_week[CAP_ROLE_TAM] = m->tam_fixed_hours_per_week * 60 / m->task_minutes;
    pr->reps = need(calloc((size_t)w->replications, sizeof *pr->reps));
}

static void partner_free(partner_run *pr)
{
    for (int k = 0; k < pr->w->replications && pr->reps; k++)
        for (int r = 0; r < CAP_ROLES; r++)
            free(pr->reps[k].q[r].job);
    free(pr->reps);
    free(pr->seg_clock);
    free(pr->segs);
}

/* What one segment's arrivals need to become jobs. */
typedef struct {
    const partner_run *pr;
    gsl_rng *rng;
    rep_jobs *out;
    const cap_segment *seg;
    unsigned short clock;
    int sev;
    int role;                    /* for tasks */
} emitter;

static void support_job(emitter *e, double minute)
{
    const cap_model *m = e->pr->w->m;
    cap_job j = {minute, handle_minutes(m, e->rng, e->sev),
                 (float)m->plan[e->pr->ps->partner->tam_tier].sla_minutes[e->sev],
                 (unsigned char)e->sev, e->pr->support_clock};
    if (minute >= e->pr->w->tl.from && minute < e->pr->w->tl.to)
        e->out->technical_minutes += j.handle;
    push_job(&e->out->q[CAP_ROLE_TAM], j);
}

static void emit_ticket(void *ctx, double minute)
{
    emitter *e = ctx;
    const cap_model *m = e->pr->w->m;
    const cap_partner *partner = e->pr->ps->partner;
    int has_csm = e->pr->ps->role[CAP_ROLE_CSM].active;
    const cap_category *c = &m->categories[gsl_ran_discrete(e->rng, e->pr->w->category)];
    cap_party party = cap_route(c, partner->channel, has_csm);
    if (party == CAP_PARTY_CSM) {
        cap_job j = {minute, handle_minutes(m, e->rng, e->sev),
                     (float)m->plan[e->seg->plan].sla_minutes[e->sev],
                     (unsigned char)e->sev, e->clock};
        push_job(&e->out->q[CAP_ROLE_CSM], j);
    } else if (party == CAP_PARTY_SUPPORT) {
        support_job(e, minute);
    }
    if ((party == CAP_PARTY_CSM || party == CAP_PARTY_PARTNER) &&
        gsl_rng_uniform(e->rng) < c->escalation[e->sev])
        support_job(e, minute); /* raised at once, worked in parallel */
}

static void emit_task(void *ctx, double minute)
{
    emitter *e = ctx;
    cap_job j = {minute, e->pr->w->m->task_minutes, 0, CAP_PRIORITY_TASK, WALL_CLOCK};
    push_job(&e->out->q[e->role], j);
}

static void generate_rep(void *ctx, size_t rep)
{
    partner_run *pr = ctx;
    const world *w = pr->w;
    const cap_model *m = w->m;
    emitter e = {pr, stream(w->seed, pr->index, rep), &pr->reps[rep], NULL, 0, 0, 0};
    for (size_t k = 0; k < pr->seg_count; k++) {
        e.seg = &pr->segs[k];
        e.clock = pr->seg_clock[k];
        int z = cap_tz_set_index(&w->zones, e.seg->timezone);
        for (e.sev = 0; e.sev < CAP_SEVERITIES; e.sev++) {
            double per_week = e.seg->customers *
                              m->plan[e.seg->plan].tickets_per_month[e.sev] /
                              WEEKS_PER_MONTH;
            poisson_arrivals(e.rng, per_week, w->shape[z * SHAPES + e.sev],
                             w->tl.hours, emit_ticket, &e);
        }
        e.role = CAP_ROLE_CSM;
        if (pr->ps->role[CAP_ROLE_CSM].active)
            poisson_arrivals(e.rng, e.seg->customers * pr->task_per_week[e.role],
                             w->shape[z * SHAPES + TASK_SHAPE], w->tl.hours,
                             emit_task, &e);
    }
    e.role = CAP_ROLE_TAM;
    if (pr->ps->role[CAP_ROLE_TAM].active)
        poisson_arrivals(e.rng, pr->task_per_week[e.role],
                         w->shape[cap_tz_set_index(&w->zones, m->home_timezone) * SHAPES +
                                  TASK_SHAPE],
                         w->tl.hours, emit_task, &e);
    for (int r = 0; r < CAP_ROLES; r++)
        if (pr->reps[rep].q[r].n > 0) /* qsort(NULL, 0) is undefined */
            qsort(pr->reps[rep].q[r].job, pr->reps[rep].q[r].n, sizeof(cap_job),
                  by_arrival);
    gsl_rng_free(e.rng);
}

/* ---- one candidate FTE: every replication on the same tickets ---- */

typedef struct {
    double tickets[CAP_SEVERITIES], attainment[CAP_SEVERITIES];
    double p50[CAP_SEVERITIES], p90[CAP_SEVERITIES], p99[CAP_SEVERITIES];
    double utilization, backlog;
} rep_result;

typedef struct {
    const partner_run *pr;
    cap_role role;
    double present[CAP_WEEK_HOURS];
    rep_result *result;
    int reps;                  /* the first reps replications */
} trial;

static void measure_severity(double *resp, size_t n, const cap_job *jobs,
                             const size_t *idx, int sev, rep_result *out)
{
    size_t met = 0;
    for (size_t k = 0; k < n; k++)
        met += resp[k] <= jobs[idx[k]].target + 1e-9;
    out->tickets[sev] = (double)n;
    out->attainment[sev] = n ? (double)met / (double)n : -1;
    if (!n) {
        out->p50[sev] = out->p90[sev] = out->p99[sev] = -1;
        return;
    }
    gsl_sort(resp, 1, n);
    out->p50[sev] = gsl_stats_quantile_from_sorted_data(resp, 1, n, 0.50);
    out->p90[sev] = gsl_stats_quantile_from_sorted_data(resp, 1, n, 0.90);
    out->p99[sev] = gsl_stats_quantile_from_sorted_data(resp, 1, n, 0.99);
}

static void run_trial(void *ctx, size_t rep)
{
    trial *t = ctx;
    const world *w = t->pr->w;
    const job_list *l = &t->pr->reps[rep].q[t->role];
    cap_shifts shifts = {t->present, w->tl.first_hour};
    double *start = need(malloc((l->n + 1) * sizeof *start));
    double *resp = need(malloc((l->n + 1) * sizeof *resp));
    size_t *idx = need(malloc((l->n + 1) * sizeof *idx));
    cap_queue_stats st;
    if (cap_queue_serve(l->job, l->n, &shifts, w->tl.from, w->tl.to, start, &st))
        abort();
    rep_result *out = &t->result[rep];
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        size_t n = 0;
        for (size_t k = 0; k < l->n; k++) {
            const cap_job *j = &l->job[k];
            if (j->priority == sev && j->arrival >= w->tl.from && j->arrival < w->tl.to) {
                idx[n] = k;
                resp[n++] = response_minutes(w, j, start[k]);
            }
        }
        measure_severity(resp, n, l->job, idx, sev, out);
    }
    out->utilization = st.present_minutes > 0 ? st.busy_minutes / st.present_minutes : 0;
    out->backlog = st.backlog;
    free(idx);
    free(resp);
    free(start);
}

/* Mean and CI of field `f` over the replications where it is defined (a
 * severity without tickets in a replication has no attainment there). */
static cap_estimate over_reps(const rep_result *res, int n, size_t offset)
{
    double *x = need(malloc(((size_t)n + 1) * sizeof *x));
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        double v = *(const double *)((const char *)&res[i] + offset);
        if (v >= 0)
            x[k++] = v;
    }
    cap_estimate e = k ? cap_estimate_of(x, k) : (cap_estimate){-1, 0};
    free(x);
    return e;
}

#define FIELD(name, sev) (offsetof(rep_result, name) + (size_t)(sev) * sizeof(double))

static void summarize(const world *w, const trial *t, cap_sla_role *out)
{
    const cap_model *m = w->m;
    int n = t->reps;
    out->replications = n;
    out->meets = 1;
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        cap_sla_severity *s = &out->severity[sev];
        s->tickets = over_reps(t->result, n, FIELD(tickets, sev));
        s->attainment = over_reps(t->result, n, FIELD(attainment, sev));
        s->p50 = over_reps(t->result, n, FIELD(p50, sev));
        s->p90 = over_reps(t->result, n, FIELD(p90, sev));
        s->p99 = over_reps(t->result, n, FIELD(p99, sev));
        s->goal = m->attainment_goal[sev];
        s->target_minutes = m->plan[out->tier].sla_minutes[sev];
        if (s->attainment.mean >= 0 && s->attainment.mean < s->goal - 1e-12)
            out->meets = 0;
    }
    out->utilization = over_reps(t->result, n, offsetof(rep_result, utilization));
    out->backlog = over_reps(t->result, n, offsetof(rep_result, backlog));
    if (out->utilization.mean > m->utilization_cap + 1e-12)
        out->meets = 0;
}

/* The figures of role at fte over the first reps replications. */
static void evaluate_on(partner_run *pr, cap_role role, double fte, int reps,
                        cap_sla_role *out)
{
    const world *w = pr->w;
    trial t = {pr, role, {0}, NULL, reps};
    t.result = need(calloc((size_t)reps, sizeof *t.result));
    out->gap_hours = cap_staffing_roster(w->m, pr->ps, role, fte, t.present);
    out->fte = fte;
    out->tier = pr->ps->role[role].tier;
    parallel_for((size_t)reps, w->threads, run_trial, &t);
    summarize(w, &t, out);
    free(t.result);
}

static void evaluate(partner_run *pr, cap_role role, double fte, cap_sla_role *out)
{
    evaluate_on(pr, role, fte, pr->w->replications, out);
}

/* ---- Erlang C beside the simulation ---- */

static void erlang_hours(const partner_run *pr, cap_role role, cap_sla_role *out)
{
    const world *w = pr->w;
    double arrivals[CAP_WEEK_HOURS][CAP_PRIORITIES] = {{0}}, work[CAP_WEEK_HOURS] = {0};
    double present[CAP_WEEK_HOURS];
    cap_staffing_roster(w->m, pr->ps, role, out->fte, present);
    double scale = 1.0 / (w->replications * w->tl.weeks);
    for (int k = 0; k < w->replications; k++) {
        const job_list *l = &pr->reps[k].q[role];
        for (size_t i = 0; i < l->n; i++) {
            const cap_job *j = &l->job[i];
            if (j->arrival < w->tl.from || j->arrival >= w->tl.to)
                continue;
            int how = (int)((w->tl.first_hour + (int64_t)(j->arrival / 60)) % CAP_WEEK_HOURS);
            arrivals[how][j->priority] += scale;
            work[how] += j->handle * scale;
        }
    }
    double weight[CAP_SEVERITIES] = {0}, level[CAP_SEVERITIES] = {0};
    out->unstable_hours = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        cap_erlang_hour *eh = &out->hour[h];
        double total = 0;
        for (int p = 0; p < CAP_PRIORITIES; p++)
            total += arrivals[h][p];
        eh->arrivals_per_hour = total;
        eh->handle_minutes = total > 0 ? work[h] / total : 0;
        eh->servers = present[h];
        eh->erlang = cap_erlang_queue(total, eh->handle_minutes, (int)floor(present[h]),
                                      out->severity[0].target_minutes);
        if (total <= 0)
            continue;
        if (!eh->erlang.stable) {
            out->unstable_hours++;
            continue;
        }
        for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
            cap_erlang e = cap_erlang_queue(total, eh->handle_minutes, (int)floor(present[h]),
                                            out->severity[sev].target_minutes);
            weight[sev] += arrivals[h][sev];
            level[sev] += arrivals[h][sev] * e.service_level;
        }
    }
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        out->severity[sev].erlang_attainment = weight[sev] > 0 ? level[sev] / weight[sev] : -1;
}

static void work_hours(const partner_run *pr, cap_role role, cap_sla_role *out)
{
    const world *w = pr->w;
    double minutes = 0;
    for (int k = 0; k < w->replications; k++) {
        const job_list *l = &pr->reps[k].q[role];
        for (size_t i = 0; i < l->n; i++)
            if (l->job[i].arrival >= w->tl.from && l->job[i].arrival < w->tl.to)
                minutes += l->job[i].handle;
    }
    out->work_hours_month = minutes / 60.0 / w->replications /
                            (w->tl.weeks / WEEKS_PER_MONTH);
}

/* ---- the search ---- */

/* Where the walk of search() starts: the first FTE from `from` that meets
 * on a pilot of the first tenth of the replications.  Only a guess, so
 * only worth it when there are many replications. */
static double pilot_guess(partner_run *pr, cap_role role, double from,
                          double limit, cap_sla_role *scratch)
{
    int all = pr->w->replications, pilot = all / 10;
    double fte = from;
    if (all < 40)
        return from;
    for (;;) {
        evaluate_on(pr, role, fte, pilot, scratch);
        if (scratch->meets || fte >= limit)
            return fte;
        fte += pr->w->m->fte_step;
    }
}

/* The smallest FTE in fte_step steps from `from` whose figures over all
 * replications meet every goal (found holds them), or limit.  Attainment
 * is monotone in FTE on common random numbers, so a walk from the pilot's
 * guess - down while the step below still meets, else up until one meets -
 * gives the answer a step-by-step search from `from` gives, with two or
 * three full evaluations instead of one per step. */
static double search(partner_run *pr, cap_role role, double from,
                     double limit, cap_sla_role *found)
{
    double step = pr->w->m->fte_step;
    cap_sla_role *below = need(calloc(1, sizeof *below));
    double fte = pilot_guess(pr, role, from, limit, below);
    evaluate(pr, role, fte, found);
    while (found->meets && fte - step >= from - 1e-9) {
        evaluate(pr, role, fte - step, below);
        if (!below->meets)
            break;
        fte -= step;
        *found = *below;
    }
    while (!found->meets && fte < limit) {
        fte += step;
        evaluate(pr, role, fte, found);
    }
    free(below);
    return fte;
}

static void size_role(partner_run *pr, cap_partner_staffing *ps, cap_role role)
{
    const cap_model *m = pr->w->m;
    cap_role_staffing *r = &ps->role[role];
    cap_sla_role *found = need(calloc(1, sizeof *found));
    /* Far past any answer a contract would sign; stops a hopeless search. */
    double limit = fmax(2 * r->fte_high, r->fte_rule) + 20;
    double fte = search(pr, role, r->fte_rule, limit, found);
    cap_staffing_apply_sla(m, ps, role, fte);
    int met = found->meets;
    if (!met)
        snprintf(r->warnings[r->warning_count < CAP_WARNINGS_MAX ? r->warning_count++
                                                                 : CAP_WARNINGS_MAX - 1],
                 sizeof r->warnings[0], "SLA goals not met even at %.1f FTE", fte);
    if (fabs(r->fte - fte) > 1e-9)
        evaluate(pr, role, r->fte, found);
    found->met_at_recommended = met;
    erlang_hours(pr, role, found);
    work_hours(pr, role, found);
    r->sla = found;
}

static void simulate_partner(world *w, cap_staffing *s, size_t i)
{
    cap_partner_staffing *ps = &s->partners[i];
    partner_run pr;
    partner_init(&pr, w, ps, i, s->quarter);
    parallel_for((size_t)w->replications, w->threads, generate_rep, &pr);
    double minutes = 0;
    for (int k = 0; k < w->replications; k++)
        minutes += pr.reps[k].technical_minutes;
    double months = w->tl.weeks / WEEKS_PER_MONTH;
    cap_staffing_set_technical_hours(w->m, ps, minutes / 60.0 / w->replications / months);
    for (int r = 0; r < CAP_ROLES; r++) {
        free(ps->role[r].sla);
        ps->role[r].sla = NULL;
        if (ps->role[r].active)
            size_role(&pr, ps, (cap_role)r);
    }
    cap_staffing_compare_tam(w->m, ps);
    partner_free(&pr);
}

cap_status cap_simulate(cap_staffing *s, const cap_portfolio *p,
                        const cap_model *m, const cap_sim_options *o,
                        cap_error *err)
{
    world w;
    cap_status st = world_init(&w, p, m, s, o, err);
    for (size_t i = 0; i < s->partner_count && st == CAP_OK; i++) {
        simulate_partner(&w, s, i);
        if (o->progress)
            o->progress(o->progress_ctx, (long)i + 1, (long)s->partner_count);
    }
    cap_staffing_total(s);
    world_free(&w);
    return st;
}

/* ---- the stationary queue (capplan queue) ---- */

typedef struct {
    const cap_queue_spec *q;
    unsigned long seed;
    double present[CAP_WEEK_HOURS];
    double *tickets, *waited, *level, *wait, *occupancy;
} stationary;

static void stationary_rep(void *ctx, size_t rep)
{
    stationary *sq = ctx;
    const cap_queue_spec *q = sq->q;
    gsl_rng *rng = stream(sq->seed, 0, rep);
    job_list l = {NULL, 0, 0};
    double end = (q->warmup_hours + q->hours) * 60, from = q->warmup_hours * 60;
    double rate = q->arrivals_per_hour / 60.0;
    for (double t = gsl_ran_exponential(rng, 1 / rate); rate > 0 && t < end;
         t += gsl_ran_exponential(rng, 1 / rate)) {
        cap_job j = {t, gsl_ran_exponential(rng, q->handle_minutes),
                     (float)q->target_minutes, 0, WALL_CLOCK};
        push_job(&l, j);
    }
    double *start = need(malloc((l.n + 1) * sizeof *start));
    cap_shifts shifts = {sq->present, 0};
    cap_queue_stats st;
    if (cap_queue_serve(l.job, l.n, &shifts, from, end, start, &st))
        abort();
    double n = 0, waited = 0, met = 0, wait = 0;
    for (size_t k = 0; k < l.n; k++) {
        if (l.job[k].arrival < from)
            continue;
        double w = start[k] < 0 ? INFINITY : start[k] - l.job[k].arrival;
        n++;
        waited += w > 1e-9;
        met += w <= q->target_minutes;
        wait += w;
    }
    sq->tickets[rep] = n;
    sq->waited[rep] = n ? waited / n : 0;
    sq->level[rep] = n ? met / n : 1;
    sq->wait[rep] = n ? wait / n : 0;
    sq->occupancy[rep] = st.present_minutes > 0 ? st.busy_minutes / st.present_minutes : 0;
    free(start);
    free(l.job);
    gsl_rng_free(rng);
}

cap_status cap_queue_simulate(const cap_queue_spec *q, const cap_sim_options *o,
                              cap_queue_result *out, cap_error *err)
{
    (void)err;
    size_t n = (size_t)o->replications;
    stationary sq = {q, o->seed, {0}, NULL, NULL, NULL, NULL, NULL};
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        sq.present[h] = q->servers;
    double *all = need(calloc(5 * n, sizeof *all));
    sq.tickets = all;
    sq.waited = all + n;
    sq.level = all + 2 * n;
    sq.wait = all + 3 * n;
    sq.occupancy = all + 4 * n;
    parallel_for(n, o->threads, stationary_rep, &sq);
    out->erlang = cap_erlang_queue(q->arrivals_per_hour, q->handle_minutes,
                                   q->servers, q->target_minutes);
    out->replications = (int)n;
    out->tickets = cap_estimate_of(sq.tickets, n);
    out->wait_probability = cap_estimate_of(sq.waited, n);
    out->service_level = cap_estimate_of(sq.level, n);
    out->mean_wait = cap_estimate_of(sq.wait, n);
    out->occupancy = cap_estimate_of(sq.occupancy, n);
    free(all);
    return CAP_OK;
}
