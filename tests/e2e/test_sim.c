/* test_sim.c - the simulation through the real executable: determinism
 * across thread counts, attainment that never falls as FTE rises, the
 * calibration of the default model, and the n/10 threshold flag
 * (SPEC section 2 item 7 and section 4). */
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "run_capplan.h"

static char dir[] = "/tmp/capplan-sim.XXXXXX";

/* Writes a one-partner portfolio to dir/name and returns its path. */
static const char *portfolio(const char *name, const char *channel,
                             const char *csm, const char *customers)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fprintf(f, "[portfolio]\nname = %s\nstart = 2027-01-01\nquarters = 1\n\n"
               "[partner.p]\nchannel = %s\ncsm = %s\ncustomers = %s\n",
            name, channel, csm, customers);
    fclose(f);
    return path;
}

/* The default model with the line starting `key =` replaced by `line`. */
static const char *model_with(const char *name, const char *key, const char *line)
{
    static char path[512];
    char src[512], text[512];
    snprintf(src, sizeof src, "%s/models/dispel.ini", CAP_SOURCE_DIR);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *in = fopen(src, "r"), *out = fopen(path, "w");
    if (!in || !out)
        return NULL;
    size_t n = strlen(key);
    while (fgets(text, sizeof text, in))
        fputs(strncmp(text, key, n) == 0 && text[n] == ' ' ? line : text, out);
    fclose(in);
    fclose(out);
    return path;
}

/* stdout of `capplan --json ARGS`, or NULL unless it exits 0. */
static char *capture(const char *args)
{
    char full[4096];
    snprintf(full, sizeof full, "--json %s", args);
    int status = -1;
    char *text = run_capplan_capture(full, &status);
    if (status != 0) {
        free(text);
        return NULL;
    }
    return text;
}

static json_t *csm_of(json_t *doc)
{
    return json_object_get(json_array_get(json_object_get(doc, "partners"), 0), "csm");
}

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static double attainment(json_t *csm, const char *sev)
{
    return num(json_object_get(json_object_get(csm, "sla"), sev), "attainment");
}

/* Same seed, same bytes for any -j: the finance book (30 partners, 4
 * quarters: partners side by side with -j 2 and -j 5) and the one-partner
 * deal (its replications in parallel with -j 3). */
static void check_threads(void)
{
    static const char *const books[] = {
        "samples/finance-book.ini samples/finance-book.csv",
        "samples/sales-deal.ini"};
    static const int jobs[][3] = {{1, 2, 5}, {1, 3, 0}};
    for (int b = 0; b < 2; b++) {
        char args[1024];
        const char *fmt = "-r 12 --seed 99 -j %d -o %s/out %s";
        snprintf(args, sizeof args, fmt, 1, dir, books[b]);
        char *one = capture(args);
        CHECK(one && strlen(one) > 1000);
        CHECK(one && strstr(one, "\"attainment\""));
        for (int k = 1; k < 3 && jobs[b][k]; k++) {
            snprintf(args, sizeof args, fmt, jobs[b][k], dir, books[b]);
            char *more = capture(args);
            CHECK(one && more && strcmp(one, more) == 0);
            free(more);
        }
        free(one);
    }
}

/* 30 basic customers staffed at 1.0, 1.5 ... 3.0 FTE (requested, so the
 * figures are measured at exactly that FTE) on one seed. */
static void check_monotone(void)
{
    double last[4] = {0}, last_util = 2;
    static const char *const sev[] = {"s1", "s2", "s3", "s4"};
    for (double fte = 1.0; fte <= 3.0 + 1e-9; fte += 0.5) {
        char csm[16], args[1024];
        snprintf(csm, sizeof csm, "%.1f", fte);
        const char *p = portfolio("mono.ini", "oem", csm,
                                  "basic America/New_York 30");
        snprintf(args, sizeof args, "-r 30 --seed 5 -o %s/out %s", dir, p);
        json_t *doc = run_capplan_json(args);
        json_t *c = csm_of(doc);
        CHECK_NEAR(num(json_object_get(c, "sla"), "fte"), fte, 1e-9);
        for (int k = 0; k < 4; k++) {
            double a = attainment(c, sev[k]);
            CHECK(a >= last[k] - 1e-12);
            last[k] = a;
        }
        double util = num(json_object_get(c, "sla"), "utilization");
        CHECK(util < last_util);
        last_util = util;
        json_decref(doc);
    }
    CHECK(last[0] > 0.95);
}

/* SPEC section 4: a basic-only portfolio in one time zone of 12 to 60
 * customers needs 10-15 customers per recommended FTE.  Checked twice:
 * with the model as shipped, and with the ratio's upper bound lifted to
 * 1000 customers per FTE, so that the rules floor is 0.5 FTE and only the
 * simulation sizes the team. */
static void check_calibration(void)
{
    const char *open = model_with("open.ini", "customers_per_fte_max",
                                  "customers_per_fte_max = 1000\n");
    static const int sizes[] = {12, 24, 36, 48, 60};
    for (int m = 0; m < 2; m++) {
        for (int k = 0; k < 5; k++) {
            char seg[64], args[1024];
            snprintf(seg, sizeof seg, "basic America/Chicago %d", sizes[k]);
            const char *p = portfolio("cal.ini", "reseller", "auto", seg);
            snprintf(args, sizeof args, "-r 40 %s%s -o %s/out %s",
                     m ? "-m " : "", m ? open : "", dir, p);
            json_t *doc = run_capplan_json(args);
            json_t *c = csm_of(doc);
            double per_fte = sizes[k] / num(c, "fte_recommended");
            if (per_fte < 10 || per_fte > 15)
                fprintf(stderr, "%s model: %d customers -> %.1f FTE\n",
                        m ? "open" : "shipped", sizes[k], num(c, "fte_recommended"));
            CHECK(per_fte >= 10 && per_fte <= 15);
            if (m)
                CHECK_STR(json_string_value(json_object_get(c, "binding")), "sla");
            CHECK(json_object_get(json_object_get(c, "sla"), "meets") == json_true());
            json_decref(doc);
        }
    }
}

static int flagged(json_t *csm)
{
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(csm, "warnings"), i, w)
        if (strstr(json_string_value(w), "10-15 customers/FTE threshold"))
            return 1;
    return 0;
}

/* 12 basic customers whose proactive work is 20 h a month each need more
 * than 12/10 = 1.2 FTE: flagged.  With the default 6.5 h: not flagged. */
static void check_threshold_flag(void)
{
    const char *busy = model_with("busy.ini", "proactive_hours_per_customer_month",
                                  "proactive_hours_per_customer_month = 20\n");
    const char *p = portfolio("flag.ini", "oem", "auto", "basic America/New_York 12");
    char args[1024];
    snprintf(args, sizeof args, "-r 20 -m %s -o %s/out %s", busy, dir, p);
    json_t *doc = run_capplan_json(args);
    json_t *c = csm_of(doc);
    CHECK(num(c, "fte_recommended") > num(c, "fte_high"));
    CHECK_STR(json_string_value(json_object_get(c, "binding")), "sla");
    CHECK(flagged(c));
    json_decref(doc);
    snprintf(args, sizeof args, "-r 20 -o %s/out %s", dir, p);
    doc = run_capplan_json(args);
    CHECK(!flagged(csm_of(doc)));
    CHECK_NEAR(num(csm_of(doc), "fte_recommended"), 1.0, 1e-9);
    json_decref(doc);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    check_threads();
    check_monotone();
    check_calibration();
    check_threshold_flag();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}
