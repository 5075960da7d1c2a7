/* staffing.c - the deterministic rules of SPEC section 2, per partner. */
#include "staffing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "workload.h"

const char *cap_binding_name(cap_binding b)
{
    static const char *const names[] = {"ratio", "plan_minimum", "coverage",
        "localization", "sla", "requested", "workload"};
    return names[b];
}

/* The time zones one quarter needs, tabulated around its reference week. */
typedef struct {
    cap_tz_set set;
    int64_t week_start;    /* Monday 00:00 UTC of the reference week */
    int64_t reference_day; /* day number of the quarter's first Wednesday */
} zones;

static const cap_tz *zone(const zones *z, const char *name)
{
    return cap_tz_set_find(&z->set, name);
}

static cap_status zones_init(zones *z, const cap_portfolio *p,
                             const cap_model *m, cap_date qstart,
                             cap_error *err)
{
    int64_t day = cap_days_from_civil(qstart.year, qstart.month, qstart.day);
    while (cap_weekday(day) != 2)
        day++;
    z->reference_day = day;
    z->week_start = (day - 2) * 86400;
    z->set.from = z->week_start - 3 * 86400;
    z->set.to = z->week_start + 10 * 86400;
    cap_status st = cap_tz_set_add(&z->set, m->home_timezone, err);
    for (size_t i = 0; i < p->partner_count && !st; i++)
        for (size_t s = 0; s < p->partners[i].segment_count && !st; s++)
            st = cap_tz_set_add(&z->set, p->partners[i].segments[s].timezone, err);
    return st;
}

/* ---- what a role owns ---- */

static void *must(void *p)
{
    if (!p)
        abort(); /* out of memory, as everywhere in the engine */
    return p;
}

static char *copy_text(const char *text)
{
    size_t n = strlen(text) + 1;
    return memcpy(must(malloc(n)), text, n);
}

void cap_role_warn(cap_role_staffing *r, const char *text)
{
    if (r->warning_count < CAP_WARNINGS_MAX)
        r->warnings[r->warning_count++] = copy_text(text);
}

static void clear_warnings(cap_role_staffing *r)
{
    for (int w = 0; w < r->warning_count; w++) {
        free(r->warnings[w]);
        r->warnings[w] = NULL;
    }
    r->warning_count = 0;
}

/* A whole number of people that fits a byte (0..254; never -0). */
static int small_whole(double x)
{
    return x >= 0 && !signbit(x) && x <= 254 && x == floor(x);
}

void cap_role_set_present(cap_role_staffing *r,
                          const double present[CAP_WEEK_HOURS])
{
    size_t rest = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        rest += !small_whole(present[h]);
    free(r->on_shift_rest);
    r->on_shift_rest = rest ? must(malloc(rest * sizeof(double))) : NULL;
    rest = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        int whole = small_whole(present[h]);
        r->on_shift[h] = whole ? (unsigned char)present[h] : 255;
        if (!whole)
            r->on_shift_rest[rest++] = present[h];
    }
}

void cap_role_present(const cap_role_staffing *r, double present[CAP_WEEK_HOURS])
{
    size_t rest = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        present[h] = r->on_shift[h] == 255 ? r->on_shift_rest[rest++]
                                            : r->on_shift[h];
}

void cap_role_staffing_clear(cap_role_staffing *r)
{
    clear_warnings(r);
    free(r->explain);
    r->explain = NULL;
    free(r->on_shift_rest);
    r->on_shift_rest = NULL;
    memset(r->on_shift, 0, sizeof r->on_shift);
    cap_sim_role_clear(&r->sim);
}

/* ---- per role ---- */

static void warn(cap_role_staffing *r, const char *fmt, double a, double b)
{
    char text[CAP_WARNING_LENGTH];
    snprintf(text, sizeof text, fmt, a, b);
    cap_role_warn(r, text);
}

/* The minimum that binds a team: 24x7 tiers need their shifts (coverage),
 * localized teams their windows, others the plan minimum. */
static cap_binding minimum_binding(const cap_model *m, const cap_role_staffing *r)
{
    if (m->plan[r->tier].around_the_clock)
        return CAP_BIND_COVERAGE;
    return r->localized ? CAP_BIND_LOCALIZATION : CAP_BIND_PLAN_MINIMUM;
}

