/* btreport.h - the backtest (backtest.h) in the terminal summary and the
 * JSON of `capplan calibrate`.  Renders; computes nothing. */
#ifndef CAP_BTREPORT_H
#define CAP_BTREPORT_H

#include <jansson.h>
#include <stdio.h>

#include "backtest.h"

/* What to do to get a backtest, for the reports of a run without one. */
const char *cap_backtest_how(void);

/* The backtest's table and sentences; bt NULL: how to get one. */
void cap_backtest_print(FILE *out, const cap_backtest *bt);

/* The "backtest" object of the JSON (new reference); bt NULL: {"run":
 * false, "how": ...}. */
json_t *cap_backtest_json(const cap_backtest *bt);

/* "agree", "disagree", "no data". */
const char *cap_bt_verdict_name(cap_bt_verdict v);

#endif
