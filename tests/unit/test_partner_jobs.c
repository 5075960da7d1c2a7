/* test_partner_jobs.c - a partner's replications are drawn hour by hour
 * from one stream each, kept only while they fit in the keep budget, and
 * drawn again whenever a candidate runs one that was not kept.  Drawn
 * again they must be the very same jobs whoever pulls them and in
 * whatever order (common random numbers, and an answer that does not
 * depend on what was kept), and their sums must be those of the jobs. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "horizon.h"
#include "simcore.h"

enum { REPS = 6 };

/* Field by field: a job's padding bytes are not part of it. */
static int same_job(const cap_job *x, const cap_job *y)
{
    return x->arrival == y->arrival && x->handle == y->handle &&
           x->target == y->target && x->priority == y->priority && x->clock == y->clock;
}

static int same_jobs(const cap_job_list *a, const cap_job_list *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (!same_job(&a->job[i], &b->job[i]))
            return 0;
    return 1;
}

/* Pulls the rest of src into l. */
static void drain(const cap_job_source *src, cap_job_list *l)
{
    cap_job j;
    while (src->next(src->ctx, &j)) {
        if (l->n == l->cap) {
            l->cap = l->cap ? 2 * l->cap : 256;
            l->job = realloc(l->job, l->cap * sizeof *l->job);
        }
        l->job[l->n++] = j;
    }
}

/* Both teams' jobs of replication k of a run that kept nothing, pulled
 * side by side one job at a time (two lazy draws of one stream alive
 * together), into got[]. */
static void pull_interleaved(const cap_partner_run *pr, int k, cap_job_list got[CAP_ROLES])
{
    cap_rep_source s[CAP_ROLES];
    cap_job_source src[CAP_ROLES];
    for (int r = 0; r < CAP_ROLES; r++)
        src[r] = cap_rep_source_open(&s[r], pr, k, (cap_role)r);
    for (int live = 1; live;) {
        live = 0;
        for (int r = 0; r < CAP_ROLES; r++) {
            cap_job j;
            if (!src[r].next(src[r].ctx, &j))
                continue;
            live = 1;
            if (got[r].n == got[r].cap) {
                got[r].cap = got[r].cap ? 2 * got[r].cap : 256;
                got[r].job = realloc(got[r].job, got[r].cap * sizeof *got[r].job);
            }
            got[r].job[got[r].n++] = j;
        }
    }
    for (int r = 0; r < CAP_ROLES; r++)
        cap_rep_source_close(&s[r]);
}

/* Measured handle minutes of l. */
static double measured(const cap_sim_world *w, const cap_job_list *l)
{
    double minutes = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->job[i].arrival >= w->tl.from && l->job[i].arrival < w->tl.to)
            minutes += l->job[i].handle;
    return minutes;
}

static int in_queue_order(const cap_job_list *l)
{
    for (size_t i = 1; i < l->n; i++)
        if (l->job[i].arrival < l->job[i - 1].arrival ||
            (l->job[i].arrival == l->job[i - 1].arrival &&
             l->job[i].priority < l->job[i - 1].priority))
            return 0;
    return 1;
}

/* Every replication of both teams of ps, kept (the default budget) and
 * drawn again (a budget of 0), pulled one team at a time in reverse
 * replication order or both teams side by side: the same jobs, the same
 * sums. */
static void check_drawn_again(cap_sim_world *w, const cap_partner_staffing *ps)
{
    cap_partner_run kept, none;
    cap_partner_run_init(&kept, w, ps, 0, 0);
    cap_partner_run_init(&none, w, ps, 0, 0);
    none.budget.keep_bytes = 0;
    cap_partner_run_generate(&kept, REPS);
    cap_partner_run_generate(&none, REPS);
    CHECK_INT(kept.generated, REPS);
    CHECK_INT(none.generated, REPS);
    for (int k = REPS - 1; k >= 0; k--) {
        CHECK(kept.reps[k].kept); /* a deal of 40 customers fits */
        CHECK(!none.reps[k].kept);
        CHECK(kept.reps[k].q[CAP_ROLE_CSM].n > 100 && kept.reps[k].q[CAP_ROLE_TAM].n > 100);
        CHECK_NEAR(none.reps[k].technical_minutes, kept.reps[k].technical_minutes, 0);
        cap_job_list side[CAP_ROLES] = {{NULL, 0, 0}, {NULL, 0, 0}};
        pull_interleaved(&none, k, side);
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_job_list *l = &kept.reps[k].q[r];
            CHECK(in_queue_order(l));
            double minutes = measured(w, l);
            CHECK_NEAR(kept.reps[k].work_minutes[r], minutes, 1e-9 * (1 + minutes));
            CHECK_NEAR(none.reps[k].work_minutes[r], kept.reps[k].work_minutes[r], 0);
            cap_rep_source s;
            cap_job_source src = cap_rep_source_open(&s, &none, k, (cap_role)r);
            cap_job_list again = {NULL, 0, 0};
            drain(&src, &again);
            cap_rep_source_close(&s);
            CHECK_INT((long)again.n, (long)l->n);
            CHECK(same_jobs(&again, l));
            CHECK(same_jobs(&side[r], l));
            src = cap_rep_source_open(&s, &kept, k, (cap_role)r); /* the kept copy */
            cap_job_list replay = {NULL, 0, 0};
            drain(&src, &replay);
            cap_rep_source_close(&s);
            CHECK(same_jobs(&replay, l));
            free(again.job);
            free(replay.job);
            free(side[r].job);
        }
        /* the replications differ from one another */
        if (k > 0)
            CHECK(!same_jobs(&kept.reps[k].q[0], &kept.reps[0].q[0]));
    }
    CHECK(kept.kept_bytes > 0 && kept.kept_bytes <= CAP_JOB_KEEP_BYTES);
    CHECK_INT((long)none.kept_bytes, 0);
    cap_partner_run_free(&kept);
    cap_partner_run_free(&none);
}

int main(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/samples/sales-deal.ini", getenv("CAP_SOURCE_DIR"));
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    cap_portfolio *p = m ? cap_portfolio_load(path, m, (cap_date){2027, 1, 1}, &err) : NULL;
    CHECK(p != NULL);
    if (!p)
        return check_summary();
    p->quarters = 1;
    cap_horizon *h = cap_horizon_run(p, m, NULL, &err); /* the rules' staffing */
    cap_sim_options so = {7, REPS, 2, NULL, NULL};
    cap_sim_world *w = cap_sim_world_new(p, m, p->start, &so, &err);
    CHECK(h && w);
    if (h && w)
        check_drawn_again(w, &h->quarter[0]->partners[0]);
    cap_sim_world_free(w);
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
    return check_summary();
}
