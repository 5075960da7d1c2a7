/* test_partner_jobs.c - a partner's replications are kept only while they
 * fit in CAP_JOB_KEEP_BYTES; past that they are drawn again from their
 * streams whenever a candidate runs them.  Drawn again they must be the
 * very same jobs (common random numbers, and an answer that does not
 * depend on what was kept), and their sums must be those of the jobs. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "horizon.h"
#include "simcore.h"

enum { REPS = 6 };

/* Field by field: a job's padding bytes are not part of it. */
static int same_jobs(const cap_job_list *a, const cap_job_list *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const cap_job *x = &a->job[i], *y = &b->job[i];
        if (x->arrival != y->arrival || x->handle != y->handle ||
            x->target != y->target || x->priority != y->priority ||
            x->clock != y->clock)
            return 0;
    }
    return 1;
}

/* Every replication of both teams of ps, drawn again with nothing kept,
 * equals the kept copy byte for byte. */
static void check_drawn_again(cap_sim_world *w, const cap_partner_staffing *ps)
{
    cap_partner_run pr;
    cap_partner_run_init(&pr, w, ps, 0, 0);
    cap_partner_run_generate(&pr, REPS);
    CHECK_INT(pr.generated, REPS);
    for (int k = 0; k < REPS; k++) {
        CHECK(pr.reps[k].kept); /* a deal of 40 customers fits */
        CHECK(pr.reps[k].q[CAP_ROLE_CSM].n > 100 && pr.reps[k].q[CAP_ROLE_TAM].n > 100);
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_job_list *kept = &pr.reps[k].q[r];
            double minutes = 0;
            for (size_t i = 0; i < kept->n; i++)
                if (kept->job[i].arrival >= w->tl.from && kept->job[i].arrival < w->tl.to)
                    minutes += kept->job[i].handle;
            CHECK_NEAR(pr.reps[k].work_minutes[r], minutes, 1e-9 * (1 + minutes));
            pr.reps[k].kept = 0; /* as if it had not fitted */
            cap_rep_jobs scratch;
            const cap_job_list *again = cap_partner_run_jobs(&pr, k, (cap_role)r, &scratch);
            pr.reps[k].kept = 1;
            CHECK(again != kept);
            CHECK_INT((long)again->n, (long)kept->n);
            CHECK(same_jobs(again, kept));
            cap_rep_jobs_clear(&scratch);
        }
        /* the replications differ from one another */
        if (k > 0)
            CHECK(!same_jobs(&pr.reps[k].q[0], &pr.reps[0].q[0]));
    }
    CHECK(pr.kept_bytes <= CAP_JOB_KEEP_BYTES);
    cap_partner_run_free(&pr);
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
