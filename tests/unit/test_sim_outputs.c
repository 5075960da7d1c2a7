/* test_sim_outputs.c - the outputs of the simulation, from a staffing
 * built by hand with role.sla filled in: the JSON "sla" object, the
 * terminal summary's SLA lines, and the Simulation and Erlang C sheets of
 * staffing.xlsx (read back through gnumeric's ssconvert, as the user's
 * spreadsheet would show them).  A rules-only staffing (sla NULL) must
 * give "sla": null and a workbook without either sheet.
 *
 * The figures are chosen so that every clamp and special case shows:
 * S4's interval would pass 100%, the P-TAM's S1 misses its goal and has
 * no stable hour (Erlang C "no stable hour", JSON null), and the P-TAM roster
 * has an hour with work but nobody present.
 */
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "csvin.h"
#include "outset.h"
#include "report.h"
#include "sim.h"
#include "workbook.h"

#define SSCONVERT "/usr/bin/ssconvert"

/* Attainment means and half-widths filled per severity S1..S4. */
static const double att_mean[CAP_SEVERITIES] = {0.9725, 0.99, 0.93, 0.999};
static const double att_half[CAP_SEVERITIES] = {0.0125, 0.005, 0.02, 0.01};
static const double erlang_csm[CAP_SEVERITIES] = {0.981, 0.995, 1, 1};

typedef struct {
    cap_model *model;
    cap_partner partners[2];
    cap_portfolio portfolio;
    cap_staffing *staffing;
    cap_run_info info;
} fixture;

/* ---- the hand-made staffing ------------------------------------------- */

static void fill_hours(cap_sla_role *sla)
{
    sla->hour = calloc(CAP_WEEK_HOURS, sizeof *sla->hour);
    if (!sla->hour)
        abort();
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        cap_erlang_hour *eh = &sla->hour[h];
        if (h % 24 < 8) /* nights: neither work nor staff, left out */
            continue;
        eh->arrivals_per_hour = 0.5;
        eh->handle_minutes = 60;
        eh->servers = 1;
        eh->erlang = (cap_erlang){1, 0.5, 0.5, 0.9, 60, 0.5};
    }
    /* Mon 09:00: work but nobody present */
    sla->hour[9].servers = 0;
    sla->hour[9].erlang = (cap_erlang){0, 0.5, CAP_ERLANG_UNSTABLE, 0,
                                       CAP_ERLANG_UNSTABLE,
                                       CAP_ERLANG_UNSTABLE};
}

static cap_sla_role *fake_sla(double fte, cap_plan tier, int tam)
{
    cap_sla_role *sla = calloc(1, sizeof *sla);
    if (!sla)
        abort();
    sla->fte = fte;
    sla->tier = tier;
    sla->replications = 100;
    for (int v = 0; v < CAP_SEVERITIES; v++) {
        cap_sla_severity *sv = &sla->severity[v];
        sv->tickets = (cap_estimate){10.5 * (v + 1), 1.25, 0};
        sv->attainment = (cap_estimate){att_mean[v], att_half[v], 0};
        sv->p50 = (cap_estimate){12.5 + v, 1, 0};
        sv->p90 = (cap_estimate){45.25 + v, 2, 0};
        sv->p99 = (cap_estimate){90.75 + v, 3, 0};
        sv->goal = v < 2 ? 0.95 : 0.90;
        sv->target_minutes = 60.0 * (v + 1);
        sv->erlang_attainment = erlang_csm[v];
    }
    if (tam) { /* S1 below its goal, with no stable hour */
        sla->severity[0].attainment = (cap_estimate){0.9, 0.03, 0};
        sla->severity[0].erlang_attainment = CAP_ERLANG_UNSTABLE;
    }
    sla->utilization = (cap_estimate){0.48, 0.02, 0};
    sla->backlog = (cap_estimate){0.25, 0.1, 0};
    sla->gap_hours = tam ? 1 : 0;
    sla->work_hours_month = 123.456789;
    sla->meets = !tam;
    sla->unstable_hours = tam;
    fill_hours(sla);
    return sla;
}

