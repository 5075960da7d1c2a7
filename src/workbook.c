/* workbook.c - reports/staffing.xlsx (SPEC section 7); the only module
 * that calls libxlsxwriter.
 *
 * Every libxlsxwriter call that can fail is checked.  The first failure is
 * kept in the book (a sticky error): later writes are skipped, the
 * workbook is still closed (which frees it), the temporary file is removed
 * and the failure becomes one cap_error that names the output path.
 *
 * libxlsxwriter prints numbers with "%.16G", which can drop the 17th
 * significant digit (0.1 + 0.2 is stored as 0.3).  So every number is
 * rounded the same way before it takes part in a formula's cached value:
 * the cached value is then computed from exactly what a spreadsheet reads.
 */
#include "workbook.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "sim.h"

/* 2000-01-01T00:00:00Z: the creation date of reproducible files. */
#define FIXED_CREATED ((time_t)946684800)

/* The number format of a column. */
typedef enum { K_TEXT, K_INT, K_ONE, K_TWO, K_PCT, K_MONEY, K_KINDS } kind;

typedef struct {
    const char *title;
    double width;
    kind kind;
} column;

typedef struct {
    lxw_workbook *wb;
    lxw_format *fmt[K_KINDS]; /* by kind; K_TEXT stays NULL (General) */
    lxw_format *header, *gap;
    cap_status code;          /* CAP_OK until the first failure */
    char message[CAP_ERROR_MAX];
} book;

/* ---- sticky errors and checked writes -------------------------------- */

static void fail(book *b, cap_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first failure; later ones are its consequences. */
static void fail(book *b, cap_status code, const char *fmt, ...)
{
    if (b->code != CAP_OK)
        return;
    b->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->message, sizeof b->message, fmt, ap);
    va_end(ap);
}

/* "Summary!B3" */
static void cell_name(char *out, size_t n, const lxw_worksheet *ws,
                      lxw_row_t row, lxw_col_t col)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(cell, row, col);
    snprintf(out, n, "%s!%s", ws->name, cell);
}

static void check_cell(book *b, lxw_error e, const lxw_worksheet *ws,
                       lxw_row_t row, lxw_col_t col)
{
    char where[96];
    if (e == LXW_NO_ERROR)
        return;
    cell_name(where, sizeof where, ws, row, col);
    fail(b, CAP_ERR_OUTPUT, "cannot write %s: %s", where, lxw_strerror(e));
}

/* A failure that concerns a whole sheet (what: "autofilter", ...). */
static void check_sheet(book *b, lxw_error e, const char *sheet,
                        const char *what)
{
    if (e != LXW_NO_ERROR)
        fail(b, CAP_ERR_OUTPUT, "cannot write the %s of sheet %s: %s", what,
             sheet, lxw_strerror(e));
}

/* The value a reader of the file sees (see the header comment). */
static double as_written(double x)
{
    char text[40];
    snprintf(text, sizeof text, "%.16G", x);
    return strtod(text, NULL);
}

static void put_text(book *b, lxw_worksheet *ws, lxw_row_t row,
                     lxw_col_t col, const char *text, lxw_format *f)
{
    if (b->code == CAP_OK)
        check_cell(b, worksheet_write_string(ws, row, col, text, f), ws, row,
                   col);
}

/* Writes x and returns it as stored in the file. */
static double put_num(book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, double x, lxw_format *f)
{
    char where[96];
    if (b->code != CAP_OK)
        return 0;
    if (!isfinite(x)) { /* Excel cannot hold NaN or infinity */
        cell_name(where, sizeof where, ws, row, col);
        fail(b, CAP_ERR_INTERNAL, "cannot write %s: %g is not a number a "
             "spreadsheet can hold", where, x);
        return 0;
    }
    check_cell(b, worksheet_write_number(ws, row, col, x, f), ws, row, col);
    return as_written(x);
}

static void put_blank(book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, lxw_format *f)
{
    if (b->code == CAP_OK)
        check_cell(b, worksheet_write_blank(ws, row, col, f), ws, row, col);
}

static void put_formula(book *b, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const char *formula, lxw_format *f,
                        double cached)
{
    if (b->code == CAP_OK)
        check_cell(b, worksheet_write_formula_num(ws, row, col, formula, f,
                                                  cached), ws, row, col);
}

/* =SUM over a range, with the sum of the written values as cached value
 * (added in range order, as a spreadsheet does). */
static void put_sum(book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1,
                    lxw_format *f, double cached)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH], formula[64];
    lxw_rowcol_to_range(range, r0, c0, r1, c1);
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    put_formula(b, ws, row, col, formula, f, cached);
}

/* ---- formats, sheets, properties ------------------------------------- */

