/* deal.h - a deal given on the command line (`capplan size`): one
 * partner's keys as flags, and the variants `--compare` asks for.
 *
 * Flags and variants are key sources (portfolio.h cap_keys) read by the
 * portfolio's own parser, so `--tam-tier gold` fails exactly as
 * `tam_tier = gold` does in an INI; only the place named differs
 * ("--tam-tier: ..." instead of "FILE:LINE: partner.x:tam_tier: ...").
 */
#ifndef CAP_DEAL_H
#define CAP_DEAL_H

#include "calendar.h"
#include "error.h"
#include "model.h"
#include "portfolio.h"

/* The keys a deal takes, in INI spelling; the flag is "--" with '-' for
 * '_' ("--tam-tier"). */
typedef enum {
    CAP_DEAL_NAME, CAP_DEAL_CHANNEL, CAP_DEAL_CUSTOMERS, CAP_DEAL_CSM,
    CAP_DEAL_TAM, CAP_DEAL_TAM_TIER, CAP_DEAL_SERVICE_HOURS,
    CAP_DEAL_LOCALIZATION, CAP_DEAL_GROWTH, CAP_DEAL_QUARTERS,
    CAP_DEAL_START, CAP_DEAL_KEYS
} cap_deal_key;

enum { CAP_DEAL_VARIANTS_MAX = 8 };

typedef struct {
    const char *value[CAP_DEAL_KEYS];  /* NULL: not given; borrowed */
} cap_deal;

/* One --compare "tam=none, service_hours=auto": the keys it changes. */
typedef struct {
    const char *text;                  /* as given, borrowed */
    char *value[CAP_DEAL_KEYS];        /* owned; NULL: as in the deal */
} cap_deal_variant;

/* The key whose flag is flag ("--service-hours"), or -1. */
int cap_deal_key_of_flag(const char *flag);

/* INI name of key ("service_hours"). */
const char *cap_deal_key_name(cap_deal_key key);

/* Parses text ("key=value, key=value"; a piece without '=' continues the
 * value before it, so "customers=basic Asia/Tokyo 3, premium Europe/Paris
 * 2" is one key).  Keys are the deal's partner keys (name, quarters and
 * start excluded: every scenario covers the same quarters); a bad key or
 * form is CAP_ERR_USAGE naming the --compare.  Free with
 * cap_deal_variant_free (which takes a zeroed struct). */
cap_status cap_deal_variant_parse(const char *text, cap_deal_variant *v,
                                  cap_error *err);
void cap_deal_variant_free(cap_deal_variant *v);

/* The one-partner portfolio of deal d, as changed by v (NULL: none),
 * through the same parser and checks as a portfolio file (channel and
 * customers required).  today sets the default start.  Caller frees. */
cap_portfolio *cap_deal_portfolio(const cap_deal *d, const cap_deal_variant *v,
                                  const cap_model *m, cap_date today,
                                  cap_error *err);

#endif
