/* helpdesk.c - the three helpdesk export layouts, their timestamps,
 * priorities and first-reply times (see helpdesk.h). */
#include "helpdesk.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "csvin.h"
#include "tz.h"

/* COL_SPENT and COL_ID are optional; a layout without one has NULL. */
enum { COL_CREATED, COL_PRIORITY, COL_ORG, COL_REPLY, COL_SPENT, COL_ID, COLS };
typedef enum { REPLY_MINUTES, REPLY_DURATION, REPLY_HOURS } reply_unit;

static const struct {
    const char *name;
    const char *header[COLS];   /* the vendor's documented headers */
    reply_unit unit;
} layouts[CAP_HD_FORMATS] = {
    [CAP_HD_AUTO] = {"auto", {NULL}, REPLY_MINUTES},
    /* "Total time spent (sec)": the Time Tracking app's ticket field
     * (support.zendesk.com/hc/en-us/articles/4408822487450) */
    [CAP_HD_ZENDESK] = {"zendesk", {"Created at", "Priority", "Organization",
                                    "First reply time in minutes",
                                    "Total time spent (sec)"}, REPLY_MINUTES},
    [CAP_HD_JIRA] = {"jira", {"Created", "Priority", "Custom field (Organizations)",
                              "Custom field (Time to first response)",
                              "Time Spent"}, REPLY_DURATION},
    [CAP_HD_FRESHDESK] = {"freshdesk", {"Created time", "Priority", "Company Name",
                                        "First response time (in hrs)"}, REPLY_HOURS},
    [CAP_HD_CUSTOM] = {"custom", {NULL}, REPLY_MINUTES},
};

/* [calibrate] key of each column of a custom layout (units aside). */
static const cap_calib_column mapped_key[COLS] = {
    CAP_CALIB_COL_CREATED, CAP_CALIB_COL_PRIORITY, CAP_CALIB_COL_ORG,
    CAP_CALIB_COL_REPLY_MINUTES, CAP_CALIB_COL_SPENT_SECONDS, CAP_CALIB_COL_ID};

static const char *const default_priorities[CAP_HD_FORMATS] = {
    [CAP_HD_ZENDESK] = "urgent=s1, high=s2, normal=s3, low=s4",
    [CAP_HD_JIRA] = "highest=s1, high=s2, medium=s3, low=s4, lowest=s4",
    [CAP_HD_FRESHDESK] = "urgent=s1, high=s2, medium=s3, low=s4",
    [CAP_HD_CUSTOM] = "urgent=s1, highest=s1, high=s2, normal=s3, medium=s3, "
                      "low=s4, lowest=s4",
};

static const char *const bad_names[CAP_HD_BAD_KINDS] = {
    "unparseable date", "unknown priority", "unknown organization",
    "missing first-reply time", "negative first-reply time",
    "unreadable first-reply time", "unreadable time spent"};

int cap_hd_format_parse(const char *name)
{
    for (int f = 0; f < CAP_HD_FORMATS; f++)
        if (strcmp(layouts[f].name, name) == 0)
            return f;
    return -1;
}

const char *cap_hd_format_name(cap_hd_format f) { return layouts[f].name; }
const char *cap_hd_bad_name(cap_hd_bad k) { return bad_names[k]; }

/* Copies text into out without leading and trailing blanks. */
static void trim_copy(char *out, size_t cap, const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n && isspace((unsigned char)text[n - 1]))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, text, n);
    out[n] = 0;
}

/* ---- priorities ---- */

cap_status cap_hd_severity_parse(const char *text, cap_hd_severity_map *map,
                                 cap_error *err)
{
    map->count = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    char *save = NULL;
    for (char *item = strtok_r(buf, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        char name[64], sev[64];
        char *eq = strchr(item, '=');
        if (eq)
            *eq = 0;
        trim_copy(name, sizeof name, item);
        trim_copy(sev, sizeof sev, eq ? eq + 1 : "");
        int s = (sev[0] == 's' || sev[0] == 'S') && sev[1] >= '1' &&
                sev[1] <= '4' && !sev[2] ? sev[1] - '1' : -1;
        if (!eq || !name[0] || s < 0 || strlen(name) >= sizeof map->name[0] ||
            map->count == 16)
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--severity",
                                 "\"%s\" is not PRIORITY=s1..s4", item);
        snprintf(map->name[map->count], sizeof map->name[0], "%.31s", name);
        map->severity[map->count++] = s;
    }
    if (!map->count)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--severity",
                             "no PRIORITY=sN item");
    return CAP_OK;
}

