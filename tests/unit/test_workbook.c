/* test_workbook.c - staffing.xlsx from a small staffing built in memory.
 *
 * Checks that the file appears under its name with no temporary file left,
 * that deterministic files are byte-identical, and - when gnumeric's
 * ssconvert is installed - that every formula's cached value equals what a
 * spreadsheet recomputes: the workbook is exported to CSV twice, once as
 * stored (cached values) and once with --recalc, and both are compared with
 * each other and with values computed here.  Then the failure paths: a
 * missing folder, a blocked temporary name, a failed rename and a failure
 * in the middle of the workbook must each return an error naming the path
 * and leave an existing file at path untouched.  Permission bits are only
 * tested when not running as root (root ignores them).
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "outset.h"
#include "workbook.h"

#define SSCONVERT "/usr/bin/ssconvert"

/* ---- a fake portfolio, model and staffing ---------------------------- */

typedef struct {
    cap_param params[3];
    cap_model model;
    cap_partner partners[2];
    cap_portfolio portfolio;
    cap_partner_staffing ps[2];
    cap_staffing staffing;
    cap_run_info info;
} fixture;

static void fake_model(fixture *f)
{
    static const cap_param params[3] = {
        {"model", "name", "dispel"},
        {"role.csm", "customers_per_fte_min", "10"},
        {"cost", "service_hour_rate", "225"},
    };
    memcpy(f->params, params, sizeof params);
    snprintf(f->model.name, sizeof f->model.name, "dispel");
    snprintf(f->model.currency, sizeof f->model.currency, "USD");
    snprintf(f->model.source, sizeof f->model.source, "models/dispel.ini");
    f->model.params = f->params;
    f->model.param_count = 3;
}

static void fake_portfolio(fixture *f)
{
    cap_partner *a = &f->partners[0], *b = &f->partners[1];
    snprintf(a->id, sizeof a->id, "acme");
    snprintf(a->name, sizeof a->name, "Acme Remote Operations, Inc.");
    a->channel = CAP_CH_OEM;
    snprintf(b->id, sizeof b->id, "bolt");
    snprintf(b->name, sizeof b->name, "Bolt \"Systems\"");
    b->channel = CAP_CH_RESELLER;
    cap_portfolio *p = &f->portfolio;
    snprintf(p->name, sizeof p->name, "Test book FY27");
    p->start = (cap_date){2027, 1, 1};
    p->quarters = 4;
    p->partners = f->partners;
    p->partner_count = 2;
    snprintf(p->ini_path, sizeof p->ini_path, "tests/book.ini");
}

/* One team: FTE figures, cost, and people present per hour. */
static void fake_role(cap_role_staffing *r, int customers, double fte,
                      double requested, double cost, cap_binding binding)
{
    r->active = r->billed = 1;
    r->customers = customers;
    r->fte_low = customers / 15.0;
    r->fte_high = customers / 10.0;
    r->plan_minimum = 3;
    r->fte_rule = 3;
    r->fte_recommended = 3.5;
    r->fte_requested = requested;
    r->fte = fte;
    r->binding = binding;
    r->annual_cost = cost;
}

/* acme: P-CSM on weekday 14-22 UTC with two empty hours, P-TAM 24x7 but
 * present 08-16 only; bolt: P-CSM 24x7 fully covered, P-TAM inactive. */
static void fake_coverage(fixture *f)
{
    cap_role_staffing *csm = &f->ps[0].role[CAP_ROLE_CSM];
    cap_role_staffing *tam = &f->ps[0].role[CAP_ROLE_TAM];
    cap_role_staffing *bolt = &f->ps[1].role[CAP_ROLE_CSM];
    double on_csm[CAP_WEEK_HOURS], on_tam[CAP_WEEK_HOURS], on_bolt[CAP_WEEK_HOURS];
    for (int h = 0; h < CAP_WEEK_HOURS; h++) {
        int weekday_window = h / 24 < 5 && h % 24 >= 14 && h % 24 < 22;
        csm->required[h] = (unsigned char)weekday_window;
        on_csm[h] = weekday_window ? (h % 24 == 17 ? 0.5 : 1) : 0;
        tam->required[h] = 1;
        on_tam[h] = h % 24 >= 8 && h % 24 < 16 ? 0.5 : 0;
        bolt->required[h] = 1;
        on_bolt[h] = 2.5 / 3;
    }
    on_csm[14] = 0;          /* Mon 14:00 */
    on_csm[24 + 15] = 0;     /* Tue 15:00 */
    cap_role_set_present(csm, on_csm);
    cap_role_set_present(tam, on_tam);
    cap_role_set_present(bolt, on_bolt);
}

