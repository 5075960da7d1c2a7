/* report_text.c - the terminal summary. */
#include "report.h"

static void role_cell(const cap_role_staffing *r, char *out, size_t cap)
{
    if (!r->active)
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%.1f %s", r->fte, cap_binding_name(r->binding));
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

cap_status cap_report_text(FILE *out, const cap_staffing *s,
                           const cap_portfolio *p, const cap_model *m,
                           cap_error *err)
{
    char quarter[24];
    cap_quarter_label(s->quarter_start, quarter);
    fprintf(out, "%s: %zu partners, quarter %s (rules only)\n\n", p->name,
            s->partner_count, quarter);
    fprintf(out, "%-20s %-11s %-16s %9s %4s  %-20s %-20s %14s\n", "partner",
            "channel", "tier", "customers", "loc", "P-CSM FTE", "P-TAM FTE",
            "annual cost");
    for (size_t i = 0; i < s->partner_count; i++) {
        const cap_partner_staffing *ps = &s->partners[i];
        char csm[32], tam[32];
        role_cell(&ps->role[CAP_ROLE_CSM], csm, sizeof csm);
        role_cell(&ps->role[CAP_ROLE_TAM], tam, sizeof tam);
        fprintf(out, "%-20.20s %-11s %-16s %9d %4s  %-20s %-20s %14.0f\n",
                ps->partner->id, cap_channel_name(ps->partner->channel),
                cap_plan_name(ps->tier), ps->customers,
                ps->role[CAP_ROLE_CSM].localized ? "yes" : "no", csm, tam, ps->annual_cost);
    }
    fprintf(out, "\ntotal: %.1f P-CSM FTE, %.1f P-TAM FTE, %s %.0f a year\n",
            s->fte_total[CAP_ROLE_CSM], s->fte_total[CAP_ROLE_TAM], m->currency,
            s->annual_cost_total);
    print_warnings(out, s);
    if (ferror(out))
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the summary");
    return CAP_OK;
}
