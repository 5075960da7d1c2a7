/* costlines.h - the cost rows that cost.xlsx (Costs, at annual rates) and
 * quarterly.xlsx (Quarters, a quarter each) share.
 *
 * One row per billed line of a partner: P-CSM, P-TAM, service hours.
 * The rate and the uplift factors are formulas over the Rates sheet's
 * named cells and the row's own Localized and Clock cells; the cost is
 *   role:          =ROUND(FTE*Rate*Localization*Clock/periods, 2)
 *   service hours: =ROUND(Billed*Rate*months, 2), Billed = MAX(hours,
 *                  retainer_hours_per_month)
 * with the cached values of cost.h, which computes the same products in
 * the same order.  Price and margin sit beside the cost:
 *   role:          =ROUND(Contract FTE*Price rate*Localization*Clock
 *                         /periods, 2), Price rate = csm_annual_price ...
 *   service hours: =ROUND(Billed*Price rate*months, 2), Price rate =
 *                  service_hour_rate (the hourly rate is the price)
 *   margin:        =Price-Cost
 */
#ifndef CAP_COSTLINES_H
#define CAP_COSTLINES_H

#include "cost.h"
#include "xlsx.h"

enum { CAP_CL_PARTNER, CAP_CL_NAME, CAP_CL_CONTEXT, CAP_CL_CUSTOMERS,
       CAP_CL_LINE, CAP_CL_TIER, CAP_CL_LOCALIZED, CAP_CL_CLOCK, CAP_CL_FTE,
       CAP_CL_BINDING, CAP_CL_HOURS, CAP_CL_BILLED, CAP_CL_RATE,
       CAP_CL_LOC_FACTOR, CAP_CL_CLOCK_FACTOR, CAP_CL_COST,
       CAP_CL_CONTRACT, CAP_CL_PRICE_RATE, CAP_CL_PRICE, CAP_CL_MARGIN,
       CAP_CL_COLS };

/* The data rows of a sheet of cost lines (empty when last < first): the
 * ranges that the totals' SUMIF/SUMIFS formulas run over. */
typedef struct {
    lxw_row_t first, last;
} cap_row_span;

/* What the written lines add up to (cached values of the totals). */
typedef struct {
    double fte[CAP_ROLES];
    cap_money cost[CAP_ROLES];
    double billed_hours;
    cap_money service;
    cap_money total;
    cap_money price[CAP_ROLES + 1];  /* P-CSM, P-TAM, service hours */
    cap_money price_total;
    cap_money margin[CAP_ROLES + 1];
    cap_money margin_total;
} cap_cost_sums;

/* The columns; context is the title of CAP_CL_CONTEXT ("Channel" or
 * "Quarter"), cost the title of CAP_CL_COST. */
void cap_cost_columns(cap_column out[CAP_CL_COLS], const char *context,
                      const char *cost);

/* Writes the lines of ps from row on, CAP_CL_CONTEXT holding context;
 * periods 1 (annual cost) or 4 (a quarter's).  Adds to sums; returns the
 * next free row. */
lxw_row_t cap_cost_lines(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const cap_partner_staffing *ps, const char *context,
                         const cap_model *m, int periods, cap_cost_sums *sums);

/* "P-CSM", "P-TAM", "Service hours": the Line column's values. */
extern const char *const cap_cost_line_names[CAP_ROLES + 1];

#endif
