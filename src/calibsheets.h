/* calibsheets.h - the Handle time and Forecast sheets of calibration.xlsx
 * (issue 13; columns in reports/README.md).  They render the fits of
 * calibrate.c. */
#ifndef CAP_CALIBSHEETS_H
#define CAP_CALIBSHEETS_H

#include "calibrate.h"
#include "xlsx.h"

void cap_calib_handle_sheet(cap_book *b, const cap_calibration *c);
void cap_calib_forecast_sheet(cap_book *b, const cap_calibration *c);

#endif
