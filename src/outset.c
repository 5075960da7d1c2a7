/* outset.c - a run's workbooks published as a set (see outset.h). */
#include "outset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOCK_NAME ".capplan.lock"
#define STAGE_PREFIX ".capplan-stage."
#define PROBE_PREFIX ".capplan-probe."
#define MANIFEST "manifest"
#define MANIFEST_TMP "manifest.tmp"
#define MANIFEST_HEAD "capplan-publish 1\n"
#define PREV_SUFFIX ".prev"

struct cap_outset {
    const char *dir;
    const char *const *names;
    size_t n;
    cap_staged *files;
    char lock_path[CAP_PATH_MAX];
    int lock_fd;
    char stage[CAP_PATH_MAX]; /* "" until made */
    int published;            /* renames may have happened, not committed */
    struct sigaction old_int, old_term;
};

/* The signal that asked us to stop, 0 if none: publishing checks it at each
 * step and rolls back rather than dying half-way. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

/* a/b into out (CAP_PATH_MAX); -1 with ENAMETOOLONG when it does not fit. */
static int join(char *out, const char *a, const char *b, const char *suffix)
{
    int len = snprintf(out, CAP_PATH_MAX, "%s/%s%s", a, b, suffix);
    if (len >= 0 && len < CAP_PATH_MAX)
        return 0;
    errno = ENAMETOOLONG;
    return -1;
}

/* CAPPLAN_FAULT=STAGE[:ACTION] (outset.h): -1 with EIO for "fail". */
static int fault(const char *stage, size_t n)
{
    const char *spec = getenv("CAPPLAN_FAULT");
    char want[32];
    if (!spec)
        return 0;
    if (n)
        snprintf(want, sizeof want, "%s-%zu", stage, n);
    else
        snprintf(want, sizeof want, "%s", stage);
    size_t len = strlen(want);
    if (strncmp(spec, want, len) != 0 || (spec[len] && spec[len] != ':'))
        return 0;
    const char *action = spec[len] ? spec + len + 1 : "kill";
    if (strcmp(action, "fail") == 0) {
        errno = EIO;
        return -1;
    }
    raise(strcmp(action, "term") == 0 ? SIGTERM : SIGKILL);
    return 0;
}

/* ---- checks ----------------------------------------------------------- */

/* A name held by a folder would make its rename fail half-way. */
static cap_status check_targets(const char *dir, const char *const *names,
                                size_t n, cap_error *err)
{
    char path[CAP_PATH_MAX];
    struct stat st;
    for (size_t i = 0; i < n; i++) {
        if (join(path, dir, names[i], ""))
            return cap_error_set(err, CAP_ERR_IO, dir, 0, "output folder",
                                 "path too long");
        if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
            return cap_error_set(err, CAP_ERR_OUTPUT, path, 0, NULL,
                                 "cannot write: %s", S_ISDIR(st.st_mode)
                                     ? strerror(EISDIR) : "not a regular file");
    }
    return CAP_OK;
}

cap_status cap_outset_check(const char *dir, const char *const *names,
                            size_t n, cap_error *err)
{
    char probe[CAP_PATH_MAX], name[64];
    CAP_TRY(cap_outdir_prepare(dir, err));
    /* access() says yes to root on a read-only mount: make a real folder.
     * It is made without the lock, beside another run's stage: named apart
     * from stages and with our pid, so that run's recover() leaves it to
     * us while we live */
    snprintf(name, sizeof name, PROBE_PREFIX "%ld.XXXXXX", (long)getpid());
    if (join(probe, dir, name, "") || !mkdtemp(probe))
        return cap_error_set(err, CAP_ERR_IO, dir, 0, "output folder",
                             "not writable: %s", strerror(errno));
    rmdir(probe);
    return check_targets(dir, names, n, err);
}

/* ---- the lock --------------------------------------------------------- */

/* Locks DIR/.capplan.lock.  The holder removes the file when it is done, so
 * a lock won on a file no longer at that name is retried on the new one. */
