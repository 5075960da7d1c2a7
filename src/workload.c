/* workload.c - expected hours by party from the model's rates. */
#include "workload.h"

cap_party cap_route(const cap_category *c, cap_channel channel, int has_csm)
{
    switch (c->primary[channel]) {
    case CAP_PRIMARY_CUSTOMER:
        return CAP_PARTY_CUSTOMER;
    case CAP_PRIMARY_PARTNER:
        /* An OEM/MSP that contracts P-CSMs hands them its own work. */
        return has_csm ? CAP_PARTY_CSM : CAP_PARTY_PARTNER;
    case CAP_PRIMARY_VENDOR:
        return has_csm ? CAP_PARTY_CSM : CAP_PARTY_SUPPORT;
    default:
        return CAP_PARTY_SUPPORT;
    }
}

/* Proactive success work falls to whoever owns customer success. */
static cap_party proactive_party(cap_channel channel, int has_csm)
{
    if (has_csm)
        return CAP_PARTY_CSM;
    return channel == CAP_CH_OEM || channel == CAP_CH_MSP ? CAP_PARTY_PARTNER
                                                          : CAP_PARTY_SUPPORT;
}

static void add_ticket_work(const cap_model *m, cap_channel channel,
                            int has_csm, int severity, double tickets,
                            cap_workload *w)
{
    double hours = m->handle_mean_minutes[severity] / 60.0;
    for (size_t i = 0; i < m->category_count; i++) {
        const cap_category *c = &m->categories[i];
        double n = tickets * c->share;
        cap_party first = cap_route(c, channel, has_csm);
        w->hours_by_party[first] += n * hours;
        if (first == CAP_PARTY_SUPPORT && c->primary[channel] == CAP_PRIMARY_SUPPORT)
            w->technical_hours += n * hours;
        if (first == CAP_PARTY_PARTNER || first == CAP_PARTY_CSM) {
            double escalated = n * c->escalation[severity] * hours;
            w->hours_by_party[CAP_PARTY_SUPPORT] += escalated;
            w->technical_hours += escalated;
        }
    }
}

cap_workload cap_workload_expected(const cap_model *m, cap_channel channel,
                                   int has_csm, const cap_segment *segments,
                                   size_t count)
{
    cap_workload w = {{0}, 0};
    for (size_t s = 0; s < count; s++) {
        const cap_segment *seg = &segments[s];
        const cap_plan_model *plan = &m->plan[seg->plan];
        for (int sev = 0; sev < CAP_SEVERITIES; sev++)
            add_ticket_work(m, channel, has_csm, sev,
                            seg->customers * plan->tickets_per_month[sev], &w);
        w.hours_by_party[proactive_party(channel, has_csm)] +=
            seg->customers * m->proactive_hours_per_customer_month;
    }
    return w;
}
