/* calibcmd.c - `capplan calibrate`: arguments, the run, the printouts and
 * the calibrated model file. */
#include "calibcmd.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backtest.h"
#include "btreport.h"
#include "calibrate.h"
#include "calibbook.h"
#include "calibout.h"
#include "helpdesk.h"
#include "model.h"
#include "outset.h"
#include "run.h"
#include "team.h"
#include "tz.h"

const char *cap_calibrate_usage(void)
{
    return "usage: capplan calibrate --tickets EXPORT.csv --customers ORGS.csv\n"
           "                         [options]\n"
           "\n"
           "Fits the model's ticket numbers to a helpdesk export: tickets per\n"
           "customer per month per plan and severity (95% interval; the\n"
           "routing of tickets to the partner and the customer undone), the\n"
           "share arriving inside local business hours, first-response\n"
           "p50/p90 as observed, handle times (lognormal, when the export\n"
           "has time spent) and the monthly volume's trend with its growth\n"
           "per quarter.  Writes DIR/model-calibrated.ini (use it with\n"
           "capplan -m) and DIR/calibration.xlsx.\n"
           "\n"
           "required:\n"
           "  --tickets FILE        the export: Zendesk, Jira Service Management\n"
           "                        or Freshdesk CSV as the helpdesk writes it\n"
           "  --customers FILE      organizations CSV: organization, partner,\n"
           "                        channel, plan, timezone [, customers = 1,\n"
           "                        csm = yes|no]\n"
           "\n"
           "options:\n"
           "  --format F            auto (default: told by the headers, or\n"
           "                        custom when the model maps columns),\n"
           "                        zendesk, jira, freshdesk or custom (the\n"
           "                        headers named in the model's [calibrate])\n"
           "  --export-timezone Z   zone of timestamps without an offset\n"
           "                        (default UTC)\n"
           "  --severity MAP        priorities, e.g. \"urgent=s1, high=s2,\n"
           "                        normal=s3, low=s4\" (default: the layout's)\n"
           "  -m MODEL              the model to calibrate (default: the\n"
           "                        built-in models/dispel.ini)\n"
           "  -o DIR                output folder (default: reports)\n"
           "  --team FILE           backtest: the team that was on shift during\n"
           "                        the export's period, a portfolio INI whose\n"
           "                        partners carry tam = FTE (and csm = FTE\n"
           "                        where they contract P-CSMs); the period is\n"
           "                        simulated with the calibrated model and its\n"
           "                        first-response attainment set beside the\n"
           "                        observed per severity\n"
           "  --seed N              backtest random seed (default: the model's)\n"
           "  --replications N      backtest replications (default: the model's)\n"
           "  -j N                  backtest threads (default: every core)\n"
           "  --json                print one JSON object\n"
           "  --deterministic       fixed workbook creation date (for tests)\n"
           "  --help                this text\n";
}

typedef struct {
    const char *tickets, *customers, *model_path, *export_tz, *severity;
    const char *out_dir;
    cap_hd_format format;
    int json, help, deterministic;
    const char *team;              /* backtest (--team), NULL: none */
    unsigned long seed;
    int seed_set, replications, threads;
} options;

/* A positive whole number of an option, at most max. */
static cap_status whole(const char *flag, const char *v, unsigned long min,
                        unsigned long max, unsigned long *out, cap_error *err)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (!*v || *end || errno || n < min || n > max || v[0] == '-')
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, flag,
                             "\"%s\" is not a whole number from %lu to %lu",
                             v, min, max);
    *out = n;
    return CAP_OK;
}

/* The backtest's options (--team, --seed, --replications, -j): 1 when a
 * is one of them (its value taken from argv[++*i]), 0 when not, -1 on an
 * error. */
