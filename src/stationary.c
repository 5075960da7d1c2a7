/* stationary.c - a stationary 24x7 queue (capplan queue) on the same
 * engine as the portfolio run. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#include "pool.h"
#include "simcore.h"

typedef struct {
    const cap_queue_spec *q;
    unsigned long seed;
    double present[CAP_WEEK_HOURS];
    double *tickets, *waited, *level, *wait, *occupancy;
} stationary;

static void stationary_rep(void *ctx, size_t rep)
{
    stationary *sq = ctx;
    const cap_queue_spec *q = sq->q;
    gsl_rng *rng = cap_stream(sq->seed, 0, rep);
    cap_job_list l = {NULL, 0, 0};
    double end = (q->warmup_hours + q->hours) * 60, from = q->warmup_hours * 60;
    double rate = q->arrivals_per_hour / 60.0;
    for (double t = gsl_ran_exponential(rng, 1 / rate); rate > 0 && t < end;
         t += gsl_ran_exponential(rng, 1 / rate)) {
        cap_job j = {t, gsl_ran_exponential(rng, q->handle_minutes),
                     (float)q->target_minutes, 0, 0};
        cap_job_push(&l, j);
    }
    double *start = cap_must(malloc((l.n + 1) * sizeof *start));
    cap_shifts shifts = {sq->present, NULL, 0, 0};
    cap_queue_stats st;
    if (cap_queue_serve(l.job, l.n, &shifts, NULL, from, end, start, &st))
        abort();
    double n = 0, waited = 0, met = 0, wait = 0;
    for (size_t k = 0; k < l.n; k++) {
        if (l.job[k].arrival < from)
            continue;
        double w = start[k] < 0 ? INFINITY : start[k] - l.job[k].arrival;
        n++;
        waited += w > 1e-9;
        met += w <= q->target_minutes;
        wait += w;
    }
    sq->tickets[rep] = n;
    sq->waited[rep] = n ? waited / n : 0;
    sq->level[rep] = n ? met / n : 1;
    sq->wait[rep] = n ? wait / n : 0;
    sq->occupancy[rep] = st.present_minutes > 0 ? st.busy_minutes / st.present_minutes : 0;
    free(start);
    free(l.job);
    gsl_rng_free(rng);
}

cap_status cap_queue_simulate(const cap_queue_spec *q, const cap_sim_options *o,
                              cap_queue_result *out, cap_error *err)
{
    (void)err;
    size_t n = (size_t)o->replications;
    stationary sq = {q, o->seed, {0}, NULL, NULL, NULL, NULL, NULL};
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        sq.present[h] = q->servers;
    double *all = cap_must(calloc(5 * n, sizeof *all));
    sq.tickets = all;
    sq.waited = all + n;
    sq.level = all + 2 * n;
    sq.wait = all + 3 * n;
    sq.occupancy = all + 4 * n;
    cap_parallel_for(n, o->threads, stationary_rep, &sq);
    out->erlang = cap_erlang_queue(q->arrivals_per_hour, q->handle_minutes,
                                   q->servers, q->target_minutes);
    out->replications = (int)n;
    out->tickets = cap_estimate_of(sq.tickets, n);
    out->wait_probability = cap_estimate_of(sq.waited, n);
    out->service_level = cap_estimate_of(sq.level, n);
    out->mean_wait = cap_estimate_of(sq.wait, n);
    out->occupancy = cap_estimate_of(sq.occupancy, n);
    free(all);
    return CAP_OK;
}
