/* queuecmd.c - `capplan queue`: its arguments, the run and the two
 * printouts (a table, or one JSON object). */
#include "queuecmd.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "jsonnum.h"
#include "sim.h"

#define HOURS_PER_WEEK 168.0

const char *cap_queue_usage(void)
{
    return "usage: capplan queue --arrivals-per-hour L --handle-minutes H\n"
           "                     --servers C --target-minutes T [options]\n"
           "\n"
           "Checks one stationary queue (Poisson arrivals, exponential handle\n"
           "times, 24x7, constant staff): Erlang C's wait probability, service\n"
           "level P(wait <= T), mean wait and occupancy beside the same\n"
           "figures simulated by the engine of the portfolio run, with their\n"
           "95% confidence intervals.\n"
           "\n"
           "required:\n"
           "  --arrivals-per-hour L  tickets per hour (>= 0)\n"
           "  --handle-minutes H     mean handle time in minutes (> 0)\n"
           "  --servers C            people on shift, a whole number from 1\n"
           "                         to 100000\n"
           "  --target-minutes T     first-response target in minutes (>= 0)\n"
           "\n"
           "options:\n"
           "  --hours N       measured hours per replication (> 0, at most\n"
           "                  1000000; default 2000, about 12 weeks), after\n"
           "                  a warm-up of the model's warmup_weeks x 168\n"
           "                  hours; tickets are served as they arrive, so\n"
           "                  memory does not grow with N\n"
           "  -r N            replications (default: the model's)\n"
           "  --seed N        random seed (default: the model's)\n"
           "  -m MODEL        rule model INI the defaults above come from\n"
           "                  (default: the built-in models/dispel.ini)\n"
           "  -j N            worker threads (default: all cores); the\n"
           "                  results do not depend on it\n"
           "  --json          print one JSON object\n"
           "  --help          this text\n";
}

/* ---- arguments ---- */

enum { OPT_ARRIVALS, OPT_HANDLE, OPT_SERVERS, OPT_TARGET, OPT_REQUIRED,
       OPT_HOURS = OPT_REQUIRED, OPT_REPS, OPT_SEED, OPT_THREADS, OPT_MODEL,
       OPT_COUNT };

/* kind 'r': a real >= 0 ('>' in above: > 0), at most hi when hi > 0;
 * 'w': whole in [lo, hi]; 's': any text. */
static const struct {
    const char *name;
    char kind, above;
    unsigned long long lo, hi;
} options[OPT_COUNT] = {
    [OPT_ARRIVALS] = {"--arrivals-per-hour", 'r', '=', 0, 0},
    [OPT_HANDLE] = {"--handle-minutes", 'r', '>', 0, 0},
    [OPT_SERVERS] = {"--servers", 'w', 0, 1, CAP_QUEUE_MAX_SERVERS},
    [OPT_TARGET] = {"--target-minutes", 'r', '=', 0, 0},
    [OPT_HOURS] = {"--hours", 'r', '>', 0, CAP_QUEUE_MAX_HOURS},
    [OPT_REPS] = {"-r", 'w', 0, 1, 1000000},
    [OPT_SEED] = {"--seed", 'w', 0, 0, 4294967295ULL},
    [OPT_THREADS] = {"-j", 'w', 0, 1, 256},
    [OPT_MODEL] = {"-m", 's', 0, 0, 0},
};

/* A finite decimal number spelled out in full: no blanks, no hex, no
 * "inf" or "nan" (strtod would take all of them). */
static int parse_real(const char *text, double *out)
{
    if (!*text || strspn(text, "0123456789+-.eE") != strlen(text))
        return 0;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (*end || errno || !isfinite(v))
        return 0;
    *out = v + 0.0; /* -0 reads as 0 */
    return 1;
}

