/* test_compare_command.c - scenarios side by side:
 *   1. a portfolio compared with itself shows no difference anywhere;
 *   2. two scenarios: every difference equals the two separate runs'
 *      figures subtracted (each run on its own with --json), per partner
 *      and quarter, per quarter and over the horizon;
 *   3. capplan size --compare "growth=0.1" equals capplan size --growth
 *      0.1 run on its own, minus the base;
 *   4. compare.xlsx: gnumeric recomputes the difference formulas to the
 *      JSON's differences. */
#include <string.h>

#include "check.h"
#include "run_capplan.h"

#define CENT 0.005

static json_t *capture_json(const char *args)
{
    int status = -1;
    char *text = run_capplan_capture(args, &status);
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    if (status != 0 || !doc)
        fprintf(stderr, "capplan %s: exit %d\n", args, status);
    CHECK_INT(status, 0);
    CHECK(doc != NULL);
    return doc;
}

static double fig(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_null(v) ? 0 : json_number_value(v);
}

/* figure f of a partner's quarter in a portfolio run's JSON (staffed FTE
 * of billed roles, price, cost, margin of the quarter). */
static double run_figure(json_t *quarter, const char *f)
{
    if (strcmp(f, "price") == 0 || strcmp(f, "cost") == 0)
        return fig(json_object_get(quarter, f), "total");
    return fig(quarter, f);
}

static const char *const figs[] = {"csm_fte", "tam_fte", "price", "cost",
                                   "margin"};

/* 1 */
static void check_self(void)
{
    json_t *doc = capture_json("compare --json -r 10 samples/finance-book.ini "
                               "samples/finance-book.ini samples/finance-book.csv");
    size_t i, n = 0;
    json_t *p;
    json_array_foreach(json_object_get(doc, "partners"), i, p) {
        json_t *variant = json_array_get(json_object_get(p, "scenarios"), 1);
        size_t q;
        json_t *jq;
        json_array_foreach(json_object_get(variant, "quarters"), q, jq)
            for (int f = 0; f < 5; f++, n++)
                CHECK(fig(json_object_get(jq, "diff"), figs[f]) == 0);
    }
    json_t *horizon = json_object_get(
        json_array_get(json_object_get(doc, "scenarios"), 1), "horizon");
    for (int f = 0; f < 5; f++)
        CHECK(fig(json_object_get(horizon, "diff"), figs[f]) == 0);
    CHECK_INT(json_array_size(json_object_get(doc, "partners")), 30);
    CHECK(n == 30 * 4 * 5);
    CHECK(fig(horizon, "price") > 0);
    json_decref(doc);
}

/* 2: base and variant on their own, then compared. */
static void check_two(void)
{
    json_t *cmp = capture_json("compare --json -r 10 samples/sales-deal.ini "
                               "tests/e2e/compare_tam_none.ini");
    json_t *a = run_capplan_json_scratch("-r 10 samples/sales-deal.ini");
    json_t *b = run_capplan_json_scratch("-r 10 "
                                 "tests/e2e/compare_tam_none.ini");
    CHECK(a && b);
    if (!a || !b || !cmp)
        return;
    json_t *qa = json_object_get(json_array_get(json_object_get(a, "partners"), 0),
                                 "quarters");
    json_t *qb = json_object_get(json_array_get(json_object_get(b, "partners"), 0),
                                 "quarters");
    json_t *partner = json_array_get(json_object_get(cmp, "partners"), 0);
    json_t *variant = json_array_get(json_object_get(partner, "scenarios"), 1);
    json_t *base = json_array_get(json_object_get(partner, "scenarios"), 0);
    CHECK_STR(json_string_value(json_object_get(partner, "id")), "partner_x");
    int moved = 0;
    for (size_t q = 0; q < 4; q++) {
        json_t *cq = json_array_get(json_object_get(variant, "quarters"), q);
        json_t *cb = json_array_get(json_object_get(base, "quarters"), q);
        for (int f = 0; f < 5; f++) {
            double want = run_figure(json_array_get(qb, q), figs[f]) -
                          run_figure(json_array_get(qa, q), figs[f]);
            CHECK_NEAR(fig(json_object_get(cq, "diff"), figs[f]), want, CENT);
            CHECK_NEAR(fig(cq, figs[f]), run_figure(json_array_get(qb, q),
                                                    figs[f]), CENT);
            CHECK_NEAR(fig(cb, figs[f]), run_figure(json_array_get(qa, q),
                                                    figs[f]), CENT);
            moved += want != 0;
        }
    }
    CHECK(moved > 0);
    json_t *h = json_object_get(json_array_get(json_object_get(cmp, "scenarios"), 1),
                                "horizon");
    json_t *ta = json_object_get(a, "totals"), *tb = json_object_get(b, "totals");
    CHECK_NEAR(fig(json_object_get(h, "diff"), "price"),
               fig(json_object_get(tb, "price"), "horizon_total") -
                   fig(json_object_get(ta, "price"), "horizon_total"), CENT);
    CHECK_NEAR(fig(json_object_get(h, "diff"), "margin"),
               fig(json_object_get(tb, "margin"), "horizon_total") -
                   fig(json_object_get(ta, "margin"), "horizon_total"), CENT);
    CHECK_NEAR(fig(json_object_get(h, "diff"), "cost"),
               fig(tb, "horizon_total") - fig(ta, "horizon_total"), CENT);
    json_decref(a);
    json_decref(b);
    json_decref(cmp);
}

