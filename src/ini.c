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

#include "text.h"

struct cap_ini {
    dictionary *dict;
    char *text;  /* the file as read, for line lookup */
    char path[512];
};

/* iniparser reports syntax errors through a process-wide callback; loading
 * happens on the main thread only, so a static buffer is enough. */
static char syntax_error[512];
static int syntax_line;

static int capture_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (syntax_error[0] == '\0') {
        if (strstr(fmt, "syntax error in %s (%d)")) {
            (void)va_arg(ap, const char *);
            syntax_line = va_arg(ap, int);
            snprintf(syntax_error, sizeof syntax_error, "%s",
                     va_arg(ap, const char *));
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

static cap_ini *load_dict(const char *load_path, const char *name, char *text,
                          cap_status code, cap_error *err)
{
    syntax_error[0] = '\0';
    syntax_line = 0;
    iniparser_set_error_callback(capture_error);
    dictionary *dict = iniparser_load(load_path);
    iniparser_set_error_callback(NULL);
    if (!dict || syntax_error[0]) {
        trim_newline(syntax_error);
        cap_error_set(err, code, name, syntax_line, NULL,
                      "cannot parse this line: \"%s\"", syntax_error);
        iniparser_freedict(dict);
        free(text);
        return NULL;
    }
    cap_ini *ini = calloc(1, sizeof *ini);
    if (!ini)
        abort();
    ini->dict = dict;
    ini->text = text;
    snprintf(ini->path, sizeof ini->path, "%s", name);
    if (check_comments(ini, code, err) != CAP_OK) {
        cap_ini_free(ini);
        return NULL;
    }
    return ini;
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
    /* iniparser 4.1 reads only from a path (no FILE * or buffer entry
     * point): hand it an anonymous in-memory file holding the text. */
    int fd = memfd_create("capplan-ini", 0);
    size_t len = strlen(text);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
        if (fd >= 0)
            close(fd);
        return cap_error_set(err, CAP_ERR_INTERNAL, name, 0, NULL,
                             "cannot stage the INI text: %s",
                             strerror(errno)),
               NULL;
    }
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
    char *copy = strdup(text);
    if (!copy)
        abort();
    cap_ini *ini = load_dict(fdpath, name, copy, code, err);
    close(fd);
    return ini;
}

void cap_ini_free(cap_ini *ini)
{
    if (!ini)
        return;
    iniparser_freedict(ini->dict);
    free(ini->text);
    free(ini);
}

const char *cap_ini_path(const cap_ini *ini) { return ini->path; }

int cap_ini_section_count(const cap_ini *ini)
{
    return iniparser_getnsec(ini->dict);
}

const char *cap_ini_section(const cap_ini *ini, int i)
{
    return iniparser_getsecname(ini->dict, i);
}

int cap_ini_keys(const cap_ini *ini, const char *section, const char ***keys)
{
    int n = iniparser_getsecnkeys(ini->dict, section);
    *keys = NULL;
    if (n <= 0)
        return 0;
    const char **list = calloc((size_t)n, sizeof *list);
    if (!list)
        abort();
    iniparser_getseckeys(ini->dict, section, list);
    size_t skip = strlen(section) + 1;
    for (int i = 0; i < n; i++)
        list[i] += skip;
    *keys = list;
    return n;
}

const char *cap_ini_get(const cap_ini *ini, const char *section,
                        const char *key)
{
    char full[256];
    snprintf(full, sizeof full, "%s:%s", section, key);
    return iniparser_getstring(ini->dict, full, NULL);
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

static int is_section_header(const char *line, const char *section)
{
    size_t n = strlen(section);
    if (line[0] != '[')
        return 0;
    const char *p = line + 1;
    while (*p == ' ')
        p++;
    if (strncmp(p, section, n) != 0)
        return 0;
    p += n;
    while (*p == ' ')
        p++;
    return *p == ']';
}

static int is_key_line(const char *line, const char *key)
{
    size_t n = strlen(key);
    if (strncmp(line, key, n) != 0)
        return 0;
    const char *p = line + n;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '=' || *p == ':';
}

/* Start of the line after p, or NULL at the end of the text. */
static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl && nl[1] ? nl + 1 : NULL;
}

/* Line of the header of section (key NULL) or of key inside section. */
static int find_line(const cap_ini *ini, const char *section, const char *key)
{
    char line[512];
    int lineno = 0, inside = 0;
    for (const char *p = ini->text; p && *p; p = next_line(p)) {
        lineno++;
        line_text(p, line, sizeof line);
        if (line[0] == '[') {
            inside = is_section_header(line, section);
            if (inside && !key)
                return lineno;
        } else if (inside && key && is_key_line(line, key)) {
            return lineno;
        }
    }
    return 0;
}

int cap_ini_section_line(const cap_ini *ini, const char *section)
{
    return find_line(ini, section, NULL);
}

int cap_ini_key_line(const cap_ini *ini, const char *section, const char *key)
{
    int line = find_line(ini, section, key);
    return line ? line : find_line(ini, section, NULL);
}

int cap_ini_token_line(const cap_ini *ini, const char *section,
                       const char *key, const char *token)
{
    int first = cap_ini_key_line(ini, section, key);
    if (!first || !token || !*token)
        return first;
    const char *p = ini->text;
    for (int l = 1; l < first && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
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
    char line[512], section[256] = "", key[256], field[600];
    int lineno = 0, continued = 0, first;
    for (const char *p = ini->text; p && *p; p = next_line(p)) {
        lineno++;
        line_text(p, line, sizeof line);
        int is_continuation = continued;
        continued = ends_with_backslash(line);
        if (line[0] == '[') {
            header_name(line, section, sizeof section);
            if ((first = find_line(ini, section, NULL)) != lineno) {
                snprintf(field, sizeof field, "[%s]", section);
                return cap_error_set(err, code, ini->path, lineno, field,
                                     "duplicate section (first at line %d)",
                                     first);
            }
        } else if (!is_continuation && section[0] &&
                   key_name(line, key, sizeof key) &&
                   (first = find_line(ini, section, key)) != lineno) {
            snprintf(field, sizeof field, "%s:%s", section, key);
            return cap_error_set(err, code, ini->path, lineno, field,
                                 "duplicate key (first at line %d)", first);
        }
    }
    return CAP_OK;
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
    const char *v;
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
    const char *v;
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
