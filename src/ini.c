/* ini.c - iniparser plus line lookup and strict number parsing. */
#define _GNU_SOURCE /* memfd_create */
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "strmap.h"
#include "text.h"

/* iniparser 4.1 keeps a whole file in one dictionary whose every set and
 * lookup scans all entries, so a book of 100,000 partners took hours.  The
 * text is therefore handed to iniparser in chunks of CHUNK_SECTIONS
 * sections, each parsed into a small dictionary of its own, and an index
 * of sections (name -> chunk) and of the lines of every header and key
 * (one pass over the text, strmap.h) answers the rest in O(1). */
enum { CHUNK_SECTIONS = 32 };

/* iniparser reads a line into a buffer of ASCIILINESZ (1024) bytes with
 * its newline: longer lines are refused with "input line too long". */
enum { INI_LINE_MAX = 1022 };

typedef struct {
    const char *name; /* iniparser's copy, lowercased */
    int chunk;
} ini_section;

struct cap_ini {
    dictionary **chunks;
    int chunk_count;
    ini_section *sections; /* in file order, first occurrences */
    int section_count;
    cap_strmap *section_index; /* name -> index in sections */
    cap_strmap *lines;  /* "section" and "section\x1fkey" -> line */
    size_t *line_start; /* offset of line n (1-based) in text */
    int line_count;
    /* The first header or key (in file order) seen before: */
    int dup_line, dup_first, dup_is_key;
    char dup_field[160];
    char *text;  /* the file as read, for line lookup */
    char path[512];
};

/* iniparser reports syntax errors through a process-wide callback; loading
 * happens on the main thread only, so a static buffer is enough. */
static char syntax_error[512];
static int syntax_line, line_too_long;

static int capture_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (syntax_error[0] == '\0' && !line_too_long) {
        if (strstr(fmt, "syntax error in %s (%d)")) {
            (void)va_arg(ap, const char *);
            syntax_line = va_arg(ap, int);
            snprintf(syntax_error, sizeof syntax_error, "%s",
                     va_arg(ap, const char *));
        } else if (strstr(fmt, "input line too long in %s (%d)")) {
            (void)va_arg(ap, const char *);
            syntax_line = va_arg(ap, int);
            line_too_long = 1;
        } else {
            vsnprintf(syntax_error, sizeof syntax_error, fmt, ap);
        }
    }
    va_end(ap);
    return 0;
}

