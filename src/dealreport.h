/* dealreport.h - the answer to `capplan size`, as a salesperson reads it
 * out: the FTE per role and why, first-response attainment per severity,
 * dedicated P-TAM or service hours, the yearly and quarterly figures,
 * every quarter of the horizon and every warning.  It renders a computed
 * horizon; it computes nothing of its own. */
#ifndef CAP_DEALREPORT_H
#define CAP_DEALREPORT_H

#include <stdio.h>

#include "error.h"
#include "horizon.h"
#include "model.h"
#include "portfolio.h"
#include "report.h"

/* Writes the answer for the first partner of p (a deal has one). */
cap_status cap_report_deal(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const cap_run_info *info, cap_error *err);

enum { CAP_DEAL_WARNINGS_MAX = 64 };

/* A warning of the deal: its text the first time it appears, with that
 * quarter and the role. */
typedef struct {
    int quarter;
    cap_role role;
    const char *text;          /* borrowed from h */
} cap_deal_warning;

/* Every warning of the first partner over the horizon, each text once, in
 * quarter then role order; returns the count (at most cap). */
size_t cap_deal_warnings(const cap_horizon *h, cap_deal_warning *out,
                         size_t cap);

/* "1,742,967.00": v with two decimals and thousands separators. */
void cap_money_text(double v, char *out, size_t cap);

#endif
