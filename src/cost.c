/* cost.c - money, as the cost workbooks' formulas compute it, and what a
 * partner is billed. */
#include "cost.h"

#include <math.h>

static double round_cents(double amount)
{
    return round(amount * 100.0) / 100.0;
}

double cap_cost_localization_factor(const cap_model *m, int localized)
{
    return localized ? 1 + m->localization_uplift : 1;
}

double cap_cost_clock_factor(const cap_model *m, cap_plan tier)
{
    return m->plan[tier].around_the_clock ? 1 + m->around_the_clock_uplift : 1;
}

/* The workbook's product, left to right: ((fte*rate)*loc)*clock. */
static double per_fte(const cap_model *m, double rate, double fte,
                      int localized, cap_plan tier, int periods)
{
    double amount = fte * rate * cap_cost_localization_factor(m, localized) *
                    cap_cost_clock_factor(m, tier);
    return round_cents(periods > 1 ? amount / periods : amount);
}

double cap_cost_role(const cap_model *m, cap_role role, double fte,
                     int localized, cap_plan tier, int periods)
{
    return per_fte(m, m->annual_cost[role], fte, localized, tier, periods);
}

double cap_price_role(const cap_model *m, cap_role role, double fte,
                      int localized, cap_plan tier, int periods)
{
    return per_fte(m, m->annual_price[role], fte, localized, tier, periods);
}

double cap_cost_billed_hours(const cap_model *m, double hours_month)
{
    return fmax(hours_month, m->retainer_hours_per_month);
}

double cap_cost_service(const cap_model *m, double billed_month, int months)
{
    return round_cents(billed_month * m->service_hour_rate * months);
}


void cap_money_add(cap_money *sum, double amount)
{
    sum->cents += llround(amount * 100.0);
}

double cap_money_value(cap_money sum)
{
    return (double)sum.cents / 100.0;
}

/* ---- what a partner is billed ---- */

static void lines_total(cap_quarter_cost *c)
{
    cap_money sum = {0};
    for (int r = 0; r < CAP_ROLES; r++)
        cap_money_add(&sum, c->role[r]);
    cap_money_add(&sum, c->service_hours);
    c->total = cap_money_value(sum);
}

static double difference(double a, double b)
{
    cap_money d = {0};
    cap_money_add(&d, a);
    cap_money_add(&d, -b);
    return cap_money_value(d);
}

cap_bill cap_bill_partner(const cap_model *m, const cap_partner_staffing *ps,
                          int periods)
{
    cap_bill b = {{{0}, 0, 0}, {{0}, 0, 0}, 0};
    for (int r = 0; r < CAP_ROLES; r++) {
        const cap_role_staffing *rs = &ps->role[r];
        if (!rs->billed)
            continue;
        b.cost.role[r] = cap_cost_role(m, (cap_role)r, rs->fte, rs->localized,
                                       rs->tier, periods);
        b.price.role[r] = cap_price_role(m, (cap_role)r, rs->fte_contract,
                                         rs->localized, rs->tier, periods);
    }
    if (ps->service_hours_billed)
        b.cost.service_hours = b.price.service_hours =
            cap_cost_service(m, ps->service_hours_month, 12 / periods);
    lines_total(&b.cost);
    lines_total(&b.price);
    b.margin = difference(b.price.total, b.cost.total);
    return b;
}

static void add_lines(cap_quarter_cost *sum, cap_money acc[CAP_LINES],
                      const cap_quarter_cost *c)
{
    for (int r = 0; r < CAP_ROLES; r++)
        cap_money_add(&acc[r], c->role[r]);
    cap_money_add(&acc[CAP_LINE_SERVICE_HOURS], c->service_hours);
    for (int r = 0; r < CAP_ROLES; r++)
        sum->role[r] = cap_money_value(acc[r]);
    sum->service_hours = cap_money_value(acc[CAP_LINE_SERVICE_HOURS]);
}

