/* test_calibrate.c - capplan calibrate (issue 13).
 *
 * 1. Hand-checked numbers: the share of tickets that reach the vendor per
 *    channel (from the categories of models/dispel.ini), and a ten-ticket
 *    export whose rate, exact Poisson interval and business-hours share
 *    are worked out below.
 * 2. Recovery: gen_export draws a year of tickets for 600 organizations
 *    from the built-in model; calibrating each of its three layouts
 *    (format told by the headers) must put every known rate inside its
 *    95% interval, the business-hours share within 0.03, the observed
 *    first-reply quantiles near the exponential's, and the calibrated
 *    model must run the finance sample.
 * 3. Bad rows, each kind with its exact message; a file with nothing
 *    usable is an error and writes nothing.
 * Everything is written below one mkdtemp folder.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calibrate.h"
#include "check.h"
#include "model.h"
#include "run_capplan.h"
#include "scratch.h"

static json_t *cell(json_t *doc, int plan, int sev)
{
    return json_array_get(json_object_get(doc, "cells"),
                          (size_t)(plan * CAP_SEVERITIES + sev));
}

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

/* Reseller: everything but the two customer-primary categories (0.10 +
 * 0.08) reaches the vendor: 0.82.  OEM without P-CSMs, s1: support-primary
 * 0.08 + 0.03 + 0.05 = 0.16, plus partner-primary shares x escalation:
 * 0.06 x 0.05 + 0.20 x 0.30 + 0.08 x 0.40 + 0.08 x 0 + 0.06 x 0.30 +
 * 0.12 x 0.50 + 0.06 x 0.30 = 0.191; together 0.351.  An OEM with P-CSMs
 * hands its work to them: 0.82 again. */
static void test_vendor_share(const cap_model *m)
{
    for (int s = 0; s < CAP_SEVERITIES; s++)
        CHECK_NEAR(cap_vendor_share(m, CAP_CH_RESELLER, 0, s), 0.82, 1e-12);
    CHECK_NEAR(cap_vendor_share(m, CAP_CH_OEM, 0, 0), 0.351, 1e-12);
    CHECK_NEAR(cap_vendor_share(m, CAP_CH_OEM, 1, 0), 0.82, 1e-12);
    /* MSP s4: 0.16 + 0.20 x 0.02 + 0.08 x 0.05 + 0.06 x 0.02 + 0.12 x 0.05
     * + 0.06 x 0.05 = 0.1782 */
    CHECK_NEAR(cap_vendor_share(m, CAP_CH_MSP, 0, 3), 0.1782, 1e-12);
}

/* Two reseller organizations (basic, UTC) send ten urgent tickets in
 * January 2027 (31 days = 31 / 30.4375 months of 365.25 / 12 days).
 * Exposure E = 2 x 0.82 x 31 / 30.4375 = 1.670308 customer-months at the
 * vendor; rate = 10 / E = 5.986.  Exact 95% interval for a count of 10:
 * chi2(0.025; 20) / 2 = 4.795389 and chi2(0.975; 22) / 2 = 18.390356
 * (Garwood's table), divided by E.  Seven of the ten arrive on weekdays
 * between 08:00 and 18:00: share 0.7.  Ten tickets < min_tickets 30: the
 * model's rate is kept.  Replies 10..100 minutes: p50 = 55, p90 = 91
 * (GSL's quantile interpolates: 90 + 0.1 x 10). */
