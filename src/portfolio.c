/* portfolio.c - reads the portfolio INI and the customers CSV. */
#include "portfolio.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "ini.h"
#include "strmap.h"
#include "text.h"
#include "tz.h"

static const char *const portfolio_keys[] = {"name", "start", "quarters", NULL};
static const char *const partner_keys[] = {"name", "channel", "csm", "tam",
    "tam_tier", "service_hours", "localization", "growth", "tier", "customers",
    NULL};

/* The CSV's columns, in the order of cap_portfolio.csv_header; also the
 * keys of the [csv] section.  The last seven are a partner's keys. */
enum { COL_PARTNER, COL_PLAN, COL_TIMEZONE, COL_CUSTOMERS, COL_NAME,
       COL_QUARTER, COL_CHANNEL, COL_CSM, COL_TAM, COL_TAM_TIER,
       COL_SERVICE_HOURS, COL_LOCALIZATION, COL_GROWTH, COLS };
static const char *const column_names[COLS + 1] = {"partner", "plan",
    "timezone", "customers", "name", "quarter", "channel", "csm", "tam",
    "tam_tier", "service_hours", "localization", "growth", NULL};
_Static_assert(COLS == CAP_CSV_COLUMNS, "one csv_header per column");

/* A partner key's place among the key columns (0 = channel). */
enum { KEY_FIRST = COL_CHANNEL, KEYS = COLS - COL_CHANNEL };

/* Which row or section first gave each key of a partner. */
typedef struct {
    int row[KEYS];       /* CSV row; 0 when no row gave the key */
    unsigned ini;        /* bit k: the INI section gave key k */
} key_origin;

struct cap_book_index {
    cap_strmap *partners;  /* id -> index in p->partners */
    size_t partner_cap;    /* room in p->partners */
    key_origin *origin;    /* per partner, same index */
    size_t origin_cap;
    cap_strmap *zones;     /* zone as written -> 1 + index in zone_names,
                              0 when it names no zone */
    char (*zone_names)[128];
    size_t zone_count, zone_cap;
    cap_strmap *segments;  /* "P\x1fPLAN\x1fQ\x1fZONE" -> index of the
                              segment of partner P that CSV rows add up in */
    cap_strmap *tags;      /* "P\x1fQ" -> index in sums */
    double *sums;          /* partner P's customers in quarter Q (-1:
                              undated) so far */
    size_t sum_count, sum_cap;
};

static cap_book_index *book_index(cap_portfolio *p)
{
    if (!p->index) {
        if (!(p->index = calloc(1, sizeof *p->index)))
            abort();
        p->index->partners = cap_strmap_new(1024);
        p->index->zones = cap_strmap_new(64);
        p->index->segments = cap_strmap_new(1024);
        p->index->tags = cap_strmap_new(1024);
    }
    return p->index;
}

static void book_index_free(cap_book_index *ix)
{
    if (!ix)
        return;
    cap_strmap_free(ix->partners);
    cap_strmap_free(ix->zones);
    cap_strmap_free(ix->segments);
    cap_strmap_free(ix->tags);
    free(ix->origin);
    free(ix->zone_names);
    free(ix->sums);
    free(ix);
}

/* Room for n + 1 items in *items of *cap (grown by doubling). */
static void *reserve(void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 64;
    if (!(items = realloc(items, *cap * size)))
        abort();
    return items;
}

/* cap_tz_canonical, each distinct text looked up in the tz database once
 * (a book of 100,000 partners names a few dozen zones). */
static int canonical_zone(cap_book_index *ix, const char *text, char *out,
                          size_t cap)
{
    size_t at;
    if (!ix)
        return cap_tz_canonical(text, out, cap);
    if (!cap_strmap_find(ix->zones, text, &at)) {
        char name[sizeof ix->zone_names[0]];
        at = 0;
        if (cap_tz_canonical(text, name, sizeof name)) {
            ix->zone_names = reserve(ix->zone_names, &ix->zone_cap,
                                     ix->zone_count, sizeof name);
            memcpy(ix->zone_names[ix->zone_count++], name, sizeof name);
            at = ix->zone_count;
        }
        cap_strmap_add(ix->zones, text, at, NULL);
    }
    return at && snprintf(out, cap, "%s", ix->zone_names[at - 1]) < (int)cap;
}

/* Copies src lowercased (ASCII), cut on a character boundary. */
static void lower_copy(char *dst, size_t cap, const char *src)
{
    cap_text_copy(dst, cap, src);
    for (; *dst; dst++)
        *dst = (char)tolower((unsigned char)*dst);
}

/* A new partner with the model's defaults for every key it may leave out. */
const char *cap_partner_field(const cap_partner *partner, char *buf,
                              size_t cap)
{
    if (partner->deal)
        return NULL;
    snprintf(buf, cap, "[partner.%s]", partner->id);
    return buf;
}

cap_partner *cap_portfolio_add_partner(cap_portfolio *p, const char *id,
                                       const cap_model *m)
{
    cap_book_index *ix = book_index(p);
    size_t n = p->partner_count;
    p->partners = reserve(p->partners, &ix->partner_cap, n, sizeof *p->partners);
    ix->origin = reserve(ix->origin, &ix->origin_cap, n, sizeof *ix->origin);
    memset(&ix->origin[n], 0, sizeof ix->origin[n]);
    cap_partner *partner = &p->partners[p->partner_count++];
    memset(partner, 0, sizeof *partner);
    cap_text_copy(partner->id, sizeof partner->id, id);
    cap_strmap_add(ix->partners, partner->id, n, NULL);
    cap_text_copy(partner->name, sizeof partner->name, id);
    partner->tier_override = -1;
    partner->csm = m->default_csm;
    partner->tam = m->default_tam;
    partner->service_hours = m->default_service_hours;
    partner->tam_tier = m->default_tam_tier;
    partner->localization = m->default_localization;
    partner->growth = m->default_growth;
    return partner;
}

