/* workbook.h - the .xlsx workbooks (SPEC section 7).
 *
 * Each writer builds one workbook in the staged temporary file f->tmp
 * (outdir.h); errors name f->path.  Publishing the staged files, or
 * discarding them after a failure, is the caller's step, so a failed run
 * never leaves a half-written workbook or clobbers the last good one.
 * info may be NULL (no version, seed 0, not simulated, creation date now).
 * Sheets, columns and defined names are listed in reports/README.md.
 */
#ifndef CAP_WORKBOOK_H
#define CAP_WORKBOOK_H

#include "compare.h"
#include "error.h"
#include "horizon.h"
#include "model.h"
#include "outdir.h"
#include "portfolio.h"
#include "report.h"
#include "staffing.h"

/* staffing.xlsx for quarter s: Summary, Coverage, Responsibilities and
 * Assumptions; when some role carries simulated figures (role.sla), the
 * sheets Simulation and Erlang C follow Coverage. */
cap_status cap_workbook_staffing(const cap_staged *f, const cap_staffing *s,
                                 const cap_portfolio *p, const cap_model *m,
                                 const cap_run_info *info, cap_error *err);

/* cost.xlsx for quarter s at annual rates: Rates (named input cells),
 * Costs (per partner and role, live formulas over Rates), Partner totals
 * (with a chart of cost by partner), TAM options, Assumptions. */
cap_status cap_workbook_cost(const cap_staged *f, const cap_staffing *s,
                             const cap_portfolio *p, const cap_model *m,
                             const cap_run_info *info, cap_error *err);

/* quarterly.xlsx for every quarter of h: Quarters (partner x quarter x
 * role rows with live cost formulas), By partner, Totals (per quarter and
 * the year, with a stacked chart of FTE by quarter), Rates, Assumptions. */
cap_status cap_workbook_quarterly(const cap_staged *f, const cap_horizon *h,
                                  const cap_portfolio *p, const cap_model *m,
                                  const cap_run_info *info, cap_error *err);

/* quote.xlsx (capplan size -o): the first partner of h on one printable
 * page, its money as formulas over a Rates block on the page; today is
 * the date in the page header. */
cap_status cap_workbook_quote(const cap_staged *f, const cap_horizon *h,
                              const cap_portfolio *p, const cap_model *m,
                              const cap_run_info *info, cap_date today,
                              cap_error *err);

/* compare.xlsx (capplan compare, capplan size --compare -o): scenarios,
 * quarters and partners side by side with the differences from the base
 * as formulas, and a chart of the price per quarter. */
cap_status cap_workbook_compare(const cap_staged *f, const cap_compare *c,
                                const cap_model *m, const cap_run_info *info,
                                cap_error *err);

#endif
