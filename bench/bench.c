/* bench.c - capplan-bench: what a run costs a user, case by case.
 *
 * Every case runs what a user runs (the capplan program built beside it, on
 * a portfolio INI and a customers CSV, workbooks written) as its own child
 * process, so its wall time, CPU time and peak memory are its own (see
 * child.h).  Four parts, each printed as it is measured:
 *
 *   1. books of growing size (book.h) simulated for a year: tickets,
 *      wall and CPU seconds, tickets per CPU second, peak memory, the
 *      -j 1 -> -j N speed-up split into its serial part and the extra CPU
 *      of N threads (beside a control of pure computation), and CPU per
 *      customer-replication
 *      against the smallest book (a linear cost keeps that ratio near 1 or
 *      below);
 *   2. memory over the horizon: the same book for a quarter and a year,
 *      and `capplan queue` for a quarter's and a year's hours; with
 *      --partner-memory, one partner of a few customers beside one of
 *      many (memory bounded by the open tickets, not the tickets);
 *   3. the stationary queue (`capplan queue -j 1`) beside SimPy 2 on the
 *      same M/M/c: tickets per CPU second each, and their ratio;
 *   4. the targets of issue 12, each met or not met.
 *
 * Tickets are those the customers raise over the horizon (expected from
 * the model's tickets_per_month), once per replication.  The engine does
 * more work than that: warm-up weeks, tasks, and the SLA search serving
 * the same tickets again for each staffing it tries.  Per core means per
 * CPU second of the child (user + system), which other load on a shared
 * machine changes less than wall time; the speed-up is by wall time.
 */
#define _DEFAULT_SOURCE /* getloadavg, mkdtemp */
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchopt.h"
#include "book.h"
#include "child.h"
#include "model.h"

/* Issue 12's targets for a 2-core machine. */
#define TARGET_SIMPY_RATIO 100.0   /* capplan queue / SimPy 2, tickets per CPU s */
#define TARGET_YEAR_MEMORY 1.2     /* a year's peak / a quarter's */
#define TARGET_SPEEDUP 1.8         /* -j 2 wall / -j 1 wall */
/* "Linear": no book costs more CPU per customer-replication than this
 * times a smaller book (smaller books carry start-up costs, so theirs is
 * higher, not lower, when the cost is linear). */
#define TARGET_LINEAR 1.25
/* Cases shorter than this are run up to three times, the fastest kept. */
#define SHORT_CASE_SECONDS 2.0

typedef struct {
    const cap_bench_options *o;
    const cap_model *m;
    char dir[4096];          /* the temporary folder */
} bench;

typedef struct {
    cap_bench_book book;
    int reps;
    double tickets;          /* over the horizon, all replications */
    cap_bench_usage par, one;  /* -j N; -j 1 */
    int has_one;
} size_result;

typedef struct {
    double simpy_ratio[CAP_BENCH_MAX_QUEUES];
    double year_memory, queue_year_memory, speedup, linear;
    long speedup_size;
    int speedup_reps, speedup_full;
} targets;

static void die(const char *what)
{
    fprintf(stderr, "capplan-bench: %s\n", what);
    exit(1);
}

static double mib(long kib)
{
    return (double)kib / 1024.0;
}

/* Runs argv as a case; on failure prints its first error line and exits. */
static void run_case(const bench *b, char *const argv[], const char *name,
                     cap_bench_usage *u)
{
    char out[4200], err[4200], line[512];
    snprintf(out, sizeof out, "%s/%s.out", b->dir, name);
    snprintf(err, sizeof err, "%s/%s.err", b->dir, name);
    if (cap_bench_run(argv, out, err, u) != 0) {
        cap_bench_first_line(err, line, (int)sizeof line);
        fprintf(stderr, "capplan-bench: %s exited %d: %s\n", argv[0],
                u->exit_code, line);
        exit(1);
    }
}

/* The fastest of up to three runs when a run is short (timer noise). */
static void run_best(const bench *b, char *const argv[], const char *name,
                     cap_bench_usage *u)
{
    run_case(b, argv, name, u);
    for (int i = 0; i < 2 && u->wall < SHORT_CASE_SECONDS; i++) {
        cap_bench_usage again;
        run_case(b, argv, name, &again);
        if (again.wall < u->wall)
            *u = again;
    }
}

/* ---- machine ---- */

