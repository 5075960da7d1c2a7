/* coverage.c - windows, greedy shifts and the roster. */
#include "coverage.h"

#include <math.h>
#include <stdlib.h>

double cap_person_hours(const cap_model *m, double fte)
{
    return fte * m->hours_per_fte_week * (1 - m->shrinkage);
}

cap_interval cap_local_window(const cap_tz *tz, int64_t day, int open_minute,
                              int close_minute)
{
    int64_t midnight = day * 86400;
    cap_interval w = {cap_tz_to_utc(tz, midnight + open_minute * 60),
                      cap_tz_to_utc(tz, midnight + close_minute * 60)};
    return w;
}

double cap_overlap_hours(cap_interval a, cap_interval b)
{
    int64_t start = a.start > b.start ? a.start : b.start;
    int64_t end = a.end < b.end ? a.end : b.end;
    return end > start ? (double)(end - start) / 3600.0 : 0.0;
}

static int by_start(const void *pa, const void *pb)
{
    const cap_interval *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

int cap_shifts_needed(cap_interval *windows, size_t count, double shift_hours)
{
    qsort(windows, count, sizeof *windows, by_start);
    int64_t shift = (int64_t)(shift_hours * 3600), covered = INT64_MIN;
    int shifts = 0;
    for (size_t i = 0; i < count; i++) {
        int64_t from = windows[i].start > covered ? windows[i].start : covered;
        while (from < windows[i].end) {
            covered = from + shift;
            shifts++;
            from = covered;
        }
    }
    return shifts;
}

void cap_mark_hours(unsigned char required[CAP_WEEK_HOURS], int64_t week_start,
                    cap_interval w)
{
    const int64_t week = (int64_t)CAP_WEEK_HOURS * 3600;
    for (int64_t t = w.start - ((w.start - week_start) % 3600 + 3600) % 3600;
         t < w.end; t += 3600) {
        int64_t offset = ((t - week_start) % week + week) % week;
        required[offset / 3600] = 1;
    }
}

/* Index of the required hour with the highest load per person present
 * (after adding one), ties to the earlier hour. */
static int busiest_hour(const unsigned char required[CAP_WEEK_HOURS],
                        const double load[CAP_WEEK_HOURS],
                        const double present[CAP_WEEK_HOURS])
{
    int best = -1;
    double best_score = -1;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        if (!required[h])
            continue;
        double score = load[h] / (present[h] + 1.0);
        if (score > best_score) {
            best = h;
            best_score = score;
        }
    }
    return best;
}

static int circular_distance(int a, int b)
{
    int d = a > b ? a - b : b - a;
    return d < CAP_WEEK_HOURS - d ? d : CAP_WEEK_HOURS - d;
}

/* The order in which required hours are left empty when there are fewer
 * person-hours than window hours: lowest load first and, among equal
 * loads, the hour farthest from the empty hours already chosen, so gaps
 * spread over the week instead of bunching at its end (a whole empty
 * Friday would break every SLA that a scattered hour keeps). */
static void empty_order(const unsigned char required[CAP_WEEK_HOURS],
                       const double load[CAP_WEEK_HOURS],
                       int order[CAP_WEEK_HOURS])
{
    int distance[CAP_WEEK_HOURS], chosen[CAP_WEEK_HOURS] = {0}, count = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        distance[h] = CAP_WEEK_HOURS;
        count += required[h] != 0;
    }
    for (int k = 0; k < count; k++) {
        int best = -1;
        for (int h = 0; h < CAP_WEEK_HOURS; h++) {
            if (!required[h] || chosen[h])
                continue;
            if (best < 0 || load[h] < load[best] - 1e-12 ||
                (load[h] <= load[best] + 1e-12 && distance[h] > distance[best]))
                best = h;
        }
        chosen[best] = 1;
        order[k] = best;
        for (int h = 0; h < CAP_WEEK_HOURS; h++) {
            int d = circular_distance(h, best);
            distance[h] = d < distance[h] ? d : distance[h];
        }
    }
}

double cap_roster(const unsigned char required[CAP_WEEK_HOURS],
                  const double load[CAP_WEEK_HOURS], double person_hours,
                  double present[CAP_WEEK_HOURS])
{
    int order[CAP_WEEK_HOURS], count = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        present[h] = required[h] ? 1 : 0;
        count += required[h] != 0;
    }
    int whole = (int)floor(person_hours + 1e-9);
    int filled = whole < count ? whole : count;
    if (filled < count) /* only then does anyone have to be left out */
        empty_order(required, load, order);
    for (int k = 0; k < count - filled; k++)
        present[order[k]] = 0;
    person_hours -= filled;
    int h;
    while (person_hours > 1e-9 &&
           (h = busiest_hour(required, load, present)) >= 0) {
        double piece = person_hours < 1.0 ? person_hours : 1.0;
        present[h] += piece;
        person_hours -= piece;
    }
    double gaps = 0;
    for (h = 0; h < CAP_WEEK_HOURS; h++)
        gaps += required[h] && present[h] <= 0;
    return gaps;
}
