/* costbook.c - reports/cost.xlsx (SPEC sections 5 and 7): what the first
 * quarter's staffing costs per year, as live formulas over the Rates
 * sheet, so a reader who edits a rate sees every total follow. */
#include <stdio.h>
#include <string.h>

#include "costlines.h"
#include "workbook.h"

/* ---- Costs: a row per partner and line, then the totals --------------- */

/* =SUMIF(line column, line, value column) over the data rows, or =SUM
 * of the value column when line is NULL. */
static void costs_total(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, cap_row_span rows, const char *line,
                        lxw_format *f, double cached)
{
    char values[LXW_MAX_CELL_RANGE_LENGTH], lines[LXW_MAX_CELL_RANGE_LENGTH];
    char formula[160];
    lxw_rowcol_to_range_abs(values, rows.first, col, rows.last, col);
    lxw_rowcol_to_range_abs(lines, rows.first, CAP_CL_LINE, rows.last,
                            CAP_CL_LINE);
    if (line)
        snprintf(formula, sizeof formula, "=SUMIF(%s,\"%s\",%s)", lines, line,
                 values);
    else
        snprintf(formula, sizeof formula, "=SUM(%s)", values);
    cap_book_formula(b, ws, row, col, formula, f, cached);
}

/* Under the table: per line (FTE, billed hours, cost), then the total. */
static void costs_totals(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         cap_row_span rows, const cap_cost_sums *sums)
{
    lxw_format *cents = b->fmt[CAP_FMT_CENTS];
    for (int line = 0; line <= CAP_ROLES; line++, row++) {
        const char *name = cap_cost_line_names[line];
        char label[48];
        snprintf(label, sizeof label, "Total %s", name);
        cap_book_text(b, ws, row, CAP_CL_PARTNER, label, b->bold);
        cap_book_text(b, ws, row, CAP_CL_LINE, name, NULL);
        if (line < CAP_ROLES)
            costs_total(b, ws, row, CAP_CL_FTE, rows, name,
                        b->fmt[CAP_FMT_ONE], sums->fte[line]);
        else
            costs_total(b, ws, row, CAP_CL_BILLED, rows, name,
                        b->fmt[CAP_FMT_TWO], sums->billed_hours);
        costs_total(b, ws, row, CAP_CL_COST, rows, name, cents,
                    cap_money_value(line < CAP_ROLES ? sums->cost[line]
                                                     : sums->service));
        costs_total(b, ws, row, CAP_CL_PRICE, rows, name, cents,
                    cap_money_value(sums->price[line]));
        costs_total(b, ws, row, CAP_CL_MARGIN, rows, name, cents,
                    cap_money_value(sums->margin[line]));
    }
    cap_book_text(b, ws, row, CAP_CL_PARTNER, "Total", b->bold);
    costs_total(b, ws, row, CAP_CL_FTE, rows, NULL, b->fmt[CAP_FMT_ONE],
                sums->fte[CAP_ROLE_CSM] + sums->fte[CAP_ROLE_TAM]);
    costs_total(b, ws, row, CAP_CL_COST, rows, NULL, cents,
                cap_money_value(sums->total));
    costs_total(b, ws, row, CAP_CL_PRICE, rows, NULL, cents,
                cap_money_value(sums->price_total));
    costs_total(b, ws, row, CAP_CL_MARGIN, rows, NULL, cents,
                cap_money_value(sums->margin_total));
}

static cap_row_span sheet_costs(cap_book *b, const cap_staffing *s,
                            const cap_model *m, cap_cost_sums *sums)
{
    cap_column cols[CAP_CL_COLS];
    cap_cost_columns(cols, "Channel", "Annual cost");
    lxw_worksheet *ws = cap_book_sheet(b, "Costs", cols, CAP_CL_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return (cap_row_span){1, 0};
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++) {
        const cap_partner_staffing *ps = &s->partners[i];
        row = cap_cost_lines(b, ws, row, ps,
                             cap_channel_name(ps->partner->channel), m, 1,
                             sums);
    }
    cap_row_span rows = {1, row - 1};
    cap_book_table(b, ws, rows.last, CAP_CL_COLS);
    if (rows.last >= rows.first)
        costs_totals(b, ws, row + 1, rows, sums);
    return rows;
}

