/* sla.h - what the simulation measures and decides for one team (SPEC
 * section 4 "Metrics" and "Sizing"), as plain results.
 *
 * The simulation fills these and hands them back; one step in staffing
 * (cap_staffing_apply_sim) takes them.  Nothing here calls back into the
 * staffing or the simulation.  cap_sla_meets() is the only place that
 * decides whether figures meet the goals.
 */
#ifndef CAP_SLA_H
#define CAP_SLA_H

#include <stddef.h>

#include "erlang.h"
#include "model.h"
#include "week.h"

/* A mean over replications, its standard error and the half-width of its
 * 95% confidence interval (Student t with R - 1 degrees of freedom; 0
 * when R = 1). */
typedef struct {
    double mean, half, se;
} cap_estimate;

/* Mean, standard error and 95% half-width of x[0..n). */
cap_estimate cap_estimate_of(const double *x, size_t n);

typedef struct {
    cap_estimate tickets;      /* per replication, measured period */
    cap_estimate attainment;   /* share answered within target; mean -1
                                  when no replication had a ticket */
    cap_estimate p50, p90, p99;/* first response, minutes on the plan clock */
    double goal;               /* attainment goal of the model */
    double target_minutes;     /* the team tier's target */
    /* Erlang C service level at the target, weighted by expected arrivals
     * over the hours of the week where servers > offered load; -1 when no
     * hour qualifies. */
    double erlang_attainment;
} cap_sla_severity;

/* One hour of the roster's week (home zone wall clock, Monday 00:00). */
typedef struct {
    double arrivals_per_hour;  /* expected tickets and tasks */
    double handle_minutes;     /* their mean handle time */
    double servers;            /* people present (roster) */
    cap_erlang erlang;         /* for whole servers present */
} cap_erlang_hour;

typedef struct cap_sla_role {
    double fte;                /* the FTE these figures belong to */
    cap_plan tier;             /* the team's SLA tier */
    int replications;          /* replications behind the figures */
    cap_sla_severity severity[CAP_SEVERITIES];
    cap_estimate utilization;  /* busy minutes / present minutes */
    cap_estimate backlog;      /* tickets waiting at the end of the quarter */
    double gap_hours;          /* window hours per week with nobody present */
    double work_hours_month;   /* simulated work reaching the team, per month
                                  (tickets and no-SLA tasks) */
    int meets;                 /* cap_sla_meets() of these figures */
    double confidence;         /* cap_sla_confidence() of that call */
    int met_at_recommended;    /* the search found an FTE that meets: 0
                                  only when it gave up at its limit */
    int unstable_hours;        /* loaded hours with servers <= offered load */
    /* CAP_WEEK_HOURS hours (owned), or NULL: only the staffed figures get
     * them (12 KiB a team), and only quarter 0 keeps them past its sizing,
     * for the staffing workbook's Erlang C sheet (horizon.h) */
    cap_erlang_hour *hour;
} cap_sla_role;

/* Attainment `attainment` meets `goal`: attainment >= goal (to 1e-12, the
 * rounding of a mean of shares). */
int cap_goal_met(double attainment, double goal);

/* Every severity with tickets meets its goal (cap_goal_met of the mean)
 * and the mean utilization is at most the model's cap. */
int cap_sla_meets(const cap_model *m, const cap_sla_role *r);

/* How sure the call cap_sla_meets(r) is: the normal probability that the
 * true value lies on the same side of its limit as the mean, for the
 * figure that decides the call (the least sure one when every figure
 * meets, the surest failing one otherwise).  1 when no figure varies. */
double cap_sla_confidence(const cap_model *m, const cap_sla_role *r);

/* The simulation's answer for one role of one partner. */
typedef struct {
    int simulated;             /* 0: the role is not staffed */
    double fte;                /* the search's answer: the smallest FTE in
                                  steps from the rule FTE that meets, or the
                                  search's limit */
    int met;                   /* the answer meets every goal */
    int decided_at_replications; /* the most replications any call of the
                                  search needed (more where the figure was
                                  too close to its goal) */
    double confidence;         /* the lesser of the calls at the answer and
                                  one step below it */
    cap_sla_role *staffed;     /* figures at the staffed FTE (owned) */
    cap_sla_role *answer;      /* figures at the answer (owned) */
    cap_sla_role *below;       /* one step below the answer (owned); NULL
                                  when the answer is the rule FTE */
} cap_sim_role;

typedef struct {
    double technical_hours_month; /* simulated work reaching technical
                                     support, per month */
    cap_sim_role role[CAP_ROLES];
} cap_sim_partner;

/* Frees r and its hours (r may be NULL). */
void cap_sla_role_free(cap_sla_role *r);

/* Frees what r owns and zeroes it. */
void cap_sim_role_clear(cap_sim_role *r);

#endif
