/* calibbook.c - calibration.xlsx (see calibbook.h).  Renders the fit of
 * calibrate.c; computes nothing of its own beyond shares of counts. */
#include "calibbook.h"

#include <stdio.h>
#include <string.h>

#include "btreport.h"
#include "calendar.h"
#include "calibsheets.h"
#include "portfolio.h"
#include "report.h"
#include "xlsx.h"

enum { F_PLAN, F_SEV, F_TICKETS, F_CUSTOMERS, F_MODEL, F_RATE, F_LO, F_HI,
       F_KEPT, F_SHARE, F_REPLIES, F_P50, F_P90, F_COLS };

static void fit_sheet(cap_book *b, const cap_calibration *c)
{
    static const cap_column cols[F_COLS] = {
        {"Plan", 18, CAP_FMT_TEXT}, {"Severity", 9, CAP_FMT_TEXT},
        {"Tickets (export)", 10, CAP_FMT_INT}, {"Customers", 10, CAP_FMT_INT},
        {"Model tickets/customer/month", 14, CAP_FMT_TWO},
        {"Fitted tickets/customer/month", 14, CAP_FMT_TWO},
        {"95% low", 9, CAP_FMT_TWO}, {"95% high", 9, CAP_FMT_TWO},
        {"Kept model value", 10, CAP_FMT_TEXT},
        {"In local business hours", 11, CAP_FMT_PCT},
        {"With first reply", 10, CAP_FMT_INT},
        {"First reply p50 (min)", 11, CAP_FMT_INT},
        {"First reply p90 (min)", 11, CAP_FMT_INT}};
    lxw_worksheet *ws = cap_book_sheet(b, "Fit", cols, F_COLS);
    if (!ws)
        return;
    lxw_row_t r = 1;
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++, r++) {
            const cap_calib_cell *e = &c->cell[p][s];
            cap_book_text(b, ws, r, F_PLAN, cap_plan_name((cap_plan)p), NULL);
            cap_book_text(b, ws, r, F_SEV, cap_severity_name(s), NULL);
            cap_book_num(b, ws, r, F_TICKETS, e->tickets, b->fmt[CAP_FMT_INT]);
            cap_book_num(b, ws, r, F_CUSTOMERS, e->customers, b->fmt[CAP_FMT_INT]);
            cap_book_num(b, ws, r, F_MODEL, e->model_rate, b->fmt[CAP_FMT_TWO]);
            cap_book_num(b, ws, r, F_RATE, e->rate, b->fmt[CAP_FMT_TWO]);
            if (e->lo >= 0) {
                cap_book_num(b, ws, r, F_LO, e->lo, b->fmt[CAP_FMT_TWO]);
                cap_book_num(b, ws, r, F_HI, e->hi, b->fmt[CAP_FMT_TWO]);
            }
            cap_book_text(b, ws, r, F_KEPT, cap_yes_no(e->kept), NULL);
            if (e->tickets)
                cap_book_num(b, ws, r, F_SHARE, e->business_share, b->fmt[CAP_FMT_PCT]);
            cap_book_num(b, ws, r, F_REPLIES, e->replies, b->fmt[CAP_FMT_INT]);
            if (e->replies) {
                cap_book_num(b, ws, r, F_P50, e->reply_p50, b->fmt[CAP_FMT_INT]);
                cap_book_num(b, ws, r, F_P90, e->reply_p90, b->fmt[CAP_FMT_INT]);
            }
        }
    cap_book_table(b, ws, r - 1, F_COLS);
    char note[768];
    snprintf(note, sizeof note, "%s, %s to %s (%.2f months), %zu tickets. "
             "Fitted = tickets seen / (customer-months x share of tickets that "
             "reach the vendor): the routing of SPEC section 1 undone. Cells "
             "with fewer than %d tickets keep the model's value.",
             c->export_name, c->from_text, c->to_text, c->months, c->tickets,
             c->min_tickets);
    cap_book_note(b, ws, r + 1, F_PLAN, note);
}

enum { S_SEV, S_TICKETS, S_OBSERVED, S_MODEL, S_WRITTEN, S_COLS };

static void share_sheet(cap_book *b, const cap_calibration *c)
{
    static const cap_column cols[S_COLS] = {
        {"Severity", 9, CAP_FMT_TEXT}, {"Tickets", 10, CAP_FMT_INT},
        {"Observed in local business hours", 16, CAP_FMT_PCT},
        {"Model business_hours_share", 16, CAP_FMT_PCT},
        {"Calibrated model", 16, CAP_FMT_PCT}};
    lxw_worksheet *ws = cap_book_sheet(b, "Business hours", cols, S_COLS);
    if (!ws)
        return;
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        lxw_row_t r = (lxw_row_t)s + 1;
        cap_book_text(b, ws, r, S_SEV, cap_severity_name(s), NULL);
        cap_book_num(b, ws, r, S_TICKETS, c->sev_tickets[s], b->fmt[CAP_FMT_INT]);
        if (c->sev_tickets[s])
            cap_book_num(b, ws, r, S_OBSERVED, c->business_share[s],
                         b->fmt[CAP_FMT_PCT]);
        if (c->model_share[s] < 0) {
            cap_book_text(b, ws, r, S_MODEL, "uniform", NULL);
            cap_book_text(b, ws, r, S_WRITTEN, "uniform (kept)", NULL);
            continue;
        }
        cap_book_num(b, ws, r, S_MODEL, c->model_share[s], b->fmt[CAP_FMT_PCT]);
        cap_book_num(b, ws, r, S_WRITTEN, c->share_kept[s] ? c->model_share[s]
                                                           : c->business_share[s],
                     b->fmt[CAP_FMT_PCT]);
    }
}

