/* fuzz_portfolio.c - libFuzzer: the portfolio INI, loaded and validated. */
#include "fuzz_input.h"

#include "model.h"
#include "portfolio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cap_model *model;
    cap_error err;
    char path[64];
    if (!model && !(model = cap_model_builtin(&err)))
        abort();
    int fd = fuzz_stage(data, size, path);
    cap_portfolio *p = cap_portfolio_load(path, model, (cap_date){2026, 11, 30},
                                          &err);
    if (p)
        cap_portfolio_validate(p, &err);
    cap_portfolio_free(p);
    close(fd);
    return 0;
}
