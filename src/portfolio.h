/* portfolio.h - partners and their customer segments (SPEC section 6).
 *
 * A portfolio is read from an INI file ([portfolio] and [partner.ID]
 * sections) and optionally extended by a customers CSV.  Every value is
 * checked on the way in; an error names the file, the line (or CSV row)
 * and the field, and quotes the text.  The loader knows the model only for
 * its partner defaults and FTE step.
 */
#ifndef CAP_PORTFOLIO_H
#define CAP_PORTFOLIO_H

#include <stddef.h>

#include "calendar.h"
#include "error.h"
#include "model.h"

typedef struct {
    cap_plan plan;
    char timezone[128];
    int customers;
    int quarter;           /* -1: every quarter (grown); else 0-based index */
    char source[512];      /* "file:line" or "file: row N", for messages */
} cap_segment;

typedef struct {
    char id[128];
    char name[128];
    cap_channel channel;
    cap_ask csm, tam, service_hours;
    cap_plan tam_tier;
    int tier_override;     /* -1, or a cap_plan */
    cap_localization localization;
    double growth;         /* per quarter, compounded */
    cap_segment *segments;
    size_t segment_count;
    char where[512];       /* "file:line" of its section, "file: row N", or
                            * capplan size's --customers "..." (or the
                            * --compare "..." that changed them) */
    int deal;              /* capplan size's one partner: where names it
                            * whole, so messages name no field after it */
} cap_partner;

/* Columns of the customers CSV: partner, plan, timezone, customers (these
 * four required), name, channel, quarter, and the partner keys csm, tam,
 * tam_tier, service_hours, localization, growth. */
#define CAP_CSV_COLUMNS 13

/* The loader's lookups (partner ids, time zone names, CSV segments), so a
 * big book loads in linear time; internal to portfolio.c. */
typedef struct cap_book_index cap_book_index;

typedef struct {
    char name[128];
    cap_date start;        /* first day of the horizon */
    int year_month;        /* first month of the year the quarters are
                              labelled by: start's month when start is
                              given (2 = fiscal years from February), 1
                              (calendar quarters) for the default start;
                              0 counts as 1 */
    int quarters;
    double max_customers, max_book_customers; /* the model's [limits] */
    cap_partner *partners;
    size_t partner_count;
    char ini_path[512], csv_path[512]; /* "" when not given */
    /* [csv] section: the export's header text for each CSV column, in the
     * order above; "" = the column's own name. */
    char csv_header[CAP_CSV_COLUMNS][128];
    /* Header cells of the CSV that no column asked for, quoted and joined
     * by ", " ("\"Owner\", \"Region\""), for one notice; NULL when none.
     * Owned by the portfolio. */
    char *csv_ignored;
    size_t csv_ignored_count;
    cap_book_index *index; /* owned; NULL until the first partner */
    /* capplan size: where the deal's growth was given (--growth VALUE, or
     * the --compare that changed it or the customers), for a growth past
     * [limits] max_customers; "" otherwise (the partner's where serves) */
    char deal_growth_where[512];
} cap_portfolio;

/* Where the portfolio's and a partner's keys (SPEC section 6) come from: a
 * section of the INI, or the flags of `capplan size`.  One parser reads
 * both, so a value means the same and fails the same way whichever way it
 * came in; only the place an error names differs. */
typedef struct cap_keys cap_keys;
struct cap_keys {
    /* The value of key, or NULL when it was not given. */
    const char *(*get)(const cap_keys *k, const char *key);
    /* Sets err (CAP_ERR_INPUT) to text about key (NULL: the section or
     * flag set as a whole), naming where it was given; item is the list
     * item at fault (a customers segment) or NULL.  Returns the code. */
    cap_status (*fail)(const cap_keys *k, cap_error *err, const char *key,
                       const char *item, const char *text);
    /* Where item of key was given ("file:line"), for later messages. */
    void (*where)(const cap_keys *k, const char *key, const char *item,
                  char *out, size_t cap);
    const void *ctx;
    /* Optional (NULL: none): time zone names already looked up, so a big
     * book does not search the tz database once per segment. */
    cap_book_index *index;
};

