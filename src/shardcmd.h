/* shardcmd.h - one book sized on many machines: `capplan --shard K/N`
 * simulates the partners of shard K and prints its shard file (shardfile.h);
 * `capplan merge SHARD.json...` checks that the files are the N shards of
 * one run, reads the inputs again (refusing any that changed), rebuilds
 * every quarter with the shards' answers in place of the simulation and
 * writes the workbooks and the JSON or summary of the whole book, byte for
 * byte those of a single run with the same inputs and seed.
 *
 * Why that holds: partner i's random streams are keyed by (seed, i,
 * replication) (cap_stream), so a partner simulates the same wherever it
 * runs; the rules are a function of the inputs, which the merge reads
 * again; every simulated number travels as the same double; and the merge
 * applies the answers in the order the single run does, through the same
 * writers.
 */
#ifndef CAP_SHARDCMD_H
#define CAP_SHARDCMD_H

#include <stdio.h>

#include "cli.h"
#include "error.h"

/* capplan [options] --shard K/N PORTFOLIO.ini [CUSTOMERS.csv]: the shard
 * file on out (no workbooks). */
cap_status cap_shard_run(const cap_options *o, FILE *out, cap_error *err);

/* The `capplan merge --help` text. */
const char *cap_merge_usage(void);

/* capplan merge [-o DIR] [--json] [--deterministic] SHARD.json... */
cap_status cap_merge_command(int argc, char **argv, FILE *out,
                             cap_error *err);

#endif
