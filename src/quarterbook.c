/* quarterbook.c - reports/quarterly.xlsx (SPEC sections 5 and 7): every
 * quarter of the horizon, partner by partner, with live cost formulas
 * over the Rates sheet and totals per quarter and for the year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costlines.h"
#include "workbook.h"

typedef struct {
    char label[24];         /* "2027Q1" */
} quarter_label;

/* ---- Quarters: a row per partner, quarter and line -------------------- */

static int lines_of(const cap_partner_staffing *ps)
{
    return ps->role[CAP_ROLE_CSM].billed + ps->role[CAP_ROLE_TAM].billed +
           ps->service_hours_billed;
}

/* The data rows sheet_quarters() will write. */
static cap_row_span quarters_span(const cap_horizon *h)
{
    lxw_row_t rows = 0;
    for (int q = 0; q < h->count; q++)
        for (size_t i = 0; i < h->quarter[q]->partner_count; i++)
            rows += (lxw_row_t)lines_of(&h->quarter[q]->partners[i]);
    return (cap_row_span){1, rows};
}

static void sheet_quarters(cap_book *b, const cap_horizon *h,
                               const quarter_label *labels, const cap_model *m)
{
    cap_column cols[CAP_CL_COLS];
    cap_cost_sums sums;
    memset(&sums, 0, sizeof sums);
    cap_cost_columns(cols, "Quarter", "Quarter cost");
    lxw_worksheet *ws = cap_book_sheet(b, "Quarters", cols, CAP_CL_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < h->quarter[0]->partner_count; i++)
        for (int q = 0; q < h->count && b->code == CAP_OK; q++)
            row = cap_cost_lines(b, ws, row, &h->quarter[q]->partners[i],
                                 labels[q].label, m, 4, &sums);
    cap_book_table(b, ws, row - 1, CAP_CL_COLS);
    if (b->code == CAP_OK && row - 1 != quarters_span(h).last)
        cap_book_fail(b, CAP_ERR_INTERNAL, "Quarters has %u rows, the "
                      "totals expected %u", (unsigned)(row - 1),
                      (unsigned)quarters_span(h).last);
}

/* =SUMIFS(Quarters!<col>, Quarters!C, quarter[, Quarters!A, partner]
 * [, Quarters!E, line]): partner and line are formula fragments (a cell
 * or a quoted text), NULL to leave out. */
