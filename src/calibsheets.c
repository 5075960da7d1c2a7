/* calibsheets.c - Handle time and Forecast sheets (see calibsheets.h). */
#include "calibsheets.h"

#include <stdio.h>

#include "calibout.h"
#include "report.h"

enum { H_PLAN, H_SEV, H_N, H_MU, H_SIGMA, H_MU_SE, H_SIGMA_SE, H_MEAN, H_SD,
       H_KEPT, H_MODEL_MEAN, H_MODEL_SD, H_OUT_MEAN, H_OUT_SD, H_COLS };

static void handle_row(cap_book *b, lxw_worksheet *ws, lxw_row_t r,
                       const char *plan, int s, const cap_lognormal *h,
                       int kept)
{
    cap_book_text(b, ws, r, H_PLAN, plan, NULL);
    cap_book_text(b, ws, r, H_SEV, cap_severity_name(s), NULL);
    cap_book_num(b, ws, r, H_N, h->n, b->fmt[CAP_FMT_INT]);
    if (h->n) {
        cap_book_num(b, ws, r, H_MU, h->mu, b->fmt[CAP_FMT_TWO]);
        cap_book_num(b, ws, r, H_SIGMA, h->sigma, b->fmt[CAP_FMT_TWO]);
        cap_book_num(b, ws, r, H_MU_SE, h->mu_se, b->fmt[CAP_FMT_TWO]);
        cap_book_num(b, ws, r, H_SIGMA_SE, h->sigma_se, b->fmt[CAP_FMT_TWO]);
        cap_book_num(b, ws, r, H_MEAN, h->mean, b->fmt[CAP_FMT_ONE]);
        cap_book_num(b, ws, r, H_SD, h->sd, b->fmt[CAP_FMT_ONE]);
    }
    cap_book_text(b, ws, r, H_KEPT, cap_yes_no(kept), NULL);
}

void cap_calib_handle_sheet(cap_book *b, const cap_calibration *c)
{
    static const cap_column cols[H_COLS] = {
        {"Plan", 18, CAP_FMT_TEXT}, {"Severity", 9, CAP_FMT_TEXT},
        {"Timed tickets", 10, CAP_FMT_INT}, {"mu (ln minutes)", 10, CAP_FMT_TWO},
        {"sigma", 9, CAP_FMT_TWO}, {"mu standard error", 11, CAP_FMT_TWO},
        {"sigma standard error", 11, CAP_FMT_TWO},
        {"Mean (minutes)", 10, CAP_FMT_ONE}, {"SD (minutes)", 10, CAP_FMT_ONE},
        {"Too few: model kept", 10, CAP_FMT_TEXT},
        {"Model handle_mean_minutes", 14, CAP_FMT_ONE},
        {"Model handle_sd_minutes", 14, CAP_FMT_ONE},
        {"Calibrated handle_mean_minutes", 14, CAP_FMT_ONE},
        {"Calibrated handle_sd_minutes", 14, CAP_FMT_ONE}};
    lxw_worksheet *ws = cap_book_sheet(b, "Handle time", cols, H_COLS);
    if (!ws)
        return;
    if (!c->has_spent) {
        cap_book_note(b, ws, 1, H_PLAN, "The export has no time-spent column: "
                      "the model's handle times stay.");
        return;
    }
    lxw_row_t r = 1;
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++, r++)
            handle_row(b, ws, r, cap_plan_name((cap_plan)p), s,
                       &c->cell[p][s].handle, c->cell[p][s].handle_kept);
    for (int s = 0; s < CAP_SEVERITIES; s++, r++) {
        handle_row(b, ws, r, "all plans", s, &c->handle[s], c->handle_kept[s]);
        int kept = c->handle_kept[s];
        cap_book_num(b, ws, r, H_MODEL_MEAN, c->model_handle_mean[s], b->fmt[CAP_FMT_ONE]);
        cap_book_num(b, ws, r, H_MODEL_SD, c->model_handle_sd[s], b->fmt[CAP_FMT_ONE]);
        cap_book_num(b, ws, r, H_OUT_MEAN, kept ? c->model_handle_mean[s]
                                                : c->handle[s].mean, b->fmt[CAP_FMT_ONE]);
        cap_book_num(b, ws, r, H_OUT_SD, kept ? c->model_handle_sd[s]
                                              : c->handle[s].sd, b->fmt[CAP_FMT_ONE]);
    }
    cap_book_table(b, ws, r - 1, H_COLS);
    char note[512];
    snprintf(note, sizeof note, "Lognormal by maximum likelihood of \"%s\" "
             "(tickets with a time spent > 0): mu = mean of ln minutes, sigma^2 "
             "= mean of (ln minutes - mu)^2; mean = exp(mu + sigma^2 / 2). The "
             "model's keys are per severity (the all-plans rows); fewer than %d "
             "timed tickets keep the model's value.", c->spent_column,
             c->min_tickets);
    cap_book_note(b, ws, r + 1, H_PLAN, note);
}

enum { V_MONTH, V_DAYS, V_TICKETS, V_FITTED, V_TREND, V_COLS };

