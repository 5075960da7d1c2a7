/* shardcmd.c - capplan --shard K/N and capplan merge. */
#include "shardcmd.h"

#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "explain.h"
#include "horizon.h"
#include "run.h"
#include "shardfile.h"
#include "sim.h"

/* ---- the shard run ---------------------------------------------------- */

static int is_stdin(const char *path) { return path && strcmp(path, "-") == 0; }

/* The header of the shard o->shard_k / o->shard_n of p. */
static cap_status shard_header(const cap_options *o, const cap_portfolio *p,
                               const cap_model *m, cap_shard_header *h,
                               cap_error *err)
{
    const char *paths[CAP_SHARD_INPUTS] = {o->portfolio, o->customers,
                                           o->model_path};
    cap_date today;
    memset(h, 0, sizeof *h);
    CAP_TRY(cap_run_today(o, &today, err));
    for (int k = 0; k < CAP_SHARD_INPUTS; k++)
        if (paths[k])
            CAP_TRY(cap_shard_input_of(paths[k], &h->input[k], err));
    cap_sim_options so = cap_run_sim_options(o, m);
    snprintf(h->version, sizeof h->version, "%s", CAP_VERSION);
    h->shard = (cap_shard_spec){o->shard_k, o->shard_n};
    snprintf(h->encoding, sizeof h->encoding, "%s",
             o->encoding ? o->encoding : "");
    snprintf(h->today, sizeof h->today, "%04d-%02d-%02d", today.year,
             today.month, today.day);
    h->seed = so.seed;
    h->replications = o->no_sim ? 0 : so.replications;
    h->partners = (long long)p->partner_count;
    h->quarters = p->quarters;
    return CAP_OK;
}

/* Where a shard's result lines go, in partner order. */
typedef struct {
    const cap_portfolio *p;
    const cap_sim_item *items;
    int quarter, *first;
    FILE *out;
    cap_error *err;
} shard_lines;

static cap_status write_line(void *ctx, size_t k, cap_sim_partner *res)
{
    shard_lines *l = ctx;
    size_t i = l->items[k].index;
    cap_status st = cap_shard_write_result(l->out, *l->first, l->quarter, i,
                                           l->p->partners[i].id, res, l->err);
    *l->first = 0;
    for (int r = 0; r < CAP_ROLES; r++)
        cap_sim_role_clear(&res->role[r]);
    return st;
}

/* Results held at once per thread: enough for the threads to keep busy
 * between two slices, few enough that a shard of many partners is written
 * as it goes. */
#define SHARD_SLICE_PER_THREAD 16

/* Simulates quarter q of the shard's partners (side by side on the
 * threads), a result line each in partner order. */
static cap_status shard_quarter(const cap_options *o, const cap_portfolio *p,
                                const cap_model *m, int q, int *first,
                                FILE *out, cap_error *err)
{
    cap_shard_spec spec = {o->shard_k, o->shard_n};
    cap_sim_options so = cap_run_sim_options(o, m);
    so.progress = NULL;
    cap_staffing *s = cap_staffing_run(p, m, q, err);
    cap_sim_world *w = s ? cap_sim_world_new(p, m, s->quarter_start, &so, err)
                         : NULL;
    cap_status st = w ? CAP_OK : err->code;
    if (st == CAP_OK) {
        cap_sim_item *items = malloc((s->partner_count + 1) * sizeof *items);
        if (!items)
            abort();
        size_t n = 0;
        for (size_t i = 0; i < s->partner_count; i++)
            if (cap_shard_has(spec, i))
                items[n++] = (cap_sim_item){w, &s->partners[i], i, q};
        shard_lines l = {p, items, q, first, out, err};
        st = cap_sim_size_each(items, n, &so,
                               SHARD_SLICE_PER_THREAD * (size_t)so.threads,
                               write_line, &l);
        free(items);
    }
    cap_sim_world_free(w);
    cap_staffing_free(s);
    return st;
}

static cap_status shard_write(const cap_options *o, const cap_portfolio *p,
                              const cap_model *m, FILE *out, cap_error *err)
{
    cap_shard_header h;
    int first = 1;
    CAP_TRY(shard_header(o, p, m, &h, err));
    CAP_TRY(cap_shard_write_header(out, &h, err));
    for (int q = 0; !o->no_sim && q < p->quarters; q++)
        CAP_TRY(shard_quarter(o, p, m, q, &first, out, err));
    return cap_shard_write_end(out, err);
}

