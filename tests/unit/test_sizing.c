/* test_sizing.c - the SLA sizing as a user checks it (issue 10, SPEC
 * section 4 "Staff", "Queue", "Sizing"), run in-process on the library:
 * steady customers get the same FTE in every quarter whatever the clock
 * changes; another seed gives the same FTE; attainment rises with FTE up
 * to the goal; the search's answer is the smallest FTE that meets; the
 * simulated technical hours agree with the expected ones; growth never
 * lowers FTE; a stationary 24x7 queue is sized as Erlang C sizes it; a
 * year keeps only what its writers render. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "erlang.h"
#include "coverage.h"
#include "horizon.h"
#include "portfolio_text.h"
#include "workload.h"

static char dir[] = "/tmp/capplan-sizing.XXXXXX";

static cap_model *model(void)
{
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    if (!m)
        abort();
    return m;
}

static cap_portfolio *sample(const cap_model *m, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/samples/%s", getenv("CAP_SOURCE_DIR"), name);
    cap_error err;
    cap_portfolio *p = cap_portfolio_load(path, m, (cap_date){2027, 1, 1}, &err);
    if (!p)
        fprintf(stderr, "%s\n", err.message);
    return p;
}

static cap_horizon *run(const cap_portfolio *p, const cap_model *m,
                        unsigned long seed, int replications)
{
    cap_sim_options so = {seed, replications, 2, NULL, NULL};
    cap_error err;
    cap_horizon *h = cap_horizon_run(p, m, &so, &err);
    if (!h)
        fprintf(stderr, "%s\n", err.message);
    return h;
}

static const char *const steady =
    "[portfolio]\nname = steady\nstart = 2027-01-01\nquarters = 4\n\n"
    "[partner.p]\nchannel = reseller\ncsm = auto\ntam = auto\n"
    "tam_tier = basic\ncustomers = basic %s 10\n";

/* 10 basic customers in the home zone: the same P-CSM and P-TAM FTE in
 * all four quarters of 2027, for three seeds, in Los Angeles, Berlin and
 * Sydney (whose clocks change in Q2 and Q4 instead of Q1 and Q4). */
static void check_dst(void)
{
    static const char *const zones[] = {"America/Los_Angeles", "Europe/Berlin",
                                        "Australia/Sydney"};
    for (int z = 0; z < 3; z++) {
        cap_model *m = model();
        snprintf(m->home_timezone, sizeof m->home_timezone, "%s", zones[z]);
        char text[512];
        snprintf(text, sizeof text, steady, zones[z]);
        cap_portfolio *p = cap_test_portfolio(m, dir, "steady.ini", text);
        for (unsigned long seed = 1; p && seed <= 3; seed++) {
            cap_horizon *h = run(p, m, seed, 20);
            CHECK(h && h->count == 4);
            for (int q = 1; h && q < h->count; q++)
                for (int r = 0; r < CAP_ROLES; r++) {
                    double first = h->quarter[0]->partners[0].role[r].fte;
                    double here = h->quarter[q]->partners[0].role[r].fte;
                    if (fabs(first - here) > 1e-9)
                        fprintf(stderr, "%s seed %lu role %d: Q1 %.1f, Q%d %.1f\n",
                                zones[z], seed, r, first, q + 1, here);
                    CHECK_NEAR(here, first, 1e-9);
                }
            cap_horizon_free(h);
        }
        cap_portfolio_free(p);
        cap_model_free(m);
    }
}

/* A year keeps what its writers render, not what its sizing used (issue
 * 12: a year's memory at most 1.2x a quarter's): only quarter 0's staffed
 * figures keep the 168 Erlang C hours of the staffing workbook, whose
 * servers are the roster its role shows; no answer or one-below figures
 * have hours (the partners' hourly need is not kept at all). */
