/* test_erlang.c - Erlang B and C against cases worked by hand from the
 * definitions, published table values, the classic call-centre worked
 * example, and an independent log-space sum for thousands of servers.
 *
 * Definitions used throughout, with t_k = a^k / k!:
 *   B(c, a) = t_c / sum_{k=0..c} t_k
 *   C(c, a) = t_c c/(c-a) / (sum_{k=0..c-1} t_k + t_c c/(c-a))
 */
#include "check.h"
#include "erlang.h"

#include <math.h>

/* log sum_{k=0..n} a^k / k!, each term formed as a log with lgamma and
 * summed by log-sum-exp, so it neither overflows nor shares any step
 * with the B recursion in erlang.c. */
static double log_poisson_sum(int n, double a)
{
    double la = log(a), top = -INFINITY, sum = 0;
    for (int k = 0; k <= n; k++) {
        double t = k * la - lgamma(k + 1.0);
        if (t > top)
            top = t;
    }
    for (int k = 0; k <= n; k++)
        sum += exp(k * la - lgamma(k + 1.0) - top);
    return top + log(sum);
}

static double log_add(double x, double y)
{
    double top = x > y ? x : y;
    return top + log(exp(x - top) + exp(y - top));
}

/* B straight from the definition, in logs. */
static double logsum_b(int c, double a)
{
    return exp(c * log(a) - lgamma(c + 1.0) - log_poisson_sum(c, a));
}

/* C straight from the definition, in logs (needs c > a > 0). */
static double logsum_c(int c, double a)
{
    double tail = c * log(a) - lgamma(c + 1.0) + log(c / (c - a));
    return exp(tail - log_add(log_poisson_sum(c - 1, a), tail));
}

