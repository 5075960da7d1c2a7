/* gen_export.c - writes helpdesk exports from a known model, for the
 * calibration tests (issue 13).
 *
 *   gen_export OUTDIR [SEED [ORGS [PEOPLE PLAN]]] [--months N] [--growth G]
 *              [--seasonal] [--time-spent]
 *
 * From the built-in model (models/dispel.ini: tickets per customer per
 * month per plan and severity, business_hours_share, the categories'
 * routing) it draws a year (2027, UTC) of tickets for ORGS organizations
 * (default 600) of 12 partners on all four channels, three plans and
 * eight time zones, and writes OUTDIR/orgs.csv and the tickets that reach
 * the vendor (SPEC section 1: customer-primary categories never do,
 * partner-primary ones only when escalated) in the three layouts:
 * OUTDIR/zendesk.csv (local time with offset), OUTDIR/jira.csv (wall time
 * of America/New_York, Jira's "04/Mar/27 9:15 AM") and
 * OUTDIR/freshdesk.csv (UTC wall time), with extra columns to be ignored.
 * First replies are exponential with the mean reply_mean[severity].
 * OUTDIR/custom.csv holds the Zendesk draw under other headers (UTC ISO
 * 8601 times, priorities P1-P4), for a [calibrate] column mapping.
 * Deterministic: one GSL stream from SEED (default 1).
 *
 * With PEOPLE and PLAN (the backtest's known team): the ORGS organizations
 * all belong to one reseller, p00, without P-CSMs, on PLAN (a 24x7 plan)
 * in the home zone, and every ticket that reaches the vendor is answered
 * by a technical-support team of PEOPLE people on shift in every hour of
 * the year: capplan's own queue (queue.h: priority by severity, triage
 * first, the model's lognormal handle times and the P-TAM's standing work
 * in the home business window) serves them, and the first reply written
 * is start of triage - arrival.  The attainment that team reached per
 * severity (replies within PLAN's targets) is written to
 * OUTDIR/known.txt, one line "sN MET TICKETS" per severity.
 *
 * A trend (the forecast tests): --months N draws N months from 2027-01
 * month by month, each customer's rate times (1 + G)^(k / 3) in month k
 * (G = --growth per quarter) and, with --seasonal, times season[month].
 * --time-spent adds Zendesk's "Total time spent (sec)", Jira's "Time
 * Spent" and custom.csv's "Work seconds": lognormal, ln minutes ~
 * N(spent_mu[sev], spent_sigma[sev]), from a second stream (the tickets
 * stay the same); every 20th ticket has none and every 20th another 0
 * (not tracked).  Without these options the draw is the one-year draw
 * above, unchanged.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "calibrate.h"
#include "model.h"
#include "queue.h"
#include "simcore.h"
#include "tz.h"
#include "workload.h"

/* Mean first reply per severity, minutes (exported to the test). */
static const double reply_mean[CAP_SEVERITIES] = {20, 60, 180, 360};

/* Time spent: ln(minutes) ~ N(mu, sigma) per severity (exported to the
 * test); the volume's month-of-year factors (peak November, low July). */
static const double spent_mu[CAP_SEVERITIES] = {4.4, 3.8, 3.4, 3.0};
static const double spent_sigma[CAP_SEVERITIES] = {0.8, 0.7, 0.6, 0.5};
static const double season[12] = {1.00, 1.05, 1.00, 0.95, 0.90, 0.85,
                                  0.80, 0.90, 1.00, 1.10, 1.30, 1.05};

typedef struct {
    int months, seasonal, time_spent;
    double growth;
    int trend;             /* draw month by month */
} gen_options;

static const char *const zones[] = {"America/New_York", "America/Los_Angeles",
    "Europe/Berlin", "Europe/London", "Asia/Tokyo", "Australia/Sydney",
    "Asia/Kolkata", "America/Sao_Paulo"};
enum { ZONES = sizeof zones / sizeof zones[0], PARTNERS = 12 };

typedef struct {
    int64_t created;
    int org, sev;
    double reply;
    double spent;          /* seconds; < 0: empty cell */
} gen_ticket;

typedef struct {
    cap_org *org;
    int count;
    gen_ticket *t;
    size_t n, cap;
} world;

