/* test_queue_command.c - `capplan queue` through the real executable: for
 * stationary M/M/c queues the simulation agrees with Erlang C within its
 * 95% confidence interval (SPEC section 4, "Analytic check"), the JSON does
 * not depend on the thread count, an unstable queue is reported as such,
 * and M/M/1 gives the published C = rho.
 *
 * (Named test_queue_command, not test_queue: tests/unit/test_queue.c
 * already owns that target name.) */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "check.h"
#include "run_capplan.h"

/* Runs `capplan queue ARGS` (a shell fragment) in the source folder; returns
 * its stdout (caller frees) and its exit status in *status. */
static char *run_queue(const char *args, int *status)
{
    char full[4096];
    snprintf(full, sizeof full, "queue %s", args);
    return run_capplan_capture(full, status);
}

/* `capplan queue --json ARGS`, parsed; NULL (and a failed check) unless
 * it exits 0 with one JSON object. */
static json_t *queue_json(const char *args)
{
    char full[4096];
    snprintf(full, sizeof full, "--json %s", args);
    int status = -1;
    char *text = run_queue(full, &status);
    json_error_t jerr;
    json_t *doc = text ? json_loads(text, 0, &jerr) : NULL;
    CHECK_INT(status, 0);
    CHECK(json_is_object(doc));
    if (!doc)
        fprintf(stderr, "capplan queue %s: no JSON (%s)\n", full,
                text ? jerr.text : "no output");
    free(text);
    return doc;
}

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

typedef struct {
    const char *what, *args;
} stationary;

/* Every case: 95% CI of wait probability, service level and mean wait
 * must hold the Erlang C value.  The seed is fixed; had a case missed,
 * the remedy is more replications or hours, not another seed.  With
 * these seeds and sizes every interval held at the first try on MT19937;
 * when capplan queue moved to taus2, the 2-server mean wait at 500 hours
 * missed (34.9 +- 3.3 against 38.6; over 100 seeds each generator's
 * intervals missed 3 to 9 times in 100, as 95% ones should), so that case
 * runs 2000 hours: M/M/2 at 75% load is the slowest of the three to
 * average out. */
static const stationary cases[] = {
    /* a = 1.5 Erlangs on 2 servers (fewer than 3) */
    {"2 servers", "--arrivals-per-hour 3 --handle-minutes 30 --servers 2 "
                  "--target-minutes 10 --hours 2000 -r 20 --seed 7"},
    /* a = 8 on 10 servers */
    {"10 servers", "--arrivals-per-hour 40 --handle-minutes 12 --servers 10 "
                   "--target-minutes 5 --hours 500 -r 20 --seed 7"},
    /* a = 60 on 66 servers (more than 50) */
    {"66 servers", "--arrivals-per-hour 300 --handle-minutes 12 --servers 66 "
                   "--target-minutes 2 --hours 500 -r 20 --seed 7"},
};

static void check_inside(const char *what, const char *key, json_t *doc)
{
    double want = num(json_object_get(doc, "erlang_c"), key);
    json_t *e = json_object_get(json_object_get(doc, "simulated"), key);
    json_t *ci = json_object_get(e, "ci95");
    double lo = json_number_value(json_array_get(ci, 0));
    double hi = json_number_value(json_array_get(ci, 1));
    fprintf(stderr, "# %-10s %-16s Erlang C %.6f  simulated %.6f +- %.6f\n",
            what, key, want, num(e, "mean"), (hi - lo) / 2);
    CHECK(json_array_size(ci) == 2);
    CHECK(lo <= want && want <= hi);
}

static void check_stationary(const stationary *c)
{
    json_t *doc = queue_json(c->args);
    if (!doc)
        return;
    json_t *erlang = json_object_get(doc, "erlang_c");
    CHECK(json_is_true(json_object_get(erlang, "stable")));
    check_inside(c->what, "wait_probability", doc);
    check_inside(c->what, "service_level", doc);
    check_inside(c->what, "mean_wait", doc);
    /* occupancy a / c: the simulated one is busy / present over the
     * measured hours, close but not held to the interval */
    CHECK_NEAR(num(json_object_get(json_object_get(doc, "simulated"), "occupancy"), "mean"),
               num(erlang, "occupancy"), 0.02);
    json_decref(doc);
}

