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

#include "error.h"
#include "model.h"
#include "portfolio.h"

enum { CAP_WEEK_HOURS = 168, CAP_WARNINGS_MAX = 4 };

/* Which rule set the FTE figure.  WORKLOAD is P-TAM sizing from hours. */
typedef enum {
    CAP_BIND_RATIO, CAP_BIND_PLAN_MINIMUM, CAP_BIND_COVERAGE,
    CAP_BIND_LOCALIZATION, CAP_BIND_SLA, CAP_BIND_REQUESTED,
    CAP_BIND_WORKLOAD
} cap_binding;

typedef struct {
    int active;               /* the role is contracted (not "none") */
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
    cap_binding binding;      /* of the staffed FTE */
    cap_binding binding_recommended;
    double annual_cost;       /* fte x annual cost x uplifts */
    int warning_count;
    char warnings[CAP_WARNINGS_MAX][160];
    /* hour-of-week coverage, UTC, Monday 00:00 of the reference week */
    unsigned char required[CAP_WEEK_HOURS]; /* 1: inside the window */
    double present[CAP_WEEK_HOURS];         /* people on shift */
    double gap_hours;         /* window hours with nobody present */
    /* simulated SLA figures at the staffed FTE; NULL with --no-sim.  Owned. */
    struct cap_sla_role *sla;
} cap_role_staffing;

/* Dedicated P-TAM or service hours for a partner's technical work: the
 * cheaper of the options that meet the P-TAM tier's SLA (SPEC section 2). */
typedef enum { CAP_TAM_CHOICE_NONE, CAP_TAM_CHOICE_DEDICATED,
               CAP_TAM_CHOICE_SERVICE_HOURS } cap_tam_choice;

typedef struct {
    int compared;                  /* the partner contracts either add-on */
    double dedicated_fte;          /* the recommended P-TAM FTE */
    cap_plan dedicated_tier;       /* tam_tier */
    int dedicated_localized;
    double dedicated_annual_cost;
    int dedicated_meets_sla;       /* 0 only when the SLA search failed */
    double service_hours_worked_month; /* requested, else technical */
    double service_hours_month;    /* billed: max(hours, retainer) */
    double service_annual_cost;
    /* Service hours are worked by the vendor's pooled support in the home
     * business window: they meet a business-hours tier, never 24x7. */
    int service_meets_sla;
    cap_tam_choice choice;
} cap_tam_options;

typedef struct {
    const cap_partner *partner;            /* borrowed */
    int customers;                         /* this quarter, all plans */
    int customers_by_plan[CAP_PLANS];
    cap_plan tier;                         /* highest plan, or override */
    cap_role_staffing role[CAP_ROLES];
    double hours_by_party[CAP_PARTIES];    /* expected, per month */
    double technical_hours_month;          /* work reaching tech support
                                              (simulated when simulated) */
    double load[CAP_WEEK_HOURS];           /* expected tickets per UTC hour
                                              of the reference week */
    double service_hours_worked_month;     /* requested, else technical;
                                              0 without service hours */
    double service_hours_month;            /* billed: max(worked, retainer) */
    double service_hours_annual_cost;
    cap_tam_options tam_options;
    double annual_cost;                    /* active roles plus service hours */
} cap_partner_staffing;

typedef struct {
    int quarter;                           /* 0-based index */
    cap_date quarter_start;
    cap_date reference_day;                /* the quarter's first Wednesday */
    cap_partner_staffing *partners;
    size_t partner_count;
    int customers_total;                   /* all partners' customers */
    double fte_total[CAP_ROLES];
    double annual_cost_total;              /* roles plus service hours */
} cap_staffing;

/* Sizes every partner of p for quarter q.  Returns NULL and sets err
 * (an unknown time zone is caught earlier, by cap_portfolio_validate).
 * Caller owns the result: cap_staffing_free(). */
cap_staffing *cap_staffing_run(const cap_portfolio *p, const cap_model *m,
                               int q, cap_error *err);
void cap_staffing_free(cap_staffing *s);

const char *cap_binding_name(cap_binding binding);

/* ---- used by the simulation (sim.h) to feed its answers back ---- */

/* Lays fte of role on the role's window by the partner's hourly load
 * (SPEC section 4 "Staff"); returns the window hours left empty. */
double cap_staffing_roster(const cap_model *m, const cap_partner_staffing *ps,
                           cap_role role, double fte,
                           double present[CAP_WEEK_HOURS]);

/* Re-sizes the P-TAM rule and the service hours from technical hours per
 * month (the simulated figure), with roster and costs. */
void cap_staffing_set_technical_hours(const cap_model *m,
                                      cap_partner_staffing *ps,
                                      double hours_month);

/* Takes the SLA search's answer fte_sla (>= the rule FTE): recommended =
 * max(rule, fte_sla), binding `sla` when above the rule; flags a P-CSM
 * team above the ratio's upper bound; re-lays the roster at the staffed
 * FTE and recomputes costs.  Call cap_staffing_total() afterwards. */
void cap_staffing_apply_sla(const cap_model *m, cap_partner_staffing *ps,
                            cap_role role, double fte_sla);

/* Compares a dedicated P-TAM with service hours for ps (after sizing, and
 * again after the simulation). */
void cap_staffing_compare_tam(const cap_model *m, cap_partner_staffing *ps);

const char *cap_tam_choice_name(cap_tam_choice choice); /* "dedicated_tam" ... */

/* Recomputes the quarter's customer, FTE and cost totals from its
 * partners. */
void cap_staffing_total(cap_staffing *s);

#endif
