/* test_backtest.c - the backtest of capplan calibrate --team (issue 13).
 *
 * 1. Hand-checked numbers: the Clopper-Pearson interval at its closed
 *    forms (0 of n: upper 1 - 0.025^(1/n); n of n: lower 0.025^(1/n)) and
 *    the published 5-of-10 interval; observed attainment of seven tickets
 *    worked out below on the basic plan's business clock (09:00-17:00
 *    America/New_York, weekdays, US federal holidays closed) and the
 *    premium plan's wall clock.
 *    The verdict rule on made-up rows: agree, disagree by the limit with
 *    overlapping intervals, disagree by intervals apart within the limit,
 *    few tickets (only the intervals count).
 * 2. A known team: gen_export draws a year of mission_critical tickets of
 *    150 organizations of one reseller and answers them with one person on
 *    shift in every hour of the year through capplan's own queue.  With
 *    shrinkage 0.30, 6.0 FTE is 6 x 40 x 0.7 = 168 person-hours a week:
 *    exactly that one person in each of the 168 hours.  The backtest with
 *    tam = 6.0 must count the generator's own attainment (known.txt) as
 *    observed and agree with it in every severity; with half the FTE
 *    (3.0: 84 of the 168 hours staffed, 50%) it must state a disagreement
 *    in every severity, S1 (uniform over the week, 15-minute target)
 *    simulated near the staffed share of the week, 0.50.  The simulated
 *    year has as many tickets as the export (within 5%: the rates were
 *    fitted to it); -j 1 gives the same backtest as -j 2; a tam_tier other
 *    than the customers' plan gets its note.
 * 3. Without --team: no backtest, and the reports say how to get one.
 * Everything is written below one mkdtemp folder.
 */
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backtest.h"
#include "calendar.h"
#include "check.h"
#include "model.h"
#include "run_capplan.h"

static char dir[256];

static void test_intervals(void)
{
    double lo, hi;
    cap_error err;
    CHECK_INT(cap_bt_interval(0, 10, &lo, &hi, &err), CAP_OK);
    CHECK_NEAR(lo, 0, 1e-12);
    CHECK_NEAR(hi, 1 - pow(0.025, 0.1), 1e-9);  /* 0.308497 */
    CHECK_INT(cap_bt_interval(10, 10, &lo, &hi, &err), CAP_OK);
    CHECK_NEAR(lo, pow(0.025, 0.1), 1e-9);      /* 0.691503 */
    CHECK_NEAR(hi, 1, 1e-12);
    CHECK_INT(cap_bt_interval(5, 10, &lo, &hi, &err), CAP_OK);
    CHECK_NEAR(lo, 0.1871, 1e-4);               /* published: 0.1871, 0.8129 */
    CHECK_NEAR(hi, 0.8129, 1e-4);
    CHECK_INT(cap_bt_interval(0, 0, &lo, &hi, &err), CAP_OK);
    CHECK(lo < 0 && hi < 0);
    /* gsl_cdf_beta_Pinv gives up on both ends below ("inverse failed to
     * converge"; GSL's default handler aborted capplan): the references are
     * mpmath's regularized incomplete beta solved by bisection at 40
     * digits, and the two ends mirror each other (359 of 363 is 4 of 363
     * counted the other way) */
    CHECK_INT(cap_bt_interval(4, 363, &lo, &hi, &err), CAP_OK);
    CHECK_NEAR(hi, 0.027971973444208, 1e-12);
    double lo4 = lo;
    CHECK_INT(cap_bt_interval(359, 363, &lo, &hi, &err), CAP_OK);
    CHECK_NEAR(lo, 0.972028026555792, 1e-12);
    CHECK_NEAR(hi, 1 - lo4, 1e-12);
}

/* UTC seconds of a New York wall time in winter (EST, UTC-5). */
static int64_t est(int y, int mo, int d, int h, int mi)
{
    return cap_days_from_civil(y, mo, d) * 86400 + (h + 5) * 3600 + mi * 60;
}

