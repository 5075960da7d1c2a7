/* test_quarterly_workbook.c - quarterly.xlsx of the finance sample book,
 * read back by a real spreadsheet program (gnumeric's ssconvert), once as
 * stored (the cached values capplan wrote) and once recomputed
 * (--recalc).  The two must agree, every total must be the sum of its
 * rows, every number must be what --json says, a few rows must match
 * arithmetic done by hand, and the FTE chart must be a stacked column
 * chart over the Totals quarters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csvin.h"
#include "run_capplan.h"

#define QUARTERS 4
#define PARTNERS 30
#define CENT 0.0049 /* "to the cent": |a - b| < 0.005 */
#define SSCONVERT "/usr/bin/ssconvert"

static const char *const quarter_names[QUARTERS] = {"2027Q1", "2027Q2",
                                                    "2027Q3", "2027Q4"};
static const char *const line_names[3] = {"P-CSM", "P-TAM", "Service hours"};

/* Columns, as src/quarterbook.c and src/costlines.h write them. */
enum { T_QUARTER, T_CUSTOMERS, T_CSM_FTE, T_TAM_FTE, T_CSM_COST, T_TAM_COST,
       T_SERVICE_COST, T_TOTAL, T_COLS };
enum { BP_PARTNER, BP_NAME, BP_FIRST };
enum { BQ_CUSTOMERS, BQ_CSM, BQ_TAM, BQ_COST, BQ_COLS };
enum { BP_YEAR = BP_FIRST + QUARTERS * BQ_COLS, BP_COLS };
enum { Q_PARTNER, Q_NAME, Q_QUARTER, Q_CUSTOMERS, Q_LINE, Q_TIER,
       Q_LOCALIZED, Q_CLOCK, Q_FTE, Q_BINDING, Q_HOURS, Q_BILLED, Q_RATE,
       Q_LOC_FACTOR, Q_CLOCK_FACTOR, Q_COST, Q_CONTRACT, Q_PRICE_RATE, Q_PRICE,
       Q_MARGIN, Q_COLS };
enum { TOTALS, BY_PARTNER, QUARTERS_SHEET, SHEETS };
static const char *const sheet_names[SHEETS] = {"Totals", "By partner",
                                                "Quarters"};

/* ---- a sheet as ssconvert's CSV holds it ----------------------------- */

typedef struct {
    size_t rows, cols; /* rows counts the header row */
    char **cell;       /* rows x cols, owned */
} table;

typedef struct {
    table cached[SHEETS], recalc[SHEETS];
} book;

static cap_status keep_row(const cap_csv_row *row, void *arg, cap_error *err)
{
    (void)err;
    table *t = arg;
    if (t->rows == 0)
        t->cols = row->count;
    /* A ragged row would shift every later check; say so once here. */
    CHECK_INT(row->count, t->cols);
    t->cell = realloc(t->cell, (t->rows + 1) * t->cols * sizeof *t->cell);
    if (!t->cell)
        abort();
    for (size_t c = 0; c < t->cols; c++)
        t->cell[t->rows * t->cols + c] =
            strdup(c < row->count ? row->fields[c] : "");
    t->rows++;
    return CAP_OK;
}

static void load_table(const char *dir, const char *prefix, int sheet,
                       table *t)
{
    char path[600];
    cap_error err = {0};
    snprintf(path, sizeof path, "%s/%s_%s.csv", dir, prefix,
             sheet_names[sheet]);
    cap_status st = cap_csv_read(path, keep_row, t, &err);
    if (st != CAP_OK)
        fprintf(stderr, "reading %s: %s\n", path, err.message);
    CHECK_INT(st, CAP_OK);
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->rows * t->cols; i++)
        free(t->cell[i]);
    free(t->cell);
}

static const char *cell(const table *t, size_t r, size_t c)
{
    return r < t->rows && c < t->cols ? t->cell[r * t->cols + c] : "";
}

/* 1 when s is a whole number as ssconvert prints it, with its value. */
static int is_num(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    *v = strtod(s, &end);
    return *end == '\0';
}

