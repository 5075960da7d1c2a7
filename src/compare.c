/* compare.c - scenarios side by side (compare.h). */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"

static const char *const figure_names[CAP_FIGS] = {
    "csm_fte", "tam_fte", "price", "cost", "margin"};

const char *cap_figure_name(cap_figure f) { return figure_names[f]; }

double cap_compare_diff(cap_figure f, double a, double b)
{
    if (f == CAP_FIG_CSM_FTE || f == CAP_FIG_TAM_FTE)
        return a - b; /* multiples of 0.5: exact */
    cap_money d = {0};
    cap_money_add(&d, a);
    cap_money_add(&d, -b);
    return cap_money_value(d);
}

static void *grab(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

/* The partners of every scenario by id: the base's in order, then any
 * other scenario's new ones. */
static void collect_partners(cap_compare *c)
{
    size_t cap = 0;
    for (size_t s = 0; s < c->scenario_count; s++)
        cap += c->scenario[s].p->partner_count;
    c->partner_id = grab(cap, sizeof *c->partner_id);
    c->partner_name = grab(cap, sizeof *c->partner_name);
    for (size_t s = 0; s < c->scenario_count; s++) {
        const cap_portfolio *p = c->scenario[s].p;
        for (size_t i = 0; i < p->partner_count; i++) {
            size_t k = 0;
            while (k < c->partner_count &&
                   strcmp(c->partner_id[k], p->partners[i].id) != 0)
                k++;
            if (k < c->partner_count)
                continue;
            snprintf(c->partner_id[k], sizeof c->partner_id[k], "%s",
                     p->partners[i].id);
            snprintf(c->partner_name[k], sizeof c->partner_name[k], "%s",
                     p->partners[i].name);
            c->partner_count++;
        }
    }
}

static cap_compare_cell *cell(const cap_compare *c, size_t s, size_t k, int q)
{
    return &c->cell[(s * c->partner_count + k) * (size_t)c->quarters +
                    (size_t)q];
}

/* A partner's figures in one quarter of one scenario. */
static cap_compare_cell figures(const cap_model *m,
                                const cap_partner_staffing *ps)
{
    cap_compare_cell f = {1, {0}};
    cap_bill b = cap_bill_partner(m, ps, 4);
    for (int r = 0; r < CAP_ROLES; r++)
        f.v[CAP_FIG_CSM_FTE + r] = ps->role[r].billed ? ps->role[r].fte : 0;
    f.v[CAP_FIG_PRICE] = b.price.total;
    f.v[CAP_FIG_COST] = b.cost.total;
    f.v[CAP_FIG_MARGIN] = b.margin;
    return f;
}

/* Fills cells and sums: totals per quarter, money over the horizon (in
 * cents), FTE of the first quarter. */
static void fill(cap_compare *c, const cap_model *m)
{
    for (size_t s = 0; s < c->scenario_count; s++) {
        const cap_horizon *h = c->scenario[s].h;
        cap_money horizon[CAP_FIGS] = {{0}};
        for (int q = 0; q < c->quarters; q++) {
            const cap_staffing *st = h->quarter[q];
            cap_money money[CAP_FIGS] = {{0}};
            cap_compare_cell *t = &c->total[s * (size_t)c->quarters + (size_t)q];
            t->present = 1;
            for (size_t i = 0; i < st->partner_count; i++) {
                size_t k = 0;
                while (strcmp(c->partner_id[k], st->partners[i].partner->id))
                    k++;
                *cell(c, s, k, q) = figures(m, &st->partners[i]);
                for (int f = 0; f < CAP_FIGS; f++)
                    cap_money_add(&money[f], cell(c, s, k, q)->v[f]);
            }
            for (int f = 0; f < CAP_FIGS; f++) {
                t->v[f] = cap_money_value(money[f]);
                if (f >= CAP_FIG_PRICE || q == 0)
                    cap_money_add(&horizon[f], t->v[f]);
            }
        }
        for (int f = 0; f < CAP_FIGS; f++)
            c->horizon[s][f] = cap_money_value(horizon[f]);
    }
}

cap_status cap_compare_check(const cap_scenario *s, size_t n, cap_error *err)
{
    const cap_portfolio *base = s[0].p;
    for (size_t i = 1; i < n; i++)
        if (s[i].p->quarters != base->quarters ||
            s[i].p->start.year != base->start.year ||
            s[i].p->start.month != base->start.month ||
            s[i].p->start.day != base->start.day)
            return cap_error_set(err, CAP_ERR_INPUT, s[i].name, 0, NULL,
                                 "covers other quarters than the base %s "
                                 "(start and quarters must be the same to "
                                 "compare)", s[0].name);
    return CAP_OK;
}

cap_compare *cap_compare_new(const cap_scenario *s, size_t n,
                             const cap_model *m, cap_error *err)
{
    const cap_portfolio *base = s[0].p;
    if (cap_compare_check(s, n, err) != CAP_OK)
        return NULL;
    cap_compare *c = grab(1, sizeof *c);
    c->scenario_count = n;
    c->scenario = s;
    c->quarters = base->quarters;
    collect_partners(c);
    c->quarter_label = grab((size_t)c->quarters, sizeof *c->quarter_label);
    for (int q = 0; q < c->quarters; q++)
        snprintf(c->quarter_label[q], sizeof c->quarter_label[q], "%s",
                 s[0].h->quarter[q]->quarter_label);
    c->cell = grab(n * c->partner_count * (size_t)c->quarters, sizeof *c->cell);
    c->total = grab(n * (size_t)c->quarters, sizeof *c->total);
    c->horizon = grab(n, sizeof *c->horizon);
    fill(c, m);
    return c;
}

void cap_compare_free(cap_compare *c)
{
    if (!c)
        return;
    free(c->partner_id);
    free(c->partner_name);
    free(c->quarter_label);
    free(c->cell);
    free(c->total);
    free(c->horizon);
    free(c);
}

const cap_compare_cell *cap_compare_at(const cap_compare *c, size_t scenario,
                                       size_t partner, int quarter)
{
    return cell(c, scenario, partner, quarter);
}

const cap_compare_cell *cap_compare_total(const cap_compare *c,
                                          size_t scenario, int quarter)
{
    return &c->total[scenario * (size_t)c->quarters + (size_t)quarter];
}
