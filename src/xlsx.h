/* xlsx.h - the layer under the three workbook writers (workbook.c,
 * costbook.c, quarterbook.c); with them, the only code that calls
 * libxlsxwriter.
 *
 * A cap_book wraps one lxw_workbook with a sticky error: the first failing
 * libxlsxwriter call is kept (naming the sheet and cell), later writes are
 * skipped, and cap_book_close() still closes the workbook (which frees it)
 * and turns the failure into one cap_error naming the output path.  The
 * book writes to a temporary file staged by outdir.h; publishing it under
 * its real name is the caller's step, after every workbook succeeded.
 *
 * libxlsxwriter prints numbers with "%.16G", which can drop the 17th
 * significant digit (0.1 + 0.2 is stored as 0.3).  So cap_book_num()
 * returns the number as stored, and cached formula values are computed
 * from those: exactly what a spreadsheet reads.
 */
#ifndef CAP_XLSX_H
#define CAP_XLSX_H

#include <xlsxwriter.h>

#include "error.h"
#include "model.h"
#include "outdir.h"
#include "portfolio.h"
#include "report.h"
#include "staffing.h"

/* Number formats, by column kind.  CAP_FMT_MONEY is whole currency units,
 * CAP_FMT_CENTS shows the cents. */
typedef enum { CAP_FMT_TEXT, CAP_FMT_INT, CAP_FMT_ONE, CAP_FMT_TWO,
               CAP_FMT_PCT, CAP_FMT_MONEY, CAP_FMT_CENTS, CAP_FMT_KINDS
} cap_fmt_kind;

typedef struct {
    const char *title;
    double width;
    cap_fmt_kind kind;
} cap_column;

/* Columns of a sheet whose widths cap_book tracks (wider sheets keep their
 * declared widths beyond it). */
#define CAP_BOOK_TRACKED_COLS 128

typedef struct {
    lxw_workbook *wb;
    lxw_format *fmt[CAP_FMT_KINDS]; /* CAP_FMT_TEXT stays NULL (General) */
    lxw_format *fmt_input[CAP_FMT_KINDS]; /* the same, shaded: inputs
                                             a reader may edit */
    lxw_format *header, *bold, *gap;
    char money_format[48];          /* CAP_FMT_MONEY's number format */
    /* The sheet being written: its header row's lines, and per column the
     * declared width, the format and the longest text written (in
     * characters), so that a text column widens to its data. */
    lxw_worksheet *ws;
    int header_lines;
    double width[CAP_BOOK_TRACKED_COLS];
    lxw_format *col_fmt[CAP_BOOK_TRACKED_COLS];
    size_t longest[CAP_BOOK_TRACKED_COLS];
    cap_status code;                /* CAP_OK until the first failure */
    char message[CAP_ERROR_MAX];
    const char *path;               /* named in errors */
} cap_book;

/* Starts a workbook in f->tmp with the formats of model m and the
 * document properties (title, subject = portfolio name, comments =
 * program version, fixed creation date when info->deterministic). */
cap_status cap_book_open(cap_book *b, const cap_staged *f, const char *title,
                         const cap_portfolio *p, const cap_model *m,
                         const cap_run_info *info, cap_error *err);

/* Closes (and frees) the workbook; returns the first failure as err
 * naming f->path (the caller then discards f). */
cap_status cap_book_close(cap_book *b, const cap_staged *f, cap_error *err);

