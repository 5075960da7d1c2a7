/* error.c - formatting of cap_error messages and the exit-code table. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cap_error_clear(cap_error *err)
{
    if (!err)
        return;
    err->code = CAP_OK;
    err->message[0] = '\0';
}

static cap_status set_message(cap_error *err, cap_status code,
                              const char *where, const char *field,
                              const char *fmt, va_list ap)
{
    if (!err)
        return code;
    size_t used = 0;
    err->code = code;
    used = (size_t)snprintf(err->message, sizeof err->message, "%s", where);
    if (field && used < sizeof err->message)
        used += (size_t)snprintf(err->message + used,
                                 sizeof err->message - used, "%s: ", field);
    if (used < sizeof err->message)
        vsnprintf(err->message + used, sizeof err->message - used, fmt, ap);
    return code;
}

cap_status cap_error_set(cap_error *err, cap_status code, const char *file,
                         int line, const char *field, const char *fmt, ...)
{
    char where[512] = "";
    if (file && line > 0)
        snprintf(where, sizeof where, "%s:%d: ", file, line);
    else if (file)
        snprintf(where, sizeof where, "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    set_message(err, code, where, field, fmt, ap);
    va_end(ap);
    return code;
}

cap_status cap_error_row(cap_error *err, cap_status code, const char *file,
                         int row, const char *field, const char *fmt, ...)
{
    char where[512];
    snprintf(where, sizeof where, "%s: row %d: ", file ? file : "-", row);
    va_list ap;
    va_start(ap, fmt);
    set_message(err, code, where, field, fmt, ap);
    va_end(ap);
    return code;
}

const char *cap_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

const char *cap_strerror(cap_status code)
{
    static const char *const names[] = {
        [CAP_OK] = "ok",
        [CAP_ERR_USAGE] = "usage error",
        [CAP_ERR_IO] = "file error",
        [CAP_ERR_INPUT] = "input error",
        [CAP_ERR_MODEL] = "model error",
        [CAP_ERR_OUTPUT] = "output error",
        [CAP_ERR_INTERNAL] = "internal error",
    };
    if ((unsigned)code < sizeof names / sizeof names[0])
        return names[code];
    return "unknown error";
}

int cap_error_exit_code(cap_status code)
{
    switch (code) {
    case CAP_OK: return 0;
    case CAP_ERR_USAGE: return 2;
    case CAP_ERR_INPUT:
    case CAP_ERR_MODEL: return 3;
    case CAP_ERR_IO:
    case CAP_ERR_OUTPUT: return 4;
    default: return 70;
    }
}
