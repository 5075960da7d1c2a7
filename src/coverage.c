/* coverage.c - windows, greedy shifts and the roster. */
#include "coverage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "erlang.h"

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

static int circular_distance(int a, int b)
{
    int d = a > b ? a - b : b - a;
    return d < CAP_WEEK_HOURS - d ? d : CAP_WEEK_HOURS - d;
}

/* The order in which required hours are left empty when there are fewer
 * person-hours than window hours: lowest load first and, among equal
 * loads, the hour farthest from the empty hours already chosen, so gaps
 * spread over the week instead of bunching at its end (a whole empty
 * Friday would break every SLA that a scattered hour keeps).  Writes the
 * first `empties` hours of that order.  The hours not yet chosen are kept
 * as a list in hour order (the first of equals still wins), so each pick
 * scans and updates only them. */
static void empty_order(const unsigned char required[CAP_WEEK_HOURS],
                       const double load[CAP_WEEK_HOURS], int empties,
                       int order[CAP_WEEK_HOURS])
{
    int distance[CAP_WEEK_HOURS], left[CAP_WEEK_HOURS], n = 0;
    double size[CAP_WEEK_HOURS];
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        distance[h] = CAP_WEEK_HOURS;
        size[h] = fabs(load[h]);
        if (required[h])
            left[n++] = h;
    }
    for (int k = 0; k < empties && n > 0; k++) {
        int best = -1, at = 0;
        for (int i = 0; i < n; i++) {
            int h = left[i];
            if (best >= 0 && load[h] >= load[best] &&
                distance[h] <= distance[best])
                continue; /* loses whatever the tie: spares computing it */
            double tie = 1e-9 * (size[h] + size[best < 0 ? h : best]);
            if (best < 0 || load[h] < load[best] - tie ||
                (load[h] <= load[best] + tie && distance[h] > distance[best])) {
                best = h;
                at = i;
            }
        }
        order[k] = best;
        memmove(left + at, left + at + 1, (size_t)(n - at - 1) * sizeof *left);
        n--;
        for (int i = 0; i < n; i++) {
            int d = circular_distance(left[i], best);
            distance[left[i]] = d < distance[left[i]] ? d : distance[left[i]];
        }
    }
}

/* ---- extra people where the SLA needs them ---- */

/* Per-hour weights: a missed ticket of severity s counts 1 / (the misses
 * its goal allows in a week); a minute of work past the cap counts 1 /
 * (the slack the cap allows over the week). */
typedef struct {
    const cap_need *need;
    double weight[CAP_SEVERITIES];
    double overload_weight, cap;
} shortfall;

static void shortfall_init(shortfall *f, const cap_model *m, const cap_need *need)
{
    f->need = need;
    f->cap = m->utilization_cap;
    double work = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        work += need->work[h] / 60.0;
    f->overload_weight = 1.0 / fmax(work * (1 - f->cap), 1e-9);
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        double tickets = 0;
        for (int h = 0; h < CAP_WEEK_HOURS; h++)
            tickets += need->arrivals[h][s];
        f->weight[s] = tickets > 0
            ? 1.0 / (tickets * fmax(1 - m->attainment_goal[s], 1e-3)) : 0;
    }
}

/* The expected shortfall of hour h with c people on shift. */
static double hour_shortfall(const shortfall *f, int h, double c)
{
    const cap_need *n = f->need;
    double a = n->work[h] / 60.0; /* offered load, Erlangs */
    double cost = f->overload_weight * fmax(a - c * f->cap, 0);
    if (n->jobs[h] <= 0)
        return cost;
    double handle = n->work[h] / n->jobs[h];
    int servers = c < 1e6 ? (int)floor(c + 1e-9) : 1000000;
    /* far past the load nobody waits: skip the O(c) recursion */
    double wait = servers > a + 12 * sqrt(a) + 30 ? 0 : cap_erlang_c(servers, a);
    for (int s = 0; s < CAP_SEVERITIES; s++) {
        double late = wait == CAP_ERLANG_UNSTABLE ? 1.0
            : wait * exp(-(servers - a) * n->target[s] / fmax(handle, 1e-9));
        cost += f->weight[s] * n->arrivals[h][s] * late;
    }
    return cost;
}

/* What `piece` more person-hours in hour h would save; among hours where
 * nothing is left to save, the busiest per person goes first. */
static double gain(const shortfall *f, int h, double c, double piece)
{
    double tie = 1e-9 * (f->need->work[h] / 60.0 + 1e-6) / (c + 1);
    return hour_shortfall(f, h, c) - hour_shortfall(f, h, c + piece) + tie;
}

double cap_roster(const cap_model *m, const unsigned char required[CAP_WEEK_HOURS],
                  const cap_need *need, double person_hours,
                  double present[CAP_WEEK_HOURS])
{
    int order[CAP_WEEK_HOURS], count = 0;
    double load[CAP_WEEK_HOURS];
    if (!(person_hours < 1e15)) /* also NaN: absurd requests stay bounded */
        person_hours = person_hours > 0 ? 1e15 : 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        present[h] = required[h] ? 1 : 0;
        count += required[h] != 0;
        load[h] = need->work[h];
    }
    int filled = person_hours + 1e-9 >= count ? count
                                              : (int)floor(person_hours + 1e-9);
    if (filled < count) /* only then does anyone have to be left out */
        empty_order(required, load, count - filled, order);
    for (int k = 0; k < count - filled; k++)
        present[order[k]] = 0;
    double rest = person_hours - filled;
    if (count > 0 && rest > 1e-9) {
        shortfall f;
        shortfall_init(&f, m, need);
        double unit = fmax(1.0, ceil(rest / (CAP_WEEK_HOURS * 64.0)));
        double g[CAP_WEEK_HOURS];
        int window[CAP_WEEK_HOURS], n = 0; /* the required hours, in order */
        for (int h = 0; h < CAP_WEEK_HOURS; h++)
            if (required[h]) {
                g[h] = gain(&f, h, present[h], unit);
                window[n++] = h;
            }
        while (rest > 1e-9) {
            int best = window[0];
            for (int i = 1; i < n; i++)
                if (g[window[i]] > g[best])
                    best = window[i];
            double piece = rest < unit ? rest : unit;
            present[best] += piece;
            rest -= piece;
            g[best] = gain(&f, best, present[best], unit);
        }
    }
    double gaps = 0;
    for (int h = 0; h < CAP_WEEK_HOURS; h++)
        gaps += required[h] && present[h] <= 0;
    return gaps;
}
