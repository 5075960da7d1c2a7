/* csvin.h - reads an RFC 4180 CSV file with libcsv.
 *
 * Accepts what CRM exports contain: quoted fields (with commas, quotes and
 * line breaks inside), a UTF-8 byte-order mark, CRLF line ends and blank
 * or all-empty trailing rows (skipped).  The file is read and checked by
 * cap_text_read first (text.h): fields are valid UTF-8 without control
 * characters.  Each record is handed to a
 * callback with the line it starts on, which is the row number a
 * spreadsheet shows when no field holds a line break.
 */
#ifndef CAP_CSVIN_H
#define CAP_CSVIN_H

#include <stddef.h>

#include "error.h"

/* A longer line is refused: six fields of at most 1024 bytes fit. */
enum { CAP_CSV_LINE_MAX = 8192 };

typedef struct {
    int line;            /* line the record starts on, 1 = first line */
    size_t count;        /* fields */
    const char **fields; /* NUL-terminated, borrowed for the call */
} cap_csv_row;

/* Called per non-blank record; a non-OK return stops the read and is
 * returned by cap_csv_read. */
typedef cap_status (*cap_csv_row_fn)(const cap_csv_row *row, void *ctx,
                                     cap_error *err);

/* Reads path ("-": standard input, named "<stdin>" in messages).  A
 * missing file is CAP_ERR_IO; text that is not UTF-8 (see cap_text_read)
 * or malformed quoting is CAP_ERR_INPUT with the line. */
cap_status cap_csv_read(const char *path, cap_csv_row_fn fn, void *ctx,
                        cap_error *err);

/* Like cap_csv_read; a file that is not UTF-8 is converted from encoding
 * (NULL: refused). */
cap_status cap_csv_read_encoded(const char *path, const char *encoding,
                                cap_csv_row_fn fn, void *ctx, cap_error *err);

#endif