static void test_observed_by_hand(const cap_model *m)
{
    cap_org org[2] = {{.name = "A", .partner = "p", .plan = CAP_PLAN_BASIC,
                       .timezone = "America/New_York"},
                      {.name = "B", .partner = "p", .plan = CAP_PLAN_PREMIUM,
                       .timezone = "America/New_York"}};
    cap_org_table orgs = {org, 2, "orgs.csv"};
    cap_ticket t[] = {
        /* basic S1, target 120 business minutes:
         * Fri 16:00, replied Sat 10:00 (1080 wall): 60 business - in time */
        {0, est(2027, 3, 5, 16, 0), 0, 1080, 0},
        /* Mon 16:30, replied Tue 12:30 (1200 wall): 30 + 210 = 240 - late */
        {0, est(2027, 3, 8, 16, 30), 0, 1200, 0},
        /* Fri 2027-01-15 16:00, replied Mon 16:00 (4320 wall); Monday is
         * Martin Luther King Jr. Day: 60 business minutes - in time */
        {0, est(2027, 1, 15, 16, 0), 0, 4320, 0},
        /* Mon 10:00, replied after exactly 120 minutes - in time */
        {0, est(2027, 3, 8, 10, 0), 0, 120, 0},
        /* premium S1, target 60 wall-clock minutes: 60 in time, 61 late */
        {1, est(2027, 2, 6, 3, 0), 0, 60, 0},
        {1, est(2027, 2, 7, 3, 0), 0, 61, 0},
        /* no first reply: not counted */
        {1, est(2027, 2, 8, 3, 0), 1, -1, 0},
    };
    cap_hd_export x = {.tickets = t, .count = sizeof t / sizeof *t,
                       .first = est(2027, 1, 15, 16, 0),
                       .last = est(2027, 3, 8, 16, 30)};
    cap_backtest bt;
    memset(&bt, 0, sizeof bt);
    cap_error err;
    CHECK_INT(cap_backtest_observe(m, &orgs, &x, &bt, &err), CAP_OK);
    CHECK_INT(bt.plan[CAP_PLAN_BASIC][0].tickets, 4);
    CHECK_INT(bt.plan[CAP_PLAN_BASIC][0].met, 3);
    CHECK_INT(bt.plan[CAP_PLAN_PREMIUM][0].tickets, 2);
    CHECK_INT(bt.plan[CAP_PLAN_PREMIUM][0].met, 1);
    CHECK_INT(bt.plan[CAP_PLAN_PREMIUM][1].tickets, 0);
    CHECK(bt.plan[CAP_PLAN_BASIC][0].few); /* 4 < min_tickets 30 */
    CHECK_INT(bt.sev[0].observed.tickets, 6);
    CHECK_INT(bt.sev[0].observed.met, 4);
    CHECK_NEAR(bt.sev[0].observed.share, 4.0 / 6.0, 1e-12);
    CHECK(bt.sev[1].observed.share < 0); /* nothing to share */
}

/* Severity s of bt: met of n observed, simulated sim in [lo, hi]. */
static void set_row(cap_backtest *bt, int s, int met, int n, double sim,
                    double lo, double hi)
{
    cap_bt_row *r = &bt->sev[s];
    r->observed.tickets = n;
    r->observed.met = met;
    r->observed.share = (double)met / n;
    cap_error err;
    CHECK_INT(cap_bt_interval(met, n, &r->observed.lo, &r->observed.hi, &err),
              CAP_OK);
    r->sim = sim, r->sim_lo = lo, r->sim_hi = hi;
}

