/* sla.c - estimates and the one decision "meets the goal". */
#include "sla.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

cap_estimate cap_estimate_of(const double *x, size_t n)
{
    cap_estimate e = {0, 0, 0};
    if (n == 0)
        return e;
    e.mean = gsl_stats_mean(x, 1, n);
    if (n > 1) {
        e.se = gsl_stats_sd_m(x, 1, n, e.mean) / sqrt((double)n);
        e.half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * e.se;
    }
    return e;
}

int cap_goal_met(double attainment, double goal)
{
    return attainment >= goal - 1e-12;
}

int cap_sla_meets(const cap_model *m, const cap_sla_role *r)
{
    for (int sev = 0; sev < CAP_SEVERITIES; sev++) {
        const cap_sla_severity *s = &r->severity[sev];
        if (s->attainment.mean >= 0 && !cap_goal_met(s->attainment.mean, s->goal))
            return 0;
    }
    return r->utilization.mean <= m->utilization_cap + 1e-12;
}

/* Probability that the true value is on the side of `limit` the mean is
 * on. */
static double side_probability(cap_estimate e, double limit)
{
    if (e.se <= 0)
        return 1.0;
    return gsl_cdf_ugaussian_P(fabs(e.mean - limit) / e.se);
}

double cap_sla_confidence(const cap_model *m, const cap_sla_role *r)
{
    int meets = cap_sla_meets(m, r);
    double least = 1.0, surest_fail = 0.0;
    for (int k = 0; k <= CAP_SEVERITIES; k++) {
        cap_estimate e;
        int ok;
        double p;
        if (k < CAP_SEVERITIES) {
            e = r->severity[k].attainment;
            if (e.mean < 0)
                continue;
            ok = cap_goal_met(e.mean, r->severity[k].goal);
            p = side_probability(e, r->severity[k].goal);
        } else {
            e = r->utilization;
            ok = e.mean <= m->utilization_cap + 1e-12;
            p = side_probability(e, m->utilization_cap);
        }
        if (ok)
            least = fmin(least, p);
        else
            surest_fail = fmax(surest_fail, p);
    }
    return meets ? least : surest_fail;
}

void cap_sla_role_free(cap_sla_role *r)
{
    if (r)
        free(r->hour);
    free(r);
}

void cap_sim_role_clear(cap_sim_role *r)
{
    cap_sla_role_free(r->staffed);
    cap_sla_role_free(r->answer);
    cap_sla_role_free(r->below);
    memset(r, 0, sizeof *r);
}
