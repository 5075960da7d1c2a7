/* csvin.c - libcsv driven line by line so every record knows its line. */
#include "csvin.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct {
    char **fields;
    size_t count, cap;
    int line, row_line;  /* current input line; line the record began on */
    char **header;       /* the first record's fields, for column names */
    size_t header_count;
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
    if (!r->header && !row_is_blank(r)) {
        r->header = r->fields; /* keep the header's names, hand over the array */
        r->header_count = r->count;
        r->fields = NULL;
        r->cap = 0;
    } else {
        for (size_t i = 0; i < r->count; i++)
            free(r->fields[i]);
    }
    r->count = 0;
}

/* Names what libcsv's strict mode refused: the row, the column and why. */
static cap_status quoting_error(reader *r, const struct csv_parser *parser,
                                const char *path, int at_end)
{
    if (r->status != CAP_OK)
        return r->status;
    char column[160];
    if (r->header && r->count < r->header_count)
        snprintf(column, sizeof column, "%s", r->header[r->count]);
    else
        snprintf(column, sizeof column, "column %zu", r->count + 1);
    const char *why = at_end ? "unterminated quoted field (no closing \")"
                      : parser->quoted ? "text after the closing \" of a quoted field"
                                       : "stray \" in an unquoted field";
    return r->status = cap_error_row(r->err, CAP_ERR_INPUT, path, r->row_line,
                                     column, "%s", why);
}

/* Feeds text to libcsv a line at a time, so each record knows its line. */
static cap_status parse_text(const char *text, const char *path, reader *r)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        abort();
    int failed = 0;
    for (const char *line = text; r->status == CAP_OK && !failed && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
        r->line++;
        if (len > CAP_CSV_LINE_MAX) { /* libcsv would drop padding unseen */
            r->status = cap_error_row(r->err, CAP_ERR_INPUT, path, r->line,
                                      NULL, "line of %zu bytes, more than the "
                                      "%d allowed", len, CAP_CSV_LINE_MAX);
            break;
        }
        if (parser.pstate == 0) /* libcsv's ROW_NOT_BEGUN: a record starts here */
            r->row_line = r->line;
        failed = csv_parse(&parser, line, len, on_field, on_row, r) != len;
        line += len;
    }
    if (r->status == CAP_OK && failed)
        quoting_error(r, &parser, path, 0);
    else if (r->status == CAP_OK && csv_fini(&parser, on_field, on_row, r) != 0)
        quoting_error(r, &parser, path, 1);
    csv_free(&parser);
    return r->status;
}

cap_status cap_csv_read_encoded(const char *path, const char *encoding,
                                cap_csv_row_fn fn, void *ctx, cap_error *err)
{
    char *text = cap_text_read(path, encoding, CAP_ERR_INPUT, NULL, err);
    if (!text)
        return err->code;
    reader r = {.fn = fn, .ctx = ctx, .err = err};
    cap_status st = parse_text(text, cap_input_name(path), &r);
    free(text);
    for (size_t i = 0; i < r.count; i++)
        free(r.fields[i]);
    free(r.fields);
    for (size_t i = 0; i < r.header_count; i++)
        free(r.header[i]);
    free(r.header);
    return st;
}

cap_status cap_csv_read(const char *path, cap_csv_row_fn fn, void *ctx,
                        cap_error *err)
{
    return cap_csv_read_encoded(path, NULL, fn, ctx, err);
}
