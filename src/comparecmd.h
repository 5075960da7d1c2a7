/* comparecmd.h - `capplan compare BASE.ini VARIANT.ini [...] [CUSTOMERS.csv]`
 * and the comparison behind `capplan size --compare`: every scenario sized
 * (and simulated) on the same seed, compared with the first, answered on
 * stdout (summary or JSON) and, with -o DIR, in DIR/compare.xlsx. */
#ifndef CAP_COMPARECMD_H
#define CAP_COMPARECMD_H

#include <stdio.h>

#include "cli.h"
#include "compare.h"
#include "error.h"
#include "model.h"

/* The `capplan compare --help` text. */
const char *cap_compare_usage(void);

cap_status cap_compare_command(int argc, char **argv, FILE *out,
                               cap_error *err);

/* Sizes the n scenarios (s[i].p read and checked; s[i].h is set here and
 * freed before returning), compares them with s[0] and publishes the
 * answer under the options o (o->out_dir NULL: no workbook). */
cap_status cap_compare_scenarios(const cap_options *o, cap_scenario *s,
                                 size_t n, const cap_model *m, FILE *out,
                                 cap_error *err);

#endif
