/* test_text.c - input text checks and conversion (text.h): which bytes are
 * refused, at which line and byte, and what --encoding turns them into.
 * Files are written below one mkdtemp folder. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "text.h"

static char dir[] = "/tmp/capplan-text-XXXXXX";

static const char *write_file(const char *name, const char *bytes, size_t len)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0)
        abort();
    return path;
}

/* text (len bytes) must be refused with exactly "t:LINE: byte N: why". */
static void check_refused(const char *text, size_t len, const char *want)
{
    cap_error err;
    CHECK_INT(cap_text_check(text, len, "t", CAP_ERR_INPUT, &err), CAP_ERR_INPUT);
    CHECK_STR(err.message, want);
}

static void test_check(void)
{
    cap_error err;
    const char ok[] = "\xEF\xBB\xBFname\t= Soci\xC3\xA9t\xC3\xA9\r\n\xE2\x82\xAC 5\n";
    CHECK_INT(cap_text_check(ok, sizeof ok - 1, "t", CAP_ERR_INPUT, &err), CAP_OK);
    /* lone cp1252 é: line 2, after "ab" */
    check_refused("x\nab\xE9z", 5, "t:2: byte 3: not valid UTF-8 (use --encoding "
                  "NAME to convert, e.g. --encoding cp1252)");
    /* overlong "/", a UTF-16 surrogate, U+110000, a cut sequence */
    check_refused("\xC0\xAF", 2, "t:1: byte 1: not valid UTF-8 (use --encoding "
                  "NAME to convert, e.g. --encoding cp1252)");
    check_refused("a\xED\xA0\x80", 4, "t:1: byte 2: not valid UTF-8 (use "
                  "--encoding NAME to convert, e.g. --encoding cp1252)");
    check_refused("ab\xF4\x90\x80\x80", 6, "t:1: byte 3: not valid UTF-8 (use "
                  "--encoding NAME to convert, e.g. --encoding cp1252)");
    check_refused("abc\xE2\x82", 5, "t:1: byte 4: not valid UTF-8 (use "
                  "--encoding NAME to convert, e.g. --encoding cp1252)");
    check_refused("a\n\nb\0c", 6, "t:3: byte 2: NUL byte (not a text file; "
                  "UTF-16 needs --encoding utf-16)");
    check_refused("bell\a", 5, "t:1: byte 5: control character U+0007 (not "
                  "allowed in text)");
    check_refused("del\x7F", 4, "t:1: byte 4: control character U+007F (not "
                  "allowed in text)");
    /* what cp1252's euro sign (0x80) becomes when read as Latin-1 */
    check_refused("\xC2\x80", 2, "t:1: byte 1: control character U+0080 (not "
                  "allowed in text)");
    check_refused("x\xEF\xBF\xBF", 4, "t:1: byte 2: noncharacter U+FFFF (not "
                  "allowed in text)");
    /* the earlier of two problems is the one reported */
    check_refused("\a\xE9", 2, "t:1: byte 1: control character U+0007 (not "
                  "allowed in text)");
}

static void test_read(void)
{
    cap_error err;
    size_t len = 0;
    const char cp1252[] = "name = Soci\xE9t\xE9 \x80\n";
    const char *path = write_file("cp.ini", cp1252, sizeof cp1252 - 1);
    CHECK(cap_text_read(path, NULL, CAP_ERR_INPUT, &len, &err) == NULL);
    char want[256];
    snprintf(want, sizeof want, "%s:1: byte 12: not valid UTF-8 (use "
             "--encoding NAME to convert, e.g. --encoding cp1252)", path);
    CHECK_STR(err.message, want);
    CHECK_INT(err.code, CAP_ERR_INPUT);
    char *text = cap_text_read(path, "cp1252", CAP_ERR_INPUT, &len, &err);
    CHECK_STR(text ? text : "", "name = Soci\xC3\xA9t\xC3\xA9 \xE2\x82\xAC\n");
    CHECK_INT(len, 21);
    free(text);
    /* 0x81 has no character in cp1252: refused where it stands */
    path = write_file("hole.csv", "a\nb\x81", 4);
    CHECK(cap_text_read(path, "cp1252", CAP_ERR_MODEL, NULL, &err) == NULL);
    snprintf(want, sizeof want, "%s:2: byte 2: not valid cp1252 text", path);
    CHECK_STR(err.message, want);
    CHECK_INT(err.code, CAP_ERR_MODEL);
    /* UTF-8 beside a cp1252 file is read as it is, not converted twice;
     * its BOM is dropped */
    path = write_file("u8.csv", "\xEF\xBB\xBFSoci\xC3\xA9t\xC3\xA9", 12);
    text = cap_text_read(path, "cp1252", CAP_ERR_INPUT, &len, &err);
    CHECK_STR(text ? text : "", "Soci\xC3\xA9t\xC3\xA9");
    CHECK_INT(len, 9);
    free(text);
    /* UTF-16 (NUL bytes) converts when named */
    path = write_file("u16.csv", "\xFF\xFE" "a\0\xE9\0\n\0", 8);
    text = cap_text_read(path, "utf-16", CAP_ERR_INPUT, &len, &err);
    CHECK_STR(text ? text : "", "a\xC3\xA9\n");
    free(text);
    CHECK(cap_text_read("/nonexistent/x.csv", NULL, CAP_ERR_INPUT, NULL,
                        &err) == NULL);
    CHECK_INT(err.code, CAP_ERR_IO);
    CHECK(cap_text_encoding_known("cp1252") && cap_text_encoding_known("LATIN1"));
    CHECK(!cap_text_encoding_known("klingon"));
}

