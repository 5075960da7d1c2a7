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
 * errors, 4 sqrt(mu / R), of mu (fails by chance about once in 16,000).
 * The jobs also reach the time line's first hour and its last. */
#include <stdlib.h>

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
    check_mean("TAM tasks", count[CAP_ROLE_TAM][CAP_PRIORITY_TASK], 51.2);
    /* about 2 tickets an hour, 20 replications: all hours are reached */
    CHECK(first >= 0 && first < 60);
    CHECK(last >= w->tl.to - 60 && last < w->tl.to);
    cap_partner_run_free(&pr);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    if (m)
        plain_model(m);
    cap_portfolio *p = m ? cap_test_portfolio(m, dir, "rates.ini", book) : NULL;
    if (p)
        p->quarters = 1;
    cap_horizon *h = p ? cap_horizon_run(p, m, NULL, &err) : NULL; /* the rules' staffing */
    cap_sim_options so = {5, REPS, 2, NULL, NULL};
    cap_sim_world *w = h ? cap_sim_world_new(p, m, p->start, &so, &err) : NULL;
    CHECK(w != NULL);
    if (w) {
        const cap_partner_staffing *ps = &h->quarter[0]->partners[0];
        CHECK(ps->role[CAP_ROLE_CSM].active && ps->role[CAP_ROLE_TAM].active);
        CHECK_NEAR(w->tl.weeks, 90.0 / 7, 1e-12);
        check_rates(w, ps);
    }
    cap_sim_world_free(w);
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}
