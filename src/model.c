/* model.c - reads and checks the rule model; the vocabulary tables. */
#include "model.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini.h"
#include "text.h"
#include "tz.h"

static const char *const plan_names[CAP_PLANS] = {"basic", "premium",
                                                   "mission_critical"};
static const char *const channel_names[CAP_CHANNELS] = {
    "reseller", "distributor", "oem", "msp"};
static const char *const role_names[CAP_ROLES] = {"csm", "tam"};
static const char *const role_labels[CAP_ROLES] = {"P-CSM", "P-TAM"};
static const char *const party_names[CAP_PARTIES] = {
    "customer", "partner", "csm", "support"};
static const char *const severity_names[CAP_SEVERITIES] = {"s1", "s2", "s3",
                                                           "s4"};
static const char *const primary_names[] = {"customer", "partner", "vendor",
                                            "support"};
static const char *const day_names[7] = {"mon", "tue", "wed", "thu",
                                         "fri", "sat", "sun"};

static int lookup(const char *const *names, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* name folded for a loose match: ASCII lowercase, without spaces, '-'
 * and '_' ("Mission Critical" -> "missioncritical"); 0 when too long. */
static int fold(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (; name && *name; name++) {
        if (*name == ' ' || *name == '-' || *name == '_' || *name == '\t')
            continue;
        if (n + 1 >= cap)
            return 0;
        out[n++] = (char)tolower((unsigned char)*name);
    }
    out[n] = '\0';
    return name != NULL;
}

/* Plans and channels come from CRM exports as "Mission Critical",
 * "mission-critical" or "Premium": they match their names folded. */
static int lookup_loose(const char *const *names, int n, const char *name)
{
    char want[64], have[64];
    if (!fold(name, want, sizeof want) || !*want)
        return -1;
    for (int i = 0; i < n; i++)
        if (fold(names[i], have, sizeof have) && strcmp(have, want) == 0)
            return i;
    return -1;
}

const char *cap_plan_name(cap_plan p) { return plan_names[p]; }
int cap_plan_parse(const char *s)
{
    return lookup_loose(plan_names, CAP_PLANS, s);
}
const char *cap_channel_name(cap_channel c) { return channel_names[c]; }
int cap_channel_parse(const char *s)
{
    return lookup_loose(channel_names, CAP_CHANNELS, s);
}
const char *cap_role_name(cap_role r) { return role_names[r]; }
const char *cap_role_label(cap_role r) { return role_labels[r]; }
const char *cap_party_name(cap_party p) { return party_names[p]; }
const char *cap_severity_name(int s) { return severity_names[s]; }

double cap_step_up(const cap_model *m, double x)
{
    double steps = ceil(x / m->fte_step - 1e-9);
    return steps < 0 ? 0 : steps * m->fte_step;
}

int cap_ask_parse(const cap_model *m, const char *text, int hours,
                  cap_ask *out, const char **why)
{
    *why = hours ? "want none, auto or hours per month >= 0"
                 : "want none, auto or an FTE > 0 in steps of the model's fte_step";
    double v;
    if (strcmp(text, "none") == 0 || strcmp(text, "auto") == 0) {
        *out = (cap_ask){text[0] == 'a' ? CAP_ASK_AUTO : CAP_ASK_NONE, 0};
        return 1;
    }
    if (!cap_parse_double(text, &v) || v < 0)
        return 0;
    if (!hours && (v <= 0 || !cap_is_step(m, v))) {
        *why = "FTE must be a positive multiple of the model's fte_step (0.5)";
        return 0;
    }
    *out = (cap_ask){CAP_ASK_FIXED, v};
    return 1;
}

int cap_localization_parse(const char *text)
{
    static const char *const names[] = {"auto", "yes", "no"};
    return lookup(names, 3, text);
}

int cap_is_step(const cap_model *m, double x)
{
    double steps = x / m->fte_step;
    return fabs(steps - round(steps)) < 1e-9;
}

/* Scalar numbers: section, key, allowed range, where the value goes. */
typedef struct {
    const char *section, *key;
    double min, max;
    size_t offset;
} number_field;

#define F(sec, key, lo, hi, member) {sec, key, lo, hi, offsetof(cap_model, member)}
static const number_field number_fields[] = {
    F("model", "fte_step", 0.01, 10, fte_step),
    F("model", "hours_per_fte_week", 1, 168, hours_per_fte_week),
    F("model", "shift_hours", 1, 24, shift_hours),
    F("localization", "min_overlap_hours", 0, 24, min_overlap_hours),
    F("localization", "fte_per_shift", 0, 10, fte_per_shift),
    F("role.csm", "customers_per_fte_min", 0.1, 1e6, customers_per_fte_min),
    F("role.csm", "customers_per_fte_max", 0.1, 1e6, customers_per_fte_max),
    F("role.csm", "planning_ratio", 0.1, 1e6, planning_ratio),
    F("role.csm", "annual_cost", 0, 1e9, annual_cost[CAP_ROLE_CSM]),
    F("role.csm", "annual_price", 0, 1e9, annual_price[CAP_ROLE_CSM]),
    F("role.tam", "fixed_hours_per_week", 0, 168, tam_fixed_hours_per_week),
    F("role.tam", "annual_cost", 0, 1e9, annual_cost[CAP_ROLE_TAM]),
    F("role.tam", "annual_price", 0, 1e9, annual_price[CAP_ROLE_TAM]),
    F("staffing", "shrinkage", 0, 0.95, shrinkage),
    F("staffing", "utilization_cap", 0.05, 1, utilization_cap),
    F("staffing", "load_warning_utilization", 0, 1, load_warning_utilization),
    F("staffing", "proactive_hours_per_customer_month", 0, 744,
      proactive_hours_per_customer_month),
    F("staffing", "task_minutes", 1, 480, task_minutes),
    F("cost", "localization_uplift", 0, 10, localization_uplift),
    F("cost", "around_the_clock_uplift", 0, 10, around_the_clock_uplift),
    F("cost", "service_hour_rate", 0, 1e6, service_hour_rate),
    F("cost", "retainer_hours_per_month", 0, 744, retainer_hours_per_month),
    F("partner_defaults", "growth", -0.99, 10, default_growth),
    /* counts stay below INT_MAX; FTE below what the roster can lay out */
    F("limits", "max_customers", 1, 1e9, max_customers),
    F("limits", "max_book_customers", 1, 1e9, max_book_customers),
    F("limits", "max_fte", 0.5, 1e6, max_fte),
    F("limits", "max_service_hours", 0, 1e9, max_service_hours),
};
#undef F

static const char *const known_keys_model[] = {"name", "currency", "fte_step",
    "hours_per_fte_week", "shift_hours", NULL};
static const char *const known_keys_home[] = {"timezone", "open", "close",
    "days", "holidays", NULL};
static const char *const known_keys_localization[] = {"min_overlap_hours",
    "fte_per_shift", NULL};
static const char *const known_keys_csm[] = {"customers_per_fte_min",
    "customers_per_fte_max", "planning_ratio", "annual_cost", "annual_price",
    NULL};
static const char *const known_keys_tam[] = {"fixed_hours_per_week",
    "annual_cost", "annual_price", NULL};
static const char *const known_keys_plan[] = {"hours", "min_fte_single",
    "min_fte_localized", "sla_minutes", "tickets_per_month", NULL};
static const char *const known_keys_severity[] = {"attainment_goal",
    "handle_mean_minutes", "handle_sd_minutes", "first_response_minutes",
    "arrival_profile",
    "business_hours_share", NULL};
static const char *const known_keys_profile[] = {"open", "close", NULL};
static const char *const known_keys_staffing[] = {"shrinkage",
    "utilization_cap", "load_warning_utilization",
    "proactive_hours_per_customer_month", "task_minutes", NULL};
static const char *const known_keys_cost[] = {"localization_uplift",
    "around_the_clock_uplift", "service_hour_rate",
    "retainer_hours_per_month", NULL};
static const char *const known_keys_simulation[] = {"replications",
    "warmup_weeks", "handle_time", "seed", "max_replication_factor",
    "first_response", NULL};
static const char *const known_keys_horizon[] = {"quarters", NULL};
static const char *const known_keys_limits[] = {"max_customers",
    "max_book_customers", "max_fte", "max_service_hours", "stream_partners",
    "max_simulated_tickets", NULL};
static const char *const known_keys_defaults[] = {"csm", "tam", "tam_tier",
    "service_hours", "localization", "growth", NULL};
static const char *const calibrate_columns[CAP_CALIB_COLUMNS] = {"id",
    "created", "priority", "organization", "first_reply_minutes",
    "first_reply_hours", "time_spent_seconds", "time_spent_minutes"};
static const char *const known_keys_calibrate[] = {"min_tickets",
    "backtest_max_difference", "id",
    "created", "priority", "organization", "first_reply_minutes",
    "first_reply_hours", "time_spent_seconds", "time_spent_minutes", NULL};

const char *cap_calibrate_column_key(cap_calib_column k)
{
    return calibrate_columns[k];
}
static const char *const known_keys_category[] = {"service", "share",
    "primary_reseller", "primary_distributor", "primary_oem", "primary_msp",
    "escalation", NULL};

typedef struct {
    const char *name;
    const char *const *keys;
} section_rule;

static const section_rule fixed_sections[] = {
    {"model", known_keys_model}, {"home", known_keys_home},
    {"localization", known_keys_localization}, {"role.csm", known_keys_csm},
    {"role.tam", known_keys_tam}, {"plan.basic", known_keys_plan},
    {"plan.premium", known_keys_plan}, {"plan.mission_critical", known_keys_plan},
    {"severity.s1", known_keys_severity}, {"severity.s2", known_keys_severity},
    {"severity.s3", known_keys_severity}, {"severity.s4", known_keys_severity},
    {"profile", known_keys_profile}, {"staffing", known_keys_staffing},
    {"cost", known_keys_cost}, {"simulation", known_keys_simulation},
    {"horizon", known_keys_horizon}, {"partner_defaults", known_keys_defaults},
    {"limits", known_keys_limits},
};
enum { FIXED_SECTIONS = sizeof fixed_sections / sizeof fixed_sections[0] };

static cap_status check_sections(const cap_ini *ini, cap_error *err)
{
    for (int i = 0; i < cap_ini_section_count(ini); i++) {
        const char *sec = cap_ini_section(ini, i);
        const char *const *keys = NULL;
        for (int f = 0; f < FIXED_SECTIONS && !keys; f++)
            if (strcmp(fixed_sections[f].name, sec) == 0)
                keys = fixed_sections[f].keys;
        if (!keys && strncmp(sec, "category.", 9) == 0 && sec[9])
            keys = known_keys_category;
        if (!keys && strcmp(sec, "calibrate") == 0) /* optional */
            keys = known_keys_calibrate;
        if (!keys)
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec, NULL,
                                "unknown section");
        CAP_TRY(cap_ini_check_keys(ini, sec, keys, CAP_ERR_MODEL, err));
    }
    for (int f = 0; f < FIXED_SECTIONS; f++)
        if (!cap_ini_section_line(ini, fixed_sections[f].name))
            return cap_error_set(err, CAP_ERR_MODEL, cap_ini_path(ini), 0,
                                 NULL, "missing section [%s]",
                                 fixed_sections[f].name);
    return CAP_OK;
}

