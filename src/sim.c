/* sim.c - one candidate FTE of one role, run on a partner's replications
 * (SPEC section 4 "Queue", "Metrics"). */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "pool.h"
#include "simcore.h"
#include "tally.h"
#include "workload.h"

/* Share of the tickets of severity sev that reach role's team. */
static double routed_share(const cap_partner_run *pr, cap_role role, int sev)
{
    const cap_model *m = pr->w->m;
    int has_csm = pr->ps->role[CAP_ROLE_CSM].active;
    double share = 0;
    for (size_t k = 0; k < m->category_count; k++) {
        const cap_category *c = &m->categories[k];
        cap_party party = cap_route(c, pr->ps->partner->channel, has_csm);
        if (role == CAP_ROLE_CSM)
            share += c->share * (party == CAP_PARTY_CSM);
        else
            share += c->share * ((party == CAP_PARTY_SUPPORT) +
                                 (party == CAP_PARTY_CSM || party == CAP_PARTY_PARTNER) *
                                     c->escalation[sev]);
    }
    return share;
}

/* Adds `per_week` jobs a week (shaped by cum) of `minutes` each to need,
 * as tickets of severity sev (or tasks for sev < 0): the mean over the
 * quarter's occurrences of each hour of the week (a quarter of 12 weeks
 * and 6 days has one Thursday fewer; that must not make Thursday quiet). */
static void add_expected(const cap_sim_world *w, const double *cum, double per_week,
                         int sev, double minutes, cap_need *need)
{
    size_t first = (size_t)(w->tl.from / 60), last = w->tl.hours;
    double count[CAP_WEEK_HOURS] = {0};
    for (size_t k = first; k < last; k++)
        count[w->tl.how[k]]++;
    for (size_t k = first; k < last; k++) {
        double n = per_week * (cum[k + 1] - cum[k]) / count[w->tl.how[k]];
        int h = w->tl.how[k];
        if (sev >= 0)
            need->arrivals[h][sev] += n;
        need->jobs[h] += n;
        need->work[h] += n * minutes;
    }
}

/* Expected values from the model, not the sampled jobs, so the roster
 * (and with it the answer) does not move with the seed. */
void cap_partner_need(const cap_partner_run *pr, cap_role role, cap_need *out)
{
    const cap_sim_world *w = pr->w;
    const cap_model *m = w->m;
    memset(out, 0, sizeof *out);
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        out->target[sev] = m->plan[pr->ps->role[role].tier].sla_minutes[sev];
    double routed[CAP_SEVERITIES];
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        routed[sev] = routed_share(pr, role, sev);
    for (size_t k = 0; k < pr->seg_count; k++) {
        const cap_segment *seg = &pr->segs[k];
        int z = cap_tz_set_index(&w->zones, seg->timezone);
        for (int sev = 0; sev < CAP_SEVERITIES; sev++)
            add_expected(w, w->shape[z * CAP_SHAPES + sev],
                         seg->customers * m->plan[seg->plan].tickets_per_month[sev] /
                             CAP_WEEKS_PER_MONTH * routed[sev],
                         sev, m->handle_mean_minutes[sev], out);
        if (role == CAP_ROLE_CSM)
            add_expected(w, w->shape[z * CAP_SHAPES + CAP_TASK_SHAPE],
                         seg->customers * pr->task_per_week[role], -1,
                         m->task_minutes, out);
    }
    if (role == CAP_ROLE_TAM) {
        int z = cap_tz_set_index(&w->zones, m->home_timezone);
        add_expected(w, w->shape[z * CAP_SHAPES + CAP_TASK_SHAPE],
                     pr->task_per_week[role], -1, m->task_minutes, out);
    }
}

cap_candidate *cap_candidate_new(const cap_partner_run *pr, cap_role role,
                                 const cap_need *need, double fte)
{
    const cap_model *m = pr->w->m;
    cap_candidate *c = cap_must(calloc(1, sizeof *c));
    c->fte = fte;
    c->result = cap_must(calloc((size_t)pr->w->max_replications, sizeof *c->result));
    c->gap_hours = cap_roster(m, pr->ps->role[role].required, need,
                              cap_person_hours(m, fte), c->present);
    return c;
}

void cap_candidate_free(cap_candidate *c)
{
    if (c)
        free(c->result);
    free(c);
}

/* A trial's measured tickets, tallied per severity as they start. */
typedef struct {
    const cap_sim_world *w;
    cap_tally *sev[CAP_SEVERITIES];
} trial_sink;

