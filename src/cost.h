/* cost.h - money (SPEC section 5), computed exactly as the formulas of
 * cost.xlsx and quarterly.xlsx compute it.
 *
 * A role's cost is FTE x annual cost x (1 + localization uplift, when the
 * team is localized) x (1 + 24x7 uplift, when its tier runs around the
 * clock), multiplied in that order and rounded to cents once: the
 * workbooks write =ROUND(FTE*rate*localization*clock,2) over the same
 * cells.  A quarter costs a quarter of that product, rounded to cents
 * once (=ROUND(.../4,2)), so four quarters may differ from the annual
 * figure by a cent.  Service hours cost billed hours x rate x 12 (or x 3
 * per quarter), billed hours = max(hours, retainer).  Nothing else is
 * rounded; totals add cents exactly (cap_money_sum).
 *
 * Hours per month that are billed are kept to the hundredth of an hour
 * (cap_hours_billable): such a number survives the workbook's 16-digit
 * text form unchanged, so a formula reads the hours the program billed.
 */
#ifndef CAP_COST_H
#define CAP_COST_H

#include <stddef.h>

#include "model.h"

/* 1 + the localization uplift, or 1. */
double cap_cost_localization_factor(const cap_model *m, int localized);

/* 1 + the 24x7 uplift for a tier that runs around the clock, or 1. */
double cap_cost_clock_factor(const cap_model *m, cap_plan tier);

/* ROUND(fte x annual cost x factors / periods, 2): periods 1 for a year,
 * 4 for a quarter. */
double cap_cost_role(const cap_model *m, cap_role role, double fte,
                     int localized, cap_plan tier, int periods);

/* max(hours, retainer): the service hours billed per month. */
double cap_cost_billed_hours(const cap_model *m, double hours_month);

/* ROUND(billed hours x rate x months, 2): months 12 or 3. */
double cap_cost_service(const cap_model *m, double billed_month, int months);

/* hours rounded to the hundredth of an hour. */
double cap_hours_billable(double hours);

/* Sum of amounts already in cents, added as whole cents: the exact sum,
 * as a spreadsheet's SUM shows it to the cent. */
typedef struct {
    long long cents;
} cap_money;

void cap_money_add(cap_money *sum, double amount);
double cap_money_value(cap_money sum);

#endif
