/* timeit: runs a command once and prints what it cost, on one line:
 *     wall_ms cpu_ms peak_rss_kib exit_status mark_ms
 * wall_ms: from fork to the end of wait, CLOCK_MONOTONIC. cpu_ms: user + system time of
 * the command and every descendant it waited for. peak_rss_kib: the largest resident
 * set of any of those processes (getrusage RUSAGE_CHILDREN: ru_maxrss is the maximum
 * over the tree, not a sum). exit_status: the exit code, or 128 + signal.
 * mark_ms: with -l LOG -m TEXT, the command's standard output goes through a pipe into
 * LOG, and mark_ms is when the first line holding TEXT arrived (from the same start as
 * wall_ms); -1 without -m or when no line held it. A firmware's "starting the boot
 * program" line read this way splits a boot into the firmware's part and the rest.
 * -s (after -l and -m): each line in LOG starts with the ms it arrived at, for profiles.
 * The figures go to the file named by -o (stdout without it), so that they never mix
 * with what the command prints. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double ms_between(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

static double tv_ms(struct timeval t)
{
    return (double)t.tv_sec * 1e3 + (double)t.tv_usec / 1e3;
}

/* Copies the command's output from fd to log until it closes, each line prefixed with
 * the ms it arrived at when stamp is set; returns when the first line holding mark
 * arrived, in ms from start, or -1. */
static double follow_output(int fd, FILE *log, const char *mark, bool stamp,
                            struct timespec start)
{
    static char line[4096];
    size_t len = 0;
    double seen = -1;
    char buf[4096];
    ssize_t n;
    struct timespec now = start;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (!stamp)
            fwrite(buf, 1, (size_t)n, log);
        for (ssize_t i = 0; i < n; i++) {
            if (len < sizeof line - 1)
                line[len++] = buf[i];
            if (buf[i] == '\n' || len == sizeof line - 1) {
                line[len] = 0;
                if (seen < 0 && mark && strstr(line, mark))
                    seen = ms_between(start, now);
                if (stamp)
                    fprintf(log, "%9.1f %s", ms_between(start, now), line);
                len = 0;
            }
        }
    }
    if (stamp && len) { /* a last line without its newline */
        line[len] = 0;
        fprintf(log, "%9.1f %s\n", ms_between(start, now), line);
    }
    return seen;
}

int main(int argc, char **argv)
{
    const char *out_path = NULL, *log_path = NULL, *mark = NULL;
    bool stamp = false;
    int first = 1;
    for (; first + 1 < argc && argv[first][0] == '-' && argv[first][2] == 0; first += 2) {
        if (argv[first][1] == 'o')
            out_path = argv[first + 1];
        else if (argv[first][1] == 'l')
            log_path = argv[first + 1];
        else if (argv[first][1] == 'm')
            mark = argv[first + 1];
        else
            break;
    }
    if (first < argc && strcmp(argv[first], "-s") == 0) {
        stamp = true;
        first++;
    }
    if (first >= argc || argv[first][0] == '-' || ((mark || stamp) && !log_path)) {
        fprintf(stderr, "usage: timeit [-o FILE] [-l LOG [-m TEXT] [-s]] COMMAND [ARGS...]\n");
        return 2;
    }
    FILE *log = NULL;
    int pipe_fds[2] = {-1, -1};
    if (log_path && (!(log = fopen(log_path, "w")) || pipe(pipe_fds) < 0)) {
        fprintf(stderr, "timeit: %s: %s\n", log_path, strerror(errno));
        return 2;
    }

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        perror("timeit: fork");
        return 2;
    }
    if (pid == 0) {
        if (log) {
            dup2(pipe_fds[1], STDOUT_FILENO);
            close(pipe_fds[0]);
            close(pipe_fds[1]);
        }
        execvp(argv[first], argv + first);
        fprintf(stderr, "timeit: %s: %s\n", argv[first], strerror(errno));
        _exit(127);
    }
    double mark_ms = -1;
    if (log) {
        close(pipe_fds[1]);
        mark_ms = follow_output(pipe_fds[0], log, mark, stamp, start);
        close(pipe_fds[0]);
        fclose(log);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            perror("timeit: waitpid");
            return 2;
        }
    clock_gettime(CLOCK_MONOTONIC, &end);

    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

    FILE *out = out_path ? fopen(out_path, "w") : stdout;
    if (!out) {
        fprintf(stderr, "timeit: %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    fprintf(out, "%.1f %.1f %ld %d %.1f\n", ms_between(start, end),
            tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime), ru.ru_maxrss, code, mark_ms);
    if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "timeit: %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    return 0;
}
