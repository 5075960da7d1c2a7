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

/* Writes the results as one JSON document (keys of SPEC section 7 and
 * reports/README.md): quarter 0 of h per partner, and every quarter's
 * staffed FTE and cost.  Each role's "sla" is null unless role.sla is set.
 * Numbers are formatted independently of the locale; simulated figures
 * are rounded to six decimals. */
cap_status cap_report_json(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const cap_run_info *info, cap_error *err);

/* Writes a readable summary table of quarter 0 of h, then a line per
 * quarter (customers, FTE, cost) and the horizon's cost.  Under each partner, every role with
 * simulated figures (role.sla) gets a line of attainment per severity and
 * utilization, '!' marking a missed goal or the utilization cap. */
cap_status cap_report_text(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           cap_error *err);

#endif