static int backtest_option(options *o, int argc, char **argv, int *i,
                           cap_error *err)
{
    static const char *const names[] = {"--team", "--seed", "--replications", "-j"};
    int k = 0;
    while (k < 4 && strcmp(argv[*i], names[k]) != 0)
        k++;
    if (k == 4)
        return 0;
    if (*i + 1 >= argc) {
        cap_error_set(err, CAP_ERR_USAGE, NULL, 0, names[k], "needs a value");
        return -1;
    }
    const char *v = argv[++*i];
    unsigned long n = 0;
    if (k == 0) {
        o->team = v;
        return 1;
    }
    if (whole(names[k], v, k == 1 ? 0 : 1, k == 1 ? 4294967295UL : 100000,
              &n, err) != CAP_OK)
        return -1;
    if (k == 1)
        o->seed = n, o->seed_set = 1;
    else if (k == 2)
        o->replications = (int)n;
    else
        o->threads = (int)n;
    return 1;
}

static cap_status parse(int argc, char **argv, options *o, cap_error *err)
{
    static const char *const valued[] = {"--tickets", "--customers", "-m",
        "--export-timezone", "--severity", "-o", "--format"};
    memset(o, 0, sizeof *o);
    o->out_dir = "reports";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) { o->json = 1; continue; }
        if (strcmp(a, "--help") == 0) { o->help = 1; continue; }
        if (strcmp(a, "--deterministic") == 0) { o->deterministic = 1; continue; }
        int taken = backtest_option(o, argc, argv, &i, err);
        if (taken < 0)
            return err->code;
        if (taken)
            continue;
        size_t k = 0;
        while (k < sizeof valued / sizeof *valued && strcmp(valued[k], a) != 0)
            k++;
        if (k == sizeof valued / sizeof *valued)
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, a,
                                 "unknown option (capplan calibrate --help)");
        if (i + 1 >= argc)
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, a, "needs a value");
        const char *v = argv[++i];
        const char **slot[] = {&o->tickets, &o->customers, &o->model_path,
                               &o->export_tz, &o->severity, &o->out_dir};
        if (k < sizeof slot / sizeof *slot) {
            *slot[k] = v;
            continue;
        }
        int f = cap_hd_format_parse(v);
        if (f < 0)
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--format",
                                 "\"%s\" is not auto, zendesk, jira, "
                                 "freshdesk or custom", v);
        o->format = (cap_hd_format)f;
    }
    if (o->help)
        return CAP_OK;
    if (!o->tickets || !o->customers)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0,
                             o->tickets ? "--customers" : "--tickets",
                             "required (capplan calibrate --help)");
    if (o->export_tz && !cap_tz_exists(o->export_tz))
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--export-timezone",
                             "unknown time zone \"%s\"", o->export_tz);
    return CAP_OK;
}

/* The whole of a file (or standard input) as text. */
static char *slurp(const char *path, cap_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cap_error_set(err, CAP_ERR_IO, path, 0, NULL, "cannot read: %s",
                      strerror(errno));
        return NULL;
    }
    size_t len = 0, cap = 65536;
    char *s = malloc(cap);
    for (size_t n; s && (n = fread(s + len, 1, cap - len - 1, f)) > 0;) {
        len += n;
        if (len + 1 == cap && !(s = realloc(s, cap *= 2)))
            break;
    }
    if (!s)
        abort();
    s[len] = 0;
    if (f != stdin)
        fclose(f);
    return s;
}

/* The model and its text (the calibrated file is that text, edited). */
static cap_model *load_model(const char *path, char **text, cap_error *err)
{
    if (!path) {
        *text = strdup(cap_model_builtin_text());
        return cap_model_builtin(err);
    }
    if (!(*text = slurp(path, err)))
        return NULL;
    return cap_model_load_text(*text, cap_input_name(path), err);
}

