/* workbook.c - reports/staffing.xlsx (SPEC section 7): Summary, Coverage,
 * Simulation, Erlang C, Responsibilities, Assumptions. */
#include "workbook.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim.h"
#include "xlsx.h"

/* ---- Summary ---------------------------------------------------------- */

enum { S_PARTNER, S_NAME, S_CHANNEL, S_ROLE, S_TIER, S_CUSTOMERS,
       S_LOCALIZED, S_SHIFTS, S_FTE_LOW, S_FTE_HIGH, S_MINIMUM, S_FLOOR,
       S_RULE, S_RECOMMENDED, S_REQUESTED, S_STAFFED, S_BINDING, S_COST,
       S_PER_FTE, S_WARNINGS, S_CONTRACT, S_EXPLAIN, S_COLS };

static const cap_column summary_columns[S_COLS] = {
    [S_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
    [S_NAME] = {"Name", 28, CAP_FMT_TEXT},
    [S_CHANNEL] = {"Channel", 12, CAP_FMT_TEXT},
    [S_ROLE] = {"Role", 8, CAP_FMT_TEXT},
    [S_TIER] = {"Tier", 17, CAP_FMT_TEXT},
    [S_CUSTOMERS] = {"Customers", 11, CAP_FMT_INT},
    [S_LOCALIZED] = {"Localized", 10, CAP_FMT_TEXT},
    [S_SHIFTS] = {"Shifts", 8, CAP_FMT_INT},
    [S_FTE_LOW] = {"FTE low", 9, CAP_FMT_ONE},
    [S_FTE_HIGH] = {"FTE high", 9, CAP_FMT_ONE},
    [S_MINIMUM] = {"Plan minimum", 10, CAP_FMT_ONE},
    [S_FLOOR] = {"Coverage floor", 11, CAP_FMT_ONE},
    [S_RULE] = {"Rule FTE", 10, CAP_FMT_ONE},
    [S_RECOMMENDED] = {"Recommended FTE", 14, CAP_FMT_ONE},
    [S_REQUESTED] = {"Requested FTE", 12, CAP_FMT_ONE},
    [S_STAFFED] = {"Staffed FTE", 12, CAP_FMT_ONE},
    [S_BINDING] = {"Binding", 14, CAP_FMT_TEXT},
    [S_COST] = {"Annual cost", 14, CAP_FMT_MONEY},
    [S_PER_FTE] = {"Customers per FTE", 12, CAP_FMT_ONE},
    [S_WARNINGS] = {"Warnings", 60, CAP_FMT_TEXT},
    [S_CONTRACT] = {"Contract FTE", 13, CAP_FMT_ONE},
    [S_EXPLAIN] = {"Explanation", 90, CAP_FMT_TEXT},
};

typedef struct {
    double fte, cost; /* sums of the written values, in row order */
} totals;

#define SUMMARY_TOTAL "Total dedicated roles"

static void join_warnings(const cap_role_staffing *rs, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (int w = 0; w < rs->warning_count && w < CAP_WARNINGS_MAX; w++) {
        if (used >= n)
            break;
        used += (size_t)snprintf(out + used, n - used, "%s%.*s",
                                 w ? "; " : "", CAP_WARNING_LENGTH,
                                 rs->warnings[w]);
    }
}

/* =IF(P2>0,F2/P2,0): customers per staffed FTE, 0 without staff.  Only a
 * P-CSM's: the ratio rule sizes P-CSMs by customers; a P-TAM is sized
 * from hours, so its cell stays blank. */
static void per_fte(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                    cap_role r, double customers, double fte)
{
    char n[LXW_MAX_CELL_NAME_LENGTH], d[LXW_MAX_CELL_NAME_LENGTH];
    char formula[64];
    if (r != CAP_ROLE_CSM) {
        cap_book_blank(b, ws, row, S_PER_FTE, b->fmt[CAP_FMT_ONE]);
        return;
    }
    lxw_rowcol_to_cell(n, row, S_CUSTOMERS);
    lxw_rowcol_to_cell(d, row, S_STAFFED);
    snprintf(formula, sizeof formula, "=IF(%s>0,%s/%s,0)", d, n, d);
    cap_book_formula(b, ws, row, S_PER_FTE, formula, b->fmt[CAP_FMT_ONE],
                fte > 0 ? customers / fte : 0);
}

static void summary_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                        const cap_partner_staffing *ps, cap_role r,
                        totals *t)
{
    const cap_role_staffing *rs = &ps->role[r];
    lxw_format *one = b->fmt[CAP_FMT_ONE];
    char warnings[CAP_WARNINGS_MAX * (CAP_WARNING_LENGTH + 2)];
    cap_book_text(b, ws, row, S_PARTNER, ps->partner->id, NULL);
    cap_book_text(b, ws, row, S_NAME, ps->partner->name, NULL);
    cap_book_text(b, ws, row, S_CHANNEL, cap_channel_name(ps->partner->channel),
             NULL);
    cap_book_text(b, ws, row, S_ROLE, cap_role_label(r), NULL);
    cap_book_text(b, ws, row, S_TIER, cap_plan_name(rs->tier), NULL);
    double customers = cap_book_num(b, ws, row, S_CUSTOMERS, rs->customers,
                               b->fmt[CAP_FMT_INT]);
    cap_book_text(b, ws, row, S_LOCALIZED, cap_yes_no(rs->localized), NULL);
    cap_book_num(b, ws, row, S_SHIFTS, rs->shifts, b->fmt[CAP_FMT_INT]);
    cap_book_num(b, ws, row, S_FTE_LOW, rs->fte_low, one);
    cap_book_num(b, ws, row, S_FTE_HIGH, rs->fte_high, one);
    cap_book_num(b, ws, row, S_MINIMUM, rs->plan_minimum, one);
    cap_book_num(b, ws, row, S_FLOOR, rs->coverage_floor, one);
    cap_book_num(b, ws, row, S_RULE, rs->fte_rule, one);
    cap_book_num(b, ws, row, S_RECOMMENDED, rs->fte_recommended, one);
    if (rs->fte_requested >= 0)
        cap_book_num(b, ws, row, S_REQUESTED, rs->fte_requested, one);
    else
        cap_book_blank(b, ws, row, S_REQUESTED, one);
    double fte = cap_book_num(b, ws, row, S_STAFFED, rs->fte, one);
    cap_book_text(b, ws, row, S_BINDING, cap_binding_name(rs->binding), NULL);
    t->cost += cap_book_num(b, ws, row, S_COST, rs->annual_cost, b->fmt[CAP_FMT_MONEY]);
    t->fte += fte;
    per_fte(b, ws, row, r, customers, fte);
    join_warnings(rs, warnings, sizeof warnings);
    cap_book_text(b, ws, row, S_WARNINGS, warnings, NULL);
    cap_book_num(b, ws, row, S_CONTRACT, rs->fte_contract, one);
    cap_book_text(b, ws, row, S_EXPLAIN, rs->explain ? rs->explain : "", NULL);
}

