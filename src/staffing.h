/* staffing.h - the deterministic staffing rules (SPEC sections 1 and 2)
 * and their results, per partner, role and quarter.
 *
 * cap_staffing_run() sizes every partner of a portfolio for one quarter:
 * ratio range, tier, plan minimum, localization from real tz data, rule
 * and recommended FTE, the request and its warning, the binding
 * constraint, the expected hours by party, and the hour-of-week coverage
 * of each team.  Results own no pointers into the portfolio except
 * `partner`, which is borrowed.
 */
#ifndef CAP_STAFFING_H
#define CAP_STAFFING_H

#include <stddef.h>

#include "coverage.h"
#include "error.h"
#include "model.h"
#include "portfolio.h"
#include "sla.h"
#include "week.h"

enum { CAP_WARNINGS_MAX = 4, CAP_WARNING_LENGTH = 240 /* with its NUL */ };

/* Which rule set the FTE figure.  WORKLOAD is P-TAM sizing from hours. */
typedef enum {
    CAP_BIND_RATIO, CAP_BIND_PLAN_MINIMUM, CAP_BIND_COVERAGE,
    CAP_BIND_LOCALIZATION, CAP_BIND_SLA, CAP_BIND_REQUESTED,
    CAP_BIND_WORKLOAD
} cap_binding;

typedef struct {
    int active;               /* sized and simulated: contracted, or (the
                                 P-TAM) an open option beside service hours */
    int billed;               /* the partner pays for it (cost.c decides) */
    cap_plan tier;            /* SLA tier the team works to */
    int customers;            /* customers served by the role */
    int localized;            /* team covers several local windows */
    int shifts;               /* 8-hour shifts to cover one workday */
    double fte_low, fte_high; /* ratio range (CSM); workload FTE (TAM) */
    double plan_minimum;      /* single-region or localized minimum */
    double coverage_floor;    /* 0.5 x shifts when localized, else 0 */
    double fte_rule;          /* max(low, minimum, floor) */
    double fte_recommended;
    double fte_requested;     /* < 0: no request */
    double fte;               /* staffed: the request, else recommended */
    double fte_contract;      /* what the partner buys: the request, else the
                                 rules' answer (P-CSM: max(rule, n / planning
                                 ratio); P-TAM: the rule) */
    cap_binding binding;      /* of the staffed FTE */
    cap_binding binding_recommended;
    double annual_cost;       /* staffed fte x annual cost x uplifts; 0 when
                                 not billed (cost.c) */
    double annual_price;      /* fte_contract x annual price x uplifts; 0
                                 when not billed (cost.c) */
    /* Text is allocated to its length (a big book holds a role per partner
     * per quarter): cap_role_staffing_clear() frees it. */
    int warning_count;
    char *warnings[CAP_WARNINGS_MAX]; /* cap_role_warn() */
    char *explain;            /* one sentence a salesperson can repeat
                                 (explain.h); NULL until explained */
    /* hour-of-week coverage on the home zone's wall clock, Monday 00:00
     * local (the same hours all year: clock changes move the people) */
    unsigned char required[CAP_WEEK_HOURS]; /* 1: inside the window */
    /* people on shift, kept small (cap_role_present() reads them back
     * exactly): a whole number 0..254 as itself, any other as 255 and the
     * next of on_shift_rest, in hour order */
    unsigned char on_shift[CAP_WEEK_HOURS];
    double *on_shift_rest;
    double gap_hours;         /* window hours with nobody present */
    /* the simulation's answer (all zero with --no-sim); owns its figures */
    cap_sim_role sim;
    /* simulated SLA figures at the staffed FTE (= sim.staffed); NULL with
     * --no-sim */
    const cap_sla_role *sla;
} cap_role_staffing;

/* Dedicated P-TAM or service hours for a partner's technical work: the
 * cheaper of the options that meet the P-TAM tier's SLA (SPEC section 2). */
typedef enum { CAP_TAM_CHOICE_NONE, CAP_TAM_CHOICE_DEDICATED,
               CAP_TAM_CHOICE_SERVICE_HOURS } cap_tam_choice;

typedef struct {
    int compared;                  /* the partner contracts either add-on */
    int open;                      /* tam = auto and service_hours = auto:
                                      only the choice is billed */
    double dedicated_fte;          /* the recommended P-TAM FTE */
    double dedicated_contract_fte; /* its rule FTE: what it is priced on */
    cap_plan dedicated_tier;       /* tam_tier */
    int dedicated_localized;
    double dedicated_annual_cost;  /* cost.c */
    double dedicated_annual_price; /* cost.c */
    int dedicated_meets_sla;       /* 0 only when the SLA search failed */
    double service_hours_worked_month; /* requested, else technical */
    double service_hours_month;    /* billed: max(hours, retainer) */
    double service_annual_cost;    /* cost.c; the price is the same */
    /* Service hours are worked by the vendor's pooled support in the home
     * business window: they meet a business-hours tier, never 24x7. */
    int service_meets_sla;
    cap_tam_choice choice;         /* the cheaper by price meeting the SLA
                                      (cost.c) */
} cap_tam_options;

