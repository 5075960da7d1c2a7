/* error.h - the one error type of capplan.
 *
 * Library code never prints and never exits: it fills a cap_error and
 * returns its code.  The message names the file, the line (or CSV row) and
 * the field, and quotes the offending text, so one line tells a user what
 * to fix.  main() maps the code to an exit status with cap_error_exit_code().
 */
#ifndef CAP_ERROR_H
#define CAP_ERROR_H

#include <stddef.h>

typedef enum {
    CAP_OK = 0,
    CAP_ERR_USAGE,   /* bad command line */
    CAP_ERR_IO,      /* missing file, unreadable input, unwritable output */
    CAP_ERR_INPUT,   /* portfolio or customers file has a bad value */
    CAP_ERR_MODEL,   /* model file has a bad value */
    CAP_ERR_OUTPUT,  /* a workbook or report could not be written */
    CAP_ERR_INTERNAL /* a library reported something that should not happen */
} cap_status;

#define CAP_ERROR_MAX 1024

typedef struct {
    cap_status code;
    char message[CAP_ERROR_MAX];
} cap_error;

/* Returns from the calling function when expr is not CAP_OK. */
#define CAP_TRY(expr)                      \
    do {                                   \
        cap_status cap_try_ = (expr);      \
        if (cap_try_ != CAP_OK)            \
            return cap_try_;               \
    } while (0)

/* Clears err to CAP_OK with an empty message. */
void cap_error_clear(cap_error *err);

/* Sets err and returns code.  The message reads
 * "FILE:LINE: FIELD: TEXT" where LINE is left out when line <= 0 and
 * FIELD when field is NULL. */
cap_status cap_error_set(cap_error *err, cap_status code, const char *file,
                         int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Like cap_error_set, for a CSV row: "FILE: row N: FIELD: TEXT". */
cap_status cap_error_row(cap_error *err, cap_status code, const char *file,
                         int row, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The name messages give an input path: "<stdin>" for "-" (standard
 * input), else the path itself. */
const char *cap_input_name(const char *path);

/* Short name of a status ("input error", ...). */
const char *cap_strerror(cap_status code);

/* Process exit status for a code: 0 ok, 2 usage, 3 input/model, 4 I/O or
 * output, 70 internal. */
int cap_error_exit_code(cap_status code);

#endif