/* The partner called id and its index, or NULL. */
static cap_partner *find_partner(cap_portfolio *p, const char *id,
                                 size_t *index)
{
    return p->index && cap_strmap_find(p->index->partners, id, index)
               ? &p->partners[*index]
               : NULL;
}

static void add_segment(cap_partner *partner, const cap_segment *seg)
{
    size_t n = partner->segment_count;
    if ((n & (n - 1)) == 0 &&  /* 0, 1, 2, 4...: double */
        !(partner->segments = realloc(partner->segments,
                                      (n ? n * 2 : 1) * sizeof *partner->segments)))
        abort();
    partner->segments[partner->segment_count++] = *seg;
}

/* ---- values shared by INI and CSV ---- */

/* Parses a whole, non-negative customer count up to limit (the model's
 * [limits] max_customers, at most 1e9: within an int); nonzero on success,
 * else why names the fault: a count too big is a whole number all the
 * same.  The sums are checked as rows add up and by cap_portfolio_validate. */
static int parse_count(const char *text, double limit, int *out, char *why,
                       size_t cap)
{
    double v;
    if (!cap_parse_double(text, &v) || v < 0 || v != floor(v)) {
        snprintf(why, cap, "\"%s\" is not a whole number >= 0", text);
        return 0;
    }
    if (v > limit || v > INT_MAX) {
        snprintf(why, cap, "\"%s\" is above the model's limit of %.0f "
                 "([limits] max_customers)", text, limit);
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* ---- a partner's keys, from the INI or from flags ---- */

static cap_status failf(const cap_keys *k, cap_error *err, const char *key,
                        const char *item, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static cap_status failf(const cap_keys *k, cap_error *err, const char *key,
                        const char *item, const char *fmt, ...)
{
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return k->fail(k, err, key, item, text);
}

/* A name goes into the workbooks and the JSON as it is.  An INI's text is
 * checked when read; a flag's (capplan size --name) is checked here. */
static cap_status check_name(const cap_keys *k, const char *name,
                             cap_error *err)
{
    if (!name || cap_text_valid(name))
        return CAP_OK;
    return failf(k, err, "name", NULL, "not valid UTF-8 text, or holds a "
                 "control character");
}

/* Keys a partner may leave out: each parser leaves the default alone when
 * its key is absent. */
static cap_status read_ask(const cap_keys *k, const cap_model *m,
                           const char *key, int hours, cap_ask *out,
                           cap_error *err)
{
    const char *v = k->get(k, key), *why;
    double limit = hours ? m->max_service_hours : m->max_fte;
    if (v && !cap_ask_parse(m, v, hours, out, &why))
        return failf(k, err, key, NULL, "\"%s\": %s", v, why);
    if (v && out->kind == CAP_ASK_FIXED && out->value > limit)
        return failf(k, err, key, NULL, "\"%s\": above the model's limit of "
                     "%g %s ([limits] %s)", v, limit,
                     hours ? "hours a month" : "FTE",
                     hours ? "max_service_hours" : "max_fte");
    return CAP_OK;
}

static cap_status read_plan_key(const cap_keys *k, const char *key, int *out,
                                cap_error *err)
{
    const char *v = k->get(k, key);
    if (v && (*out = cap_plan_parse(v)) < 0)
        return failf(k, err, key, NULL, "unknown plan \"%s\"%s", v,
                     " (want basic, premium or mission_critical)");
    return CAP_OK;
}

static cap_status read_localization(const cap_keys *k, cap_partner *partner,
                                    cap_error *err)
{
    const char *v = k->get(k, "localization");
    int found = v ? cap_localization_parse(v) : (int)partner->localization;
    if (found < 0)
        return failf(k, err, "localization", NULL, "\"%s\": %s", v,
                     "want auto, yes or no");
    partner->localization = (cap_localization)found;
    return CAP_OK;
}

/* "PLAN TIMEZONE COUNT"; the source names the item in its messages. */
static cap_status parse_segment(const cap_keys *k, const char *item,
                                double limit, cap_segment *seg, cap_error *err)
{
    char plan[64] = "", tz[128] = "", count[64] = "", extra[64] = "";
    int n = sscanf(item, "%63s %127s %63s %63s", plan, tz, count, extra);
    if (n < 3)
        return failf(k, err, "customers", item, "no %s (want \"PLAN "
                     "TIMEZONE COUNT\")", n == 2 ? "count" : "time zone and count");
    if (n > 3)
        return failf(k, err, "customers", item, "\"%s\" after the count "
                     "(want \"PLAN TIMEZONE COUNT\")", extra);
    int p = cap_plan_parse(plan);
    if (p < 0)
        return failf(k, err, "customers", item, "unknown plan \"%s\" (want "
                     "basic, premium or mission_critical)", plan);
    if (!canonical_zone(k->index, tz, seg->timezone, sizeof seg->timezone))
        return failf(k, err, "customers", item, "unknown time zone \"%s\"",
                     tz);
    char why[200];
    if (!parse_count(count, limit, &seg->customers, why, sizeof why))
        return failf(k, err, "customers", item, "customer count %s", why);
    seg->plan = (cap_plan)p;
    seg->quarter = -1;
    k->where(k, "customers", item, seg->source, sizeof seg->source);
    return CAP_OK;
}

static cap_status read_customers(const cap_keys *k, cap_partner *partner,
                                 double limit, cap_error *err)
{
    const char *v = k->get(k, "customers");
    if (!v)
        return CAP_OK;
    /* segments are separated by "," only: in the INI a ";" set off by a
     * space starts a comment (iniparser removes it) and one that is not is
     * refused as it is read; a ";" that gets here came from the command
     * line (--customers, --compare) or a quoted INI value, where it would
     * be neither, so it is refused the same way everywhere */
    if (strchr(v, ';'))
        return failf(k, err, "customers", NULL, "\"%s\": \";\" does not "
                     "separate segments: use \",\" (\"PLAN TIMEZONE COUNT, "
                     "...\")", v);
    char *copy = strdup(v), *save = NULL;
    if (!copy)
        abort();
    cap_status st = CAP_OK;
    for (char *item = strtok_r(copy, ",", &save); item && !st;
         item = strtok_r(NULL, ",", &save)) {
        cap_text_trim(item);
        if (!*item)
            continue;
        cap_segment seg = {0};
        if ((st = parse_segment(k, item, limit, &seg, err)) == CAP_OK)
            add_segment(partner, &seg);
    }
    free(copy);
    return st;
}

static cap_status read_growth(const cap_keys *k, cap_partner *partner,
                              cap_error *err)
{
    const char *v = k->get(k, "growth");
    if (v && (!cap_parse_double(v, &partner->growth) || partner->growth <= -1 ||
              partner->growth > 10))
        return failf(k, err, "growth", NULL, "\"%s\": %s", v,
                     "want a number above -1 (0.05 = 5% per quarter)");
    return CAP_OK;
}

/* The keys a CSV row may carry too (channel, csm, tam, tam_tier,
 * service_hours, localization, growth): each absent one keeps its value. */
static cap_status read_partner_keys(cap_partner *partner, const cap_keys *k,
                                    const cap_model *m, cap_error *err)
{
    const char *ch = k->get(k, "channel");
    int channel = ch ? cap_channel_parse(ch) : (int)partner->channel;
    if (channel < 0)
        return failf(k, err, "channel", NULL, "unknown channel \"%s\"%s", ch,
                     " (want reseller, distributor, oem or msp)");
    partner->channel = (cap_channel)channel;
    CAP_TRY(read_ask(k, m, "csm", 0, &partner->csm, err));
    CAP_TRY(read_ask(k, m, "tam", 0, &partner->tam, err));
    CAP_TRY(read_ask(k, m, "service_hours", 1, &partner->service_hours, err));
    int tier = (int)partner->tam_tier;
    CAP_TRY(read_plan_key(k, "tam_tier", &tier, err));
    partner->tam_tier = (cap_plan)tier;
    CAP_TRY(read_localization(k, partner, err));
    return read_growth(k, partner, err);
}

cap_status cap_partner_read_keys(cap_partner *partner, const cap_keys *k,
                                 const cap_model *m, cap_error *err)
{
    const char *name = k->get(k, "name");
    CAP_TRY(check_name(k, name, err));
    if (name)
        cap_text_copy(partner->name, sizeof partner->name, name);
    if (!k->get(k, "channel"))
        return k->fail(k, err, NULL, NULL, "missing key \"channel\"");
    CAP_TRY(read_partner_keys(partner, k, m, err));
    CAP_TRY(read_plan_key(k, "tier", &partner->tier_override, err));
    return read_customers(k, partner, m->max_customers, err);
}

static cap_status read_start(cap_portfolio *p, const cap_keys *k,
                             cap_date today, cap_error *err)
{
    const char *start = k->get(k, "start");
    if (!start) {
        /* The next calendar quarter start: calendar labels. */
        cap_date q = {today.year, today.month - (today.month - 1) % 3, 1};
        p->start = cap_month_add(q, 3);
        p->year_month = 1;
        return CAP_OK;
    }
    if (!cap_date_parse(start, &p->start))
        return failf(k, err, "start", NULL, "\"%s\" is not a date YYYY-MM-DD",
                     start);
    if (p->start.day != 1)
        return failf(k, err, "start", NULL, "\"%s\" is not the first day of "
                     "a month (quarters are the 3-month periods from start)",
                     start);
    p->year_month = p->start.month; /* the (fiscal) year starts here */
    return CAP_OK;
}

/* Quarter labels have four-digit years (a fiscal year is named by the
 * year it ends in): the horizon must end by the year 9999. */
static cap_status check_last_year(const cap_portfolio *p, const cap_keys *k,
                                  cap_error *err)
{
    cap_date last = cap_month_add(p->start, 3 * (p->quarters - 1));
    int fiscal = p->year_month > 1 && last.month >= p->year_month;
    if (last.year + fiscal <= 9999)
        return CAP_OK;
    return failf(k, err, k->get(k, "start") ? "start" : NULL, NULL,
                 "the horizon of %d quarters from %04d-%02d-01 runs past the "
                 "year 9999 (quarter labels have four-digit years)",
                 p->quarters, p->start.year, p->start.month);
}

cap_status cap_portfolio_read_keys(cap_portfolio *p, const cap_keys *k,
                                   const cap_model *m, cap_date today,
                                   cap_error *err)
{
    const char *name = k->get(k, "name");
    CAP_TRY(check_name(k, name, err));
    cap_text_copy(p->name, sizeof p->name, name ? name : "portfolio");
    CAP_TRY(read_start(p, k, today, err));
    p->quarters = m->quarters;
    const char *q = k->get(k, "quarters");
    double quarters;
    if (q && (!cap_parse_double(q, &quarters) || quarters < 1 || quarters > 40 ||
              quarters != floor(quarters)))
        return failf(k, err, "quarters", NULL,
                     "\"%s\": want a whole number from 1 to 40", q);
    if (q)
        p->quarters = (int)quarters;
    return check_last_year(p, k, err);
}

/* ---- INI ---- */

/* A section of the INI as a key source. */
typedef struct {
    const cap_ini *ini;
    const char *section;
} ini_keys;

static const char *ini_get(const cap_keys *k, const char *key)
{
    const ini_keys *c = k->ctx;
    return cap_ini_get(c->ini, c->section, key);
}

static cap_status ini_fail(const cap_keys *k, cap_error *err, const char *key,
                           const char *item, const char *text)
{
    const ini_keys *c = k->ctx;
    if (!item)
        return cap_ini_fail(c->ini, CAP_ERR_INPUT, err, c->section, key, "%s",
                            text);
    char field[160];
    snprintf(field, sizeof field, "%s:%s", c->section, key);
    return cap_error_set(err, CAP_ERR_INPUT, cap_ini_path(c->ini),
                         cap_ini_token_line(c->ini, c->section, key, item),
                         field, "segment \"%s\": %s", item, text);
}

static void ini_where(const cap_keys *k, const char *key, const char *item,
                      char *out, size_t cap)
{
    const ini_keys *c = k->ctx;
    snprintf(out, cap, "%s:%d", cap_ini_path(c->ini),
             cap_ini_token_line(c->ini, c->section, key, item));
}

static cap_keys ini_source(const ini_keys *c)
{
    return (cap_keys){ini_get, ini_fail, ini_where, c, NULL};
}

/* [csv]: which header of the export holds each column.  iniparser cuts a
 * value at # or ;, so such a header must be quoted ("# Customers"); an
 * empty value is refused rather than matching nothing. */
static cap_status read_csv_section(const cap_ini *ini, cap_portfolio *p,
                                   cap_error *err)
{
    CAP_TRY(cap_ini_check_keys(ini, "csv", column_names, CAP_ERR_INPUT, err));
    for (int k = 0; k < COLS; k++) {
        const char *v = cap_ini_get(ini, "csv", column_names[k]);
        if (!v)
            continue;
        cap_text_copy(p->csv_header[k], sizeof p->csv_header[k], v);
        cap_text_trim(p->csv_header[k]);
        if (!p->csv_header[k][0])
            return cap_ini_fail(ini, CAP_ERR_INPUT, err, "csv", column_names[k],
                                "empty header name (want the export's header "
                                "text, quoted when it holds # or ;)");
    }
    return CAP_OK;
}

/* The bytes a partner id may hold, with its NUL. */
#define ID_SIZE sizeof(((cap_partner *)NULL)->id)

static cap_status read_sections(const cap_ini *ini, cap_portfolio *p,
                                const cap_model *m, cap_error *err)
{
    for (int i = 0; i < cap_ini_section_count(ini); i++) {
        const char *sec = cap_ini_section(ini, i);
        if (strcmp(sec, "portfolio") == 0)
            continue;
        if (strcmp(sec, "csv") == 0) {
            CAP_TRY(read_csv_section(ini, p, err));
            continue;
        }
        if (strncmp(sec, "partner.", 8) != 0 || !sec[8])
            return cap_ini_fail(ini, CAP_ERR_INPUT, err, sec, NULL,
                                "unknown section (want [portfolio], "
                                "[partner.ID] or [csv])");
        CAP_TRY(cap_ini_check_keys(ini, sec, partner_keys, CAP_ERR_INPUT, err));
        ini_keys c = {ini, sec};
        cap_keys k = ini_source(&c);
        k.index = book_index(p);
        if (strlen(sec + 8) >= ID_SIZE)
            return cap_error_set(err, CAP_ERR_INPUT, cap_ini_path(ini),
                                 cap_ini_section_line(ini, sec), NULL,
                                 "partner id \"%.24s...\" of %zu bytes, longer"
                                 " than the %zu allowed", sec + 8,
                                 strlen(sec + 8),
                                 ID_SIZE - 1);
        cap_partner *partner = cap_portfolio_add_partner(p, sec + 8, m);
        snprintf(partner->where, sizeof partner->where, "%s:%d",
                 cap_ini_path(ini), cap_ini_section_line(ini, sec));
        CAP_TRY(cap_partner_read_keys(partner, &k, m, err));
        /* the keys a CSV row may not contradict */
        key_origin *o = &p->index->origin[p->partner_count - 1];
        for (int key = 0; key < KEYS; key++)
            if (cap_ini_get(ini, sec, column_names[KEY_FIRST + key]))
                o->ini |= 1u << key;
    }
    return CAP_OK;
}

cap_portfolio *cap_portfolio_new(const cap_model *m)
{
    cap_portfolio *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    snprintf(p->name, sizeof p->name, "portfolio");
    p->quarters = m->quarters;
    p->max_customers = m->max_customers;
    p->max_book_customers = m->max_book_customers;
    return p;
}

cap_portfolio *cap_portfolio_load(const char *path, const cap_model *m,
                                  cap_date today, cap_error *err)
{
    return cap_portfolio_load_encoded(path, NULL, m, today, err);
}

cap_portfolio *cap_portfolio_load_encoded(const char *path,
                                          const char *encoding,
                                          const cap_model *m, cap_date today,
                                          cap_error *err)
{
    cap_ini *ini = cap_ini_load_encoded(path, encoding, CAP_ERR_INPUT, err);
    if (!ini)
        return NULL;
    cap_portfolio *p = cap_portfolio_new(m);
    /* Paths are shown on the Assumptions sheet: cut between characters,
     * and a file name in another encoding gets '?' for its bad bytes. */
    cap_text_copy(p->ini_path, sizeof p->ini_path, cap_ini_path(ini));
    cap_text_sanitize(p->ini_path);
    ini_keys c = {ini, "portfolio"};
    cap_keys k = ini_source(&c);
    cap_status st = cap_ini_check_duplicates(ini, CAP_ERR_INPUT, err);
    if (!st)
        st = cap_ini_check_keys(ini, "portfolio", portfolio_keys,
                                CAP_ERR_INPUT, err);
    if (!st)
        st = cap_portfolio_read_keys(p, &k, m, today, err);
    if (!st)
        st = read_sections(ini, p, m, err);
    cap_ini_free(ini);
    if (st) {
        cap_portfolio_free(p);
        return NULL;
    }
    return p;
}

/* ---- CSV ---- */

typedef struct {
    cap_portfolio *p;
    const cap_model *m;
    const char *path;
    int column[COLS];  /* field index, -1 when absent */
    size_t header_fields;
    int have_header;
} csv_ctx;

/* The header text column k is looked up by: the [csv] mapping or its name. */
static const char *wanted_header(const cap_portfolio *p, int k)
{
    return p->csv_header[k][0] ? p->csv_header[k] : column_names[k];
}

/* Adds "\"text\"" to the portfolio's list of ignored header cells. */
static void note_ignored(cap_portfolio *p, const char *text)
{
    size_t old = p->csv_ignored ? strlen(p->csv_ignored) : 0;
    size_t len = old + strlen(text) + 5;
    if (!(p->csv_ignored = realloc(p->csv_ignored, len)))
        abort();
    snprintf(p->csv_ignored + old, len - old, "%s\"%s\"", old ? ", " : "", text);
    p->csv_ignored_count++;
}

/* Matches one header cell to every column that asks for it; a cell no
 * column asks for is noted as ignored.  One cell may serve two columns
 * (partner and name both "Account Name"). */
static cap_status match_header_cell(csv_ctx *c, const cap_csv_row *row,
                                    size_t i, cap_error *err)
{
    char cell[256];
    cap_text_copy(cell, sizeof cell, row->fields[i]);
    cap_text_trim(cell);
    int used = 0;
    for (int k = 0; k < COLS; k++) {
        if (strcasecmp(cell, wanted_header(c->p, k)) != 0)
            continue;
        if (c->column[k] >= 0)
            return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                                 "header", "column \"%s\" appears twice", cell);
        c->column[k] = (int)i;
        used = 1;
    }
    if (!used && cell[0])
        note_ignored(c->p, cell);
    return CAP_OK;
}

/* A CSV field holds at most CSV_FIELD_MAX bytes, and a partner id at most
 * CSV_VALUE_MAX: two longer ids cut to the same 127 bytes would merge
 * unseen (names are cut between characters instead: they only label). */
enum { CSV_FIELD_MAX = 1024, CSV_VALUE_MAX = 127 };

static cap_status read_header(csv_ctx *c, const cap_csv_row *row, cap_error *err)
{
    for (int k = 0; k < COLS; k++)
        c->column[k] = -1;
    for (size_t i = 0; i < row->count; i++)
        CAP_TRY(match_header_cell(c, row, i, err));
    /* The four value columns always; the others when [csv] maps them. */
    for (int k = 0; k < COLS; k++) {
        if (c->column[k] >= 0 || (k > COL_CUSTOMERS && !c->p->csv_header[k][0]))
            continue;
        if (c->p->csv_header[k][0])
            return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                                 "header", "missing column \"%s\" (named by "
                                 "[csv] %s)", c->p->csv_header[k],
                                 column_names[k]);
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, "header",
                             "missing column \"%s\"", column_names[k]);
    }
    c->header_fields = row->count;
    c->have_header = 1;
    return CAP_OK;
}

