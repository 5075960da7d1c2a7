/* benchopt.c - parses capplan-bench's options (benchopt.h). */
#include "benchopt.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CAP_BENCH_CAPPLAN
#define CAP_BENCH_CAPPLAN "capplan"
#endif
#ifndef CAP_BENCH_DIR
#define CAP_BENCH_DIR "bench"
#endif

const char *cap_bench_help(void)
{
    return "usage: capplan-bench [options]\n"
           "\n"
           "Times the real run (capplan -j N -r R -o DIR BOOK.ini BOOK.csv, one\n"
           "child process per case) on synthetic books of growing size for a\n"
           "year, the horizon's effect on memory, and `capplan queue` beside\n"
           "SimPy 2 on the same M/M/c queue; prints a table and each target\n"
           "met or not met.\n"
           "\n"
           "  --quick            a small run (about a minute): sizes 100,1000,\n"
           "                     -j 1 and memory at 1000, a short queue\n"
           "  --sizes LIST       customers per book, SIZE[:REPS],... (default\n"
           "                     100,1000,10000,10000:10,100000:10)\n"
           "  --reps N           replications where LIST gives none (100)\n"
           "  --per-partner N    customers per partner (100)\n"
           "  -j N               threads of the parallel runs (2)\n"
           "  --speedup-max N    also run -j 1 for books up to N customers\n"
           "                     (10000)\n"
           "  --memory-size N    a quarter beside the year at N customers\n"
           "                     (10000; 0: no memory row)\n"
           "  --partner-memory S,B  one partner of S customers beside one of B,\n"
           "                     a quarter at 2 replications: peak memory\n"
           "                     (e.g. 50000,150000; default 0,0: not run)\n"
           "  --queue L,H,C,T    arrivals/hour, handle minutes, servers, target\n"
           "                     minutes; repeat for more queues (480,7.5,66,1\n"
           "                     and 64,7.5,10,1); the first one's memory is\n"
           "                     measured too\n"
           "  --queue-hours N    measured hours per replication (2000)\n"
           "  --queue-tickets N  capplan queue runs whole replications until N\n"
           "                     tickets (20000000)\n"
           "  --queue-memory Q,Y,R  the queue's memory for Q and Y hours at R\n"
           "                     replications (2184,8760,2; R = 0: not run)\n"
           "  --simpy-tickets N  SimPy runs whole replications until N tickets\n"
           "                     (1000000)\n"
           "  --no-simpy         leave SimPy out\n"
           "  --capplan PATH     the program timed (the one built beside this)\n"
           "  --python PATH      a python3 with SimPy 2 (/usr/bin/python3)\n"
           "  --simpy PATH       the SimPy script (bench/mmc_simpy.py)\n"
           "  -m MODEL           model INI for capplan and the ticket counts\n"
           "  --tmp DIR          where the temporary folder goes ($TMPDIR, /tmp)\n"
           "  --keep             keep the temporary folder (books, outputs)\n"
           "  --help             this text\n";
}

static void defaults(cap_bench_options *o)
{
    static const cap_bench_size sizes[] = {{100, 0}, {1000, 0}, {10000, 0},
                                           {10000, 10}, {100000, 10}};
    /* a large desk (60 Erlangs), then a partner-sized team (8 Erlangs) */
    static const cap_bench_queue queues[] = {{480, 7.5, 1, 66}, {64, 7.5, 1, 10}};
    memset(o, 0, sizeof *o);
    memcpy(o->size, sizes, sizeof sizes);
    o->size_count = 5;
    memcpy(o->queue, queues, sizeof queues);
    o->queue_count = 2;
    o->reps = 100;
    o->per_partner = 100;
    o->jobs = 2;
    o->speedup_max = 10000;
    o->memory_size = 10000;
    o->queue_hours = 2000, o->queue_tickets = 20000000;
    o->simpy_tickets = 1000000, o->simpy = 1;
    o->queue_quarter_hours = 91 * 24, o->queue_year_hours = 365 * 24;
    o->queue_memory_reps = 2;
    o->capplan = CAP_BENCH_CAPPLAN;
    o->python = "/usr/bin/python3";
    o->simpy_script = CAP_BENCH_DIR "/mmc_simpy.py";
    const char *tmp = getenv("TMPDIR");
    o->tmp = tmp && *tmp ? tmp : "/tmp";
}

static void quick(cap_bench_options *o)
{
    o->size[0] = (cap_bench_size){100, 0};
    o->size[1] = (cap_bench_size){1000, 0};
    o->size_count = 2;
    o->speedup_max = 1000;
    o->memory_size = 1000;
    o->queue_hours = 500, o->queue_tickets = 4000000;
    o->simpy_tickets = 200000;
    o->queue_memory_reps = 1;
}

static int bad(const char *opt, const char *value, const char *why)
{
    fprintf(stderr, "capplan-bench: %s: '%s' %s\n", opt, value, why);
    return -1;
}

static int unknown(const char *opt)
{
    fprintf(stderr, "capplan-bench: %s: not an option, or its value is missing "
                    "(see --help)\n", opt);
    return -1;
}

static int whole(const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi) {
        char why[64];
        snprintf(why, sizeof why, "is not a whole number from %ld to %ld", lo, hi);
        return bad(opt, s, why);
    }
    *out = v;
    return 0;
}

/* SIZE[:REPS],... */
static int sizes(const char *s, cap_bench_options *o)
{
    char buf[256], *save = NULL;
    if (snprintf(buf, sizeof buf, "%s", s) >= (int)sizeof buf)
        return bad("--sizes", s, "is too long");
    o->size_count = 0;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (o->size_count == CAP_BENCH_MAX_SIZES)
            return bad("--sizes", s, "has more than 16 sizes");
        cap_bench_size *z = &o->size[o->size_count++];
        char *colon = strchr(t, ':');
        long v = 0;
        if (colon) {
            *colon = '\0';
            if (whole("--sizes", colon + 1, 1, 100000, &v) != 0)
                return -1;
        }
        z->reps = (int)v;
        if (whole("--sizes", t, 1, 100000000, &z->customers) != 0)
            return -1;
    }
    return o->size_count ? 0 : bad("--sizes", s, "names no size");
}

