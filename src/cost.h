/* cost.h - money (SPEC section 5), computed exactly as the formulas of
 * cost.xlsx and quarterly.xlsx compute it, and what a partner is billed.
 *
 * Every role's annual and quarterly cost and price is computed here and
 * nowhere else.  Cost is what delivery costs the vendor: the staffed FTE x
 * the loaded annual cost.  Price is what the partner pays: the contract FTE
 * x the annual price, with the same uplifts.  Service hours are billed at
 * the service-hour rate, which is their price and their cost.
 *
 * Billing once: when a partner leaves the choice open (tam = auto and
 * service_hours = auto), only the cheaper option (by price) that meets the
 * SLA is billed; otherwise every contracted line is billed.
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
#include "staffing.h"

/* The money lines of a partner or a quarter: P-CSM, P-TAM, service hours. */
enum { CAP_LINE_SERVICE_HOURS = CAP_ROLES, CAP_LINES };

/* 1 + the localization uplift, or 1. */
double cap_cost_localization_factor(const cap_model *m, int localized);

/* 1 + the 24x7 uplift for a tier that runs around the clock, or 1. */
double cap_cost_clock_factor(const cap_model *m, cap_plan tier);

/* ROUND(fte x annual cost x factors / periods, 2): periods 1 for a year,
 * 4 for a quarter. */
double cap_cost_role(const cap_model *m, cap_role role, double fte,
                     int localized, cap_plan tier, int periods);

/* ROUND(fte x annual price x factors / periods, 2), the same product. */
double cap_price_role(const cap_model *m, cap_role role, double fte,
                      int localized, cap_plan tier, int periods);

/* max(hours, retainer): the service hours billed per month. */
double cap_cost_billed_hours(const cap_model *m, double hours_month);

/* ROUND(billed hours x rate x months, 2): months 12 or 3. */
double cap_cost_service(const cap_model *m, double billed_month, int months);

/* Sum of amounts already in cents, added as whole cents: the exact sum,
 * as a spreadsheet's SUM shows it to the cent. */
typedef struct {
    long long cents;
} cap_money;

void cap_money_add(cap_money *sum, double amount);
double cap_money_value(cap_money sum);

/* ---- what a partner is billed ---- */

/* Amounts per line; a line not billed is 0.  The total adds the lines in
 * cents. */
typedef struct {
    double role[CAP_ROLES];
    double service_hours;
    double total;
} cap_quarter_cost;

/* A partner's (or a quarter's) price and cost for a period, and the
 * margin = price - cost, in cents. */
typedef struct {
    cap_quarter_cost price, cost;
    double margin;
} cap_bill;

/* Decides what every partner of s is billed (the TAM choice), prices and
 * costs every line for the year, and sets the quarter's totals.  Call
 * after the sizing and after the simulation of s. */
void cap_cost_quarter(const cap_model *m, cap_staffing *s);

/* The bill of ps (after cap_cost_quarter) for periods 1 (a year) or 4 (a
 * quarter); of every partner of s, added in cents. */
cap_bill cap_bill_partner(const cap_model *m, const cap_partner_staffing *ps,
                          int periods);
cap_bill cap_bill_quarter(const cap_model *m, const cap_staffing *s,
                          int periods);

/* The cost of a quarter: cap_bill_partner(m, ps, 4).cost, and the same
 * over every partner of s. */
cap_quarter_cost cap_quarter_cost_of(const cap_model *m,
                                     const cap_partner_staffing *ps);
cap_quarter_cost cap_quarter_cost_total(const cap_model *m,
                                        const cap_staffing *s);

#endif
