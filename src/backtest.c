/* backtest.c - observed against simulated first-response attainment (see
 * backtest.h). */
#include "backtest.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "quantile.h"
#include "staffing.h"
#include "tz.h"

cap_status cap_bt_interval(int met, int n, double *lo, double *hi,
                           cap_error *err)
{
    *lo = *hi = -1;
    if (n <= 0)
        return CAP_OK;
    int st = GSL_SUCCESS;
    *lo = 0;
    *hi = 1;
    if (met > 0)
        st = cap_beta_quantile(0.025, met, n - met + 1, lo);
    if (st == GSL_SUCCESS && met < n)
        st = cap_beta_quantile(0.975, met + 1, n - met, hi);
    if (st != GSL_SUCCESS)
        return cap_error_set(err, CAP_ERR_INTERNAL, NULL, 0, NULL,
                             "backtest: no 95%% interval for %d of %d "
                             "tickets answered in time: GSL: %s", met, n,
                             gsl_strerror(st));
    return CAP_OK;
}

static cap_status finish_observed(const cap_model *m, cap_bt_observed *o,
                                  cap_error *err)
{
    o->few = o->tickets < m->calibrate_min_tickets;
    o->share = o->tickets ? (double)o->met / o->tickets : -1;
    return cap_bt_interval(o->met, o->tickets, &o->lo, &o->hi, err);
}

/* The home window's clock over the export and 60 days past it (the longest
 * target is a few business days; a reply later still counts as late). */
typedef struct {
    cap_tz *tz;
    cap_clock *clock;
    int64_t start;
} home_clock;

static cap_status home_clock_new(const cap_model *m, const cap_hd_export *x,
                                 home_clock *h, cap_error *err)
{
    h->start = (x->first / 86400 - 1) * 86400;
    int64_t end = (x->last / 86400 + 61) * 86400;
    h->tz = cap_tz_new(m->home_timezone, h->start - 86400, end + 86400, err);
    if (!h->tz)
        return err->code;
    cap_hours hours = {m->home_open_minute, m->home_close_minute,
                       m->home_weekdays, m->home_skip_holidays};
    h->clock = cap_clock_new(h->tz, &hours, h->start, (end - h->start) / 60);
    if (!h->clock)
        abort(); /* out of memory */
    return CAP_OK;
}

/* A ticket's first response on its plan's SLA clock, minutes. */
static double response(const cap_model *m, const home_clock *h, cap_plan plan,
                       const cap_ticket *t)
{
    if (m->plan[plan].around_the_clock)
        return t->first_reply;
    double arrival = (double)(t->created - h->start) / 60.0;
    return cap_first_response_minutes(h->clock, arrival, arrival + t->first_reply);
}

cap_status cap_backtest_observe(const cap_model *m, const cap_org_table *orgs,
                                const cap_hd_export *x, cap_backtest *bt,
                                cap_error *err)
{
    home_clock h = {NULL, NULL, 0};
    CAP_TRY(home_clock_new(m, x, &h, err));
    for (size_t i = 0; i < x->count; i++) {
        const cap_ticket *t = &x->tickets[i];
        if (t->first_reply < 0)
            continue;
        cap_plan plan = orgs->org[t->org].plan;
        double target = m->plan[plan].sla_minutes[t->severity];
        /* business minutes never exceed wall-clock ones */
        int met = t->first_reply <= target ||
                  response(m, &h, plan, t) <= target + 1e-9;
        bt->plan[plan][t->severity].tickets++;
        bt->plan[plan][t->severity].met += met;
        bt->sev[t->severity].observed.tickets++;
        bt->sev[t->severity].observed.met += met;
    }
    cap_status st = CAP_OK;
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES && st == CAP_OK; s++)
            st = finish_observed(m, &bt->plan[p][s], err);
    for (int s = 0; s < CAP_SEVERITIES && st == CAP_OK; s++)
        st = finish_observed(m, &bt->sev[s].observed, err);
    cap_clock_free(h.clock);
    cap_tz_free(h.tz);
    return st;
}

/* ---- simulated ---- */

/* Per severity: simulated tickets, tickets x attainment, and the variance
 * of that sum in one replication (teams and quarters are independent
 * streams; one replication's variance is the standard error's squared
 * times the replications behind it). */
typedef struct {
    double tickets, met, var;
} accum;

static void add_role(const cap_sla_role *r, accum *acc)
{
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        const cap_sla_severity *e = &r->severity[s];
        if (e->attainment.mean < 0 || e->tickets.mean <= 0)
            continue;
        acc[s].tickets += e->tickets.mean;
        acc[s].met += e->tickets.mean * e->attainment.mean;
        acc[s].var += pow(e->tickets.mean * e->attainment.se, 2) *
                      r->replications;
    }
}

