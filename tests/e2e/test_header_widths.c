/* test_header_widths.c - every header cell of every workbook is readable at
 * its column's width, read from the files' XML (not from capplan's code).
 *
 * The rule (reports/README.md, "How the files are written"):
 *   width  = the column's <col width>, less the 5-pixel cell padding that
 *            the file adds (0.71 of a character): the width a spreadsheet
 *            shows, in characters of the default font's digits; a column
 *            without a <col> has Excel's default, 8.43.
 *   room   = width - 3: the autofilter's drop-down button covers the right
 *            end of a header cell.
 *   A header fits when its text (in characters) is at most room, or when
 *   its cell's style wraps text, every word of it is at most room, and the
 *   header row is at least 15 points high per line, lines counted by
 *   filling words greedily into lines of room characters.
 *
 * capplan runs on the three samples, with simulation where it is quick
 * (the Simulation and Erlang C sheets exist only then), into a folder made
 * for this test; the workbooks are unzipped there too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "run_capplan.h"

#define PADDING 0.71     /* 5 px of the cell, in characters */
#define BUTTON 3.0       /* the autofilter button, in characters */
#define LINE_POINTS 15.0 /* one line of the default 11-point font */
#define DEFAULT_WIDTH 8.43
#define MAX_STRINGS 4096
#define MAX_STYLES 256
#define MAX_COLS 256

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    if (text)
        text[n] = '\0';
    fclose(f);
    return text;
}

/* The value of attribute name in the tag that starts at tag ("" if none). */
static void attribute(const char *tag, const char *name, char *out, size_t n)
{
    const char *end = strchr(tag, '>');
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *at = strstr(tag, key);
    out[0] = '\0';
    if (!at || (end && at > end))
        return;
    at += strlen(key);
    size_t len = strcspn(at, "\"");
    snprintf(out, n, "%.*s", (int)len, at);
}

/* XML text to plain text (the five entities libxlsxwriter writes). */
static void unescape(const char *in, size_t len, char *out, size_t n)
{
    static const char *const entity[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
        {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < n;) {
        size_t e = 0;
        while (e < 5 && strncmp(in + i, entity[e][0], strlen(entity[e][0])))
            e++;
        if (in[i] == '&' && e < 5) {
            out[k++] = entity[e][1][0];
            i += strlen(entity[e][0]);
        } else {
            out[k++] = in[i++];
        }
    }
    out[k] = '\0';
}

typedef struct {
    char *text[MAX_STRINGS];
    int count;
    int wraps[MAX_STYLES]; /* per cellXfs index */
} book;

static void read_strings(book *b, const char *dir)
{
    char path[700];
    snprintf(path, sizeof path, "%s/xl/sharedStrings.xml", dir);
    char *xml = slurp(path);
    CHECK(xml != NULL);
    for (const char *si = xml ? strstr(xml, "<si>") : NULL;
         si && b->count < MAX_STRINGS; si = strstr(si + 1, "<si>")) {
        const char *t = strstr(si, "<t"), *start = t ? strchr(t, '>') : NULL;
        const char *end = start ? strstr(start, "</t>") : NULL;
        char text[1024] = "";
        if (end)
            unescape(start + 1, (size_t)(end - start - 1), text, sizeof text);
        b->text[b->count++] = strdup(text);
    }
    free(xml);
}

/* Which cell styles wrap text: <cellXfs> <xf ...><alignment wrapText="1"/>. */
static void read_styles(book *b, const char *dir)
{
    char path[700];
    snprintf(path, sizeof path, "%s/xl/styles.xml", dir);
    char *xml = slurp(path);
    CHECK(xml != NULL);
    const char *xfs = xml ? strstr(xml, "<cellXfs") : NULL;
    const char *stop = xfs ? strstr(xfs, "</cellXfs>") : NULL;
    int i = 0;
    for (const char *xf = xfs ? strstr(xfs + 1, "<xf ") : NULL;
         xf && xf < stop && i < MAX_STYLES; xf = strstr(xf + 1, "<xf "), i++) {
        const char *next = strstr(xf + 1, "<xf ");
        const char *wrap = strstr(xf, "wrapText=\"1\"");
        b->wraps[i] = wrap && (!next || wrap < next) && wrap < stop;
    }
    free(xml);
}

static size_t characters(const char *text)
{
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        n += (*c & 0xC0) != 0x80;
    return n;
}

/* Lines of text wrapped greedily at room characters; sets *longest to its
 * longest word. */
static int lines_of(const char *text, double room, size_t *longest)
{
    int lines = 1;
    size_t used = 0;
    char *copy = strdup(text), *save = NULL;
    *longest = 0;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t n = characters(w);
        if (n > *longest)
            *longest = n;
        if (used > 0 && (double)(used + 1 + n) > room) {
            lines++;
            used = n;
        } else {
            used += (used > 0) + n;
        }
    }
    free(copy);
    return lines;
}

/* Column index (0-based) of a cell reference "AB1". */
static int column_of(const char *ref)
{
    int col = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++)
        col = col * 26 + (*ref - 'A' + 1);
    return col - 1;
}