/* The field of column k, trimmed, in buf; "" when the column is absent. */
static const char *field(const csv_ctx *c, const cap_csv_row *row, int k,
                         char *buf, size_t cap)
{
    int i = c->column[k];
    cap_text_copy(buf, cap, i >= 0 && (size_t)i < row->count ? row->fields[i] : "");
    cap_text_trim(buf);
    return buf;
}

/* The first day of the horizon's quarter q, and its label. */
static cap_date horizon_quarter(const cap_portfolio *p, int q, char label[24])
{
    cap_date d = cap_month_add(p->start, 3 * q);
    cap_quarter_label(d, p->year_month, label);
    return d;
}

/* "2027q2", "Q2 2027", "FY2028Q3", "q3 fy2028" -> "2027Q2" / "FY2028Q3";
 * 0 when text is none of these forms. */
static int label_form(const char *text, char out[24])
{
    char up[32];
    size_t n = strlen(text);
    if (n >= sizeof up)
        return 0;
    for (size_t i = 0; i <= n; i++)
        up[i] = (char)toupper((unsigned char)text[i]);
    const char *s = up;
    int q = 0, fiscal, year = 0;
    if (s[0] == 'Q' && isdigit((unsigned char)s[1]) && s[2] == ' ') {
        q = s[1] - '0'; /* the quarter first: "Q3 FY2028" */
        s += 2 + strspn(s + 2, " ");
    }
    if ((fiscal = strncmp(s, "FY", 2) == 0))
        s += 2;
    for (int i = 0; i < 4; i++, s++) {
        if (!isdigit((unsigned char)*s))
            return 0;
        year = year * 10 + (*s - '0');
    }
    if (!q && s[0] == 'Q' && isdigit((unsigned char)s[1])) {
        q = s[1] - '0';
        s += 2;
    }
    if (*s || q < 1 || q > 4)
        return 0;
    snprintf(out, 24, fiscal ? "FY%04dQ%d" : "%04dQ%d", year, q);
    return 1;
}