static void make_orgs(world *w, gsl_rng *r, int count)
{
    static const cap_channel ch[PARTNERS] = {CAP_CH_RESELLER, CAP_CH_RESELLER,
        CAP_CH_RESELLER, CAP_CH_DISTRIBUTOR, CAP_CH_DISTRIBUTOR, CAP_CH_OEM,
        CAP_CH_OEM, CAP_CH_MSP, CAP_CH_MSP, CAP_CH_RESELLER, CAP_CH_OEM,
        CAP_CH_MSP};
    w->org = calloc((size_t)count, sizeof *w->org);
    w->count = count;
    for (int i = 0; i < count; i++) {
        cap_org *o = &w->org[i];
        int p = i % PARTNERS;
        /* a few names a CSV writer must quote */
        snprintf(o->name, sizeof o->name, i % 50 == 7 ? "Org %d, \"Ltd\"" : "Org %04d", i);
        snprintf(o->partner, sizeof o->partner, "p%02d", p);
        o->channel = ch[p];
        o->has_csm = p == 6 || p == 8; /* one OEM, one MSP contract P-CSMs */
        double u = gsl_rng_uniform(r);
        o->plan = u < 0.5 ? CAP_PLAN_BASIC : u < 0.85 ? CAP_PLAN_PREMIUM
                                                     : CAP_PLAN_MISSION_CRITICAL;
        snprintf(o->timezone, sizeof o->timezone, "%s",
                 zones[gsl_rng_uniform_int(r, ZONES)]);
    }
}

static int inside_window(const cap_model *m, const cap_tz *tz, int64_t t)
{
    int64_t local = t + cap_tz_offset(tz, t);
    int64_t day = local / 86400;
    int minute = (int)((local - day * 86400) / 60);
    return cap_weekday(day) < 5 && minute >= m->profile_open_minute &&
           minute < m->profile_close_minute;
}

/* A UTC instant in [from, to): uniform, or (business profile) inside the
 * local window with the model's share and uniform over the rest. */
static int64_t arrival(const cap_model *m, const cap_tz *tz, gsl_rng *r,
                       int sev, int64_t from, int64_t to)
{
    double share = m->business_hours_share[sev];
    int want = share >= 0 && gsl_rng_uniform(r) < share;
    for (;;) {
        int64_t t = from + (int64_t)(gsl_rng_uniform(r) * (double)(to - from));
        if (share < 0 || inside_window(m, tz, t) == want)
            return t;
    }
}

/* Does a ticket of org o reach the vendor's helpdesk? */
static int reaches_vendor(const cap_model *m, const cap_org *o, gsl_rng *r,
                          gsl_ran_discrete_t *cats, int sev)
{
    const cap_category *c = &m->categories[gsl_ran_discrete(r, cats)];
    cap_party first = cap_route(c, o->channel, o->has_csm);
    if (first == CAP_PARTY_CSM || first == CAP_PARTY_SUPPORT)
        return 1;
    return first == CAP_PARTY_PARTNER && gsl_rng_uniform(r) < c->escalation[sev];
}

static void draw_tickets(world *w, const cap_model *m, gsl_rng *r,
                         int64_t from, int64_t to)
{
    double months = (double)(to - from) / (CAP_WEEKS_PER_MONTH * 7 * 86400);
    double *shares = malloc(m->category_count * sizeof *shares);
    for (size_t i = 0; i < m->category_count; i++)
        shares[i] = m->categories[i].share;
    gsl_ran_discrete_t *cats = gsl_ran_discrete_preproc(m->category_count, shares);
    cap_error err;
    for (int i = 0; i < w->count; i++) {
        const cap_org *o = &w->org[i];
        cap_tz *tz = cap_tz_new(o->timezone, from - 86400, to + 86400, &err);
        for (int s = 0; s < CAP_SEVERITIES; s++) {
            unsigned n = gsl_ran_poisson(r, m->plan[o->plan].tickets_per_month[s] * months);
            for (unsigned k = 0; k < n; k++) {
                if (!reaches_vendor(m, o, r, cats, s))
                    continue;
                if (w->n == w->cap) {
                    w->cap = w->cap ? 2 * w->cap : 4096;
                    w->t = realloc(w->t, w->cap * sizeof *w->t);
                }
                gen_ticket *t = &w->t[w->n++];
                t->spent = -1;
                t->org = i;
                t->sev = s;
                t->created = arrival(m, tz, r, s, from, to);
                t->reply = gsl_ran_exponential(r, reply_mean[s]);
            }
        }
        cap_tz_free(tz);
    }
    gsl_ran_discrete_free(cats);
    free(shares);
}

