/* test_calendar.c - civil dates, observed holidays and the business clock,
 * checked against dates and counts that can be verified on a wall calendar.
 */
#include "calendar.h"
#include "check.h"
#include "tz.h"

#include <stdio.h>
#include <string.h>

static int64_t day_of(const char *text)
{
    cap_date d;
    if (!cap_date_parse(text, &d)) {
        fprintf(stderr, "bad date in test: %s\n", text);
        return INT64_MIN;
    }
    return cap_days_from_civil(d.year, d.month, d.day);
}

static void format_date(cap_date d, char buf[32])
{
    snprintf(buf, 32, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* Compares a year's holiday list with the expected "MM-DD" strings. */
static void check_holidays(int year, const char *const *want, int n)
{
    cap_date got[16];
    int count = cap_us_federal_holidays(year, got);
    CHECK_INT(count, n);
    for (int i = 0; i < n && i < count; i++) {
        char buf[32], expect[32];
        format_date(got[i], buf);
        snprintf(expect, sizeof expect, "%04d-%s", year, want[i]);
        CHECK_STR(buf, expect);
        CHECK(cap_is_us_federal_holiday(
            cap_days_from_civil(got[i].year, got[i].month, got[i].day)));
    }
}

static void test_day_numbers(void)
{
    CHECK_INT(cap_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(cap_days_from_civil(2000, 3, 1), 11017);
    CHECK_INT(cap_days_from_civil(1969, 12, 31), -1);
    CHECK_INT(cap_weekday(0), 3); /* Thursday */
    CHECK_INT(cap_weekday(-1), 2);
    CHECK_INT(cap_weekday(day_of("2027-03-05")), 4); /* Friday */
    CHECK_INT(cap_weekday(day_of("2027-01-01")), 4);
    CHECK_INT(cap_weekday(day_of("2028-02-29")), 1); /* Tuesday */
    int bad = 0;
    int64_t from = cap_days_from_civil(1600, 1, 1);
    int64_t to = cap_days_from_civil(2400, 12, 31);
    for (int64_t d = from; d <= to; d++) {
        cap_date c = cap_civil_from_days(d);
        if (cap_days_from_civil(c.year, c.month, c.day) != d ||
            cap_weekday(d) != (cap_weekday(d - 1) + 1) % 7)
            bad++;
    }
    CHECK_INT(bad, 0);
    cap_date c = cap_civil_from_days(11017);
    CHECK_INT(c.year, 2000);
    CHECK_INT(c.month, 3);
    CHECK_INT(c.day, 1);
}

static void test_parse(void)
{
    static const char *const rejects[] = {
        "2027-02-29", "2027-13-01", "27-01-01", "2027-1-01", "2027-01-01x",
        "2027-00-10", "2027-04-31", "2027-01-00", "", "2027", "2027-01-0",
        "2027/01/01", " 2027-01-01", "+027-01-01", "1900-02-29",
    };
    cap_date d = {0, 0, 0};
    for (size_t i = 0; i < sizeof rejects / sizeof rejects[0]; i++)
        if (cap_date_parse(rejects[i], &d)) {
            fprintf(stderr, "accepted bad date \"%s\"\n", rejects[i]);
            CHECK(0);
        }
    CHECK(!cap_date_parse(NULL, &d));
    CHECK(cap_date_parse("2028-02-29", &d));
    CHECK(d.year == 2028 && d.month == 2 && d.day == 29);
    CHECK(cap_date_parse("2000-02-29", &d));
    CHECK(cap_date_parse("2027-12-31", &d));
}

static void test_holidays(void)
{
    static const char *const y2027[] = {"01-01", "01-18", "02-15", "05-31",
                                        "06-18", "07-05", "09-06", "10-11",
                                        "11-11", "11-25", "12-24", "12-31"};
    static const char *const y2026[] = {"01-01", "01-19", "02-16", "05-25",
                                        "06-19", "07-03", "09-07", "10-12",
                                        "11-11", "11-26", "12-25"};
    /* 2022-01-01 was a Saturday, observed on 2021-12-31. */
    static const char *const y2022[] = {"01-17", "02-21", "05-30", "06-20",
                                        "07-04", "09-05", "10-10", "11-11",
                                        "11-24", "12-26"};
    static const char *const y2021[] = {"01-01", "01-18", "02-15", "05-31",
                                        "06-18", "07-05", "09-06", "10-11",
                                        "11-11", "11-25", "12-24", "12-31"};
    check_holidays(2027, y2027, 12);
    check_holidays(2026, y2026, 11);
    check_holidays(2022, y2022, 10);
    check_holidays(2021, y2021, 12);
    CHECK(cap_is_us_federal_holiday(day_of("2021-12-31")));
    CHECK(!cap_is_us_federal_holiday(day_of("2022-01-01")));
    CHECK(!cap_is_us_federal_holiday(day_of("2027-07-04"))); /* Sunday */
    CHECK(!cap_is_us_federal_holiday(day_of("2027-03-05")));
    CHECK(!cap_is_us_federal_holiday(day_of("2026-12-31")));
}

/* Minutes since the clock start of a New York wall time. */
static int64_t ny_minute(const cap_tz *tz, int64_t start, const char *date,
                         int hour, int minute)
{
    int64_t wall = day_of(date) * 86400 + hour * 3600 + minute * 60;
    return (cap_tz_to_utc(tz, wall) - start) / 60;
}

/* The worked examples: 09:00-17:00 Mon-Fri in New York, holidays shut. */
static void check_spans(const cap_tz *tz, const cap_clock *c, int64_t start)
{
    /* Friday 16:30 EST = 21:30 UTC; Monday 09:45 EST = 14:45 UTC. */
    int64_t t0 = ny_minute(tz, start, "2027-03-05", 16, 30);
    CHECK_INT(t0, (day_of("2027-03-05") * 86400 + 21 * 3600 + 1800 - start) / 60);
    int64_t t1 = ny_minute(tz, start, "2027-03-08", 9, 45);
    CHECK_INT(cap_clock_business_minutes(c, t0, t1), 75);
    /* Across the 2027-03-14 spring-forward: 16:00 EST to 10:00 EDT. */
    t0 = ny_minute(tz, start, "2027-03-12", 16, 0);
    t1 = ny_minute(tz, start, "2027-03-15", 10, 0);
    CHECK_INT(cap_clock_business_minutes(c, t0, t1), 120);
    /* Monday 2027-01-18 is MLK Day. */
    t0 = ny_minute(tz, start, "2027-01-15", 16, 0);
    t1 = ny_minute(tz, start, "2027-01-19", 10, 0);
    CHECK_INT(cap_clock_business_minutes(c, t0, t1), 120);
    CHECK_INT(cap_clock_business_minutes(c, t1, t0), 0);
    t0 = ny_minute(tz, start, "2027-01-04", 0, 0);
    t1 = ny_minute(tz, start, "2027-01-11", 0, 0);
    CHECK_INT(cap_clock_business_minutes(c, t0, t1), 5 * 480);
}

static void check_open(const cap_tz *tz, const cap_clock *c, int64_t start,
                       int64_t minutes)
{
    /* 261 weekdays in 2027, all 12 observed holidays on weekdays. */
    CHECK_INT(cap_clock_business_minutes(c, 0, minutes), (261 - 12) * 480);
    CHECK_INT(cap_clock_business_minutes(c, -100, minutes + 100),
              (261 - 12) * 480);
    CHECK(cap_clock_is_open(c, ny_minute(tz, start, "2027-03-05", 9, 0)));
    CHECK(!cap_clock_is_open(c, ny_minute(tz, start, "2027-03-05", 8, 59)));
    CHECK(cap_clock_is_open(c, ny_minute(tz, start, "2027-03-05", 16, 59)));
    CHECK(!cap_clock_is_open(c, ny_minute(tz, start, "2027-03-05", 17, 0)));
    CHECK(cap_clock_is_open(c, ny_minute(tz, start, "2027-07-06", 9, 0)));
    CHECK(!cap_clock_is_open(c, ny_minute(tz, start, "2027-07-05", 12, 0)));
    CHECK(!cap_clock_is_open(c, -1));
    CHECK(!cap_clock_is_open(c, minutes));
}

static void test_clock(void)
{
    int64_t start = day_of("2027-01-01") * 86400;
    int64_t minutes = 365 * 1440;
    cap_error err;
    cap_error_clear(&err);
    cap_tz *tz = cap_tz_new("America/New_York", start, start + minutes * 60,
                            &err);
    CHECK(tz != NULL);
    if (!tz)
        return;
    cap_hours hours = {540, 1020, 0x1f, 1};
    cap_clock *c = cap_clock_new(tz, &hours, start, minutes);
    CHECK(c != NULL);
    check_spans(tz, c, start);
    check_open(tz, c, start, minutes);
    cap_clock_free(c);
    /* Holidays worked: 12 more days of 480 minutes. */
    hours.skip_holidays = 0;
    c = cap_clock_new(tz, &hours, start, minutes);
    CHECK_INT(cap_clock_business_minutes(c, 0, minutes), 261 * 480);
    cap_clock_free(c);
    cap_clock_free(NULL);
    cap_tz_free(tz);
}

static void check_label(const char *start, int year_month, const char *want)
{
    cap_date d;
    char got[24];
    CHECK(cap_date_parse(start, &d));
    cap_quarter_label(d, year_month, got);
    CHECK(strcmp(got, want) == 0);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "  %s (year from month %d): got %s, want %s\n",
                start, year_month, got, want);
}

/* Quarters are 3-month steps from the start; a fiscal year is named by
 * the calendar year it ends in (SPEC section 5). */
static void test_fiscal_quarters(void)
{
    cap_date feb = {2027, 2, 1};
    char buf[32];
    static const char *const firsts[] = {"2027-02-01", "2027-05-01",
                                         "2027-08-01", "2027-11-01",
                                         "2028-02-01"};
    for (int q = 0; q < 5; q++) {
        format_date(cap_month_add(feb, 3 * q), buf);
        CHECK(strcmp(buf, firsts[q]) == 0);
    }
    format_date(cap_month_add((cap_date){2027, 12, 15}, 1), buf);
    CHECK(strcmp(buf, "2028-01-01") == 0);
    /* February: Feb-Apr 2027 is FY2028Q1 ... Nov 2027-Jan 2028 FY2028Q4. */
    check_label("2027-02-01", 2, "FY2028Q1");
    check_label("2027-05-01", 2, "FY2028Q2");
    check_label("2027-08-01", 2, "FY2028Q3");
    check_label("2027-11-01", 2, "FY2028Q4");
    check_label("2028-02-01", 2, "FY2029Q1");
    /* July: Jul-Sep 2027 is FY2028Q1, Apr-Jun 2028 FY2028Q4. */
    check_label("2027-07-01", 7, "FY2028Q1");
    check_label("2028-01-01", 7, "FY2028Q3");
    check_label("2028-04-01", 7, "FY2028Q4");
    /* December: Dec 2027-Nov 2028 ends in 2028. */
    check_label("2027-12-01", 12, "FY2028Q1");
    check_label("2028-09-01", 12, "FY2028Q4");
    /* Calendar years keep their labels. */
    check_label("2027-01-01", 1, "2027Q1");
    check_label("2027-10-01", 1, "2027Q4");
}

/* FY2028Q4 of a February year, Nov 2027-Jan 2028, spans two calendar
 * years: the business clock shuts on both years' holidays.  By hand:
 * 22 + 23 + 21 = 66 weekdays; observed holidays on them: 2027-11-11,
 * 11-25, 12-24 (Christmas, a Saturday), 12-31 (New Year's Day 2028, a
 * Saturday) and 2028-01-17 (MLK Day, the third Monday): 61 days of 480
 * minutes. */
static void test_clock_across_years(void)
{
    cap_date q4 = cap_month_add((cap_date){2027, 2, 1}, 9);
    cap_date end = cap_month_add(q4, 3);
    int64_t start = cap_days_from_civil(q4.year, q4.month, 1) * 86400;
    int64_t minutes = (cap_days_from_civil(end.year, end.month, 1) * 86400 -
                       start) / 60;
    CHECK_INT(minutes, 92 * 1440);
    cap_error err;
    cap_error_clear(&err);
    cap_tz *tz = cap_tz_new("America/New_York", start - 86400,
                            start + (minutes + 1440) * 60, &err);
    CHECK(tz != NULL);
    if (!tz)
        return;
    cap_hours hours = {540, 1020, 0x1f, 1};
    cap_clock *c = cap_clock_new(tz, &hours, start, minutes);
    CHECK_INT(cap_clock_business_minutes(c, 0, minutes), 61 * 480);
    CHECK(!cap_clock_is_open(c, ny_minute(tz, start, "2028-01-17", 12, 0)));
    CHECK(cap_clock_is_open(c, ny_minute(tz, start, "2028-01-18", 12, 0)));
    CHECK(!cap_clock_is_open(c, ny_minute(tz, start, "2027-12-31", 12, 0)));
    CHECK(cap_clock_is_open(c, ny_minute(tz, start, "2027-12-30", 12, 0)));
    /* Friday 2028-01-14 16:00 to Tuesday 01-18 10:00: 60 + 60 minutes. */
    CHECK_INT(cap_clock_business_minutes(
                  c, ny_minute(tz, start, "2028-01-14", 16, 0),
                  ny_minute(tz, start, "2028-01-18", 10, 0)),
              120);
    cap_clock_free(c);
    cap_tz_free(tz);
}

int main(void)
{
    test_day_numbers();
    test_parse();
    test_holidays();
    test_clock();
    test_fiscal_quarters();
    test_clock_across_years();
    return check_summary();
}