static cap_status take_lock(cap_outset *s, cap_error *err)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    struct stat held, named;
    for (;;) {
        int fd = open(s->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0)
            return cap_error_set(err, CAP_ERR_OUTPUT, s->lock_path, 0, NULL,
                                 "cannot lock the output folder: %s",
                                 strerror(errno));
        while (fcntl(fd, F_SETLKW, &fl) != 0)
            if (errno != EINTR || interrupted) {
                int e = interrupted ? EINTR : errno;
                close(fd);
                return cap_error_set(err, CAP_ERR_OUTPUT, s->lock_path, 0,
                                     NULL, "cannot lock the output folder: %s",
                                     strerror(e));
            }
        if (fstat(fd, &held) == 0 && stat(s->lock_path, &named) == 0 &&
            held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
            s->lock_fd = fd;
            return CAP_OK;
        }
        close(fd);
    }
}

static void release_lock(cap_outset *s)
{
    if (s->lock_fd < 0)
        return;
    unlink(s->lock_path); /* while still held: see take_lock */
    close(s->lock_fd);
    s->lock_fd = -1;
}

/* ---- rolling back and removing a stage -------------------------------- */

/* Puts back the previous NAME if the new one (inode ino) is in place. */
static int restore_one(const char *dir, const char *stage, const char *name,
                       unsigned long long ino)
{
    char target[CAP_PATH_MAX], prev[CAP_PATH_MAX];
    struct stat st;
    if (join(target, dir, name, "") || join(prev, stage, name, PREV_SUFFIX))
        return -1;
    if (lstat(target, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if ((unsigned long long)st.st_ino != ino)
        return 0; /* not replaced yet */
    if (rename(prev, target) == 0)
        return 0;
    return errno == ENOENT ? unlink(target) : -1; /* ENOENT: none before */
}

/* A name from a manifest: a plain file name, nothing that climbs out. */
static int plain_name(const char *name)
{
    return name[0] && name[0] != '.' && !strchr(name, '/');
}

/* Undoes the publish a stage's manifest describes; 0 when there is none.
 * Idempotent, so a rollback killed half-way is finished by the next run. */
static int rollback(const char *dir, const char *stage)
{
    char path[CAP_PATH_MAX], line[CAP_PATH_MAX], name[256];
    unsigned long long ino;
    if (join(path, stage, MANIFEST, ""))
        return -1;
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? 0 : -1;
    int rc = fgets(line, sizeof line, f) && strcmp(line, MANIFEST_HEAD) == 0
                 ? 0 : -1;
    while (rc == 0 && fgets(line, sizeof line, f))
        rc = sscanf(line, "%255s %llu", name, &ino) == 2 && plain_name(name)
                 ? restore_one(dir, stage, name, ino) : -1;
    if (rc != 0 && errno == 0)
        errno = EINVAL;
    fclose(f);
    return rc;
}

/* Empties and removes a stage folder; the manifest goes first, so a stage
 * half removed never looks like a publish in progress. */
static void remove_tree(const char *stage)
{
    char path[CAP_PATH_MAX];
    if (join(path, stage, MANIFEST, "") == 0)
        unlink(path);
    DIR *d = opendir(stage);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            join(path, stage, e->d_name, "") == 0)
            unlink(path);
    if (d)
        closedir(d);
    rmdir(stage);
}

/* Rolls a stage back, then removes it; a stage that cannot be rolled back
 * stays for a later run to finish. */
static cap_status remove_stage(const char *dir, const char *stage,
                               cap_error *err)
{
    errno = 0;
    if (rollback(dir, stage) != 0)
        return cap_error_set(err, CAP_ERR_OUTPUT, dir, 0, "output folder",
                             "cannot restore the previous workbooks from %s: %s",
                             stage, strerror(errno));
    remove_tree(stage);
    return CAP_OK;
}

/* text starts with a pid, followed by stop: 1 when that process is gone. */
static int dead_pid(const char *text, char stop)
{
    char *end;
    long pid = strtol(text, &end, 10);
    return end != text && pid > 0 && *end == stop &&
           kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* .NAME.tmp.PID of a capplan before sets, whose process is gone. */
static int stale_legacy_temp(const cap_outset *s, const char *entry)
{
    for (size_t i = 0; i < s->n; i++) {
        size_t len = strlen(s->names[i]);
        const char *rest = entry + 1 + len;
        if (entry[0] != '.' || strncmp(entry + 1, s->names[i], len) != 0 ||
            strncmp(rest, ".tmp.", 5) != 0)
            continue;
        return dead_pid(rest + 5, '\0');
    }
    return 0;
}

/* .capplan-probe.PID.XXXXXX of a run killed while it checked the folder. */
static int stale_probe(const char *entry)
{
    size_t len = strlen(PROBE_PREFIX);
    return strncmp(entry, PROBE_PREFIX, len) == 0 && dead_pid(entry + len, '.');
}

/* With the lock held no other run is staging: every stage is a dead run's.
 * Probes are made without the lock: only a dead run's is removed. */
static cap_status recover(cap_outset *s, cap_error *err)
{
    char path[CAP_PATH_MAX];
    cap_status st = CAP_OK;
    DIR *d = opendir(s->dir);
    struct dirent *e;
    if (!d)
        return cap_error_set(err, CAP_ERR_IO, s->dir, 0, "output folder",
                             "cannot list it: %s", strerror(errno));
    while (st == CAP_OK && (e = readdir(d))) {
        if (join(path, s->dir, e->d_name, ""))
            continue;
        if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) == 0)
            st = remove_stage(s->dir, path, err);
        else if (stale_legacy_temp(s, e->d_name))
            unlink(path);
        else if (stale_probe(e->d_name))
            rmdir(path);
    }
    closedir(d);
    return st;
}

