/* handlefit.c - lognormal maximum likelihood (see handlefit.h). */
#include "handlefit.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

void cap_lognormal_fit(double *x, size_t n, cap_lognormal *fit)
{
    memset(fit, 0, sizeof *fit);
    if (!n)
        return;
    for (size_t i = 0; i < n; i++)
        x[i] = log(x[i]);
    fit->n = (int)n;
    fit->mu = gsl_stats_mean(x, 1, n);
    /* divides by n around the given mean: the MLE, equal to
     * gsl_stats_variance_m(x, 1, n, mu) x (n - 1) / n */
    double var = gsl_stats_variance_with_fixed_mean(x, 1, n, fit->mu);
    fit->sigma = sqrt(var);
    fit->mu_se = fit->sigma / sqrt((double)n);
    fit->sigma_se = fit->sigma / sqrt(2.0 * (double)n);
    fit->mean = exp(fit->mu + var / 2);
    fit->sd = fit->mean * sqrt(expm1(var));
}
