/* run_capplan.h - runs the real capplan executable and parses its --json. */
#ifndef CAP_RUN_CAPPLAN_H
#define CAP_RUN_CAPPLAN_H

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Runs the shell command fmt...; returns its exit status (-1: it did not
 * run or was killed) and shows the command on stderr when that is not 0. */
static inline int run_shell(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static inline int run_shell(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    int status = rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (status != 0)
        fprintf(stderr, "command failed (status %d): %s\n", status, cmd);
    return status;
}

/* Runs `capplan ARGS` (ARGS is a shell fragment) in the source folder and
 * returns its stdout (caller frees; NULL if it could not start) and its
 * exit status in *status. */
static inline char *run_capplan_capture(const char *args, int *status)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s", CAP_SOURCE_DIR,
             CAPPLAN_EXE, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t n = 0, cap = 4096, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (n + 1 == cap)
            text = realloc(text, cap *= 2);
    }
    int rc = pclose(p);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (text)
        text[n] = '\0';
    return text;
}

/* Runs `capplan FULL` (a shell fragment) and parses stdout as JSON; NULL
 * when capplan failed or printed no JSON.  Caller decrefs. */
static inline json_t *run_capplan_json_full(const char *full)
{
    int status = -1;
    char *text = run_capplan_capture(full, &status);
    json_error_t jerr = {0};
    json_t *doc = text ? json_loads(text, 0, &jerr) : NULL;
    free(text);
    if (status != 0 || !doc) {
        fprintf(stderr, "capplan %s: exit %d, json: %s\n", full, status,
                doc ? "ok" : jerr.text);
        json_decref(doc);
        return NULL;
    }
    return doc;
}

/* The same with --json put before ARGS. */
static inline json_t *run_capplan_json(const char *args)
{
    char full[4096];
    snprintf(full, sizeof full, "--json %s", args);
    return run_capplan_json_full(full);
}

/* run_capplan_json with the workbooks written to a fresh folder under
 * /tmp that is removed afterwards, for tests that want only the JSON. */
static inline json_t *run_capplan_json_scratch(const char *args)
{
    char dir[] = "/tmp/capplan-json-XXXXXX", full[4096];
    if (!mkdtemp(dir))
        return NULL;
    snprintf(full, sizeof full, "--json -o '%s' %s", dir, args);
    json_t *doc = run_capplan_json_full(full);
    run_shell("rm -rf '%s'", dir);
    return doc;
}

/* The partner with id in doc, or NULL. */
static inline json_t *find_partner(json_t *doc, const char *id)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(doc, "partners"), i, p)
        if (strcmp(json_string_value(json_object_get(p, "id")), id) == 0)
            return p;
    return NULL;
}

#endif
