/* test_cost_workbook.c - reports/cost.xlsx of the finance sample, checked
 * the way a reader uses it:
 *   1. the values stored in the file equal what gnumeric recomputes from
 *      the formulas (ssconvert --recalc), equal the --json figures, and
 *      equal the hand arithmetic FTE x rate x uplifts;
 *   2. editing a rate in the Rates sheet (csm_annual_cost 150000 ->
 *      160000, then retainer_hours_per_month 10 -> 40) and recomputing
 *      moves every cost, total and TAM choice by what the arithmetic says.
 * ssconvert, unzip and zip are required: a machine without them fails the
 * test (the set-up script installs them) rather than skipping it, so a
 * missing tool cannot pass silently. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csvin.h"
#include "run_capplan.h"

/* Equal to the cent: what a reader sees with the cents format. */
#define CENT 0.005

/* The finance sample's rates; the Rates sheet must show these, so the
 * hand arithmetic below uses them as literals. */
#define CSM_RATE 150000.0
#define TAM_RATE 190000.0
#define LOC_UPLIFT 0.15
#define CLOCK_UPLIFT 0.10
#define HOUR_RATE 225.0
#define RETAINER 10.0

/* Columns of the three sheets, as costbook.c and costlines.c write them. */
enum { C_PARTNER, C_NAME, C_CHANNEL, C_CUSTOMERS, C_LINE, C_TIER,
       C_LOCALIZED, C_CLOCK, C_FTE, C_BINDING, C_HOURS, C_BILLED, C_RATE,
       C_LOCF, C_CLOCKF, C_COST, C_CONTRACT, C_PRATE, C_PRICE, C_MARGIN, C_COLS };
enum { P_PARTNER, P_NAME, P_CSM, P_TAM, P_SERVICE, P_TOTAL, P_COLS };
enum { T_PARTNER, T_NAME, T_TIER, T_TECHNICAL, T_FTE, T_LOCALIZED, T_CLOCK,
       T_DEDICATED, T_DMEETS, T_HOURS, T_BILLED, T_RETAINER, T_SERVICE,
       T_SMEETS, T_CHOICE, T_COLS };

static const char *const line_names[3] = {"P-CSM", "P-TAM", "Service hours"};
static const char *const total_labels[3] = {"Total P-CSM", "Total P-TAM",
                                            "Total Service hours"};

/* ---- a sheet as ssconvert exported it ---------------------------------- */

enum { MAX_ROWS = 200, MAX_COLS = 24 };

/* All non-blank CSV rows (row 0 the header), with the spreadsheet row
 * number of each for messages; blank rows are skipped by cap_csv_read. */
typedef struct {
    int rows, overflow;
    int line[MAX_ROWS], cols[MAX_ROWS];
    char *cell[MAX_ROWS][MAX_COLS];
    char *none; /* "" on the heap: a literal would let GCC fold the
                   string compares into -Wstring-compare errors */
} table;

enum { S_COSTS, S_PARTNERS, S_OPTIONS, S_RATES, SHEETS };
static const char *const sheet_names[SHEETS] = {"Costs", "Partners",
                                                "TAM options", "Rates"};

typedef struct {
    table *sheet[SHEETS];
} book;

static cap_status keep_row(const cap_csv_row *row, void *ctx, cap_error *err)
{
    (void)err;
    table *t = ctx;
    if (t->rows == MAX_ROWS) {
        t->overflow = 1;
        return CAP_OK;
    }
    int r = t->rows++;
    t->line[r] = row->line;
    t->cols[r] = row->count < MAX_COLS ? (int)row->count : MAX_COLS;
    for (int c = 0; c < t->cols[r]; c++)
        t->cell[r][c] = strdup(row->fields[c]);
    return CAP_OK;
}

static table *load_table(const char *dir, const char *prefix,
                         const char *sheet)
{
    char path[512];
    cap_error err;
    table *t = calloc(1, sizeof *t);
    snprintf(path, sizeof path, "%s/%s_%s.csv", dir, prefix, sheet);
    if (!t || !(t->none = calloc(1, 1)))
        abort();
    if (cap_csv_read(path, keep_row, t, &err) != CAP_OK)
        fprintf(stderr, "cannot read %s\n", path);
    CHECK(t->rows > 1);
    CHECK(!t->overflow);
    return t;
}

static void free_table(table *t)
{
    for (int r = 0; t && r < t->rows; r++)
        for (int c = 0; c < t->cols[r]; c++)
            free(t->cell[r][c]);
    if (t)
        free(t->none);
    free(t);
}