void cap_hd_severity_default(cap_hd_format f, cap_hd_severity_map *map)
{
    cap_error ignored;
    cap_hd_severity_parse(default_priorities[f ? f : CAP_HD_ZENDESK], map,
                          &ignored);
}

static int severity_of(const cap_hd_severity_map *map, const char *text)
{
    char t[64];
    trim_copy(t, sizeof t, text);
    for (int i = 0; i < map->count; i++)
        if (strcasecmp(map->name[i], t) == 0)
            return map->severity[i];
    return -1;
}

/* ---- timestamps ---- */

static int digits(const char **s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (!isdigit((unsigned char)**s))
            return 0;
        v = v * 10 + (**s - '0');
    }
    *out = v;
    return 1;
}

static int valid_date(int y, int mo, int d)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    cap_date c = cap_civil_from_days(cap_days_from_civil(y, mo, d));
    return c.day == d && c.month == mo;
}

/* "Z", "+01:00", "+0100", " +0100" or nothing. */
static int read_offset(const char *s, int *has, int *offset)
{
    while (*s == ' ')
        s++;
    *has = 0;
    if (!*s)
        return 1;
    if ((*s == 'Z' || *s == 'z') && !s[1])
        return *has = 1, *offset = 0, 1;
    int sign = *s == '+' ? 1 : *s == '-' ? -1 : 0, h, m;
    if (!sign)
        return 0;
    s++;
    if (!digits(&s, 2, &h))
        return 0;
    if (*s == ':')
        s++;
    if (!digits(&s, 2, &m) || *s || h > 14 || m > 59)
        return 0;
    *has = 1;
    *offset = sign * (h * 3600 + m * 60);
    return 1;
}

static int iso_time(const char *s, int64_t *wall, int *has, int *offset)
{
    int y, mo, d, h, mi, sec = 0;
    if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) ||
        *s++ != '-' || !digits(&s, 2, &d) || (*s != 'T' && *s != ' '))
        return 0;
    s++;
    if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &mi))
        return 0;
    if (*s == ':') {
        s++;
        if (!digits(&s, 2, &sec))
            return 0;
        if (*s == '.' || *s == ',') /* fractions of a second are dropped */
            for (s++; isdigit((unsigned char)*s); s++)
                ;
    }
    if (!valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60 ||
        !read_offset(s, has, offset))
        return 0;
    *wall = cap_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 1;
}

