/* run.c - the pipeline behind main(). */
#include "run.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "outdir.h"
#include "portfolio.h"
#include "report.h"
#include "sim.h"
#include "staffing.h"
#include "workbook.h"

static cap_status today_date(const cap_options *o, cap_date *today,
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
    if (today_date(o, &today, err) != CAP_OK)
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
    fprintf(stderr, "\rsimulating [%.*s%*s] %ld/%ld partners", filled,
            "========================================", width - filled, "",
            done, total);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

static cap_sim_options sim_options(const cap_options *o, const cap_model *m)
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

static cap_status report(const cap_options *o, FILE *out, const cap_staffing *s,
                         const cap_portfolio *p, const cap_model *m,
                         cap_error *err)
{
    cap_sim_options so = sim_options(o, m);
    cap_run_info info = {CAP_VERSION, m->source, so.seed,
                         o->no_sim ? 0 : so.replications, !o->no_sim,
                         o->deterministic};
    char path[1024];
    cap_status st = cap_outdir_prepare(o->out_dir, err);
    if (!st)
        st = cap_outdir_path(o->out_dir, "staffing.xlsx", path, sizeof path, err);
    if (!st)
        st = cap_workbook_staffing(path, s, p, m, &info, err);
    if (!st)
        st = o->json ? cap_report_json(out, s, p, m, &info, err)
                     : cap_report_text(out, s, p, m, err);
    return st;
}

cap_status cap_run(const cap_options *o, FILE *out, cap_error *err)
{
    cap_model *m = o->model_path ? cap_model_load(o->model_path, err)
                                 : cap_model_builtin(err);
    if (!m)
        return err->code;
    cap_portfolio *p = load_inputs(o, m, err);
    cap_staffing *s = p ? cap_staffing_run(p, m, 0, err) : NULL;
    cap_status st = s ? CAP_OK : err->code;
    if (s && !o->no_sim) {
        cap_sim_options so = sim_options(o, m);
        st = cap_simulate(s, p, m, &so, err);
    }
    if (st == CAP_OK)
        st = report(o, out, s, p, m, err);
    cap_staffing_free(s);
    cap_portfolio_free(p);
    cap_model_free(m);
    return st;
}