/* Sets one hour's people on shift of r. */
static void set_hour(cap_role_staffing *r, int h, double people)
{
    double present[CAP_WEEK_HOURS];
    cap_role_present(r, present);
    present[h] = people;
    cap_role_set_present(r, present);
}

static void fake_staffing(fixture *f)
{
    cap_partner_staffing *a = &f->ps[0], *b = &f->ps[1];
    a->partner = &f->partners[0];
    a->customers = 12;
    fake_role(&a->role[CAP_ROLE_CSM], 12, 1.0, -1, 150000 * 1.15,
              CAP_BIND_LOCALIZATION);
    a->role[CAP_ROLE_CSM].localized = 1;
    a->role[CAP_ROLE_CSM].shifts = 2;
    fake_role(&a->role[CAP_ROLE_TAM], 12, 0.5, 0.5, 0.5 * 190000 * 1.1,
              CAP_BIND_REQUESTED);
    a->role[CAP_ROLE_TAM].tier = CAP_PLAN_PREMIUM;
    cap_role_warn(&a->role[CAP_ROLE_TAM], "request below 3.0");
    const double hours_a[CAP_PARTIES] = {3.2, 10.5, 20.25, 7.1};
    memcpy(a->hours_by_party, hours_a, sizeof hours_a);
    a->technical_hours_month = 7.1;
    a->service_hours_month = 10;
    a->service_hours_annual_cost = 10 * 225 * 12;
    b->partner = &f->partners[1];
    b->customers = 40;
    fake_role(&b->role[CAP_ROLE_CSM], 40, 2.5, 2.5, 2.5 * 150000 * 1.1,
              CAP_BIND_REQUESTED);
    b->role[CAP_ROLE_CSM].tier = CAP_PLAN_PREMIUM;
    cap_role_warn(&b->role[CAP_ROLE_CSM], "request below 3.5");
    cap_role_warn(&b->role[CAP_ROLE_CSM], "load exceeds 10-15");
    b->role[CAP_ROLE_TAM].fte = 99; /* inactive: must not be written */
    const double hours_b[CAP_PARTIES] = {0.1, 0.2, 30.3, 12.7};
    memcpy(b->hours_by_party, hours_b, sizeof hours_b);
}

static fixture *fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    fake_model(f);
    fake_portfolio(f);
    fake_staffing(f);
    fake_coverage(f);
    f->staffing.quarter_start = (cap_date){2027, 1, 1};
    f->staffing.reference_day = (cap_date){2027, 1, 6};
    f->staffing.partners = f->ps;
    f->staffing.partner_count = 2;
    f->info = (cap_run_info){"0.1.0", NULL, 42, 0, 0, 1};
    return f;
}

static cap_status write_book_info(const fixture *f, const char *path,
                                  const cap_run_info *info, cap_error *err);

static cap_status write_book(const fixture *f, const char *path,
                             cap_error *err)
{
    return write_book_info(f, path, &f->info, err);
}

/* Writes the staffing workbook to path as a run publishes it: a set of
 * one (outset.h) in path's folder. */
static cap_status write_book_info(const fixture *f, const char *path,
                                  const cap_run_info *info, cap_error *err)
{
    char dir[600];
    const char *slash = strrchr(path, '/');
    const char *name = slash + 1;
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    cap_error_clear(err);
    cap_outset *set = cap_outset_begin(dir, &name, 1, err);
    cap_status st = set ? cap_workbook_staffing(cap_outset_file(set, 0),
                                                &f->staffing, &f->portfolio,
                                                &f->model, info, err)
                        : err->code;
    if (st == CAP_OK)
        st = cap_outset_publish(set, err);
    if (st == CAP_OK)
        st = cap_outset_commit(set, err);
    cap_outset_free(set);
    return st;
}