/* 3 */
#define DEAL "--start 2027-01-01 --channel oem --tam auto --customers " \
             "'premium Europe/Paris 14, basic Asia/Tokyo 9'"

static void check_size_compare(void)
{
    json_t *cmp = capture_json("size --json -r 10 " DEAL
                               " --compare 'growth=0.1'");
    json_t *base = capture_json("size --json -r 10 " DEAL);
    json_t *grown = capture_json("size --json -r 10 " DEAL " --growth 0.1");
    if (!cmp || !base || !grown)
        return;
    json_t *qa = json_object_get(json_array_get(json_object_get(base, "partners"), 0),
                                 "quarters");
    json_t *qb = json_object_get(json_array_get(json_object_get(grown, "partners"), 0),
                                 "quarters");
    json_t *variant = json_array_get(json_object_get(
        json_array_get(json_object_get(cmp, "partners"), 0), "scenarios"), 1);
    CHECK_STR(json_string_value(json_object_get(variant, "name")), "growth=0.1");
    for (size_t q = 0; q < 4; q++)
        for (int f = 0; f < 5; f++)
            CHECK_NEAR(fig(json_object_get(json_array_get(json_object_get(
                               variant, "quarters"), q), "diff"), figs[f]),
                       run_figure(json_array_get(qb, q), figs[f]) -
                           run_figure(json_array_get(qa, q), figs[f]), CENT);
    json_decref(cmp);
    json_decref(base);
    json_decref(grown);
}

/* 4: the workbook's difference formulas, recomputed. */
static void check_workbook(void)
{
    char dir[] = "/tmp/capplan-compare-XXXXXX", args[512];
    if (!mkdtemp(dir))
        return;
    snprintf(args, sizeof args, "size --json --no-sim --deterministic " DEAL
             " --compare 'tam=none, service_hours=auto' -o %s", dir);
    json_t *cmp = capture_json(args);
    CHECK_INT(run_shell("cd '%s' && ssconvert --recalc -S compare.xlsx "
                        "'r_%%s.csv' >/dev/null 2>&1", dir), 0);
    /* Scenarios row 3 (the variant): B..F the figures (margin F), G..K
     * their differences (price I, margin K) */
    char path[600];
    snprintf(path, sizeof path, "%s/r_Scenarios.csv", dir);
    FILE *f = fopen(path, "r");
    char line[1024] = "";
    for (int i = 0; f && i < 3 && fgets(line, sizeof line, f); i++)
        ;
    if (f)
        fclose(f);
    double v[11] = {0};
    char *quote = strrchr(line, '"'); /* the name holds a comma: quoted */
    char *p = strchr(quote ? quote : line, ',');
    for (int k = 1; p && k < 11; k++, p = strchr(p + 1, ','))
        v[k] = strtod(p + 1, NULL);
    json_t *h = json_object_get(json_array_get(json_object_get(cmp, "scenarios"), 1),
                                "horizon");
    CHECK_NEAR(v[8], fig(json_object_get(h, "diff"), "price"), CENT);
    CHECK_NEAR(v[10], fig(json_object_get(h, "diff"), "margin"), CENT);
    CHECK_NEAR(v[9], fig(json_object_get(h, "diff"), "cost"), CENT);
    CHECK_NEAR(v[5], fig(h, "margin"), CENT);
    CHECK(fig(json_object_get(h, "diff"), "price") != 0);
    json_decref(cmp);
    run_shell("rm -rf '%s'", dir);
}

int main(void)
{
    check_self();
    check_two();
    check_size_compare();
    check_workbook();
    return check_summary();
}
