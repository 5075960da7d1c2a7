/* booksize.h - the rows the sheets of staffing.xlsx, cost.xlsx and
 * quarterly.xlsx will need, counted from the portfolio alone, so that a
 * book too big for a spreadsheet is refused before anything is simulated
 * (not after, when a workbook write fails).
 *
 * A spreadsheet holds 1,048,576 rows x 16,384 columns.  The widest sheets
 * are Coverage and Erlang C (the week's 168 hours across, 173 columns) and
 * By partner (a block of columns per quarter, at most 40 quarters): every
 * column count fits.  Rows grow with the book: a row per team (Summary,
 * Coverage), per team and severity (Simulation), per team and measure
 * (Erlang C), per billed line (Costs) and per billed line and quarter
 * (Quarters).  The counts here are upper bounds of what the writers write
 * (a team is counted whether or not the rules end up billing it), exact
 * for the teams and lines a partner contracts.
 */
#ifndef CAP_BOOKSIZE_H
#define CAP_BOOKSIZE_H

#include <stddef.h>

#include "error.h"
#include "portfolio.h"

#define CAP_SHEET_ROWS_MAX 1048576u

typedef struct {
    size_t partners;
    size_t teams;    /* P-CSM teams, and P-TAM teams sized as an option */
    size_t lines;    /* money lines billed a quarter: P-CSM, P-TAM, service
                        hours (an open choice bills one of the last two) */
    size_t quarters;
} cap_book_size;

cap_book_size cap_book_size_of(const cap_portfolio *p);

/* Fails (CAP_ERR_INPUT, naming the portfolio's file, the workbook, the
 * sheet, its rows and what to do) when a sheet of the three workbooks
 * would pass CAP_SHEET_ROWS_MAX rows; simulated: the Simulation and
 * Erlang C sheets are written. */
cap_status cap_book_size_check(const cap_portfolio *p, int simulated,
                               cap_error *err);

#endif
