/* test_csv.c - customers CSV as CRM exports write it: quotes, a UTF-8 BOM,
 * CRLF line ends, columns in any order and blank trailing lines. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "portfolio.h"

static const char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/capplan-csv-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        abort();
    close(fd);
    return path;
}

static cap_portfolio *load(const cap_model *m, const char *ini_text,
                           const char *csv_text, cap_error *err)
{
    char ini[64];
    snprintf(ini, sizeof ini, "%s", write_temp(ini_text));
    cap_portfolio *p = cap_portfolio_load(ini, m, (cap_date){2026, 11, 22}, err);
    unlink(ini);
    if (!p)
        return NULL;
    const char *csv = write_temp(csv_text);
    cap_status st = cap_portfolio_add_csv(p, csv, m, err);
    unlink(csv);
    if (st != CAP_OK) {
        cap_portfolio_free(p);
        return NULL;
    }
    return p;
}

static const char ini_text[] =
    "[portfolio]\nstart = 2027-01-01\n\n"
    "[partner.acme]\nchannel = oem\ncustomers = basic America/New_York 12\n";

static int total_customers(const cap_partner *partner)
{
    int total = 0;
    for (size_t i = 0; i < partner->segment_count; i++)
        total += partner->segments[i].customers;
    return total;
}

static void check_crm_export(const cap_model *m)
{
    const char csv[] =
        "\xEF\xBB\xBF\"timezone\",\"Customers\",\"partner\",\"plan\",\"channel\"\r\n"
        "\"Europe/Berlin\",\"4\",\"ACME\",\"premium\",\r\n"
        "\"Asia/Tokyo\",7,\"new, partner\",basic,msp\r\n"
        "\r\n,,,,\r\n\r\n";
    cap_error err;
    cap_portfolio *p = load(m, ini_text, csv, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "%s\n", err.message);
        return;
    }
    CHECK_INT(p->partner_count, 2);
    CHECK_INT(p->partners[0].segment_count, 2);
    CHECK_INT(total_customers(&p->partners[0]), 16); /* 12 + 4 */
    CHECK_INT(p->partners[0].segments[1].plan, CAP_PLAN_PREMIUM);
    CHECK_STR(p->partners[1].id, "new, partner"); /* quoted comma kept */
    CHECK_INT(p->partners[1].channel, CAP_CH_MSP);
    CHECK_STR(p->partners[1].segments[0].timezone, "Asia/Tokyo");
    CHECK(cap_portfolio_validate(p, &err) == CAP_OK);
    cap_portfolio_free(p);
}

static void check_quarter_rows(const cap_model *m)
{
    const char csv[] = "partner,plan,timezone,customers,quarter\n"
                       "acme,basic,America/New_York,20,2027Q3\n"
                       "acme,premium,Europe/Berlin,5,2027Q3";
    cap_error err;
    cap_portfolio *p = load(m, ini_text, csv, &err);
    CHECK(p != NULL);
    if (!p)
        return;
    cap_segment segs[8];
    const cap_partner *acme = &p->partners[0];
    CHECK_INT(cap_partner_quarter(acme, 0, segs), 1); /* Q1: the INI row */
    CHECK_INT(segs[0].customers, 12);
    CHECK_INT(cap_partner_quarter(acme, 2, segs), 2); /* Q3: explicit rows */
    CHECK_INT(segs[0].customers + segs[1].customers, 25);
    cap_portfolio_free(p);
}

static void check_row_numbers(const cap_model *m)
{
    /* A quoted line break inside row 2 makes the bad record start on line 4. */
    const char csv[] = "partner,plan,timezone,customers\n"
                       "\"acme\",basic,\"America/\nChicago\",1\n"
                       "acme,gold,America/Chicago,3\n";
    cap_error err;
    cap_portfolio *p = load(m, ini_text, csv, &err);
    CHECK(p == NULL);
    CHECK(strstr(err.message, "row 2: timezone: unknown time zone") != NULL);
    const char csv2[] = "partner,plan,timezone,customers\r\n"
                        "acme,basic,America/Chicago,1\r\n"
                        "acme,gold,America/Chicago,3\r\n";
    p = load(m, ini_text, csv2, &err);
    CHECK(p == NULL);
    CHECK(strstr(err.message, ": row 3: plan: unknown plan \"gold\"") != NULL);
}

static void check_growth(const cap_model *m)
{
    const char ini[] = "[portfolio]\nstart = 2027-01-01\n[partner.g]\n"
                       "channel = oem\ngrowth = 0.05\n"
                       "customers = basic America/New_York 100\n";
    cap_error err;
    cap_portfolio *p = load(m, ini, "partner,plan,timezone,customers\n", &err);
    CHECK(p != NULL);
    if (!p)
        return;
    cap_segment segs[2];
    int want[4] = {100, 105, 110, 116}; /* 100 x 1.05^q, rounded */
    for (int q = 0; q < 4; q++) {
        cap_partner_quarter(&p->partners[0], q, segs);
        CHECK_INT(segs[0].customers, want[q]);
    }
    cap_portfolio_free(p);
}

int main(void)
{
    cap_error err;
    cap_model *m = cap_model_builtin(&err);
    CHECK(m != NULL);
    if (!m)
        return check_summary();
    check_crm_export(m);
    check_quarter_rows(m);
    check_row_numbers(m);
    check_growth(m);
    cap_model_free(m);
    return check_summary();
}