static void month_sheet(cap_book *b, const cap_calibration *c)
{
    static const cap_column cols[6] = {
        {"Month", 10, CAP_FMT_TEXT}, {"s1", 8, CAP_FMT_INT},
        {"s2", 8, CAP_FMT_INT}, {"s3", 8, CAP_FMT_INT}, {"s4", 8, CAP_FMT_INT},
        {"All", 9, CAP_FMT_INT}};
    lxw_worksheet *ws = cap_book_sheet(b, "Tickets per month", cols, 6);
    if (!ws)
        return;
    cap_date d = cap_civil_from_days(c->from / 86400);
    for (int k = 0; k < c->month_count; k++, d = cap_month_add(d, 1)) {
        char label[16];
        snprintf(label, sizeof label, "%04d-%02d", d.year, d.month);
        cap_book_text(b, ws, (lxw_row_t)k + 1, 0, label, NULL);
        int all = 0;
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            all += c->monthly[k][s];
            cap_book_num(b, ws, (lxw_row_t)k + 1, (lxw_col_t)(s + 1),
                         c->monthly[k][s], b->fmt[CAP_FMT_INT]);
        }
        cap_book_num(b, ws, (lxw_row_t)k + 1, 5, all, b->fmt[CAP_FMT_INT]);
    }
    lxw_chart *chart = cap_book_chart(b, LXW_CHART_LINE);
    if (!chart || c->month_count < 1)
        return;
    lxw_row_t last = (lxw_row_t)c->month_count;
    for (lxw_col_t col = 1; col <= 5; col++)
        cap_book_series(b, chart, ws->name, 1, last, 0, 1, last, col, 0, col);
    chart_title_set_name(chart, "Tickets per month in the export");
    chart_axis_set_name(chart->y_axis, "tickets");
    cap_book_place(b, ws, 1, 7, chart, 1.5, 1.2);
}

static void hour_sheet(cap_book *b, const cap_calibration *c)
{
    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri",
                                        "Sat", "Sun"};
    static const cap_column cols[5] = {
        {"Local hour of week", 12, CAP_FMT_TEXT}, {"s1", 8, CAP_FMT_PCT},
        {"s2", 8, CAP_FMT_PCT}, {"s3", 8, CAP_FMT_PCT}, {"s4", 8, CAP_FMT_PCT}};
    lxw_worksheet *ws = cap_book_sheet(b, "Hour of week", cols, 5);
    if (!ws)
        return;
    for (int h = 0; h < 168; h++) {
        char label[16];
        snprintf(label, sizeof label, "%s %02d:00", days[h / 24], h % 24);
        cap_book_text(b, ws, (lxw_row_t)h + 1, 0, label, NULL);
        for (int s = 0; s < CAP_SEVERITIES; s++)
            if (c->sev_tickets[s])
                cap_book_num(b, ws, (lxw_row_t)h + 1, (lxw_col_t)(s + 1),
                             (double)c->hour_of_week[s][h] / c->sev_tickets[s],
                             b->fmt[CAP_FMT_PCT]);
    }
    lxw_chart *chart = cap_book_chart(b, LXW_CHART_LINE);
    if (!chart)
        return;
    for (lxw_col_t col = 1; col <= 4; col++)
        cap_book_series(b, chart, ws->name, 1, 168, 0, 1, 168, col, 0, col);
    chart_title_set_name(chart, "Share of each severity's tickets per local hour of week");
    chart_axis_set_name(chart->y_axis, "share of tickets");
    cap_book_place(b, ws, 1, 6, chart, 2.5, 1.3);
}

enum { B_PLAN, B_SEV, B_TICKETS, B_MET, B_OBS, B_OBS_LO, B_OBS_HI,
       B_SIM_TICKETS, B_SIM, B_SIM_LO, B_SIM_HI, B_DIFF, B_OVERLAP, B_VERDICT,
       B_SENTENCE, B_COLS };

