/* quarterbook.c - reports/quarterly.xlsx (stub). */
#include "workbook.h"
#include "xlsx.h"

cap_status cap_workbook_quarterly(const cap_staged *f, const cap_horizon *h,
                                  const cap_portfolio *p, const cap_model *m,
                                  const cap_run_info *info, cap_error *err)
{
    cap_book b;
    (void)h;
    if (cap_book_open(&b, f, "capplan quarterly", p, m, info, err) != CAP_OK)
        return err->code;
    cap_book_rates(&b, m);
    cap_book_assumptions(&b, NULL, p, m, info);
    return cap_book_close(&b, f, err);
}