static void fake_role(cap_role_staffing *r, int customers, double fte,
                      cap_plan tier)
{
    r->active = 1;
    r->tier = tier;
    r->customers = customers;
    r->fte_low = r->fte_high = r->fte_rule = r->fte_recommended = fte;
    r->fte_requested = -1;
    r->fte = fte;
    r->binding = CAP_BIND_SLA;
    double present[CAP_WEEK_HOURS];
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        r->required[h] = 1;
        present[h] = 1;
    }
    cap_role_set_present(r, present);
}

static void fake_portfolio(fixture *f)
{
    snprintf(f->partners[0].id, sizeof f->partners[0].id, "acme");
    snprintf(f->partners[0].name, sizeof f->partners[0].name, "Acme");
    f->partners[0].channel = CAP_CH_OEM;
    snprintf(f->partners[1].id, sizeof f->partners[1].id, "bolt");
    snprintf(f->partners[1].name, sizeof f->partners[1].name, "Bolt");
    f->partners[1].channel = CAP_CH_RESELLER;
    snprintf(f->portfolio.name, sizeof f->portfolio.name, "Sim outputs");
    f->portfolio.start = (cap_date){2027, 1, 1};
    f->portfolio.quarters = 1;
    f->portfolio.partners = f->partners;
    f->portfolio.partner_count = 2;
}

/* acme: P-CSM and P-TAM simulated; bolt: no dedicated role. */
static void fake_staffing(fixture *f)
{
    cap_staffing *s = calloc(1, sizeof *s);
    cap_partner_staffing *ps = calloc(2, sizeof *ps);
    if (!s || !ps)
        abort();
    s->quarter_start = (cap_date){2027, 1, 1};
    s->reference_day = (cap_date){2027, 1, 6};
    s->partners = ps;
    s->partner_count = 2;
    ps[0].partner = &f->partners[0];
    ps[0].customers = 40;
    ps[0].tier = CAP_PLAN_PREMIUM;
    fake_role(&ps[0].role[CAP_ROLE_CSM], 40, 3, CAP_PLAN_PREMIUM);
    fake_role(&ps[0].role[CAP_ROLE_TAM], 40, 3.5, CAP_PLAN_MISSION_CRITICAL);
    ps[0].role[CAP_ROLE_CSM].sim.staffed = fake_sla(3, CAP_PLAN_PREMIUM, 0);
    ps[0].role[CAP_ROLE_TAM].sim.staffed = fake_sla(3.5, CAP_PLAN_MISSION_CRITICAL, 1);
    for (int r = 0; r < CAP_ROLES; r++) {
        ps[0].role[r].sim.simulated = 1;
        ps[0].role[r].sim.met = r == CAP_ROLE_CSM;
        ps[0].role[r].sla = ps[0].role[r].sim.staffed;
    }
    ps[1].partner = &f->partners[1];
    ps[1].customers = 5;
    f->staffing = s;
}

static fixture *fixture_new(void)
{
    cap_error err;
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    f->model = cap_model_builtin(&err);
    if (!f->model) {
        fprintf(stderr, "built-in model: %s\n", err.message);
        abort();
    }
    fake_portfolio(f);
    fake_staffing(f);
    f->info = (cap_run_info){"0.1.0", NULL, 42, 100, 1, 1};
    return f;
}

static void fixture_free(fixture *f)
{
    cap_staffing_free(f->staffing); /* frees every role.sla */
    cap_model_free(f->model);
    free(f);
}

/* Takes the sla of every role out (a rules-only staffing) or puts it back. */
static void swap_sla(fixture *f, const cap_sla_role *saved[CAP_ROLES])
{
    for (int r = 0; r < CAP_ROLES; r++) {
        const cap_sla_role *t = f->staffing->partners[0].role[r].sla;
        f->staffing->partners[0].role[r].sla = saved[r];
        saved[r] = t;
    }
}

/* ---- JSON and text ---------------------------------------------------- */

/* The JSON document (json) or the terminal summary as a string; caller
 * frees. */
static char *capture(const fixture *f, int json)
{
    char *text = NULL;
    size_t n = 0;
    cap_error err;
    cap_staffing *quarters[1] = {f->staffing};
    cap_horizon h = {1, quarters};
    FILE *out = open_memstream(&text, &n);
    if (!out)
        abort();
    cap_status st = json ? cap_report_json(out, &h, &f->portfolio,
                                           f->model, &f->info, &err)
                         : cap_report_text(out, &h, &f->portfolio,
                                           f->model, "reports", &err);
    CHECK_INT(st, CAP_OK);
    CHECK(fclose(out) == 0);
    return text;
}