/* The Total row under the data rows 1..row-1.  Its cost is the dedicated
 * roles' alone, and its label says so: cost.xlsx's Total also counts
 * service hours. */
static void summary_total(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                          const totals *t)
{
    cap_book_text(b, ws, row, S_PARTNER, SUMMARY_TOTAL, b->bold);
    cap_book_comment(b, ws, row, S_PARTNER, "The P-CSM and P-TAM rows above. "
                     "Service hours are not staffed roles: their cost is in "
                     "cost.xlsx, whose Total includes it.");
    if (row == 1) { /* no data rows: nothing to sum */
        cap_book_num(b, ws, row, S_STAFFED, 0, b->fmt[CAP_FMT_ONE]);
        cap_book_num(b, ws, row, S_COST, 0, b->fmt[CAP_FMT_MONEY]);
        return;
    }
    cap_book_sum(b, ws, row, S_STAFFED, 1, S_STAFFED, row - 1, S_STAFFED,
            b->fmt[CAP_FMT_ONE], t->fte);
    cap_book_sum(b, ws, row, S_COST, 1, S_COST, row - 1, S_COST, b->fmt[CAP_FMT_MONEY],
            t->cost);
}

static void sheet_summary(cap_book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = cap_book_sheet(b, "Summary", summary_columns, S_COLS);
    totals t = {0, 0};
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].billed)
                summary_row(b, ws, row++, &s->partners[i], (cap_role)r, &t);
    cap_book_table(b, ws, row - 1, S_COLS);
    summary_total(b, ws, row, &t);
}

/* ---- Shared by the hour sheets ---------------------------------------- */

