/* dealreport.c - the terminal answer of `capplan size`. */
#include "dealreport.h"

#include <math.h>
#include <string.h>

#include "cost.h"
#include "sim.h"
#include "staffing.h"

void cap_money_text(double v, char *out, size_t cap)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.2f", fabs(v));
    size_t whole = strcspn(digits, "."), n = 0;
    if (v < 0 && n + 1 < cap)
        out[n++] = '-';
    for (size_t i = 0; digits[i] && n + 1 < cap; i++) {
        if (i > 0 && i < whole && (whole - i) % 3 == 0 && n + 1 < cap)
            out[n++] = ',';
        out[n++] = digits[i];
    }
    out[n] = '\0';
}

static void print_heading(FILE *out, const cap_partner_staffing *ps,
                          const cap_staffing *s, const cap_run_info *info)
{
    fprintf(out, "%s (%s): %d customers (", ps->partner->name,
            cap_channel_name(ps->partner->channel), ps->customers);
    const char *sep = "";
    for (int plan = CAP_PLANS - 1; plan >= 0; plan--)
        if (ps->customers_by_plan[plan] > 0) {
            fprintf(out, "%s%d %s", sep, ps->customers_by_plan[plan],
                    cap_plan_name((cap_plan)plan));
            sep = ", ";
        }
    fprintf(out, "), tier %s\n", cap_plan_name(ps->tier));
    if (info->simulated)
        fprintf(out, "quarter %s, simulated: %d replications, seed %lu\n\n",
                s->quarter_label, info->replications, info->seed);
    else
        fprintf(out, "quarter %s, rules only (no simulation)\n\n",
                s->quarter_label);
}

/* "P-CSM  4.5 FTE  sla (rules 3.5, ratio 2.7-4.0 for 40 customers)" */
/* "P-CSM   3.5 FTE contract, 4.5 staffed (sla; rules 3.0, ratio 2.7-4.0
 * for 40 customers)": what the partner buys, what the vendor delivers. */
static void print_role(FILE *out, const cap_role_staffing *r, cap_role role)
{
    fprintf(out, "%-6s ", cap_role_label(role));
    if (!r->billed) {
        fputs(r->active ? "not billed (service hours chosen)\n"
                        : "not contracted\n", out);
        return;
    }
    fprintf(out, "%4.1f FTE contract, %.1f staffed (%s", r->fte_contract,
            r->fte, cap_binding_name(r->binding));
    if (r->fte_requested >= 0)
        fprintf(out, "; recommended %.1f, %s)", r->fte_recommended,
                cap_binding_name(r->binding_recommended));
    else if (role == CAP_ROLE_CSM)
        fprintf(out, "; rules %.1f, ratio %.1f-%.1f for %d customers%s)",
                r->fte_rule, r->fte_low, r->fte_high, r->customers,
                r->localized ? ", localized" : "");
    else
        fprintf(out, "; rules %.1f, %s tier)", r->fte_rule,
                cap_plan_name(r->tier));
    fputc('\n', out);
    if (r->explain && r->explain[0])
        fprintf(out, "       %s\n", r->explain);
}

static void print_sla_row(FILE *out, const char *label, const cap_sla_role *sla,
                          const cap_model *m)
{
    fprintf(out, "  %-6s", label);
    for (int v = 0; v < CAP_SEVERITIES; v++) {
        const cap_sla_severity *sv = &sla->severity[v];
        if (sv->attainment.mean < 0)
            fprintf(out, "  %8s ", "n/a");
        else
            fprintf(out, "  %7.1f%%%s", 100 * sv->attainment.mean,
                    !cap_goal_met(sv->attainment.mean, sv->goal) ? "!" : " ");
    }
    fprintf(out, "  %6.0f%%%s\n", 100 * sla->utilization.mean,
            sla->utilization.mean > m->utilization_cap ? "!" : "");
}

static void print_sla(FILE *out, const cap_partner_staffing *ps,
                      const cap_model *m)
{
    const cap_sla_role *any = NULL;
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && ps->role[r].sla)
            any = ps->role[r].sla;
    if (!any) {
        fputs("\nfirst response: not simulated (rules only)\n", out);
        return;
    }
    fprintf(out, "\nfirst response within target (share of tickets)\n  %-6s",
            "");
    for (int v = 0; v < CAP_SEVERITIES; v++)
        fprintf(out, "        S%d ", v + 1);
    fprintf(out, "  %7s\n", "util");
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && ps->role[r].sla)
            print_sla_row(out, cap_role_label((cap_role)r), ps->role[r].sla, m);
    fprintf(out, "  %-6s", "goal");
    for (int v = 0; v < CAP_SEVERITIES; v++)
        fprintf(out, "  %7.1f%% ", 100 * any->severity[v].goal);
    char cap[16];
    snprintf(cap, sizeof cap, "<=%.0f%%", 100 * m->utilization_cap);
    fprintf(out, "  %7s\n", cap);
}