static book load_book(const char *dir, const char *prefix)
{
    book b;
    for (int s = 0; s < SHEETS; s++)
        b.sheet[s] = load_table(dir, prefix, sheet_names[s]);
    return b;
}

static void free_book(book *b)
{
    for (int s = 0; s < SHEETS; s++)
        free_table(b->sheet[s]);
}

/* The text of a cell, "" when the row or cell is absent. */
static const char *cell(const table *t, int r, int c)
{
    return r >= 0 && r < t->rows && c < t->cols[r] && t->cell[r][c]
               ? t->cell[r][c] : t->none;
}

static double num(const table *t, int r, int c)
{
    return strtod(cell(t, r, c), NULL);
}

/* Whether s is a whole number as ssconvert prints one. */
static int parse_num(const char *s, double *out)
{
    char *end;
    *out = strtod(s, &end);
    return *s && *end == '\0';
}

/* The row whose column 0 is label, or -1. */
static int find_label(const table *t, const char *label)
{
    for (int r = 1; r < t->rows; r++)
        if (strcmp(cell(t, r, 0), label) == 0)
            return r;
    return -1;
}

/* A partner's row (not a "Total..." row under the data). */
static int is_data(const table *t, int r)
{
    return r >= 1 && strncmp(cell(t, r, 0), "Total", 5) != 0;
}

/* 0 P-CSM, 1 P-TAM, 2 Service hours, -1 otherwise. */
static int line_of(const table *costs, int r)
{
    for (int k = 0; k < 3; k++)
        if (strcmp(cell(costs, r, C_LINE), line_names[k]) == 0)
            return k;
    return -1;
}

static int yes(const table *t, int r, int c)
{
    return strcmp(cell(t, r, c), "yes") == 0;
}

static double round2(double x)
{
    return round(x * 100.0) / 100.0;
}

/* CHECK to the cent, naming the sheet and row when it fails. */
static void cents(const char *what, const table *t, int r, double got,
                  double want)
{
    int ok = fabs(got - want) < CENT;
    /* Costs has a row per partner and line: name both. */
    int costs = strcmp(cell(t, 0, C_LINE), "Line") == 0;
    if (!ok)
        fprintf(stderr, "%s, row %d (%s%s%s): %.4f, want %.4f\n", what,
                t->line[r], cell(t, r, 0), costs ? " " : "",
                costs ? cell(t, r, C_LINE) : "", got, want);
    CHECK(ok);
}

/* ---- tools and commands ------------------------------------------------ */

