/* outdir.c - the output folder, and staged files renamed together. */
#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
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

/* DIR/.NAME.tmp.PID beside path, so the final rename() stays inside one
 * file system and is atomic. */
static cap_status temp_name(const char *path, char *out, size_t n,
                            cap_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int len;
    if (!*base)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "not a file name");
    len = snprintf(out, n, "%.*s.%s.tmp.%ld", (int)(base - path), path, base,
                   (long)getpid());
    if (len < 0 || (size_t)len >= n)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "path is too long");
    return CAP_OK;
}

cap_status cap_outdir_stage(const char *path, cap_staged *f, cap_error *err)
{
    memset(f, 0, sizeof *f);
    if ((size_t)snprintf(f->path, sizeof f->path, "%s", path) >= sizeof f->path)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "path is too long");
    cap_status st = temp_name(path, f->tmp, sizeof f->tmp, err);
    if (st != CAP_OK)
        return st;
    int fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0 || close(fd) != 0)
        return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                             "cannot create the temporary file %s: %s",
                             f->tmp, strerror(errno));
    f->staged = 1;
    return CAP_OK;
}

/* A path that is there but no regular file (a folder, say) would make its
 * rename fail after the files before it were replaced: refuse first. */
static cap_status check_targets(cap_staged *files, size_t n, cap_error *err)
{
    struct stat st;
    for (size_t i = 0; i < n; i++)
        if (lstat(files[i].path, &st) == 0 && !S_ISREG(st.st_mode)) {
            cap_error_set(err, CAP_ERR_OUTPUT, files[i].path, 0, NULL,
                          "cannot write: %s", S_ISDIR(st.st_mode)
                              ? strerror(EISDIR) : "not a regular file");
            cap_outdir_discard(files, n);
            return CAP_ERR_OUTPUT;
        }
    return CAP_OK;
}

cap_status cap_outdir_publish(cap_staged *files, size_t n, cap_error *err)
{
    if (check_targets(files, n, err) != CAP_OK)
        return CAP_ERR_OUTPUT;
    for (size_t i = 0; i < n; i++) {
        if (rename(files[i].tmp, files[i].path) != 0) {
            cap_error_set(err, CAP_ERR_OUTPUT, files[i].path, 0, NULL,
                          "cannot write: %s", strerror(errno));
            cap_outdir_discard(files + i, n - i);
            return CAP_ERR_OUTPUT;
        }
        files[i].staged = 0;
    }
    return CAP_OK;
}

void cap_outdir_discard(cap_staged *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (files[i].staged) {
            unlink(files[i].tmp); /* nothing more to do if this fails too */
            files[i].staged = 0;
        }
}
