/* sizecmd.c - `capplan size`: its arguments and its run. */
#include "sizecmd.h"

#include <stdlib.h>
#include <string.h>

#include "comparecmd.h"
#include "dealreport.h"
#include "outset.h"
#include "horizon.h"
#include "model.h"
#include "portfolio.h"
#include "report.h"
#include "run.h"
#include "workbook.h"

const char *cap_size_usage(void)
{
    return "usage: capplan size --channel CHANNEL --customers \"PLAN TZ N, ...\"\n"
           "                    [options]\n"
           "\n"
           "Sizes one partner deal from flags, with the same rules, simulation\n"
           "and checks as a portfolio file, and prints the answer: P-CSM and\n"
           "P-TAM FTE, first-response attainment per severity, dedicated\n"
           "P-TAM or service hours, the yearly and quarterly figures, and\n"
           "every warning.  Each flag is the portfolio key of the same name\n"
           "(SPEC section 6) and takes the same values.\n"
           "\n"
           "the deal:\n"
           "  --channel C         reseller, distributor, oem or msp (required)\n"
           "  --customers LIST    segments \"PLAN TIMEZONE COUNT\", comma-separated\n"
           "                      (required; \";\" is refused), e.g.\n"
           "                      \"premium Europe/Berlin 30, basic America/Chicago 10\"\n"
           "  --name NAME         the partner's name (default: deal)\n"
           "  --csm auto|none|FTE        P-CSM team (default: the model's)\n"
           "  --tam auto|none|FTE        dedicated P-TAM\n"
           "  --tam-tier PLAN            the P-TAM's SLA tier\n"
           "  --service-hours auto|none|H  service hours per month\n"
           "  --localization auto|yes|no\n"
           "  --growth G          customers' growth per quarter (0.05 = 5%)\n"
           "  --quarters N        quarters of the horizon (default: the model's)\n"
           "  --start DATE        first day of the plan's year, any month (default:\n"
           "                      the next calendar quarter)\n"
           "\n"
           "scenarios:\n"
           "  --compare \"KEY=VALUE, ...\"  a variant of the deal with those keys\n"
           "                      changed (csm, tam, tam_tier, service_hours,\n"
           "                      localization, growth, channel, customers);\n"
           "                      repeat for more (at most 8).  Every variant runs\n"
           "                      on the base's random streams and is shown beside\n"
           "                      it, as capplan compare does; -o writes\n"
           "                      DIR/compare.xlsx instead of the quote\n"
           "\n"
           "options:\n"
           "  -o DIR          write DIR/quote.xlsx (default: write nothing)\n"
           "  -m MODEL        rule model INI (default: the built-in\n"
           "                  models/dispel.ini)\n"
           "  --json          print the portfolio run's JSON document\n"
           "  --no-sim        rules only, no ticket simulation\n"
           "  --seed N        random seed (default: the model's)\n"
           "  -r N            replications (default: the model's)\n"
           "  -j N            worker threads (default: all cores)\n"
           "  --today DATE    date the default start is counted from\n"
           "  --deterministic fixed workbook creation date (for tests)\n"
           "  --help          this text\n"
           "\n"
           "examples:\n"
           "  capplan size --channel reseller --customers \"premium Europe/Berlin 30,\n"
           "      basic America/Chicago 10\" --tam auto --service-hours auto\n"
           "  capplan size --channel oem --customers \"basic America/New_York 12\"\n"
           "      --csm 0.5 --no-sim --json\n"
           "  capplan size --channel msp --customers \"basic Asia/Tokyo 8\"\n"
           "      --growth 0.1 --quarters 8 -o quotes/tokyo\n"
           "  capplan size --channel oem --customers \"premium Europe/Paris 14\"\n"
           "      --tam auto --compare \"tam=none, service_hours=auto\"\n"
           "      --compare \"growth=0.2\"\n";
}

/* --compare "KEY=VALUE, ..." or a deal flag; returns 1 when argv[*i] was
 * one. */
static int deal_option(int argc, char **argv, int *i, cap_size_options *o,
                       cap_status *st, cap_error *err)
{
    int k = cap_deal_key_of_flag(argv[*i]);
    int compare = strcmp(argv[*i], "--compare") == 0;
    if (k < 0 && !compare)
        return 0;
    if (*i + 1 >= argc) {
        *st = cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[*i],
                            "needs a value");
        return 1;
    }
    const char *v = argv[++*i];
    if (compare && o->compare_count == CAP_DEAL_VARIANTS_MAX)
        *st = cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--compare",
                            "at most %d scenarios", CAP_DEAL_VARIANTS_MAX);
    else if (compare)
        o->compare[o->compare_count++] = v;
    else if (o->deal.value[k])
        *st = cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[*i - 1],
                            "given twice");
    else
        o->deal.value[k] = v;
    return 1;
}

