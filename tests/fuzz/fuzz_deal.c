/* fuzz_deal.c - libFuzzer: `capplan size --customers TEXT` (and the rest
 * of a deal's keys at fixed values), through cap_deal_portfolio. */
#include "fuzz_input.h"

#include <string.h>

#include "deal.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cap_model *model;
    cap_error err;
    if (!model && !(model = cap_model_builtin(&err)))
        abort();
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0'; /* a flag is a C string: it ends at the first NUL */
    cap_deal d = {{NULL}};
    d.value[CAP_DEAL_CHANNEL] = "reseller";
    d.value[CAP_DEAL_CUSTOMERS] = text;
    cap_portfolio *p = cap_deal_portfolio(&d, NULL, model,
                                          (cap_date){2026, 11, 30}, &err);
    cap_portfolio_free(p);
    free(text);
    return 0;
}