/* L,H,C,T; the first --queue replaces the default queues, later ones add. */
static int queue(const char *s, cap_bench_options *o, int *given)
{
    char extra;
    cap_bench_queue q;
    if (sscanf(s, "%lf,%lf,%d,%lf%c", &q.rate, &q.handle, &q.servers, &q.target,
               &extra) != 4 || q.rate <= 0 || q.handle <= 0 || q.servers < 1 ||
        q.target < 0)
        return bad("--queue", s, "is not RATE,HANDLE,SERVERS,TARGET");
    if (!*given)
        o->queue_count = 0;
    *given = 1;
    if (o->queue_count == CAP_BENCH_MAX_QUEUES)
        return bad("--queue", s, "is one queue more than 4");
    o->queue[o->queue_count++] = q;
    return 0;
}

/* QUARTER_HOURS,YEAR_HOURS,REPS */
static int queue_memory(const char *s, cap_bench_options *o)
{
    char extra;
    if (sscanf(s, "%lf,%lf,%d%c", &o->queue_quarter_hours, &o->queue_year_hours,
               &o->queue_memory_reps, &extra) != 3 ||
        o->queue_quarter_hours < 1 || o->queue_year_hours < 1 ||
        o->queue_memory_reps < 0)
        return bad("--queue-memory", s, "is not QUARTER_HOURS,YEAR_HOURS,REPS");
    return 0;
}

/* SMALL,BIG customers of one partner */
static int partner_memory(const char *s, cap_bench_options *o)
{
    char extra;
    if (sscanf(s, "%ld,%ld%c", &o->partner_small, &o->partner_big, &extra) != 2 ||
        o->partner_small < 0 || o->partner_big < o->partner_small ||
        o->partner_big > 100000000)
        return bad("--partner-memory", s, "is not SMALL,BIG customers (0 <= SMALL <= BIG)");
    return 0;
}

/* Options with a whole-number value: name, target, bounds. */
static int number(const char *opt, const char *v, cap_bench_options *o)
{
    static const struct { const char *name; size_t off; long lo, hi; int is_int; }
        table[] = {
        {"--reps", offsetof(cap_bench_options, reps), 1, 100000, 1},
        {"--per-partner", offsetof(cap_bench_options, per_partner), 1, 10000000, 0},
        {"-j", offsetof(cap_bench_options, jobs), 1, 1024, 1},
        {"--speedup-max", offsetof(cap_bench_options, speedup_max), 0, 100000000, 0},
        {"--memory-size", offsetof(cap_bench_options, memory_size), 0, 100000000, 0},
        {"--queue-tickets", offsetof(cap_bench_options, queue_tickets), 1, 1000000000, 0},
        {"--simpy-tickets", offsetof(cap_bench_options, simpy_tickets), 1, 1000000000, 0},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (strcmp(opt, table[i].name) != 0)
            continue;
        long x;
        if (whole(opt, v, table[i].lo, table[i].hi, &x) != 0)
            return -1;
        char *field = (char *)o + table[i].off;
        if (table[i].is_int)
            *(int *)field = (int)x;
        else
            *(long *)field = x;
        return 0;
    }
    return 1; /* not a number option */
}

static int path_option(const char *opt, const char *v, cap_bench_options *o)
{
    static const struct { const char *name; size_t off; } table[] = {
        {"--capplan", offsetof(cap_bench_options, capplan)},
        {"--python", offsetof(cap_bench_options, python)},
        {"--simpy", offsetof(cap_bench_options, simpy_script)},
        {"-m", offsetof(cap_bench_options, model)},
        {"--tmp", offsetof(cap_bench_options, tmp)},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(opt, table[i].name) == 0) {
            *(const char **)((char *)o + table[i].off) = v;
            return 0;
        }
    return 1;
}

/* One option with a value; 1 when opt takes none or is unknown. */
static int with_value(const char *opt, const char *v, cap_bench_options *o,
                      int *queue_given)
{
    if (strcmp(opt, "--sizes") == 0)
        return sizes(v, o);
    if (strcmp(opt, "--queue") == 0)
        return queue(v, o, queue_given);
    if (strcmp(opt, "--queue-memory") == 0)
        return queue_memory(v, o);
    if (strcmp(opt, "--partner-memory") == 0)
        return partner_memory(v, o);
    if (strcmp(opt, "--queue-hours") == 0) {
        long h;
        if (whole(opt, v, 1, 1000000, &h) != 0)
            return -1;
        o->queue_hours = (double)h;
        return 0;
    }
    int rc = number(opt, v, o);
    return rc == 1 ? path_option(opt, v, o) : rc;
}

int cap_bench_parse(int argc, char **argv, cap_bench_options *o)
{
    int queue_given = 0;
    defaults(o);
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--quick") == 0)
            quick(o); /* first, so that other options override it */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--quick") == 0)
            continue;
        if (strcmp(a, "--help") == 0)
            o->help = 1;
        else if (strcmp(a, "--no-simpy") == 0)
            o->simpy = 0;
        else if (strcmp(a, "--keep") == 0)
            o->keep = 1;
        else if (i + 1 < argc) {
            int rc = with_value(a, argv[i + 1], o, &queue_given);
            if (rc < 0)
                return -1;
            if (rc > 0)
                return unknown(a);
            i++;
        } else
            return unknown(a);
    }
    return 0;
}