/* Colours data rows 1..last_row red where rule holds.  The rule is written
 * for the first data row, and its column reference must be absolute
 * ("=$G2=1"): a relative one would move along with each cell of the row. */
static void highlight_rows(cap_book *b, lxw_worksheet *ws, lxw_row_t last_row,
                           lxw_col_t ncols, char *rule)
{
    lxw_conditional_format cf;
    if (b->code != CAP_OK || last_row < 1)
        return;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = rule; /* libxlsxwriter copies it */
    cf.format = b->gap;
    cap_book_check_sheet(b, worksheet_conditional_format_range(ws, 1, 0, last_row,
                                                      ncols - 1, &cf),
                ws->name, "row highlighting");
}

/* "=$G2=1" or "=$T2=\"no\"": column col of the first data row equals
 * value (a formula fragment). */
static void equals_rule(char *out, size_t n, lxw_col_t col, const char *value)
{
    char name[LXW_MAX_COL_NAME_LENGTH];
    lxw_col_to_name(name, col, 1); /* 1: absolute, "$G" */
    snprintf(out, n, "=%s2=%s", name, value);
}

/* The note on an "Hour (home)" header: which week the hours belong to. */
static void hour_note(cap_book *b, lxw_worksheet *ws, lxw_col_t col,
                      const cap_staffing *s)
{
    char day[16], note[256];
    cap_book_date(s->reference_day, day, sizeof day);
    snprintf(note, sizeof note, "Hours are wall-clock hours of the home "
             "zone ([home] timezone), Monday 00:00 local: the roster keeps them "
             "all quarter, across clock changes. Localized customer windows "
             "are placed as they fall in the week of %s (the quarter's first "
             "Wednesday).", day);
    cap_book_comment(b, ws, 0, col, note);
}

/* ---- Coverage --------------------------------------------------------- */

/* One row per team: the week's 168 hours across, after a few columns that
 * sum them.  A row per team and hour would pass the spreadsheet's
 * 1,048,576 rows at 6,242 teams; a row per team fits 1,048,575. */
enum { C_PARTNER, C_ROLE, C_WINDOW, C_PERSON_HOURS, C_GAP, C_FIRST_HOUR,
       C_COLS = C_FIRST_HOUR + CAP_WEEK_HOURS };

static const char *const week_days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri",
                                         "Sat", "Sun"};

/* The hour headers "Mon 00" ... "Sun 23" from column first on, kind k. */
static void week_columns(cap_column *cols, lxw_col_t first, cap_fmt_kind k)
{
    static char titles[CAP_WEEK_HOURS][8];
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        snprintf(titles[h], sizeof titles[h], "%s %02d", week_days[h / 24],
                 h % 24);
        cols[first + h] = (cap_column){titles[h], 6, k};
    }
}

static void coverage_columns(cap_column cols[C_COLS])
{
    cols[C_PARTNER] = (cap_column){"Partner", 16, CAP_FMT_TEXT};
    cols[C_ROLE] = (cap_column){"Role", 8, CAP_FMT_TEXT};
    cols[C_WINDOW] = (cap_column){"Window hours", 10, CAP_FMT_INT};
    cols[C_PERSON_HOURS] = (cap_column){"Person-hours", 10, CAP_FMT_ONE};
    cols[C_GAP] = (cap_column){"Gap hours", 9, CAP_FMT_INT};
    week_columns(cols, C_FIRST_HOUR, CAP_FMT_ONE);
}

/* =FN(F2:FQ2) over the hours of row, with its cached value. */
static void hours_formula(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *fn, const char *arg,
                          lxw_format *f, double cached)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH], formula[96];
    lxw_rowcol_to_range(range, row, C_FIRST_HOUR, row,
                        C_FIRST_HOUR + CAP_WEEK_HOURS - 1);
    snprintf(formula, sizeof formula, "=%s(%s%s)", fn, range, arg);
    cap_book_formula(b, ws, row, col, formula, f, cached);
}

/* One team: its window hours carry the people present (0 is a gap), the
 * hours outside it stay empty. */
