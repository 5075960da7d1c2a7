/* test_tz.c - zone lookup and offsets from the system tz database, checked
 * against offsets and DST dates anyone can look up.
 */
#include "calendar.h"
#include "check.h"
#include "tz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* UTC seconds of a civil date and time read as UTC. */
static int64_t at(int y, int mo, int d, int h, int mi)
{
    return cap_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static cap_tz *zone(const char *name)
{
    cap_error err;
    cap_error_clear(&err);
    cap_tz *tz = cap_tz_new(name, at(2027, 1, 1, 0, 0), at(2028, 1, 1, 0, 0),
                            &err);
    if (!tz)
        fprintf(stderr, "cannot load %s: %s\n", name, err.message);
    return tz;
}

static void test_exists(void)
{
    CHECK(cap_tz_exists("America/New_York"));
    CHECK(cap_tz_exists("Europe/Berlin"));
    CHECK(cap_tz_exists("UTC"));
    CHECK(!cap_tz_exists("Mars/Base"));
    CHECK(!cap_tz_exists("../etc/passwd"));
    CHECK(!cap_tz_exists("America/../America/New_York"));
    CHECK(!cap_tz_exists("/etc/localtime"));
    CHECK(!cap_tz_exists(""));
    CHECK(!cap_tz_exists(NULL));
    CHECK(!cap_tz_exists("America")); /* a directory */
}

static void check_offset(const char *name, int64_t utc, int want)
{
    cap_tz *tz = zone(name);
    CHECK(tz != NULL);
    if (!tz)
        return;
    CHECK_STR(cap_tz_name(tz), name);
    CHECK_INT(cap_tz_offset(tz, utc), want);
    cap_tz_free(tz);
}

static void test_offsets(void)
{
    check_offset("America/New_York", at(2027, 1, 6, 12, 0), -18000);
    check_offset("America/New_York", at(2027, 7, 7, 12, 0), -14400);
    check_offset("Europe/Berlin", at(2027, 1, 6, 12, 0), 3600);
    check_offset("Europe/Berlin", at(2027, 7, 7, 12, 0), 7200);
    check_offset("Asia/Tokyo", at(2027, 7, 7, 12, 0), 32400);
    check_offset("Asia/Kolkata", at(2027, 1, 6, 12, 0), 19800);
    check_offset("Australia/Sydney", at(2027, 1, 6, 12, 0), 39600);
    check_offset("Australia/Sydney", at(2027, 7, 7, 12, 0), 36000);
    check_offset("UTC", at(2027, 7, 7, 12, 0), 0);
}

static void test_new_york(void)
{
    cap_tz *tz = zone("America/New_York");
    CHECK(tz != NULL);
    if (!tz)
        return;
    /* DST starts 2027-03-14 at 02:00 EST = 07:00 UTC. */
    CHECK_INT(cap_tz_offset(tz, at(2027, 3, 14, 6, 59)), -18000);
    CHECK_INT(cap_tz_offset(tz, at(2027, 3, 14, 7, 0)), -14400);
    /* DST ends 2027-11-07 at 02:00 EDT = 06:00 UTC. */
    CHECK_INT(cap_tz_offset(tz, at(2027, 11, 7, 5, 59)), -14400);
    CHECK_INT(cap_tz_offset(tz, at(2027, 11, 7, 6, 0)), -18000);
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 1, 6, 9, 0)), at(2027, 1, 6, 14, 0));
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 7, 7, 9, 0)), at(2027, 7, 7, 13, 0));
    /* 02:30 does not exist that morning: it maps forward to 03:30 EDT. */
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 3, 14, 2, 30)),
              at(2027, 3, 14, 7, 30));
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 3, 14, 1, 59)),
              at(2027, 3, 14, 6, 59));
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 3, 14, 3, 0)),
              at(2027, 3, 14, 7, 0));
    /* 01:30 happens twice on 2027-11-07: the first (EDT) one wins. */
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 11, 7, 1, 30)),
              at(2027, 11, 7, 5, 30));
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 11, 7, 2, 0)),
              at(2027, 11, 7, 7, 0));
    /* Outside the window the nearest end's offset is used. */
    CHECK_INT(cap_tz_offset(tz, at(1990, 7, 1, 0, 0)), -18000);
    CHECK_INT(cap_tz_offset(tz, at(2040, 7, 1, 0, 0)), -18000);
    cap_tz_free(tz);
}

