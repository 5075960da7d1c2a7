/* report_text.c - the terminal summary. */
#define _XOPEN_SOURCE 700 /* newlocale, uselocale, wcwidth */
#include "report.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sim.h"

/* ---- money and text cells ---------------------------------------------- */

void cap_money_whole(double amount, const char *currency, char *out, size_t n)
{
    double whole = round(amount); /* half away from zero */
    char digits[48], grouped[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(whole));
    size_t len = strlen(digits), k = 0;
    for (size_t i = 0; i < len && k + 2 < sizeof grouped; i++) {
        if (i > 0 && (len - i) % 3 == 0 && digits[i] >= '0' && digits[i] <= '9')
            grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(out, n, "%s%s%s%s", currency ? currency : "",
             currency && *currency ? " " : "", whole < 0 ? "-" : "", grouped);
}

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026, one column wide */

/* The next character of text: its bytes (*len) and columns; '?' (one
 * byte, one column) for a byte that does not start a UTF-8 character or a
 * character with no width (a control). */
static int next_char(const char *text, size_t *len)
{
    if (*text >= 0x20 && *text < 0x7f) { /* printable ASCII: one column */
        *len = 1;
        return 1;
    }
    mbstate_t st;
    wchar_t wc;
    memset(&st, 0, sizeof st);
    size_t got = mbrtowc(&wc, text, MB_LEN_MAX, &st);
    int w = got == (size_t)-1 || got == (size_t)-2 || got == 0 ? -1
                                                              : wcwidth(wc);
    if (w < 0) {
        *len = 1;
        return -1;
    }
    *len = got;
    return w;
}

/* Columns of the whole text (see next_char). */
static int text_columns(const char *text)
{
    int cols = 0;
    size_t len;
    for (; *text; text += len) {
        int w = next_char(text, &len);
        cols += w < 0 ? 1 : w;
    }
    return cols;
}

/* Appends bytes to out[*k] if they fit with room for the NUL; returns
 * whether they did. */
static int put(char *out, size_t n, size_t *k, const char *bytes, size_t len)
{
    if (*k + len >= n)
        return 0;
    memcpy(out + *k, bytes, len);
    *k += len;
    return 1;
}

/* cap_text_fit under a UTF-8 locale.  A buffer too small ends the text
 * early, still on a character boundary. */
static int fit(const char *text, int width, int pad, char *out, size_t n)
{
    int cut = text_columns(text) > width, used = 0;
    int room = cut ? width - 1 : width; /* a cut text keeps a column for ... */
    size_t k = 0, len;
    for (; *text; text += len) {
        int w = next_char(text, &len);
        int cols = w < 0 ? 1 : w;
        if (used + cols > room ||
            !put(out, n, &k, w < 0 ? "?" : text, w < 0 ? 1 : len))
            break;
        used += cols;
    }
    if (cut && width > 0 && put(out, n, &k, ELLIPSIS, sizeof ELLIPSIS - 1))
        used++;
    for (; pad && used < width && put(out, n, &k, " ", 1); used++)
        ;
    out[k] = '\0';
    return used;
}

/* wcwidth() knows widths only under a UTF-8 LC_CTYPE.  It is set for this
 * thread alone (uselocale), so the program's locale stays as it is. */
typedef struct {
    locale_t utf8, before;
} utf8_scope;

static utf8_scope utf8_begin(const char *text)
{
    utf8_scope u = {(locale_t)0, (locale_t)0};
    while (*text >= 0x20 && *text < 0x7f)
        text++;
    if (!*text) /* printable ASCII alone: no locale (newlocale maps files:
                   per cell it was a quarter of a big book's time) */
        return u;
    u.utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (u.utf8)
        u.before = uselocale(u.utf8);
    return u;
}

static void utf8_end(utf8_scope u)
{
    if (u.utf8) {
        uselocale(u.before);
        freelocale(u.utf8);
    }
}

int cap_text_fit(const char *text, int width, int pad, char *out, size_t n)
{
    if (n == 0)
        return 0;
    utf8_scope u = utf8_begin(text);
    int used = fit(text, width, pad, out, n);
    utf8_end(u);
    return used;
}

/* Display columns of text (cap_text_fit's measure). */
static int columns_of(const char *text)
{
    utf8_scope u = utf8_begin(text);
    int cols = text_columns(text);
    utf8_end(u);
    return cols;
}

/* ---- the table ---------------------------------------------------------- */

/* Names longer than this are cut (ids never are). */
#define NAME_COLUMNS 24

typedef struct {
    int id, name, money; /* display columns of the variable columns */
} widths;

/* The larger of w and the length of amount as printed (no currency code:
 * the table's headers name it). */
static int money_width(int w, double amount)
{
    char money[64];
    cap_money_whole(amount, "", money, sizeof money);
    return (int)strlen(money) > w ? (int)strlen(money) : w;
}

static widths widths_of(const cap_staffing *s, const char *money_title)
{
    widths w = {(int)strlen("partner"), (int)strlen("name"),
                (int)strlen(money_title)};
    for (size_t i = 0; i < s->partner_count; i++) {
        const cap_partner_staffing *ps = &s->partners[i];
        int id = columns_of(ps->partner->id);
        int name = columns_of(ps->partner->name);
        w.id = id > w.id ? id : w.id;
        w.name = name > w.name ? name : w.name;
        w.money = money_width(w.money, ps->annual_price);
        w.money = money_width(w.money, ps->annual_cost);
        w.money = money_width(w.money, ps->annual_margin);
    }
    if (w.name > NAME_COLUMNS)
        w.name = NAME_COLUMNS;
    return w;
}

/* "3.5/4.5 sla": contract / staffed FTE and the binding; "-" when the
 * role is not billed. */
static void role_cell(const cap_role_staffing *r, char *out, size_t cap)
{
    if (!r->billed)
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%.1f/%.1f %s", r->fte_contract, r->fte,
                 cap_binding_name(r->binding));
}