static double num_at(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static void check_ci(json_t *ci, double lo, double hi)
{
    CHECK_INT(json_array_size(ci), 2);
    CHECK_NEAR(json_number_value(json_array_get(ci, 0)), lo, 1e-12);
    CHECK_NEAR(json_number_value(json_array_get(ci, 1)), hi, 1e-12);
}

static void check_csm_json(json_t *sla)
{
    json_t *s1 = json_object_get(sla, "s1"), *s4 = json_object_get(sla, "s4");
    CHECK(json_is_object(sla));
    CHECK_NEAR(num_at(sla, "fte"), 3, 0);
    CHECK_STR(json_string_value(json_object_get(sla, "tier")), "premium");
    CHECK_INT(json_integer_value(json_object_get(sla, "replications")), 100);
    CHECK_NEAR(num_at(sla, "utilization"), 0.48, 1e-15);
    check_ci(json_object_get(sla, "utilization_ci95"), 0.46, 0.50);
    CHECK_NEAR(num_at(sla, "work_hours_month"), 123.456789, 1e-12);
    CHECK(json_is_true(json_object_get(sla, "meets")));
    CHECK_INT(json_integer_value(json_object_get(sla, "unstable_hours")), 0);
    CHECK(num_at(s1, "attainment") == att_mean[0]); /* six decimals kept */
    check_ci(json_object_get(s1, "ci95"), att_mean[0] - att_half[0],
             att_mean[0] + att_half[0]);
    CHECK_NEAR(num_at(s1, "goal"), 0.95, 0);
    CHECK_NEAR(num_at(s1, "target_minutes"), 60, 0);
    CHECK_NEAR(num_at(s1, "tickets"), 10.5, 0);
    CHECK_NEAR(num_at(s1, "p90"), 45.25, 0);
    CHECK_NEAR(num_at(s1, "erlang_c"), erlang_csm[0], 1e-15);
    check_ci(json_object_get(s4, "ci95"), 0.989, 1); /* clamped at 100% */
}

static void check_tam_json(json_t *sla)
{
    json_t *s1 = json_object_get(sla, "s1");
    CHECK(json_is_false(json_object_get(sla, "meets")));
    CHECK_STR(json_string_value(json_object_get(sla, "tier")),
              "mission_critical");
    CHECK(json_is_null(json_object_get(s1, "erlang_c")));
    CHECK_NEAR(num_at(s1, "attainment"), 0.9, 0);
    CHECK(json_is_number(json_object_get(json_object_get(sla, "s2"),
                                         "erlang_c")));
}

static void test_json(fixture *f)
{
    char *text = capture(f, 1), *again = capture(f, 1);
    json_error_t jerr;
    json_t *doc = json_loads(text, 0, &jerr);
    CHECK(doc != NULL);
    CHECK_STR(text, again); /* byte-identical run to run */
    json_t *acme = json_array_get(json_object_get(doc, "partners"), 0);
    json_t *csm = json_object_get(acme, "csm");
    json_t *tam = json_object_get(acme, "tam");
    check_csm_json(json_object_get(csm, "sla"));
    check_tam_json(json_object_get(tam, "sla"));
    CHECK(strstr(text, "arrivals_per_hour") == NULL); /* no per-hour data */
    json_decref(doc);
    free(text);
    free(again);
}

/* Rules only: "sla": null, and the summary says so. */
static void test_rules_only_reports(fixture *f)
{
    const cap_sla_role *saved[CAP_ROLES] = {NULL, NULL};
    swap_sla(f, saved);
    char *text = capture(f, 1), *summary = capture(f, 0);
    json_t *doc = json_loads(text, 0, NULL);
    json_t *acme = json_array_get(json_object_get(doc, "partners"), 0);
    CHECK(json_is_null(json_object_get(json_object_get(acme, "csm"), "sla")));
    CHECK(strstr(summary, "(rules only)") != NULL);
    CHECK(strstr(summary, "P-CSM sla") == NULL);
    json_decref(doc);
    free(text);
    free(summary);
    swap_sla(f, saved);
}

static void test_text(fixture *f)
{
    char *text = capture(f, 0);
    CHECK(strstr(text, "(simulated, 100 replications)") != NULL);
    CHECK(strstr(text, "  P-CSM sla  S1  97.2%   S2  99.0%   S3  93.0%   "
                       "S4  99.9%   util  48%\n") != NULL);
    CHECK(strstr(text, "  P-TAM sla  S1  90.0%!  S2") != NULL);
    CHECK(strstr(text, "! below the attainment goal") != NULL);
    free(text);
}

/* ---- the workbook ----------------------------------------------------- */

typedef struct {
    char **cells; /* rows x cols, "" where missing */
    int rows, cols;
} table;

static cap_status on_csv_row(const cap_csv_row *row, void *arg, cap_error *err)
{
    table *t = arg;
    (void)err;
    if (t->rows == 0)
        t->cols = (int)row->count;
    char **grown = realloc(t->cells, (size_t)(t->rows + 1) * (size_t)t->cols *
                                         sizeof *grown);
    if (!grown)
        abort();
    t->cells = grown;
    for (int c = 0; c < t->cols; c++)
        grown[t->rows * t->cols + c] =
            strdup((size_t)c < row->count ? row->fields[c] : "");
    t->rows++;
    return CAP_OK;
}

static void table_free(table *t)
{
    for (int i = 0; i < t->rows * t->cols; i++)
        free(t->cells[i]);
    free(t->cells);
}

static const char *cell(const table *t, int row, const char *title)
{
    for (int c = 0; t->rows > 0 && c < t->cols; c++)
        if (strcmp(t->cells[c], title) == 0)
            return row < t->rows ? t->cells[row * t->cols + c] : "";
    fprintf(stderr, "no column \"%s\"\n", title);
    return "";
}

static double cell_num(const table *t, int row, const char *title)
{
    char *end;
    const char *text = cell(t, row, title);
    double x = strtod(text, &end);
    return *text && !*end ? x : NAN;
}

static int load_sheet(const char *dir, const char *sheet, table *t)
{
    char path[600];
    cap_error err;
    memset(t, 0, sizeof *t);
    snprintf(path, sizeof path, "%s/csv_%s.csv", dir, sheet);
    return cap_csv_read(path, on_csv_row, t, &err) == CAP_OK;
}

/* The sheet names of dir/staffing.xlsx, in order, "|"-separated. */
static void sheet_names(const char *dir, char *out, size_t n)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "unzip -p '%s/staffing.xlsx' xl/workbook.xml"
             " | grep -o '<sheet name=\"[^\"]*\"' | cut -d'\"' -f2 "
             "| paste -sd'|'", dir);
    FILE *p = popen(cmd, "r");
    out[0] = '\0';
    if (p && fgets(out, (int)n, p))
        out[strcspn(out, "\n")] = '\0';
    if (p)
        pclose(p);
}