static void coverage_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const cap_partner_staffing *ps, cap_role r)
{
    const cap_role_staffing *rs = &ps->role[r];
    double window = 0, people = 0, gaps = 0, present[CAP_WEEK_HOURS];
    cap_role_present(rs, present);
    cap_book_text(b, ws, row, C_PARTNER, ps->partner->id, NULL);
    cap_book_text(b, ws, row, C_ROLE, cap_role_label(r), NULL);
    for (int h = 0; h < CAP_WEEK_HOURS && b->code == CAP_OK; h++) {
        if (!rs->required[h] && present[h] == 0)
            continue;
        double x = cap_book_num(b, ws, row, (lxw_col_t)(C_FIRST_HOUR + h),
                                present[h], b->fmt[CAP_FMT_ONE]);
        window++;
        people += x;
        gaps += x == 0;
    }
    hours_formula(b, ws, row, C_WINDOW, "COUNT", "", b->fmt[CAP_FMT_INT],
                  window);
    hours_formula(b, ws, row, C_PERSON_HOURS, "SUM", "", b->fmt[CAP_FMT_ONE],
                  people);
    hours_formula(b, ws, row, C_GAP, "COUNTIF", ",0", b->fmt[CAP_FMT_INT],
                  gaps);
}

/* A conditional format over rows 1..last_row, columns c0..c1: formula
 * (written for the top-left cell, relative references moving with each
 * cell) gives the cell format f. */
static void highlight_cells(cap_book *b, lxw_worksheet *ws, lxw_row_t last_row,
                            lxw_col_t c0, lxw_col_t c1, char *formula,
                            lxw_format *f)
{
    lxw_conditional_format cf;
    if (b->code != CAP_OK || last_row < 1)
        return;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = formula; /* libxlsxwriter copies it */
    cf.format = f;
    cap_book_check_sheet(b, worksheet_conditional_format_range(ws, 1, c0,
                                                               last_row, c1, &cf),
                         ws->name, "highlighting");
}

/* The shading of the hours outside a team's window: grey, so that the
 * window's shape shows across the week. */
static lxw_format *outside_format(cap_book *b)
{
    lxw_format *f = b->code == CAP_OK ? workbook_add_format(b->wb) : NULL;
    if (f)
        format_set_bg_color(f, 0xE7E6E6);
    else if (b->code == CAP_OK)
        cap_book_fail(b, CAP_ERR_INTERNAL, "out of memory for a format");
    return f;
}

static void sheet_coverage(cap_book *b, const cap_staffing *s)
{
    cap_column cols[C_COLS];
    coverage_columns(cols);
    lxw_worksheet *ws = cap_book_sheet(b, "Coverage", cols, C_COLS);
    lxw_row_t row = 1;
    char first[LXW_MAX_CELL_NAME_LENGTH], rule[64];
    if (!ws)
        return;
    hour_note(b, ws, C_FIRST_HOUR, s);
    worksheet_freeze_panes(ws, 1, C_FIRST_HOUR); /* the sums stay in view */
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active)
                coverage_row(b, ws, row++, &s->partners[i], (cap_role)r);
    cap_book_table(b, ws, row - 1, C_COLS);
    lxw_format *outside = outside_format(b);
    lxw_rowcol_to_cell(first, 1, C_FIRST_HOUR);
    snprintf(rule, sizeof rule, "=AND(ISNUMBER(%s),%s=0)", first, first);
    highlight_cells(b, ws, row - 1, C_FIRST_HOUR, C_COLS - 1, rule, b->gap);
    snprintf(rule, sizeof rule, "=ISBLANK(%s)", first);
    highlight_cells(b, ws, row - 1, C_FIRST_HOUR, C_COLS - 1, rule, outside);
    lxw_rowcol_to_cell(first, 1, C_GAP);
    snprintf(rule, sizeof rule, "=%s>0", first);
    highlight_cells(b, ws, row - 1, C_GAP, C_GAP, rule, b->gap);
}

/* ---- Simulation ------------------------------------------------------- */

enum { M_PARTNER, M_ROLE, M_TIER, M_FTE, M_SEVERITY, M_TARGET, M_GOAL,
       M_TICKETS, M_ATTAINMENT, M_CI_LOW, M_CI_HIGH, M_P50, M_P90, M_P99,
       M_UTILIZATION, M_UTIL_HALF, M_BACKLOG, M_GAP, M_ERLANG, M_MEETS,
       M_COLS };