/* The cell's number; NaN (which fails every comparison) when it is none. */
static double num(const table *t, size_t r, size_t c)
{
    double v;
    return is_num(cell(t, r, c), &v) ? v : NAN;
}

/* CHECK_NEAR that also names the cell, since most checks run in loops. */
static void near_at(const char *sheet, size_t r, size_t c, double got,
                    double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fprintf(stderr, "  at %s row %zu column %zu:\n", sheet, r + 1, c + 1);
    CHECK_NEAR(got, want, tol);
}

/* A number cell as SUM reads it: a blank cell counts 0. */
static double num0(const table *t, size_t r, size_t c)
{
    return *cell(t, r, c) ? num(t, r, c) : 0;
}

/* A By partner FTE cell: blank when the partner did not contract the
 * role that quarter, else want. */
static void fte_at(const table *bp, size_t r, size_t c, int contracted,
                   double want)
{
    if (!contracted) {
        if (*cell(bp, r, c))
            fprintf(stderr, "  at By partner row %zu column %zu:\n", r + 1,
                    c + 1);
        CHECK_STR(cell(bp, r, c), "");
        return;
    }
    near_at("By partner", r, c, num(bp, r, c), want, 0);
}

/* The Quarters row of partner, quarter and line, or 0 when none. */
static size_t quarters_row(const table *qs, const char *partner,
                           const char *quarter, const char *line)
{
    for (size_t r = 1; r < qs->rows; r++)
        if (strcmp(cell(qs, r, Q_PARTNER), partner) == 0 &&
            strcmp(cell(qs, r, Q_QUARTER), quarter) == 0 &&
            strcmp(cell(qs, r, Q_LINE), line) == 0)
            return r;
    return 0;
}

/* Sum of Quarters column col over the rows of quarter, narrowed to
 * partner and line when they are not NULL. */
static double quarters_sum(const table *qs, size_t col, const char *quarter,
                           const char *partner, const char *line)
{
    double sum = 0;
    for (size_t r = 1; r < qs->rows; r++)
        if (strcmp(cell(qs, r, Q_QUARTER), quarter) == 0 &&
            (!partner || strcmp(cell(qs, r, Q_PARTNER), partner) == 0) &&
            (!line || strcmp(cell(qs, r, Q_LINE), line) == 0))
            sum += num(qs, r, col);
    return sum;
}

/* Quarters rows of quarter and line. */
static int count_lines(const table *qs, const char *quarter, const char *line)
{
    int n = 0;
    for (size_t r = 1; r < qs->rows; r++)
        n += strcmp(cell(qs, r, Q_QUARTER), quarter) == 0 &&
             strcmp(cell(qs, r, Q_LINE), line) == 0;
    return n;
}

static size_t bp_col(int q, int k)
{
    return (size_t)(BP_FIRST + q * BQ_COLS + k);
}

/* ---- 1. shape: the rows the book must have ---------------------------- */

static void check_totals_shape(const table *t)
{
    static const char *const head[T_COLS] = {
        "Quarter", "Customers", "P-CSM FTE", "P-TAM FTE", "P-CSM cost",
        "P-TAM cost", "Service hours cost", "Total cost"};
    CHECK_INT(t->cols, T_COLS);
    CHECK_INT(t->rows, 1 + QUARTERS + 1);
    for (size_t c = 0; c < T_COLS; c++)
        CHECK_STR(cell(t, 0, c), head[c]);
    for (int q = 0; q < QUARTERS; q++)
        CHECK_STR(cell(t, (size_t)q + 1, T_QUARTER), quarter_names[q]);
    CHECK_STR(cell(t, QUARTERS + 1, T_QUARTER), "Year");
}