/* ---- Partners: cost per partner and line, and the chart --------------- */

enum { P_PARTNER, P_NAME, P_CSM, P_TAM, P_SERVICE, P_TOTAL, P_COLS };

static const cap_column partner_columns[P_COLS] = {
    [P_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
    [P_NAME] = {"Name", 28, CAP_FMT_TEXT},
    [P_CSM] = {"P-CSM", 14, CAP_FMT_CENTS},
    [P_TAM] = {"P-TAM", 14, CAP_FMT_CENTS},
    [P_SERVICE] = {"Service hours", 14, CAP_FMT_CENTS},
    [P_TOTAL] = {"Total", 15, CAP_FMT_CENTS},
};

/* =SUMIFS(Costs cost, Costs partner, A2, Costs line, "P-CSM"). */
static void partner_cell(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         int line, cap_row_span rows, double cached)
{
    char cost[LXW_MAX_CELL_RANGE_LENGTH], id[LXW_MAX_CELL_RANGE_LENGTH];
    char kind[LXW_MAX_CELL_RANGE_LENGTH], me[LXW_MAX_CELL_NAME_LENGTH];
    char formula[256];
    lxw_rowcol_to_range_abs(cost, rows.first, CAP_CL_COST, rows.last, CAP_CL_COST);
    lxw_rowcol_to_range_abs(id, rows.first, CAP_CL_PARTNER, rows.last,
                            CAP_CL_PARTNER);
    lxw_rowcol_to_range_abs(kind, rows.first, CAP_CL_LINE, rows.last,
                            CAP_CL_LINE);
    lxw_rowcol_to_cell_abs(me, row, P_PARTNER, 0, 1);
    snprintf(formula, sizeof formula,
             "=SUMIFS(Costs!%s,Costs!%s,%s,Costs!%s,\"%s\")", cost, id, me,
             kind, cap_cost_line_names[line]);
    cap_book_formula(b, ws, row, (lxw_col_t)(P_CSM + line), formula,
                     b->fmt[CAP_FMT_CENTS], cached);
}

static void partner_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                        const cap_partner_staffing *ps, cap_row_span rows,
                        cap_money column[P_COLS])
{
    double line[CAP_ROLES + 1];
    int contracted[CAP_ROLES + 1];
    for (int r = 0; r < CAP_ROLES; r++) {
        contracted[r] = ps->role[r].billed; /* the Costs sheet's lines */
        line[r] = contracted[r] ? ps->role[r].annual_cost : 0;
    }
    contracted[CAP_ROLES] = ps->service_hours_billed;
    line[CAP_ROLES] = ps->service_hours_annual_cost;
    cap_book_text(b, ws, row, P_PARTNER, ps->partner->id, NULL);
    cap_book_text(b, ws, row, P_NAME, ps->partner->name, NULL);
    for (int k = 0; k <= CAP_ROLES; k++) {
        if (!contracted[k]) /* blank, not $0.00: nothing was bought */
            cap_book_blank(b, ws, row, (lxw_col_t)(P_CSM + k),
                           b->fmt[CAP_FMT_CENTS]);
        else if (rows.last >= rows.first)
            partner_cell(b, ws, row, k, rows, line[k]);
        else
            cap_book_num(b, ws, row, (lxw_col_t)(P_CSM + k), 0,
                         b->fmt[CAP_FMT_CENTS]);
        cap_money_add(&column[P_CSM + k], line[k]);
    }
    cap_book_sum(b, ws, row, P_TOTAL, row, P_CSM, row, P_SERVICE,
                 b->fmt[CAP_FMT_CENTS], ps->annual_cost);
    cap_money_add(&column[P_TOTAL], ps->annual_cost);
}

static void partner_chart(cap_book *b, lxw_worksheet *ws, lxw_row_t last)
{
    lxw_chart *chart = cap_book_chart(b, LXW_CHART_BAR_STACKED);
    if (!chart)
        return;
    for (lxw_col_t c = P_CSM; c <= P_SERVICE; c++)
        cap_book_series(b, chart, ws->name, 1, last, P_PARTNER, 1, last, c,
                        0, c);
    chart_title_set_name(chart, "Annual cost by partner");
    /* In a bar chart the value axis is the horizontal one, x. */
    chart_axis_set_num_format(chart->x_axis, b->money_format);
    chart_set_style(chart, 10);
    /* a bar per partner: taller the more partners there are */
    cap_book_place(b, ws, 1, P_COLS + 1, chart, 1.6,
                   last > 12 ? (double)last / 12.0 : 1.0);
}