/* Rule and recommended FTE from the bounds already in r; `sized` is the
 * load-driven figure (ratio low bound, or TAM workload) and its binding;
 * `above` is what may lift the recommendation over the rule (the planning
 * ratio, or the SLA search) with its binding.  On a tie the minimum is
 * named: it holds whatever the load. */
static void settle(const cap_model *m, cap_role_staffing *r, double sized,
                   cap_binding sized_binding, double above,
                   cap_binding above_binding)
{
    double minimum = fmax(r->plan_minimum, r->coverage_floor);
    clear_warnings(r);
    r->fte_rule = fmax(sized, minimum);
    r->binding = sized > minimum ? sized_binding : minimum_binding(m, r);
    r->fte_recommended = fmax(r->fte_rule, above);
    if (above > r->fte_rule + 1e-9)
        r->binding = above_binding;
    r->binding_recommended = r->binding;
    r->fte = r->fte_recommended;
    if (r->fte_requested >= 0) {
        r->fte = r->fte_requested;
        r->binding = CAP_BIND_REQUESTED;
        if (r->fte_requested < r->fte_recommended - 1e-9)
            warn(r, "requested %.1f FTE is below the recommended %.1f FTE",
                 r->fte_requested, r->fte_recommended);
    }
}

/* What the partner buys: the request, else the rules' answer. */
static void contract(cap_role_staffing *r, double rules)
{
    r->fte_contract = r->fte_requested >= 0 ? r->fte_requested : rules;
}

double cap_hours_billable(double hours)
{
    return round(hours * 100.0) / 100.0;
}

/* ---- localization ---- */

typedef struct {
    const cap_model *m;
    const zones *z;
    const cap_segment *segs;
    size_t count;
} quarter_view;

static cap_interval home_window(const quarter_view *v, int64_t day)
{
    return cap_local_window(zone(v->z, v->m->home_timezone), day,
                            v->m->home_open_minute, v->m->home_close_minute);
}

/* Best overlap of a customer's weekday windows (the local dates around the
 * reference day) with the home window on the reference day. */
static double overlap_with_home(const quarter_view *v, const char *tz)
{
    cap_interval home = home_window(v, v->z->reference_day);
    double best = 0;
    for (int64_t d = -1; d <= 1; d++) {
        cap_interval w = cap_local_window(zone(v->z, tz), v->z->reference_day + d,
                                          v->m->home_open_minute,
                                          v->m->home_close_minute);
        best = fmax(best, cap_overlap_hours(home, w));
    }
    return best;
}

static int needs_localization(const quarter_view *v, const cap_partner *partner)
{
    if (partner->localization != CAP_LOC_AUTO)
        return partner->localization == CAP_LOC_YES;
    for (size_t s = 0; s < v->count; s++)
        if (v->segs[s].plan == CAP_PLAN_BASIC && v->segs[s].customers > 0 &&
            overlap_with_home(v, v->segs[s].timezone) < v->m->min_overlap_hours)
            return 1;
    return 0;
}

/* Windows of the basic customers on the reference day, one per zone. */
static size_t customer_windows(const quarter_view *v, int64_t day,
                               cap_interval *out)
{
    size_t n = 0;
    for (size_t s = 0; s < v->count; s++)
        if (v->segs[s].plan == CAP_PLAN_BASIC && v->segs[s].customers > 0)
            out[n++] = cap_local_window(zone(v->z, v->segs[s].timezone), day,
                                        v->m->home_open_minute,
                                        v->m->home_close_minute);
    return n;
}

/* ---- coverage grid ---- */

/* UTC instant t as seconds of the home zone's wall clock. */
static int64_t home_clock(const quarter_view *v, int64_t t)
{
    return t + cap_tz_offset(zone(v->z, v->m->home_timezone), t);
}

/* The roster's week is the home zone's wall clock, Monday 00:00 local of
 * the reference week: a home window is the same hours all year, and a
 * customer's window is placed where it falls on the home clock in the
 * reference week. */