static void print_partner(FILE *out, const cap_partner_staffing *ps,
                          widths w)
{
    char id[4 * sizeof ps->partner->id], name[4 * NAME_COLUMNS + 8];
    char csm[40], tam[40], price[64], cost[64], margin[64];
    role_cell(&ps->role[CAP_ROLE_CSM], csm, sizeof csm);
    role_cell(&ps->role[CAP_ROLE_TAM], tam, sizeof tam);
    cap_text_fit(ps->partner->id, w.id, 1, id, sizeof id);
    cap_text_fit(ps->partner->name, w.name, 1, name, sizeof name);
    cap_money_whole(ps->annual_price, "", price, sizeof price);
    cap_money_whole(ps->annual_cost, "", cost, sizeof cost);
    cap_money_whole(ps->annual_margin, "", margin, sizeof margin);
    fprintf(out, "%s  %s  %-11s %-16s %9d %4s  %-20s %-20s %*s %*s %*s\n",
            id, name, cap_channel_name(ps->partner->channel),
            cap_plan_name(ps->tier), ps->customers,
            cap_yes_no(ps->role[CAP_ROLE_CSM].localized), csm, tam, w.money,
            price, w.money, cost, w.money, margin);
}

/* The replications behind the first simulated role; 0 for a rules-only
 * run (cap_report_text has no cap_run_info, so the staffing tells). */
static int replications_of(const cap_staffing *s)
{
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++)
            if (s->partners[i].role[r].active && s->partners[i].role[r].sla)
                return s->partners[i].role[r].sla->replications;
    return 0;
}

/* "  P-CSM sla  S1 97.2%  S2 89.0%!  ...  util 48%": attainment per
 * severity, '!' where a goal or the utilization cap is missed.  Returns
 * nonzero when something was marked. */