cap_status cap_shard_run(const cap_options *o, FILE *out, cap_error *err)
{
    if (is_stdin(o->portfolio) || is_stdin(o->customers) ||
        is_stdin(o->model_path))
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--shard",
                             "the inputs must be files, not standard input: "
                             "capplan merge reads them again");
    CAP_TRY(cap_run_check_stdout(out, err));
    cap_model *m = cap_run_model(o, err);
    if (!m)
        return err->code;
    cap_portfolio *p = cap_run_inputs(o, m, err);
    cap_status st = p ? cap_run_check_books(o, p, 0, err) : err->code;
    if (st == CAP_OK)
        st = shard_write(o, p, m, out, err);
    cap_portfolio_free(p);
    cap_model_free(m);
    return st;
}

/* ---- capplan merge ---------------------------------------------------- */

const char *cap_merge_usage(void)
{
    return "usage: capplan merge [options] SHARD.json...\n"
           "\n"
           "Puts together the shard files of one run (capplan --shard K/N,\n"
           "K = 1..N, one file each, in any order): reads the run's inputs\n"
           "again from the paths the shards name (they must not have changed),\n"
           "and writes the three workbooks and prints the summary or JSON of\n"
           "the whole book, byte for byte those of one capplan run with the\n"
           "same inputs, seed and replications.\n"
           "\n"
           "options:\n"
           "  -o DIR          write workbooks to DIR (default: reports)\n"
           "  --json          print the results as one JSON document\n"
           "  --deterministic fixed workbook creation date (for tests)\n"
           "  --help          this text\n"
           "\n"
           "example (4 shards, each on its own machine, then the merge):\n"
           "  capplan --shard 1/4 book.ini book.csv > shard-1.json   ...\n"
           "  capplan merge -o reports shard-*.json\n";
}

typedef struct {
    const char *out_dir;
    int json, deterministic, help;
    const char **files;
    size_t count;
} merge_options;

static cap_status merge_parse(int argc, char **argv, merge_options *o,
                              cap_error *err)
{
    memset(o, 0, sizeof *o);
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->files)
        abort();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc)
            o->out_dir = argv[++i];
        else if (strcmp(a, "-o") == 0)
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, a,
                                 "needs a value");
        else if (strcmp(a, "--json") == 0)
            o->json = 1;
        else if (strcmp(a, "--deterministic") == 0)
            o->deterministic = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            o->help = 1;
        else if (a[0] == '-' && a[1])
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, a,
                                 "unknown option (see capplan merge --help; "
                                 "the inputs, model, seed and replications "
                                 "come from the shards)");
        else
            o->files[o->count++] = a;
    }
    if (!o->count && !o->help)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, NULL,
                             "no shard files given (see capplan merge --help)");
    return CAP_OK;
}

/* The shards, by K - 1. */
typedef struct {
    cap_shard_reader **by_k;
    int n;
} shard_set;

static void set_free(shard_set *s)
{
    for (int k = 0; s->by_k && k < s->n; k++)
        cap_shard_close(s->by_k[k]);
    free(s->by_k);
}

static int same_input(const cap_shard_input *a, const cap_shard_input *b)
{
    return (!a->path && !b->path) ||
           (a->path && b->path && strcmp(a->path, b->path) == 0 &&
            a->bytes == b->bytes && a->crc32 == b->crc32);
}

/* b belongs to the run of a: "" when it does, else what differs. */
static const char *differs(const cap_shard_header *a, const cap_shard_header *b)
{
    static const char *const inputs[CAP_SHARD_INPUTS] = {
        "the portfolio", "the customers CSV", "the model"};
    if (strcmp(a->version, b->version) != 0)
        return "the capplan version";
    if (a->shard.n != b->shard.n)
        return "the number of shards N";
    for (int k = 0; k < CAP_SHARD_INPUTS; k++)
        if (!same_input(&a->input[k], &b->input[k]))
            return inputs[k];
    if (a->seed != b->seed)
        return "the seed";
    if (a->replications != b->replications)
        return "the replications";
    if (strcmp(a->today, b->today) != 0 || strcmp(a->encoding, b->encoding))
        return "--today or --encoding";
    return a->partners != b->partners || a->quarters != b->quarters
               ? "the book" : "";
}

