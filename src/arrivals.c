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

void cap_job_push(cap_job_list *l, cap_job j)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->job = cap_must(realloc(l->job, l->cap * sizeof *l->job));
    }
    l->job[l->n++] = j;
}

/* Queue order: by arrival, then severity. */
static int before(const cap_job *a, const cap_job *b)
{
    return a->arrival < b->arrival ||
           (a->arrival == b->arrival && a->priority < b->priority);
}

/* Merges runs [e[r], e[r+1]) pairwise from src into dst; returns the
 * number of runs left, their starts in e (e[runs] stays the end).  Ties
 * go to the left run, so the merge is stable. */
static size_t merge_pass(const cap_job *src, cap_job *dst, size_t *e, size_t runs)
{
    size_t out = 0, r = 0;
    for (; r + 1 < runs; r += 2) {
        size_t i = e[r], j = e[r + 1], k = e[r], mid = e[r + 1], end = e[r + 2];
        while (i < mid && j < end)
            dst[k++] = before(&src[j], &src[i]) ? src[j++] : src[i++];
        while (i < mid)
            dst[k++] = src[i++];
        while (j < end)
            dst[k++] = src[j++];
        e[out++] = e[r];
    }
    if (r < runs) {
        memcpy(dst + e[r], src + e[r], (e[r + 1] - e[r]) * sizeof *src);
        e[out++] = e[r];
    }
    e[out] = e[runs];
    return out;
}

/* Puts l in queue order.  l is a few runs already in order, one per
 * Poisson process (a segment's severity, its tasks), so merging them
 * costs O(n log runs); a comparison sort of the whole list was a quarter
 * of a run's time.  The result is what a stable sort gives. */
static void sort_jobs(cap_job_list *l)
{
    size_t runs = 1;
    for (size_t i = 1; i < l->n; i++)
        runs += before(&l->job[i], &l->job[i - 1]);
    if (l->n < 2 || runs == 1)
        return;
    size_t *e = cap_must(malloc((runs + 1) * sizeof *e));
    size_t r = 0;
    e[r++] = 0;
    for (size_t i = 1; i < l->n; i++)
        if (before(&l->job[i], &l->job[i - 1]))
            e[r++] = i;
    e[runs] = l->n;
    cap_job *src = l->job, *dst = cap_must(malloc(l->n * sizeof *dst));
    while (runs > 1) {
        runs = merge_pass(src, dst, e, runs);
        cap_job *t = src;
        src = dst;
        dst = t;
    }
    free(dst);
    l->job = src;
    l->cap = l->n;
    free(e);
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

/* What one segment's arrivals need to become jobs. */
typedef struct {
    const cap_partner_run *pr;
    gsl_rng *rng;
    cap_rep_jobs *out;
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
    cap_job_push(&e->out->q[CAP_ROLE_TAM], j);
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
        cap_job_push(&e->out->q[CAP_ROLE_CSM], j);
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
    cap_job_push(&e->out->q[e->role], j);
}

/* Handle minutes of the jobs in the measured quarter, in arrival order. */
static double measured_minutes(const cap_sim_world *w, const cap_job_list *l)
{
    double minutes = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->job[i].arrival >= w->tl.from && l->job[i].arrival < w->tl.to)
            minutes += l->job[i].handle;
    return minutes;
}

/* Replication rep's jobs into *out (empty), from its own stream. */
static void generate_rep(const cap_partner_run *pr, size_t rep, cap_rep_jobs *out)
{
    const cap_sim_world *w = pr->w;
    const cap_model *m = w->m;
    emitter e = {pr, cap_stream(w->seed, pr->index, rep), out, NULL, 0, 0, 0};
    for (size_t k = 0; k < pr->seg_count; k++) {
        e.seg = &pr->segs[k];
        e.clock = pr->seg_clock[k];
        int z = cap_tz_set_index(&w->zones, e.seg->timezone);
        for (e.sev = 0; e.sev < CAP_SEVERITIES; e.sev++) {
            double per_week = e.seg->customers *
                              m->plan[e.seg->plan].tickets_per_month[e.sev] /
                              CAP_WEEKS_PER_MONTH;
            poisson_arrivals(e.rng, per_week, w->shape[z * CAP_SHAPES + e.sev],
                             w->tl.hours, emit_ticket, &e);
        }
        e.role = CAP_ROLE_CSM;
        if (pr->ps->role[CAP_ROLE_CSM].active)
            poisson_arrivals(e.rng, e.seg->customers * pr->task_per_week[e.role],
                             w->shape[z * CAP_SHAPES + CAP_TASK_SHAPE], w->tl.hours,
                             emit_task, &e);
    }
    e.role = CAP_ROLE_TAM;
    if (pr->ps->role[CAP_ROLE_TAM].active)
        poisson_arrivals(e.rng, pr->task_per_week[e.role],
                         w->shape[cap_tz_set_index(&w->zones, m->home_timezone) * CAP_SHAPES +
                                  CAP_TASK_SHAPE],
                         w->tl.hours, emit_task, &e);
    for (int r = 0; r < CAP_ROLES; r++) {
        sort_jobs(&out->q[r]);
        out->work_minutes[r] = measured_minutes(w, &out->q[r]);
    }
    gsl_rng_free(e.rng);
}

typedef struct {
    cap_partner_run *pr;
    size_t first;
} generation;

static void generate_from(void *ctx, size_t i)
{
    generation *g = ctx;
    generate_rep(g->pr, g->first + i, &g->pr->reps[g->first + i]);
}

/* Keeps replication k's jobs if they fit (decided in index order, so the
 * same replications are kept for any thread count), else lets them go:
 * its sums stay.  Returns its bytes. */
static size_t keep_or_release(cap_partner_run *pr, int k)
{
    cap_rep_jobs *r = &pr->reps[k];
    size_t bytes = 0;
    for (int q = 0; q < CAP_ROLES; q++)
        bytes += r->q[q].cap * sizeof(cap_job);
    r->kept = pr->kept_bytes + bytes <= pr->budget.keep_bytes;
    if (r->kept)
        pr->kept_bytes += bytes;
    else
        cap_rep_jobs_clear(r);
    return bytes;
}

void cap_partner_run_generate(cap_partner_run *pr, int n)
{
    if (n > pr->w->max_replications)
        n = pr->w->max_replications;
    /* One per thread first; then as many as the keep budget still has room
     * for (all the rest, for a small partner), but never more than one per
     * thread beyond the kept ones. */
    size_t threads = (size_t)pr->budget.threads, batch = threads, largest = 0;
    while (pr->generated < n) {
        size_t count = (size_t)(n - pr->generated);
        generation g = {pr, (size_t)pr->generated};
        if (count > batch)
            count = batch;
        cap_parallel_for(count, pr->budget.threads, generate_from, &g);
        for (size_t k = 0; k < count; k++) {
            size_t bytes = keep_or_release(pr, pr->generated + (int)k);
            largest = bytes > largest ? bytes : largest;
        }
        pr->generated += (int)count;
        size_t room = pr->budget.keep_bytes - pr->kept_bytes;
        batch = largest ? room / largest : (size_t)n;
        batch = batch > threads ? batch : threads;
    }
}

const cap_job_list *cap_partner_run_jobs(const cap_partner_run *pr, int rep,
                                         cap_role role, cap_rep_jobs *scratch)
{
    if (pr->reps[rep].kept)
        return &pr->reps[rep].q[role];
    memset(scratch, 0, sizeof *scratch);
    generate_rep(pr, (size_t)rep, scratch);
    return &scratch->q[role];
}