/* The CSV `quarter` text -> the horizon's quarter index, or -1 with the
 * reason in why.  Accepted: the label the workbooks print (2027Q2 or
 * FY2028Q3, any case), the quarter first ("Q2 2027", "Q3 FY2028"), and
 * the ISO date of the quarter's first day. */
static int quarter_of(const cap_portfolio *p, const char *text, char *why,
                      size_t n)
{
    char label[24], first[24], last[24], want[24];
    cap_date day, d0 = horizon_quarter(p, 0, first);
    cap_date dn = horizon_quarter(p, p->quarters - 1, last);
    int is_date = cap_date_parse(text, &day);
    for (int q = 0; q < p->quarters; q++) {
        cap_date d = horizon_quarter(p, q, label);
        if (is_date ? d.year == day.year && d.month == day.month &&
                          day.day == 1
                    : label_form(text, want) && strcmp(label, want) == 0)
            return q;
    }
    if (is_date)
        snprintf(why, n, "\"%s\" is not the first day of a quarter of the "
                 "horizon (%04d-%02d-01 to %04d-%02d-01, every 3 months)",
                 text, d0.year, d0.month, dn.year, dn.month);
    else if (!label_form(text, want))
        snprintf(why, n, "\"%s\" is not a quarter (want a label like %s or "
                 "Q%c %.*s, or the quarter's first day, %04d-%02d-01)", text,
                 first, first[strlen(first) - 1], (int)strlen(first) - 2,
                 first, d0.year, d0.month);
    else if ((want[0] == 'F') != (p->year_month != 1))
        snprintf(why, n, "\"%s\" is a %s quarter, but this horizon's "
                 "quarters are %s (%s to %s)", text,
                 want[0] == 'F' ? "fiscal" : "calendar",
                 want[0] == 'F' ? "calendar quarters" : "fiscal ones", first,
                 last);
    else
        snprintf(why, n, "\"%s\" is outside the horizon (%s to %s)", text,
                 first, last);
    return -1;
}

