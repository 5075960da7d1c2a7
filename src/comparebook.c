/* comparebook.c - compare.xlsx: scenarios side by side.  Each figure is a
 * value capplan computed; each margin (=price-cost) and each difference
 * from the base (=value-base value) is a live formula, so the sheets can
 * be audited and re-sorted by a reader.
 *
 *   Scenarios  one row per scenario: the horizon's money, the first
 *              quarter's FTE, and the differences from the base (row 2)
 *   Quarters   one row per scenario and quarter (all partners), the
 *              differences from the base's row of that quarter, and a
 *              chart of the price per quarter, a series per scenario
 *   Partners   one row per partner, quarter and scenario, the base first
 *              in each group; differences from that row
 */
#include <stdio.h>

#include "compare.h"
#include "workbook.h"
#include "xlsx.h"

/* The figure columns, in cap_figure order, start at first; the margin is
 * =price-cost; the differences follow the figures. */
static void figure_cells(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         lxw_col_t first, const double *v, const double *base,
                         lxw_row_t base_row, int with_diff)
{
    char f[128], a[16], c[16], me[16], them[16];
    for (int k = 0; k < CAP_FIGS; k++) {
        lxw_format *fmt = b->fmt[k < CAP_FIG_PRICE ? CAP_FMT_ONE : CAP_FMT_CENTS];
        lxw_col_t col = (lxw_col_t)(first + k);
        if (k == CAP_FIG_MARGIN) {
            cap_book_cell(a, row, (lxw_col_t)(first + CAP_FIG_PRICE), 0);
            cap_book_cell(c, row, (lxw_col_t)(first + CAP_FIG_COST), 0);
            snprintf(f, sizeof f, "=%s-%s", a, c);
            cap_book_formula(b, ws, row, col, f, fmt, v[k]);
        } else {
            cap_book_num(b, ws, row, col, v[k], fmt);
        }
        if (!with_diff)
            continue;
        cap_book_cell(me, row, col, 0);
        cap_book_cell(them, base_row, col, 1);
        snprintf(f, sizeof f, "=%s-%s", me, them);
        cap_book_formula(b, ws, row, (lxw_col_t)(col + CAP_FIGS), f, fmt,
                         cap_compare_diff((cap_figure)k, v[k], base[k]));
    }
}

/* Column titles of the figures, then "Δ ..." of each. */
static void figure_columns(cap_column *cols, int first)
{
    static const char *const titles[CAP_FIGS] = {"P-CSM FTE", "P-TAM FTE",
                                                 "Price", "Cost", "Margin"};
    static const char *const diffs[CAP_FIGS] = {
        "Diff P-CSM FTE", "Diff P-TAM FTE", "Diff price", "Diff cost",
        "Diff margin"};
    for (int k = 0; k < CAP_FIGS; k++) {
        cap_fmt_kind kind = k < CAP_FIG_PRICE ? CAP_FMT_ONE : CAP_FMT_CENTS;
        cols[first + k] = (cap_column){titles[k], k < 2 ? 11 : 15, kind};
        cols[first + CAP_FIGS + k] = (cap_column){diffs[k], k < 2 ? 14 : 15,
                                                  kind};
    }
}

static void sheet_scenarios(cap_book *b, const cap_compare *c)
{
    cap_column cols[1 + 2 * CAP_FIGS];
    cols[0] = (cap_column){"Scenario", 36, CAP_FMT_TEXT};
    figure_columns(cols, 1);
    lxw_worksheet *ws = cap_book_sheet(b, "Scenarios", cols, 1 + 2 * CAP_FIGS);
    if (!ws)
        return;
    for (size_t s = 0; s < c->scenario_count; s++) {
        lxw_row_t row = (lxw_row_t)(1 + s);
        cap_book_text(b, ws, row, 0, c->scenario[s].name, NULL);
        figure_cells(b, ws, row, 1, c->horizon[s], c->horizon[0], 1, 1);
    }
    cap_book_table(b, ws, (lxw_row_t)c->scenario_count, 1 + 2 * CAP_FIGS);
}

