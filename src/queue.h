/* queue.h - one team's queue: tickets and tasks served by the people a
 * roster puts on shift (SPEC section 4 "Queue").
 *
 * With triage (cap_queue_rules), a ticket's work is two pieces: triage
 * (the first triage[severity] minutes of its handle time) and the rest,
 * its resolution.  First response is the start of triage.  Whenever a
 * person is free the waiting piece of the highest class starts: S1
 * triage, S1 resolution, S2 triage, ... S4 resolution, then tasks without
 * an SLA; within a class, first come first served.  A triage that finds
 * nobody free pre-empts a person doing a task or the resolution of a
 * lower severity (a task first, else the lowest severity): they do the
 * triage and then resume.  Without triage (rules NULL) every job is one
 * piece and service is non-preemptive priority.  A person leaving at the
 * end of a shift finishes the piece in hand.  Times are minutes since the
 * run's start, which lies on an hour boundary.
 */
#ifndef CAP_QUEUE_H
#define CAP_QUEUE_H

#include <stddef.h>

#include "week.h"

enum { CAP_PRIORITIES = 5, CAP_PRIORITY_TASK = 4 }; /* 0..3 = S1..S4 */

typedef struct {
    double arrival;          /* minutes since the run's start */
    double handle;           /* minutes of work */
    float target;            /* first-response target, minutes on its clock */
    unsigned char priority;  /* 0..3 = S1..S4, CAP_PRIORITY_TASK: no SLA */
    unsigned short clock;    /* which SLA clock the caller measures on */
} cap_job;

/* People present over time: present[h] people in hour h of the roster's
 * week.  Run hour k (minutes 60k to 60k + 60) is hour how[k] of that week
 * for k < hours (the caller's wall clock, so clock changes move people);
 * later hours repeat the table's last week.  Without a table (how NULL)
 * run hour k is hour (first_hour + k) mod 168.  The fraction f of
 * present[h] is one more person for the first f x 60 minutes. */
typedef struct {
    const double *present;   /* CAP_WEEK_HOURS entries */
    const unsigned char *how;/* may be NULL */
    size_t hours;            /* entries of how; >= CAP_WEEK_HOURS */
    int first_hour;
} cap_shifts;

typedef struct {
    double busy_minutes;     /* work done inside [from, to) */
    double present_minutes;  /* people x minutes on shift in [from, to) */
    int backlog;             /* pieces of work waiting at `to` */
    size_t most_open;        /* the most jobs held at once: arrived and
                              * not finished (what a run's memory grows
                              * with, not the jobs it is given) */
} cap_queue_stats;

typedef struct {
    double triage[CAP_PRIORITY_TASK]; /* minutes per severity S1..S4 */
} cap_queue_rules;

/* Serves jobs (sorted by arrival) until all have started or nobody will
 * ever be on shift again; start[i] is when job i started (its triage with
 * rules, its work without: first response), or a negative number when it
 * never did.  Statistics cover the measured period [from, to).  Returns 0,
 * or -1 when out of memory. */
int cap_queue_serve(const cap_job *jobs, size_t n, const cap_shifts *shifts,
                    const cap_queue_rules *rules, double from, double to,
                    double *start, cap_queue_stats *stats);

/* A stream of jobs in arrival order (arrival never decreases): next()
 * writes the next job and returns 1, or returns 0 when there are no more.
 * What a streamed run holds is bounded by the jobs arrived and not yet
 * finished, not by how many the stream gives. */
typedef struct {
    int (*next)(void *ctx, cap_job *out);
    void *ctx;
} cap_job_source;

/* Told each job's first response once: seq is the job's place in the
 * source's order (0, 1, ...), start as cap_queue_serve's start[seq].
 * Called when the job starts (in the order the queue starts them); the
 * jobs that never start are told at the end, in arrival order. */
typedef struct {
    void (*started)(void *ctx, size_t seq, const cap_job *job, double start);
    void *ctx;
} cap_job_sink;

/* cap_queue_serve() on a stream: the same start times, told to sink
 * instead of written to an array.  It reads a job from src when the clock
 * reaches the one before it, and holds a job until its last piece is
 * finished.  Returns 0, or -1 when out of memory (some jobs may have been
 * told). */
int cap_queue_stream(const cap_job_source *src, const cap_shifts *shifts,
                     const cap_queue_rules *rules, double from, double to,
                     const cap_job_sink *sink, cap_queue_stats *stats);

/* People on shift at minute t. */
int cap_shifts_at(const cap_shifts *shifts, double t);

#endif