/* Jira: "04/Mar/27 9:15 AM" (two- or four-digit year). */
static int jira_time(const char *s, int64_t *wall)
{
    static const char *const mon[12] = {"jan", "feb", "mar", "apr", "may",
        "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    char m3[4] = "", ampm[3] = "";
    int d, y, h, mi, used = 0;
    if (sscanf(s, "%2d/%3[A-Za-z]/%4d %2d:%2d %2[AaPpMm]%n", &d, m3, &y, &h,
               &mi, ampm, &used) != 6 || s[used] || strlen(m3) != 3)
        return 0;
    int mo = 0;
    while (mo < 12 && strcasecmp(mon[mo], m3) != 0)
        mo++;
    if (y < 100)
        y += 2000;
    int pm = toupper((unsigned char)ampm[0]) == 'P';
    if (mo == 12 || !valid_date(y, mo + 1, d) || h < 1 || h > 12 || mi > 59 ||
        toupper((unsigned char)ampm[1]) != 'M')
        return 0;
    h = h % 12 + (pm ? 12 : 0);
    *wall = cap_days_from_civil(y, mo + 1, d) * 86400 + h * 3600 + mi * 60;
    return 1;
}

int cap_hd_parse_time(const char *text, int64_t *wall, int *has_offset,
                      int *offset)
{
    char t[96];
    trim_copy(t, sizeof t, text);
    *has_offset = 0;
    *offset = 0;
    return iso_time(t, wall, has_offset, offset) || jira_time(t, wall);
}

/* ---- first-reply times ---- */

/* Minutes from text in unit: 1 ok, 0 unreadable; *minutes may be < 0. */
static int reply_minutes(const char *t, reply_unit unit, double *minutes)
{
    char *end;
    double v = strtod(t, &end);
    if (end != t && !*end && isfinite(v)) {
        *minutes = unit == REPLY_HOURS ? v * 60 : v;
        return 1;
    }
    int neg = *t == '-';
    const char *s = t + neg;
    if (unit == REPLY_HOURS) { /* "hh:mm[:ss]" */
        int h, m, sec = 0, used = 0;
        if (sscanf(s, "%d:%2d%n:%2d%n", &h, &m, &used, &sec, &used) < 2 ||
            s[used] || m > 59 || sec > 59 || h < 0)
            return 0;
        *minutes = (neg ? -1 : 1) * (h * 60 + m + sec / 60.0);
        return 1;
    }
    /* Jira: "2d 3h 15m" (any of the parts, in that order) */
    double total = 0;
    int parts = 0;
    while (*s) {
        double x = strtod(s, &end);
        if (end == s || x < 0)
            return 0;
        double scale = *end == 'd' ? 1440 : *end == 'h' ? 60 : *end == 'm' ? 1 : -1;
        if (scale < 0)
            return 0;
        total += x * scale;
        parts++;
        s = end + 1;
        while (*s == ' ')
            s++;
    }
    if (!parts)
        return 0;
    *minutes = neg ? -total : total;
    return 1;
}

/* ---- the export ---- */

typedef struct {
    cap_hd_export *x;
    cap_hd_format asked;
    const cap_hd_severity_map *map;
    cap_hd_severity_map own_map;
    const cap_model *mapping;    /* [calibrate] columns, or NULL */
    reply_unit unit;             /* of the first-reply column */
    double spent_minutes;        /* minutes per unit of the time spent */
    cap_hd_org_fn find_org;
    const void *org_ctx;
    int column[COLS];
    int have_header;
    char header[COLS][64];
    unsigned char *has_offset;   /* per ticket: the text carried an offset */
    size_t cap;
} reader;

static int find_column(const cap_csv_row *row, const char *name)
{
    char t[128];
    for (size_t i = 0; name && i < row->count; i++) {
        trim_copy(t, sizeof t, row->fields[i]);
        if (strcasecmp(t, name) == 0)
            return (int)i;
    }
    return -1;
}

static int layout_matches(const cap_csv_row *row, cap_hd_format f)
{
    for (int k = 0; k < COL_REPLY; k++)
        if (find_column(row, layouts[f].header[k]) < 0)
            return 0;
    return 1;
}

/* The layout: asked for, told by the headers, or custom when the model
 * maps columns and none was asked for. */
static cap_status choose_layout(reader *r, const cap_csv_row *row,
                                cap_error *err)
{
    cap_hd_format f = r->asked;
    int mapped = r->mapping && r->mapping->calibrate_mapped;
    if (f == CAP_HD_AUTO && mapped)
        f = CAP_HD_CUSTOM;
    for (int g = CAP_HD_ZENDESK; f == CAP_HD_AUTO && g < CAP_HD_CUSTOM; g++)
        if (layout_matches(row, (cap_hd_format)g))
            f = (cap_hd_format)g;
    if (f == CAP_HD_AUTO)
        return cap_error_row(err, CAP_ERR_INPUT, r->x->name, row->line,
                             "header", "not a known export layout: no zendesk "
                             "(\"Created at\", \"Organization\"), jira "
                             "(\"Created\", \"Custom field (Organizations)\") "
                             "or freshdesk (\"Created time\", \"Company Name\") "
                             "headers; name the layout with --format");
    if (f == CAP_HD_CUSTOM && !mapped)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--format",
                             "custom needs a column mapping in the model's "
                             "[calibrate] section (-m MODEL; see README)");
    r->x->format = f;
    return CAP_OK;
}

/* The [calibrate] key naming column k of a custom layout: first reply
 * and time spent in whichever unit the mapping names. */
static cap_calib_column mapped_column(const reader *r, int k)
{
    const char (*col)[128] = r->mapping->calibrate_column;
    if (k == COL_REPLY && col[CAP_CALIB_COL_REPLY_HOURS][0])
        return CAP_CALIB_COL_REPLY_HOURS;
    if (k == COL_SPENT && col[CAP_CALIB_COL_SPENT_MINUTES][0])
        return CAP_CALIB_COL_SPENT_MINUTES;
    return mapped_key[k];
}

/* Header text of column k: the layout's, or the mapping's (NULL: none). */
static const char *column_header(const reader *r, int k)
{
    if (r->x->format != CAP_HD_CUSTOM)
        return layouts[r->x->format].header[k];
    const char *h = r->mapping->calibrate_column[mapped_column(r, k)];
    return h[0] ? h : NULL;
}