static void cpu_model(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            snprintf(out, size, "%s", colon + 2);
            out[strcspn(out, "\n")] = '\0';
            break;
        }
    }
    if (f)
        fclose(f);
}

static void print_load(const char *when)
{
    double load[3];
    if (getloadavg(load, 3) == 3)
        printf("load average %s: %.2f %.2f %.2f\n", when, load[0], load[1], load[2]);
}

static void print_machine(int argc, char **argv)
{
    char cpu[256], date[64];
    time_t t = time(NULL);
    cpu_model(cpu, sizeof cpu);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&t));
    printf("capplan-bench");
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n%s, %ld cores (%s)\n", date, sysconf(_SC_NPROCESSORS_ONLN), cpu);
    print_load("at start");
}

static json_t *queue_run(const bench *b, const cap_bench_queue *q, double hours,
                         int reps, const char *name, int jobs,
                         cap_bench_usage *u);

/* ---- 1. books of growing size ---- */

/* One run of the book: simulated with reps replications on jobs threads. */
static void capplan_run(const bench *b, const cap_bench_book *book, int reps,
                        int jobs, cap_bench_usage *u)
{
    char ini[4200], csv[4200], outdir[4200], name[64], j[16], r[16];
    snprintf(name, sizeof name, "book-%ld-q%d", book->customers, book->quarters);
    snprintf(ini, sizeof ini, "%s/%s.ini", b->dir, name);
    snprintf(csv, sizeof csv, "%s/%s.csv", b->dir, name);
    if (cap_bench_book_write(book, ini, csv) != 0)
        die("cannot write a book into the temporary folder");
    snprintf(name + strlen(name), sizeof name - strlen(name), "-j%d", jobs);
    snprintf(outdir, sizeof outdir, "%s/%s", b->dir, name);
    snprintf(j, sizeof j, "%d", jobs);
    snprintf(r, sizeof r, "%d", reps);
    char *argv[16] = {(char *)b->o->capplan, "-j", j, "-r", r, "-o", outdir};
    int n = 7;
    if (b->o->model)
        argv[n++] = "-m", argv[n++] = (char *)b->o->model;
    argv[n++] = ini, argv[n++] = csv;
    run_best(b, argv, name, u);
}

static double cost_per_unit(const size_result *s)
{
    return s->par.cpu / ((double)s->book.customers * s->reps) * 1e6;
}

static void print_size_header(const cap_bench_options *o)
{
    printf("\n1. Portfolios simulated for a year (4 quarters), the real run: "
           "capplan -j %d -r R -o DIR BOOK.ini BOOK.csv\n"
           "   %ld customers per partner; tickets = raised by the customers "
           "in the year x replications\n\n", o->jobs, o->per_partner);
    printf("%9s %8s %4s %11s %8s %8s %11s %8s %8s %8s %9s %6s\n", "customers",
           "partners", "reps", "tickets", "wall s", "CPU s", "tickets/s",
           "peak", "-j 1", "speed-up", "CPU us /", "ratio");
    printf("%9s %8s %4s %11s %8s %8s %11s %8s %8s %8s %9s %6s\n", "", "", "",
           "", "", "", "per core", "MiB", "wall s", "", "cust-rep", "");
}

static void print_size_row(const size_result *s, const size_result *first)
{
    printf("%9ld %8ld %4d %11.0f %8.2f %8.2f %11.0f %8.1f ", s->book.customers,
           cap_bench_book_partners(&s->book), s->reps, s->tickets, s->par.wall,
           s->par.cpu, s->tickets / s->par.cpu, mib(s->par.peak_kib));
    if (s->has_one)
        printf("%8.2f %8.2f ", s->one.wall, s->one.wall / s->par.wall);
    else
        printf("%8s %8s ", "-", "-");
    printf("%9.1f %6.2f\n", cost_per_unit(s), cost_per_unit(s) / cost_per_unit(first));
    fflush(stdout);
}

static void measure_size(const bench *b, cap_bench_size z, size_result *s)
{
    const cap_bench_options *o = b->o;
    s->book = (cap_bench_book){z.customers, o->per_partner, 4};
    s->reps = z.reps ? z.reps : o->reps;
    s->tickets = cap_bench_book_tickets(&s->book, b->m) * s->reps;
    capplan_run(b, &s->book, s->reps, o->jobs, &s->par);
    s->has_one = z.customers <= o->speedup_max && o->jobs != 1;
    if (s->has_one)
        capplan_run(b, &s->book, s->reps, 1, &s->one);
}

