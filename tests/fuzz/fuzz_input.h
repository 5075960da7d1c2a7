/* fuzz_input.h - hands a libFuzzer input to capplan's loaders, which read
 * paths: the bytes go into an anonymous file named /proc/self/fd/N. */
#ifndef CAP_FUZZ_INPUT_H
#define CAP_FUZZ_INPUT_H

#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data to a new anonymous file; its path goes to path.  Returns the
 * descriptor to close afterwards. */
static int fuzz_stage(const uint8_t *data, size_t size, char path[64])
{
    int fd = memfd_create("capplan-fuzz", 0);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
        abort();
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