/* ---- a CSV row's partner keys ---- */

/* A row's key columns as a key source for the INI keys' parsers. */
typedef struct {
    const csv_ctx *c;
    const cap_csv_row *row;
    char value[KEYS][256]; /* trimmed; "" when absent or empty */
} row_keys;

static const char *row_get(const cap_keys *k, const char *key)
{
    const row_keys *r = k->ctx;
    for (int i = 0; i < KEYS; i++)
        if (strcmp(key, column_names[KEY_FIRST + i]) == 0)
            return r->value[i][0] ? r->value[i] : NULL;
    return NULL; /* name, tier, customers: not keys of a row */
}

static cap_status row_fail(const cap_keys *k, cap_error *err, const char *key,
                           const char *item, const char *text)
{
    const row_keys *r = k->ctx;
    (void)item;
    return cap_error_row(err, CAP_ERR_INPUT, r->c->path, r->row->line, key,
                         "%s", text);
}

static void row_where(const cap_keys *k, const char *key, const char *item,
                      char *out, size_t cap)
{
    const row_keys *r = k->ctx;
    (void)key;
    (void)item;
    snprintf(out, cap, "%s: row %d", r->c->path, r->row->line);
}

static int same_ask(cap_ask a, cap_ask b)
{
    return a.kind == b.kind && (a.kind != CAP_ASK_FIXED || a.value == b.value);
}

