/* handlefit.h - a lognormal handle time fitted by maximum likelihood to
 * the time spent on tickets (capplan calibrate, issue 13).
 *
 * For x_1..x_n > 0: mu = mean(ln x), sigma^2 = sum((ln x - mu)^2) / n (the
 * maximum-likelihood variance divides by n, not n - 1).  Standard errors
 * from the Fisher information: se(mu) = sigma / sqrt(n), se(sigma) =
 * sigma / sqrt(2n).  The model's keys are the lognormal's own mean and
 * standard deviation: mean = exp(mu + sigma^2 / 2), sd = mean x
 * sqrt(exp(sigma^2) - 1).
 */
#ifndef CAP_HANDLEFIT_H
#define CAP_HANDLEFIT_H

#include <stddef.h>

typedef struct {
    int n;                  /* times behind the fit; 0 = no fit */
    double mu, sigma;       /* of ln(minutes) */
    double mu_se, sigma_se;
    double mean, sd;        /* minutes: handle_mean/sd_minutes */
} cap_lognormal;

/* Fits x[0..n) (minutes, all > 0; x is overwritten with ln x).  n = 0
 * leaves fit->n = 0 and the rest 0. */
void cap_lognormal_fit(double *x, size_t n, cap_lognormal *fit);

#endif
