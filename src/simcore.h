/* simcore.h - the parts of the simulation its own modules share (not for
 * use outside arrivals.c, sim.c, search.c, simbatch.c and stationary.c).
 *
 * arrivals.c: random streams, the quarter's time line, the world every
 * partner shares (zones, SLA clocks, arrival shapes) and each partner's
 * tickets and tasks per replication.  sim.c: one candidate FTE of one role
 * run on those jobs.  search.c: the SLA search over candidates.
 * simbatch.c: many partners sized on a few threads.
 */
#ifndef CAP_SIMCORE_H
#define CAP_SIMCORE_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdint.h>

#include "calendar.h"
#include "coverage.h"
#include "queue.h"
#include "sim.h"
#include "tz.h"

#define CAP_WEEKS_PER_MONTH (365.25 / 7.0 / 12.0)

void *cap_must(void *p); /* aborts when out of memory */

/* The stream of replication rep of unit `unit` (a partner): a function of
 * the seed and the two indices only. */
gsl_rng *cap_stream(unsigned long seed, size_t unit, size_t rep);
/* The same seeding for a generator of another GSL type (cap_stream is
 * MT19937). */
gsl_rng *cap_stream_of(const gsl_rng_type *type, unsigned long seed,
                       size_t unit, size_t rep);

typedef struct {
    cap_job *job;
    size_t n, cap;
} cap_job_list;

/* The run's time line: warm-up, the quarter, then a drain. */
typedef struct {
    int64_t start_utc;   /* minute 0: warm-up start, 00:00 UTC */
    double from, to;     /* measured minutes: the quarter */
    size_t hours;        /* hours with arrivals: to / 60 */
    double weeks;        /* measured weeks */
    /* hour of the roster's week (home zone wall clock) of every run hour,
     * through the drain; what the queue's shifts look up */
    unsigned char *how;
    size_t how_hours;
} cap_timeline;

struct cap_sim_world {
    const cap_model *m;
    cap_timeline tl;
    cap_tz_set zones;
    cap_clock **clock;      /* business clock per zone (NULL until needed) */
    double **shape;         /* per zone x CAP_SHAPES: cumulative weeks */
    gsl_ran_discrete_t *category;
    unsigned long seed;
    int replications, threads;
    int max_replications;   /* replications x the model's factor */
    cap_queue_rules triage; /* first-response minutes per severity */
    const cap_queue_rules *rules; /* &triage, or NULL: start of work */
};

enum { CAP_TASK_SHAPE = CAP_SEVERITIES, CAP_SHAPES = CAP_SEVERITIES + 1 };

/* Tickets and tasks of one replication, per team. */
typedef struct {
    cap_job_list q[CAP_ROLES];  /* CSM team; technical support (P-TAM) */
    double technical_minutes;   /* ticket work reaching support, measured */
    double work_minutes[CAP_ROLES]; /* handle minutes of each team's measured jobs */
    size_t bytes;               /* of all its jobs, kept or not */
    int kept;                   /* q holds the jobs (else drawn again when needed) */
} cap_rep_jobs;

/* The most bytes of jobs a run keeps between candidates.  Every
 * candidate FTE is run on the same replications (common random numbers);
 * keeping them saves drawing them again, but a partner of a million
 * customers would keep gigabytes.  Replications past this are drawn again
 * hour by hour from their own streams whenever a candidate runs them: the
 * same jobs, so the same answers, with memory bounded by this plus, per
 * thread, the open tickets and one hour's arrivals.  Partners sized side
 * by side share it out (simbatch.c). */
#define CAP_JOB_KEEP_BYTES ((size_t)64 << 20)

/* What one partner's run may use: threads for its replications (1 when
 * partners run side by side) and bytes of jobs to keep.  Neither changes
 * a result. */
typedef struct {
    int threads;
    size_t keep_bytes;
} cap_run_budget;

typedef struct {
    cap_sim_world *w;
    const cap_partner_staffing *ps;
    size_t index;                /* partner index: names its streams */
    cap_segment *segs;
    size_t seg_count;
    unsigned short *seg_clock;   /* CSM team's clock per segment */
    unsigned short support_clock;
    double task_per_week[CAP_ROLES]; /* per customer (CSM), per team (TAM) */
    cap_rep_jobs *reps;          /* w->max_replications slots */
    int generated;               /* replications generated so far */
    size_t kept_bytes;           /* of the kept replications' jobs */
    cap_run_budget budget;       /* w->threads, CAP_JOB_KEEP_BYTES unless set */
} cap_partner_run;

void cap_partner_run_init(cap_partner_run *pr, cap_sim_world *w,
                          const cap_partner_staffing *ps, size_t index,
                          int quarter);