static int on_path(const char *tool)
{
    const char *path = getenv("PATH");
    char dir[1024], full[1100];
    for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(dir, sizeof dir, "%.*s", (int)n, p);
        snprintf(full, sizeof full, "%s/%s", n ? dir : ".", tool);
        if (access(full, X_OK) == 0)
            return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

/* A missing tool fails the test, naming it: skipping would hide that the
 * workbook was never recomputed. */
static int tools_present(void)
{
    static const char *const tool[] = {"ssconvert", "unzip", "zip"};
    static const char *const package[] = {"gnumeric", "unzip", "zip"};
    int ok = 1;
    for (int i = 0; i < 3; i++) {
        if (on_path(tool[i]))
            continue;
        fprintf(stderr, "FAIL: required tool '%s' is missing (not on PATH); "
                "install the '%s' package (the set-up script does)\n",
                tool[i], package[i]);
        ok = 0;
    }
    CHECK(ok);
    return ok;
}

/* dir/prefix_<sheet>.csv for every sheet of dir/file, recomputed or as
 * cached. */
static int export_book(const char *dir, const char *file, const char *prefix,
                       int recalc)
{
    return run_shell("cd '%s' && ssconvert %s -S '%s' '%s_%%s.csv' >/dev/null", dir,
              recalc ? "--recalc" : "", file, prefix);
}

/* What a reader does by hand: unzip cost.xlsx, replace the value of one
 * Rates cell (B3, B8...) in its sheet XML, zip it as tag.xlsx and let
 * gnumeric recompute it into tag_<sheet>.csv.  The grep makes a sed that
 * matched nothing fail instead of testing the unchanged book. */
static int edit_rate(const char *dir, const char *tag, const char *ref,
                     const char *from, const char *to)
{
    const char *xml = "xl/worksheets/sheet1.xml";
    return run_shell("cd '%s' && rm -rf %s.d && mkdir %s.d && cd %s.d && "
              "unzip -q ../cost.xlsx && "
              "sed -i 's|<c r=\"%s\" s=\"\\([0-9]*\\)\"><v>%s</v></c>|"
              "<c r=\"%s\" s=\"\\1\"><v>%s</v></c>|' %s && "
              "grep -q '<c r=\"%s\" s=\"[0-9]*\"><v>%s</v></c>' %s && "
              "zip -q -X -r ../%s.xlsx . && cd .. && "
              "ssconvert --recalc -S %s.xlsx '%s_%%s.csv' >/dev/null",
              dir, tag, tag, tag, ref, from, ref, to, xml, ref, to, xml, tag,
              tag, tag);
}

/* ---- 1. cached = recomputed ------------------------------------------- */

/* Numbers equal to the cent, text exactly (the choice column is a
 * formula with a text result, so it is compared too). */
static int cells_equal(const char *a, const char *b)
{
    double x, y;
    if (parse_num(a, &x) && parse_num(b, &y))
        return fabs(x - y) < CENT;
    return strcmp(a, b) == 0;
}

static void compare_sheets(const char *name, const table *a, const table *b)
{
    int differ = 0;
    CHECK_INT(a->rows, b->rows);
    for (int r = 0; r < a->rows && r < b->rows; r++) {
        int cols = a->cols[r] > b->cols[r] ? a->cols[r] : b->cols[r];
        for (int c = 0; c < cols; c++) {
            if (cells_equal(cell(a, r, c), cell(b, r, c)))
                continue;
            fprintf(stderr, "%s row %d col %d: cached \"%s\", recomputed "
                    "\"%s\"\n", name, a->line[r], c + 1, cell(a, r, c),
                    cell(b, r, c));
            differ++;
        }
    }
    CHECK_INT(differ, 0);
}

static void check_rates(const table *rates, double csm, double retainer)
{
    const char *names[] = {"csm_annual_cost", "tam_annual_cost",
                           "localization_uplift", "around_the_clock_uplift",
                           "service_hour_rate", "retainer_hours_per_month"};
    double want[] = {csm, TAM_RATE, LOC_UPLIFT, CLOCK_UPLIFT, HOUR_RATE,
                     retainer};
    CHECK_INT(find_label(rates, "currency"), 1);
    for (int i = 0; i < 6; i++) {
        int r = find_label(rates, names[i]);
        CHECK_INT(r, i + 2); /* B3..B8: the cells the edits below change */
        CHECK_NEAR(num(rates, r, 1), want[i], 1e-9);
    }
}

static void check_headers(const book *b)
{
    const table *c = b->sheet[S_COSTS], *t = b->sheet[S_OPTIONS];
    CHECK_INT(c->cols[0], C_COLS);
    CHECK_STR(cell(c, 0, C_LINE), "Line");
    CHECK_STR(cell(c, 0, C_FTE), "FTE");
    CHECK_STR(cell(c, 0, C_BILLED), "Billed h/month");
    CHECK_STR(cell(c, 0, C_LOCF), "Localization factor");
    CHECK_STR(cell(c, 0, C_COST), "Annual cost");
    CHECK_STR(cell(b->sheet[S_PARTNERS], 0, P_TOTAL), "Total");
    CHECK_INT(t->cols[0], T_COLS);
    CHECK_STR(cell(t, 0, T_DEDICATED), "Dedicated annual cost");
    CHECK_STR(cell(t, 0, T_SERVICE), "Service annual cost");
    CHECK_STR(cell(t, 0, T_CHOICE), "Cheaper option meeting SLA");
}

/* ---- 1. Costs against --json and hand arithmetic ----------------------- */

static double jnum(json_t *obj, const char *key)
{
    return json_number_value(json_object_get(obj, key));
}

static void role_vs_json(const table *t, int r, json_t *role)
{
    CHECK_NEAR(num(t, r, C_FTE), jnum(role, "fte"), 1e-9);
    CHECK_STR(cell(t, r, C_TIER),
              json_string_value(json_object_get(role, "tier")));
    CHECK_INT(yes(t, r, C_LOCALIZED),
              json_is_true(json_object_get(role, "localized")));
}

static int costs_vs_json(const table *t, json_t *doc)
{
    static const char *const key[3] = {"csm", "tam", "service_hours"};
    int rows = 0;
    for (int r = 1; r < t->rows; r++) {
        if (!is_data(t, r))
            continue;
        json_t *p = find_partner(doc, cell(t, r, C_PARTNER));
        int k = line_of(t, r);
        CHECK(p != NULL && k >= 0);
        json_t *obj = p && k >= 0 ? json_object_get(p, key[k]) : NULL;
        CHECK(json_is_object(obj));
        if (!json_is_object(obj))
            continue;
        rows++;
        cents("Costs annual cost vs json", t, r, num(t, r, C_COST),
              jnum(obj, "annual_cost"));
        if (k < 2)
            role_vs_json(t, r, obj);
        else
            cents("Costs billed h/month vs json", t, r, num(t, r, C_BILLED),
                  jnum(obj, "hours_per_month"));
    }
    return rows;
}

/* Lines the JSON says exist: contracted roles, and service hours (never
 * zero when contracted: the retainer is billed at least). */
/* A line the partner is billed for (not a P-TAM that is only the option
 * beside service hours). */
static int billed(json_t *line)
{
    return json_is_object(line) && json_is_true(json_object_get(line, "billed"));
}

static int json_lines(json_t *doc)
{
    size_t i;
    json_t *p;
    int n = 0;
    json_array_foreach(json_object_get(doc, "partners"), i, p)
        n += billed(json_object_get(p, "csm")) + billed(json_object_get(p, "tam")) +
             billed(json_object_get(p, "service_hours"));
    return n;
}

/* FTE x rate x (1.15 if localized) x (1.10 if 24x7), to the cent, from
 * the row's text columns; the factor columns must say the same. */
static void role_by_hand(const table *t, int r, int k)
{
    double lf = yes(t, r, C_LOCALIZED) ? 1 + LOC_UPLIFT : 1;
    double cf = strcmp(cell(t, r, C_CLOCK), "24x7") == 0 ? 1 + CLOCK_UPLIFT : 1;
    double rate = k == 0 ? CSM_RATE : TAM_RATE;
    CHECK_NEAR(num(t, r, C_RATE), rate, CENT);
    CHECK_NEAR(num(t, r, C_LOCF), lf, 1e-9);
    CHECK_NEAR(num(t, r, C_CLOCKF), cf, 1e-9);
    cents("cost = FTE x rate x uplifts", t, r, num(t, r, C_COST),
          round2(num(t, r, C_FTE) * rate * lf * cf));
}

/* Billed = max(worked, retainer); cost = billed x hourly rate x 12. */
static void service_by_hand(const table *t, int r, double retainer)
{
    double billed = fmax(num(t, r, C_HOURS), retainer);
    cents("billed = max(hours, retainer)", t, r, num(t, r, C_BILLED), billed);
    CHECK_NEAR(num(t, r, C_RATE), HOUR_RATE, CENT);
    cents("cost = billed x 225 x 12", t, r, num(t, r, C_COST),
          round2(billed * HOUR_RATE * 12));
}

static void costs_by_hand(const table *t, double retainer)
{
    for (int r = 1; r < t->rows; r++) {
        int k = line_of(t, r);
        if (!is_data(t, r) || k < 0)
            continue;
        if (k < 2)
            role_by_hand(t, r, k);
        else
            service_by_hand(t, r, retainer);
    }
}

static int find_row(const table *t, const char *partner, const char *line)
{
    for (int r = 1; r < t->rows; r++)
        if (strcmp(cell(t, r, C_PARTNER), partner) == 0 &&
            strcmp(cell(t, r, C_LINE), line) == 0)
            return r;
    return -1;
}

/* Rows of the finance sample anyone can redo on paper. */
static void hand_anchors(const table *t)
{
    int r = find_row(t, "p02_contoso", "P-CSM");
    CHECK_STR(cell(t, r, C_CLOCK), "24x7");
    CHECK_STR(cell(t, r, C_LOCALIZED), "no");
    CHECK_NEAR(num(t, r, C_FTE), 3, 1e-9);
    CHECK_NEAR(num(t, r, C_COST), 495000.00, CENT); /* 3 x 150000 x 1.10 */
    r = find_row(t, "p01_northwind", "P-CSM");
    CHECK_STR(cell(t, r, C_CLOCK), "business");
    CHECK_STR(cell(t, r, C_LOCALIZED), "yes");
    CHECK_NEAR(num(t, r, C_COST), 517500.00, CENT); /* 3 x 150000 x 1.15 */
    r = find_row(t, "p06_adventure", "Service hours");
    CHECK_NEAR(num(t, r, C_HOURS), 2.91, 1e-9);
    CHECK_NEAR(num(t, r, C_BILLED), 10, 1e-9); /* the retainer */
    CHECK_NEAR(num(t, r, C_COST), 27000.00, CENT); /* 10 x 225 x 12 */
}

/* ---- 1. totals ---------------------------------------------------------- */

typedef struct {
    double fte[3], cost[3], billed;
} line_sums;

static line_sums sum_lines(const table *t)
{
    line_sums s = {{0}, {0}, 0};
    for (int r = 1; r < t->rows; r++) {
        int k = line_of(t, r);
        if (!is_data(t, r) || k < 0)
            continue;
        s.fte[k] += num(t, r, C_FTE);
        s.cost[k] += num(t, r, C_COST);
        s.billed += k == 2 ? num(t, r, C_BILLED) : 0;
    }
    return s;
}

static double total_cost(const table *costs, int k)
{
    int r = find_label(costs, k < 3 ? total_labels[k] : "Total");
    CHECK(r > 0);
    return num(costs, r, C_COST);
}

/* The total rows under Costs add up the rows above them. */
static void check_costs_totals(const table *t)
{
    line_sums s = sum_lines(t);
    for (int k = 0; k < 3; k++) {
        int r = find_label(t, total_labels[k]);
        CHECK(r > 0);
        cents(total_labels[k], t, r, num(t, r, C_COST), s.cost[k]);
        if (k < 2)
            CHECK_NEAR(num(t, r, C_FTE), s.fte[k], 1e-9);
        else
            cents("Total billed hours", t, r, num(t, r, C_BILLED), s.billed);
    }
    int r = find_label(t, "Total");
    CHECK(r > 0);
    cents("Total", t, r, num(t, r, C_COST), s.cost[0] + s.cost[1] + s.cost[2]);
    CHECK_NEAR(num(t, r, C_FTE), s.fte[0] + s.fte[1], 1e-9);
}

static void costs_totals_vs_json(const table *t, json_t *doc)
{
    json_t *totals = json_object_get(doc, "totals");
    int r = find_label(t, "Total");
    CHECK(r > 0);
    cents("Costs Total vs json", t, r, num(t, r, C_COST),
          jnum(totals, "annual_total"));
    CHECK_NEAR(num(t, r, C_FTE),
               jnum(totals, "csm_fte") + jnum(totals, "tam_fte"), 1e-9);
}

/* ---- 1. Partners and TAM options against --json ------------------------ */

static void partner_vs_json(const table *t, int r, json_t *cost)
{
    static const char *const key[4] = {"csm", "tam", "service_hours",
                                       "annual_total"};
    for (int k = 0; k < 4; k++)
        cents("Partners vs json cost", t, r, num(t, r, P_CSM + k),
              jnum(cost, key[k]));
}

/* Every partner once, each amount its JSON cost; the Total row the
 * column sums, the same as the Costs total and the JSON total. */
static void check_partners(const table *t, const table *costs, json_t *doc)
{
    double sum[4] = {0};
    int rows = 0;
    for (int r = 1; r < t->rows; r++) {
        if (!is_data(t, r))
            continue;
        json_t *p = find_partner(doc, cell(t, r, P_PARTNER));
        CHECK(p != NULL);
        if (p)
            partner_vs_json(t, r, json_object_get(p, "cost"));
        for (int k = 0; k < 4; k++)
            sum[k] += num(t, r, P_CSM + k);
        rows++;
    }
    CHECK_INT(rows, json_array_size(json_object_get(doc, "partners")));
    int r = find_label(t, "Total");
    CHECK(r > 0);
    for (int k = 0; k < 4; k++)
        cents("Partners Total row", t, r, num(t, r, P_CSM + k), sum[k]);
    cents("Partners Total vs Costs Total", t, r, num(t, r, P_TOTAL),
          total_cost(costs, 3));
    cents("Partners Total vs json", t, r, num(t, r, P_TOTAL),
          jnum(json_object_get(doc, "totals"), "annual_total"));
}

/* What the choice formula decides from the row's own cells. */
static const char *expected_choice(const table *t, int r)
{
    int service = yes(t, r, T_SMEETS), dedicated = yes(t, r, T_DMEETS);
    if (service && (!dedicated || num(t, r, T_SERVICE) < num(t, r, T_DEDICATED)))
        return "service hours";
    return dedicated ? "dedicated P-TAM" : "neither";
}

static const char *json_choice(const char *label)
{
    return strcmp(label, "dedicated P-TAM") == 0 ? "dedicated_tam"
           : strcmp(label, "service hours") == 0 ? "service_hours"
           : strcmp(label, "neither") == 0       ? "none"
                                                 : "(unknown label)";
}

static void option_vs_json(const table *t, int r, json_t *o)
{
    json_t *d = json_object_get(o, "dedicated_tam");
    json_t *s = json_object_get(o, "service_hours");
    CHECK_NEAR(num(t, r, T_FTE), jnum(d, "fte"), 1e-9);
    cents("dedicated cost vs json", t, r, num(t, r, T_DEDICATED),
          jnum(d, "annual_cost"));
    CHECK_INT(yes(t, r, T_DMEETS), json_is_true(json_object_get(d, "meets_sla")));
    cents("billed vs json", t, r, num(t, r, T_BILLED), jnum(s, "hours_per_month"));
    cents("service cost vs json", t, r, num(t, r, T_SERVICE),
          jnum(s, "annual_cost"));
    CHECK_INT(yes(t, r, T_SMEETS), json_is_true(json_object_get(s, "meets_sla")));
    CHECK_STR(json_choice(cell(t, r, T_CHOICE)),
              json_string_value(json_object_get(o, "choice")));
    CHECK_STR(cell(t, r, T_CHOICE), expected_choice(t, r));
}

static void check_options(const table *t, json_t *doc)
{
    size_t i;
    json_t *p;
    int rows = 0, compared = 0;
    for (int r = 1; r < t->rows; r++, rows++) {
        json_t *partner = find_partner(doc, cell(t, r, T_PARTNER));
        json_t *o = partner ? json_object_get(partner, "tam_options") : NULL;
        CHECK(json_is_object(o));
        if (json_is_object(o))
            option_vs_json(t, r, o);
    }
    json_array_foreach(json_object_get(doc, "partners"), i, p)
        compared += json_is_object(json_object_get(p, "tam_options"));
    CHECK_INT(rows, compared);
    CHECK(rows > 0);
}

static void check_recalc(const book *cached, const book *re, json_t *doc)
{
    const table *costs = re->sheet[S_COSTS];
    check_headers(re);
    for (int s = 0; s < SHEETS; s++)
        compare_sheets(sheet_names[s], cached->sheet[s], re->sheet[s]);
    check_rates(re->sheet[S_RATES], CSM_RATE, RETAINER);
    int rows = costs_vs_json(costs, doc);
    CHECK_INT(rows, json_lines(doc));
    CHECK(rows >= 40);
    costs_by_hand(costs, RETAINER);
    hand_anchors(costs);
    check_costs_totals(costs);
    costs_totals_vs_json(costs, doc);
    check_partners(re->sheet[S_PARTNERS], costs, doc);
    check_options(re->sheet[S_OPTIONS], doc);
}

/* ---- 2. csm_annual_cost 150000 -> 160000 ------------------------------- */

/* The edit keeps the rows where they were. */
static void same_row(const table *a, const table *b, int r)
{
    CHECK_STR(cell(b, r, 0), cell(a, r, 0));
    CHECK_STR(cell(b, r, C_LINE), cell(a, r, C_LINE));
}

/* Checks each Costs row after the edit and returns the sum over P-CSM
 * rows of ROUND(FTE x 10000 x factors, 2); *exact stays 1 while every
 * old cost was whole cents before rounding (so total x 16/15 holds). */
static double csm_rows_after(const table *o, const table *n, int *exact)
{
    double delta = 0;
    for (int r = 1; r < n->rows && r < o->rows; r++) {
        same_row(o, n, r);
        if (!is_data(n, r))
            continue;
        if (line_of(n, r) != 0) {
            cents("unchanged by csm rate", n, r, num(n, r, C_COST),
                  num(o, r, C_COST));
            continue;
        }
        double f = num(n, r, C_FTE) * num(n, r, C_LOCF) * num(n, r, C_CLOCKF);
        cents("P-CSM at 160000", n, r, num(n, r, C_COST),
              round2(f * 160000.0));
        delta += round2(f * 10000.0);
        *exact &= fabs(f * CSM_RATE * 100 - round(f * CSM_RATE * 100)) < 1e-6;
    }
    return delta;
}

static void check_csm_edit(const book *o, const book *n)
{
    const table *oc = o->sheet[S_COSTS], *nc = n->sheet[S_COSTS];
    const table *op = o->sheet[S_PARTNERS], *np = n->sheet[S_PARTNERS];
    int exact = 1, po = find_label(op, "Total"), pn = find_label(np, "Total");
    check_rates(n->sheet[S_RATES], 160000.0, RETAINER);
    CHECK(po > 0 && pn > 0);
    CHECK_INT(nc->rows, oc->rows);
    double delta = csm_rows_after(oc, nc, &exact);
    double before = total_cost(oc, 0), after = total_cost(nc, 0);
    printf("Total P-CSM %.2f -> %.2f (change %.2f, by rows %.2f)\n", before,
           after, after - before, delta);
    CHECK_NEAR(after - before, delta, CENT);
    CHECK(exact);
    if (exact)
        CHECK_NEAR(after, before * 16.0 / 15.0, CENT);
    CHECK_NEAR(total_cost(nc, 1), total_cost(oc, 1), CENT);
    CHECK_NEAR(total_cost(nc, 2), total_cost(oc, 2), CENT);
    CHECK_NEAR(total_cost(nc, 3) - total_cost(oc, 3), delta, CENT);
    CHECK_NEAR(num(np, pn, P_CSM) - num(op, po, P_CSM), delta, CENT);
    CHECK_NEAR(num(np, pn, P_TOTAL) - num(op, po, P_TOTAL), delta, CENT);
    CHECK_NEAR(num(np, pn, P_TOTAL), total_cost(nc, 3), CENT);
    CHECK(delta > 0);
}

/* ---- 2. retainer_hours_per_month 10 -> 40 ------------------------------ */

/* Service rows re-billed at the new retainer; role rows untouched. */
static void retainer_costs(const table *o, const table *n)
{
    for (int r = 1; r < n->rows && r < o->rows; r++) {
        same_row(o, n, r);
        if (!is_data(n, r))
            continue;
        if (line_of(n, r) == 2) {
            CHECK_NEAR(num(n, r, C_HOURS), num(o, r, C_HOURS), 1e-9);
            service_by_hand(n, r, 40.0);
        } else {
            cents("unchanged by retainer", n, r, num(n, r, C_COST),
                  num(o, r, C_COST));
        }
    }
    check_costs_totals(n);
    CHECK_NEAR(total_cost(n, 0), total_cost(o, 0), CENT);
    CHECK_NEAR(total_cost(n, 1), total_cost(o, 1), CENT);
    printf("Total Service hours %.2f -> %.2f\n", total_cost(o, 2),
           total_cost(n, 2));
}

/* Every option re-billed and re-decided; returns how many choices
 * changed. */
static int retainer_options(const table *o, const table *n)
{
    int changed = 0;
    CHECK_INT(n->rows, o->rows);
    for (int r = 1; r < n->rows && r < o->rows; r++) {
        double billed = fmax(num(n, r, T_HOURS), 40.0);
        CHECK_STR(cell(n, r, T_PARTNER), cell(o, r, T_PARTNER));
        CHECK_NEAR(num(n, r, T_RETAINER), 40.0, 1e-9);
        CHECK_NEAR(num(n, r, T_BILLED), billed, 1e-9);
        CHECK_NEAR(num(n, r, T_SERVICE), round2(billed * HOUR_RATE * 12), CENT);
        CHECK_NEAR(num(n, r, T_DEDICATED), num(o, r, T_DEDICATED), CENT);
        CHECK_STR(cell(n, r, T_CHOICE), expected_choice(n, r));
        changed += strcmp(cell(n, r, T_CHOICE), cell(o, r, T_CHOICE)) != 0;
    }
    return changed;
}

static void check_retainer_edit(const book *o, const book *n)
{
    const table *np = n->sheet[S_PARTNERS];
    check_rates(n->sheet[S_RATES], CSM_RATE, 40.0);
    retainer_costs(o->sheet[S_COSTS], n->sheet[S_COSTS]);
    int changed = retainer_options(o->sheet[S_OPTIONS], n->sheet[S_OPTIONS]);
    printf("TAM choices changed by a 40 h retainer: %d of %d\n", changed,
           n->sheet[S_OPTIONS]->rows - 1);
    /* 40 h x 225 x 12 = 108000 > 95000, a basic dedicated P-TAM: the
     * sample's service-hours choices must flip, or nothing recomputed. */
    CHECK(changed > 0);
    CHECK_NEAR(num(np, find_label(np, "Total"), P_TOTAL),
               total_cost(n->sheet[S_COSTS], 3), CENT);
}

/* ---- 3. csm_annual_price 180000 -> 190000 ------------------------------ */

/* Every P-CSM row's price is re-priced by hand from its contract FTE, its
 * margin moves by exactly the price's change, its cost does not; the
 * other rows do not move.  The Total row's margin moves by the sum. */
static void check_price_edit(const book *o, const book *n)
{
    const table *oc = o->sheet[S_COSTS], *nc = n->sheet[S_COSTS];
    double delta = 0;
    CHECK_INT(nc->rows, oc->rows);
    for (int r = 1; r < nc->rows && r < oc->rows; r++) {
        same_row(oc, nc, r);
        if (!is_data(nc, r))
            continue;
        cents("cost unchanged by price", nc, r, num(nc, r, C_COST), num(oc, r, C_COST));
        double moved = num(nc, r, C_PRICE) - num(oc, r, C_PRICE);
        cents("margin moves by the price", nc, r,
              num(nc, r, C_MARGIN) - num(oc, r, C_MARGIN), moved);
        if (line_of(nc, r) != 0) {
            cents("unchanged by csm price", nc, r, moved, 0);
            continue;
        }
        double f = num(nc, r, C_CONTRACT) * num(nc, r, C_LOCF) * num(nc, r, C_CLOCKF);
        cents("P-CSM at 190000", nc, r, num(nc, r, C_PRICE), round2(f * 190000.0));
        cents("P-CSM at 180000", oc, r, num(oc, r, C_PRICE), round2(f * 180000.0));
        delta += moved;
    }
    int to = find_label(oc, "Total"), tn = find_label(nc, "Total");
    CHECK(to > 0 && tn > 0 && delta > 0);
    if (to > 0 && tn > 0) {
        printf("Total margin %.2f -> %.2f (price rows moved %.2f)\n",
               num(oc, to, C_MARGIN), num(nc, tn, C_MARGIN), delta);
        CHECK_NEAR(num(nc, tn, C_MARGIN) - num(oc, to, C_MARGIN), delta, CENT);
        CHECK_NEAR(num(nc, tn, C_PRICE) - num(oc, to, C_PRICE), delta, CENT);
    }
}

/* The recomputed price lines equal the JSON's price per partner and line
 * to the cent. */
static void prices_vs_json(const table *t, json_t *doc)
{
    const char *keys[3] = {"csm", "tam", "service_hours"};
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(doc, "partners"), i, p) {
        const char *id = json_string_value(json_object_get(p, "id"));
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int r = 1; r < t->rows; r++)
                if (is_data(t, r) && strcmp(cell(t, r, C_PARTNER), id) == 0 &&
                    line_of(t, r) == k)
                    sum += num(t, r, C_PRICE);
            CHECK_NEAR(sum, jnum(json_object_get(p, "price"), keys[k]), CENT);
        }
    }
}