/* One row: observed (and, for "all plans", simulated) attainment. */
static void backtest_row(cap_book *b, lxw_worksheet *ws, lxw_row_t r,
                         const char *plan, int sev, const cap_bt_observed *o,
                         const cap_bt_row *sim)
{
    lxw_format *pct = b->fmt[CAP_FMT_PCT];
    cap_book_text(b, ws, r, B_PLAN, plan, NULL);
    cap_book_text(b, ws, r, B_SEV, cap_severity_name(sev), NULL);
    cap_book_num(b, ws, r, B_TICKETS, o->tickets, b->fmt[CAP_FMT_INT]);
    cap_book_num(b, ws, r, B_MET, o->met, b->fmt[CAP_FMT_INT]);
    if (o->tickets) {
        cap_book_num(b, ws, r, B_OBS, o->share, pct);
        cap_book_num(b, ws, r, B_OBS_LO, o->lo, pct);
        cap_book_num(b, ws, r, B_OBS_HI, o->hi, pct);
    }
    if (!sim) {
        cap_book_text(b, ws, r, B_VERDICT, o->few ? "too few tickets"
                                                  : "observed only", NULL);
        return;
    }
    cap_book_num(b, ws, r, B_SIM_TICKETS, sim->sim_tickets, b->fmt[CAP_FMT_INT]);
    if (sim->sim >= 0) {
        cap_book_num(b, ws, r, B_SIM, sim->sim, pct);
        cap_book_num(b, ws, r, B_SIM_LO, sim->sim_lo, pct);
        cap_book_num(b, ws, r, B_SIM_HI, sim->sim_hi, pct);
    }
    if (sim->verdict != CAP_BT_NO_DATA) {
        cap_book_num(b, ws, r, B_DIFF, sim->difference, pct);
        cap_book_text(b, ws, r, B_OVERLAP, cap_yes_no(sim->overlap), NULL);
    }
    cap_book_text(b, ws, r, B_VERDICT, cap_bt_verdict_name(sim->verdict), NULL);
    cap_book_text(b, ws, r, B_SENTENCE, sim->sentence, NULL);
}

/* Observed beside simulated first-response attainment (backtest.h). */
static void backtest_sheet(cap_book *b, const cap_backtest *bt)
{
    static const cap_column cols[B_COLS] = {
        {"Plan", 18, CAP_FMT_TEXT}, {"Severity", 9, CAP_FMT_TEXT},
        {"Tickets with first reply", 10, CAP_FMT_INT},
        {"Answered within target", 10, CAP_FMT_INT},
        {"Observed attainment", 11, CAP_FMT_PCT},
        {"Observed 95% low", 10, CAP_FMT_PCT}, {"Observed 95% high", 10, CAP_FMT_PCT},
        {"Simulated tickets", 10, CAP_FMT_INT},
        {"Simulated attainment", 11, CAP_FMT_PCT},
        {"Simulated periods 2.5%", 10, CAP_FMT_PCT},
        {"Simulated periods 97.5%", 10, CAP_FMT_PCT},
        {"Simulated - observed", 11, CAP_FMT_PCT},
        {"Intervals overlap", 10, CAP_FMT_TEXT}, {"Verdict", 10, CAP_FMT_TEXT},
        {"Sentence", 40, CAP_FMT_TEXT}};
    lxw_worksheet *ws = cap_book_sheet(b, "Backtest", cols, B_COLS);
    if (!ws)
        return;
    if (!bt) {
        cap_book_note(b, ws, 1, B_PLAN, cap_backtest_how());
        return;
    }
    lxw_row_t r = 1;
    for (int s = 0; s < CAP_SEVERITIES; s++, r++)
        backtest_row(b, ws, r, "all plans", s, &bt->sev[s].observed, &bt->sev[s]);
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++)
            if (bt->plan[p][s].tickets)
                backtest_row(b, ws, r++, cap_plan_name((cap_plan)p), s,
                             &bt->plan[p][s], NULL);
    cap_book_table(b, ws, r - 1, B_COLS);
    char note[1024];
    snprintf(note, sizeof note, "The team of %s simulated with the calibrated "
             "model from %s to %s (%d quarters, %d replications, seed %lu); "
             "disagreement: intervals apart or more than %.1f points. The "
             "simulation measures each team per severity, so plans are "
             "observed only.", bt->team, bt->sim_from, bt->sim_to, bt->quarters,
             bt->replications, bt->seed, 100 * bt->threshold);
    cap_book_note(b, ws, r + 1, B_PLAN, note);
    if (bt->tier_note[0]) {
        snprintf(note, sizeof note, "Note: %s.", bt->tier_note);
        cap_book_note(b, ws, r + 2, B_PLAN, note);
    }
}

cap_status cap_calibration_book(const cap_staged *f, const cap_model *m,
                                const cap_calibration *c,
                                const cap_backtest *bt, int deterministic,
                                cap_error *err)
{
    cap_portfolio *p = cap_portfolio_new(m);
    snprintf(p->name, sizeof p->name, "calibration from %.100s", c->export_name);
    cap_run_info info = {.version = CAP_VERSION, .model_source = m->source,
                         .deterministic = deterministic};
    cap_book b;
    cap_status st = cap_book_open(&b, f, "capplan calibration", p, m, &info, err);
    if (st == CAP_OK) {
        fit_sheet(&b, c);
        share_sheet(&b, c);
        month_sheet(&b, c);
        hour_sheet(&b, c);
        cap_calib_handle_sheet(&b, c);
        cap_calib_forecast_sheet(&b, c);
        backtest_sheet(&b, bt);
        st = cap_book_close(&b, f, err);
    }
    cap_portfolio_free(p);
    return st;
}
