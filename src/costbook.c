/* costbook.c - reports/cost.xlsx (stub). */
#include "workbook.h"
#include "xlsx.h"

cap_status cap_workbook_cost(const cap_staged *f, const cap_staffing *s,
                             const cap_portfolio *p, const cap_model *m,
                             const cap_run_info *info, cap_error *err)
{
    cap_book b;
    (void)s;
    if (cap_book_open(&b, f, "capplan cost", p, m, info, err) != CAP_OK)
        return err->code;
    cap_book_rates(&b, m);
    return cap_book_close(&b, f, err);
}