static int print_sla(FILE *out, const cap_role_staffing *rs, cap_role r,
                     const cap_model *m)
{
    const cap_sla_role *sla = rs->sla;
    int missed = 0;
    fprintf(out, "  %-5s sla", cap_role_label(r));
    for (int v = 0; v < CAP_SEVERITIES; v++) {
        const cap_sla_severity *sv = &sla->severity[v];
        int miss = sv->attainment.mean >= 0 && !cap_goal_met(sv->attainment.mean, sv->goal);
        if (sv->attainment.mean < 0) /* no tickets of this severity */
            fprintf(out, "  S%d    n/a ", v + 1);
        else
            fprintf(out, "  S%d %5.1f%%%s", v + 1, 100 * sv->attainment.mean,
                    miss ? "!" : " ");
        missed |= miss;
    }
    int over = sla->utilization.mean > m->utilization_cap;
    fprintf(out, "  util %3.0f%%%s\n", 100 * sla->utilization.mean,
            over ? "!" : "");
    return missed || over;
}

/* "  P-CSM: 40 customers at 12.5 per FTE: 3.5 FTE." per active role. */
static void print_explain(FILE *out, const cap_partner_staffing *ps)
{
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && ps->role[r].explain && ps->role[r].explain[0])
            fprintf(out, "  %s%s: %s\n", cap_role_label((cap_role)r),
                    ps->role[r].billed ? "" : " (option)", ps->role[r].explain);
}

/* The SLA lines of every simulated role; returns nonzero on any miss. */
static int print_partner_sla(FILE *out, const cap_partner_staffing *ps,
                             const cap_model *m)
{
    int missed = 0;
    for (int r = 0; r < CAP_ROLES; r++)
        if (ps->role[r].active && ps->role[r].sla)
            missed |= print_sla(out, &ps->role[r], (cap_role)r, m);
    return missed;
}

/* "  tam options: dedicated 0.5/1.5 FTE price USD 115,000 | service hours
 * 11.2 h/month price USD 30,159 -> service hours billed" */
static void print_tam_options(FILE *out, const cap_partner_staffing *ps,
                              const cap_model *m)
{
    static const char *const choice[] = {"-", "dedicated P-TAM", "service hours"};
    const cap_tam_options *t = &ps->tam_options;
    char dedicated[64], service[64];
    if (!t->compared)
        return;
    cap_money_whole(t->dedicated_annual_price, m->currency, dedicated,
                   sizeof dedicated);
    cap_money_whole(t->service_annual_cost, m->currency, service,
                   sizeof service);
    fprintf(out, "  tam options: dedicated %.1f/%.1f FTE price %s%s | service "
                 "hours %.1f h/month price %s%s -> ",
            t->dedicated_contract_fte, t->dedicated_fte, dedicated,
            t->dedicated_meets_sla ? "" : " (misses SLA)",
            t->service_hours_month, service,
            t->service_meets_sla ? "" : " (misses SLA)");
    if (t->open)
        fprintf(out, "%s billed (the cheaper meeting the SLA)\n", choice[t->choice]);
    else if (ps->role[CAP_ROLE_TAM].billed && ps->service_hours_billed)
        fprintf(out, "both billed: the partner contracts both\n");
    else
        fprintf(out, "%s billed (contracted)\n",
                choice[ps->service_hours_billed ? CAP_TAM_CHOICE_SERVICE_HOURS
                                                : CAP_TAM_CHOICE_DEDICATED]);
}

static void print_heading(FILE *out, const cap_staffing *s,
                          const cap_portfolio *p)
{
    char mode[48];
    int replications = replications_of(s);
    if (replications > 0)
        snprintf(mode, sizeof mode, "simulated, %d replications",
                 replications);
    else
        snprintf(mode, sizeof mode, "rules only");
    fprintf(out, "%s: %zu partners, quarter %s (%s)\n\n", p->name,
            s->partner_count, s->quarter_label, mode);
}

/* One row of the quarters table: amounts in whole currency units (the
 * workbooks hold the cents). */
static void print_quarter_row(FILE *out, const char *label, int customers,
                              const double *fte, const cap_bill *b)
{
    char price[64], cost[64], margin[64], csm[16] = "", tam[16] = "";
    char count[16] = "";
    cap_money_whole(b->price.total, "", price, sizeof price);
    cap_money_whole(b->cost.total, "", cost, sizeof cost);
    cap_money_whole(b->margin, "", margin, sizeof margin);
    if (fte) {
        snprintf(count, sizeof count, "%d", customers);
        snprintf(csm, sizeof csm, "%.1f", fte[CAP_ROLE_CSM]);
        snprintf(tam, sizeof tam, "%.1f", fte[CAP_ROLE_TAM]);
    }
    fprintf(out, "%-8s %9s %10s %10s %16s %16s %16s\n", label, count, csm,
            tam, price, cost, margin);
}