/* ---- the backtest's known team ---- */

static void make_team_orgs(world *w, const cap_model *m, int count, cap_plan plan)
{
    w->org = calloc((size_t)count, sizeof *w->org);
    w->count = count;
    for (int i = 0; i < count; i++) {
        cap_org *o = &w->org[i];
        snprintf(o->name, sizeof o->name, "Org %04d", i);
        snprintf(o->partner, sizeof o->partner, "p00");
        o->channel = CAP_CH_RESELLER;
        o->plan = plan;
        snprintf(o->timezone, sizeof o->timezone, "%s", m->home_timezone);
    }
}

/* The model's handle time of a severity (as arrivals.c draws it). */
static double handle(const cap_model *m, gsl_rng *r, int sev)
{
    double mean = m->handle_mean_minutes[sev], sd = m->handle_sd_minutes[sev];
    double sigma2 = log1p(sd * sd / (mean * mean));
    return gsl_ran_lognormal(r, log(mean) - sigma2 / 2, sqrt(sigma2));
}

typedef struct {
    cap_job job;
    long ticket;       /* index into world's tickets; -1: standing work */
} team_job;

static int by_arrival(const void *a, const void *b)
{
    const team_job *x = a, *y = b;
    return x->job.arrival < y->job.arrival ? -1 : x->job.arrival > y->job.arrival;
}

/* A minute of the P-TAM's standing work: inside the home business window. */
static double task_minute(const cap_model *m, const cap_tz *home, gsl_rng *r,
                          int64_t from, int64_t to)
{
    for (;;) {
        int64_t t = from + (int64_t)(gsl_rng_uniform(r) * (double)(to - from));
        if (inside_window(m, home, t))
            return (double)(t - from) / 60.0;
    }
}

/* Tickets and the P-TAM's standing work served by `people` on shift every
 * hour; each ticket's reply = its first response. */
static void serve_team(world *w, const cap_model *m, gsl_rng *r, int people,
                       int64_t from, int64_t to)
{
    cap_error err;
    cap_tz *home = cap_tz_new(m->home_timezone, from - 86400, to + 86400, &err);
    double weeks = (double)(to - from) / (7 * 86400);
    unsigned tasks = gsl_ran_poisson(r, weeks * m->tam_fixed_hours_per_week * 60 /
                                            m->task_minutes);
    size_t n = w->n + tasks, k = 0;
    team_job *tj = calloc(n, sizeof *tj);
    for (size_t i = 0; i < w->n; i++, k++)
        tj[k] = (team_job){{(double)(w->t[i].created - from) / 60.0,
                            handle(m, r, w->t[i].sev), 0,
                            (unsigned char)w->t[i].sev, 0}, (long)i};
    for (unsigned i = 0; i < tasks; i++, k++)
        tj[k] = (team_job){{task_minute(m, home, r, from, to), m->task_minutes,
                            0, CAP_PRIORITY_TASK, 0}, -1};
    qsort(tj, n, sizeof *tj, by_arrival);
    cap_job *job = calloc(n, sizeof *job);
    double present[CAP_WEEK_HOURS], *start = calloc(n, sizeof *start);
    for (size_t i = 0; i < n; i++)
        job[i] = tj[i].job;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        present[h] = people;
    cap_shifts shifts = {present, NULL, CAP_WEEK_HOURS, 0};
    cap_queue_rules rules;
    for (int s = 0; s < CAP_SEVERITIES; s++)
        rules.triage[s] = m->first_response_minutes[s];
    cap_queue_stats st;
    cap_queue_serve(job, n, &shifts, &rules, 0, (double)(to - from) / 60.0, start, &st);
    for (size_t i = 0; i < n; i++)
        if (tj[i].ticket >= 0)
            w->t[tj[i].ticket].reply = start[i] - job[i].arrival;
    free(start);
    free(job);
    free(tj);
    cap_tz_free(home);
}