/* ---- main --------------------------------------------------------------- */

static void run_all(const char *dir, json_t *doc)
{
    CHECK_INT(export_book(dir, "cost.xlsx", "cached", 0), 0);
    CHECK_INT(export_book(dir, "cost.xlsx", "recalc", 1), 0);
    book cached = load_book(dir, "cached"), re = load_book(dir, "recalc");
    check_recalc(&cached, &re, doc);
    prices_vs_json(re.sheet[S_COSTS], doc);
    CHECK_INT(edit_rate(dir, "csm", "B3", "150000", "160000"), 0);
    book csm = load_book(dir, "csm");
    check_csm_edit(&re, &csm);
    CHECK_INT(edit_rate(dir, "retainer", "B8", "10", "40"), 0);
    book retainer = load_book(dir, "retainer");
    check_retainer_edit(&re, &retainer);
    CHECK_INT(edit_rate(dir, "price", "B9", "180000", "190000"), 0);
    book price = load_book(dir, "price");
    check_price_edit(&re, &price);
    free_book(&price);
    free_book(&cached);
    free_book(&re);
    free_book(&csm);
    free_book(&retainer);
}

int main(void)
{
    char dir[] = "/tmp/capplan-cost-XXXXXX", args[512];
    if (!tools_present())
        return check_summary();
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(args, sizeof args, "--no-sim --deterministic -o %s "
             "samples/finance-book.ini samples/finance-book.csv", dir);
    json_t *doc = run_capplan_json(args);
    CHECK(doc != NULL);
    if (doc)
        run_all(dir, doc);
    json_decref(doc);
    if (getenv("CAP_KEEP_TEST_FILES"))
        printf("kept %s\n", dir);
    else
        CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    return check_summary();
}
