/* tally.c - first-response figures gathered as tickets start (see
 * tally.h). */
#include "tally.h"

#include <gsl/gsl_rstat.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

const double cap_tally_p[CAP_TALLY_QUANTILES] = {0.50, 0.90, 0.99};

struct cap_tally {
    size_t n, met, zeros, never;
    size_t exact;
    double *first;                  /* the first `exact` responses */
    size_t first_cap;               /* grown as needed: most are few */
    gsl_rstat_quantile_workspace *q[CAP_TALLY_QUANTILES];
};

static void *must(void *p)
{
    if (!p)
        abort(); /* out of memory */
    return p;
}

cap_tally *cap_tally_new(size_t exact)
{
    cap_tally *t = must(calloc(1, sizeof *t));
    t->exact = exact;
    for (int i = 0; i < CAP_TALLY_QUANTILES; i++)
        t->q[i] = must(gsl_rstat_quantile_alloc(cap_tally_p[i]));
    return t;
}

void cap_tally_free(cap_tally *t)
{
    if (!t)
        return;
    for (int i = 0; i < CAP_TALLY_QUANTILES; i++)
        gsl_rstat_quantile_free(t->q[i]);
    free(t->first);
    free(t);
}

/* P-squared fed with finite response x. */
static void estimate_add(cap_tally *t, double x)
{
    if (isinf(x))
        return; /* a P-squared marker must stay finite */
    for (int i = 0; i < CAP_TALLY_QUANTILES; i++)
        gsl_rstat_quantile_add(x, t->q[i]);
}

void cap_tally_add(cap_tally *t, double response, int met)
{
    if (t->n < t->exact) {
        if (t->n == t->first_cap) {
            t->first_cap = t->first_cap ? 2 * t->first_cap : 64;
            t->first_cap = t->first_cap < t->exact ? t->first_cap : t->exact;
            t->first = must(realloc(t->first, t->first_cap * sizeof *t->first));
        }
        t->first[t->n] = response;
    } else {
        /* past the kept ones: P-squared takes over, fed every response in
         * order from the first (the kept ones now) */
        for (size_t k = 0; t->n == t->exact && k < t->exact; k++)
            estimate_add(t, t->first[k]);
        estimate_add(t, response);
    }
    t->n++;
    t->met += met != 0;
    t->never += isinf(response) != 0;
    t->zeros += response == 0;
}

size_t cap_tally_count(const cap_tally *t)
{
    return t->n;
}

size_t cap_tally_met(const cap_tally *t)
{
    return t->met;
}

/* Percentile i past the kept responses. */
static double estimate(const cap_tally *t, int i)
{
    /* the sorted places gsl_stats_quantile_from_sorted_data interpolates
     * between */
    double index = cap_tally_p[i] * (double)(t->n - 1);
    size_t lhs = (size_t)index, rhs = index > (double)lhs ? lhs + 1 : lhs;
    if (rhs < t->zeros)
        return 0;
    if (rhs >= t->n - t->never)
        return INFINITY;
    return gsl_rstat_quantile_get(t->q[i]);
}

void cap_tally_quantiles(cap_tally *t, double q[CAP_TALLY_QUANTILES])
{
    int exact = t->n <= t->exact;
    if (exact)
        gsl_sort(t->first, 1, t->n);
    for (int i = 0; i < CAP_TALLY_QUANTILES; i++)
        q[i] = exact ? gsl_stats_quantile_from_sorted_data(t->first, 1, t->n, cap_tally_p[i])
                     : estimate(t, i);
}
