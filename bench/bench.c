/* bench.c - speed and memory of the rules engine.
 *
 * Times the whole rules-only pipeline on the shipped finance book, then on
 * synthetic books of growing size, and prints a table: wall time per run,
 * time per partner, the ratio to the smallest book (linear scaling shows
 * as ratio ~ size ratio), and peak resident memory.  Run from the source
 * folder:  ./build/capbench
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "calendar.h"
#include "model.h"
#include "portfolio.h"
#include "staffing.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* A synthetic book: partners cycling through channels, plans and zones. */
static cap_portfolio *synthetic(size_t partners)
{
    static const char *const zones[] = {"America/New_York", "Europe/Berlin",
        "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney",
        "Europe/London", "America/Sao_Paulo"};
    cap_portfolio *p = calloc(1, sizeof *p);
    p->partners = calloc(partners, sizeof *p->partners);
    p->partner_count = partners;
    p->start = (cap_date){2027, 1, 1};
    p->quarters = 4;
    for (size_t i = 0; i < partners; i++) {
        cap_partner *partner = &p->partners[i];
        snprintf(partner->id, sizeof partner->id, "p%zu", i);
        partner->channel = (cap_channel)(i % CAP_CHANNELS);
        partner->csm.kind = CAP_ASK_AUTO;
        partner->tam.kind = i % 3 ? CAP_ASK_NONE : CAP_ASK_AUTO;
        partner->service_hours.kind = CAP_ASK_AUTO;
        partner->tier_override = -1;
        partner->segment_count = 3;
        partner->segments = calloc(3, sizeof *partner->segments);
        for (int s = 0; s < 3; s++) {
            cap_segment *seg = &partner->segments[s];
            seg->plan = (cap_plan)((i + s) % 5 == 0 ? (i + s) % 3 : 0);
            snprintf(seg->timezone, sizeof seg->timezone, "%s", zones[(i + s) % 8]);
            seg->customers = 5 + (int)((i * 7 + s * 3) % 30);
            seg->quarter = -1;
        }
    }
    return p;
}

/* Best of `reps` runs of sizing every quarter of p. */
static double time_sizing(const cap_portfolio *p, const cap_model *m, int reps)
{
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        for (int q = 0; q < p->quarters; q++) {
            cap_error err;
            cap_staffing *s = cap_staffing_run(p, m, q, &err);
            if (!s) {
                fprintf(stderr, "capbench: %s\n", err.message);
                exit(1);
            }
            cap_staffing_free(s);
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    return best;
}

static double time_loading(const cap_model *m, cap_portfolio **out)
{
    cap_error err;
    double t0 = now();
    cap_portfolio *p = cap_portfolio_load("samples/finance-book.ini", m,
                                          (cap_date){2026, 11, 22}, &err);
    if (!p || cap_portfolio_add_csv(p, "samples/finance-book.csv", m, &err)) {
        fprintf(stderr, "capbench: %s (run from the source folder)\n", err.message);
        exit(1);
    }
    *out = p;
    return now() - t0;
}

int main(void)
{
    cap_error err;
    double t0 = now();
    cap_model *m = cap_model_builtin(&err);
    double t_model = now() - t0;
    cap_portfolio *book;
    double t_load = time_loading(m, &book);
    double t_book = time_sizing(book, m, 5);
    printf("capbench: rules engine, best of 5, every quarter of the horizon\n\n");
    printf("%-28s %10s\n", "finance book stage", "ms");
    printf("%-28s %10.3f\n", "model (built-in) parse", t_model * 1e3);
    printf("%-28s %10.3f\n", "portfolio INI + CSV read", t_load * 1e3);
    printf("%-28s %10.3f\n", "size 30 partners x 4 q", t_book * 1e3);
    printf("\n%9s %12s %14s %12s %10s\n", "partners", "ms / run", "us / partner-q",
           "time ratio", "peak MiB");
    double base = 0;
    size_t sizes[] = {30, 300, 3000};
    for (size_t k = 0; k < 3; k++) {
        cap_portfolio *p = synthetic(sizes[k]);
        double t = time_sizing(p, m, 3);
        if (k == 0)
            base = t;
        printf("%9zu %12.2f %14.2f %12.1f %10.1f\n", sizes[k], t * 1e3,
               t * 1e6 / (sizes[k] * 4), t / base, peak_kib() / 1024.0);
        cap_portfolio_free(p);
    }
    cap_portfolio_free(book);
    cap_model_free(m);
    return 0;
}
