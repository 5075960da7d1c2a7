/* erlang.c - Erlang B and C for an M/M/c queue, by the B recursion. */
#include "erlang.h"

#include <math.h>

double cap_erlang_b(int servers, double offered_load)
{
    /* Each step keeps B in [0, 1], so nothing overflows however many
     * servers there are; a^c / c! would overflow a double near c = 170. */
    double b = 1.0;
    for (int k = 1; k <= servers; k++)
        b = offered_load * b / (k + offered_load * b);
    return b;
}

double cap_erlang_c(int servers, double offered_load)
{
    /* Written as !(c > a) so that a NaN load is unstable too. */
    if (servers <= 0 || !(servers > offered_load))
        return CAP_ERLANG_UNSTABLE;
    if (offered_load == 0.0)
        return 0.0;
    double b = cap_erlang_b(servers, offered_load);
    return servers * b / (servers - offered_load * (1.0 - b));
}

/* P(wait <= target): a caller who waits at all waits an exponential time
 * with rate (c - a) / h. */
static double service_level(double wait_probability, int servers, double load,
                            double handle_minutes, double target_minutes)
{
    if (wait_probability == 0.0)
        return 1.0; /* also keeps T / h = 0 / 0 out when h = 0 */
    return 1.0 - wait_probability *
                     exp(-(servers - load) * target_minutes / handle_minutes);
}

cap_erlang cap_erlang_queue(double arrivals_per_hour, double handle_minutes,
                            int servers, double target_minutes)
{
    cap_erlang q;
    q.offered_load = arrivals_per_hour * handle_minutes / 60.0;
    q.occupancy = servers > 0 ? q.offered_load / servers : CAP_ERLANG_UNSTABLE;
    q.wait_probability = cap_erlang_c(servers, q.offered_load);
    q.stable = q.wait_probability != CAP_ERLANG_UNSTABLE;
    if (!q.stable) {
        q.service_level = CAP_ERLANG_UNSTABLE;
        q.mean_wait = CAP_ERLANG_UNSTABLE;
        return q;
    }
    q.service_level = service_level(q.wait_probability, servers, q.offered_load,
                                    handle_minutes, target_minutes);
    q.mean_wait =
        q.wait_probability * handle_minutes / (servers - q.offered_load);
    return q;
}