/* Every quarter of the horizon: customers, staffed FTE, price, cost,
 * margin; then the horizon's. */
static void print_quarters(FILE *out, const cap_horizon *h, const cap_model *m)
{
    char title[3][48];
    snprintf(title[0], sizeof title[0], "price (%s)", m->currency);
    snprintf(title[1], sizeof title[1], "cost (%s)", m->currency);
    snprintf(title[2], sizeof title[2], "margin (%s)", m->currency);
    fprintf(out, "\n%-8s %9s %10s %10s %16s %16s %16s\n", "quarter",
            "customers", "P-CSM FTE", "P-TAM FTE", title[0], title[1],
            title[2]);
    for (int q = 0; q < h->count; q++) {
        const cap_staffing *s = h->quarter[q];
        cap_bill b = cap_bill_quarter(m, s, 4);
        print_quarter_row(out, s->quarter_label, s->customers_total,
                          s->fte_total, &b);
    }
    cap_bill all = cap_horizon_bill(m, h);
    print_quarter_row(out, "horizon", 0, NULL, &all);
}

/* ---- warnings, grouped by kind ----------------------------------------- */

/* One warning of one partner's role. */
typedef struct {
    const char *id, *text, *role;
    char kind[200]; /* role and text with every number as '#' */
    int printed;
} warning;

/* "P-CSM requested # FTE is below the recommended # FTE": warnings that
 * differ only in their numbers are of one kind. */
static void kind_of(warning *w)
{
    size_t k = (size_t)snprintf(w->kind, sizeof w->kind, "%s ", w->role);
    for (const char *c = w->text; *c && k + 1 < sizeof w->kind; c++) {
        if ((*c >= '0' && *c <= '9') ||
            (*c == '.' && c[1] >= '0' && c[1] <= '9' && k > 0 &&
             w->kind[k - 1] == '#')) {
            if (k == 0 || w->kind[k - 1] != '#')
                w->kind[k++] = '#';
            continue;
        }
        w->kind[k++] = *c;
    }
    w->kind[k] = '\0';
}

/* Word wi of text (words end at ' ' or ';'); its length, 0 past the end. */
static size_t word_at(const char *text, size_t wi, const char **start)
{
    for (size_t i = 0;; i++) {
        text += strspn(text, " ");
        size_t len = strcspn(text, " ;");
        if (i == wi || len == 0) {
            *start = text;
            return len;
        }
        text += len;
    }
}

/* The words that every warning of all[first]'s kind shares, "..." for those
 * that differ, up to the first ';' (what follows it explains). */
static void kind_label(const warning *all, size_t count, size_t first,
                       FILE *out)
{
    const char *word, *other;
    size_t len;
    for (size_t wi = 0; (len = word_at(all[first].text, wi, &word)) > 0;
         wi++) {
        int same = 1;
        for (size_t i = first + 1; i < count && same; i++)
            if (strcmp(all[i].kind, all[first].kind) == 0)
                same = word_at(all[i].text, wi, &other) == len &&
                       strncmp(other, word, len) == 0;
        fprintf(out, "%s%.*s", wi ? " " : "", same ? (int)len : (int)(sizeof ELLIPSIS - 1),
                same ? word : ELLIPSIS);
        if (word[len] == ';')
            break;
    }
}

static size_t collect_warnings(const cap_staffing *s, warning *all)
{
    size_t n = 0;
    for (size_t i = 0; i < s->partner_count; i++)
        for (int r = 0; r < CAP_ROLES; r++) {
            const cap_role_staffing *role = &s->partners[i].role[r];
            for (int w = 0; role->active && w < role->warning_count; w++) {
                warning *x = &all[n++];
                x->id = s->partners[i].partner->id;
                x->text = role->warnings[w];
                x->role = cap_role_label((cap_role)r);
                x->printed = 0;
                kind_of(x);
            }
        }
    return n;
}