static void trim_newline(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static cap_status check_comments(const cap_ini *ini, cap_status code,
                                 cap_error *err);

/* ---- the index: one pass over the text ---- */

/* [*b, *e) trimmed of white space on both sides (iniparser's strstrip). */
static void trim_span(const char **b, const char **e)
{
    while (*b < *e && isspace((unsigned char)**b))
        (*b)++;
    while (*e > *b && isspace((unsigned char)(*e)[-1]))
        (*e)--;
}

/* Appends [b, e) lowercased to buf at *used, NUL-terminated. */
static void put_lower(char **buf, size_t *cap, size_t *used, const char *b,
                      const char *e)
{
    size_t n = (size_t)(e - b);
    if (*used + n + 2 > *cap) {
        *cap = (*used + n + 2) * 2;
        if (!(*buf = realloc(*buf, *cap)))
            abort();
    }
    for (size_t i = 0; i < n; i++)
        (*buf)[*used + i] = (char)tolower((unsigned char)b[i]);
    *used += n;
    (*buf)[*used] = '\0';
}

/* "[name]" with long names cut (on a character boundary) for messages. */
static void section_field(char *out, size_t cap, const char *name)
{
    size_t n = strlen(name), keep = cap_text_boundary(name, n > 64 ? 64 : n);
    snprintf(out, cap, "[%.*s%s]", (int)keep, name, keep < n ? "..." : "");
}

/* Notes the first header or key that repeats an earlier one. */
static void note_duplicate(cap_ini *ini, int line, int first,
                           const char *section, const char *key)
{
    if (ini->dup_line)
        return;
    ini->dup_line = line;
    ini->dup_first = first;
    ini->dup_is_key = key != NULL;
    if (!key) {
        section_field(ini->dup_field, sizeof ini->dup_field, section);
    } else {
        char head[96];
        section_field(head, sizeof head, section);
        snprintf(ini->dup_field, sizeof ini->dup_field, "%.*s:%s",
                 (int)strlen(head) - 2, head + 1, key);
    }
}

/* Records line `line` ([b, e), without its newline) in the index as a
 * header or a key, the way iniparser reads it: a header is a trimmed line
 * "[...]" whose name runs to the first ']'; a key line is one with '='
 * inside a section that no comment character starts and that does not
 * continue the line before.  *sec holds the current section name. */
static void index_line(cap_ini *ini, int line, const char *b, const char *e,
                       char **sec, size_t *sec_cap, char **key,
                       size_t *key_cap, int *is_header)
{
    trim_span(&b, &e);
    size_t first;
    *is_header = e - b >= 2 && b[0] == '[' && e[-1] == ']';
    if (*is_header) {
        const char *nb = b + 1, *ne = memchr(nb, ']', (size_t)(e - nb));
        trim_span(&nb, &ne);
        size_t used = 0;
        put_lower(sec, sec_cap, &used, nb, ne);
        if (!cap_strmap_add(ini->lines, *sec, (size_t)line, &first))
            note_duplicate(ini, line, (int)first, *sec, NULL);
        return;
    }
    const char *eq = memchr(b, '=', (size_t)(e - b));
    if (!*sec || !(*sec)[0] || !eq || *b == ';' || *b == '#')
        return;
    const char *ke = eq;
    trim_span(&b, &ke);
    if (ke == b)
        return;
    size_t used = 0;
    put_lower(key, key_cap, &used, *sec, *sec + strlen(*sec));
    put_lower(key, key_cap, &used, CAP_STRMAP_SEP, CAP_STRMAP_SEP + 1);
    size_t name_at = used;
    put_lower(key, key_cap, &used, b, ke);
    if (!cap_strmap_add(ini->lines, *key, (size_t)line, &first))
        note_duplicate(ini, line, (int)first, *sec, *key + name_at);
}

/* Counts lines, notes their starts and indexes headers and keys.  Returns
 * the offsets where chunks start (headers not inside a continued value),
 * ending with the text's length; *count is their number. */
static size_t *index_text(cap_ini *ini, size_t len, int *count)
{
    int lines = 1;
    for (const char *p = ini->text; (p = strchr(p, '\n')); p++)
        lines++;
    ini->line_start = malloc(((size_t)lines + 2) * sizeof *ini->line_start);
    size_t *cuts = malloc(((size_t)lines / CHUNK_SECTIONS + 3) * sizeof *cuts);
    if (!ini->line_start || !cuts)
        abort();
    ini->lines = cap_strmap_new((size_t)lines);
    char *sec = NULL, *key = NULL;
    size_t sec_cap = 0, key_cap = 0;
    int line = 0, continued = 0, headers = 0, n = 0;
    cuts[n++] = 0;
    for (const char *p = ini->text; *p;) {
        const char *nl = strchr(p, '\n'), *e = nl ? nl : p + strlen(p);
        ini->line_start[++line] = (size_t)(p - ini->text);
        int is_header = 0;
        if (!continued)
            index_line(ini, line, p, e, &sec, &sec_cap, &key, &key_cap,
                       &is_header);
        if (is_header && headers++ % CHUNK_SECTIONS == 0 && p > ini->text)
            cuts[n++] = (size_t)(p - ini->text);
        const char *b = p, *t = e;
        trim_span(&b, &t);
        continued = t > b && t[-1] == '\\';
        p = nl ? nl + 1 : e;
    }
    ini->line_start[line + 1] = len;
    ini->line_count = line;
    cuts[n++] = len;
    *count = n;
    free(sec);
    free(key);
    return cuts;
}

/* ---- parsing: iniparser, one chunk at a time ---- */

/* Sets err for iniparser's complaint about the chunk starting at line
 * `first`. */
static cap_status parse_failure(const cap_ini *ini, int first,
                                cap_status code, cap_error *err)
{
    int line = first + syntax_line - 1;
    if (line_too_long && line >= 1 && line <= ini->line_count) {
        size_t n = ini->line_start[line + 1] - ini->line_start[line];
        if (n > 0 && ini->text[ini->line_start[line] + n - 1] == '\n')
            n--;
        if (n > INI_LINE_MAX)
            return cap_error_set(err, code, ini->path, line, NULL,
                                 "line of %zu bytes, more than the %d "
                                 "allowed", n, INI_LINE_MAX);
        return cap_error_set(err, code, ini->path, line, NULL,
                             "value continued past the %d bytes allowed for "
                             "one line", INI_LINE_MAX);
    }
    trim_newline(syntax_error);
    return cap_error_set(err, code, ini->path, syntax_error[0] ? line : 0,
                         NULL, "cannot parse this line: \"%s\"", syntax_error);
}

/* Lists the sections of chunk c (iniparser's names) in the index. */
static void add_sections(cap_ini *ini, int c)
{
    dictionary *d = ini->chunks[c];
    int n = iniparser_getnsec(d);
    if (!(ini->sections = realloc(ini->sections,
            ((size_t)ini->section_count + (size_t)(n > 0 ? n : 0)) *
                sizeof *ini->sections + 1)))
        abort();
    for (int i = 0; i < n; i++) {
        const char *name = iniparser_getsecname(d, i);
        if (!cap_strmap_add(ini->section_index, name,
                            (size_t)ini->section_count, NULL))
            continue; /* a duplicate section, refused by check_duplicates */
        ini->sections[ini->section_count++] = (ini_section){name, c};
    }
}

/* iniparser 4.1 reads only from a path (no FILE * or buffer entry point):
 * each chunk goes through one anonymous in-memory file. */
static cap_status parse_chunks(cap_ini *ini, const size_t *cuts, int count,
                               cap_status code, cap_error *err)
{
    int fd = memfd_create("capplan-ini", 0);
    if (fd < 0)
        return cap_error_set(err, CAP_ERR_INTERNAL, ini->path, 0, NULL,
                             "cannot stage the INI text: %s", strerror(errno));
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
    if (!(ini->chunks = calloc((size_t)count, sizeof *ini->chunks)))
        abort();
    ini->section_index = cap_strmap_new((size_t)ini->line_count / 4 + 16);
    cap_status st = CAP_OK;
    int first_line = 1;
    iniparser_set_error_callback(capture_error);
    for (int c = 0; c + 1 < count && !st; c++) {
        size_t len = cuts[c + 1] - cuts[c];
        if (ftruncate(fd, 0) != 0 ||
            pwrite(fd, ini->text + cuts[c], len, 0) != (ssize_t)len) {
            st = cap_error_set(err, CAP_ERR_INTERNAL, ini->path, 0, NULL,
                               "cannot stage the INI text: %s",
                               strerror(errno));
            break;
        }
        syntax_error[0] = '\0';
        syntax_line = line_too_long = 0;
        dictionary *d = iniparser_load(fdpath);
        ini->chunks[ini->chunk_count++] = d;
        if (!d || syntax_error[0] || line_too_long)
            st = parse_failure(ini, first_line, code, err);
        else
            add_sections(ini, c);
        for (size_t i = cuts[c]; i < cuts[c + 1]; i++)
            first_line += ini->text[i] == '\n';
    }
    iniparser_set_error_callback(NULL);
    close(fd);
    return st;
}

cap_ini *cap_ini_load(const char *path, cap_status code, cap_error *err)
{
    return cap_ini_load_encoded(path, NULL, code, err);
}

cap_ini *cap_ini_load_encoded(const char *path, const char *encoding,
                              cap_status code, cap_error *err)
{
    /* The text is read, checked and converted once (text.h), and iniparser
     * parses that checked copy, never the file itself. */
    char *text = cap_text_read(path, encoding, code, NULL, err);
    if (!text)
        return NULL;
    cap_ini *ini = cap_ini_load_text(text, cap_input_name(path), code, err);
    free(text);
    return ini;
}

cap_ini *cap_ini_load_text(const char *text, const char *name,
                           cap_status code, cap_error *err)
{
    cap_ini *ini = calloc(1, sizeof *ini);
    if (!ini || !(ini->text = strdup(text)))
        abort();
    snprintf(ini->path, sizeof ini->path, "%s", name);
    int count;
    size_t *cuts = index_text(ini, strlen(text), &count);
    cap_status st = parse_chunks(ini, cuts, count, code, err);
    free(cuts);
    if (!st)
        st = check_comments(ini, code, err);
    if (st) {
        cap_ini_free(ini);
        return NULL;
    }
    return ini;
}

void cap_ini_free(cap_ini *ini)
{
    if (!ini)
        return;
    for (int c = 0; c < ini->chunk_count; c++)
        iniparser_freedict(ini->chunks[c]);
    free(ini->chunks);
    free(ini->sections);
    cap_strmap_free(ini->section_index);
    cap_strmap_free(ini->lines);
    free(ini->line_start);
    free(ini->text);
    free(ini);
}

const char *cap_ini_path(const cap_ini *ini) { return ini->path; }

int cap_ini_section_count(const cap_ini *ini) { return ini->section_count; }

const char *cap_ini_section(const cap_ini *ini, int i)
{
    return i >= 0 && i < ini->section_count ? ini->sections[i].name : NULL;
}

/* The dictionary holding section, or NULL. */
static dictionary *chunk_of(const cap_ini *ini, const char *section)
{
    size_t i;
    return cap_strmap_find(ini->section_index, section, &i)
               ? ini->chunks[ini->sections[i].chunk]
               : NULL;
}

int cap_ini_keys(const cap_ini *ini, const char *section, const char ***keys)
{
    dictionary *d = chunk_of(ini, section);
    int n = d ? iniparser_getsecnkeys(d, section) : 0;
    *keys = NULL;
    if (n <= 0)
        return 0;
    const char **list = calloc((size_t)n, sizeof *list);
    if (!list)
        abort();
    iniparser_getseckeys(d, section, list);
    size_t skip = strlen(section) + 1;
    for (int i = 0; i < n; i++)
        list[i] += skip;
    *keys = list;
    return n;
}

const char *cap_ini_get(const cap_ini *ini, const char *section,
                        const char *key)
{
    dictionary *d = chunk_of(ini, section);
    size_t n = strlen(section) + strlen(key) + 2;
    char *full = malloc(n);
    if (!full)
        abort();
    snprintf(full, n, "%s:%s", section, key);
    const char *v = d ? iniparser_getstring(d, full, NULL) : NULL;
    free(full);
    return v;
}

/* Copies line `start` (up to the newline) lowercased and trimmed. */
static void line_text(const char *start, char *out, size_t cap)
{
    while (*start == ' ' || *start == '\t')
        start++;
    size_t n = 0;
    while (start[n] && start[n] != '\n' && start[n] != '\r' && n + 1 < cap) {
        out[n] = (char)tolower((unsigned char)start[n]);
        n++;
    }
    while (n > 0 && isspace((unsigned char)out[n - 1]))
        n--;
    out[n] = '\0';
}

/* Start of the line after p, or NULL at the end of the text. */
static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl && nl[1] ? nl + 1 : NULL;
}

