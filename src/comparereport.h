/* comparereport.h - a comparison of scenarios on stdout: the terminal
 * summary (each scenario's horizon totals and its difference from the
 * base, then the partner-quarters that moved most) or one JSON document
 * with every figure and difference (reports/README.md).  Renders a
 * computed cap_compare. */
#ifndef CAP_COMPAREREPORT_H
#define CAP_COMPAREREPORT_H

#include <stdio.h>

#include "compare.h"
#include "error.h"
#include "model.h"
#include "report.h"

cap_status cap_report_compare_text(FILE *out, const cap_compare *c,
                                   const cap_model *m,
                                   const cap_run_info *info, cap_error *err);

cap_status cap_report_compare_json(FILE *out, const cap_compare *c,
                                   const cap_model *m,
                                   const cap_run_info *info, cap_error *err);

#endif
