/* calibrate.c - organizations, the fit and the calibrated model text (see
 * calibrate.h). */
#include "calibrate.h"

#include <ctype.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "csvin.h"
#include "quantile.h"
#include "simcore.h"
#include "tz.h"
#include "workload.h"

_Static_assert((int)CAP_FORECAST_MAX_MONTHS >= (int)CAP_CALIB_MAX_MONTHS,
               "the forecast holds every month of an export");

/* ---- organizations ---- */

enum { OC_ORG, OC_PARTNER, OC_CHANNEL, OC_PLAN, OC_TZ, OC_COUNT, OC_CSM,
       OCOLS };
static const char *const org_columns[OCOLS] = {"organization", "partner",
    "channel", "plan", "timezone", "customers", "csm"};

typedef struct {
    cap_org_table *t;
    int column[OCOLS];
    int have_header;
    size_t cap;
} org_reader;

static void clean(char *out, size_t cap, const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    snprintf(out, cap, "%s", text);
    size_t n = strlen(out);
    while (n && isspace((unsigned char)out[n - 1]))
        out[--n] = 0;
}

/* "Mission Critical", "mission-critical" -> "mission_critical" */
static void vocabulary(char *s)
{
    for (; *s; s++)
        *s = *s == ' ' || *s == '-' ? '_' : (char)tolower((unsigned char)*s);
}

static cap_status org_header(org_reader *r, const cap_csv_row *row,
                             cap_error *err)
{
    for (int k = 0; k < OCOLS; k++) {
        r->column[k] = -1;
        for (size_t i = 0; i < row->count; i++) {
            char t[64];
            clean(t, sizeof t, row->fields[i]);
            if (strcasecmp(t, org_columns[k]) == 0)
                r->column[k] = (int)i;
        }
        if (r->column[k] < 0 && k < OC_COUNT)
            return cap_error_row(err, CAP_ERR_INPUT, r->t->name, row->line,
                                 "header", "missing column \"%s\"",
                                 org_columns[k]);
    }
    r->have_header = 1;
    return CAP_OK;
}

static const char *ofield(const org_reader *r, const cap_csv_row *row, int k,
                          char *buf, size_t cap)
{
    int i = r->column[k];
    clean(buf, cap, i >= 0 && (size_t)i < row->count ? row->fields[i] : "");
    return buf;
}

static cap_status org_row(const cap_csv_row *row, void *arg, cap_error *err)
{
    org_reader *r = arg;
    if (!r->have_header)
        return org_header(r, row, err);
    if (r->t->count == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 256;
        r->t->org = realloc(r->t->org, r->cap * sizeof *r->t->org);
        if (!r->t->org)
            abort();
    }
    cap_org *o = &r->t->org[r->t->count];
    memset(o, 0, sizeof *o);
    char buf[256];
    const char *name = r->t->name;
    ofield(r, row, OC_ORG, o->name, sizeof o->name);
    ofield(r, row, OC_PARTNER, o->partner, sizeof o->partner);
    ofield(r, row, OC_TZ, o->timezone, sizeof o->timezone);
    if (!o->name[0])
        return cap_error_row(err, CAP_ERR_INPUT, name, row->line,
                             "organization", "empty organization name");
    ofield(r, row, OC_CHANNEL, buf, sizeof buf);
    vocabulary(buf);
    int ch = cap_channel_parse(buf);
    if (ch < 0)
        return cap_error_row(err, CAP_ERR_INPUT, name, row->line, "channel",
                             "unknown channel \"%s\"", buf);
    ofield(r, row, OC_PLAN, buf, sizeof buf);
    vocabulary(buf);
    int plan = cap_plan_parse(buf);
    if (plan < 0)
        return cap_error_row(err, CAP_ERR_INPUT, name, row->line, "plan",
                             "unknown plan \"%s\" (want basic, premium or "
                             "mission_critical)", buf);
    if (!cap_tz_exists(o->timezone))
        return cap_error_row(err, CAP_ERR_INPUT, name, row->line, "timezone",
                             "unknown time zone \"%s\"", o->timezone);
    ofield(r, row, OC_COUNT, buf, sizeof buf);
    if (r->column[OC_COUNT] >= 0 && strcmp(buf, "1") != 0)
        return cap_error_row(err, CAP_ERR_INPUT, name, row->line, "customers",
                             "\"%s\": one organization per row, count 1", buf);
    ofield(r, row, OC_CSM, buf, sizeof buf);
    vocabulary(buf);
    if (buf[0] && strcmp(buf, "yes") != 0 && strcmp(buf, "no") != 0)
        return cap_error_row(err, CAP_ERR_INPUT, name, row->line, "csm",
                             "\"%s\" is not yes or no", buf);
    o->channel = (cap_channel)ch;
    o->plan = (cap_plan)plan;
    o->has_csm = strcmp(buf, "yes") == 0;
    o->row = row->line;
    r->t->count++;
    return CAP_OK;
}