static void check_by_hand(void)
{
    /* B(1,1) = t_1 / (t_0 + t_1) = 1 / (1 + 1) = 1/2. */
    CHECK_NEAR(cap_erlang_b(1, 1.0), 0.5, 1e-12);
    /* B(2,1) = (1/2) / (1 + 1 + 1/2) = 1/5. */
    CHECK_NEAR(cap_erlang_b(2, 1.0), 0.2, 1e-12);
    /* No servers: everything is blocked; no load: nothing is. */
    CHECK_NEAR(cap_erlang_b(0, 3.0), 1.0, 0);
    CHECK_NEAR(cap_erlang_b(3, 0.0), 0.0, 0);
    /* M/M/1: C(1,a) = a (c/(c-a) = 1/(1-a); a/(1-a) / (1 + a/(1-a)) = a). */
    CHECK_NEAR(cap_erlang_c(1, 0.25), 0.25, 1e-12);
    CHECK_NEAR(cap_erlang_c(1, 0.5), 0.5, 1e-12);
    CHECK_NEAR(cap_erlang_c(1, 0.9), 0.9, 1e-12);
    /* C(2,1): t_2 c/(c-a) = (1/2)(2/1) = 1; 1 / (1 + 1 + 1) = 1/3. */
    CHECK_NEAR(cap_erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
    /* C(3,2): t_3 c/(c-a) = (8/6)(3/1) = 4; sum_{k<3} = 1 + 2 + 2 = 5;
     * 4 / (5 + 4) = 4/9. */
    CHECK_NEAR(cap_erlang_c(3, 2.0), 4.0 / 9.0, 1e-12);
    /* No load: nobody waits. */
    CHECK_NEAR(cap_erlang_c(5, 0.0), 0.0, 0);
}

static void check_tables(void)
{
    /* B(5,2): sum_{k=0..5} 2^k/k! = 1 + 2 + 2 + 4/3 + 2/3 + 4/15 = 109/15,
     * t_5 = 32/120 = 4/15, so B = 4/109 = 0.0366972...; Erlang B tables
     * list 0.036697 for 5 circuits at 2 Erlangs. */
    CHECK_NEAR(cap_erlang_b(5, 2.0), 4.0 / 109.0, 1e-12);
    CHECK_NEAR(cap_erlang_b(5, 2.0), 0.036697, 1e-6);
    /* B(10,5): sum_{k=0..10} 5^k/k! = 7082479/48384 = 146.38060...,
     * t_10 = 5^10/10! = 390625/145152 = 2.6911445..., so
     * B = 390625/21247437 = 0.01838457...; tables list 0.018385. */
    CHECK_NEAR(cap_erlang_b(10, 5.0), 390625.0 / 21247437.0, 1e-12);
    CHECK_NEAR(cap_erlang_b(10, 5.0), 0.018385, 1e-6);
    CHECK_NEAR(cap_erlang_b(10, 5.0), logsum_b(10, 5.0), 1e-12);
}

/* The classic call-centre worked example (reproduced on many call-centre
 * sites, e.g. Call Centre Helper's "Erlang C formula made simple"):
 * 100 calls per 30 minutes, 180 s handle, 11 agents, 20 s target, so
 * A = 200/h x 3 min / 60 = 10 Erlangs.  Published: P(wait) = 0.6821,
 * service level 0.3897, ASA 122.8 s.  Exact P(wait) is
 * 15625000/22906587 = 0.68211820..., service level
 * 1 - 0.68211820 e^(-1/9) = 0.38961381 and ASA 0.68211820 x 180 s =
 * 122.781 s; the page's 0.3897 comes from rounding e^(-1/9) to 0.8948
 * (1 - 0.6821 x 0.8948 = 0.38966), and still agrees to 1e-4. */
static void check_call_centre(void)
{
    cap_erlang q = cap_erlang_queue(200.0, 3.0, 11, 20.0 / 60.0);
    double c = logsum_c(11, 10.0);
    CHECK_INT(q.stable, 1);
    CHECK_NEAR(q.offered_load, 10.0, 1e-12);
    CHECK_NEAR(q.occupancy, 10.0 / 11.0, 1e-12);
    CHECK_NEAR(q.wait_probability, 0.6821, 1e-4);
    CHECK_NEAR(q.service_level, 0.3897, 1e-4);
    CHECK_NEAR(q.mean_wait * 60.0, 122.8, 0.05); /* published to 0.1 s */
    /* The same, to 1e-6, against the log-space sum. */
    CHECK_NEAR(q.wait_probability, 15625000.0 / 22906587.0, 1e-12);
    CHECK_NEAR(q.wait_probability, c, 1e-6);
    CHECK_NEAR(q.service_level, 1.0 - c * exp(-1.0 / 9.0), 1e-6);
    CHECK_NEAR(q.mean_wait, c * 3.0 / (11.0 - 10.0), 1e-6);
}

/* M/M/1 by hand: 30 calls/h, 1 min handle, so a = rho = 0.5 and the
 * queue drains at mu - lambda = 0.5 per minute.  Mean wait
 * rho / (mu - lambda) = 1 minute; P(wait <= 2 min) = 1 - 0.5 e^(-1). */
static void check_mm1(void)
{
    cap_erlang q = cap_erlang_queue(30.0, 1.0, 1, 2.0);
    CHECK_NEAR(q.wait_probability, 0.5, 1e-12);
    CHECK_NEAR(q.mean_wait, 1.0, 1e-12);
    CHECK_NEAR(q.service_level, 1.0 - 0.5 * exp(-1.0), 1e-12);
    /* No arrivals: nobody waits, everyone is within target. */
    q = cap_erlang_queue(0.0, 3.0, 2, 0.0);
    CHECK_INT(q.stable, 1);
    CHECK_NEAR(q.wait_probability, 0.0, 0);
    CHECK_NEAR(q.service_level, 1.0, 0);
    CHECK_NEAR(q.mean_wait, 0.0, 0);
}

/* Thousands of servers: a^c / c! would overflow a double past c = 170,
 * so these only work if the recursion never forms it. */
static void check_large(void)
{
    static const struct {
        int c;
        double a;
    } cases[] = {{1000, 950.0}, {1000, 990.0}, {5000, 4950.0}, {5000, 4990.0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = cap_erlang_c(cases[i].c, cases[i].a);
        CHECK(isfinite(got) && got > 0.0 && got < 1.0);
        CHECK_NEAR(got, logsum_c(cases[i].c, cases[i].a), 1e-9);
    }
    /* B(1000, 1000) = 0.0248119... (log-space sum). */
    double b = cap_erlang_b(1000, 1000.0);
    CHECK(isfinite(b) && b > 0.0 && b < 1.0);
    CHECK_NEAR(b, logsum_b(1000, 1000.0), 1e-9);
}

static void check_unstable(void)
{
    CHECK_NEAR(cap_erlang_c(3, 3.0), CAP_ERLANG_UNSTABLE, 0);
    CHECK_NEAR(cap_erlang_c(2, 5.0), CAP_ERLANG_UNSTABLE, 0);
    CHECK_NEAR(cap_erlang_c(0, 0.0), CAP_ERLANG_UNSTABLE, 0);
    CHECK_NEAR(cap_erlang_c(-1, 0.5), CAP_ERLANG_UNSTABLE, 0);
    /* 200/h x 3 min = 10 Erlangs on 10 agents: the queue grows forever. */
    cap_erlang q = cap_erlang_queue(200.0, 3.0, 10, 20.0 / 60.0);
    CHECK_INT(q.stable, 0);
    CHECK_NEAR(q.wait_probability, CAP_ERLANG_UNSTABLE, 0);
    CHECK_NEAR(q.service_level, CAP_ERLANG_UNSTABLE, 0);
    CHECK_NEAR(q.mean_wait, CAP_ERLANG_UNSTABLE, 0);
    CHECK_NEAR(q.occupancy, 1.0, 1e-12);
    q = cap_erlang_queue(200.0, 3.0, 8, 20.0 / 60.0);
    CHECK_INT(q.stable, 0);
    CHECK_NEAR(q.occupancy, 1.25, 1e-12);
    q = cap_erlang_queue(200.0, 3.0, 0, 20.0 / 60.0);
    CHECK_INT(q.stable, 0);
    CHECK_NEAR(q.occupancy, CAP_ERLANG_UNSTABLE, 0);
}

/* Each extra agent at 10 Erlangs lowers the chance of waiting
 * (0.682 at 11 agents, 0.449 at 12, ... 2.6e-7 at 30). */
static void check_monotone(void)
{
    double prev = cap_erlang_c(11, 10.0);
    for (int c = 12; c <= 30; c++) {
        double now = cap_erlang_c(c, 10.0);
        CHECK(now > 0.0 && now < prev);
        prev = now;
    }
}

int main(void)
{
    check_by_hand();
    check_tables();
    check_call_centre();
    check_mm1();
    check_large();
    check_unstable();
    check_monotone();
    return check_summary();
}