static cap_status read_numbers(const cap_ini *ini, cap_model *m, cap_error *err)
{
    for (size_t i = 0; i < sizeof number_fields / sizeof number_fields[0]; i++) {
        const number_field *f = &number_fields[i];
        double *dst = (double *)((char *)m + f->offset);
        CAP_TRY(cap_ini_number(ini, f->section, f->key, f->min, f->max, dst,
                                CAP_ERR_MODEL, err));
    }
    return CAP_OK;
}

static cap_status read_word(const cap_ini *ini, const char *sec,
                            const char *key, char *dst, size_t cap,
                            cap_error *err)
{
    const char *v;
    CAP_TRY(cap_ini_string(ini, sec, key, &v, CAP_ERR_MODEL, err));
    if (strlen(v) >= cap)
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec, key,
                            "value too long: \"%s\"", v);
    memcpy(dst, v, strlen(v) + 1);
    return CAP_OK;
}

/* Reads one of the names in choices; returns its index in *out. */
static cap_status read_choice(const cap_ini *ini, const char *sec,
                              const char *key, const char *const *choices,
                              int n, int *out, cap_error *err)
{
    const char *v;
    CAP_TRY(cap_ini_string(ini, sec, key, &v, CAP_ERR_MODEL, err));
    int i = lookup(choices, n, v);
    if (i < 0) {
        char list[256] = "";
        for (int c = 0; c < n; c++)
            strcat(strcat(list, c ? ", " : ""), choices[c]);
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec, key,
                            "\"%s\" is not one of %s", v, list);
    }
    *out = i;
    return CAP_OK;
}