static void report_issues(const cap_hd_export *x, FILE *warn)
{
    const cap_hd_issues *is = &x->issues;
    for (int k = 0; k < CAP_HD_BAD_KINDS; k++) {
        if (!is->count[k])
            continue;
        for (int i = 0; i < is->count[k] && i < CAP_HD_KEEP_MESSAGES; i++)
            fprintf(warn, "capplan: calibrate: %s\n", is->message[k][i]);
        fprintf(warn, "capplan: calibrate: %s: %d row%s with %s %s (column "
                "\"%s\"): %s\n", x->name, is->count[k],
                is->count[k] == 1 ? "" : "s",
                strchr("aeiou", cap_hd_bad_name((cap_hd_bad)k)[0]) ? "an" : "a",
                cap_hd_bad_name((cap_hd_bad)k), is->column[k],
                k <= CAP_HD_BAD_ORG ? "skipped"
                : k == CAP_HD_BAD_SPENT ? "counted, time spent left out"
                                        : "counted, first response left out");
    }
}

static void print_text(const cap_calibration *c, const cap_hd_export *x,
                       FILE *out)
{
    fprintf(out, "calibrated from %s (%s): %zu tickets of %d rows, %s to %s "
            "(%.2f months)\n\n", c->export_name, cap_hd_format_name(c->format),
            c->tickets, x->rows, c->from_text, c->to_text, c->months);
    fprintf(out, "%-17s %-3s %7s %9s %8s %8s %17s %8s %9s %9s\n", "plan", "sev",
            "tickets", "customers", "model", "fitted", "95% interval",
            "in hours", "reply p50", "reply p90");
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            const cap_calib_cell *e = &c->cell[p][s];
            char ci[40] = "-";
            if (e->lo >= 0)
                snprintf(ci, sizeof ci, "[%.3f, %.3f]", e->lo, e->hi);
            fprintf(out, "%-17s %-3s %7d %9.0f %8.3f %8.3f %17s %8.2f %9.0f "
                    "%9.0f%s\n", cap_plan_name((cap_plan)p),
                    cap_severity_name(s), e->tickets, e->customers,
                    e->model_rate, e->rate, ci, e->business_share,
                    e->reply_p50, e->reply_p90,
                    e->kept ? "  kept: too few tickets" : "");
        }
    fprintf(out, "\nbusiness_hours_share (local weekdays in the [profile] window):\n");
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        fprintf(out, "  %s: %d tickets, observed %.3f, ", cap_severity_name(s),
                c->sev_tickets[s], c->business_share[s]);
        if (c->model_share[s] < 0)
            fprintf(out, "model: uniform profile (kept)\n");
        else
            fprintf(out, "model %.3f%s\n", c->model_share[s],
                    c->share_kept[s] ? " (kept: too few tickets)" : "");
    }
    cap_calib_print_handle(c, out);
    cap_calib_print_forecast(c, out);
}

static json_t *num(double x) { return json_real(x); }

static json_t *to_json(const cap_calibration *c, const cap_hd_export *x)
{
    json_t *doc = json_object(), *cells = json_array(), *shares = json_array(),
           *bad = json_object();
    json_object_set_new(doc, "export", json_string(c->export_name));
    json_object_set_new(doc, "format", json_string(cap_hd_format_name(c->format)));
    json_object_set_new(doc, "rows", json_integer(x->rows));
    json_object_set_new(doc, "tickets", json_integer((json_int_t)c->tickets));
    json_object_set_new(doc, "from", json_string(c->from_text));
    json_object_set_new(doc, "to", json_string(c->to_text));
    json_object_set_new(doc, "months", num(c->months));
    for (int k = 0; k < CAP_HD_BAD_KINDS; k++)
        json_object_set_new(bad, cap_hd_bad_name((cap_hd_bad)k),
                            json_integer(x->issues.count[k]));
    json_object_set_new(doc, "bad_rows", bad);
    for (int p = 0; p < CAP_PLANS; p++)
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            const cap_calib_cell *e = &c->cell[p][s];
            json_t *o = json_object();
            json_object_set_new(o, "plan", json_string(cap_plan_name((cap_plan)p)));
            json_object_set_new(o, "severity", json_string(cap_severity_name(s)));
            json_object_set_new(o, "tickets", json_integer(e->tickets));
            json_object_set_new(o, "customers", num(e->customers));
            json_object_set_new(o, "model_rate", num(e->model_rate));
            json_object_set_new(o, "rate", num(e->rate));
            json_object_set_new(o, "ci95", e->lo < 0 ? json_null()
                                : json_pack("[ff]", e->lo, e->hi));
            json_object_set_new(o, "kept", json_boolean(e->kept));
            json_object_set_new(o, "business_hours_share",
                                e->tickets ? num(e->business_share) : json_null());
            json_object_set_new(o, "replies", json_integer(e->replies));
            json_object_set_new(o, "first_reply_p50", e->replies ? num(e->reply_p50) : json_null());
            json_object_set_new(o, "first_reply_p90", e->replies ? num(e->reply_p90) : json_null());
            json_array_append_new(cells, o);
        }
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        json_t *o = json_object();
        json_object_set_new(o, "severity", json_string(cap_severity_name(s)));
        json_object_set_new(o, "tickets", json_integer(c->sev_tickets[s]));
        json_object_set_new(o, "observed", c->sev_tickets[s] ? num(c->business_share[s]) : json_null());
        json_object_set_new(o, "model", c->model_share[s] < 0 ? json_string("uniform")
                                                               : num(c->model_share[s]));
        json_object_set_new(o, "kept", json_boolean(c->share_kept[s] || c->model_share[s] < 0));
        json_array_append_new(shares, o);
    }
    json_object_set_new(doc, "cells", cells);
    json_object_set_new(doc, "business_hours_share", shares);
    cap_calib_json_handle(doc, c);
    cap_calib_json_forecast(doc, c);
    return doc;
}

