/* test_coverage.c - greedy shifts, window overlap and the roster, with the
 * examples of SPEC section 2 item 5. */
#include "check.h"
#include "coverage.h"

static int64_t at(int hour, int minute)
{
    return (int64_t)hour * 3600 + minute * 60; /* seconds after 00:00 UTC */
}

static void check_shifts(void)
{
    /* 03:30-11:30, 08:00-16:00 and 14:00-22:00 UTC need 3 shifts. */
    cap_interval three[] = {{at(14, 0), at(22, 0)}, {at(3, 30), at(11, 30)},
                            {at(8, 0), at(16, 0)}};
    CHECK_INT(cap_shifts_needed(three, 3, 8), 3);
    /* 08:00-10:00 and 12:00-14:00: one shift spans the gap. */
    cap_interval one[] = {{at(8, 0), at(10, 0)}, {at(12, 0), at(14, 0)}};
    CHECK_INT(cap_shifts_needed(one, 2, 8), 1);
    /* Tokyo 00:00-08:00 and New York 14:00-22:00 UTC: 2 shifts. */
    cap_interval two[] = {{at(0, 0), at(8, 0)}, {at(14, 0), at(22, 0)}};
    CHECK_INT(cap_shifts_needed(two, 2, 8), 2);
    CHECK_INT(cap_shifts_needed(two, 0, 8), 0);
}

static void check_overlap(void)
{
    cap_interval ny = {at(14, 0), at(22, 0)}, berlin = {at(8, 0), at(16, 0)};
    CHECK_NEAR(cap_overlap_hours(ny, berlin), 2.0, 1e-12);
    cap_interval chicago = {at(15, 0), at(23, 0)};
    CHECK_NEAR(cap_overlap_hours(ny, chicago), 7.0, 1e-12);
    cap_interval tokyo = {at(0, 0), at(8, 0)};
    CHECK_NEAR(cap_overlap_hours(ny, tokyo), 0.0, 0);
}

static void check_roster(void)
{
    unsigned char required[CAP_WEEK_HOURS] = {0};
    double load[CAP_WEEK_HOURS] = {0}, present[CAP_WEEK_HOURS];
    /* A 40-hour window: Monday to Friday, 14:00-22:00 UTC. */
    for (int d = 0; d < 5; d++)
        cap_mark_hours(required, 0, (cap_interval){d * 86400 + at(14, 0),
                                                   d * 86400 + at(22, 0)});
    int window = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        window += required[h];
    CHECK_INT(window, 40);
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        load[h] = h == 15 ? 5.0 : 1.0; /* Monday 15:00 is the busiest */
    /* 0.5 FTE: 0.5 x 40 h x (1 - 0.2) = 16 person-hours: 24 hours empty. */
    CHECK_NEAR(cap_roster(required, load, 16, present), 24, 0);
    CHECK_NEAR(present[15], 1, 0);
    /* 2 FTE: 64 person-hours, every hour covered, the 24 extra on the
     * busiest hour first (5 / 2 > 1 / 2 ...). */
    CHECK_NEAR(cap_roster(required, load, 64, present), 0, 0);
    double total = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        total += present[h];
    CHECK_NEAR(total, 64, 1e-9);
    CHECK(present[15] >= 2);
    CHECK_NEAR(present[0], 0, 0); /* outside the window: nobody */
    /* A window that wraps past Sunday midnight marks Monday 00:00. */
    unsigned char wrap[CAP_WEEK_HOURS] = {0};
    cap_mark_hours(wrap, 0, (cap_interval){-3600, 1800});
    CHECK_INT(wrap[167], 1);
    CHECK_INT(wrap[0], 1);
    CHECK_INT(wrap[1], 0);
}

int main(void)
{
    check_shifts();
    check_overlap();
    check_roster();
    return check_summary();
}