static void test_hand_example(void)
{
    write_file("hand-orgs.csv",
               "organization,partner,channel,plan,timezone\n"
               "A,p1,reseller,basic,UTC\nB,p1,Reseller,Basic,UTC\n");
    write_file("hand.csv",
               "Ticket ID,Priority,Company Name,Created time,First response time (in hrs)\n"
               "1,Urgent,A,2027-01-04 08:00:00,0:10\n"  /* Mon in */
               "2,Urgent,B,2027-01-05 12:30:00,0.3333333333\n"
               "3,Urgent,A,2027-01-06 17:59:00,0.5\n"
               "4,Urgent,A,2027-01-07 09:00:00,0.6666666667\n"
               "5,Urgent,B,2027-01-08 10:00:00,0.8333333333\n"
               "6,Urgent,B,2027-01-11 11:00:00,1\n"
               "7,Urgent,A,2027-01-12 15:00:00,1.1666666667\n"
               "8,Urgent,A,2027-01-09 12:00:00,1.3333333333\n" /* Sat */
               "9,Urgent,B,2027-01-13 18:00:00,1.5\n"          /* 18:00 out */
               "10,Urgent,B,2027-01-31 07:59:00,1.6666666667\n");
    int st;
    json_t *doc = calibrate("--tickets hand.csv --customers hand-orgs.csv -o hand", &st);
    CHECK_INT(st, 0);
    double e = 2 * 0.82 * 31 / 30.4375;
    json_t *c = cell(doc, 0, 0);
    CHECK_INT(num(c, "tickets"), 10);
    CHECK_NEAR(num(c, "rate"), 10 / e, 1e-9);
    CHECK_NEAR(json_number_value(json_array_get(json_object_get(c, "ci95"), 0)),
               4.795389 / e, 1e-5);
    CHECK_NEAR(json_number_value(json_array_get(json_object_get(c, "ci95"), 1)),
               18.390356 / e, 1e-5);
    CHECK(json_is_true(json_object_get(c, "kept")));
    CHECK_NEAR(num(c, "business_hours_share"), 0.7, 1e-12);
    CHECK_NEAR(num(c, "first_reply_p50"), 55, 1e-6);
    CHECK_NEAR(num(c, "first_reply_p90"), 91, 1e-6);
    CHECK_STR(json_string_value(json_object_get(doc, "format")), "freshdesk");
    CHECK_NEAR(num(doc, "months"), 31 / 30.4375, 1e-10);
    json_decref(doc);
    /* The Fit sheet's note below the table runs on over empty cells:
     * column A (Plan) keeps its declared 18 characters, plus the cell's
     * 0.71 padding, as wide as "mission_critical" needs (the note made it
     * 60) */
    CHECK_INT(run_shell("cd '%s' && unzip -p hand/calibration.xlsx "
                        "xl/worksheets/sheet1.xml | grep -q "
                        "'<col min=\"1\" max=\"1\" width=\"18.7109375\"'",
                        dir), 0);
    /* The kept cell writes the model's own 0.10 for basic s1. */
    char *ini = read_text("hand/model-calibrated.ini");
    CHECK(strstr(ini, "tickets_per_month = 0.1, 0.4, 1, 1.5\n") != NULL);
    free(ini);
}

/* 15,342 urgent tickets of one organization, one every 30 minutes from
 * 2027-01-01: GSL's gsl_cdf_chisq_Pinv gives up on the upper end of the
 * rate's interval there, and under GSL's default handler capplan aborted
 * (exit 134).  The ends, over the cell's exposure E = tickets / rate, are
 * chi2(0.025; 2N) / 2 and chi2(0.975; 2N + 2) / 2, computed independently
 * with mpmath (see test_quantile.c). */
static void test_many_tickets(void)
{
    enum { N = 15342 };
    write_file("many-orgs.csv", "organization,partner,channel,plan,timezone\n"
                                "A,p1,reseller,basic,UTC\n");
    char path[512], when[32];
    snprintf(path, sizeof path, "%s/many.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("Id,Created at,Priority,Organization,First reply time in minutes\n", f);
    for (int i = 0; i < N; i++) {
        time_t t = (time_t)1798761600 + (time_t)i * 1800; /* 2027-01-01 */
        struct tm tm;
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
        fprintf(f, "%d,%s,urgent,A,12\n", i + 1, when);
    }
    fclose(f);
    int st;
    json_t *doc = calibrate("--tickets many.csv --customers many-orgs.csv -o many", &st);
    CHECK_INT(st, 0);
    json_t *c = cell(doc, 0, 0), *ci = json_object_get(c, "ci95");
    CHECK_INT(num(c, "tickets"), N);
    double e = N / num(c, "rate");
    CHECK_NEAR(json_number_value(json_array_get(ci, 0)) * e, 15100.1818561721, 1e-6);
    CHECK_NEAR(json_number_value(json_array_get(ci, 1)) * e, 15586.7203525801, 1e-6);
    json_decref(doc);
}

static const char *const layouts[3] = {"zendesk", "jira", "freshdesk"};

/* gen_export's first replies: exponential with these means (minutes). */
static const double reply_mean[CAP_SEVERITIES] = {20, 60, 180, 360};

static void check_recovery(json_t *doc, const cap_model *m, const char *layout)
{
    int outside = 0;
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            json_t *c = cell(doc, p, s);
            json_t *ci = json_object_get(c, "ci95");
            double known = m->plan[p].tickets_per_month[s];
            double lo = json_number_value(json_array_get(ci, 0)),
                   hi = json_number_value(json_array_get(ci, 1));
            CHECK(num(c, "tickets") >= 150);
            CHECK(json_is_false(json_object_get(c, "kept")));
            if (!(lo <= known && known <= hi)) {
                outside++;
                fprintf(stderr, "%s %s s%d: known %.3f outside [%.3f, %.3f]\n",
                        layout, cap_plan_name((cap_plan)p), s + 1, known, lo, hi);
            }
            /* Exponential quantiles: p50 = mean ln 2, p90 = mean ln 10;
             * only cells with 1000+ replies (relative error ~4%). */
            if (num(c, "replies") >= 1000) {
                CHECK_NEAR(num(c, "first_reply_p50") / (reply_mean[s] * log(2)), 1, 0.12);
                CHECK_NEAR(num(c, "first_reply_p90") / (reply_mean[s] * log(10)), 1, 0.12);
            }
        }
    CHECK_INT(outside, 0);
    json_t *shares = json_object_get(doc, "business_hours_share");
    /* S1 is uniform: 5 days x 10 hours of the 168 of a week. */
    CHECK_NEAR(num(json_array_get(shares, 0), "observed"), 50.0 / 168, 0.03);
    for (int s = 1; s < CAP_SEVERITIES; s++)
        CHECK_NEAR(num(json_array_get(shares, (size_t)s), "observed"),
                   m->business_hours_share[s], 0.03);
}