int cap_ini_section_line(const cap_ini *ini, const char *section)
{
    size_t line;
    return cap_strmap_find(ini->lines, section, &line) ? (int)line : 0;
}

int cap_ini_key_line(const cap_ini *ini, const char *section, const char *key)
{
    size_t n = strlen(section) + strlen(key) + 2, line;
    char *full = malloc(n);
    if (!full)
        abort();
    snprintf(full, n, "%s" CAP_STRMAP_SEP "%s", section, key);
    int found = cap_strmap_find(ini->lines, full, &line);
    free(full);
    return found ? (int)line : cap_ini_section_line(ini, section);
}

int cap_ini_token_line(const cap_ini *ini, const char *section,
                       const char *key, const char *token)
{
    int first = cap_ini_key_line(ini, section, key);
    if (!first || !token || !*token)
        return first;
    const char *p = ini->text + ini->line_start[first];
    /* Follow backslash continuations of the value. */
    for (int l = first; p && *p; l++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < 1023 ? len : 1023), p);
        if (strstr(buf, token))
            return l;
        trim_newline(buf);
        size_t n = strlen(buf);
        while (n > 0 && isspace((unsigned char)buf[n - 1]))
            n--;
        if (n == 0 || buf[n - 1] != '\\' || !nl)
            break;
        p = nl + 1;
    }
    return first;
}

