/* test_arrivals.c - the lazy arrivals draw every Poisson process of a
 * replication at the model's rate over the whole time line, and file each
 * job under the right team.
 *
 * One partner of 1,000 basic customers in America/New_York, the quarter
 * 2027Q1 (90 days from Friday 1 January: 90 / 7 weeks, 64 weekdays).
 * The model is changed so that every hour of the week is alike for
 * tickets (all severities uniform), every ticket goes to the P-CSM
 * (every category's reseller primary is the vendor, which the P-CSM
 * takes) and none is escalated.  Then, measured per replication:
 *   CSM tickets of severity s: 1000 x rate_s x 12 / 365.25 x 90, with the
 *     basic rates 0.10, 0.40, 1.00, 1.50 a month: 295.69, 1182.75,
 *     2956.88, 4435.32;
 *   CSM tasks (6.5 h a customer-month in 60-minute pieces, in the local
 *     08:00-18:00 weekday window): 1000 x 6.5 x 12 / 365.25 x 7 tasks a
 *     week, over 64 / 5 = 12.8 weeks of weekdays: 19,134.8;
 *   P-TAM tasks (4 hours a week): 4 x 12.8 = 51.2.
 * Counts are Poisson: the mean of R replications is within 4 standard
 * errors, 4 sqrt(mu / R), of mu (a right generator misses that band about
 * once in 16,000 seeds per count; the seed is fixed, so the test is stable).
 * The jobs also reach the time line's first hour and its last, and a
 * candidate (200 FTE) measures the quarter's tickets, the same means,
 * not the warm-up's too (104 / 90 times as many).
 *
 * The order of the draws is pinned on a second partner with one process
 * only (S1 tickets; the other rates 0, no P-CSM, no P-TAM tasks): from
 * the replication's stream, its first event's position (an exponential
 * over the rate), then per event its category (routed to support) and
 * handle time (lognormal of the severity's mean and sd), then the next
 * event's position.  At a uniform rate, position e weeks is minute
 * e x 10,080.
 *
 * A streamed replication holds its open tickets, not its quarter: 30,000
 * basic customers with every ticket to support (no P-CSM, no P-TAM
 * tasks) raise 30,000 x 3.0 a month x 12 / 365.25 x 104 days (the two
 * warm-up weeks and the quarter) = 307,515 tickets; on a roster of 2,000
 * people every hour nobody waits, so the open tickets are those in
 * service: 123 arriving an hour x their mean handle time, 44 minutes
 * ((0.1 x 120 + 0.4 x 75 + 1.0 x 45 + 1.5 x 30) / 3.0), about 90 at a
 * time (Little's law); the most over some 2,500 hours is near
 * 90 + 4 sqrt(90) = 128, well below 400, against 300,000 tickets. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "horizon.h"
#include "portfolio_text.h"
#include "simcore.h"

enum { REPS = 20 };

static char dir[] = "/tmp/capplan-arrivals.XXXXXX";

static const char *const book =
    "[portfolio]\nname = rates\nstart = 2027-01-01\n\n"
    "[partner.p]\nchannel = reseller\ncsm = auto\ntam = auto\n"
    "customers = basic America/New_York 1000\n";

/* All tickets to the P-CSM, none escalated, every hour alike. */
static void plain_model(cap_model *m)
{
    for (size_t k = 0; k < m->category_count; k++) {
        m->categories[k].primary[CAP_CH_RESELLER] = CAP_PRIMARY_VENDOR;
        for (int sev = 0; sev < CAP_SEVERITIES; sev++)
            m->categories[k].escalation[sev] = 0;
    }
    for (int sev = 0; sev < CAP_SEVERITIES; sev++)
        m->business_hours_share[sev] = -1;
}

static const char *const lone =
    "[portfolio]\nname = order\nstart = 2027-01-01\n\n"
    "[partner.p]\nchannel = reseller\ncsm = none\ntam = none\n"
    "customers = basic America/New_York 1000\n";

