/* search.c - the SLA search per role and partner (SPEC section 2 item 7,
 * section 4 "Sizing"), with more replications where a call is close. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "simcore.h"

/* A call is clear when the goal lies outside the figure's 95% interval:
 * one side of it holds with probability 0.975. */
#define CLEAR 0.975

/* Candidates of one role: fte = from + k x step for k = 0 .. count - 1,
 * each run on the same replications as every other (common random
 * numbers) and kept, so that a later call only adds replications. */
typedef struct {
    cap_partner_run *pr;
    cap_role role;
    cap_need need;              /* what the rosters are laid by */
    double from, step;
    int count;
    cap_candidate **c;
    cap_sla_role *fig;          /* figures of each candidate, last call */
    int most_replications;      /* the most any call needed */
} ladder;

static double fte_at(const ladder *l, int k)
{
    return l->from + k * l->step;
}

static cap_candidate *rung(ladder *l, int k)
{
    if (!l->c[k])
        l->c[k] = cap_candidate_new(l->pr, l->role, &l->need, fte_at(l, k));
    return l->c[k];
}

/* Figures over the first n replications. */
static const cap_sla_role *quick(ladder *l, int k, int n)
{
    cap_candidate_run(l->pr, l->role, rung(l, k), n);
    cap_candidate_figures(l->pr, l->role, l->c[k], n, &l->fig[k]);
    return &l->fig[k];
}

/* Decides candidate k: R replications, doubled (up to the model's cap)
 * while the call is too close to its goal to make at 95% confidence. */
static cap_candidate *decide_candidate(cap_partner_run *pr, cap_role role,
                                       cap_candidate *c, cap_sla_role *out)
{
    const cap_sim_world *w = pr->w;
    int n = w->replications;
    for (;;) {
        cap_candidate_run(pr, role, c, n);
        cap_candidate_figures(pr, role, c, n, out);
        if (out->confidence >= CLEAR || n >= w->max_replications)
            return c;
        n = 2 * n < w->max_replications ? 2 * n : w->max_replications;
    }
}

static int decide(ladder *l, int k)
{
    decide_candidate(l->pr, l->role, rung(l, k), &l->fig[k]);
    if (l->fig[k].replications > l->most_replications)
        l->most_replications = l->fig[k].replications;
    return l->fig[k].meets;
}

/* Where the walk starts: the first candidate that meets on a pilot of the
 * first tenth of the replications (all of them when there are fewer than
 * 40: a tenth would say little).  Found by doubling the step from the
 * first candidate, then halving the gap (the pilot's attainment rises with
 * FTE, as the walk below relies on): a team of thousands of FTE whose rule
 * starts 10% low costs some 20 pilots, not one per half FTE. */
static int pilot_guess(ladder *l)
{
    int r = l->pr->w->replications, pilot = r >= 40 ? r / 10 : r;
    if (quick(l, 0, pilot)->meets)
        return 0;
    int fails = 0, meets = l->count - 1; /* the last one when none meets */
    for (int step = 1; fails + step < meets; step *= 2) {
        if (quick(l, fails + step, pilot)->meets) {
            meets = fails + step;
            break;
        }
        fails += step;
    }
    while (meets - fails > 1) {
        int mid = fails + (meets - fails) / 2;
        if (quick(l, mid, pilot)->meets)
            meets = mid;
        else
            fails = mid;
    }
    return meets;
}

/* The smallest candidate that meets (decided as above), or the last one.
 * Attainment rises with FTE on common random numbers, so a walk from the
 * pilot's guess - down while the step below still meets, else up until
 * one meets - gives the answer a step-by-step search from the first
 * candidate gives, with two or three decided candidates. */
static int search(ladder *l)
{
    int k = pilot_guess(l);
    if (decide(l, k)) {
        while (k > 0 && decide(l, k - 1))
            k--;
        return k;
    }
    while (k < l->count - 1 && !decide(l, k + 1))
        k++;
    return k + 1 < l->count ? k + 1 : k;
}

static cap_sla_role *copy(const cap_sla_role *r)
{
    cap_sla_role *c = cap_must(malloc(sizeof *c));
    *c = *r;
    return c;
}

/* ---- beside the figures: Erlang C per hour, work per month ---- */

static void erlang_hours(const cap_need *need, const double present[CAP_WEEK_HOURS],
                         cap_sla_role *out)
{
    double weight[CAP_SEVERITIES] = {0}, level[CAP_SEVERITIES] = {0};
    out->unstable_hours = 0;
    if (!out->hour)
        out->hour = cap_must(calloc(CAP_WEEK_HOURS, sizeof *out->hour));
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        cap_erlang_hour *eh = &out->hour[h];
        double total = need->jobs[h];
        eh->arrivals_per_hour = total;
        eh->handle_minutes = total > 0 ? need->work[h] / total : 0;
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
            weight[sev] += need->arrivals[h][sev];
            level[sev] += need->arrivals[h][sev] * e.service_level;
        }
    }
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        out->severity[sev].erlang_attainment = weight[sev] > 0 ? level[sev] / weight[sev] : -1;
}