static void check_by_partner_shape(const table *bp, json_t *doc)
{
    static const char *const what[BQ_COLS] = {"customers", "P-CSM FTE",
                                              "P-TAM FTE", "cost"};
    char title[64];
    json_t *partners = json_object_get(doc, "partners");
    CHECK_INT(json_array_size(partners), PARTNERS);
    CHECK_INT(bp->cols, BP_COLS);
    CHECK_INT(bp->rows, 1 + PARTNERS + 1);
    for (int q = 0; q < QUARTERS; q++)
        for (int k = 0; k < BQ_COLS; k++) {
            snprintf(title, sizeof title, "%s %s", quarter_names[q], what[k]);
            CHECK_STR(cell(bp, 0, bp_col(q, k)), title);
        }
    CHECK_STR(cell(bp, 0, BP_YEAR), "Year cost");
    /* Every partner, in the order --json lists them, then the Total. */
    for (size_t i = 0; i < PARTNERS; i++)
        CHECK_STR(cell(bp, i + 1, BP_PARTNER),
                  json_string_value(json_object_get(
                      json_array_get(partners, i), "id")));
    CHECK_STR(cell(bp, PARTNERS + 1, BP_PARTNER), "Total");
}

/* Whether --json says partner-quarter jq has line (0 P-CSM, 1 P-TAM, 2
 * service hours): a null FTE means no such role; billed service hours
 * are at least the retainer (10 h), so 0 means none contracted. */
static int has_line(json_t *jq, int line)
{
    if (line < 2)
        return !json_is_null(json_object_get(jq, line ? "tam_fte" : "csm_fte"));
    return json_number_value(json_object_get(jq, "service_hours_billed_per_month")) > 0;
}

/* Expects the next Quarters row to be partner id's line in quarter q. */
static void expect_line(const table *qs, size_t r, const char *id, int q,
                        int line)
{
    if (strcmp(cell(qs, r, Q_PARTNER), id) != 0 ||
        strcmp(cell(qs, r, Q_QUARTER), quarter_names[q]) != 0 ||
        strcmp(cell(qs, r, Q_LINE), line_names[line]) != 0)
        fprintf(stderr, "  Quarters row %zu: want %s %s %s\n", r + 1, id,
                quarter_names[q], line_names[line]);
    CHECK_STR(cell(qs, r, Q_PARTNER), id);
    CHECK_STR(cell(qs, r, Q_QUARTER), quarter_names[q]);
    CHECK_STR(cell(qs, r, Q_LINE), line_names[line]);
}

/* Partner by partner, quarter by quarter, exactly the contracted lines. */
static void check_quarters_shape(const table *qs, json_t *doc)
{
    size_t i, r = 1;
    json_t *p;
    CHECK_INT(qs->cols, Q_COLS);
    CHECK_STR(cell(qs, 0, Q_QUARTER), "Quarter");
    CHECK_STR(cell(qs, 0, Q_COST), "Quarter cost");
    json_array_foreach(json_object_get(doc, "partners"), i, p) {
        const char *id = json_string_value(json_object_get(p, "id"));
        json_t *pq = json_object_get(p, "quarters");
        CHECK_INT(json_array_size(pq), QUARTERS);
        for (int q = 0; q < QUARTERS; q++)
            for (int line = 0; line < 3; line++)
                if (has_line(json_array_get(pq, (size_t)q), line))
                    expect_line(qs, r++, id, q, line);
    }
    CHECK_INT(qs->rows, r);
    /* From the .ini: 28 partners contract a P-CSM (all but p08, p19), 10
     * a P-TAM and 7 service hours (p02 p06 p10 p14 p18 p22 p26).  p10 and
     * p22 leave the choice open (tam = auto, service_hours = auto, tam_tier
     * basic) and are billed only the cheaper service hours (0.5 P-TAM FTE
     * x 230000 = 115000 a year against about 20 h x 225 x 12): 8 P-TAM
     * lines, 43 lines a quarter, 172 in all. */
    CHECK_INT(qs->rows - 1, 172);
    for (int q = 0; q < QUARTERS; q++)
        CHECK_INT(count_lines(qs, quarter_names[q], "Service hours"), 7);
}

/* ---- 2. cached values == recomputed values ---------------------------- */