cap_bill cap_bill_quarter(const cap_model *m, const cap_staffing *s,
                          int periods)
{
    cap_bill b = {{{0}, 0, 0}, {{0}, 0, 0}, 0};
    cap_money price[CAP_LINES] = {{0}}, cost[CAP_LINES] = {{0}};
    for (size_t i = 0; i < s->partner_count; i++) {
        cap_bill p = cap_bill_partner(m, &s->partners[i], periods);
        add_lines(&b.price, price, &p.price);
        add_lines(&b.cost, cost, &p.cost);
    }
    lines_total(&b.cost);
    lines_total(&b.price);
    b.margin = difference(b.price.total, b.cost.total);
    return b;
}

cap_quarter_cost cap_quarter_cost_of(const cap_model *m,
                                     const cap_partner_staffing *ps)
{
    return cap_bill_partner(m, ps, 4).cost;
}

cap_quarter_cost cap_quarter_cost_total(const cap_model *m,
                                        const cap_staffing *s)
{
    return cap_bill_quarter(m, s, 4).cost;
}

/* Prices both options for the technical work and names the cheaper (by
 * price, what the partner pays) that meets the SLA; when neither does, the
 * dedicated P-TAM, the option that more people can fix. */
static void price_options(const cap_model *m, cap_tam_options *o)
{
    o->dedicated_annual_cost = cap_cost_role(m, CAP_ROLE_TAM, o->dedicated_fte,
                                             o->dedicated_localized,
                                             o->dedicated_tier, 1);
    o->dedicated_annual_price = cap_price_role(m, CAP_ROLE_TAM,
                                               o->dedicated_contract_fte,
                                               o->dedicated_localized,
                                               o->dedicated_tier, 1);
    o->service_hours_month = cap_cost_billed_hours(m, o->service_hours_worked_month);
    o->service_annual_cost = cap_cost_service(m, o->service_hours_month, 12);
    o->choice = CAP_TAM_CHOICE_DEDICATED;
    if (o->service_meets_sla &&
        (!o->dedicated_meets_sla ||
         o->service_annual_cost < o->dedicated_annual_price))
        o->choice = CAP_TAM_CHOICE_SERVICE_HOURS;
}

/* Billing once (SPEC section 5): an open choice bills the chosen option
 * only; otherwise every line the partner contracted is billed. */
static void decide_billing(const cap_model *m, cap_partner_staffing *ps)
{
    const cap_partner *partner = ps->partner;
    cap_tam_options *o = &ps->tam_options;
    ps->role[CAP_ROLE_CSM].billed = ps->role[CAP_ROLE_CSM].active;
    ps->role[CAP_ROLE_TAM].billed = partner->tam.kind != CAP_ASK_NONE;
    ps->service_hours_billed = partner->service_hours.kind != CAP_ASK_NONE;
    if (!o->compared)
        return;
    price_options(m, o);
    if (o->open) {
        ps->role[CAP_ROLE_TAM].billed = o->choice == CAP_TAM_CHOICE_DEDICATED;
        ps->service_hours_billed = o->choice == CAP_TAM_CHOICE_SERVICE_HOURS;
    }
}

void cap_cost_quarter(const cap_model *m, cap_staffing *s)
{
    cap_money price = {0}, cost = {0};
    for (size_t i = 0; i < s->partner_count; i++) {
        cap_partner_staffing *ps = &s->partners[i];
        decide_billing(m, ps);
        ps->service_hours_month = ps->service_hours_billed
            ? cap_cost_billed_hours(m, ps->service_hours_worked_month) : 0;
        cap_bill b = cap_bill_partner(m, ps, 1);
        for (int r = 0; r < CAP_ROLES; r++) {
            ps->role[r].annual_cost = b.cost.role[r];
            ps->role[r].annual_price = b.price.role[r];
        }
        ps->service_hours_annual_cost = b.cost.service_hours;
        ps->annual_cost = b.cost.total;
        ps->annual_price = b.price.total;
        ps->annual_margin = b.margin;
        cap_money_add(&price, b.price.total);
        cap_money_add(&cost, b.cost.total);
    }
    s->annual_price_total = cap_money_value(price);
    s->annual_cost_total = cap_money_value(cost);
    s->annual_margin_total = difference(s->annual_price_total,
                                        s->annual_cost_total);
    cap_staffing_total(s);
}