static int org_cmp(const void *a, const void *b)
{
    return strcasecmp(((const cap_org *)a)->name, ((const cap_org *)b)->name);
}

/* Sorted by name, an organization named twice is a neighbour of itself;
 * the message names the later row and the earlier one. */
static cap_status orgs_unique(const cap_org_table *t, cap_error *err)
{
    for (size_t i = 1; i < t->count; i++) {
        const cap_org *a = &t->org[i - 1], *b = &t->org[i];
        if (org_cmp(a, b) != 0)
            continue;
        if (a->row > b->row) {
            const cap_org *x = a;
            a = b;
            b = x;
        }
        return cap_error_row(err, CAP_ERR_INPUT, t->name, b->row,
                             "organization", "\"%s\" appears twice (first at "
                             "row %d as \"%s\")", b->name, a->row, a->name);
    }
    return CAP_OK;
}

cap_status cap_orgs_read(const char *path, cap_org_table *t, cap_error *err)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", cap_input_name(path));
    org_reader r = {.t = t};
    cap_status st = cap_csv_read(path, org_row, &r, err);
    if (st == CAP_OK && !r.have_header)
        st = cap_error_set(err, CAP_ERR_INPUT, t->name, 0, NULL,
                           "no header row (want organization, partner, "
                           "channel, plan, timezone)");
    else if (st == CAP_OK && !t->count)
        st = cap_error_set(err, CAP_ERR_INPUT, t->name, 0, NULL,
                           "no organization: a header and no rows");
    if (st == CAP_OK) {
        qsort(t->org, t->count, sizeof *t->org, org_cmp);
        st = orgs_unique(t, err);
    }
    if (st != CAP_OK)
        cap_orgs_free(t);
    return st;
}

void cap_orgs_free(cap_org_table *t)
{
    free(t->org);
    t->org = NULL;
    t->count = 0;
}

long cap_orgs_find(const void *table, const char *name)
{
    const cap_org_table *t = table;
    cap_org key;
    snprintf(key.name, sizeof key.name, "%s", name);
    const cap_org *o = bsearch(&key, t->org, t->count, sizeof *t->org, org_cmp);
    return o ? (long)(o - t->org) : -1;
}

/* ---- the fit ---- */

double cap_vendor_share(const cap_model *m, cap_channel channel, int has_csm,
                        int sev)
{
    double share = 0;
    for (size_t i = 0; i < m->category_count; i++) {
        const cap_category *c = &m->categories[i];
        cap_party first = cap_route(c, channel, has_csm);
        if (first == CAP_PARTY_CSM || first == CAP_PARTY_SUPPORT)
            share += c->share;
        else if (first == CAP_PARTY_PARTNER)
            share += c->share * c->escalation[sev];
    }
    return share;
}

