/* csvin.c - libcsv driven line by line so every record knows its line. */
#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **fields;
    size_t count, cap;
    int line, row_line;  /* current input line; line the record began on */
    cap_csv_row_fn fn;
    void *ctx;
    cap_error *err;
    cap_status status;
} reader;

static void on_field(void *data, size_t len, void *arg)
{
    reader *r = arg;
    if (r->count == 0)
        r->row_line = r->line;
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        if (!(r->fields = realloc(r->fields, r->cap * sizeof *r->fields)))
            abort();
    }
    char *copy = malloc(len + 1);
    if (!copy)
        abort();
    memcpy(copy, data ? data : "", data ? len : 0);
    copy[data ? len : 0] = '\0';
    r->fields[r->count++] = copy;
}

static int row_is_blank(const reader *r)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->fields[i][0])
            return 0;
    return 1;
}

static void on_row(int term, void *arg)
{
    (void)term;
    reader *r = arg;
    if (r->status == CAP_OK && !row_is_blank(r)) {
        cap_csv_row row = {r->row_line, r->count, (const char **)r->fields};
        r->status = r->fn(&row, r->ctx, r->err);
    }
    for (size_t i = 0; i < r->count; i++)
        free(r->fields[i]);
    r->count = 0;
}

static cap_status parse_stream(FILE *f, const char *path, reader *r)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        abort();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while (r->status == CAP_OK && (len = getline(&line, &cap, f)) > 0) {
        char *text = line;
        if (++r->line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            text += 3; /* UTF-8 byte-order mark */
            len -= 3;
        }
        if (csv_parse(&parser, text, (size_t)len, on_field, on_row, r) !=
            (size_t)len)
            break;
    }
    if (r->status == CAP_OK && csv_error(&parser) == CSV_SUCCESS)
        csv_fini(&parser, on_field, on_row, r);
    if (r->status == CAP_OK && csv_error(&parser) != CSV_SUCCESS)
        r->status = cap_error_set(r->err, CAP_ERR_INPUT, path, r->line, NULL,
                                  "malformed CSV (%s)",
                                  csv_strerror(csv_error(&parser)));
    free(line);
    csv_free(&parser);
    return r->status;
}

cap_status cap_csv_read(const char *path, cap_csv_row_fn fn, void *ctx,
                        cap_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cap_error_set(err, CAP_ERR_IO, path, 0, NULL,
                             "cannot read file: %s", strerror(errno));
    reader r = {.fn = fn, .ctx = ctx, .err = err};
    cap_status st = parse_stream(f, path, &r);
    if (st == CAP_OK && ferror(f))
        st = cap_error_set(err, CAP_ERR_IO, path, 0, NULL, "read error");
    fclose(f);
    for (size_t i = 0; i < r.count; i++)
        free(r.fields[i]);
    free(r.fields);
    return st;
}
