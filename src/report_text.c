/* report_text.c - the terminal summary. */
#include "report.h"
#include "sim.h"

/* "3.5/4.5 sla": contract / staffed FTE and the binding; "-" when the
 * role is not billed. */
static void role_cell(const cap_role_staffing *r, char *out, size_t cap)
{
    if (!r->billed)
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%.1f/%.1f %s", r->fte_contract, r->fte,
                 cap_binding_name(r->binding));
}

static void print_warnings(FILE *out, const cap_staffing *s)
{
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_role_staffing *role = &s->partners[i].role[r];
            for (int w = 0; role->active && w < role->warning_count; w++)
                fprintf(out, "warning: %s %s: %s\n", s->partners[i].partner->id,
                        cap_role_label((cap_role)r), role->warnings[w]);
        }
}

/* The replications behind the first simulated role; 0 for a rules-only
 * run (cap_report_text has no cap_run_info, so the staffing tells). */
static int replications_of(const cap_staffing *s)
{
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active && s->partners[i].role[r].sla)
                return s->partners[i].role[r].sla->replications;
    return 0;
}

/* "  P-CSM sla  S1 97.2%  S2 89.0%!  ...  util 48%": attainment per
 * severity, '!' where a goal or the utilization cap is missed.  Returns
 * nonzero when something was marked. */
static int print_sla(FILE *out, const cap_role_staffing *rs, cap_role r,
                     const cap_model *m)
{
    const cap_sla_role *sla = rs->sla;
    int missed = 0;
    fprintf(out, "  %-5s sla", cap_role_label(r));
    for (int v = 0; v < CAP_SEVERITIES; v++) {
        const cap_sla_severity *sv = &sla->severity[v];
        int miss = sv->attainment.mean >= 0 && !cap_goal_met(sv->attainment.mean, sv->goal);
        if (sv->attainment.mean < 0) /* no tickets of this severity */
            fprintf(out, "  S%d    n/a ", v + 1);
        else
            fprintf(out, "  S%d %5.1f%%%s", v + 1, 100 * sv->attainment.mean,
                    miss ? "!" : " ");
        missed |= miss;
    }
    int over = sla->utilization.mean > m->utilization_cap;
    fprintf(out, "  util %3.0f%%%s\n", 100 * sla->utilization.mean,
            over ? "!" : "");
    return missed || over;
}

/* The SLA lines of every simulated role; returns nonzero on any miss. */
static int print_partner_sla(FILE *out, const cap_partner_staffing *ps,
                             const cap_model *m)
{
    int missed = 0;
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && ps->role[r].sla)
            missed |= print_sla(out, &ps->role[r], (cap_role)r, m);
    return missed;
}

/* "  tam options: dedicated 0.5/1.5 FTE price 115000 | service hours 11.2
 * h/month price 30159 -> service hours billed" */
static void print_tam_options(FILE *out, const cap_partner_staffing *ps)
{
    static const char *const choice[] = {"-", "dedicated P-TAM", "service hours"};
    const cap_tam_options *t = &ps->tam_options;
    if (!t->compared)
        return;
    fprintf(out, "  tam options: dedicated %.1f/%.1f FTE price %.0f%s | service "
                 "hours %.1f h/month price %.0f%s -> ",
            t->dedicated_contract_fte, t->dedicated_fte, t->dedicated_annual_price,
            t->dedicated_meets_sla ? "" : " (misses SLA)", t->service_hours_month,
            t->service_annual_cost, t->service_meets_sla ? "" : " (misses SLA)");
    if (t->open)
        fprintf(out, "%s billed (the cheaper meeting the SLA)\n", choice[t->choice]);
    else if (ps->role[CAP_ROLE_TAM].billed && ps->service_hours_billed)
        fprintf(out, "both billed: the partner contracts both\n");
    else
        fprintf(out, "%s billed (contracted)\n",
                choice[ps->service_hours_billed ? CAP_TAM_CHOICE_SERVICE_HOURS
                                                : CAP_TAM_CHOICE_DEDICATED]);
}