/* The first day of t's UTC month, and of the month after. */
static int64_t month_start(int64_t t, int after)
{
    cap_date d = cap_civil_from_days(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
    d.day = 1;
    if (after)
        d = cap_month_add(d, 1);
    return cap_days_from_civil(d.year, d.month, 1) * 86400;
}

static void day_text(int64_t t, char out[16])
{
    cap_date d = cap_civil_from_days(t / 86400);
    snprintf(out, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static cap_status set_period(cap_calibration *c, const cap_hd_export *x,
                             cap_error *err)
{
    c->from = month_start(x->first, 0);
    c->to = month_start(x->last, 1);
    day_text(c->from, c->from_text);
    day_text(c->to, c->to_text);
    c->months = (double)(c->to - c->from) / (CAP_WEEKS_PER_MONTH * 7 * 86400);
    cap_date a = cap_civil_from_days(c->from / 86400),
             b = cap_civil_from_days(c->to / 86400);
    c->month_count = (b.year - a.year) * 12 + b.month - a.month;
    if (c->month_count > CAP_CALIB_MAX_MONTHS)
        return cap_error_set(err, CAP_ERR_INPUT, x->name, 0, NULL,
                             "tickets span %d months (%s to %s), more than %d",
                             c->month_count, c->from_text, c->to_text,
                             CAP_CALIB_MAX_MONTHS);
    return CAP_OK;
}

/* Hour of week in local time (Monday 00:00 = 0) and whether t falls in
 * the model's [profile] window on a weekday. */
static int local_hour(const cap_model *m, const cap_tz *tz, int64_t t,
                      int *inside)
{
    int64_t local = t + cap_tz_offset(tz, t);
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int minute = (int)((local - day * 86400) / 60);
    int wd = cap_weekday(day);
    *inside = wd < 5 && minute >= m->profile_open_minute &&
              minute < m->profile_close_minute;
    return wd * 24 + minute / 60;
}

/* Counts tickets per cell, local hour and month. */
static cap_status count_tickets(cap_calibration *c, const cap_model *m,
                                const cap_org_table *orgs,
                                const cap_hd_export *x, cap_error *err)
{
    cap_tz_set zones = {.from = c->from - 86400, .to = c->to + 86400};
    cap_status st = CAP_OK;
    for (size_t i = 0; i < orgs->count && st == CAP_OK; i++)
        st = cap_tz_set_add(&zones, orgs->org[i].timezone, err);
    for (size_t i = 0; i < x->count && st == CAP_OK; i++) {
        const cap_ticket *t = &x->tickets[i];
        const cap_org *o = &orgs->org[t->org];
        cap_calib_cell *cell = &c->cell[o->plan][t->severity];
        int inside, how = local_hour(m, cap_tz_set_find(&zones, o->timezone),
                                     t->created, &inside);
        cell->tickets++;
        cell->inside += inside;
        c->sev_tickets[t->severity]++;
        c->sev_inside[t->severity] += inside;
        c->hour_of_week[t->severity][how]++;
        cap_date d = cap_civil_from_days(t->created / 86400),
                 a = cap_civil_from_days(c->from / 86400);
        c->monthly[(d.year - a.year) * 12 + d.month - a.month][t->severity]++;
    }
    cap_tz_set_free(&zones);
    return st;
}

/* p50 and p90 of the first-reply times of cell (plan, sev). */
static void reply_quantiles(cap_calib_cell *cell, const cap_org_table *orgs,
                            const cap_hd_export *x, int plan, int sev)
{
    double *v = malloc((x->count ? x->count : 1) * sizeof *v);
    if (!v)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < x->count; i++)
        if (x->tickets[i].severity == sev && x->tickets[i].first_reply >= 0 &&
            (int)orgs->org[x->tickets[i].org].plan == plan)
            v[n++] = x->tickets[i].first_reply;
    cell->replies = (int)n;
    cell->reply_p50 = cell->reply_p90 = -1;
    if (n) {
        gsl_sort(v, 1, n);
        cell->reply_p50 = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5);
        cell->reply_p90 = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.9);
    }
    free(v);
}

/* Exact 95% Poisson interval of a cell's rate: N ~ Poisson(rate x E),
 * lo = chi2(0.025; 2N) / 2E, hi = chi2(0.975; 2N + 2) / 2E. */
