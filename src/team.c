/* team.c - the team file of the backtest (see team.h). */
#include "team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"

/* Line of partner id's key (its section's line when the key is absent). */
static int key_line(const cap_ini *ini, const cap_partner *pa, const char *key)
{
    char sec[160];
    snprintf(sec, sizeof sec, "partner.%s", pa->id);
    int line = key ? cap_ini_key_line(ini, sec, key) : 0;
    return line > 0 ? line : cap_ini_section_line(ini, sec);
}

static cap_status fail(const cap_ini *ini, const cap_partner *pa,
                       const char *key, cap_error *err, const char *text)
{
    char field[200];
    snprintf(field, sizeof field, "partner.%s%s%s", pa->id, key ? ":" : "",
             key ? key : "");
    return cap_error_set(err, CAP_ERR_INPUT, cap_ini_path(ini),
                         key_line(ini, pa, key), field, "%s", text);
}

/* The first organization of partner id, or NULL. */
static const cap_org *first_org(const cap_org_table *orgs, const char *id)
{
    for (size_t i = 0; i < orgs->count; i++)
        if (strcmp(orgs->org[i].partner, id) == 0)
            return &orgs->org[i];
    return NULL;
}

/* The FTE that was on shift: a number, never `auto`.  A role left out is
 * none (the model's default would be `auto`, a size to search for); the
 * team needs technical support (tam) always and P-CSMs (csm) where the
 * organizations contract them. */
static cap_status check_fte(const cap_ini *ini, cap_partner *pa,
                            const char *key, cap_ask *ask, int needed,
                            cap_error *err)
{
    char sec[160], text[400];
    snprintf(sec, sizeof sec, "partner.%s", pa->id);
    int given = cap_ini_get(ini, sec, key) != NULL;
    if (!given)
        ask->kind = CAP_ASK_NONE;
    if (ask->kind == CAP_ASK_FIXED || (ask->kind == CAP_ASK_NONE && !needed))
        return CAP_OK;
    if (ask->kind == CAP_ASK_AUTO)
        snprintf(text, sizeof text, "\"auto\" is not an FTE: the backtest "
                 "needs the FTE that was on shift, a number (e.g. %s = 1.5)", key);
    else
        snprintf(text, sizeof text, "no %s FTE: the backtest needs the FTE "
                 "that was on shift, a number (e.g. %s = 1.5)", key, key);
    return fail(ini, pa, given ? key : NULL, err, text);
}

/* One partner of the team against the organizations of orgs. */
static cap_status check_partner(const cap_ini *ini, cap_partner *pa,
                                const cap_org_table *orgs, cap_error *err)
{
    char text[1400];
    const cap_org *o = first_org(orgs, pa->id);
    if (!o) {
        snprintf(text, sizeof text, "no organization of %s has partner \"%s\" "
                 "(column partner)", orgs->name, pa->id);
        return fail(ini, pa, NULL, err, text);
    }
    CAP_TRY(check_fte(ini, pa, "tam", &pa->tam, 1, err));
    CAP_TRY(check_fte(ini, pa, "csm", &pa->csm, 0, err));
    if (pa->channel != o->channel) {
        snprintf(text, sizeof text, "\"%s\", but %s gives \"%s\" for its "
                 "organizations", cap_channel_name(pa->channel), orgs->name,
                 cap_channel_name(o->channel));
        return fail(ini, pa, "channel", err, text);
    }
    if ((pa->csm.kind == CAP_ASK_FIXED) != (o->has_csm != 0)) {
        snprintf(text, sizeof text, "%s, but %s says csm = %s for its "
                 "organizations", pa->csm.kind == CAP_ASK_FIXED ? "P-CSMs on shift"
                 : "no P-CSMs", orgs->name, o->has_csm ? "yes" : "no");
        return fail(ini, pa, "csm", err, text);
    }
    return CAP_OK;
}

/* Every partner of orgs has a section. */
static cap_status check_covered(const cap_portfolio *p, const cap_ini *ini,
                                const cap_org_table *orgs, cap_error *err)
{
    for (size_t i = 0; i < orgs->count; i++) {
        const char *id = orgs->org[i].partner;
        size_t k = 0;
        while (k < p->partner_count && strcmp(p->partners[k].id, id) != 0)
            k++;
        if (k == p->partner_count)
            return cap_error_set(err, CAP_ERR_INPUT, cap_ini_path(ini), 0, NULL,
                                 "partner \"%s\" of %s has no [partner.%s] "
                                 "section: the backtest needs the team of "
                                 "every partner", id, orgs->name, id);
    }
    return CAP_OK;
}

/* The partner's customers: its organizations per plan and time zone. */
static void take_orgs(cap_partner *pa, const cap_org_table *orgs)
{
    free(pa->segments);
    pa->segments = NULL;
    pa->segment_count = 0;
    pa->growth = 0;
    for (size_t i = 0; i < orgs->count; i++) {
        const cap_org *o = &orgs->org[i];
        if (strcmp(o->partner, pa->id) != 0)
            continue;
        size_t k = 0;
        while (k < pa->segment_count && !(pa->segments[k].plan == o->plan &&
                 strcmp(pa->segments[k].timezone, o->timezone) == 0))
            k++;
        if (k == pa->segment_count) {
            pa->segments = realloc(pa->segments, (k + 1) * sizeof *pa->segments);
            if (!pa->segments)
                abort();
            cap_segment *s = &pa->segments[pa->segment_count++];
            memset(s, 0, sizeof *s);
            s->plan = o->plan;
            s->quarter = -1;
            snprintf(s->timezone, sizeof s->timezone, "%s", o->timezone);
            snprintf(s->source, sizeof s->source, "%s", orgs->name);
        }
        pa->segments[k].customers++;
    }
}

cap_status cap_team_load(const char *path, const cap_model *m,
                         const cap_org_table *orgs, cap_portfolio **out,
                         cap_error *err)
{
    *out = NULL;
    cap_portfolio *p = cap_portfolio_load(path, m, (cap_date){2000, 1, 1}, err);
    if (!p)
        return err->code;
    cap_ini *ini = cap_ini_load(path, CAP_ERR_INPUT, err);
    cap_status st = ini ? CAP_OK : err->code;
    for (size_t i = 0; st == CAP_OK && i < p->partner_count; i++)
        st = check_partner(ini, &p->partners[i], orgs, err);
    if (st == CAP_OK)
        st = check_covered(p, ini, orgs, err);
    for (size_t i = 0; st == CAP_OK && i < p->partner_count; i++)
        take_orgs(&p->partners[i], orgs);
    cap_ini_free(ini);
    if (st != CAP_OK) {
        cap_portfolio_free(p);
        return st;
    }
    *out = p;
    return CAP_OK;
}