/* FTE columns must agree exactly (they are halves); money to the cent. */
static int is_fte_col(int sheet, size_t c)
{
    if (sheet == TOTALS)
        return c == T_CSM_FTE || c == T_TAM_FTE;
    if (sheet == BY_PARTNER)
        return c >= BP_FIRST && c < BP_YEAR &&
               ((c - BP_FIRST) % BQ_COLS == BQ_CSM ||
                (c - BP_FIRST) % BQ_COLS == BQ_TAM);
    return c == Q_FTE;
}

/* Compares every cell; returns how many held numbers. */
static size_t check_same(int sheet, const table *cached, const table *recalc)
{
    size_t numbers = 0;
    double a, b;
    CHECK_INT(cached->rows, recalc->rows);
    CHECK_INT(cached->cols, recalc->cols);
    for (size_t r = 0; r < cached->rows; r++)
        for (size_t c = 0; c < cached->cols; c++) {
            const char *x = cell(cached, r, c), *y = cell(recalc, r, c);
            if (is_num(x, &a) && is_num(y, &b)) {
                near_at(sheet_names[sheet], r, c, a, b,
                        is_fte_col(sheet, c) ? 0 : CENT);
                numbers++;
            } else if (strcmp(x, y) != 0) {
                fprintf(stderr, "  at %s row %zu column %zu:\n",
                        sheet_names[sheet], r + 1, c + 1);
                CHECK_STR(x, y);
            }
        }
    return numbers;
}

static void check_cached_is_recalc(const book *bk)
{
    for (int s = 0; s < SHEETS; s++) {
        size_t n = check_same(s, &bk->cached[s], &bk->recalc[s]);
        printf("%s: %zu numeric cells compared, cached vs recomputed\n",
               sheet_names[s], n);
        CHECK(n >= bk->recalc[s].rows); /* not a sheet of blanks */
    }
}

/* ---- 3. totals are the sums of their rows (recomputed values) --------- */

/* By partner: the Total row sums the partner rows; Year cost sums the
 * four quarter costs, on every row including Total. */
static void check_by_partner_sums(const table *bp)
{
    size_t total = PARTNERS + 1;
    for (size_t c = BP_FIRST; c <= BP_YEAR; c++) {
        double sum = 0;
        for (size_t r = 1; r < total; r++)
            sum += num0(bp, r, c);
        near_at("By partner", total, c, num(bp, total, c), sum,
                is_fte_col(BY_PARTNER, c) ? 0 : CENT);
    }
    for (size_t r = 1; r <= total; r++) {
        double year = 0;
        for (int q = 0; q < QUARTERS; q++)
            year += num(bp, r, bp_col(q, BQ_COST));
        near_at("By partner", r, BP_YEAR, num(bp, r, BP_YEAR), year, CENT);
    }
}

/* Totals row of quarter q = the By partner Total row's four columns. */
static void check_totals_vs_by_partner(const table *t, const table *bp)
{
    static const size_t tcol[BQ_COLS] = {T_CUSTOMERS, T_CSM_FTE, T_TAM_FTE,
                                         T_TOTAL};
    for (int q = 0; q < QUARTERS; q++)
        for (int k = 0; k < BQ_COLS; k++)
            near_at("Totals", (size_t)q + 1, tcol[k],
                    num(t, (size_t)q + 1, tcol[k]),
                    num(bp, PARTNERS + 1, bp_col(q, k)),
                    k == BQ_COST ? CENT : 0);
}

/* Totals row of quarter q = the Quarters rows of q, line by line. */
static void check_totals_vs_quarters(const table *t, const table *qs)
{
    for (int q = 0; q < QUARTERS; q++) {
        const char *name = quarter_names[q];
        size_t r = (size_t)q + 1;
        for (int role = 0; role < 2; role++)
            near_at("Totals", r, T_CSM_FTE + (size_t)role,
                    num(t, r, T_CSM_FTE + (size_t)role),
                    quarters_sum(qs, Q_FTE, name, NULL, line_names[role]), 0);
        for (int line = 0; line < 3; line++)
            near_at("Totals", r, T_CSM_COST + (size_t)line,
                    num(t, r, T_CSM_COST + (size_t)line),
                    quarters_sum(qs, Q_COST, name, NULL, line_names[line]),
                    CENT);
        near_at("Totals", r, T_TOTAL, num(t, r, T_TOTAL),
                quarters_sum(qs, Q_COST, name, NULL, NULL), CENT);
    }
}