/* The calibrated model holds the fitted numbers (4 significant digits)
 * and runs the finance sample as it is. */
static void test_calibrated_model(json_t *doc)
{
    char path[512];
    snprintf(path, sizeof path, "%s/out-zendesk/model-calibrated.ini", dir);
    cap_error err;
    cap_model *cm = cap_model_load(path, &err);
    CHECK(cm != NULL);
    if (!cm) {
        fprintf(stderr, "%s\n", err.message);
        return;
    }
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++)
            CHECK_NEAR(cm->plan[p].tickets_per_month[s] / num(cell(doc, p, s), "rate"),
                       1, 5e-4);
    json_t *shares = json_object_get(doc, "business_hours_share");
    CHECK(cm->business_hours_share[0] < 0); /* s1 stays uniform */
    for (int s = 1; s < CAP_SEVERITIES; s++)
        CHECK_NEAR(cm->business_hours_share[s],
                   num(json_array_get(shares, (size_t)s), "observed"), 5e-5);
    cap_model_free(cm);
    CHECK_INT(run_shell("cd '%s' && '%s' -m '%s' samples/finance-book.ini "
                        "samples/finance-book.csv --no-sim -o '%s/book' >/dev/null",
                        CAP_SOURCE_DIR, CAPPLAN_EXE, path, dir), 0);
}

static void test_recovery(const cap_model *m)
{
    CHECK_INT(run_shell("'%s' '%s' 1 600 >/dev/null", GEN_EXPORT_EXE, dir), 0);
    json_int_t tickets[3] = {0};
    for (int k = 0; k < 3; k++) {
        char args[512];
        snprintf(args, sizeof args, "--tickets %s.csv --customers orgs.csv "
                 "--format auto -o out-%s --deterministic%s", layouts[k],
                 layouts[k], k == 1 ? " --export-timezone America/New_York" : "");
        int st;
        json_t *doc = calibrate(args, &st);
        CHECK_INT(st, 0);
        if (!doc)
            continue;
        CHECK_STR(json_string_value(json_object_get(doc, "format")), layouts[k]);
        CHECK_STR(json_string_value(json_object_get(doc, "from")), "2027-01-01");
        CHECK_STR(json_string_value(json_object_get(doc, "to")), "2028-01-01");
        tickets[k] = json_integer_value(json_object_get(doc, "tickets"));
        check_recovery(doc, m, layouts[k]);
        if (k == 0)
            test_calibrated_model(doc);
        json_decref(doc);
    }
    /* The same draw in three layouts: every ticket read from each. */
    CHECK(tickets[0] > 10000);
    CHECK_INT(tickets[1], tickets[0]);
    CHECK_INT(tickets[2], tickets[0]);
}

/* Each kind of bad row: the row's message (file, row, column, text) and
 * one summary line per kind; the usable rows still calibrate. */