static void mark_windows(const quarter_view *v, cap_role_staffing *r)
{
    memset(r->required, 0, sizeof r->required);
    if (v->m->plan[r->tier].around_the_clock) {
        memset(r->required, 1, sizeof r->required);
        return;
    }
    cap_interval *w = calloc(v->count + 1, sizeof *w);
    if (!w)
        abort();
    int64_t monday = v->z->reference_day - 2;
    for (int d = 0; d < 7; d++) {
        if (!(v->m->home_weekdays & (1u << d)))
            continue;
        size_t n = r->localized ? customer_windows(v, monday + d, w) : 0;
        for (size_t i = 0; i < n; i++)
            w[i] = (cap_interval){home_clock(v, w[i].start), home_clock(v, w[i].end)};
        if (!r->localized) {
            int64_t midnight = (monday + d) * 86400;
            w[n++] = (cap_interval){midnight + v->m->home_open_minute * 60,
                                    midnight + v->m->home_close_minute * 60};
        }
        for (size_t i = 0; i < n; i++)
            cap_mark_hours(r->required, monday * 86400, w[i]);
    }
    free(w);
}

/* Each segment's zone, in whole hours ahead of the home zone at noon of
 * the reference day: where its customers' week falls on the roster's. */
static void hour_shifts(const quarter_view *v, signed char *out)
{
    int64_t noon = v->z->reference_day * 86400 + 12 * 3600;
    double home = cap_tz_offset(zone(v->z, v->m->home_timezone), noon);
    for (size_t s = 0; s < v->count; s++) {
        double offset = cap_tz_offset(zone(v->z, v->segs[s].timezone), noon) - home;
        out[s] = (signed char)lround(offset / 3600.0);
    }
}

/* Expected tickets per hour of the roster's week, by severity, from each
 * customer's local arrival profile, with their handle time: what the
 * roster lays extra people by when nothing is simulated. */
static void hourly_need(const cap_model *m, cap_plan tier,
                        const cap_segment *segs, size_t count,
                        const signed char *hour_shift, cap_need *need)
{
    memset(need, 0, sizeof *need);
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        need->target[sev] = m->plan[tier].sla_minutes[sev];
    int inside_hours = 5 * (m->profile_close_minute - m->profile_open_minute) / 60;
    double weeks_per_month = 365.25 / 7.0 / 12.0;
    for (size_t s = 0; s < count; s++) {
        const cap_segment *seg = &segs[s];
        int shift = hour_shift[s];
        for (int h = 0; h < CAP_WEEK_HOURS; h++) {
            int local = ((h + shift) % CAP_WEEK_HOURS + CAP_WEEK_HOURS) % CAP_WEEK_HOURS;
            int minute = (local % 24) * 60;
            int inside = local / 24 < 5 && minute >= m->profile_open_minute &&
                         minute + 60 <= m->profile_close_minute;
            for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
                double share = m->business_hours_share[sev], weight;
                if (share < 0 || inside_hours <= 0)
                    weight = 1.0 / CAP_WEEK_HOURS;
                else
                    weight = inside ? share / inside_hours
                                    : (1 - share) / (CAP_WEEK_HOURS - inside_hours);
                double tickets = seg->customers *
                                 m->plan[seg->plan].tickets_per_month[sev] *
                                 weight / weeks_per_month;
                need->arrivals[h][sev] += tickets;
                need->jobs[h] += tickets;
                need->work[h] += tickets * m->handle_mean_minutes[sev];
            }
        }
    }
}

void cap_staffing_need(const cap_model *m, const cap_partner_staffing *ps,
                       cap_need *out)
{
    cap_segment *segs = must(calloc(ps->partner->segment_count + 1, sizeof *segs));
    size_t count = cap_partner_quarter(ps->partner, ps->quarter, segs);
    hourly_need(m, ps->tier, segs, count, ps->hour_shift, out);
    free(segs);
}

static void lay_roster(const quarter_view *v, cap_role_staffing *r,
                       const cap_need *need)
{
    double present[CAP_WEEK_HOURS];
    mark_windows(v, r);
    r->gap_hours = cap_roster(v->m, r->required, need,
                              cap_person_hours(v->m, r->fte), present);
    cap_role_set_present(r, present);
}

/* ---- the two roles ---- */

