/* test_big_book.c - a book past the old Coverage layout's limit (168 rows
 * a team passed 1,048,576 rows at 6,242 teams) now fits: 6,500 partners,
 * each with one P-CSM team and one billed line, rules only.  The sheets'
 * sizes are read from the xlsx XML (each sheet's <dimension> and its
 * <row> elements) and compared with counts worked out by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "run_capplan.h"

enum { PARTNERS = 6500, QUARTERS = 4 };

/* The output of the shell command fmt... (caller frees). */
static char *shell_text(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t n = 0, cap = 1 << 16, got;
    char *text = malloc(cap);
    while (p && text && (got = fread(text + n, 1, cap - n - 1, p)) > 0)
        if ((n += got) + 1 == cap)
            text = realloc(text, cap *= 2);
    if (p)
        pclose(p);
    if (text)
        text[n] = '\0';
    return text;
}

/* The part name of sheet `name` in book: sheets are numbered in the
 * order xl/workbook.xml lists them. */
static int sheet_number(const char *book, const char *name)
{
    char cmd[1024], want[96];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/workbook.xml", book);
    snprintf(want, sizeof want, "<sheet name=\"%s\"", name);
    char *xml = shell_text(cmd), *at = xml;
    int k = 0, found = 0;
    while (at && !found && (at = strstr(at, "<sheet name=\"")) != NULL) {
        k++;
        found = strncmp(at, want, strlen(want)) == 0;
        at++;
    }
    free(xml);
    return found ? k : 0;
}

/* The sheet's dimension ("A1:FQ6501") and its count of <row> elements. */
static void check_sheet(const char *dir, const char *book, const char *name,
                        const char *dimension, long rows)
{
    char path[512], cmd[1024], want[64];
    snprintf(path, sizeof path, "%s/%s", dir, book);
    int k = sheet_number(path, name);
    CHECK(k > 0);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet%d.xml | "
             "grep -o '<dimension ref=\"[^\"]*\"'", path, k);
    char *got = shell_text(cmd);
    snprintf(want, sizeof want, "<dimension ref=\"%s\"\n", dimension);
    CHECK_STR(got ? got : "", want);
    free(got);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet%d.xml | "
             "grep -o '<row ' | wc -l", path, k);
    got = shell_text(cmd);
    CHECK_INT(got ? atol(got) : -1, rows);
    free(got);
}

int main(void)
{
    char dir[] = "/tmp/capplan-big-XXXXXX", path[512];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/big.ini", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "[portfolio]\nname = Big\nstart = 2027-01-01\nquarters = %d\n",
            QUARTERS);
    fclose(f);
    snprintf(path, sizeof path, "%s/big.csv", dir);
    f = fopen(path, "w");
    fputs("partner,plan,timezone,customers,channel\n", f);
    for (int i = 0; i < PARTNERS; i++)
        fprintf(f, "p%05d,basic,America/New_York,%d,reseller\n", i, 5 + i % 7);
    fclose(f);
    CHECK_INT(run_shell("'%s' --no-sim --deterministic -o '%s/out' '%s/big.ini' "
                        "'%s/big.csv' >/dev/null", CAPPLAN_EXE, dir, dir, dir),
              0);
    snprintf(path, sizeof path, "%s/out", dir);
    /* a header, a row per team (6,500), a Total row */
    check_sheet(path, "staffing.xlsx", "Summary", "A1:V6502", 6502);
    /* a header and a row per team; 5 + 168 hour columns = A..FQ */
    check_sheet(path, "staffing.xlsx", "Coverage", "A1:FQ6501", 6501);
    check_sheet(path, "staffing.xlsx", "Responsibilities", "A1:Q6501", 6501);
    /* a row per line, a blank row, three line totals and the Total */
    check_sheet(path, "cost.xlsx", "Costs", "A1:T6506", 6505);
    /* a row per line and quarter: 4 x 6,500 + the header */
    check_sheet(path, "quarterly.xlsx", "Quarters", "A1:T26001", 26001);
    check_sheet(path, "quarterly.xlsx", "By partner", "A1:S6502", 6502);
    CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    return check_summary();
}
