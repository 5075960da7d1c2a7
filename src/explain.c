/* explain.c - the sentence behind every role's FTE (SPEC section 4
 * "Explanation"). */
#include "explain.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "sla.h"

/* ---- a growing sentence ---- */

typedef struct {
    char *s;
    size_t cap, len;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *fmt, ...)
{
    if (t->len + 1 >= t->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len = t->len + (size_t)n < t->cap ? t->len + (size_t)n : t->cap - 1;
}

static int same(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

/* 0.2 -> 20 (a share as a whole percentage, as the model states it). */
static double percent(double share)
{
    return round(share * 1000) / 10;
}

/* "15-minute", "4-hour": a first-response target. */
static void target_words(double minutes, char *out, size_t cap)
{
    if (minutes >= 60 && same(fmod(minutes, 60), 0))
        snprintf(out, cap, "%g-hour", minutes / 60);
    else
        snprintf(out, cap, "%g-minute", minutes);
}

/* An attainment as a percentage with as few decimals as keep it on the
 * same side of the goal as the figure itself ("94.6%", not "95%"). */
static void attainment_words(double share, double goal, char *out, size_t cap)
{
    int met = cap_goal_met(share, goal), decimals = 0;
    while (decimals < 2) {
        double scale = pow(10, decimals);
        double shown = round(share * 100 * scale) / scale / 100;
        if (cap_goal_met(shown, goal) == met)
            break;
        decimals++;
    }
    snprintf(out, cap, "%.*f%%", decimals, share * 100);
}

/* A utilization as a percentage with as few decimals as keep it on the
 * same side of the cap ("85.3%", not "85%", above an 85% cap). */
static void utilization_words(double share, double cap_share, char *out,
                              size_t cap)
{
    int above = share > cap_share, decimals = 0;
    while (decimals < 2) {
        double scale = pow(10, decimals);
        if ((round(share * 100 * scale) / scale / 100 > cap_share) == above)
            break;
        decimals++;
    }
    snprintf(out, cap, "%.*f%%", decimals, share * 100);
}

static int window_hours(const cap_role_staffing *r)
{
    int n = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        n += r->required[h] != 0;
    return n;
}

/* Window hours with nobody on shift when fte is laid on the role's window
 * (the roster of the results at the staffed FTE, else laid anew). */
static double gaps_at(const cap_model *m, const cap_partner_staffing *ps,
                      const cap_role_staffing *r, double fte)
{
    if (same(fte, r->fte))
        return r->gap_hours;
    double present[CAP_WEEK_HOURS];
    cap_need need;
    cap_staffing_need(m, ps, &need);
    return cap_roster(m, r->required, &need, cap_person_hours(m, fte), present);
}

static double minimum_of(const cap_role_staffing *r)
{
    return fmax(r->plan_minimum, r->coverage_floor);
}

/* ---- one sentence per binding ---- */

static void ratio(const cap_model *m, const cap_role_staffing *r, double fte,
                  text *t)
{
    double planned = cap_step_up(m, r->customers / m->planning_ratio);
    if (same(fte, planned))
        put(t, "%d customers at %g per FTE: %.1f FTE.", r->customers,
            m->planning_ratio, fte);
    else
        put(t, "%d customers at %g per FTE, the most one FTE serves: %.1f FTE.",
            r->customers, m->customers_per_fte_max, fte);
}

static void plan_minimum(const cap_role_staffing *r, double fte, text *t)
{
    put(t, "%s plan, one region: the plan minimum of %.1f FTE covers %d "
           "customers.", cap_plan_name(r->tier), fte, r->customers);
}

static void localization(const cap_model *m, const cap_role_staffing *r,
                         double fte, text *t)
{
    put(t, "Localized %s team: the customers' local business hours need %d "
           "shifts of %g hours a workday (%.1f FTE at %g FTE a shift) and the "
           "localized minimum is %.1f FTE: %.1f FTE.", cap_plan_name(r->tier),
        r->shifts, m->shift_hours, r->coverage_floor, m->fte_per_shift,
        r->plan_minimum, fte);
}

static double full_coverage(const cap_model *m, const cap_role_staffing *r)
{
    return cap_step_up(m, window_hours(r) / cap_person_hours(m, 1));
}

/* " minimum", " (40 customers at 12.5 per FTE)": what the contract FTE
 * rests on, after "the 3.5 FTE contract". */
static void contract_reason(const cap_model *m, const cap_role_staffing *r,
                            text *t)
{
    double planned = cap_step_up(m, r->customers / m->planning_ratio);
    if (r->fte_requested >= 0)
        put(t, " the partner asked for");
    else if (same(r->fte_contract, minimum_of(r)))
        put(t, " minimum");
    else if (same(r->fte_contract, planned))
        put(t, " (%d customers at %g per FTE)", r->customers, m->planning_ratio);
}

/* The FTE one person in every hour of a 24x7 week takes (SPEC section 4
 * "Staff") beside the contract and the hours it leaves empty; met: the
 * SLA search's answer is that FTE (it starts there). */
static void coverage(const cap_model *m, const cap_partner_staffing *ps,
                     const cap_role_staffing *r, int met, text *t)
{
    int window = window_hours(r);
    double gaps = gaps_at(m, ps, r, r->fte_contract);
    if (gaps <= 0) {
        put(t, "24x7 %s: the %.1f FTE contract", cap_plan_name(r->tier),
            r->fte_contract);
        contract_reason(m, r, t);
        put(t, " puts one person on shift in every one of the %d hours of the "
               "week.", window);
        return;
    }
    put(t, "24x7 %s: one person on shift in every one of the %d hours of the "
           "week takes %.1f FTE at %g%% shrinkage%s; the %.1f FTE contract",
        cap_plan_name(r->tier), window, full_coverage(m, r), percent(m->shrinkage),
        met ? ", and the SLA goals are met there" : "", r->fte_contract);
    contract_reason(m, r, t);
    put(t, " leaves %g hours a week with nobody on shift.", gaps);
}

/* A 24x7 team's SLA search starts where one person is on shift in every
 * hour; an answer there has no step below it. */
static int sla_at_full_coverage(const cap_model *m, const cap_role_staffing *r)
{
    return r->binding_recommended == CAP_BIND_SLA && !r->sim.below &&
           m->plan[r->tier].around_the_clock &&
           same(r->fte_recommended, full_coverage(m, r));
}

/* The first severity that misses its goal one step below the answer,
 * else the utilization cap. */
static void sla(const cap_model *m, const cap_role_staffing *r, text *t)
{
    const cap_sla_role *at = r->sim.answer, *below = r->sim.below;
    if (!at || !below) {
        put(t, "The SLA goals are met at %.1f FTE.", r->fte_recommended);
        return;
    }
    for (int v = 0; v < CAP_SEVERITIES; v++) {
        const cap_sla_severity *b = &below->severity[v], *a = &at->severity[v];
        if (b->attainment.mean < 0 || cap_goal_met(b->attainment.mean, b->goal))
            continue;
        char target[32], low[16], high[16];
        target_words(b->target_minutes, target, sizeof target);
        attainment_words(b->attainment.mean, b->goal, low, sizeof low);
        attainment_words(a->attainment.mean, a->goal, high, sizeof high);
        put(t, "S%d tickets (%s target, %g%% goal) are answered in time %s of "
               "the time at %.1f FTE and %s at %.1f FTE.", v + 1, target,
            percent(b->goal), low, below->fte, high, at->fte);
        return;
    }
    char low[16], high[16];
    utilization_words(below->utilization.mean, m->utilization_cap, low, sizeof low);
    utilization_words(at->utilization.mean, m->utilization_cap, high, sizeof high);
    put(t, "Utilization would be %s at %.1f FTE, above the %g%% cap; it is %s "
           "at %.1f FTE.", low, below->fte, percent(m->utilization_cap), high,
        at->fte);
}

static void workload(const cap_model *m, const cap_partner_staffing *ps,
                     double fte, text *t)
{
    double month = ps->technical_hours_month;
    double productive = cap_person_hours(m, 1) * m->utilization_cap;
    put(t, "%.1f technical hours a month (%.1f a week) and %g hours a week of "
           "standing engagement, at %.1f productive hours per FTE a week (%g "
           "hours, %g%% shrinkage, %g%% utilization cap): %.1f FTE.", month,
        month * 12 / 52, m->tam_fixed_hours_per_week, productive,
        m->hours_per_fte_week, percent(m->shrinkage), percent(m->utilization_cap),
        fte);
}

static void because(const cap_model *m, const cap_partner_staffing *ps,
                    const cap_role_staffing *r, cap_binding binding, double fte,
                    text *t)
{
    switch (binding) {
    case CAP_BIND_RATIO: ratio(m, r, fte, t); break;
    case CAP_BIND_PLAN_MINIMUM: plan_minimum(r, fte, t); break;
    case CAP_BIND_LOCALIZATION: localization(m, r, fte, t); break;
    case CAP_BIND_COVERAGE: coverage(m, ps, r, 0, t); break;
    case CAP_BIND_SLA:
        if (sla_at_full_coverage(m, r))
            coverage(m, ps, r, 1, t);
        else
            sla(m, r, t);
        break;
    case CAP_BIND_WORKLOAD: workload(m, ps, fte, t); break;
    case CAP_BIND_REQUESTED: break; /* never the recommendation's binding */
    }
}

/* What the contract FTE rests on, when it differs from the staffed FTE. */
static void contract(const cap_model *m, const cap_role_staffing *r, cap_role role,
                     text *t)
{
    double planned = cap_step_up(m, r->customers / m->planning_ratio);
    put(t, " The contract is %.1f FTE", r->fte_contract);
    if (role == CAP_ROLE_CSM && same(r->fte_contract, planned) &&
        planned > minimum_of(r) + 1e-9)
        put(t, ": %d customers at %g per FTE.", r->customers, m->planning_ratio);
    else if (same(r->fte_contract, minimum_of(r)))
        put(t, ", the %s minimum.", m->plan[r->tier].around_the_clock ? "24x7"
                                     : r->localized ? "localized" : "plan");
    else
        put(t, ".");
}

/* A 24x7 team whose contract leaves hours of the week empty says so. */
static void empty_hours(const cap_model *m, const cap_partner_staffing *ps,
                        const cap_role_staffing *r, text *t)
{
    double gaps = gaps_at(m, ps, r, r->fte_contract);
    if (gaps > 0)
        put(t, " At the %.1f FTE contract, %g of the week's %d hours have nobody "
               "on shift.", r->fte_contract, gaps, window_hours(r));
}

void cap_explain_role(const cap_model *m, const cap_partner_staffing *ps,
                      cap_role role, char *out, size_t cap)
{
    const cap_role_staffing *r = &ps->role[role];
    text t = {out, cap, 0};
    if (cap)
        out[0] = '\0';
    if (r->binding == CAP_BIND_REQUESTED) {
        double rec = r->fte_recommended;
        put(&t, "Staffed at the requested %.1f FTE, %s the %.1f FTE "
                "recommended: ", r->fte_requested,
            same(r->fte_requested, rec) ? "equal to"
            : r->fte_requested < rec    ? "below" : "above", rec);
        because(m, ps, r, r->binding_recommended, rec, &t);
        return;
    }
    because(m, ps, r, r->binding, r->fte, &t);
    if (r->binding == CAP_BIND_COVERAGE || sla_at_full_coverage(m, r))
        return; /* the sentence said the contract and its empty hours */
    if (!same(r->fte_contract, r->fte))
        contract(m, r, role, &t);
    if (m->plan[r->tier].around_the_clock)
        empty_hours(m, ps, r, &t);
}

void cap_explain_quarter(const cap_model *m, cap_staffing *s)
{
    char sentence[CAP_EXPLAIN_MAX];
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++) {
            cap_role_staffing *rs = &s->partners[i].role[r];
            if (!rs->active)
                continue;
            cap_explain_role(m, &s->partners[i], (cap_role)r, sentence,
                             sizeof sentence);
            size_t n = strlen(sentence) + 1;
            free(rs->explain);
            if (!(rs->explain = malloc(n)))
                abort();
            memcpy(rs->explain, sentence, n);
        }
}
