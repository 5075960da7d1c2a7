/* portfolio_text.h - unit tests' portfolios from text: written to
 * dir/name and loaded with the model, starting 2027-01-01. NULL (and the
 * message on stderr) when the text is refused. */
#ifndef CAP_PORTFOLIO_TEXT_H
#define CAP_PORTFOLIO_TEXT_H

#include <stdio.h>
#include <stdlib.h>

#include "portfolio.h"

static cap_portfolio *cap_test_portfolio(const cap_model *m, const char *dir,
                                         const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
    cap_error err;
    cap_portfolio *p = cap_portfolio_load(path, m, (cap_date){2027, 1, 1}, &err);
    if (!p)
        fprintf(stderr, "%s\n", err.message);
    return p;
}

#endif
