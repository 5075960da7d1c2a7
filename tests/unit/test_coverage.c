/* test_coverage.c - greedy shifts, window overlap and the roster, with the
 * examples of SPEC section 2 item 5. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

static cap_model *model(void)
{
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    if (!m)
        abort();
    return m;
}

static void check_roster(const cap_model *m)
{
    unsigned char required[CAP_WEEK_HOURS] = {0};
    static cap_need need;
    double present[CAP_WEEK_HOURS];
    /* A 40-hour window: Monday to Friday, 14:00-22:00. */
    for (int d = 0; d < 5; d++)
        cap_mark_hours(required, 0, (cap_interval){d * 86400 + at(14, 0),
                                                   d * 86400 + at(22, 0)});
    int window = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        window += required[h];
    CHECK_INT(window, 40);
    /* 30 minutes of work an hour, two hours at Monday 15:00 (the busiest) */
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        need.jobs[h] = 1;
        need.work[h] = h == 15 ? 120.0 : 30.0;
    }
    /* 0.5 FTE: 0.5 x 40 h x (1 - 0.2) = 16 person-hours: 24 hours empty. */
    CHECK_NEAR(cap_roster(m, required, &need, 16, present), 24, 0);
    CHECK_NEAR(present[15], 1, 0);
    /* 2 FTE: 64 person-hours, every hour covered, the 24 extra where the
     * work past the 85% cap is: 2 Erlangs need 3 people at 0.85. */
    CHECK_NEAR(cap_roster(m, required, &need, 64, present), 0, 0);
    double total = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        total += present[h];
    CHECK_NEAR(total, 64, 1e-9);
    CHECK(present[15] >= 3);
    CHECK_NEAR(present[0], 0, 0); /* outside the window: nobody */
    /* A window that wraps past Sunday midnight marks Monday 00:00. */
    unsigned char wrap[CAP_WEEK_HOURS] = {0};
    cap_mark_hours(wrap, 0, (cap_interval){-3600, 1800});
    CHECK_INT(wrap[167], 1);
    CHECK_INT(wrap[0], 1);
    CHECK_INT(wrap[1], 0);
}

/* 24x7: every hour has the same 30 minutes of work, but S1 tickets with a
 * 15-minute target arrive only at night (hour 2 of each day).  One
 * person-hour more per day goes where the S1s would wait (Erlang C: with
 * one person busy half the time an S1 waits past 15 minutes with
 * probability 0.5 x e^-(1 - 0.5) x 15 / 30 = 0.39; with two, 0.11 x ...),
 * not to the equally busy day hours. */
static void check_roster_by_need(const cap_model *m)
{
    unsigned char required[CAP_WEEK_HOURS];
    static cap_need need;
    double present[CAP_WEEK_HOURS];
    memset(required, 1, sizeof required);
    memset(&need, 0, sizeof need);
    need.target[0] = 15;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        need.jobs[h] = 1;
        need.work[h] = 30;
        if (h % 24 == 2) {
            need.arrivals[h][0] = 0.1;
            need.jobs[h] += 0.1;
        }
    }
    CHECK_NEAR(cap_roster(m, required, &need, CAP_WEEK_HOURS + 7, present), 0, 0);
    for (int d = 0; d < 7; d++)
        CHECK_NEAR(present[d * 24 + 2], 2, 0);
    CHECK_NEAR(present[12], 1, 0);
}

/* Huge rosters stay fast and exact in total (issue 12: csm = 67,108,864
 * FTE overflowed an int; a person-hour at a time would take hours). */
static void check_roster_huge(const cap_model *m)
{
    unsigned char required[CAP_WEEK_HOURS];
    static cap_need need;
    double present[CAP_WEEK_HOURS];
    memset(required, 1, sizeof required);
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        need.jobs[h] = 2;
        need.work[h] = 60;
    }
    double hours = 67108864.0 * 32;
    CHECK_NEAR(cap_roster(m, required, &need, hours, present), 0, 0);
    double total = 0, least = INFINITY;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        total += present[h];
        least = fmin(least, present[h]);
    }
    CHECK_NEAR(total, hours, 1e-6 * hours);
    CHECK(least > hours / CAP_WEEK_HOURS / 2);
}

int main(void)
{
    check_shifts();
    check_overlap();
    cap_model *m = model();
    check_roster(m);
    check_roster_by_need(m);
    check_roster_huge(m);
    cap_model_free(m);
    return check_summary();
}