/* Worst CPU per customer-replication of a case against a smaller one (no
 * more customers and no more replications): start-up and per-partner
 * costs that do not grow with replications make small cases dearer per
 * unit, so only a cost growing faster than linear pushes this above 1. */
static double linearity(const size_result *s, int n)
{
    double worst = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            int smaller = s[k].book.customers <= s[i].book.customers &&
                          s[k].reps <= s[i].reps &&
                          (s[k].book.customers < s[i].book.customers ||
                           s[k].reps < s[i].reps);
            double r = cost_per_unit(&s[i]) / cost_per_unit(&s[k]);
            if (smaller && r > worst)
                worst = r;
        }
    return worst;
}

/* A run on N threads split by its wall and CPU time, taking every moment
 * to have either one thread or all N busy (an idle machine: under other
 * load a thread also waits for a time slice, and the split means
 * nothing): N x busy + one = CPU, busy + one = wall. */
typedef struct {
    double one;       /* wall seconds with one thread busy: the serial part */
    double busy;      /* wall seconds with all N busy */
} thread_split;

static int split_threads(const cap_bench_usage *u, int jobs, thread_split *t)
{
    t->busy = (u->cpu - u->wall) / (jobs - 1);
    t->one = u->wall - t->busy;
    return t->busy > 0 && t->one >= 0;
}

/* Why -j N is not N times -j 1: the serial part (reading, rules, the
 * workbooks, the last partner of each quarter), and the parallel part
 * costing more CPU on N threads than on one (the threads slowing each
 * other: shared caches and memory, the host's other vCPU), each with the
 * speed-up it alone would leave. */
static void print_split(const size_result *s, int jobs)
{
    thread_split t;
    printf("   %ld customers, %d reps: ", s->book.customers, s->reps);
    if (!split_threads(&s->par, jobs, &t) || s->one.cpu <= t.one) {
        printf("-j %d used %.0f%% CPU, too little to split (a busy machine)\n",
               jobs, 100 * s->par.cpu / s->par.wall);
        return;
    }
    double par_one = s->one.cpu - t.one, slower = jobs * t.busy / par_one;
    printf("-j %d ran %.2f s on one thread and %.2f s on %d; the serial part "
           "alone caps -j %d at %.2fx;\n      its %d threads spent %.2fx the CPU "
           "-j 1 spent on the same work, which alone caps it at %.2fx; "
           "blocked %ld times (-j 1: %ld)\n",
           jobs, t.one, t.busy, jobs, jobs,
           s->one.cpu / (t.one + par_one / jobs), jobs, slower, jobs / slower,
           s->par.waits, s->one.waits);
}

/* The machine's own room: capplan queue's replications share nothing and
 * hold a few MiB, so its -j N speed-up and CPU show what N threads of
 * pure computation get from this machine (and from its other load). */
static void print_control(const bench *b)
{
    const cap_bench_options *o = b->o;
    cap_bench_usage u1, un;
    json_decref(queue_run(b, &o->queue[0], o->queue_hours, 4 * o->jobs,
                          "control-j1", 1, &u1));
    json_decref(queue_run(b, &o->queue[0], o->queue_hours, 4 * o->jobs,
                          "control-jn", o->jobs, &un));
    printf("   control: capplan queue -r %d (replications that share nothing) "
           "-j %d vs -j 1: %.2fx at %.0f%% CPU,\n      its %d threads spending "
           "%.2fx the CPU of one: what this machine and its other load give "
           "pure computation\n", 4 * o->jobs, o->jobs, u1.wall / un.wall,
           100 * un.cpu / un.wall, o->jobs, un.cpu / u1.cpu);
}