static cap_status read_window(const cap_ini *ini, const char *sec, int *open,
                              int *close, cap_error *err)
{
    const char *keys[2] = {"open", "close"};
    int *dst[2] = {open, close};
    for (int k = 0; k < 2; k++) {
        const char *v;
        CAP_TRY(cap_ini_string(ini, sec, keys[k], &v, CAP_ERR_MODEL, err));
        if (!cap_parse_clock(v, dst[k]))
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec, keys[k],
                                "not a time HH:MM: \"%s\"", v);
    }
    if (*close <= *open)
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec, "close",
                            "close must be after open");
    return CAP_OK;
}

static cap_status read_days(const cap_ini *ini, cap_model *m, cap_error *err)
{
    const char *v;
    CAP_TRY(cap_ini_string(ini, "home", "days", &v, CAP_ERR_MODEL, err));
    char buf[128];
    snprintf(buf, sizeof buf, "%s", v);
    m->home_weekdays = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        int d = lookup(day_names, 7, t);
        if (d < 0)
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, "home", "days",
                                "\"%s\" is not a day (mon..sun)", t);
        m->home_weekdays |= 1u << d;
    }
    if (!m->home_weekdays)
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "home", "days",
                            "no working day");
    return CAP_OK;
}

static cap_status read_home(const cap_ini *ini, cap_model *m, cap_error *err)
{
    CAP_TRY(read_word(ini, "home", "timezone", m->home_timezone,
                       sizeof m->home_timezone, err));
    if (!cap_tz_exists(m->home_timezone))
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "home", "timezone",
                            "unknown time zone \"%s\"", m->home_timezone);
    CAP_TRY(read_window(ini, "home", &m->home_open_minute,
                         &m->home_close_minute, err));
    CAP_TRY(read_days(ini, m, err));
    static const char *const holidays[] = {"none", "us_federal"};
    return read_choice(ini, "home", "holidays", holidays, 2,
                       &m->home_skip_holidays, err);
}

