/* test_calib_trend.c - capplan calibrate's volume trend, handle time and
 * [calibrate] column mapping (issue 13).
 *
 * 1. Hand-checked numbers: the lognormal MLE of four times whose logs are
 *    1, 2, 3, 4; the trend of three equal months (slope 0, its standard
 *    error 1 / sqrt(sum w (t - mean t)^2)), of an exact 5% a quarter, of an
 *    exact season; too few months.
 * 2. A hand export end to end: the time-spent column read (empty and 0 not
 *    tracked, an unreadable value reported), the fit in the JSON and in
 *    model-calibrated.ini, kept severities keep the model's values; the
 *    same export through a [calibrate] mapping with other units.
 * 3. Recovery: gen_export draws 24 months growing 5% a quarter with a
 *    season peaking in November and low in July, and lognormal time spent;
 *    the fitted growth lies within 2 of its standard errors of 0.05, the
 *    peak and low months are found, each season factor within 0.08, each
 *    severity's mu and sigma within 3 standard errors; Jira and a renamed
 *    layout (through a mapping) give the Zendesk fit.
 * Everything is written below one mkdtemp folder.
 */
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calibrate.h"
#include "check.h"
#include "forecast.h"
#include "handlefit.h"
#include "model.h"
#include "run_capplan.h"
#include "scratch.h"

/* gen_export's time spent (ln minutes) and season, see gen_export.c. */
static const double spent_mu[CAP_SEVERITIES] = {4.4, 3.8, 3.4, 3.0};
static const double spent_sigma[CAP_SEVERITIES] = {0.8, 0.7, 0.6, 0.5};
static const double season[12] = {1.00, 1.05, 1.00, 0.95, 0.90, 0.85,
                                  0.80, 0.90, 1.00, 1.10, 1.30, 1.05};