static void size_table(const bench *b, size_result *s, targets *t)
{
    const cap_bench_options *o = b->o;
    print_size_header(o);
    for (int i = 0; i < o->size_count; i++) {
        measure_size(b, o->size[i], &s[i]);
        print_size_row(&s[i], &s[0]);
        /* issue 12 states its targets at the full replications: the
         * largest such book decides; one at fewer (more serial share)
         * only when no book ran at the full count both ways */
        int full = s[i].reps == o->reps;
        if (s[i].has_one && (full || !t->speedup_full)) {
            t->speedup = s[i].one.wall / s[i].par.wall;
            t->speedup_size = s[i].book.customers;
            t->speedup_reps = s[i].reps;
            t->speedup_full = full;
        }
    }
    for (int i = 0; i < o->size_count; i++)
        if (s[i].has_one)
            print_split(&s[i], o->jobs);
    if (t->speedup > 0)
        print_control(b);
    for (int i = 0; i < o->size_count; i++)
        if (s[i].reps < o->reps)
            printf("   %ld customers ran at %d replications: at %d the wall time "
                   "would be about %.0f s (x %.0f, the simulation's work being "
                   "linear in replications)\n", s[i].book.customers, s[i].reps,
                   o->reps, s[i].par.wall * o->reps / s[i].reps,
                   (double)o->reps / s[i].reps);
    t->linear = linearity(s, o->size_count);
}

/* ---- 2. memory over the horizon ---- */

/* Runs `capplan queue` with the given hours and replications, -j 1,
 * --json into NAME.out; returns its parsed JSON (caller frees). */
static json_t *queue_run(const bench *b, const cap_bench_queue *q, double hours,
                         int reps, const char *name, int jobs,
                         cap_bench_usage *u)
{
    const cap_bench_options *o = b->o;
    char l[32], h[32], c[16], t[32], n[32], r[16], j[16], path[4200];
    snprintf(j, sizeof j, "%d", jobs);
    snprintf(l, sizeof l, "%g", q->rate);
    snprintf(h, sizeof h, "%g", q->handle);
    snprintf(c, sizeof c, "%d", q->servers);
    snprintf(t, sizeof t, "%g", q->target);
    snprintf(n, sizeof n, "%g", hours);
    snprintf(r, sizeof r, "%d", reps);
    char *argv[] = {(char *)o->capplan, "queue", "--arrivals-per-hour", l,
                    "--handle-minutes", h, "--servers", c, "--target-minutes", t,
                    "--hours", n, "-r", r, "-j", j, "--json",
                    o->model ? "-m" : NULL, (char *)o->model, NULL};
    run_case(b, argv, name, u);
    snprintf(path, sizeof path, "%s/%s.out", b->dir, name);
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    if (!doc)
        die("capplan queue --json printed no JSON");
    return doc;
}

static double ratio_line(const char *what, long quarter_kib, long year_kib)
{
    double ratio = (double)year_kib / (double)quarter_kib;
    printf("%-52s %8.1f %8.1f %6.2f\n", what, mib(quarter_kib), mib(year_kib), ratio);
    return ratio;
}

/* One partner (a book of one) of a few customers beside one of many, a
 * quarter at 2 replications: past the 64 MiB of kept replications a
 * streamed run holds its open tickets, so the peak should stay near flat
 * while the tickets triple. */
static void partner_memory(const bench *b)
{
    const cap_bench_options *o = b->o;
    if (o->partner_small <= 0)
        return;
    cap_bench_book small = {o->partner_small, o->partner_small, 1};
    cap_bench_book big = {o->partner_big, o->partner_big, 1};
    cap_bench_usage us, ub;
    capplan_run(b, &small, 2, o->jobs, &us);
    capplan_run(b, &big, 2, o->jobs, &ub);
    char what[128];
    snprintf(what, sizeof what, "one partner, %ld vs %ld customers, a quarter, 2 reps",
             o->partner_small, o->partner_big);
    printf("%-52s %8s %8s %6s\n", "", "smaller", "larger", "ratio");
    ratio_line(what, us.peak_kib, ub.peak_kib);
    fflush(stdout);
}

