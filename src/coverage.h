/* coverage.h - working windows, localization and the hour-of-week roster
 * (SPEC section 2 items 3-5, section 4 "Staff").
 *
 * Instants are Unix seconds (UTC).  A week grid has 168 hours starting at
 * a Monday 00:00 UTC.
 */
#ifndef CAP_COVERAGE_H
#define CAP_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "tz.h"
#include "week.h"

typedef struct {
    int64_t start, end; /* [start, end) */
} cap_interval;

/* The window open..close (minutes after local midnight) of local date day
 * (a day number) in zone tz, as UTC instants. */
cap_interval cap_local_window(const cap_tz *tz, int64_t day, int open_minute,
                              int close_minute);

/* Hours two intervals share. */
double cap_overlap_hours(cap_interval a, cap_interval b);

/* 8-hour (shift_hours) shifts needed to cover the union of windows:
 * greedy, each shift starts at the earliest uncovered instant and may span
 * a gap between windows.  Sorts windows in place. */
int cap_shifts_needed(cap_interval *windows, size_t count, double shift_hours);

/* Sets required[h] for every hour of the week starting at week_start that
 * the interval touches. */
void cap_mark_hours(unsigned char required[CAP_WEEK_HOURS], int64_t week_start,
                    cap_interval w);

/* Weekly hours on shift of fte FTE: fte x hours per FTE-week x (1 -
 * shrinkage) (SPEC section 4 "Staff"). */
double cap_person_hours(const cap_model *m, double fte);

/* What a team's hours need, per hour of the roster's week: the expected
 * tickets by severity, all jobs (tickets and tasks without an SLA) and
 * their minutes of work, with the tier's first-response targets. */
typedef struct {
    double arrivals[CAP_WEEK_HOURS][CAP_SEVERITIES]; /* tickets per hour */
    double jobs[CAP_WEEK_HOURS];     /* tickets and tasks per hour */
    double work[CAP_WEEK_HOURS];     /* minutes of work arriving per hour */
    double target[CAP_SEVERITIES];   /* first-response target, minutes */
} cap_need;

/* Lays person_hours of weekly presence on the required hours (SPEC
 * section 4 "Staff"): first one person in every required hour (when there
 * are fewer person-hours than hours, the hours left empty are those with
 * the least work, spread over the week on ties), then the rest, a
 * person-hour at a time, where it removes the most of the expected
 * shortfall: tickets missing their targets (Erlang C per hour, each
 * severity weighed against the misses its goal allows) and work beyond
 * the utilization cap.  More person-hours never take anyone away from an
 * hour.  Very large rosters are laid in pieces of up to 1/10752 of the
 * extra hours, so the cost stays bounded.  Returns the required hours
 * left empty. */
double cap_roster(const cap_model *m, const unsigned char required[CAP_WEEK_HOURS],
                  const cap_need *need, double person_hours,
                  double present[CAP_WEEK_HOURS]);

#endif
