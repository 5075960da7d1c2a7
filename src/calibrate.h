/* calibrate.h - the model's ticket numbers fitted to a helpdesk export
 * (issue 13; SPEC sections 1 and 4).
 *
 * Per plan and severity: tickets per customer per month (a Poisson rate
 * with its exact 95% interval from chi-square quantiles), with the routing
 * of SPEC section 1 undone: the helpdesk sees only the tickets that reach
 * the vendor, a share of each customer's tickets fixed by the model's
 * categories and the customer's channel (and P-CSM contract), so the count
 * is divided by that share to land on the model's own scale.  Per
 * severity: the share of tickets arriving inside the customers' local
 * [profile] window on weekdays (the model's business_hours_share; routing
 * does not depend on the hour, so this share needs no undoing).  Observed
 * first-response p50/p90 per plan and severity.  A cell with fewer tickets
 * than [calibrate] min_tickets keeps the model's value and is flagged.
 * Handle time (when the export has a time-spent column): a lognormal by
 * maximum likelihood per plan and severity, and per severity over all
 * plans (the model's handle_mean/sd_minutes are per severity), each kept
 * below min_tickets timed tickets.  The monthly volume trend and its
 * quarterly growth (forecast.h).
 */
#ifndef CAP_CALIBRATE_H
#define CAP_CALIBRATE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "forecast.h"
#include "handlefit.h"
#include "helpdesk.h"
#include "model.h"

typedef struct {
    char name[128];        /* organization, as the helpdesk spells it */
    char partner[128];
    cap_channel channel;
    int has_csm;           /* the partner contracts P-CSMs */
    cap_plan plan;
    char timezone[128];
    int row;               /* its CSV row, for messages */
} cap_org;

typedef struct {
    cap_org *org;          /* sorted by name (case-insensitive) */
    size_t count;
    char name[512];
} cap_org_table;

/* Reads ORGS.csv: one row per organization; columns (any order, others
 * ignored) organization, partner, channel, plan, timezone and optionally
 * customers (must be 1) and csm (yes/no, default no).  Errors name file,
 * row and column: an empty file, a header without rows, a missing column,
 * an unknown channel, plan or time zone, an organization named twice.  Free with cap_orgs_free. */
cap_status cap_orgs_read(const char *path, cap_org_table *t, cap_error *err);
void cap_orgs_free(cap_org_table *t);
/* The cap_hd_org_fn over a table. */
long cap_orgs_find(const void *table, const char *name);

/* Share of a customer's tickets of severity sev that reach the vendor's
 * helpdesk: categories routed to the P-CSM team or support count whole,
 * partner-handled ones by their escalation probability, customer-handled
 * ones not at all. */
double cap_vendor_share(const cap_model *m, cap_channel channel, int has_csm,
                        int sev);

typedef struct {
    int tickets;            /* seen in the export */
    double customers;       /* organizations on the plan */
    double exposure;        /* customer-months x vendor share */
    double model_rate;      /* tickets per customer per month, model */
    double rate, lo, hi;    /* fitted, and its 95% interval */
    int kept;               /* too few tickets: the model's rate stays */
    int inside;             /* tickets inside the local business window */
    double business_share;  /* inside / tickets */
    int replies;            /* tickets with a first-reply time */
    double reply_p50, reply_p90; /* minutes; -1 without replies */
    cap_lognormal handle;   /* of its timed tickets (handle.n of them) */
    int handle_kept;        /* fewer than min_tickets timed tickets */
} cap_calib_cell;

enum { CAP_CALIB_MAX_MONTHS = 240 };

typedef struct {
    cap_calib_cell cell[CAP_PLANS][CAP_SEVERITIES];
    /* per severity, over all plans: the model's key is per severity */
    int sev_tickets[CAP_SEVERITIES], sev_inside[CAP_SEVERITIES];
    double model_share[CAP_SEVERITIES];   /* -1: uniform profile */
    double business_share[CAP_SEVERITIES];
    int share_kept[CAP_SEVERITIES];
    /* counts per local hour of week (Monday 00:00 = 0) and severity */
    int hour_of_week[CAP_SEVERITIES][168];
    /* the period: whole UTC calendar months from the first ticket's to
     * the last ticket's */
    int64_t from, to;
    char from_text[16], to_text[16];      /* "2027-01-01", exclusive end */
    double months;                        /* (to - from) / average month */
    int month_count;
    int monthly[CAP_CALIB_MAX_MONTHS][CAP_SEVERITIES];
    int min_tickets;
    /* handle time per severity over all plans: the model's keys */
    int has_spent;                        /* the export has time spent */
    char spent_column[128];
    cap_lognormal handle[CAP_SEVERITIES];
    int handle_kept[CAP_SEVERITIES];
    double model_handle_mean[CAP_SEVERITIES], model_handle_sd[CAP_SEVERITIES];
    /* the monthly volume (all severities) and its trend */
    double month_days[CAP_CALIB_MAX_MONTHS]; /* days of the export in it */
    cap_forecast forecast;
    size_t tickets;
    char export_name[512];
    cap_hd_format format;
} cap_calibration;

/* Fits x (tickets of the organizations in orgs) against model m.
 * CAP_ERR_MODEL when the model has no [calibrate] min_tickets; CAP_ERR_INPUT
 * when the export spans more than CAP_CALIB_MAX_MONTHS months or an
 * organization's time zone is unknown.  Caller owns *out (free()). */
cap_status cap_calibrate(const cap_model *m, const cap_org_table *orgs,
                         const cap_hd_export *x, cap_calibration **out,
                         cap_error *err);

/* The model text with tickets_per_month of each plan,
 * business_hours_share of each business-profile severity and (with time
 * spent) handle_mean/sd_minutes of each severity replaced by the fitted
 * values, each commented with the export, the period and the number of
 * tickets; the fitted growth as a commented suggestion under
 * [partner_defaults] growth.  Returns a malloc'ed string. */
char *cap_calibrated_ini(const char *model_text, const cap_model *m,
                         const cap_calibration *c);

#endif
