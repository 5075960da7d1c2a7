/* calibout.c - handle time and volume trend, printed and as JSON (see
 * calibout.h). */
#include "calibout.h"

#include "calendar.h"

void cap_calib_month_label(const cap_calibration *c, int k, char out[16])
{
    cap_date d = cap_month_add(cap_civil_from_days(c->from / 86400), k);
    snprintf(out, 16, "%04d-%02d", d.year, d.month);
}

const char *cap_calib_month_name(int month)
{
    static const char *const names[12] = {"January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October",
        "November", "December"};
    return month >= 1 && month <= 12 ? names[month - 1] : "-";
}

void cap_calib_print_handle(const cap_calibration *c, FILE *out)
{
    if (!c->has_spent) {
        fprintf(out, "\nhandle times: the export has no time-spent column; the "
                "model's stay\n");
        return;
    }
    fprintf(out, "\nhandle times (lognormal by maximum likelihood of \"%s\", "
            "minutes):\n%-17s %-3s %7s %8s %8s %7s %7s\n", c->spent_column,
            "plan", "sev", "timed", "mean", "sd", "mu", "sigma");
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            const cap_calib_cell *e = &c->cell[p][s];
            fprintf(out, "%-17s %-3s %7d %8.1f %8.1f %7.3f %7.3f%s\n",
                    cap_plan_name((cap_plan)p), cap_severity_name(s),
                    e->handle.n, e->handle.mean, e->handle.sd, e->handle.mu,
                    e->handle.sigma, e->handle_kept ? "  too few timed tickets" : "");
        }
    fprintf(out, "handle_mean_minutes / handle_sd_minutes per severity (all plans):\n");
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        const cap_lognormal *h = &c->handle[s];
        if (c->handle_kept[s])
            fprintf(out, "  %s: %d timed tickets, fewer than %d: model's %.4g / "
                    "%.4g kept\n", cap_severity_name(s), h->n, c->min_tickets,
                    c->model_handle_mean[s], c->model_handle_sd[s]);
        else
            fprintf(out, "  %s: %d timed tickets, fitted %.4g / %.4g (model %.4g "
                    "/ %.4g)\n", cap_severity_name(s), h->n, h->mean, h->sd,
                    c->model_handle_mean[s], c->model_handle_sd[s]);
    }
}

void cap_calib_print_forecast(const cap_calibration *c, FILE *out)
{
    const cap_forecast *f = &c->forecast;
    if (!f->fitted) {
        fprintf(out, "\nvolume trend: fewer than %d months with tickets (%d "
                "months): no trend, no growth to suggest\n",
                CAP_FORECAST_MIN_MONTHS, f->months);
        return;
    }
    fprintf(out, "\nvolume trend (log of tickets per month, weighted by "
            "counts, %d months%s): growth %.1f%% a quarter (standard error "
            "%.1f%%, 95%% interval %.1f%% to %.1f%%)\n", f->months,
            f->seasonal ? ", month-of-year season" : "", 100 * f->growth,
            100 * f->growth_se, 100 * f->growth_lo, 100 * f->growth_hi);
    if (f->seasonal)
        fprintf(out, "  season: peak %s (x %.2f), low %s (x %.2f)\n",
                cap_calib_month_name(f->peak_month), f->season[f->peak_month - 1],
                cap_calib_month_name(f->low_month), f->season[f->low_month - 1]);
    fprintf(out, "  suggested partners' growth = %.4f a quarter (commented in "
            "model-calibrated.ini [partner_defaults])\n", f->growth);
}

