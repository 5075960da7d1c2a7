/* run.h - one capplan run: read and check every input, size, report.
 *
 * Every input is read and checked before anything is written, so a bad
 * input leaves the output folder as it was.
 */
#ifndef CAP_RUN_H
#define CAP_RUN_H

#include <stdio.h>

#include "cli.h"
#include "error.h"
#include "horizon.h"
#include "model.h"
#include "outset.h"
#include "portfolio.h"
#include "report.h"
#include "sim.h"

/* Runs the options o, printing the JSON or summary to out. */
cap_status cap_run(const cap_options *o, FILE *out, cap_error *err);

/* The pieces of a run, for the commands that build their portfolio some
 * other way (capplan size, capplan compare). */

/* The model of -m, or the built-in one.  Caller frees. */
cap_model *cap_run_model(const cap_options *o, cap_error *err);

/* The portfolio of o (and its CSV), read and validated; a notice on
 * stderr for CSV columns left unread.  Caller frees. */
cap_portfolio *cap_run_inputs(const cap_options *o, const cap_model *m,
                              cap_error *err);

/* Before any work: every sheet of the three workbooks fits a spreadsheet
 * (booksize.h) and, when folder, o->out_dir can take them. */
cap_status cap_run_check_books(const cap_options *o, const cap_portfolio *p,
                               int folder, cap_error *err);

/* The three workbooks of h published as a set in o->out_dir, then the
 * summary or JSON on out, then the commit: a failure anywhere leaves the
 * previous workbooks. */
cap_status cap_run_report(const cap_options *o, FILE *out,
                          const cap_horizon *h, const cap_portfolio *p,
                          const cap_model *m, cap_error *err);

/* --today, or today's date (UTC). */
cap_status cap_run_today(const cap_options *o, cap_date *today,
                         cap_error *err);

/* Seed, replications and threads of o, the model's where o leaves them. */
cap_sim_options cap_run_sim_options(const cap_options *o, const cap_model *m);

/* What the workbooks and the JSON record about the run. */
cap_run_info cap_run_info_of(const cap_options *o, const cap_model *m);

/* Fails (CAP_ERR_OUTPUT) when out cannot be written: checked before any
 * work. */
cap_status cap_run_check_stdout(FILE *out, cap_error *err);

/* What a command publishes: its workbooks into a staged set, its report
 * (JSON or text) into out.  ctx is the command's own. */
typedef cap_status (*cap_run_books_fn)(cap_outset *set, const void *ctx,
                                       cap_error *err);
typedef cap_status (*cap_run_render_fn)(FILE *out, const void *ctx,
                                        cap_error *err);

/* Renders the report in memory, writes the workbooks names[0..n) into a
 * set in dir (none when dir is NULL), publishes them, prints the report on
 * out and commits: any failure leaves the previous workbooks and prints
 * nothing. */
cap_status cap_run_publish(const char *dir, const char *const *names,
                           size_t n, cap_run_books_fn books,
                           cap_run_render_fn report, const void *ctx,
                           FILE *out, cap_error *err);

/* Sizes (and unless --no-sim simulates) every quarter of p.  Caller frees
 * (cap_horizon_free); NULL and err on failure. */
cap_horizon *cap_run_horizon(const cap_options *o, const cap_portfolio *p,
                             const cap_model *m, cap_error *err);

#endif
