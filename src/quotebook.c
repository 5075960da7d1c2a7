/* quotebook.c - quote.xlsx (`capplan size -o DIR`): one partner's quote
 * on one printable page.  The money lines are live formulas over a Rates
 * block on the same page (named cells), so the page a salesperson prints
 * is complete, and a rate edited in the shaded cells moves every amount.
 * The rest (staffing and why, first response against the goals, the
 * P-TAM choice, the quarters, the warnings) renders the computed horizon.
 */
#include <stdio.h>
#include <string.h>

#include "cost.h"
#include "dealreport.h"
#include "sim.h"
#include "workbook.h"
#include "xlsx.h"

/* Columns: a label, then six figures; widths in characters. */
enum { Q_LABEL, Q_B, Q_C, Q_D, Q_E, Q_F, Q_G, Q_COLS };
static const double widths[Q_COLS] = {30, 12, 14, 13, 15, 15, 15};

/* What the quote bills: the price (SPEC section 5), what the partner
 * pays.  A role is priced on its contract FTE at the model's annual price
 * per FTE with the uplifts; service hours at the service-hour rate.  Only
 * the billed lines appear (an open P-TAM choice bills one option). */
static const char *const rate_names[CAP_ROLES] = {"csm_annual_price",
                                                  "tam_annual_price"};

static double role_rate(const cap_model *m, cap_role r)
{
    return m->annual_price[r];
}

static double role_fte(const cap_role_staffing *rs) { return rs->fte_contract; }

static double role_money(const cap_model *m, cap_role r,
                         const cap_role_staffing *rs, int periods)
{
    return cap_price_role(m, r, role_fte(rs), rs->localized, rs->tier,
                          periods);
}

static int role_billed(const cap_role_staffing *rs) { return rs->billed; }

static int hours_billed(const cap_partner_staffing *ps)
{
    return ps->service_hours_billed;
}

/* ---- the page ----------------------------------------------------------- */

typedef struct {
    cap_book *b;
    lxw_worksheet *ws;
    const cap_model *m;
    lxw_format *title, *wrap, *section, *column;
    lxw_row_t row;            /* next free row */
} page;

static lxw_format *page_format(page *pg)
{
    lxw_format *f = pg->b->code == CAP_OK ? workbook_add_format(pg->b->wb)
                                          : NULL;
    if (!f && pg->b->code == CAP_OK)
        cap_book_fail(pg->b, CAP_ERR_OUTPUT, "cannot add a format: %s",
                      lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
    return f;
}

static void cell_at(char out[LXW_MAX_CELL_NAME_LENGTH], lxw_row_t row,
                    lxw_col_t col)
{
    cap_book_cell(out, row, col, 0);
}

/* A section's heading row: label, then column titles (NULL: none); a
 * title starting with '<' heads a column of text and stands on the left. */
static void heading(page *pg, const char *label, const char *const *titles)
{
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, label, pg->section);
    for (int c = 1; titles && c < Q_COLS && titles[c - 1]; c++) {
        const char *t = titles[c - 1];
        cap_book_text(pg->b, pg->ws, pg->row, (lxw_col_t)c,
                      t[0] == '<' ? t + 1 : t,
                      t[0] == '<' ? pg->section : pg->column);
    }
    pg->row++;
}

/* Text across columns from..G of the current row, wrapped. */
static void wide_text(page *pg, lxw_col_t from, const char *text)
{
    if (pg->b->code != CAP_OK)
        return;
    cap_book_check_cell(pg->b, worksheet_merge_range(pg->ws, pg->row, from,
                                                     pg->row, Q_G, text,
                                                     pg->wrap),
                        pg->ws, pg->row, from);
    /* a merged cell does not grow with its text: size the row by hand */
    double chars = 0;
    for (lxw_col_t c = from; c < Q_COLS; c++)
        chars += widths[c];
    double lines = 1 + (double)(size_t)((double)strlen(text) / chars);
    cap_book_check_cell(pg->b, worksheet_set_row(pg->ws, pg->row, 15 * lines,
                                                 NULL),
                        pg->ws, pg->row, from);
}

/* ---- heading ------------------------------------------------------------ */