/* Decimal digits only (strtoull would take blanks, signs and wrap "-1"). */
static int parse_whole(const char *text, unsigned long long lo,
                       unsigned long long hi, unsigned long long *out)
{
    if (!*text || strspn(text, "0123456789") != strlen(text))
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (*end || errno || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

/* Checks the value text of option k and stores it in o. */
static cap_status set_value(cap_queue_options *o, int k, const char *text,
                            cap_error *err)
{
    double x = 0, hi = (double)options[k].hi;
    unsigned long long n = 0;
    if (options[k].kind == 'r' &&
        (!parse_real(text, &x) || x < 0 || (options[k].above == '>' && x == 0) ||
         (hi > 0 && x > hi))) {
        char most[48] = "";
        if (hi > 0)
            snprintf(most, sizeof most, " and <= %.0f", hi);
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, options[k].name,
                             "\"%s\" is not a number %s 0%s", text,
                             options[k].above == '>' ? ">" : ">=", most);
    }
    if (options[k].kind == 'w' &&
        !parse_whole(text, options[k].lo, options[k].hi, &n))
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, options[k].name,
                             "\"%s\" is not a whole number from %llu to %llu",
                             text, options[k].lo, options[k].hi);
    switch (k) {
    case OPT_ARRIVALS: o->arrivals_per_hour = x; break;
    case OPT_HANDLE: o->handle_minutes = x; break;
    case OPT_SERVERS: o->servers = (int)n; break;
    case OPT_TARGET: o->target_minutes = x; break;
    case OPT_HOURS: o->hours = x; break;
    case OPT_REPS: o->replications = (int)n; break;
    case OPT_SEED: o->seed = (unsigned long)n; o->seed_set = 1; break;
    case OPT_THREADS: o->threads = (int)n; break;
    default: o->model_path = text; break;
    }
    return CAP_OK;
}

static int option_index(const char *arg)
{
    for (int k = 0; k < OPT_COUNT; k++)
        if (strcmp(arg, options[k].name) == 0)
            return k;
    return -1;
}

cap_status cap_queue_parse(int argc, char **argv, cap_queue_options *o,
                           cap_error *err)
{
    memset(o, 0, sizeof *o);
    o->hours = CAP_QUEUE_DEFAULT_HOURS;
    unsigned given = 0;
    for (int i = 1; i < argc; i++) {
        int k = option_index(argv[i]);
        if (strcmp(argv[i], "--json") == 0) {
            o->json = 1;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            o->help = 1;
        } else if (k >= 0 && i + 1 >= argc) {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 "needs a value");
        } else if (k >= 0) {
            CAP_TRY(set_value(o, k, argv[++i], err));
            given |= 1u << k;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 "unknown option (see capplan queue --help)");
        } else {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 "unexpected argument (see capplan queue --help)");
        }
    }
    for (int k = 0; k < OPT_REQUIRED && !o->help; k++)
        if (!(given & 1u << k))
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, options[k].name,
                                 "required (see capplan queue --help)");
    return CAP_OK;
}

/* ---- the run ---- */

static cap_sim_options sim_options(const cap_queue_options *o,
                                   const cap_model *m)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int all = cores < 1 ? 1 : cores > 256 ? 256 : (int)cores;
    cap_sim_options so = {o->seed_set ? o->seed : m->seed,
                          o->replications ? o->replications : m->replications,
                          o->threads ? o->threads : all, NULL, NULL};
    return so;
}

/* ---- text ---- */

static void text_row(FILE *out, const char *label, int stable, double erlang,
                     cap_estimate e, double floor, double ceiling)
{
    char cell[32] = "unstable";
    if (stable)
        snprintf(cell, sizeof cell, "%.4f", erlang);
    double lo = fmax(floor, fmin(ceiling, e.mean - e.half));
    double hi = fmax(floor, fmin(ceiling, e.mean + e.half));
    fprintf(out, "%-32s %10s %15.4f   [%.4f, %.4f]\n", label, cell, e.mean,
            lo, hi);
}

static void print_text(FILE *out, const cap_queue_spec *q,
                       const cap_sim_options *so, const cap_queue_result *r)
{
    const cap_erlang *a = &r->erlang;
    char level[64];
    snprintf(level, sizeof level, "service level (wait <= %g min)",
             q->target_minutes);
    fprintf(out, "stationary queue (24x7, exponential handle times, "
                 "constant staff)\n");
    fprintf(out, "arrivals %g per hour, handle %g min, %d servers, "
                 "target %g min\n", q->arrivals_per_hour, q->handle_minutes,
            q->servers, q->target_minutes);
    fprintf(out, "offered load %g Erlangs\n", a->offered_load);
    fprintf(out, "simulated: %d replications of %g hours after %g warm-up "
                 "hours, seed %lu\n", r->replications, q->hours,
            q->warmup_hours, so->seed);
    fprintf(out, "tickets per replication %.1f (95%% CI [%.1f, %.1f])\n\n",
            r->tickets.mean, fmax(0, r->tickets.mean - r->tickets.half),
            r->tickets.mean + r->tickets.half);
    fprintf(out, "%-32s %10s %15s   %s\n", "", "Erlang C", "simulated mean",
            "95% CI");
    text_row(out, "wait probability", a->stable, a->wait_probability,
             r->wait_probability, 0, 1);
    text_row(out, level, a->stable, a->service_level, r->service_level, 0, 1);
    text_row(out, "mean wait (min)", a->stable, a->mean_wait, r->mean_wait, 0,
             INFINITY);
    text_row(out, "occupancy", a->stable, a->occupancy, r->occupancy, 0, 1);
    if (!a->stable)
        fprintf(out, "\nErlang C: unstable: servers <= offered load "
                     "(a = %g Erlangs)\n", a->offered_load);
}