static const cap_column simulation_columns[M_COLS] = {
    [M_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
    [M_ROLE] = {"Role", 8, CAP_FMT_TEXT},
    [M_TIER] = {"Tier", 17, CAP_FMT_TEXT},
    [M_FTE] = {"Staffed FTE", 12, CAP_FMT_ONE},
    [M_SEVERITY] = {"Severity", 9, CAP_FMT_TEXT},
    [M_TARGET] = {"Target (min)", 12, CAP_FMT_ONE},
    [M_GOAL] = {"Goal", 8, CAP_FMT_PCT},
    [M_TICKETS] = {"Tickets", 10, CAP_FMT_ONE},
    [M_ATTAINMENT] = {"Attainment", 11, CAP_FMT_PCT},
    [M_CI_LOW] = {"CI low", 9, CAP_FMT_PCT},
    [M_CI_HIGH] = {"CI high", 9, CAP_FMT_PCT},
    [M_P50] = {"p50 (min)", 10, CAP_FMT_ONE},
    [M_P90] = {"p90 (min)", 10, CAP_FMT_ONE},
    [M_P99] = {"p99 (min)", 10, CAP_FMT_ONE},
    [M_UTILIZATION] = {"Utilization", 11, CAP_FMT_PCT},
    [M_UTIL_HALF] = {"Utilization CI +/-", 14, CAP_FMT_PCT},
    [M_BACKLOG] = {"Backlog at end", 10, CAP_FMT_ONE},
    [M_GAP] = {"Gap h/week", 11, CAP_FMT_ONE},
    [M_ERLANG] = {"Erlang C attainment", 13, CAP_FMT_PCT},
    [M_MEETS] = {"Meets goal", 11, CAP_FMT_TEXT},
};

/* A share's confidence bound: a share cannot leave [0, 1]. */
static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Nonzero when some role of s carries simulated figures. */
static int any_simulated(const cap_staffing *s)
{
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active && s->partners[i].role[r].sla)
                return 1;
    return 0;
}

/* The cells of one severity, from Severity to Erlang C and Meets goal. */
static void severity_cells(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                           const cap_sla_severity *v, int severity)
{
    lxw_format *one = b->fmt[CAP_FMT_ONE], *pct = b->fmt[CAP_FMT_PCT];
    char name[16];
    snprintf(name, sizeof name, "S%d", severity + 1);
    cap_book_text(b, ws, row, M_SEVERITY, name, NULL);
    cap_book_num(b, ws, row, M_TARGET, v->target_minutes, one);
    cap_book_num(b, ws, row, M_GOAL, v->goal, pct);
    cap_book_num(b, ws, row, M_TICKETS, fmax(v->tickets.mean, 0), one);
    if (v->attainment.mean < 0) { /* no tickets of this severity */
        cap_book_text(b, ws, row, M_ATTAINMENT, "no tickets", NULL);
        cap_book_text(b, ws, row, M_MEETS, "n/a", NULL);
        return;
    }
    cap_book_num(b, ws, row, M_ATTAINMENT, v->attainment.mean, pct);
    cap_book_num(b, ws, row, M_CI_LOW,
            clamp01(v->attainment.mean - v->attainment.half), pct);
    cap_book_num(b, ws, row, M_CI_HIGH,
            clamp01(v->attainment.mean + v->attainment.half), pct);
    cap_book_num(b, ws, row, M_P50, v->p50.mean, one);
    cap_book_num(b, ws, row, M_P90, v->p90.mean, one);
    cap_book_num(b, ws, row, M_P99, v->p99.mean, one);
    if (v->erlang_attainment < 0) /* no loaded hour with servers > load */
        cap_book_text(b, ws, row, M_ERLANG, "no stable hour", NULL);
    else
        cap_book_num(b, ws, row, M_ERLANG, v->erlang_attainment, pct);
    cap_book_text(b, ws, row, M_MEETS,
             cap_yes_no(cap_goal_met(v->attainment.mean, v->goal)), NULL);
}

/* One row per severity of one team; returns the next free row.  The
 * team-wide figures (utilization, backlog, gaps) repeat on every row so
 * that each row reads on its own after filtering. */
