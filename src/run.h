/* run.h - one capplan run: read and check every input, size, report.
 *
 * Every input is read and checked before anything is written, so a bad
 * input leaves the output folder as it was.
 */
#ifndef CAP_RUN_H
#define CAP_RUN_H

#include <stdio.h>

#include "cli.h"
#include "error.h"

/* Runs the options o, printing the JSON or summary to out. */
cap_status cap_run(const cap_options *o, FILE *out, cap_error *err);

#endif