static void title_block(page *pg, const cap_horizon *h,
                        const cap_run_info *info)
{
    const cap_partner_staffing *ps = &h->quarter[0]->partners[0];
    char text[512], quarter[24], plans[160] = "";
    size_t n = 0;
    for (int plan = CAP_PLANS - 1; plan >= 0; plan--)
        if (ps->customers_by_plan[plan] > 0)
            n += (size_t)snprintf(plans + n, sizeof plans - n, "%s%d %s",
                                  n ? ", " : "", ps->customers_by_plan[plan],
                                  cap_plan_name((cap_plan)plan));
    snprintf(text, sizeof text, "Quote: %s", ps->partner->name);
    cap_book_text(pg->b, pg->ws, pg->row++, Q_LABEL, text, pg->title);
    snprintf(text, sizeof text, "%s partner, %d customers (%s), tier %s",
             cap_channel_name(ps->partner->channel), ps->customers, plans,
             cap_plan_name(ps->tier));
    cap_book_text(pg->b, pg->ws, pg->row++, Q_LABEL, text, NULL);
    snprintf(quarter, sizeof quarter, "%s", h->quarter[0]->quarter_label);
    if (info->simulated)
        snprintf(text, sizeof text, "First quarter %s, %d quarters; sized "
                 "against the SLAs by simulation (%d replications, seed %lu)",
                 quarter, h->count, info->replications, info->seed);
    else
        snprintf(text, sizeof text, "First quarter %s, %d quarters; sized "
                 "by the staffing rules (no simulation)", quarter, h->count);
    cap_book_text(pg->b, pg->ws, pg->row++, Q_LABEL, text, NULL);
    pg->row++;
}

/* ---- price lines and rates ---------------------------------------------- */

/* =ROUND(B*C*D*E,2) a year and the same /4 a quarter. */
static void role_line(page *pg, const cap_partner_staffing *ps, cap_role r,
                      cap_money *year, cap_money *quarter)
{
    const cap_role_staffing *rs = &ps->role[r];
    cap_book *b = pg->b;
    char f[160], fte[16], rate[16], lf[16], cf[16];
    lxw_row_t row = pg->row++;
    cell_at(fte, row, Q_B);
    cell_at(rate, row, Q_C);
    cell_at(lf, row, Q_D);
    cell_at(cf, row, Q_E);
    cap_book_text(b, pg->ws, row, Q_LABEL, cap_role_label(r), NULL);
    cap_book_num(b, pg->ws, row, Q_B, role_fte(rs), b->fmt[CAP_FMT_ONE]);
    snprintf(f, sizeof f, "=%s", rate_names[r]);
    cap_book_formula(b, pg->ws, row, Q_C, f, b->fmt[CAP_FMT_MONEY],
                     role_rate(pg->m, r));
    cap_book_formula(b, pg->ws, row, Q_D, rs->localized
                     ? "=1+localization_uplift" : "=1", b->fmt[CAP_FMT_TWO],
                     cap_cost_localization_factor(pg->m, rs->localized));
    cap_book_formula(b, pg->ws, row, Q_E,
                     pg->m->plan[rs->tier].around_the_clock
                         ? "=1+around_the_clock_uplift" : "=1",
                     b->fmt[CAP_FMT_TWO], cap_cost_clock_factor(pg->m, rs->tier));
    double y = role_money(pg->m, r, rs, 1), q = role_money(pg->m, r, rs, 4);
    snprintf(f, sizeof f, "=ROUND(%s*%s*%s*%s,2)", fte, rate, lf, cf);
    cap_book_formula(b, pg->ws, row, Q_F, f, b->fmt[CAP_FMT_CENTS], y);
    snprintf(f, sizeof f, "=ROUND(%s*%s*%s*%s/4,2)", fte, rate, lf, cf);
    cap_book_formula(b, pg->ws, row, Q_G, f, b->fmt[CAP_FMT_CENTS], q);
    cap_money_add(year, y);
    cap_money_add(quarter, q);
}