/* Each By partner cell of a partner and quarter = its Quarters rows. */
static void check_by_partner_vs_quarters(const table *bp, const table *qs)
{
    for (size_t r = 1; r <= PARTNERS; r++)
        for (int q = 0; q < QUARTERS; q++) {
            const char *id = cell(bp, r, BP_PARTNER), *name = quarter_names[q];
            for (int role = 0; role < 2; role++)
                fte_at(bp, r, bp_col(q, BQ_CSM + role),
                       quarters_row(qs, id, name, line_names[role]) != 0,
                       quarters_sum(qs, Q_FTE, name, id, line_names[role]));
            near_at("By partner", r, bp_col(q, BQ_COST),
                    num(bp, r, bp_col(q, BQ_COST)),
                    quarters_sum(qs, Q_COST, name, id, NULL), CENT);
            for (int line = 0; line < 3; line++) {
                size_t at = quarters_row(qs, id, name, line_names[line]);
                if (at) /* every line repeats the partner's customers */
                    near_at("Quarters", at, Q_CUSTOMERS,
                            num(qs, at, Q_CUSTOMERS),
                            num(bp, r, bp_col(q, BQ_CUSTOMERS)), 0);
            }
        }
}

/* Totals: Total cost adds the three costs; Year sums the costs and
 * averages the FTE of the quarter rows. */
static void check_totals_rows(const table *t)
{
    size_t year = QUARTERS + 1;
    for (size_t r = 1; r <= year; r++)
        near_at("Totals", r, T_TOTAL, num(t, r, T_TOTAL),
                num(t, r, T_CSM_COST) + num(t, r, T_TAM_COST) +
                    num(t, r, T_SERVICE_COST), CENT);
    for (size_t c = T_CSM_FTE; c <= T_TOTAL; c++) {
        double sum = 0;
        for (size_t r = 1; r < year; r++)
            sum += num(t, r, c);
        if (c <= T_TAM_FTE)
            near_at("Totals", year, c, num(t, year, c), sum / QUARTERS, 0);
        else
            near_at("Totals", year, c, num(t, year, c), sum, CENT);
    }
}

/* ---- 4. the workbook says what --json says ---------------------------- */