static void print_tam_choice(FILE *out, const cap_partner_staffing *ps,
                             const cap_model *m)
{
    static const char *const choice[] = {"neither meets the SLA",
                                         "dedicated P-TAM", "service hours"};
    const cap_tam_options *t = &ps->tam_options;
    char dedicated[32], hours[32];
    if (!t->compared)
        return;
    cap_money_text(t->dedicated_annual_price, dedicated, sizeof dedicated);
    cap_money_text(t->service_annual_cost, hours, sizeof hours);
    fprintf(out, "\ndedicated P-TAM or service hours (price):\n"
                 "  dedicated P-TAM  %4.1f FTE (%s tier)  %s %s a year%s\n"
                 "  service hours    %6.2f h/month        %s %s a year%s\n",
            t->dedicated_contract_fte, cap_plan_name(t->dedicated_tier),
            m->currency, dedicated,
            t->dedicated_meets_sla ? "" : " (misses the SLA)",
            cap_cost_billed_hours(m, t->service_hours_worked_month),
            m->currency, hours, t->service_meets_sla ? "" : " (misses the SLA)");
    if (t->open)
        fprintf(out, "  -> %s (billed)\n", choice[t->choice]);
    else
        fprintf(out, "  -> cheaper meeting the SLA: %s; billed as contracted:"
                " %s\n", choice[t->choice],
                ps->role[CAP_ROLE_TAM].billed && ps->service_hours_billed
                    ? "both" : ps->service_hours_billed ? "service hours"
                                                         : "dedicated P-TAM");
}

static void money_line(FILE *out, const char *label, double year,
                       double quarter)
{
    char y[32], q[32];
    cap_money_text(year, y, sizeof y);
    cap_money_text(quarter, q, sizeof q);
    fprintf(out, "  %-16s %16s %16s\n", label, y, q);
}

/* The first quarter's figures: a year at its run rate, and the quarter. */
/* The first quarter's price: a year at its run rate, and the quarter. */
static void print_money(FILE *out, const cap_partner_staffing *ps,
                        const cap_model *m)
{
    cap_bill y = cap_bill_partner(m, ps, 1), q = cap_bill_partner(m, ps, 4);
    fprintf(out, "\nprice (%s)        %16s %16s\n", m->currency, "a year",
            "a quarter");
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].billed)
            money_line(out, cap_role_label((cap_role)r), y.price.role[r],
                       q.price.role[r]);
    if (ps->service_hours_billed)
        money_line(out, "service hours", y.price.service_hours,
                   q.price.service_hours);
    money_line(out, "total", y.price.total, q.price.total);
}

/* Every quarter: customers, contract FTE, price. */
static void print_quarters(FILE *out, const cap_horizon *h, const cap_model *m)
{
    char money[32];
    fprintf(out, "\n%-8s %9s %9s %9s %16s\n", "quarter", "customers",
            "P-CSM FTE", "P-TAM FTE", "price");
    for (int q = 0; q < h->count; q++) {
        const cap_partner_staffing *ps = &h->quarter[q]->partners[0];
        const cap_role_staffing *csm = &ps->role[CAP_ROLE_CSM];
        const cap_role_staffing *tam = &ps->role[CAP_ROLE_TAM];
        cap_money_text(cap_bill_partner(m, ps, 4).price.total, money,
                       sizeof money);
        fprintf(out, "%-8s %9d %9.1f %9.1f %16s\n",
                h->quarter[q]->quarter_label, ps->customers,
                csm->billed ? csm->fte_contract : 0,
                tam->billed ? tam->fte_contract : 0, money);
    }
    cap_money_text(cap_horizon_bill(m, h).price.total, money, sizeof money);
    fprintf(out, "%-8s %9s %9s %9s %16s %s\n", "horizon", "", "", "", money,
            m->currency);
}

size_t cap_deal_warnings(const cap_horizon *h, cap_deal_warning *out,
                         size_t cap)
{
    size_t n = 0;
    for (int q = 0; q < h->count; q++)
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_role_staffing *role = &h->quarter[q]->partners[0].role[r];
            for (int w = 0; role->active && w < role->warning_count; w++) {
                int seen = 0;
                for (size_t e = 0; e < n && !seen; e++)
                    seen = out[e].role == (cap_role)r &&
                           strcmp(out[e].text, role->warnings[w]) == 0;
                if (!seen && n < cap)
                    out[n++] = (cap_deal_warning){q, (cap_role)r,
                                                  role->warnings[w]};
            }
        }
    return n;
}

static void print_warnings(FILE *out, const cap_horizon *h)
{
    cap_deal_warning w[CAP_DEAL_WARNINGS_MAX];
    size_t n = cap_deal_warnings(h, w, CAP_DEAL_WARNINGS_MAX);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "warning: %s %s: %s\n",
                h->quarter[w[i].quarter]->quarter_label,
                cap_role_label(w[i].role), w[i].text);
}

cap_status cap_report_deal(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const cap_run_info *info, cap_error *err)
{
    (void)p;
    const cap_staffing *s = h->quarter[0];
    const cap_partner_staffing *ps = &s->partners[0];
    print_heading(out, ps, s, info);
    for (int r = 0; r < CAP_ROLES; r++)
        print_role(out, &ps->role[r], (cap_role)r);
    print_sla(out, ps, m);
    print_tam_choice(out, ps, m);
    print_money(out, ps, m);
    print_quarters(out, h, m);
    if (h->count > 0)
        fputc('\n', out);
    print_warnings(out, h);
    if (ferror(out))
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the answer");
    return CAP_OK;
}
