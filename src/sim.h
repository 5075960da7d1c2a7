/* sim.h - the ticket-load simulation and SLA sizing (SPEC section 4 and
 * section 2 item 7).
 *
 * cap_simulate() takes one quarter's rule results and, per partner and
 * active role, simulates the tickets the partner's customers raise over
 * the quarter (after a warm-up), queues them on the team's roster and
 * measures first response on each plan's SLA clock.  It then sizes the
 * team: the smallest FTE in steps at or above the rule FTE that meets every
 * attainment goal and the utilization cap, found on common random numbers
 * (every candidate FTE sees the same tickets).  Results go into the
 * staffing (recommended FTE, binding `sla`, warnings, roster, costs) and
 * into role.sla, measured at the staffed FTE.
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
#include "staffing.h"

/* A mean over replications and the half-width of its 95% confidence
 * interval (Student t with R - 1 degrees of freedom; 0 when R = 1). */
typedef struct {
    double mean, half;
} cap_estimate;

typedef struct {
    cap_estimate tickets;      /* per replication, measured period */
    cap_estimate attainment;   /* share answered within target */
    cap_estimate p50, p90, p99;/* first response, minutes on the plan clock */
    double goal;               /* attainment goal of the model */
    double target_minutes;     /* the team tier's target */
    /* Erlang C service level at the target, weighted by expected arrivals
     * over the hours of the week where servers > offered load; -1 when no
     * hour qualifies. */
    double erlang_attainment;
} cap_sla_severity;

/* One UTC hour of the reference week (Monday 00:00 UTC), stationary. */
typedef struct {
    double arrivals_per_hour;  /* expected tickets and tasks */
    double handle_minutes;     /* their mean handle time */
    double servers;            /* people present (roster) */
    cap_erlang erlang;         /* for whole servers present */
} cap_erlang_hour;

typedef struct cap_sla_role {
    double fte;                /* the staffed FTE these figures belong to */
    cap_plan tier;             /* the team's SLA tier */
    int replications;
    cap_sla_severity severity[CAP_SEVERITIES];
    cap_estimate utilization;  /* busy minutes / present minutes */
    cap_estimate backlog;      /* tickets waiting at the end of the quarter */
    double gap_hours;          /* window hours per week with nobody present */
    double work_hours_month;   /* simulated work reaching the team, per month
                                  (tickets and no-SLA tasks) */
    int meets;                 /* every goal and the utilization cap met at
                                  fte: each attainment mean >= its goal,
                                  utilization mean <= the cap (1e-12 slack) */
    int met_at_recommended;    /* the same at the recommended FTE: 0 only
                                  when the search gave up */
    int unstable_hours;        /* loaded hours with servers <= offered load */
    cap_erlang_hour hour[CAP_WEEK_HOURS];
} cap_sla_role;

typedef void (*cap_progress_fn)(void *ctx, long done, long total);

typedef struct {
    unsigned long seed;
    int replications;          /* >= 1 */
    int threads;               /* >= 1 */
    cap_progress_fn progress;  /* may be NULL; called on the main thread */
    void *progress_ctx;
} cap_sim_options;

/* Simulates quarter s->quarter of p and sizes every active role of every
 * partner (see above).  Builds its time zones on the calling thread before
 * any worker starts.  Returns an error only for resources (an unknown zone
 * is caught when the portfolio is validated). */
cap_status cap_simulate(cap_staffing *s, const cap_portfolio *p,
                        const cap_model *m, const cap_sim_options *o,
                        cap_error *err);

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

/* Mean and 95% half-width of x[0..n). */
cap_estimate cap_estimate_of(const double *x, size_t n);

#endif