/* Nonzero when a and b hold the same value of key. */
static int same_key(const cap_partner *a, const cap_partner *b, int key)
{
    switch (KEY_FIRST + key) {
    case COL_CHANNEL: return a->channel == b->channel;
    case COL_CSM: return same_ask(a->csm, b->csm);
    case COL_TAM: return same_ask(a->tam, b->tam);
    case COL_TAM_TIER: return a->tam_tier == b->tam_tier;
    case COL_SERVICE_HOURS: return same_ask(a->service_hours, b->service_hours);
    case COL_LOCALIZATION: return a->localization == b->localization;
    default: return a->growth == b->growth;
    }
}

static void ask_text(cap_ask a, char *out, size_t cap)
{
    if (a.kind == CAP_ASK_FIXED)
        snprintf(out, cap, "%g", a.value);
    else
        snprintf(out, cap, "%s", a.kind == CAP_ASK_NONE ? "none" : "auto");
}

/* The value of key as the INI would spell it. */
static void key_text(const cap_partner *p, int key, char *out, size_t cap)
{
    static const char *const loc[] = {"auto", "yes", "no"};
    switch (KEY_FIRST + key) {
    case COL_CHANNEL: snprintf(out, cap, "%s", cap_channel_name(p->channel)); break;
    case COL_CSM: ask_text(p->csm, out, cap); break;
    case COL_TAM: ask_text(p->tam, out, cap); break;
    case COL_TAM_TIER: snprintf(out, cap, "%s", cap_plan_name(p->tam_tier)); break;
    case COL_SERVICE_HOURS: ask_text(p->service_hours, out, cap); break;
    case COL_LOCALIZATION: snprintf(out, cap, "%s", loc[p->localization]); break;
    default: snprintf(out, cap, "%g", p->growth);
    }
}

/* Sets each key the row gives that no row or section gave before, and
 * refuses a different value of one that was, naming where it was given. */
static cap_status apply_row_keys(csv_ctx *c, const cap_csv_row *row,
                                 size_t index, cap_error *err)
{
    row_keys r = {.c = c, .row = row};
    int any = 0;
    for (int i = 0; i < KEYS; i++)
        any |= field(c, row, KEY_FIRST + i, r.value[i], sizeof r.value[i])[0];
    if (!any)
        return CAP_OK;
    cap_partner *partner = &c->p->partners[index], parsed = *partner;
    cap_keys k = {row_get, row_fail, row_where, &r, c->p->index};
    CAP_TRY(read_partner_keys(&parsed, &k, c->m, err));
    key_origin *o = &c->p->index->origin[index];
    for (int i = 0; i < KEYS; i++) {
        if (!r.value[i][0])
            continue;
        if (!o->row[i] && !(o->ini & (1u << i))) {
            o->row[i] = row->line;
            continue;
        }
        if (same_key(partner, &parsed, i))
            continue;
        char first[64], where[600];
        key_text(partner, i, first, sizeof first);
        if (o->row[i])
            snprintf(where, sizeof where, "row %d", o->row[i]);
        else
            snprintf(where, sizeof where, "%s", partner->where);
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                             column_names[KEY_FIRST + i], "\"%s\" contradicts "
                             "%s %s of partner \"%s\" (%s)", r.value[i],
                             column_names[KEY_FIRST + i], first, partner->id,
                             where);
    }
    /* every given key is now first-given or equal: take them */
    parsed.segments = partner->segments;
    *partner = parsed;
    return CAP_OK;
}

/* The row's partner (added when new) and its index. */
static cap_status csv_partner(csv_ctx *c, const cap_csv_row *row,
                              size_t *index, cap_error *err)
{
    char id[128], ch[64];
    lower_copy(id, sizeof id, field(c, row, COL_PARTNER, id, sizeof id));
    field(c, row, COL_CHANNEL, ch, sizeof ch);
    if (!*id)
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, "partner",
                             "empty partner id");
    cap_partner *partner = find_partner(c->p, id, index);
    if (!partner && !*ch)
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, "channel",
                             "partner \"%s\" is not in the portfolio file, so "
                             "this row needs a channel", id);
    if (!partner) {
        partner = cap_portfolio_add_partner(c->p, id, c->m);
        *index = c->p->partner_count - 1;
        snprintf(partner->where, sizeof partner->where, "%s: row %d", c->path,
                 row->line);
    }
    /* A name fills in where the INI gave none (the name is still the id);
     * the first row's name wins. */
    char name[sizeof partner->name];
    if (*field(c, row, COL_NAME, name, sizeof name) &&
        strcmp(partner->name, partner->id) == 0)
        memcpy(partner->name, name, sizeof name);
    return apply_row_keys(c, row, *index, err);
}

