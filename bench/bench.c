/* bench.c - speed and memory of the rules engine and the simulation.
 *
 * Times the whole rules-only pipeline on the shipped finance book, then on
 * synthetic books of growing size, and prints a table: wall time per run,
 * time per partner, the ratio to the smallest book (linear scaling shows
 * as ratio ~ size ratio), and peak resident memory.
 *
 * A second table times the ticket simulation (cap_simulate on quarter 0,
 * the model's seed, no progress callback) on the finance book and on the
 * 30-partner synthetic book: median wall time of 3 runs, time per
 * partner-replication, speed-up over 1 thread at the same replications,
 * and peak resident memory after the row.  Only cap_simulate is timed; the
 * quarter-0 rules it starts from are rebuilt, untimed, before every run.
 * To keep the whole bench under a minute on two cores, the synthetic book
 * is simulated at 20 replications only and the 300- and 3000-partner
 * books not at all (a line under the table says what a run would cost).
 * Then the simulation (100 replications, all cores) is compared with the
 * rules-only sizing of the same quarter (best of 5).
 *
 * A third table times what a default run does on the finance book: the
 * whole horizon (cap_horizon_run: every quarter sized, with and without
 * the simulation) and each of the three workbooks written (into a
 * temporary folder, from the rules-only horizon), with the file sizes.
 *
 * The samples are read by relative path from the source folder: run it
 * from there, or give the source folder as the one argument:
 *   ./build/capbench            (from the source folder)
 *   build/capbench /work/main   (from anywhere)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "calendar.h"
#include "horizon.h"
#include "model.h"
#include "outdir.h"
#include "portfolio.h"
#include "sim.h"
#include "staffing.h"
#include "workbook.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void die(const cap_error *err)
{
    fprintf(stderr, "capbench: %s\n", err->message);
    exit(1);
}

/* A synthetic book: partners cycling through channels, plans and zones. */
static cap_portfolio *synthetic(size_t partners)
{
    static const char *const zones[] = {"America/New_York", "Europe/Berlin",
        "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney",
        "Europe/London", "America/Sao_Paulo"};
    cap_portfolio *p = calloc(1, sizeof *p);
    p->partners = calloc(partners, sizeof *p->partners);
    p->partner_count = partners;
    p->start = (cap_date){2027, 1, 1};
    p->quarters = 4;
    for (size_t i = 0; i < partners; i++) {
        cap_partner *partner = &p->partners[i];
        snprintf(partner->id, sizeof partner->id, "p%zu", i);
        partner->channel = (cap_channel)(i % CAP_CHANNELS);
        partner->csm.kind = CAP_ASK_AUTO;
        partner->tam.kind = i % 3 ? CAP_ASK_NONE : CAP_ASK_AUTO;
        partner->service_hours.kind = CAP_ASK_AUTO;
        partner->tier_override = -1;
        partner->segment_count = 3;
        partner->segments = calloc(3, sizeof *partner->segments);
        for (int s = 0; s < 3; s++) {
            cap_segment *seg = &partner->segments[s];
            seg->plan = (cap_plan)((i + s) % 5 == 0 ? (i + s) % 3 : 0);
            snprintf(seg->timezone, sizeof seg->timezone, "%s", zones[(i + s) % 8]);
            seg->customers = 5 + (int)((i * 7 + s * 3) % 30);
            seg->quarter = -1;
        }
    }
    return p;
}

static cap_staffing *staffing(const cap_portfolio *p, const cap_model *m, int q)
{
    cap_error err;
    cap_staffing *s = cap_staffing_run(p, m, q, &err);
    if (!s)
        die(&err);
    return s;
}

/* Best of `reps` runs of sizing quarters [0, quarters) of p. */
static double time_sizing(const cap_portfolio *p, const cap_model *m,
                          int quarters, int reps)
{
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        for (int q = 0; q < quarters; q++)
            cap_staffing_free(staffing(p, m, q));
        double t = now() - t0;
        best = t < best ? t : best;
    }
    return best;
}

/* Reads and checks the finance book as src/run.c does. */
static double time_loading(const cap_model *m, cap_portfolio **out)
{
    cap_error err;
    double t0 = now();
    cap_portfolio *p = cap_portfolio_load("samples/finance-book.ini", m,
                                          (cap_date){2026, 11, 22}, &err);
    if (!p || cap_portfolio_add_csv(p, "samples/finance-book.csv", m, &err)
        || cap_portfolio_validate(p, &err)) {
        fprintf(stderr, "capbench: %s (run from the source folder, or give "
                "it as the argument)\n", err.message);
        exit(1);
    }
    *out = p;
    return now() - t0;
}