static cap_status rate_interval(cap_calib_cell *cell, cap_error *err)
{
    int n = cell->tickets, st = GSL_SUCCESS;
    double lo = 0, hi;
    if (n)
        st = cap_chisq_quantile(0.025, 2.0 * n, &lo);
    if (st == GSL_SUCCESS)
        st = cap_chisq_quantile(0.975, 2.0 * n + 2, &hi);
    if (st != GSL_SUCCESS)
        return cap_error_set(err, CAP_ERR_INTERNAL, NULL, 0, NULL,
                             "calibrate: no 95%% interval for a rate of %d "
                             "tickets: GSL: %s", n, gsl_strerror(st));
    cell->lo = lo / (2 * cell->exposure);
    cell->hi = hi / (2 * cell->exposure);
    return CAP_OK;
}

/* Rate of one cell: its tickets over its exposure (customers' vendor
 * share x months), and its interval. */
static cap_status fit_rate(cap_calib_cell *cell, const cap_model *m,
                     const cap_org_table *orgs, const cap_calibration *c,
                     int plan, int sev, cap_error *err)
{
    double share_sum = 0;
    for (size_t i = 0; i < orgs->count; i++)
        if ((int)orgs->org[i].plan == plan) {
            cell->customers++;
            share_sum += cap_vendor_share(m, orgs->org[i].channel,
                                          orgs->org[i].has_csm, sev);
        }
    cell->exposure = share_sum * c->months;
    cell->model_rate = m->plan[plan].tickets_per_month[sev];
    int n = cell->tickets;
    cell->business_share = n ? (double)cell->inside / n : -1;
    if (cell->exposure <= 0) {
        cell->kept = 1;
        cell->rate = cell->model_rate;
        cell->lo = cell->hi = -1;
        return CAP_OK;
    }
    cell->rate = n / cell->exposure;
    cell->kept = n < c->min_tickets;
    return rate_interval(cell, err);
}

/* Lognormal fits of the timed tickets (time spent > 0) of plan and
 * severity; plan < 0: of all plans. */
static void fit_handle(cap_lognormal *fit, const cap_org_table *orgs,
                       const cap_hd_export *x, int plan, int sev)
{
    double *v = malloc((x->count ? x->count : 1) * sizeof *v);
    if (!v)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < x->count; i++) {
        const cap_ticket *t = &x->tickets[i];
        if (t->severity == sev && t->time_spent > 0 &&
            (plan < 0 || (int)orgs->org[t->org].plan == plan))
            v[n++] = t->time_spent;
    }
    cap_lognormal_fit(v, n, fit);
    free(v);
}

static void fit_handles(cap_calibration *c, const cap_model *m,
                        const cap_org_table *orgs, const cap_hd_export *x)
{
    c->has_spent = x->has_spent;
    snprintf(c->spent_column, sizeof c->spent_column, "%s", x->spent_column);
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        c->model_handle_mean[s] = m->handle_mean_minutes[s];
        c->model_handle_sd[s] = m->handle_sd_minutes[s];
        fit_handle(&c->handle[s], orgs, x, -1, s);
        c->handle_kept[s] = c->handle[s].n < c->min_tickets;
        for (int p = 0; p < CAP_PLANS; p++) {
            cap_calib_cell *e = &c->cell[p][s];
            fit_handle(&e->handle, orgs, x, p, s);
            e->handle_kept = e->handle.n < c->min_tickets;
        }
    }
}

/* The monthly volume over the days the export covers (from the first
 * ticket's day to the last ticket's), and its trend. */
static cap_status fit_volume(cap_calibration *c, const cap_hd_export *x,
                             cap_error *err)
{
    int64_t lo = x->first - (x->first % 86400 + 86400) % 86400,
            hi = x->last - (x->last % 86400 + 86400) % 86400 + 86400;
    double count[CAP_CALIB_MAX_MONTHS];
    int moy[CAP_CALIB_MAX_MONTHS];
    cap_date d = cap_civil_from_days(c->from / 86400);
    for (int k = 0; k < c->month_count; k++, d = cap_month_add(d, 1)) {
        int64_t a = cap_days_from_civil(d.year, d.month, 1) * 86400;
        cap_date e = cap_month_add(d, 1);
        int64_t b = cap_days_from_civil(e.year, e.month, 1) * 86400;
        a = a > lo ? a : lo;
        b = b < hi ? b : hi;
        c->month_days[k] = b > a ? (double)(b - a) / 86400 : 0;
        count[k] = 0;
        for (int s = 0; s < CAP_SEVERITIES; s++)
            count[k] += c->monthly[k][s];
        moy[k] = d.month;
    }
    return cap_forecast_fit(count, c->month_days, moy, c->month_count,
                            &c->forecast, err);
}