/* DIR/staffing.xlsx, published as a run does (outset.h). */
static void write_book(fixture *f, const char *dir)
{
    static const char *const names[] = {"staffing.xlsx"};
    cap_error err;
    cap_outset *set = cap_outset_begin(dir, names, 1, &err);
    CHECK(set != NULL);
    if (!set)
        return;
    CHECK_INT(cap_workbook_staffing(cap_outset_file(set, 0), f->staffing,
                                    &f->portfolio, f->model, &f->info, &err),
              CAP_OK);
    CHECK_INT(cap_outset_publish(set, &err), CAP_OK);
    CHECK_INT(cap_outset_commit(set, &err), CAP_OK);
    cap_outset_free(set);
}

static void check_simulation_sheet(const table *t)
{
    CHECK_INT(t->rows, 1 + 2 * CAP_SEVERITIES);
    CHECK_STR(cell(t, 1, "Severity"), "S1");
    CHECK(cell_num(t, 1, "Attainment") == att_mean[0]);
    CHECK_NEAR(cell_num(t, 1, "CI low"), att_mean[0] - att_half[0], 1e-12);
    CHECK_NEAR(cell_num(t, 1, "CI high"), att_mean[0] + att_half[0], 1e-12);
    CHECK_NEAR(cell_num(t, 4, "CI high"), 1, 0);
    CHECK_NEAR(cell_num(t, 1, "p90 (min)"), 45.25, 0);
    CHECK_NEAR(cell_num(t, 1, "Utilization CI +/-"), 0.02, 1e-15);
    CHECK_STR(cell(t, 1, "Meets goal"), "yes");
    CHECK_STR(cell(t, 5, "Role"), "P-TAM");
    CHECK_STR(cell(t, 5, "Tier"), "mission_critical");
    CHECK_STR(cell(t, 5, "Erlang C attainment"), "no stable hour");
    CHECK_STR(cell(t, 5, "Meets goal"), "no");
}

