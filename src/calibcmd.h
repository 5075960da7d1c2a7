/* calibcmd.h - `capplan calibrate`: the model's ticket numbers from a
 * helpdesk export (issue 13).
 *
 *   capplan calibrate --tickets EXPORT.csv --customers ORGS.csv
 *                     [--format auto|zendesk|jira|freshdesk]
 *                     [--export-timezone ZONE] [--severity "urgent=s1, ..."]
 *                     [-m MODEL] [--json] [-o DIR]
 *
 * Reads the export (helpdesk.h) and the organizations (calibrate.h), fits
 * the model (calibrate.h), prints the table (or one JSON object) and
 * writes DIR/model-calibrated.ini and DIR/calibration.xlsx, published as a
 * set like a run's workbooks (outset.h; the folder checked before the
 * fit).  Rows that cannot be used are reported on stderr (the first few of
 * each kind with file, row and column, then one summary line per kind);
 * nothing is written on an error.
 */
#ifndef CAP_CALIBCMD_H
#define CAP_CALIBCMD_H

#include <stdio.h>

#include "error.h"

/* The `capplan calibrate --help` text. */
const char *cap_calibrate_usage(void);

/* The whole subcommand: parse, then --help or run.  argv[0] is
 * "calibrate".  Warnings about bad rows go to warn. */
cap_status cap_calibrate_command(int argc, char **argv, FILE *out,
                                 FILE *warn, cap_error *err);

#endif
