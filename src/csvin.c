/* csvin.c - libcsv driven line by line so every record knows its line;
 * the text streams in blocks (text.h), so memory does not grow with the
 * file. */
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

/* The input goes to libcsv a whole line at a time, so each record knows
 * the line it starts on and a line longer than CAP_CSV_LINE_MAX is refused
 * before any of it is parsed (libcsv would drop its padding unseen).
 * Lines are gathered from the text's blocks in a buffer of that size: the
 * file is never held whole. */
typedef struct {
    struct csv_parser parser;
    char line[CAP_CSV_LINE_MAX];
    size_t len;     /* bytes of the current line so far */
    int too_long;   /* the current line passed the limit (len counts on) */
    int failed;     /* libcsv refused the text */
    const char *path;
} feeder;

/* Parses one whole line (with its newline, if any). */
static void feed_line(feeder *f, reader *r)
{
    r->line++;
    if (f->too_long) {
        r->status = cap_error_row(r->err, CAP_ERR_INPUT, f->path, r->line,
                                  NULL, "line of %zu bytes, more than the %d "
                                  "allowed", f->len, CAP_CSV_LINE_MAX);
        return;
    }
    if (f->parser.pstate == 0) /* libcsv's ROW_NOT_BEGUN: a record starts here */
        r->row_line = r->line;
    f->failed = csv_parse(&f->parser, f->line, f->len, on_field, on_row, r) !=
                f->len;
    f->len = 0;
}

/* Adds text[0, n) to the lines, parsing each line it completes. */
static void feed(feeder *f, reader *r, const char *text, size_t n)
{
    while (n > 0 && r->status == CAP_OK && !f->failed) {
        const char *nl = memchr(text, '\n', n);
        size_t part = nl ? (size_t)(nl - text) + 1 : n;
        if (f->len + part > CAP_CSV_LINE_MAX)
            f->too_long = 1;
        if (!f->too_long)
            memcpy(f->line + f->len, text, part);
        f->len += part;
        if (nl)
            feed_line(f, r);
        text += part;
        n -= part;
    }
}

/* Streams the checked text of s through libcsv. */
static cap_status parse_stream(cap_text_stream *s, const char *path,
                               reader *r)
{
    feeder *f = calloc(1, sizeof *f);
    if (!f || csv_init(&f->parser, CSV_STRICT | CSV_STRICT_FINI |
                                       CSV_APPEND_NULL) != 0)
        abort();
    f->path = path;
    const char *text;
    size_t n;
    int rc = 0;
    while (r->status == CAP_OK && !f->failed &&
           (rc = cap_text_next(s, &text, &n, r->err)) > 0)
        feed(f, r, text, n);
    if (r->status == CAP_OK && !f->failed && rc < 0)
        r->status = r->err->code;
    if (r->status == CAP_OK && !f->failed && f->len > 0)
        feed_line(f, r); /* the last line, without a newline */
    if (r->status == CAP_OK && f->failed)
        quoting_error(r, &f->parser, path, 0);
    else if (r->status == CAP_OK &&
             csv_fini(&f->parser, on_field, on_row, r) != 0)
        quoting_error(r, &f->parser, path, 1);
    csv_free(&f->parser);
    free(f);
    return r->status;
}

cap_status cap_csv_read_encoded(const char *path, const char *encoding,
                                cap_csv_row_fn fn, void *ctx, cap_error *err)
{
    cap_text_stream *s = cap_text_open(path, encoding, CAP_ERR_INPUT, err);
    if (!s)
        return err->code;
    reader r = {.fn = fn, .ctx = ctx, .err = err};
    cap_status st = parse_stream(s, cap_input_name(path), &r);
    cap_text_close(s);
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