/* Five measures of each of two teams, the hours across: 16 day hours a
 * day with work (nights empty), Mon 09:00 of each unstable. */
static void check_erlang_sheet(const table *t)
{
    CHECK_INT(t->rows, 1 + 2 * 5);
    CHECK_INT(t->cols, 3 + CAP_WEEK_HOURS);
    CHECK_STR(cell(t, 1, "Measure"), "Offered load (Erlangs)");
    CHECK_STR(cell(t, 1, "Mon 07"), "");
    CHECK_NEAR(cell_num(t, 1, "Mon 08"), 0.5, 0);
    CHECK_NEAR(cell_num(t, 1, "Mon 09"), 0.5, 0);
    CHECK_STR(cell(t, 2, "Measure"), "Servers");
    CHECK_NEAR(cell_num(t, 2, "Mon 08"), 1, 0);
    CHECK_NEAR(cell_num(t, 2, "Mon 09"), 0, 0);
    CHECK_STR(cell(t, 3, "Measure"), "P(wait)");
    CHECK_NEAR(cell_num(t, 3, "Mon 08"), 0.5, 0);
    CHECK_STR(cell(t, 3, "Mon 09"), "unstable");
    CHECK_STR(cell(t, 4, "Measure"), "Mean wait (min)");
    CHECK_NEAR(cell_num(t, 4, "Sun 23"), 60, 0);
    CHECK_STR(cell(t, 4, "Mon 09"), "unstable");
    CHECK_STR(cell(t, 5, "Measure"), "Occupancy");
    CHECK_STR(cell(t, 5, "Mon 09"), "unstable");
    CHECK_NEAR(cell_num(t, 5, "Tue 09"), 0.5, 0);
    CHECK_STR(cell(t, 6, "Measure"), "Offered load (Erlangs)");
    CHECK_STR(cell(t, 6, "Role"), "P-TAM");
}

static void test_workbook(fixture *f, const char *dir)
{
    char names[256], cmd[1400];
    table sim, erlang;
    write_book(f, dir);
    sheet_names(dir, names, sizeof names);
    CHECK_STR(names, "Summary|Coverage|Simulation|Erlang C|Responsibilities|"
                     "Assumptions");
    if (access(SSCONVERT, X_OK) != 0) {
        fprintf(stderr, "no %s: sheet contents not checked\n", SSCONVERT);
        return;
    }
    snprintf(cmd, sizeof cmd, SSCONVERT " -S '%s/staffing.xlsx' "
             "'%s/csv_%%s.csv' >/dev/null 2>&1", dir, dir);
    CHECK_INT(system(cmd), 0);
    CHECK(load_sheet(dir, "Simulation", &sim));
    check_simulation_sheet(&sim);
    CHECK(load_sheet(dir, "Erlang C", &erlang));
    check_erlang_sheet(&erlang);
    table_free(&sim);
    table_free(&erlang);
}

static void test_rules_only_workbook(fixture *f, const char *dir)
{
    const cap_sla_role *saved[CAP_ROLES] = {NULL, NULL};
    char names[256];
    swap_sla(f, saved);
    write_book(f, dir);
    sheet_names(dir, names, sizeof names);
    CHECK_STR(names, "Summary|Coverage|Responsibilities|Assumptions");
    swap_sla(f, saved);
}

int main(void)
{
    char dir[] = "/tmp/capplan-sim-XXXXXX", cmd[64];
    fixture *f = fixture_new();
    if (!mkdtemp(dir))
        return 1;
    test_json(f);
    test_rules_only_reports(f);
    test_text(f);
    test_workbook(f, dir);
    test_rules_only_workbook(f, dir);
    fixture_free(f);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    return check_summary();
}