/* Opens every file and checks that they are the shards 1..N of one run. */
static cap_status open_set(const merge_options *o, shard_set *s,
                           cap_error *err)
{
    const char **path_of = NULL;
    cap_shard_reader *first = NULL;
    memset(s, 0, sizeof *s);
    for (size_t f = 0; f < o->count; f++) {
        cap_shard_reader *r = cap_shard_open(o->files[f], err);
        if (!r)
            break;
        const cap_shard_header *h = cap_shard_header_of(r);
        if (!first) {
            first = r;
            s->n = h->shard.n;
            s->by_k = calloc((size_t)s->n, sizeof *s->by_k);
            path_of = calloc((size_t)s->n, sizeof *path_of);
            if (!s->by_k || !path_of)
                abort();
        }
        const char *what = differs(cap_shard_header_of(first), h);
        if (strcmp(h->version, CAP_VERSION) != 0) {
            cap_error_set(err, CAP_ERR_INPUT, o->files[f], 0, NULL,
                          "written by capplan %s, this is %s: run the shards "
                          "and the merge with one version", h->version,
                          CAP_VERSION);
        } else if (*what) {
            cap_error_set(err, CAP_ERR_INPUT, o->files[f], 0, NULL,
                          "not a shard of the run of %s: %s differs",
                          cap_shard_path(first), what);
        } else if (s->by_k[h->shard.k - 1]) {
            cap_error_set(err, CAP_ERR_INPUT, o->files[f], 0, NULL,
                          "shard %d/%d again (also %s)", h->shard.k, s->n,
                          path_of[h->shard.k - 1]);
        } else {
            s->by_k[h->shard.k - 1] = r;
            path_of[h->shard.k - 1] = o->files[f];
            continue;
        }
        cap_shard_close(r);
        break;
    }
    free(path_of);
    if (err->code != CAP_OK)
        return err->code;
    for (int k = 0; k < s->n; k++)
        if (!s->by_k[k])
            return cap_error_set(err, CAP_ERR_INPUT, cap_shard_path(first), 0,
                                 NULL, "shard %d/%d is missing: give the "
                                 "merge all %d shard files of the run", k + 1,
                                 s->n, s->n);
    return CAP_OK;
}

/* The run the shards made, as options; fails when an input changed. */
static cap_status run_options(const merge_options *mo, const shard_set *s,
                              cap_options *o, cap_error *err)
{
    const cap_shard_header *h = cap_shard_header_of(s->by_k[0]);
    memset(o, 0, sizeof *o);
    for (int k = 0; k < CAP_SHARD_INPUTS; k++) {
        cap_shard_input now;
        if (!h->input[k].path)
            continue;
        CAP_TRY(cap_shard_input_of(h->input[k].path, &now, err));
        if (!same_input(&h->input[k], &now))
            return cap_error_set(err, CAP_ERR_INPUT, h->input[k].path, 0, NULL,
                                 "changed since the shards read it (%lld "
                                 "bytes, CRC-32 %08x then; %lld, %08x now)",
                                 h->input[k].bytes, (unsigned)h->input[k].crc32,
                                 now.bytes, (unsigned)now.crc32);
    }
    o->portfolio = h->input[CAP_SHARD_PORTFOLIO].path;
    o->customers = h->input[CAP_SHARD_CUSTOMERS].path;
    o->model_path = h->input[CAP_SHARD_MODEL].path;
    o->encoding = h->encoding[0] ? h->encoding : NULL;
    o->today = h->today;
    o->seed_set = 1;
    o->seed = h->seed;
    o->replications = h->replications;
    o->no_sim = h->replications == 0;
    o->threads = 1;
    o->json = mo->json;
    o->deterministic = mo->deterministic;
    o->out_dir = mo->out_dir ? mo->out_dir : "reports";
    return CAP_OK;
}

/* One partner's answer from its shard, applied as the single run applies
 * its simulation (cap_simulate_quarter), with the staffed figures' Erlang
 * C hours recomputed. */