void cap_partner_run_free(cap_partner_run *pr);
/* Generates replications up to n (each from its own stream), a few at a
 * time: their sums, and their jobs while they fit in
 * pr->budget.keep_bytes. */
void cap_partner_run_generate(cap_partner_run *pr, int n);
void cap_rep_jobs_clear(cap_rep_jobs *r);

/* The jobs of one partner replication, drawn lazily hour by hour from
 * its one stream (cap_stream(seed, partner, rep)).  Each Poisson process
 * (per segment: its four severities' tickets, then its CSM tasks when the
 * CSM is active; then the TAM's tasks) holds its next event, already
 * drawn.  For run hour h = 0, 1, ... every process in that order emits
 * its events falling in h (drawing each ticket's category, handle time
 * and escalation as it is emitted) and draws its next one (a heap of the
 * processes by their next event's hour skips the hours without any).  The hour's
 * jobs are then put in queue order (arrival, severity, order of drawing).
 * The draws do not depend on which teams are handed out, so every
 * reader of a replication gets the same jobs; memory is the processes
 * and one hour's jobs. */
typedef struct cap_arrivals cap_arrivals;

typedef struct {
    double technical_minutes;       /* as cap_rep_jobs', over the hours drawn */
    double work_minutes[CAP_ROLES];
} cap_arrival_sums;

/* Replication rep of pr, handing out the jobs of the teams in `roles`
 * (bit r for team r).  The caller frees it with cap_arrivals_free. */
cap_arrivals *cap_arrivals_new(const cap_partner_run *pr, size_t rep, unsigned roles);
void cap_arrivals_free(cap_arrivals *a);
/* Draws the next run hour with arrivals (of any team); returns 0 when
 * none is left. */
int cap_arrivals_next_hour(cap_arrivals *a);
/* Team role's jobs of the hour last drawn, in queue order (owned by a,
 * valid until the next hour). */
const cap_job_list *cap_arrivals_jobs(const cap_arrivals *a, cap_role role);
cap_arrival_sums cap_arrivals_sums(const cap_arrivals *a);

/* Team role's jobs of generated replication rep as a queue's source: the
 * kept ones, else drawn again hour by hour (thread-safe).  Close it with
 * cap_rep_source_close. */
typedef struct {
    const cap_job_list *kept;
    cap_arrivals *arrivals;
    cap_role role;
    size_t next;
} cap_rep_source;

cap_job_source cap_rep_source_open(cap_rep_source *s, const cap_partner_run *pr,
                                   int rep, cap_role role);
void cap_rep_source_close(cap_rep_source *s);

/* First response of job j started at `start`, on the job's SLA clock. */
double cap_job_response(const cap_sim_world *w, const cap_job *j, double start);

/* The shifts a roster gives on the world's time line. */
cap_shifts cap_world_shifts(const cap_sim_world *w, const double *present);

/* Builds the business clocks partner ps's jobs use in quarter `quarter`
 * (cap_partner_run_init builds any missing one, which writes w).  Once
 * every partner of a batch is prepared, running them only reads w, so
 * they may run on several threads. */
void cap_sim_world_prepare(cap_sim_world *w, const cap_partner_staffing *ps,
                           int quarter);

/* cap_sim_partner_size() within budget b (search.c). */
void cap_sim_partner_size_within(cap_sim_world *w,
                                 const cap_partner_staffing *ps, size_t index,
                                 int quarter, cap_run_budget b,
                                 cap_sim_partner *out);

/* ---- one candidate FTE of one role (sim.c) ---- */

typedef struct {
    double tickets[CAP_SEVERITIES], attainment[CAP_SEVERITIES];
    double p50[CAP_SEVERITIES], p90[CAP_SEVERITIES], p99[CAP_SEVERITIES];
    double utilization, backlog;
} cap_rep_result;

typedef struct {
    double fte;
    double present[CAP_WEEK_HOURS]; /* its roster */
    double gap_hours;
    cap_rep_result *result;      /* w->max_replications slots */
    int done;                    /* replications run so far */
} cap_candidate;

/* What role's team needs per hour of the roster's week: the expected
 * tickets, tasks and work routed to it over the quarter. */
void cap_partner_need(const cap_partner_run *pr, cap_role role, cap_need *out);

/* A candidate at fte, its roster laid by need (nothing run yet). */
cap_candidate *cap_candidate_new(const cap_partner_run *pr, cap_role role,
                                 const cap_need *need, double fte);
void cap_candidate_free(cap_candidate *c);
/* Runs the candidate's replications up to n (generating their jobs). */
void cap_candidate_run(cap_partner_run *pr, cap_role role, cap_candidate *c,
                       int n);
/* The figures over the candidate's first n replications. */
void cap_candidate_figures(const cap_partner_run *pr, cap_role role,
                           const cap_candidate *c, int n, cap_sla_role *out);

#endif