cap_status cap_calibrate(const cap_model *m, const cap_org_table *orgs,
                         const cap_hd_export *x, cap_calibration **out,
                         cap_error *err)
{
    *out = NULL;
    if (m->calibrate_min_tickets < 0)
        return cap_error_set(err, CAP_ERR_MODEL, m->source, 0,
                             "calibrate:min_tickets", "missing: capplan "
                             "calibrate needs a [calibrate] section with "
                             "min_tickets (see models/dispel.ini)");
    cap_calibration *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->min_tickets = (int)ceil(m->calibrate_min_tickets);
    c->tickets = x->count;
    c->format = x->format;
    snprintf(c->export_name, sizeof c->export_name, "%s", x->name);
    cap_status st = set_period(c, x, err);
    if (st == CAP_OK)
        st = count_tickets(c, m, orgs, x, err);
    if (st == CAP_OK)
        st = fit_volume(c, x, err);
    if (st != CAP_OK) {
        free(c);
        return st;
    }
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES && st == CAP_OK; s++) {
            st = fit_rate(&c->cell[p][s], m, orgs, c, p, s, err);
            reply_quantiles(&c->cell[p][s], orgs, x, p, s);
        }
    if (st != CAP_OK) {
        free(c);
        return st;
    }
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        c->model_share[s] = m->business_hours_share[s];
        c->business_share[s] = c->sev_tickets[s]
                                   ? (double)c->sev_inside[s] / c->sev_tickets[s]
                                   : -1;
        c->share_kept[s] = c->sev_tickets[s] < c->min_tickets;
    }
    fit_handles(c, m, orgs, x);
    *out = c;
    return CAP_OK;
}

/* ---- the calibrated model ---- */

typedef struct {
    char *s;
    size_t len, cap;
} text_buf;