static double jnum(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* --json null FTE (no such role) shows as 0 in By partner. */
static double jfte(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_null(v) ? 0 : jnum(o, key);
}

static void check_json_quarters(const table *t, json_t *doc)
{
    json_t *quarters = json_object_get(doc, "quarters");
    CHECK_INT(json_array_size(quarters), QUARTERS);
    for (size_t q = 0; q < QUARTERS; q++) {
        json_t *jq = json_array_get(quarters, q);
        json_t *cost = json_object_get(jq, "cost");
        size_t r = q + 1;
        CHECK_STR(json_string_value(json_object_get(jq, "quarter")),
                  cell(t, r, T_QUARTER));
        near_at("Totals", r, T_CUSTOMERS, num(t, r, T_CUSTOMERS),
                jnum(jq, "customers"), 0);
        near_at("Totals", r, T_CSM_FTE, num(t, r, T_CSM_FTE),
                jnum(jq, "csm_fte"), 0);
        near_at("Totals", r, T_TAM_FTE, num(t, r, T_TAM_FTE),
                jnum(jq, "tam_fte"), 0);
        near_at("Totals", r, T_CSM_COST, num(t, r, T_CSM_COST),
                jnum(cost, "csm"), CENT);
        near_at("Totals", r, T_TAM_COST, num(t, r, T_TAM_COST),
                jnum(cost, "tam"), CENT);
        near_at("Totals", r, T_SERVICE_COST, num(t, r, T_SERVICE_COST),
                jnum(cost, "service_hours"), CENT);
        near_at("Totals", r, T_TOTAL, num(t, r, T_TOTAL),
                jnum(cost, "total"), CENT);
    }
}

/* A partner's quarter q: By partner cells, and its Quarters lines'
 * costs and billed hours. */
static void check_json_partner_quarter(const table *bp, const table *qs,
                                       size_t r, int q, json_t *jq)
{
    static const char *const cost_key[3] = {"csm", "tam", "service_hours"};
    const char *id = cell(bp, r, BP_PARTNER), *name = quarter_names[q];
    json_t *cost = json_object_get(jq, "cost");
    CHECK_STR(json_string_value(json_object_get(jq, "quarter")), name);
    near_at("By partner", r, bp_col(q, BQ_CUSTOMERS),
            num(bp, r, bp_col(q, BQ_CUSTOMERS)), jnum(jq, "customers"), 0);
    fte_at(bp, r, bp_col(q, BQ_CSM), has_line(jq, 0), jfte(jq, "csm_fte"));
    fte_at(bp, r, bp_col(q, BQ_TAM), has_line(jq, 1), jfte(jq, "tam_fte"));
    near_at("By partner", r, bp_col(q, BQ_COST),
            num(bp, r, bp_col(q, BQ_COST)), jnum(cost, "total"), CENT);
    for (int line = 0; line < 3; line++) {
        size_t at = quarters_row(qs, id, name, line_names[line]);
        near_at("Quarters", at, Q_COST, at ? num(qs, at, Q_COST) : 0,
                jnum(cost, cost_key[line]), CENT);
    }
    size_t svc = quarters_row(qs, id, name, "Service hours");
    near_at("Quarters", svc, Q_BILLED, svc ? num(qs, svc, Q_BILLED) : 0,
            jnum(jq, "service_hours_billed_per_month"), CENT);
}

static void check_json_partners(const table *bp, const table *qs,
                                json_t *doc)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(doc, "partners"), i, p) {
        json_t *pq = json_object_get(p, "quarters");
        for (int q = 0; q < QUARTERS && i < PARTNERS; q++)
            check_json_partner_quarter(bp, qs, i + 1, q,
                                       json_array_get(pq, (size_t)q));
    }
}

static void check_json_year(const table *t, const table *bp, json_t *doc)
{
    double horizon = jnum(json_object_get(doc, "totals"), "horizon_total");
    near_at("Totals", QUARTERS + 1, T_TOTAL, num(t, QUARTERS + 1, T_TOTAL),
            horizon, CENT);
    near_at("By partner", PARTNERS + 1, BP_YEAR,
            num(bp, PARTNERS + 1, BP_YEAR), horizon, CENT);
}

/* ---- 5. arithmetic a person can redo by hand -------------------------- */

/* Checks the Quarters row of partner in 2027Q1 for line: its texts, FTE
 * and factors, and that its cost is the product worked out by hand. */
static void check_role_by_hand(const table *qs, const char *partner,
                               const char *line, const char *localized,
                               const char *clock, double fte, double rate,
                               double loc, double around, double cost)
{
    size_t r = quarters_row(qs, partner, "2027Q1", line);
    if (r == 0)
        fprintf(stderr, "  no Quarters row %s 2027Q1 %s\n", partner, line);
    CHECK(r > 0);
    CHECK_STR(cell(qs, r, Q_LOCALIZED), localized);
    CHECK_STR(cell(qs, r, Q_CLOCK), clock);
    CHECK_NEAR(num(qs, r, Q_FTE), fte, 0);
    CHECK_NEAR(num(qs, r, Q_RATE), rate, CENT);
    CHECK_NEAR(num(qs, r, Q_LOC_FACTOR), loc, 1e-12);
    CHECK_NEAR(num(qs, r, Q_CLOCK_FACTOR), around, 1e-12);
    CHECK_NEAR(num(qs, r, Q_COST), cost, CENT);
    CHECK_NEAR(num(qs, r, Q_COST), fte * rate * loc * around / 4, CENT);
}

