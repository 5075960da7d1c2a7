/* child.c - fork, exec, wait4: one measured child process per case. */
#define _DEFAULT_SOURCE /* wait4: rusage of one child, not of all of them */
#define _XOPEN_SOURCE 700 /* nftw */
#include "child.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
}

/* In the child: the three standard streams, then exec; never returns. */
static void exec_child(char *const argv[], const char *out_path,
                       const char *err_path)
{
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0)
        _exit(127);
    execv(argv[0], argv);
    dprintf(2, "cannot run %s\n", argv[0]);
    _exit(127);
}

int cap_bench_run(char *const argv[], const char *out_path,
                  const char *err_path, cap_bench_usage *u)
{
    memset(u, 0, sizeof *u);
    u->exit_code = -1;
    fflush(NULL); /* the child must not write the parent's buffers again */
    double start = now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        exec_child(argv, out_path, err_path);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid)
        return -1;
    u->wall = now() - start;
    u->cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    u->peak_kib = ru.ru_maxrss;
    u->waits = ru.ru_nvcsw;
    if (WIFEXITED(status))
        u->exit_code = WEXITSTATUS(status);
    return u->exit_code == 0 ? 0 : -1;
}

void cap_bench_first_line(const char *path, char *line, int size)
{
    line[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(line, size, f))
        line[strcspn(line, "\n")] = '\0';
    fclose(f);
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

int cap_bench_remove_tree(const char *dir)
{
    return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
