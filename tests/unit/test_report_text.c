/* test_report_text.c - the terminal summary's money and text cells, by
 * hand. */
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "report.h"

static void money(double amount, const char *currency, const char *want)
{
    char out[64];
    cap_money_whole(amount, currency, out, sizeof out);
    CHECK_STR(out, want);
}

static void test_money(void)
{
    money(1742967, "USD", "USD 1,742,967");
    money(1742966.5, "USD", "USD 1,742,967"); /* half away from zero */
    money(0, "USD", "USD 0");
    money(-0.4, "USD", "USD 0");              /* no "-0" */
    money(999, "USD", "USD 999");
    money(1000, "USD", "USD 1,000");
    money(999.5, "USD", "USD 1,000");
    money(100000, "EUR", "EUR 100,000");
    money(-1234.5, "USD", "USD -1,235");
    money(23838280, "", "23,838,280");
}

/* Whether text is valid UTF-8 (mbstowcs under C.UTF-8 says so). */
static int valid_utf8(const char *text)
{
    locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    locale_t before = uselocale(utf8);
    size_t n = mbstowcs(NULL, text, 0);
    uselocale(before);
    freelocale(utf8);
    return n != (size_t)-1;
}

static size_t characters(const char *text)
{
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        n += (*c & 0xC0) != 0x80;
    return n;
}

static void test_cut(void)
{
    char name[128], out[256];
    name[0] = '\0';
    for (int i = 0; i < 30; i++)
        strcat(name, "\xC3\xA9"); /* é x 30: 60 bytes, 30 columns */
    /* cut to 20 columns: 19 x é and "..." (U+2026): 20 characters */
    CHECK_INT(cap_text_fit(name, 20, 0, out, sizeof out), 20);
    CHECK_INT(characters(out), 20);
    CHECK_INT(strlen(out), 19 * 2 + 3);
    CHECK(valid_utf8(out));
    CHECK(strcmp(out + 38, "\xE2\x80\xA6") == 0);
    /* fits: unchanged; padded to the width when asked */
    CHECK_INT(cap_text_fit("abc", 6, 1, out, sizeof out), 6);
    CHECK_STR(out, "abc   ");
    CHECK_INT(cap_text_fit("abc", 3, 0, out, sizeof out), 3);
    CHECK_STR(out, "abc");
    /* wide characters count 2 columns: 日 and "..." in 4, padded */
    CHECK_INT(cap_text_fit("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, 1, out,
                           sizeof out), 4);
    CHECK_STR(out, "\xE6\x97\xA5\xE2\x80\xA6 ");
    /* a lone byte of "é" is never copied */
    CHECK_INT(cap_text_fit("a\xC3", 5, 0, out, sizeof out), 2);
    CHECK_STR(out, "a?");
    /* a buffer too small cuts on a character boundary too */
    CHECK_INT(cap_text_fit(name, 30, 0, out, 6), 2);
    CHECK(valid_utf8(out));
    CHECK_INT(strlen(out), 4);
}

int main(void)
{
    test_money();
    test_cut();
    return check_summary();
}
