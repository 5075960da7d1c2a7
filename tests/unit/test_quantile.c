/* test_quantile.c - the beta and chi-squared quantiles of quantile.h where
 * GSL's own inverses converge (the same answer) and where they give up
 * (the fallback), against values computed independently with mpmath
 * (40-digit bisection on the regularized incomplete beta, and on the
 * Poisson sum P(Gamma(k, 1) <= x) = 1 - sum_{j<k} e^-x x^j / j!). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>

#include "check.h"
#include "quantile.h"

static void test_beta(void)
{
    double x;
    /* GSL converges: the same number, and the published 5-of-10 end */
    CHECK_INT(cap_beta_quantile(0.025, 5, 6, &x), GSL_SUCCESS);
    CHECK(x == gsl_cdf_beta_Pinv(0.025, 5, 6));
    CHECK_NEAR(x, 0.187086028447399, 1e-12);
    /* GSL gives up (NaN with the handler off) */
    CHECK(isnan(gsl_cdf_beta_Pinv(0.975, 5, 359)));
    CHECK_INT(cap_beta_quantile(0.975, 5, 359, &x), GSL_SUCCESS);
    CHECK_NEAR(x, 0.027971973444208, 1e-12);
    CHECK_NEAR(gsl_cdf_beta_P(x, 5, 359), 0.975, 1e-12);
}

static void test_chisq(void)
{
    double x;
    CHECK_INT(cap_chisq_quantile(0.975, 2, &x), GSL_SUCCESS);
    CHECK_NEAR(x, -2 * log(0.025), 1e-9); /* chi2(2) is exponential: 7.3778 */
    /* 15,342 tickets: GSL gives up on the upper end, not the lower */
    CHECK(isnan(gsl_cdf_chisq_Pinv(0.975, 2 * 15342.0 + 2)));
    CHECK_INT(cap_chisq_quantile(0.975, 2 * 15342.0 + 2, &x), GSL_SUCCESS);
    CHECK_NEAR(x / 2, 15586.7203525801, 1e-7);
    CHECK_INT(cap_chisq_quantile(0.025, 2 * 15342.0, &x), GSL_SUCCESS);
    CHECK_NEAR(x / 2, 15100.1818561721, 1e-7);
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capplan's main */
    test_beta();
    test_chisq();
    return check_summary();
}