static lxw_row_t simulation_rows(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                                 const cap_partner_staffing *ps, cap_role r)
{
    const cap_sla_role *sla = ps->role[r].sla;
    lxw_format *one = b->fmt[CAP_FMT_ONE], *pct = b->fmt[CAP_FMT_PCT];
    for (int v = 0; v < CAP_SEVERITIES && b->code == CAP_OK; v++, row++) {
        cap_book_text(b, ws, row, M_PARTNER, ps->partner->id, NULL);
        cap_book_text(b, ws, row, M_ROLE, cap_role_label(r), NULL);
        cap_book_text(b, ws, row, M_TIER, cap_plan_name(sla->tier), NULL);
        cap_book_num(b, ws, row, M_FTE, sla->fte, one);
        severity_cells(b, ws, row, &sla->severity[v], v);
        cap_book_num(b, ws, row, M_UTILIZATION, sla->utilization.mean, pct);
        cap_book_num(b, ws, row, M_UTIL_HALF, sla->utilization.half, pct);
        cap_book_num(b, ws, row, M_BACKLOG, sla->backlog.mean, one);
        cap_book_num(b, ws, row, M_GAP, sla->gap_hours, one);
    }
    return row;
}

/* The note on "Tickets": what the means and intervals are taken over. */
static void replications_note(cap_book *b, lxw_worksheet *ws,
                              const cap_staffing *s)
{
    char note[256];
    int replications = 0;
    for (size_t i = 0; i < s->partner_count && !replications; i++)
        for (int r = 0; r < CAP_ROLES && !replications; r++)
            if (s->partners[i].role[r].sla)
                replications = s->partners[i].role[r].sla->replications;
    snprintf(note, sizeof note, "Figures are means over %d replications of "
             "the quarter; CI low and CI high bound the 95%% confidence "
             "interval of the attainment.", replications);
    cap_book_comment(b, ws, 0, M_TICKETS, note);
}

static void sheet_simulation(cap_book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = cap_book_sheet(b, "Simulation", simulation_columns,
                                  M_COLS);
    lxw_row_t row = 1;
    char rule[32];
    if (!ws)
        return;
    replications_note(b, ws, s);
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active && s->partners[i].role[r].sla)
                row = simulation_rows(b, ws, row, &s->partners[i],
                                      (cap_role)r);
    cap_book_table(b, ws, row - 1, M_COLS);
    equals_rule(rule, sizeof rule, M_MEETS, "\"no\"");
    highlight_rows(b, ws, row - 1, M_COLS, rule);
}

/* ---- Erlang C --------------------------------------------------------- */

/* One row per team and measure, the week's hours across (the Coverage
 * layout): five rows a team fit 209,715 teams in the sheet's rows. */
enum { E_PARTNER, E_ROLE, E_MEASURE, E_FIRST_HOUR,
       E_COLS = E_FIRST_HOUR + CAP_WEEK_HOURS };

enum { E_LOAD, E_SERVERS, E_WAIT_PROBABILITY, E_MEAN_WAIT, E_OCCUPANCY,
       E_MEASURES };

static const struct {
    const char *name;
    cap_fmt_kind kind;
} erlang_measures[E_MEASURES] = {
    [E_LOAD] = {"Offered load (Erlangs)", CAP_FMT_TWO},
    [E_SERVERS] = {"Servers", CAP_FMT_ONE},
    [E_WAIT_PROBABILITY] = {"P(wait)", CAP_FMT_PCT},
    [E_MEAN_WAIT] = {"Mean wait (min)", CAP_FMT_ONE},
    [E_OCCUPANCY] = {"Occupancy", CAP_FMT_PCT},
};

#define UNSTABLE_TEXT "unstable"

static void erlang_columns(cap_column cols[E_COLS])
{
    cols[E_PARTNER] = (cap_column){"Partner", 16, CAP_FMT_TEXT};
    cols[E_ROLE] = (cap_column){"Role", 8, CAP_FMT_TEXT};
    cols[E_MEASURE] = (cap_column){"Measure", 23, CAP_FMT_TEXT};
    week_columns(cols, E_FIRST_HOUR, CAP_FMT_TEXT);
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        cols[E_FIRST_HOUR + h].width = 9; /* "unstable" */
}

/* The measure v of hour eh: a number, or UNSTABLE_TEXT where the formula
 * has none (servers <= load, or an occupancy with nobody present). */
static void erlang_cell(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const cap_erlang_hour *eh, int v)
{
    const cap_erlang *e = &eh->erlang;
    double x[E_MEASURES] = {e->offered_load, eh->servers, e->wait_probability,
                            e->mean_wait, e->occupancy};
    int ok = v < E_WAIT_PROBABILITY || v == E_OCCUPANCY || e->stable;
    if (ok && isfinite(x[v]) && x[v] >= 0)
        cap_book_num(b, ws, row, col, x[v], b->fmt[erlang_measures[v].kind]);
    else
        cap_book_text(b, ws, row, col, UNSTABLE_TEXT, NULL);
}