/* known.txt: per severity, tickets answered within plan's target. */
static void write_known(const world *w, const cap_model *m, cap_plan plan,
                        const char *dir)
{
    int met[CAP_SEVERITIES] = {0}, all[CAP_SEVERITIES] = {0};
    for (size_t i = 0; i < w->n; i++) {
        const gen_ticket *t = &w->t[i];
        /* the reply as the exports round it: whole minutes (Zendesk) */
        met[t->sev] += floor(t->reply + 0.5) <= m->plan[plan].sla_minutes[t->sev];
        all[t->sev]++;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/known.txt", dir);
    FILE *f = fopen(path, "w");
    for (int s = 0; s < CAP_SEVERITIES; s++)
        fprintf(f, "%s %d %d\n", cap_severity_name(s), met[s], all[s]);
    fclose(f);
}

/* ---- a trend and time spent (the forecast tests) ---- */

static gen_ticket *add_ticket(world *w)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 4096;
        w->t = realloc(w->t, w->cap * sizeof *w->t);
    }
    gen_ticket *t = &w->t[w->n++];
    t->spent = -1;
    return t;
}

/* Month by month: each customer's rate grows by (1 + growth) a quarter
 * and follows the season. */
static void draw_trend(world *w, const cap_model *m, gsl_rng *r,
                       const gen_options *o, int64_t from)
{
    double *shares = malloc(m->category_count * sizeof *shares);
    for (size_t i = 0; i < m->category_count; i++)
        shares[i] = m->categories[i].share;
    gsl_ran_discrete_t *cats = gsl_ran_discrete_preproc(m->category_count, shares);
    cap_date d0 = cap_civil_from_days(from / 86400);
    int64_t to = from;
    for (int k = 0; k < o->months; k++)
        to = cap_days_from_civil(cap_month_add(d0, k + 1).year,
                                 cap_month_add(d0, k + 1).month, 1) * 86400;
    cap_error err;
    for (int i = 0; i < w->count; i++) {
        const cap_org *org = &w->org[i];
        cap_tz *tz = cap_tz_new(org->timezone, from - 86400, to + 86400, &err);
        for (int k = 0; k < o->months; k++) {
            cap_date a = cap_month_add(d0, k), b = cap_month_add(d0, k + 1);
            int64_t ta = cap_days_from_civil(a.year, a.month, 1) * 86400,
                    tb = cap_days_from_civil(b.year, b.month, 1) * 86400;
            double months = (double)(tb - ta) / (CAP_WEEKS_PER_MONTH * 7 * 86400);
            double f = pow(1 + o->growth, k / 3.0) *
                       (o->seasonal ? season[a.month - 1] : 1);
            for (int s = 0; s < CAP_SEVERITIES; s++) {
                unsigned n = gsl_ran_poisson(r, m->plan[org->plan].tickets_per_month[s] *
                                                    months * f);
                for (unsigned j = 0; j < n; j++) {
                    if (!reaches_vendor(m, org, r, cats, s))
                        continue;
                    gen_ticket *t = add_ticket(w);
                    t->org = i;
                    t->sev = s;
                    t->created = arrival(m, tz, r, s, ta, tb);
                    t->reply = gsl_ran_exponential(r, reply_mean[s]);
                }
            }
        }
        cap_tz_free(tz);
    }
    gsl_ran_discrete_free(cats);
    free(shares);
}

/* Time spent of each ticket, in time order, from its own stream. */
static void draw_spent(world *w, gsl_rng *r)
{
    for (size_t i = 0; i < w->n; i++) {
        gen_ticket *t = &w->t[i];
        double minutes = gsl_ran_lognormal(r, spent_mu[t->sev], spent_sigma[t->sev]);
        t->spent = i % 20 == 3 ? -1 : i % 20 == 13 ? 0 : floor(minutes * 60 + 0.5);
    }
}

static void spent_field(FILE *f, const gen_ticket *t, const char *sep)
{
    if (t->spent >= 0)
        fprintf(f, "%.0f", t->spent);
    fputs(sep, f);
}

static int by_time(const void *a, const void *b)
{
    const gen_ticket *x = a, *y = b;
    return x->created < y->created ? -1 : x->created > y->created;
}

