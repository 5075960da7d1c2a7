/* forecast.h - the monthly ticket volume of a helpdesk export as a trend,
 * and its quarterly growth (capplan calibrate, issue 13).
 *
 * The log of each month's volume per average month (tickets x 30.4375 /
 * days of the export in that month) is fitted by weighted least squares
 * (GSL multifit) to a + b t, t = the month's middle in average months, plus
 * month-of-year terms when the export spans 24 months or more, more than
 * 13 of them have tickets and every month of the year has some (else a
 * term would have nothing to be fitted from).  Weights
 * are the counts: a Poisson count's log has variance ~ 1 / count.  Fitting
 * the log makes the trend exponential, a constant growth per quarter,
 * g = exp(3b) - 1, which is how a partner's `growth` compounds (SPEC
 * section 5); a straight line's (trend(t+3) / trend(t)) - 1 would depend
 * on where t is taken.  Standard errors from GSL's covariance, widened by
 * sqrt(chi^2 / dof) when the months scatter more than Poisson counts.
 * Fewer than CAP_FORECAST_MIN_MONTHS months with tickets: no trend.
 */
#ifndef CAP_FORECAST_H
#define CAP_FORECAST_H

#include "error.h"

enum { CAP_FORECAST_MAX_MONTHS = 240, CAP_FORECAST_MIN_MONTHS = 3,
       CAP_FORECAST_SEASON_MONTHS = 24 };

typedef struct {
    int months;              /* months given */
    int fitted;              /* 0: too few months with tickets, no trend */
    int seasonal;            /* month-of-year terms fitted */
    double slope, slope_se;  /* b: log volume per average month */
    double growth, growth_se;        /* per quarter: exp(3b) - 1 */
    double growth_lo, growth_hi;     /* its 95% interval */
    double dispersion;       /* chi^2 / dof (1 = Poisson scatter) */
    /* fitted tickets of each month (trend and season, over the month's
     * days), and the trend alone */
    double fitted_count[CAP_FORECAST_MAX_MONTHS];
    double trend_count[CAP_FORECAST_MAX_MONTHS];
    /* seasonal: factor of each month of year (1 = January), geometric
     * mean 1; the peak and the low month (0 when not seasonal) */
    double season[12];
    int peak_month, low_month;
} cap_forecast;

/* count[k], days[k] (days of the export in month k, > 0) and
 * month_of_year[k] (1..12) for k < n (n <= CAP_FORECAST_MAX_MONTHS).
 * CAP_ERR_INTERNAL when GSL fails or the design is not of full rank. */
cap_status cap_forecast_fit(const double *count, const double *days,
                            const int *month_of_year, int n, cap_forecast *f,
                            cap_error *err);

#endif
