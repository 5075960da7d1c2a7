/* cli.c - argument parsing, kept out of main(). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "shardfile.h"
#include "text.h"

/* One line (or an indented continuation) per command, input, workbook,
 * option and exit status, in sections: a new one is one more line in its
 * section, and doc/capplan.1 gets the same line. */
const char *cap_cli_usage(void)
{
    return "usage: capplan [options] PORTFOLIO.ini [CUSTOMERS.csv]\n"
           "       capplan size --channel C --customers \"PLAN TZ N, ...\" [options]\n"
           "       capplan compare [options] BASE.ini VARIANT.ini [...] [CUSTOMERS.csv]\n"
           "       capplan --shard K/N [options] PORTFOLIO.ini [CUSTOMERS.csv] > SHARD.json\n"
           "       capplan merge [-o DIR] [--json] SHARD.json...\n"
           "       capplan queue --arrivals-per-hour L --handle-minutes H\n"
           "                     --servers C --target-minutes T [options]\n"
           "\n"
           "Sizes the P-CSM and P-TAM teams of a partner portfolio quarter by\n"
           "quarter, simulates their tickets against the first-response SLAs,\n"
           "writes three workbooks and prints a summary (see man capplan).\n"
           "\n"
           "commands:\n"
           "  (none)          size the portfolio PORTFOLIO.ini [+ CUSTOMERS.csv]\n"
           "  size            size one deal given as flags (capplan size --help);\n"
           "                  --compare \"key=value, ...\" adds a variant of it\n"
           "  compare         scenarios side by side on the same seed: FTE,\n"
           "                  price, cost, margin and differences from the\n"
           "                  base (capplan compare --help)\n"
           "  queue           one stationary queue: Erlang C beside the\n"
           "                  simulation (capplan queue --help)\n"
           "  calibrate       fit the model's ticket numbers to a helpdesk export\n"
           "                  (capplan calibrate --help)\n"
           "  merge           the workbooks and JSON of the whole book from the\n"
           "                  shard files of one --shard run, byte for byte a\n"
           "                  single run's (capplan merge --help)\n"
           "\n"
           "inputs:\n"
           "  PORTFOLIO.ini   portfolio INI: [portfolio] name, start, quarters;\n"
           "                  one [partner.ID] section per partner; [csv] maps\n"
           "                  a CRM export's headers to the CSV columns\n"
           "  CUSTOMERS.csv   customers CSV (UTF-8, a header row): partner, plan,\n"
           "                  timezone, customers [, name, quarter, channel,\n"
           "                  csm, tam, tam_tier, service_hours, localization,\n"
           "                  growth]\n"
           "  MODEL.ini       model INI (-m): plans, SLAs, ticket rates, rates;\n"
           "                  default: the built-in copy of models/dispel.ini\n"
           "  -               a file name \"-\" reads standard input:\n"
           "                  cat deal.ini | capplan -   capplan book.ini - < book.csv\n"
           "\n"
           "workbooks (in the -o folder, default reports/):\n"
           "  staffing.xlsx   FTE per partner and role: rules, coverage, simulation\n"
           "  cost.xlsx       annual cost, live formulas over editable rates\n"
           "  quarterly.xlsx  FTE and cost per partner and quarter\n"
           "  quote.xlsx      capplan size -o: one deal's price on one page\n"
           "  compare.xlsx    capplan compare / size --compare -o: scenarios\n"
           "\n"
           "options:\n"
           "  -o DIR          write workbooks to DIR (default: reports)\n"
           "  -m MODEL        rule model INI (default: the built-in\n"
           "                  models/dispel.ini)\n"
           "  --json          print the results as one JSON document\n"
           "  --no-sim        rules only, no ticket simulation\n"
           "  --seed N        random seed (default: the model's)\n"
           "  -r N            replications (default: the model's)\n"
           "  -j N            worker threads (default: all cores); the results\n"
           "                  do not depend on it\n"
           "  --today DATE    date the default start is counted from\n"
           "  --encoding NAME read input files that are not UTF-8 as NAME\n"
           "                  (cp1252, latin1, utf-16...: see iconv -l)\n"
           "  --deterministic fixed workbook creation date (for tests)\n"
           "  --shard K/N     simulate only shard K of N (partners K-1, K-1+N,\n"
           "                  ...) and print its shard file for capplan merge;\n"
           "                  no workbooks (so no -o, no --json)\n"
           "  --help          this text\n"
           "  --version       program version\n"
           "\n"
           "exit status:\n"
           "  0               ok\n"
           "  2               usage: a bad command line\n"
           "  3               bad input: a portfolio, customers or model value, or\n"
           "                  shard files that are not the N shards of one run\n"
           "  4               a file that cannot be read, or an output folder or\n"
           "                  workbook that cannot be written\n"
           "  70              internal error (a library failed unexpectedly)\n";
}

static int parse_whole(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (!*text || *end || errno || v < min || v > max)
        return 0;
    *out = v;
    return 1;
}

