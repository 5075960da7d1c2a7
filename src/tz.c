/* tz.c - UTC offsets of one zone, tabulated per UTC hour from tzdata.
 *
 * libc only exposes a zone through the TZ environment variable, so a
 * cap_tz is built by switching TZ, asking localtime_r for every hour of
 * the window (and for the exact second of any change inside an hour) and
 * switching back.  Everything after construction is a table
 * lookup, so a finished cap_tz never touches the environment again.
 */
/* tm_gmtoff is a BSD/GNU extension hidden by plain _POSIX_C_SOURCE. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "tz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HOUR 3600
#define DAY 86400

struct cap_tz {
    char *name;
    int64_t first_hour; /* UTC hour number (utc / 3600) of offsets[0] */
    size_t hours;
    int32_t *offsets; /* offset at the start of each hour */
    int16_t *change;  /* second of the hour at which offsets[i + 1] takes
                         over; 3600 when the offset holds all hour */
};

/* Floor division: instants before 1970 must land in the earlier hour. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static const char *tz_dir(void)
{
    const char *dir = getenv("TZDIR");
    return (dir && *dir) ? dir : "/usr/share/zoneinfo";
}

/* Writes "$TZDIR/name" into buf; 0 when the name is unsafe or too long. */
static int zone_path(const char *name, char *buf, size_t size)
{
    if (!name || !*name || name[0] == '/' || strstr(name, ".."))
        return 0;
    int n = snprintf(buf, size, "%s/%s", tz_dir(), name);
    return n > 0 && (size_t)n < size;
}

static int is_tzif_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char magic[4];
    size_t got = fread(magic, 1, sizeof magic, f);
    fclose(f);
    return got == sizeof magic && memcmp(magic, "TZif", 4) == 0;
}

int cap_tz_exists(const char *name)
{
    char path[4096];
    return zone_path(name, path, sizeof path) && is_tzif_file(path);
}

/* Finds entry want in folder dir regardless of case (an exact match
 * first) and appends it to path; 0 when there is none. */
static int append_entry(char *path, size_t cap, const char *want)
{
    size_t n = strlen(path);
    if (snprintf(path + n, cap - n, "/%s", want) < (int)(cap - n) &&
        access(path, F_OK) == 0)
        return 1;
    path[n] = '\0';
    DIR *dir = opendir(path);
    if (!dir)
        return 0;
    int found = 0;
    for (struct dirent *e; !found && (e = readdir(dir));)
        if (strcasecmp(e->d_name, want) == 0)
            found = snprintf(path + n, cap - n, "/%s", e->d_name) < (int)(cap - n);
    closedir(dir);
    if (!found)
        path[n] = '\0';
    return found;
}

/* name looked up component by component, ignoring case; the tz
 * database's spelling in out. */
static int find_zone(const char *name, char *out, size_t cap)
{
    char path[4096], copy[256];
    if (!name || !*name || name[0] == '/' || strstr(name, "..") ||
        snprintf(copy, sizeof copy, "%s", name) >= (int)sizeof copy ||
        snprintf(path, sizeof path, "%s", tz_dir()) >= (int)sizeof path)
        return 0;
    size_t root = strlen(path);
    char *save = NULL;
    for (char *part = strtok_r(copy, "/", &save); part;
         part = strtok_r(NULL, "/", &save))
        if (strcmp(part, ".") == 0 || !append_entry(path, sizeof path, part))
            return 0;
    return is_tzif_file(path) &&
           snprintf(out, cap, "%s", path + root + 1) < (int)cap;
}

int cap_tz_canonical(const char *text, char *out, size_t cap)
{
    char buf[256];
    if (!text || snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
        return 0;
    char *start = buf, *end = buf + strlen(buf);
    while (*start == ' ' || *start == '\t')
        start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    char *open = strrchr(start, '(');
    if (end > start && end[-1] == ')' && open) { /* "... (Europe/Paris)" */
        end[-1] = '\0';
        start = open + 1;
    }
    return find_zone(start, out, cap);
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (!copy)
        abort();
    return memcpy(copy, s, n);
}

static int32_t libc_offset(int64_t utc)
{
    time_t t = (time_t)utc;
    struct tm tm;
    return localtime_r(&t, &tm) ? (int32_t)tm.tm_gmtoff : 0;
}

/* Most zones switch on a whole UTC hour, but not all (Australia/Lord_Howe
 * switches at 15:30 UTC), so an hour whose end offset differs is searched
 * for the exact second of the switch. */
static void find_changes(cap_tz *tz)
{
    for (size_t i = 0; i < tz->hours; i++) {
        tz->change[i] = 3600;
        if (i + 1 == tz->hours || tz->offsets[i] == tz->offsets[i + 1])
            continue;
        int64_t base = (tz->first_hour + (int64_t)i) * HOUR;
        int lo = 0, hi = 3600; /* old offset at lo, new one by hi */
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            if (libc_offset(base + mid) == tz->offsets[i])
                lo = mid;
            else
                hi = mid;
        }
        tz->change[i] = (int16_t)hi;
    }
}

