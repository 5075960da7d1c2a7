/* jsonnum.c - simulated figures in JSON documents. */
#include "jsonnum.h"

#include <math.h>

#define SIM_SCALE 1e6 /* six decimals */

json_t *cap_json_simulated(double x)
{
    if (!isfinite(x))
        return json_null();
    return json_real(round(x * SIM_SCALE) / SIM_SCALE + 0.0); /* no -0 */
}

json_t *cap_json_interval(cap_estimate e, double floor, double ceiling)
{
    json_t *a = json_array();
    json_array_append_new(a, cap_json_simulated(fmax(floor, fmin(ceiling, e.mean - e.half))));
    json_array_append_new(a, cap_json_simulated(fmax(floor, fmin(ceiling, e.mean + e.half))));
    return a;
}
