/* test_inputs.c - inputs as users have them (SPEC section 6), through the
 * real executable: a Salesforce-style export mapped by [csv], a
 * Windows-1252 CSV refused and then converted with --encoding, a name
 * cut to its limit that stays valid UTF-8 in all three workbooks, and a
 * file name in Latin-1 that reaches a workbook only as valid text.
 *
 * Everything is written below one mkdtemp folder.  The workbooks are read
 * back the way a user's tools read them: unzip for the shared strings,
 * python3's XML parser for every part, gnumeric's ssconvert for the book.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "run_capplan.h"

static const char *const books[] = {"staffing", "cost", "quarterly"};

/* The whole of path, NUL-terminated (caller frees), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) + 1 == cap)
            text = realloc(text, cap *= 2);
    fclose(f);
    if (text)
        text[n] = '\0';
    return text;
}

static void write_file(const char *dir, const char *name, const char *bytes)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fputs(bytes, f) < 0 || fclose(f) != 0)
        abort();
}

/* Runs capplan ARGS from the source folder with its stderr in dir/err;
 * returns the exit status. */
static int run(const char *dir, const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >/dev/null 2>'%s/err'",
             CAP_SOURCE_DIR, CAPPLAN_EXE, args, dir);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void check_stderr(const char *dir, const char *want)
{
    char path[512];
    snprintf(path, sizeof path, "%s/err", dir);
    char *got = slurp(path);
    CHECK_STR(got ? got : "(none)", want);
    free(got);
}

/* The shared strings of dir/sub/BOOK.xlsx (caller frees). */
static char *shared_strings(const char *dir, const char *book)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.sst", dir, book);
    if (run_shell("unzip -p '%s/%s.xlsx' xl/sharedStrings.xml >'%s'", dir,
                  book, path) != 0)
        return NULL;
    return slurp(path);
}

/* 1. The sample Salesforce-style export loads through its [csv] mapping:
 * ids lowercased, names as written (accents, a quoted comma, doubled
 * quotes), values matched loosely, zones from their labels, the three
 * columns nobody asked for listed once. */
static void check_crm_export(const char *dir)
{
    char args[512];
    snprintf(args, sizeof args, "--no-sim --deterministic -o '%s/crm' "
             "samples/crm-export.ini samples/crm-export.csv", dir);
    CHECK_INT(run(dir, args), 0);
    check_stderr(dir, "capplan: samples/crm-export.csv: ignoring columns "
                      "\"Account Owner\", \"Billing Country\", "
                      "\"Last Modified Date\"\n");
    static const char *const names[] = {
        "<t>Société Générale</t>", "<t>Smith, Jones &amp; Partners</t>",
        "<t>Müller Systemhaus GmbH</t>", "<t>The \"Northern\" Ops Co.</t>",
        "<t>0015g00000sgxa1</t>"};
    for (int b = 0; b < 3; b++) {
        char sub[512];
        snprintf(sub, sizeof sub, "%s/crm", dir);
        char *sst = shared_strings(sub, books[b]);
        CHECK(sst != NULL);
        for (size_t i = 0; sst && i < sizeof names / sizeof *names; i++)
            if (!strstr(sst, names[i])) {
                CHECK(!"name missing from the shared strings");
                fprintf(stderr, "  %s.xlsx lacks %s\n", books[b], names[i]);
            }
        free(sst);
    }
    /* Plans, channels and zones as the export wrote them, in the JSON. */
    snprintf(args, sizeof args, "--no-sim -o '%s/crm' samples/crm-export.ini "
             "samples/crm-export.csv 2>/dev/null", dir);
    json_t *doc = run_capplan_json(args);
    CHECK(doc != NULL);
    json_t *sg = doc ? find_partner(doc, "0015g00000sgxa1") : NULL;
    json_t *sj = doc ? find_partner(doc, "0015g00000mbhq7") : NULL;
    CHECK(sg && sj);
    if (sg && sj) {
        CHECK_STR(json_string_value(json_object_get(sg, "name")),
                  "Société Générale");
        CHECK_STR(json_string_value(json_object_get(sg, "channel")), "reseller");
        CHECK_STR(json_string_value(json_object_get(sj, "channel")),
                  "distributor");
        /* 14 Premium + 3 Mission Critical; 22 Basic + 6 Premium */
        CHECK_INT(json_integer_value(json_object_get(sg, "customers")), 17);
        CHECK_INT(json_integer_value(json_object_get(sj, "customers")), 28);
    }
    json_decref(doc);
}

/* 2. "Société Générale" saved as Windows-1252: é is the lone byte 0xE9,
 * which is not UTF-8.  Refused with its line and byte, nothing written;
 * then read with --encoding cp1252. */
