/* scratch.h - the calibrate tests' scratch folder: each test sets dir
 * (mkdtemp) and writes and reads its files there by name, and runs
 * capplan calibrate there. */
#ifndef CAP_TEST_SCRATCH_H
#define CAP_TEST_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run_capplan.h"

static char dir[256];

static inline void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* The file's text (at most 128 KiB), "" when it is missing; caller frees. */
static inline char *read_text(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return strdup("");
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return strdup(buf);
}

/* Runs `capplan calibrate ARGS --json` inside dir; stderr to err.txt. */
static inline json_t *calibrate(const char *args, int *status)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' calibrate %s --json 2>err.txt",
             dir, CAPPLAN_EXE, args);
    FILE *p = popen(cmd, "r");
    json_error_t e;
    json_t *doc = json_loadf(p, 0, &e);
    int rc = pclose(p);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return doc;
}

#endif