/* ---- a CSV row's segment, added up as rows come ---- */

static cap_status csv_segment(csv_ctx *c, const cap_csv_row *row,
                              cap_segment *seg, cap_error *err)
{
    char buf[256];
    int plan = cap_plan_parse(field(c, row, COL_PLAN, buf, sizeof buf));
    if (plan < 0)
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, "plan",
                             "unknown plan \"%s\" (want basic, premium or "
                             "mission_critical)", buf);
    seg->plan = (cap_plan)plan;
    if (!canonical_zone(c->p->index, field(c, row, COL_TIMEZONE, buf, sizeof buf),
                        seg->timezone, sizeof seg->timezone))
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, "timezone",
                             "unknown time zone \"%s\"", buf);
    char why[400];
    if (!parse_count(field(c, row, COL_CUSTOMERS, buf, sizeof buf),
                     c->p->max_customers, &seg->customers, why, sizeof why))
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, "customers",
                             "%s", why);
    seg->quarter = -1;
    if (*field(c, row, COL_QUARTER, buf, sizeof buf)) {
        seg->quarter = quarter_of(c->p, buf, why, sizeof why);
        if (seg->quarter < 0)
            return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                                 "quarter", "%s", why);
    }
    snprintf(seg->source, sizeof seg->source, "%s: row %d", c->path, row->line);
    return CAP_OK;
}

/* Partner index's customers in quarter q (-1: undated) so far, counting
 * its INI segments the first time. */
static double *tag_sum(cap_portfolio *p, size_t index, int q)
{
    cap_book_index *ix = p->index;
    char key[64];
    size_t at;
    snprintf(key, sizeof key, "%zu" CAP_STRMAP_SEP "%d", index, q);
    if (cap_strmap_add(ix->tags, key, ix->sum_count, &at)) {
        ix->sums = reserve(ix->sums, &ix->sum_cap, ix->sum_count, sizeof *ix->sums);
        double sum = 0;
        const cap_partner *partner = &p->partners[index];
        for (size_t s = 0; s < partner->segment_count; s++)
            if (partner->segments[s].quarter == q)
                sum += partner->segments[s].customers;
        ix->sums[ix->sum_count++] = sum;
    }
    return &ix->sums[at];
}

/* Adds seg (read from row) to the partner's segment of the same plan,
 * zone and quarter, or as a new one.  A count that takes the partner's
 * customers for the quarter past the model's limit is refused here, at
 * its row, which also keeps every sum within an int. */
static cap_status add_row_segment(csv_ctx *c, const cap_csv_row *row,
                                  size_t index, const cap_segment *seg,
                                  cap_error *err)
{
    cap_partner *partner = &c->p->partners[index];
    double *sum = tag_sum(c->p, index, seg->quarter);
    if (*sum + seg->customers > c->p->max_customers) {
        char label[24] = "";
        if (seg->quarter >= 0)
            horizon_quarter(c->p, seg->quarter, label);
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                             "customers", "%s's customers%s%s add up to %.0f, "
                             "above the model's limit of %.0f ([limits] "
                             "max_customers)", partner->id,
                             label[0] ? " in " : "", label,
                             *sum + seg->customers, c->p->max_customers);
    }
    *sum += seg->customers;
    char key[256];
    size_t at;
    snprintf(key, sizeof key, "%zu" CAP_STRMAP_SEP "%d" CAP_STRMAP_SEP "%d"
             CAP_STRMAP_SEP "%s", index, (int)seg->plan, seg->quarter,
             seg->timezone);
    if (cap_strmap_add(c->p->index->segments, key, partner->segment_count, &at))
        add_segment(partner, seg);
    else
        partner->segments[at].customers += seg->customers;
    return CAP_OK;
}

/* A row no wider than the header, each field within the limits above. */
static cap_status check_row(const csv_ctx *c, const cap_csv_row *row,
                            cap_error *err)
{
    if (row->count > c->header_fields)
        return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line, NULL,
                             "%zu fields, but the header has %zu", row->count,
                             c->header_fields);
    for (int k = 0; k < COLS; k++) {
        int i = c->column[k];
        if (i < 0 || (size_t)i >= row->count)
            continue;
        const char *f = row->fields[i];
        size_t len = strlen(f), start = 0, end = len;
        while (start < end && isspace((unsigned char)f[start]))
            start++;
        while (end > start && isspace((unsigned char)f[end - 1]))
            end--;
        if (len > CSV_FIELD_MAX)
            return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                                 column_names[k], "%zu bytes, more than the "
                                 "%d allowed", len, CSV_FIELD_MAX);
        if (k == COL_PARTNER && end - start > CSV_VALUE_MAX)
            return cap_error_row(err, CAP_ERR_INPUT, c->path, row->line,
                                 column_names[k], "id of %zu bytes, more than "
                                 "the %d allowed", end - start, CSV_VALUE_MAX);
    }
    return CAP_OK;
}

static cap_status on_csv_row(const cap_csv_row *row, void *arg, cap_error *err)
{
    csv_ctx *c = arg;
    if (!c->have_header)
        return read_header(c, row, err);
    CAP_TRY(check_row(c, row, err));
    size_t index;
    cap_segment seg = {0};
    CAP_TRY(csv_partner(c, row, &index, err));
    CAP_TRY(csv_segment(c, row, &seg, err));
    return add_row_segment(c, row, index, &seg, err);
}

cap_status cap_portfolio_add_csv(cap_portfolio *p, const char *path,
                                 const cap_model *m, cap_error *err)
{
    return cap_portfolio_add_csv_encoded(p, path, NULL, m, err);
}

