/* test_golden_workbooks.c - golden workbooks, in the way of libxlsxwriter's
 * own functional tests: cost.xlsx and quarterly.xlsx of one small sample
 * are unzipped and every part is compared, byte for byte after masking,
 * with the copy stored under tests/golden/BOOK/ (same relative path as in
 * the zip).  A missing or extra part fails too.  And two runs into two
 * different folders write byte-identical workbooks.
 *
 * What is masked and how to update the golden files: tests/golden/README.md
 * (tests/golden/update.sh applies the same masks as mask() below). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "run_capplan.h"

#define SAMPLE "samples/partner-addons.ini"
#define GOLDEN CAP_SOURCE_DIR "/tests/golden"

static const char *const books[] = {"cost", "quarterly"};

typedef struct {
    char *data;
    size_t len;
} blob;

typedef struct {
    char **name;
    size_t count;
} name_list;

/* ---- shell and files ---------------------------------------------------- */

/* All of f's bytes, NUL-terminated (data is NULL when out of memory). */
static blob slurp(FILE *f)
{
    blob b = {malloc(4096), 0};
    size_t cap = 4096, got;
    while (b.data && (got = fread(b.data + b.len, 1, cap - b.len - 1, f)) > 0) {
        b.len += got;
        if (b.len + 1 == cap)
            b.data = realloc(b.data, cap *= 2);
    }
    if (b.data)
        b.data[b.len] = '\0';
    return b;
}

/* The standard output of cmd; *status is its exit status. */
static blob read_pipe(const char *cmd, int *status)
{
    blob b = {NULL, 0};
    FILE *p = popen(cmd, "r");
    *status = -1;
    if (!p)
        return b;
    b = slurp(p);
    int rc = pclose(p);
    *status = rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return b;
}

/* The file at path; data is NULL when it cannot be read. */
static blob read_whole(const char *path)
{
    blob b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return b;
    b = slurp(f);
    fclose(f);
    return b;
}

/* ---- masks ---------------------------------------------------------------- */

/* Each prefix followed by [0-9][0-9.]* has that version replaced by
 * "VERSION": the program version, which CMake's project(VERSION) sets, in
 * docProps/core.xml ("capplan 0.1.0") and in the Assumptions sheet's
 * "program version" row (the shared string written right after its key). */
static const char *const version_prefixes[] = {
    "capplan ",
    "<t>program version</t></si><si><t>",
};

static int is_version_char(char c)
{
    return (c >= '0' && c <= '9') || c == '.';
}

/* in with every "prefix[0-9][0-9.]*" replaced by "prefixVERSION". */
static blob mask_one(blob in, const char *prefix)
{
    size_t plen = strlen(prefix), i = 0;
    blob out = {malloc(in.len * 2 + 1), 0};
    while (out.data && i < in.len) {
        int hit = in.len - i > plen && memcmp(in.data + i, prefix, plen) == 0 &&
                  in.data[i + plen] >= '0' && in.data[i + plen] <= '9';
        if (!hit) {
            out.data[out.len++] = in.data[i++];
            continue;
        }
        memcpy(out.data + out.len, prefix, plen);
        memcpy(out.data + out.len + plen, "VERSION", 7);
        out.len += plen + 7;
        for (i += plen; i < in.len && is_version_char(in.data[i]); i++)
            ;
    }
    if (out.data)
        out.data[out.len] = '\0';
    return out;
}

/* in masked (in is freed). */
static blob mask(blob in)
{
    for (size_t k = 0; k < sizeof version_prefixes / sizeof *version_prefixes;
         k++) {
        blob out = in.data ? mask_one(in, version_prefixes[k]) : in;
        free(in.data);
        in = out;
    }
    return in;
}

/* ---- reporting a difference ------------------------------------------------ */

enum { CONTEXT = 70 };

/* b[from, to) with control characters escaped, on one line. */
static void put_span(const blob *b, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\r')
            fputs("\\r", stderr);
        else if (c == '\t')
            fputs("\\t", stderr);
        else
            fputc(c < 0x20 ? '?' : c, stderr);
    }
}

/* Escaped width of b[from, to): where the caret goes. */
static size_t span_width(const blob *b, size_t from, size_t to)
{
    size_t w = 0;
    for (size_t i = from; i < to && i < b->len; i++)
        w += strchr("\n\r\t", b->data[i]) && b->data[i] ? 2 : 1;
    return w;
}

static void show_side(const char *label, const blob *b, size_t from, size_t at)
{
    fprintf(stderr, "  %s: %s", label, from ? "..." : "");
    put_span(b, from, at + CONTEXT);
    fputs(at + CONTEXT < b->len ? "...\n" : "\n", stderr);
}

/* Prints where got first departs from want, both sides around it. */
static void report_diff(const char *what, const blob *got, const blob *want)
{
    size_t at = 0, line = 1;
    while (at < got->len && at < want->len && got->data[at] == want->data[at])
        line += got->data[at++] == '\n';
    size_t from = at > CONTEXT ? at - CONTEXT : 0;
    fprintf(stderr, "%s: differs from the golden file at byte %zu (line %zu); "
            "golden %zu bytes, output %zu bytes (masked)\n", what, at, line,
            want->len, got->len);
    show_side("golden", want, from, at);
    show_side("output", got, from, at);
    fprintf(stderr, "          %s%*s^\n", from ? "   " : "",
            (int)span_width(want, from, at), "");
}

