/* test_billing.c - TAM or service hours, billed once; price, cost and
 * margin (SPEC section 5), through the real executable with simulation.
 *
 * Money is worked by hand in this file from the default rates: P-CSM cost
 * 150000 and price 180000, P-TAM cost 190000 and price 230000 a year per
 * FTE, x 1.10 for a 24x7 tier (both samples here are premium or basic and
 * not localized), service hours 225 an hour and at least 10 hours a month.
 * Price is on the contract FTE, cost on the staffed FTE.
 *
 *   1. sales-deal (tam = auto, service_hours = auto, tam_tier premium):
 *      service hours cannot meet a 24x7 SLA, so only the dedicated P-TAM is
 *      billed; the total is P-CSM + P-TAM, nothing for service hours.
 *   2. partner-addons (the same choice, tam_tier basic): service hours are
 *      cheaper than a 0.5-FTE P-TAM (115000 a year) and are billed alone;
 *      the P-TAM is still sized and simulated and shown beside.
 *   3. sales-deal with tam = none: the dedicated option is simulated and has
 *      the FTE of case 1; only the service hours the partner contracts are
 *      billed.
 *   4. sales-deal with tam = 1.5 and service_hours = 30: both contracted,
 *      both billed.
 */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "run_capplan.h"

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static double cents(double x)
{
    return round(x * 100) / 100;
}

/* The lines of a partner's "price" or "cost" add up to its annual_total. */
static void lines_add_up(json_t *lines)
{
    CHECK_NEAR(num(lines, "csm") + num(lines, "tam") + num(lines, "service_hours"),
               num(lines, "annual_total"), 1e-6);
}

/* Checks the partner's money against the hand formulas; csm_factor and
 * tam_factor are the uplifts of each team's tier. */
static void money_by_hand(json_t *p, double csm_factor, double tam_factor)
{
    json_t *csm = json_object_get(p, "csm"), *tam = json_object_get(p, "tam");
    json_t *price = json_object_get(p, "price"), *cost = json_object_get(p, "cost");
    json_t *sh = json_object_get(p, "service_hours");
    int tam_billed = json_is_true(json_object_get(tam, "billed"));
    int sh_billed = json_is_true(json_object_get(sh, "billed"));
    CHECK_NEAR(num(price, "csm"), cents(num(csm, "fte_contract") * 180000 * csm_factor), 0);
    CHECK_NEAR(num(cost, "csm"), cents(num(csm, "fte") * 150000 * csm_factor), 0);
    CHECK_NEAR(num(price, "tam"),
               tam_billed ? cents(num(tam, "fte_contract") * 230000 * tam_factor) : 0, 0);
    CHECK_NEAR(num(cost, "tam"),
               tam_billed ? cents(num(tam, "fte") * 190000 * tam_factor) : 0, 0);
    double hours = num(sh, "hours_per_month");
    CHECK_INT(hours > 0, sh_billed);
    CHECK(!sh_billed || hours >= 10);
    CHECK_NEAR(num(cost, "service_hours"), cents(hours * 225 * 12), 1e-6);
    CHECK_NEAR(num(price, "service_hours"), num(cost, "service_hours"), 0);
    lines_add_up(price);
    lines_add_up(cost);
    CHECK_NEAR(num(p, "margin"), num(price, "annual_total") - num(cost, "annual_total"),
               1e-6);
}

/* The one partner of a sample run; the document in *doc (caller decrefs). */
static json_t *only_partner(const char *args, json_t **doc)
{
    *doc = run_capplan_json(args);
    CHECK(*doc != NULL);
    if (!*doc)
        return NULL;
    json_t *partners = json_object_get(*doc, "partners");
    CHECK_INT(json_array_size(partners), 1);
    return json_array_get(partners, 0);
}

static double sales_deal(const char *dir)
{
    char args[1024];
    json_t *doc;
    snprintf(args, sizeof args, "-o '%s/1' samples/sales-deal.ini", dir);
    json_t *p = only_partner(args, &doc);
    if (!p)
        return -1;
    json_t *t = json_object_get(p, "tam_options");
    json_t *tam = json_object_get(p, "tam");
    fprintf(stderr, "# 1. sales-deal\n");
    CHECK(json_is_true(json_object_get(t, "open")));
    CHECK_STR(json_string_value(json_object_get(t, "choice")), "dedicated_tam");
    CHECK(json_is_true(json_object_get(tam, "billed")));
    CHECK(!json_is_true(json_object_get(json_object_get(p, "service_hours"), "billed")));
    CHECK_NEAR(num(json_object_get(p, "cost"), "service_hours"), 0, 0);
    /* 40 customers at 12.5 per FTE: 3.5 P-CSM FTE bought, x 180000 x 1.10 */
    CHECK_NEAR(num(json_object_get(p, "csm"), "fte_contract"), 3.5, 1e-12);
    CHECK_NEAR(num(json_object_get(p, "price"), "csm"), 693000, 0);
    /* the P-TAM's contract is the premium tier's 3.0 minimum: 759000 */
    CHECK_NEAR(num(tam, "fte_contract"), 3.0, 1e-12);
    CHECK_NEAR(num(json_object_get(p, "price"), "tam"), 759000, 0);
    money_by_hand(p, 1.10, 1.10);
    /* only what is billed: P-CSM + P-TAM, nothing for the service hours */
    json_t *cost = json_object_get(p, "cost");
    CHECK_NEAR(num(cost, "annual_total"), num(cost, "csm") + num(cost, "tam"), 1e-6);
    CHECK_NEAR(num(json_object_get(doc, "totals"), "annual_total"),
               num(cost, "annual_total"), 1e-6);
    double fte = num(json_object_get(t, "dedicated_tam"), "fte");
    CHECK_NEAR(fte, num(tam, "fte_recommended"), 1e-12);
    json_decref(doc);
    return fte;
}

