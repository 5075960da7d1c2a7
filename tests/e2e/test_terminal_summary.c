/* test_terminal_summary.c - the terminal summary as a salesperson reads it
 * (SPEC section 7): ids in full, names cut by characters, money with the
 * currency and thousands separators, warnings of one kind on one line that
 * names the partners, and a last line that says where the workbooks went.
 *
 * The portfolio, written to this test's own folder: three basic-tier
 * partners in Paris, each asking for 0.5 P-CSM FTE, with 20, 40 and 60
 * customers.  By hand (built-in model, --no-sim):
 *   - each request is below the recommendation, which grows with the
 *     customers (at least step_up(n / 15): 1.5, 3.0, 4.0 FTE), so the three
 *     warnings differ only in the recommended figure: one line, the
 *     figure shown as "...";
 *   - each team costs 0.5 x 150,000 x 1.15 (localized) = 86,250 a year
 *     and is priced 0.5 x 180,000 x 1.15 = 103,500; the three cost USD
 *     258,750, are priced USD 310,500, a margin of USD 51,750.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "run_capplan.h"

static const char portfolio[] =
    "[portfolio]\n"
    "name  = Grouped warnings\n"
    "start = 2027-01-01\n"
    "[partner.alpha]\n"
    "name      = Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale des Tr\xC3\xA8s "
    "Longues D\xC3\xA9nominations\n"
    "channel   = reseller\n"
    "csm       = 0.5\n"
    "customers = basic Europe/Paris 20\n"
    "[partner.a_partner_id_longer_than_twenty]\n"
    "name      = Beta\n"
    "channel   = reseller\n"
    "csm       = 0.5\n"
    "customers = basic Europe/Paris 40\n"
    "[partner.gamma]\n"
    "name      = Gamma\n"
    "channel   = msp\n"
    "csm       = 0.5\n"
    "customers = basic Europe/Paris 60\n";

/* The line of text that starts with prefix, copied to out ("" if none). */
static void line_starting(const char *text, const char *prefix, char *out,
                          size_t n)
{
    out[0] = '\0';
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (strncmp(l, prefix, strlen(prefix)) == 0) {
            snprintf(out, n, "%.*s", (int)strcspn(l, "\n"), l);
            return;
        }
}

/* The last line of text (without its newline). */
static void last_line(const char *text, char *out, size_t n)
{
    size_t len = strlen(text);
    while (len > 0 && text[len - 1] == '\n')
        len--;
    size_t start = len;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    snprintf(out, n, "%.*s", (int)(len - start), text + start);
}

int main(void)
{
    char dir[] = "/tmp/capplan-summary-XXXXXX", path[128], args[512];
    char line[1024], want[1024];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/deal.ini", dir);
    FILE *f = fopen(path, "w");
    CHECK(f && fputs(portfolio, f) >= 0 && fclose(f) == 0);
    snprintf(args, sizeof args, "--no-sim -o '%s' '%s'", dir, path);
    int status = -1;
    char *text = run_capplan_capture(args, &status);
    CHECK_INT(status, 0);
    CHECK(text != NULL);
    if (!text)
        return check_summary();

    /* One line for the three warnings of one kind, naming the partners in
     * portfolio order; no line per partner. */
    line_starting(text, "warning", line, sizeof line);
    CHECK_STR(line, "warning (3 partners): P-CSM requested 0.5 FTE is below "
                    "the recommended \xE2\x80\xA6 FTE: alpha, "
                    "a_partner_id_longer_than_twenty, gamma");
    CHECK(strstr(text, "warning: ") == NULL);

    /* The last line: where the workbooks are. */
    last_line(text, line, sizeof line);
    snprintf(want, sizeof want, "workbooks: %s/staffing.xlsx, %s/cost.xlsx, "
             "%s/quarterly.xlsx", dir, dir, dir);
    CHECK_STR(line, want);

    /* The id in full (31 characters); the name cut to 24 columns on a
     * character boundary, "..." last. */
    line_starting(text, "a_partner_id_longer_than_twenty ", line, sizeof line);
    CHECK(*line != '\0');
    line_starting(text, "alpha ", line, sizeof line);
    CHECK(strstr(line, "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale des "
                       "Tr\xE2\x80\xA6  reseller") != NULL);

    /* Money: thousands separators, whole units; the currency in the
     * table's headers and beside every amount elsewhere. */
    CHECK(strstr(line, " 103,500 ") != NULL);
    CHECK(strstr(line, " 86,250 ") != NULL);
    line_starting(text, "partner ", line, sizeof line);
    CHECK(strstr(line, "price/year (USD)") != NULL);
    line_starting(text, "total:", line, sizeof line);
    CHECK_STR(line, "total: 1.5/1.5 P-CSM FTE, 0.0/0.0 P-TAM FTE (contract/"
                    "staffed); a year, dedicated roles and service hours: "
                    "price USD 310,500, cost USD 258,750, margin USD 51,750");
    free(text);
    run_shell("rm -rf '%s'", dir);
    return check_summary();
}