static void check_kept(void)
{
    cap_model *m = model();
    char text[512];
    snprintf(text, sizeof text, steady, m->home_timezone);
    cap_portfolio *p = cap_test_portfolio(m, dir, "kept.ini", text);
    cap_horizon *h = p ? run(p, m, 1, 4) : NULL;
    CHECK(h && h->count == 4);
    for (int q = 0; h && q < h->count; q++) {
        const cap_partner_staffing *ps = &h->quarter[q]->partners[0];
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_role_staffing *role = &ps->role[r];
            double present[CAP_WEEK_HOURS];
            cap_role_present(role, present);
            CHECK(role->active && role->sla && role->sim.answer);
            if (!role->sla || !role->sim.answer)
                continue;
            CHECK(role->sim.answer->hour == NULL);
            CHECK(!role->sim.below || role->sim.below->hour == NULL);
            CHECK((role->sla->hour != NULL) == (q == 0));
            for (int k = 0; q == 0 && role->sla->hour && k < CAP_WEEK_HOURS; k++)
                CHECK_NEAR(role->sla->hour[k].servers, present[k], 1e-12);
        }
    }
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
}

/* The FTE of role r of partner 0 in quarter 0 over 20 seeds: the most
 * common answer must come at least 19 times. */
static void check_seeds(const cap_model *m, const cap_portfolio *p, cap_role r,
                        int replications, const char *what)
{
    double fte[20];
    for (int s = 0; s < 20; s++) {
        cap_horizon *h = run(p, m, 1000 + (unsigned long)s, replications);
        fte[s] = h ? h->quarter[0]->partners[0].role[r].fte : -1;
        cap_horizon_free(h);
    }
    int best = 0;
    for (int a = 0; a < 20; a++) {
        int same = 0;
        for (int b = 0; b < 20; b++)
            same += fabs(fte[a] - fte[b]) < 1e-9;
        best = same > best ? same : best;
    }
    fprintf(stderr, "%s: the same FTE for %d seeds of 20\n", what, best);
    CHECK(best >= 19);
}

static const char *const critical =
    "[portfolio]\nname = critical\nstart = 2027-01-01\nquarters = 1\n\n"
    "[partner.p]\nchannel = reseller\ncsm = %s\n"
    "customers = mission_critical America/New_York 35\n";

static void check_seed_stability(void)
{
    cap_model *m = model();
    cap_portfolio *sales = sample(m, "sales-deal.ini");
    if (sales) {
        sales->quarters = 1;
        check_seeds(m, sales, CAP_ROLE_CSM, 20, "sales-deal P-CSM");
        check_seeds(m, sales, CAP_ROLE_TAM, 20, "sales-deal P-TAM");
    }
    char text[512];
    snprintf(text, sizeof text, critical, "auto");
    cap_portfolio *mc = cap_test_portfolio(m, dir, "critical.ini", text);
    if (mc)
        check_seeds(m, mc, CAP_ROLE_CSM, 20, "35 mission-critical P-CSM");
    cap_portfolio_free(sales);
    cap_portfolio_free(mc);
    cap_model_free(m);
}

/* 35 mission-critical customers staffed at 3.0, 3.5 ... FTE: S1
 * attainment rises strictly with every step until it meets the goal (no
 * plateau: extra people go to the hours where S1s miss). */
static void check_no_plateau(void)
{
    cap_model *m = model();
    double last = -1;
    int met = 0;
    for (double fte = 3.0; fte <= 8.0 + 1e-9 && !met; fte += 0.5) {
        char csm[16], text[512];
        snprintf(csm, sizeof csm, "%.1f", fte);
        snprintf(text, sizeof text, critical, csm);
        cap_portfolio *p = cap_test_portfolio(m, dir, "plateau.ini", text);
        cap_horizon *h = p ? run(p, m, 7, 20) : NULL;
        const cap_sla_role *sla = h ? h->quarter[0]->partners[0].role[CAP_ROLE_CSM].sla : NULL;
        CHECK(sla != NULL);
        if (sla) {
            double s1 = sla->severity[0].attainment.mean;
            fprintf(stderr, "35 mission-critical at %.1f FTE: S1 %.4f\n", fte, s1);
            CHECK(s1 > last + 1e-4);
            last = s1;
            met = cap_goal_met(s1, sla->severity[0].goal);
        }
        cap_horizon_free(h);
        cap_portfolio_free(p);
    }
    CHECK(met);
    cap_model_free(m);
}

