/* horizon.c - every quarter sized, and simulated unless rules-only. */
#include "horizon.h"

#include <stdlib.h>

#include "cost.h"

cap_status cap_simulate_quarter(cap_staffing *s, const cap_portfolio *p,
                                const cap_model *m, const cap_sim_options *so,
                                cap_error *err)
{
    cap_sim_world *w = cap_sim_world_new(p, m, s->quarter_start, so, err);
    if (!w)
        return err->code;
    long before = (long)s->quarter * (long)s->partner_count;
    long total = (long)p->quarters * (long)s->partner_count;
    for (size_t i = 0; i < s->partner_count; i++) {
        cap_sim_partner res;
        cap_sim_partner_size(w, &s->partners[i], i, s->quarter, &res);
        cap_staffing_apply_sim(m, &s->partners[i], &res);
        if (so->progress)
            so->progress(so->progress_ctx, before + (long)i + 1, total);
    }
    cap_staffing_total(s);
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

cap_quarter_cost cap_quarter_cost_of(const cap_model *m,
                                     const cap_partner_staffing *ps)
{
    cap_quarter_cost c = {{0}, 0, 0};
    cap_money total = {0};
    for (int r = 0; r < CAP_ROLES; r++) {
        const cap_role_staffing *rs = &ps->role[r];
        if (rs->active)
            c.role[r] = cap_cost_role(m, (cap_role)r, rs->fte, rs->localized,
                                      rs->tier, 4);
        cap_money_add(&total, c.role[r]);
    }
    if (ps->partner->service_hours.kind != CAP_ASK_NONE)
        c.service_hours = cap_cost_service(m, ps->service_hours_month, 3);
    cap_money_add(&total, c.service_hours);
    c.total = cap_money_value(total);
    return c;
}

cap_quarter_cost cap_quarter_cost_total(const cap_model *m,
                                        const cap_staffing *s)
{
    cap_money role[CAP_ROLES] = {{0}}, service = {0}, total = {0};
    for (size_t i = 0; i < s->partner_count; i++) {
        cap_quarter_cost c = cap_quarter_cost_of(m, &s->partners[i]);
        for (int r = 0; r < CAP_ROLES; r++)
            cap_money_add(&role[r], c.role[r]);
        cap_money_add(&service, c.service_hours);
        cap_money_add(&total, c.total);
    }
    cap_quarter_cost sum = {{0}, cap_money_value(service),
                            cap_money_value(total)};
    for (int r = 0; r < CAP_ROLES; r++)
        sum.role[r] = cap_money_value(role[r]);
    return sum;
}

double cap_horizon_cost(const cap_model *m, const cap_horizon *h)
{
    cap_money total = {0};
    for (int q = 0; q < h->count; q++)
        cap_money_add(&total, cap_quarter_cost_total(m, h->quarter[q]).total);
    return cap_money_value(total);
}
