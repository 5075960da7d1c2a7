/* report_json.c - the --json document, built with jansson.
 *
 * jansson prints reals with "%.17g" (here capped at 12 significant digits)
 * and swaps the locale's decimal point for '.', so the text does not
 * depend on LC_NUMERIC.  Simulated figures go through jsonnum.h.
 */
#include <jansson.h>
#include <math.h>

#include "report.h"
#include "horizon.h"
#include "jsonnum.h"
#include "sim.h"

static json_t *warnings_json(const cap_role_staffing *r)
{
    json_t *list = json_array();
    for (int i = 0; i < r->warning_count; i++)
        json_array_append_new(list, json_string(r->warnings[i]));
    return list;
}

static json_t *severity_json(const cap_sla_severity *v)
{
    json_t *o = json_object();
    int none = v->attainment.mean < 0; /* no tickets of this severity */
    json_object_set_new(o, "attainment", none ? json_null() : cap_json_simulated(v->attainment.mean));
    json_object_set_new(o, "ci95", none ? json_null() : cap_json_interval(v->attainment, 0, 1));
    json_object_set_new(o, "goal", cap_json_simulated(v->goal));
    json_object_set_new(o, "target_minutes", cap_json_simulated(v->target_minutes));
    json_object_set_new(o, "tickets", cap_json_simulated(fmax(v->tickets.mean, 0)));
    json_object_set_new(o, "p50", none ? json_null() : cap_json_simulated(v->p50.mean));
    json_object_set_new(o, "p90", none ? json_null() : cap_json_simulated(v->p90.mean));
    json_object_set_new(o, "p99", none ? json_null() : cap_json_simulated(v->p99.mean));
    /* < 0: no hour of the week had more servers than offered load */
    json_object_set_new(o, "erlang_c", v->erlang_attainment < 0
                                           ? json_null()
                                           : cap_json_simulated(v->erlang_attainment));
    return o;
}

static json_t *sla_json(const cap_role_staffing *r)
{
    const cap_sla_role *sla = r->sla;
    json_t *o = json_object();
    json_object_set_new(o, "fte", cap_json_simulated(sla->fte));
    json_object_set_new(o, "tier", json_string(cap_plan_name(sla->tier)));
    json_object_set_new(o, "replications", json_integer(sla->replications));
    json_object_set_new(o, "utilization", cap_json_simulated(sla->utilization.mean));
    /* low end only: should busy / present ever pass 1, the interval must
     * still contain its mean */
    json_object_set_new(o, "utilization_ci95",
                        cap_json_interval(sla->utilization, 0, INFINITY));
    json_object_set_new(o, "backlog", cap_json_simulated(sla->backlog.mean));
    json_object_set_new(o, "gap_hours", cap_json_simulated(sla->gap_hours));
    json_object_set_new(o, "work_hours_month", cap_json_simulated(sla->work_hours_month));
    json_object_set_new(o, "meets", json_boolean(sla->meets));
    /* how sure the sizing is: the lesser confidence of the calls at the
     * answer and one step below, and the replications they needed */
    json_object_set_new(o, "confidence", cap_json_simulated(r->sim.confidence));
    json_object_set_new(o, "decided_at_replications",
                        json_integer(r->sim.decided_at_replications));
    json_object_set_new(o, "unstable_hours", json_integer(sla->unstable_hours));
    for (int v = 0; v < CAP_SEVERITIES; v++)
        json_object_set_new(o, cap_severity_name(v),
                            severity_json(&sla->severity[v]));
    return o;
}