/* models/dispel.ini with "min_tickets = 30" replaced by text. */
static void write_model(const char *name, const char *calibrate)
{
    char path[512];
    snprintf(path, sizeof path, "%s/models/dispel.ini", CAP_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    char *at = strstr(buf, "min_tickets = 30\n");
    CHECK(at != NULL);
    if (!at)
        return;
    *at = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    fprintf(f, "%s%s%s", buf, calibrate, at + strlen("min_tickets = 30\n"));
    fclose(f);
}

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static json_t *handle_sev(json_t *doc, int s)
{
    return json_array_get(json_object_get(json_object_get(doc, "handle_time"),
                                          "severities"), (size_t)s);
}

/* ln x = 1, 2, 3, 4: mu = 2.5; sigma^2 = (2.25 + 0.25 + 0.25 + 2.25) / 4
 * = 1.25 (dividing by n - 1 would give 1.6667); se(mu) = sqrt(1.25) / 2
 * = 0.559017, se(sigma) = sqrt(1.25) / sqrt(8) = 0.395285; mean =
 * exp(2.5 + 0.625) = 22.7599, sd = 22.7599 x sqrt(e^1.25 - 1) = 22.7599 x 1.578082 = 35.9170. */
static void test_lognormal(void)
{
    double x[4] = {exp(1), exp(2), exp(3), exp(4)};
    cap_lognormal f;
    cap_lognormal_fit(x, 4, &f);
    CHECK_INT(f.n, 4);
    CHECK_NEAR(f.mu, 2.5, 1e-12);
    CHECK_NEAR(f.sigma, sqrt(1.25), 1e-12);
    CHECK_NEAR(f.mu_se, 0.559017, 1e-6);
    CHECK_NEAR(f.sigma_se, 0.395285, 1e-6);
    CHECK_NEAR(f.mean, 22.7599, 1e-4);
    CHECK_NEAR(f.sd, 35.9170, 1e-4);
    cap_lognormal_fit(x, 0, &f);
    CHECK_INT(f.n, 0);
}

/* Three months of 100 tickets over 30.4375 days each: slope 0; weights
 * 100 at t = 0, 1, 2 (mean 1): var(b) = 1 / (100 x (1 + 0 + 1)) = 1/200,
 * se(b) = 0.0707107, se(growth) = 3 x se(b) = 0.212132.  chi^2 = 0: no
 * widening.  dof = 1: t(0.975; 1) = 12.7062047, so the interval is
 * exp(+-3 x 12.7062047 x 0.0707107) - 1. */
static void test_trend_hand(void)
{
    double count[3] = {100, 100, 100}, days[3] = {30.4375, 30.4375, 30.4375};
    int moy[3] = {1, 2, 3};
    cap_forecast f;
    cap_error err;
    CHECK_INT(cap_forecast_fit(count, days, moy, 3, &f, &err), CAP_OK);
    CHECK(f.fitted);
    CHECK(!f.seasonal);
    CHECK_NEAR(f.growth, 0, 1e-12);
    CHECK_NEAR(f.slope_se, 0.0707107, 1e-7);
    CHECK_NEAR(f.growth_se, 0.212132, 1e-6);
    CHECK_NEAR(f.growth_lo, exp(-3 * 12.7062047 * 0.0707107) - 1, 1e-5);
    CHECK_NEAR(f.growth_hi, exp(3 * 12.7062047 * 0.0707107) - 1, 1e-4);
    CHECK_NEAR(f.fitted_count[1], 100, 1e-9);
    /* February to April at 10 tickets a day (280, 310, 300): per average
     * month the same, so no growth; the fitted counts follow the days */
    double feb[3] = {280, 310, 300}, feb_days[3] = {28, 31, 30};
    CHECK_INT(cap_forecast_fit(feb, feb_days, moy, 3, &f, &err), CAP_OK);
    CHECK_NEAR(f.growth, 0, 1e-12);
    CHECK_NEAR(f.fitted_count[0], 280, 1e-9);
    /* exactly 5% a quarter: month k has 1000 x 1.05^(k/3) */
    double c12[12], d12[12];
    int m12[12];
    for (int k = 0; k < 12; k++) {
        c12[k] = 1000 * pow(1.05, k / 3.0);
        d12[k] = 30.4375;
        m12[k] = k + 1;
    }
    CHECK_INT(cap_forecast_fit(c12, d12, m12, 12, &f, &err), CAP_OK);
    CHECK_NEAR(f.growth, 0.05, 1e-12);
    CHECK_NEAR(f.slope, log(1.05) / 3, 1e-12);
    /* two months with tickets: no trend */
    c12[2] = 0;
    CHECK_INT(cap_forecast_fit(c12, d12, m12, 3, &f, &err), CAP_OK);
    CHECK(!f.fitted);
}

/* 24 months of 1000 x season[month]: no growth, the season exactly; its
 * factors are normalized to a geometric mean of 1, so ratios stay. */
static void test_season_hand(void)
{
    double count[24], days[24];
    int moy[24];
    for (int k = 0; k < 24; k++) {
        count[k] = 1000 * season[k % 12];
        days[k] = 30.4375;
        moy[k] = k % 12 + 1;
    }
    cap_forecast f;
    cap_error err;
    CHECK_INT(cap_forecast_fit(count, days, moy, 24, &f, &err), CAP_OK);
    CHECK(f.seasonal);
    CHECK_NEAR(f.growth, 0, 1e-10);
    CHECK_INT(f.peak_month, 11);
    CHECK_INT(f.low_month, 7);
    CHECK_NEAR(f.season[10] / f.season[6], 1.30 / 0.80, 1e-10);
    CHECK_NEAR(f.fitted_count[13], 1050, 1e-7);
    /* 24 months of which only 12 have tickets: too few for 13 terms, the
     * trend alone (1000 x season over a year: no growth between them) */
    for (int k = 12; k < 24; k++)
        count[k] = 0;
    CHECK_INT(cap_forecast_fit(count, days, moy, 24, &f, &err), CAP_OK);
    CHECK(f.fitted);
    CHECK(!f.seasonal);
    /* 24 months, tickets only January to July (14 months, more than 13
     * terms): August to December have no month to fit their terms from
     * (the design is rank-deficient; GSL's SVD set them to 0, a season
     * factor made up for five months).  The trend alone: 1000 a month
     * throughout, no growth, fitted 1000 */
    for (int k = 0; k < 24; k++)
        count[k] = k % 12 < 7 ? 1000 : 0;
    CHECK_INT(cap_forecast_fit(count, days, moy, 24, &f, &err), CAP_OK);
    CHECK(f.fitted);
    CHECK(!f.seasonal);
    CHECK_INT(f.peak_month, 0);
    CHECK_NEAR(f.growth, 0, 1e-12);
    CHECK_NEAR(f.fitted_count[13], 1000, 1e-9);
}

/* Four s4 tickets with times e^1..e^4 minutes (the hand lognormal above),
 * one empty and one 0 (not tracked), one unreadable; min_tickets 4: s4
 * is fitted, the other severities keep the model's handle times. */
static const char *const hand_orgs =
    "organization,partner,channel,plan,timezone\nA,p1,reseller,basic,UTC\n";

static void test_hand_export(void)
{
    char export[2048], line[256];
    snprintf(export, sizeof export, "Id,Created at,Priority,Organization,"
             "First reply time in minutes,Total time spent (sec)\n");
    for (int k = 1; k <= 4; k++) {
        snprintf(line, sizeof line, "%d,2027-01-0%d 10:00:00,low,A,10,%.10f\n",
                 k, k + 3, 60 * exp(k));
        strcat(export, line);
    }
    strcat(export, "5,2027-01-11 10:00:00,low,A,10,\n"
                   "6,2027-01-12 10:00:00,low,A,10,0\n"
                   "7,2027-01-13 10:00:00,urgent,A,10,an hour\n");
    write_file("hand.csv", export);
    write_file("hand-orgs.csv", hand_orgs);
    write_model("min4.ini", "min_tickets = 4\n");
    int st;
    json_t *doc = calibrate("-m min4.ini --tickets hand.csv --customers "
                            "hand-orgs.csv -o hand", &st);
    CHECK_INT(st, 0);
    json_t *h = handle_sev(doc, 3);
    CHECK_INT(num(h, "timed"), 4);
    CHECK_NEAR(num(h, "mu"), 2.5, 1e-9);
    CHECK_NEAR(num(h, "sigma"), sqrt(1.25), 1e-9);
    CHECK_NEAR(num(h, "mean_minutes"), 22.7599, 1e-4);
    CHECK(json_is_false(json_object_get(h, "kept")));
    CHECK(json_is_true(json_object_get(handle_sev(doc, 0), "kept")));
    CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "handle_time"),
                                                "column")), "Total time spent (sec)");
    /* one month: no trend */
    CHECK(json_is_false(json_object_get(json_object_get(doc, "forecast"), "fitted")));
    json_decref(doc);
    char *err = read_text("err.txt");
    CHECK_STR(err,
        "capplan: calibrate: hand.csv: row 8: Total time spent (sec): unreadable time spent \"an hour\"\n"
        "capplan: calibrate: hand.csv: 1 row with an unreadable time spent (column \"Total time spent (sec)\"): counted, time spent left out\n");
    free(err);
    char *ini = read_text("hand/model-calibrated.ini");
    CHECK(strstr(ini, "of ln minutes; model before 30\nhandle_mean_minutes = 22.76\n") != NULL);
    CHECK(strstr(ini, "; model before 20\nhandle_sd_minutes = 35.92\n") != NULL);
    CHECK(strstr(ini, "fewer than 4: the model's value stays\nhandle_mean_minutes = 120\n") != NULL);
    CHECK(strstr(ini, "growth        = 0\n; capplan calibrate: fewer than 3 months "
                      "with tickets in hand.csv: no volume trend") != NULL);
    free(ini);
    /* The same times through a mapping, in minutes; first reply in hours. */
    snprintf(export, sizeof export, "Key,When,Level,Customer,Hours to reply,Minutes worked\n");
    for (int k = 1; k <= 4; k++) {
        snprintf(line, sizeof line, "K%d,2027-01-0%dT10:00:00Z,Low,A,0.5,%.12f\n",
                 k, k + 3, exp(k));
        strcat(export, line);
    }
    write_file("mapped.csv", export);
    write_model("mapped.ini", "min_tickets = 3\ncreated = When\npriority = Level\n"
                "organization = Customer\nfirst_reply_hours = Hours to reply\n"
                "time_spent_minutes = Minutes worked\n");
    doc = calibrate("-m mapped.ini --tickets mapped.csv --customers hand-orgs.csv "
                    "-o mapped", &st);
    CHECK_INT(st, 0);
    CHECK_STR(json_string_value(json_object_get(doc, "format")), "custom");
    h = handle_sev(doc, 3);
    CHECK_INT(num(h, "timed"), 4);
    CHECK_NEAR(num(h, "mu"), 2.5, 1e-9);
    CHECK_NEAR(num(h, "sigma"), sqrt(1.25), 1e-9);
    json_t *cell = json_array_get(json_object_get(doc, "cells"), 3);
    CHECK_NEAR(num(cell, "first_reply_p50"), 30, 1e-9);
    json_decref(doc);
}

