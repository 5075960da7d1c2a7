/* queue.h - one team's queue: tickets and tasks served by the people a
 * roster puts on shift (SPEC section 4 "Queue").
 *
 * Service is non-preemptive priority: whenever a person is free, the
 * waiting job of the highest priority (S1 first) that arrived first
 * starts.  A person leaving at the end of a shift finishes the job in hand
 * first.  Times are minutes since the run's start, which lies on a UTC
 * hour boundary.
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
    int backlog;             /* jobs waiting at `to` */
} cap_queue_stats;

/* Serves jobs (sorted by arrival) until all have started or nobody will
 * ever be on shift again; start[i] is when job i started (first
 * response), or a negative number when it never did.  Statistics cover
 * the measured period [from, to).  Returns 0, or -1 when out of memory. */
int cap_queue_serve(const cap_job *jobs, size_t n, const cap_shifts *shifts,
                    double from, double to, double *start,
                    cap_queue_stats *stats);

/* People on shift at minute t. */
int cap_shifts_at(const cap_shifts *shifts, double t);

#endif
