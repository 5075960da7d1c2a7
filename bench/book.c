/* book.c - writes the synthetic books of book.h. */
#include "book.h"

#include <stdio.h>

#define SEGMENTS 3
#define ZONES 8

static const char *const zones[ZONES] = {"America/New_York", "Europe/Berlin",
    "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney",
    "Europe/London", "America/Sao_Paulo"};
static const char *const plan_names[SEGMENTS] = {"basic", "premium",
                                                 "mission_critical"};
static const cap_plan plans[SEGMENTS] = {CAP_PLAN_BASIC, CAP_PLAN_PREMIUM,
                                         CAP_PLAN_MISSION_CRITICAL};
static const char *const channels[] = {"reseller", "distributor", "oem", "msp"};

long cap_bench_book_partners(const cap_bench_book *b)
{
    return (b->customers + b->per_partner - 1) / b->per_partner;
}

/* Partner i's customers on each plan: 5:3:2, the rest on the last. */
static void split(const cap_bench_book *b, long i, long seg[SEGMENTS])
{
    long n = b->customers - i * b->per_partner;
    if (n > b->per_partner)
        n = b->per_partner;
    seg[0] = n * 5 / 10;
    seg[1] = n * 3 / 10;
    seg[2] = n - seg[0] - seg[1];
}

static int write_ini(const cap_bench_book *b, FILE *f)
{
    fprintf(f, "; capplan-bench: %ld customers, %ld per partner\n"
               "[portfolio]\nname = bench %ld\nstart = 2027-01-01\n"
               "quarters = %d\n",
            b->customers, b->per_partner, b->customers, b->quarters);
    for (long i = 0; i < cap_bench_book_partners(b); i++)
        fprintf(f, "\n[partner.p%ld]\nchannel = %s\ncsm = auto\n"
                   "tam = %s\ntam_tier = premium\nservice_hours = none\n"
                   "growth = 0\n",
                i, channels[i % 4], i % 3 == 0 ? "auto" : "none");
    return ferror(f) ? -1 : 0;
}

static int write_csv(const cap_bench_book *b, FILE *f)
{
    fputs("partner,plan,timezone,customers\n", f);
    for (long i = 0; i < cap_bench_book_partners(b); i++) {
        long seg[SEGMENTS];
        split(b, i, seg);
        for (int s = 0; s < SEGMENTS; s++)
            if (seg[s] > 0)
                fprintf(f, "p%ld,%s,%s,%ld\n", i, plan_names[s],
                        zones[(i + s) % ZONES], seg[s]);
    }
    return ferror(f) ? -1 : 0;
}

static int write_file(const char *path, const cap_bench_book *b,
                      int (*write)(const cap_bench_book *, FILE *))
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = write(b, f);
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

int cap_bench_book_write(const cap_bench_book *b, const char *ini_path,
                         const char *csv_path)
{
    if (write_file(ini_path, b, write_ini) != 0)
        return -1;
    return write_file(csv_path, b, write_csv);
}

double cap_bench_book_tickets(const cap_bench_book *b, const cap_model *m)
{
    double per_month = 0;
    for (long i = 0; i < cap_bench_book_partners(b); i++) {
        long seg[SEGMENTS];
        split(b, i, seg);
        for (int s = 0; s < SEGMENTS; s++)
            for (int sev = 0; sev < CAP_SEVERITIES; sev++)
                per_month += (double)seg[s] * m->plan[plans[s]].tickets_per_month[sev];
    }
    return per_month * 3.0 * b->quarters;
}
