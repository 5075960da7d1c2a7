/* comparereport.c - the terminal summary and the JSON document of a
 * comparison (comparereport.h). */
#include "comparereport.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dealreport.h"

/* ---- terminal ------------------------------------------------------------ */

static void money(double v, char *out, size_t cap)
{
    cap_money_text(v, out, cap);
}

static void print_row(FILE *out, const char *label, const double *v)
{
    char price[32], cost[32], margin[32];
    money(v[CAP_FIG_PRICE], price, sizeof price);
    money(v[CAP_FIG_COST], cost, sizeof cost);
    money(v[CAP_FIG_MARGIN], margin, sizeof margin);
    fprintf(out, "%-34.34s %16s %16s %16s %6.1f %6.1f\n", label, price, cost,
            margin, v[CAP_FIG_CSM_FTE], v[CAP_FIG_TAM_FTE]);
}

static void print_totals(FILE *out, const cap_compare *c)
{
    fprintf(out, "%-34s %16s %16s %16s %6s %6s\n", "scenario (horizon)",
            "price", "cost", "margin", "P-CSM", "P-TAM");
    for (size_t s = 0; s < c->scenario_count; s++) {
        print_row(out, c->scenario[s].name, c->horizon[s]);
        if (s == 0)
            continue;
        double d[CAP_FIGS];
        for (int f = 0; f < CAP_FIGS; f++)
            d[f] = cap_compare_diff((cap_figure)f, c->horizon[s][f],
                                    c->horizon[0][f]);
        print_row(out, "  difference from the base", d);
    }
    fprintf(out, "(money over the %d quarters, FTE staffed in %s)\n",
            c->quarters, c->quarter_label[0]);
}

/* How far a partner-quarter moved: the larger money difference. */
static double moved(const cap_compare *c, size_t s, size_t k, int q)
{
    const cap_compare_cell *a = cap_compare_at(c, s, k, q);
    const cap_compare_cell *b = cap_compare_at(c, 0, k, q);
    return fmax(fabs(a->v[CAP_FIG_PRICE] - b->v[CAP_FIG_PRICE]),
                fabs(a->v[CAP_FIG_COST] - b->v[CAP_FIG_COST]));
}

enum { LARGEST = 5 };

/* The LARGEST partner-quarters of scenario s by moved(), largest first
 * (ties in partner then quarter order). */
static void print_largest(FILE *out, const cap_compare *c, size_t s)
{
    size_t best[LARGEST], n = 0, cells = c->partner_count * (size_t)c->quarters;
    for (size_t i = 0; i < cells; i++) {
        size_t k = i / (size_t)c->quarters;
        int q = (int)(i % (size_t)c->quarters);
        double m = moved(c, s, k, q);
        if (m < 0.005)
            continue;
        size_t at = n < LARGEST ? n++ : LARGEST;
        while (at > 0 && moved(c, s, best[at - 1] / (size_t)c->quarters,
                               (int)(best[at - 1] % (size_t)c->quarters)) < m) {
            if (at < LARGEST)
                best[at] = best[at - 1];
            at--;
        }
        if (at < LARGEST)
            best[at] = i;
    }
    fprintf(out, "\nlargest differences, %s:\n", c->scenario[s].name);
    if (n == 0)
        fputs("  none\n", out);
    for (size_t j = 0; j < n; j++) {
        size_t k = best[j] / (size_t)c->quarters;
        int q = (int)(best[j] % (size_t)c->quarters);
        const cap_compare_cell *a = cap_compare_at(c, s, k, q);
        const cap_compare_cell *b = cap_compare_at(c, 0, k, q);
        char d[CAP_FIGS][32];
        for (int f = CAP_FIG_PRICE; f < CAP_FIGS; f++)
            money(cap_compare_diff((cap_figure)f, a->v[f], b->v[f]), d[f],
                  sizeof d[f]);
        fprintf(out, "  %-20.20s %-8s price %s, cost %s, margin %s, P-CSM "
                     "%+.1f, P-TAM %+.1f FTE%s\n", c->partner_id[k],
                c->quarter_label[q], d[CAP_FIG_PRICE], d[CAP_FIG_COST],
                d[CAP_FIG_MARGIN], a->v[CAP_FIG_CSM_FTE] - b->v[CAP_FIG_CSM_FTE],
                a->v[CAP_FIG_TAM_FTE] - b->v[CAP_FIG_TAM_FTE],
                a->present == b->present ? ""
                : a->present ? " (only in this scenario)" : " (not in it)");
    }
}

