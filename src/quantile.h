/* quantile.h - the beta and chi-squared quantiles behind capplan's exact
 * intervals: Clopper-Pearson for a share of tickets answered in time
 * (backtest.c), Garwood for a Poisson ticket rate (calibrate.c).
 *
 * GSL's gsl_cdf_beta_Pinv and gsl_cdf_chisq_Pinv give up ("inverse failed
 * to converge", GSL_EFAILED) on ordinary counts: the 97.5% quantile of
 * beta(5, 359), the upper end for 4 of 363 tickets, or of chi-squared with
 * 30,686 degrees of freedom, the upper end for 15,342 tickets.  Under
 * GSL's default error handler that aborted capplan.  These functions take
 * GSL's answer where it converges (so every interval that printed before
 * prints the same), otherwise they solve CDF(x) = p by Brent's method
 * (gsl_root_fsolver_brent) on a bracket that holds the root: the CDFs are
 * continuous and increasing, so the solver converges for any counts.
 *
 * Both return GSL_SUCCESS and the quantile in *x, or a GSL status (the
 * CDF gave no number) with *x NaN.  They need gsl_set_error_handler_off(),
 * as main() sets it: with the default handler GSL aborts before they can
 * fall back.
 */
#ifndef CAP_QUANTILE_H
#define CAP_QUANTILE_H

/* The p quantile (0 < p < 1) of the beta(a, b) distribution, a, b > 0. */
int cap_beta_quantile(double p, double a, double b, double *x);

/* The p quantile (0 < p < 1) of chi-squared with nu > 0 degrees of
 * freedom. */
int cap_chisq_quantile(double p, double nu, double *x);

#endif
