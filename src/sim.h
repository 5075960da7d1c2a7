/* sim.h - the ticket-load simulation and SLA sizing (SPEC section 4 and
 * section 2 item 7).
 *
 * A world holds what every partner of one quarter shares (time line,
 * zones, SLA clocks, arrival shapes).  cap_sim_partner_size() simulates
 * the tickets one partner's customers raise over the quarter (after a
 * warm-up), queues them on each active team's roster, measures first
 * response on each plan's SLA clock, and searches for the smallest FTE in
 * steps from the rule FTE that meets every attainment goal and the
 * utilization cap, on common random numbers (every candidate FTE sees the
 * same tickets).  It changes nothing: it returns a cap_sim_partner (sla.h)
 * that cap_staffing_apply_sim() applies.
 *
 * Replication k of partner i draws from its own GSL stream seeded from
 * (seed, i, k), so results do not depend on the thread count.
 */
#ifndef CAP_SIM_H
#define CAP_SIM_H

#include "calendar.h"
#include "erlang.h"
#include "model.h"
#include "portfolio.h"
#include "sla.h"
#include "staffing.h"

typedef void (*cap_progress_fn)(void *ctx, long done, long total);

typedef struct {
    unsigned long seed;
    int replications;          /* >= 1 */
    int threads;               /* >= 1 */
    cap_progress_fn progress;  /* may be NULL; one call at a time, any thread */
    void *progress_ctx;
} cap_sim_options;

typedef struct cap_sim_world cap_sim_world;

/* The world of the quarter starting at quarter_start, for the zones of p.
 * Builds its time zones on the calling thread.  Returns NULL and sets err
 * only for resources (an unknown zone is caught when the portfolio is
 * validated). */
cap_sim_world *cap_sim_world_new(const cap_portfolio *p, const cap_model *m,
                                 cap_date quarter_start,
                                 const cap_sim_options *o, cap_error *err);
void cap_sim_world_free(cap_sim_world *w);

/* Simulates and sizes partner ps (index `index` of the portfolio, which
 * names its random streams) in quarter `quarter`; out owns its figures
 * until they are applied (or cap_sim_role_clear). */
void cap_sim_partner_size(cap_sim_world *w, const cap_partner_staffing *ps,
                          size_t index, int quarter, cap_sim_partner *out);

/* One partner-quarter for cap_sim_size_all: partner ps (index `index`
 * of the portfolio) in quarter `quarter`, whose world is w. */
typedef struct {
    cap_sim_world *w;
    const cap_partner_staffing *ps;
    size_t index;
    int quarter;
} cap_sim_item;

/* cap_sim_partner_size() of every item into out[i] (n slots), on up to
 * so->threads threads: whole items side by side when there are at least
 * as many as threads (largest first; the threads then meet once, not at
 * every candidate of every search), else one after another with each
 * one's replications in parallel.  out is the same for any thread count.
 * so->progress, when set, is called once per item finished with done =
 * before + items finished so far (rising by one each call) and `total`,
 * one call at a time, from whichever thread finished it. */
void cap_sim_size_all(const cap_sim_item *items, size_t n,
                      const cap_sim_options *so, long before, long total,
                      cap_sim_partner *out);

/* Takes item i's result and owns its figures (also when it fails); a
 * non-OK status stops the sizing. */
typedef cap_status (*cap_sim_take_fn)(void *ctx, size_t i, cap_sim_partner *res);

/* cap_sim_size_all() over `slice` items at a time (no progress), each
 * slice's results handed to take in index order on the calling thread: for
 * callers that use a result and let it go (shards, the backtest), so that
 * at most `slice` results are held.  Returns take's first non-OK status
 * (the results not taken are freed), else CAP_OK. */
cap_status cap_sim_size_each(const cap_sim_item *items, size_t n,
                             const cap_sim_options *so, size_t slice,
                             cap_sim_take_fn take, void *ctx);

/* The Erlang C hours of figures r of role `role` of partner ps (index
 * `index`, quarter `quarter`) at r->fte, with its unstable hours and
 * Erlang C attainments: what cap_sim_partner_size() puts beside the
 * staffed figures, a function of the inputs, recomputed for figures read
 * back from a shard (capplan merge). */
void cap_sim_erlang_hours(cap_sim_world *w, const cap_partner_staffing *ps,
                          size_t index, int quarter, cap_role role,
                          cap_sla_role *r);

/* A stationary 24x7 queue with exponential handle times and constant
 * staff (capplan queue): the same engine as the portfolio run. */
typedef struct {
    double arrivals_per_hour;
    double handle_minutes;
    int servers;
    double target_minutes;
    double hours;              /* measured hours per replication */
    double warmup_hours;       /* simulated first and discarded */
} cap_queue_spec;

typedef struct {
    cap_erlang erlang;         /* the analytic answer */
    int replications;
    cap_estimate tickets;      /* per replication, measured */
    cap_estimate wait_probability; /* share of tickets that waited */
    cap_estimate service_level;    /* share with wait <= target */
    cap_estimate mean_wait;        /* minutes */
    cap_estimate occupancy;        /* busy / present */
} cap_queue_result;

cap_status cap_queue_simulate(const cap_queue_spec *q, const cap_sim_options *o,
                              cap_queue_result *out, cap_error *err);

/* First response of a ticket that arrived at minute `arrival` and was
 * started at `start` (minutes since the clock's start; start < 0: never,
 * INFINITY): business minutes on clock c, or wall-clock minutes when c is
 * NULL (24x7 plans).  Fractions of a minute count when the minute is open. */
double cap_first_response_minutes(const cap_clock *c, double arrival,
                                  double start);

#endif
