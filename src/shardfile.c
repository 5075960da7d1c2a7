/* shardfile.c - the shard file, written and read a line at a time. */
#include "shardfile.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define HEAD_PREFIX "{\"capplan_shard\": "
#define RESULTS_LINE "\"results\": ["
#define END_LINE "]}"
/* Every double printed so that strtod() reads back the same double. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(17))

int cap_shard_parse(const char *text, cap_shard_spec *out)
{
    char *end;
    errno = 0;
    long k = strtol(text, &end, 10);
    if (end == text || *end != '/' || errno)
        return 0;
    const char *rest = end + 1;
    long n = strtol(rest, &end, 10);
    if (end == rest || *end || errno || k < 1 || n < 1 || k > n ||
        n > CAP_SHARDS_MAX || text[0] == '+' || rest[0] == '+')
        return 0;
    *out = (cap_shard_spec){(int)k, (int)n};
    return 1;
}

cap_status cap_shard_input_of(const char *path, cap_shard_input *out,
                              cap_error *err)
{
    unsigned char buf[1 << 16];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return cap_error_set(err, CAP_ERR_IO, path, 0, NULL, "%s",
                             strerror(errno));
    uLong crc = crc32(0L, Z_NULL, 0);
    *out = (cap_shard_input){path, 0, 0};
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        crc = crc32(crc, buf, (uInt)n);
        out->bytes += (long long)n;
    }
    int failed = ferror(f);
    fclose(f);
    out->crc32 = (uint32_t)crc;
    if (failed)
        return cap_error_set(err, CAP_ERR_IO, path, 0, NULL, "read failed");
    return CAP_OK;
}

/* ---- numbers: finite ones as JSON reals, the others as text ---- */

static json_t *num(double x)
{
    if (isnan(x))
        return json_string("nan");
    if (isinf(x))
        return json_string(x > 0 ? "inf" : "-inf");
    return json_real(x);
}

static int get_num(const json_t *v, double *x)
{
    const char *s = json_string_value(v);
    if (json_is_number(v))
        *x = json_number_value(v);
    else if (s && strcmp(s, "nan") == 0)
        *x = NAN;
    else if (s && (strcmp(s, "inf") == 0 || strcmp(s, "-inf") == 0))
        *x = s[0] == '-' ? -INFINITY : INFINITY;
    else
        return 0;
    return 1;
}

static json_t *estimate_json(cap_estimate e)
{
    return json_pack("[ooo]", num(e.mean), num(e.half), num(e.se));
}

static int estimate_of(const json_t *v, cap_estimate *e)
{
    return json_is_array(v) && json_array_size(v) == 3 &&
           get_num(json_array_get(v, 0), &e->mean) &&
           get_num(json_array_get(v, 1), &e->half) &&
           get_num(json_array_get(v, 2), &e->se);
}

/* ---- the figures of one team (cap_sla_role, less its hours) ---- */

static json_t *severity_json(const cap_sla_severity *s)
{
    return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
                     "tickets", estimate_json(s->tickets),
                     "attainment", estimate_json(s->attainment),
                     "p50", estimate_json(s->p50), "p90", estimate_json(s->p90),
                     "p99", estimate_json(s->p99), "goal", num(s->goal),
                     "target_minutes", num(s->target_minutes),
                     "erlang_attainment", num(s->erlang_attainment));
}

static json_t *figures_json(const cap_sla_role *r)
{
    if (!r)
        return json_null();
    json_t *sev = json_array();
    for (int v = 0; v < CAP_SEVERITIES; v++)
        json_array_append_new(sev, severity_json(&r->severity[v]));
    return json_pack("{s:o,s:i,s:i,s:o,s:o,s:o,s:o,s:o,s:i,s:o,s:i,s:i}",
                     "fte", num(r->fte), "tier", (int)r->tier,
                     "replications", r->replications, "severity", sev,
                     "utilization", estimate_json(r->utilization),
                     "backlog", estimate_json(r->backlog),
                     "gap_hours", num(r->gap_hours),
                     "work_hours_month", num(r->work_hours_month),
                     "meets", r->meets, "confidence", num(r->confidence),
                     "met_at_recommended", r->met_at_recommended,
                     "unstable_hours", r->unstable_hours);
}

static int severity_of(const json_t *o, cap_sla_severity *s)
{
    return estimate_of(json_object_get(o, "tickets"), &s->tickets) &&
           estimate_of(json_object_get(o, "attainment"), &s->attainment) &&
           estimate_of(json_object_get(o, "p50"), &s->p50) &&
           estimate_of(json_object_get(o, "p90"), &s->p90) &&
           estimate_of(json_object_get(o, "p99"), &s->p99) &&
           get_num(json_object_get(o, "goal"), &s->goal) &&
           get_num(json_object_get(o, "target_minutes"), &s->target_minutes) &&
           get_num(json_object_get(o, "erlang_attainment"),
                   &s->erlang_attainment);
}