/* Window hours with nobody present, over the active teams. */
static int gap_count(const fixture *f)
{
    int gaps = 0;
    double present[CAP_WEEK_HOURS];
    for (int i = 0; i < 2; i++)
        for (int r = 0; r < CAP_ROLES; r++) {
            cap_role_present(&f->ps[i].role[r], present);
            for (int h = 0; f->ps[i].role[r].active && h < CAP_WEEK_HOURS; h++)
                gaps += f->ps[i].role[r].required[h] && present[h] <= 0;
        }
    return gaps;
}

/* ---- files ------------------------------------------------------------ */

static void put_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp) {
        fputs(text, fp);
        CHECK(fclose(fp) == 0);
    }
}

/* The first bytes of a file ("" when missing), to see it is untouched. */
static const char *file_text(const char *path)
{
    static char text[256];
    FILE *fp = fopen(path, "r");
    size_t n = fp ? fread(text, 1, sizeof text - 1, fp) : 0;
    text[n] = '\0';
    if (fp)
        fclose(fp);
    return text;
}

/* Entries of dir whose name contains part. */
static int entries_with(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int count = 0;
    while (d && (e = readdir(d)))
        count += strstr(e->d_name, part) != NULL;
    if (d)
        closedir(d);
    return count;
}

static int same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb, ca = 0, cb = 0;
    while (same && (ca = getc(fa)) == (cb = getc(fb)) && ca != EOF)
        ;
    same = same && ca == cb;
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* ---- CSV tables ------------------------------------------------------- */

enum { MAX_COLS = 5 + CAP_WEEK_HOURS }; /* the Coverage sheet */

typedef struct {
    char *cell[MAX_COLS];
    int n;
} row;

typedef struct {
    row *rows;
    size_t count, cap;
    row cur;
} table;

static void on_field(void *s, size_t len, void *data)
{
    table *t = data;
    char *text = malloc(len + 1);
    if (!text)
        abort();
    if (len)
        memcpy(text, s, len);
    text[len] = '\0';
    if (t->cur.n < MAX_COLS)
        t->cur.cell[t->cur.n++] = text;
    else
        free(text);
}

static void on_row(int c, void *data)
{
    table *t = data;
    (void)c;
    if (t->count == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
        if (!t->rows)
            abort();
    }
    t->rows[t->count++] = t->cur;
    memset(&t->cur, 0, sizeof t->cur);
}

static int read_csv(const char *path, table *t)
{
    struct csv_parser p;
    char buf[4096];
    size_t n;
    int ok = 1;
    FILE *fp = fopen(path, "rb");
    memset(t, 0, sizeof *t);
    if (!fp || csv_init(&p, 0) != 0) {
        if (fp)
            fclose(fp);
        return 0;
    }
    while (ok && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        ok = csv_parse(&p, buf, n, on_field, on_row, t) == n;
    ok = ok && csv_fini(&p, on_field, on_row, t) == 0;
    csv_free(&p);
    fclose(fp);
    return ok;
}

static void table_free(table *t)
{
    for (size_t r = 0; r < t->count; r++)
        for (int c = 0; c < t->rows[r].n; c++)
            free(t->rows[r].cell[c]);
    free(t->rows);
}

static const char *cell(const table *t, size_t r, int c)
{
    if (r >= t->count || c < 0 || c >= t->rows[r].n)
        return "";
    return t->rows[r].cell[c];
}

static double number(const table *t, size_t r, int c)
{
    char *end;
    const char *text = cell(t, r, c);
    double x = strtod(text, &end);
    return *text && !*end ? x : NAN;
}

static int column_of(const table *t, const char *title)
{
    for (int c = 0; t->count && c < t->rows[0].n; c++)
        if (strcmp(t->rows[0].cell[c], title) == 0)
            return c;
    fprintf(stderr, "no column \"%s\"\n", title);
    return -1;
}

/* ---- the tests -------------------------------------------------------- */

/* Relative closeness: gnumeric recomputes in long double. */
static int close_to(double got, double want)
{
    return fabs(got - want) <= 1e-12 * fmax(1, fabs(want));
}

static void test_writes(const fixture *f, const char *dir)
{
    char path[512], again[512];
    cap_error err;
    struct stat st;
    snprintf(path, sizeof path, "%s/staffing.xlsx", dir);
    snprintf(again, sizeof again, "%s/again.xlsx", dir);
    CHECK_INT(write_book(f, path, &err), CAP_OK);
    CHECK_STR(err.message, "");
    CHECK(stat(path, &st) == 0 && st.st_size > 0);
    CHECK_INT(entries_with(dir, ".capplan"), 0); /* no stage, no lock */
    CHECK_INT(write_book(f, again, &err), CAP_OK);
    CHECK(same_bytes(path, again)); /* deterministic: fixed created date */
    CHECK(remove(again) == 0);
    /* info may be NULL (capbench): no version, not simulated */
    CHECK_INT(write_book_info(f, again, NULL, &err), CAP_OK);
    CHECK(remove(again) == 0);
}

/* Exports every sheet of dir/staffing.xlsx to dir/PREFIX_SHEET.csv. */
static int export_csv(const char *dir, const char *prefix, int recalc)
{
    char cmd[1536];
    snprintf(cmd, sizeof cmd, SSCONVERT " %s-S '%s/staffing.xlsx' "
             "'%s/%s_%%s.csv' >'%s/ssconvert.log' 2>&1",
             recalc ? "--recalc " : "", dir, dir, prefix, dir);
    return system(cmd) == 0;
}

static int load(table *t, const char *dir, const char *prefix,
                const char *sheet)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s_%s.csv", dir, prefix, sheet);
    int ok = read_csv(path, t);
    CHECK(ok);
    return ok;
}