static cap_status add_partner(void *ctx, size_t i, cap_sim_partner *res)
{
    accum *acc = ctx;
    (void)i;
    for (int r = 0; r < CAP_ROLES; r++) {
        if (res->role[r].simulated && res->role[r].staffed)
            add_role(res->role[r].staffed, acc);
        cap_sim_role_clear(&res->role[r]);
    }
    return CAP_OK;
}

/* Results held at once per thread (simulate_quarter): the threads keep
 * busy between slices, and a team of many partners is summed as it goes. */
#define BACKTEST_SLICE_PER_THREAD 16

/* Quarter k of the period: every partner's team at its staffed FTE (the
 * partners side by side on the threads). */
static cap_status simulate_quarter(const cap_model *m, const cap_portfolio *team,
                                   int k, const cap_sim_options *o, accum *acc,
                                   cap_error *err)
{
    cap_staffing *s = cap_staffing_run(team, m, k, err);
    if (!s)
        return err->code;
    cap_sim_options ok = *o;
    ok.seed = o->seed + (unsigned long)k;
    cap_sim_world *w = cap_sim_world_new(team, m, s->quarter_start, &ok, err);
    if (!w) {
        cap_staffing_free(s);
        return err->code;
    }
    cap_sim_item *items = malloc((s->partner_count + 1) * sizeof *items);
    if (!items)
        abort();
    for (size_t i = 0; i < s->partner_count; i++)
        items[i] = (cap_sim_item){w, &s->partners[i], i, k};
    /* the sums in partner order, whatever the threads */
    cap_sim_size_each(items, s->partner_count, &ok,
                      BACKTEST_SLICE_PER_THREAD * (size_t)ok.threads, add_partner, acc);
    free(items);
    cap_sim_world_free(w);
    cap_staffing_free(s);
    return CAP_OK;
}

static void percent(char *out, size_t n, double share)
{
    snprintf(out, n, "%.1f%%", 100 * share);
}

/* The verdict and its sentence for severity s. */
static void compare_severity(cap_backtest *bt, int s)
{
    cap_bt_row *r = &bt->sev[s];
    const cap_bt_observed *o = &r->observed;
    const char *sev = cap_severity_name(s);
    char a[16], alo[16], ahi[16], b[16], blo[16], bhi[16];
    if (o->tickets == 0 || r->sim < 0) {
        r->verdict = CAP_BT_NO_DATA;
        snprintf(r->sentence, sizeof r->sentence, "%s: nothing to compare: %s.",
                 sev, o->tickets == 0 ? "no ticket of the export has a first reply"
                                      : "the simulation had no ticket");
        return;
    }
    r->difference = r->sim - o->share;
    r->overlap = o->lo <= r->sim_hi && r->sim_lo <= o->hi;
    /* below min_tickets a difference says little: only the intervals */
    int few = o->tickets < bt->min_tickets;
    int far = !few && fabs(r->difference) > bt->threshold + 1e-12;
    r->verdict = far || !r->overlap ? CAP_BT_DISAGREE : CAP_BT_AGREE;
    bt->disagreements += r->verdict == CAP_BT_DISAGREE;
    percent(a, sizeof a, o->share), percent(alo, sizeof alo, o->lo);
    percent(ahi, sizeof ahi, o->hi), percent(b, sizeof b, r->sim);
    percent(blo, sizeof blo, r->sim_lo), percent(bhi, sizeof bhi, r->sim_hi);
    int n = snprintf(r->sentence, sizeof r->sentence,
                     "%s: %s of %d ticket%s answered within target "
                     "(95%% interval %s-%s); the simulated team answers %s (95%% "
                     "of simulated periods %s-%s): ",
                     sev, a, o->tickets, o->tickets == 1 ? " was" : "s were",
                     alo, ahi, b, blo, bhi);
    size_t left = sizeof r->sentence - (size_t)n;
    if (r->verdict == CAP_BT_AGREE && few)
        snprintf(r->sentence + n, left, "the intervals overlap (%.1f points "
                 "apart; with fewer than %d tickets only the intervals are "
                 "compared).", 100 * fabs(r->difference), bt->min_tickets);
    else if (r->verdict == CAP_BT_AGREE)
        snprintf(r->sentence + n, left, "they agree (%.1f points apart, "
                 "within %.1f, intervals overlap).", 100 * fabs(r->difference),
                 100 * bt->threshold);
    else if (far)
        snprintf(r->sentence + n, left, "they disagree: the simulation is "
                 "%.1f points %s, more than the model's limit of %.1f%s.",
                 100 * fabs(r->difference), r->difference < 0 ? "lower" : "higher",
                 100 * bt->threshold,
                 r->overlap ? "" : ", and the intervals do not overlap");
    else
        snprintf(r->sentence + n, left, "they disagree: the intervals do not "
                 "overlap (the simulation is %.1f points %s).",
                 100 * fabs(r->difference), r->difference < 0 ? "lower" : "higher");
}

