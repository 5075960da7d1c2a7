/* load_book.c - times loading a portfolio (and customers CSV) alone.
 *
 *   cap_load_book PORTFOLIO.ini [CUSTOMERS.csv]
 *
 * Loads with the built-in model, validates, and prints one line:
 * partners, segments, the first quarter's customers, wall seconds of the
 * load and the process's peak RSS.  Used for the README's load timings
 * (tests/big/README.md); not a test by itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "model.h"
#include "portfolio.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: cap_load_book PORTFOLIO.ini [CUSTOMERS.csv]\n");
        return 2;
    }
    cap_error err = {0};
    cap_model *m = cap_model_builtin(&err);
    if (!m)
        return fprintf(stderr, "%s\n", err.message), 1;
    cap_date today = {2026, 11, 1};
    double t0 = now();
    cap_portfolio *p = cap_portfolio_load(argv[1], m, today, &err);
    if (p && argc == 3 && cap_portfolio_add_csv(p, argv[2], m, &err) != CAP_OK) {
        cap_portfolio_free(p);
        p = NULL;
    }
    if (p && cap_portfolio_validate(p, &err) != CAP_OK) {
        cap_portfolio_free(p);
        p = NULL;
    }
    double t1 = now();
    if (!p) {
        fprintf(stderr, "capplan: %s\n", err.message);
        cap_model_free(m);
        return 3;
    }
    size_t segments = 0;
    double customers = 0;
    for (size_t i = 0; i < p->partner_count; i++) {
        cap_segment *seg = calloc(p->partners[i].segment_count + 1, sizeof *seg);
        if (!seg)
            abort();
        size_t n = cap_partner_quarter(&p->partners[i], 0, seg);
        segments += p->partners[i].segment_count;
        for (size_t s = 0; s < n; s++)
            customers += seg[s].customers;
        free(seg);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    printf("partners %zu segments %zu customers %.0f load %.3f s "
           "(process cpu %.3f s) peak_rss %ld KB\n", p->partner_count,
           segments, customers, t1 - t0, cpu, ru.ru_maxrss);
    cap_portfolio_free(p);
    cap_model_free(m);
    return 0;
}