static const char *const big =
    "[portfolio]\nname = big\nstart = 2027-01-01\n\n"
    "[partner.p]\nchannel = reseller\ncsm = none\ntam = none\n"
    "customers = basic America/New_York 30000\n";

static void check_mean(const char *what, double total, double mu)
{
    double mean = total / REPS, tol = 4 * sqrt(mu / REPS);
    if (fabs(mean - mu) > tol)
        fprintf(stderr, "%s: mean %.2f a replication, want %.2f +- %.2f\n", what, mean,
                mu, tol);
    CHECK(fabs(mean - mu) <= tol);
}

static void check_rates(cap_sim_world *w, const cap_partner_staffing *ps)
{
    static const double tickets[CAP_SEVERITIES] = {295.69, 1182.75, 2956.88, 4435.32};
    cap_partner_run pr;
    cap_partner_run_init(&pr, w, ps, 0, 0);
    cap_partner_run_generate(&pr, REPS);
    double count[CAP_ROLES][CAP_PRIORITIES] = {{0}};
    double first = INFINITY, last = -INFINITY;
    for (int k = 0; k < REPS; k++) {
        for (int r = 0; r < CAP_ROLES; r++) {
            cap_rep_source s;
            cap_job_source src = cap_rep_source_open(&s, &pr, k, (cap_role)r);
            cap_job j;
            while (src.next(src.ctx, &j)) {
                if (j.arrival >= w->tl.from && j.arrival < w->tl.to)
                    count[r][j.priority]++;
                first = fmin(first, j.arrival);
                last = fmax(last, j.arrival);
            }
            cap_rep_source_close(&s);
        }
    }
    char what[32];
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        snprintf(what, sizeof what, "CSM S%d tickets", sev + 1);
        check_mean(what, count[CAP_ROLE_CSM][sev], tickets[sev]);
        CHECK_INT((long)count[CAP_ROLE_TAM][sev], 0);
    }
    check_mean("CSM tasks", count[CAP_ROLE_CSM][CAP_PRIORITY_TASK], 19134.8);
    /* a candidate's measured tickets: the quarter's, not the warm-up's */
    cap_need need;
    cap_partner_need(&pr, CAP_ROLE_CSM, &need);
    cap_candidate *c = cap_candidate_new(&pr, CAP_ROLE_CSM, &need, 200);
    cap_candidate_run(&pr, CAP_ROLE_CSM, c, REPS);
    cap_sla_role fig;
    memset(&fig, 0, sizeof fig);
    cap_candidate_figures(&pr, CAP_ROLE_CSM, c, REPS, &fig);
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        snprintf(what, sizeof what, "measured S%d tickets", sev + 1);
        check_mean(what, fig.severity[sev].tickets.mean * REPS, tickets[sev]);
    }
    cap_candidate_free(c);
    check_mean("TAM tasks", count[CAP_ROLE_TAM][CAP_PRIORITY_TASK], 51.2);
    /* about 2 tickets an hour, 20 replications: all hours are reached */
    CHECK(first >= 0 && first < 60);
    CHECK(last >= w->tl.to - 60 && last < w->tl.to);
    cap_partner_run_free(&pr);
}

/* The S1 tickets of replication 3 of the lone partner, drawn again here
 * in the documented order. */
