/* tally.h - the first-response figures of one severity (tickets, met,
 * p50, p90, p99), gathered one ticket at a time as the tickets start, so
 * that a streamed replication holds no per-ticket arrays.
 *
 * The first `exact` responses are kept: while there are no more, the
 * percentiles are exact, as gsl_stats_quantile_from_sorted_data gives on
 * the sorted responses.  Past that they are GSL's running P-squared
 * estimates (gsl_rstat_quantile_*, Jain and Chlamtac 1985), fed every
 * finite response from the first: five markers per percentile, constant
 * memory, but approximate, and far off on few tickets (on the samples,
 * p99 of 5 to 200 responses came out 30-46% low), close on many (p99 of
 * 20,000 to 100,000 within 4.4% at the median).  Two places of the
 * sorted responses stay exact at any count: where the responses of 0
 * (someone was free) cover a percentile's place it is 0, which P-squared
 * smears; where the tickets never started (infinite response) do, it is
 * infinite, which P-squared cannot hold.
 */
#ifndef CAP_TALLY_H
#define CAP_TALLY_H

#include <stddef.h>

enum { CAP_TALLY_QUANTILES = 3 };

/* p50, p90, p99 */
extern const double cap_tally_p[CAP_TALLY_QUANTILES];

/* Responses kept for exact percentiles by default: 256 KiB a severity,
 * which keeps every sample's percentiles exact. */
#define CAP_TALLY_EXACT ((size_t)32768)

typedef struct cap_tally cap_tally;

/* A tally keeping the first `exact` responses; the caller frees it. */
cap_tally *cap_tally_new(size_t exact);
void cap_tally_free(cap_tally *t);

/* One ticket: its first response in minutes (>= 0, INFINITY when it
 * never started) and whether it met its target. */
void cap_tally_add(cap_tally *t, double response, int met);

size_t cap_tally_count(const cap_tally *t);
size_t cap_tally_met(const cap_tally *t);

/* The percentiles cap_tally_p into q (t has at least one ticket). */
void cap_tally_quantiles(cap_tally *t, double q[CAP_TALLY_QUANTILES]);

#endif