/* An int member of o, into *x; 0 when it is missing or not an integer. */
static int get_int(const json_t *o, const char *key, int *x)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return 0;
    *x = (int)json_integer_value(v);
    return 1;
}

/* Figures from o (null: none); 0 when o is not what figures_json wrote. */
static int figures_of(const json_t *o, cap_sla_role **out)
{
    int tier = 0;
    *out = NULL;
    if (json_is_null(o))
        return 1;
    const json_t *sev = json_object_get(o, "severity");
    if (!json_is_object(o) || json_array_size(sev) != CAP_SEVERITIES)
        return 0;
    cap_sla_role *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    int ok = get_num(json_object_get(o, "fte"), &r->fte) &&
             get_int(o, "tier", &tier) && tier >= 0 && tier < CAP_PLANS &&
             get_int(o, "replications", &r->replications) &&
             estimate_of(json_object_get(o, "utilization"), &r->utilization) &&
             estimate_of(json_object_get(o, "backlog"), &r->backlog) &&
             get_num(json_object_get(o, "gap_hours"), &r->gap_hours) &&
             get_num(json_object_get(o, "work_hours_month"),
                     &r->work_hours_month) &&
             get_int(o, "meets", &r->meets) &&
             get_num(json_object_get(o, "confidence"), &r->confidence) &&
             get_int(o, "met_at_recommended", &r->met_at_recommended) &&
             get_int(o, "unstable_hours", &r->unstable_hours);
    r->tier = (cap_plan)tier;
    for (int v = 0; ok && v < CAP_SEVERITIES; v++)
        ok = severity_of(json_array_get(sev, (size_t)v), &r->severity[v]);
    if (!ok)
        free(r);
    else
        *out = r;
    return ok;
}

/* ---- one role's answer, one partner's result ---- */

static json_t *role_json(const cap_sim_role *r)
{
    if (!r->simulated)
        return json_null();
    return json_pack("{s:o,s:i,s:i,s:o,s:o,s:o,s:o}", "fte", num(r->fte),
                     "met", r->met, "decided_at_replications",
                     r->decided_at_replications, "confidence",
                     num(r->confidence), "staffed", figures_json(r->staffed),
                     "answer", figures_json(r->answer), "below",
                     figures_json(r->below));
}

static int role_of(const json_t *o, cap_sim_role *r)
{
    memset(r, 0, sizeof *r);
    if (json_is_null(o))
        return 1;
    r->simulated = 1;
    int ok = json_is_object(o) && get_num(json_object_get(o, "fte"), &r->fte) &&
             get_int(o, "met", &r->met) &&
             get_int(o, "decided_at_replications",
                     &r->decided_at_replications) &&
             get_num(json_object_get(o, "confidence"), &r->confidence) &&
             figures_of(json_object_get(o, "staffed"), &r->staffed) &&
             figures_of(json_object_get(o, "answer"), &r->answer) &&
             figures_of(json_object_get(o, "below"), &r->below) &&
             r->staffed && r->answer;
    if (!ok)
        cap_sim_role_clear(r);
    return ok;
}

/* ---- writing ---- */

static cap_status put_line(FILE *out, const char *prefix, json_t *doc,
                           const char *suffix, cap_error *err)
{
    char *text = doc ? json_dumps(doc, DUMP_FLAGS) : NULL;
    json_decref(doc);
    if (!text)
        return cap_error_set(err, CAP_ERR_INTERNAL, "shard", 0, NULL,
                             "JSON encoding failed");
    int bad = fprintf(out, "%s%s%s\n", prefix, text, suffix) < 0;
    free(text);
    if (bad)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "write failed: %s", strerror(errno));
    return CAP_OK;
}

static json_t *input_json(const cap_shard_input *in)
{
    if (!in->path)
        return json_null();
    char crc[16];
    snprintf(crc, sizeof crc, "%08x", (unsigned)in->crc32);
    return json_pack("{s:s,s:I,s:s}", "path", in->path, "bytes",
                     (json_int_t)in->bytes, "crc32", crc);
}