/* The answer is the smallest FTE that meets: one step below it, the same
 * replications do not meet.  Run with 40 replications, where the search
 * starts from a guess on 4 of them that may lie above the answer, over
 * every partner of the finance book. */
static void check_smallest(void)
{
    cap_model *m = model();
    char path[512];
    cap_error err;
    cap_portfolio *p = sample(m, "finance-book.ini");
    snprintf(path, sizeof path, "%s/samples/finance-book.csv", getenv("CAP_SOURCE_DIR"));
    CHECK(p && cap_portfolio_add_csv(p, path, m, &err) == CAP_OK);
    if (p)
        p->quarters = 1;
    cap_horizon *h = p ? run(p, m, 3, 40) : NULL;
    int below = 0;
    for (size_t i = 0; h && i < h->quarter[0]->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_sim_role *sim = &h->quarter[0]->partners[i].role[r].sim;
            if (!sim->simulated || !sim->met || !sim->below)
                continue;
            below++;
            CHECK_NEAR(sim->below->fte, sim->fte - m->fte_step, 1e-9);
            CHECK(!cap_sla_meets(m, sim->below));
            CHECK(cap_sla_meets(m, sim->answer));
        }
    CHECK(below >= 5);
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
}

/* Simulated technical hours a month agree with workload.c's expected
 * hours within 4 standard errors, the standard error worked from the
 * compound Poisson sum: a month's technical minutes have variance
 * sum over severities of (tickets a month) x E[handle^2], E[h^2] = sd^2 +
 * mean^2, divided by the replications' months. */
static void check_technical_hours(void)
{
    cap_model *m = model();
    cap_portfolio *p = sample(m, "sales-deal.ini");
    if (!p)
        return;
    p->quarters = 1;
    const int reps = 100;
    cap_horizon *h = run(p, m, 11, reps);
    const cap_partner_staffing *ps = h ? &h->quarter[0]->partners[0] : NULL;
    cap_segment segs[8];
    size_t n = cap_partner_quarter(&p->partners[0], 0, segs);
    cap_workload w = cap_workload_expected(m, p->partners[0].channel, 1, segs, n);
    double variance = 0; /* minutes^2 a month */
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        double routed = 0;
        for (size_t c = 0; c < m->category_count; c++) {
            cap_party party = cap_route(&m->categories[c], p->partners[0].channel, 1);
            routed += m->categories[c].share *
                      ((party == CAP_PARTY_SUPPORT) +
                       (party == CAP_PARTY_CSM || party == CAP_PARTY_PARTNER) *
                           m->categories[c].escalation[sev]);
        }
        double tickets = 0;
        for (size_t k = 0; k < n; k++)
            tickets += segs[k].customers * m->plan[segs[k].plan].tickets_per_month[sev];
        double mean = m->handle_mean_minutes[sev], sd = m->handle_sd_minutes[sev];
        variance += tickets * routed * (sd * sd + mean * mean);
    }
    /* 3 months a replication */
    double se_hours = sqrt(variance / 3.0 / reps) / 60.0;
    CHECK(ps != NULL);
    if (ps) {
        fprintf(stderr, "technical hours: simulated %.2f, expected %.2f, se %.2f\n",
                ps->technical_hours_month, w.technical_hours, se_hours);
        CHECK(fabs(ps->technical_hours_month - w.technical_hours) < 4 * se_hours + 0.01);
        CHECK(se_hours < 0.1 * w.technical_hours);
    }
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
}