static void check_order(cap_sim_world *w, const cap_partner_staffing *ps)
{
    const cap_model *m = w->m;
    double per_week = 1000 * m->plan[CAP_PLAN_BASIC].tickets_per_month[0] / CAP_WEEKS_PER_MONTH;
    double mean = m->handle_mean_minutes[0], sd = m->handle_sd_minutes[0];
    double sigma2 = log1p(sd * sd / (mean * mean));
    cap_partner_run pr;
    cap_partner_run_init(&pr, w, ps, 0, 0);
    cap_partner_run_generate(&pr, 4);
    cap_rep_source s;
    cap_job_source src = cap_rep_source_open(&s, &pr, 3, CAP_ROLE_TAM);
    gsl_rng *r = cap_stream(w->seed, 0, 3);
    double e = gsl_ran_exponential(r, 1.0) / per_week;
    int n = 0, same = 1;
    cap_job j;
    while (src.next(src.ctx, &j)) {
        gsl_ran_discrete(r, w->category);
        double handle = gsl_ran_lognormal(r, log(mean) - sigma2 / 2, sqrt(sigma2));
        same = same && fabs(j.arrival - e * 10080) < 1e-6 && j.handle == handle &&
               j.priority == 0;
        e += gsl_ran_exponential(r, 1.0) / per_week;
        n++;
    }
    CHECK(same);
    CHECK(n > 250 && e * 10080 >= w->tl.to); /* about 23 a week for 14.9 weeks */
    CHECK_INT((long)pr.reps[3].q[CAP_ROLE_CSM].n, 0);
    gsl_rng_free(r);
    cap_rep_source_close(&s);
    cap_partner_run_free(&pr);
}

static void count_started(void *ctx, size_t seq, const cap_job *j, double start)
{
    (void)seq;
    (void)j;
    size_t *n = ctx;
    *n += start >= 0;
}

/* Replication 0 of the big partner, drawn hour by hour (nothing kept)
 * into the queue on 2,000 people. */
static void check_open(cap_sim_world *w, const cap_partner_staffing *ps)
{
    cap_partner_run pr;
    cap_partner_run_init(&pr, w, ps, 0, 0);
    pr.budget.keep_bytes = 0;
    cap_partner_run_generate(&pr, 1);
    CHECK(!pr.reps[0].kept);
    double present[CAP_WEEK_HOURS];
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        present[h] = 2000;
    cap_shifts shifts = cap_world_shifts(w, present);
    cap_rep_source s;
    cap_job_source src = cap_rep_source_open(&s, &pr, 0, CAP_ROLE_TAM);
    size_t started = 0;
    cap_job_sink sink = {count_started, &started};
    cap_queue_stats st;
    CHECK_INT(cap_queue_stream(&src, &shifts, w->rules, w->tl.from, w->tl.to, &sink, &st), 0);
    cap_rep_source_close(&s);
    CHECK_NEAR((double)started, 307515, 4 * sqrt(307515.0));
    if (st.most_open >= 400)
        fprintf(stderr, "most open %zu of %zu tickets\n", st.most_open, started);
    CHECK(st.most_open > 50 && st.most_open < 400);
    cap_partner_run_free(&pr);
}

static void run(cap_model *m, const char *name, const char *text,
                void (*check)(cap_sim_world *, const cap_partner_staffing *))
{
    cap_error err;
    cap_portfolio *p = cap_test_portfolio(m, dir, name, text);
    if (p)
        p->quarters = 1;
    cap_horizon *h = p ? cap_horizon_run(p, m, NULL, &err) : NULL; /* the rules' staffing */
    cap_sim_options so = {5, REPS, 2, NULL, NULL};
    cap_sim_world *w = h ? cap_sim_world_new(p, m, p->start, &so, &err) : NULL;
    CHECK(w != NULL);
    if (w) {
        CHECK_NEAR(w->tl.weeks, 90.0 / 7, 1e-12);
        check(w, &h->quarter[0]->partners[0]);
    }
    cap_sim_world_free(w);
    cap_horizon_free(h);
    cap_portfolio_free(p);
}

static void check_team_rates(cap_sim_world *w, const cap_partner_staffing *ps)
{
    CHECK(ps->role[CAP_ROLE_CSM].active && ps->role[CAP_ROLE_TAM].active);
    check_rates(w, ps);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    CHECK(m != NULL);
    if (m) {
        plain_model(m);
        run(m, "rates.ini", book, check_team_rates);
        run(m, "big.ini", big, check_open);
        for (int sev = 1; sev < CAP_SEVERITIES; sev++)
            m->plan[CAP_PLAN_BASIC].tickets_per_month[sev] = 0;
        run(m, "order.ini", lone, check_order);
    }
    cap_model_free(m);
    check_remove_dir(dir);
    return check_summary();
}