cap_status cap_size_parse(int argc, char **argv, cap_size_options *o,
                          cap_error *err)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        cap_status st = CAP_OK;
        if (cap_cli_common(argc, argv, &i, &o->run, &st, err) ||
            deal_option(argc, argv, &i, o, &st, err)) {
            if (st)
                return st;
        } else {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 argv[i][0] == '-'
                                     ? "unknown option (see capplan size --help)"
                                     : "unexpected argument (see capplan size "
                                       "--help)");
        }
    }
    return CAP_OK;
}

static const char *const quote_names[] = {"quote.xlsx"};

/* A sized deal's outputs, for cap_run_publish. */
typedef struct {
    const cap_size_options *o;
    const cap_horizon *h;
    const cap_portfolio *p;
    const cap_model *m;
    const cap_run_info *info;
    cap_date today;
} deal_outputs;

static cap_status render(FILE *out, const void *ctx, cap_error *err)
{
    const deal_outputs *d = ctx;
    return d->o->run.json ? cap_report_json(out, d->h, d->p, d->m, d->info, err)
                          : cap_report_deal(out, d->h, d->p, d->m, d->info, err);
}

static cap_status write_quote(cap_outset *set, const void *ctx, cap_error *err)
{
    const deal_outputs *d = ctx;
    return cap_workbook_quote(cap_outset_file(set, 0), d->h, d->p, d->m,
                              d->info, d->today, err);
}

/* Reads the deal, checks the output folder, sizes, answers: quote.xlsx
 * (with -o) staged and published like the run's workbooks. */
static cap_status size_deal(const cap_size_options *o, FILE *out,
                            const cap_model *m, cap_error *err)
{
    cap_date today;
    CAP_TRY(cap_run_today(&o->run, &today, err));
    cap_portfolio *p = cap_deal_portfolio(&o->deal, NULL, m, today, err);
    if (p && o->run.out_dir &&
        cap_outset_check(o->run.out_dir, quote_names, 1, err) != CAP_OK) {
        cap_portfolio_free(p);
        p = NULL;
    }
    cap_horizon *h = p ? cap_run_horizon(&o->run, p, m, err) : NULL;
    cap_run_info info = cap_run_info_of(&o->run, m);
    deal_outputs d = {o, h, p, m, &info, today};
    cap_status st = h ? cap_run_publish(o->run.out_dir, quote_names, 1,
                                        write_quote, render, &d, out, err)
                      : err->code;
    cap_horizon_free(h);
    cap_portfolio_free(p);
    return st;
}

/* The deal and each --compare variant of it, side by side. */
static cap_status compare_deal(const cap_size_options *o, FILE *out,
                               const cap_model *m, cap_error *err)
{
    cap_date today;
    CAP_TRY(cap_run_today(&o->run, &today, err));
    cap_scenario s[1 + CAP_DEAL_VARIANTS_MAX];
    cap_deal_variant v[CAP_DEAL_VARIANTS_MAX];
    memset(s, 0, sizeof s);
    memset(v, 0, sizeof v);
    size_t n = 0;
    cap_status st = CAP_OK;
    for (; n <= (size_t)o->compare_count && !st; n++) {
        const cap_deal_variant *variant = n ? &v[n - 1] : NULL;
        if (n)
            st = cap_deal_variant_parse(o->compare[n - 1], &v[n - 1], err);
        if (!st && !(s[n].p = cap_deal_portfolio(&o->deal, variant, m, today,
                                                 err)))
            st = err->code;
        snprintf(s[n].name, sizeof s[n].name, "%s",
                 n ? o->compare[n - 1] : "base");
    }
    if (!st)
        st = cap_compare_scenarios(&o->run, s, n, m, out, err);
    for (size_t i = 0; i < n; i++) {
        cap_portfolio_free((cap_portfolio *)s[i].p);
        if (i < CAP_DEAL_VARIANTS_MAX)
            cap_deal_variant_free(&v[i]);
    }
    return st;
}

cap_status cap_size_command(int argc, char **argv, FILE *out, cap_error *err)
{
    cap_size_options o;
    CAP_TRY(cap_size_parse(argc, argv, &o, err));
    if (o.run.help) {
        fputs(cap_size_usage(), out);
        return CAP_OK;
    }
    if (o.run.version) {
        fprintf(out, "capplan %s\n", CAP_VERSION);
        return CAP_OK;
    }
    CAP_TRY(cap_run_check_stdout(out, err));
    cap_model *m = cap_run_model(&o.run, err);
    if (!m)
        return err->code;
    cap_status st = o.compare_count ? compare_deal(&o, out, m, err)
                                    : size_deal(&o, out, m, err);
    cap_model_free(m);
    return st;
}