static void size_csm(const quarter_view *v, const cap_partner *partner,
                     cap_plan tier, int customers, cap_role_staffing *r)
{
    const cap_model *m = v->m;
    r->tier = tier;
    r->customers = customers;
    r->fte_low = cap_step_up(m, customers / m->customers_per_fte_max);
    r->fte_high = cap_step_up(m, customers / m->customers_per_fte_min);
    r->localized = !m->plan[tier].around_the_clock && needs_localization(v, partner);
    r->plan_minimum = r->localized ? m->plan[tier].min_fte_localized
                                   : m->plan[tier].min_fte_single;
    if (r->localized) {
        cap_interval *w = calloc(v->count + 1, sizeof *w);
        if (!w)
            abort();
        size_t n = customer_windows(v, v->z->reference_day, w);
        r->shifts = cap_shifts_needed(w, n, m->shift_hours);
        free(w);
        r->coverage_floor = m->fte_per_shift * r->shifts;
    }
    r->fte_requested = partner->csm.kind == CAP_ASK_FIXED ? partner->csm.value : -1;
    double planned = cap_step_up(m, customers / m->planning_ratio);
    settle(m, r, r->fte_low, CAP_BIND_RATIO, planned, CAP_BIND_RATIO);
    contract(r, fmax(r->fte_rule, planned));
}

static double tam_workload(const cap_model *m, double technical_hours_month)
{
    double weekly = technical_hours_month * 12.0 / 52.0 + m->tam_fixed_hours_per_week;
    double productive = m->hours_per_fte_week * (1 - m->shrinkage) * m->utilization_cap;
    return fmax(cap_step_up(m, weekly / productive), m->fte_step);
}

static void size_tam(const cap_model *m, const cap_partner *partner,
                     int customers, double technical_hours_month,
                     cap_role_staffing *r)
{
    double workload = tam_workload(m, technical_hours_month);
    r->tier = partner->tam_tier;
    r->customers = customers;
    r->fte_low = r->fte_high = workload;
    r->plan_minimum = m->plan[r->tier].min_fte_single;
    r->fte_requested = partner->tam.kind == CAP_ASK_FIXED ? partner->tam.value : -1;
    settle(m, r, workload, CAP_BIND_WORKLOAD, 0, CAP_BIND_WORKLOAD);
    contract(r, r->fte_rule);
}

/* Hours worked per month: the request, else the technical hours; 0 when
 * service hours are not contracted. */
static void size_service_hours(const cap_partner *partner,
                               cap_partner_staffing *ps)
{
    ps->service_hours_worked_month = 0;
    if (partner->service_hours.kind == CAP_ASK_NONE)
        return;
    ps->service_hours_worked_month = partner->service_hours.kind == CAP_ASK_FIXED
                                         ? partner->service_hours.value
                                         : ps->technical_hours_month;
}

static void compare_tam(const cap_model *m, cap_partner_staffing *ps);

static cap_plan partner_tier(const cap_partner *partner, const int by_plan[CAP_PLANS])
{
    if (partner->tier_override >= 0)
        return (cap_plan)partner->tier_override;
    cap_plan tier = CAP_PLAN_BASIC;
    for (int p = 0; p < CAP_PLANS; p++)
        if (by_plan[p] > 0)
            tier = (cap_plan)p;
    return tier;
}

static void size_partner(const cap_model *m, const zones *z,
                         const cap_partner *partner, int q,
                         signed char *hour_shift, cap_partner_staffing *ps)
{
    cap_need need; /* 8 KB, not kept: cap_staffing_need() rebuilds it */
    cap_segment *segs = calloc(partner->segment_count + 1, sizeof *segs);
    if (!segs)
        abort();
    quarter_view v = {m, z, segs, cap_partner_quarter(partner, q, segs)};
    ps->partner = partner;
    ps->quarter = q;
    ps->hour_shift = hour_shift;
    for (size_t s = 0; s < v.count; s++) {
        ps->customers += segs[s].customers;
        ps->customers_by_plan[segs[s].plan] += segs[s].customers;
    }
    ps->tier = partner_tier(partner, ps->customers_by_plan);
    int has_csm = partner->csm.kind != CAP_ASK_NONE;
    cap_workload w = cap_workload_expected(m, partner->channel, has_csm, segs, v.count);
    memcpy(ps->hours_by_party, w.hours_by_party, sizeof ps->hours_by_party);
    ps->technical_hours_month = cap_hours_billable(w.technical_hours);
    hour_shifts(&v, hour_shift);
    hourly_need(m, ps->tier, segs, v.count, hour_shift, &need);
    cap_role_staffing *csm = &ps->role[CAP_ROLE_CSM], *tam = &ps->role[CAP_ROLE_TAM];
    if ((csm->active = has_csm)) {
        size_csm(&v, partner, ps->tier, ps->customers, csm);
        lay_roster(&v, csm, &need);
    }
    /* The dedicated P-TAM is sized (and simulated) whenever it is one of
     * the options for the technical work, so it has the same FTE whatever
     * the partner contracted (SPEC section 5). */
    if ((tam->active = partner->tam.kind != CAP_ASK_NONE ||
                       partner->service_hours.kind != CAP_ASK_NONE)) {
        size_tam(m, partner, ps->customers, ps->technical_hours_month, tam);
        lay_roster(&v, tam, &need);
    }
    size_service_hours(partner, ps);
    compare_tam(m, ps);
    free(segs);
}

