/* run.c - the pipeline behind main(). */
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "horizon.h"
#include "model.h"
#include "outdir.h"
#include "portfolio.h"
#include "report.h"
#include "sim.h"
#include "staffing.h"
#include "workbook.h"

cap_status cap_run_today(const cap_options *o, cap_date *today,
                         cap_error *err)
{
    if (o->today) {
        if (!cap_date_parse(o->today, today))
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--today",
                                 "\"%s\" is not a date YYYY-MM-DD", o->today);
        return CAP_OK;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    *today = (cap_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return CAP_OK;
}

static cap_portfolio *load_inputs(const cap_options *o, const cap_model *m,
                                  cap_error *err)
{
    cap_date today;
    if (cap_run_today(o, &today, err) != CAP_OK)
        return NULL;
    cap_portfolio *p = cap_portfolio_load(o->portfolio, m, today, err);
    if (p && o->customers && cap_portfolio_add_csv(p, o->customers, m, err)) {
        cap_portfolio_free(p);
        return NULL;
    }
    if (p && cap_portfolio_validate(p, err)) {
        cap_portfolio_free(p);
        return NULL;
    }
    return p;
}

/* A bar on stderr, redrawn in place; only when stderr is a terminal. */
static void progress_bar(void *ctx, long done, long total)
{
    (void)ctx;
    int width = 40, filled = total > 0 ? (int)(width * done / total) : width;
    fprintf(stderr, "\rsimulating [%.*s%*s] %ld/%ld partner-quarters", filled,
            "========================================", width - filled, "",
            done, total);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

cap_sim_options cap_run_sim_options(const cap_options *o, const cap_model *m)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cap_sim_options so = {o->seed_set ? o->seed : m->seed,
                          o->replications ? o->replications : m->replications,
                          o->threads ? o->threads : (int)(cores > 0 ? cores : 1),
                          NULL, NULL};
    if (isatty(fileno(stderr)))
        so.progress = progress_bar;
    return so;
}

/* The three workbooks, staged and published together. */
static cap_status write_workbooks(const cap_options *o, const cap_horizon *h,
                                  const cap_portfolio *p, const cap_model *m,
                                  const cap_run_info *info, cap_error *err)
{
    static const char *const names[] = {"staffing.xlsx", "cost.xlsx",
                                        "quarterly.xlsx"};
    enum { BOOKS = sizeof names / sizeof names[0] };
    cap_staged *f = calloc(BOOKS, sizeof *f);
    char path[CAP_PATH_MAX];
    if (!f)
        abort();
    cap_status st = cap_outdir_prepare(o->out_dir, err);
    for (size_t i = 0; i < BOOKS && st == CAP_OK; i++) {
        st = cap_outdir_path(o->out_dir, names[i], path, sizeof path, err);
        if (st == CAP_OK)
            st = cap_outdir_stage(path, &f[i], err);
    }
    const cap_staffing *first = h->quarter[0];
    if (st == CAP_OK)
        st = cap_workbook_staffing(&f[0], first, p, m, info, err);
    if (st == CAP_OK)
        st = cap_workbook_cost(&f[1], first, p, m, info, err);
    if (st == CAP_OK)
        st = cap_workbook_quarterly(&f[2], h, p, m, info, err);
    if (st == CAP_OK)
        st = cap_outdir_publish(f, BOOKS, err);
    else
        cap_outdir_discard(f, BOOKS);
    free(f);
    return st;
}

cap_run_info cap_run_info_of(const cap_options *o, const cap_model *m)
{
    cap_sim_options so = cap_run_sim_options(o, m);
    return (cap_run_info){CAP_VERSION, m->source, so.seed,
                          o->no_sim ? 0 : so.replications, !o->no_sim,
                          o->deterministic};
}

static cap_status report(const cap_options *o, FILE *out, const cap_horizon *h,
                         const cap_portfolio *p, const cap_model *m,
                         cap_error *err)
{
    cap_run_info info = cap_run_info_of(o, m);
    cap_status st = write_workbooks(o, h, p, m, &info, err);
    if (!st)
        st = o->json ? cap_report_json(out, h, p, m, &info, err)
                     : cap_report_text(out, h, p, m, err);
    return st;
}

cap_model *cap_run_model(const cap_options *o, cap_error *err)
{
    return o->model_path ? cap_model_load(o->model_path, err)
                         : cap_model_builtin(err);
}

cap_horizon *cap_run_horizon(const cap_options *o, const cap_portfolio *p,
                             const cap_model *m, cap_error *err)
{
    cap_sim_options so = cap_run_sim_options(o, m);
    return cap_horizon_run(p, m, o->no_sim ? NULL : &so, err);
}

cap_status cap_run(const cap_options *o, FILE *out, cap_error *err)
{
    cap_model *m = cap_run_model(o, err);
    if (!m)
        return err->code;
    cap_portfolio *p = load_inputs(o, m, err);
    cap_horizon *h = p ? cap_run_horizon(o, p, m, err) : NULL;
    cap_status st = h ? report(o, out, h, p, m, err) : err->code;
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
    return st;
}