static void memory_table(const bench *b, const size_result *s, targets *t)
{
    const cap_bench_options *o = b->o;
    printf("\n2. Memory over the horizon: peak resident MiB of one run\n\n"
           "%-52s %8s %8s %6s\n", "", "quarter", "year", "ratio");
    if (o->memory_size > 0) {
        cap_bench_book year = {o->memory_size, o->per_partner, 4};
        cap_bench_book quarter = {o->memory_size, o->per_partner, 1};
        cap_bench_usage uy = {0}, uq;
        for (int i = 0; i < o->size_count; i++)
            if (s[i].book.customers == o->memory_size && s[i].reps == o->reps)
                uy = s[i].par;
        if (uy.peak_kib == 0)
            capplan_run(b, &year, o->reps, o->jobs, &uy);
        capplan_run(b, &quarter, o->reps, o->jobs, &uq);
        char what[128];
        snprintf(what, sizeof what, "portfolio, %ld customers, %d reps, -j %d",
                 o->memory_size, o->reps, o->jobs);
        t->year_memory = ratio_line(what, uq.peak_kib, uy.peak_kib);
    }
    partner_memory(b);
    if (o->queue_memory_reps == 0)
        return;
    cap_bench_usage qq, qy;
    const cap_bench_queue *q = &o->queue[0];
    json_decref(queue_run(b, q, o->queue_quarter_hours, o->queue_memory_reps,
                          "queue-quarter", 1, &qq));
    json_decref(queue_run(b, q, o->queue_year_hours, o->queue_memory_reps,
                          "queue-year", 1, &qy));
    char what[128];
    snprintf(what, sizeof what, "capplan queue M/M/%d %g/h, %g vs %g h, %d reps",
             q->servers, q->rate, o->queue_quarter_hours, o->queue_year_hours,
             o->queue_memory_reps);
    t->queue_year_memory = ratio_line(what, qq.peak_kib, qy.peak_kib);
    fflush(stdout);
}

/* ---- 3. the stationary queue beside SimPy 2 ---- */

static double json_number_at(json_t *doc, const char *a, const char *b2,
                             const char *c)
{
    json_t *v = json_object_get(json_object_get(doc, a), b2);
    if (c)
        v = json_object_get(v, c);
    return json_number_value(v);
}

/* Runs the SimPy script for whole replications of q until about
 * o->simpy_tickets; fills tickets and service level.  0 when done. */
static int simpy_run(const bench *b, const cap_bench_queue *q, double warmup,
                     cap_bench_usage *u, double *tickets, double *level,
                     int *reps)
{
    const cap_bench_options *o = b->o;
    char args[8][32], path[4200];
    double per_rep = q->rate * (warmup + o->queue_hours);
    *reps = (int)ceil((double)o->simpy_tickets / per_rep);
    snprintf(args[0], 32, "%g", q->rate);
    snprintf(args[1], 32, "%g", q->handle);
    snprintf(args[2], 32, "%d", q->servers);
    snprintf(args[3], 32, "%g", q->target);
    snprintf(args[4], 32, "%g", warmup);
    snprintf(args[5], 32, "%g", o->queue_hours);
    snprintf(args[6], 32, "%d", *reps);
    snprintf(args[7], 32, "%lu", b->m->seed);
    char *argv[] = {(char *)o->python, (char *)o->simpy_script, args[0], args[1],
                    args[2], args[3], args[4], args[5], args[6], args[7], NULL};
    run_case(b, argv, "simpy", u);
    snprintf(path, sizeof path, "%s/simpy.out", b->dir);
    FILE *f = fopen(path, "r");
    int ok = f && fscanf(f, "tickets %lf service_level %lf", tickets, level) == 2;
    if (f)
        fclose(f);
    return ok ? 0 : -1;
}

static void queue_row(const char *engine, int reps, double tickets,
                      const cap_bench_usage *u, double level)
{
    printf("%-22s %5d %11.0f %8.2f %8.2f %11.0f %8.1f %8.4f\n", engine, reps,
           tickets, u->wall, u->cpu, tickets / u->cpu, mib(u->peak_kib), level);
}

static void queue_header(const cap_bench_queue *q, double warmup, double hours)
{
    printf("\nM/M/%d: %g tickets/hour, %g min mean handle (%g Erlangs), in time = "
           "share answered within %g min;\n%g h warm-up + %g h per replication; "
           "tickets = arrivals\n\n", q->servers, q->rate, q->handle,
           q->rate * q->handle / 60, q->target, warmup, hours);
    printf("%-22s %5s %11s %8s %8s %11s %8s %8s\n", "engine", "reps", "tickets",
           "wall s", "CPU s", "tickets/s", "peak MiB", "in time");
}

