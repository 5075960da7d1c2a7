/* erlang.h - the Erlang C formula for an M/M/c queue (SPEC section 4,
 * "Analytic check").
 *
 * Computed from the Erlang B recursion B(0) = 1,
 * B(k) = a B(k-1) / (k + a B(k-1)), which never forms a factorial or a
 * power and stays exact to rounding for thousands of servers; then
 * C = c B / (c - a (1 - B)).  Offered load a = arrivals per hour x mean
 * handle time in hours (Erlangs).  A queue is stable only when c > a: for
 * c <= a the functions report CAP_ERLANG_UNSTABLE instead of a number.
 */
#ifndef CAP_ERLANG_H
#define CAP_ERLANG_H

/* Returned for a queue whose servers do not exceed the offered load. */
#define CAP_ERLANG_UNSTABLE (-1.0)

typedef struct {
    int stable;            /* servers > offered load */
    double offered_load;   /* a, Erlangs */
    double wait_probability;   /* C(c, a): an arrival has to wait */
    double service_level;  /* P(wait <= target) */
    double mean_wait;      /* minutes, over all arrivals */
    double occupancy;      /* a / c (may exceed 1 when unstable);
                              CAP_ERLANG_UNSTABLE when c <= 0 */
} cap_erlang;

/* Erlang B blocking probability B(c, a) for c >= 0 servers, a >= 0.
 * With no servers every arrival is blocked: B = 1 for c <= 0. */
double cap_erlang_b(int servers, double offered_load);

/* Erlang C wait probability C(c, a), or CAP_ERLANG_UNSTABLE when
 * c <= a or c <= 0.  C = 0 when a = 0 and c >= 1. */
double cap_erlang_c(int servers, double offered_load);

/* Everything about a stationary queue: arrivals per hour, mean handle
 * minutes, servers and a first-response target in minutes.  When the
 * queue is unstable, stable = 0 and the probabilities and mean wait are
 * CAP_ERLANG_UNSTABLE; offered_load and occupancy are still filled in. */
cap_erlang cap_erlang_queue(double arrivals_per_hour, double handle_minutes,
                            int servers, double target_minutes);

#endif