/* ---- part lists ------------------------------------------------------------ */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines cmd prints, sorted; count 0 (and a message) when it fails. */
static name_list read_names(const char *cmd)
{
    name_list l = {NULL, 0};
    int status;
    blob b = read_pipe(cmd, &status);
    if (status != 0 || !b.data) {
        fprintf(stderr, "%s: exit %d\n", cmd, status);
        free(b.data);
        return l;
    }
    l.name = malloc((b.len + 1) * sizeof *l.name);
    for (char *s = strtok(b.data, "\n"); s && l.name; s = strtok(NULL, "\n"))
        l.name[l.count++] = strdup(s);
    free(b.data);
    if (l.count)
        qsort(l.name, l.count, sizeof *l.name, by_name);
    return l;
}

static void free_names(name_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->name[i]);
    free(l->name);
}

/* Every part in one list and not the other is a failure. */
static void check_same_parts(const char *book, const name_list *got,
                             const name_list *want)
{
    size_t i = 0, j = 0;
    while (i < got->count || j < want->count) {
        int c = i == got->count    ? 1
                : j == want->count ? -1
                                   : strcmp(got->name[i], want->name[j]);
        if (c < 0)
            fprintf(stderr, "%s.xlsx: extra part %s (no golden file)\n", book,
                    got->name[i]);
        else if (c > 0)
            fprintf(stderr, "%s.xlsx: part %s is missing (the golden files "
                    "have it)\n", book, want->name[j]);
        CHECK(c == 0);
        i += c <= 0;
        j += c >= 0;
    }
}

/* ---- the checks ------------------------------------------------------------ */

/* part as an unzip pattern: [ ] * ? \ escaped ("[Content_Types].xml"). */
static void unzip_pattern(char *out, size_t n, const char *part)
{
    size_t k = 0;
    for (; *part && k + 3 < n; part++) {
        if (strchr("[]*?\\", *part))
            out[k++] = '\\';
        out[k++] = *part;
    }
    out[k] = '\0';
}

/* One part of xlsx, masked, against GOLDEN/book/part. */
static void check_part(const char *xlsx, const char *book, const char *part)
{
    char cmd[2048], pattern[1024], path[1024], what[512];
    int status;
    unzip_pattern(pattern, sizeof pattern, part);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", xlsx, pattern);
    blob got = read_pipe(cmd, &status);
    CHECK_INT(status, 0);
    got = mask(got);
    snprintf(path, sizeof path, "%s/%s/%s", GOLDEN, book, part);
    blob want = read_whole(path);
    snprintf(what, sizeof what, "%s.xlsx %s", book, part);
    int same = got.data && want.data && got.len == want.len &&
               memcmp(got.data, want.data, got.len) == 0;
    if (!same && got.data && want.data)
        report_diff(what, &got, &want);
    else if (!same)
        fprintf(stderr, "%s: cannot read it or %s\n", what, path);
    CHECK(same);
    free(got.data);
    free(want.data);
}

/* dir/book.xlsx against GOLDEN/book/, part set and parts. */
static void check_book(const char *dir, const char *book)
{
    char xlsx[600], cmd[2048];
    snprintf(xlsx, sizeof xlsx, "%s/%s.xlsx", dir, book);
    snprintf(cmd, sizeof cmd, "unzip -Z1 '%s'", xlsx);
    name_list got = read_names(cmd);
    snprintf(cmd, sizeof cmd, "cd '%s/%s' && find . -type f | sed 's|^\\./||'",
             GOLDEN, book);
    name_list want = read_names(cmd);
    CHECK(got.count > 0);
    CHECK(want.count > 0);
    check_same_parts(book, &got, &want);
    for (size_t i = 0; i < got.count; i++)
        if (bsearch(&got.name[i], want.name, want.count, sizeof *want.name,
                    by_name))
            check_part(xlsx, book, got.name[i]);
    free_names(&got);
    free_names(&want);
}

/* a/book.xlsx and b/book.xlsx are the same bytes, zip headers and all. */
static void check_identical(const char *a, const char *b, const char *book)
{
    char pa[600], pb[600];
    snprintf(pa, sizeof pa, "%s/%s.xlsx", a, book);
    snprintf(pb, sizeof pb, "%s/%s.xlsx", b, book);
    blob x = read_whole(pa), y = read_whole(pb);
    size_t at = 0;
    while (x.data && y.data && at < x.len && at < y.len &&
           x.data[at] == y.data[at])
        at++;
    int same = x.data && y.data && x.len == y.len && at == x.len;
    if (!same)
        fprintf(stderr, "%s and %s are not byte-identical: first difference "
                "at byte %zu (sizes %zu and %zu)\n", pa, pb, at, x.len, y.len);
    CHECK(same);
    free(x.data);
    free(y.data);
}

/* capplan --no-sim --deterministic -o dir SAMPLE, from the source folder. */
static int run_into(const char *dir)
{
    char args[600];
    int status = -1;
    snprintf(args, sizeof args, "--no-sim --deterministic -o '%s' %s "
             ">/dev/null", dir, SAMPLE);
    free(run_capplan_capture(args, &status));
    if (status != 0)
        fprintf(stderr, "capplan %s: exit %d\n", args, status);
    return status;
}

int main(void)
{
    char a[] = "/tmp/capplan-golden-a.XXXXXX";
    char b[] = "/tmp/capplan-golden-b.XXXXXX";
    if (run_shell("command -v unzip >/dev/null 2>&1") != 0) {
        fprintf(stderr, "FAIL: unzip is not installed; this test needs it "
                "to read the workbooks' parts (apt-get install unzip)\n");
        return 1;
    }
    if (!mkdtemp(a) || !mkdtemp(b)) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_INT(run_into(a), 0);
    CHECK_INT(run_into(b), 0);
    for (size_t i = 0; i < sizeof books / sizeof *books; i++) {
        check_book(a, books[i]);
        check_identical(a, b, books[i]);
    }
    CHECK_INT(run_shell("rm -rf '%s' '%s'", a, b), 0);
    return check_summary();
}
