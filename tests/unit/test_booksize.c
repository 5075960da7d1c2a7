/* test_booksize.c - the rows of the biggest sheets, counted from the
 * portfolio before the simulation, against a spreadsheet's 1,048,576;
 * every expected figure is worked out by hand in the comment beside it. */
#include <stdlib.h>
#include <string.h>

#include "booksize.h"
#include "check.h"

/* n partners contracting csm, tam and service hours as given. */
static cap_portfolio *book(size_t n, int quarters, cap_ask_kind csm,
                           cap_ask_kind tam, cap_ask_kind hours)
{
    cap_portfolio *p = calloc(1, sizeof *p);
    p->partners = calloc(n, sizeof *p->partners);
    p->partner_count = n;
    p->quarters = quarters;
    snprintf(p->ini_path, sizeof p->ini_path, "big.ini");
    for (size_t i = 0; i < n; i++) {
        p->partners[i].csm.kind = csm;
        p->partners[i].tam.kind = tam;
        p->partners[i].service_hours.kind = hours;
    }
    return p;
}

static void book_free(cap_portfolio *p)
{
    free(p->partners);
    free(p);
}

/* 100,000 partners, each with a P-CSM and an open P-TAM / service-hours
 * choice: 200,000 teams, 200,000 lines; Erlang C 5 x 200,000 + 1 =
 * 1,000,001 rows and Quarters 4 x 200,000 + 1 = 800,001: both fit. */
static void test_hundred_thousand_fit(void)
{
    cap_error err;
    cap_portfolio *p = book(100000, 4, CAP_ASK_AUTO, CAP_ASK_AUTO,
                            CAP_ASK_AUTO);
    cap_book_size n = cap_book_size_of(p);
    CHECK_INT((int)n.teams, 200000);
    CHECK_INT((int)n.lines, 200000);
    CHECK_INT(cap_book_size_check(p, 1, &err), CAP_OK);
    book_free(p);
}

/* Every line fixed: 3 lines a partner, 4 x 300,000 + 1 = 1,200,001 rows
 * on Quarters; refused, naming the CSV (where the partners came from). */
static void test_quarters_overflow(void)
{
    cap_error err;
    cap_portfolio *p = book(100000, 4, CAP_ASK_FIXED, CAP_ASK_FIXED,
                            CAP_ASK_FIXED);
    snprintf(p->csv_path, sizeof p->csv_path, "big.csv");
    CHECK_INT(cap_book_size_check(p, 0, &err), CAP_ERR_INPUT);
    CHECK_STR(err.message, "big.csv: 100000 partners (200000 teams, 300000 "
              "billed lines) need 1200001 rows on the Quarters sheet of "
              "quarterly.xlsx (1 per billed line and quarter), past a "
              "spreadsheet's 1048576: fewer quarters, or split the book");
    p->quarters = 3; /* 900,001 */
    CHECK_INT(cap_book_size_check(p, 0, &err), CAP_OK);
    book_free(p);
}

/* P-CSM only: Erlang C needs 5 x teams + 1 rows, so 209,715 teams fill
 * 1,048,576 rows exactly and one more team does not fit; --no-sim writes
 * no Erlang C sheet (Coverage 209,717 rows, Quarters 2 x 209,716 + 1). */
static void test_erlang_boundary(void)
{
    cap_error err;
    cap_portfolio *p = book(209715, 2, CAP_ASK_AUTO, CAP_ASK_NONE,
                            CAP_ASK_NONE);
    CHECK_INT(cap_book_size_check(p, 1, &err), CAP_OK);
    book_free(p);
    p = book(209716, 2, CAP_ASK_AUTO, CAP_ASK_NONE, CAP_ASK_NONE);
    CHECK_INT(cap_book_size_check(p, 1, &err), CAP_ERR_INPUT);
    CHECK_STR(err.message, "big.ini: 209716 partners (209716 teams, 209716 "
              "billed lines) need 1048581 rows on the Erlang C sheet of "
              "staffing.xlsx (5 per team), past a spreadsheet's 1048576: "
              "--no-sim leaves the sheet out, or split the book");
    CHECK_INT(cap_book_size_check(p, 0, &err), CAP_OK);
    book_free(p);
}

int main(void)
{
    test_hundred_thousand_fit();
    test_quarters_overflow();
    test_erlang_boundary();
    return check_summary();
}