/* ---- the set ---------------------------------------------------------- */

static void catch_signals(cap_outset *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: a wait for the lock ends */
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &s->old_int);
    sigaction(SIGTERM, &sa, &s->old_term);
}

static cap_status make_stage(cap_outset *s, cap_error *err)
{
    if (join(s->stage, s->dir, STAGE_PREFIX "XXXXXX", "") ||
        !mkdtemp(s->stage)) {
        s->stage[0] = '\0';
        return cap_error_set(err, CAP_ERR_IO, s->dir, 0, "output folder",
                             "not writable: %s", strerror(errno));
    }
    for (size_t i = 0; i < s->n; i++) {
        cap_staged *f = &s->files[i];
        if (join(f->path, s->dir, s->names[i], "") ||
            join(f->tmp, s->stage, s->names[i], ""))
            return cap_error_set(err, CAP_ERR_IO, s->dir, 0, "output folder",
                                 "path too long");
    }
    return CAP_OK;
}

cap_outset *cap_outset_begin(const char *dir, const char *const *names,
                             size_t n, cap_error *err)
{
    cap_outset *s = calloc(1, sizeof *s);
    if (!s || !(s->files = calloc(n ? n : 1, sizeof *s->files)))
        abort();
    s->dir = dir;
    s->names = names;
    s->n = n;
    s->lock_fd = -1;
    catch_signals(s);
    cap_status st = join(s->lock_path, dir, LOCK_NAME, "")
                        ? cap_error_set(err, CAP_ERR_IO, dir, 0,
                                        "output folder", "path too long")
                        : take_lock(s, err);
    if (st == CAP_OK)
        st = recover(s, err);
    if (st == CAP_OK)
        st = make_stage(s, err);
    if (st != CAP_OK) {
        cap_outset_free(s);
        return NULL;
    }
    return s;
}

const cap_staged *cap_outset_file(const cap_outset *s, size_t i)
{
    return &s->files[i];
}

/* Sets err for a failed step (what names the file, or NULL for the
 * folder) and puts the previous set back. */
