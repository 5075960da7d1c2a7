/* main.c - capplan: pick the command, run it, map errors to exit codes. */
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "calibcmd.h"
#include "cli.h"
#include "comparecmd.h"
#include "queuecmd.h"
#include "run.h"
#include "shardcmd.h"
#include "sizecmd.h"

/* capplan [options] PORTFOLIO.ini [CUSTOMERS.csv] */
static cap_status portfolio_command(int argc, char **argv, cap_error *err)
{
    cap_options o;
    cap_status st = cap_cli_parse(argc, argv, &o, err);
    if (st == CAP_OK && o.help)
        fputs(cap_cli_usage(), stdout);
    else if (st == CAP_OK && o.version)
        printf("capplan %s\n", CAP_VERSION);
    else if (st == CAP_OK && o.shard_n)
        st = cap_shard_run(&o, stdout, err);
    else if (st == CAP_OK)
        st = cap_run(&o, stdout, err);
    return st;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C");
    /* capplan checks GSL's statuses itself (and falls back where GSL's
     * quantiles give up, quantile.h): GSL's default handler would abort */
    gsl_set_error_handler_off();
    cap_error err;
    cap_error_clear(&err);
    cap_status st;
    if (argc < 2) { /* a bare `capplan` asks what it can do */
        fputs(cap_cli_usage(), stderr);
        return cap_error_exit_code(CAP_ERR_USAGE);
    } else if (strcmp(argv[1], "queue") == 0)
        st = cap_queue_command(argc - 1, argv + 1, stdout, &err);
    else if (strcmp(argv[1], "calibrate") == 0)
        st = cap_calibrate_command(argc - 1, argv + 1, stdout, stderr, &err);
    else if (strcmp(argv[1], "size") == 0)
        st = cap_size_command(argc - 1, argv + 1, stdout, &err);
    else if (strcmp(argv[1], "compare") == 0)
        st = cap_compare_command(argc - 1, argv + 1, stdout, &err);
    else if (strcmp(argv[1], "merge") == 0)
        st = cap_merge_command(argc - 1, argv + 1, stdout, &err);
    else
        st = portfolio_command(argc, argv, &err);
    if (st == CAP_OK && fclose(stdout) != 0) {
        cap_error_set(&err, CAP_ERR_OUTPUT, "stdout", 0, NULL, "write failed");
        st = CAP_ERR_OUTPUT;
    }
    if (st != CAP_OK)
        fprintf(stderr, "capplan: %s\n", err.message);
    return cap_error_exit_code(st);
}
