/* test_examples.c - the five worked examples of SPEC section 2, through the
 * real executable and its --json output (default model, --no-sim). */
#include <string.h>

#include "check.h"
#include "run_capplan.h"

typedef struct {
    const char *id, *tier;
    int localized, shifts;
    double low, high, minimum, recommended, staffed;
    const char *binding;
    int warnings;
    double contract;            /* the FTE the partner buys */
    double price, cost, margin; /* a year, worked by hand below */
} example;

/* Straight from the table in SPEC section 2.  Money (SPEC section 5, the
 * default rates): price = contract FTE x 180000, cost = staffed FTE x
 * 150000, each x 1.15 when localized and x 1.10 when 24x7. */
static const example examples[] = {
    /* 12 basic New York: range [1.0, 1.5]; minimum 0.5; recommended 1.0.
     * 1.0 x 180000 = 180000; 1.0 x 150000 = 150000 */
    {"ex1", "basic", 0, 0, 1.0, 1.5, 0.5, 1.0, 1.0, "ratio", 0,
     1.0, 180000, 150000, 30000},
    /* 30 premium Berlin + 10 basic Chicago: 40/12.5 = 3.2 -> 3.5.
     * 3.5 x 180000 x 1.10 = 693000; 3.5 x 150000 x 1.10 = 577500 */
    {"ex2", "premium", 0, 0, 3.0, 4.0, 3.0, 3.5, 3.5, "ratio", 0,
     3.5, 693000, 577500, 115500},
    /* 3 basic New York + 2 basic Tokyo: localized, 2 shifts, minimum 1.0.
     * 1.0 x 180000 x 1.15 = 207000; 1.0 x 150000 x 1.15 = 172500 */
    {"ex3", "basic", 1, 2, 0.5, 0.5, 1.0, 1.0, 1.0, "localization", 0,
     1.0, 207000, 172500, 34500},
    /* 2 mission_critical London: 24x7 needs 3 FTE.
     * 3 x 180000 x 1.10 = 594000; 3 x 150000 x 1.10 = 495000 */
    {"ex4", "mission_critical", 0, 0, 0.5, 0.5, 3.0, 3.0, 3.0, "coverage", 0,
     3.0, 594000, 495000, 99000},
    /* ex1 with csm = 0.5 requested: staffed 0.5, warning; the partner
     * buys its request: 0.5 x 180000 = 90000; 0.5 x 150000 = 75000 */
    {"ex5", "basic", 0, 0, 1.0, 1.5, 0.5, 1.0, 0.5, "requested", 1,
     0.5, 90000, 75000, 15000},
};

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static void check_example(json_t *doc, const example *e)
{
    json_t *p = find_partner(doc, e->id);
    CHECK(p != NULL);
    if (!p)
        return;
    json_t *csm = json_object_get(p, "csm");
    fprintf(stderr, "# %s\n", e->id);
    CHECK_STR(json_string_value(json_object_get(p, "tier")), e->tier);
    CHECK_INT(json_is_true(json_object_get(p, "localized")), e->localized);
    CHECK_INT(json_integer_value(json_object_get(csm, "shifts")), e->shifts);
    CHECK_NEAR(num(csm, "fte_low"), e->low, 1e-12);
    CHECK_NEAR(num(csm, "fte_high"), e->high, 1e-12);
    CHECK_NEAR(num(csm, "plan_minimum"), e->minimum, 1e-12);
    CHECK_NEAR(num(csm, "fte_recommended"), e->recommended, 1e-12);
    CHECK_NEAR(num(csm, "fte"), e->staffed, 1e-12);
    CHECK_STR(json_string_value(json_object_get(csm, "binding")), e->binding);
    CHECK_INT(json_array_size(json_object_get(csm, "warnings")), e->warnings);
    CHECK_NEAR(num(csm, "fte_contract"), e->contract, 1e-12);
    json_t *price = json_object_get(p, "price"), *cost = json_object_get(p, "cost");
    CHECK_NEAR(num(price, "csm"), e->price, 0);
    CHECK_NEAR(num(price, "annual_total"), e->price, 0);
    CHECK_NEAR(num(cost, "csm"), e->cost, 0);
    CHECK_NEAR(num(cost, "annual_total"), e->cost, 0);
    CHECK_NEAR(num(p, "margin"), e->margin, 0);
    /* a quarter: a quarter of each (every figure here divides to cents) */
    json_t *q0 = json_array_get(json_object_get(p, "quarters"), 0);
    CHECK_NEAR(num(json_object_get(q0, "price"), "total"), e->price / 4, 0);
    CHECK_NEAR(num(json_object_get(q0, "cost"), "total"), e->cost / 4, 0);
    CHECK_NEAR(num(q0, "margin"), e->margin / 4, 0);
}

int main(void)
{
    char dir[] = "/tmp/capplan-examples.XXXXXX", args[256];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(args, sizeof args, "--no-sim -o '%s' tests/e2e/examples.ini", dir);
    json_t *doc = run_capplan_json(args);
    CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    CHECK(doc != NULL);
    if (!doc)
        return check_summary();
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        check_example(doc, &examples[i]);
    json_t *ex5 = json_object_get(find_partner(doc, "ex5"), "csm");
    CHECK_STR(json_string_value(json_array_get(json_object_get(ex5, "warnings"), 0)),
              "requested 0.5 FTE is below the recommended 1.0 FTE");
    CHECK_NEAR(num(ex5, "fte_recommended"), 1.0, 1e-12);
    /* the sentence behind each figure (SPEC section 4 "Explanation"),
     * written out by hand from the table above and the default model */
    static const char *const why[][2] = {
        {"ex1", "12 customers at 12.5 per FTE: 1.0 FTE."},
        {"ex2", "40 customers at 12.5 per FTE: 3.5 FTE. At the 3.5 FTE contract, "
                "56 of the week's 168 hours have nobody on shift."},
        {"ex3", "Localized basic team: the customers' local business hours need 2 "
                "shifts of 8 hours a workday (1.0 FTE at 0.5 FTE a shift) and the "
                "localized minimum is 1.0 FTE: 1.0 FTE."},
        {"ex4", "24x7 mission_critical: one person on shift in every one of the "
                "168 hours of the week takes 5.5 FTE at 20% shrinkage; the 3.0 FTE "
                "contract minimum leaves 72 hours a week with nobody on shift."},
        {"ex5", "Staffed at the requested 0.5 FTE, below the 1.0 FTE recommended: "
                "12 customers at 12.5 per FTE: 1.0 FTE."},
    };
    for (size_t i = 0; i < sizeof why / sizeof why[0]; i++)
        CHECK_STR(json_string_value(json_object_get(
                      json_object_get(find_partner(doc, why[i][0]), "csm"), "explain")),
                  why[i][1]);
    /* the book: 180000 + 693000 + 207000 + 594000 + 90000 = 1764000 priced,
     * 150000 + 577500 + 172500 + 495000 + 75000 = 1470000 costed */
    json_t *totals = json_object_get(doc, "totals");
    CHECK_NEAR(num(json_object_get(totals, "price"), "annual_total"), 1764000, 0);
    CHECK_NEAR(num(totals, "annual_total"), 1470000, 0);
    CHECK_NEAR(num(json_object_get(totals, "margin"), "annual_total"), 294000, 0);
    CHECK_NEAR(num(totals, "csm_fte_contract"), 9.0, 1e-12);
    json_decref(doc);
    return check_summary();
}
