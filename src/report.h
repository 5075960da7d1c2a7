/* report.h - what a run reports about itself, and the stdout reports:
 * the JSON document (--json) and the terminal summary (SPEC section 7).
 */
#ifndef CAP_REPORT_H
#define CAP_REPORT_H

#include <stdio.h>

#include "error.h"
#include "horizon.h"
#include "model.h"
#include "portfolio.h"
#include "staffing.h"

/* What the Assumptions sheet, the JSON and the document properties record. */
typedef struct {
    const char *version;        /* program version */
    const char *model_source;   /* model file, or "(built-in)" */
    unsigned long seed;
    int replications;           /* 0 with --no-sim */
    int simulated;              /* 0 with --no-sim */
    int deterministic;          /* fixed document creation date */
} cap_run_info;

/* "yes" / "no": the one spelling of a flag in every workbook and in the
 * terminal summary. */
static inline const char *cap_yes_no(int flag)
{
    return flag ? "yes" : "no";
}

/* "USD 1,742,967": amount rounded to whole currency units (half away from
 * zero), thousands separated by commas, after the currency code and a
 * space ("USD -1,000" when negative; no code when currency is empty). */
void cap_money_whole(double amount, const char *currency, char *out,
                    size_t n);

/* Copies UTF-8 text to out cut to at most width terminal columns, on a
 * character boundary (a cut text ends in U+2026 "..."), and, when pad, padded
 * with spaces to exactly width columns.  Widths come from wcwidth() under
 * C.UTF-8; bytes that are not UTF-8 come out as '?'.  Returns the columns
 * written. */
int cap_text_fit(const char *text, int width, int pad, char *out, size_t n);

/* Writes the results as one JSON document (keys of SPEC section 7 and
 * reports/README.md): quarter 0 of h per partner, and every quarter's
 * staffed FTE and cost.  Each role's "sla" is null unless role.sla is set.
 * Numbers are formatted independently of the locale; simulated figures
 * are rounded to six decimals. */
cap_status cap_report_json(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const cap_run_info *info, cap_error *err);

/* Writes a readable summary table of quarter 0 of h, then a line per
 * quarter (customers, FTE, cost) and the horizon's cost.  Under each
 * partner, every role with simulated figures (role.sla) gets a line of
 * attainment per severity and utilization, '!' marking a missed goal or
 * the utilization cap.  Warnings of one kind share a line; the last line
 * names the workbooks written to out_dir. */
cap_status cap_report_text(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const char *out_dir, cap_error *err);

#endif