/* The measures of one team; hours with neither work nor staff stay
 * empty.  Returns the next free row. */
static lxw_row_t erlang_rows(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                             const cap_partner_staffing *ps, cap_role r)
{
    const cap_sla_role *sla = ps->role[r].sla;
    for (int v = 0; v < E_MEASURES && b->code == CAP_OK; v++, row++) {
        cap_book_text(b, ws, row, E_PARTNER, ps->partner->id, NULL);
        cap_book_text(b, ws, row, E_ROLE, cap_role_label(r), NULL);
        cap_book_text(b, ws, row, E_MEASURE, erlang_measures[v].name, NULL);
        for (int h = 0; h < CAP_WEEK_HOURS; h++) {
            const cap_erlang_hour *eh = &sla->hour[h];
            if (eh->arrivals_per_hour != 0 || eh->servers != 0)
                erlang_cell(b, ws, row, (lxw_col_t)(E_FIRST_HOUR + h), eh, v);
        }
    }
    return row;
}

static void sheet_erlang(cap_book *b, const cap_staffing *s)
{
    cap_column cols[E_COLS];
    erlang_columns(cols);
    lxw_worksheet *ws = cap_book_sheet(b, "Erlang C", cols, E_COLS);
    lxw_row_t row = 1;
    char first[LXW_MAX_CELL_NAME_LENGTH], rule[64];
    if (!ws)
        return;
    hour_note(b, ws, E_FIRST_HOUR, s);
    cap_book_comment(b, ws, 0, E_MEASURE, "Each hour's queue as Erlang C "
                     "sees it: offered load = arrivals per hour x handle "
                     "minutes / 60, servers = people present. \""
                     UNSTABLE_TEXT "\": servers <= load, a queue with no "
                     "steady state. Hours with neither work nor staff are "
                     "empty.");
    worksheet_freeze_panes(ws, 1, E_FIRST_HOUR);
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active && s->partners[i].role[r].sla)
                row = erlang_rows(b, ws, row, &s->partners[i], (cap_role)r);
    cap_book_table(b, ws, row - 1, E_COLS);
    lxw_rowcol_to_cell(first, 1, E_FIRST_HOUR);
    snprintf(rule, sizeof rule, "=%s=\"" UNSTABLE_TEXT "\"", first);
    highlight_cells(b, ws, row - 1, E_FIRST_HOUR, E_COLS - 1, rule, b->gap);
}

/* ---- Responsibilities ------------------------------------------------- */

enum { R_PARTNER, R_CHANNEL, R_CUSTOMERS, R_CUSTOMER_H, R_PARTNER_H,
       R_CSM_H, R_SUPPORT_H, R_TOTAL_H, R_TECHNICAL_H, R_SERVICE_H,
       R_SERVICE_COST, R_TAM_FTE, R_TAM_COST, R_OPTION_H, R_OPTION_COST,
       R_OPTION_MEETS, R_CHOICE, R_COLS };

/* The party columns follow cap_party order. */
_Static_assert(R_PARTNER_H - R_CUSTOMER_H == CAP_PARTY_PARTNER &&
               R_CSM_H - R_CUSTOMER_H == CAP_PARTY_CSM &&
               R_SUPPORT_H - R_CUSTOMER_H == CAP_PARTY_SUPPORT &&
               CAP_PARTIES == 4, "party columns out of order");