/* A CSV field, quoted when it needs to be. */
static void csv(FILE *f, const char *s, const char *sep)
{
    if (strpbrk(s, ",\"\n")) {
        fputc('"', f);
        for (; *s; s++)
            fputs(*s == '"' ? "\"\"" : (char[]){*s, 0}, f);
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(sep, f);
}

static void write_orgs(const world *w, const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/orgs.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("organization,partner,channel,plan,timezone,customers,csm,account owner\n", f);
    for (int i = 0; i < w->count; i++) {
        const cap_org *o = &w->org[i];
        csv(f, o->name, ",");
        fprintf(f, "%s,%s,%s,%s,1,%s,Sales %d\n", o->partner,
                cap_channel_name(o->channel), cap_plan_name(o->plan),
                o->timezone, o->has_csm ? "yes" : "no", i % 7);
    }
    fclose(f);
}

static void wall(int64_t t, char *out, size_t n)
{
    cap_date d = cap_civil_from_days(t / 86400);
    int s = (int)(t % 86400);
    snprintf(out, n, "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day,
             s / 3600, s / 60 % 60, s % 60);
}

static void write_zendesk(const world *w, const char *dir, int64_t from, int64_t to,
                          int spent)
{
    static const char *const pri[4] = {"Urgent", "High", "Normal", "Low"};
    char path[1024], when[64];
    snprintf(path, sizeof path, "%s/zendesk.csv", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "Id,Requester,Created at,Updated at,Priority,Status,Organization,"
            "First reply time in minutes,"
            "First reply time in minutes within business hours,Solved at,Tags%s\n",
            spent ? ",Total time spent (sec)" : "");
    cap_error err;
    cap_tz_set set = {.from = from - 86400, .to = to + 86400};
    for (size_t i = 0; i < w->n; i++) {
        const gen_ticket *t = &w->t[i];
        const cap_org *o = &w->org[t->org];
        cap_tz_set_add(&set, o->timezone, &err);
        int off = cap_tz_offset(cap_tz_set_find(&set, o->timezone), t->created);
        wall(t->created + off, when, sizeof when);
        fprintf(f, "%zu,user%zu@example.com,%s %c%02d%02d,,%s,solved,", 1000 + i,
                i % 97, when, off < 0 ? '-' : '+', abs(off) / 3600,
                abs(off) / 60 % 60, pri[t->sev]);
        csv(f, o->name, ",");
        fprintf(f, "%.0f,%.0f,,\"vip, onboarding\"%s", t->reply, t->reply * 0.6,
                spent ? "," : "");
        if (spent)
            spent_field(f, t, "");
        fputc('\n', f);
    }
    cap_tz_set_free(&set);
    fclose(f);
}

static void write_jira(const world *w, const char *dir, int64_t from, int64_t to,
                       int spent)
{
    static const char *const pri[4] = {"Highest", "High", "Medium", "Low"};
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May",
        "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char path[1024];
    snprintf(path, sizeof path, "%s/jira.csv", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "Summary,Issue key,Issue Type,Status,Priority,Reporter,Created,"
            "Custom field (Organizations),Custom field (Time to first response)%s\n",
            spent ? ",Time Spent" : "");
    cap_error err;
    cap_tz *ny = cap_tz_new("America/New_York", from - 86400, to + 86400, &err);
    for (size_t i = 0; i < w->n; i++) {
        const gen_ticket *t = &w->t[i];
        int64_t local = t->created + cap_tz_offset(ny, t->created);
        cap_date d = cap_civil_from_days(local / 86400);
        int s = (int)(local % 86400), h = s / 3600;
        long reply = (long)(t->reply + 0.5);
        fprintf(f, "\"Cannot log in, again\",SUP-%zu,Incident,Done,%s,someone,"
                "%02d/%s/%02d %d:%02d %s,", i + 1, pri[t->sev], d.day,
                mon[d.month - 1], d.year % 100, h % 12 ? h % 12 : 12,
                s / 60 % 60, h < 12 ? "AM" : "PM");
        csv(f, w->org[t->org].name, ",");
        if (reply >= 60)
            fprintf(f, "%ldh %ldm", reply / 60, reply % 60);
        else
            fprintf(f, "%ldm", reply);
        if (spent) {
            fputc(',', f);
            spent_field(f, t, "");
        }
        fputc('\n', f);
    }
    cap_tz_free(ny);
    fclose(f);
}

static void write_freshdesk(const world *w, const char *dir)
{
    static const char *const pri[4] = {"Urgent", "High", "Medium", "Low"};
    char path[1024], when[64];
    snprintf(path, sizeof path, "%s/freshdesk.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("Ticket ID,Subject,Status,Priority,Source,Type,Company Name,"
          "Created time,First response time (in hrs),Resolution time (in hrs)\n", f);
    for (size_t i = 0; i < w->n; i++) {
        const gen_ticket *t = &w->t[i];
        wall(t->created, when, sizeof when);
        fprintf(f, "%zu,Help,Closed,%s,Email,Question,", 1 + i, pri[t->sev]);
        csv(f, w->org[t->org].name, ",");
        fprintf(f, "%s,%.4f,\n", when, t->reply / 60);
    }
    fclose(f);
}

/* The Zendesk draw under other headers, for a [calibrate] mapping. */
static void write_custom(const world *w, const char *dir, int spent)
{
    char path[1024], when[64];
    snprintf(path, sizeof path, "%s/custom.csv", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "Account,Ticket #,Severity Level,Opened (UTC),Minutes to first "
            "answer,Channel%s\n", spent ? ",Work seconds" : "");
    for (size_t i = 0; i < w->n; i++) {
        const gen_ticket *t = &w->t[i];
        wall(t->created, when, sizeof when);
        when[10] = 'T';
        csv(f, w->org[t->org].name, ",");
        fprintf(f, "T-%zu,P%d,%sZ,%.0f,web%s", 1000 + i, t->sev + 1, when,
                t->reply, spent ? "," : "");
        if (spent)
            spent_field(f, t, "");
        fputc('\n', f);
    }
    fclose(f);
}

static int options(int argc, char **argv, gen_options *o)
{
    *o = (gen_options){.months = 12};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seasonal") == 0)
            o->seasonal = o->trend = 1;
        else if (strcmp(argv[i], "--time-spent") == 0)
            o->time_spent = 1;
        else if (strcmp(argv[i], "--months") == 0 && i + 1 < argc)
            o->months = atoi(argv[++i]), o->trend = 1;
        else if (strcmp(argv[i], "--growth") == 0 && i + 1 < argc)
            o->growth = atof(argv[++i]), o->trend = 1;
        else if (strncmp(argv[i], "--", 2) == 0)
            return 0;
    }
    return o->months > 0 && o->months <= 240;
}