static void quarters_sum(char *out, size_t n, cap_row_span rows, lxw_col_t col,
                         const char *quarter, const char *partner,
                         const char *line)
{
    char v[LXW_MAX_CELL_RANGE_LENGTH], k[LXW_MAX_CELL_RANGE_LENGTH];
    char a[LXW_MAX_CELL_RANGE_LENGTH], e[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(v, rows.first, col, rows.last, col);
    lxw_rowcol_to_range_abs(k, rows.first, CAP_CL_CONTEXT, rows.last,
                            CAP_CL_CONTEXT);
    lxw_rowcol_to_range_abs(a, rows.first, CAP_CL_PARTNER, rows.last,
                            CAP_CL_PARTNER);
    lxw_rowcol_to_range_abs(e, rows.first, CAP_CL_LINE, rows.last, CAP_CL_LINE);
    int len = snprintf(out, n, "=SUMIFS(Quarters!%s,Quarters!%s,%s", v, k,
                       quarter);
    if (partner && len > 0 && (size_t)len < n)
        len += snprintf(out + len, n - (size_t)len, ",Quarters!%s,%s", a,
                        partner);
    if (line && len > 0 && (size_t)len < n)
        len += snprintf(out + len, n - (size_t)len, ",Quarters!%s,\"%s\"", e,
                        line);
    if (len > 0 && (size_t)len < n)
        snprintf(out + len, n - (size_t)len, ")");
}

/* A SUMIFS cell, or 0 when the Quarters sheet has no rows to sum. */
static void put_quarters_sum(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col, cap_row_span rows, lxw_col_t of,
                             const char *quarter, const char *partner,
                             const char *line, cap_fmt_kind kind,
                             double cached)
{
    char formula[512];
    if (rows.last < rows.first) {
        cap_book_num(b, ws, row, col, 0, b->fmt[kind]);
        return;
    }
    quarters_sum(formula, sizeof formula, rows, of, quarter, partner, line);
    cap_book_formula(b, ws, row, col, formula, b->fmt[kind], cached);
}

/* ---- By partner: customers, FTE per role and cost, quarter by quarter - */

enum { BP_PARTNER, BP_NAME, BP_FIRST };                 /* then per quarter: */
enum { BQ_CUSTOMERS, BQ_CSM, BQ_TAM, BQ_COST, BQ_COLS };

static lxw_col_t bp_col(int q, int k)
{
    return (lxw_col_t)(BP_FIRST + q * BQ_COLS + k);
}

static void by_partner_header(cap_book *b, lxw_worksheet *ws,
                              const quarter_label *labels, int quarters)
{
    static const char *const what[BQ_COLS] = {"customers", "P-CSM FTE",
                                              "P-TAM FTE", "cost"};
    static const cap_fmt_kind kinds[BQ_COLS] = {CAP_FMT_INT, CAP_FMT_ONE,
                                                CAP_FMT_ONE, CAP_FMT_CENTS};
    char title[64];
    for (int q = 0; q < quarters; q++)
        for (int k = 0; k < BQ_COLS; k++) {
            snprintf(title, sizeof title, "%s %s", labels[q].label, what[k]);
            /* "2027Q1 P-CSM" on one line: a break inside "P-CSM" reads
             * badly (a spreadsheet breaks at the hyphen) */
            double fte = (double)strlen(labels[q].label) + 6 + CAP_HEADER_PAD;
            const cap_column c = {title, k == BQ_COST ? 15 : k == BQ_CUSTOMERS
                                  ? 11 : fte, kinds[k]};
            cap_book_header(b, ws, bp_col(q, k), &c);
        }
    const cap_column year = {"Year cost", 15, CAP_FMT_CENTS};
    cap_book_header(b, ws, bp_col(quarters, 0), &year);
}

/* Writes partner ps's cells of quarter q; returns its cost that quarter. */
static double by_partner_quarter(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                               const cap_partner_staffing *ps, int q,
                               const quarter_label *labels, cap_row_span rows,
                               const cap_model *m)
{
    char quarter[32], me[LXW_MAX_CELL_NAME_LENGTH];
    double cost = cap_quarter_cost_of(m, ps).total;
    snprintf(quarter, sizeof quarter, "\"%s\"", labels[q].label);
    lxw_rowcol_to_cell_abs(me, row, BP_PARTNER, 0, 1);
    cap_book_num(b, ws, row, bp_col(q, BQ_CUSTOMERS), ps->customers,
                 b->fmt[CAP_FMT_INT]);
    for (int r = 0; r < CAP_ROLES; r++)
        if (!ps->role[r].billed) /* blank, not 0.0: not bought */
            cap_book_blank(b, ws, row, bp_col(q, BQ_CSM + r),
                           b->fmt[CAP_FMT_ONE]);
        else
            put_quarters_sum(b, ws, row, bp_col(q, BQ_CSM + r), rows,
                             CAP_CL_FTE, quarter, me, cap_cost_line_names[r],
                             CAP_FMT_ONE, ps->role[r].fte);
    put_quarters_sum(b, ws, row, bp_col(q, BQ_COST), rows, CAP_CL_COST,
                     quarter, me, NULL, CAP_FMT_CENTS, cost);
    return cost;
}

/* =F2+J2+N2+R2: the quarters' costs of row. */
static void year_cost(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      int quarters, double cached)
{
    char formula[16 * 40 + 8], cell[LXW_MAX_CELL_NAME_LENGTH];
    size_t len = (size_t)snprintf(formula, sizeof formula, "=");
    for (int q = 0; q < quarters && len < sizeof formula; q++) {
        cap_book_cell(cell, row, bp_col(q, BQ_COST), 0);
        len += (size_t)snprintf(formula + len, sizeof formula - len, "%s%s",
                                q ? "+" : "", cell);
    }
    cap_book_formula(b, ws, row, bp_col(quarters, 0), formula,
                     b->fmt[CAP_FMT_CENTS], cached);
}

/* The Total row under partner rows 1..row-1: each column's sum. */
static void by_partner_totals(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                              const cap_horizon *h, const cap_model *m)
{
    cap_book_text(b, ws, row, BP_PARTNER, "Total", b->bold);
    if (row == 1)
        return; /* no partners, nothing to sum */
    for (int q = 0; q < h->count; q++) {
        const cap_staffing *s = h->quarter[q];
        const double cached[BQ_COLS] = {
            s->customers_total, s->fte_total[CAP_ROLE_CSM],
            s->fte_total[CAP_ROLE_TAM], cap_quarter_cost_total(m, s).total};
        static const cap_fmt_kind kinds[BQ_COLS] = {
            CAP_FMT_INT, CAP_FMT_ONE, CAP_FMT_ONE, CAP_FMT_CENTS};
        for (int k = 0; k < BQ_COLS; k++) {
            lxw_col_t c = bp_col(q, k);
            cap_book_sum(b, ws, row, c, 1, c, row - 1, c, b->fmt[kinds[k]],
                         cached[k]);
        }
    }
    lxw_col_t year = bp_col(h->count, 0);
    cap_book_sum(b, ws, row, year, 1, year, row - 1, year,
                 b->fmt[CAP_FMT_CENTS], cap_horizon_cost(m, h));
}

static void sheet_by_partner(cap_book *b, const cap_horizon *h,
                             const quarter_label *labels, cap_row_span rows,
                             const cap_model *m)
{
    static const cap_column cols[BP_FIRST] = {
        [BP_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
        [BP_NAME] = {"Name", 28, CAP_FMT_TEXT},
    };
    lxw_worksheet *ws = cap_book_sheet(b, "By partner", cols, BP_FIRST);
    size_t partners = h->quarter[0]->partner_count;
    lxw_row_t row = 1;
    lxw_col_t year = bp_col(h->count, 0);
    if (!ws)
        return;
    by_partner_header(b, ws, labels, h->count);
    for (size_t i = 0; i < partners && b->code == CAP_OK; i++, row++) {
        const cap_partner *partner = h->quarter[0]->partners[i].partner;
        cap_money cost = {0};
        cap_book_text(b, ws, row, BP_PARTNER, partner->id, NULL);
        cap_book_text(b, ws, row, BP_NAME, partner->name, NULL);
        for (int q = 0; q < h->count; q++) {
            const cap_partner_staffing *ps = &h->quarter[q]->partners[i];
            cap_money_add(&cost, by_partner_quarter(b, ws, row, ps, q, labels,
                                                    rows, m));
        }
        year_cost(b, ws, row, h->count, cap_money_value(cost));
    }
    cap_book_table(b, ws, row - 1, year + 1);
    by_partner_totals(b, ws, row, h, m);
}

/* ---- Totals: per quarter and the year, and the chart ------------------ */

enum { T_QUARTER, T_CUSTOMERS, T_CSM_FTE, T_TAM_FTE, T_CSM_COST, T_TAM_COST,
       T_SERVICE_COST, T_TOTAL, T_COLS };

static const cap_column total_columns[T_COLS] = {
    [T_QUARTER] = {"Quarter", 10, CAP_FMT_TEXT},
    [T_CUSTOMERS] = {"Customers", 11, CAP_FMT_INT},
    [T_CSM_FTE] = {"P-CSM FTE", 11, CAP_FMT_ONE},
    [T_TAM_FTE] = {"P-TAM FTE", 11, CAP_FMT_ONE},
    [T_CSM_COST] = {"P-CSM cost", 15, CAP_FMT_CENTS},
    [T_TAM_COST] = {"P-TAM cost", 15, CAP_FMT_CENTS},
    [T_SERVICE_COST] = {"Service hours cost", 18, CAP_FMT_CENTS},
    [T_TOTAL] = {"Total cost", 16, CAP_FMT_CENTS},
};

/* Customers: the By partner sheet's Total row for quarter q. */
static void total_customers(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                            int q, lxw_row_t partner_total_row, double cached)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH], formula[64];
    cap_book_cell(cell, partner_total_row, bp_col(q, BQ_CUSTOMERS), 0);
    snprintf(formula, sizeof formula, "='By partner'!%s", cell);
    cap_book_formula(b, ws, row, T_CUSTOMERS, formula, b->fmt[CAP_FMT_INT],
                     cached);
}

