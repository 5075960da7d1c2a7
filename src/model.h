/* model.h - the rule model: every policy number of SPEC sections 2-5.
 *
 * A model is read from an INI file (models/dispel.ini) or from the copy of
 * that file built into the program.  Names of plans, severities, channels
 * and roles are vocabulary and fixed here; every number is data.
 * Errors name the model file, its line and the "section:key" field.
 */
#ifndef CAP_MODEL_H
#define CAP_MODEL_H

#include <stddef.h>

#include "error.h"

enum { CAP_PLANS = 3, CAP_SEVERITIES = 4, CAP_CHANNELS = 4, CAP_ROLES = 2,
       CAP_PARTIES = 4 };

typedef enum { CAP_PLAN_BASIC, CAP_PLAN_PREMIUM, CAP_PLAN_MISSION_CRITICAL } cap_plan;
typedef enum { CAP_CH_RESELLER, CAP_CH_DISTRIBUTOR, CAP_CH_OEM, CAP_CH_MSP } cap_channel;
typedef enum { CAP_ROLE_CSM, CAP_ROLE_TAM } cap_role;

/* Who does a piece of work (Responsibilities sheet columns). */
typedef enum {
    CAP_PARTY_CUSTOMER, /* the end customer, no ticket */
    CAP_PARTY_PARTNER,  /* the partner's own staff */
    CAP_PARTY_CSM,      /* vendor P-CSM team */
    CAP_PARTY_SUPPORT   /* vendor technical support: P-TAM or Basic pool */
} cap_party;

/* Who a category names as primary for a channel.  VENDOR means the vendor's
 * customer-facing staff: the P-CSM team when contracted, else support. */
typedef enum { CAP_PRIMARY_CUSTOMER, CAP_PRIMARY_PARTNER, CAP_PRIMARY_VENDOR,
               CAP_PRIMARY_SUPPORT } cap_primary;

/* The columns a [calibrate] mapping may name (capplan calibrate reading an
 * export of no known layout): first reply in minutes or in hours, time
 * spent in seconds or in minutes. */
typedef enum { CAP_CALIB_COL_ID, CAP_CALIB_COL_CREATED, CAP_CALIB_COL_PRIORITY,
               CAP_CALIB_COL_ORG, CAP_CALIB_COL_REPLY_MINUTES,
               CAP_CALIB_COL_REPLY_HOURS, CAP_CALIB_COL_SPENT_SECONDS,
               CAP_CALIB_COL_SPENT_MINUTES, CAP_CALIB_COLUMNS } cap_calib_column;

/* How a partner asks for a role: not at all, sized by capplan, or fixed. */
typedef enum { CAP_ASK_NONE, CAP_ASK_AUTO, CAP_ASK_FIXED } cap_ask_kind;

typedef struct {
    cap_ask_kind kind;
    double value;          /* FTE, or hours per month for service hours */
} cap_ask;

typedef enum { CAP_LOC_AUTO, CAP_LOC_YES, CAP_LOC_NO } cap_localization;

typedef struct {
    int around_the_clock;           /* 0: business hours, 1: 24x7 */
    double min_fte_single;          /* minimum for a single-region team */
    double min_fte_localized;       /* minimum for a localized team */
    double sla_minutes[CAP_SEVERITIES];       /* first-response targets */
    double tickets_per_month[CAP_SEVERITIES]; /* per customer */
} cap_plan_model;

typedef struct {
    char name[48];                  /* section suffix, e.g. "end_user_support" */
    char service[24];               /* implementation | customer_success | ... */
    double share;                   /* share of tickets, categories sum to 1 */
    cap_primary primary[CAP_CHANNELS];
    double escalation[CAP_SEVERITIES]; /* to technical support */
} cap_category;

typedef struct {
    char section[48], key[48], value[256];
} cap_param;