static void price_chart(cap_book *b, lxw_worksheet *ws, const cap_compare *c)
{
    lxw_chart *chart = cap_book_chart(b, LXW_CHART_COLUMN);
    if (!chart)
        return;
    lxw_row_t q = (lxw_row_t)c->quarters;
    for (size_t s = 0; s < c->scenario_count; s++) {
        lxw_row_t first = (lxw_row_t)(1 + s * q);
        cap_book_series(b, chart, "Quarters", 1, q, 1, first, first + q - 1,
                        2 + CAP_FIG_PRICE, first, 0);
    }
    chart_title_set_name(chart, "Price per quarter by scenario");
    chart_axis_set_name(chart->y_axis, "Price");
    cap_book_place(b, ws, (lxw_row_t)(c->scenario_count * q + 3), 0, chart,
                   1.6, 1.2);
}

static void sheet_quarters(cap_book *b, const cap_compare *c)
{
    cap_column cols[2 + 2 * CAP_FIGS];
    cols[0] = (cap_column){"Scenario", 36, CAP_FMT_TEXT};
    cols[1] = (cap_column){"Quarter", 10, CAP_FMT_TEXT};
    figure_columns(cols, 2);
    lxw_worksheet *ws = cap_book_sheet(b, "Quarters", cols, 2 + 2 * CAP_FIGS);
    if (!ws)
        return;
    lxw_row_t row = 1;
    for (size_t s = 0; s < c->scenario_count; s++)
        for (int q = 0; q < c->quarters; q++, row++) {
            cap_book_text(b, ws, row, 0, c->scenario[s].name, NULL);
            cap_book_text(b, ws, row, 1, c->quarter_label[q], NULL);
            figure_cells(b, ws, row, 2, cap_compare_total(c, s, q)->v,
                         cap_compare_total(c, 0, q)->v, (lxw_row_t)(1 + q), 1);
        }
    cap_book_table(b, ws, row - 1, 2 + 2 * CAP_FIGS);
    price_chart(b, ws, c);
}

static void sheet_partners(cap_book *b, const cap_compare *c)
{
    enum { PARTNER, NAME, QUARTER, SCENARIO, PRESENT, FIGS };
    cap_column cols[FIGS + 2 * CAP_FIGS] = {
        [PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
        [NAME] = {"Name", 24, CAP_FMT_TEXT},
        [QUARTER] = {"Quarter", 10, CAP_FMT_TEXT},
        [SCENARIO] = {"Scenario", 30, CAP_FMT_TEXT},
        [PRESENT] = {"In scenario", 11, CAP_FMT_TEXT}};
    figure_columns(cols, FIGS);
    lxw_worksheet *ws = cap_book_sheet(b, "Partners", cols, FIGS + 2 * CAP_FIGS);
    if (!ws)
        return;
    lxw_row_t row = 1;
    for (size_t k = 0; k < c->partner_count; k++)
        for (int q = 0; q < c->quarters; q++) {
            lxw_row_t base_row = row;
            for (size_t s = 0; s < c->scenario_count; s++, row++) {
                const cap_compare_cell *x = cap_compare_at(c, s, k, q);
                cap_book_text(b, ws, row, PARTNER, c->partner_id[k], NULL);
                cap_book_text(b, ws, row, NAME, c->partner_name[k], NULL);
                cap_book_text(b, ws, row, QUARTER, c->quarter_label[q], NULL);
                cap_book_text(b, ws, row, SCENARIO, c->scenario[s].name, NULL);
                cap_book_text(b, ws, row, PRESENT, cap_yes_no(x->present), NULL);
                figure_cells(b, ws, row, FIGS, x->v,
                             cap_compare_at(c, 0, k, q)->v, base_row, 1);
            }
        }
    cap_book_table(b, ws, row - 1, FIGS + 2 * CAP_FIGS);
}

cap_status cap_workbook_compare(const cap_staged *f, const cap_compare *c,
                                const cap_model *m, const cap_run_info *info,
                                cap_error *err)
{
    cap_book b;
    CAP_TRY(cap_book_open(&b, f, "capplan compare", c->scenario[0].p, m, info,
                          err));
    sheet_scenarios(&b, c);
    sheet_quarters(&b, c);
    sheet_partners(&b, c);
    cap_book_assumptions(&b, NULL, c->scenario[0].p, m, info);
    return cap_book_close(&b, f, err);
}