static json_t *handle_of(json_t *doc)
{
    return json_object_get(json_object_get(doc, "handle_time"), "severities");
}

static void check_trend(json_t *doc)
{
    json_t *f = json_object_get(doc, "forecast");
    double g = num(f, "growth_per_quarter"), se = num(f, "growth_se");
    fprintf(stderr, "growth %.4f, standard error %.4f, z = %.2f, dispersion %.2f\n",
            g, se, (g - 0.05) / se, num(f, "dispersion"));
    CHECK(json_is_true(json_object_get(f, "seasonal")));
    CHECK(se > 0 && se < 0.01);
    CHECK(fabs(g - 0.05) <= 2 * se);
    CHECK_INT(num(f, "peak_month"), 11);
    CHECK_INT(num(f, "low_month"), 7);
    double geo = 0;
    for (int m = 0; m < 12; m++)
        geo += log(season[m]) / 12;
    for (int m = 0; m < 12; m++)
        CHECK_NEAR(json_number_value(json_array_get(json_object_get(f, "season"),
                                                    (size_t)m)),
                   season[m] / exp(geo), 0.08);
    CHECK_INT(json_array_size(json_object_get(f, "monthly")), 24);
}

static void check_handle(json_t *doc)
{
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        json_t *h = json_array_get(handle_of(doc), (size_t)s);
        double mu = num(h, "mu"), sigma = num(h, "sigma");
        fprintf(stderr, "s%d: %d timed, mu %.4f (z %.2f), sigma %.4f (z %.2f)\n",
                s + 1, (int)num(h, "timed"), mu, (mu - spent_mu[s]) / num(h, "mu_se"),
                sigma, (sigma - spent_sigma[s]) / num(h, "sigma_se"));
        CHECK(num(h, "timed") > 1000);
        CHECK(fabs(mu - spent_mu[s]) <= 3 * num(h, "mu_se"));
        CHECK(fabs(sigma - spent_sigma[s]) <= 3 * num(h, "sigma_se"));
        CHECK(json_is_false(json_object_get(h, "kept")));
    }
}