void cap_book_fail(cap_book *b, cap_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records e (a libxlsxwriter result) for a cell or a whole sheet (what:
 * "autofilter", ...). */
void cap_book_check_cell(cap_book *b, lxw_error e, const lxw_worksheet *ws,
                         lxw_row_t row, lxw_col_t col);
void cap_book_check_sheet(cap_book *b, lxw_error e, const char *sheet,
                          const char *what);

/* A note (comment) on a cell. */
void cap_book_comment(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, const char *note);

/* "2027-01-06" */
void cap_book_date(cap_date d, char *out, size_t n);

void cap_book_text(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                   lxw_col_t col, const char *text, lxw_format *f);

/* A sentence below a table: written like cap_book_text, but its length
 * does not widen the column (it runs on over the empty cells to its
 * right). */
void cap_book_note(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                   lxw_col_t col, const char *text);

/* Writes x and returns it as stored in the file. */
double cap_book_num(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, double x, lxw_format *f);

void cap_book_blank(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, lxw_format *f);

/* A formula with its cached value (a number). */
void cap_book_formula(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, const char *formula, lxw_format *f,
                      double cached);

/* A formula whose cached value is text. */
void cap_book_formula_text(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                           lxw_col_t col, const char *formula,
                           lxw_format *f, const char *cached);

/* =SUM over a range, with its cached value. */
void cap_book_sum(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                  lxw_col_t col, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1,
                  lxw_col_t c1, lxw_format *f, double cached);

/* "B7" for (row, col), or "$B$7" when absolute. */
void cap_book_cell(char out[LXW_MAX_CELL_NAME_LENGTH], lxw_row_t row,
                   lxw_col_t col, int absolute);

/* Header cells, as a finance reader sees them (the rule that
 * tests/e2e/test_header_widths.c checks): the header format wraps text; a
 * column is at least as wide as its longest header word plus
 * CAP_HEADER_PAD characters (the autofilter's drop-down button covers the
 * right end of the cell); and the header row is tall enough for the lines
 * of its most wrapped header, CAP_HEADER_LINE_POINTS each.  (A width
 * counts digits; the lower-case letters of a header run narrower, so a
 * header's characters are a safe measure.) */
#define CAP_HEADER_PAD 3
#define CAP_HEADER_LINE_POINTS 15.0

/* Lines that title takes in a column width characters wide: words wrapped
 * greedily into lines of at most width - CAP_HEADER_PAD characters. */
int cap_header_lines(const char *title, double width);

/* Writes column col's header cell (c->title), sets the column's width and
 * number format, and raises the header row to fit. */
void cap_book_header(cap_book *b, lxw_worksheet *ws, lxw_col_t col,
                     const cap_column *c);

/* Adds a sheet with its header row (cap_book_header), the header frozen,
 * printed landscape with the header row and column A on every page.  Text
 * columns widen to their longest text (up to CAP_TEXT_WIDTH_MAX) when the
 * next sheet starts or the book closes.  NULL after a failure. */
#define CAP_TEXT_WIDTH_MAX 60
lxw_worksheet *cap_book_sheet(cap_book *b, const char *name,
                              const cap_column *cols, lxw_col_t ncols);

/* An autofilter over the header and the data rows 1..last_row. */
void cap_book_table(cap_book *b, lxw_worksheet *ws, lxw_row_t last_row,
                    lxw_col_t ncols);

/* A workbook-wide name ("csm_annual_cost") for one cell of ws. */
void cap_book_name(cap_book *b, const char *name, lxw_worksheet *ws,
                   lxw_row_t row, lxw_col_t col);

/* A chart added to the book; NULL after a failure. */
lxw_chart *cap_book_chart(cap_book *b, uint8_t type);

/* A series of chart over sheet!(r0,c0):(r1,c1) with categories over
 * sheet!(k0,kc):(k1,kc) and the name in sheet!(name_row,name_col). */
void cap_book_series(cap_book *b, lxw_chart *chart, const char *sheet,
                     lxw_row_t k0, lxw_row_t k1, lxw_col_t kc,
                     lxw_row_t r0, lxw_row_t r1, lxw_col_t c,
                     lxw_row_t name_row, lxw_col_t name_col);

/* Places chart at (row, col) of ws, scaled from 480 x 288 pixels. */
void cap_book_place(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, lxw_chart *chart, double x_scale,
                    double y_scale);

/* The Assumptions sheet: the run (version, inputs, horizon, quarter s
 * sized when s is not NULL, simulation) and every model parameter as
 * read. */
void cap_book_assumptions(cap_book *b, const cap_staffing *s,
                          const cap_portfolio *p, const cap_model *m,
                          const cap_run_info *info);

/* The model's cost inputs as a Rates sheet of named cells (names in
 * reports/README.md): the formulas of cost.xlsx and quarterly.xlsx point
 * at them, so editing a rate recomputes the book. */
void cap_book_rates(cap_book *b, const cap_model *m);

#endif
