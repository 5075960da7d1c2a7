/* text.c - reads input files as checked UTF-8, converting with iconv.
 *
 * Validation is iconv's too: UTF-8 -> UTF-32LE refuses every ill-formed
 * sequence (overlong forms, surrogates, code points above U+10FFFF, cut
 * sequences), where glibc's UTF-8 -> UTF-8 lets U+110000 through.  The
 * characters XML refuses are then found by their bytes, which in valid
 * UTF-8 is exact.
 */
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cap_text_encoding_known(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

/* Offset of the first byte iconv cannot take as UTF-8, or len. */
static size_t utf8_invalid_at(const char *text, size_t len)
{
    iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
    if (cd == (iconv_t)-1)
        abort(); /* glibc always has both */
    char *in = (char *)text, scratch[4096];
    size_t left = len;
    while (left > 0) {
        char *out = scratch;
        size_t room = sizeof scratch;
        if (iconv(cd, &in, &left, &out, &room) == (size_t)-1 && errno != E2BIG)
            break;
    }
    iconv_close(cd);
    return len - left;
}

/* Offset of the first character XML cannot hold in text[0, len) (valid
 * UTF-8), or len; *code is its code point. */
static size_t control_at(const char *text, size_t len, unsigned *code)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = s[i];
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
            *code = b;
            return i;
        }
        if (b == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
            *code = s[i + 1]; /* C1 control U+0080..U+009F */
            return i;
        }
        if (b == 0xEF && i + 2 < len && s[i + 1] == 0xBF &&
            (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
            *code = 0xFFC0u | (s[i + 2] & 0x3Fu); /* U+FFFE, U+FFFF */
            return i;
        }
    }
    return len;
}

/* Sets err for the byte at offset in text: "NAME:LINE: byte N: WHY". */
static cap_status fail_at(cap_error *err, cap_status code, const char *name,
                          const char *text, size_t offset, const char *why)
{
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++)
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    char field[48];
    snprintf(field, sizeof field, "byte %zu", offset - line_start + 1);
    return cap_error_set(err, code, name, line, field, "%s", why);
}

/* Reports the first problem of text; CAP_OK when there is none. */
static cap_status check(const char *text, size_t len, const char *name,
                        cap_status code, cap_error *err)
{
    size_t invalid = utf8_invalid_at(text, len);
    unsigned cp = 0;
    size_t control = control_at(text, invalid, &cp);
    char why[96];
    if (control < invalid && cp == 0)
        return fail_at(err, code, name, text, control, "NUL byte (not a text "
                       "file; UTF-16 needs --encoding utf-16)");
    if (control < invalid) {
        snprintf(why, sizeof why, "%s U+%04X (not allowed in text)",
                 cp >= 0xFFFE ? "noncharacter" : "control character", cp);
        return fail_at(err, code, name, text, control, why);
    }
    if (invalid < len)
        return fail_at(err, code, name, text, invalid, "not valid UTF-8 (use "
                       "--encoding NAME to convert, e.g. --encoding cp1252)");
    return CAP_OK;
}

cap_status cap_text_check(const char *text, size_t len, const char *name,
                          cap_status code, cap_error *err)
{
    return check(text, len, name, code, err);
}

/* The whole file ("-": standard input, which can be read only once),
 * NUL-terminated; NULL (errno set) when unreadable. */
static char *slurp(const char *path, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    errno = 0;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    if (!buf)
        abort();
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) + 1 == cap && !(buf = realloc(buf, cap *= 2)))
            abort();
    int failed = ferror(f) ? (errno ? errno : EIO) : 0;
    if (!is_stdin)
        fclose(f);
    if (failed) {
        free(buf);
        errno = failed;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* raw[0, len) converted from encoding to UTF-8 (NUL-terminated), or NULL
 * and *bad = the offset iconv stopped at. */
static char *convert(const char *raw, size_t len, const char *encoding,
                     size_t *out_len, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    *bad = 0;
    if (cd == (iconv_t)-1)
        return NULL;
    /* UTF-8 is stateless, so no final flush call is needed. */
    size_t cap = len * 2 + 16, used = 0, left = len;
    char *buf = malloc(cap), *in = (char *)raw;
    if (!buf)
        abort();
    while (buf) {
        char *out = buf + used;
        size_t room = cap - used - 1;
        size_t rc = iconv(cd, &in, &left, &out, &room);
        used = (size_t)(out - buf);
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG) {
            if (!(buf = realloc(buf, cap *= 2)))
                abort();
            continue;
        }
        *bad = len - left;
        free(buf);
        buf = NULL;
    }
    iconv_close(cd);
    if (buf) {
        buf[used] = '\0';
        *out_len = used;
    }
    return buf;
}

static void drop_bom(char *text, size_t *len)
{
    if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, *len - 2); /* with the NUL */
        *len -= 3;
    }
}

char *cap_text_read(const char *path, const char *encoding, cap_status code,
                    size_t *len_out, cap_error *err)
{
    size_t len = 0;
    char *raw = slurp(path, &len);
    path = cap_input_name(path);
    if (!raw) {
        cap_error_set(err, CAP_ERR_IO, path, 0, NULL, "cannot read file: %s",
                      strerror(errno));
        return NULL;
    }
    int clean = utf8_invalid_at(raw, len) == len && !memchr(raw, '\0', len);
    char *text = raw;
    if (!clean && encoding) {
        size_t bad = 0;
        text = convert(raw, len, encoding, &len, &bad);
        if (!text) {
            char why[160];
            snprintf(why, sizeof why, "not valid %s text", encoding);
            fail_at(err, code, path, raw, bad, why);
            free(raw);
            return NULL;
        }
        free(raw);
    }
    if (check(text, len, path, code, err) != CAP_OK) {
        free(text);
        return NULL;
    }
    drop_bom(text, &len);
    if (len_out)
        *len_out = len;
    return text;
}

int cap_text_valid(const char *s)
{
    size_t len = strlen(s);
    unsigned cp;
    return utf8_invalid_at(s, len) == len && control_at(s, len, &cp) == len;
}

void cap_text_sanitize(char *s)
{
    size_t len = strlen(s), at = 0;
    for (;;) {
        size_t invalid = at + utf8_invalid_at(s + at, len - at);
        unsigned cp;
        size_t control = at + control_at(s + at, invalid - at, &cp);
        size_t bad = control < invalid ? control : invalid;
        if (bad >= len)
            return;
        s[bad] = '?'; /* a multi-byte character's tail follows on later turns */
        at = bad + 1;
    }
}

size_t cap_text_boundary(const char *s, size_t n)
{
    /* Step back over continuation bytes (10xxxxxx) to a lead byte. */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int cap_text_copy(char *dst, size_t cap, const char *src)
{
    size_t len = strlen(src), n = len < cap ? len : cap - 1;
    n = cap_text_boundary(src, n);
    memmove(dst, src, n);
    dst[n] = '\0';
    return n < len;
}

void cap_text_trim(char *s)
{
    size_t n = strlen(s), start = 0;
    while (start < n && isspace((unsigned char)s[start]))
        start++;
    while (n > start && isspace((unsigned char)s[n - 1]))
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
}
