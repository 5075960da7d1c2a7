/* simwork.c - the simulated work of each partner, checked before a run. */
#include "simwork.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Weeks one replication covers: the warm-up and a quarter of 13 weeks. */
static double replication_weeks(const cap_model *m)
{
    return m->warmup_weeks + 13.0;
}

double cap_sim_work_tickets(const cap_partner *partner, int quarters,
                            const cap_model *m)
{
    double months = replication_weeks(m) / (365.25 / 7.0 / 12.0), tickets = 0;
    cap_segment *segs = malloc((partner->segment_count + 1) * sizeof *segs);
    if (!segs)
        abort(); /* a few segments: only out of memory */
    for (int q = 0; q < quarters; q++) {
        size_t n = cap_partner_quarter(partner, q, segs);
        for (size_t s = 0; s < n; s++) {
            double rate = 0;
            for (int sev = 0; sev < CAP_SEVERITIES; sev++)
                rate += m->plan[segs[s].plan].tickets_per_month[sev];
            tickets += segs[s].customers * rate * months;
        }
    }
    free(segs);
    return tickets;
}

cap_status cap_sim_work_check(const cap_portfolio *p, const cap_model *m,
                              int replications, cap_error *err)
{
    if (m->max_simulated_tickets <= 0)
        return CAP_OK; /* a model file without the key */
    for (size_t i = 0; i < p->partner_count; i++) {
        const cap_partner *partner = &p->partners[i];
        double per_rep = cap_sim_work_tickets(partner, p->quarters, m);
        if (per_rep * replications <= m->max_simulated_tickets)
            continue;
        double fit = floor(m->max_simulated_tickets / per_rep);
        char advice[64];
        if (fit >= 1)
            snprintf(advice, sizeof advice, "use -r %.0f%s, or", fit,
                     fit > 1 ? " or fewer" : "");
        else
            snprintf(advice, sizeof advice, "use");
        char field[160];
        return cap_error_set(err, CAP_ERR_INPUT, partner->where, 0,
                             cap_partner_field(partner, field, sizeof field),
                             "%d replications would simulate "
                             "%.3g tickets (%.3g a replication over %d "
                             "quarter%s), above the model's limit of %.3g "
                             "([limits] max_simulated_tickets, a run of "
                             "minutes): %s --no-sim for the rules' answer",
                             replications, per_rep * replications,
                             per_rep, p->quarters, p->quarters == 1 ? "" : "s",
                             m->max_simulated_tickets, advice);
    }
    return CAP_OK;
}