static void partner_addons(const char *dir)
{
    char args[1024];
    json_t *doc;
    snprintf(args, sizeof args, "-o '%s/2' samples/partner-addons.ini", dir);
    json_t *p = only_partner(args, &doc);
    if (!p)
        return;
    json_t *t = json_object_get(p, "tam_options");
    json_t *tam = json_object_get(p, "tam");
    json_t *sh = json_object_get(t, "service_hours");
    fprintf(stderr, "# 2. partner-addons\n");
    CHECK_STR(json_string_value(json_object_get(t, "choice")), "service_hours");
    CHECK(!json_is_true(json_object_get(tam, "billed")));
    CHECK(json_is_object(json_object_get(tam, "sla"))); /* simulated beside */
    CHECK(json_is_true(json_object_get(json_object_get(p, "service_hours"), "billed")));
    /* the option beside: 0.5 x 230000 = 115000 against the hours */
    CHECK_NEAR(num(json_object_get(t, "dedicated_tam"), "annual_price"),
               cents(num(json_object_get(t, "dedicated_tam"), "fte_contract") * 230000), 0);
    CHECK(num(sh, "annual_price") < num(json_object_get(t, "dedicated_tam"), "annual_price"));
    money_by_hand(p, 1.10, 1.0);
    json_t *cost = json_object_get(p, "cost");
    CHECK_NEAR(num(cost, "tam"), 0, 0);
    CHECK_NEAR(num(cost, "annual_total"), num(cost, "csm") + num(cost, "service_hours"),
               1e-6);
    /* every quarter bills the service hours, never the P-TAM */
    size_t q;
    json_t *jq;
    json_array_foreach(json_object_get(p, "quarters"), q, jq) {
        CHECK(json_is_null(json_object_get(jq, "tam_fte")));
        CHECK_NEAR(num(json_object_get(jq, "cost"), "tam"), 0, 0);
        CHECK(num(json_object_get(jq, "cost"), "service_hours") > 0);
        CHECK_NEAR(num(jq, "margin"), num(json_object_get(jq, "price"), "total") -
                                          num(json_object_get(jq, "cost"), "total"), 1e-6);
    }
    json_decref(doc);
}

/* sales-deal with its add-on lines replaced by `tam` and `hours`. */
static json_t *variant(const char *dir, const char *name, const char *tam,
                       const char *hours, json_t **doc)
{
    char ini[1024], args[2048];
    snprintf(ini, sizeof ini, "%s/%s.ini", dir, name);
    if (run_shell("sed -e 's/^tam           = auto/tam = %s/' "
                  "-e 's/^service_hours = auto/service_hours = %s/' "
                  "'%s/samples/sales-deal.ini' > '%s'", tam, hours,
                  CAP_SOURCE_DIR, ini) != 0)
        return NULL;
    snprintf(args, sizeof args, "-o '%s/%s' '%s'", dir, name, ini);
    return only_partner(args, doc);
}

static void tam_none(const char *dir, double dedicated_fte)
{
    json_t *doc;
    json_t *p = variant(dir, "none", "none", "auto", &doc);
    if (!p)
        return;
    json_t *t = json_object_get(p, "tam_options");
    json_t *tam = json_object_get(p, "tam");
    fprintf(stderr, "# 3. tam = none\n");
    CHECK(!json_is_true(json_object_get(t, "open")));
    CHECK(json_is_object(json_object_get(tam, "sla"))); /* simulated */
    CHECK(!json_is_true(json_object_get(tam, "billed")));
    /* the same dedicated option as when the TAM is left open */
    CHECK_NEAR(num(json_object_get(t, "dedicated_tam"), "fte"), dedicated_fte, 1e-12);
    CHECK(json_is_true(json_object_get(json_object_get(t, "dedicated_tam"), "meets_sla")));
    CHECK(json_is_true(json_object_get(json_object_get(p, "service_hours"), "billed")));
    money_by_hand(p, 1.10, 1.10);
    CHECK_NEAR(num(json_object_get(p, "cost"), "tam"), 0, 0);
    json_decref(doc);
}

static void both_contracted(const char *dir)
{
    json_t *doc;
    json_t *p = variant(dir, "both", "1.5", "30", &doc);
    if (!p)
        return;
    json_t *tam = json_object_get(p, "tam");
    fprintf(stderr, "# 4. both contracted\n");
    CHECK(json_is_true(json_object_get(tam, "billed")));
    CHECK(json_is_true(json_object_get(json_object_get(p, "service_hours"), "billed")));
    CHECK_NEAR(num(tam, "fte_contract"), 1.5, 1e-12);
    /* 1.5 x 230000 x 1.10 = 379500; 30 h x 225 x 12 = 81000 */
    CHECK_NEAR(num(json_object_get(p, "price"), "tam"), 379500, 0);
    CHECK_NEAR(num(json_object_get(p, "price"), "service_hours"), 81000, 0);
    money_by_hand(p, 1.10, 1.10);
    json_decref(doc);
}

int main(void)
{
    char dir[] = "/tmp/cap_billing_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    double fte = sales_deal(dir);
    partner_addons(dir);
    tam_none(dir, fte);
    both_contracted(dir);
    run_shell("rm -rf '%s'", dir);
    return check_summary();
}
