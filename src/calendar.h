/* calendar.h - civil dates, US federal holidays and the business clock.
 *
 * Dates are proleptic Gregorian.  Day numbers count days since 1970-01-01.
 * The business clock answers "how many business minutes lie between two
 * instants" in O(1) from a prefix sum over every minute of its horizon
 * (SPEC section 3).
 */
#ifndef CAP_CALENDAR_H
#define CAP_CALENDAR_H

#include <stdint.h>

#include "error.h"
#include "tz.h"

typedef struct {
    int year, month, day; /* month 1..12, day 1..31 */
} cap_date;

int64_t cap_days_from_civil(int year, int month, int day);
cap_date cap_civil_from_days(int64_t days);
/* 0 = Monday .. 6 = Sunday. */
int cap_weekday(int64_t days);
/* Parses strict YYYY-MM-DD; nonzero on success, 0 for a malformed or
 * impossible date (2027-02-30). */
int cap_date_parse(const char *text, cap_date *out);

/* The first day of the month `months` months after d's month (d.day is
 * ignored; months may be negative as long as the year stays >= 0). */
cap_date cap_month_add(cap_date d, int months);

/* The label of the quarter that starts on quarter_start, in a year whose
 * first month is year_month (1..12; 0 counts as 1): "2027Q1" for a
 * calendar year, else the fiscal year, named by the calendar year it ends
 * in: with year_month 2, 2027-02-01 is "FY2028Q1" and 2027-11-01
 * "FY2028Q4".  The one place labels are made: the workbooks, the JSON, the
 * terminal and the CSV `quarter` column all use it. */
void cap_quarter_label(cap_date quarter_start, int year_month, char out[24]);

/* Observed US federal holidays whose observed date falls in year, sorted:
 * Saturday holidays move to the Friday before, Sunday ones to the Monday
 * after (so New Year's Day of year+1 may be observed on Dec 31 of year).
 * Writes at most 16 dates; returns how many. */
int cap_us_federal_holidays(int year, cap_date out[16]);
/* Nonzero when day (day number) is an observed US federal holiday. */
int cap_is_us_federal_holiday(int64_t day);

/* The hours a clock counts as open, on the local calendar of its zone. */
typedef struct {
    int open_minute;      /* minutes after local midnight, e.g. 540 */
    int close_minute;     /* e.g. 1020; close > open */
    unsigned weekdays;    /* bit d set: weekday d (0 = Monday) is a workday */
    int skip_holidays;    /* nonzero: US federal holidays are closed */
} cap_hours;

typedef struct cap_clock cap_clock;

/* A clock over [start_utc, start_utc + minutes*60) in zone tz (borrowed:
 * tz must outlive the clock and cover the horizon).  Caller owns the
 * result: cap_clock_free(). */
cap_clock *cap_clock_new(const cap_tz *tz, const cap_hours *hours,
                         int64_t start_utc, int64_t minutes);
void cap_clock_free(cap_clock *clock);

/* Business minutes in [t0, t1), both in minutes since the clock's start,
 * clamped to the horizon; 0 when t1 <= t0.  O(1). */
int64_t cap_clock_business_minutes(const cap_clock *clock, int64_t t0,
                                   int64_t t1);
/* Nonzero when minute t (since start) is open. */
int cap_clock_is_open(const cap_clock *clock, int64_t t);

#endif