static json_t *role_json(const cap_role_staffing *r)
{
    if (!r->active)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "tier", json_string(cap_plan_name(r->tier)));
    json_object_set_new(o, "customers", json_integer(r->customers));
    json_object_set_new(o, "localized", json_boolean(r->localized));
    json_object_set_new(o, "shifts", json_integer(r->shifts));
    json_object_set_new(o, "fte_low", json_real(r->fte_low));
    json_object_set_new(o, "fte_high", json_real(r->fte_high));
    json_object_set_new(o, "plan_minimum", json_real(r->plan_minimum));
    json_object_set_new(o, "coverage_floor", json_real(r->coverage_floor));
    json_object_set_new(o, "fte_rule", json_real(r->fte_rule));
    json_object_set_new(o, "fte_recommended", json_real(r->fte_recommended));
    json_object_set_new(o, "fte_requested", r->fte_requested >= 0
                                                ? json_real(r->fte_requested)
                                                : json_null());
    json_object_set_new(o, "fte", json_real(r->fte));
    json_object_set_new(o, "fte_contract", json_real(r->fte_contract));
    json_object_set_new(o, "billed", json_boolean(r->billed));
    json_object_set_new(o, "binding", json_string(cap_binding_name(r->binding)));
    json_object_set_new(o, "binding_recommended",
                        json_string(cap_binding_name(r->binding_recommended)));
    json_object_set_new(o, "explain", json_string(r->explain ? r->explain : ""));
    json_object_set_new(o, "warnings", warnings_json(r));
    json_object_set_new(o, "gap_hours", json_real(r->gap_hours));
    json_object_set_new(o, "annual_cost", json_real(r->annual_cost));
    json_object_set_new(o, "annual_price", json_real(r->annual_price));
    /* SLA attainment comes from the simulation; a rules-only run has none. */
    json_object_set_new(o, "sla", r->sla ? sla_json(r) : json_null());
    return o;
}

static json_t *hours_json(const cap_partner_staffing *ps)
{
    json_t *o = json_object();
    for (int party = 0; party < CAP_PARTIES; party++)
        json_object_set_new(o, cap_party_name((cap_party)party),
                            json_real(ps->hours_by_party[party]));
    json_object_set_new(o, "technical", json_real(ps->technical_hours_month));
    return o;
}

/* Dedicated P-TAM vs. service hours; null when neither is contracted. */
static json_t *tam_options_json(const cap_partner_staffing *ps)
{
    const cap_tam_options *t = &ps->tam_options;
    if (!t->compared)
        return json_null();
    json_t *o = json_object(), *d = json_object(), *sh = json_object();
    json_object_set_new(d, "fte", json_real(t->dedicated_fte));
    json_object_set_new(d, "fte_contract", json_real(t->dedicated_contract_fte));
    json_object_set_new(d, "annual_cost", json_real(t->dedicated_annual_cost));
    json_object_set_new(d, "annual_price", json_real(t->dedicated_annual_price));
    json_object_set_new(d, "meets_sla", json_boolean(t->dedicated_meets_sla));
    json_object_set_new(d, "billed", json_boolean(ps->role[CAP_ROLE_TAM].billed));
    json_object_set_new(sh, "hours_per_month", json_real(t->service_hours_month));
    json_object_set_new(sh, "annual_cost", json_real(t->service_annual_cost));
    json_object_set_new(sh, "annual_price", json_real(t->service_annual_cost));
    json_object_set_new(sh, "meets_sla", json_boolean(t->service_meets_sla));
    json_object_set_new(sh, "billed", json_boolean(ps->service_hours_billed));
    json_object_set_new(o, "dedicated_tam", d);
    json_object_set_new(o, "service_hours", sh);
    json_object_set_new(o, "open", json_boolean(t->open));
    json_object_set_new(o, "choice", json_string(cap_tam_choice_name(t->choice)));
    return o;
}

/* A role's staffed FTE in a quarter; null when it is not billed. */
static json_t *fte_or_null(const cap_role_staffing *r)
{
    return r->billed ? json_real(r->fte) : json_null();
}

static json_t *contract_or_null(const cap_role_staffing *r)
{
    return r->billed ? json_real(r->fte_contract) : json_null();
}

