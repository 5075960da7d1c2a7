/* calibout.h - the handle-time fit and the volume trend of capplan
 * calibrate in the terminal summary and in its JSON (issue 13).  They
 * render cap_calibration; nothing is computed here. */
#ifndef CAP_CALIBOUT_H
#define CAP_CALIBOUT_H

#include <jansson.h>
#include <stdio.h>

#include "calibrate.h"

void cap_calib_print_handle(const cap_calibration *c, FILE *out);
void cap_calib_print_forecast(const cap_calibration *c, FILE *out);

/* Sets doc's "handle_time" (null without a time-spent column) and
 * "forecast". */
void cap_calib_json_handle(json_t *doc, const cap_calibration *c);
void cap_calib_json_forecast(json_t *doc, const cap_calibration *c);

/* "2027-03": the label of month k of the export. */
void cap_calib_month_label(const cap_calibration *c, int k, char out[16]);

/* "January".."December" for 1..12. */
const char *cap_calib_month_name(int month);

#endif