static void tally_started(void *ctx, size_t seq, const cap_job *j, double start)
{
    trial_sink *s = ctx;
    const cap_sim_world *w = s->w;
    (void)seq;
    if (j->priority >= CAP_SEVERITIES || j->arrival < w->tl.from || j->arrival >= w->tl.to)
        return;
    double resp = cap_job_response(w, j, start);
    cap_tally_add(s->sev[j->priority], resp, resp <= j->target + 1e-9);
}

static void tally_result(cap_tally *t, int sev, cap_rep_result *out)
{
    size_t n = cap_tally_count(t);
    double q[CAP_TALLY_QUANTILES] = {-1, -1, -1};
    if (n)
        cap_tally_quantiles(t, q);
    out->tickets[sev] = (double)n;
    out->attainment[sev] = n ? (double)cap_tally_met(t) / (double)n : -1;
    out->p50[sev] = q[0];
    out->p90[sev] = q[1];
    out->p99[sev] = q[2];
}

typedef struct {
    const cap_partner_run *pr;
    cap_role role;
    cap_candidate *c;
    size_t first;
} trial;

static void run_trial(void *ctx, size_t i)
{
    trial *t = ctx;
    size_t rep = t->first + i;
    const cap_sim_world *w = t->pr->w;
    trial_sink ts;
    memset(&ts, 0, sizeof ts);
    ts.w = w;
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        ts.sev[sev] = cap_tally_new(CAP_TALLY_EXACT);
    cap_rep_source rs;
    cap_job_source src = cap_rep_source_open(&rs, t->pr, (int)rep, t->role);
    cap_job_sink sink = {tally_started, &ts};
    cap_shifts shifts = cap_world_shifts(w, t->c->present);
    cap_queue_stats st;
    if (cap_queue_stream(&src, &shifts, w->rules, w->tl.from, w->tl.to, &sink, &st))
        abort(); /* out of memory */
    cap_rep_source_close(&rs);
    cap_rep_result *out = &t->c->result[rep];
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        tally_result(ts.sev[sev], sev, out);
        cap_tally_free(ts.sev[sev]);
    }
    out->utilization = st.present_minutes > 0 ? st.busy_minutes / st.present_minutes : 0;
    out->backlog = st.backlog;
}

void cap_candidate_run(cap_partner_run *pr, cap_role role, cap_candidate *c,
                       int n)
{
    if (n > pr->w->max_replications)
        n = pr->w->max_replications;
    if (n <= c->done)
        return;
    cap_partner_run_generate(pr, n);
    trial t = {pr, role, c, (size_t)c->done};
    cap_parallel_for((size_t)(n - c->done), pr->budget.threads, run_trial, &t);
    c->done = n;
}

/* Mean and CI of the field at `offset` over the replications where it is
 * defined (a severity without tickets in a replication has no attainment
 * there). */
static cap_estimate over_reps(const cap_rep_result *res, int n, size_t offset)
{
    double *x = cap_must(malloc(((size_t)n + 1) * sizeof *x));
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        double v = *(const double *)((const char *)&res[i] + offset);
        if (v >= 0)
            x[k++] = v;
    }
    cap_estimate e = k ? cap_estimate_of(x, k) : (cap_estimate){-1, 0, 0};
    free(x);
    return e;
}

#define FIELD(name, sev) (offsetof(cap_rep_result, name) + (size_t)(sev) * sizeof(double))

void cap_candidate_figures(const cap_partner_run *pr, cap_role role,
                           const cap_candidate *c, int n, cap_sla_role *out)
{
    const cap_model *m = pr->w->m;
    out->fte = c->fte;
    out->tier = pr->ps->role[role].tier;
    out->gap_hours = c->gap_hours;
    out->replications = n;
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        cap_sla_severity *s = &out->severity[sev];
        s->tickets = over_reps(c->result, n, FIELD(tickets, sev));
        s->attainment = over_reps(c->result, n, FIELD(attainment, sev));
        s->p50 = over_reps(c->result, n, FIELD(p50, sev));
        s->p90 = over_reps(c->result, n, FIELD(p90, sev));
        s->p99 = over_reps(c->result, n, FIELD(p99, sev));
        s->goal = m->attainment_goal[sev];
        s->target_minutes = m->plan[out->tier].sla_minutes[sev];
    }
    out->utilization = over_reps(c->result, n, offsetof(cap_rep_result, utilization));
    out->backlog = over_reps(c->result, n, offsetof(cap_rep_result, backlog));
    out->meets = cap_sla_meets(m, out);
    out->confidence = cap_sla_confidence(m, out);
}