static void work_hours(const cap_partner_run *pr, cap_role role, cap_sla_role *out)
{
    const cap_sim_world *w = pr->w;
    double minutes = 0;
    for (int k = 0; k < w->replications; k++)
        minutes += pr->reps[k].work_minutes[role];
    out->work_hours_month = minutes / 60.0 / w->replications /
                            (w->tl.weeks / CAP_WEEKS_PER_MONTH);
}

/* ---- one role ---- */

/* The figures at the staffed FTE: the request when there is one (decided
 * like any candidate), else the answer's. */
static cap_sla_role *staffed_figures(ladder *l, int answer, double requested)
{
    cap_sla_role *out;
    if (requested < 0 || fabs(requested - fte_at(l, answer)) < 1e-9) {
        out = copy(&l->fig[answer]);
    } else {
        out = cap_must(calloc(1, sizeof *out));
        cap_candidate *c = cap_candidate_new(l->pr, l->role, &l->need, requested);
        decide_candidate(l->pr, l->role, c, out);
        cap_candidate_free(c);
    }
    cap_candidate *at = cap_candidate_new(l->pr, l->role, &l->need, out->fte);
    erlang_hours(&l->need, at->present, out);
    cap_candidate_free(at);
    work_hours(l->pr, l->role, out);
    return out;
}

static void size_role(cap_partner_run *pr, cap_role role, double from,
                      cap_sim_role *out)
{
    const cap_model *m = pr->w->m;
    const cap_role_staffing *r = &pr->ps->role[role];
    /* Far past any answer a contract would sign; stops a hopeless search. */
    double limit = fmax(2 * r->fte_high, from) + 20;
    ladder l;
    memset(&l, 0, sizeof l);
    l.pr = pr;
    l.role = role;
    l.from = from;
    l.step = m->fte_step;
    cap_partner_need(pr, role, &l.need);
    l.count = (int)floor((limit - from) / l.step + 1e-9) + 1;
    l.c = cap_must(calloc((size_t)l.count, sizeof *l.c));
    l.fig = cap_must(calloc((size_t)l.count, sizeof *l.fig));
    int k = search(&l);
    out->simulated = 1;
    out->fte = fte_at(&l, k);
    out->met = l.fig[k].meets;
    out->answer = copy(&l.fig[k]);
    out->confidence = l.fig[k].confidence;
    if (k > 0) {
        if (l.fig[k - 1].replications < pr->w->replications)
            decide(&l, k - 1);
        out->below = copy(&l.fig[k - 1]);
        out->confidence = fmin(out->confidence, l.fig[k - 1].confidence);
    }
    out->staffed = staffed_figures(&l, k, r->fte_requested);
    out->staffed->met_at_recommended = out->answer->met_at_recommended = out->met;
    out->decided_at_replications = l.most_replications;
    for (int i = 0; i < l.count; i++)
        cap_candidate_free(l.c[i]);
    free(l.c);
    free(l.fig);
}

void cap_sim_partner_size(cap_sim_world *w, const cap_partner_staffing *ps,
                          size_t index, int quarter, cap_sim_partner *out)
{
    cap_run_budget b = {w->threads, CAP_JOB_KEEP_BYTES};
    cap_sim_partner_size_within(w, ps, index, quarter, b, out);
}

void cap_sim_partner_size_within(cap_sim_world *w,
                                 const cap_partner_staffing *ps, size_t index,
                                 int quarter, cap_run_budget b,
                                 cap_sim_partner *out)
{
    const cap_model *m = w->m;
    cap_partner_run pr;
    memset(out, 0, sizeof *out);
    cap_partner_run_init(&pr, w, ps, index, quarter);
    pr.budget = b;
    cap_partner_run_generate(&pr, w->replications);
    double minutes = 0;
    for (int k = 0; k < w->replications; k++)
        minutes += pr.reps[k].technical_minutes;
    out->technical_hours_month = minutes / 60.0 / w->replications /
                                 (w->tl.weeks / CAP_WEEKS_PER_MONTH);
    for (int r = 0; r < CAP_ROLES; r++) {
        if (!ps->role[r].active)
            continue;
        double rule = r == CAP_ROLE_CSM
            ? ps->role[r].fte_rule
            : cap_staffing_tam_rule(m, ps->partner, out->technical_hours_month);
        double from = cap_staffing_search_from(m, &ps->role[r], rule);
        size_role(&pr, (cap_role)r, from, &out->role[r]);
    }
    cap_partner_run_free(&pr);
}

void cap_sim_erlang_hours(cap_sim_world *w, const cap_partner_staffing *ps,
                          size_t index, int quarter, cap_role role,
                          cap_sla_role *r)
{
    cap_partner_run pr;
    cap_need need;
    cap_partner_run_init(&pr, w, ps, index, quarter);
    cap_partner_need(&pr, role, &need);
    cap_candidate *at = cap_candidate_new(&pr, role, &need, r->fte);
    erlang_hours(&need, at->present, r);
    cap_candidate_free(at);
    cap_partner_run_free(&pr);
}