/* =MAX(hours, retainer) billed, x rate x 12 a year, x 3 a quarter. */
static void hours_line(page *pg, const cap_partner_staffing *ps,
                       cap_money *year, cap_money *quarter)
{
    cap_book *b = pg->b;
    char f[160], billed[16], rate[16];
    lxw_row_t row = pg->row++;
    cell_at(billed, row, Q_B);
    cell_at(rate, row, Q_C);
    cap_book_text(b, pg->ws, row, Q_LABEL, "Service hours (h/month)", NULL);
    snprintf(f, sizeof f, "=MAX(%.17g,retainer_hours_per_month)",
             ps->service_hours_worked_month);
    cap_book_formula(b, pg->ws, row, Q_B, f, b->fmt[CAP_FMT_TWO],
                     ps->service_hours_month);
    cap_book_formula(b, pg->ws, row, Q_C, "=service_hour_rate",
                     b->fmt[CAP_FMT_CENTS], pg->m->service_hour_rate);
    double y = cap_cost_service(pg->m, ps->service_hours_month, 12);
    double q = cap_cost_service(pg->m, ps->service_hours_month, 3);
    snprintf(f, sizeof f, "=ROUND(%s*%s*12,2)", billed, rate);
    cap_book_formula(b, pg->ws, row, Q_F, f, b->fmt[CAP_FMT_CENTS], y);
    snprintf(f, sizeof f, "=ROUND(%s*%s*3,2)", billed, rate);
    cap_book_formula(b, pg->ws, row, Q_G, f, b->fmt[CAP_FMT_CENTS], q);
    cap_money_add(year, y);
    cap_money_add(quarter, q);
}

static void price_block(page *pg, const cap_partner_staffing *ps)
{
    static const char *const titles[] = {"Contract FTE", "Rate", "Localization",
                                         "24x7", "Per year", "Per quarter",
                                         NULL};
    cap_money year = {0}, quarter = {0};
    heading(pg, "Price", titles);
    lxw_row_t first = pg->row;
    for (int r = 0; r < CAP_ROLES; r++)
        if (role_billed(&ps->role[r]))
            role_line(pg, ps, (cap_role)r, &year, &quarter);
    if (hours_billed(ps))
        hours_line(pg, ps, &year, &quarter);
    lxw_row_t last = pg->row - 1;
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "Total", pg->b->bold);
    cap_book_sum(pg->b, pg->ws, pg->row, Q_F, first, Q_F, last, Q_F,
                 pg->b->fmt[CAP_FMT_CENTS], cap_money_value(year));
    cap_book_sum(pg->b, pg->ws, pg->row, Q_G, first, Q_G, last, Q_G,
                 pg->b->fmt[CAP_FMT_CENTS], cap_money_value(quarter));
    pg->row += 2;
}

/* The named, shaded inputs every money formula of the page reads. */
static void rates_block(page *pg)
{
    const cap_model *m = pg->m;
    const struct {
        const char *name, *label;
        double value;
        cap_fmt_kind kind;
    } rows[] = {
        {rate_names[CAP_ROLE_CSM], "P-CSM per FTE and year",
         role_rate(m, CAP_ROLE_CSM), CAP_FMT_MONEY},
        {rate_names[CAP_ROLE_TAM], "P-TAM per FTE and year",
         role_rate(m, CAP_ROLE_TAM), CAP_FMT_MONEY},
        {"localization_uplift", "localized team uplift",
         m->localization_uplift, CAP_FMT_PCT},
        {"around_the_clock_uplift", "24x7 tier uplift",
         m->around_the_clock_uplift, CAP_FMT_PCT},
        {"service_hour_rate", "service hour", m->service_hour_rate,
         CAP_FMT_CENTS},
        {"retainer_hours_per_month", "retainer (hours per month)",
         m->retainer_hours_per_month, CAP_FMT_TWO},
    };
    static const char *const titles[] = {"Value", "<Name", NULL};
    heading(pg, "Rates (edit the shaded cells)", titles);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++, pg->row++) {
        cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, rows[i].label, NULL);
        cap_book_num(pg->b, pg->ws, pg->row, Q_B, rows[i].value,
                     pg->b->fmt_input[rows[i].kind]);
        cap_book_text(pg->b, pg->ws, pg->row, Q_C, rows[i].name, NULL);
        cap_book_name(pg->b, rows[i].name, pg->ws, pg->row, Q_B);
    }
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "currency", NULL);
    cap_book_text(pg->b, pg->ws, pg->row++, Q_B, m->currency, NULL);
    pg->row++;
}

/* ---- staffing, first response, the P-TAM choice ------------------------- */

/* Per role: the FTE the partner buys, the FTE delivered (which the first
 * response figures below are measured at), what set it, and why. */
