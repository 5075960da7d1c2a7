/* xlsx.c - the checked layer under the workbook writers (see xlsx.h). */
#include "xlsx.h"

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

#include "cost.h"

/* 2000-01-01T00:00:00Z: the creation date of reproducible files. */
#define FIXED_CREATED ((time_t)946684800)

/* What a run without a cap_run_info records: no version, not simulated. */
static const cap_run_info no_info = {0};

/* ---- sticky errors and checked writes -------------------------------- */

/* Records the first failure; later ones are its consequences. */
void cap_book_fail(cap_book *b, cap_status code, const char *fmt, ...)
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

void cap_book_check_cell(cap_book *b, lxw_error e, const lxw_worksheet *ws,
                       lxw_row_t row, lxw_col_t col)
{
    char where[96];
    if (e == LXW_NO_ERROR)
        return;
    cell_name(where, sizeof where, ws, row, col);
    cap_book_fail(b, CAP_ERR_OUTPUT, "cannot write %s: %s", where, lxw_strerror(e));
}

/* A failure that concerns a whole sheet (what: "autofilter", ...). */
void cap_book_check_sheet(cap_book *b, lxw_error e, const char *sheet,
                        const char *what)
{
    if (e != LXW_NO_ERROR)
        cap_book_fail(b, CAP_ERR_OUTPUT, "cannot write the %s of sheet %s: %s", what,
             sheet, lxw_strerror(e));
}

/* The value a reader of the file sees (see the header comment). */
static double as_written(double x)
{
    char text[40];
    snprintf(text, sizeof text, "%.16G", x);
    return strtod(text, NULL);
}

/* Characters (not bytes) of UTF-8 text: the unit of a column width. */
static size_t characters(const char *text)
{
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        n += (*c & 0xC0) != 0x80; /* not a continuation byte */
    return n;
}

/* Remembers the longest text of a data cell of the sheet being written. */
static void track_text(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, const char *text)
{
    if (ws != b->ws || row == 0 || col >= CAP_BOOK_TRACKED_COLS)
        return;
    size_t n = characters(text);
    if (n > b->longest[col])
        b->longest[col] = n;
}

void cap_book_text(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                     lxw_col_t col, const char *text, lxw_format *f)
{
    track_text(b, ws, row, col, text);
    if (b->code == CAP_OK)
        cap_book_check_cell(b, worksheet_write_string(ws, row, col, text, f), ws, row,
                   col);
}

void cap_book_note(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                   lxw_col_t col, const char *text)
{
    if (b->code == CAP_OK)
        cap_book_check_cell(b, worksheet_write_string(ws, row, col, text, NULL),
                            ws, row, col);
}

double cap_book_num(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, double x, lxw_format *f)
{
    char where[96];
    if (b->code != CAP_OK)
        return 0;
    if (!isfinite(x)) { /* Excel cannot hold NaN or infinity */
        cell_name(where, sizeof where, ws, row, col);
        cap_book_fail(b, CAP_ERR_INTERNAL, "cannot write %s: %g is not a number a "
             "spreadsheet can hold", where, x);
        return 0;
    }
    cap_book_check_cell(b, worksheet_write_number(ws, row, col, x, f), ws, row, col);
    return as_written(x);
}

void cap_book_blank(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, lxw_format *f)
{
    if (b->code == CAP_OK)
        cap_book_check_cell(b, worksheet_write_blank(ws, row, col, f), ws, row, col);
}

void cap_book_formula(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const char *formula, lxw_format *f,
                        double cached)
{
    if (b->code == CAP_OK)
        cap_book_check_cell(b, worksheet_write_formula_num(ws, row, col, formula, f,
                                                  cached), ws, row, col);
}

/* =SUM over a range, with the sum of the written values as cached value
 * (added in range order, as a spreadsheet does). */
void cap_book_sum(cap_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1,
                    lxw_format *f, double cached)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH], formula[64];
    lxw_rowcol_to_range(range, r0, c0, r1, c1);
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    cap_book_formula(b, ws, row, col, formula, f, cached);
}

/* ---- formats, sheets, properties ------------------------------------- */

