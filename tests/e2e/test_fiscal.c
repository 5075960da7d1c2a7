/* test_fiscal.c - fiscal years (SPEC section 5): quarters are 3-month
 * periods from `start`, labelled by the fiscal year (named by the calendar
 * year it ends in) when the year does not start in January, in the JSON
 * and in quarterly.xlsx; the CSV `quarter` column takes the printed label,
 * "Q3 FY2028" and the quarter's first day.  One partner of 12 basic
 * customers without growth, so every number is checked by eye.  All files
 * live in this test's own temporary folder. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "run_capplan.h"

static char dir[] = "/tmp/capplan-fiscal.XXXXXX";

/* Writes dir/name holding text. */
static void write_file(const char *name, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A portfolio with start (NULL: none) and one partner. */
static void write_portfolio(const char *name, const char *start)
{
    char text[512];
    snprintf(text, sizeof text,
             "[portfolio]\nname = Fiscal test\n%s%s%s\n"
             "[partner.acme]\nchannel = oem\ncsm = auto\n"
             "customers = basic America/New_York 12\n",
             start ? "start = " : "", start ? start : "", start ? "\n" : "");
    write_file(name, text);
}

/* A CSV giving acme 40 customers in quarter `quarter` only. */
static void write_csv(const char *name, const char *quarter)
{
    char text[256];
    snprintf(text, sizeof text,
             "partner,plan,timezone,customers,quarter\n"
             "acme,basic,America/New_York,40,%s\n", quarter);
    write_file(name, text);
}

/* capplan --no-sim --json on files in dir (ARGS a shell fragment). */
static json_t *run(const char *args)
{
    char full[1024];
    snprintf(full, sizeof full, "--no-sim -o '%s/out' %s", dir, args);
    return run_capplan_json(full);
}

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "(none)";
}

/* doc's quarters carry these labels, first days and customers. */
static void check_quarters(json_t *doc, const char *const label[4],
                           const char *const first[4], const int customers[4])
{
    json_t *qs = json_object_get(doc, "quarters");
    CHECK_INT(json_array_size(qs), 4);
    for (size_t q = 0; q < 4 && q < json_array_size(qs); q++) {
        json_t *o = json_array_get(qs, q);
        CHECK(strcmp(str(o, "quarter"), label[q]) == 0);
        CHECK(strcmp(str(o, "start"), first[q]) == 0);
        CHECK_INT(json_integer_value(json_object_get(o, "customers")),
                  customers[q]);
        if (strcmp(str(o, "quarter"), label[q]) != 0 ||
            strcmp(str(o, "start"), first[q]) != 0)
            fprintf(stderr, "  quarter %zu: %s from %s, want %s from %s\n",
                    q + 1, str(o, "quarter"), str(o, "start"), label[q],
                    first[q]);
    }
    CHECK(strcmp(str(doc, "quarter"), label[0]) == 0);
}

static const char *const feb_labels[4] = {"FY2028Q1", "FY2028Q2", "FY2028Q3",
                                          "FY2028Q4"};
static const char *const feb_firsts[4] = {"2027-02-01", "2027-05-01",
                                          "2027-08-01", "2027-11-01"};

/* start = 2027-02-01: Feb-Apr, May-Jul, Aug-Oct, Nov-Jan, FY2028. */
static void test_february(void)
{
    static const int flat[4] = {12, 12, 12, 12};
    static const int q3[4] = {12, 12, 40, 12}; /* the row's quarter only */
    write_portfolio("feb.ini", "2027-02-01");
    char args[600];
    snprintf(args, sizeof args, "'%s/feb.ini'", dir);
    json_t *doc = run(args);
    CHECK(doc != NULL);
    if (doc)
        check_quarters(doc, feb_labels, feb_firsts, flat);
    json_decref(doc);
    /* The CSV row for the third quarter, in each accepted form. */
    static const char *const forms[] = {"FY2028Q3", "Q3 FY2028", "fy2028q3",
                                        "2027-08-01"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        write_csv("feb.csv", forms[i]);
        snprintf(args, sizeof args, "'%s/feb.ini' '%s/feb.csv'", dir, dir);
        doc = run(args);
        CHECK(doc != NULL);
        if (doc)
            check_quarters(doc, feb_labels, feb_firsts, q3);
        else
            fprintf(stderr, "  quarter column \"%s\" refused\n", forms[i]);
        json_decref(doc);
    }
}

