/* test_staffing_workbook.c - the staffing workbook of the finance sample,
 * opened and recomputed by a real spreadsheet program (gnumeric's
 * ssconvert --recalc), agrees with the --json output row by row.  A
 * rules-only run has no Simulation or Erlang C sheet. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csvin.h"
#include "run_capplan.h"

/* Summary columns, as reports/README.md lists them. */
enum { PARTNER, NAME, CHANNEL, ROLE, TIER, CUSTOMERS, LOCALIZED, SHIFTS,
       FTE_LOW, FTE_HIGH, PLAN_MIN, COVERAGE_FLOOR, RULE, RECOMMENDED,
       REQUESTED, STAFFED, BINDING, COST, PER_FTE, WARNINGS, CONTRACT, EXPLAIN,
       COLUMNS };

typedef struct {
    json_t *doc;
    int rows;
    double fte_sum, cost_sum;
} summary_ctx;

static double field_num(const cap_csv_row *row, int col)
{
    return (size_t)col < row->count ? strtod(row->fields[col], NULL) : -1;
}

static void check_total_row(const cap_csv_row *row, summary_ctx *c)
{
    json_t *totals = json_object_get(c->doc, "totals");
    double fte = json_number_value(json_object_get(totals, "csm_fte")) +
                 json_number_value(json_object_get(totals, "tam_fte"));
    CHECK_NEAR(field_num(row, STAFFED), fte, 1e-9);
    CHECK_NEAR(field_num(row, STAFFED), c->fte_sum, 1e-9);
    CHECK_NEAR(field_num(row, COST), c->cost_sum, 1e-6);
}

static void check_role_row(const cap_csv_row *row, json_t *role, int csm)
{
    double customers = field_num(row, CUSTOMERS), fte = field_num(row, STAFFED);
    CHECK_NEAR(customers, json_integer_value(json_object_get(role, "customers")), 0);
    CHECK_NEAR(field_num(row, FTE_LOW), json_number_value(json_object_get(role, "fte_low")), 1e-12);
    CHECK_NEAR(field_num(row, FTE_HIGH), json_number_value(json_object_get(role, "fte_high")), 1e-12);
    CHECK_NEAR(field_num(row, RULE), json_number_value(json_object_get(role, "fte_rule")), 1e-12);
    CHECK_NEAR(field_num(row, RECOMMENDED), json_number_value(json_object_get(role, "fte_recommended")), 1e-12);
    CHECK_NEAR(fte, json_number_value(json_object_get(role, "fte")), 1e-12);
    CHECK_STR(row->fields[BINDING], json_string_value(json_object_get(role, "binding")));
    CHECK_NEAR(field_num(row, COST), json_number_value(json_object_get(role, "annual_cost")), 1e-6);
    CHECK_NEAR(field_num(row, CONTRACT), json_number_value(json_object_get(role, "fte_contract")), 1e-12);
    CHECK_STR(row->fields[EXPLAIN], json_string_value(json_object_get(role, "explain")));
    CHECK(strlen(row->fields[EXPLAIN]) > 20);
    /* The live formula Customers / Staffed FTE, as recomputed: P-CSM rows
     * only (a P-TAM is sized from hours, its cell is blank). */
    if (csm)
        CHECK_NEAR(field_num(row, PER_FTE), fte > 0 ? customers / fte : 0,
                   1e-9);
    else
        CHECK_STR(row->fields[PER_FTE], "");
}

static cap_status on_row(const cap_csv_row *row, void *arg, cap_error *err)
{
    (void)err;
    summary_ctx *c = arg;
    if (row->line == 1) {
        CHECK_INT(row->count, COLUMNS);
        CHECK_STR(row->fields[STAFFED], "Staffed FTE");
        return CAP_OK;
    }
    if (strcmp(row->fields[PARTNER], "Total dedicated roles") == 0) {
        check_total_row(row, c);
        return CAP_OK;
    }
    json_t *partner = find_partner(c->doc, row->fields[PARTNER]);
    CHECK(partner != NULL);
    const char *role = strcmp(row->fields[ROLE], "P-CSM") == 0 ? "csm" : "tam";
    json_t *r = partner ? json_object_get(partner, role) : NULL;
    CHECK(json_is_object(r));
    if (json_is_object(r))
        check_role_row(row, r, strcmp(role, "csm") == 0);
    c->rows++;
    c->fte_sum += field_num(row, STAFFED);
    c->cost_sum += field_num(row, COST);
    return CAP_OK;
}

/* Summary has a row per billed role (a P-TAM that is only an option
 * beside service hours is sized but not billed). */
static int billed(json_t *role)
{
    return json_is_object(role) && json_is_true(json_object_get(role, "billed"));
}

static int active_roles(json_t *doc)
{
    size_t i;
    json_t *p;
    int n = 0;
    json_array_foreach(json_object_get(doc, "partners"), i, p)
        n += billed(json_object_get(p, "csm")) + billed(json_object_get(p, "tam"));
    return n;
}

int main(void)
{
    char dir[] = "/tmp/capplan-wb-XXXXXX", args[512], cmd[1024], csv[600];
    if (!mkdtemp(dir))
        return 1;
    snprintf(args, sizeof args, "--no-sim --deterministic -o %s "
             "samples/finance-book.ini samples/finance-book.csv", dir);
    summary_ctx c = {run_capplan_json(args), 0, 0, 0};
    CHECK(c.doc != NULL);
    snprintf(cmd, sizeof cmd, "ssconvert --recalc -S %s/staffing.xlsx "
             "'%s/recalc_%%s.csv' >/dev/null 2>&1", dir, dir);
    CHECK_INT(system(cmd), 0);
    snprintf(csv, sizeof csv, "%s/recalc_Summary.csv", dir);
    cap_error err;
    if (c.doc)
        CHECK_INT(cap_csv_read(csv, on_row, &c, &err), CAP_OK);
    CHECK_INT(c.rows, active_roles(c.doc));
    CHECK(c.rows >= 25);
    snprintf(csv, sizeof csv, "%s/recalc_Simulation.csv", dir);
    CHECK(access(csv, F_OK) != 0);
    snprintf(csv, sizeof csv, "%s/recalc_Erlang C.csv", dir);
    CHECK(access(csv, F_OK) != 0);
    json_decref(c.doc);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    return check_summary();
}