static void staffing_block(page *pg, const cap_partner_staffing *ps)
{
    static const char *const titles[] = {"Contract FTE", "Staffed FTE",
                                         "<Binding", "<Why", NULL};
    heading(pg, "Staffing", titles);
    for (int r = 0; r < CAP_ROLES; r++) {
        const cap_role_staffing *rs = &ps->role[r];
        char why[256];
        cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL,
                      cap_role_label((cap_role)r), NULL);
        if (!rs->billed) {
            cap_book_text(pg->b, pg->ws, pg->row++, Q_B, rs->active
                          ? "not billed (service hours chosen)"
                          : "not contracted", NULL);
            continue;
        }
        cap_book_num(pg->b, pg->ws, pg->row, Q_B, rs->fte_contract,
                     pg->b->fmt[CAP_FMT_ONE]);
        cap_book_num(pg->b, pg->ws, pg->row, Q_C, rs->fte,
                     pg->b->fmt[CAP_FMT_ONE]);
        cap_book_text(pg->b, pg->ws, pg->row, Q_D,
                      cap_binding_name(rs->binding), NULL);
        snprintf(why, sizeof why, "%s tier, %d customers; the rules give "
                 "%.1f FTE, recommended %.1f", cap_plan_name(rs->tier),
                 rs->customers, rs->fte_rule, rs->fte_recommended);
        wide_text(pg, Q_E, why);
        pg->row++;
    }
    pg->row++;
}

static void sla_row(page *pg, const char *label, const cap_sla_role *sla)
{
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, label, NULL);
    for (int v = 0; v < CAP_SEVERITIES; v++) {
        double a = sla->severity[v].attainment.mean;
        if (a < 0)
            cap_book_text(pg->b, pg->ws, pg->row, (lxw_col_t)(Q_B + v),
                          "n/a", NULL);
        else
            cap_book_num(pg->b, pg->ws, pg->row, (lxw_col_t)(Q_B + v), a,
                         !cap_goal_met(a, sla->severity[v].goal) ? pg->b->gap
                                                   : pg->b->fmt[CAP_FMT_PCT]);
    }
    cap_book_num(pg->b, pg->ws, pg->row++, Q_F, sla->utilization.mean,
                 pg->b->fmt[CAP_FMT_PCT]);
}

static void sla_block(page *pg, const cap_partner_staffing *ps)
{
    static const char *const titles[] = {"S1", "S2", "S3", "S4",
                                         "Utilization", NULL};
    const cap_sla_role *any = NULL;
    heading(pg, "First response within target", titles);
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && ps->role[r].sla) {
            any = ps->role[r].sla;
            sla_row(pg, cap_role_label((cap_role)r), any);
        }
    if (!any) {
        cap_book_text(pg->b, pg->ws, pg->row++, Q_LABEL,
                      "not simulated (rules only)", NULL);
        pg->row++;
        return;
    }
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "Goal", pg->b->bold);
    for (int v = 0; v < CAP_SEVERITIES; v++)
        cap_book_num(pg->b, pg->ws, pg->row, (lxw_col_t)(Q_B + v),
                     any->severity[v].goal, pg->b->fmt[CAP_FMT_PCT]);
    cap_book_num(pg->b, pg->ws, pg->row++, Q_F, pg->m->utilization_cap,
                 pg->b->fmt[CAP_FMT_PCT]);
    pg->row++;
}

static void tam_block(page *pg, const cap_partner_staffing *ps)
{
    static const char *const titles[] = {"Size", "<Unit", "Per year",
                                         "<Meets SLA", NULL};
    static const char *const choice[] = {"neither meets the SLA",
                                         "dedicated P-TAM", "service hours"};
    const cap_tam_options *t = &ps->tam_options;
    if (!t->compared)
        return;
    heading(pg, "Dedicated P-TAM or service hours", titles);
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "Dedicated P-TAM", NULL);
    cap_book_num(pg->b, pg->ws, pg->row, Q_B, t->dedicated_contract_fte,
                 pg->b->fmt[CAP_FMT_ONE]);
    cap_book_text(pg->b, pg->ws, pg->row, Q_C, "FTE", NULL);
    cap_book_num(pg->b, pg->ws, pg->row, Q_D, t->dedicated_annual_price,
                 pg->b->fmt[CAP_FMT_CENTS]);
    cap_book_text(pg->b, pg->ws, pg->row++, Q_E,
                  cap_yes_no(t->dedicated_meets_sla), NULL);
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "Service hours", NULL);
    cap_book_num(pg->b, pg->ws, pg->row, Q_B, t->service_hours_month,
                 pg->b->fmt[CAP_FMT_TWO]);
    cap_book_text(pg->b, pg->ws, pg->row, Q_C, "h/month", NULL);
    cap_book_num(pg->b, pg->ws, pg->row, Q_D, t->service_annual_cost, /* = price */
                 pg->b->fmt[CAP_FMT_CENTS]);
    cap_book_text(pg->b, pg->ws, pg->row++, Q_E,
                  cap_yes_no(t->service_meets_sla), NULL);
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "Choice", pg->b->bold);
    cap_book_text(pg->b, pg->ws, pg->row++, Q_B, choice[t->choice],
                  pg->b->bold);
    pg->row++;
}