static void check_cp1252(const char *dir)
{
    const char *line2 = "new1,oem,Soci\xE9t\xE9 G\xE9n\xE9rale,basic,"
                        "Europe/Paris,5\r\n";
    char csv[512];
    snprintf(csv, sizeof csv, "partner,channel,name,plan,timezone,customers\r\n%s",
             line2);
    write_file(dir, "cp1252.csv", csv);
    char args[1024], want[1024];
    snprintf(args, sizeof args, "--no-sim -o '%s/cp' tests/bad/csv_base.ini "
             "'%s/cp1252.csv'", dir, dir);
    CHECK_INT(run(dir, args), 3);
    /* "new1,oem,Soci" is 13 bytes: the é after it is byte 14 of line 2. */
    snprintf(want, sizeof want, "capplan: %s/cp1252.csv:2: byte 14: not valid "
             "UTF-8 (use --encoding NAME to convert, e.g. --encoding cp1252)\n",
             dir);
    check_stderr(dir, want);
    char out[512];
    snprintf(out, sizeof out, "%s/cp", dir);
    CHECK(access(out, F_OK) != 0);

    snprintf(args, sizeof args, "--no-sim --encoding cp1252 -o '%s/cp' "
             "tests/bad/csv_base.ini '%s/cp1252.csv'", dir, dir);
    CHECK_INT(run(dir, args), 0);
    check_stderr(dir, "");
    char *sst = shared_strings(out, "staffing");
    CHECK(sst && strstr(sst, "<t>Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale</t>"));
    free(sst);
}

/* 3. A name of 100 x "é" (200 bytes) is cut to the 127 bytes a name holds:
 * 63 whole "é" (126 bytes), never 63.5.  All three workbooks must open in
 * gnumeric and every XML part must parse. */
static void check_cut_name(const char *dir)
{
    char ini[1024] = "[portfolio]\nstart = 2027-01-01\n\n[partner.acme]\nname = ";
    for (int i = 0; i < 100; i++)
        strcat(ini, "\xC3\xA9");
    strcat(ini, "\nchannel = oem\ncustomers = basic Europe/Paris 5\n");
    write_file(dir, "long.ini", ini);
    char args[1024];
    snprintf(args, sizeof args, "--no-sim --deterministic -o '%s/long' "
             "'%s/long.ini'", dir, dir);
    CHECK_INT(run(dir, args), 0);
    char want[300] = "<t>", *p = want + 3;
    for (int i = 0; i < 63; i++, p += 2)
        memcpy(p, "\xC3\xA9", 2);
    strcpy(p, "</t>");
    for (int b = 0; b < 3; b++) {
        char sub[512];
        snprintf(sub, sizeof sub, "%s/long", dir);
        char *sst = shared_strings(sub, books[b]);
        CHECK(sst && strstr(sst, want));
        free(sst);
        CHECK_INT(run_shell("cd '%s' && mkdir %s.x && cd %s.x && unzip -q "
                            "../%s.xlsx && python3 -c 'import glob, "
                            "xml.dom.minidom as m; parts = glob.glob(\"**/*.xml\", "
                            "recursive=True) + glob.glob(\"**/*.rels\", "
                            "recursive=True); [m.parse(f) for f in parts]; "
                            "assert len(parts) > 5'",
                            sub, books[b], books[b], books[b]), 0);
        CHECK_INT(run_shell("cd '%s' && ssconvert %s.xlsx %s.csv "
                            ">/dev/null 2>&1", sub, books[b], books[b]), 0);
    }
}

/* 4. A file name is not checked text: a portfolio saved as
 * "Soci\xE9t\xE9.ini" (a Latin-1 name) is named on the Assumptions sheet
 * with '?' for its bad bytes, and the workbook's XML still parses. */
static void check_latin1_file_name(const char *dir)
{
    char args[1024];
    CHECK_INT(run_shell("cp '%s/samples/sales-deal.ini' '%s/Soci\xE9t\xE9.ini'",
                        CAP_SOURCE_DIR, dir), 0);
    snprintf(args, sizeof args, "--no-sim -o '%s/latin1' '%s/Soci\xE9t\xE9.ini'",
             dir, dir);
    CHECK_INT(run(dir, args), 0);
    char sub[512];
    snprintf(sub, sizeof sub, "%s/latin1", dir);
    char *sst = shared_strings(sub, "staffing");
    CHECK(sst && strstr(sst, "/Soci?t?.ini</t>"));
    free(sst);
    CHECK_INT(run_shell("cd '%s' && unzip -p staffing.xlsx xl/sharedStrings.xml "
                        "| python3 -c 'import sys, xml.dom.minidom as m; "
                        "m.parseString(sys.stdin.buffer.read())'", sub), 0);
}

/* 5. A name given as a flag is not read from a checked file: capplan size
 * refuses a Latin-1 --name instead of writing it into quote.xlsx. */
static void check_flag_name(const char *dir)
{
    char args[1024];
    snprintf(args, sizeof args, "size --channel oem --customers 'basic UTC 5' "
             "--no-sim -o '%s/flag' --name \"$(printf 'Soci\\351t\\351')\"",
             dir);
    CHECK_INT(run(dir, args), 3);
    check_stderr(dir, "capplan: --name: not valid UTF-8 text, or holds a "
                      "control character\n");
}

int main(void)
{
    char dir[] = "/tmp/capplan-inputs-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    check_crm_export(dir);
    check_cp1252(dir);
    check_cut_name(dir);
    check_latin1_file_name(dir);
    check_flag_name(dir);
    if (getenv("CAP_KEEP_TEST_FILES"))
        printf("kept %s\n", dir);
    else
        CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    return check_summary();
}
