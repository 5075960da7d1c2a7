/* run_capplan.h - runs the real capplan executable and parses its --json. */
#ifndef CAP_RUN_CAPPLAN_H
#define CAP_RUN_CAPPLAN_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs `capplan ARGS` (ARGS is a shell fragment) and parses stdout as
 * JSON; NULL when capplan failed or printed no JSON.  Caller decrefs. */
static inline json_t *run_capplan_json(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' --json %s", CAP_SOURCE_DIR,
             CAPPLAN_EXE, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    json_error_t jerr;
    json_t *doc = json_loadf(p, 0, &jerr);
    int status = pclose(p);
    if (status != 0 || !doc) {
        fprintf(stderr, "capplan %s: exit %d, json: %s\n", args, status,
                doc ? "ok" : jerr.text);
        json_decref(doc);
        return NULL;
    }
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