static cap_status read_header(reader *r, const cap_csv_row *row,
                              cap_error *err)
{
    CAP_TRY(choose_layout(r, row, err));
    cap_hd_format f = r->x->format;
    r->unit = layouts[f].unit;
    r->spent_minutes = 1.0 / 60; /* both vendors' columns are in seconds */
    if (f == CAP_HD_CUSTOM) {
        r->unit = mapped_column(r, COL_REPLY) == CAP_CALIB_COL_REPLY_HOURS
                      ? REPLY_HOURS : REPLY_MINUTES;
        if (mapped_column(r, COL_SPENT) == CAP_CALIB_COL_SPENT_MINUTES)
            r->spent_minutes = 1;
    }
    for (int k = 0; k < COLS; k++) {
        const char *h = column_header(r, k);
        r->column[k] = find_column(row, h);
        snprintf(r->header[k], sizeof r->header[k], "%s", h ? h : "");
        if (r->column[k] >= 0 || (k >= COL_REPLY && (!h || f != CAP_HD_CUSTOM)))
            continue;
        if (f == CAP_HD_CUSTOM)
            return cap_error_row(err, CAP_ERR_INPUT, r->x->name, row->line,
                                 "header", "missing column \"%s\" (named by "
                                 "[calibrate] %s)", h,
                                 cap_calibrate_column_key(mapped_column(r, k)));
        return cap_error_row(err, CAP_ERR_INPUT, r->x->name, row->line,
                             "header", "missing column \"%s\" of the %s "
                             "layout", h, layouts[f].name);
    }
    r->x->has_reply = r->column[COL_REPLY] >= 0;
    r->x->has_spent = r->column[COL_SPENT] >= 0;
    snprintf(r->x->spent_column, sizeof r->x->spent_column, "%s",
             r->header[COL_SPENT]);
    if (!r->map) {
        cap_hd_severity_default(f, &r->own_map);
        r->map = &r->own_map;
    }
    for (int k = 0; k < CAP_HD_BAD_KINDS; k++)
        snprintf(r->x->issues.column[k], sizeof r->x->issues.column[k], "%s",
                 r->header[k <= CAP_HD_BAD_ORG ? k
                           : k == CAP_HD_BAD_SPENT ? COL_SPENT : COL_REPLY]);
    r->have_header = 1;
    return CAP_OK;
}

static void note(reader *r, cap_hd_bad kind, int line, const char *text)
{
    cap_hd_issues *is = &r->x->issues;
    int n = is->count[kind]++;
    if (n < CAP_HD_KEEP_MESSAGES)
        snprintf(is->message[kind][n], sizeof is->message[kind][n],
                 "%s: row %d: %s: %s \"%.80s\"", r->x->name, line,
                 is->column[kind], bad_names[kind], text);
}

static const char *field(const reader *r, const cap_csv_row *row, int k)
{
    int i = r->column[k];
    return i >= 0 && (size_t)i < row->count ? row->fields[i] : "";
}

/* The first-reply time of a row: minutes, or -1 after noting why not. */
static double row_reply(reader *r, const cap_csv_row *row)
{
    if (!r->x->has_reply)
        return -1;
    char t[64];
    trim_copy(t, sizeof t, field(r, row, COL_REPLY));
    double v;
    if (!*t)
        note(r, CAP_HD_NO_REPLY, row->line, t);
    else if (!reply_minutes(t, r->unit, &v))
        note(r, CAP_HD_BAD_REPLY, row->line, t);
    else if (v < 0)
        note(r, CAP_HD_NEG_REPLY, row->line, t);
    else
        return v;
    return -1;
}

/* The time spent on a row, minutes: 0 when not tracked (empty or 0), -1
 * after noting an unreadable or negative value. */
static double row_spent(reader *r, const cap_csv_row *row)
{
    if (!r->x->has_spent)
        return 0;
    char t[64], *end;
    trim_copy(t, sizeof t, field(r, row, COL_SPENT));
    if (!*t)
        return 0;
    double v = strtod(t, &end);
    if (end != t && !*end && isfinite(v) && v >= 0)
        return v * r->spent_minutes;
    note(r, CAP_HD_BAD_SPENT, row->line, t);
    return -1;
}

