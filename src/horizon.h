/* horizon.h - the plan over the portfolio's quarters (SPEC section 5).
 *
 * Every quarter of the horizon is sized anew from that quarter's customers
 * (undated segments grown by the partner's growth, or the CSV's explicit
 * rows for the quarter) and, unless the run is rules-only, simulated and
 * sized against the SLA on the same random streams as every other
 * quarter.  Quarter 0 is what staffing.xlsx, cost.xlsx and the terminal
 * summary show; quarterly.xlsx shows them all.
 */
#ifndef CAP_HORIZON_H
#define CAP_HORIZON_H

#include "cost.h"
#include "error.h"
#include "model.h"
#include "portfolio.h"
#include "sim.h"
#include "staffing.h"

typedef struct {
    int count;                 /* the portfolio's quarters, >= 1 */
    cap_staffing **quarter;    /* count entries, owned */
} cap_horizon;

/* Sizes (and with so != NULL simulates) every quarter of p.  Progress,
 * when so->progress is set, counts partner-quarters.  Each quarter is
 * trimmed once explained (cap_staffing_trim): only quarter 0 keeps the
 * Erlang C hours, so a year's memory stays near a quarter's.  Returns NULL
 * and sets err on failure.  Caller owns the result: cap_horizon_free(). */
cap_horizon *cap_horizon_run(const cap_portfolio *p, const cap_model *m,
                             const cap_sim_options *so, cap_error *err);
void cap_horizon_free(cap_horizon *h);

/* Simulates the rule results s of one quarter, its partners on
 * so->threads threads (cap_sim_size_all), and applies each partner's
 * answer in partner order (cap_staffing_apply_sim: the one step from the
 * simulation's results into the staffing); so->progress counts the
 * horizon's partner-quarters. */
cap_status cap_simulate_quarter(cap_staffing *s, const cap_portfolio *p,
                                const cap_model *m, const cap_sim_options *so,
                                cap_error *err);

/* Every quarter's total cost, added in cents: the horizon's cost. */
double cap_horizon_cost(const cap_model *m, const cap_horizon *h);

/* Every quarter's bill (cost.h), added in cents: the horizon's price, cost
 * and margin (the totals only; the lines are 0). */
cap_bill cap_horizon_bill(const cap_model *m, const cap_horizon *h);

#endif