/* The calibrated model holds the fitted handle times and suggests the
 * growth; it loads, and -m runs the finance sample. */
static void check_model(json_t *doc)
{
    char path[512];
    snprintf(path, sizeof path, "%s/trend-z/model-calibrated.ini", dir);
    cap_error err;
    cap_model *cm = cap_model_load(path, &err);
    CHECK(cm != NULL);
    if (!cm)
        return;
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        json_t *h = json_array_get(handle_of(doc), (size_t)s);
        CHECK_NEAR(cm->handle_mean_minutes[s] / num(h, "mean_minutes"), 1, 5e-4);
        CHECK_NEAR(cm->handle_sd_minutes[s] / num(h, "sd_minutes"), 1, 5e-4);
    }
    CHECK_NEAR(cm->default_growth, 0, 0); /* a suggestion, not a setting */
    cap_model_free(cm);
    char *ini = read_text("trend-z/model-calibrated.ini");
    char want[64];
    snprintf(want, sizeof want, "\n; growth = %.4f\n",
             num(json_object_get(doc, "forecast"), "growth_per_quarter"));
    CHECK(strstr(ini, want) != NULL);
    free(ini);
    CHECK_INT(run_shell("cd '%s' && '%s' -m '%s' samples/finance-book.ini "
                        "samples/finance-book.csv --no-sim -o '%s/book' >/dev/null",
                        CAP_SOURCE_DIR, CAPPLAN_EXE, path, dir), 0);
}