static void total_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row, int q,
                      const cap_horizon *h, const quarter_label *labels,
                      cap_row_span rows, const cap_model *m)
{
    const cap_staffing *s = h->quarter[q];
    cap_quarter_cost c = cap_quarter_cost_total(m, s);
    char quarter[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell_abs(quarter, row, T_QUARTER, 0, 1);
    cap_book_text(b, ws, row, T_QUARTER, labels[q].label, NULL);
    total_customers(b, ws, row, q, (lxw_row_t)(s->partner_count + 1),
                    s->customers_total);
    for (int r = 0; r < CAP_ROLES; r++) {
        put_quarters_sum(b, ws, row, (lxw_col_t)(T_CSM_FTE + r), rows,
                         CAP_CL_FTE, quarter, NULL, cap_cost_line_names[r],
                         CAP_FMT_ONE, s->fte_total[r]);
        put_quarters_sum(b, ws, row, (lxw_col_t)(T_CSM_COST + r), rows,
                         CAP_CL_COST, quarter, NULL, cap_cost_line_names[r],
                         CAP_FMT_CENTS, c.role[r]);
    }
    put_quarters_sum(b, ws, row, T_SERVICE_COST, rows, CAP_CL_COST, quarter,
                     NULL, cap_cost_line_names[CAP_ROLES], CAP_FMT_CENTS,
                     c.service_hours);
    cap_book_sum(b, ws, row, T_TOTAL, row, T_CSM_COST, row, T_SERVICE_COST,
                 b->fmt[CAP_FMT_CENTS], c.total);
}

/* The Year row: costs summed, FTE averaged over the quarters. */
static void year_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                     const cap_horizon *h, const cap_model *m)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH], formula[64];
    cap_money cost[T_COLS] = {{0}};
    double fte[CAP_ROLES] = {0, 0};
    for (int q = 0; q < h->count; q++) {
        cap_quarter_cost c = cap_quarter_cost_total(m, h->quarter[q]);
        for (int r = 0; r < CAP_ROLES; r++) {
            fte[r] += h->quarter[q]->fte_total[r];
            cap_money_add(&cost[T_CSM_COST + r], c.role[r]);
        }
        cap_money_add(&cost[T_SERVICE_COST], c.service_hours);
        cap_money_add(&cost[T_TOTAL], c.total);
    }
    cap_book_text(b, ws, row, T_QUARTER, "Year", b->bold);
    for (int r = 0; r < CAP_ROLES; r++) {
        lxw_col_t c = (lxw_col_t)(T_CSM_FTE + r);
        lxw_rowcol_to_range(range, 1, c, row - 1, c);
        snprintf(formula, sizeof formula, "=AVERAGE(%s)", range);
        cap_book_formula(b, ws, row, c, formula, b->fmt[CAP_FMT_ONE],
                         fte[r] / h->count);
    }
    for (lxw_col_t c = T_CSM_COST; c <= T_TOTAL; c++)
        cap_book_sum(b, ws, row, c, 1, c, row - 1, c, b->fmt[CAP_FMT_CENTS],
                     cap_money_value(cost[c]));
}

