/* text.h - input text as capplan accepts it: UTF-8, no NUL, no control
 * characters (SPEC section 6).
 *
 * Every input file is read by cap_text_read (portfolio INI, model INI:
 * whole) or cap_text_open (customers CSV: block by block), which hand the
 * parsers text that can go into an XML
 * workbook part and a JSON string as it is: valid UTF-8 without C0 control
 * characters other than tab, LF and CR, without DEL, C1 controls
 * (U+0080-U+009F, what cp1252 bytes become when read as Latin-1) and the
 * noncharacters U+FFFE/U+FFFF.  A file in another encoding is converted
 * with iconv when the caller names one (--encoding), otherwise refused with
 * its line and byte.  Names cut to a fixed buffer go through cap_text_copy,
 * which never splits a UTF-8 sequence.
 */
#ifndef CAP_TEXT_H
#define CAP_TEXT_H

#include <stddef.h>

#include "error.h"

/* Nonzero when iconv can convert from the encoding called name to UTF-8
 * ("cp1252", "latin1", "utf-16", ...: the names of `iconv -l`). */
int cap_text_encoding_known(const char *name);

/* Reads the file at path ("-": standard input, "<stdin>" in messages)
 * and returns its text, NUL-terminated, without a
 * leading byte-order mark; *len (when not NULL) is its length.  A file that
 * is valid UTF-8 without NUL bytes is taken as it is, whatever encoding
 * says, so a UTF-8 (or ASCII) file beside a cp1252 one needs no care; any
 * other file is converted from encoding, or refused when encoding is NULL:
 *   FILE:LINE: byte N: not valid UTF-8 (...)     CAP_ERR_INPUT
 *   FILE:LINE: byte N: NUL byte (...)            CAP_ERR_INPUT
 *   FILE:LINE: byte N: not valid ENCODING text   CAP_ERR_INPUT
 *   FILE:LINE: byte N: control character U+XXXX  CAP_ERR_INPUT
 * where LINE counts from 1 and byte N from 1 at the start of that line, in
 * the file as stored (for a control character found after a conversion,
 * in the converted UTF-8 line).  code replaces CAP_ERR_INPUT (the model
 * passes CAP_ERR_MODEL).  An unreadable file is CAP_ERR_IO.  Returns NULL
 * on error; the caller owns the text: free(). */
char *cap_text_read(const char *path, const char *encoding, cap_status code,
                    size_t *len, cap_error *err);

/* The same file read as a stream of checked blocks, so a big input is
 * never held whole: every block is whole characters of text as above (the
 * byte-order mark dropped), with the same messages, lines and bytes.  An
 * error in a later block is found when that block is read.  With an
 * encoding the file must be read twice (the choice between as-is and
 * converted needs all of it): a regular file is scanned once first,
 * anything else (standard input, a pipe) is read whole into memory. */
typedef struct cap_text_stream cap_text_stream;

/* Opens path ("-": standard input); NULL and err (CAP_ERR_IO) when it
 * cannot be opened.  Caller owns it: cap_text_close(). */
cap_text_stream *cap_text_open(const char *path, const char *encoding,
                               cap_status code, cap_error *err);

/* The next block in *text (valid until the next call), *len bytes, not
 * NUL-terminated: 1; 0 at the end; -1 with err set (bad text: code, a
 * failed read: CAP_ERR_IO). */
int cap_text_next(cap_text_stream *s, const char **text, size_t *len,
                  cap_error *err);

void cap_text_close(cap_text_stream *s);

/* Checks text already in memory the same way (no conversion); name is used
 * in messages.  CAP_OK or code. */
cap_status cap_text_check(const char *text, size_t len, const char *name,
                          cap_status code, cap_error *err);

/* Copies src into dst (capacity cap >= 1), cutting it at the last whole
 * UTF-8 character that fits.  Returns nonzero when src was cut. */
int cap_text_copy(char *dst, size_t cap, const char *src);

/* Nonzero when s holds only what cap_text_check allows (valid UTF-8, no
 * control characters): for text that did not come from a checked file,
 * such as a command-line flag. */
int cap_text_valid(const char *s);

/* Replaces, in place, every byte that is not part of an allowed UTF-8
 * character (as cap_text_check allows them) by '?', so text that did not
 * come through cap_text_read, such as a file name shown in a workbook, can
 * still go into XML and JSON. */
void cap_text_sanitize(char *s);

/* Length in bytes of the first n bytes of s cut back to a character
 * boundary (n when s[n] starts a character or ends s). */
size_t cap_text_boundary(const char *s, size_t n);

/* Removes leading and trailing white space from s, in place. */
void cap_text_trim(char *s);

#endif