/* Copies the name of header line `line` ("[ Name ]") lowercased. */
static void header_name(const char *line, char *out, size_t cap)
{
    const char *p = line + 1;
    while (*p == ' ')
        p++;
    size_t n = 0;
    while (p[n] && p[n] != ']' && n + 1 < cap) {
        out[n] = p[n];
        n++;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* Copies the key of line `line` ("key = value") into out; 0 if none. */
static int key_name(const char *line, char *out, size_t cap)
{
    const char *eq = strchr(line, '=');
    if (!eq || line[0] == ';' || line[0] == '#')
        return 0;
    size_t n = (size_t)(eq - line);
    while (n > 0 && isspace((unsigned char)line[n - 1]))
        n--;
    if (n == 0 || n >= cap)
        return 0;
    memcpy(out, line, n);
    out[n] = '\0';
    return 1;
}

static int ends_with_backslash(const char *line)
{
    size_t n = strlen(line);
    return n > 0 && line[n - 1] == '\\';
}

cap_status cap_ini_check_duplicates(const cap_ini *ini, cap_status code,
                                    cap_error *err)
{
    if (!ini->dup_line)
        return CAP_OK;
    return cap_error_set(err, code, ini->path, ini->dup_line, ini->dup_field,
                         "duplicate %s (first at line %d)",
                         ini->dup_is_key ? "key" : "section",
                         ini->dup_first);
}

/* Copies line `start` (up to the newline) as written, trimmed. */
static void raw_line(const char *start, char *out, size_t cap)
{
    while (*start == ' ' || *start == '\t')
        start++;
    size_t n = strcspn(start, "\r\n");
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), start);
    n = strlen(out);
    while (n > 0 && isspace((unsigned char)out[n - 1]))
        out[--n] = '\0';
}

