/* comparecmd.c - `capplan compare`: its arguments, and running scenarios
 * side by side (also for `capplan size --compare`). */
#include "comparecmd.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "comparereport.h"
#include "horizon.h"
#include "outset.h"
#include "portfolio.h"
#include "run.h"
#include "workbook.h"

const char *cap_compare_usage(void)
{
    return "usage: capplan compare [options] BASE.ini VARIANT.ini [...] "
           "[CUSTOMERS.csv]\n"
           "\n"
           "Sizes every portfolio (with the customers CSV, when given, added to\n"
           "each) over the same quarters and on the same random streams (one\n"
           "seed), and shows each scenario beside the base, the first: per\n"
           "partner and quarter the staffed FTE, price, cost and margin, and\n"
           "the differences from the base.  Scenarios must have the same\n"
           "start and number of quarters.  For one deal given as flags, see\n"
           "capplan size --compare.\n"
           "\n"
           "options:\n"
           "  -o DIR          write DIR/compare.xlsx (default: write nothing)\n"
           "  -m MODEL        rule model INI (default: the built-in one)\n"
           "  --json          print every figure and difference as JSON\n"
           "  --no-sim        rules only, no ticket simulation\n"
           "  --seed N        random seed for every scenario (default: the\n"
           "                  model's)\n"
           "  -r N            replications (default: the model's)\n"
           "  -j N            worker threads (default: all cores)\n"
           "  --today DATE    date the default start is counted from\n"
           "  --deterministic fixed workbook creation date (for tests)\n"
           "  --help          this text\n"
           "\n"
           "example:\n"
           "  capplan compare samples/partner-addons.ini addons-tam-none.ini\n";
}

enum { SCENARIOS_MAX = 16 };

typedef struct {
    cap_options run;
    const char *ini[SCENARIOS_MAX];
    size_t ini_count;
    const char *csv;
} compare_options;

static int is_csv(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

static cap_status parse(int argc, char **argv, compare_options *o,
                        cap_error *err)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        cap_status st = CAP_OK;
        if (cap_cli_common(argc, argv, &i, &o->run, &st, err)) {
            if (st)
                return st;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 "unknown option (see capplan compare --help)");
        } else if (is_csv(argv[i]) && !o->csv) {
            o->csv = argv[i];
        } else if (is_csv(argv[i]) || o->ini_count == SCENARIOS_MAX) {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 is_csv(argv[i]) ? "a second customers CSV"
                                 : "too many scenarios (at most 16)");
        } else {
            o->ini[o->ini_count++] = argv[i];
        }
    }
    if (o->ini_count < 2 && !o->run.help)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, NULL,
                             "compare needs a base and at least one variant "
                             "portfolio (see capplan compare --help)");
    return CAP_OK;
}

static const char *const compare_names[] = {"compare.xlsx"};

typedef struct {
    const cap_options *o;
    const cap_compare *c;
    const cap_model *m;
    const cap_run_info *info;
} compare_outputs;

static cap_status render(FILE *out, const void *ctx, cap_error *err)
{
    const compare_outputs *d = ctx;
    return d->o->json ? cap_report_compare_json(out, d->c, d->m, d->info, err)
                      : cap_report_compare_text(out, d->c, d->m, d->info, err);
}

static cap_status write_book(cap_outset *set, const void *ctx, cap_error *err)
{
    const compare_outputs *d = ctx;
    return cap_workbook_compare(cap_outset_file(set, 0), d->c, d->m, d->info,
                                err);
}

cap_status cap_compare_scenarios(const cap_options *o, cap_scenario *s,
                                 size_t n, const cap_model *m, FILE *out,
                                 cap_error *err)
{
    cap_status st = cap_compare_check(s, n, err);
    if (!st && o->out_dir)
        st = cap_outset_check(o->out_dir, compare_names, 1, err);
    cap_horizon **h = calloc(n, sizeof *h);
    if (!h)
        abort();
    for (size_t i = 0; i < n && !st; i++)
        if (!(s[i].h = h[i] = cap_run_horizon(o, s[i].p, m, err)))
            st = err->code;
    cap_compare *c = st ? NULL : cap_compare_new(s, n, m, err);
    cap_run_info info = cap_run_info_of(o, m);
    compare_outputs d = {o, c, m, &info};
    if (!st)
        st = c ? cap_run_publish(o->out_dir, compare_names, 1, write_book,
                                 render, &d, out, err)
               : err->code;
    cap_compare_free(c);
    for (size_t i = 0; i < n; i++)
        cap_horizon_free(h[i]);
    free(h);
    return st;
}

/* Reads every scenario (each INI with the CSV), then compares. */
static cap_status compare_files(const compare_options *o, FILE *out,
                                const cap_model *m, cap_error *err)
{
    cap_date today;
    CAP_TRY(cap_run_today(&o->run, &today, err));
    cap_scenario s[SCENARIOS_MAX];
    memset(s, 0, sizeof s);
    cap_status st = CAP_OK;
    size_t n = 0;
    for (; n < o->ini_count && !st; n++) {
        cap_portfolio *p = cap_portfolio_load(o->ini[n], m, today, err);
        if (p && o->csv)
            st = cap_portfolio_add_csv(p, o->csv, m, err);
        if (p && !st)
            st = cap_portfolio_validate(p, err);
        if (!p)
            st = err->code;
        snprintf(s[n].name, sizeof s[n].name, "%s", o->ini[n]);
        s[n].p = p;
    }
    if (!st)
        st = cap_compare_scenarios(&o->run, s, n, m, out, err);
    for (size_t i = 0; i < n; i++)
        cap_portfolio_free((cap_portfolio *)s[i].p);
    return st;
}

cap_status cap_compare_command(int argc, char **argv, FILE *out,
                               cap_error *err)
{
    compare_options o;
    CAP_TRY(parse(argc, argv, &o, err));
    if (o.run.help) {
        fputs(cap_compare_usage(), out);
        return CAP_OK;
    }
    CAP_TRY(cap_run_check_stdout(out, err));
    cap_model *m = cap_run_model(&o.run, err);
    if (!m)
        return err->code;
    cap_status st = compare_files(&o, out, m, err);
    cap_model_free(m);
    return st;
}