static lxw_format *new_format(cap_book *b, const char *num_format)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f) {
        cap_book_fail(b, CAP_ERR_OUTPUT, "cannot add a cell format: %s",
             lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return NULL;
    }
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

/* "$#,##0" for USD, else '#,##0 "EUR"' (only letters and digits of the
 * currency code are kept, so it cannot break the format string); cents
 * adds ".00". */
static void money_format(const cap_model *m, int cents, char *out,
                         size_t n)
{
    const char *digits = cents ? "#,##0.00" : "#,##0";
    char code[sizeof m->currency];
    size_t k = 0;
    for (const char *c = m->currency; *c && k + 1 < sizeof code; c++)
        if (isalnum((unsigned char)*c))
            code[k++] = *c;
    code[k] = '\0';
    if (strcmp(code, "USD") == 0)
        snprintf(out, n, "$%s", digits);
    else if (k > 0)
        snprintf(out, n, "%s \"%s\"", digits, code);
    else
        snprintf(out, n, "%s", digits);
}

static void make_formats(cap_book *b, const cap_model *m)
{
    char money[48], cents[48];
    money_format(m, 0, money, sizeof money);
    money_format(m, 1, cents, sizeof cents);
    snprintf(b->money_format, sizeof b->money_format, "%s", money);
    const char *number[CAP_FMT_KINDS] = {
        [CAP_FMT_TEXT] = NULL, [CAP_FMT_INT] = "0", [CAP_FMT_ONE] = "0.0",
        [CAP_FMT_TWO] = "0.00", [CAP_FMT_PCT] = "0.0%",
        [CAP_FMT_MONEY] = money, [CAP_FMT_CENTS] = cents};
    for (int k = 0; k < CAP_FMT_KINDS; k++) {
        b->fmt[k] = k == CAP_FMT_TEXT ? NULL : new_format(b, number[k]);
        b->fmt_input[k] = new_format(b, number[k]);
        if (b->fmt_input[k])
            format_set_bg_color(b->fmt_input[k], 0xFFF2CC); /* an input */
    }
    b->header = new_format(b, NULL);
    b->bold = new_format(b, NULL);
    b->gap = new_format(b, NULL);
    if (b->code != CAP_OK)
        return;
    format_set_bold(b->header);
    format_set_bottom(b->header, LXW_BORDER_THIN);
    format_set_text_wrap(b->header);
    format_set_bold(b->bold);
    format_set_bg_color(b->gap, 0xFFC7CE);   /* Excel's "light red fill" */
    format_set_font_color(b->gap, 0x9C0006);
}

int cap_header_lines(const char *title, double width)
{
    size_t room = width > CAP_HEADER_PAD ? (size_t)(width - CAP_HEADER_PAD)
                                         : 1;
    size_t used = 0; /* characters on the current line */
    int lines = 1;
    const char *c = title;
    while (*c) {
        size_t word = strcspn(c, " ");
        char one[128];
        snprintf(one, sizeof one, "%.*s", (int)word, c);
        size_t n = characters(one);
        if (used > 0 && used + 1 + n > room) {
            lines++;
            used = n;
        } else {
            used += (used > 0) + n;
        }
        c += word;
        c += strspn(c, " ");
    }
    return lines;
}

/* The width column c needs: declared, or its longest header word. */
static double header_width(const cap_column *c)
{
    double width = c->width;
    const char *w = c->title;
    while (*w) {
        size_t len = strcspn(w, " ");
        char one[128];
        snprintf(one, sizeof one, "%.*s", (int)len, w);
        double need = (double)characters(one) + CAP_HEADER_PAD;
        if (need > width)
            width = need;
        w += len;
        w += strspn(w, " ");
    }
    return width;
}

void cap_book_header(cap_book *b, lxw_worksheet *ws, lxw_col_t col,
                     const cap_column *c)
{
    double width = header_width(c);
    int lines = cap_header_lines(c->title, width);
    cap_book_text(b, ws, 0, col, c->title, b->header);
    if (b->code != CAP_OK)
        return;
    cap_book_check_sheet(b, worksheet_set_column(ws, col, col, width,
                                                 b->fmt[c->kind]),
                         ws->name, "column widths");
    if (ws == b->ws && col < CAP_BOOK_TRACKED_COLS) {
        b->width[col] = width;
        b->col_fmt[col] = c->kind == CAP_FMT_TEXT ? NULL : b->fmt[c->kind];
        b->longest[col] = 0;
    }
    if (ws == b->ws && lines > b->header_lines) {
        b->header_lines = lines;
        cap_book_check_sheet(b, worksheet_set_row(ws, 0,
                                 lines * CAP_HEADER_LINE_POINTS, NULL),
                             ws->name, "header height");
    }
}

/* Widens the columns of the sheet just written whose texts are longer
 * than their declared width (a long partner id, "servers <= load"). */
static void fit_columns(cap_book *b)
{
    for (lxw_col_t c = 0; b->ws && c < CAP_BOOK_TRACKED_COLS; c++) {
        double need = (double)b->longest[c] + 1;
        if (need > CAP_TEXT_WIDTH_MAX)
            need = CAP_TEXT_WIDTH_MAX;
        if (b->width[c] <= 0 || need <= b->width[c] || b->code != CAP_OK)
            continue;
        cap_book_check_sheet(b, worksheet_set_column(b->ws, c, c, need,
                                                     b->col_fmt[c]),
                             b->ws->name, "column widths");
    }
    b->ws = NULL;
}

/* Printed as a reader expects a wide table: landscape, with the header
 * row and the first column (the partner) on every page. */
static void page_setup(cap_book *b, lxw_worksheet *ws)
{
    worksheet_set_landscape(ws);
    cap_book_check_sheet(b, worksheet_repeat_rows(ws, 0, 0), ws->name,
                         "print titles");
    cap_book_check_sheet(b, worksheet_repeat_columns(ws, 0, 0), ws->name,
                         "print titles");
}

lxw_worksheet *cap_book_sheet(cap_book *b, const char *name,
                                const cap_column *cols, lxw_col_t ncols)
{
    lxw_worksheet *ws = NULL;
    fit_columns(b);
    if (b->code != CAP_OK)
        return NULL;
    cap_book_check_sheet(b, workbook_validate_sheet_name(b->wb, name), name, "name");
    if (b->code == CAP_OK && !(ws = workbook_add_worksheet(b->wb, name)))
        cap_book_check_sheet(b, LXW_ERROR_MEMORY_MALLOC_FAILED, name, "creation");
    if (b->code != CAP_OK)
        return NULL;
    b->ws = ws;
    b->header_lines = 1;
    memset(b->width, 0, sizeof b->width);
    memset(b->longest, 0, sizeof b->longest);
    for (lxw_col_t c = 0; c < ncols && b->code == CAP_OK; c++)
        cap_book_header(b, ws, c, &cols[c]);
    if (b->code != CAP_OK)
        return NULL;
    worksheet_freeze_panes(ws, 1, 0);
    page_setup(b, ws);
    return ws;
}

/* An autofilter over the header and the data rows 1..last_row. */
void cap_book_table(cap_book *b, lxw_worksheet *ws, lxw_row_t last_row,
                         lxw_col_t ncols)
{
    if (b->code == CAP_OK)
        cap_book_check_sheet(b, worksheet_autofilter(ws, 0, 0, last_row, ncols - 1),
                    ws->name, "autofilter");
}

void cap_book_date(cap_date d, char *out, size_t n)
{
    snprintf(out, n, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static const char *or_none(const char *text)
{
    return text && *text ? text : "(none)";
}

static void set_properties(cap_book *b, const char *book_title,
                           const cap_portfolio *p, const cap_model *m,
                           const cap_run_info *info)
{
    char title[64], author[] = "capplan";
    char subject[sizeof p->name], company[sizeof m->name], comments[96];
    lxw_doc_properties props = {0};
    snprintf(title, sizeof title, "%s", book_title);
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
        cap_book_check_sheet(b, workbook_set_properties(b->wb, &props), "workbook",
                    "document properties");
}

/* ---- Assumptions ------------------------------------------------------ */

enum { A_SECTION, A_KEY, A_VALUE, A_COLS };

static const cap_column assumption_columns[A_COLS] = {
    [A_SECTION] = {"Section", 22, CAP_FMT_TEXT},
    [A_KEY] = {"Key", 34, CAP_FMT_TEXT},
    [A_VALUE] = {"Value", 48, CAP_FMT_TEXT},
};

/* A value is text, or a number when text is NULL. */
typedef struct {
    const char *key, *text;
    double number;
} run_item;

static void put_assumption(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                           const char *section, const run_item *item)
{
    cap_book_text(b, ws, row, A_SECTION, section, NULL);
    cap_book_text(b, ws, row, A_KEY, item->key, NULL);
    if (item->text)
        cap_book_text(b, ws, row, A_VALUE, item->text, NULL);
    else
        cap_book_num(b, ws, row, A_VALUE, item->number, NULL);
}

/* "February: FY2028 = 2027-02-01 to 2028-01-31" for a horizon labelled by
 * fiscal years; "" for calendar quarters. */
static void fiscal_year_text(const cap_portfolio *p, char *out, size_t n)
{
    static const char *const months[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    char label[24], from[16], to[16];
    out[0] = '\0';
    if (p->year_month <= 1) /* calendar quarters (0: a zeroed portfolio) */
        return;
    cap_date next = cap_month_add(p->start, 12);
    cap_quarter_label(p->start, p->year_month, label);
    cap_book_date(p->start, from, sizeof from);
    cap_book_date(cap_civil_from_days(cap_days_from_civil(next.year,
                                                          next.month, 1) - 1),
                  to, sizeof to);
    snprintf(out, n, "%s: %.6s = %s to %s", months[p->year_month - 1], label,
             from, to);
}

/* The run: program, inputs, horizon, simulation.  Returns the next row. */
static lxw_row_t run_rows(cap_book *b, lxw_worksheet *ws, const cap_staffing *s,
                          const cap_portfolio *p, const cap_model *m,
                          const cap_run_info *info)
{
    char start[16], sized[40] = "every quarter", seed[24], fiscal[96];
    char refday[40] = "each quarter's first Wednesday";
    cap_book_date(p->start, start, sizeof start);
    fiscal_year_text(p, fiscal, sizeof fiscal);
    if (s) {
        cap_book_date(s->quarter_start, sized, sizeof sized);
        cap_book_date(s->reference_day, refday, sizeof refday);
    }
    snprintf(seed, sizeof seed, "%lu", info->seed); /* text: > 2^53 */
    const run_item items[] = {
        {"program version", or_none(info->version), 0},
        {"model source", or_none(info->model_source ? info->model_source
                                                    : m->source), 0},
        {"portfolio file", or_none(p->ini_path), 0},
        {"customers file", or_none(p->csv_path), 0},
        {"portfolio name", p->name, 0},
        {"horizon start", start, 0},
        {*fiscal ? "fiscal year starts" : NULL, fiscal, 0}, /* calendar: no row */
        {"quarters", NULL, p->quarters},
        {"quarter sized", sized, 0},
        {"reference day", refday, 0},
        {"simulated", cap_yes_no(info->simulated), 0},
        {"replications", NULL, info->replications},
        {"seed", seed, 0},
    };
    lxw_row_t row = 1;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (items[i].key)
            put_assumption(b, ws, row++, "run", &items[i]);
    return row;
}

void cap_book_assumptions(cap_book *b, const cap_staffing *s,
                          const cap_portfolio *p, const cap_model *m,
                          const cap_run_info *info)
{
    lxw_worksheet *ws = cap_book_sheet(b, "Assumptions", assumption_columns,
                                       A_COLS);
    if (!info)
        info = &no_info;
    if (!ws)
        return;
    lxw_row_t row = run_rows(b, ws, s, p, m, info);
    for (size_t i = 0; i < m->param_count && b->code == CAP_OK; i++) {
        const cap_param *param = &m->params[i];
        run_item item = {param->key, param->value, 0}; /* as read */
        put_assumption(b, ws, row++, param->section, &item);
    }
    cap_book_table(b, ws, row - 1, A_COLS);
}


/* ---- more cells, names, charts ---------------------------------------- */

void cap_book_comment(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, const char *note)
{
    if (b->code == CAP_OK)
        cap_book_check_cell(b, worksheet_write_comment(ws, row, col, note), ws,
                            row, col);
}

void cap_book_formula_text(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                           lxw_col_t col, const char *formula,
                           lxw_format *f, const char *cached)
{
    if (b->code == CAP_OK)
        cap_book_check_cell(b, worksheet_write_formula_str(ws, row, col, formula, f,
                                                  cached), ws, row, col);
}

void cap_book_cell(char out[LXW_MAX_CELL_NAME_LENGTH], lxw_row_t row,
                   lxw_col_t col, int absolute)
{
    if (absolute)
        lxw_rowcol_to_cell_abs(out, row, col, 1, 1);
    else
        lxw_rowcol_to_cell(out, row, col);
}

void cap_book_name(cap_book *b, const char *name, lxw_worksheet *ws,
                   lxw_row_t row, lxw_col_t col)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH], formula[128];
    if (b->code != CAP_OK)
        return;
    cap_book_cell(cell, row, col, 1);
    snprintf(formula, sizeof formula, "=%s!%s", ws->name, cell);
    cap_book_check_sheet(b, workbook_define_name(b->wb, name, formula), ws->name,
                "defined name");
}

lxw_chart *cap_book_chart(cap_book *b, uint8_t type)
{
    lxw_chart *chart = b->code == CAP_OK ? workbook_add_chart(b->wb, type)
                                         : NULL;
    if (!chart && b->code == CAP_OK)
        cap_book_check_sheet(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook", "chart");
    return chart;
}

void cap_book_series(cap_book *b, lxw_chart *chart, const char *sheet,
                     lxw_row_t k0, lxw_row_t k1, lxw_col_t kc,
                     lxw_row_t r0, lxw_row_t r1, lxw_col_t c,
                     lxw_row_t name_row, lxw_col_t name_col)
{
    if (b->code != CAP_OK)
        return;
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (!series) {
        cap_book_check_sheet(b, LXW_ERROR_MEMORY_MALLOC_FAILED, sheet, "chart series");
        return;
    }
    chart_series_set_categories(series, sheet, k0, kc, k1, kc);
    chart_series_set_values(series, sheet, r0, c, r1, c);
    /* libxlsxwriter caches a formula cell as 0 in the chart: no cache is
     * better than a wrong one (spreadsheets draw from the cells). */
    series->values->ignore_cache = LXW_TRUE;
    chart_series_set_name_range(series, sheet, name_row, name_col);
}

void cap_book_place(cap_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, lxw_chart *chart, double x_scale,
                    double y_scale)
{
    lxw_chart_options opt;
    memset(&opt, 0, sizeof opt);
    opt.x_scale = x_scale;
    opt.y_scale = y_scale;
    if (b->code == CAP_OK)
        cap_book_check_sheet(b, worksheet_insert_chart_opt(ws, row, col, chart,
                                                           &opt),
                             ws->name, "chart");
}

/* ---- Rates ------------------------------------------------------------ */

enum { RATE_NAME, RATE_VALUE, RATE_NOTE, RATE_COLS };

static const cap_column rate_columns[RATE_COLS] = {
    [RATE_NAME] = {"Rate", 26, CAP_FMT_TEXT},
    [RATE_VALUE] = {"Value", 14, CAP_FMT_TEXT},
    [RATE_NOTE] = {"Meaning", 60, CAP_FMT_TEXT},
};

typedef struct {
    const char *name;       /* the defined name, also the row's label */
    double value;
    cap_fmt_kind kind;
    const char *note;
} rate_row;

void cap_book_rates(cap_book *b, const cap_model *m)
{
    const rate_row rows[] = {
        {"csm_annual_cost", m->annual_cost[CAP_ROLE_CSM], CAP_FMT_MONEY,
         "loaded cost of one P-CSM FTE per year"},
        {"tam_annual_cost", m->annual_cost[CAP_ROLE_TAM], CAP_FMT_MONEY,
         "loaded cost of one P-TAM FTE per year"},
        {"localization_uplift", m->localization_uplift, CAP_FMT_PCT,
         "extra cost of a team localized across time zones"},
        {"around_the_clock_uplift", m->around_the_clock_uplift, CAP_FMT_PCT,
         "extra cost of a team on a 24x7 tier"},
        {"service_hour_rate", m->service_hour_rate, CAP_FMT_CENTS,
         "price of one service hour"},
        {"retainer_hours_per_month", m->retainer_hours_per_month, CAP_FMT_TWO,
         "service hours billed per month at least"},
        {"csm_annual_price", m->annual_price[CAP_ROLE_CSM], CAP_FMT_MONEY,
         "price of one contract P-CSM FTE per year"},
        {"tam_annual_price", m->annual_price[CAP_ROLE_TAM], CAP_FMT_MONEY,
         "price of one contract P-TAM FTE per year"},
    };
    lxw_worksheet *ws = cap_book_sheet(b, "Rates", rate_columns, RATE_COLS);
    lxw_row_t row = 1;
    if (!ws)
        return;
    cap_book_text(b, ws, row, RATE_NAME, "currency", NULL);
    cap_book_text(b, ws, row, RATE_VALUE, m->currency,
                  b->fmt_input[CAP_FMT_TEXT]);
    cap_book_text(b, ws, row, RATE_NOTE, "currency of every amount", NULL);
    cap_book_name(b, "currency", ws, row++, RATE_VALUE);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++, row++) {
        cap_book_text(b, ws, row, RATE_NAME, rows[i].name, NULL);
        cap_book_num(b, ws, row, RATE_VALUE, rows[i].value,
                     b->fmt_input[rows[i].kind]);
        cap_book_text(b, ws, row, RATE_NOTE, rows[i].note, NULL);
        cap_book_name(b, rows[i].name, ws, row, RATE_VALUE);
    }
}

/* ---- open and close --------------------------------------------------- */

cap_status cap_book_open(cap_book *b, const cap_staged *f, const char *title,
                         const cap_portfolio *p, const cap_model *m,
                         const cap_run_info *info, cap_error *err)
{
    memset(b, 0, sizeof *b);
    b->code = CAP_OK;
    b->path = f->path;
    /* A big book's workbooks are written row by row (every sheet writes
     * its rows in order): libxlsxwriter keeps one row, not every cell. */
    lxw_workbook_options opt = {.constant_memory =
        m->stream_partners > 0 && (double)p->partner_count > m->stream_partners};
    b->wb = workbook_new_opt(f->tmp, &opt);
    if (!b->wb)
        return cap_error_set(err, CAP_ERR_OUTPUT, f->path, 0, NULL,
                             "cannot start a workbook: %s",
                             lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
    make_formats(b, m);
    set_properties(b, title, p, m, info ? info : &no_info);
    return CAP_OK;
}

/* workbook_close with libxlsxwriter's own stderr lines (two on a full
 * disk) silenced: capplan reports the failure once, in one line.  *sys is
 * the system's error for a failed file operation, else 0. */
static lxw_error quiet_close(lxw_workbook *wb, int *sys)
{
    int saved = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    errno = 0;
    lxw_error closed = workbook_close(wb);
    *sys = closed == LXW_ERROR_CREATING_XLSX_FILE ||
                   closed == LXW_ERROR_CREATING_TMPFILE ||
                   (closed >= LXW_ERROR_ZIP_FILE_OPERATION &&
                    closed <= LXW_ERROR_ZIP_CLOSE)
               ? errno : 0;
    if (saved >= 0 && null >= 0)
        dup2(saved, STDERR_FILENO);
    if (null >= 0)
        close(null);
    if (saved >= 0)
        close(saved);
    return closed;
}

cap_status cap_book_close(cap_book *b, const cap_staged *f, cap_error *err)
{
    fit_columns(b);
    int sys;
    lxw_error closed = quiet_close(b->wb, &sys);
    b->wb = NULL;
    if (closed != LXW_NO_ERROR)
        cap_book_fail(b, CAP_ERR_OUTPUT, "cannot write: %s",
                      sys ? strerror(sys) : lxw_strerror(closed));
    if (b->code == CAP_OK)
        return CAP_OK;
    return cap_error_set(err, b->code, f->path, 0, NULL, "%s", b->message);
}
