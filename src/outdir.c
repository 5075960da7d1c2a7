/* outdir.c - the output folder and the paths inside it. */
#include "outdir.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

cap_status cap_outdir_prepare(const char *dir, cap_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno == ENOENT && mkdir(dir, 0777) == 0)
            return CAP_OK;
        /* EEXIST: another run into the same new folder made it since the
         * stat; it is checked below like any folder that was there */
        if (errno != EEXIST || stat(dir, &st) != 0)
            return cap_error_set(err, CAP_ERR_IO, dir, 0, "output folder",
                                 "cannot create it: %s", strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return cap_error_set(err, CAP_ERR_IO, dir, 0, "output folder",
                             "not a folder");
    if (access(dir, W_OK | X_OK) != 0)
        return cap_error_set(err, CAP_ERR_IO, dir, 0, "output folder",
                             "not writable: %s", strerror(errno));
    return CAP_OK;
}

cap_status cap_outdir_path(const char *dir, const char *name, char *out,
                           size_t cap, cap_error *err)
{
    if ((size_t)snprintf(out, cap, "%s/%s", dir, name) >= cap)
        return cap_error_set(err, CAP_ERR_IO, dir, 0, "output folder",
                             "path too long");
    return CAP_OK;
}