/* One queue: capplan, then SimPy; returns their ratio (0: no SimPy). */
static double queue_case(const bench *b, const cap_bench_queue *q)
{
    const cap_bench_options *o = b->o;
    cap_bench_usage uc, us;
    double warmup = b->m->warmup_weeks * 168.0; /* as capplan queue */
    int reps = (int)ceil((double)o->queue_tickets / (q->rate * (warmup + o->queue_hours)));
    json_t *doc = queue_run(b, q, o->queue_hours, reps, "queue", 1, &uc);
    double tickets = q->rate * (warmup + o->queue_hours) * reps;
    if (json_number_value(json_object_get(doc, "warmup_hours")) != warmup)
        die("capplan queue warmed up for other hours than the model's");
    queue_header(q, warmup, o->queue_hours);
    printf("%-22s %5s %11s %8s %8s %11s %8s %8.4f\n", "Erlang C (exact)", "", "",
           "", "", "", "", json_number_at(doc, "erlang_c", "service_level", NULL));
    queue_row("capplan queue -j 1", reps, tickets, &uc,
              json_number_at(doc, "simulated", "service_level", "mean"));
    json_decref(doc);
    if (!o->simpy)
        return 0;
    double simpy_tickets, level;
    if (simpy_run(b, q, warmup, &us, &simpy_tickets, &level, &reps) != 0)
        die("the SimPy script printed no ticket count");
    queue_row("SimPy 2 (python3)", reps, simpy_tickets, &us, level);
    double ratio = (tickets / uc.cpu) / (simpy_tickets / us.cpu);
    printf("capplan / SimPy 2, tickets per CPU second: %.1fx\n", ratio);
    fflush(stdout);
    return ratio;
}

static void queue_table(const bench *b, targets *t)
{
    printf("\n3. Stationary queues (capplan queue, one thread) beside SimPy 2 "
           "on the same M/M/c\n");
    for (int i = 0; i < b->o->queue_count; i++)
        t->simpy_ratio[i] = queue_case(b, &b->o->queue[i]);
}

/* ---- 4. targets ---- */

static void target_line(const char *what, double value, double goal, int at_least)
{
    if (value <= 0) {
        printf("  %-56s %8s  not measured\n", what, "-");
        return;
    }
    int met = at_least ? value >= goal : value <= goal;
    printf("  %-56s %7.2fx  %s\n", what, value, met ? "met" : "NOT MET");
}

static void print_targets(const targets *t, const cap_bench_options *o)
{
    char what[128];
    printf("\n4. Targets (issue 12, for a 2-core machine)\n\n");
    for (int i = 0; i < o->queue_count; i++) {
        snprintf(what, sizeof what, "capplan queue >= 100x SimPy 2, M/M/%d "
                 "(tickets per CPU s)", o->queue[i].servers);
        target_line(what, t->simpy_ratio[i], TARGET_SIMPY_RATIO, 1);
    }
    target_line("portfolio: a year's peak memory <= 1.2x a quarter's",
                t->year_memory, TARGET_YEAR_MEMORY, 0);
    target_line("capplan queue: a year's peak memory <= 1.2x a quarter's",
                t->queue_year_memory, TARGET_YEAR_MEMORY, 0);
    snprintf(what, sizeof what, "-j %d >= 1.8x -j 1 (wall, %ld customers, %d reps)",
             o->jobs, t->speedup_size, t->speedup_reps);
    target_line(what, t->speedup, TARGET_SPEEDUP, 1);
    target_line("linear: CPU per customer-rep <= 1.25x a smaller case's",
                t->linear, TARGET_LINEAR, 0);
}

static cap_model *load_model(const char *path)
{
    cap_error err;
    cap_model *m = path ? cap_model_load(path, &err) : cap_model_builtin(&err);
    if (!m)
        die(err.message);
    return m;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* as capplan's main: statuses are checked */
    cap_bench_options o;
    if (cap_bench_parse(argc, argv, &o) != 0)
        return 2;
    if (o.help) {
        fputs(cap_bench_help(), stdout);
        return 0;
    }
    bench b = {&o, load_model(o.model), ""};
    snprintf(b.dir, sizeof b.dir, "%s/capplan-bench.XXXXXX", o.tmp);
    if (!mkdtemp(b.dir))
        die("cannot create a temporary folder (see --tmp)");
    print_machine(argc, argv);
    size_result sizes[CAP_BENCH_MAX_SIZES];
    targets t = {0};
    size_table(&b, sizes, &t);
    memory_table(&b, sizes, &t);
    queue_table(&b, &t);
    print_targets(&t, &o);
    print_load("at end");
    if (o.keep)
        printf("books and outputs kept in %s\n", b.dir);
    else if (cap_bench_remove_tree(b.dir) != 0)
        fprintf(stderr, "capplan-bench: could not remove %s\n", b.dir);
    cap_model_free((cap_model *)b.m);
    return 0;
}