static const cap_column responsibility_columns[R_COLS] = {
    [R_PARTNER] = {"Partner", 16, CAP_FMT_TEXT},
    [R_CHANNEL] = {"Channel", 12, CAP_FMT_TEXT},
    [R_CUSTOMERS] = {"Customers", 11, CAP_FMT_INT},
    [R_CUSTOMER_H] = {"Customer h/month", 12, CAP_FMT_ONE},
    [R_PARTNER_H] = {"Partner h/month", 12, CAP_FMT_ONE},
    [R_CSM_H] = {"P-CSM h/month", 12, CAP_FMT_ONE},
    [R_SUPPORT_H] = {"Vendor support h/month", 12, CAP_FMT_ONE},
    [R_TOTAL_H] = {"Total h/month", 12, CAP_FMT_ONE},
    [R_TECHNICAL_H] = {"Technical h/month", 12, CAP_FMT_ONE},
    [R_SERVICE_H] = {"Service hours billed/month", 14, CAP_FMT_ONE},
    [R_SERVICE_COST] = {"Service hours annual cost", 15, CAP_FMT_MONEY},
    [R_TAM_FTE] = {"Option: dedicated P-TAM FTE", 13, CAP_FMT_ONE},
    [R_TAM_COST] = {"Option: P-TAM annual cost", 15, CAP_FMT_MONEY},
    [R_OPTION_H] = {"Option: service h/month", 12, CAP_FMT_ONE},
    [R_OPTION_COST] = {"Option: service hours annual cost", 16, CAP_FMT_MONEY},
    [R_OPTION_MEETS] = {"Service hours meet SLA", 11, CAP_FMT_TEXT},
    [R_CHOICE] = {"Cheaper option meeting SLA", 18, CAP_FMT_TEXT},
};

/* Dedicated P-TAM vs. service hours, only for partners with either. */
static void tam_option_cells(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                             const cap_tam_options *t)
{
    static const char *const choice[] = {"-", "dedicated P-TAM", "service hours"};
    if (!t->compared)
        return;
    cap_book_num(b, ws, row, R_TAM_FTE, t->dedicated_fte, b->fmt[CAP_FMT_ONE]);
    cap_book_num(b, ws, row, R_TAM_COST, t->dedicated_annual_cost, b->fmt[CAP_FMT_MONEY]);
    cap_book_num(b, ws, row, R_OPTION_H, t->service_hours_month, b->fmt[CAP_FMT_ONE]);
    cap_book_num(b, ws, row, R_OPTION_COST, t->service_annual_cost, b->fmt[CAP_FMT_MONEY]);
    cap_book_text(b, ws, row, R_OPTION_MEETS, cap_yes_no(t->service_meets_sla),
                  NULL);
    cap_book_text(b, ws, row, R_CHOICE, choice[t->choice], NULL);
}

static void responsibility_row(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                               const cap_partner_staffing *ps)
{
    lxw_format *one = b->fmt[CAP_FMT_ONE];
    double total = 0;
    cap_book_text(b, ws, row, R_PARTNER, ps->partner->id, NULL);
    cap_book_text(b, ws, row, R_CHANNEL, cap_channel_name(ps->partner->channel),
             NULL);
    cap_book_num(b, ws, row, R_CUSTOMERS, ps->customers, b->fmt[CAP_FMT_INT]);
    for (int q = 0; q < CAP_PARTIES; q++)
        total += cap_book_num(b, ws, row, (lxw_col_t)(R_CUSTOMER_H + q),
                         ps->hours_by_party[q], one);
    cap_book_sum(b, ws, row, R_TOTAL_H, row, R_CUSTOMER_H, row, R_SUPPORT_H, one,
            total);
    cap_book_num(b, ws, row, R_TECHNICAL_H, ps->technical_hours_month, one);
    cap_book_num(b, ws, row, R_SERVICE_H, ps->service_hours_month, one);
    cap_book_num(b, ws, row, R_SERVICE_COST, ps->service_hours_annual_cost,
            b->fmt[CAP_FMT_MONEY]);
    tam_option_cells(b, ws, row, &ps->tam_options);
}

static void sheet_responsibilities(cap_book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = cap_book_sheet(b, "Responsibilities",
                                  responsibility_columns, R_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        responsibility_row(b, ws, row++, &s->partners[i]);
    cap_book_table(b, ws, row - 1, R_COLS);
}

cap_status cap_workbook_staffing(const cap_staged *f, const cap_staffing *s,
                                 const cap_portfolio *p, const cap_model *m,
                                 const cap_run_info *info, cap_error *err)
{
    cap_book b;
    if (cap_book_open(&b, f, "capplan staffing", p, m, info, err) != CAP_OK)
        return err->code;
    sheet_summary(&b, s);
    sheet_coverage(&b, s);
    if (any_simulated(s)) { /* a rules-only run has nothing to show */
        sheet_simulation(&b, s);
        sheet_erlang(&b, s);
    }
    sheet_responsibilities(&b, s);
    cap_book_assumptions(&b, s, p, m, info);
    return cap_book_close(&b, f, err);
}