static void check_rows_by_hand(const table *qs)
{
    /* p03_fabrikam is mission_critical (a 24x7 tier), not localized:
     * 3 FTE x 150000 x 1.10 / 4 = 123750.00 a quarter. */
    check_role_by_hand(qs, "p03_fabrikam", "P-CSM", "no", "24x7", 3, 150000,
                       1, 1.10, 123750.00);
    /* p01_northwind's basic P-CSM is localized (its customers sit in
     * New York, Los Angeles and Sydney): 3 x 150000 x 1.15 / 4 =
     * 129375.00. */
    check_role_by_hand(qs, "p01_northwind", "P-CSM", "yes", "business", 3,
                       150000, 1.15, 1, 129375.00);
    /* Its premium P-TAM runs 24x7: 3 x 190000 x 1.10 / 4 = 156750.00. */
    check_role_by_hand(qs, "p01_northwind", "P-TAM", "no", "24x7", 3,
                       190000, 1, 1.10, 156750.00);
    /* p06_adventure needs 2.91 h/month of service, below the 10 h
     * retainer, so 10 h are billed: 10 x 225 x 3 = 6750.00. */
    size_t r = quarters_row(qs, "p06_adventure", "2027Q1", "Service hours");
    CHECK(r > 0);
    CHECK_NEAR(num(qs, r, Q_HOURS), 2.91, CENT);
    CHECK_NEAR(num(qs, r, Q_BILLED), 10, 0);
    CHECK_NEAR(num(qs, r, Q_COST), 6750.00, CENT);
}

/* Growth: p07_litware (growth 0.10) has three undated segments of 16, 10
 * and 18 customers and no dated rows, so quarter q has round(16 x 1.1^q)
 * + round(10 x 1.1^q) + round(18 x 1.1^q) = 44, 49, 53, 58.  (Rounding
 * the partner's 44 as a whole would give 48 in 2027Q2.)  p04_tailspin's
 * 2027Q3 comes from the CSV's dated rows instead: 25 + 15 + 4 = 44,
 * while 2027Q4 is growth 0.02 on 18 + 11 + 3 again: 19 + 12 + 3 = 34. */
static void check_customers_by_hand(const table *bp)
{
    static const int litware[QUARTERS] = {44, 49, 53, 58};
    static const double segments[3] = {16, 10, 18};
    size_t lit = 7, tail = 4; /* By partner rows, as the ids below show */
    CHECK_STR(cell(bp, lit, BP_PARTNER), "p07_litware");
    CHECK_STR(cell(bp, tail, BP_PARTNER), "p04_tailspin");
    for (int q = 0; q < QUARTERS; q++) {
        long grown = 0;
        for (int s = 0; s < 3; s++)
            grown += lround(segments[s] * pow(1.10, q));
        CHECK_INT(grown, litware[q]);
        CHECK_NEAR(num(bp, lit, bp_col(q, BQ_CUSTOMERS)), litware[q], 0);
    }
    CHECK_NEAR(num(bp, tail, bp_col(2, BQ_CUSTOMERS)), 25 + 15 + 4, 0);
    CHECK_NEAR(num(bp, tail, bp_col(3, BQ_CUSTOMERS)), 19 + 12 + 3, 0);
}

/* ---- 6. the chart ------------------------------------------------------ */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = 0, cap = 1 << 16, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) + 1 == cap)
            text = realloc(text, cap *= 2);
    fclose(f);
    if (text)
        text[n] = '\0';
    return text;
}

/* FTE by quarter as stacked columns, over the four quarter rows only
 * (not the Year row, which would stack an average on the quarters). */
