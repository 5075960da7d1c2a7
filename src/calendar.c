/* calendar.c - civil dates, observed US federal holidays, business clock.
 *
 * Date conversion follows Howard Hinnant's days_from_civil/civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): exact for the
 * proleptic Gregorian calendar without tables or loops.  Holidays are
 * computed from their rules each time rather than cached, so every
 * function here stays free of shared state and safe from any thread.
 */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>

#define DAY_SECONDS 86400
#define DAY_MINUTES 1440

enum { MON, TUE, WED, THU, FRI, SAT, SUN };

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t cap_days_from_civil(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                           /* [0, 399] */
    int64_t mp = month > 2 ? month - 3 : month + 9;        /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + day - 1;            /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

cap_date cap_civil_from_days(int64_t days)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    cap_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

int cap_weekday(int64_t days)
{
    /* Day 0, 1970-01-01, was a Thursday. */
    int64_t r = (days % 7 + 7) % 7;
    return (int)((r + THU) % 7);
}

static int is_leap(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int days_in_month(int year, int month)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : len[month - 1];
}

/* Reads n ASCII digits; -1 when any is not a digit (isdigit would accept
 * locale digits and needs an unsigned char cast). */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Checks run left to right and stop at the first mismatch, so a short
 * string is never read past its terminating NUL. */
int cap_date_parse(const char *text, cap_date *out)
{
    if (!text)
        return 0;
    int year = read_digits(text, 4);
    if (year < 0 || text[4] != '-')
        return 0;
    int month = read_digits(text + 5, 2);
    if (month < 0 || text[7] != '-')
        return 0;
    int day = read_digits(text + 8, 2);
    if (day < 0 || text[10] != '\0')
        return 0;
    if (month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return 0;
    if (out)
        *out = (cap_date){year, month, day};
    return 1;
}

cap_date cap_month_add(cap_date d, int months)
{
    int m = d.year * 12 + (d.month - 1) + months;
    return (cap_date){m / 12, m % 12 + 1, 1};
}

void cap_quarter_label(cap_date quarter_start, int year_month, char out[24])
{
    if (year_month < 1)
        year_month = 1; /* a zeroed portfolio: calendar quarters */
    int into_year = (quarter_start.month - year_month + 12) % 12;
    if (year_month == 1)
        snprintf(out, 24, "%04dQ%d", quarter_start.year % 10000,
                 into_year / 3 + 1);
    else /* the fiscal year is named by the calendar year it ends in */
        snprintf(out, 24, "FY%04dQ%d",
                 (quarter_start.year + (quarter_start.month >= year_month)) %
                     10000,
                 into_year / 3 + 1);
}

/* Day number of the nth (1-based) given weekday of a month. */
static int64_t nth_weekday(int year, int month, int weekday, int n)
{
    int64_t first = cap_days_from_civil(year, month, 1);
    int lead = (weekday - cap_weekday(first) + 7) % 7;
    return first + lead + 7 * (n - 1);
}

static int64_t last_weekday(int year, int month, int weekday)
{
    int64_t last = cap_days_from_civil(year, month,
                                       days_in_month(year, month));
    return last - (cap_weekday(last) - weekday + 7) % 7;
}

/* Federal rule for fixed-date holidays (5 U.S.C. 6103(b)). */
static int64_t observed(int64_t day)
{
    int wd = cap_weekday(day);
    return wd == SAT ? day - 1 : wd == SUN ? day + 1 : day;
}

/* The year's eleven holidays as observed, in calendar order: each rule's
 * possible dates lie between the previous rule's and the next one's, so no
 * sort is needed. */
static void holidays_of(int y, int64_t out[11])
{
    out[0] = observed(cap_days_from_civil(y, 1, 1));
    out[1] = nth_weekday(y, 1, MON, 3);   /* Martin Luther King Jr. Day */
    out[2] = nth_weekday(y, 2, MON, 3);   /* Washington's Birthday */
    out[3] = last_weekday(y, 5, MON);     /* Memorial Day */
    out[4] = observed(cap_days_from_civil(y, 6, 19));  /* Juneteenth */
    out[5] = observed(cap_days_from_civil(y, 7, 4));
    out[6] = nth_weekday(y, 9, MON, 1);   /* Labor Day */
    out[7] = nth_weekday(y, 10, MON, 2);  /* Columbus Day */
    out[8] = observed(cap_days_from_civil(y, 11, 11)); /* Veterans Day */
    out[9] = nth_weekday(y, 11, THU, 4);  /* Thanksgiving */
    out[10] = observed(cap_days_from_civil(y, 12, 25));
}

int cap_us_federal_holidays(int year, cap_date out[16])
{
    int64_t days[11];
    holidays_of(year, days);
    int64_t jan1 = cap_days_from_civil(year, 1, 1);
    int64_t next_jan1 = cap_days_from_civil(year + 1, 1, 1);
    int n = 0;
    /* New Year's Day on a Saturday is observed on Dec 31 of the year
     * before: drop it here and pick up next year's instead. */
    for (int i = 0; i < 11; i++)
        if (days[i] >= jan1)
            out[n++] = cap_civil_from_days(days[i]);
    int64_t next_new_year = observed(next_jan1);
    if (next_new_year < next_jan1)
        out[n++] = cap_civil_from_days(next_new_year);
    return n;
}

int cap_is_us_federal_holiday(int64_t day)
{
    cap_date d = cap_civil_from_days(day);
    int64_t days[11];
    holidays_of(d.year, days);
    for (int i = 0; i < 11; i++)
        if (days[i] == day)
            return 1;
    /* Dec 31 may be next year's New Year's Day, observed early. */
    return d.month == 12 && d.day == 31 &&
           observed(cap_days_from_civil(d.year + 1, 1, 1)) == day;
}

struct cap_clock {
    int64_t minutes;
    int32_t *prefix; /* prefix[t] = open minutes in [0, t); minutes+1 long */
};

typedef struct {
    const cap_hours *hours;
    int64_t day;   /* local day number whose status is cached */
    int workday;
} day_cache;

static int day_is_workday(day_cache *dc, int64_t day)
{
    if (day != dc->day) {
        const cap_hours *h = dc->hours;
        dc->day = day;
        dc->workday = (h->weekdays & (1u << cap_weekday(day))) &&
                      !(h->skip_holidays && cap_is_us_federal_holiday(day));
    }
    return dc->workday;
}

/* Marks n minutes from minute t whose first one starts at local wall time
 * local, the offset being constant over the run. */
static void mark_run(cap_clock *c, day_cache *dc, int64_t t, int64_t local,
                     int64_t n)
{
    int64_t day = floor_div(local, DAY_SECONDS);
    int64_t sec = local - day * DAY_SECONDS;
    int64_t open = (int64_t)dc->hours->open_minute * 60;
    int64_t close = (int64_t)dc->hours->close_minute * 60;
    for (int64_t i = 0; i < n; i++, sec += 60) {
        if (sec >= DAY_SECONDS) {
            day++;
            sec -= DAY_SECONDS;
        }
        c->prefix[t + i + 1] =
            day_is_workday(dc, day) && sec >= open && sec < close;
    }
}

/* Marks prefix[t + 1] = 1 for each open minute t.  The offset is looked up
 * once per UTC hour (minute by minute in the rare hour holding a change),
 * which keeps a year of minutes to a few milliseconds. */
static void mark_open(cap_clock *c, const cap_tz *tz, const cap_hours *hours,
                      int64_t start_utc)
{
    day_cache dc = {hours, INT64_MIN, 0};
    int64_t t = 0;
    while (t < c->minutes) {
        int64_t utc = start_utc + t * 60;
        int64_t into_hour = utc - floor_div(utc, 3600) * 3600;
        int64_t n = (3600 - into_hour + 59) / 60; /* minutes starting in it */
        if (n > c->minutes - t)
            n = c->minutes - t;
        int off = cap_tz_offset(tz, utc);
        if (cap_tz_offset(tz, utc + (n - 1) * 60) != off)
            n = 1;
        mark_run(c, &dc, t, utc + off, n);
        t += n;
    }
}

cap_clock *cap_clock_new(const cap_tz *tz, const cap_hours *hours,
                         int64_t start_utc, int64_t minutes)
{
    if (minutes < 0)
        minutes = 0;
    if (minutes >= INT32_MAX) /* prefix sums are int32: 4000 years */
        return NULL;
    cap_clock *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->minutes = minutes;
    c->prefix = malloc((size_t)(minutes + 1) * sizeof *c->prefix);
    if (!c->prefix) {
        free(c);
        return NULL;
    }
    c->prefix[0] = 0;
    mark_open(c, tz, hours, start_utc);
    for (int64_t t = 1; t <= minutes; t++)
        c->prefix[t] += c->prefix[t - 1];
    return c;
}

void cap_clock_free(cap_clock *clock)
{
    if (!clock)
        return;
    free(clock->prefix);
    free(clock);
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int64_t cap_clock_business_minutes(const cap_clock *clock, int64_t t0,
                                   int64_t t1)
{
    t0 = clamp(t0, 0, clock->minutes);
    t1 = clamp(t1, 0, clock->minutes);
    if (t1 <= t0)
        return 0;
    return (int64_t)clock->prefix[t1] - clock->prefix[t0];
}

int cap_clock_is_open(const cap_clock *clock, int64_t t)
{
    if (t < 0 || t >= clock->minutes)
        return 0;
    return clock->prefix[t + 1] != clock->prefix[t];
}
