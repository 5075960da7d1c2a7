/* test_model.c - the built-in model equals models/dispel.ini, and the
 * loaded numbers are the ones SPEC sections 2-5 state. */
#include <stdlib.h>

#include "check.h"
#include "model.h"

static cap_model *load_shipped(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/dispel.ini", getenv("CAP_SOURCE_DIR"));
    cap_error err;
    cap_model *m = cap_model_load(path, &err);
    if (!m)
        fprintf(stderr, "%s\n", err.message);
    return m;
}

static void check_spec_numbers(const cap_model *m)
{
    CHECK_NEAR(m->customers_per_fte_min, 10, 0);
    CHECK_NEAR(m->customers_per_fte_max, 15, 0);
    CHECK_NEAR(m->planning_ratio, 12.5, 0);
    CHECK_NEAR(m->fte_step, 0.5, 0);
    CHECK_NEAR(m->plan[CAP_PLAN_BASIC].min_fte_single, 0.5, 0);
    CHECK_NEAR(m->plan[CAP_PLAN_BASIC].min_fte_localized, 1.0, 0);
    CHECK_NEAR(m->plan[CAP_PLAN_PREMIUM].min_fte_single, 3, 0);
    CHECK_NEAR(m->plan[CAP_PLAN_MISSION_CRITICAL].min_fte_localized, 3, 0);
    CHECK_INT(m->plan[CAP_PLAN_BASIC].around_the_clock, 0);
    CHECK_INT(m->plan[CAP_PLAN_PREMIUM].around_the_clock, 1);
    CHECK_NEAR(m->plan[CAP_PLAN_BASIC].sla_minutes[0], 120, 0);  /* 2 h */
    CHECK_NEAR(m->plan[CAP_PLAN_BASIC].sla_minutes[3], 1440, 0); /* 3 days */
    CHECK_NEAR(m->plan[CAP_PLAN_MISSION_CRITICAL].sla_minutes[0], 15, 0);
    CHECK_NEAR(m->attainment_goal[0], 0.95, 0);
    CHECK_NEAR(m->attainment_goal[2], 0.90, 0);
    CHECK_NEAR(m->shrinkage, 0.20, 0);
    CHECK_NEAR(m->utilization_cap, 0.85, 0);
    CHECK_NEAR(m->tam_fixed_hours_per_week, 4, 0);
    CHECK_NEAR(m->annual_cost[CAP_ROLE_CSM], 150000, 0);
    CHECK_NEAR(m->annual_cost[CAP_ROLE_TAM], 190000, 0);
    CHECK_NEAR(m->annual_price[CAP_ROLE_CSM], 180000, 0);
    CHECK_NEAR(m->annual_price[CAP_ROLE_TAM], 230000, 0);
    CHECK_NEAR(m->localization_uplift, 0.15, 0);
    CHECK_NEAR(m->around_the_clock_uplift, 0.10, 0);
    CHECK_NEAR(m->service_hour_rate, 225, 0);
    CHECK_NEAR(m->retainer_hours_per_month, 10, 0);
    CHECK_INT(m->home_open_minute, 9 * 60);
    CHECK_INT(m->home_close_minute, 17 * 60);
    CHECK_INT(m->home_weekdays, 0x1f); /* Monday to Friday */
    CHECK_STR(m->home_timezone, "America/New_York");
    CHECK_INT(m->replications, 100);
    CHECK_INT(m->warmup_weeks, 2);
    CHECK_INT(m->quarters, 4);
    CHECK_INT(m->category_count, 12);
}

static void check_step_up(const cap_model *m)
{
    CHECK_NEAR(cap_step_up(m, 30.0 / 15.0), 2.0, 0); /* not 2.5 */
    CHECK_NEAR(cap_step_up(m, 40.0 / 12.5), 3.5, 0);
    CHECK_NEAR(cap_step_up(m, 12.0 / 15.0), 1.0, 0);
    CHECK_NEAR(cap_step_up(m, 5.0 / 15.0), 0.5, 0);
    CHECK_NEAR(cap_step_up(m, 0), 0, 0);
    CHECK(cap_is_step(m, 1.5));
    CHECK(!cap_is_step(m, 0.7));
}

int main(void)
{
    cap_error err;
    cap_model *file = load_shipped();
    cap_model *builtin = cap_model_builtin(&err);
    CHECK(file != NULL);
    CHECK(builtin != NULL);
    if (!file || !builtin)
        return check_summary();
    CHECK(cap_model_equal(file, builtin));
    CHECK_STR(builtin->source, "(built-in)");
    check_spec_numbers(builtin);
    check_step_up(builtin);
    /* The comparison can fail: change one number and it must notice. */
    builtin->shrinkage = 0.25;
    CHECK(!cap_model_equal(file, builtin));
    builtin->shrinkage = file->shrinkage;
    builtin->categories[3].escalation[1] += 0.01;
    CHECK(!cap_model_equal(file, builtin));
    cap_model_free(file);
    cap_model_free(builtin);
    return check_summary();
}
