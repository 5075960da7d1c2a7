/* btreport.c - the backtest in text and JSON (see btreport.h). */
#include "btreport.h"

const char *cap_backtest_how(void)
{
    return "no backtest: give the team that was on shift during the export's "
           "period with --team TEAM.ini (a portfolio INI whose [partner.ID] "
           "sections carry tam = FTE, and csm = FTE where the partner contracts "
           "P-CSMs) to set simulated first-response attainment beside the "
           "observed";
}

const char *cap_bt_verdict_name(cap_bt_verdict v)
{
    return v == CAP_BT_AGREE ? "agree" : v == CAP_BT_DISAGREE ? "disagree"
                                                              : "no data";
}

/* "[93.5%, 99.9%]", or "-" without a share. */
static void interval(char *out, size_t n, double lo, double hi)
{
    if (lo < 0)
        snprintf(out, n, "-");
    else
        snprintf(out, n, "[%.1f%%, %.1f%%]", 100 * lo, 100 * hi);
}

static void share(char *out, size_t n, double x)
{
    if (x < 0)
        snprintf(out, n, "-");
    else
        snprintf(out, n, "%.1f%%", 100 * x);
}

static void print_plans(FILE *out, const cap_backtest *bt)
{
    char a[16], ci[40];
    fprintf(out, "\nobserved per plan (the simulation measures each team per "
            "severity only):\n%-17s %-3s %7s %13s %17s\n", "plan", "sev",
            "tickets", "within target", "95% interval");
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            const cap_bt_observed *o = &bt->plan[p][s];
            if (!o->tickets)
                continue;
            share(a, sizeof a, o->share);
            interval(ci, sizeof ci, o->lo, o->hi);
            fprintf(out, "%-17s %-3s %7d %13s %17s", cap_plan_name((cap_plan)p),
                    cap_severity_name(s), o->tickets, a, ci);
            if (o->few)
                fprintf(out, "  fewer than %d tickets", bt->min_tickets);
            fputc('\n', out);
        }
}

void cap_backtest_print(FILE *out, const cap_backtest *bt)
{
    if (!bt) {
        fprintf(out, "\n%s.\n", cap_backtest_how());
        return;
    }
    fprintf(out, "\nbacktest: the team of %s simulated with the calibrated model "
            "from %s to %s (%d quarter%s, %d replications, seed %lu)\n",
            bt->team, bt->sim_from, bt->sim_to, bt->quarters,
            bt->quarters == 1 ? "" : "s", bt->replications, bt->seed);
    fprintf(out, "%-3s %7s %9s %17s %10s %9s %17s  %s\n", "sev", "tickets",
            "observed", "95% interval", "simulated", "tickets", "95% of periods",
            "verdict");
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        const cap_bt_row *r = &bt->sev[s];
        char a[16], aci[40], b[16], bci[40];
        share(a, sizeof a, r->observed.share);
        interval(aci, sizeof aci, r->observed.lo, r->observed.hi);
        share(b, sizeof b, r->sim);
        interval(bci, sizeof bci, r->sim_lo, r->sim_hi);
        fprintf(out, "%-3s %7d %9s %17s %10s %9.0f %17s  %s\n",
                cap_severity_name(s), r->observed.tickets, a, aci, b,
                r->sim_tickets, bci, cap_bt_verdict_name(r->verdict));
    }
    print_plans(out, bt);
    fputc('\n', out);
    for (int s = 0; s < CAP_SEVERITIES; s++)
        fprintf(out, "%s\n", bt->sev[s].sentence);
    if (bt->tier_note[0])
        fprintf(out, "note: %s.\n", bt->tier_note);
}

static json_t *ci(double lo, double hi)
{
    return lo < 0 ? json_null() : json_pack("[ff]", lo, hi);
}

static json_t *share_json(double x)
{
    return x < 0 ? json_null() : json_real(x);
}

static json_t *observed_json(const cap_bt_observed *o)
{
    return json_pack("{s:i, s:i, s:o, s:o, s:b}", "tickets", o->tickets, "met",
                     o->met, "attainment", share_json(o->share), "ci95",
                     ci(o->lo, o->hi), "few_tickets", o->few);
}

static json_t *row_json(const cap_backtest *bt, int s)
{
    const cap_bt_row *r = &bt->sev[s];
    json_t *o = json_pack("{s:s, s:o, s:{s:f, s:o, s:o}, s:s, s:s}",
                          "severity", cap_severity_name(s), "observed",
                          observed_json(&r->observed), "simulated", "tickets",
                          r->sim_tickets, "attainment", share_json(r->sim),
                          "periods95", ci(r->sim_lo, r->sim_hi), "verdict",
                          cap_bt_verdict_name(r->verdict), "sentence",
                          r->sentence);
    if (r->verdict != CAP_BT_NO_DATA) {
        json_object_set_new(o, "difference", json_real(r->difference));
        json_object_set_new(o, "intervals_overlap", json_boolean(r->overlap));
    }
    return o;
}

json_t *cap_backtest_json(const cap_backtest *bt)
{
    if (!bt)
        return json_pack("{s:b, s:s}", "run", 0, "how", cap_backtest_how());
    json_t *sev = json_array(), *plans = json_array(), *said = json_array();
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        json_array_append_new(sev, row_json(bt, s));
        json_array_append_new(said, json_string(bt->sev[s].sentence));
    }
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            json_t *o = observed_json(&bt->plan[p][s]);
            json_object_set_new(o, "plan", json_string(cap_plan_name((cap_plan)p)));
            json_object_set_new(o, "severity", json_string(cap_severity_name(s)));
            json_array_append_new(plans, o);
        }
    return json_pack("{s:b, s:s, s:s, s:s, s:i, s:i, s:I, s:f, s:o, s:o, s:i, s:o, s:o}",
                     "run", 1, "team", bt->team, "from", bt->sim_from, "to",
                     bt->sim_to, "quarters", bt->quarters, "replications",
                     bt->replications, "seed", (json_int_t)bt->seed,
                     "max_difference", bt->threshold, "severities", sev,
                     "observed_per_plan", plans, "disagreements",
                     bt->disagreements, "sentences", said, "tier_note",
                     bt->tier_note[0] ? json_string(bt->tier_note) : json_null());
}
