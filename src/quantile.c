/* quantile.c - beta and chi-squared quantiles that always converge (see
 * quantile.h). */
#include "quantile.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <math.h>

/* Relative width of the bracket Brent's method stops at: far below the
 * digits any interval is printed or compared with. */
#define QUANTILE_REL_TOL 1e-13
#define QUANTILE_MAX_ITER 500

typedef struct {
    double p, a, b;
    int chisq;     /* 1: chi-squared with a degrees of freedom */
} cdf_gap;

static double gap(double x, void *arg)
{
    const cdf_gap *g = arg;
    double cdf = g->chisq ? gsl_cdf_chisq_P(x, g->a) : gsl_cdf_beta_P(x, g->a, g->b);
    return cdf - g->p;
}

/* Brent's method on [lo, hi], where gap(lo) < 0 < gap(hi). */
static int solve(cdf_gap *g, double lo, double hi, double *x)
{
    gsl_function f = {gap, g};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return GSL_ENOMEM;
    int st = gsl_root_fsolver_set(s, &f, lo, hi);
    for (int i = 0; st == GSL_SUCCESS && i < QUANTILE_MAX_ITER; i++) {
        st = gsl_root_fsolver_iterate(s);
        if (st != GSL_SUCCESS)
            break;
        st = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                    gsl_root_fsolver_x_upper(s), 0,
                                    QUANTILE_REL_TOL);
        if (st == GSL_SUCCESS)
            break;
        if (st == GSL_CONTINUE)
            st = GSL_SUCCESS;
    }
    *x = st == GSL_SUCCESS ? gsl_root_fsolver_root(s) : GSL_NAN;
    gsl_root_fsolver_free(s);
    return st;
}

int cap_beta_quantile(double p, double a, double b, double *x)
{
    *x = gsl_cdf_beta_Pinv(p, a, b);
    if (isfinite(*x))
        return GSL_SUCCESS;
    cdf_gap g = {p, a, b, 0};
    return solve(&g, 0, 1, x);
}

int cap_chisq_quantile(double p, double nu, double *x)
{
    *x = gsl_cdf_chisq_Pinv(p, nu);
    if (isfinite(*x))
        return GSL_SUCCESS;
    cdf_gap g = {p, nu, 0, 1};
    /* the mean is nu and the sd sqrt(2 nu): widen until the CDF passes p */
    double hi = nu + 10 * sqrt(2 * nu) + 10;
    for (int k = 0; k < 64 && gap(hi, &g) <= 0; k++)
        hi *= 2;
    return solve(&g, 0, hi, x);
}
