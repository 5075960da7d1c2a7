/* helpdesk.h - reads a helpdesk's ticket export (Zendesk, Jira Service
 * Management, Freshdesk) for `capplan calibrate` (issue 13).
 *
 * The export is read with libcsv as the helpdesk writes it: columns in any
 * order, found by the vendor's documented header names; other columns are
 * ignored.  Each layout has its own timestamp form and priority names:
 *
 *   zendesk    Created at = "2027-03-04 09:15:00 +0100" or ISO 8601;
 *              priorities urgent, high, normal, low;
 *              First reply time in minutes (wall-clock minutes)
 *   jira       Created = "04/Mar/27 9:15 AM";
 *              priorities highest, high, medium, low, lowest;
 *              Custom field (Time to first response) = "1h 30m" or minutes
 *   freshdesk  Created time = "2027-03-04 09:15:00";
 *              priorities urgent, high, medium, low;
 *              First response time (in hrs) = decimal hours or "hh:mm:ss"
 *
 * Time spent on a ticket (the handle time), when the export has it:
 * Zendesk's Time Tracking app field "Total time spent (sec)", Jira's
 * "Time Spent" (seconds); empty or 0 = not tracked.  Freshdesk's ticket
 * export has no such column; a [calibrate] mapping can name one.
 *
 * Any layout also takes ISO 8601 ("2027-03-04T09:15:00+01:00", "...Z").  A
 * timestamp without an offset is in the export's time zone.
 *
 * Rows that cannot be used are counted per kind (an unparseable date, an
 * unknown priority, an organization not in the customers file: the row is
 * skipped; a missing, negative or unreadable first-reply time: the ticket
 * counts, its first response does not) and the first few of each kind are
 * kept as messages naming file, row and column.
 */
#ifndef CAP_HELPDESK_H
#define CAP_HELPDESK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

typedef enum { CAP_HD_AUTO, CAP_HD_ZENDESK, CAP_HD_JIRA, CAP_HD_FRESHDESK,
               CAP_HD_CUSTOM, CAP_HD_FORMATS } cap_hd_format;

/* "auto", "zendesk", "jira", "freshdesk", "custom" -> format; -1
 * otherwise.  custom = the headers a [calibrate] mapping of the model
 * names (cap_model.calibrate_column). */
int cap_hd_format_parse(const char *name);
const char *cap_hd_format_name(cap_hd_format f);

typedef enum {
    CAP_HD_BAD_DATE,      /* skipped */
    CAP_HD_BAD_PRIORITY,  /* skipped */
    CAP_HD_BAD_ORG,       /* skipped */
    CAP_HD_NO_REPLY,      /* counted, no first response */
    CAP_HD_NEG_REPLY,     /* counted, no first response */
    CAP_HD_BAD_REPLY,     /* counted, no first response */
    CAP_HD_BAD_SPENT,     /* counted, no handle time */
    CAP_HD_BAD_KINDS
} cap_hd_bad;

/* What each kind of bad row is called in the summary line. */
const char *cap_hd_bad_name(cap_hd_bad kind);

enum { CAP_HD_KEEP_MESSAGES = 5 }; /* per kind */

typedef struct {
    int count[CAP_HD_BAD_KINDS];
    char message[CAP_HD_BAD_KINDS][CAP_HD_KEEP_MESSAGES][1024];
    char column[CAP_HD_BAD_KINDS][64];  /* the export's header of the field */
} cap_hd_issues;

typedef struct {
    size_t org;            /* index the lookup returned */
    int64_t created;       /* UTC, Unix seconds */
    int severity;          /* 0..3 = s1..s4 */
    double first_reply;    /* wall-clock minutes; < 0 when not known */
    double time_spent;     /* minutes worked on it; <= 0 when not known */
} cap_ticket;

/* Priority name -> severity, e.g. parsed from "urgent=s1, high=s2". */
typedef struct {
    char name[16][32];
    int severity[16];
    int count;
} cap_hd_severity_map;

/* Parses "name=sN, name=sN, ..." (case-insensitive names).  A usage error
 * (CAP_ERR_USAGE, field "--severity") on a bad item. */
cap_status cap_hd_severity_parse(const char *text, cap_hd_severity_map *map,
                                 cap_error *err);

/* The layout's own priority names (see the top of this file). */
void cap_hd_severity_default(cap_hd_format f, cap_hd_severity_map *map);

/* Organization name -> index (>= 0), or -1 when unknown. */
typedef long (*cap_hd_org_fn)(const void *ctx, const char *name);

typedef struct {
    cap_hd_format format;            /* the layout found (never AUTO) */
    cap_ticket *tickets;
    size_t count;
    int rows;                        /* data rows read */
    int64_t first, last;             /* earliest and latest created, UTC */
    int has_reply;                   /* the export has a first-reply column */
    int has_spent;                   /* ... and a time-spent column */
    char spent_column[128];          /* its header */
    char name[512];                  /* the file name, for messages */
    cap_hd_issues issues;
} cap_hd_export;

/* Reads path.  format AUTO tells the layout from the header; map NULL
 * takes the layout's default priorities; export_tz (NULL: UTC) is the zone
 * of timestamps without an offset.  Errors: CAP_ERR_IO (missing file),
 * CAP_ERR_INPUT (no known layout, a required column missing, no usable
 * ticket).  Free with cap_hd_export_free. */
cap_status cap_hd_read(const char *path, cap_hd_format format,
                       const cap_hd_severity_map *map, const char *export_tz,
                       cap_hd_org_fn find_org, const void *org_ctx,
                       cap_hd_export *out, cap_error *err);
void cap_hd_export_free(cap_hd_export *x);

/* cap_hd_read with the model's [calibrate] column mapping (NULL: none):
 * format CUSTOM reads the mapped headers (CAP_ERR_USAGE without a
 * mapping), AUTO does so when a mapping is given; a mapped header missing
 * from the export is an error naming the [calibrate] key. */
cap_status cap_hd_read_mapped(const char *path, cap_hd_format format,
                              const cap_model *mapping,
                              const cap_hd_severity_map *map,
                              const char *export_tz, cap_hd_org_fn find_org,
                              const void *org_ctx, cap_hd_export *out,
                              cap_error *err);

/* Parses a timestamp (ISO 8601, "YYYY-MM-DD HH:MM[:SS] [+HHMM]", Jira's
 * "DD/Mon/YY H:MM AM").  On success returns 1 with the wall time as
 * seconds since 1970-01-01 on its own calendar and, when the text had an
 * offset, *has_offset = 1 and *offset in seconds (utc = wall - offset). */
int cap_hd_parse_time(const char *text, int64_t *wall, int *has_offset,
                      int *offset);

#endif
