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
} example;

/* Straight from the table in SPEC section 2. */
static const example examples[] = {
    /* 12 basic New York: range [1.0, 1.5]; minimum 0.5; recommended 1.0 */
    {"ex1", "basic", 0, 0, 1.0, 1.5, 0.5, 1.0, 1.0, "ratio", 0},
    /* 30 premium Berlin + 10 basic Chicago: 40/12.5 = 3.2 -> 3.5 */
    {"ex2", "premium", 0, 0, 3.0, 4.0, 3.0, 3.5, 3.5, "ratio", 0},
    /* 3 basic New York + 2 basic Tokyo: localized, 2 shifts, minimum 1.0 */
    {"ex3", "basic", 1, 2, 0.5, 0.5, 1.0, 1.0, 1.0, "localization", 0},
    /* 2 mission_critical London: 24x7 needs 3 FTE */
    {"ex4", "mission_critical", 0, 0, 0.5, 0.5, 3.0, 3.0, 3.0, "coverage", 0},
    /* ex1 with csm = 0.5 requested: staffed 0.5, warning */
    {"ex5", "basic", 0, 0, 1.0, 1.5, 0.5, 1.0, 0.5, "requested", 1},
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
    json_decref(doc);
    return check_summary();
}
