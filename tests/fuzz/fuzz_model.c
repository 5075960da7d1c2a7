/* fuzz_model.c - libFuzzer: a model INI (-m), loaded and checked. */
#include "fuzz_input.h"

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cap_error err;
    char path[64];
    int fd = fuzz_stage(data, size, path);
    cap_model_free(cap_model_load(path, &err));
    close(fd);
    return 0;
}
