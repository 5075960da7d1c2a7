/* tz.h - time zones from the system IANA tz database (tzdata).
 *
 * A cap_tz answers "what is the UTC offset of this zone at this instant"
 * for a window of time fixed when it is made.  Building one reads the
 * zone through the C library (TZ + localtime_r), which changes the process
 * environment: build every cap_tz on the main thread before any worker
 * thread starts.  After that a cap_tz is read-only and safe to share.
 *
 * Offsets are tabulated per UTC hour together with the second at which
 * an offset change inside that hour takes effect (most zones change on a
 * whole UTC hour, Australia/Lord_Howe at half past), so lookups are exact
 * for any zone that changes at most once an hour.
 */
#ifndef CAP_TZ_H
#define CAP_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct cap_tz cap_tz;

/* Nonzero when name is a zone of the system tz database (a TZif file under
 * $TZDIR or /usr/share/zoneinfo; absolute paths and ".." are refused). */
int cap_tz_exists(const char *name);

/* Writes into out (capacity cap) the tz database's own name of the zone
 * text means: an IANA name in any case ("europe/paris" -> "Europe/Paris",
 * found by a case-insensitive walk of the zoneinfo folder) or a label
 * that ends with one in parentheses, as Salesforce writes zones
 * ("(GMT+01:00) Central European Standard Time (Europe/Paris)").
 * Surrounding spaces are ignored.  Nonzero when found. */
int cap_tz_canonical(const char *text, char *out, size_t cap);

/* Tabulates zone name over [from_utc, to_utc) (Unix seconds).  Returns NULL
 * and sets err (CAP_ERR_INPUT, no location) for an unknown zone; the caller
 * adds the location.  The caller owns the result: cap_tz_free(). */
cap_tz *cap_tz_new(const char *name, int64_t from_utc, int64_t to_utc,
                   cap_error *err);
void cap_tz_free(cap_tz *tz);

const char *cap_tz_name(const cap_tz *tz);

/* UTC offset in seconds (local = utc + offset) at utc; outside the window
 * the offset of the nearest end is used. */
int cap_tz_offset(const cap_tz *tz, int64_t utc);

/* UTC instant of a local wall-clock time, given as seconds since
 * 1970-01-01 00:00 counted on the local calendar.  A wall time skipped by a
 * DST jump maps forward (02:30 on a spring-forward day = 03:30); a repeated
 * one maps to its first occurrence. */
int64_t cap_tz_to_utc(const cap_tz *tz, int64_t local_wall);

/* Zones tabulated over one window [from, to), found by name.  Zero-init,
 * set from and to, add zones, free with cap_tz_set_free(). */
typedef struct {
    cap_tz **tz;
    size_t count;
    int64_t from, to;
} cap_tz_set;

/* The zone called name, or NULL. */
const cap_tz *cap_tz_set_find(const cap_tz_set *set, const char *name);
/* Index of zone name in the set, or -1. */
int cap_tz_set_index(const cap_tz_set *set, const char *name);
/* Adds zone name unless present (same errors as cap_tz_new). */
cap_status cap_tz_set_add(cap_tz_set *set, const char *name, cap_error *err);
void cap_tz_set_free(cap_tz_set *set);

#endif