/* Label and value rows under the monthly table; returns the next row. */
static lxw_row_t summary(cap_book *b, lxw_worksheet *ws, lxw_row_t r,
                         const cap_forecast *f)
{
    char slope[LXW_MAX_CELL_NAME_LENGTH], formula[64];
    cap_book_note(b, ws, r, V_MONTH, "Slope: ln tickets per month");
    cap_book_num(b, ws, r, V_TREND, f->slope, b->fmt[CAP_FMT_PCT]);
    cap_book_cell(slope, r++, V_TREND, 0);
    cap_book_note(b, ws, r, V_MONTH, "Slope standard error");
    cap_book_num(b, ws, r++, V_TREND, f->slope_se, b->fmt[CAP_FMT_PCT]);
    cap_book_note(b, ws, r, V_MONTH, "Growth per quarter = exp(3 x slope) - 1");
    snprintf(formula, sizeof formula, "=EXP(3*%s)-1", slope);
    cap_book_formula(b, ws, r++, V_TREND, formula, b->fmt[CAP_FMT_PCT], f->growth);
    cap_book_note(b, ws, r, V_MONTH, "Growth standard error");
    cap_book_num(b, ws, r++, V_TREND, f->growth_se, b->fmt[CAP_FMT_PCT]);
    cap_book_note(b, ws, r, V_MONTH, "Growth 95% low");
    cap_book_num(b, ws, r++, V_TREND, f->growth_lo, b->fmt[CAP_FMT_PCT]);
    cap_book_note(b, ws, r, V_MONTH, "Growth 95% high");
    cap_book_num(b, ws, r++, V_TREND, f->growth_hi, b->fmt[CAP_FMT_PCT]);
    cap_book_note(b, ws, r, V_MONTH, "Dispersion (chi2 / dof; 1 = Poisson)");
    cap_book_num(b, ws, r++, V_TREND, f->dispersion, b->fmt[CAP_FMT_TWO]);
    for (int m = 1; f->seasonal && m <= 12; m++, r++) {
        char label[48];
        snprintf(label, sizeof label, "Season factor: %s%s",
                 cap_calib_month_name(m), m == f->peak_month ? " (peak)"
                                          : m == f->low_month ? " (low)" : "");
        cap_book_note(b, ws, r, V_MONTH, label);
        cap_book_num(b, ws, r, V_TREND, f->season[m - 1], b->fmt[CAP_FMT_TWO]);
    }
    return r;
}

static void forecast_chart(cap_book *b, lxw_worksheet *ws, int months)
{
    lxw_chart *chart = cap_book_chart(b, LXW_CHART_LINE);
    if (!chart || months < 1)
        return;
    lxw_row_t last = (lxw_row_t)months;
    for (lxw_col_t col = V_TICKETS; col <= V_TREND; col++)
        cap_book_series(b, chart, ws->name, 1, last, V_MONTH, 1, last, col, 0, col);
    chart_title_set_name(chart, "Tickets per month: observed, fitted, trend");
    chart_axis_set_name(chart->y_axis, "tickets");
    cap_book_place(b, ws, 1, V_COLS + 1, chart, 1.6, 1.2);
}

void cap_calib_forecast_sheet(cap_book *b, const cap_calibration *c)
{
    static const cap_column cols[V_COLS] = {
        {"Month", 10, CAP_FMT_TEXT}, {"Days in the export", 10, CAP_FMT_INT},
        {"Tickets", 9, CAP_FMT_INT}, {"Fitted (trend x season)", 12, CAP_FMT_ONE},
        {"Trend", 10, CAP_FMT_ONE}};
    const cap_forecast *f = &c->forecast;
    lxw_worksheet *ws = cap_book_sheet(b, "Forecast", cols, V_COLS);
    if (!ws)
        return;
    for (int k = 0; k < c->month_count; k++) {
        lxw_row_t r = (lxw_row_t)k + 1;
        char label[16];
        cap_calib_month_label(c, k, label);
        int n = 0;
        for (int s = 0; s < CAP_SEVERITIES; s++)
            n += c->monthly[k][s];
        cap_book_text(b, ws, r, V_MONTH, label, NULL);
        cap_book_num(b, ws, r, V_DAYS, c->month_days[k], b->fmt[CAP_FMT_INT]);
        cap_book_num(b, ws, r, V_TICKETS, n, b->fmt[CAP_FMT_INT]);
        if (f->fitted) {
            cap_book_num(b, ws, r, V_FITTED, f->fitted_count[k], b->fmt[CAP_FMT_ONE]);
            cap_book_num(b, ws, r, V_TREND, f->trend_count[k], b->fmt[CAP_FMT_ONE]);
        }
    }
    lxw_row_t r = (lxw_row_t)c->month_count + 2;
    if (!f->fitted) {
        char note[160];
        snprintf(note, sizeof note, "Fewer than %d months with tickets: no "
                 "trend, no growth to suggest.", CAP_FORECAST_MIN_MONTHS);
        cap_book_note(b, ws, r, V_MONTH, note);
        return;
    }
    r = summary(b, ws, r, f);
    cap_book_note(b, ws, r + 1, V_MONTH, "Weighted least squares of ln(tickets "
                  "per average month) on the month (and, with 24 months or "
                  "more, the month of year), weights = tickets; standard "
                  "errors widened by the dispersion when above 1. The growth "
                  "is offered as the partners' growth (model-calibrated.ini, "
                  "[partner_defaults]).");
    forecast_chart(b, ws, c->month_count);
}