static void check_chart(const char *dir)
{
    static const char *const want[] = {
        "<c:barDir val=\"col\"/>", "<c:grouping val=\"stacked\"/>",
        "Totals!$C$2:$C$5", "Totals!$D$2:$D$5", "Totals!$A$2:$A$5"};
    char cmd[1400], path[600];
    snprintf(path, sizeof path, "%s/chart1.xml", dir);
    snprintf(cmd, sizeof cmd, "unzip -p '%s/quarterly.xlsx' "
             "xl/charts/chart1.xml > '%s'", dir, path);
    CHECK_INT(system(cmd), 0);
    char *xml = slurp(path);
    CHECK(xml != NULL);
    for (size_t i = 0; xml && i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(xml, want[i]))
            fprintf(stderr, "  chart1.xml lacks %s\n", want[i]);
        CHECK(strstr(xml, want[i]) != NULL);
    }
    /* The values are formulas: libxlsxwriter would cache them as 0, so
     * the series carry no value cache at all (the categories keep theirs). */
    CHECK(xml && !strstr(xml, "<c:numCache>"));
    free(xml);
}

/* ---- running it -------------------------------------------------------- */

/* A missing tool is a failure, not a skip: without it nothing is shown. */
static int have_tools(void)
{
    int ssconvert = access(SSCONVERT, X_OK) == 0;
    int unzip = system("command -v unzip >/dev/null 2>&1") == 0;
    if (!ssconvert)
        fprintf(stderr, "FAIL: ssconvert (gnumeric) is missing: no %s\n",
                SSCONVERT);
    if (!unzip)
        fprintf(stderr, "FAIL: unzip is missing (not on PATH)\n");
    CHECK(ssconvert);
    CHECK(unzip);
    return ssconvert && unzip;
}

/* Converts every sheet to dir/PREFIX_<sheet>.csv, stored or recomputed. */
static void convert(const char *dir, const char *prefix, const char *flags)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, SSCONVERT " %s -S '%s/quarterly.xlsx' "
             "'%s/%s_%%s.csv' >/dev/null 2>&1", flags, dir, dir, prefix);
    CHECK_INT(system(cmd), 0);
}

static void check_book(const book *bk, json_t *doc, const char *dir)
{
    const table *t = &bk->recalc[TOTALS], *bp = &bk->recalc[BY_PARTNER];
    const table *qs = &bk->recalc[QUARTERS_SHEET];
    check_totals_shape(t);
    check_by_partner_shape(bp, doc);
    check_quarters_shape(qs, doc);
    check_cached_is_recalc(bk);
    check_by_partner_sums(bp);
    check_totals_vs_by_partner(t, bp);
    check_totals_vs_quarters(t, qs);
    check_by_partner_vs_quarters(bp, qs);
    check_totals_rows(t);
    check_json_quarters(t, doc);
    check_json_partners(bp, qs, doc);
    check_json_year(t, bp, doc);
    check_rows_by_hand(qs);
    check_customers_by_hand(bp);
    check_chart(dir);
    for (int q = 0; q <= QUARTERS; q++)
        printf("%s: total cost %s\n", cell(t, (size_t)q + 1, T_QUARTER),
               cell(t, (size_t)q + 1, T_TOTAL));
}

int main(void)
{
    char dir[] = "/tmp/capplan-qwb-XXXXXX", args[512], cmd[600];
    book bk;
    memset(&bk, 0, sizeof bk);
    if (!have_tools())
        return check_summary();
    if (!mkdtemp(dir)) {
        perror(dir);
        return 1;
    }
    snprintf(args, sizeof args, "--no-sim --deterministic -o %s "
             "samples/finance-book.ini samples/finance-book.csv", dir);
    json_t *doc = run_capplan_json(args);
    CHECK(doc != NULL);
    convert(dir, "cached", "");
    convert(dir, "recalc", "--recalc");
    for (int s = 0; s < SHEETS; s++) {
        load_table(dir, "cached", s, &bk.cached[s]);
        load_table(dir, "recalc", s, &bk.recalc[s]);
    }
    if (doc)
        check_book(&bk, doc, dir);
    for (int s = 0; s < SHEETS; s++) {
        free_table(&bk.cached[s]);
        free_table(&bk.recalc[s]);
    }
    json_decref(doc);
    if (getenv("CAP_KEEP_TEST_FILES")) {
        printf("kept %s\n", dir);
    } else {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        CHECK_INT(system(cmd), 0);
    }
    return check_summary();
}