static cap_status read_plans(const cap_ini *ini, cap_model *m, cap_error *err)
{
    static const char *const hours[] = {"business", "24x7"};
    for (int p = 0; p < CAP_PLANS; p++) {
        char sec[48];
        cap_plan_model *pm = &m->plan[p];
        snprintf(sec, sizeof sec, "plan.%s", plan_names[p]);
        CAP_TRY(read_choice(ini, sec, "hours", hours, 2,
                             &pm->around_the_clock, err));
        CAP_TRY(cap_ini_number(ini, sec, "min_fte_single", 0, 100,
                                &pm->min_fte_single, CAP_ERR_MODEL, err));
        CAP_TRY(cap_ini_number(ini, sec, "min_fte_localized", 0, 100,
                                &pm->min_fte_localized, CAP_ERR_MODEL, err));
        CAP_TRY(cap_ini_numbers(ini, sec, "sla_minutes", 1, 1e6,
                                 pm->sla_minutes, CAP_SEVERITIES,
                                 CAP_ERR_MODEL, err));
        CAP_TRY(cap_ini_numbers(ini, sec, "tickets_per_month", 0, 10,
                                 pm->tickets_per_month, CAP_SEVERITIES,
                                 CAP_ERR_MODEL, err));
        if (!cap_is_step(m, pm->min_fte_single))
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec, "min_fte_single",
                                "not a multiple of %g FTE", m->fte_step);
        if (!cap_is_step(m, pm->min_fte_localized))
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, sec,
                                "min_fte_localized", "not a multiple of %g FTE",
                                m->fte_step);
    }
    return CAP_OK;
}