static void print_heading(FILE *out, const cap_staffing *s,
                          const cap_portfolio *p)
{
    char mode[48];
    int replications = replications_of(s);
    if (replications > 0)
        snprintf(mode, sizeof mode, "simulated, %d replications",
                 replications);
    else
        snprintf(mode, sizeof mode, "rules only");
    fprintf(out, "%s: %zu partners, quarter %s (%s)\n\n", p->name,
            s->partner_count, s->quarter_label, mode);
}

/* Every quarter of the horizon: customers, staffed FTE, price, cost,
 * margin. */
static void print_quarters(FILE *out, const cap_horizon *h, const cap_model *m)
{
    fprintf(out, "\n%-8s %9s %10s %10s %16s %16s %16s\n", "quarter",
            "customers", "P-CSM FTE", "P-TAM FTE", "quarter price",
            "quarter cost", "margin");
    for (int q = 0; q < h->count; q++) {
        const cap_staffing *s = h->quarter[q];
        cap_bill b = cap_bill_quarter(m, s, 4);
        fprintf(out, "%-8s %9d %10.1f %10.1f %16.2f %16.2f %16.2f\n",
                s->quarter_label,
                s->customers_total,
                s->fte_total[CAP_ROLE_CSM], s->fte_total[CAP_ROLE_TAM],
                b.price.total, b.cost.total, b.margin);
    }
    cap_bill all = cap_horizon_bill(m, h);
    fprintf(out, "%-8s %9s %10s %10s %16.2f %16.2f %16.2f %s\n", "horizon",
            "", "", "", all.price.total, all.cost.total, all.margin,
            m->currency);
}

cap_status cap_report_text(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           cap_error *err)
{
    const cap_staffing *s = h->quarter[0];
    int missed = 0;
    print_heading(out, s, p);
    fprintf(out, "%-20s %-11s %-16s %9s %4s  %-20s %-20s %12s %12s %12s\n",
            "partner", "channel", "tier", "customers", "loc", "P-CSM FTE",
            "P-TAM FTE", "price/year", "cost/year", "margin");
    for (size_t i = 0; i < s->partner_count; i++) {
        const cap_partner_staffing *ps = &s->partners[i];
        char csm[32], tam[32];
        role_cell(&ps->role[CAP_ROLE_CSM], csm, sizeof csm);
        role_cell(&ps->role[CAP_ROLE_TAM], tam, sizeof tam);
        fprintf(out, "%-20.20s %-11s %-16s %9d %4s  %-20s %-20s %12.0f %12.0f "
                     "%12.0f\n",
                ps->partner->id, cap_channel_name(ps->partner->channel),
                cap_plan_name(ps->tier), ps->customers,
                cap_yes_no(ps->role[CAP_ROLE_CSM].localized), csm, tam,
                ps->annual_price, ps->annual_cost, ps->annual_margin);
        missed |= print_partner_sla(out, ps, m);
        print_tam_options(out, ps);
    }
    if (missed)
        fprintf(out, "! below the attainment goal or above the utilization "
                "cap\n");
    fprintf(out, "\ntotal: %.1f/%.1f P-CSM FTE, %.1f/%.1f P-TAM FTE (contract/"
                 "staffed); %s a year: price %.0f, cost %.0f, margin %.0f\n",
            s->fte_contract_total[CAP_ROLE_CSM], s->fte_total[CAP_ROLE_CSM],
            s->fte_contract_total[CAP_ROLE_TAM], s->fte_total[CAP_ROLE_TAM],
            m->currency, s->annual_price_total, s->annual_cost_total,
            s->annual_margin_total);
    print_quarters(out, h, m);
    print_warnings(out, s);
    if (ferror(out))
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the summary");
    return CAP_OK;
}