cap_status cap_report_compare_text(FILE *out, const cap_compare *c,
                                   const cap_model *m,
                                   const cap_run_info *info, cap_error *err)
{
    fprintf(out, "%zu scenarios, %zu partners, %s to %s, %s", c->scenario_count,
            c->partner_count, c->quarter_label[0],
            c->quarter_label[c->quarters - 1], m->currency);
    if (info->simulated)
        fprintf(out, ", simulated: %d replications, seed %lu in every "
                     "scenario\n\n", info->replications, info->seed);
    else
        fputs(", rules only\n\n", out);
    print_totals(out, c);
    for (size_t s = 1; s < c->scenario_count; s++)
        print_largest(out, c, s);
    if (ferror(out))
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the comparison");
    return CAP_OK;
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *figures_json(const double *v)
{
    json_t *o = json_object();
    for (int f = 0; f < CAP_FIGS; f++)
        json_object_set_new(o, cap_figure_name((cap_figure)f), json_real(v[f]));
    return o;
}

/* {figures..., "diff": {figures} or null for the base} */
static json_t *with_diff(const double *v, const double *base, int is_base)
{
    json_t *o = figures_json(v);
    double d[CAP_FIGS];
    for (int f = 0; f < CAP_FIGS; f++)
        d[f] = cap_compare_diff((cap_figure)f, v[f], base[f]);
    json_object_set_new(o, "diff", is_base ? json_null() : figures_json(d));
    return o;
}

static json_t *scenario_json(const cap_compare *c, size_t s)
{
    json_t *o = json_object(), *quarters = json_array();
    json_object_set_new(o, "name", json_string(c->scenario[s].name));
    json_object_set_new(o, "horizon", with_diff(c->horizon[s], c->horizon[0],
                                                s == 0));
    for (int q = 0; q < c->quarters; q++) {
        json_t *jq = with_diff(cap_compare_total(c, s, q)->v,
                               cap_compare_total(c, 0, q)->v, s == 0);
        json_object_set_new(jq, "quarter", json_string(c->quarter_label[q]));
        json_array_append_new(quarters, jq);
    }
    json_object_set_new(o, "quarters", quarters);
    return o;
}

static json_t *partner_json(const cap_compare *c, size_t k)
{
    json_t *o = json_object(), *scenarios = json_array();
    json_object_set_new(o, "id", json_string(c->partner_id[k]));
    json_object_set_new(o, "name", json_string(c->partner_name[k]));
    for (size_t s = 0; s < c->scenario_count; s++) {
        json_t *js = json_object(), *quarters = json_array();
        json_object_set_new(js, "name", json_string(c->scenario[s].name));
        json_object_set_new(js, "present", json_boolean(
                                cap_compare_at(c, s, k, 0)->present));
        for (int q = 0; q < c->quarters; q++) {
            json_t *jq = with_diff(cap_compare_at(c, s, k, q)->v,
                                   cap_compare_at(c, 0, k, q)->v, s == 0);
            json_object_set_new(jq, "quarter", json_string(c->quarter_label[q]));
            json_array_append_new(quarters, jq);
        }
        json_object_set_new(js, "quarters", quarters);
        json_array_append_new(scenarios, js);
    }
    json_object_set_new(o, "scenarios", scenarios);
    return o;
}

cap_status cap_report_compare_json(FILE *out, const cap_compare *c,
                                   const cap_model *m,
                                   const cap_run_info *info, cap_error *err)
{
    json_t *doc = json_object(), *scenarios = json_array(),
           *partners = json_array(), *quarters = json_array();
    json_object_set_new(doc, "program", json_string("capplan"));
    json_object_set_new(doc, "command", json_string("compare"));
    json_object_set_new(doc, "version", json_string(info->version));
    json_object_set_new(doc, "model", json_string(m->name));
    json_object_set_new(doc, "simulated", json_boolean(info->simulated));
    json_object_set_new(doc, "seed", json_integer((json_int_t)info->seed));
    json_object_set_new(doc, "replications", json_integer(info->replications));
    json_object_set_new(doc, "currency", json_string(m->currency));
    for (int q = 0; q < c->quarters; q++)
        json_array_append_new(quarters, json_string(c->quarter_label[q]));
    json_object_set_new(doc, "quarters", quarters);
    for (size_t s = 0; s < c->scenario_count; s++)
        json_array_append_new(scenarios, scenario_json(c, s));
    json_object_set_new(doc, "scenarios", scenarios);
    for (size_t k = 0; k < c->partner_count; k++)
        json_array_append_new(partners, partner_json(c, k));
    json_object_set_new(doc, "partners", partners);
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(doc);
    if (rc != 0 || fputc('\n', out) == EOF)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the JSON document");
    return CAP_OK;
}