/* ---- quarters and warnings ---------------------------------------------- */

/* The quarter's money as one formula over the rates, the product of
 * role_line per role and of hours_line, /4 and x 3. */
static void quarter_formula(page *pg, const cap_partner_staffing *ps,
                            char *f, size_t cap)
{
    static const lxw_col_t fte_col[CAP_ROLES] = {Q_C, Q_D};
    char cellname[16];
    size_t n = (size_t)snprintf(f, cap, "=0");
    for (int r = 0; r < CAP_ROLES; r++) {
        const cap_role_staffing *rs = &ps->role[r];
        if (!role_billed(rs))
            continue;
        cell_at(cellname, pg->row, fte_col[r]);
        n += (size_t)snprintf(f + n, cap - n, "+ROUND(%s*%s%s%s/4,2)",
                              cellname, rate_names[r],
                              rs->localized ? "*(1+localization_uplift)" : "",
                              pg->m->plan[rs->tier].around_the_clock
                                  ? "*(1+around_the_clock_uplift)" : "");
    }
    cell_at(cellname, pg->row, Q_E);
    if (hours_billed(ps))
        snprintf(f + n, cap - n, "+ROUND(MAX(%s,retainer_hours_per_month)*"
                 "service_hour_rate*3,2)", cellname);
}

/* A role's quarter money multiplies FTE x rate x factors in that order;
 * "*(1+u)" in the formula is the same factor cost.c multiplies by. */
static void quarters_block(page *pg, const cap_horizon *h)
{
    static const char *const titles[] = {"Customers", "P-CSM FTE",
                                         "P-TAM FTE", "Service h/month",
                                         "Per quarter", NULL};
    heading(pg, "Quarter", titles);
    lxw_row_t first = pg->row;
    cap_money total = {0};
    for (int q = 0; q < h->count; q++, pg->row++) {
        const cap_partner_staffing *ps = &h->quarter[q]->partners[0];
        char label[24], f[512];
        snprintf(label, sizeof label, "%s", h->quarter[q]->quarter_label);
        cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, label, NULL);
        cap_book_num(pg->b, pg->ws, pg->row, Q_B, ps->customers,
                     pg->b->fmt[CAP_FMT_INT]);
        for (int r = 0; r < CAP_ROLES; r++)
            cap_book_num(pg->b, pg->ws, pg->row, (lxw_col_t)(Q_C + r),
                         role_billed(&ps->role[r]) ? role_fte(&ps->role[r]) : 0,
                         pg->b->fmt[CAP_FMT_ONE]);
        cap_book_num(pg->b, pg->ws, pg->row, Q_E,
                     hours_billed(ps) ? ps->service_hours_worked_month : 0,
                     pg->b->fmt[CAP_FMT_TWO]);
        quarter_formula(pg, ps, f, sizeof f);
        double money = cap_bill_partner(pg->m, ps, 4).price.total;
        cap_book_formula(pg->b, pg->ws, pg->row, Q_F, f,
                         pg->b->fmt[CAP_FMT_CENTS], money);
        cap_money_add(&total, money);
    }
    cap_book_text(pg->b, pg->ws, pg->row, Q_LABEL, "Horizon", pg->b->bold);
    cap_book_sum(pg->b, pg->ws, pg->row, Q_F, first, Q_F, pg->row - 1, Q_F,
                 pg->b->fmt[CAP_FMT_CENTS], cap_money_value(total));
    pg->row += 2;
}