/* start = 2027-07-01: FY2028Q1 is Jul-Sep 2027, FY2028Q3 Jan-Mar 2028. */
static void test_july(void)
{
    static const char *const labels[4] = {"FY2028Q1", "FY2028Q2", "FY2028Q3",
                                          "FY2028Q4"};
    static const char *const firsts[4] = {"2027-07-01", "2027-10-01",
                                          "2028-01-01", "2028-04-01"};
    static const int flat[4] = {12, 12, 12, 12};
    write_portfolio("jul.ini", "2027-07-01");
    char args[600];
    snprintf(args, sizeof args, "'%s/jul.ini'", dir);
    json_t *doc = run(args);
    CHECK(doc != NULL);
    if (doc)
        check_quarters(doc, labels, firsts, flat);
    json_decref(doc);
}

/* A January start, and the default start (the calendar quarter after
 * --today), keep calendar labels. */
static void test_calendar(void)
{
    static const char *const labels[4] = {"2027Q1", "2027Q2", "2027Q3",
                                          "2027Q4"};
    static const char *const firsts[4] = {"2027-01-01", "2027-04-01",
                                          "2027-07-01", "2027-10-01"};
    static const char *const later[4] = {"2027Q3", "2027Q4", "2028Q1",
                                         "2028Q2"};
    static const char *const later_firsts[4] = {"2027-07-01", "2027-10-01",
                                                "2028-01-01", "2028-04-01"};
    static const int q2[4] = {12, 40, 12, 12}, flat[4] = {12, 12, 12, 12};
    write_portfolio("jan.ini", "2027-01-01");
    write_csv("jan.csv", "Q2 2027");
    char args[600];
    snprintf(args, sizeof args, "'%s/jan.ini' '%s/jan.csv'", dir, dir);
    json_t *doc = run(args);
    CHECK(doc != NULL);
    if (doc)
        check_quarters(doc, labels, firsts, q2);
    json_decref(doc);
    write_portfolio("none.ini", NULL);
    snprintf(args, sizeof args, "--today 2027-05-10 '%s/none.ini'", dir);
    doc = run(args);
    CHECK(doc != NULL);
    if (doc)
        check_quarters(doc, later, later_firsts, flat);
    json_decref(doc);
}

/* All of dir/name, or NULL. */
static char *slurp(const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = 0, cap = 1 << 16, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) + 1 == cap && !(text = realloc(text, cap *= 2)))
            abort();
    fclose(f);
    if (text)
        text[n] = '\0';
    return text;
}

/* quarterly.xlsx of the February book, read by gnumeric: the Totals rows
 * and the Quarters sheet carry the fiscal labels, the Assumptions sheet
 * says where the fiscal year starts. */
static void test_workbook(void)
{
    write_csv("feb.csv", "FY2028Q3");
    CHECK_INT(run_shell("cd '%s' && '%s' --no-sim -o out feb.ini feb.csv "
                        ">/dev/null && ssconvert -S out/quarterly.xlsx "
                        "'q_%%s.csv' >/dev/null 2>&1",
                        dir, CAPPLAN_EXE),
              0);
    char *totals = slurp("q_Totals.csv"), *quarters = slurp("q_Quarters.csv");
    char *assumptions = slurp("q_Assumptions.csv");
    CHECK(totals && quarters && assumptions);
    if (!totals || !quarters || !assumptions)
        goto done;
    static const int customers[4] = {12, 12, 40, 12};
    for (int q = 0; q < 4; q++) {
        char row[64], line[64];
        snprintf(row, sizeof row, "\n%s,%d,", feb_labels[q], customers[q]);
        CHECK(strstr(totals, row) != NULL);
        snprintf(line, sizeof line, "acme,acme,%s,%d,P-CSM,", feb_labels[q],
                 customers[q]);
        CHECK(strstr(quarters, line) != NULL);
        if (!strstr(totals, row) || !strstr(quarters, line))
            fprintf(stderr, "  no %s row in Totals or Quarters\n",
                    feb_labels[q]);
    }
    CHECK(strstr(totals, "2027Q") == NULL);
    CHECK(strstr(assumptions, "\"fiscal year starts\",\"February: FY2028 = "
                              "2027-02-01 to 2028-01-31\"") != NULL);
done:
    free(totals);
    free(quarters);
    free(assumptions);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_february();
    test_july();
    test_calendar();
    test_workbook();
    CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    return check_summary();
}