/* ---- dedicated P-TAM or service hours ---- */

const char *cap_tam_choice_name(cap_tam_choice choice)
{
    static const char *const names[] = {"none", "dedicated_tam", "service_hours"};
    return names[choice];
}

static int sla_met(const cap_role_staffing *r)
{
    return !r->sim.simulated || r->sim.met;
}

static void compare_tam(const cap_model *m, cap_partner_staffing *ps)
{
    const cap_partner *partner = ps->partner;
    cap_tam_options *o = &ps->tam_options;
    memset(o, 0, sizeof *o);
    o->compared = partner->tam.kind != CAP_ASK_NONE ||
                  partner->service_hours.kind != CAP_ASK_NONE;
    if (!o->compared)
        return;
    o->open = partner->tam.kind == CAP_ASK_AUTO &&
              partner->service_hours.kind == CAP_ASK_AUTO;
    const cap_role_staffing *tam = &ps->role[CAP_ROLE_TAM]; /* active */
    o->dedicated_fte = tam->fte_recommended;
    o->dedicated_contract_fte = tam->fte_rule;
    o->dedicated_tier = tam->tier;
    o->dedicated_localized = tam->localized;
    o->dedicated_meets_sla = sla_met(tam);
    o->service_hours_worked_month = partner->service_hours.kind != CAP_ASK_NONE
        ? ps->service_hours_worked_month : ps->technical_hours_month;
    o->service_meets_sla = !m->plan[partner->tam_tier].around_the_clock;
}

/* ---- after the simulation ---- */

double cap_staffing_tam_rule(const cap_model *m, const cap_partner *partner,
                             double technical_hours_month)
{
    double workload = tam_workload(m, cap_hours_billable(technical_hours_month));
    return fmax(workload, m->plan[partner->tam_tier].min_fte_single);
}

double cap_staffing_search_from(const cap_model *m, const cap_role_staffing *r,
                                double rule)
{
    if (!m->plan[r->tier].around_the_clock)
        return rule;
    int hours = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        hours += r->required[h] != 0;
    return fmax(rule, cap_step_up(m, hours / cap_person_hours(m, 1.0)));
}

/* The roster the simulation measured at the staffed FTE. */
static void restaff(cap_role_staffing *r)
{
    double present[CAP_WEEK_HOURS];
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        present[h] = r->sla->hour[h].servers;
    cap_role_set_present(r, present);
    r->gap_hours = r->sla->gap_hours;
}

static void set_technical_hours(const cap_model *m, cap_partner_staffing *ps,
                                double hours_month)
{
    ps->technical_hours_month = cap_hours_billable(hours_month);
    size_service_hours(ps->partner, ps);
    cap_role_staffing *tam = &ps->role[CAP_ROLE_TAM];
    if (tam->active)
        size_tam(m, ps->partner, ps->customers, ps->technical_hours_month, tam);
}

/* The warning about load is given only when load is the cause (SPEC
 * section 4 "Explanation"): the SLA puts a P-CSM team above the ratio's
 * upper bound while the team is busy at the answer. */
static int load_is_cause(const cap_model *m, cap_role role,
                         const cap_role_staffing *r, const cap_sim_role *sim)
{
    return role == CAP_ROLE_CSM && r->binding_recommended == CAP_BIND_SLA &&
           r->fte_recommended > r->fte_high + 1e-9 && sim->answer &&
           sim->answer->utilization.mean >= m->load_warning_utilization;
}