static cap_status fail(cap_outset *s, const char *what, cap_error *err)
{
    int e = errno;
    if (interrupted)
        cap_error_set(err, CAP_ERR_OUTPUT, s->dir, 0, "output folder",
                      "interrupted by signal %d; the previous workbooks are "
                      "kept", (int)interrupted);
    else
        cap_error_set(err, CAP_ERR_OUTPUT, what ? what : s->dir, 0,
                      what ? NULL : "output folder", "cannot write: %s",
                      strerror(e));
    if (s->published && remove_stage(s->dir, s->stage, err) == CAP_OK)
        s->stage[0] = '\0';
    s->published = 0;
    return CAP_ERR_OUTPUT;
}

/* Written data on disk before it is renamed into place. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    return close(fd) == 0 ? rc : -1;
}

/* A copy where hard links are refused (FAT, some network shares). */
static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    ssize_t got = 0;
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                                 0666);
    while (out >= 0 && (got = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)got) != got) {
            got = -1;
            break;
        }
    int rc = in >= 0 && out >= 0 && got == 0 && fsync(out) == 0 ? 0 : -1;
    int e = errno;
    if (out >= 0)
        close(out);
    if (in >= 0)
        close(in);
    errno = e;
    return rc;
}

/* STAGE/NAME.prev: the previous workbook, for a rollback. */
static int keep_previous(const cap_staged *f, const char *stage,
                         const char *name)
{
    char prev[CAP_PATH_MAX];
    if (join(prev, stage, name, PREV_SUFFIX))
        return -1;
    if (link(f->path, prev) == 0 || errno == ENOENT)
        return 0;
    return copy_file(f->path, prev);
}

/* The commit record: each name and the inode of its new file. */
static int write_manifest(const cap_outset *s)
{
    char tmp[CAP_PATH_MAX], path[CAP_PATH_MAX];
    struct stat st;
    if (join(tmp, s->stage, MANIFEST_TMP, "") ||
        join(path, s->stage, MANIFEST, ""))
        return -1;
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    int rc = fputs(MANIFEST_HEAD, f) < 0 ? -1 : 0;
    for (size_t i = 0; i < s->n && rc == 0; i++)
        rc = stat(s->files[i].tmp, &st) != 0 ||
                     fprintf(f, "%s %llu\n", s->names[i],
                             (unsigned long long)st.st_ino) < 0
                 ? -1 : 0;
    if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0))
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc == 0 ? rename(tmp, path) : -1;
}

cap_status cap_outset_publish(cap_outset *s, cap_error *err)
{
    CAP_TRY(check_targets(s->dir, s->names, s->n, err));
    for (size_t i = 0; i < s->n; i++)
        if (sync_file(s->files[i].tmp) != 0)
            return fail(s, s->files[i].path, err);
    if (fault("staged", 0) || interrupted)
        return fail(s, NULL, err);
    for (size_t i = 0; i < s->n; i++)
        if (keep_previous(&s->files[i], s->stage, s->names[i]) != 0 ||
            fault("kept", i + 1))
            return fail(s, s->files[i].path, err);
    if (write_manifest(s) != 0 || fault("manifest", 0) || interrupted)
        return fail(s, NULL, err);
    s->published = 1;
    for (size_t i = 0; i < s->n; i++) {
        if (interrupted || rename(s->files[i].tmp, s->files[i].path) != 0 ||
            fault("renamed", i + 1))
            return fail(s, s->files[i].path, err);
    }
    sync_file(s->dir); /* the renames themselves; not every system can */
    if (fault("published", 0) || interrupted)
        return fail(s, NULL, err);
    return CAP_OK;
}

cap_status cap_outset_commit(cap_outset *s, cap_error *err)
{
    char path[CAP_PATH_MAX];
    if (interrupted)
        return fail(s, NULL, err);
    if (join(path, s->stage, MANIFEST, "") || unlink(path) != 0)
        return fail(s, NULL, err);
    s->published = 0;
    fault("committed", 0);
    return CAP_OK;
}

void cap_outset_free(cap_outset *s)
{
    cap_error ignored;
    if (!s)
        return;
    if (s->stage[0])
        remove_stage(s->dir, s->stage, &ignored); /* else: the next run */
    release_lock(s);
    sigaction(SIGINT, &s->old_int, NULL);
    sigaction(SIGTERM, &s->old_term, NULL);
    free(s->files);
    free(s);
}