/* Replication k always draws from stream (seed, k): one thread or two,
 * the same bytes. */
static void check_threads(void)
{
    const char *args = "--json --arrivals-per-hour 40 --handle-minutes 12 "
                       "--servers 10 --target-minutes 5 --hours 200 -r 8 "
                       "--seed 11";
    char one[1024], two[1024];
    snprintf(one, sizeof one, "%s -j 1", args);
    snprintf(two, sizeof two, "%s -j 2", args);
    int s1 = -1, s2 = -1;
    char *a = run_queue(one, &s1), *b = run_queue(two, &s2);
    CHECK_INT(s1, 0);
    CHECK_INT(s2, 0);
    CHECK(a && b && *a && strcmp(a, b) == 0);
    free(a);
    free(b);
}

/* a = 10 x 15 / 60 = 2.5 Erlangs on 2 servers: no Erlang C answer, the
 * simulation still runs, exit 0. */
static void check_unstable(void)
{
    json_t *doc = queue_json("--arrivals-per-hour 10 --handle-minutes 15 "
                             "--servers 2 --target-minutes 5 --hours 100 -r 4 "
                             "--seed 3");
    if (!doc)
        return;
    json_t *erlang = json_object_get(doc, "erlang_c");
    CHECK_NEAR(num(doc, "offered_load"), 2.5, 1e-12);
    CHECK(json_is_false(json_object_get(erlang, "stable")));
    const char *keys[] = {"wait_probability", "service_level", "mean_wait",
                          "occupancy"};
    for (int k = 0; k < 4; k++) {
        CHECK(json_is_null(json_object_get(erlang, keys[k])));
        json_t *e = json_object_get(json_object_get(doc, "simulated"), keys[k]);
        CHECK(json_is_number(json_object_get(e, "mean")));
    }
    json_decref(doc);
}

/* M/M/1 at rho = 30 x 1 / 60 = 0.5: C(1, a) = rho = 0.5 exactly, the
 * mean wait rho / (mu - lambda) = 1 minute; and the echo of the inputs
 * and the model's defaults. */
static void check_mm1(void)
{
    json_t *doc = queue_json("--arrivals-per-hour 30 --handle-minutes 1 "
                             "--servers 1 --target-minutes 0 --hours 100 -r 2");
    if (!doc)
        return;
    json_t *erlang = json_object_get(doc, "erlang_c");
    CHECK(json_is_true(json_object_get(erlang, "stable")));
    CHECK(num(erlang, "wait_probability") == 0.5);
    CHECK_NEAR(num(erlang, "service_level"), 0.5, 1e-12);
    CHECK_NEAR(num(erlang, "mean_wait"), 1.0, 1e-12);
    CHECK_NEAR(num(erlang, "occupancy"), 0.5, 1e-12);
    CHECK_NEAR(num(doc, "offered_load"), 0.5, 1e-12);
    CHECK_INT(json_integer_value(json_object_get(doc, "servers")), 1);
    CHECK_NEAR(num(doc, "hours"), 100, 0);
    CHECK_INT(json_integer_value(json_object_get(doc, "replications")), 2);
    /* models/dispel.ini: seed 20270101, warmup_weeks 2 */
    CHECK_INT(json_integer_value(json_object_get(doc, "seed")), 20270101);
    CHECK_NEAR(num(doc, "warmup_hours"), 336, 0);
    json_decref(doc);
}

/* The table names its rows and says "unstable" in the Erlang C column. */
static void check_text(void)
{
    int status = -1;
    char *text = run_queue("--arrivals-per-hour 10 --handle-minutes 15 "
                           "--servers 2 --target-minutes 5 --hours 50 -r 2",
                           &status);
    CHECK_INT(status, 0);
    CHECK(text && strstr(text, "service level (wait <= 5 min)"));
    CHECK(text && strstr(text, "mean wait (min)"));
    CHECK(text && strstr(text, "unstable: servers <= offered load "
                               "(a = 2.5 Erlangs)"));
    free(text);
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_stationary(&cases[i]);
    check_threads();
    check_unstable();
    check_mm1();
    check_text();
    return check_summary();
}
