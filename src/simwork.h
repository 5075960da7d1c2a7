/* simwork.h - the work a simulation will do, estimated from the portfolio
 * and the model before anything is simulated, so that a run that would
 * take hours is refused with a message instead of looking hung.
 *
 * A partner's work is the tickets its replications simulate: for each
 * quarter of the horizon, its customers x their plan's tickets per month
 * (all severities) x the months one replication covers (the model's
 * warm-up weeks and a 13-week quarter), times the replications.  The run
 * time grows with it: the queue pays O(log team) per ticket and the SLA
 * search tries O(log team) candidates.  The limit is the model's [limits]
 * max_simulated_tickets (README "Speed and memory"); without it, none.
 */
#ifndef CAP_SIMWORK_H
#define CAP_SIMWORK_H

#include "error.h"
#include "model.h"
#include "portfolio.h"

/* Tickets one replication of partner simulates, summed over the quarters. */
double cap_sim_work_tickets(const cap_partner *partner, int quarters,
                            const cap_model *m);

/* Fails (CAP_ERR_INPUT, naming the partner and where it was given, and
 * what to do) when a partner's tickets x replications pass the model's
 * max_simulated_tickets. */
cap_status cap_sim_work_check(const cap_portfolio *p, const cap_model *m,
                              int replications, cap_error *err);

#endif
