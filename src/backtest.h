/* backtest.h - the calibrated model proved on the export's own history
 * (issue 13: `capplan calibrate ... --team TEAM.ini`).
 *
 * Observed: per plan and severity, the share of the export's tickets with
 * a first reply that were answered within the plan's first-response
 * target (SPEC section 4 table): wall-clock minutes on a 24x7 plan,
 * business minutes of the model's home window (US federal holidays
 * closed) for a business-hours plan, with the exact (Clopper-Pearson) 95%
 * interval of a binomial share.
 *
 * Simulated: the team of TEAM.ini (team.h) run by the simulation (sim.h)
 * with the calibrated model over the export's period, in quarters from
 * its first month (a period that is not whole quarters is simulated to
 * the end of its last quarter; quarter k on seed + k so quarters are
 * independent).  Per severity: each team's mean attainment at its
 * staffed FTE, weighted by its simulated tickets, with the 95% interval
 * of that mean across replications where 95% of
 * simulated periods land: the ticket-weighted mean +- 1.96 standard
 * deviations of one replication's attainment over the period (teams and
 * quarters independent).  That is the spread a real period shows, which
 * the one observed period is compared with.  The simulation measures a team's
 * tickets per severity, not per plan, so plans are compared on the
 * observed side only.
 *
 * A severity disagrees when the two intervals do not overlap or the
 * difference exceeds the model's [calibrate] backtest_max_difference; with
 * fewer observed tickets than [calibrate] min_tickets only the intervals
 * count (a difference of a few tickets says little).
 */
#ifndef CAP_BACKTEST_H
#define CAP_BACKTEST_H

#include "calibrate.h"
#include "error.h"
#include "helpdesk.h"
#include "model.h"
#include "portfolio.h"
#include "sim.h"

typedef struct {
    int tickets;               /* with a first reply */
    int met;                   /* answered within the target */
    double share, lo, hi;      /* met / tickets, 95% interval; -1 without
                                  tickets */
    int few;                   /* fewer tickets than [calibrate] min_tickets */
} cap_bt_observed;

typedef enum { CAP_BT_NO_DATA, CAP_BT_AGREE, CAP_BT_DISAGREE } cap_bt_verdict;

typedef struct {
    cap_bt_observed observed;
    double sim_tickets;        /* simulated over the period, mean */
    double sim, sim_lo, sim_hi;/* simulated attainment and where 95% of
                                  simulated periods land; -1 without
                                  simulated tickets */
    double difference;         /* sim - observed share */
    int overlap;               /* the intervals overlap */
    cap_bt_verdict verdict;
    char sentence[480];        /* one sentence for every report */
} cap_bt_row;

typedef struct {
    char team[512];            /* the team file, for messages */
    double threshold;          /* [calibrate] backtest_max_difference */
    int min_tickets;           /* [calibrate] min_tickets */
    unsigned long seed;
    int replications;
    int quarters;              /* simulated */
    char sim_from[16], sim_to[16]; /* simulated period, end exclusive */
    cap_bt_row sev[CAP_SEVERITIES];
    cap_bt_observed plan[CAP_PLANS][CAP_SEVERITIES];
    int disagreements;
    /* "" or the partners whose customers are on other plans than their
     * tam_tier (the simulation holds their support tickets to tam_tier's
     * targets): one sentence without its full stop */
    char tier_note[480];
} cap_backtest;

/* Counts the observed attainment of x's tickets (orgs give each ticket's
 * plan) into bt->plan and bt->sev[].observed.  CAP_ERR_INPUT when the
 * home zone of m is unknown (a model error caught earlier in practice). */
cap_status cap_backtest_observe(const cap_model *m, const cap_org_table *orgs,
                                const cap_hd_export *x, cap_backtest *bt,
                                cap_error *err);

/* CAP_ERR_MODEL, naming m's file, when m has no [calibrate]
 * backtest_max_difference: checked before any input is read. */
cap_status cap_backtest_check_model(const cap_model *m, cap_error *err);

/* Simulates team (customers from the organizations, team.h) with the
 * calibrated model over c's period, fills the simulated columns and
 * compares.  CAP_ERR_MODEL when calibrated has no [calibrate]
 * backtest_max_difference. */
cap_status cap_backtest_simulate(const cap_model *calibrated,
                                 cap_portfolio *team, const cap_calibration *c,
                                 const cap_sim_options *o, cap_backtest *bt,
                                 cap_error *err);

/* Fills each severity's difference, overlap, verdict and sentence from
 * its observed and simulated figures, bt->threshold and bt->min_tickets,
 * and counts the disagreements. */
void cap_backtest_compare(cap_backtest *bt);

/* The Clopper-Pearson 95% interval of met successes in n trials (-1, -1
 * for n = 0); CAP_ERR_INTERNAL when GSL gives no quantile. */
cap_status cap_bt_interval(int met, int n, double *lo, double *hi,
                           cap_error *err);

#endif
