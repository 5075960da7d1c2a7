/* team.h - the team that was on shift during a helpdesk export's period,
 * for the backtest of `capplan calibrate --team TEAM.ini` (issue 13).
 *
 * TEAM.ini is a portfolio INI (SPEC section 6) whose [partner.ID] sections
 * give the FTE that worked each partner's tickets: `tam = 1.5` (technical
 * support, on the partner's tam_tier) and `csm = 2.0` when the partner
 * contracts P-CSMs.  Its customers are not read from it: they are the
 * organizations of ORGS.csv, counted per partner, plan and time zone, so
 * that the simulation sees the customers the export saw.  Growth is
 * ignored (the export's period is one book).
 */
#ifndef CAP_TEAM_H
#define CAP_TEAM_H

#include "calibrate.h"
#include "error.h"
#include "model.h"
#include "portfolio.h"

/* Reads path against model m (its defaults and FTE step) and orgs.
 * CAP_ERR_INPUT, naming the team file, line and partner, when a partner
 * has no organization in orgs, when its tam (or a contracted csm) is not
 * a number of FTE, when its channel or P-CSM contract differs from the
 * organizations', or when a partner of orgs has no section.  Caller owns
 * *out (cap_portfolio_free). */
cap_status cap_team_load(const char *path, const cap_model *m,
                         const cap_org_table *orgs, cap_portfolio **out,
                         cap_error *err);

#endif