static cap_status read_severities(const cap_ini *ini, cap_model *m,
                                  cap_error *err)
{
    static const char *const profiles[] = {"uniform", "business"};
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        char sec[32];
        int business = 0;
        snprintf(sec, sizeof sec, "severity.%s", severity_names[s]);
        CAP_TRY(cap_ini_number(ini, sec, "attainment_goal", 0, 1,
                                &m->attainment_goal[s], CAP_ERR_MODEL, err));
        CAP_TRY(cap_ini_number(ini, sec, "handle_mean_minutes", 0.1, 1e5,
                                &m->handle_mean_minutes[s], CAP_ERR_MODEL, err));
        CAP_TRY(cap_ini_number(ini, sec, "handle_sd_minutes", 0, 1e5,
                                &m->handle_sd_minutes[s], CAP_ERR_MODEL, err));
        CAP_TRY(cap_ini_number(ini, sec, "first_response_minutes", 0, 1e5,
                                &m->first_response_minutes[s], CAP_ERR_MODEL, err));
        CAP_TRY(read_choice(ini, sec, "arrival_profile", profiles, 2,
                             &business, err));
        m->business_hours_share[s] = -1; /* uniform */
        if (business)
            CAP_TRY(cap_ini_number(ini, sec, "business_hours_share", 0, 1,
                                    &m->business_hours_share[s],
                                    CAP_ERR_MODEL, err));
    }
    return read_window(ini, "profile", &m->profile_open_minute,
                       &m->profile_close_minute, err);
}

static cap_status read_simulation(const cap_ini *ini, cap_model *m,
                                  cap_error *err)
{
    double reps, warmup, seed, quarters, factor;
    static const char *const kinds[] = {"lognormal", "exponential"};
    static const char *const readings[] = {"triage", "start_of_work"};
    CAP_TRY(cap_ini_number(ini, "simulation", "replications", 1, 1e6, &reps,
                            CAP_ERR_MODEL, err));
    CAP_TRY(cap_ini_number(ini, "simulation", "warmup_weeks", 0, 52, &warmup,
                            CAP_ERR_MODEL, err));
    CAP_TRY(read_choice(ini, "simulation", "handle_time", kinds, 2,
                         &m->handle_exponential, err));
    CAP_TRY(read_choice(ini, "simulation", "first_response", readings, 2,
                         &m->first_response_start_of_work, err));
    CAP_TRY(cap_ini_number(ini, "simulation", "max_replication_factor", 1, 64,
                            &factor, CAP_ERR_MODEL, err));
    CAP_TRY(cap_ini_number(ini, "simulation", "seed", 0, 4294967295.0, &seed,
                            CAP_ERR_MODEL, err));
    CAP_TRY(cap_ini_number(ini, "horizon", "quarters", 1, 40, &quarters,
                            CAP_ERR_MODEL, err));
    if (reps != floor(reps) || warmup != floor(warmup) ||
        seed != floor(seed) || quarters != floor(quarters) ||
        factor != floor(factor))
        return cap_error_set(err, CAP_ERR_MODEL, cap_ini_path(ini), 0, NULL,
                             "replications, warmup_weeks, seed, quarters and "
                             "max_replication_factor must be whole numbers");
    m->replications = (int)reps;
    m->warmup_weeks = (int)warmup;
    m->max_replication_factor = (int)factor;
    m->seed = (unsigned long)seed;
    m->quarters = (int)quarters;
    return CAP_OK;
}