static void test_bad_rows(void)
{
    write_file("bad-orgs.csv", "Organization,Partner,Channel,Plan,Timezone\n"
                               "Acme,p1,reseller,premium,Europe/Berlin\n");
    write_file("bad.csv",
               "Id,Created at,Priority,Organization,First reply time in minutes\n"
               "1,2027-03-01T10:00:00+01:00,urgent,Acme,12\n"
               "2,2027-02-30 10:00:00,urgent,Acme,12\n"
               "3,2027-03-02 10:00:00 +0100,Critical,Acme,12\n"
               "4,2027-03-02 10:00:00 +0100,high,Nobody Inc,12\n"
               "5,2027-03-03 10:00:00Z,normal,acme,\n"
               "6,2027-03-03 11:00:00 +0100,low,Acme,-5\n"
               "7,2027-03-03 12:00:00 +0100,low,Acme,soon\n");
    int st;
    json_t *doc = calibrate("--tickets bad.csv --customers bad-orgs.csv -o bad-out", &st);
    CHECK_INT(st, 0);
    CHECK_INT(json_integer_value(json_object_get(doc, "tickets")), 4);
    json_decref(doc);
    char *got = read_text("err.txt");
    CHECK_STR(got,
        "capplan: calibrate: bad.csv: row 3: Created at: unparseable date \"2027-02-30 10:00:00\"\n"
        "capplan: calibrate: bad.csv: 1 row with an unparseable date (column \"Created at\"): skipped\n"
        "capplan: calibrate: bad.csv: row 4: Priority: unknown priority \"Critical\"\n"
        "capplan: calibrate: bad.csv: 1 row with an unknown priority (column \"Priority\"): skipped\n"
        "capplan: calibrate: bad.csv: row 5: Organization: unknown organization \"Nobody Inc\"\n"
        "capplan: calibrate: bad.csv: 1 row with an unknown organization (column \"Organization\"): skipped\n"
        "capplan: calibrate: bad.csv: row 6: First reply time in minutes: missing first-reply time \"\"\n"
        "capplan: calibrate: bad.csv: 1 row with a missing first-reply time (column \"First reply time in minutes\"): counted, first response left out\n"
        "capplan: calibrate: bad.csv: row 7: First reply time in minutes: negative first-reply time \"-5\"\n"
        "capplan: calibrate: bad.csv: 1 row with a negative first-reply time (column \"First reply time in minutes\"): counted, first response left out\n"
        "capplan: calibrate: bad.csv: row 8: First reply time in minutes: unreadable first-reply time \"soon\"\n"
        "capplan: calibrate: bad.csv: 1 row with an unreadable first-reply time (column \"First reply time in minutes\"): counted, first response left out\n");
    free(got);
}

/* Nothing usable: exit 3, the rows reported, then the error; no folder,
 * no file. */
static void test_nothing_usable(void)
{
    write_file("none.csv",
               "Id,Created at,Priority,Organization\n"
               "1,yesterday,urgent,Acme\n"
               "2,2027-03-01 10:00:00,urgent,Nobody\n");
    int st;
    json_t *doc = calibrate("--tickets none.csv --customers bad-orgs.csv -o none-out", &st);
    CHECK_INT(st, 3);
    CHECK(doc == NULL);
    json_decref(doc);
    char *got = read_text("err.txt");
    CHECK(strstr(got, "capplan: none.csv: no usable ticket: 2 data rows, none with "
                      "a readable date, a known priority and a known organization\n") != NULL);
    CHECK(strstr(got, "capplan: calibrate: none.csv: row 2: Created at: unparseable date \"yesterday\"\n") != NULL);
    free(got);
    char path[512];
    struct stat sb;
    snprintf(path, sizeof path, "%s/none-out", dir);
    CHECK(stat(path, &sb) != 0);
}

/* Headers of no known layout, and a layout named that the file is not. */
static void test_layouts(void)
{
    write_file("other.csv", "Key,When,Level,Customer\n1,2027-03-01 10:00,urgent,Acme\n");
    int st;
    json_t *doc = calibrate("--tickets other.csv --customers bad-orgs.csv -o x", &st);
    CHECK_INT(st, 3);
    json_decref(doc);
    char *got = read_text("err.txt");
    CHECK_STR(got, "capplan: other.csv: row 1: header: not a known export layout: "
                   "no zendesk (\"Created at\", \"Organization\"), jira (\"Created\", "
                   "\"Custom field (Organizations)\") or freshdesk (\"Created time\", "
                   "\"Company Name\") headers; name the layout with --format\n");
    free(got);
    doc = calibrate("--tickets bad.csv --format jira --customers bad-orgs.csv -o x", &st);
    CHECK_INT(st, 3);
    json_decref(doc);
    got = read_text("err.txt");
    CHECK_STR(got, "capplan: bad.csv: row 1: header: missing column \"Created\" of the jira layout\n");
    free(got);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/capplan-calib.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    test_vendor_share(m);
    test_hand_example();
    test_many_tickets();
    test_recovery(m);
    test_bad_rows();
    test_nothing_usable();
    test_layouts();
    cap_model_free(m);
    int rc = check_summary();
    if (rc == 0)
        run_shell("rm -rf '%s'", dir);
    return rc;
}
