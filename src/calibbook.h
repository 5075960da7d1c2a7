/* calibbook.h - calibration.xlsx: the export observed beside the model
 * and the fitted numbers (issue 13; sheets in reports/README.md). */
#ifndef CAP_CALIBBOOK_H
#define CAP_CALIBBOOK_H

#include "backtest.h"
#include "calibrate.h"
#include "error.h"
#include "model.h"
#include "outdir.h"

/* Writes the workbook into f->tmp (the caller publishes or discards f);
 * bt is the backtest, NULL when none was asked for (its sheet then says
 * how to get one); deterministic fixes the creation date. */
cap_status cap_calibration_book(const cap_staged *f, const cap_model *m,
                                const cap_calibration *c,
                                const cap_backtest *bt, int deterministic,
                                cap_error *err);

#endif