/* Summary: the rows, the blank request, the warnings, and the formulas
 * (cached = recomputed = computed here). */
static void check_summary_sheet(const table *c, const table *r)
{
    int per = column_of(r, "Customers per FTE");
    int fte = column_of(r, "Staffed FTE"), cost = column_of(r, "Annual cost");
    const double want_per[3] = {12 / 1.0, 0 /* blank */, 40 / 2.5};
    const double want_cost = 150000 * 1.15 + 0.5 * 190000 * 1.1 +
                             2.5 * 150000 * 1.1;
    CHECK_INT(r->count, 1 + 3 + 1);
    CHECK_STR(cell(r, 2, column_of(r, "Role")), "P-TAM");
    CHECK_STR(cell(r, 1, column_of(r, "Requested FTE")), "");
    CHECK_STR(cell(r, 3, column_of(r, "Warnings")),
              "request below 3.5; load exceeds 10-15");
    CHECK_STR(cell(r, 1, column_of(r, "Name")),
              "Acme Remote Operations, Inc.");
    for (size_t i = 1; i <= 3; i++) {
        if (i == 2) { /* the P-TAM row: sized from hours, no ratio */
            CHECK_STR(cell(r, i, per), "");
            continue;
        }
        CHECK(close_to(number(c, i, per), number(r, i, per)));
        CHECK(close_to(number(r, i, per), want_per[i - 1]));
    }
    CHECK_STR(cell(r, 4, 0), "Total dedicated roles");
    CHECK(close_to(number(c, 4, fte), number(r, 4, fte)));
    CHECK(close_to(number(r, 4, fte), 4.0));
    CHECK(close_to(number(c, 4, cost), number(r, 4, cost)));
    CHECK(close_to(number(r, 4, cost), want_cost));
}

/* Coverage: one row per active team, the week's hours across; the sums,
 * cached and recomputed, are the fixture's (fake_coverage) by hand. */
static void check_coverage_sheet(const table *c, const table *r, int gaps)
{
    static const double want[3][3] = {
        {40, 33 + 5 * 0.5, 2},    /* acme P-CSM: weekdays 14-22, two empty */
        {168, 7 * 8 * 0.5, 112},  /* acme P-TAM: 24x7, 08-16 at 0.5 */
        {168, 168 * 2.5 / 3, 0},  /* bolt P-CSM: 24x7 at 2.5/3 */
    };
    static const char *const sums[3] = {"Window hours", "Person-hours",
                                        "Gap hours"};
    double cached = 0, recomputed = 0;
    CHECK_INT(r->count, 1 + 3);
    CHECK_INT(r->rows[0].n, 5 + CAP_WEEK_HOURS);
    for (size_t i = 1; i < r->count; i++)
        for (int k = 0; k < 3; k++) {
            int col = column_of(r, sums[k]);
            CHECK(close_to(number(c, i, col), want[i - 1][k]));
            CHECK(close_to(number(r, i, col), want[i - 1][k]));
        }
    for (size_t i = 1; i < r->count; i++) {
        cached += number(c, i, column_of(r, "Gap hours"));
        recomputed += number(r, i, column_of(r, "Gap hours"));
    }
    CHECK_NEAR(cached, gaps, 0);
    CHECK_NEAR(recomputed, gaps, 0);
    CHECK_STR(cell(r, 1, column_of(r, "Mon 14")), "0");    /* a gap */
    CHECK_STR(cell(r, 1, column_of(r, "Mon 13")), "");     /* outside */
    CHECK_STR(cell(r, 1, column_of(r, "Mon 17")), "0.5");
    CHECK(close_to(number(r, 3, column_of(r, "Sun 23")), 2.5 / 3));
}