static void fte_chart(cap_book *b, lxw_worksheet *ws, lxw_row_t last)
{
    lxw_chart *chart = cap_book_chart(b, LXW_CHART_COLUMN_STACKED);
    if (!chart)
        return;
    for (lxw_col_t c = T_CSM_FTE; c <= T_TAM_FTE; c++)
        cap_book_series(b, chart, ws->name, 1, last, T_QUARTER, 1, last, c,
                        0, c);
    chart_title_set_name(chart, "Staffed FTE by quarter");
    chart_axis_set_name(chart->y_axis, "FTE");
    chart_set_style(chart, 10);
    cap_book_place(b, ws, last + 3, T_QUARTER, chart, 1.5, 1.2);
}

static void sheet_totals(cap_book *b, const cap_horizon *h,
                         const quarter_label *labels, cap_row_span rows,
                         const cap_model *m)
{
    lxw_worksheet *ws = cap_book_sheet(b, "Totals", total_columns, T_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (int q = 0; q < h->count && b->code == CAP_OK; q++)
        total_row(b, ws, row++, q, h, labels, rows, m);
    cap_book_table(b, ws, row - 1, T_COLS);
    year_row(b, ws, row, h, m);
    cap_book_comment(b, ws, row, T_CSM_FTE, "Year: FTE averaged over the "
                     "quarters; costs summed.");
    fte_chart(b, ws, row - 1);
}

cap_status cap_workbook_quarterly(const cap_staged *f, const cap_horizon *h,
                                  const cap_portfolio *p, const cap_model *m,
                                  const cap_run_info *info, cap_error *err)
{
    cap_book b;
    quarter_label *labels = calloc((size_t)h->count, sizeof *labels);
    if (!labels)
        abort();
    for (int q = 0; q < h->count; q++)
        snprintf(labels[q].label, sizeof labels[q].label, "%s",
                 h->quarter[q]->quarter_label);
    if (cap_book_open(&b, f, "capplan quarterly", p, m, info, err) != CAP_OK) {
        free(labels);
        return err->code;
    }
    /* Totals and By partner point at Quarters, which comes later in the
     * book; the row span is known before a cell is written. */
    cap_row_span rows = quarters_span(h);
    sheet_totals(&b, h, labels, rows, m);
    sheet_by_partner(&b, h, labels, rows, m);
    sheet_quarters(&b, h, labels, m);
    cap_book_rates(&b, m);
    cap_book_assumptions(&b, NULL, p, m, info);
    free(labels);
    return cap_book_close(&b, f, err);
}