/* The verdict rule, case by case (limit 5 points, min_tickets 30). */
static void test_verdicts(void)
{
    cap_backtest bt;
    memset(&bt, 0, sizeof bt);
    bt.threshold = 0.05;
    bt.min_tickets = 30;
    /* 90 of 100 (interval 82.4%-95.1%) beside 92% (90-94%): 2 points,
     * overlapping - agree */
    set_row(&bt, 0, 90, 100, 0.92, 0.90, 0.94);
    /* 90 of 100 beside 96% (94-98%): overlapping, but 6 points > 5 */
    set_row(&bt, 1, 90, 100, 0.96, 0.94, 0.98);
    /* 900 of 1000 (88.0%-91.8%) beside 94% (93-95%): 4 points, apart */
    set_row(&bt, 2, 900, 1000, 0.94, 0.93, 0.95);
    /* 9 of 10 (55.5%-99.7%) beside 97%: 7 points, but 10 < 30 tickets and
     * the intervals overlap - agree */
    set_row(&bt, 3, 9, 10, 0.97, 0.96, 0.98);
    cap_backtest_compare(&bt);
    CHECK_INT(bt.sev[0].verdict, CAP_BT_AGREE);
    CHECK_INT(bt.sev[1].verdict, CAP_BT_DISAGREE);
    CHECK(bt.sev[1].overlap);
    CHECK(strstr(bt.sev[1].sentence, "6.0 points higher, more than the "
                                     "model's limit of 5.0."));
    CHECK_INT(bt.sev[2].verdict, CAP_BT_DISAGREE);
    CHECK(strstr(bt.sev[2].sentence, "the intervals do not overlap (the "
                                     "simulation is 4.0 points higher)"));
    CHECK_INT(bt.sev[3].verdict, CAP_BT_AGREE);
    CHECK(strstr(bt.sev[3].sentence, "with fewer than 30 tickets only the "
                                     "intervals are compared"));
    CHECK_INT(bt.disagreements, 2);
    /* 2 of 10 (2.5%-55.6%) beside 97%: few tickets, but far apart */
    set_row(&bt, 3, 2, 10, 0.97, 0.96, 0.98);
    cap_backtest_compare(&bt);
    CHECK_INT(bt.sev[3].verdict, CAP_BT_DISAGREE);
    CHECK_INT(bt.disagreements, 3);
}

/* Runs `capplan calibrate ARGS --json` in dir; NULL on failure. */
static json_t *calibrate(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' calibrate %s --json 2>err.txt",
             dir, CAPPLAN_EXE, args);
    FILE *p = popen(cmd, "r");
    json_error_t e;
    json_t *doc = p ? json_loadf(p, 0, &e) : NULL;
    int rc = p ? pclose(p) : -1;
    if (rc != 0)
        fprintf(stderr, "failed: %s\n", cmd);
    return doc;
}

static void write_team(const char *name, const char *fte, const char *tier)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fprintf(f, "[partner.p00]\nchannel  = reseller\ntam      = %s\n"
            "tam_tier = %s\n", fte, tier);
    fclose(f);
}

/* The built-in model with shrinkage 0.30 (6.0 FTE = 168 hours a week). */
static void write_model(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/model.ini", dir);
    FILE *f = fopen(path, "w");
    const char *text = cap_model_builtin_text();
    const char *at = strstr(text, "\nshrinkage");
    const char *end = strchr(at + 1, '\n');
    fprintf(f, "%.*s\nshrinkage = 0.30%s", (int)(at - text), text, end);
    fclose(f);
}

static json_t *severity(json_t *doc, int s)
{
    return json_array_get(json_object_get(json_object_get(doc, "backtest"),
                                          "severities"), (size_t)s);
}

static double attainment(json_t *row, const char *side)
{
    return json_number_value(json_object_get(json_object_get(row, side),
                                             "attainment"));
}