static void warnings_block(page *pg, const cap_horizon *h)
{
    cap_deal_warning w[CAP_DEAL_WARNINGS_MAX];
    size_t n = cap_deal_warnings(h, w, CAP_DEAL_WARNINGS_MAX);
    heading(pg, n ? "Warnings" : "Warnings: none", NULL);
    for (size_t i = 0; i < n; i++, pg->row++) {
        char label[24], text[320];
        snprintf(label, sizeof label, "%s",
                 h->quarter[w[i].quarter]->quarter_label);
        snprintf(text, sizeof text, "%s %s: %s", label,
                 cap_role_label(w[i].role), w[i].text);
        wide_text(pg, Q_LABEL, text);
    }
}

/* ---- print set-up ------------------------------------------------------- */

/* "&" starts a code in a page header: a name's own "&" is written "&&". */
static void header_escape(const char *text, char *out, size_t cap)
{
    size_t n = 0;
    for (; *text && n + 2 < cap; text++) {
        if (*text == '&')
            out[n++] = '&';
        out[n++] = *text;
    }
    out[n] = '\0';
}

/* One page wide (and, at that scale, one page tall), portrait, with the
 * partner and the date of the quote in the page header. */
static void print_setup(page *pg, const char *partner, cap_date today)
{
    char name[160], header[240], date[16];
    header_escape(partner, name, sizeof name);
    cap_book_date(today, date, sizeof date);
    snprintf(header, sizeof header, "&L&\"-,Bold\"Quote: %s&R%s", name, date);
    if (pg->b->code != CAP_OK)
        return;
    worksheet_fit_to_pages(pg->ws, 1, 0);
    worksheet_set_margins(pg->ws, 0.5, 0.5, 0.6, 0.5);
    cap_book_check_sheet(pg->b, worksheet_set_header(pg->ws, header), "Quote",
                         "page header");
    cap_book_check_sheet(pg->b, worksheet_print_area(pg->ws, 0, 0,
                                                     pg->row, Q_G),
                         "Quote", "print area");
}

static void page_setup(page *pg)
{
    cap_book *b = pg->b;
    if (b->code == CAP_OK && !(pg->ws = workbook_add_worksheet(b->wb, "Quote")))
        cap_book_check_sheet(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "Quote",
                             "creation");
    for (lxw_col_t c = 0; c < Q_COLS && b->code == CAP_OK; c++)
        cap_book_check_sheet(b, worksheet_set_column(pg->ws, c, c, widths[c],
                                                     NULL),
                             "Quote", "column widths");
    pg->title = page_format(pg);
    pg->wrap = page_format(pg);
    pg->section = page_format(pg);
    pg->column = page_format(pg);
    if (b->code != CAP_OK)
        return;
    format_set_bold(pg->column); /* a column title, over figures */
    format_set_bottom(pg->column, LXW_BORDER_THIN);
    format_set_bg_color(pg->column, 0xDDEBF7);
    format_set_align(pg->column, LXW_ALIGN_RIGHT);
    format_set_bold(pg->title);
    format_set_font_size(pg->title, 14);
    format_set_text_wrap(pg->wrap);
    format_set_align(pg->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(pg->section);
    format_set_bottom(pg->section, LXW_BORDER_THIN);
    format_set_bg_color(pg->section, 0xDDEBF7);
    format_set_indent(pg->section, 1); /* apart from a figure on its left */
}

cap_status cap_workbook_quote(const cap_staged *f, const cap_horizon *h,
                              const cap_portfolio *p, const cap_model *m,
                              const cap_run_info *info, cap_date today,
                              cap_error *err)
{
    cap_book b;
    CAP_TRY(cap_book_open(&b, f, "Quote", p, m, info, err));
    page pg = {&b, NULL, m, NULL, NULL, NULL, NULL, 0};
    const cap_partner_staffing *ps = &h->quarter[0]->partners[0];
    page_setup(&pg);
    if (b.code == CAP_OK) {
        title_block(&pg, h, info);
        price_block(&pg, ps);
        rates_block(&pg);
        staffing_block(&pg, ps);
        sla_block(&pg, ps);
        tam_block(&pg, ps);
        quarters_block(&pg, h);
        warnings_block(&pg, h);
        print_setup(&pg, ps->partner->name, today);
    }
    cap_book_assumptions(&b, h->quarter[0], p, m, info);
    return cap_book_close(&b, f, err);
}