cap_status cap_shard_write_header(FILE *out, const cap_shard_header *h,
                                  cap_error *err)
{
    json_t *doc = json_pack(
        "{s:i,s:s,s:i,s:i,s:o,s:o,s:o,s:s?,s:s,s:I,s:i,s:I,s:i}", "format", 1,
        "version", h->version, "shard", h->shard.k, "shards", h->shard.n,
        "portfolio", input_json(&h->input[CAP_SHARD_PORTFOLIO]),
        "customers", input_json(&h->input[CAP_SHARD_CUSTOMERS]),
        "model", input_json(&h->input[CAP_SHARD_MODEL]),
        "encoding", h->encoding[0] ? h->encoding : NULL, "today", h->today,
        "seed", (json_int_t)h->seed, "replications", h->replications,
        "partners", (json_int_t)h->partners, "quarters", h->quarters);
    CAP_TRY(put_line(out, HEAD_PREFIX, doc, ",", err));
    if (fprintf(out, "%s\n", RESULTS_LINE) < 0)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "write failed: %s", strerror(errno));
    return CAP_OK;
}

cap_status cap_shard_write_result(FILE *out, int first, int quarter,
                                  size_t index, const char *id,
                                  const cap_sim_partner *res, cap_error *err)
{
    json_t *roles = json_array();
    for (int r = 0; r < CAP_ROLES; r++)
        json_array_append_new(roles, role_json(&res->role[r]));
    json_t *doc = json_pack("{s:i,s:I,s:s,s:o,s:o}", "quarter", quarter,
                            "index", (json_int_t)index, "id", id,
                            "technical_hours_month",
                            num(res->technical_hours_month), "roles", roles);
    return put_line(out, first ? "" : ",", doc, "", err);
}

cap_status cap_shard_write_end(FILE *out, cap_error *err)
{
    if (fprintf(out, "%s\n", END_LINE) < 0)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "write failed: %s", strerror(errno));
    return CAP_OK;
}

/* ---- reading ---- */

struct cap_shard_reader {
    FILE *f;
    char path[512];
    char *line;
    size_t cap;
    int lineno, results;
    cap_shard_header h;
};

/* The next line, without its newline; NULL at the end. */
static char *next_line(cap_shard_reader *r)
{
    ssize_t n = getline(&r->line, &r->cap, r->f);
    if (n < 0)
        return NULL;
    r->lineno++;
    if (n > 0 && r->line[n - 1] == '\n')
        r->line[n - 1] = '\0';
    return r->line;
}

static cap_status not_shard(const cap_shard_reader *r, const char *what,
                            cap_error *err)
{
    return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno, NULL,
                         "not a capplan shard file (%s; capplan --shard K/N "
                         "writes them)", what);
}

static int input_of(const json_t *o, cap_shard_input *in, char *path,
                    size_t cap)
{
    const char *p = json_string_value(json_object_get(o, "path"));
    const char *crc = json_string_value(json_object_get(o, "crc32"));
    const json_t *bytes = json_object_get(o, "bytes");
    memset(in, 0, sizeof *in);
    if (json_is_null(o))
        return 1;
    if (!p || !crc || !json_is_integer(bytes) || strlen(p) >= cap)
        return 0;
    snprintf(path, cap, "%s", p);
    in->path = path;
    in->bytes = (long long)json_integer_value(bytes);
    in->crc32 = (uint32_t)strtoul(crc, NULL, 16);
    return 1;
}

static int text_of(const json_t *o, const char *key, char *out, size_t cap,
                   int optional)
{
    const json_t *v = json_object_get(o, key);
    const char *s = json_string_value(v);
    if (optional && (!v || json_is_null(v))) {
        out[0] = '\0';
        return 1;
    }
    if (!s || strlen(s) >= cap)
        return 0;
    snprintf(out, cap, "%s", s);
    return 1;
}

static int header_of(const json_t *o, cap_shard_header *h)
{
    static const char *const keys[CAP_SHARD_INPUTS] = {"portfolio",
                                                       "customers", "model"};
    json_int_t seed = -1, partners = -1;
    int format = 0;
    memset(h, 0, sizeof *h);
    int ok = json_unpack((json_t *)o, "{s:i,s:i,s:i,s:I,s:i,s:I,s:i}", "format", &format,
                         "shard", &h->shard.k, "shards", &h->shard.n, "seed",
                         &seed, "replications", &h->replications, "partners",
                         &partners, "quarters", &h->quarters) == 0 &&
             format == 1 && seed >= 0 && partners >= 0 &&
             text_of(o, "version", h->version, sizeof h->version, 0) &&
             text_of(o, "today", h->today, sizeof h->today, 0) &&
             text_of(o, "encoding", h->encoding, sizeof h->encoding, 1);
    for (int k = 0; ok && k < CAP_SHARD_INPUTS; k++)
        ok = input_of(json_object_get(o, keys[k]), &h->input[k],
                      h->input_path[k], sizeof h->input_path[k]);
    h->seed = (unsigned long)seed;
    h->partners = (long long)partners;
    return ok && h->input[CAP_SHARD_PORTFOLIO].path && h->shard.k >= 1 &&
           h->shard.k <= h->shard.n && h->shard.n <= CAP_SHARDS_MAX;
}

