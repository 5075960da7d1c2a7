/* main.c - capplan: parse the command line, run, map errors to exit codes. */
#include <locale.h>
#include <stdio.h>

#include "cli.h"
#include "run.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C");
    cap_options o;
    cap_error err;
    cap_error_clear(&err);
    cap_status st = cap_cli_parse(argc, argv, &o, &err);
    if (st == CAP_OK && o.help) {
        fputs(cap_cli_usage(), stdout);
    } else if (st == CAP_OK && o.version) {
        printf("capplan %s\n", CAP_VERSION);
    } else if (st == CAP_OK) {
        st = cap_run(&o, stdout, &err);
    }
    if (st == CAP_OK && fclose(stdout) != 0) {
        cap_error_set(&err, CAP_ERR_OUTPUT, "stdout", 0, NULL, "write failed");
        st = CAP_ERR_OUTPUT;
    }
    if (st != CAP_OK)
        fprintf(stderr, "capplan: %s\n", err.message);
    return cap_error_exit_code(st);
}