typedef struct {
    const cap_partner *partner;            /* borrowed */
    int quarter;                           /* 0-based index */
    int customers;                         /* this quarter, all plans */
    int customers_by_plan[CAP_PLANS];
    cap_plan tier;                         /* highest plan, or override */
    cap_role_staffing role[CAP_ROLES];
    double hours_by_party[CAP_PARTIES];    /* expected, per month */
    double technical_hours_month;          /* work reaching tech support
                                              (simulated when simulated) */
    const signed char *hour_shift;         /* per segment of the quarter
                                              (cap_partner_quarter): its zone's
                                              hours ahead of home, to rebuild
                                              the need (cap_staffing_need);
                                              in the quarter's hour_shifts */
    double service_hours_worked_month;     /* requested, else technical;
                                              0 without service hours */
    int service_hours_billed;              /* the partner pays for them
                                              (cost.c decides) */
    double service_hours_month;            /* billed: max(worked, retainer);
                                              0 when not billed (cost.c) */
    double service_hours_annual_cost;      /* = their price (cost.c) */
    cap_tam_options tam_options;
    double annual_cost;                    /* billed lines (cost.c) */
    double annual_price;                   /* billed lines (cost.c) */
    double annual_margin;                  /* price - cost */
} cap_partner_staffing;

typedef struct {
    int quarter;                           /* 0-based index */
    cap_date quarter_start;
    char quarter_label[24];                /* "2027Q1" or "FY2028Q1":
                                              cap_quarter_label() */
    cap_date reference_day;                /* the quarter's first Wednesday */
    cap_partner_staffing *partners;
    size_t partner_count;
    int customers_total;                   /* all partners' customers */
    double fte_total[CAP_ROLES];           /* billed roles' staffed FTE */
    double fte_contract_total[CAP_ROLES];  /* billed roles' contract FTE */
    double annual_cost_total;              /* billed lines (cost.c) */
    double annual_price_total;
    double annual_margin_total;
    signed char *hour_shifts;              /* owns the partners' hour_shift */
} cap_staffing;

/* Sizes every partner of p for quarter q.  Returns NULL and sets err
 * (an unknown time zone is caught earlier, by cap_portfolio_validate).
 * Caller owns the result: cap_staffing_free(). */
cap_staffing *cap_staffing_run(const cap_portfolio *p, const cap_model *m,
                               int q, cap_error *err);
void cap_staffing_free(cap_staffing *s);

const char *cap_binding_name(cap_binding binding);

/* Adds a copy of text to r's warnings (beyond CAP_WARNINGS_MAX: dropped). */
void cap_role_warn(cap_role_staffing *r, const char *text);

/* Keeps present[] as r's people on shift; reads them back, exactly. */
void cap_role_set_present(cap_role_staffing *r,
                          const double present[CAP_WEEK_HOURS]);
void cap_role_present(const cap_role_staffing *r, double present[CAP_WEEK_HOURS]);

/* Frees what r owns (warnings, explanation, people on shift, the
 * simulation's answer) and empties them. */
void cap_role_staffing_clear(cap_role_staffing *r);

/* The expected tickets and work per hour of the roster's week that the
 * rules laid ps's rosters by (without simulation): rebuilt from the
 * partner's segments, not kept (8 KB per partner and quarter). */
void cap_staffing_need(const cap_model *m, const cap_partner_staffing *ps,
                       cap_need *out);

/* ---- the simulation's answer, applied in one step ---- */

/* The P-TAM rule FTE (workload or plan minimum) a partner gets from
 * technical_hours_month of technical work: where the SLA search starts. */
double cap_staffing_tam_rule(const cap_model *m, const cap_partner *partner,
                             double technical_hours_month);

/* Where the SLA search starts for team r whose rule FTE is `rule`: the
 * rule, raised for a 24x7 tier to the FTE that puts one person on shift in
 * every hour of its window (168 / (40 x (1 - shrinkage)) = 5.25, stepped
 * to 5.5 at the defaults): a round-the-clock SLA promises someone there
 * (SPEC section 4 "Staff"). */
double cap_staffing_search_from(const cap_model *m, const cap_role_staffing *r,
                                double rule);

/* Applies the simulation's answer for ps (sim.h): re-sizes the P-TAM rule
 * and the service hours from the simulated technical hours; for each
 * simulated role, recommended = max(rule, answer) with binding `sla` when
 * above the rule, the warnings and the roster at the staffed FTE; then
 * sizes the TAM options (cost.c prices them and bills).  Takes what res owns.  Call
 * cap_staffing_total() afterwards. */
void cap_staffing_apply_sim(const cap_model *m, cap_partner_staffing *ps,
                            cap_sim_partner *res);

const char *cap_tam_choice_name(cap_tam_choice choice); /* "dedicated_tam" ... */

/* Frees what only the sizing uses, once the quarter is sized, simulated,
 * costed and explained (the writers only render): unless keep_hours, the
 * Erlang C hours of the staffed figures (sla.h; the roster stays in each
 * role's on_shift).  A horizon keeps every quarter; these would grow its
 * memory by 12 KiB a simulated team each quarter.  (The partners' hourly
 * need is not kept at all: cap_staffing_need.) */
void cap_staffing_trim(cap_staffing *s, int keep_hours);

/* Recomputes the quarter's customer and billed FTE totals from its
 * partners (money totals: cost.c). */
void cap_staffing_total(cap_staffing *s);

/* hours rounded to the hundredth of an hour: technical and billed hours
 * are kept so, so that a workbook's formula reads the hours the program
 * used (such a number survives the 16-digit text form unchanged). */
double cap_hours_billable(double hours);

#endif
