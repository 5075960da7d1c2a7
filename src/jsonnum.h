/* jsonnum.h - simulated figures in JSON documents (--json of the portfolio
 * run and of capplan queue).
 *
 * jansson prints reals without the locale.  Simulated figures are rounded
 * to six decimals first: the last digits of a mean over replications are
 * noise, and a fixed rounding keeps a document byte-identical run to run.
 */
#ifndef CAP_JSONNUM_H
#define CAP_JSONNUM_H

#include <jansson.h>

#include "sim.h"

/* x rounded to six decimals; null for a value JSON cannot hold. */
json_t *cap_json_simulated(double x);

/* [lo, hi] = mean -/+ half, kept inside [floor, ceiling], rounded. */
json_t *cap_json_interval(cap_estimate e, double floor, double ceiling);

#endif
