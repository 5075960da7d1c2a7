/* test_quote_workbook.c - quote.xlsx of `capplan size -o`, checked the way
 * a reader uses it:
 *   1. gnumeric recomputes the money formulas (ssconvert --recalc) to the
 *      --json figures to the cent: the year and the quarter of the price
 *      lines, every quarter, the horizon;
 *   2. the lines equal the hand arithmetic contract FTE x price x
 *      uplifts and 30 contracted service hours x 225 x 12;
 *   3. editing the P-CSM price in the Rates block moves the P-CSM line and
 *      the total by FTE x the change x the uplifts;
 *   4. the page prints on one page wide with the partner in its header.
 * ssconvert, unzip and zip are required (as in test_cost_workbook). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csvin.h"
#include "run_capplan.h"

#define CENT 0.005
#define CSM_PRICE 180000.0
#define CLOCK_UPLIFT 0.10
#define HOUR_RATE 225.0

enum { MAX_ROWS = 120, MAX_COLS = 8 };
enum { Q_LABEL, Q_B, Q_C, Q_D, Q_E, Q_F, Q_G };

typedef struct {
    int rows;
    int line[MAX_ROWS];
    char cell[MAX_ROWS][MAX_COLS][128];
} sheet;

static cap_status keep_row(const cap_csv_row *row, void *ctx, cap_error *err)
{
    (void)err;
    sheet *t = ctx;
    if (t->rows == MAX_ROWS)
        return CAP_OK;
    int r = t->rows++;
    t->line[r] = row->line;
    for (size_t c = 0; c < row->count && c < MAX_COLS; c++)
        snprintf(t->cell[r][c], sizeof t->cell[r][c], "%s", row->fields[c]);
    return CAP_OK;
}

static sheet *load(const char *dir, const char *prefix)
{
    char path[512];
    cap_error err;
    sheet *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    snprintf(path, sizeof path, "%s/%s_Quote.csv", dir, prefix);
    if (cap_csv_read(path, keep_row, t, &err) != CAP_OK)
        fprintf(stderr, "cannot read %s: %s\n", path, err.message);
    CHECK(t->rows > 10);
    return t;
}

/* The first row at or after `from` whose label is label; -1 if none. */
static int find(const sheet *t, const char *label, int from)
{
    for (int r = from < 0 ? 0 : from; r < t->rows; r++)
        if (strcmp(t->cell[r][Q_LABEL], label) == 0)
            return r;
    return -1;
}

static double num(const sheet *t, int r, int c)
{
    return r >= 0 ? strtod(t->cell[r][c], NULL) : -1e300;
}

static double round2(double x) { return round(x * 100.0) / 100.0; }

static double jnum(json_t *o, const char *path)
{
    char key[64];
    const char *dot;
    while ((dot = strchr(path, '.'))) {
        snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
        o = json_object_get(o, key);
        path = dot + 1;
    }
    return json_number_value(json_object_get(o, path));
}

/* 1 and 2: the recomputed page against the JSON and the hand arithmetic. */
static void check_page(const sheet *t, json_t *doc)
{
    json_t *partner = json_array_get(json_object_get(doc, "partners"), 0);
    json_t *quarters = json_object_get(partner, "quarters");
    int price = find(t, "Price", 0), total = find(t, "Total", price);
    int csm = find(t, "P-CSM", price), hours = find(t, "Service hours (h/month)", price);
    CHECK(price >= 0 && total > price && csm > price && hours > price);
    CHECK_NEAR(num(t, total, Q_F), jnum(partner, "price.annual_total"), CENT);
    CHECK_NEAR(num(t, total, Q_G),
               jnum(json_array_get(quarters, 0), "price.total"), CENT);
    /* premium tier: 24x7, not localized */
    double fte = num(t, csm, Q_B);
    CHECK_NEAR(fte, jnum(partner, "csm.fte_contract"), 1e-9);
    CHECK_NEAR(num(t, csm, Q_F), round2(fte * CSM_PRICE * (1 + CLOCK_UPLIFT)),
               CENT);
    CHECK_NEAR(num(t, csm, Q_G),
               round2(fte * CSM_PRICE * (1 + CLOCK_UPLIFT) / 4), CENT);
    double billed = num(t, hours, Q_B);
    /* 30 h contracted, above the 10 h retainer: 30 x 225 x 12 = 81000 */
    CHECK_NEAR(billed, 30, 1e-9);
    CHECK_NEAR(num(t, hours, Q_F), 30 * HOUR_RATE * 12, CENT);
    CHECK_NEAR(num(t, hours, Q_G), 30 * HOUR_RATE * 3, CENT);
    int first = find(t, "Quarter", total);
    double sum = 0;
    for (size_t q = 0; q < json_array_size(quarters); q++) {
        json_t *jq = json_array_get(quarters, q);
        int r = find(t, json_string_value(json_object_get(jq, "quarter")), first);
        CHECK(r > first);
        CHECK_NEAR(num(t, r, Q_F), jnum(jq, "price.total"), CENT);
        CHECK_INT((int)num(t, r, Q_B), json_integer_value(json_object_get(jq, "customers")));
        sum += jnum(jq, "price.total");
    }
    CHECK_NEAR(num(t, find(t, "Horizon", first), Q_F), sum, CENT);
}

