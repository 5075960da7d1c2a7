/* fuzz_customers.c - libFuzzer: a customers CSV beside a fixed portfolio. */
#include "fuzz_input.h"

#include <string.h>

#include "model.h"
#include "portfolio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "[portfolio]\nstart = 2027-01-01\nquarters = 4\n"
                           "[partner.acme]\nchannel = oem\n"
                           "customers = basic America/New_York 12\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cap_model *model;
    cap_error err;
    char ini[64], csv[64];
    if (!model && !(model = cap_model_builtin(&err)))
        abort();
    int ini_fd = fuzz_stage((const uint8_t *)base, strlen(base), ini);
    int csv_fd = fuzz_stage(data, size, csv);
    cap_portfolio *p = cap_portfolio_load(ini, model, (cap_date){2026, 11, 30},
                                          &err);
    if (!p)
        abort(); /* the base portfolio is valid */
    if (cap_portfolio_add_csv(p, csv, model, &err) == CAP_OK)
        cap_portfolio_validate(p, &err);
    cap_portfolio_free(p);
    close(csv_fd);
    close(ini_fd);
    return 0;
}
