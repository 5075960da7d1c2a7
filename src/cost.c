/* cost.c - money, as the cost workbooks' formulas compute it. */
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

double cap_cost_role(const cap_model *m, cap_role role, double fte,
                     int localized, cap_plan tier, int periods)
{
    /* The workbook's product, left to right: ((fte*rate)*loc)*clock. */
    double cost = fte * m->annual_cost[role] *
                  cap_cost_localization_factor(m, localized) *
                  cap_cost_clock_factor(m, tier);
    return round_cents(periods > 1 ? cost / periods : cost);
}

double cap_cost_billed_hours(const cap_model *m, double hours_month)
{
    return fmax(hours_month, m->retainer_hours_per_month);
}

double cap_cost_service(const cap_model *m, double billed_month, int months)
{
    return round_cents(billed_month * m->service_hour_rate * months);
}

double cap_hours_billable(double hours)
{
    return round(hours * 100.0) / 100.0;
}

void cap_money_add(cap_money *sum, double amount)
{
    sum->cents += llround(amount * 100.0);
}

double cap_money_value(cap_money sum)
{
    return (double)sum.cents / 100.0;
}