/* Options that take a value; returns 1 when argv[*i] was one. */
static int value_option(int argc, char **argv, int *i, cap_options *o,
                        cap_status *st, cap_error *err)
{
    static const char *const names[] = {"-o", "-m", "--seed", "-r", "-j",
                                        "--today", "--encoding", NULL};
    int which = -1;
    for (int k = 0; names[k]; k++)
        if (strcmp(argv[*i], names[k]) == 0)
            which = k;
    if (which < 0)
        return 0;
    if (*i + 1 >= argc) {
        *st = cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[*i],
                            "needs a value");
        return 1;
    }
    const char *v = argv[++*i];
    long n = 0;
    static const long max[] = {0, 0, 4294967295L, 1000000, 256, 0, 0};
    if (which >= 2 && which <= 4 && !parse_whole(v, which == 2 ? 0 : 1, max[which], &n)) {
        *st = cap_error_set(err, CAP_ERR_USAGE, NULL, 0, names[which],
                            "\"%s\" is not a whole number in range", v);
        return 1;
    }
    switch (which) {
    case 0: o->out_dir = v; break;
    case 1: o->model_path = v; break;
    case 2: o->seed = (unsigned long)n; o->seed_set = 1; break;
    case 3: o->replications = (int)n; break;
    case 4: o->threads = (int)n; break;
    case 5: o->today = v; break;
    default:
        if (!cap_text_encoding_known(v))
            *st = cap_error_set(err, CAP_ERR_USAGE, NULL, 0, names[which],
                                "unknown encoding \"%s\" (iconv -l lists the "
                                "names)", v);
        o->encoding = v;
        break;
    }
    return 1;
}

static int flag_option(const char *arg, cap_options *o)
{
    static const char *const names[] = {"--json", "--no-sim", "--deterministic",
                                        "--help", "-h", "--version", NULL};
    int *targets[] = {&o->json, &o->no_sim, &o->deterministic, &o->help,
                      &o->help, &o->version};
    for (int k = 0; names[k]; k++)
        if (strcmp(arg, names[k]) == 0) {
            *targets[k] = 1;
            return 1;
        }
    return 0;
}

static int is_stdin(const char *path) { return path && strcmp(path, "-") == 0; }

/* Standard input can feed one file only. */
static cap_status stdin_once(const cap_options *o, cap_error *err)
{
    if (is_stdin(o->portfolio) + is_stdin(o->customers) +
            is_stdin(o->model_path) > 1)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "-",
                             "standard input can feed only one of the "
                             "portfolio, the CSV and the model");
    return CAP_OK;
}

int cap_cli_common(int argc, char **argv, int *i, cap_options *o,
                   cap_status *st, cap_error *err)
{
    *st = CAP_OK;
    return flag_option(argv[*i], o) || value_option(argc, argv, i, o, st, err);
}

/* --shard K/N: the portfolio run only (capplan merge puts shards
 * together). */
static cap_status shard_option(int argc, char **argv, int *i, cap_options *o,
                               cap_error *err)
{
    cap_shard_spec s;
    if (*i + 1 >= argc)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--shard",
                             "needs a value K/N");
    const char *v = argv[++*i];
    if (!cap_shard_parse(v, &s))
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--shard",
                             "\"%s\" is not K/N, whole numbers with 1 <= K "
                             "<= N <= %d", v, CAP_SHARDS_MAX);
    o->shard_k = s.k;
    o->shard_n = s.n;
    return CAP_OK;
}

cap_status cap_cli_parse(int argc, char **argv, cap_options *o, cap_error *err)
{
    memset(o, 0, sizeof *o);
    int positional = 0;
    for (int i = 1; i < argc; i++) {
        cap_status st = CAP_OK;
        if (cap_cli_common(argc, argv, &i, o, &st, err)) {
            if (st)
                return st;
        } else if (strcmp(argv[i], "--shard") == 0) {
            CAP_TRY(shard_option(argc, argv, &i, o, err));
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 "unknown option (see capplan --help)");
        } else if (positional == 0) {
            o->portfolio = argv[i];
            positional++;
        } else if (positional == 1) {
            o->customers = argv[i];
            positional++;
        } else {
            return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, argv[i],
                                 "too many arguments (want PORTFOLIO.ini "
                                 "[CUSTOMERS.csv])");
        }
    }
    if (o->shard_n && o->json)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "--json",
                             "--shard prints its shard file, not the book's "
                             "JSON: give --json to capplan merge");
    if (o->shard_n && o->out_dir)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, "-o",
                             "--shard prints its shard file and writes no "
                             "workbooks: give -o to capplan merge");
    if (!o->out_dir)
        o->out_dir = "reports";
    if (!o->portfolio && !o->help && !o->version)
        return cap_error_set(err, CAP_ERR_USAGE, NULL, 0, NULL,
                             "no portfolio given (see capplan --help)");
    return stdin_once(o, err);
}