static cap_status read_category(const cap_ini *ini, const char *sec,
                                cap_category *c, cap_error *err)
{
    cap_text_copy(c->name, sizeof c->name, sec + strlen("category."));
    CAP_TRY(read_word(ini, sec, "service", c->service, sizeof c->service, err));
    CAP_TRY(cap_ini_number(ini, sec, "share", 0, 1, &c->share, CAP_ERR_MODEL,
                            err));
    for (int ch = 0; ch < CAP_CHANNELS; ch++) {
        char key[48];
        int who = 0;
        snprintf(key, sizeof key, "primary_%s", channel_names[ch]);
        CAP_TRY(read_choice(ini, sec, key, primary_names, 4, &who, err));
        c->primary[ch] = (cap_primary)who;
    }
    return cap_ini_numbers(ini, sec, "escalation", 0, 1, c->escalation,
                           CAP_SEVERITIES, CAP_ERR_MODEL, err);
}

static cap_status read_categories(const cap_ini *ini, cap_model *m,
                                  cap_error *err)
{
    int n = cap_ini_section_count(ini);
    m->categories = calloc((size_t)n + 1, sizeof *m->categories);
    if (!m->categories)
        abort();
    double total = 0;
    const char *last = NULL;
    for (int i = 0; i < n; i++) {
        const char *sec = cap_ini_section(ini, i);
        if (strncmp(sec, "category.", 9) != 0)
            continue;
        cap_category *c = &m->categories[m->category_count++];
        CAP_TRY(read_category(ini, sec, c, err));
        total += c->share;
        last = sec;
    }
    if (!last)
        return cap_error_set(err, CAP_ERR_MODEL, cap_ini_path(ini), 0, NULL,
                             "no [category.*] section");
    if (fabs(total - 1) > 1e-6)
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, last, "share",
                            "the [category.*] shares add up to %.6g, not 1",
                            total);
    return CAP_OK;
}

static cap_status read_default_ask(const cap_ini *ini, const char *key,
                                   int hours, cap_ask *out, cap_model *m,
                                   cap_error *err)
{
    const char *v, *why;
    CAP_TRY(cap_ini_string(ini, "partner_defaults", key, &v, CAP_ERR_MODEL, err));
    if (!cap_ask_parse(m, v, hours, out, &why))
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "partner_defaults", key,
                            "\"%s\": %s", v, why);
    return CAP_OK;
}

static cap_status read_defaults(const cap_ini *ini, cap_model *m,
                                cap_error *err)
{
    static const char *const loc[] = {"auto", "yes", "no"};
    int tier = 0, where = 0;
    CAP_TRY(read_default_ask(ini, "csm", 0, &m->default_csm, m, err));
    CAP_TRY(read_default_ask(ini, "tam", 0, &m->default_tam, m, err));
    CAP_TRY(read_default_ask(ini, "service_hours", 1, &m->default_service_hours,
                             m, err));
    CAP_TRY(read_choice(ini, "partner_defaults", "tam_tier", plan_names,
                        CAP_PLANS, &tier, err));
    CAP_TRY(read_choice(ini, "partner_defaults", "localization", loc, 3,
                        &where, err));
    m->default_tam_tier = (cap_plan)tier;
    m->default_localization = (cap_localization)where;
    return CAP_OK;
}

static cap_status check_consistency(const cap_ini *ini, const cap_model *m,
                                    cap_error *err)
{
    if (m->customers_per_fte_max < m->customers_per_fte_min)
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "role.csm",
                            "customers_per_fte_max",
                            "smaller than customers_per_fte_min");
    if (m->shift_hours > m->hours_per_fte_week)
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "model", "shift_hours",
                            "longer than a week of one FTE");
    return CAP_OK;
}

