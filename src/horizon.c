/* horizon.c - every quarter sized, and simulated unless rules-only (a
 * quarter's partners side by side: cap_sim_size_all). */
#include "horizon.h"

#include <stdlib.h>

#include "cost.h"
#include "explain.h"

cap_status cap_simulate_quarter(cap_staffing *s, const cap_portfolio *p,
                                const cap_model *m, const cap_sim_options *so,
                                cap_error *err)
{
    cap_sim_world *w = cap_sim_world_new(p, m, s->quarter_start, so, err);
    if (!w)
        return err->code;
    size_t n = s->partner_count;
    cap_sim_item *items = malloc((n + 1) * sizeof *items);
    cap_sim_partner *res = malloc((n + 1) * sizeof *res);
    if (!items || !res)
        abort();
    for (size_t i = 0; i < n; i++)
        items[i] = (cap_sim_item){w, &s->partners[i], i, s->quarter};
    cap_sim_size_all(items, n, so, (long)s->quarter * (long)n,
                     (long)p->quarters * (long)n, res);
    for (size_t i = 0; i < n; i++)
        cap_staffing_apply_sim(m, &s->partners[i], &res[i]);
    cap_staffing_total(s);
    free(res);
    free(items);
    cap_sim_world_free(w);
    return CAP_OK;
}

cap_horizon *cap_horizon_run(const cap_portfolio *p, const cap_model *m,
                             const cap_sim_options *so, cap_error *err)
{
    cap_horizon *h = calloc(1, sizeof *h);
    if (!h || !(h->quarter = calloc((size_t)p->quarters, sizeof *h->quarter)))
        abort();
    for (int q = 0; q < p->quarters; q++) {
        cap_staffing *s = cap_staffing_run(p, m, q, err);
        if (s)
            h->quarter[h->count++] = s;
        if (!s || (so && cap_simulate_quarter(s, p, m, so, err) != CAP_OK)) {
            cap_horizon_free(h);
            return NULL;
        }
        cap_cost_quarter(m, s); /* after the simulation: it bills its answer */
        cap_explain_quarter(m, s);
        cap_staffing_trim(s, q == 0); /* only quarter 0's hours are shown */
    }
    return h;
}

void cap_horizon_free(cap_horizon *h)
{
    if (!h)
        return;
    for (int q = 0; q < h->count; q++)
        cap_staffing_free(h->quarter[q]);
    free(h->quarter);
    free(h);
}

double cap_horizon_cost(const cap_model *m, const cap_horizon *h)
{
    cap_money total = {0};
    for (int q = 0; q < h->count; q++)
        cap_money_add(&total, cap_quarter_cost_total(m, h->quarter[q]).total);
    return cap_money_value(total);
}

cap_bill cap_horizon_bill(const cap_model *m, const cap_horizon *h)
{
    cap_money price = {0}, cost = {0}, margin = {0};
    for (int q = 0; q < h->count; q++) {
        cap_bill b = cap_bill_quarter(m, h->quarter[q], 4);
        cap_money_add(&price, b.price.total);
        cap_money_add(&cost, b.cost.total);
        cap_money_add(&margin, b.margin);
    }
    cap_bill sum = {{{0}, 0, cap_money_value(price)},
                    {{0}, 0, cap_money_value(cost)}, cap_money_value(margin)};
    return sum;
}
