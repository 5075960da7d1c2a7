/* compare.h - scenarios side by side: the same question asked of several
 * portfolios (a base and its variants), each sized over the same quarters
 * on the same random streams, and the differences from the base.
 *
 * Scenarios run with the same seed, so partner i of every scenario draws
 * the same tickets: a difference comes from what the scenario changed,
 * not from noise (as long as the partners keep their order; a partner
 * added in front of others shifts their streams).  Partners are matched by
 * id; one missing from a scenario counts as nothing (FTE and money 0,
 * present = 0).  Results are computed here once; the writers render them.
 */
#ifndef CAP_COMPARE_H
#define CAP_COMPARE_H

#include <stddef.h>

#include "error.h"
#include "horizon.h"
#include "model.h"
#include "portfolio.h"

/* What is compared, per partner and quarter or summed. */
typedef enum { CAP_FIG_CSM_FTE, CAP_FIG_TAM_FTE, CAP_FIG_PRICE, CAP_FIG_COST,
               CAP_FIG_MARGIN, CAP_FIGS } cap_figure;

typedef struct {
    int present;               /* the partner is in the scenario */
    double v[CAP_FIGS];        /* staffed billed FTE; money of the quarter */
} cap_compare_cell;

typedef struct {
    char name[256];            /* "base", a file name, a --compare text */
    const cap_portfolio *p;    /* borrowed */
    const cap_horizon *h;      /* borrowed */
} cap_scenario;

typedef struct {
    size_t scenario_count, partner_count;
    int quarters;
    const cap_scenario *scenario;      /* borrowed; [0] is the base */
    char (*partner_id)[128];           /* base order, then new ones */
    char (*partner_name)[128];
    char (*quarter_label)[24];         /* the base's labels */
    cap_compare_cell *cell;            /* [scenario][partner][quarter] */
    cap_compare_cell *total;           /* [scenario][quarter]: all partners */
    double (*horizon)[CAP_FIGS];       /* [scenario]: money summed over the
                                          quarters; FTE of the first quarter */
} cap_compare;

/* Fails (CAP_ERR_INPUT naming the scenario) unless every scenario has the
 * base's start and number of quarters: call it before sizing. */
cap_status cap_compare_check(const cap_scenario *s, size_t n, cap_error *err);

/* Compares n >= 1 scenarios (the first is the base).  Every scenario must
 * have the base's start and number of quarters (CAP_ERR_INPUT naming the
 * scenario otherwise).  Caller frees: cap_compare_free. */
cap_compare *cap_compare_new(const cap_scenario *s, size_t n,
                             const cap_model *m, cap_error *err);
void cap_compare_free(cap_compare *c);

const cap_compare_cell *cap_compare_at(const cap_compare *c, size_t scenario,
                                       size_t partner, int quarter);
const cap_compare_cell *cap_compare_total(const cap_compare *c,
                                          size_t scenario, int quarter);

/* a - b: FTE exactly, money to the cent (both are whole cents). */
double cap_compare_diff(cap_figure f, double a, double b);

/* "csm_fte", "tam_fte", "price", "cost", "margin" */
const char *cap_figure_name(cap_figure f);

#endif
