/* stationary.c - a stationary 24x7 queue (capplan queue): tickets drawn
 * and served one at a time as the clock advances, so a replication holds
 * the people's free times and running sums, never its tickets.
 *
 * One class of work on constant staff is FCFS, which fifo.h serves
 * exactly as the portfolio run's engine (queue.h) would, at O(log c) a
 * ticket instead of an event loop over every person. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#include "fifo.h"
#include "pool.h"
#include "simcore.h"

typedef struct {
    const cap_queue_spec *q;
    unsigned long seed;
    double *tickets, *waited, *level, *wait, *occupancy;
} stationary;

/* Running sums of the measured tickets of one replication. */
typedef struct {
    unsigned long long n, waited, met;
    double wait, busy;
} sums;

/* Minutes of [a, b) inside [from, to). */
static double overlap(double a, double b, double from, double to)
{
    double lo = a > from ? a : from, hi = b < to ? b : to;
    return hi > lo ? hi - lo : 0;
}

/* Draws arrival, handle time, next arrival, ... from the replication's
 * stream and serves each as it arrives.  Counts are integers: a double's
 * += of a comparison costs a conversion per ticket. */
static void serve_stream(const cap_queue_spec *q, gsl_rng *rng, cap_fifo *f,
                         sums *s)
{
    double end = (q->warmup_hours + q->hours) * 60, from = q->warmup_hours * 60;
    double rate = q->arrivals_per_hour / 60.0, mean_gap = 1 / rate;
    double target = q->target_minutes;
    for (double t = gsl_ran_exponential(rng, mean_gap); rate > 0 && t < end;
         t += gsl_ran_exponential(rng, mean_gap)) {
        double handle = gsl_ran_exponential(rng, q->handle_minutes);
        double start = cap_fifo_serve(f, t, handle);
        s->busy += overlap(start, start + handle, from, end);
        if (t < from)
            continue;
        double w = start - t;
        s->n++;
        s->waited += w > 1e-9;
        s->met += w <= target;
        s->wait += w;
    }
}

static void stationary_rep(void *ctx, size_t rep)
{
    stationary *sq = ctx;
    const cap_queue_spec *q = sq->q;
    /* taus2, not the portfolio run's MT19937: GSL's fastest generator of
     * simulation quality; MT's draws were a sixth of this loop's time
     * (perf), and the queue's tickets need not match the portfolio's */
    gsl_rng *rng = cap_stream_of(gsl_rng_taus2, sq->seed, 0, rep);
    cap_fifo *f = cap_must(cap_fifo_new(q->servers));
    sums s = {0, 0, 0, 0, 0};
    serve_stream(q, rng, f, &s);
    double present = (double)q->servers * q->hours * 60;
    double n = (double)s.n;
    sq->tickets[rep] = n;
    sq->waited[rep] = s.n ? (double)s.waited / n : 0;
    sq->level[rep] = s.n ? (double)s.met / n : 1;
    sq->wait[rep] = s.n ? s.wait / n : 0;
    sq->occupancy[rep] = present > 0 ? s.busy / present : 0;
    cap_fifo_free(f);
    gsl_rng_free(rng);
}

cap_status cap_queue_simulate(const cap_queue_spec *q, const cap_sim_options *o,
                              cap_queue_result *out, cap_error *err)
{
    (void)err;
    size_t n = (size_t)o->replications;
    stationary sq = {q, o->seed, NULL, NULL, NULL, NULL, NULL};
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