static void sheet_partners(cap_book *b, const cap_staffing *s, cap_row_span rows)
{
    lxw_worksheet *ws = cap_book_sheet(b, "Partners", partner_columns, P_COLS);
    cap_money column[P_COLS] = {{0}};
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        partner_row(b, ws, row++, &s->partners[i], rows, column);
    cap_book_table(b, ws, row - 1, P_COLS);
    cap_book_text(b, ws, row, P_PARTNER, "Total", b->bold);
    for (lxw_col_t c = P_CSM; c <= P_TOTAL && row > 1; c++)
        cap_book_sum(b, ws, row, c, 1, c, row - 1, c, b->fmt[CAP_FMT_CENTS],
                     cap_money_value(column[c]));
    if (row > 1)
        partner_chart(b, ws, row - 1);
}

/* ---- TAM options: dedicated P-TAM vs. service hours ------------------- */

enum { T_PARTNER, T_NAME, T_TIER, T_TECHNICAL, T_FTE, T_LOCALIZED, T_CLOCK,
       T_DEDICATED, T_DEDICATED_MEETS, T_HOURS, T_BILLED, T_RETAINER,
       T_SERVICE, T_SERVICE_MEETS, T_CHOICE, T_COLS };

static const cap_column option_columns[T_COLS] = {
    [T_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
    [T_NAME] = {"Name", 28, CAP_FMT_TEXT},
    [T_TIER] = {"TAM tier", 17, CAP_FMT_TEXT},
    [T_TECHNICAL] = {"Technical h/month", 12, CAP_FMT_TWO},
    [T_FTE] = {"Dedicated P-TAM FTE", 12, CAP_FMT_ONE},
    [T_LOCALIZED] = {"Localized", 10, CAP_FMT_TEXT},
    [T_CLOCK] = {"Clock", 9, CAP_FMT_TEXT},
    [T_DEDICATED] = {"Dedicated annual cost", 15, CAP_FMT_CENTS},
    [T_DEDICATED_MEETS] = {"Dedicated meets SLA", 12, CAP_FMT_TEXT},
    [T_HOURS] = {"Service h/month", 11, CAP_FMT_TWO},
    [T_BILLED] = {"Billed h/month", 11, CAP_FMT_TWO},
    [T_RETAINER] = {"Retainer h/month", 11, CAP_FMT_TWO},
    [T_SERVICE] = {"Service annual cost", 15, CAP_FMT_CENTS},
    [T_SERVICE_MEETS] = {"Service meets SLA", 12, CAP_FMT_TEXT},
    [T_CHOICE] = {"Cheaper option meeting SLA", 18, CAP_FMT_TEXT},
};

static const char *choice_label(cap_tam_choice c)
{
    static const char *const labels[] = {"neither", "dedicated P-TAM",
                                         "service hours"};
    return labels[c];
}

/* The cells' names in row, for the formulas. */
typedef struct {
    char fte[16], loc[16], clock[16], dedicated[16], dmeets[16], hours[16];
    char billed[16], service[16], smeets[16];
} option_cells;

static option_cells cells_of(lxw_row_t row)
{
    option_cells c;
    cap_book_cell(c.fte, row, T_FTE, 0);
    cap_book_cell(c.loc, row, T_LOCALIZED, 0);
    cap_book_cell(c.clock, row, T_CLOCK, 0);
    cap_book_cell(c.dedicated, row, T_DEDICATED, 0);
    cap_book_cell(c.dmeets, row, T_DEDICATED_MEETS, 0);
    cap_book_cell(c.hours, row, T_HOURS, 0);
    cap_book_cell(c.billed, row, T_BILLED, 0);
    cap_book_cell(c.service, row, T_SERVICE, 0);
    cap_book_cell(c.smeets, row, T_SERVICE_MEETS, 0);
    return c;
}

static void option_formulas(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                            const cap_tam_options *t, const cap_model *m)
{
    option_cells c = cells_of(row);
    lxw_format *cents = b->fmt[CAP_FMT_CENTS], *two = b->fmt[CAP_FMT_TWO];
    char f[320];
    snprintf(f, sizeof f, "=ROUND(%s*tam_annual_cost*(1+IF(%s=\"yes\","
             "localization_uplift,0))*(1+IF(%s=\"24x7\","
             "around_the_clock_uplift,0)),2)", c.fte, c.loc, c.clock);
    cap_book_formula(b, ws, row, T_DEDICATED, f, cents, t->dedicated_annual_cost);
    snprintf(f, sizeof f, "=MAX(%s,retainer_hours_per_month)", c.hours);
    cap_book_formula(b, ws, row, T_BILLED, f, two, t->service_hours_month);
    cap_book_formula(b, ws, row, T_RETAINER, "=retainer_hours_per_month", two,
                     m->retainer_hours_per_month);
    snprintf(f, sizeof f, "=ROUND(%s*service_hour_rate*12,2)", c.billed);
    cap_book_formula(b, ws, row, T_SERVICE, f, cents, t->service_annual_cost);
    snprintf(f, sizeof f, "=IF(AND(%s=\"yes\",OR(%s<>\"yes\",%s<%s)),"
             "\"service hours\",IF(%s=\"yes\",\"dedicated P-TAM\","
             "\"neither\"))", c.smeets, c.dmeets, c.service, c.dedicated,
             c.dmeets);
    cap_book_formula_text(b, ws, row, T_CHOICE, f, NULL,
                          choice_label(t->choice));
}

static void option_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                       const cap_partner_staffing *ps, const cap_model *m)
{
    const cap_tam_options *t = &ps->tam_options;
    int around = m->plan[t->dedicated_tier].around_the_clock;
    cap_book_text(b, ws, row, T_PARTNER, ps->partner->id, NULL);
    cap_book_text(b, ws, row, T_NAME, ps->partner->name, NULL);
    cap_book_text(b, ws, row, T_TIER, cap_plan_name(t->dedicated_tier), NULL);
    cap_book_num(b, ws, row, T_TECHNICAL, ps->technical_hours_month,
                 b->fmt[CAP_FMT_TWO]);
    cap_book_num(b, ws, row, T_FTE, t->dedicated_fte, b->fmt[CAP_FMT_ONE]);
    cap_book_text(b, ws, row, T_LOCALIZED, cap_yes_no(t->dedicated_localized),
                  NULL);
    cap_book_text(b, ws, row, T_CLOCK, around ? "24x7" : "business", NULL);
    cap_book_text(b, ws, row, T_DEDICATED_MEETS,
                  cap_yes_no(t->dedicated_meets_sla), NULL);
    cap_book_num(b, ws, row, T_HOURS, t->service_hours_worked_month,
                 b->fmt[CAP_FMT_TWO]);
    cap_book_text(b, ws, row, T_SERVICE_MEETS, cap_yes_no(t->service_meets_sla),
                  NULL);
    option_formulas(b, ws, row, t, m);
}

static void sheet_options(cap_book *b, const cap_staffing *s,
                          const cap_model *m)
{
    lxw_worksheet *ws = cap_book_sheet(b, "TAM options", option_columns, T_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        if (s->partners[i].tam_options.compared)
            option_row(b, ws, row++, &s->partners[i], m);
    cap_book_table(b, ws, row - 1, T_COLS);
}

cap_status cap_workbook_cost(const cap_staged *f, const cap_staffing *s,
                             const cap_portfolio *p, const cap_model *m,
                             const cap_run_info *info, cap_error *err)
{
    cap_book b;
    cap_cost_sums sums;
    memset(&sums, 0, sizeof sums);
    if (cap_book_open(&b, f, "capplan cost", p, m, info, err) != CAP_OK)
        return err->code;
    cap_book_rates(&b, m);
    cap_row_span rows = sheet_costs(&b, s, m, &sums);
    sheet_partners(&b, s, rows);
    sheet_options(&b, s, m);
    cap_book_assumptions(&b, s, p, m, info);
    return cap_book_close(&b, f, err);
}