static cap_status write_text_file(const cap_staged *f, const char *text,
                                  cap_error *err)
{
    FILE *out = fopen(f->tmp, "w");
    int ok = out && fputs(text, out) >= 0;
    if (out && fclose(out) != 0)
        ok = 0;
    return ok ? CAP_OK
              : cap_error_set(err, CAP_ERR_OUTPUT, f->path, 0, NULL,
                              "cannot write: %s", strerror(errno));
}

/* The two files of a calibration, published as a set like a run's
 * workbooks (outset.h): both new or both previous. */
static const char *const calib_names[] = {"model-calibrated.ini",
                                          "calibration.xlsx"};

/* A calibration's outputs, for cap_run_publish. */
typedef struct {
    const options *o;
    const char *calibrated;
    const cap_model *m;
    const cap_calibration *c;
    const cap_hd_export *x;
    const cap_backtest *bt;
} calib_outputs;

static cap_status render(FILE *out, const void *ctx, cap_error *err)
{
    const calib_outputs *d = ctx;
    if (!d->o->json) {
        print_text(d->c, d->x, out);
        cap_backtest_print(out, d->bt);
        fprintf(out, "wrote %s/%s and %s/%s\n", d->o->out_dir, calib_names[0],
                d->o->out_dir, calib_names[1]);
        return CAP_OK;
    }
    json_t *doc = to_json(d->c, d->x);
    json_object_set_new(doc, "backtest", cap_backtest_json(d->bt));
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(doc);
    return rc == 0 && fputc('\n', out) != EOF
               ? CAP_OK
               : cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                               "write failed");
}

static cap_status write_files(cap_outset *set, const void *ctx,
                              cap_error *err)
{
    const calib_outputs *d = ctx;
    CAP_TRY(write_text_file(cap_outset_file(set, 0), d->calibrated, err));
    return cap_calibration_book(cap_outset_file(set, 1), d->m, d->c, d->bt,
                                d->o->deterministic, err);
}

/* Threads by default, as for sizing: every core (the answer does not
 * depend on it). */
static int online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 1024 ? (int)n : 1;
}

/* The backtest of --team: the calibrated model (its text, as written)
 * runs the team over the export's period. */