static void test_known_team(void)
{
    CHECK_INT(run_shell("'%s' '%s' 1 150 1 mission_critical >/dev/null",
                        GEN_EXPORT_EXE, dir), 0);
    write_model();
    write_team("team.ini", "6.0", "mission_critical");
    write_team("half.ini", "3.0", "mission_critical");
    write_team("tier.ini", "6.0", "premium");
    const char *common = "-m model.ini --tickets zendesk.csv --customers "
                         "orgs.csv --replications 40 -j 2";
    char args[512], path[512];
    snprintf(args, sizeof args, "%s --team team.ini -o right", common);
    json_t *right = calibrate(args);
    snprintf(args, sizeof args, "%s --team half.ini -o half", common);
    json_t *half = calibrate(args);
    snprintf(args, sizeof args, "%s --team tier.ini -o tier", common);
    json_t *tier = calibrate(args);
    CHECK(right && half);
    if (!right || !half)
        return;
    snprintf(path, sizeof path, "%s/known.txt", dir);
    FILE *f = fopen(path, "r");
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        char name[8];
        int met = 0, all = 0;
        CHECK_INT(fscanf(f, "%7s %d %d", name, &met, &all), 3);
        json_t *r = severity(right, s), *o = json_object_get(r, "observed");
        CHECK_INT(json_integer_value(json_object_get(o, "tickets")), all);
        CHECK_INT(json_integer_value(json_object_get(o, "met")), met);
        CHECK_STR(json_string_value(json_object_get(r, "verdict")), "agree");
        CHECK(fabs(attainment(r, "simulated") - (double)met / all) <= 0.05);
        json_t *h = severity(half, s);
        CHECK_STR(json_string_value(json_object_get(h, "verdict")), "disagree");
        CHECK(strstr(json_string_value(json_object_get(h, "sentence")),
                     "they disagree: the simulation is"));
        CHECK(attainment(h, "simulated") < attainment(r, "simulated") - 0.05);
        /* the calibrated rates come from this export and the simulated
         * period is its year: as many tickets, within 5% */
        double sim_tickets = json_number_value(json_object_get(
            json_object_get(r, "simulated"), "tickets"));
        CHECK(fabs(sim_tickets - all) <= 0.05 * all);
    }
    fclose(f);
    /* S1 is uniform over the week; half the team staffs 84 of 168 hours */
    CHECK_NEAR(attainment(severity(half, 0), "simulated"), 0.50, 0.08);
    json_t *bh = json_object_get(half, "backtest");
    CHECK_INT(json_integer_value(json_object_get(bh, "disagreements")), 4);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(right, "backtest"),
                                                 "disagreements")), 0);
    CHECK_STR(json_string_value(json_object_get(bh, "from")), "2027-01-01");
    CHECK_STR(json_string_value(json_object_get(bh, "to")), "2028-01-01");
    CHECK_INT(json_integer_value(json_object_get(bh, "quarters")), 4);
    /* the team's tier is its customers' plan: no note; premium: a note */
    CHECK(json_is_null(json_object_get(json_object_get(right, "backtest"),
                                       "tier_note")));
    const char *note = json_string_value(json_object_get(
        json_object_get(tier, "backtest"), "tier_note"));
    CHECK(note && strcmp(note, "p00 (premium) has customers on other plans "
                         "than its tam_tier: the simulation holds its "
                         "technical-support tickets to the tam_tier's "
                         "targets, the export to each customer's plan") == 0);
    json_decref(tier);
    /* the same backtest on one thread: the same JSON */
    snprintf(args, sizeof args, "-m model.ini --tickets zendesk.csv --customers "
             "orgs.csv --replications 40 -j 1 --team team.ini -o one");
    json_t *one = calibrate(args);
    CHECK(one && json_equal(json_object_get(one, "backtest"),
                            json_object_get(right, "backtest")));
    json_decref(one);
    /* the Backtest sheet carries the sentences */
    CHECK_INT(run_shell("cd '%s' && unzip -p half/calibration.xlsx "
                        "xl/sharedStrings.xml | grep -q 'they disagree: the "
                        "simulation is'", dir), 0);
    json_decref(right);
    json_decref(half);
}

static void test_without_team(void)
{
    json_t *doc = calibrate("--tickets zendesk.csv --customers orgs.csv -o none");
    json_t *bt = json_object_get(doc, "backtest");
    CHECK(json_is_false(json_object_get(bt, "run")));
    CHECK(strstr(json_string_value(json_object_get(bt, "how")), "--team TEAM.ini"));
    json_decref(doc);
    CHECK_INT(run_shell("cd '%s' && '%s' calibrate --tickets zendesk.csv "
                        "--customers orgs.csv -o none | grep -q '^no backtest: "
                        "give the team'", dir, CAPPLAN_EXE), 0);
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capplan's main */
    snprintf(dir, sizeof dir, "%s/capplan-backtest.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    test_intervals();
    test_observed_by_hand(m);
    test_verdicts();
    test_known_team();
    test_without_team();
    cap_model_free(m);
    int rc = check_summary();
    if (rc == 0)
        run_shell("rm -rf '%s'", dir);
    return rc;
}
