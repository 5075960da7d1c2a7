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

/* 2000-01-01T00:00:00Z: the creation date of reproducible files. */
#define FIXED_CREATED ((time_t)946684800)

/* The number format of a column. */
typedef enum { K_TEXT, K_INT, K_ONE, K_MONEY, K_KINDS } kind;

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

/* Red rows where Gap = 1 (the rule is relative to the first data row). */
static void highlight_gaps(book *b, lxw_worksheet *ws, lxw_row_t last_row)
{
    char col[LXW_MAX_COL_NAME_LENGTH], rule[32];
    lxw_conditional_format cf;
    if (b->code != CAP_OK || last_row < 1)
        return;
    lxw_col_to_name(col, C_GAP, 1);
    snprintf(rule, sizeof rule, "=%s2=1", col);
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = rule;
    cf.format = b->gap;
    check_sheet(b, worksheet_conditional_format_range(ws, 1, 0, last_row,
                                                      C_COLS - 1, &cf),
                ws->name, "gap highlighting");
}

/* The note on "Hour (UTC)": which week the hours belong to. */
static void hour_note(book *b, lxw_worksheet *ws, const cap_staffing *s)
{
    char day[16], note[256];
    date_text(s->reference_day, day, sizeof day);
    snprintf(note, sizeof note, "Hours are UTC hours of the week that "
             "starts Monday 00:00 UTC of the reference week (the week of %s, "
             "the quarter's first Wednesday).", day);
    if (b->code == CAP_OK)
        check_cell(b, worksheet_write_comment(ws, 0, C_HOUR, note), ws, 0,
                   C_HOUR);
}

static void sheet_coverage(book *b, const cap_staffing *s)
{
    lxw_worksheet *ws = add_sheet(b, "Coverage", coverage_columns, C_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    hour_note(b, ws, s);
    for (size_t i = 0; i < s->partner_count && b->code == CAP_OK; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active)
                row = coverage_rows(b, ws, row, &s->partners[i], (cap_role)r);
    finish_table(b, ws, row - 1, C_COLS);
    highlight_gaps(b, ws, row - 1);
}

/* ---- Responsibilities ------------------------------------------------- */

enum { R_PARTNER, R_CHANNEL, R_CUSTOMERS, R_CUSTOMER_H, R_PARTNER_H,
       R_CSM_H, R_SUPPORT_H, R_TOTAL_H, R_TECHNICAL_H, R_SERVICE_H,
       R_SERVICE_COST, R_COLS };

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
};

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
    sheet_responsibilities(&b, s);
    sheet_assumptions(&b, s, p, m, info);
    return commit(&b, tmp, path, err);
}
