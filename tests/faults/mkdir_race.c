/* mkdir_race.c - an LD_PRELOAD shim for tests/faults/publish.sh (case
 * new-folder).  mkdir() of the path in CAPPLAN_MKDIR_RACE first lets
 * "another run" make that folder (the real mkdir), then makes it itself:
 * what happens when two runs into a new folder both found it missing and
 * the other one was quicker.  capplan must then use the folder, not fail
 * with "cannot create it: File exists". */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

int mkdir(const char *path, mode_t mode)
{
    int (*real)(const char *, mode_t);
    /* POSIX's way to take a function from dlsym without a cast ISO C
     * forbids */
    *(void **)(&real) = dlsym(RTLD_NEXT, "mkdir");
    const char *race = getenv("CAPPLAN_MKDIR_RACE");
    if (race && strcmp(path, race) == 0)
        real(path, mode);
    return real(path, mode);
}