/* {csm, tam, service_hours, <total>}: the lines of a price or a cost. */
static json_t *lines_json(const cap_quarter_cost *c, const char *total)
{
    json_t *o = json_object();
    for (int r = 0; r < CAP_ROLES; r++)
        json_object_set_new(o, cap_role_name((cap_role)r), json_real(c->role[r]));
    json_object_set_new(o, "service_hours", json_real(c->service_hours));
    json_object_set_new(o, total, json_real(c->total));
    return o;
}

/* "price", "cost" and "margin" of b into o; total names the totals. */
static void bill_json(json_t *o, const cap_bill *b, const char *total)
{
    json_object_set_new(o, "price", lines_json(&b->price, total));
    json_object_set_new(o, "cost", lines_json(&b->cost, total));
    json_object_set_new(o, "margin", json_real(b->margin));
}

/* Partner i in every quarter of h: customers, staffed FTE, quarter cost. */
static json_t *partner_quarters_json(const cap_horizon *h, size_t i,
                                     const cap_model *m)
{
    json_t *list = json_array();
    for (int q = 0; q < h->count; q++) {
        const cap_partner_staffing *ps = &h->quarter[q]->partners[i];
        cap_bill b = cap_bill_partner(m, ps, 4);
        json_t *o = json_object();
        json_object_set_new(o, "quarter",
                            json_string(h->quarter[q]->quarter_label));
        json_object_set_new(o, "customers", json_integer(ps->customers));
        json_object_set_new(o, "csm_fte", fte_or_null(&ps->role[CAP_ROLE_CSM]));
        json_object_set_new(o, "tam_fte", fte_or_null(&ps->role[CAP_ROLE_TAM]));
        json_object_set_new(o, "csm_fte_contract",
                            contract_or_null(&ps->role[CAP_ROLE_CSM]));
        json_object_set_new(o, "tam_fte_contract",
                            contract_or_null(&ps->role[CAP_ROLE_TAM]));
        json_object_set_new(o, "service_hours_billed_per_month",
                            json_real(ps->service_hours_month));
        bill_json(o, &b, "total");
        json_array_append_new(list, o);
    }
    return list;
}


static json_t *partner_json(const cap_partner_staffing *ps, const cap_model *m)
{
    const cap_partner *partner = ps->partner;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(partner->id));
    json_object_set_new(o, "name", json_string(partner->name));
    json_object_set_new(o, "channel", json_string(cap_channel_name(partner->channel)));
    json_object_set_new(o, "tier", json_string(cap_plan_name(ps->tier)));
    json_object_set_new(o, "customers", json_integer(ps->customers));
    json_object_set_new(o, "localized", json_boolean(ps->role[CAP_ROLE_CSM].localized));
    for (int r = 0; r < CAP_ROLES; r++)
        json_object_set_new(o, cap_role_name((cap_role)r), role_json(&ps->role[r]));
    json_object_set_new(o, "hours_per_month", hours_json(ps));
    json_t *sh = json_object();
    json_object_set_new(sh, "billed", json_boolean(ps->service_hours_billed));
    json_object_set_new(sh, "hours_per_month", json_real(ps->service_hours_month));
    json_object_set_new(sh, "annual_cost", json_real(ps->service_hours_annual_cost));
    json_object_set_new(o, "service_hours", sh);
    json_object_set_new(o, "tam_options", tam_options_json(ps));
    cap_bill b = cap_bill_partner(m, ps, 1);
    bill_json(o, &b, "annual_total");
    return o;
}