static lxw_format *new_format(book *b, const char *num_format)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f) {
        fail(b, CAP_ERR_OUTPUT, "cannot add a cell format: %s",
             lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return NULL;
    }
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

/* "$#,##0" for USD, else '#,##0 "EUR"' (only letters and digits of the
 * currency code are kept, so it cannot break the format string). */
static void money_format(const cap_model *m, char *out, size_t n)
{
    char code[sizeof m->currency];
    size_t k = 0;
    for (const char *c = m->currency; *c && k + 1 < sizeof code; c++)
        if (isalnum((unsigned char)*c))
            code[k++] = *c;
    code[k] = '\0';
    if (strcmp(code, "USD") == 0)
        snprintf(out, n, "$#,##0");
    else if (k > 0)
        snprintf(out, n, "#,##0 \"%s\"", code);
    else
        snprintf(out, n, "#,##0");
}

static void make_formats(book *b, const cap_model *m)
{
    char money[48];
    money_format(m, money, sizeof money);
    b->fmt[K_TEXT] = NULL;
    b->fmt[K_INT] = new_format(b, "0");
    b->fmt[K_ONE] = new_format(b, "0.0");
    b->fmt[K_TWO] = new_format(b, "0.00");
    b->fmt[K_PCT] = new_format(b, "0.0%");
    b->fmt[K_MONEY] = new_format(b, money);
    b->header = new_format(b, NULL);
    b->gap = new_format(b, NULL);
    if (b->code != CAP_OK)
        return;
    format_set_bold(b->header);
    format_set_bottom(b->header, LXW_BORDER_THIN);
    format_set_bg_color(b->gap, 0xFFC7CE);   /* Excel's "light red fill" */
    format_set_font_color(b->gap, 0x9C0006);
}

/* Adds a sheet with its bold header row, column widths and formats, and
 * the header frozen.  NULL after a failure. */
static lxw_worksheet *add_sheet(book *b, const char *name,
                                const column *cols, lxw_col_t ncols)
{
    lxw_worksheet *ws = NULL;
    if (b->code != CAP_OK)
        return NULL;
    check_sheet(b, workbook_validate_sheet_name(b->wb, name), name, "name");
    if (b->code == CAP_OK && !(ws = workbook_add_worksheet(b->wb, name)))
        check_sheet(b, LXW_ERROR_MEMORY_MALLOC_FAILED, name, "creation");
    for (lxw_col_t c = 0; c < ncols && b->code == CAP_OK; c++) {
        put_text(b, ws, 0, c, cols[c].title, b->header);
        check_sheet(b, worksheet_set_column(ws, c, c, cols[c].width,
                                            b->fmt[cols[c].kind]),
                    name, "column widths");
    }
    if (b->code != CAP_OK)
        return NULL;
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* An autofilter over the header and the data rows 1..last_row. */
static void finish_table(book *b, lxw_worksheet *ws, lxw_row_t last_row,
                         lxw_col_t ncols)
{
    if (b->code == CAP_OK)
        check_sheet(b, worksheet_autofilter(ws, 0, 0, last_row, ncols - 1),
                    ws->name, "autofilter");
}

static void date_text(cap_date d, char *out, size_t n)
{
    snprintf(out, n, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static const char *or_none(const char *text)
{
    return text && *text ? text : "(none)";
}

static void set_properties(book *b, const cap_portfolio *p,
                           const cap_model *m, const cap_run_info *info)
{
    char title[] = "capplan staffing", author[] = "capplan";
    char subject[sizeof p->name], company[sizeof m->name], comments[96];
    lxw_doc_properties props = {0};
    snprintf(subject, sizeof subject, "%s", p->name);
    snprintf(company, sizeof company, "%s", m->name);
    snprintf(comments, sizeof comments, "capplan %s",
             info->version ? info->version : "");
    props.title = title;
    props.subject = subject;
    props.author = author;
    props.company = company;
    props.comments = comments;
    props.created = info->deterministic ? FIXED_CREATED : 0; /* 0: now */
    if (b->code == CAP_OK)
        check_sheet(b, workbook_set_properties(b->wb, &props), "workbook",
                    "document properties");
}

/* ---- Summary ---------------------------------------------------------- */

enum { S_PARTNER, S_NAME, S_CHANNEL, S_ROLE, S_TIER, S_CUSTOMERS,
       S_LOCALIZED, S_SHIFTS, S_FTE_LOW, S_FTE_HIGH, S_MINIMUM, S_FLOOR,
       S_RULE, S_RECOMMENDED, S_REQUESTED, S_STAFFED, S_BINDING, S_COST,
       S_PER_FTE, S_WARNINGS, S_COLS };

static const column summary_columns[S_COLS] = {
    [S_PARTNER] = {"Partner", 16, K_TEXT},
    [S_NAME] = {"Name", 28, K_TEXT},
    [S_CHANNEL] = {"Channel", 12, K_TEXT},
    [S_ROLE] = {"Role", 8, K_TEXT},
    [S_TIER] = {"Tier", 17, K_TEXT},
    [S_CUSTOMERS] = {"Customers", 11, K_INT},
    [S_LOCALIZED] = {"Localized", 10, K_TEXT},
    [S_SHIFTS] = {"Shifts", 8, K_INT},
    [S_FTE_LOW] = {"FTE low", 9, K_ONE},
    [S_FTE_HIGH] = {"FTE high", 9, K_ONE},
    [S_MINIMUM] = {"Plan minimum", 13, K_ONE},
    [S_FLOOR] = {"Coverage floor", 14, K_ONE},
    [S_RULE] = {"Rule FTE", 10, K_ONE},
    [S_RECOMMENDED] = {"Recommended FTE", 17, K_ONE},
    [S_REQUESTED] = {"Requested FTE", 15, K_ONE},
    [S_STAFFED] = {"Staffed FTE", 12, K_ONE},
    [S_BINDING] = {"Binding", 14, K_TEXT},
    [S_COST] = {"Annual cost", 14, K_MONEY},
    [S_PER_FTE] = {"Customers per FTE", 18, K_ONE},
    [S_WARNINGS] = {"Warnings", 60, K_TEXT},
};

typedef struct {
    double fte, cost; /* sums of the written values, in row order */
} totals;

static void join_warnings(const cap_role_staffing *rs, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (int w = 0; w < rs->warning_count && w < CAP_WARNINGS_MAX; w++) {
        if (used >= n)
            break;
        used += (size_t)snprintf(out + used, n - used, "%s%.*s",
                                 w ? "; " : "", (int)sizeof rs->warnings[w],
                                 rs->warnings[w]);
    }
}

/* =IF(P2>0,F2/P2,0): customers per staffed FTE, 0 without staff. */
static void per_fte(book *b, lxw_worksheet *ws, lxw_row_t row,
                    double customers, double fte)
{
    char n[LXW_MAX_CELL_NAME_LENGTH], d[LXW_MAX_CELL_NAME_LENGTH];
    char formula[64];
    lxw_rowcol_to_cell(n, row, S_CUSTOMERS);
    lxw_rowcol_to_cell(d, row, S_STAFFED);
    snprintf(formula, sizeof formula, "=IF(%s>0,%s/%s,0)", d, n, d);
    put_formula(b, ws, row, S_PER_FTE, formula, b->fmt[K_ONE],
                fte > 0 ? customers / fte : 0);
}

static void summary_row(book *b, lxw_worksheet *ws, lxw_row_t row,
                        const cap_partner_staffing *ps, cap_role r,
                        totals *t)
{
    const cap_role_staffing *rs = &ps->role[r];
    lxw_format *one = b->fmt[K_ONE];
    char warnings[CAP_WARNINGS_MAX * (sizeof rs->warnings[0] + 2)];
    put_text(b, ws, row, S_PARTNER, ps->partner->id, NULL);
    put_text(b, ws, row, S_NAME, ps->partner->name, NULL);
    put_text(b, ws, row, S_CHANNEL, cap_channel_name(ps->partner->channel),
             NULL);
    put_text(b, ws, row, S_ROLE, cap_role_label(r), NULL);
    put_text(b, ws, row, S_TIER, cap_plan_name(rs->tier), NULL);
    double customers = put_num(b, ws, row, S_CUSTOMERS, rs->customers,
                               b->fmt[K_INT]);
    put_text(b, ws, row, S_LOCALIZED, rs->localized ? "yes" : "no", NULL);
    put_num(b, ws, row, S_SHIFTS, rs->shifts, b->fmt[K_INT]);
    put_num(b, ws, row, S_FTE_LOW, rs->fte_low, one);
    put_num(b, ws, row, S_FTE_HIGH, rs->fte_high, one);
    put_num(b, ws, row, S_MINIMUM, rs->plan_minimum, one);
    put_num(b, ws, row, S_FLOOR, rs->coverage_floor, one);
    put_num(b, ws, row, S_RULE, rs->fte_rule, one);
    put_num(b, ws, row, S_RECOMMENDED, rs->fte_recommended, one);
    if (rs->fte_requested >= 0)
        put_num(b, ws, row, S_REQUESTED, rs->fte_requested, one);
    else
        put_blank(b, ws, row, S_REQUESTED, one);
    double fte = put_num(b, ws, row, S_STAFFED, rs->fte, one);
    put_text(b, ws, row, S_BINDING, cap_binding_name(rs->binding), NULL);
    t->cost += put_num(b, ws, row, S_COST, rs->annual_cost, b->fmt[K_MONEY]);
    t->fte += fte;
    per_fte(b, ws, row, customers, fte);
    join_warnings(rs, warnings, sizeof warnings);
    put_text(b, ws, row, S_WARNINGS, warnings, NULL);
}

/* The Total row under the data rows 1..row-1. */
static void summary_total(book *b, lxw_worksheet *ws, lxw_row_t row,
                          const totals *t)
{
    put_text(b, ws, row, S_PARTNER, "Total", b->header);
    if (row == 1) { /* no data rows: nothing to sum */
        put_num(b, ws, row, S_STAFFED, 0, b->fmt[K_ONE]);
        put_num(b, ws, row, S_COST, 0, b->fmt[K_MONEY]);
        return;
    }
    put_sum(b, ws, row, S_STAFFED, 1, S_STAFFED, row - 1, S_STAFFED,
            b->fmt[K_ONE], t->fte);
    put_sum(b, ws, row, S_COST, 1, S_COST, row - 1, S_COST, b->fmt[K_MONEY],
            t->cost);
}

static void sheet_summary(book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = add_sheet(b, "Summary", summary_columns, S_COLS);
    totals t = {0, 0};
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active)
                summary_row(b, ws, row++, &s->partners[i], (cap_role)r, &t);
    finish_table(b, ws, row - 1, S_COLS);
    summary_total(b, ws, row, &t);
}

/* ---- Coverage --------------------------------------------------------- */

enum { C_PARTNER, C_ROLE, C_DAY, C_HOUR, C_REQUIRED, C_PRESENT, C_GAP,
       C_COLS };

static const column coverage_columns[C_COLS] = {
    [C_PARTNER] = {"Partner", 16, K_TEXT},
    [C_ROLE] = {"Role", 8, K_TEXT},
    [C_DAY] = {"Day", 6, K_TEXT},
    [C_HOUR] = {"Hour (UTC)", 11, K_INT},
    [C_REQUIRED] = {"Required", 10, K_INT},
    [C_PRESENT] = {"Present", 9, K_ONE},
    [C_GAP] = {"Gap", 6, K_INT},
};

/* =IF(AND(E2=1,F2<=0),1,0): a window hour with nobody on shift. */
static void gap_cell(book *b, lxw_worksheet *ws, lxw_row_t row,
                     double required, double present)
{
    char e[LXW_MAX_CELL_NAME_LENGTH], f[LXW_MAX_CELL_NAME_LENGTH];
    char formula[64];
    lxw_rowcol_to_cell(e, row, C_REQUIRED);
    lxw_rowcol_to_cell(f, row, C_PRESENT);
    snprintf(formula, sizeof formula, "=IF(AND(%s=1,%s<=0),1,0)", e, f);
    put_formula(b, ws, row, C_GAP, formula, b->fmt[K_INT],
                required == 1 && present <= 0 ? 1 : 0);
}

/* The 168 hours of one team; returns the next free row. */
static lxw_row_t coverage_rows(book *b, lxw_worksheet *ws, lxw_row_t row,
                               const cap_partner_staffing *ps, cap_role r)
{
    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri",
                                        "Sat", "Sun"};
    const cap_role_staffing *rs = &ps->role[r];
    for (int h = 0; h < CAP_WEEK_HOURS && b->code == CAP_OK; h++, row++) {
        put_text(b, ws, row, C_PARTNER, ps->partner->id, NULL);
        put_text(b, ws, row, C_ROLE, cap_role_label(r), NULL);
        put_text(b, ws, row, C_DAY, days[h / 24], NULL);
        put_num(b, ws, row, C_HOUR, h % 24, b->fmt[K_INT]);
        double required = put_num(b, ws, row, C_REQUIRED,
                                  rs->required[h] ? 1 : 0, b->fmt[K_INT]);
        double present = put_num(b, ws, row, C_PRESENT, rs->present[h],
                                 b->fmt[K_ONE]);
        gap_cell(b, ws, row, required, present);
    }
    return row;
}

/* Colours data rows 1..last_row red where rule holds.  The rule is written
 * for the first data row, and its column reference must be absolute
 * ("=$G2=1"): a relative one would move along with each cell of the row. */
static void highlight_rows(book *b, lxw_worksheet *ws, lxw_row_t last_row,
                           lxw_col_t ncols, char *rule)
{
    lxw_conditional_format cf;
    if (b->code != CAP_OK || last_row < 1)
        return;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = rule; /* libxlsxwriter copies it */
    cf.format = b->gap;
    check_sheet(b, worksheet_conditional_format_range(ws, 1, 0, last_row,
                                                      ncols - 1, &cf),
                ws->name, "row highlighting");
}

/* "=$G2=1" or "=$T2=\"No\"": column col of the first data row equals
 * value (a formula fragment). */
static void equals_rule(char *out, size_t n, lxw_col_t col, const char *value)
{
    char name[LXW_MAX_COL_NAME_LENGTH];
    lxw_col_to_name(name, col, 1); /* 1: absolute, "$G" */
    snprintf(out, n, "=%s2=%s", name, value);
}

/* The note on an "Hour (UTC)" header: which week the hours belong to. */
static void hour_note(book *b, lxw_worksheet *ws, lxw_col_t col,
                      const cap_staffing *s)
{
    char day[16], note[256];
    date_text(s->reference_day, day, sizeof day);
    snprintf(note, sizeof note, "Hours are UTC hours of the week that "
             "starts Monday 00:00 UTC of the reference week (the week of %s, "
             "the quarter's first Wednesday).", day);
    if (b->code == CAP_OK)
        check_cell(b, worksheet_write_comment(ws, 0, col, note), ws, 0, col);
}

static void sheet_coverage(book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = add_sheet(b, "Coverage", coverage_columns, C_COLS);
    lxw_row_t row = 1;
    char rule[32];
    if (!ws)
        return;
    hour_note(b, ws, C_HOUR, s);
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active)
                row = coverage_rows(b, ws, row, &s->partners[i], (cap_role)r);
    finish_table(b, ws, row - 1, C_COLS);
    equals_rule(rule, sizeof rule, C_GAP, "1");
    highlight_rows(b, ws, row - 1, C_COLS, rule);
}

/* ---- Simulation ------------------------------------------------------- */

enum { M_PARTNER, M_ROLE, M_TIER, M_FTE, M_SEVERITY, M_TARGET, M_GOAL,
       M_TICKETS, M_ATTAINMENT, M_CI_LOW, M_CI_HIGH, M_P50, M_P90, M_P99,
       M_UTILIZATION, M_UTIL_HALF, M_BACKLOG, M_GAP, M_ERLANG, M_MEETS,
       M_COLS };

static const column simulation_columns[M_COLS] = {
    [M_PARTNER] = {"Partner", 16, K_TEXT},
    [M_ROLE] = {"Role", 8, K_TEXT},
    [M_TIER] = {"Tier", 17, K_TEXT},
    [M_FTE] = {"Staffed FTE", 12, K_ONE},
    [M_SEVERITY] = {"Severity", 9, K_TEXT},
    [M_TARGET] = {"Target (min)", 12, K_ONE},
    [M_GOAL] = {"Goal", 8, K_PCT},
    [M_TICKETS] = {"Tickets", 10, K_ONE},
    [M_ATTAINMENT] = {"Attainment", 11, K_PCT},
    [M_CI_LOW] = {"CI low", 9, K_PCT},
    [M_CI_HIGH] = {"CI high", 9, K_PCT},
    [M_P50] = {"p50 (min)", 10, K_ONE},
    [M_P90] = {"p90 (min)", 10, K_ONE},
    [M_P99] = {"p99 (min)", 10, K_ONE},
    [M_UTILIZATION] = {"Utilization", 11, K_PCT},
    [M_UTIL_HALF] = {"Utilization CI +/-", 18, K_PCT},
    [M_BACKLOG] = {"Backlog at end", 15, K_ONE},
    [M_GAP] = {"Gap h/week", 11, K_ONE},
    [M_ERLANG] = {"Erlang C attainment", 20, K_PCT},
    [M_MEETS] = {"Meets goal", 11, K_TEXT},
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
static void severity_cells(book *b, lxw_worksheet *ws, lxw_row_t row,
                           const cap_sla_severity *v, int severity)
{
    lxw_format *one = b->fmt[K_ONE], *pct = b->fmt[K_PCT];
    char name[16];
    snprintf(name, sizeof name, "S%d", severity + 1);
    put_text(b, ws, row, M_SEVERITY, name, NULL);
    put_num(b, ws, row, M_TARGET, v->target_minutes, one);
    put_num(b, ws, row, M_GOAL, v->goal, pct);
    put_num(b, ws, row, M_TICKETS, fmax(v->tickets.mean, 0), one);
    if (v->attainment.mean < 0) { /* no tickets of this severity */
        put_text(b, ws, row, M_ATTAINMENT, "no tickets", NULL);
        put_text(b, ws, row, M_MEETS, "n/a", NULL);
        return;
    }
    put_num(b, ws, row, M_ATTAINMENT, v->attainment.mean, pct);
    put_num(b, ws, row, M_CI_LOW,
            clamp01(v->attainment.mean - v->attainment.half), pct);
    put_num(b, ws, row, M_CI_HIGH,
            clamp01(v->attainment.mean + v->attainment.half), pct);
    put_num(b, ws, row, M_P50, v->p50.mean, one);
    put_num(b, ws, row, M_P90, v->p90.mean, one);
    put_num(b, ws, row, M_P99, v->p99.mean, one);
    if (v->erlang_attainment < 0) /* no loaded hour with servers > load */
        put_text(b, ws, row, M_ERLANG, "no stable hour", NULL);
    else
        put_num(b, ws, row, M_ERLANG, v->erlang_attainment, pct);
    put_text(b, ws, row, M_MEETS,
             v->attainment.mean >= v->goal ? "Yes" : "No", NULL);
}

/* One row per severity of one team; returns the next free row.  The
 * team-wide figures (utilization, backlog, gaps) repeat on every row so
 * that each row reads on its own after filtering. */
static lxw_row_t simulation_rows(book *b, lxw_worksheet *ws, lxw_row_t row,
                                 const cap_partner_staffing *ps, cap_role r)
{
    const cap_sla_role *sla = ps->role[r].sla;
    lxw_format *one = b->fmt[K_ONE], *pct = b->fmt[K_PCT];
    for (int v = 0; v < CAP_SEVERITIES && b->code == CAP_OK; v++, row++) {
        put_text(b, ws, row, M_PARTNER, ps->partner->id, NULL);
        put_text(b, ws, row, M_ROLE, cap_role_label(r), NULL);
        put_text(b, ws, row, M_TIER, cap_plan_name(sla->tier), NULL);
        put_num(b, ws, row, M_FTE, sla->fte, one);
        severity_cells(b, ws, row, &sla->severity[v], v);
        put_num(b, ws, row, M_UTILIZATION, sla->utilization.mean, pct);
        put_num(b, ws, row, M_UTIL_HALF, sla->utilization.half, pct);
        put_num(b, ws, row, M_BACKLOG, sla->backlog.mean, one);
        put_num(b, ws, row, M_GAP, sla->gap_hours, one);
    }
    return row;
}

/* The note on "Tickets": what the means and intervals are taken over. */
static void replications_note(book *b, lxw_worksheet *ws,
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
    if (b->code == CAP_OK)
        check_cell(b, worksheet_write_comment(ws, 0, M_TICKETS, note), ws, 0,
                   M_TICKETS);
}

static void sheet_simulation(book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = add_sheet(b, "Simulation", simulation_columns,
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
    finish_table(b, ws, row - 1, M_COLS);
    equals_rule(rule, sizeof rule, M_MEETS, "\"No\"");
    highlight_rows(b, ws, row - 1, M_COLS, rule);
}

/* ---- Erlang C --------------------------------------------------------- */

enum { E_PARTNER, E_ROLE, E_DAY, E_HOUR, E_ARRIVALS, E_HANDLE, E_SERVERS,
       E_LOAD, E_WAIT_PROBABILITY, E_MEAN_WAIT, E_OCCUPANCY, E_STATUS,
       E_COLS };

static const column erlang_columns[E_COLS] = {
    [E_PARTNER] = {"Partner", 16, K_TEXT},
    [E_ROLE] = {"Role", 8, K_TEXT},
    [E_DAY] = {"Day", 6, K_TEXT},
    [E_HOUR] = {"Hour (UTC)", 11, K_TEXT},
    [E_ARRIVALS] = {"Arrivals/h", 11, K_TWO},
    [E_HANDLE] = {"Handle (min)", 13, K_ONE},
    [E_SERVERS] = {"Servers", 9, K_ONE},
    [E_LOAD] = {"Offered load (Erlangs)", 22, K_TWO},
    [E_WAIT_PROBABILITY] = {"P(wait)", 16, K_PCT},
    [E_MEAN_WAIT] = {"Mean wait (min)", 16, K_ONE},
    [E_OCCUPANCY] = {"Occupancy", 11, K_PCT},
    [E_STATUS] = {"Status", 16, K_TEXT},
};

#define UNSTABLE_TEXT "servers <= load"

/* A number, or text where the formula has none: an unstable queue, or an
 * occupancy with nobody present (CAP_ERLANG_UNSTABLE or infinite). */
static void put_num_or(book *b, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, int ok, double x, lxw_format *f)
{
    if (ok && isfinite(x) && x >= 0)
        put_num(b, ws, row, col, x, f);
    else
        put_text(b, ws, row, col, UNSTABLE_TEXT, NULL);
}

static void erlang_row(book *b, lxw_worksheet *ws, lxw_row_t row,
                       const cap_erlang_hour *eh, int hour)
{
    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri",
                                        "Sat", "Sun"};
    const cap_erlang *e = &eh->erlang;
    char clock[8];
    snprintf(clock, sizeof clock, "%02d:00", hour % 24);
    put_text(b, ws, row, E_DAY, days[hour / 24], NULL);
    put_text(b, ws, row, E_HOUR, clock, NULL);
    put_num(b, ws, row, E_ARRIVALS, eh->arrivals_per_hour, b->fmt[K_TWO]);
    put_num(b, ws, row, E_HANDLE, eh->handle_minutes, b->fmt[K_ONE]);
    put_num(b, ws, row, E_SERVERS, eh->servers, b->fmt[K_ONE]);
    put_num(b, ws, row, E_LOAD, e->offered_load, b->fmt[K_TWO]);
    put_num_or(b, ws, row, E_WAIT_PROBABILITY, e->stable,
               e->wait_probability, b->fmt[K_PCT]);
    put_num_or(b, ws, row, E_MEAN_WAIT, e->stable, e->mean_wait,
               b->fmt[K_ONE]);
    put_num_or(b, ws, row, E_OCCUPANCY, 1, e->occupancy, b->fmt[K_PCT]);
    put_text(b, ws, row, E_STATUS, e->stable ? "stable" : UNSTABLE_TEXT,
             NULL);
}

/* The hours of one team, less those with neither work nor staff. */
static lxw_row_t erlang_rows(book *b, lxw_worksheet *ws, lxw_row_t row,
                             const cap_partner_staffing *ps, cap_role r)
{
    const cap_sla_role *sla = ps->role[r].sla;
    for (int h = 0; h < CAP_WEEK_HOURS && b->code == CAP_OK; h++) {
        const cap_erlang_hour *eh = &sla->hour[h];
        if (eh->arrivals_per_hour == 0 && eh->servers == 0)
            continue;
        put_text(b, ws, row, E_PARTNER, ps->partner->id, NULL);
        put_text(b, ws, row, E_ROLE, cap_role_label(r), NULL);
        erlang_row(b, ws, row++, eh, h);
    }
    return row;
}

static void sheet_erlang(book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = add_sheet(b, "Erlang C", erlang_columns, E_COLS);
    lxw_row_t row = 1;
    char rule[40];
    if (!ws)
        return;
    hour_note(b, ws, E_HOUR, s);
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active && s->partners[i].role[r].sla)
                row = erlang_rows(b, ws, row, &s->partners[i], (cap_role)r);
    finish_table(b, ws, row - 1, E_COLS);
    equals_rule(rule, sizeof rule, E_STATUS, "\"" UNSTABLE_TEXT "\"");
    highlight_rows(b, ws, row - 1, E_COLS, rule);
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

static const column responsibility_columns[R_COLS] = {
    [R_PARTNER] = {"Partner", 16, K_TEXT},
    [R_CHANNEL] = {"Channel", 12, K_TEXT},
    [R_CUSTOMERS] = {"Customers", 11, K_INT},
    [R_CUSTOMER_H] = {"Customer h/month", 17, K_ONE},
    [R_PARTNER_H] = {"Partner h/month", 16, K_ONE},
    [R_CSM_H] = {"P-CSM h/month", 14, K_ONE},
    [R_SUPPORT_H] = {"Vendor support h/month", 22, K_ONE},
    [R_TOTAL_H] = {"Total h/month", 14, K_ONE},
    [R_TECHNICAL_H] = {"Technical h/month", 18, K_ONE},
    [R_SERVICE_H] = {"Service hours billed/month", 26, K_ONE},
    [R_SERVICE_COST] = {"Service hours annual cost", 25, K_MONEY},
    [R_TAM_FTE] = {"Option: dedicated P-TAM FTE", 27, K_ONE},
    [R_TAM_COST] = {"Option: P-TAM annual cost", 25, K_MONEY},
    [R_OPTION_H] = {"Option: service h/month", 23, K_ONE},
    [R_OPTION_COST] = {"Option: service hours annual cost", 32, K_MONEY},
    [R_OPTION_MEETS] = {"Service hours meet SLA", 22, K_TEXT},
    [R_CHOICE] = {"Cheaper option meeting SLA", 26, K_TEXT},
};

/* Dedicated P-TAM vs. service hours, only for partners with either. */
static void tam_option_cells(book *b, lxw_worksheet *ws, lxw_row_t row,
                             const cap_tam_options *t)
{
    static const char *const choice[] = {"-", "dedicated P-TAM", "service hours"};
    if (!t->compared)
        return;
    put_num(b, ws, row, R_TAM_FTE, t->dedicated_fte, b->fmt[K_ONE]);
    put_num(b, ws, row, R_TAM_COST, t->dedicated_annual_cost, b->fmt[K_MONEY]);
    put_num(b, ws, row, R_OPTION_H, t->service_hours_month, b->fmt[K_ONE]);
    put_num(b, ws, row, R_OPTION_COST, t->service_annual_cost, b->fmt[K_MONEY]);
    put_text(b, ws, row, R_OPTION_MEETS, t->service_meets_sla ? "yes" : "no", NULL);
    put_text(b, ws, row, R_CHOICE, choice[t->choice], NULL);
}

static void responsibility_row(book *b, lxw_worksheet *ws, lxw_row_t row,
                               const cap_partner_staffing *ps)
{
    lxw_format *one = b->fmt[K_ONE];
    double total = 0;
    put_text(b, ws, row, R_PARTNER, ps->partner->id, NULL);
    put_text(b, ws, row, R_CHANNEL, cap_channel_name(ps->partner->channel),
             NULL);
    put_num(b, ws, row, R_CUSTOMERS, ps->customers, b->fmt[K_INT]);
    for (int q = 0; q < CAP_PARTIES; q++)
        total += put_num(b, ws, row, (lxw_col_t)(R_CUSTOMER_H + q),
                         ps->hours_by_party[q], one);
    put_sum(b, ws, row, R_TOTAL_H, row, R_CUSTOMER_H, row, R_SUPPORT_H, one,
            total);
    put_num(b, ws, row, R_TECHNICAL_H, ps->technical_hours_month, one);
    put_num(b, ws, row, R_SERVICE_H, ps->service_hours_month, one);
    put_num(b, ws, row, R_SERVICE_COST, ps->service_hours_annual_cost,
            b->fmt[K_MONEY]);
    tam_option_cells(b, ws, row, &ps->tam_options);
}

static void sheet_responsibilities(book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = add_sheet(b, "Responsibilities",
                                  responsibility_columns, R_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        responsibility_row(b, ws, row++, &s->partners[i]);
    finish_table(b, ws, row - 1, R_COLS);
}

/* ---- Assumptions ------------------------------------------------------ */

enum { A_SECTION, A_KEY, A_VALUE, A_COLS };

static const column assumption_columns[A_COLS] = {
    [A_SECTION] = {"Section", 22, K_TEXT},
    [A_KEY] = {"Key", 34, K_TEXT},
    [A_VALUE] = {"Value", 48, K_TEXT},
};

/* A value is text, or a number when text is NULL. */
typedef struct {
    const char *key, *text;
    double number;
} run_item;

static void put_assumption(book *b, lxw_worksheet *ws, lxw_row_t row,
                           const char *section, const run_item *item)
{
    put_text(b, ws, row, A_SECTION, section, NULL);
    put_text(b, ws, row, A_KEY, item->key, NULL);
    if (item->text)
        put_text(b, ws, row, A_VALUE, item->text, NULL);
    else
        put_num(b, ws, row, A_VALUE, item->number, NULL);
}

/* The run: program, inputs, horizon, simulation.  Returns the next row. */
static lxw_row_t run_rows(book *b, lxw_worksheet *ws, const cap_staffing *s,
                          const cap_portfolio *p, const cap_model *m,
                          const cap_run_info *info)
{
    char start[16], sized[16], refday[16], seed[24];
    date_text(p->start, start, sizeof start);
    date_text(s->quarter_start, sized, sizeof sized);
    date_text(s->reference_day, refday, sizeof refday);
    snprintf(seed, sizeof seed, "%lu", info->seed); /* text: > 2^53 */
    const run_item items[] = {
        {"program version", or_none(info->version), 0},
        {"model source", or_none(info->model_source ? info->model_source
                                                    : m->source), 0},
        {"portfolio file", or_none(p->ini_path), 0},
        {"customers file", or_none(p->csv_path), 0},
        {"portfolio name", p->name, 0},
        {"horizon start", start, 0},
        {"quarters", NULL, p->quarters},
        {"quarter sized", sized, 0},
        {"reference day", refday, 0},
        {"simulated", info->simulated ? "yes" : "no", 0},
        {"replications", NULL, info->replications},
        {"seed", seed, 0},
    };
    lxw_row_t row = 1;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        put_assumption(b, ws, row++, "run", &items[i]);
    return row;
}

static void sheet_assumptions(book *b, const cap_staffing *s,
                              const cap_portfolio *p, const cap_model *m,
                              const cap_run_info *info)
{
    lxw_worksheet *ws = add_sheet(b, "Assumptions", assumption_columns,
                                  A_COLS);
    if (!ws)
        return;
    lxw_row_t row = run_rows(b, ws, s, p, m, info);
    for (size_t i = 0; i < m->param_count && b->code == CAP_OK; i++) {
        const cap_param *param = &m->params[i];
        run_item item = {param->key, param->value, 0}; /* as read */
        put_assumption(b, ws, row++, param->section, &item);
    }
    finish_table(b, ws, row - 1, A_COLS);
}

/* ---- the file: temporary name, close, rename -------------------------- */

/* DIR/.NAME.tmp.PID beside path, so the final rename() stays inside one
 * file system and is atomic. */
static cap_status temp_name(const char *path, char *out, size_t n,
                            cap_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int len;
    if (!*base)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "not a file name");
    len = snprintf(out, n, "%.*s.%s.tmp.%ld", (int)(base - path), path, base,
                   (long)getpid());
    if (len < 0 || (size_t)len >= n)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "path is too long");
    return CAP_OK;
}

/* Creates the temporary file exclusively before libxlsxwriter rewrites it:
 * an unwritable folder is reported at once (libxlsxwriter would only find
 * out in workbook_close), and the file removed on failure is surely ours. */
static cap_status reserve(const char *tmp, const char *path, cap_error *err)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0 || close(fd) != 0)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "cannot create the temporary file %s: %s", tmp,
                             strerror(errno));
    return CAP_OK;
}

