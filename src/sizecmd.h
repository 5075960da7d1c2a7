/* sizecmd.h - `capplan size`: one deal sized from flags, with the same
 * engine as a portfolio run, answered the way a salesperson reads it out
 * (or as the portfolio run's JSON document). */
#ifndef CAP_SIZECMD_H
#define CAP_SIZECMD_H

#include <stdio.h>

#include "cli.h"
#include "deal.h"
#include "error.h"

typedef struct {
    cap_options run;          /* -o (NULL: write nothing), -m, --seed, ... */
    cap_deal deal;            /* the partner's keys */
    const char *compare[CAP_DEAL_VARIANTS_MAX]; /* --compare, in order */
    int compare_count;
} cap_size_options;

/* Parses argv (argv[0] is "size").  Usage errors are CAP_ERR_USAGE. */
cap_status cap_size_parse(int argc, char **argv, cap_size_options *o,
                          cap_error *err);

/* The `capplan size --help` text. */
const char *cap_size_usage(void);

/* Parses, sizes and answers on out. */
cap_status cap_size_command(int argc, char **argv, FILE *out, cap_error *err);

#endif