/* An empty portfolio (no partners, the model's quarters, no files).
 * Caller owns it: cap_portfolio_free(). */
cap_portfolio *cap_portfolio_new(const cap_model *model);

/* Reads name, start and quarters from k into p; today gives the default
 * start (the next quarter start after it). */
cap_status cap_portfolio_read_keys(cap_portfolio *p, const cap_keys *k,
                                   const cap_model *model, cap_date today,
                                   cap_error *err);

/* Appends a partner with the model's defaults for every key it may leave
 * out; the pointer is valid until the next partner is added. */
/* The field naming partner in a message about it as a whole, after its
 * where: "[partner.ID]" in buf, or NULL for capplan size's deal. */
const char *cap_partner_field(const cap_partner *partner, char *buf,
                              size_t cap);

cap_partner *cap_portfolio_add_partner(cap_portfolio *p, const char *id,
                                       const cap_model *model);

/* Reads a partner's keys (name, channel, csm, tam, tam_tier,
 * service_hours, localization, growth, tier, customers) from k; absent
 * keys keep their defaults, except channel, which is required. */
cap_status cap_partner_read_keys(cap_partner *partner, const cap_keys *k,
                                 const cap_model *model, cap_error *err);

/* Reads the portfolio INI.  today is used for the default start (the next
 * calendar quarter start after it).  Returns NULL and sets err on any bad
 * value, text that is not UTF-8 included (see cap_text_read).  Caller
 * owns the result: cap_portfolio_free(). */
cap_portfolio *cap_portfolio_load(const char *path, const cap_model *model,
                                  cap_date today, cap_error *err);
/* Same; a file that is not UTF-8 is converted from encoding (NULL:
 * refused). */
cap_portfolio *cap_portfolio_load_encoded(const char *path,
                                          const char *encoding,
                                          const cap_model *model,
                                          cap_date today, cap_error *err);

/* Adds the rows of a customers CSV to p (new partners need a channel).
 * Header cells are matched to columns through p->csv_header, trimmed and
 * regardless of ASCII case; cells no column asks for are ignored and
 * listed in p->csv_ignored.  A partner's key columns (channel, csm, tam,
 * tam_tier, service_hours, localization, growth) go through the INI keys'
 * checks; the first row (or the INI section) that gives a key sets it and
 * a later row that gives another value is refused, naming that first
 * row.  Rows of one partner with the same plan, time zone and quarter add
 * up into one segment as they are read, so memory grows with partners and
 * segments, not rows; a partner's count for one quarter (or its undated
 * rows) passing the model's [limits] max_customers is refused at the row
 * that passes it. */
cap_status cap_portfolio_add_csv(cap_portfolio *p, const char *path,
                                 const cap_model *model, cap_error *err);
/* Same; a file that is not UTF-8 is converted from encoding (NULL:
 * refused). */
cap_status cap_portfolio_add_csv_encoded(cap_portfolio *p, const char *path,
                                         const char *encoding,
                                         const cap_model *model,
                                         cap_error *err);

/* Final checks once every input is read: no partner without customers, no
 * empty portfolio, every time zone known.  The error names where the
 * offending partner or segment was defined. */
cap_status cap_portfolio_validate(const cap_portfolio *p, cap_error *err);

void cap_portfolio_free(cap_portfolio *p);

/* Customers of a partner in quarter q (0-based): the explicit rows for
 * that quarter if there are any, else the undated segments grown by
 * (1 + growth)^q and rounded to whole customers.  segments_out must hold
 * partner->segment_count entries; returns the number written. */
size_t cap_partner_quarter(const cap_partner *partner, int q,
                           cap_segment *segments_out);

#endif