static void check_responsibility_sheet(const table *c, const table *r)
{
    int total = column_of(r, "Total h/month");
    CHECK_INT(r->count, 3);
    CHECK(close_to(number(c, 1, total), number(r, 1, total)));
    CHECK(close_to(number(r, 1, total), 3.2 + 10.5 + 20.25 + 7.1));
    CHECK(close_to(number(c, 2, total), number(r, 2, total)));
    CHECK(close_to(number(r, 2, total), 0.1 + 0.2 + 30.3 + 12.7));
}

static void check_assumption_sheet(const table *r)
{
    CHECK_STR(cell(r, 1, 1), "program version");
    CHECK_STR(cell(r, 2, 2), "models/dispel.ini");
    CHECK_STR(cell(r, 4, 2), "(none)");
    CHECK_STR(cell(r, 9, 2), "2027-01-06");
    CHECK_STR(cell(r, 12, 2), "42");
    CHECK_STR(cell(r, 13, 0), "model");
    CHECK_STR(cell(r, 15, 2), "225");
    CHECK_INT(r->count, 1 + 12 + 3);
}

static void test_recalc(const fixture *f, const char *dir)
{
    static const char *const sheets[4] = {"Summary", "Coverage",
                                          "Responsibilities", "Assumptions"};
    table c[4], r[4];
    int ok = 1;
    if (access(SSCONVERT, X_OK) != 0) {
        printf("skipped: %s not installed\n", SSCONVERT);
        return;
    }
    CHECK(export_csv(dir, "cached", 0));
    CHECK(export_csv(dir, "recalc", 1));
    for (int i = 0; i < 4; i++) {
        ok &= load(&c[i], dir, "cached", sheets[i]);
        ok &= load(&r[i], dir, "recalc", sheets[i]);
    }
    if (ok) {
        check_summary_sheet(&c[0], &r[0]);
        check_coverage_sheet(&c[1], &r[1], gap_count(f));
        check_responsibility_sheet(&c[2], &r[2]);
        check_assumption_sheet(&r[3]);
    }
    for (int i = 0; i < 4; i++) {
        table_free(&c[i]);
        table_free(&r[i]);
    }
}

/* Whether the workbook at path holds a shared string table. */
static int has_shared_strings(const char *path)
{
    char cmd[800];
    snprintf(cmd, sizeof cmd, "unzip -l '%s' | grep -q sharedStrings.xml",
             path);
    return system(cmd) == 0;
}

/* A book of more partners than [limits] stream_partners is written row by
 * row (libxlsxwriter's constant_memory: strings inline, no shared table);
 * every sheet reads the same cells either way. */
static void test_streamed(fixture *f, const char *dir)
{
    static const char *const sheets[4] = {"Summary", "Coverage",
                                          "Responsibilities", "Assumptions"};
    char sub[512], path[600], a[700], b[700];
    cap_error err;
    snprintf(sub, sizeof sub, "%s/streamed", dir);
    snprintf(path, sizeof path, "%s/staffing.xlsx", sub);
    CHECK(mkdir(sub, 0777) == 0);
    f->model.stream_partners = 1; /* 2 partners: streamed */
    CHECK_INT(write_book(f, path, &err), CAP_OK);
    f->model.stream_partners = 2; /* not more than 2: in memory */
    snprintf(a, sizeof a, "%s/staffing.xlsx", dir);
    CHECK_INT(write_book(f, a, &err), CAP_OK);
    f->model.stream_partners = 0;
    CHECK(!has_shared_strings(path));
    CHECK(has_shared_strings(a));
    if (access(SSCONVERT, X_OK) != 0)
        return;
    CHECK(export_csv(dir, "memory", 0));
    CHECK(export_csv(sub, "rows", 0));
    for (int i = 0; i < 4; i++) {
        snprintf(a, sizeof a, "%s/memory_%s.csv", dir, sheets[i]);
        snprintf(b, sizeof b, "%s/rows_%s.csv", sub, sheets[i]);
        CHECK(same_bytes(a, b));
    }
}