/* Checks the header row of one sheet; returns the header cells seen. */
static int check_sheet(const book *b, const char *xml, const char *what)
{
    double width[MAX_COLS];
    char value[64];
    int cells = 0;
    for (int c = 0; c < MAX_COLS; c++)
        width[c] = DEFAULT_WIDTH;
    for (const char *col = strstr(xml, "<col "); col;
         col = strstr(col + 1, "<col ")) {
        attribute(col, "min", value, sizeof value);
        int min = atoi(value);
        attribute(col, "max", value, sizeof value);
        int max = atoi(value);
        attribute(col, "width", value, sizeof value);
        for (int c = min; c <= max && c <= MAX_COLS && c > 0; c++)
            width[c - 1] = atof(value) - PADDING;
    }
    const char *row = strstr(xml, "<row r=\"1\"");
    const char *end = row ? strstr(row, "</row>") : NULL;
    if (!row || !end)
        return 0;
    attribute(row, "ht", value, sizeof value);
    double height = *value ? atof(value) : LINE_POINTS;
    for (const char *c = strstr(row, "<c "); c && c < end;
         c = strstr(c + 1, "<c ")) {
        char ref[16], style[16], type[16];
        attribute(c, "r", ref, sizeof ref);
        attribute(c, "s", style, sizeof style);
        attribute(c, "t", type, sizeof type);
        const char *v = strstr(c, "<v>");
        int col = column_of(ref), s = atoi(style);
        if (strcmp(type, "s") != 0 || !v || col < 0 || col >= MAX_COLS)
            continue;
        int index = atoi(v + 3);
        const char *text = index < b->count ? b->text[index] : "";
        double room = width[col] - BUTTON;
        size_t longest;
        int lines = lines_of(text, room, &longest);
        int wraps = s >= 0 && s < MAX_STYLES && b->wraps[s];
        int fits = wraps ? (double)longest <= room &&
                               height >= lines * LINE_POINTS
                         : (double)characters(text) <= room;
        if (!fits)
            fprintf(stderr, "%s %s \"%s\": width %.2f, %s, row height %.0f "
                    "(%d line%s needed)\n", what, ref, text, width[col],
                    wraps ? "wraps" : "does not wrap", height, lines,
                    lines > 1 ? "s" : "");
        CHECK(fits);
        cells++;
    }
    return cells;
}

/* Unzips dir/name.xlsx to dir/name/ and checks each worksheet. */
static void check_book(const char *dir, const char *name)
{
    char unpacked[600], path[800];
    book b;
    memset(&b, 0, sizeof b);
    snprintf(unpacked, sizeof unpacked, "%s/%s", dir, name);
    CHECK(run_shell("unzip -q -o '%s.xlsx' -d '%s'", unpacked, unpacked) == 0);
    read_strings(&b, unpacked);
    read_styles(&b, unpacked);
    int sheets = 0, cells = 0;
    for (int n = 1;; n++, sheets++) {
        snprintf(path, sizeof path, "%s/xl/worksheets/sheet%d.xml", unpacked, n);
        char *xml = slurp(path), what[128];
        if (!xml)
            break;
        snprintf(what, sizeof what, "%s sheet%d", name, n);
        int seen = check_sheet(&b, xml, what);
        CHECK(seen > 0); /* every sheet has a header row */
        cells += seen;
        free(xml);
    }
    printf("%s: %d sheets, %d header cells\n", unpacked, sheets, cells);
    CHECK(sheets >= 4);
    for (int i = 0; i < b.count; i++)
        free(b.text[i]);
}

/* The line count of the rule, by hand: in a column 12 wide (room 9)
 * "2027Q1 customers" takes 2 lines, its longest word 9 characters; in one
 * 13 wide (room 10) "Option: | service | hours | annual | cost" takes 5. */
static void check_rule(void)
{
    size_t longest;
    CHECK_INT(lines_of("2027Q1 customers", 12 - BUTTON, &longest), 2);
    CHECK_INT(longest, 9);
    CHECK_INT(lines_of("Option: service hours annual cost", 13 - BUTTON,
                       &longest), 5);
    CHECK_INT(lines_of("Partner", 16 - BUTTON, &longest), 1);
}

int main(void)
{
    char dir[] = "/tmp/capplan-headers-XXXXXX", sub[64];
    static const char *const runs[][2] = {
        {"sales", "samples/sales-deal.ini"},
        {"addons", "-r 20 samples/partner-addons.ini"},
        {"finance", "--no-sim samples/finance-book.ini samples/finance-book.csv"},
    };
    static const char *const books[] = {"staffing", "cost", "quarterly"};
    if (!mkdtemp(dir))
        return 1;
    check_rule();
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, runs[r][0]);
        CHECK(run_shell("mkdir -p '%s' && cd '%s' && '%s' --deterministic "
                        "-o '%s' %s >/dev/null", sub, CAP_SOURCE_DIR,
                        CAPPLAN_EXE, sub, runs[r][1]) == 0);
        for (size_t k = 0; k < 3; k++)
            check_book(sub, books[k]);
    }
    run_shell("rm -rf '%s'", dir);
    return check_summary();
}
