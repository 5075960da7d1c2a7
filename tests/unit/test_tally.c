/* test_tally.c - first-response percentiles gathered one ticket at a
 * time: exact while the responses are kept, P-squared past that, with the
 * atom at 0 and the never-started tail exact at any count.
 *
 * Hand-checked values (gsl_stats_quantile_from_sorted_data interpolates
 * at place p x (n - 1) of the sorted responses, counting from 0):
 * - 1, 2, ..., 1000 in a shuffled order: p50 at place 499.5 = 500.5,
 *   p90 at 899.1 = 900.1, p99 at 989.01 = 990.01.
 * - 55,000 zeros and 45,000 responses k / 450, k = 1..45,000 (in (0,
 *   100]), shuffled: p50 at place 49,999.5, inside the zeros: 0; p90 at
 *   89,999.1, the (34,999.1 + 1)th positive: 35,000.1 / 450 = 77.778;
 *   p99 at 98,999.01: 44,000.01 / 450 = 97.778.
 * - 985 responses 1..985 and 15 that never started (infinite): p99 at
 *   place 989.01 lies in the infinite tail (places 985..999): infinite. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "check.h"
#include "tally.h"

static gsl_rng *rng;

static cap_tally *tally_of(double *x, size_t n, size_t exact, double target)
{
    gsl_ran_shuffle(rng, x, n, sizeof *x);
    cap_tally *t = cap_tally_new(exact);
    for (size_t i = 0; i < n; i++)
        cap_tally_add(t, x[i], x[i] <= target);
    return t;
}

static void check_exact(void)
{
    double x[1000], q[CAP_TALLY_QUANTILES];
    for (int i = 0; i < 1000; i++)
        x[i] = i + 1;
    cap_tally *t = tally_of(x, 1000, CAP_TALLY_EXACT, 250);
    cap_tally_quantiles(t, q);
    CHECK_INT((long)cap_tally_count(t), 1000);
    CHECK_INT((long)cap_tally_met(t), 250);
    CHECK_NEAR(q[0], 500.5, 1e-9);
    CHECK_NEAR(q[1], 900.1, 1e-9);
    CHECK_NEAR(q[2], 990.01, 1e-9);
    cap_tally_free(t);
}

enum { N = 100000, ZEROS = 55000 };

static void fill(double *x)
{
    for (int i = 0; i < N; i++)
        x[i] = i < ZEROS ? 0 : (i - ZEROS + 1) / 450.0;
}

/* Past the kept responses: P-squared within 0.5%, the zeros exact; the
 * same estimates whether P-squared took over after 0 or 4,096 kept. */
static void check_estimates(void)
{
    double *x = malloc(N * sizeof *x), q[CAP_TALLY_QUANTILES], again[CAP_TALLY_QUANTILES];
    fill(x);
    cap_tally *t = tally_of(x, N, 0, 0);
    cap_tally_quantiles(t, q);
    CHECK_INT((long)cap_tally_met(t), ZEROS);
    CHECK(q[0] == 0);
    CHECK_NEAR(q[1], 35000.1 / 450, 0.005 * 77.778);
    CHECK_NEAR(q[2], 44000.01 / 450, 0.005 * 97.778);
    cap_tally_free(t);
    gsl_rng_set(rng, 7);
    fill(x);
    t = tally_of(x, N, 0, 0);
    cap_tally_quantiles(t, q);
    cap_tally_free(t);
    gsl_rng_set(rng, 7);
    fill(x); /* shuffled as above */
    t = tally_of(x, N, 4096, 0);
    cap_tally_quantiles(t, again);
    for (int i = 0; i < CAP_TALLY_QUANTILES; i++)
        CHECK(again[i] == q[i]);
    cap_tally_free(t);
    free(x);
}

static void check_never_started(void)
{
    double x[1000], q[CAP_TALLY_QUANTILES];
    for (int i = 0; i < 1000; i++)
        x[i] = i < 985 ? i + 1 : INFINITY;
    cap_tally *t = tally_of(x, 1000, 0, 1e9);
    cap_tally_quantiles(t, q);
    CHECK_INT((long)cap_tally_met(t), 985);
    CHECK(isinf(q[2]));
    CHECK(isfinite(q[1]) && q[1] > 0);
    cap_tally_free(t);
}

int main(void)
{
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    check_exact();
    check_estimates();
    check_never_started();
    gsl_rng_free(rng);
    return check_summary();
}