/* A folder that is not there: the set cannot even be locked. */
static void test_missing_folder(const fixture *f, const char *dir)
{
    char missing[512], path[600];
    cap_error err;
    snprintf(missing, sizeof missing, "%s/missing", dir);
    snprintf(path, sizeof path, "%s/staffing.xlsx", missing);
    CHECK_INT(write_book(f, path, &err), CAP_ERR_OUTPUT);
    CHECK(strstr(err.message, missing) == err.message);
    CHECK(strstr(err.message, "No such file or directory") != NULL);
}

/* path is a non-empty directory: refused before anything is replaced;
 * the stage is removed and the directory is intact. */
static void test_rename_fails(const fixture *f, const char *dir)
{
    char path[512], keep[600];
    cap_error err;
    snprintf(path, sizeof path, "%s/isdir", dir);
    snprintf(keep, sizeof keep, "%s/keep", path);
    CHECK(mkdir(path, 0777) == 0);
    put_file(keep, "kept");
    CHECK_INT(write_book(f, path, &err), CAP_ERR_OUTPUT);
    char want[700];
    snprintf(want, sizeof want, "%s: cannot write: Is a directory", path);
    CHECK_STR(err.message, want); /* no stage name, no process id */
    CHECK_STR(file_text(keep), "kept");
    CHECK_INT(entries_with(dir, ".capplan"), 0);
}

/* A value no spreadsheet can hold, met in the middle of the Coverage
 * sheet: internal error, temporary file gone, previous file untouched. */
static void test_fails_midway(fixture *f, const char *dir)
{
    char sub[512], path[600];
    cap_error err;
    snprintf(sub, sizeof sub, "%s/midway", dir);
    snprintf(path, sizeof path, "%s/staffing.xlsx", sub);
    CHECK(mkdir(sub, 0777) == 0);
    put_file(path, "previous workbook");
    set_hour(&f->ps[1].role[CAP_ROLE_CSM], 5, NAN);
    CHECK_INT(write_book(f, path, &err), CAP_ERR_INTERNAL);
    set_hour(&f->ps[1].role[CAP_ROLE_CSM], 5, 2.5 / 3);
    CHECK(strstr(err.message, path) == err.message);
    CHECK(strstr(err.message, "Coverage!K4") != NULL); /* bolt, Mon 05 */
    CHECK_STR(file_text(path), "previous workbook");
    CHECK_INT(entries_with(sub, ".capplan"), 0);
}

/* A read-only folder: only meaningful when permissions apply. */
static void test_read_only(const fixture *f, const char *dir)
{
    char sub[512], path[600];
    cap_error err;
    if (geteuid() == 0) {
        printf("skipped: read-only folder test (root ignores modes)\n");
        return;
    }
    snprintf(sub, sizeof sub, "%s/readonly", dir);
    snprintf(path, sizeof path, "%s/staffing.xlsx", sub);
    CHECK(mkdir(sub, 0777) == 0);
    put_file(path, "previous workbook");
    CHECK(chmod(sub, 0555) == 0);
    CHECK_INT(write_book(f, path, &err), CAP_ERR_OUTPUT);
    CHECK(strstr(err.message, "Permission denied") != NULL);
    CHECK_STR(file_text(path), "previous workbook");
    CHECK(chmod(sub, 0755) == 0);
}

int main(void)
{
    char dir[] = "/tmp/capplan_wb.XXXXXX", cmd[64];
    fixture *f = fixture_new();
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_writes(f, dir);
    test_recalc(f, dir);
    test_streamed(f, dir);
    test_missing_folder(f, dir);
    test_rename_fails(f, dir);
    test_fails_midway(f, dir);
    test_read_only(f, dir);
    if (!getenv("CAP_KEEP_TEST_FILES")) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        CHECK(system(cmd) == 0);
    } else {
        printf("kept %s\n", dir);
    }
    for (int i = 0; i < 2; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            cap_role_staffing_clear(&f->ps[i].role[r]);
    free(f);
    return check_summary();
}
