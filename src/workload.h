/* workload.h - the expected monthly work a partner's customers create,
 * routed by category and channel (SPEC sections 1 and 4).
 *
 * Expected values, not a simulation: tickets per customer and month x
 * category share x mean handle time, plus proactive customer-success
 * work.  The rules-only run reports these hours and sizes the P-TAM and
 * service hours from them.
 */
#ifndef CAP_WORKLOAD_H
#define CAP_WORKLOAD_H

#include <stddef.h>

#include "model.h"
#include "portfolio.h"

typedef struct {
    double hours_by_party[CAP_PARTIES]; /* per month */
    double technical_hours;             /* per month: tech-support primary
                                           work plus escalations */
} cap_workload;

/* Routes the work of segments (one quarter's customers) of a partner on
 * channel; has_csm says whether the partner contracts P-CSMs, which then
 * take the vendor's and (for OEM/MSP) the partner's customer-facing work. */
cap_workload cap_workload_expected(const cap_model *m, cap_channel channel,
                                   int has_csm, const cap_segment *segments,
                                   size_t count);

/* Who handles a ticket of category c first (before any escalation). */
cap_party cap_route(const cap_category *c, cap_channel channel, int has_csm);

#endif
