/* test_ini_index.c - the INI loader's index (ini.h, strmap.h) on books too
 * big for one iniparser chunk: every section, key and token keeps its own
 * line, values come from the right chunk, errors in a late chunk name
 * their line in the whole file.  Lines are counted by hand from the
 * layout written below. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ini.h"
#include "strmap.h"

/* 100 sections of 5 lines each after a 2-line [portfolio]:
 *   line 1 [portfolio]   line 2 name = big
 *   section i (0-based) starts at line 3 + 5i:
 *     [partner.pI]  channel = oem  customers = basic UTC I, \  premium UTC 1
 *     (blank line) */
static char *book(int sections)
{
    size_t cap = 200 + (size_t)sections * 120, used = 0;
    char *text = malloc(cap);
    if (!text)
        abort();
    used += (size_t)snprintf(text, cap, "[portfolio]\nname = big\n");
    for (int i = 0; i < sections; i++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "[partner.p%d]\nchannel = oem\ncustomers = "
                                 "basic UTC %d, \\\n  premium UTC 1\n\n", i, i);
    return text;
}

static void test_lines_across_chunks(void)
{
    cap_error err;
    char *text = book(100);
    cap_ini *ini = cap_ini_load_text(text, "b.ini", CAP_ERR_INPUT, &err);
    CHECK(ini != NULL);
    if (!ini)
        return;
    CHECK_INT(cap_ini_section_count(ini), 101);
    CHECK_STR(cap_ini_section(ini, 0), "portfolio");
    CHECK_STR(cap_ini_section(ini, 78), "partner.p77");
    CHECK_INT(cap_ini_section_line(ini, "partner.p77"), 3 + 5 * 77);
    CHECK_INT(cap_ini_key_line(ini, "partner.p77", "channel"), 4 + 5 * 77);
    CHECK_INT(cap_ini_key_line(ini, "partner.p77", "customers"), 5 + 5 * 77);
    /* the token on the continued line */
    CHECK_INT(cap_ini_token_line(ini, "partner.p77", "customers", "premium"),
              6 + 5 * 77);
    /* an absent key falls back to its section's line */
    CHECK_INT(cap_ini_key_line(ini, "partner.p99", "csm"), 3 + 5 * 99);
    CHECK_INT(cap_ini_section_line(ini, "partner.p100"), 0);
    CHECK_STR(cap_ini_get(ini, "partner.p99", "customers"),
              "basic UTC 99,   premium UTC 1");
    CHECK_STR(cap_ini_get(ini, "portfolio", "name"), "big");
    CHECK(cap_ini_get(ini, "partner.p99", "csm") == NULL);
    const char **keys;
    CHECK_INT(cap_ini_keys(ini, "partner.p64", &keys), 2);
    free(keys);
    CHECK_INT(cap_ini_check_duplicates(ini, CAP_ERR_INPUT, &err), CAP_OK);
    cap_ini_free(ini);
    free(text);
}

static void test_errors_in_late_chunks(void)
{
    cap_error err;
    char *text = book(100);
    /* section 90's channel line loses its '=': line 4 + 5 * 90 */
    char *at = strstr(text, "[partner.p90]\nchannel =");
    at[strlen("[partner.p90]\nchannel ")] = ' ';
    CHECK(cap_ini_load_text(text, "b.ini", CAP_ERR_INPUT, &err) == NULL);
    CHECK_STR(err.message, "b.ini:454: cannot parse this line: \"channel   oem\"");
    free(text);
    /* section 80 given again after section 99 (line 503), key twice */
    text = book(100);
    size_t n = strlen(text);
    char *more = malloc(n + 64);
    snprintf(more, n + 64, "%s[partner.p80]\nchannel = msp\n", text);
    cap_ini *ini = cap_ini_load_text(more, "b.ini", CAP_ERR_INPUT, &err);
    CHECK_INT(cap_ini_check_duplicates(ini, CAP_ERR_INPUT, &err), CAP_ERR_INPUT);
    CHECK_STR(err.message, "b.ini:503: [partner.p80]: duplicate section "
              "(first at line 403)");
    cap_ini_free(ini);
    snprintf(more, n + 64, "%schannel = msp\n", text);
    ini = cap_ini_load_text(more, "b.ini", CAP_ERR_INPUT, &err);
    CHECK_INT(cap_ini_check_duplicates(ini, CAP_ERR_INPUT, &err), CAP_ERR_INPUT);
    CHECK_STR(err.message, "b.ini:503: partner.p99:channel: duplicate key "
              "(first at line 499)");
    cap_ini_free(ini);
    free(more);
    free(text);
}

/* A header inside a continued value is part of the value, as iniparser
 * reads it: no section, no cut of the text there. */
static void test_continued_header(void)
{
    cap_error err;
    cap_ini *ini = cap_ini_load_text("[a]\nx = 1 \\\n[b]\ny = 2\n", "c.ini",
                                     CAP_ERR_INPUT, &err);
    CHECK(ini != NULL);
    if (!ini)
        return;
    CHECK_INT(cap_ini_section_count(ini), 1);
    CHECK_STR(cap_ini_get(ini, "a", "x"), "1 [b]");
    CHECK_INT(cap_ini_key_line(ini, "a", "y"), 4);
    cap_ini_free(ini);
}

/* Keys alike in their first 8 bytes (glibc hashes only those) and more
 * keys than the first table holds. */
static void test_strmap(void)
{
    cap_strmap *m = cap_strmap_new(4);
    char key[64];
    int added = 0;
    for (size_t i = 0; i < 50000; i++) {
        snprintf(key, sizeof key, "partner.p%07zu" CAP_STRMAP_SEP "csm", i);
        added += cap_strmap_add(m, key, i * 3, NULL);
    }
    CHECK_INT(added, 50000);
    CHECK_INT(cap_strmap_count(m), 50000);
    size_t v = 0, stored = 0;
    CHECK(cap_strmap_find(m, "partner.p0031415" CAP_STRMAP_SEP "csm", &v));
    CHECK_INT(v, 31415 * 3);
    CHECK(!cap_strmap_find(m, "partner.p0031415", &v));
    CHECK_INT(cap_strmap_add(m, "partner.p0000007" CAP_STRMAP_SEP "csm", 1, &stored), 0);
    CHECK_INT(stored, 21);
    cap_strmap_free(m);
}

int main(void)
{
    test_lines_across_chunks();
    test_errors_in_late_chunks();
    test_continued_header();
    test_strmap();
    return check_summary();
}
