/* shardfile.h - the JSON a shard writes (capplan --shard K/N) and capplan
 * merge reads back.
 *
 * A shard file is one JSON document, written a line at a time so that
 * neither side holds more than one partner's figures:
 *
 *   {"capplan_shard": {HEADER},
 *   "results": [
 *   {"quarter": 0, "index": 3, "id": "acme", ...},
 *   ...
 *   ]}
 *
 * The header names the run: program version, shard K of N, the inputs
 * (path as given, size and CRC-32 of the bytes, so that a merge refuses
 * files that changed), the date the default start was counted from, seed,
 * replications.  A result is what the simulation answered for one partner
 * in one quarter (cap_sim_partner), every number printed with 17
 * significant digits so that it reads back as the same double: what it
 * leaves out (the staffed figures' Erlang C hours) is a function of the
 * inputs that the merge recomputes (cap_sim_erlang_hours).  Results come in
 * quarter order, then partner order.
 */
#ifndef CAP_SHARDFILE_H
#define CAP_SHARDFILE_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "sla.h"

#define CAP_SHARDS_MAX 100000

/* Shard k (1-based) of n. */
typedef struct {
    int k, n;
} cap_shard_spec;

/* Parses "K/N" with 1 <= K <= N <= CAP_SHARDS_MAX; 0 when it is not. */
int cap_shard_parse(const char *text, cap_shard_spec *out);

/* Partner i (0-based, in portfolio order) belongs to shard s: i mod N =
 * K - 1.  Round robin, not blocks: a book sorted by size spreads its big
 * partners over every shard. */
static inline int cap_shard_has(cap_shard_spec s, size_t i)
{
    return i % (size_t)s.n == (size_t)(s.k - 1);
}

/* An input file as the shard read it; path NULL when absent (no CSV, the
 * built-in model). */
typedef struct {
    const char *path;
    long long bytes;
    uint32_t crc32;
} cap_shard_input;

/* Reads path and fills in its size and CRC-32 (zlib). */
cap_status cap_shard_input_of(const char *path, cap_shard_input *out,
                              cap_error *err);

enum { CAP_SHARD_PORTFOLIO, CAP_SHARD_CUSTOMERS, CAP_SHARD_MODEL,
       CAP_SHARD_INPUTS };

typedef struct {
    char version[32];
    cap_shard_spec shard;
    cap_shard_input input[CAP_SHARD_INPUTS];
    char input_path[CAP_SHARD_INPUTS][512]; /* owns input[].path on read */
    char encoding[64];          /* "" when the inputs are UTF-8 */
    char today[16];             /* YYYY-MM-DD */
    unsigned long seed;
    int replications;           /* 0: rules only */
    long long partners;         /* the whole book's */
    int quarters;
} cap_shard_header;

/* Writes the header and opens the results array. */
cap_status cap_shard_write_header(FILE *out, const cap_shard_header *h,
                                  cap_error *err);

/* One result line; first: no comma before it. */
cap_status cap_shard_write_result(FILE *out, int first, int quarter,
                                  size_t index, const char *id,
                                  const cap_sim_partner *res, cap_error *err);

/* Closes the results array and the document. */
cap_status cap_shard_write_end(FILE *out, cap_error *err);

/* A shard file open for reading. */
typedef struct cap_shard_reader cap_shard_reader;

/* Opens path and reads its header (errors name path). */
cap_shard_reader *cap_shard_open(const char *path, cap_error *err);
void cap_shard_close(cap_shard_reader *r);
const cap_shard_header *cap_shard_header_of(const cap_shard_reader *r);
const char *cap_shard_path(const cap_shard_reader *r);

/* Reads the next result, which must be partner index (id) of quarter q,
 * into res (owned by res: cap_sim_role_clear its roles). */
cap_status cap_shard_read_result(cap_shard_reader *r, int quarter,
                                 size_t index, const char *id,
                                 cap_sim_partner *res, cap_error *err);

/* Checks that r has no result left and ends as the writer ends. */
cap_status cap_shard_read_end(cap_shard_reader *r, cap_error *err);

#endif