static void rules_tables(const cap_model *m, const cap_portfolio *book,
                         double t_model, double t_load)
{
    double t_book = time_sizing(book, m, book->quarters, 5);
    printf("capbench: rules engine, best of 5, every quarter of the horizon\n\n");
    printf("%-28s %10s\n", "finance book stage", "ms");
    printf("%-28s %10.3f\n", "model (built-in) parse", t_model * 1e3);
    printf("%-28s %10.3f\n", "portfolio read + validate", t_load * 1e3);
    printf("%-28s %10.3f\n", "size 30 partners x 4 q", t_book * 1e3);
    printf("\n%9s %12s %14s %12s %10s\n", "partners", "ms / run", "us / partner-q",
           "time ratio", "peak MiB");
    double base = 0;
    size_t sizes[] = {30, 300, 3000};
    for (size_t k = 0; k < 3; k++) {
        cap_portfolio *p = synthetic(sizes[k]);
        double t = time_sizing(p, m, 4, 3);
        if (k == 0)
            base = t;
        printf("%9zu %12.2f %14.2f %12.1f %10.1f\n", sizes[k], t * 1e3,
               t * 1e6 / (sizes[k] * 4), t / base, peak_kib() / 1024.0);
        cap_portfolio_free(p);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of 3 runs of cap_simulate_quarter on fresh quarter-0 rules. */
static double time_simulation(const cap_portfolio *p, const cap_model *m,
                              int replications, int threads)
{
    double t[3];
    for (int r = 0; r < 3; r++) {
        cap_error err;
        cap_staffing *s = staffing(p, m, 0);
        cap_sim_options o = {m->seed, replications, threads, NULL, NULL};
        double t0 = now();
        if (cap_simulate_quarter(s, p, m, &o, &err) != CAP_OK)
            die(&err);
        t[r] = now() - t0;
        cap_staffing_free(s);
    }
    qsort(t, 3, sizeof t[0], cmp_double);
    return t[1];
}

typedef struct {
    int replications, threads;
} sim_case;

/* Prints the rows of one book and stores their times in times[0..n). */
static void sim_rows(const char *book, const cap_portfolio *p,
                     const cap_model *m, const sim_case *cases, int n,
                     double *times)
{
    double one_thread = 0;
    for (int k = 0; k < n; k++) {
        double t = time_simulation(p, m, cases[k].replications, cases[k].threads);
        times[k] = t;
        if (cases[k].threads == 1)
            one_thread = t;
        printf("%-10s %8zu %6d %7d %10.1f %16.1f %9.2f %9.1f\n", book,
               p->partner_count, cases[k].replications, cases[k].threads,
               t * 1e3, t * 1e6 / ((double)p->partner_count * cases[k].replications),
               one_thread / t, peak_kib() / 1024.0);
        fflush(stdout);
    }
}

/* Prints the simulation table; returns the finance book's all-core time. */
static double sim_table(const cap_model *m, const cap_portfolio *book, int cores)
{
    const sim_case finance[] = {{20, 1}, {100, 1}, {100, 2}, {100, cores}};
    const sim_case small[] = {{20, 1}, {20, 2}};
    printf("\ncapbench: simulation of quarter 0 (cap_simulate only), median of "
           "3, seed %lu\n\n", m->seed);
    printf("%-10s %8s %6s %7s %10s %16s %9s %9s\n", "book", "partners", "reps",
           "threads", "ms / run", "us / partner-rep", "speed-up", "peak MiB");
    double t_finance[4], t_small[2];
    sim_rows("finance", book, m, finance, 4, t_finance);
    cap_portfolio *p = synthetic(30);
    sim_rows("synthetic", p, m, small, 2, t_small);
    cap_portfolio_free(p);
    double per = t_small[0] / (30.0 * 20);
    printf("(speed-up: over the 1-thread row of the same book and replications; "
           "%d cores online)\n", cores);
    printf("(synthetic books: 30 partners at 20 replications only, 300 and 3000 "
           "not simulated, to stay under ~60 s;\n at %.2f ms per "
           "partner-replication on 1 thread, one 100-replication run would take "
           "~%.0f s, ~%.0f s and ~%.0f s)\n", per * 1e3, 30 * 100 * per,
           300 * 100 * per, 3000 * 100 * per);
    return t_finance[3];
}

static cap_horizon *horizon(const cap_portfolio *p, const cap_model *m,
                            const cap_sim_options *so, double *seconds)
{
    cap_error err;
    double t0 = now();
    cap_horizon *h = cap_horizon_run(p, m, so, &err);
    *seconds = now() - t0;
    if (!h)
        die(&err);
    return h;
}

typedef cap_status (*book_writer)(const cap_staged *, const cap_horizon *,
                                  const cap_portfolio *, const cap_model *,
                                  cap_error *);

static cap_status staffing_book(const cap_staged *f, const cap_horizon *h,
                                const cap_portfolio *p, const cap_model *m,
                                cap_error *err)
{
    return cap_workbook_staffing(f, h->quarter[0], p, m, NULL, err);
}

static cap_status cost_book(const cap_staged *f, const cap_horizon *h,
                            const cap_portfolio *p, const cap_model *m,
                            cap_error *err)
{
    return cap_workbook_cost(f, h->quarter[0], p, m, NULL, err);
}

static cap_status quarterly_book(const cap_staged *f, const cap_horizon *h,
                                 const cap_portfolio *p, const cap_model *m,
                                 cap_error *err)
{
    return cap_workbook_quarterly(f, h, p, m, NULL, err);
}

/* Writes one workbook into dir; prints its time and size. */
static void time_book(const char *dir, const char *name, book_writer write,
                      const cap_horizon *h, const cap_portfolio *p,
                      const cap_model *m)
{
    char path[CAP_PATH_MAX];
    cap_staged f;
    cap_error err;
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    double t0 = now();
    if (cap_outdir_stage(path, &f, &err) != CAP_OK ||
        write(&f, h, p, m, &err) != CAP_OK ||
        cap_outdir_publish(&f, 1, &err) != CAP_OK)
        die(&err);
    double t = now() - t0;
    printf("%-34s %10.1f %10.0f\n", name, t * 1e3,
           stat(path, &st) == 0 ? st.st_size / 1024.0 : -1.0);
    unlink(path);
}

static void horizon_table(const cap_model *m, const cap_portfolio *book,
                          int cores, double t_quarter0)
{
    double t_rules, t_sim;
    cap_sim_options so = {m->seed, m->replications, cores, NULL, NULL};
    printf("\ncapbench: a default run's parts, finance book (%d quarters)\n\n",
           book->quarters);
    printf("%-34s %10s %10s\n", "part", "ms", "KiB");
    cap_horizon *h = horizon(book, m, NULL, &t_rules);
    cap_horizon_free(horizon(book, m, &so, &t_sim));
    printf("%-34s %10.1f\n", "horizon, rules only", t_rules * 1e3);
    printf("%-34s %10.1f   (%d replications, %d threads; %.1fx quarter 0)\n",
           "horizon, simulated", t_sim * 1e3, m->replications, cores,
           t_sim / t_quarter0);
    char dir[] = "/tmp/capbench.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("capbench: mkdtemp");
        exit(1);
    }
    time_book(dir, "staffing.xlsx (rules only)", staffing_book, h, book, m);
    time_book(dir, "cost.xlsx", cost_book, h, book, m);
    time_book(dir, "quarterly.xlsx", quarterly_book, h, book, m);
    rmdir(dir);
    cap_horizon_free(h);
}

int main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && chdir(argv[1]) != 0)) {
        fprintf(stderr, "usage: capbench [SOURCE_DIR]\n");
        return 2;
    }
    cap_error err;
    double t0 = now();
    cap_model *m = cap_model_builtin(&err);
    if (!m)
        die(&err);
    double t_model = now() - t0;
    cap_portfolio *book;
    double t_load = time_loading(m, &book);
    rules_tables(m, book, t_model, t_load);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    int cores = online > 0 ? (int)online : 1;
    double t_sim = sim_table(m, book, cores);
    double t_rules = time_sizing(book, m, 1, 5);
    printf("\nfinance book, quarter 0: simulation (100 replications, %d cores) / "
           "rules-only (best of 5) = %.1f ms / %.3f ms = %.0fx\n", cores,
           t_sim * 1e3, t_rules * 1e3, t_sim / t_rules);
    horizon_table(m, book, cores, t_sim);
    cap_portfolio_free(book);
    cap_model_free(m);
    return 0;
}