typedef struct {
    /* [model] */
    char name[48];
    char currency[8];
    double fte_step;                /* 0.5: FTE is sold in these steps */
    double hours_per_fte_week;      /* 40 */
    double shift_hours;             /* 8 */
    /* [home] the business-hours window of basic support */
    char home_timezone[64];
    int home_open_minute, home_close_minute;
    unsigned home_weekdays;         /* bit 0 = Monday */
    int home_skip_holidays;         /* US federal holidays */
    /* [localization] */
    double min_overlap_hours;
    double fte_per_shift;           /* coverage floor per shift */
    /* [role.csm] ratio sizing */
    double customers_per_fte_min, customers_per_fte_max, planning_ratio;
    /* [role.tam] workload sizing */
    double tam_fixed_hours_per_week;
    double annual_cost[CAP_ROLES];  /* loaded cost per delivery FTE */
    double annual_price[CAP_ROLES]; /* price per contract FTE */
    /* [plan.*] */
    cap_plan_model plan[CAP_PLANS];
    /* [severity.*] */
    double attainment_goal[CAP_SEVERITIES];
    double handle_mean_minutes[CAP_SEVERITIES];
    double handle_sd_minutes[CAP_SEVERITIES];
    /* triage: the first part of a ticket's handle time; first response is
     * its start (SPEC section 4 "Queue") */
    double first_response_minutes[CAP_SEVERITIES];
    double business_hours_share[CAP_SEVERITIES]; /* arrival profile */
    /* [profile] local window that business_hours_share refers to */
    int profile_open_minute, profile_close_minute;
    /* [staffing] */
    double shrinkage, utilization_cap;
    double load_warning_utilization; /* busy enough for load to be the cause */
    double proactive_hours_per_customer_month;
    double task_minutes;            /* one piece of work without an SLA */
    /* [cost] */
    double localization_uplift, around_the_clock_uplift;
    double service_hour_rate, retainer_hours_per_month;
    /* [simulation] */
    int replications, warmup_weeks, handle_exponential;
    /* more replications, up to replications x this, where a sizing call is
     * too close to its goal (SPEC section 4 "Sizing") */
    int max_replication_factor;
    /* 1: first response = start of all work, non-preemptive (the older
     * reading); 0: triage pre-empts work without an SLA or of a lower
     * severity */
    int first_response_start_of_work;
    unsigned long seed;
    /* [calibrate] (optional section; -1 when absent): a plan x severity
     * cell of `capplan calibrate` with fewer tickets keeps the model's value */
    double calibrate_min_tickets;
    /* [calibrate] backtest_max_difference (optional; -1 when absent): the
     * backtest states a disagreement when simulated and observed
     * attainment differ by more (a share, 0..1) */
    double calibrate_backtest_max_difference;
    /* [calibrate] column mapping for an export of no known layout: the
     * export's header of each column (see cap_calibrate_column_key), ""
     * when not mapped; calibrate_mapped counts the mapped ones */
    char calibrate_column[CAP_CALIB_COLUMNS][128];
    int calibrate_mapped;
    /* [horizon] */
    int quarters;
    /* [partner_defaults] values used when a partner leaves a key out */
    cap_ask default_csm, default_tam, default_service_hours;
    cap_plan default_tam_tier;
    cap_localization default_localization;
    double default_growth;
    /* [limits]: inputs above these are refused (README, "Limits") */
    double max_customers, max_book_customers, max_fte, max_service_hours;
    /* books of more partners write their workbooks row by row; 0 when the
     * key is absent: never */
    double stream_partners;
    /* one partner's simulated tickets, all replications (simwork.h); 0
     * when the key is absent: unchecked */
    double max_simulated_tickets;
    /* [category.*] in file order */
    cap_category *categories;
    size_t category_count;
    /* every section:key = value as read, in file order (Assumptions sheet) */
    cap_param *params;
    size_t param_count;
    char source[512];               /* file name, or "(built-in)" */
} cap_model;

/* Reads a model from an INI file.  Returns NULL and sets err on a missing
 * file or a bad value.  Caller owns the result: cap_model_free(). */
cap_model *cap_model_load(const char *path, cap_error *err);
/* Same; a file that is not UTF-8 is converted from encoding (see
 * cap_text_read), NULL refuses it. */
cap_model *cap_model_load_encoded(const char *path, const char *encoding,
                                  cap_error *err);

/* Reads a model from INI text held in memory; name is used in messages
 * and as the model's source. */
cap_model *cap_model_load_text(const char *text, const char *name,
                               cap_error *err);

/* The model built into the program (a copy of models/dispel.ini taken at
 * build time).  Caller owns the result. */
cap_model *cap_model_builtin(cap_error *err);

/* The INI text of the built-in model. */
const char *cap_model_builtin_text(void);

void cap_model_free(cap_model *model);

/* Nonzero when the two models hold the same values (source aside). */
int cap_model_equal(const cap_model *a, const cap_model *b);

/* Vocabulary: names <-> enums.  The parse functions return -1 for an
 * unknown name.  Plans and channels match regardless of case, spaces,
 * hyphens and underscores ("Mission Critical" = mission_critical). */
const char *cap_plan_name(cap_plan plan);
int cap_plan_parse(const char *name);
const char *cap_channel_name(cap_channel channel);
int cap_channel_parse(const char *name);
const char *cap_role_name(cap_role role);       /* "csm", "tam" */
const char *cap_role_label(cap_role role);      /* "P-CSM", "P-TAM" */
const char *cap_party_name(cap_party party);
const char *cap_severity_name(int severity);    /* "s1".."s4" */
/* The [calibrate] key of a mapped column: "id", "created", "priority",
 * "organization", "first_reply_minutes", "first_reply_hours",
 * "time_spent_seconds", "time_spent_minutes". */
const char *cap_calibrate_column_key(cap_calib_column k);

/* Parses "none", "auto" or a number: an FTE > 0 in FTE steps, or (hours
 * nonzero) hours per month >= 0.  On failure returns 0 and points *why at
 * what was wanted. */
int cap_ask_parse(const cap_model *model, const char *text, int hours,
                  cap_ask *out, const char **why);
/* "auto", "yes", "no" -> cap_localization; -1 otherwise. */
int cap_localization_parse(const char *text);

/* Rounds x up to the next multiple of the model's FTE step, with a 1e-9
 * tolerance so 30/15 stays 2.0. */
double cap_step_up(const cap_model *model, double x);
/* Nonzero when x is a whole multiple of the FTE step. */
int cap_is_step(const cap_model *model, double x);

#endif