static void copy_params(const cap_ini *ini, cap_model *m)
{
    size_t cap = 64;
    m->params = calloc(cap, sizeof *m->params);
    for (int i = 0; m->params && i < cap_ini_section_count(ini); i++) {
        const char *sec = cap_ini_section(ini, i);
        const char **keys;
        int n = cap_ini_keys(ini, sec, &keys);
        for (int k = 0; k < n; k++) {
            if (m->param_count == cap &&
                !(m->params = realloc(m->params, (cap *= 2) * sizeof *m->params)))
                abort();
            /* Zeroed whole: cap_model_equal compares the arrays bytewise,
             * and realloc leaves garbage after each string's NUL.  Values
             * go to the Assumptions sheet, so they are cut between
             * characters. */
            cap_param *p = &m->params[m->param_count++];
            memset(p, 0, sizeof *p);
            cap_text_copy(p->section, sizeof p->section, sec);
            cap_text_copy(p->key, sizeof p->key, keys[k]);
            cap_text_copy(p->value, sizeof p->value,
                          cap_ini_get(ini, sec, keys[k]));
        }
        free(keys);
    }
    if (!m->params)
        abort();
}

/* The [calibrate] column mapping, like a portfolio's [csv]: the export's
 * header of each column.  A mapping names at least created, priority and
 * organization, and one unit of first reply and of time spent at most. */
static cap_status read_calibrate_columns(const cap_ini *ini, cap_model *m,
                                         cap_error *err)
{
    static const char *const need[] = {"created", "priority", "organization"};
    for (int k = 0; k < CAP_CALIB_COLUMNS; k++) {
        const char *v = cap_ini_get(ini, "calibrate", calibrate_columns[k]);
        if (!v)
            continue;
        cap_text_copy(m->calibrate_column[k], sizeof m->calibrate_column[k], v);
        cap_text_trim(m->calibrate_column[k]);
        if (!m->calibrate_column[k][0])
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, "calibrate",
                                calibrate_columns[k], "empty header name (want "
                                "the export's header text, quoted when it "
                                "holds # or ;)");
        m->calibrate_mapped++;
    }
    if (!m->calibrate_mapped)
        return CAP_OK;
    for (int k = 0; k < 3; k++)
        if (!m->calibrate_column[CAP_CALIB_COL_CREATED + k][0])
            return cap_ini_fail(ini, CAP_ERR_MODEL, err, "calibrate", NULL,
                                "a column mapping needs %s (the export's "
                                "header of it)", need[k]);
    if (m->calibrate_column[CAP_CALIB_COL_REPLY_MINUTES][0] &&
        m->calibrate_column[CAP_CALIB_COL_REPLY_HOURS][0])
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "calibrate",
                            "first_reply_hours", "first_reply_minutes is "
                            "mapped too: one unit only");
    if (m->calibrate_column[CAP_CALIB_COL_SPENT_SECONDS][0] &&
        m->calibrate_column[CAP_CALIB_COL_SPENT_MINUTES][0])
        return cap_ini_fail(ini, CAP_ERR_MODEL, err, "calibrate",
                            "time_spent_minutes", "time_spent_seconds is "
                            "mapped too: one unit only");
    return CAP_OK;
}

/* [calibrate] is optional: only `capplan calibrate` needs it, and says so
 * when it is missing (older model files stay valid for everything else). */
static cap_status read_calibrate(const cap_ini *ini, cap_model *m,
                                 cap_error *err)
{
    m->calibrate_min_tickets = -1;
    if (!cap_ini_section_line(ini, "calibrate"))
        return CAP_OK;
    CAP_TRY(cap_ini_number(ini, "calibrate", "min_tickets", 0, 1e9,
                           &m->calibrate_min_tickets, CAP_ERR_MODEL, err));
    return read_calibrate_columns(ini, m, err);
}

/* [calibrate] backtest_max_difference is optional too: only the backtest
 * (capplan calibrate --team) needs it, and says so; -1 when absent. */
static cap_status read_backtest(const cap_ini *ini, cap_model *m,
                                cap_error *err)
{
    m->calibrate_backtest_max_difference = -1;
    if (!cap_ini_get(ini, "calibrate", "backtest_max_difference"))
        return CAP_OK;
    return cap_ini_number(ini, "calibrate", "backtest_max_difference", 0, 1,
                          &m->calibrate_backtest_max_difference,
                          CAP_ERR_MODEL, err);
}

/* [limits] stream_partners and max_simulated_tickets are optional: an
 * older model file writes every workbook in memory and checks no
 * simulated work, as before them; 0 when absent. */
