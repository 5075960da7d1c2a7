/* deal.c - the flags of `capplan size` and its --compare variants as key
 * sources for the portfolio parser. */
#include "deal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static const char *const key_names[CAP_DEAL_KEYS] = {
    [CAP_DEAL_NAME] = "name", [CAP_DEAL_CHANNEL] = "channel",
    [CAP_DEAL_CUSTOMERS] = "customers", [CAP_DEAL_CSM] = "csm",
    [CAP_DEAL_TAM] = "tam", [CAP_DEAL_TAM_TIER] = "tam_tier",
    [CAP_DEAL_SERVICE_HOURS] = "service_hours",
    [CAP_DEAL_LOCALIZATION] = "localization", [CAP_DEAL_GROWTH] = "growth",
    [CAP_DEAL_QUARTERS] = "quarters", [CAP_DEAL_START] = "start"};

const char *cap_deal_key_name(cap_deal_key key) { return key_names[key]; }

static int key_index(const char *name)
{
    for (int k = 0; k < CAP_DEAL_KEYS; k++)
        if (strcmp(key_names[k], name) == 0)
            return k;
    return -1;
}

/* "tam_tier" -> "--tam-tier" */
static void flag_name(const char *key, char *out, size_t cap)
{
    snprintf(out, cap, "--%s", key);
    for (char *c = out + 2; *c; c++)
        if (*c == '_')
            *c = '-';
}

int cap_deal_key_of_flag(const char *flag)
{
    char name[32];
    for (int k = 0; k < CAP_DEAL_KEYS; k++) {
        flag_name(key_names[k], name, sizeof name);
        if (strcmp(name, flag) == 0)
            return k;
    }
    return -1;
}

/* ---- variants ---- */

static cap_status variant_fail(const cap_deal_variant *v, cap_error *err,
                               const char *what, const char *text)
{
    return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--compare",
                         "\"%s\": %s \"%s\" (want key=value, ... with keys "
                         "channel, customers, csm, tam, tam_tier, "
                         "service_hours, localization, growth)",
                         v->text, what, text);
}

/* Appends ", piece" to the value of key k (the commas of a customers
 * list split it into pieces). */
static void append(cap_deal_variant *v, int k, const char *piece)
{
    size_t n = strlen(v->value[k]), add = strlen(piece);
    char *grown = realloc(v->value[k], n + add + 3);
    if (!grown)
        abort();
    snprintf(grown + n, add + 3, "%s%s", n ? ", " : "", piece);
    v->value[k] = grown;
}

/* One "key=value" piece, or one without '=' continuing the last value. */
static cap_status variant_piece(cap_deal_variant *v, char *piece, int *last,
                                cap_error *err)
{
    char *eq = strchr(piece, '=');
    if (!eq) {
        cap_text_trim(piece);
        if (*piece && *last < 0)
            return variant_fail(v, err, "no key in", piece);
        if (*piece)
            append(v, *last, piece);
        return CAP_OK;
    }
    *eq = '\0';
    cap_text_trim(piece);
    for (char *c = piece; *c; c++)
        *c = *c == '-' ? '_' : (char)tolower((unsigned char)*c);
    int k = key_index(piece);
    if (k < 0 || k == CAP_DEAL_NAME || k == CAP_DEAL_QUARTERS ||
        k == CAP_DEAL_START)
        return variant_fail(v, err, "unknown key", piece);
    if (v->value[k])
        return variant_fail(v, err, "key given twice:", piece);
    v->value[k] = strdup("");
    if (!v->value[k])
        abort();
    cap_text_trim(eq + 1);
    append(v, k, eq + 1);
    *last = k;
    return CAP_OK;
}

cap_status cap_deal_variant_parse(const char *text, cap_deal_variant *v,
                                  cap_error *err)
{
    memset(v, 0, sizeof *v);
    v->text = text;
    char *copy = strdup(text), *save = NULL;
    if (!copy)
        abort();
    int last = -1;
    cap_status st = CAP_OK;
    /* strtok_r would merge ",," but a blank piece is skipped anyway */
    for (char *piece = strtok_r(copy, ",", &save); piece && !st;
         piece = strtok_r(NULL, ",", &save))
        st = variant_piece(v, piece, &last, err);
    if (!st && last < 0)
        st = variant_fail(v, err, "nothing to change in", text);
    free(copy);
    return st;
}

void cap_deal_variant_free(cap_deal_variant *v)
{
    for (int k = 0; k < CAP_DEAL_KEYS; k++) {
        free(v->value[k]);
        v->value[k] = NULL;
    }
}

/* ---- the deal as a key source ---- */

typedef struct {
    const cap_deal *deal;
    const cap_deal_variant *variant; /* may be NULL */
} deal_keys;

/* Which variant changed key, if any (its values win over the flags). */
static const cap_deal_variant *changed_by(const deal_keys *c, int k)
{
    return k >= 0 && c->variant && c->variant->value[k] ? c->variant : NULL;
}

