/* child.h - run one command as a child process and measure it.
 *
 * Each benchmark case is its own process, so its peak resident memory
 * (ru_maxrss from wait4) is that case's alone, not the largest of all the
 * cases run before it, as getrusage(RUSAGE_CHILDREN) would report.
 */
#ifndef CAP_BENCH_CHILD_H
#define CAP_BENCH_CHILD_H

typedef struct {
    double wall;     /* seconds from fork to the child's exit */
    double cpu;      /* user + system seconds of the child */
    long peak_kib;   /* the child's peak resident set, KiB */
    long waits;      /* voluntary context switches: times it blocked */
    int exit_code;   /* the child's exit status; -1 when killed or not run */
} cap_bench_usage;

/* Runs argv (argv[0] a path, argv NULL-terminated) with standard input
 * from /dev/null, standard output into out_path and standard error into
 * err_path, waits for it and fills *u.  Returns 0 when it exited with
 * status 0; otherwise -1, and the caller may print err_path. */
int cap_bench_run(char *const argv[], const char *out_path,
                  const char *err_path, cap_bench_usage *u);

/* The first line of the file at path (at most size-1 bytes, no newline),
 * or "" when it cannot be read: to say why a child failed. */
void cap_bench_first_line(const char *path, char *line, int size);

/* Removes the folder dir and all it holds.  0 when done. */
int cap_bench_remove_tree(const char *dir);

#endif
