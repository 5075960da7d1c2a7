/* workbook.h - the .xlsx workbooks (SPEC section 7).  The only module that
 * calls libxlsxwriter.
 *
 * Each writer builds the workbook under a temporary name in the target
 * folder and renames it into place only after workbook_close() succeeded,
 * so a failed run never leaves a half-written file or clobbers the last
 * good one.  Every libxlsxwriter return code is checked.
 */
#ifndef CAP_WORKBOOK_H
#define CAP_WORKBOOK_H

#include "error.h"
#include "model.h"
#include "portfolio.h"
#include "report.h"
#include "staffing.h"

/* Writes path (e.g. "reports/staffing.xlsx") with the sheets Summary,
 * Coverage, Responsibilities and Assumptions for staffing s of portfolio p
 * under model m.  When some role carries simulated figures (role.sla),
 * the sheets Simulation and Erlang C follow Coverage; a rules-only run has
 * neither.  info may be NULL (no version, seed 0, not simulated). */
cap_status cap_workbook_staffing(const char *path, const cap_staffing *s,
                                 const cap_portfolio *p, const cap_model *m,
                                 const cap_run_info *info, cap_error *err);

#endif
