/* test_simbatch.c - many partner-quarters sized on a few threads
 * (cap_sim_size_all): each item's figures land in its own slot and are the
 * same for 1 thread, for partners side by side (3 threads, 8 items) and
 * for one partner at a time with its replications in parallel (9 threads,
 * more than the items); the progress count rises by one per item, 1 to 8
 * of 8; and the bytes of jobs a partner keeps change no figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "horizon.h"
#include "portfolio_text.h"
#include "simcore.h"

enum { PARTNERS = 4, QUARTERS = 2, ITEMS = PARTNERS * QUARTERS, REPS = 6 };

static char dir[] = "/tmp/capplan-simbatch.XXXXXX";

/* Four partners of different sizes, plans and zones, two with a TAM, the
 * second quarter grown by a tenth: eight different partner-quarters. */
static const char *const book =
    "[portfolio]\nname = batch\nstart = 2027-01-01\nquarters = 2\n\n"
    "[partner.a]\nchannel = reseller\ncsm = auto\ntam = auto\ngrowth = 0.1\n"
    "customers = premium Europe/Berlin 30, basic America/Chicago 10\n\n"
    "[partner.b]\nchannel = oem\ncsm = auto\ngrowth = 0.1\n"
    "customers = basic America/New_York 12\n\n"
    "[partner.c]\nchannel = msp\ncsm = auto\ntam = auto\ngrowth = 0.1\n"
    "customers = mission_critical Asia/Tokyo 8\n\n"
    "[partner.d]\nchannel = distributor\ncsm = auto\ngrowth = 0.1\n"
    "customers = premium Europe/London 20, basic Asia/Kolkata 25\n";

typedef struct {
    long calls, last, total;
    int rising; /* every call one more than the last */
} progress;

static void count(void *ctx, long done, long total)
{
    progress *pg = ctx;
    pg->rising = pg->rising && done == pg->last + 1;
    pg->last = done;
    pg->total = total;
    pg->calls++;
}

/* Every quarter's partners as one batch on `threads` threads into out. */
static void size_all(const cap_portfolio *p, const cap_model *m,
                     const cap_horizon *h, int threads, cap_sim_partner *out,
                     progress *pg)
{
    cap_sim_options so = {11, REPS, threads, count, pg};
    cap_sim_world *w[QUARTERS];
    cap_sim_item items[ITEMS];
    cap_error err;
    for (int q = 0; q < QUARTERS; q++) {
        w[q] = cap_sim_world_new(p, m, h->quarter[q]->quarter_start, &so, &err);
        if (!w[q])
            abort();
        for (size_t i = 0; i < PARTNERS; i++)
            items[q * PARTNERS + i] =
                (cap_sim_item){w[q], &h->quarter[q]->partners[i], i, q};
    }
    *pg = (progress){0, 0, 0, 1};
    cap_sim_size_all(items, ITEMS, &so, 0, ITEMS, out);
    for (int q = 0; q < QUARTERS; q++)
        cap_sim_world_free(w[q]);
}

static int same_figures(const cap_sla_role *a, const cap_sla_role *b)
{
    if (!a || !b)
        return a == b;
    int same = a->fte == b->fte && a->replications == b->replications &&
               a->meets == b->meets && a->confidence == b->confidence &&
               a->utilization.mean == b->utilization.mean &&
               a->backlog.mean == b->backlog.mean &&
               a->work_hours_month == b->work_hours_month;
    for (int s = 0; s < CAP_SEVERITIES; s++)
        same = same && a->severity[s].attainment.mean == b->severity[s].attainment.mean &&
               a->severity[s].attainment.half == b->severity[s].attainment.half &&
               a->severity[s].p90.mean == b->severity[s].p90.mean &&
               a->severity[s].tickets.mean == b->severity[s].tickets.mean;
    return same;
}

static int same_partner(const cap_sim_partner *a, const cap_sim_partner *b)
{
    int same = a->technical_hours_month == b->technical_hours_month;
    for (int r = 0; r < CAP_ROLES; r++) {
        const cap_sim_role *x = &a->role[r], *y = &b->role[r];
        same = same && x->simulated == y->simulated && x->fte == y->fte &&
               x->met == y->met && x->confidence == y->confidence &&
               x->decided_at_replications == y->decided_at_replications &&
               same_figures(x->answer, y->answer) && same_figures(x->below, y->below) &&
               same_figures(x->staffed, y->staffed);
    }
    return same;
}

static void clear(cap_sim_partner *out)
{
    for (size_t i = 0; i < ITEMS; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            cap_sim_role_clear(&out[i].role[r]);
}

static void check_threads(const cap_portfolio *p, const cap_model *m,
                          const cap_horizon *h)
{
    static cap_sim_partner one[ITEMS], many[ITEMS];
    progress pg;
    size_all(p, m, h, 1, one, &pg);
    CHECK(pg.rising);
    CHECK_INT(pg.calls, ITEMS);
    CHECK_INT(pg.last, ITEMS);
    CHECK_INT(pg.total, ITEMS);
    /* the items differ, so a result in the wrong slot shows */
    for (size_t i = 1; i < ITEMS; i++)
        CHECK(!same_partner(&one[i], &one[0]));
    CHECK(one[0].role[CAP_ROLE_TAM].simulated && !one[1].role[CAP_ROLE_TAM].simulated);
    static const int threads[] = {3, 9};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        size_all(p, m, h, threads[t], many, &pg);
        CHECK(pg.rising);
        CHECK_INT(pg.calls, ITEMS);
        CHECK_INT(pg.last, ITEMS);
        for (size_t i = 0; i < ITEMS; i++)
            CHECK(same_partner(&one[i], &many[i]));
        clear(many);
    }
    clear(one);
}

/* Partner a in quarter 0 keeping every job and keeping none: the same
 * figures (a job not kept is drawn again from its stream). */
static void check_budget(const cap_portfolio *p, const cap_model *m,
                         const cap_horizon *h)
{
    cap_sim_options so = {11, REPS, 1, NULL, NULL};
    cap_error err;
    cap_sim_world *w = cap_sim_world_new(p, m, h->quarter[0]->quarter_start, &so, &err);
    if (!w)
        abort();
    cap_sim_partner all, none;
    const cap_partner_staffing *ps = &h->quarter[0]->partners[0];
    cap_sim_partner_size_within(w, ps, 0, 0, (cap_run_budget){1, CAP_JOB_KEEP_BYTES}, &all);
    cap_sim_partner_size_within(w, ps, 0, 0, (cap_run_budget){1, 0}, &none);
    CHECK(same_partner(&all, &none));
    for (int r = 0; r < CAP_ROLES; r++) {
        cap_sim_role_clear(&all.role[r]);
        cap_sim_role_clear(&none.role[r]);
    }
    cap_sim_world_free(w);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    cap_portfolio *p = m ? cap_test_portfolio(m, dir, "batch.ini", book) : NULL;
    cap_horizon *h = p ? cap_horizon_run(p, m, NULL, &err) : NULL; /* the rules */
    CHECK(h != NULL);
    if (h) {
        check_threads(p, m, h);
        check_budget(p, m, h);
    }
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
    check_remove_dir(dir);
    return check_summary();
}
