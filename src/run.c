/* run.c - the pipeline behind main(). */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "booksize.h"
#include "horizon.h"
#include "model.h"
#include "outset.h"
#include "portfolio.h"
#include "report.h"
#include "sim.h"
#include "simwork.h"
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

/* A simulation too big to finish in minutes, refused before it starts. */
static cap_status check_sim_work(const cap_options *o, const cap_portfolio *p,
                                 const cap_model *m, cap_error *err)
{
    if (o->no_sim)
        return CAP_OK;
    return cap_sim_work_check(p, m, cap_run_sim_options(o, m).replications, err);
}

cap_portfolio *cap_run_inputs(const cap_options *o, const cap_model *m,
                              cap_error *err)
{
    cap_date today;
    if (cap_run_today(o, &today, err) != CAP_OK)
        return NULL;
    cap_portfolio *p = cap_portfolio_load_encoded(o->portfolio, o->encoding, m,
                                                  today, err);
    if (p && o->customers &&
        cap_portfolio_add_csv_encoded(p, o->customers, o->encoding, m, err)) {
        cap_portfolio_free(p);
        return NULL;
    }
    if (p && (cap_portfolio_validate(p, err) || check_sim_work(o, p, m, err))) {
        cap_portfolio_free(p);
        return NULL;
    }
    if (p && p->csv_ignored) /* a notice, once, for columns left unread */
        fprintf(stderr, "capplan: %s: ignoring column%s %s\n", p->csv_path,
                p->csv_ignored_count > 1 ? "s" : "", p->csv_ignored);
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

static const char *const book_names[] = {"staffing.xlsx", "cost.xlsx",
                                         "quarterly.xlsx"};
enum { BOOKS = sizeof book_names / sizeof book_names[0] };

/* A closed or read-only stdout, found before anything is opened (a closed
 * descriptor 1 would otherwise be reused by the next file opened). */
cap_status cap_run_check_stdout(FILE *out, cap_error *err)
{
    int flags = fcntl(fileno(out), F_GETFL);
    if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write: %s",
                             strerror(flags < 0 ? errno : EBADF));
    return CAP_OK;
}

/* The text or JSON report, rendered into memory: it goes to stdout only
 * once the workbooks are in place, and a failed stdout takes them back. */
/* The portfolio run's outputs, for cap_run_publish. */
typedef struct {
    const cap_options *o;
    const cap_horizon *h;
    const cap_portfolio *p;
    const cap_model *m;
    const cap_run_info *info;
} run_outputs;

static cap_status render(FILE *out, const void *ctx, cap_error *err)
{
    const run_outputs *r = ctx;
    return r->o->json ? cap_report_json(out, r->h, r->p, r->m, r->info, err)
                      : cap_report_text(out, r->h, r->p, r->m, r->o->out_dir, err);
}

static cap_status write_books(cap_outset *set, const void *ctx,
                              cap_error *err)
{
    const run_outputs *r = ctx;
    const cap_staffing *first = r->h->quarter[0];
    CAP_TRY(cap_workbook_staffing(cap_outset_file(set, 0), first, r->p, r->m,
                                  r->info, err));
    CAP_TRY(cap_workbook_cost(cap_outset_file(set, 1), first, r->p, r->m,
                              r->info, err));
    return cap_workbook_quarterly(cap_outset_file(set, 2), r->h, r->p, r->m,
                                  r->info, err);
}

static cap_status put_stdout(FILE *out, const char *text, size_t len,
                             cap_error *err)
{
    if ((len && fwrite(text, 1, len, out) != len) || fflush(out) != 0)
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "write failed: %s", strerror(errno));
    return CAP_OK;
}

cap_run_info cap_run_info_of(const cap_options *o, const cap_model *m)
{
    cap_sim_options so = cap_run_sim_options(o, m);
    return (cap_run_info){CAP_VERSION, m->source, so.seed,
                          o->no_sim ? 0 : so.replications, !o->no_sim,
                          o->deterministic};
}

cap_status cap_run_publish(const char *dir, const char *const *names,
                           size_t n, cap_run_books_fn books,
                           cap_run_render_fn report, const void *ctx,
                           FILE *out, cap_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        abort();
    cap_status st = report(mem, ctx, err);
    if (fclose(mem) != 0)
        abort(); /* a memory stream fails only for memory */
    cap_outset *set = st || !dir ? NULL : cap_outset_begin(dir, names, n, err);
    if (st == CAP_OK && dir)
        st = set ? books(set, ctx, err) : err->code;
    if (st == CAP_OK && set)
        st = cap_outset_publish(set, err);
    if (st == CAP_OK)
        st = put_stdout(out, text, len, err);
    if (st == CAP_OK && set)
        st = cap_outset_commit(set, err);
    cap_outset_free(set); /* rolls back anything not committed */
    free(text);
    return st;
}

cap_status cap_run_report(const cap_options *o, FILE *out,
                          const cap_horizon *h, const cap_portfolio *p,
                          const cap_model *m, cap_error *err)
{
    cap_run_info info = cap_run_info_of(o, m);
    run_outputs r = {o, h, p, m, &info};
    return cap_run_publish(o->out_dir, book_names, BOOKS, write_books, render,
                           &r, out, err);
}

cap_status cap_run_check_books(const cap_options *o, const cap_portfolio *p,
                               int folder, cap_error *err)
{
    CAP_TRY(cap_book_size_check(p, !o->no_sim, err));
    return folder ? cap_outset_check(o->out_dir, book_names, BOOKS, err)
                  : CAP_OK;
}

cap_model *cap_run_model(const cap_options *o, cap_error *err)
{
    return o->model_path ? cap_model_load_encoded(o->model_path, o->encoding,
                                                  err)
                         : cap_model_builtin(err);
}

cap_horizon *cap_run_horizon(const cap_options *o, const cap_portfolio *p,
                             const cap_model *m, cap_error *err)
{
    if (check_sim_work(o, p, m, err) != CAP_OK)
        return NULL;
    cap_sim_options so = cap_run_sim_options(o, m);
    return cap_horizon_run(p, m, o->no_sim ? NULL : &so, err);
}

cap_status cap_run(const cap_options *o, FILE *out, cap_error *err)
{
    CAP_TRY(cap_run_check_stdout(out, err));
    cap_model *m = cap_run_model(o, err);
    if (!m)
        return err->code;
    cap_portfolio *p = cap_run_inputs(o, m, err);
    if (p && cap_run_check_books(o, p, 1, err) != CAP_OK) {
        cap_portfolio_free(p);
        p = NULL;
    }
    cap_horizon *h = p ? cap_run_horizon(o, p, m, err) : NULL;
    cap_status st = h ? cap_run_report(o, out, h, p, m, err) : err->code;
    cap_horizon_free(h);
    cap_portfolio_free(p);
    cap_model_free(m);
    return st;
}
