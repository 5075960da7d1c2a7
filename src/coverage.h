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

/* Lays person_hours of weekly presence on the required hours: first one
 * person in every required hour (busiest hours first while hours last;
 * the hours left empty are the quietest, spread over the week on ties),
 * then the rest, one person-hour at a time, on the hour with the highest
 * load per person present.  More person-hours never take anyone away from
 * an hour.  Returns the required hours left empty. */
double cap_roster(const unsigned char required[CAP_WEEK_HOURS],
                  const double load[CAP_WEEK_HOURS], double person_hours,
                  double present[CAP_WEEK_HOURS]);

#endif