static cap_status on_row(const cap_csv_row *row, void *arg, cap_error *err)
{
    reader *r = arg;
    if (!r->have_header)
        return read_header(r, row, err);
    r->x->rows++;
    int64_t wall;
    int has, offset;
    const char *created = field(r, row, COL_CREATED);
    if (!cap_hd_parse_time(created, &wall, &has, &offset)) {
        note(r, CAP_HD_BAD_DATE, row->line, created);
        return CAP_OK;
    }
    int sev = severity_of(r->map, field(r, row, COL_PRIORITY));
    if (sev < 0) {
        note(r, CAP_HD_BAD_PRIORITY, row->line, field(r, row, COL_PRIORITY));
        return CAP_OK;
    }
    char org[256];
    trim_copy(org, sizeof org, field(r, row, COL_ORG));
    long o = r->find_org(r->org_ctx, org);
    if (o < 0) {
        note(r, CAP_HD_BAD_ORG, row->line, org);
        return CAP_OK;
    }
    if (r->x->count == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 1024;
        r->x->tickets = realloc(r->x->tickets, r->cap * sizeof *r->x->tickets);
        r->has_offset = realloc(r->has_offset, r->cap);
        if (!r->x->tickets || !r->has_offset)
            abort();
    }
    cap_ticket *t = &r->x->tickets[r->x->count];
    t->org = (size_t)o;
    t->severity = sev;
    t->created = wall - offset;
    t->first_reply = row_reply(r, row);
    t->time_spent = row_spent(r, row);
    r->has_offset[r->x->count++] = (unsigned char)has;
    return CAP_OK;
}

/* Timestamps without an offset are wall times of the export's zone; the
 * zone is tabulated over the export's own span, known only once read. */
static cap_status to_utc(reader *r, const char *export_tz, cap_error *err)
{
    cap_hd_export *x = r->x;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t i = 0; i < x->count; i++) {
        lo = x->tickets[i].created < lo ? x->tickets[i].created : lo;
        hi = x->tickets[i].created > hi ? x->tickets[i].created : hi;
    }
    cap_tz *tz = cap_tz_new(export_tz ? export_tz : "UTC", lo - 2 * 86400,
                            hi + 2 * 86400, err);
    if (!tz)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--export-timezone",
                             "unknown time zone \"%s\"", export_tz);
    x->first = INT64_MAX;
    x->last = INT64_MIN;
    for (size_t i = 0; i < x->count; i++) {
        cap_ticket *t = &x->tickets[i];
        if (!r->has_offset[i])
            t->created = cap_tz_to_utc(tz, t->created);
        x->first = t->created < x->first ? t->created : x->first;
        x->last = t->created > x->last ? t->created : x->last;
    }
    cap_tz_free(tz);
    return CAP_OK;
}

cap_status cap_hd_read(const char *path, cap_hd_format format,
                       const cap_hd_severity_map *map, const char *export_tz,
                       cap_hd_org_fn find_org, const void *org_ctx,
                       cap_hd_export *out, cap_error *err)
{
    return cap_hd_read_mapped(path, format, NULL, map, export_tz, find_org,
                              org_ctx, out, err);
}

cap_status cap_hd_read_mapped(const char *path, cap_hd_format format,
                              const cap_model *mapping,
                              const cap_hd_severity_map *map,
                              const char *export_tz, cap_hd_org_fn find_org,
                              const void *org_ctx, cap_hd_export *out,
                              cap_error *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", cap_input_name(path));
    if (format == CAP_HD_CUSTOM && (!mapping || !mapping->calibrate_mapped))
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--format",
                             "custom needs a column mapping in the model's "
                             "[calibrate] section (-m MODEL; see README)");
    reader r = {.x = out, .asked = format, .map = map, .find_org = find_org,
                .org_ctx = org_ctx, .mapping = mapping};
    cap_status st = cap_csv_read(path, on_row, &r, err);
    if (st == CAP_OK && !r.have_header)
        st = cap_error_set(err, CAP_ERR_INPUT, out->name, 0, NULL,
                           "empty export: no header row");
    if (st == CAP_OK && out->count == 0)
        st = cap_error_set(err, CAP_ERR_INPUT, out->name, 0, NULL,
                           "no usable ticket: %d data rows, none with a "
                           "readable date, a known priority and a known "
                           "organization", out->rows);
    if (st == CAP_OK)
        st = to_utc(&r, export_tz, err);
    free(r.has_offset);
    if (st != CAP_OK)
        cap_hd_export_free(out);
    return st;
}

void cap_hd_export_free(cap_hd_export *x)
{
    free(x->tickets);
    x->tickets = NULL;
    x->count = 0;
}