/* ---- JSON (simulated numbers through jsonnum.h) ---- */

/* {"mean", "ci95": [lo, hi]} with the interval kept in [floor, ceiling]. */
static json_t *estimate_json(cap_estimate e, double floor, double ceiling)
{
    json_t *o = json_object();
    json_object_set_new(o, "mean", cap_json_simulated(e.mean));
    json_object_set_new(o, "ci95", cap_json_interval(e, floor, ceiling));
    return o;
}

/* An analytic figure, or null when the queue is unstable. */
static json_t *erlang_real(const cap_erlang *a, double x)
{
    return a->stable ? json_real(x) : json_null();
}

static json_t *erlang_json(const cap_erlang *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "stable", json_boolean(a->stable));
    json_object_set_new(o, "wait_probability", erlang_real(a, a->wait_probability));
    json_object_set_new(o, "service_level", erlang_real(a, a->service_level));
    json_object_set_new(o, "mean_wait", erlang_real(a, a->mean_wait));
    json_object_set_new(o, "occupancy", erlang_real(a, a->occupancy));
    return o;
}

static json_t *simulated_json(const cap_queue_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "tickets", cap_json_simulated(r->tickets.mean));
    json_object_set_new(o, "wait_probability", estimate_json(r->wait_probability, 0, 1));
    json_object_set_new(o, "service_level", estimate_json(r->service_level, 0, 1));
    json_object_set_new(o, "mean_wait", estimate_json(r->mean_wait, 0, INFINITY));
    json_object_set_new(o, "occupancy", estimate_json(r->occupancy, 0, 1));
    return o;
}

static int print_json(FILE *out, const cap_queue_spec *q,
                      const cap_sim_options *so, const cap_queue_result *r)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "arrivals_per_hour", json_real(q->arrivals_per_hour));
    json_object_set_new(doc, "handle_minutes", json_real(q->handle_minutes));
    json_object_set_new(doc, "servers", json_integer(q->servers));
    json_object_set_new(doc, "target_minutes", json_real(q->target_minutes));
    json_object_set_new(doc, "hours", json_real(q->hours));
    json_object_set_new(doc, "warmup_hours", json_real(q->warmup_hours));
    json_object_set_new(doc, "replications", json_integer(r->replications));
    json_object_set_new(doc, "seed", json_integer((json_int_t)so->seed));
    json_object_set_new(doc, "offered_load", json_real(r->erlang.offered_load));
    json_object_set_new(doc, "erlang_c", erlang_json(&r->erlang));
    json_object_set_new(doc, "simulated", simulated_json(r));
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(doc);
    return rc == 0 && fputc('\n', out) != EOF;
}

cap_status cap_queue_run(const cap_queue_options *o, FILE *out, cap_error *err)
{
    cap_model *m = o->model_path ? cap_model_load(o->model_path, err)
                                 : cap_model_builtin(err);
    if (!m)
        return err->code;
    cap_queue_spec q = {o->arrivals_per_hour, o->handle_minutes, o->servers,
                        o->target_minutes, o->hours,
                        m->warmup_weeks * HOURS_PER_WEEK};
    cap_sim_options so = sim_options(o, m);
    cap_model_free(m);
    cap_queue_result r;
    CAP_TRY(cap_queue_simulate(&q, &so, &r, err));
    int ok = 1;
    if (o->json)
        ok = print_json(out, &q, &so, &r);
    else
        print_text(out, &q, &so, &r);
    if (!ok || ferror(out))
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "write failed");
    return CAP_OK;
}

cap_status cap_queue_command(int argc, char **argv, FILE *out, cap_error *err)
{
    cap_queue_options o;
    CAP_TRY(cap_queue_parse(argc, argv, &o, err));
    if (o.help) {
        fputs(cap_queue_usage(), out);
        return CAP_OK;
    }
    return cap_queue_run(&o, out, err);
}
