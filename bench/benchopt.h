/* benchopt.h - capplan-bench's command line. */
#ifndef CAP_BENCH_OPT_H
#define CAP_BENCH_OPT_H

#define CAP_BENCH_MAX_SIZES 16
#define CAP_BENCH_MAX_QUEUES 4

typedef struct {
    long customers;
    int reps;          /* 0: the default (--reps) */
} cap_bench_size;

/* One M/M/c queue: arrivals per hour, mean handle minutes, servers, and
 * the first-response target in minutes. */
typedef struct {
    double rate, handle, target;
    int servers;
} cap_bench_queue;

typedef struct {
    cap_bench_size size[CAP_BENCH_MAX_SIZES];
    int size_count;
    int reps;               /* replications of a portfolio case */
    long per_partner;       /* customers per partner */
    int jobs;               /* the parallel run's -j */
    long speedup_max;       /* -j 1 runs for sizes up to this */
    long memory_size;       /* year vs quarter at this size; 0: not run */
    /* one partner of this many customers beside one of partner_big, a
     * quarter at 2 replications; 0: not run */
    long partner_small, partner_big;
    cap_bench_queue queue[CAP_BENCH_MAX_QUEUES];
    int queue_count;
    double queue_hours;     /* measured hours per replication */
    long queue_tickets;     /* capplan queue runs replications until about this many */
    long simpy_tickets;     /* SimPy runs replications until about this many */
    int simpy;
    double queue_quarter_hours, queue_year_hours;
    int queue_memory_reps;
    const char *capplan, *python, *simpy_script, *model, *tmp;
    int keep, help;
} cap_bench_options;

/* Fills o from argv (argv[0] the program).  Returns 0, or -1 after
 * printing one line naming the bad option to stderr. */
int cap_bench_parse(int argc, char **argv, cap_bench_options *o);

/* The --help text. */
const char *cap_bench_help(void);

#endif