/* The stream hands out blocks of whole characters (64 KiB of file each):
 * a character cut by a block's end goes whole into the next block, and a
 * bad byte in a later block has its line and byte in the whole file. */
static void test_stream(void)
{
    enum { N = 70000 };
    static char big[N + 16];
    memset(big, 'a', N);
    /* "é" (C3 A9) across the first block's end at 65536; a newline
     * every 1000 bytes: line 71 starts at offset 70000 */
    big[65535] = '\xC3';
    big[65536] = '\xA9';
    for (int i = 999; i < N; i += 1000)
        big[i] = '\n';
    memcpy(big + N, "xy\xE9z\n", 5);
    const char *path = write_file("big.csv", big, N); /* to a newline */
    cap_error err;
    cap_text_stream *s = cap_text_open(path, NULL, CAP_ERR_INPUT, &err);
    CHECK(s != NULL);
    const char *block;
    size_t len, total = 0, blocks = 0;
    int rc, whole = 1;
    while (s && (rc = cap_text_next(s, &block, &len, &err)) > 0) {
        whole &= ((unsigned char)block[len - 1] & 0xC0) != 0xC0;
        total += len;
        blocks++;
    }
    CHECK_INT(total, N);
    CHECK_INT(blocks, 2);
    CHECK(whole);
    cap_text_close(s);
    /* cp1252 "é" (E9) is byte 3 of line 71, in the second block */
    path = write_file("late.csv", big, N + 5);
    CHECK(cap_text_read(path, NULL, CAP_ERR_INPUT, NULL, &err) == NULL);
    char want[256];
    snprintf(want, sizeof want, "%s:71: byte 3: not valid UTF-8 (use "
             "--encoding NAME to convert, e.g. --encoding cp1252)", path);
    CHECK_STR(err.message, want);
    /* with --encoding the whole file converts (its first 64 KiB alone
     * would pass as UTF-8): "é" read as cp1252 is 2 characters */
    size_t n = 0;
    char *text = cap_text_read(path, "cp1252", CAP_ERR_INPUT, &n, &err);
    CHECK(text != NULL);
    CHECK_INT(n, N + 5 + 2 + 1); /* C3 A9 -> C3 83 C2 A9, E9 -> C3 A9 */
    free(text);
}

static void test_copy(void)
{
    char buf[8];
    /* "aé€" is 1 + 2 + 3 bytes */
    CHECK_INT(cap_text_copy(buf, sizeof buf, "a\xC3\xA9\xE2\x82\xAC"), 0);
    CHECK_STR(buf, "a\xC3\xA9\xE2\x82\xAC");
    CHECK_INT(cap_text_copy(buf, 6, "a\xC3\xA9\xE2\x82\xAC"), 1);
    CHECK_STR(buf, "a\xC3\xA9"); /* 5 bytes fit, the euro sign does not */
    CHECK_INT(cap_text_copy(buf, 3, "\xC3\xA9\xC3\xA9"), 1);
    CHECK_STR(buf, "\xC3\xA9");
    CHECK_INT(cap_text_copy(buf, 2, "\xC3\xA9"), 1);
    CHECK_STR(buf, "");
    /* a file name as the OS gives it: Latin-1 é, a control, a C1 control,
     * and a valid é that stays */
    char name[] = "a\xE9" "b\x01" "c\xC2\x85" "d\xC3\xA9";
    cap_text_sanitize(name);
    CHECK_STR(name, "a?b?c??d\xC3\xA9");
    CHECK_INT(cap_text_boundary("\xF0\x9F\x98\x80x", 3), 0);
    CHECK_INT(cap_text_boundary("\xF0\x9F\x98\x80x", 4), 4);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_check();
    test_read();
    test_stream();
    test_copy();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    return check_summary();
}
