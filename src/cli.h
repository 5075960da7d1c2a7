/* cli.h - the command line of capplan. */
#ifndef CAP_CLI_H
#define CAP_CLI_H

#include "error.h"

typedef struct {
    const char *portfolio;   /* INI, required unless help/version */
    const char *customers;   /* CSV, optional */
    const char *model_path;  /* NULL: the built-in model */
    const char *out_dir;     /* default "reports" */
    const char *today;       /* YYYY-MM-DD for the default start; NULL: now */
    const char *encoding;    /* iconv name of inputs not in UTF-8; NULL: refuse */
    int json, no_sim, deterministic, help, version;
    int seed_set;
    unsigned long seed;
    int replications;        /* 0: the model's */
    int threads;             /* 0: all cores */
    int shard_k, shard_n;    /* --shard K/N; shard_n 0: the whole book */
} cap_options;

/* Parses argv into o (defaults filled in).  Usage errors are
 * CAP_ERR_USAGE with a message naming the option. */
cap_status cap_cli_parse(int argc, char **argv, cap_options *o, cap_error *err);

/* The options every command shares (-o, -m, --seed, -r, -j, --today,
 * --json, --no-sim, --deterministic, --help, --version): returns 1 when
 * argv[*i] was one (moving *i past its value), with *st set on a bad
 * value.  -o is left NULL when absent. */
int cap_cli_common(int argc, char **argv, int *i, cap_options *o,
                   cap_status *st, cap_error *err);

/* The --help text. */
const char *cap_cli_usage(void);

#endif