static void apply_role(const cap_model *m, cap_partner_staffing *ps,
                       cap_role role, cap_sim_role *sim)
{
    cap_role_staffing *r = &ps->role[role];
    settle(m, r, r->fte_low,
           role == CAP_ROLE_CSM ? CAP_BIND_RATIO : CAP_BIND_WORKLOAD, sim->fte,
           CAP_BIND_SLA);
    char text[CAP_WARNING_LENGTH];
    if (load_is_cause(m, role, r, sim)) {
        snprintf(text, sizeof text, "load exceeds the %g-%g customers/FTE threshold; the vendor "
                 "will require additional staff (%.1f FTE recommended at %.0f%% "
                 "utilization; %d customers at %g per FTE give %.1f)",
                 m->customers_per_fte_min, m->customers_per_fte_max,
                 r->fte_recommended, 100 * sim->answer->utilization.mean,
                 r->customers, m->customers_per_fte_min, r->fte_high);
        cap_role_warn(r, text);
    }
    if (!sim->met)
        warn(r, "SLA goals not met even at %.1f FTE", sim->fte, 0);
    cap_sim_role_clear(&r->sim);
    r->sim = *sim;
    memset(sim, 0, sizeof *sim);
    r->sla = r->sim.staffed;
    restaff(r);
}

void cap_staffing_apply_sim(const cap_model *m, cap_partner_staffing *ps,
                            cap_sim_partner *res)
{
    set_technical_hours(m, ps, res->technical_hours_month);
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && res->role[r].simulated)
            apply_role(m, ps, (cap_role)r, &res->role[r]);
    compare_tam(m, ps);
}

void cap_staffing_trim(cap_staffing *s, int keep_hours)
{
    for (size_t i = 0; i < s->partner_count; i++) {
        cap_partner_staffing *ps = &s->partners[i];
        for (int r = 0; r < CAP_ROLES && !keep_hours; r++) {
            cap_sla_role *f = ps->role[r].sim.staffed;
            if (f) {
                free(f->hour);
                f->hour = NULL;
            }
        }
    }
}

void cap_staffing_total(cap_staffing *s)
{
    s->customers_total = 0;
    for (int r = 0; r < CAP_ROLES; r++)
        s->fte_total[r] = s->fte_contract_total[r] = 0;
    for (size_t i = 0; i < s->partner_count; i++) {
        const cap_partner_staffing *ps = &s->partners[i];
        for (int r = 0; r < CAP_ROLES; r++)
            if (ps->role[r].billed) {
                s->fte_total[r] += ps->role[r].fte;
                s->fte_contract_total[r] += ps->role[r].fte_contract;
            }
        s->customers_total += ps->customers;
    }
}

cap_staffing *cap_staffing_run(const cap_portfolio *p, const cap_model *m,
                               int q, cap_error *err)
{
    cap_staffing *s = calloc(1, sizeof *s);
    if (!s || !(s->partners = calloc(p->partner_count + 1, sizeof *s->partners)))
        abort();
    s->quarter = q;
    s->quarter_start = cap_month_add(p->start, 3 * q);
    cap_quarter_label(s->quarter_start, p->year_month, s->quarter_label);
    zones z = {0};
    if (zones_init(&z, p, m, s->quarter_start, err) != CAP_OK) {
        cap_tz_set_free(&z.set);
        cap_staffing_free(s);
        return NULL;
    }
    s->reference_day = cap_civil_from_days(z.reference_day);
    s->partner_count = p->partner_count;
    size_t segments = 0;
    for (size_t i = 0; i < p->partner_count; i++)
        segments += p->partners[i].segment_count;
    s->hour_shifts = must(calloc(segments + 1, 1));
    segments = 0;
    for (size_t i = 0; i < p->partner_count; i++) {
        size_partner(m, &z, &p->partners[i], q, s->hour_shifts + segments,
                     &s->partners[i]);
        segments += p->partners[i].segment_count;
    }
    cap_staffing_total(s);
    cap_tz_set_free(&z.set);
    return s;
}

void cap_staffing_free(cap_staffing *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            cap_role_staffing_clear(&s->partners[i].role[r]);
    free(s->hour_shifts);
    free(s->partners);
    free(s);
}