/* Partners with customers on plans other than their tam_tier: the
 * simulation holds their support tickets to tam_tier's targets, the
 * observed side to each customer's plan (SPEC section 4). */
static void tier_note(const cap_portfolio *team, cap_backtest *bt)
{
    size_t n = 0, used = 0, cap = sizeof bt->tier_note;
    bt->tier_note[0] = 0;
    for (size_t i = 0; i < team->partner_count; i++) {
        const cap_partner *pa = &team->partners[i];
        size_t k = 0;
        while (k < pa->segment_count && pa->segments[k].plan == pa->tam_tier)
            k++;
        if (k == pa->segment_count)
            continue;
        if (n++ < 4 && used < cap)
            used += (size_t)snprintf(bt->tier_note + used, cap - used, "%s%s (%s)",
                                     n > 1 ? ", " : "", pa->id,
                                     cap_plan_name(pa->tam_tier));
    }
    if (n == 0 || used >= cap)
        return;
    if (n > 4)
        used += (size_t)snprintf(bt->tier_note + used, cap - used,
                                 " and %zu more", n - 4);
    if (used >= cap)
        return;
    snprintf(bt->tier_note + used, cap - used, " %s customers on other plans "
             "than %s tam_tier: the simulation holds %s technical-support "
             "tickets to the tam_tier's targets, the export to each customer's "
             "plan", n > 1 ? "have" : "has", n > 1 ? "their" : "its",
             n > 1 ? "their" : "its");
}

void cap_backtest_compare(cap_backtest *bt)
{
    bt->disagreements = 0;
    for (int s = 0; s < CAP_SEVERITIES; s++)
        compare_severity(bt, s);
}

cap_status cap_backtest_check_model(const cap_model *m, cap_error *err)
{
    if (m->calibrate_backtest_max_difference >= 0)
        return CAP_OK;
    return cap_error_set(err, CAP_ERR_MODEL, m->source, 0,
                         "calibrate:backtest_max_difference",
                         "required by the backtest (--team), e.g. "
                         "backtest_max_difference = 0.05");
}

cap_status cap_backtest_simulate(const cap_model *m, cap_portfolio *team,
                                 const cap_calibration *c,
                                 const cap_sim_options *o, cap_backtest *bt,
                                 cap_error *err)
{
    CAP_TRY(cap_backtest_check_model(m, err));
    bt->threshold = m->calibrate_backtest_max_difference;
    bt->min_tickets = (int)m->calibrate_min_tickets;
    bt->seed = o->seed;
    bt->replications = o->replications;
    bt->quarters = (c->month_count + 2) / 3;
    team->start = cap_civil_from_days(c->from / 86400);
    team->quarters = bt->quarters;
    CAP_TRY(cap_portfolio_validate(team, err));
    cap_date end = cap_month_add(team->start, 3 * bt->quarters);
    snprintf(bt->sim_from, sizeof bt->sim_from, "%s", c->from_text);
    snprintf(bt->sim_to, sizeof bt->sim_to, "%04d-%02d-%02d", end.year,
             end.month, end.day);
    accum acc[CAP_SEVERITIES] = {{0, 0, 0}};
    for (int k = 0; k < bt->quarters; k++)
        CAP_TRY(simulate_quarter(m, team, k, o, acc, err));
    double z = gsl_cdf_ugaussian_Pinv(0.975);
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        cap_bt_row *r = &bt->sev[s];
        r->sim_tickets = acc[s].tickets;
        r->sim = r->sim_lo = r->sim_hi = -1;
        if (acc[s].tickets > 0) {
            double half = z * sqrt(acc[s].var) / acc[s].tickets;
            r->sim = acc[s].met / acc[s].tickets;
            r->sim_lo = fmax(0, r->sim - half);
            r->sim_hi = fmin(1, r->sim + half);
        }
    }
    cap_backtest_compare(bt);
    tier_note(team, bt);
    return CAP_OK;
}