/* Every cell's fit of b equals a's. */
static void same_fit(json_t *a, json_t *b)
{
    static const char *const keys[] = {"tickets", "rate", "business_hours_share",
                                       "first_reply_p50", "first_reply_p90"};
    for (size_t i = 0; i < 12; i++)
        for (size_t k = 0; k < 5; k++)
            CHECK_NEAR(num(json_array_get(json_object_get(b, "cells"), i), keys[k]),
                       num(json_array_get(json_object_get(a, "cells"), i), keys[k]),
                       1e-12);
    for (size_t s = 0; s < CAP_SEVERITIES; s++) {
        CHECK_NEAR(num(json_array_get(handle_of(b), s), "mu"),
                   num(json_array_get(handle_of(a), s), "mu"), 1e-12);
        CHECK_NEAR(num(json_array_get(handle_of(b), s), "sigma"),
                   num(json_array_get(handle_of(a), s), "sigma"), 1e-12);
    }
    CHECK_NEAR(num(json_object_get(b, "forecast"), "growth_per_quarter"),
               num(json_object_get(a, "forecast"), "growth_per_quarter"), 1e-12);
}

static void test_recovery(void)
{
    CHECK_INT(run_shell("mkdir -p '%s/trend' && '%s' '%s/trend' 7 600 --months 24 "
                        "--growth 0.05 --seasonal --time-spent >/dev/null",
                        dir, GEN_EXPORT_EXE, dir), 0);
    int st;
    json_t *z = calibrate("--tickets trend/zendesk.csv --customers trend/orgs.csv "
                          "-o trend-z --deterministic", &st);
    CHECK_INT(st, 0);
    if (!z)
        return;
    CHECK_STR(json_string_value(json_object_get(z, "to")), "2029-01-01");
    check_trend(z);
    check_handle(z);
    check_model(z);
    json_t *j = calibrate("--tickets trend/jira.csv --customers trend/orgs.csv "
                          "--export-timezone America/New_York -o trend-j", &st);
    CHECK_INT(st, 0);
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "handle_time"),
                                                "column")), "Time Spent");
    same_fit(z, j);
    json_decref(j);
    write_model("renamed.ini", "min_tickets = 30\nid = \"Ticket #\"\n"
                "created = Opened (UTC)\npriority = Severity Level\n"
                "organization = Account\nfirst_reply_minutes = Minutes to first answer\n"
                "time_spent_seconds = Work seconds\n");
    json_t *c = calibrate("-m renamed.ini --tickets trend/custom.csv --customers "
                          "trend/orgs.csv --severity \"P1=s1, P2=s2, P3=s3, P4=s4\" "
                          "-o trend-c", &st);
    CHECK_INT(st, 0);
    CHECK_STR(json_string_value(json_object_get(c, "format")), "custom");
    same_fit(z, c);
    json_decref(c);
    json_decref(z);
}

/* A year without growth (the three-layout draw): no season fitted, the
 * growth within 2 standard errors of 0. */
static void test_flat_year(void)
{
    CHECK_INT(run_shell("mkdir -p '%s/flat' && '%s' '%s/flat' 1 600 >/dev/null",
                        dir, GEN_EXPORT_EXE, dir), 0);
    int st;
    json_t *doc = calibrate("--tickets flat/zendesk.csv --customers flat/orgs.csv "
                            "-o flat-out", &st);
    CHECK_INT(st, 0);
    json_t *f = json_object_get(doc, "forecast");
    CHECK(json_is_false(json_object_get(f, "seasonal")));
    CHECK(fabs(num(f, "growth_per_quarter")) <= 2 * num(f, "growth_se"));
    CHECK(json_is_null(json_object_get(doc, "handle_time")));
    json_decref(doc);
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capplan's main */
    snprintf(dir, sizeof dir, "%s/capplan-trend.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    test_lognormal();
    test_trend_hand();
    test_season_hand();
    test_hand_export();
    test_recovery();
    test_flat_year();
    int rc = check_summary();
    if (rc == 0)
        run_shell("rm -rf '%s'", dir);
    return rc;
}