/* 3: the P-CSM price 180000 -> 190000 in the sheet XML, recomputed. */
static void check_rate_edit(const char *dir, const sheet *before)
{
    int rate = find(before, "P-CSM per FTE and year", 0);
    CHECK(rate >= 0);
    if (rate < 0)
        return;
    char ref[16];
    snprintf(ref, sizeof ref, "B%d", before->line[rate]);
    CHECK_INT(run_shell("cd '%s' && rm -rf e && mkdir e && cd e && unzip -q "
                        "../quote.xlsx && sed -i 's|<c r=\"%s\" s=\"\\([0-9]*\\)"
                        "\"><v>180000</v>|<c r=\"%s\" s=\"\\1\"><v>190000</v>|' "
                        "xl/worksheets/sheet1.xml && grep -q '<c r=\"%s\" "
                        "s=\"[0-9]*\"><v>190000</v>' xl/worksheets/sheet1.xml && "
                        "zip -q -X -r ../edited.xlsx . && cd .. && ssconvert "
                        "--recalc -S edited.xlsx 'edited_%%s.csv' >/dev/null",
                        dir, ref, ref, ref), 0);
    sheet *after = load(dir, "edited");
    int price = find(before, "Price", 0);
    int csm = find(before, "P-CSM", price), total = find(before, "Total", price);
    double fte = num(before, csm, Q_B);
    double moved = round2(fte * 190000 * (1 + CLOCK_UPLIFT)) -
                   round2(fte * CSM_PRICE * (1 + CLOCK_UPLIFT));
    CHECK(moved > 0);
    CHECK_NEAR(num(after, csm, Q_F) - num(before, csm, Q_F), moved, CENT);
    CHECK_NEAR(num(after, total, Q_F) - num(before, total, Q_F), moved, CENT);
    free(after);
}

/* 4: print set-up in the file itself. */
static void check_print(const char *dir)
{
    CHECK_INT(run_shell("cd '%s' && unzip -p quote.xlsx xl/worksheets/sheet1.xml"
                        " | grep -q 'fitToHeight=\"0\"'", dir), 0);
    CHECK_INT(run_shell("cd '%s' && unzip -p quote.xlsx xl/worksheets/sheet1.xml"
                        " | grep -q '<oddHeader>.*Quote: Acme &amp;&amp; Sons.*"
                        "2026-11-30</oddHeader>'", dir), 0);
    CHECK_INT(run_shell("cd '%s' && unzip -p quote.xlsx xl/workbook.xml | grep -q"
                        " '_xlnm.Print_Area\" localSheetId=\"0\"'", dir), 0);
}

int main(void)
{
    char dir[] = "/tmp/capplan-quote-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char args[1024];
    int status = -1;
    snprintf(args, sizeof args, "size --json -r 20 --deterministic --today "
             "2026-11-30 --start 2027-01-01 --growth 0.1 --name 'Acme & Sons' "
             "--channel reseller --tam auto --tam-tier premium --service-hours "
             "30 --customers 'premium Europe/Berlin 30, basic America/Chicago "
             "10' -o %s", dir);
    char *text = run_capplan_capture(args, &status);
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    CHECK_INT(status, 0);
    CHECK(doc != NULL);
    CHECK_INT(run_shell("cd '%s' && ssconvert --recalc -S quote.xlsx "
                        "'recalc_%%s.csv' >/dev/null 2>&1", dir), 0);
    sheet *t = load(dir, "recalc");
    if (doc)
        check_page(t, doc);
    check_rate_edit(dir, t);
    check_print(dir);
    free(t);
    json_decref(doc);
    if (!getenv("CAP_KEEP_TEST_FILES"))
        CHECK_INT(run_shell("rm -rf '%s'", dir), 0);
    return check_summary();
}