static void test_berlin(void)
{
    cap_tz *tz = zone("Europe/Berlin");
    CHECK(tz != NULL);
    if (!tz)
        return;
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 1, 6, 9, 0)), at(2027, 1, 6, 8, 0));
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 7, 7, 9, 0)), at(2027, 7, 7, 7, 0));
    /* EU summer time starts 2027-03-28 01:00 UTC. */
    CHECK_INT(cap_tz_offset(tz, at(2027, 3, 28, 0, 59)), 3600);
    CHECK_INT(cap_tz_offset(tz, at(2027, 3, 28, 1, 0)), 7200);
    cap_tz_free(tz);
}

/* Lord Howe Island switches at half past a UTC hour and by 30 minutes. */
static void test_lord_howe(void)
{
    cap_tz *tz = zone("Australia/Lord_Howe");
    CHECK(tz != NULL);
    if (!tz)
        return;
    CHECK_INT(cap_tz_offset(tz, at(2027, 10, 2, 15, 29)), 37800);
    CHECK_INT(cap_tz_offset(tz, at(2027, 10, 2, 15, 30)), 39600);
    CHECK_INT(cap_tz_offset(tz, at(2027, 4, 3, 14, 59)), 39600);
    CHECK_INT(cap_tz_offset(tz, at(2027, 4, 3, 15, 0)), 37800);
    /* 02:10 local on 2027-10-03 is skipped: maps to 02:40 (+11). */
    CHECK_INT(cap_tz_to_utc(tz, at(2027, 10, 3, 2, 10)),
              at(2027, 10, 2, 15, 40));
    cap_tz_free(tz);
}

static void test_errors(void)
{
    cap_error err;
    cap_error_clear(&err);
    cap_tz *tz = cap_tz_new("Mars/Base", 0, 86400, &err);
    CHECK(tz == NULL);
    CHECK_INT(err.code, CAP_ERR_INPUT);
    CHECK_STR(err.message, "unknown time zone \"Mars/Base\"");
    cap_error_clear(&err);
    CHECK(cap_tz_new("../etc/passwd", 0, 86400, &err) == NULL);
    CHECK_INT(err.code, CAP_ERR_INPUT);
    cap_tz_free(NULL);
}

/* Building a zone must leave the process's own TZ as it found it. */
static void test_env_restored(void)
{
    setenv("TZ", "Asia/Tokyo", 1);
    cap_tz *tz = zone("Europe/Berlin");
    CHECK(getenv("TZ") && strcmp(getenv("TZ"), "Asia/Tokyo") == 0);
    cap_tz_free(tz);
    unsetenv("TZ");
    tz = zone("Europe/Berlin");
    CHECK(getenv("TZ") == NULL);
    cap_tz_free(tz);
    /* $TZDIR is where zones are looked up. */
    setenv("TZDIR", "/nonexistent", 1);
    CHECK(!cap_tz_exists("America/New_York"));
    unsetenv("TZDIR");
    CHECK(cap_tz_exists("America/New_York"));
}

/* A zone as users write it -> the tz database's own name. */
static void check_canonical(const char *text, const char *want)
{
    char out[128] = "";
    int found = cap_tz_canonical(text, out, sizeof out);
    CHECK_INT(found, want != NULL);
    if (want)
        CHECK_STR(out, want);
}

static void test_canonical(void)
{
    check_canonical("Europe/Paris", "Europe/Paris");
    check_canonical("europe/paris", "Europe/Paris");
    check_canonical("  AMERICA/ARGENTINA/BUENOS_AIRES ",
                    "America/Argentina/Buenos_Aires");
    check_canonical("utc", "UTC");
    /* Salesforce: a label ending with the IANA name in parentheses */
    check_canonical("(GMT+01:00) Central European Standard Time (Europe/Paris)",
                    "Europe/Paris");
    check_canonical("(GMT-03:00) Argentina Time (america/argentina/buenos_aires)",
                    "America/Argentina/Buenos_Aires");
    check_canonical("(GMT+01:00) Central European Standard Time", NULL);
    check_canonical("Europe/Pariss", NULL);
    check_canonical("Europe", NULL);               /* a folder, not a zone */
    check_canonical("../../etc/passwd", NULL);
    check_canonical("/usr/share/zoneinfo/UTC", NULL);
    check_canonical("", NULL);
}

int main(void)
{
    test_exists();
    test_canonical();
    test_offsets();
    test_new_york();
    test_berlin();
    test_lord_howe();
    test_errors();
    test_env_restored();
    return check_summary();
}
