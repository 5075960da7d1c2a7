/* test_queue_stream.c - `capplan queue` serves its tickets as the clock
 * advances: more than 10^7 tickets in one replication are accepted and
 * counted, and a year's run needs no more memory than a quarter's (peak
 * RSS of the child process, from wait4). */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "run_capplan.h"

/* 30,000 tickets an hour for 350 measured hours: 10,500,000 expected in
 * the one replication (Poisson, sd sqrt(10.5e6) = 3,240), after a warm-up
 * of 336 hours (another 10 million served and discarded).  Handle time
 * 0.01 min: 5 Erlangs on 8 people, so the run is quick. */
static void check_past_ten_million(void)
{
    json_t *doc = run_capplan_json_full(
        "queue --json --arrivals-per-hour 30000 --handle-minutes 0.01 "
        "--servers 8 --target-minutes 1 --hours 350 -r 1 --seed 5");
    CHECK(doc != NULL);
    if (!doc)
        return;
    json_t *sim = json_object_get(doc, "simulated");
    double n = json_number_value(json_object_get(sim, "tickets"));
    fprintf(stderr, "# one replication: %.0f tickets measured\n", n);
    CHECK(n > 1e7);
    CHECK_NEAR(n, 10.5e6, 4 * sqrt(10.5e6));
    /* 8 people with 5 Erlangs: the queue is stable */
    CHECK(json_is_true(json_object_get(json_object_get(doc, "erlang_c"), "stable")));
    json_decref(doc);
}

/* Peak resident KiB of `capplan queue ... --hours H` (one thread, one
 * replication), or -1 when it did not exit 0. */
static long peak_kib(const char *hours)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDOUT_FILENO);
        execl(CAPPLAN_EXE, "capplan", "queue", "--arrivals-per-hour", "1000",
              "--handle-minutes", "0.05", "--servers", "2", "--target-minutes",
              "1", "--hours", hours, "-r", "1", "-j", "1", (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    return ru.ru_maxrss;
}

/* A quarter (2,190 h: 2.5 million tickets with the warm-up) and a year
 * (8,760 h: 9.1 million): held in memory, 40 bytes a ticket, the year
 * would take 250 MB more. */
static void check_memory_flat(void)
{
    long quarter = peak_kib("2190"), year = peak_kib("8760");
    fprintf(stderr, "# peak RSS: quarter %ld KiB, year %ld KiB\n", quarter, year);
    CHECK(quarter > 0 && year > 0);
    CHECK(year <= 1.2 * quarter);
}

int main(void)
{
    check_past_ten_million();
    check_memory_flat();
    return check_summary();
}