static cap_status backtest(const options *o, const char *calibrated,
                           const cap_calibration *c, const cap_org_table *orgs,
                           const cap_hd_export *x, cap_portfolio *team,
                           cap_backtest **out, cap_error *err)
{
    char name[CAP_PATH_MAX];
    CAP_TRY(cap_outdir_path(o->out_dir, calib_names[0], name,
                            sizeof name, err));
    cap_model *cm = cap_model_load_text(calibrated, name, err);
    if (!cm)
        return err->code;
    cap_backtest *bt = calloc(1, sizeof *bt);
    if (!bt)
        abort();
    snprintf(bt->team, sizeof bt->team, "%s", cap_input_name(o->team));
    cap_sim_options so = {o->seed_set ? o->seed : cm->seed,
                          o->replications ? o->replications : cm->replications,
                          o->threads ? o->threads : online_cores(), NULL, NULL};
    cap_status st = cap_backtest_observe(cm, orgs, x, bt, err);
    if (st == CAP_OK)
        st = cap_backtest_simulate(cm, team, c, &so, bt, err);
    cap_model_free(cm);
    if (st != CAP_OK)
        free(bt);
    else
        *out = bt;
    return st;
}

/* Everything calibrate reads: the model (and its text), the severity
 * map, the organizations, the --team portfolio and the export.  Rows that
 * cannot be used are reported on warn. */
typedef struct {
    char *text;
    cap_model *m;
    cap_org_table orgs;
    cap_hd_export x;
    cap_portfolio *team;
} calib_inputs;

static cap_status read_inputs(const options *o, calib_inputs *in, FILE *warn,
                              cap_error *err)
{
    cap_hd_severity_map map;
    in->m = load_model(o->model_path, &in->text, err);
    cap_status st = in->m ? CAP_OK : err->code;
    if (st == CAP_OK && o->team)
        st = cap_backtest_check_model(in->m, err);
    if (st == CAP_OK && o->severity)
        st = cap_hd_severity_parse(o->severity, &map, err);
    if (st == CAP_OK)
        st = cap_orgs_read(o->customers, &in->orgs, err);
    if (st == CAP_OK && o->team)
        st = cap_team_load(o->team, in->m, &in->orgs, &in->team, err);
    if (st == CAP_OK)
        st = cap_hd_read_mapped(o->tickets, o->format, in->m,
                                o->severity ? &map : NULL, o->export_tz,
                                cap_orgs_find, &in->orgs, &in->x, err);
    if (st == CAP_OK || in->x.rows)
        report_issues(&in->x, warn);
    return st;
}

static void free_inputs(calib_inputs *in)
{
    cap_portfolio_free(in->team);
    cap_hd_export_free(&in->x);
    cap_orgs_free(&in->orgs);
    cap_model_free(in->m);
    free(in->text);
}

/* Reads, checks the output folder (before the fit and the backtest, as a
 * run does before its simulation), fits, backtests, then publishes. */
static cap_status run(const options *o, FILE *out, FILE *warn, cap_error *err)
{
    CAP_TRY(cap_run_check_stdout(out, err));
    calib_inputs in = {0};
    cap_calibration *c = NULL;
    cap_backtest *bt = NULL;
    char *calibrated = NULL;
    cap_status st = read_inputs(o, &in, warn, err);
    if (st == CAP_OK)
        st = cap_outset_check(o->out_dir, calib_names, 2, err);
    if (st == CAP_OK)
        st = cap_calibrate(in.m, &in.orgs, &in.x, &c, err);
    if (st == CAP_OK)
        calibrated = cap_calibrated_ini(in.text, in.m, c);
    if (st == CAP_OK && in.team)
        st = backtest(o, calibrated, c, &in.orgs, &in.x, in.team, &bt, err);
    calib_outputs d = {o, calibrated, in.m, c, &in.x, bt};
    if (st == CAP_OK)
        st = cap_run_publish(o->out_dir, calib_names, 2, write_files, render,
                             &d, out, err);
    free(c);
    free(bt);
    free(calibrated);
    free_inputs(&in);
    return st;
}

cap_status cap_calibrate_command(int argc, char **argv, FILE *out, FILE *warn,
                                 cap_error *err)
{
    options o;
    CAP_TRY(parse(argc, argv, &o, err));
    if (o.help) {
        fputs(cap_calibrate_usage(), out);
        return CAP_OK;
    }
    return run(&o, out, warn, err);
}