static const char *deal_get(const cap_keys *keys, const char *key)
{
    const deal_keys *c = keys->ctx;
    int k = key_index(key);
    if (k < 0)
        return NULL; /* a portfolio key no flag sets (tier) */
    const cap_deal_variant *v = changed_by(c, k);
    return v ? v->value[k] : c->deal->value[k];
}

static cap_status deal_fail(const cap_keys *keys, cap_error *err,
                            const char *key, const char *item,
                            const char *text)
{
    const deal_keys *c = keys->ctx;
    char field[512];
    const cap_deal_variant *v = key ? changed_by(c, key_index(key)) : NULL;
    if (v)
        snprintf(field, sizeof field, "--compare \"%s\": %s", v->text, key);
    else if (key)
        flag_name(key, field, sizeof field);
    else
        snprintf(field, sizeof field, "capplan size");
    if (item)
        return cap_error_set(err, CAP_ERR_INPUT, NULL, 0, field,
                             "segment \"%s\": %s", item, text);
    return cap_error_set(err, CAP_ERR_INPUT, NULL, 0, field, "%s", text);
}

static void deal_where(const cap_keys *keys, const char *key,
                       const char *item, char *out, size_t cap)
{
    (void)keys;
    (void)item;
    flag_name(key, out, cap);
}

/* Where the deal's partner was given, for messages about it as a whole:
 * --customers with its value, or the --compare that changed them. */
static void partner_where(const deal_keys *c, char *out, size_t cap)
{
    const cap_deal_variant *v = changed_by(c, CAP_DEAL_CUSTOMERS);
    if (v)
        snprintf(out, cap, "--compare \"%s\"", v->text);
    else
        snprintf(out, cap, "--customers \"%s\"",
                 c->deal->value[CAP_DEAL_CUSTOMERS]);
}

/* Where the deal's growth was given, for a growth past the limit:
 * --growth with its value, or the --compare that changed it (or changed
 * the customers it grows: the base, read first, passed); "" when the
 * model's default growth serves. */
static void growth_where(const deal_keys *c, char *out, size_t cap)
{
    const cap_deal_variant *v = changed_by(c, CAP_DEAL_GROWTH);
    if (!v)
        v = changed_by(c, CAP_DEAL_CUSTOMERS);
    const char *flag = c->deal->value[CAP_DEAL_GROWTH];
    if (v)
        snprintf(out, cap, "--compare \"%s\"", v->text);
    else if (flag)
        snprintf(out, cap, "--growth %s", flag);
    else
        out[0] = '\0';
}

/* The partner's id: its name in lowercase, runs of other characters as
 * one '_' ("Partner X GmbH" -> "partner_x_gmbh"); "deal" without a name. */
static void deal_id(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *c = name ? name : "deal"; *c && n + 1 < cap; c++) {
        if (isalnum((unsigned char)*c))
            out[n++] = (char)tolower((unsigned char)*c);
        else if (n > 0 && out[n - 1] != '_')
            out[n++] = '_';
    }
    while (n > 0 && out[n - 1] == '_')
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, cap, "deal");
}

cap_portfolio *cap_deal_portfolio(const cap_deal *d, const cap_deal_variant *v,
                                  const cap_model *m, cap_date today,
                                  cap_error *err)
{
    static const char *const want[] = {
        "want reseller, distributor, oem or msp",
        "want \"PLAN TIMEZONE COUNT, ...\", e.g. \"premium Europe/Berlin 30, "
        "basic America/Chicago 10\""};
    const int required[] = {CAP_DEAL_CHANNEL, CAP_DEAL_CUSTOMERS};
    for (int i = 0; i < 2; i++)
        if (!d->value[required[i]]) {
            char flag[32];
            flag_name(key_names[required[i]], flag, sizeof flag);
            cap_error_set(err, CAP_ERR_USAGE, NULL, 0, flag,
                          "missing (%s; see capplan size --help)", want[i]);
            return NULL;
        }
    deal_keys c = {d, v};
    cap_keys keys = {deal_get, deal_fail, deal_where, &c, NULL};
    cap_portfolio *p = cap_portfolio_new(m);
    char id[128];
    deal_id(d->value[CAP_DEAL_NAME], id, sizeof id);
    cap_status st = cap_portfolio_read_keys(p, &keys, m, today, err);
    if (!d->value[CAP_DEAL_NAME])
        snprintf(p->name, sizeof p->name, "deal");
    cap_partner *partner = st ? NULL : cap_portfolio_add_partner(p, id, m);
    if (partner) {
        partner_where(&c, partner->where, sizeof partner->where);
        growth_where(&c, p->deal_growth_where, sizeof p->deal_growth_where);
        partner->deal = 1;
        st = cap_partner_read_keys(partner, &keys, m, err);
    }
    if (!st)
        st = cap_portfolio_validate(p, err);
    if (st) {
        cap_portfolio_free(p);
        return NULL;
    }
    return p;
}