static json_t *fit_json(const cap_lognormal *h, int kept, double model_mean,
                        double model_sd)
{
    json_t *o = json_object();
    json_object_set_new(o, "timed", json_integer(h->n));
    json_object_set_new(o, "mu", h->n ? json_real(h->mu) : json_null());
    json_object_set_new(o, "sigma", h->n ? json_real(h->sigma) : json_null());
    json_object_set_new(o, "mu_se", h->n ? json_real(h->mu_se) : json_null());
    json_object_set_new(o, "sigma_se", h->n ? json_real(h->sigma_se) : json_null());
    json_object_set_new(o, "mean_minutes", h->n ? json_real(h->mean) : json_null());
    json_object_set_new(o, "sd_minutes", h->n ? json_real(h->sd) : json_null());
    if (model_mean >= 0) {
        json_object_set_new(o, "model_mean_minutes", json_real(model_mean));
        json_object_set_new(o, "model_sd_minutes", json_real(model_sd));
    }
    json_object_set_new(o, "kept", json_boolean(kept));
    return o;
}

void cap_calib_json_handle(json_t *doc, const cap_calibration *c)
{
    if (!c->has_spent) {
        json_object_set_new(doc, "handle_time", json_null());
        return;
    }
    json_t *h = json_object(), *sev = json_array(), *cells = json_array();
    json_object_set_new(h, "column", json_string(c->spent_column));
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        json_t *o = fit_json(&c->handle[s], c->handle_kept[s],
                             c->model_handle_mean[s], c->model_handle_sd[s]);
        json_object_set_new(o, "severity", json_string(cap_severity_name(s)));
        json_array_append_new(sev, o);
    }
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            const cap_calib_cell *e = &c->cell[p][s];
            json_t *o = fit_json(&e->handle, e->handle_kept, -1, -1);
            json_object_set_new(o, "plan", json_string(cap_plan_name((cap_plan)p)));
            json_object_set_new(o, "severity", json_string(cap_severity_name(s)));
            json_array_append_new(cells, o);
        }
    json_object_set_new(h, "severities", sev);
    json_object_set_new(h, "cells", cells);
    json_object_set_new(doc, "handle_time", h);
}

void cap_calib_json_forecast(json_t *doc, const cap_calibration *c)
{
    const cap_forecast *f = &c->forecast;
    json_t *o = json_object(), *months = json_array();
    json_object_set_new(o, "fitted", json_boolean(f->fitted));
    json_object_set_new(o, "months", json_integer(f->months));
    json_object_set_new(o, "seasonal", json_boolean(f->fitted && f->seasonal));
    for (int k = 0; k < c->month_count; k++) {
        char label[16];
        cap_calib_month_label(c, k, label);
        int n = 0;
        for (int s = 0; s < CAP_SEVERITIES; s++)
            n += c->monthly[k][s];
        json_t *m = json_pack("{sssisf}", "month", label, "tickets", n, "days",
                              c->month_days[k]);
        json_object_set_new(m, "fitted", f->fitted ? json_real(f->fitted_count[k])
                                                   : json_null());
        json_object_set_new(m, "trend", f->fitted ? json_real(f->trend_count[k])
                                                  : json_null());
        json_array_append_new(months, m);
    }
    json_object_set_new(o, "monthly", months);
    if (f->fitted) {
        json_object_set_new(o, "growth_per_quarter", json_real(f->growth));
        json_object_set_new(o, "growth_se", json_real(f->growth_se));
        json_object_set_new(o, "growth_ci95", json_pack("[ff]", f->growth_lo,
                                                        f->growth_hi));
        json_object_set_new(o, "slope_per_month", json_real(f->slope));
        json_object_set_new(o, "slope_se", json_real(f->slope_se));
        json_object_set_new(o, "dispersion", json_real(f->dispersion));
    }
    if (f->fitted && f->seasonal) {
        json_t *season = json_array();
        for (int m = 0; m < 12; m++)
            json_array_append_new(season, json_real(f->season[m]));
        json_object_set_new(o, "season", season);
        json_object_set_new(o, "peak_month", json_integer(f->peak_month));
        json_object_set_new(o, "low_month", json_integer(f->low_month));
    }
    json_object_set_new(doc, "forecast", o);
}