/* Every quarter of h over all partners. */
static json_t *quarters_json(const cap_horizon *h, const cap_model *m)
{
    json_t *list = json_array();
    for (int q = 0; q < h->count; q++) {
        const cap_staffing *s = h->quarter[q];
        char start[16];
        snprintf(start, sizeof start, "%04d-%02d-%02d", s->quarter_start.year % 10000,
                 s->quarter_start.month % 100, s->quarter_start.day % 100);
        cap_bill b = cap_bill_quarter(m, s, 4);
        json_t *o = json_object();
        json_object_set_new(o, "quarter", json_string(s->quarter_label));
        json_object_set_new(o, "start", json_string(start));
        json_object_set_new(o, "customers", json_integer(s->customers_total));
        json_object_set_new(o, "csm_fte", json_real(s->fte_total[CAP_ROLE_CSM]));
        json_object_set_new(o, "tam_fte", json_real(s->fte_total[CAP_ROLE_TAM]));
        json_object_set_new(o, "csm_fte_contract",
                            json_real(s->fte_contract_total[CAP_ROLE_CSM]));
        json_object_set_new(o, "tam_fte_contract",
                            json_real(s->fte_contract_total[CAP_ROLE_TAM]));
        bill_json(o, &b, "total");
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *document(const cap_horizon *h, const cap_portfolio *p,
                        const cap_model *m, const cap_run_info *info)
{
    const cap_staffing *s = h->quarter[0];
    char start[16];
    snprintf(start, sizeof start, "%04d-%02d-%02d", p->start.year % 10000,
             p->start.month % 100, p->start.day % 100);
    json_t *doc = json_object();
    json_object_set_new(doc, "program", json_string("capplan"));
    json_object_set_new(doc, "version", json_string(info->version));
    json_object_set_new(doc, "model", json_string(m->name));
    json_object_set_new(doc, "portfolio", json_string(p->name));
    json_object_set_new(doc, "start", json_string(start));
    json_object_set_new(doc, "quarter", json_string(s->quarter_label));
    json_object_set_new(doc, "simulated", json_boolean(info->simulated));
    json_object_set_new(doc, "seed", json_integer((json_int_t)info->seed));
    json_object_set_new(doc, "replications", json_integer(info->replications));
    json_object_set_new(doc, "currency", json_string(m->currency));
    json_t *partners = json_array();
    for (size_t i = 0; i < s->partner_count; i++) {
        json_t *partner = partner_json(&s->partners[i], m);
        json_object_set_new(partner, "quarters", partner_quarters_json(h, i, m));
        json_array_append_new(partners, partner);
    }
    json_object_set_new(doc, "partners", partners);
    json_object_set_new(doc, "quarters", quarters_json(h, m));
    json_t *totals = json_object();
    json_object_set_new(totals, "csm_fte", json_real(s->fte_total[CAP_ROLE_CSM]));
    json_object_set_new(totals, "tam_fte", json_real(s->fte_total[CAP_ROLE_TAM]));
    json_object_set_new(totals, "csm_fte_contract",
                        json_real(s->fte_contract_total[CAP_ROLE_CSM]));
    json_object_set_new(totals, "tam_fte_contract",
                        json_real(s->fte_contract_total[CAP_ROLE_TAM]));
    json_object_set_new(totals, "annual_total", json_real(s->annual_cost_total));
    json_object_set_new(totals, "horizon_total", json_real(cap_horizon_cost(m, h)));
    cap_bill horizon = cap_horizon_bill(m, h);
    json_t *price = json_object(), *margin = json_object();
    json_object_set_new(price, "annual_total", json_real(s->annual_price_total));
    json_object_set_new(price, "horizon_total", json_real(horizon.price.total));
    json_object_set_new(margin, "annual_total", json_real(s->annual_margin_total));
    json_object_set_new(margin, "horizon_total", json_real(horizon.margin));
    json_object_set_new(totals, "price", price);
    json_object_set_new(totals, "margin", margin);
    json_object_set_new(doc, "totals", totals);
    return doc;
}

cap_status cap_report_json(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const cap_run_info *info, cap_error *err)
{
    json_t *doc = document(h, p, m, info);
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(doc);
    if (rc != 0 || fputc('\n', out) == EOF)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the JSON report");
    return CAP_OK;
}