/* Closes the workbook (which also frees it) and renames the temporary file
 * onto path; on any failure removes the temporary file instead. */
static cap_status commit(book *b, const char *tmp, const char *path,
                         cap_error *err)
{
    lxw_error closed = workbook_close(b->wb);
    b->wb = NULL;
    if (closed != LXW_NO_ERROR)
        fail(b, CAP_ERR_OUTPUT, "cannot write: %s", lxw_strerror(closed));
    if (b->code == CAP_OK && rename(tmp, path) != 0)
        fail(b, CAP_ERR_OUTPUT, "cannot write: %s", strerror(errno));
    if (b->code == CAP_OK)
        return CAP_OK;
    unlink(tmp); /* nothing more to do if this fails too */
    return cap_error_set(err, b->code, path, 0, NULL, "%s", b->message);
}

cap_status cap_workbook_staffing(const char *path, const cap_staffing *s,
                                 const cap_portfolio *p, const cap_model *m,
                                 const cap_run_info *info, cap_error *err)
{
    static const cap_run_info no_info = {0};
    char tmp[4096];
    book b;
    cap_status st = temp_name(path, tmp, sizeof tmp, err);
    if (st == CAP_OK)
        st = reserve(tmp, path, err);
    if (st != CAP_OK)
        return st;
    memset(&b, 0, sizeof b);
    b.code = CAP_OK;
    b.wb = workbook_new(tmp);
    if (!b.wb) {
        unlink(tmp);
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "cannot start a workbook: %s",
                             lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
    }
    if (!info)
        info = &no_info;
    make_formats(&b, m);
    set_properties(&b, p, m, info);
    sheet_summary(&b, s);
    sheet_coverage(&b, s);
    if (any_simulated(s)) { /* a rules-only run has nothing to show */
        sheet_simulation(&b, s);
        sheet_erlang(&b, s);
    }
    sheet_responsibilities(&b, s);
    sheet_assumptions(&b, s, p, m, info);
    return commit(&b, tmp, path, err);
}