static cap_status read_header(cap_shard_reader *r, cap_error *err)
{
    char *line = next_line(r);
    size_t n = line ? strlen(line) : 0;
    if (!line || strncmp(line, HEAD_PREFIX, strlen(HEAD_PREFIX)) != 0 ||
        n < strlen(HEAD_PREFIX) + 1 || line[n - 1] != ',')
        return not_shard(r, "no \"capplan_shard\" header", err);
    line[n - 1] = '\0';
    json_error_t jerr;
    json_t *o = json_loads(line + strlen(HEAD_PREFIX), 0, &jerr);
    int ok = o && header_of(o, &r->h);
    json_decref(o);
    if (!ok)
        return not_shard(r, "a header without the fields of format 1", err);
    line = next_line(r);
    if (!line || strcmp(line, RESULTS_LINE) != 0)
        return not_shard(r, "no \"results\" after the header", err);
    for (int k = 0; k < CAP_SHARD_INPUTS; k++)
        if (r->h.input[k].path)
            r->h.input[k].path = r->h.input_path[k];
    return CAP_OK;
}

cap_shard_reader *cap_shard_open(const char *path, cap_error *err)
{
    cap_shard_reader *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    snprintf(r->path, sizeof r->path, "%s", path);
    if (!(r->f = fopen(path, "r"))) {
        cap_error_set(err, CAP_ERR_IO, path, 0, NULL, "%s", strerror(errno));
        free(r);
        return NULL;
    }
    if (read_header(r, err) != CAP_OK) {
        cap_shard_close(r);
        return NULL;
    }
    return r;
}

void cap_shard_close(cap_shard_reader *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    free(r->line);
    free(r);
}

const cap_shard_header *cap_shard_header_of(const cap_shard_reader *r)
{
    return &r->h;
}

const char *cap_shard_path(const cap_shard_reader *r)
{
    return r->path;
}

/* Fills res from the result o, which must be partner index (id) of
 * quarter q. */
static cap_status result_of(const cap_shard_reader *r, const json_t *o,
                            int quarter, size_t index, const char *id,
                            cap_sim_partner *res, cap_error *err)
{
    json_int_t q = -1, i = -1;
    const char *got = NULL;
    const json_t *roles = NULL;
    memset(res, 0, sizeof *res);
    if (json_unpack((json_t *)o, "{s:I,s:I,s:s,s:o}", "quarter", &q, "index",
                    &i, "id", &got, "roles", &roles) != 0 ||
        json_array_size(roles) != CAP_ROLES ||
        !get_num(json_object_get(o, "technical_hours_month"),
                 &res->technical_hours_month))
        return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno, "results",
                             "not a result of format 1");
    if (q != quarter || i != (json_int_t)index || strcmp(got, id) != 0)
        return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno, "results",
                             "\"%s\" (partner %lld) of quarter %lld where "
                             "\"%s\" (partner %zu) of quarter %d belongs: "
                             "the file is cut or was edited", got,
                             (long long)i + 1, (long long)q + 1, id, index + 1,
                             quarter + 1);
    for (int k = 0; k < CAP_ROLES; k++)
        if (!role_of(json_array_get(roles, (size_t)k), &res->role[k])) {
            for (int j = 0; j < k; j++)
                cap_sim_role_clear(&res->role[j]);
            return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno,
                                 "results", "partner \"%s\": role %d is not "
                                 "a simulated answer of format 1", id, k + 1);
        }
    return CAP_OK;
}

cap_status cap_shard_read_result(cap_shard_reader *r, int quarter,
                                 size_t index, const char *id,
                                 cap_sim_partner *res, cap_error *err)
{
    char *line = next_line(r);
    if (!line || strcmp(line, END_LINE) == 0)
        return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno, "results",
                             "ends before \"%s\" (partner %zu) of quarter "
                             "%d: the file is cut", id, index + 1,
                             quarter + 1);
    if (r->results > 0 && line[0] == ',')
        line++;
    json_error_t jerr;
    json_t *o = json_loads(line, 0, &jerr);
    cap_status st = o ? result_of(r, o, quarter, index, id, res, err)
                      : cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno,
                                      "results", "not JSON: %s", jerr.text);
    json_decref(o);
    r->results++;
    return st;
}

cap_status cap_shard_read_end(cap_shard_reader *r, cap_error *err)
{
    char *line = next_line(r);
    if (!line || strcmp(line, END_LINE) != 0)
        return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno, "results",
                             line ? "more results than its shard of the book "
                                    "holds"
                                  : "no \"]}\" at the end: the file is cut");
    if (next_line(r))
        return cap_error_set(err, CAP_ERR_INPUT, r->path, r->lineno, NULL,
                             "text after the end of the document");
    return CAP_OK;
}