static void put(text_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void put(text_buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = 2 * b->cap + (size_t)(n > 0 ? n : 0) + 256;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
}

/* "tickets_per_month" in "  tickets_per_month = ..." */
static int line_is_key(const char *line, size_t len, const char *key)
{
    while (len && (*line == ' ' || *line == '\t'))
        line++, len--;
    size_t k = strlen(key);
    if (len < k || strncmp(line, key, k) != 0)
        return 0;
    line += k;
    len -= k;
    while (len && (*line == ' ' || *line == '\t'))
        line++, len--;
    return len && *line == '=';
}

static void plan_lines(text_buf *b, const cap_calibration *c, int p)
{
    put(b, "; calibrated from %s, %s to %s (%.2f months), tickets s1-s4:",
        c->export_name, c->from_text, c->to_text, c->months);
    for (int s = 0; s < CAP_SEVERITIES; s++)
        put(b, "%s %d%s", s ? "," : "", c->cell[p][s].tickets,
            c->cell[p][s].kept ? " (kept)" : "");
    put(b, "\n; model before: ");
    for (int s = 0; s < CAP_SEVERITIES; s++)
        put(b, "%s%.4g", s ? ", " : "", c->cell[p][s].model_rate);
    int kept = 0;
    for (int s = 0; s < CAP_SEVERITIES; s++)
        kept += c->cell[p][s].kept;
    if (kept)
        put(b, "; (kept): fewer than %d tickets, the model's value stays",
            c->min_tickets);
    put(b, "\ntickets_per_month = ");
    for (int s = 0; s < CAP_SEVERITIES; s++)
        put(b, "%s%.4g", s ? ", " : "",
            c->cell[p][s].kept ? c->cell[p][s].model_rate : c->cell[p][s].rate);
    put(b, "\n");
}

static void share_lines(text_buf *b, const cap_calibration *c, int s)
{
    double v = c->share_kept[s] ? c->model_share[s] : c->business_share[s];
    put(b, "; calibrated from %s, %s to %s: %d tickets, model before %.4g%s\n"
        "business_hours_share = %.4f\n", c->export_name, c->from_text,
        c->to_text, c->sev_tickets[s], c->model_share[s],
        c->share_kept[s] ? " (kept: too few tickets)" : "", v);
}

/* handle_mean_minutes (sd = 0) or handle_sd_minutes (sd = 1) of s. */
static void handle_lines(text_buf *b, const cap_calibration *c, int s, int sd)
{
    const cap_lognormal *h = &c->handle[s];
    double before = sd ? c->model_handle_sd[s] : c->model_handle_mean[s];
    if (sd)
        put(b, "; the same fit's standard deviation");
    else
        put(b, "; calibrated from %s (\"%s\"), %s to %s: %d timed tickets",
            c->export_name, c->spent_column, c->from_text, c->to_text, h->n);
    if (c->handle_kept[s] && sd)
        put(b, ": the model's value stays\n");
    else if (sd)
        put(b, "; model before %.4g\n", before);
    else if (c->handle_kept[s])
        put(b, ", fewer than %d: the model's value stays\n", c->min_tickets);
    else
        put(b, ", lognormal mu %.4f, sigma %.4f of ln minutes; model before "
            "%.4g\n", h->mu, h->sigma, before);
    put(b, "%s = %.4g\n", sd ? "handle_sd_minutes" : "handle_mean_minutes",
        c->handle_kept[s] ? before : sd ? h->sd : h->mean);
}

/* The fitted growth, offered as a comment under [partner_defaults]. */
static void growth_lines(text_buf *b, const cap_calibration *c)
{
    const cap_forecast *f = &c->forecast;
    if (!f->fitted) {
        put(b, "; capplan calibrate: fewer than %d months with tickets in %s: "
            "no volume trend, no growth to suggest\n", CAP_FORECAST_MIN_MONTHS,
            c->export_name);
        return;
    }
    put(b, "; capplan calibrate: the ticket volume of %s grew %.1f%% a quarter "
        "(95%% interval %.1f%% to %.1f%%; %d months, %s).  Tickets per "
        "customer held level, that is the customers' growth; to size with "
        "it:\n; growth = %.4f\n", c->export_name, 100 * f->growth,
        100 * f->growth_lo, 100 * f->growth_hi, f->months,
        f->seasonal ? "month-of-year season fitted" : "no season fitted",
        f->growth);
}

char *cap_calibrated_ini(const char *text, const cap_model *m,
                         const cap_calibration *c)
{
    (void)m;
    text_buf b = {0};
    put(&b, "; Calibrated by capplan calibrate from %s (%zu tickets, %s to "
        "%s).\n", c->export_name, c->tickets, c->from_text, c->to_text);
    char section[64] = "";
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        const char *lead = text + strspn(text, " \t");
        if (*lead == '[') {
            size_t n = strcspn(lead + 1, "]\n");
            snprintf(section, sizeof section, "%.*s", (int)n, lead + 1);
        }
        int p = strncmp(section, "plan.", 5) == 0 ? cap_plan_parse(section + 5) : -1;
        int s = strncmp(section, "severity.s", 10) == 0 ? section[10] - '1' : -1;
        if (p >= 0 && line_is_key(text, len, "tickets_per_month"))
            plan_lines(&b, c, p);
        else if (s >= 0 && s < CAP_SEVERITIES && c->model_share[s] >= 0 &&
                 line_is_key(text, len, "business_hours_share"))
            share_lines(&b, c, s);
        else if (s >= 0 && s < CAP_SEVERITIES && c->has_spent &&
                 (line_is_key(text, len, "handle_mean_minutes") ||
                  line_is_key(text, len, "handle_sd_minutes")))
            handle_lines(&b, c, s, line_is_key(text, len, "handle_sd_minutes"));
        else
            put(&b, "%.*s\n", (int)len, text);
        if (strcmp(section, "partner_defaults") == 0 &&
            line_is_key(text, len, "growth"))
            growth_lines(&b, c);
        text += len + (nl ? 1 : 0);
    }
    return b.s;
}
