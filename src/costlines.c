/* costlines.c - the cost rows of cost.xlsx and quarterly.xlsx. */
#include "costlines.h"

#include <stdio.h>

const char *const cap_cost_line_names[CAP_ROLES + 1] = {"P-CSM", "P-TAM",
                                                         "Service hours"};

void cap_cost_columns(cap_column out[CAP_CL_COLS], const char *context,
                      const char *cost)
{
    const cap_column cols[CAP_CL_COLS] = {
        [CAP_CL_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
        [CAP_CL_NAME] = {"Name", 28, CAP_FMT_TEXT},
        [CAP_CL_CONTEXT] = {context, 11, CAP_FMT_TEXT},
        [CAP_CL_CUSTOMERS] = {"Customers", 11, CAP_FMT_INT},
        [CAP_CL_LINE] = {"Line", 14, CAP_FMT_TEXT},
        [CAP_CL_TIER] = {"Tier", 17, CAP_FMT_TEXT},
        [CAP_CL_LOCALIZED] = {"Localized", 10, CAP_FMT_TEXT},
        [CAP_CL_CLOCK] = {"Clock", 9, CAP_FMT_TEXT},
        [CAP_CL_FTE] = {"FTE", 7, CAP_FMT_ONE},
        [CAP_CL_BINDING] = {"Binding", 13, CAP_FMT_TEXT},
        [CAP_CL_HOURS] = {"Hours/month", 12, CAP_FMT_TWO},
        [CAP_CL_BILLED] = {"Billed h/month", 11, CAP_FMT_TWO},
        [CAP_CL_RATE] = {"Rate", 13, CAP_FMT_CENTS},
        [CAP_CL_LOC_FACTOR] = {"Localization factor", 15, CAP_FMT_TWO},
        [CAP_CL_CLOCK_FACTOR] = {"24x7 factor", 11, CAP_FMT_TWO},
        [CAP_CL_COST] = {cost, 16, CAP_FMT_CENTS},
        [CAP_CL_CONTRACT] = {"Contract FTE", 13, CAP_FMT_ONE},
        [CAP_CL_PRICE_RATE] = {"Price rate", 13, CAP_FMT_CENTS},
        [CAP_CL_PRICE] = {"Price", 16, CAP_FMT_CENTS},
        [CAP_CL_MARGIN] = {"Margin", 16, CAP_FMT_CENTS},
    };
    for (int c = 0; c < CAP_CL_COLS; c++)
        out[c] = cols[c];
}

/* "P7" for column col of row. */
static void at(char out[LXW_MAX_CELL_NAME_LENGTH], lxw_row_t row,
               lxw_col_t col)
{
    cap_book_cell(out, row, col, 0);
}

/* Partner, name, context, customers, line name. */
static void line_head(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      const cap_partner_staffing *ps, const char *context,
                      int customers, int line)
{
    cap_book_text(b, ws, row, CAP_CL_PARTNER, ps->partner->id, NULL);
    cap_book_text(b, ws, row, CAP_CL_NAME, ps->partner->name, NULL);
    cap_book_text(b, ws, row, CAP_CL_CONTEXT, context, NULL);
    cap_book_num(b, ws, row, CAP_CL_CUSTOMERS, customers, b->fmt[CAP_FMT_INT]);
    cap_book_text(b, ws, row, CAP_CL_LINE, cap_cost_line_names[line], NULL);
}

/* Price = formula over the row's cells, margin = price - cost; both
 * added to sums under line (a role, or CAP_ROLES for service hours). */
static void price_cells(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                        const char *price_formula, double price, double cost,
                        int line, cap_cost_sums *sums)
{
    char f[64], p[16], c[16];
    at(p, row, CAP_CL_PRICE);
    at(c, row, CAP_CL_COST);
    cap_book_formula(b, ws, row, CAP_CL_PRICE, price_formula,
                     b->fmt[CAP_FMT_CENTS], price);
    cap_money margin = {0};
    cap_money_add(&margin, price);
    cap_money_add(&margin, -cost);
    snprintf(f, sizeof f, "=%s-%s", p, c);
    cap_book_formula(b, ws, row, CAP_CL_MARGIN, f, b->fmt[CAP_FMT_CENTS],
                     cap_money_value(margin));
    cap_money_add(&sums->price[line], price);
    cap_money_add(&sums->price_total, price);
    cap_money_add(&sums->margin[line], cap_money_value(margin));
    cap_money_add(&sums->margin_total, cap_money_value(margin));
}

static void role_line(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      const cap_partner_staffing *ps, cap_role r,
                      const cap_model *m, int periods, cap_cost_sums *sums)
{
    const cap_role_staffing *rs = &ps->role[r];
    int around = m->plan[rs->tier].around_the_clock;
    char f[256], loc[16], clock[16], fte[16], rate[16], lf[16], cf[16];
    at(loc, row, CAP_CL_LOCALIZED);
    at(clock, row, CAP_CL_CLOCK);
    at(fte, row, CAP_CL_FTE);
    at(rate, row, CAP_CL_RATE);
    at(lf, row, CAP_CL_LOC_FACTOR);
    at(cf, row, CAP_CL_CLOCK_FACTOR);
    cap_book_text(b, ws, row, CAP_CL_TIER, cap_plan_name(rs->tier), NULL);
    cap_book_text(b, ws, row, CAP_CL_LOCALIZED, cap_yes_no(rs->localized), NULL);
    cap_book_text(b, ws, row, CAP_CL_CLOCK, around ? "24x7" : "business", NULL);
    sums->fte[r] += cap_book_num(b, ws, row, CAP_CL_FTE, rs->fte,
                                 b->fmt[CAP_FMT_ONE]);
    cap_book_text(b, ws, row, CAP_CL_BINDING, cap_binding_name(rs->binding),
                  NULL);
    snprintf(f, sizeof f, "=%s_annual_cost", cap_role_name(r));
    cap_book_formula(b, ws, row, CAP_CL_RATE, f, b->fmt[CAP_FMT_CENTS],
                     m->annual_cost[r]);
    snprintf(f, sizeof f, "=1+IF(%s=\"yes\",localization_uplift,0)", loc);
    cap_book_formula(b, ws, row, CAP_CL_LOC_FACTOR, f, b->fmt[CAP_FMT_TWO],
                     cap_cost_localization_factor(m, rs->localized));
    snprintf(f, sizeof f, "=1+IF(%s=\"24x7\",around_the_clock_uplift,0)",
             clock);
    cap_book_formula(b, ws, row, CAP_CL_CLOCK_FACTOR, f, b->fmt[CAP_FMT_TWO],
                     cap_cost_clock_factor(m, rs->tier));
    double cost = cap_cost_role(m, r, rs->fte, rs->localized, rs->tier,
                                periods);
    if (periods > 1)
        snprintf(f, sizeof f, "=ROUND(%s*%s*%s*%s/%d,2)", fte, rate, lf, cf,
                 periods);
    else
        snprintf(f, sizeof f, "=ROUND(%s*%s*%s*%s,2)", fte, rate, lf, cf);
    cap_book_formula(b, ws, row, CAP_CL_COST, f, b->fmt[CAP_FMT_CENTS], cost);
    cap_money_add(&sums->cost[r], cost);
    cap_money_add(&sums->total, cost);
    char contract[16], prate[16];
    at(contract, row, CAP_CL_CONTRACT);
    at(prate, row, CAP_CL_PRICE_RATE);
    cap_book_num(b, ws, row, CAP_CL_CONTRACT, rs->fte_contract,
                 b->fmt[CAP_FMT_ONE]);
    snprintf(f, sizeof f, "=%s_annual_price", cap_role_name(r));
    cap_book_formula(b, ws, row, CAP_CL_PRICE_RATE, f, b->fmt[CAP_FMT_CENTS],
                     m->annual_price[r]);
    if (periods > 1)
        snprintf(f, sizeof f, "=ROUND(%s*%s*%s*%s/%d,2)", contract, prate, lf,
                 cf, periods);
    else
        snprintf(f, sizeof f, "=ROUND(%s*%s*%s*%s,2)", contract, prate, lf, cf);
    price_cells(b, ws, row, f,
                cap_price_role(m, r, rs->fte_contract, rs->localized, rs->tier,
                               periods), cost, r, sums);
}

static void service_line(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const cap_partner_staffing *ps, const cap_model *m,
                         int periods, cap_cost_sums *sums)
{
    char f[128], hours[16], billed[16], rate[16];
    int months = 12 / periods;
    at(hours, row, CAP_CL_HOURS);
    at(billed, row, CAP_CL_BILLED);
    at(rate, row, CAP_CL_RATE);
    cap_book_num(b, ws, row, CAP_CL_HOURS, ps->service_hours_worked_month,
                 b->fmt[CAP_FMT_TWO]);
    snprintf(f, sizeof f, "=MAX(%s,retainer_hours_per_month)", hours);
    cap_book_formula(b, ws, row, CAP_CL_BILLED, f, b->fmt[CAP_FMT_TWO],
                     ps->service_hours_month);
    sums->billed_hours += ps->service_hours_month;
    cap_book_formula(b, ws, row, CAP_CL_RATE, "=service_hour_rate",
                     b->fmt[CAP_FMT_CENTS], m->service_hour_rate);
    double cost = cap_cost_service(m, ps->service_hours_month, months);
    snprintf(f, sizeof f, "=ROUND(%s*%s*%d,2)", billed, rate, months);
    cap_book_formula(b, ws, row, CAP_CL_COST, f, b->fmt[CAP_FMT_CENTS], cost);
    cap_money_add(&sums->service, cost);
    cap_money_add(&sums->total, cost);
    char prate[16];
    at(prate, row, CAP_CL_PRICE_RATE);
    cap_book_formula(b, ws, row, CAP_CL_PRICE_RATE, "=service_hour_rate",
                     b->fmt[CAP_FMT_CENTS], m->service_hour_rate);
    snprintf(f, sizeof f, "=ROUND(%s*%s*%d,2)", billed, prate, months);
    price_cells(b, ws, row, f, cost, cost, CAP_ROLES, sums);
}

lxw_row_t cap_cost_lines(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const cap_partner_staffing *ps, const char *context,
                         const cap_model *m, int periods, cap_cost_sums *sums)
{
    for (int r = 0; r < CAP_ROLES; r++) {
        if (!ps->role[r].billed)
            continue;
        line_head(b, ws, row, ps, context, ps->role[r].customers, r);
        role_line(b, ws, row++, ps, (cap_role)r, m, periods, sums);
    }
    if (ps->service_hours_billed) {
        line_head(b, ws, row, ps, context, ps->customers, CAP_ROLES);
        service_line(b, ws, row++, ps, m, periods, sums);
    }
    return row;
}