/* partner-addons grows 20% a quarter: no role's FTE ever falls. */
static void check_growth(void)
{
    cap_model *m = model();
    cap_portfolio *p = sample(m, "partner-addons.ini");
    cap_horizon *h = p ? run(p, m, 5, 20) : NULL;
    CHECK(h != NULL);
    for (int q = 1; h && q < h->count; q++)
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_role_staffing *a = &h->quarter[q - 1]->partners[0].role[r];
            const cap_role_staffing *b = &h->quarter[q]->partners[0].role[r];
            if (a->active && b->fte < a->fte - 1e-9)
                fprintf(stderr, "partner-addons role %d: Q%d %.1f, Q%d %.1f\n",
                        r, q, a->fte, q + 1, b->fte);
            CHECK(!a->active || b->fte >= a->fte - 1e-9);
        }
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
}

/* SPEC section 4 "Analytic check": a stationary 24x7 queue (S1 only,
 * uniform arrivals, exponential handle times, no tasks, first response =
 * start of work) is sized as Erlang C sizes it: the fewest servers c with
 * service level >= the goal and occupancy <= the cap, as FTE c x 168 /
 * (40 x (1 - shrinkage)) stepped to 0.5, within one step.  3 tickets an
 * hour of 60 minutes: c = 6 (service level at 15 minutes 0.953; 5 give
 * 0.857), 31.5 FTE. */
static void check_erlang_sizing(void)
{
    cap_model *m = model();
    m->handle_exponential = 1;
    m->first_response_start_of_work = 1;
    m->proactive_hours_per_customer_month = 0;
    m->handle_mean_minutes[0] = 60;
    const int customers = 100;
    double share = 0;
    for (size_t c = 0; c < m->category_count; c++)
        share += m->categories[c].share *
                 (cap_route(&m->categories[c], CAP_CH_RESELLER, 1) == CAP_PARTY_CSM);
    double per_hour = 3.0, hours_per_month = 365.25 * 24 / 12;
    cap_plan_model *mc = &m->plan[CAP_PLAN_MISSION_CRITICAL];
    mc->tickets_per_month[0] = per_hour * hours_per_month / customers / share;
    for (int sev = 1; sev < CAP_SEVERITIES; sev++)
        mc->tickets_per_month[sev] = 0;
    int servers = 1;
    for (;; servers++) {
        cap_erlang e = cap_erlang_queue(per_hour, 60, servers, mc->sla_minutes[0]);
        if (e.stable && e.service_level >= m->attainment_goal[0] &&
            e.occupancy <= m->utilization_cap)
            break;
    }
    CHECK_INT(servers, 6);
    double fte = cap_step_up(m, servers * 168.0 / cap_person_hours(m, 1.0));
    CHECK_NEAR(fte, 31.5, 1e-9);
    char text[512];
    snprintf(text, sizeof text,
             "[portfolio]\nname = erlang\nstart = 2027-04-01\nquarters = 1\n\n"
             "[partner.p]\nchannel = reseller\ncsm = auto\n"
             "customers = mission_critical America/New_York %d\n", customers);
    cap_portfolio *p = cap_test_portfolio(m, dir, "erlang.ini", text);
    cap_horizon *h = p ? run(p, m, 17, 40) : NULL;
    CHECK(h != NULL);
    if (h) {
        const cap_role_staffing *r = &h->quarter[0]->partners[0].role[CAP_ROLE_CSM];
        fprintf(stderr, "stationary 24x7: simulated %.1f FTE, Erlang C %d servers = %.1f FTE\n",
                r->fte_recommended, servers, fte);
        CHECK(fabs(r->fte_recommended - fte) <= m->fte_step + 1e-9);
    }
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    check_dst();
    check_kept();
    check_no_plateau();
    check_smallest();
    check_technical_hours();
    check_growth();
    check_erlang_sizing();
    check_seed_stability();
    check_remove_dir(dir);
    return check_summary();
}