/* What is wrong with the ';' or '#' in value (the text after '=' or a
 * continuation line), or NULL.  A ';' set off by a space starts a comment
 * as meant, unless the line continues: iniparser joins the lines first. */
static const char *comment_problem(const char *value, int continues)
{
    for (const char *c = value; *c; c++) {
        if (*c == '#')
            return "\"#\" starts a comment here, cutting the value short; "
                   "quote the value (\"...\") to keep a \"#\", or use \" ; \" "
                   "for a comment";
        if (*c != ';')
            continue;
        if (c > value && !isspace((unsigned char)c[-1]))
            return "\";\" starts a comment here, cutting the value short; "
                   "separate items with \",\" (a comment needs a space "
                   "before \";\")";
        return continues ? "\";\" starts a comment here, which swallows "
                           "the continued lines after it; put the comment "
                           "on a line of its own"
                         : NULL;
    }
    return NULL;
}

/* iniparser ends an unquoted value at its first ';' or '#' without a
 * word ("customers = a 30; b 10" keeps "a 30"), so a comment character
 * that cannot be meant as one is an error naming its line. */
static cap_status check_comments(const cap_ini *ini, cap_status code,
                                 cap_error *err)
{
    char low[512], raw[4096], section[256] = "", key[256] = "", field[600];
    int lineno = 0, continued = 0, skip = 0;
    for (const char *p = ini->text; p && *p; p = next_line(p)) {
        lineno++;
        line_text(p, low, sizeof low);
        raw_line(p, raw, sizeof raw);
        int is_continuation = continued;
        continued = ends_with_backslash(raw);
        const char *value = raw;
        if (!is_continuation) {
            if (raw[0] == '[')
                header_name(low, section, sizeof section);
            /* Headers, comments and quoted values (kept whole) pass. */
            skip = raw[0] == '[' || !key_name(low, key, sizeof key);
            if (!skip) {
                value = strchr(raw, '=') + 1;
                value += strspn(value, " \t");
                skip = *value == '"' || *value == '\'';
            }
        }
        const char *why = skip ? NULL : comment_problem(value, continued);
        if (why) {
            snprintf(field, sizeof field, "%s:%s", section, key);
            return cap_error_set(err, code, ini->path, lineno,
                                 section[0] ? field : key, "%s", why);
        }
    }
    return CAP_OK;
}

