/* test_cost.c - money as the cost workbooks' formulas compute it, checked
 * against figures worked by hand from the default rates (P-CSM 150,000,
 * P-TAM 190,000 a year, localization +15%, 24x7 +10%, 225 an hour, a
 * 10-hour retainer). */
#include "check.h"
#include "cost.h"

static cap_model *default_model(void)
{
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    CHECK(m != NULL);
    return m;
}

static void test_roles(const cap_model *m)
{
    /* 1.5 x 150000 x 1.15 = 258750; a quarter of it 64687.50 */
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_CSM, 1.5, 1, CAP_PLAN_BASIC, 1),
               258750.0, 0);
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_CSM, 1.5, 1, CAP_PLAN_BASIC, 4),
               64687.5, 0);
    /* 3 x 190000 x 1.10 = 627000 (24x7, not localized) */
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_TAM, 3, 0, CAP_PLAN_PREMIUM, 1),
               627000.0, 0);
    /* 0.5 x 150000 x 1.15 x 1.10 / 4 = 23718.75: both uplifts multiply */
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_CSM, 0.5, 1, CAP_PLAN_MISSION_CRITICAL,
                             4), 23718.75, 1e-9);
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_CSM, 0, 0, CAP_PLAN_BASIC, 1), 0, 0);
}

/* Price: the same product over the annual price per FTE (P-CSM 180000,
 * P-TAM 230000). */
static void test_prices(const cap_model *m)
{
    /* SPEC example 2: 3.5 x 180000 x 1.10 = 693000; a quarter 173250 */
    CHECK_NEAR(cap_price_role(m, CAP_ROLE_CSM, 3.5, 0, CAP_PLAN_PREMIUM, 1),
               693000.0, 0);
    CHECK_NEAR(cap_price_role(m, CAP_ROLE_CSM, 3.5, 0, CAP_PLAN_PREMIUM, 4),
               173250.0, 0);
    /* 1.5 x 230000 x 1.15 = 396750, / 4 = 99187.50 */
    CHECK_NEAR(cap_price_role(m, CAP_ROLE_TAM, 1.5, 1, CAP_PLAN_BASIC, 1),
               396750.0, 0);
    CHECK_NEAR(cap_price_role(m, CAP_ROLE_TAM, 1.5, 1, CAP_PLAN_BASIC, 4),
               99187.5, 0);
}

/* A rate with cents: rounded once, half away from zero, like ROUND(x,2). */
static void test_rounding(cap_model *m)
{
    double saved = m->annual_cost[CAP_ROLE_CSM];
    m->annual_cost[CAP_ROLE_CSM] = 123456.78;
    /* 0.5 x 123456.78 x 1.15 = 70987.6485 -> 70987.65 */
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_CSM, 0.5, 1, CAP_PLAN_BASIC, 1),
               70987.65, 1e-9);
    /* / 4 = 17746.912125 -> 17746.91 */
    CHECK_NEAR(cap_cost_role(m, CAP_ROLE_CSM, 0.5, 1, CAP_PLAN_BASIC, 4),
               17746.91, 1e-9);
    m->annual_cost[CAP_ROLE_CSM] = saved;
}

static void test_service_hours(const cap_model *m)
{
    /* below the retainer: 10 h billed, 10 x 225 x 12 = 27000, x 3 = 6750 */
    CHECK_NEAR(cap_cost_billed_hours(m, 3.2), 10, 0);
    CHECK_NEAR(cap_cost_service(m, cap_cost_billed_hours(m, 3.2), 12), 27000, 0);
    CHECK_NEAR(cap_cost_service(m, 10, 3), 6750, 0);
    /* 11.07 h: 11.07 x 225 x 12 = 29889.00 */
    CHECK_NEAR(cap_cost_service(m, cap_cost_billed_hours(m, 11.07), 12),
               29889.0, 1e-9);
    /* hours are billed to the hundredth: 11.0749 -> 11.07, 15.526 -> 15.53 */
    CHECK_NEAR(cap_hours_billable(11.0749), 11.07, 1e-12);
    CHECK_NEAR(cap_hours_billable(15.526), 15.53, 1e-12);
}

/* Sums in whole cents: 0.10 + 0.20 is 0.30, as a spreadsheet shows it. */
static void test_money(void)
{
    cap_money sum = {0};
    cap_money_add(&sum, 0.1);
    cap_money_add(&sum, 0.2);
    CHECK(cap_money_value(sum) == 0.3);
    for (int i = 0; i < 1000; i++)
        cap_money_add(&sum, 0.01);
    CHECK(cap_money_value(sum) == 10.3);
}

int main(void)
{
    cap_model *m = default_model();
    if (m) {
        test_roles(m);
        test_prices(m);
        test_rounding(m);
        test_service_hours(m);
    }
    test_money();
    cap_model_free(m);
    return check_summary();
}