static cap_status read_optional_limit(const cap_ini *ini, const char *key,
                                      double lo, double hi, double *out,
                                      cap_error *err)
{
    *out = 0;
    if (!cap_ini_get(ini, "limits", key))
        return CAP_OK;
    return cap_ini_number(ini, "limits", key, lo, hi, out, CAP_ERR_MODEL, err);
}

static cap_status read_streaming(const cap_ini *ini, cap_model *m,
                                 cap_error *err)
{
    return read_optional_limit(ini, "stream_partners", 0, 1e9,
                               &m->stream_partners, err);
}

static cap_status read_sim_limit(const cap_ini *ini, cap_model *m,
                                 cap_error *err)
{
    return read_optional_limit(ini, "max_simulated_tickets", 1, 1e15,
                               &m->max_simulated_tickets, err);
}

static cap_status read_model(const cap_ini *ini, cap_model *m, cap_error *err)
{
    CAP_TRY(cap_ini_check_duplicates(ini, CAP_ERR_MODEL, err));
    CAP_TRY(check_sections(ini, err));
    CAP_TRY(read_word(ini, "model", "name", m->name, sizeof m->name, err));
    CAP_TRY(read_word(ini, "model", "currency", m->currency,
                       sizeof m->currency, err));
    CAP_TRY(read_numbers(ini, m, err));
    CAP_TRY(read_home(ini, m, err));
    CAP_TRY(read_plans(ini, m, err));
    CAP_TRY(read_severities(ini, m, err));
    CAP_TRY(read_simulation(ini, m, err));
    CAP_TRY(read_defaults(ini, m, err));
    CAP_TRY(read_categories(ini, m, err));
    CAP_TRY(read_calibrate(ini, m, err));
    CAP_TRY(read_streaming(ini, m, err));
    CAP_TRY(read_sim_limit(ini, m, err));
    CAP_TRY(read_backtest(ini, m, err));
    CAP_TRY(check_consistency(ini, m, err));
    copy_params(ini, m);
    return CAP_OK;
}

static cap_model *model_from_ini(cap_ini *ini, const char *source,
                                 cap_error *err)
{
    if (!ini)
        return NULL;
    cap_model *m = calloc(1, sizeof *m);
    if (!m)
        abort();
    cap_text_copy(m->source, sizeof m->source, source);
    cap_text_sanitize(m->source); /* a file name, shown in the workbooks */
    cap_status st = read_model(ini, m, err);
    cap_ini_free(ini);
    if (st != CAP_OK) {
        cap_model_free(m);
        return NULL;
    }
    return m;
}

cap_model *cap_model_load_encoded(const char *path, const char *encoding,
                                  cap_error *err)
{
    return model_from_ini(
        cap_ini_load_encoded(path, encoding, CAP_ERR_MODEL, err),
        cap_input_name(path), err);
}

cap_model *cap_model_load(const char *path, cap_error *err)
{
    return cap_model_load_encoded(path, NULL, err);
}

cap_model *cap_model_builtin(cap_error *err)
{
    cap_ini *ini = cap_ini_load_text(cap_model_builtin_text(),
                                     "(built-in model)", CAP_ERR_MODEL, err);
    return model_from_ini(ini, "(built-in)", err);
}

cap_model *cap_model_load_text(const char *text, const char *name,
                               cap_error *err)
{
    return model_from_ini(cap_ini_load_text(text, name, CAP_ERR_MODEL, err),
                          name, err);
}

void cap_model_free(cap_model *m)
{
    if (!m)
        return;
    free(m->categories);
    free(m->params);
    free(m);
}

int cap_model_equal(const cap_model *a, const cap_model *b)
{
    cap_model x = *a, y = *b;
    x.categories = y.categories = NULL;
    x.params = y.params = NULL;
    memset(x.source, 0, sizeof x.source);
    memset(y.source, 0, sizeof y.source);
    if (memcmp(&x, &y, sizeof x) != 0)
        return 0;
    return memcmp(a->categories, b->categories,
                  a->category_count * sizeof *a->categories) == 0 &&
           memcmp(a->params, b->params, a->param_count * sizeof *a->params) == 0;
}