cap_status cap_ini_fail(const cap_ini *ini, cap_status code, cap_error *err,
                        const char *section, const char *key,
                        const char *fmt, ...)
{
    char field[128], text[768];
    int line = key ? cap_ini_key_line(ini, section, key)
                   : cap_ini_section_line(ini, section);
    if (key)
        snprintf(field, sizeof field, "%s:%s", section, key);
    else
        snprintf(field, sizeof field, "[%s]", section);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return cap_error_set(err, code, ini->path, line, field, "%s", text);
}

int cap_parse_double(const char *text, double *out)
{
    if (!text)
        return 0;
    while (isspace((unsigned char)*text))
        text++;
    if (!*text)
        return 0;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || errno == ERANGE || !isfinite(v))
        return 0;
    /* strtod accepts hex floats, "inf" and "nan"; a planner never means them. */
    for (const char *c = text; c < end; c++)
        if (isalpha((unsigned char)*c) && *c != 'e' && *c != 'E')
            return 0;
    *out = v;
    return 1;
}

int cap_parse_clock(const char *text, int *minutes)
{
    int h, m;
    char tail;
    if (!text || sscanf(text, "%2d:%2d%c", &h, &m, &tail) != 2)
        return 0;
    if (strlen(text) != 5 || h < 0 || m < 0 || m > 59 || h > 24 ||
        (h == 24 && m != 0))
        return 0;
    *minutes = h * 60 + m;
    return 1;
}

cap_status cap_ini_string(const cap_ini *ini, const char *section,
                          const char *key, const char **out, cap_status code,
                          cap_error *err)
{
    const char *v = cap_ini_get(ini, section, key);
    if (!v || !*v) {
        if (cap_ini_key_line(ini, section, key) == 0)
            return cap_ini_fail(ini, code, err, section, NULL,
                                "missing key \"%s\"", key);
        return cap_ini_fail(ini, code, err, section, key,
                            v ? "empty value" : "missing key \"%s\"", key);
    }
    *out = v;
    return CAP_OK;
}

cap_status cap_ini_number(const cap_ini *ini, const char *section,
                          const char *key, double min, double max,
                          double *out, cap_status code, cap_error *err)
{
    const char *v = NULL;
    cap_status st = cap_ini_string(ini, section, key, &v, code, err);
    if (st)
        return st;
    double x;
    if (!cap_parse_double(v, &x))
        return cap_ini_fail(ini, code, err, section, key,
                            "not a number: \"%s\"", v);
    if (x < min || x > max)
        return cap_ini_fail(ini, code, err, section, key,
                            "%s is outside [%g, %g]", v, min, max);
    *out = x;
    return CAP_OK;
}

cap_status cap_ini_numbers(const cap_ini *ini, const char *section,
                           const char *key, double min, double max,
                           double *out, int n, cap_status code,
                           cap_error *err)
{
    const char *v = NULL;
    cap_status st = cap_ini_string(ini, section, key, &v, code, err);
    if (st)
        return st;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", v);
    int count = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        double x;
        if (count == n || !cap_parse_double(tok, &x) || x < min || x > max)
            return cap_ini_fail(ini, code, err, section, key,
                                "want %d numbers in [%g, %g], got \"%s\"", n,
                                min, max, v);
        out[count++] = x;
    }
    if (count != n)
        return cap_ini_fail(ini, code, err, section, key,
                            "want %d numbers, got %d in \"%s\"", n, count, v);
    return CAP_OK;
}

cap_status cap_ini_check_keys(const cap_ini *ini, const char *section,
                              const char *const *allowed, cap_status code,
                              cap_error *err)
{
    const char **keys;
    int n = cap_ini_keys(ini, section, &keys);
    cap_status st = CAP_OK;
    for (int i = 0; i < n && !st; i++) {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, keys[i]) == 0;
        if (!known)
            st = cap_ini_fail(ini, code, err, section, keys[i],
                              "unknown key");
    }
    free(keys);
    return st;
}
