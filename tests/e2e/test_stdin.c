/* test_stdin.c - "-" (and /dev/stdin) reads the portfolio, the CSV or the
 * model from standard input: the JSON is byte-identical to the run on the
 * files, and messages name the input "<stdin>".  Each run writes its workbooks into
 * this test's own temporary folder. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "run_capplan.h"

static char dir[] = "/tmp/capplan-stdin.XXXXXX";

/* stdout of the shell command `cd SOURCE && FEED capplan -o DIR --json
 * ARGS`, where FEED is "" or a pipe's start ("cat FILE |"). */
static char *json_of(const char *feed, const char *args, int *status)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && %s '%s' -o '%s' --json %s",
             CAP_SOURCE_DIR, feed, CAPPLAN_EXE, dir, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t n = 0, cap = 1 << 16, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n - 1, p)) > 0)
        if ((n += got) + 1 == cap && !(text = realloc(text, cap *= 2)))
            abort();
    int rc = pclose(p);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (text)
        text[n] = '\0';
    return text;
}

/* The run on files and the run fed through standard input print the same
 * bytes. */
static void same_json(const char *files, const char *feed, const char *piped)
{
    int st_files = -1, st_piped = -1;
    char *a = json_of("", files, &st_files);
    char *b = json_of(feed, piped, &st_piped);
    CHECK_INT(st_files, 0);
    CHECK_INT(st_piped, 0);
    CHECK(a && b && strlen(a) > 1000 && strcmp(a, b) == 0);
    if (a && b && strcmp(a, b) != 0)
        fprintf(stderr, "differs: %s capplan %s\n   from: capplan %s\n",
                feed, piped, files);
    free(a);
    free(b);
}

/* capplan ARGS fails with exit want and exactly message on stderr. */
static void fails_with(const char *args, int want, const char *message)
{
    char cmd[2048], err_path[600];
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", dir);
    snprintf(cmd, sizeof cmd, "-o '%s' %s 2>'%s'", dir, args, err_path);
    int status = -1;
    free(run_capplan_capture(cmd, &status));
    CHECK_INT(status, want);
    char got[1024] = "";
    FILE *f = fopen(err_path, "r");
    if (f) {
        if (!fgets(got, sizeof got, f))
            got[0] = '\0';
        fclose(f);
    }
    CHECK(strcmp(got, message) == 0);
    if (strcmp(got, message) != 0)
        fprintf(stderr, "  got:  %s  want: %s", got, message);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    /* The portfolio through a pipe and a redirect, simulated (the seed is
     * the model's); /dev/stdin through a pipe cannot be read twice. */
    const char *deal = "-r 5 samples/sales-deal.ini";
    same_json(deal, "cat samples/sales-deal.ini |", "-r 5 -");
    same_json(deal, "", "-r 5 - < samples/sales-deal.ini");
    same_json(deal, "cat samples/sales-deal.ini |", "-r 5 /dev/stdin");
    same_json(deal, "", "-r 5 /dev/stdin < samples/sales-deal.ini");
    /* The model through standard input. */
    same_json("--no-sim -m models/dispel.ini samples/sales-deal.ini",
              "cat models/dispel.ini |", "--no-sim -m - samples/sales-deal.ini");
    /* The CSV through standard input. */
    same_json("--no-sim samples/finance-book.ini samples/finance-book.csv",
              "cat samples/finance-book.csv |",
              "--no-sim samples/finance-book.ini -");

    /* Messages name standard input "<stdin>". */
    fails_with("- < tests/bad/semicolon_in_list.ini", 3,
               "capplan: <stdin>:9: partner.northwind:customers: \";\" starts "
               "a comment here, cutting the value short; separate items with "
               "\",\" (a comment needs a space before \";\")\n");
    fails_with("tests/bad/csv_base.ini - < tests/bad/csv_unknown_plan.csv", 3,
               "capplan: <stdin>: row 3: plan: unknown plan \"gold\" (want "
               "basic, premium or mission_critical)\n");
    fails_with("- < /dev/null", 3,
               "capplan: <stdin>: empty portfolio: no [partner.ID] section\n");
    CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    return check_summary();
}
