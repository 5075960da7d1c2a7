/* booksize.c - the rows of every sheet, before the simulation. */
#include "booksize.h"

#include "model.h"

/* The header row and the rows under the data (totals), per sheet. */
enum { SUMMARY_EXTRA = 2, COSTS_EXTRA = 1 + 1 + CAP_ROLES + 2,
       HOUR_SHEET_EXTRA = 1, SEVERITY_ROWS = CAP_SEVERITIES,
       ERLANG_MEASURES = 5, PARTNER_SHEET_EXTRA = 3 };

cap_book_size cap_book_size_of(const cap_portfolio *p)
{
    cap_book_size n = {p->partner_count, 0, 0, (size_t)p->quarters};
    for (size_t i = 0; i < p->partner_count; i++) {
        const cap_partner *pt = &p->partners[i];
        int csm = pt->csm.kind != CAP_ASK_NONE;
        int tam = pt->tam.kind != CAP_ASK_NONE;
        int hours = pt->service_hours.kind != CAP_ASK_NONE;
        int open = pt->tam.kind == CAP_ASK_AUTO &&
                   pt->service_hours.kind == CAP_ASK_AUTO;
        n.teams += (size_t)(csm + (tam || hours));
        n.lines += (size_t)(csm + (open ? 1 : tam + hours));
    }
    return n;
}

typedef struct {
    const char *book, *sheet, *per, *advice;
    double rows; /* double: a product of counts cannot wrap */
} sheet_rows;

cap_status cap_book_size_check(const cap_portfolio *p, int simulated,
                               cap_error *err)
{
    cap_book_size n = cap_book_size_of(p);
    const char *split = "split the book into smaller portfolios";
    const char *no_sim = "--no-sim leaves the sheet out, or split the book";
    const sheet_rows sheets[] = {
        {"staffing.xlsx", "Summary", "1 per team", split,
         (double)n.teams + SUMMARY_EXTRA},
        {"staffing.xlsx", "Coverage", "1 per team", split,
         (double)n.teams + HOUR_SHEET_EXTRA},
        {"staffing.xlsx", "Simulation", "4 per team", no_sim,
         simulated ? (double)n.teams * SEVERITY_ROWS + 1 : 0},
        {"staffing.xlsx", "Erlang C", "5 per team", no_sim,
         simulated ? (double)n.teams * ERLANG_MEASURES + HOUR_SHEET_EXTRA : 0},
        {"staffing.xlsx", "Responsibilities", "1 per partner", split,
         (double)n.partners + 1},
        {"cost.xlsx", "Costs", "1 per billed line", split,
         (double)n.lines + COSTS_EXTRA},
        {"cost.xlsx", "Partners", "1 per partner", split,
         (double)n.partners + PARTNER_SHEET_EXTRA},
        {"quarterly.xlsx", "Quarters", "1 per billed line and quarter",
         "fewer quarters, or split the book",
         (double)n.lines * (double)n.quarters + 1},
        {"quarterly.xlsx", "By partner", "1 per partner", split,
         (double)n.partners + PARTNER_SHEET_EXTRA},
    };
    const char *file = p->csv_path[0] ? p->csv_path : p->ini_path;
    for (size_t k = 0; k < sizeof sheets / sizeof sheets[0]; k++)
        if (sheets[k].rows > CAP_SHEET_ROWS_MAX)
            return cap_error_set(err, CAP_ERR_INPUT, file, 0, NULL,
                                 "%zu partners (%zu teams, %zu billed lines) "
                                 "need %.0f rows on the %s sheet of %s (%s), "
                                 "past a spreadsheet's %u: %s",
                                 n.partners, n.teams, n.lines, sheets[k].rows,
                                 sheets[k].sheet, sheets[k].book,
                                 sheets[k].per, CAP_SHEET_ROWS_MAX,
                                 sheets[k].advice);
    return CAP_OK;
}