/* A lone warning in full ("warning: acme P-CSM: requested 1.5 FTE is below
 * the recommended 4.0 FTE"); several of one kind on one line that names
 * the partners ("warning (3 partners): P-CSM load exceeds ...: a, b, c"). */
static void print_warnings(FILE *out, const cap_staffing *s)
{
    warning *all = calloc(s->partner_count * CAP_ROLES * CAP_WARNINGS_MAX + 1,
                          sizeof *all);
    if (!all)
        abort();
    size_t n = collect_warnings(s, all);
    if (n > 0)
        fprintf(out, "\n");
    for (size_t i = 0; i < n; i++) {
        size_t same = 0;
        for (size_t j = i; j < n; j++)
            same += strcmp(all[j].kind, all[i].kind) == 0;
        if (all[i].printed)
            continue;
        if (same == 1) {
            fprintf(out, "warning: %s %s: %s\n", all[i].id, all[i].role,
                    all[i].text);
            continue;
        }
        fprintf(out, "warning (%zu partners): %s ", same, all[i].role);
        kind_label(all, n, i, out);
        for (size_t j = i, k = 0; j < n; j++)
            if (strcmp(all[j].kind, all[i].kind) == 0) {
                fprintf(out, "%s%s", k++ ? ", " : ": ", all[j].id);
                all[j].printed = 1;
            }
        fprintf(out, "\n");
    }
    free(all);
}

cap_status cap_report_text(FILE *out, const cap_horizon *h,
                           const cap_portfolio *p, const cap_model *m,
                           const char *out_dir, cap_error *err)
{
    const cap_staffing *s = h->quarter[0];
    char id[4 * sizeof p->partners[0].id], name[4 * NAME_COLUMNS + 8];
    char title[3][48], price[64], cost[64], margin[64];
    snprintf(title[0], sizeof title[0], "price/year (%s)", m->currency);
    snprintf(title[1], sizeof title[1], "cost/year (%s)", m->currency);
    snprintf(title[2], sizeof title[2], "margin (%s)", m->currency);
    widths w = widths_of(s, title[0]);
    int missed = 0;
    print_heading(out, s, p);
    cap_text_fit("partner", w.id, 1, id, sizeof id);
    cap_text_fit("name", w.name, 1, name, sizeof name);
    fprintf(out, "%s  %s  %-11s %-16s %9s %4s  %-20s %-20s %*s %*s %*s\n",
            id, name, "channel", "tier", "customers", "loc", "P-CSM FTE",
            "P-TAM FTE", w.money, title[0], w.money, title[1], w.money,
            title[2]);
    for (size_t i = 0; i < s->partner_count; i++) {
        const cap_partner_staffing *ps = &s->partners[i];
        print_partner(out, ps, w);
        print_explain(out, ps);
        missed |= print_partner_sla(out, ps, m);
        print_tam_options(out, ps, m);
    }
    if (missed)
        fprintf(out, "! below the attainment goal or above the utilization "
                "cap\n");
    cap_money_whole(s->annual_price_total, m->currency, price, sizeof price);
    cap_money_whole(s->annual_cost_total, m->currency, cost, sizeof cost);
    cap_money_whole(s->annual_margin_total, m->currency, margin,
                   sizeof margin);
    fprintf(out, "\ntotal: %.1f/%.1f P-CSM FTE, %.1f/%.1f P-TAM FTE (contract/"
                 "staffed); a year, dedicated roles and service hours: price "
                 "%s, cost %s, margin %s\n",
            s->fte_contract_total[CAP_ROLE_CSM], s->fte_total[CAP_ROLE_CSM],
            s->fte_contract_total[CAP_ROLE_TAM], s->fte_total[CAP_ROLE_TAM],
            price, cost, margin);
    print_quarters(out, h, m);
    print_warnings(out, s);
    fprintf(out, "workbooks: %s/staffing.xlsx, %s/cost.xlsx, "
            "%s/quarterly.xlsx\n", out_dir, out_dir, out_dir);
    if (ferror(out))
        return cap_error_set(err, CAP_ERR_OUTPUT, "stdout", 0, NULL,
                             "cannot write the summary");
    return CAP_OK;
}
