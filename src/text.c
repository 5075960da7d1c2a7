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
#include <sys/stat.h>

int cap_text_encoding_known(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

/* Offset of the first byte iconv cannot take as UTF-8, or len.  When
 * more text follows (cut nonzero), a character the end of the text cuts
 * short is not an error: *cut (when not NULL) is then its offset, the
 * end of the whole characters; else *cut = the offset returned. */
static size_t utf8_check(iconv_t cd, const char *text, size_t len, int more,
                         size_t *cut)
{
    size_t start = 0; /* ASCII needs no iconv */
    while (start < len && (unsigned char)text[start] < 0x80)
        start++;
    char *in = (char *)text + start, scratch[4096];
    size_t left = len - start;
    int incomplete = 0;
    iconv(cd, NULL, NULL, NULL, NULL);
    while (left > 0) {
        char *out = scratch;
        size_t room = sizeof scratch;
        if (iconv(cd, &in, &left, &out, &room) == (size_t)-1 && errno != E2BIG) {
            incomplete = errno == EINVAL;
            break;
        }
    }
    size_t at = len - left;
    if (cut)
        *cut = at;
    return incomplete && more ? len : at;
}

static iconv_t utf8_checker(void)
{
    iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
    if (cd == (iconv_t)-1)
        abort(); /* glibc always has both */
    return cd;
}

/* Offset of the first byte iconv cannot take as UTF-8, or len. */
static size_t utf8_invalid_at(const char *text, size_t len)
{
    iconv_t cd = utf8_checker();
    size_t at = utf8_check(cd, text, len, 0, NULL);
    iconv_close(cd);
    return at;
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

/* Where text read so far stands: lines before the current block and the
 * offset of the current line's start, counted from the start of the
 * file (or of the converted text). */
typedef struct {
    int line;          /* 1-based line at the start of the block */
    size_t at;         /* offset of the block's first byte */
    size_t line_start; /* offset of that line's first byte */
} position;

/* Moves pos past block[0, len). */
static void advance(position *pos, const char *block, size_t len)
{
    for (const char *p = block, *end = block + len;
         (p = memchr(p, '\n', (size_t)(end - p))); p++) {
        pos->line++;
        pos->line_start = pos->at + (size_t)(p - block) + 1;
    }
    pos->at += len;
}

/* Sets err for the byte at offset in block: "NAME:LINE: byte N: WHY". */
static cap_status fail_at(cap_error *err, cap_status code, const char *name,
                          position pos, const char *block, size_t offset,
                          const char *why)
{
    advance(&pos, block, offset);
    char field[48];
    snprintf(field, sizeof field, "byte %zu", pos.at - pos.line_start + 1);
    return cap_error_set(err, code, name, pos.line, field, "%s", why);
}

/* Reports the first problem of block[0, len) - whole characters - at
 * pos; CAP_OK when there is none.  *valid (when not NULL, more nonzero)
 * receives the length of the whole characters when a character is cut
 * by the block's end. */
static cap_status check_block(iconv_t cd, const char *block, size_t len,
                              int more, size_t *whole, const char *name,
                              position pos, cap_status code, cap_error *err)
{
    size_t cut, invalid = utf8_check(cd, block, len, more, &cut);
    if (whole)
        *whole = invalid == len ? cut : invalid;
    unsigned cp = 0;
    size_t control = control_at(block, invalid < cut ? invalid : cut, &cp);
    char why[96];
    if (control < cut && cp == 0)
        return fail_at(err, code, name, pos, block, control, "NUL byte (not "
                       "a text file; UTF-16 needs --encoding utf-16)");
    if (control < cut) {
        snprintf(why, sizeof why, "%s U+%04X (not allowed in text)",
                 cp >= 0xFFFE ? "noncharacter" : "control character", cp);
        return fail_at(err, code, name, pos, block, control, why);
    }
    if (invalid < len)
        return fail_at(err, code, name, pos, block, invalid, "not valid UTF-8 "
                       "(use --encoding NAME to convert, e.g. --encoding "
                       "cp1252)");
    return CAP_OK;
}

cap_status cap_text_check(const char *text, size_t len, const char *name,
                          cap_status code, cap_error *err)
{
    iconv_t cd = utf8_checker();
    position pos = {1, 0, 0};
    cap_status st = check_block(cd, text, len, 0, NULL, name, pos, code, err);
    iconv_close(cd);
    return st;
}

/* ---- reading a file as a stream of checked blocks ---- */

enum { RAW_BLOCK = 64 * 1024 };

struct cap_text_stream {
    FILE *f;
    int is_stdin, eof, started;
    char *whole;         /* standard input read whole to choose, or NULL */
    iconv_t check;       /* UTF-8 -> UTF-32LE, the validity check */
    iconv_t convert;     /* encoding -> UTF-8, or (iconv_t)-1: as it is */
    char encoding[64];
    char name[512];
    cap_status code;
    char raw[RAW_BLOCK]; /* bytes read; raw[0, kept) carried over */
    size_t kept;
    char *out;           /* converted text */
    size_t out_cap;
    size_t avail, handed; /* raw[0, avail) read, raw[0, handed) passed on */
    position raw_pos;    /* of raw[0] in the file */
    position text_pos;   /* of the next block handed out */
};

/* Reads more bytes behind the kept ones; 0 or an errno. */
static int fill(cap_text_stream *s, size_t *got)
{
    *got = 0;
    if (!s->f || s->eof) {
        s->eof = 1;
        return 0;
    }
    errno = 0;
    *got = fread(s->raw + s->kept, 1, sizeof s->raw - s->kept, s->f);
    if (ferror(s->f))
        return errno ? errno : EIO;
    s->eof = *got < sizeof s->raw - s->kept;
    return 0;
}

/* Nonzero when the file from here on is UTF-8 without a NUL byte, read
 * in blocks; the file is then rewound. */
static int clean_utf8(cap_text_stream *s)
{
    size_t kept = 0, got;
    int clean = 1;
    while (clean && !s->eof) {
        s->kept = kept;
        if (fill(s, &got) != 0)
            break; /* the read proper reports it */
        size_t n = kept + got, cut;
        clean = utf8_check(s->check, s->raw, n, !s->eof, &cut) == n &&
                !memchr(s->raw, '\0', cut);
        kept = n - cut;
        memmove(s->raw, s->raw + cut, kept);
    }
    rewind(s->f);
    s->eof = 0;
    s->kept = 0;
    return clean;
}

/* With an encoding, only a file that is not UTF-8 throughout is
 * converted: a file is scanned once first; standard input, which can be
 * read only once, is read whole for that. */
static cap_status choose(cap_text_stream *s, const char *encoding,
                         cap_error *err)
{
    struct stat st;
    if (fstat(fileno(s->f), &st) != 0 || !S_ISREG(st.st_mode)) {
        size_t cap = RAW_BLOCK, len = 0, got;
        if (!(s->whole = malloc(cap)))
            abort();
        errno = 0;
        while ((got = fread(s->whole + len, 1, cap - len, s->f)) > 0)
            if ((len += got) == cap && !(s->whole = realloc(s->whole, cap *= 2)))
                abort();
        if (ferror(s->f))
            return cap_error_set(err, CAP_ERR_IO, s->name, 0, NULL,
                                 "cannot read file: %s",
                                 strerror(errno ? errno : EIO));
        if (!s->is_stdin)
            fclose(s->f);
        s->f = NULL;
        if (len == 0) {
            s->eof = 1; /* nothing to read */
            return CAP_OK;
        }
        if (!(s->f = fmemopen(s->whole, len, "r")))
            abort();
    }
    if (clean_utf8(s))
        return CAP_OK;
    snprintf(s->encoding, sizeof s->encoding, "%s", encoding);
    s->convert = iconv_open("UTF-8", encoding);
    if (s->convert == (iconv_t)-1)
        return cap_error_set(err, s->code, s->name, 0, NULL, "not valid %s "
                             "text", encoding);
    return CAP_OK;
}
cap_text_stream *cap_text_open(const char *path, const char *encoding,
                               cap_status code, cap_error *err)
{
    cap_text_stream *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->code = code;
    s->check = utf8_checker();
    s->convert = (iconv_t)-1;
    s->raw_pos = s->text_pos = (position){1, 0, 0};
    s->is_stdin = strcmp(path, "-") == 0;
    snprintf(s->name, sizeof s->name, "%s", cap_input_name(path));
    s->f = s->is_stdin ? stdin : fopen(path, "rb");
    if (!s->f) {
        cap_error_set(err, CAP_ERR_IO, s->name, 0, NULL,
                      "cannot read file: %s", strerror(errno));
        cap_text_close(s);
        return NULL;
    }
    if (encoding && choose(s, encoding, err) != CAP_OK) {
        cap_text_close(s);
        return NULL;
    }
    return s;
}

void cap_text_close(cap_text_stream *s)
{
    if (!s)
        return;
    if (s->f && s->f != stdin)
        fclose(s->f);
    free(s->whole);
    iconv_close(s->check);
    if (s->convert != (iconv_t)-1)
        iconv_close(s->convert);
    free(s->out);
    free(s);
}

/* raw[0, n) converted into out; *used = its length, *consumed = the raw
 * bytes taken (a character cut by the block's end waits for the next). */
static cap_status convert_block(cap_text_stream *s, size_t n, size_t *used,
                                size_t *consumed, cap_error *err)
{
    char *in = s->raw;
    size_t left = n;
    *used = 0;
    if (!s->out && !(s->out = malloc(s->out_cap = 4 * sizeof s->raw)))
        abort();
    for (;;) {
        char *out = s->out + *used;
        size_t room = s->out_cap - *used;
        size_t rc = iconv(s->convert, &in, &left, &out, &room);
        *used = (size_t)(out - s->out);
        if (rc != (size_t)-1 || (errno == EINVAL && !s->eof))
            break;
        if (errno == E2BIG) {
            if (!(s->out = realloc(s->out, s->out_cap *= 2)))
                abort();
            continue;
        }
        char why[160];
        snprintf(why, sizeof why, "not valid %s text", s->encoding);
        return fail_at(err, s->code, s->name, s->raw_pos, s->raw, n - left,
                       why);
    }
    *consumed = n - left;
    return CAP_OK;
}

/* The next checked block of raw[0, n) in *text, *len; the raw bytes it
 * takes in *taken. */
static cap_status next_block(cap_text_stream *s, size_t n, const char **text,
                             size_t *len, size_t *taken, cap_error *err)
{
    if (s->convert == (iconv_t)-1) {
        CAP_TRY(check_block(s->check, s->raw, n, !s->eof, taken, s->name,
                            s->raw_pos, s->code, err));
        *text = s->raw;
        *len = *taken;
        return CAP_OK;
    }
    CAP_TRY(convert_block(s, n, len, taken, err));
    CAP_TRY(check_block(s->check, s->out, *len, 0, NULL, s->name, s->text_pos,
                        s->code, err));
    advance(&s->text_pos, s->out, *len);
    *text = s->out;
    return CAP_OK;
}

int cap_text_next(cap_text_stream *s, const char **text, size_t *len,
                  cap_error *err)
{
    for (;;) {
        /* pass the bytes handed out last time */
        advance(&s->raw_pos, s->raw, s->handed);
        s->kept = s->avail - s->handed;
        memmove(s->raw, s->raw + s->handed, s->kept);
        s->avail = s->kept;
        s->handed = 0;
        if (s->eof && s->kept == 0)
            return 0;
        size_t got;
        int failed = fill(s, &got);
        if (failed) {
            cap_error_set(err, CAP_ERR_IO, s->name, 0, NULL,
                          "cannot read file: %s", strerror(failed));
            return -1;
        }
        s->avail = s->kept + got;
        if (s->avail == 0)
            return 0;
        if (next_block(s, s->avail, text, len, &s->handed, err) != CAP_OK)
            return -1;
        if (!s->started && *len > 0) {
            s->started = 1;
            if (*len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
                *text += 3; /* a byte-order mark is no text */
                *len -= 3;
            }
        }
        if (*len > 0)
            return 1;
    }
}

char *cap_text_read(const char *path, const char *encoding, cap_status code,
                    size_t *len_out, cap_error *err)
{
    cap_text_stream *s = cap_text_open(path, encoding, code, err);
    if (!s)
        return NULL;
    size_t cap = 4096, len = 0, n;
    char *text = malloc(cap);
    const char *block;
    int rc;
    if (!text)
        abort();
    while ((rc = cap_text_next(s, &block, &n, err)) > 0) {
        while (len + n + 1 > cap)
            if (!(text = realloc(text, cap *= 2)))
                abort();
        memcpy(text + len, block, n);
        len += n;
    }
    cap_text_close(s);
    if (rc < 0) {
        free(text);
        return NULL;
    }
    text[len] = '\0';
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