static cap_status merge_partner(const shard_set *set, cap_sim_world *w,
                                const cap_model *m, cap_staffing *s,
                                size_t i, cap_error *err)
{
    cap_sim_partner res;
    cap_partner_staffing *ps = &s->partners[i];
    CAP_TRY(cap_shard_read_result(set->by_k[i % (size_t)set->n], s->quarter,
                                  i, ps->partner->id, &res, err));
    for (int r = 0; r < CAP_ROLES; r++) {
        if (res.role[r].simulated != ps->role[r].active) {
            for (int k = 0; k < CAP_ROLES; k++)
                cap_sim_role_clear(&res.role[k]);
            return cap_error_set(err, CAP_ERR_INPUT,
                                 cap_shard_path(set->by_k[i % (size_t)set->n]),
                                 0, "results", "partner \"%s\": the roles "
                                 "simulated differ from the book's",
                                 ps->partner->id);
        }
        if (res.role[r].simulated)
            cap_sim_erlang_hours(w, ps, i, s->quarter, (cap_role)r,
                                 res.role[r].staffed);
    }
    cap_staffing_apply_sim(m, ps, &res);
    return CAP_OK;
}

/* Every quarter as cap_horizon_run() builds it, the shards' answers in
 * place of the simulation. */
static cap_horizon *merge_horizon(const cap_options *o, const shard_set *set,
                                  const cap_portfolio *p, const cap_model *m,
                                  cap_error *err)
{
    if (o->no_sim)
        return cap_horizon_run(p, m, NULL, err);
    cap_sim_options so = cap_run_sim_options(o, m);
    so.progress = NULL;
    cap_horizon *h = calloc(1, sizeof *h);
    if (!h || !(h->quarter = calloc((size_t)p->quarters, sizeof *h->quarter)))
        abort();
    for (int q = 0; q < p->quarters; q++) {
        cap_staffing *s = cap_staffing_run(p, m, q, err);
        cap_sim_world *w = s ? cap_sim_world_new(p, m, s->quarter_start, &so,
                                                 err) : NULL;
        cap_status st = w ? CAP_OK : err->code;
        if (s)
            h->quarter[h->count++] = s;
        for (size_t i = 0; st == CAP_OK && i < s->partner_count; i++)
            st = merge_partner(set, w, m, s, i, err);
        cap_sim_world_free(w);
        if (st != CAP_OK) {
            cap_horizon_free(h);
            return NULL;
        }
        cap_staffing_total(s);
        cap_cost_quarter(m, s);
        cap_explain_quarter(m, s);
        cap_staffing_trim(s, q == 0); /* as cap_horizon_run */
    }
    for (int k = 0; k < set->n; k++)
        if (cap_shard_read_end(set->by_k[k], err) != CAP_OK) {
            cap_horizon_free(h);
            return NULL;
        }
    return h;
}

static cap_status merge(const merge_options *mo, FILE *out, cap_error *err)
{
    shard_set set;
    cap_options o;
    cap_status st = open_set(mo, &set, err);
    if (st == CAP_OK)
        st = run_options(mo, &set, &o, err);
    cap_model *m = st == CAP_OK ? cap_run_model(&o, err) : NULL;
    cap_portfolio *p = m ? cap_run_inputs(&o, m, err) : NULL;
    if (p && (long long)p->partner_count !=
                 cap_shard_header_of(set.by_k[0])->partners)
        cap_error_set(err, CAP_ERR_INPUT, o.portfolio, 0, NULL,
                      "%zu partners now, %lld when the shards ran",
                      p->partner_count,
                      cap_shard_header_of(set.by_k[0])->partners);
    else if (p)
        cap_run_check_books(&o, p, 0, err);
    /* Every shard read and checked before the output folder is touched. */
    cap_horizon *h = p && err->code == CAP_OK
                         ? merge_horizon(&o, &set, p, m, err) : NULL;
    if (h && cap_run_check_books(&o, p, 1, err) != CAP_OK) {
        cap_horizon_free(h);
        h = NULL;
    }
    st = h ? cap_run_report(&o, out, h, p, m, err) : err->code;
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
    set_free(&set);
    return st;
}

cap_status cap_merge_command(int argc, char **argv, FILE *out,
                             cap_error *err)
{
    merge_options mo;
    cap_status st = merge_parse(argc, argv, &mo, err);
    if (st == CAP_OK && mo.help)
        fputs(cap_merge_usage(), out);
    else if (st == CAP_OK && (st = cap_run_check_stdout(out, err)) == CAP_OK)
        st = merge(&mo, out, err);
    free(mo.files);
    return st;
}