int main(int argc, char **argv)
{
    gen_options o;
    int npos = 1; /* OUTDIR and the numbers before the first option */
    while (npos < argc && strncmp(argv[npos], "--", 2) != 0)
        npos++;
    if (npos < 2 || npos == 5 || !options(argc, argv, &o)) {
        fprintf(stderr, "usage: gen_export OUTDIR [SEED [ORGS [PEOPLE PLAN]]] "
                "[--months N] [--growth G] [--seasonal] [--time-spent]\n");
        return 2;
    }
    int people = npos > 5 ? atoi(argv[4]) : 0;
    int plan = npos > 5 ? cap_plan_parse(argv[5]) : 0;
    unsigned long seed = npos > 2 ? strtoul(argv[2], NULL, 10) : 1;
    int orgs = npos > 3 ? atoi(argv[3]) : 600;
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    if (!m) {
        fprintf(stderr, "gen_export: %s\n", err.message);
        return 1;
    }
    int64_t from = cap_days_from_civil(2027, 1, 1) * 86400;
    cap_date end = cap_month_add(cap_civil_from_days(from / 86400), o.months);
    int64_t to = cap_days_from_civil(end.year, end.month, 1) * 86400;
    gsl_rng *r = cap_stream(seed, 0, 0);
    world w = {0};
    if (people > 0)
        make_team_orgs(&w, m, orgs, (cap_plan)plan);
    else
        make_orgs(&w, r, orgs);
    if (o.trend)
        draw_trend(&w, m, r, &o, from);
    else
        draw_tickets(&w, m, r, from, to);
    qsort(w.t, w.n, sizeof *w.t, by_time);
    if (people > 0) {
        serve_team(&w, m, r, people, from, to);
        write_known(&w, m, (cap_plan)plan, argv[1]);
    }
    if (o.time_spent) {
        gsl_rng *r2 = cap_stream(seed, 1, 0);
        draw_spent(&w, r2);
        gsl_rng_free(r2);
    }
    write_orgs(&w, argv[1]);
    write_zendesk(&w, argv[1], from, to, o.time_spent);
    write_jira(&w, argv[1], from, to, o.time_spent);
    write_freshdesk(&w, argv[1]);
    write_custom(&w, argv[1], o.time_spent);
    printf("%zu tickets, %d organizations\n", w.n, w.count);
    gsl_rng_free(r);
    free(w.t);
    free(w.org);
    cap_model_free(m);
    return 0;
}
