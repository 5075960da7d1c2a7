/* queuecmd.h - `capplan queue`: one stationary queue, checked and for
 * quick what-ifs (SPEC section 4, "Analytic check").
 *
 *   capplan queue --arrivals-per-hour L --handle-minutes H --servers C
 *                 --target-minutes T [--hours N] [-r R] [--seed S]
 *                 [-j N] [-m MODEL] [--json]
 *
 * Prints Erlang C's wait probability, service level P(wait <= T), mean
 * wait and occupancy beside the same four figures simulated by the engine
 * of the portfolio run (cap_queue_simulate: Poisson arrivals, exponential
 * handle times, 24x7, constant staff), each with its 95% confidence
 * interval.  Seed, replications and warm-up (warmup_weeks x 168 hours)
 * default to the model's.  An unstable queue (servers <= offered load) has
 * no Erlang C answer; it is said so, and the simulation still runs.
 */
#ifndef CAP_QUEUECMD_H
#define CAP_QUEUECMD_H

#include <stdio.h>

#include "error.h"

/* Measured hours per replication when --hours is not given.  2000 hours
 * (about 12 weeks) at the model's 100 replications put the 95% half-width
 * of the service level near 0.2 percentage points (8 Erlangs on 10
 * servers: +-0.0019; 60 on 66: +-0.0015) in seconds (3 s and 24 s on two
 * cores); --hours and -r trade one for the other. */
#define CAP_QUEUE_DEFAULT_HOURS 2000.0

/* Largest --servers accepted. */
#define CAP_QUEUE_MAX_SERVERS 100000

/* Largest --hours (about 114 years): it bounds the run time, not the
 * memory (tickets are served as they arrive). */
#define CAP_QUEUE_MAX_HOURS 1000000

typedef struct {
    double arrivals_per_hour;  /* >= 0 */
    double handle_minutes;     /* > 0 */
    int servers;               /* 1 .. CAP_QUEUE_MAX_SERVERS */
    double target_minutes;     /* >= 0 */
    double hours;              /* > 0; CAP_QUEUE_DEFAULT_HOURS when not given */
    int replications;          /* 0: the model's */
    int seed_set;
    unsigned long seed;        /* when seed_set; else the model's */
    int threads;               /* 0: all cores */
    const char *model_path;    /* NULL: the built-in model */
    int json, help;
} cap_queue_options;

/* Parses the arguments after "queue" (argv[0] is "queue") into o, with
 * defaults filled in.  Usage errors are CAP_ERR_USAGE and name the option:
 * "--servers: ...". */
cap_status cap_queue_parse(int argc, char **argv, cap_queue_options *o,
                           cap_error *err);

/* The `capplan queue --help` text. */
const char *cap_queue_usage(void);

/* Loads the model (-m or built-in), simulates and prints the table (or
 * the JSON object with o->json) on out.  Model errors as cap_model_load;
 * CAP_ERR_OUTPUT when out cannot be written. */
cap_status cap_queue_run(const cap_queue_options *o, FILE *out,
                         cap_error *err);

/* The whole subcommand: parse, then --help or run.  argv[0] is "queue". */
cap_status cap_queue_command(int argc, char **argv, FILE *out, cap_error *err);

#endif