cap_status cap_portfolio_add_csv_encoded(cap_portfolio *p, const char *path,
                                         const char *encoding,
                                         const cap_model *m, cap_error *err)
{
    csv_ctx c = {.p = p, .m = m, .path = cap_input_name(path)};
    book_index(p);
    cap_text_copy(p->csv_path, sizeof p->csv_path, c.path);
    cap_text_sanitize(p->csv_path); /* shown on the Assumptions sheet */
    CAP_TRY(cap_csv_read_encoded(path, encoding, on_csv_row, &c, err));
    if (!c.have_header)
        return cap_error_set(err, CAP_ERR_INPUT, c.path, 0, NULL,
                             "no header row (want partner, plan, timezone, "
                             "customers)");
    return CAP_OK;
}

/* ---- checks and quarters ---- */

/* A quarter's customers of one partner: the rows given for quarter q, or
 * else the grown counts for every quarter (as cap_partner_quarter counts
 * them), in double so that no sum can wrap. */
static double quarter_customers(const cap_partner *partner, int q,
                                const cap_segment **last)
{
    double given = 0, grown = 0, factor = pow(1 + partner->growth, q);
    int any = 0;
    for (size_t s = 0; s < partner->segment_count; s++) {
        const cap_segment *seg = &partner->segments[s];
        if (seg->quarter == q) {
            given += seg->customers;
            any = 1;
            *last = seg;
        } else if (seg->quarter == -1) {
            grown += round(seg->customers * factor);
        }
    }
    return any ? given : grown;
}

/* The segment where partner's count for quarter q first passes limit. */
static const cap_segment *first_past(const cap_partner *partner, int q,
                                     double limit)
{
    double sum = 0;
    for (size_t s = 0; s < partner->segment_count; s++)
        if (partner->segments[s].quarter == q &&
            (sum += partner->segments[s].customers) > limit)
            return &partner->segments[s];
    return NULL;
}

static cap_status partner_limit(const cap_portfolio *p,
                                const cap_partner *partner, int q,
                                double count, const cap_segment *given,
                                cap_error *err)
{
    char label[24], field[160];
    horizon_quarter(p, q, label);
    const cap_segment *at = given ? first_past(partner, q, p->max_customers)
                                  : first_past(partner, -1, p->max_customers);
    if ((at || !partner->growth) && partner->deal)
        return cap_error_set(err, CAP_ERR_INPUT, partner->where, 0, NULL,
                             "customers add up to %.0f, above the model's "
                             "limit of %.0f ([limits] max_customers)", count,
                             p->max_customers);
    if (at || !partner->growth)
        return cap_error_set(err, CAP_ERR_INPUT, at ? at->source
                             : partner->where, 0, "customers",
                             "%s's customers%s%s add up to %.0f, above the "
                             "model's limit of %.0f ([limits] max_customers)",
                             partner->id, given ? " in " : "",
                             given ? label : "", count, p->max_customers);
    const char *where = partner->deal && p->deal_growth_where[0]
                            ? p->deal_growth_where : partner->where;
    return cap_error_set(err, CAP_ERR_INPUT, where, 0,
                         cap_partner_field(partner, field, sizeof field),
                         "growth %g a quarter makes %.0f customers in %s, "
                         "above the model's limit of %.0f ([limits] "
                         "max_customers)", partner->growth, count, label,
                         p->max_customers);
}

/* Every quarter's counts within the model's [limits]. */
static cap_status check_counts(const cap_portfolio *p, cap_error *err)
{
    for (int q = 0; q < p->quarters; q++) {
        double book = 0;
        for (size_t i = 0; i < p->partner_count; i++) {
            const cap_segment *given = NULL;
            double n = quarter_customers(&p->partners[i], q, &given);
            if (n > p->max_customers)
                return partner_limit(p, &p->partners[i], q, n, given, err);
            book += n;
        }
        char label[24];
        horizon_quarter(p, q, label);
        if (book > p->max_book_customers)
            return cap_error_set(err, CAP_ERR_INPUT, p->ini_path, 0, NULL,
                                 "all partners' customers add up to %.0f in "
                                 "%s, above the model's limit of %.0f "
                                 "([limits] max_book_customers)", book, label,
                                 p->max_book_customers);
    }
    return CAP_OK;
}

cap_status cap_portfolio_validate(const cap_portfolio *p, cap_error *err)
{
    if (p->partner_count == 0)
        return cap_error_set(err, CAP_ERR_INPUT, p->ini_path, 0, NULL,
                             "empty portfolio: no [partner.ID] section%s",
                             p->csv_path[0] ? " and no CSV row" : "");
    CAP_TRY(check_counts(p, err));
    for (size_t i = 0; i < p->partner_count; i++) {
        const cap_partner *partner = &p->partners[i];
        char field[160];
        double total = 0; /* double: no sum of counts can wrap */
        for (size_t s = 0; s < partner->segment_count; s++)
            total += partner->segments[s].customers;
        if (total == 0)
            return cap_error_set(err, CAP_ERR_INPUT, partner->where, 0,
                                 cap_partner_field(partner, field,
                                                   sizeof field),
                                 "no customers (want %s with a count above "
                                 "0)", partner->deal ? "a segment"
                                 : "a customers key or CSV rows");
    }
    return CAP_OK;
}

void cap_portfolio_free(cap_portfolio *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->partner_count; i++)
        free(p->partners[i].segments);
    free(p->partners);
    free(p->csv_ignored);
    book_index_free(p->index);
    free(p);
}

size_t cap_partner_quarter(const cap_partner *partner, int q,
                           cap_segment *out)
{
    size_t n = 0;
    for (size_t s = 0; s < partner->segment_count; s++)
        if (partner->segments[s].quarter == q)
            out[n++] = partner->segments[s];
    if (n > 0)
        return n;
    double factor = pow(1 + partner->growth, q);
    for (size_t s = 0; s < partner->segment_count; s++) {
        if (partner->segments[s].quarter != -1)
            continue;
        out[n] = partner->segments[s];
        out[n].customers = (int)lround(out[n].customers * factor);
        n++;
    }
    return n;
}