/* Fills the tables with TZ naming the validated file itself, so libc
 * cannot fall back to reading the name as a POSIX rule string or to UTC. */
static void tabulate(cap_tz *tz, const char *path)
{
    const char *old = getenv("TZ");
    char *saved = old ? dup_string(old) : NULL;
    char value[4097];
    snprintf(value, sizeof value, ":%s", path);
    setenv("TZ", value, 1);
    tzset();
    for (size_t i = 0; i < tz->hours; i++)
        tz->offsets[i] = libc_offset((tz->first_hour + (int64_t)i) * HOUR);
    find_changes(tz);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
}

cap_tz *cap_tz_new(const char *name, int64_t from_utc, int64_t to_utc,
                   cap_error *err)
{
    char path[4096];
    if (!zone_path(name, path, sizeof path) || !is_tzif_file(path)) {
        cap_error_set(err, CAP_ERR_INPUT, NULL, 0, NULL,
                      "unknown time zone \"%s\"", name ? name : "");
        return NULL;
    }
    if (to_utc < from_utc)
        to_utc = from_utc;
    /* A day of margin each side lets cap_tz_to_utc look a day either way
     * from any wall time in the window and still read real offsets. */
    int64_t first = floor_div(from_utc - DAY, HOUR);
    int64_t last = floor_div(to_utc + DAY, HOUR); /* inclusive */
    cap_tz *tz = calloc(1, sizeof *tz);
    if (!tz)
        abort();
    tz->name = dup_string(name);
    tz->first_hour = first;
    tz->hours = (size_t)(last - first + 1);
    tz->offsets = malloc(tz->hours * sizeof *tz->offsets);
    tz->change = malloc(tz->hours * sizeof *tz->change);
    if (!tz->offsets || !tz->change)
        abort();
    tabulate(tz, path);
    return tz;
}

void cap_tz_free(cap_tz *tz)
{
    if (!tz)
        return;
    free(tz->offsets);
    free(tz->change);
    free(tz->name);
    free(tz);
}

const char *cap_tz_name(const cap_tz *tz)
{
    return tz->name;
}

int cap_tz_offset(const cap_tz *tz, int64_t utc)
{
    int64_t hour = floor_div(utc, HOUR);
    int64_t i = hour - tz->first_hour;
    if (i < 0)
        return tz->offsets[0];
    if (i >= (int64_t)tz->hours)
        return tz->offsets[tz->hours - 1];
    if (utc - hour * HOUR >= tz->change[i])
        return tz->offsets[i + 1];
    return tz->offsets[i];
}

/* The offsets in force a day before and a day after bracket every offset
 * the wall time could mean (no zone changes offset twice within two days).
 * A candidate instant is valid when the zone really has that offset then. */
int64_t cap_tz_to_utc(const cap_tz *tz, int64_t local_wall)
{
    int before = cap_tz_offset(tz, local_wall - DAY);
    int after = cap_tz_offset(tz, local_wall + DAY);
    int64_t u_before = local_wall - before;
    int64_t u_after = local_wall - after;
    int ok_before = cap_tz_offset(tz, u_before) == before;
    int ok_after = cap_tz_offset(tz, u_after) == after;
    if (ok_before && ok_after) /* overlap (or no change): first occurrence */
        return u_before < u_after ? u_before : u_after;
    if (ok_after)
        return u_after;
    /* Valid under the old offset, or skipped by a jump forward: reading the
     * wall time with the old offset lands just as far past the jump. */
    return u_before;
}

int cap_tz_set_index(const cap_tz_set *set, const char *name)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(cap_tz_name(set->tz[i]), name) == 0)
            return (int)i;
    return -1;
}

const cap_tz *cap_tz_set_find(const cap_tz_set *set, const char *name)
{
    int i = cap_tz_set_index(set, name);
    return i < 0 ? NULL : set->tz[i];
}

cap_status cap_tz_set_add(cap_tz_set *set, const char *name, cap_error *err)
{
    if (cap_tz_set_index(set, name) >= 0)
        return CAP_OK;
    cap_tz *tz = cap_tz_new(name, set->from, set->to, err);
    if (!tz)
        return err->code;
    cap_tz **grown = realloc(set->tz, (set->count + 1) * sizeof *grown);
    if (!grown) {
        cap_tz_free(tz);
        return cap_error_set(err, CAP_ERR_INTERNAL, NULL, 0, NULL,
                             "out of memory");
    }
    set->tz = grown;
    set->tz[set->count++] = tz;
    return CAP_OK;
}

void cap_tz_set_free(cap_tz_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        cap_tz_free(set->tz[i]);
    free(set->tz);
    set->tz = NULL;
    set->count = 0;
}
