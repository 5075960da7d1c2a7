/* explain.h - one sentence per role that a salesperson can repeat (SPEC
 * section 4 "Explanation"): which rule or which SLA sets the staffed FTE,
 * with its numbers, and beside it the contract when that differs.
 *
 * Every number comes from the model (ratios, minimums, shrinkage, goals,
 * targets) or from the results (customers, FTE, shifts, gap hours,
 * technical hours, simulated attainment at the answer and one step below
 * it); nothing is a constant of this file.  Examples:
 *   "40 customers at 12.5 per FTE: 3.5 FTE."
 *   "S1 tickets (15-minute target, 95% goal) are answered in time 93% of
 *    the time at 4.0 FTE and 97% at 4.5 FTE."
 *   "24x7 premium: one person on shift in every one of the 168 hours of
 *    the week takes 5.5 FTE at 20% shrinkage; the 3.0 FTE contract
 *    minimum leaves 72 hours a week with nobody on shift."
 */
#ifndef CAP_EXPLAIN_H
#define CAP_EXPLAIN_H

#include <stddef.h>

#include "model.h"
#include "staffing.h"

enum { CAP_EXPLAIN_MAX = 480 }; /* with its NUL */

/* Writes the explanation of ps's role (active) into out (cap bytes,
 * CAP_EXPLAIN_MAX is enough), after the sizing and any simulation. */
void cap_explain_role(const cap_model *m, const cap_partner_staffing *ps,
                      cap_role role, char *out, size_t cap);

/* Fills role.explain (allocated to its length) for every active role of
 * every partner of s. */
void cap_explain_quarter(const cap_model *m, cap_staffing *s);

#endif
