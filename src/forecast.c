/* forecast.c - the volume trend of an export (see forecast.h). */
#include "forecast.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_machine.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <string.h>

#include "simcore.h"

/* Days of an average month: the scale of "tickets per month". */
#define AVG_MONTH_DAYS (CAP_WEEKS_PER_MONTH * 7)

/* Row r of the design: 1, t, then (seasonal) one term per month of year
 * after January. */
static void design_row(gsl_matrix *X, size_t r, int k, int month, int seasonal)
{
    gsl_matrix_set(X, r, 0, 1);
    gsl_matrix_set(X, r, 1, k);
    for (int m = 2; seasonal && m <= 12; m++)
        gsl_matrix_set(X, r, (size_t)m, month == m);
}

/* Season factors (geometric mean 1), the peak and low months, and the
 * log level of the trend between seasons. */
static double seasons(const gsl_vector *c, cap_forecast *f)
{
    double d[12] = {0}, mean = 0;
    for (int m = 2; f->seasonal && m <= 12; m++)
        d[m - 1] = gsl_vector_get(c, (size_t)m);
    for (int m = 0; m < 12; m++)
        mean += d[m] / 12;
    if (!f->seasonal)
        return 0;
    f->peak_month = f->low_month = 1;
    for (int m = 0; m < 12; m++) {
        f->season[m] = exp(d[m] - mean);
        if (d[m] > d[f->peak_month - 1])
            f->peak_month = m + 1;
        if (d[m] < d[f->low_month - 1])
            f->low_month = m + 1;
    }
    return mean;
}

/* Growth per quarter from the slope b and its covariance. */
static void growth(cap_forecast *f, const gsl_vector *c, const gsl_matrix *cov,
                   double chisq, size_t dof)
{
    f->dispersion = dof ? chisq / (double)dof : 1;
    double scale = f->dispersion > 1 ? f->dispersion : 1;
    f->slope = gsl_vector_get(c, 1);
    f->slope_se = sqrt(gsl_matrix_get(cov, 1, 1) * scale);
    f->growth = expm1(3 * f->slope);
    f->growth_se = 3 * exp(3 * f->slope) * f->slope_se; /* delta method */
    double q = gsl_cdf_tdist_Pinv(0.975, dof ? (double)dof : 1);
    f->growth_lo = expm1(3 * (f->slope - q * f->slope_se));
    f->growth_hi = expm1(3 * (f->slope + q * f->slope_se));
}

/* Each month of the year's term is fitted from the months of that name
 * holding tickets: a month of the year with none leaves its column all
 * zero, and the design rank-deficient. */
static int every_month_of_year(const double *count, const double *days,
                               const int *month_of_year, int n)
{
    int seen[13] = {0}, months = 0;
    for (int k = 0; k < n; k++)
        if (count[k] > 0 && days[k] > 0 && !seen[month_of_year[k]]++)
            months++;
    return months == 12;
}

cap_status cap_forecast_fit(const double *count, const double *days,
                            const int *month_of_year, int n, cap_forecast *f,
                            cap_error *err)
{
    memset(f, 0, sizeof *f);
    f->months = n;
    size_t rows = 0;
    for (int k = 0; k < n; k++)
        rows += count[k] > 0 && days[k] > 0;
    /* a season needs more months with tickets than its 13 terms, and
     * tickets in every month of the year; without them the trend alone
     * is fitted */
    f->seasonal = n >= CAP_FORECAST_SEASON_MONTHS && rows > 13 &&
                  every_month_of_year(count, days, month_of_year, n);
    size_t p = f->seasonal ? 13 : 2;
    if (rows < CAP_FORECAST_MIN_MONTHS || rows <= p)
        return CAP_OK;
    gsl_matrix *X = gsl_matrix_calloc(rows, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *y = gsl_vector_alloc(rows), *w = gsl_vector_alloc(rows),
               *c = gsl_vector_alloc(p);
    gsl_multifit_linear_workspace *work = gsl_multifit_linear_alloc(rows, p);
    size_t r = 0;
    for (int k = 0; k < n; k++) {
        if (!(count[k] > 0 && days[k] > 0))
            continue;
        design_row(X, r, k, month_of_year[k], f->seasonal);
        gsl_vector_set(y, r, log(count[k] * AVG_MONTH_DAYS / days[k]));
        gsl_vector_set(w, r++, count[k]);
    }
    double chisq;
    size_t rank = 0;
    /* what gsl_multifit_wlinear computes (its tolerance), with the rank:
     * the checks above keep the design full rank, a lower one would leave
     * coefficients made up */
    int st = gsl_multifit_wlinear_tsvd(X, w, y, GSL_DBL_EPSILON, c, cov,
                                       &chisq, &rank, work);
    if (st == GSL_SUCCESS && rank < p)
        st = GSL_ESING;
    if (st == GSL_SUCCESS) {
        f->fitted = 1;
        growth(f, c, cov, chisq, rows - p);
        double level = seasons(c, f);
        for (int k = 0; k < n; k++) {
            double base = gsl_vector_get(c, 0) + f->slope * k,
                   d = f->seasonal && month_of_year[k] > 1
                           ? gsl_vector_get(c, (size_t)month_of_year[k]) : 0;
            f->fitted_count[k] = exp(base + d) * days[k] / AVG_MONTH_DAYS;
            f->trend_count[k] = exp(base + level) * days[k] / AVG_MONTH_DAYS;
        }
    }
    gsl_multifit_linear_free(work);
    gsl_vector_free(c);
    gsl_vector_free(w);
    gsl_vector_free(y);
    gsl_matrix_free(cov);
    gsl_matrix_free(X);
    if (st != GSL_SUCCESS)
        return cap_error_set(err, CAP_ERR_INTERNAL, NULL, 0, NULL,
                             "forecast: GSL weighted fit failed: %s "
                             "(%zu rows, rank %zu of %zu terms)",
                             gsl_strerror(st), rows, rank, p);
    return CAP_OK;
}
