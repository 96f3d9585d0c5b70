/* spawn.c: fork + exec with an error pipe, so that "not installed" is told apart from a
 * program that ran and failed. */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "util.h"

static void child_setup(char *const argv[], const struct spawn_opts *o, int err_pipe)
{
    for (const char *const *e = o->env; e && *e; e++)
        putenv((char *)*e);
    int in = o->stdin_fd >= 0 ? o->stdin_fd : open("/dev/null", O_RDONLY);
    if (in >= 0 && in != 0)
        dup2(in, 0);
    if (o->stdout_fd >= 0)
        dup2(o->stdout_fd, 1);
    if (o->stderr_fd >= 0)
        dup2(o->stderr_fd, 2);
    /* Default signal dispositions: our handlers must not run in the child. */
    signal(SIGINT, SIG_DFL), signal(SIGTERM, SIG_DFL), signal(SIGHUP, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(argv[0], argv);
    int e = errno;
    ssize_t unused = write(err_pipe, &e, sizeof e);
    (void)unused;
    _exit(127);
}

pid_t spawn_start(char *const argv[], const struct spawn_opts *opts)
{
    static const struct spawn_opts defaults = {NULL, -1, -1, -1};
    const struct spawn_opts *o = opts ? opts : &defaults;
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return fail("cannot start %s: %s", argv[0], strerror(errno));
    fflush(stdout), fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]), close(p[1]);
        return fail("cannot start %s: %s", argv[0], strerror(errno));
    }
    if (pid == 0)
        child_setup(argv, o, p[1]);
    close(p[1]);
    int e = 0;
    ssize_t n;
    while ((n = read(p[0], &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(p[0]);
    if (n == (ssize_t)sizeof e) {
        waitpid(pid, NULL, 0);
        if (e == ENOENT)
            return fail("cannot run '%s': not found in PATH (is it installed?)", argv[0]);
        return fail("cannot run '%s': %s", argv[0], strerror(e));
    }
    cleanup_set_child(pid);
    return pid;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int status_of(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return 256 + WTERMSIG(st);
}

int spawn_wait(pid_t pid, unsigned timeout_ms)
{
    int st;
    if (!timeout_ms) {
        while (waitpid(pid, &st, 0) < 0)
            if (errno != EINTR)
                return cleanup_set_child(0), 256 + SIGKILL;
        cleanup_set_child(0);
        return status_of(st);
    }
    uint64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            cleanup_set_child(0);
            return status_of(st);
        }
        if (r < 0 && errno != EINTR) {
            cleanup_set_child(0);
            return 256 + SIGKILL;
        }
        if (now_ms() >= deadline)
            break;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGTERM);
    deadline = now_ms() + 2000;
    while (waitpid(pid, &st, WNOHANG) == 0 && now_ms() < deadline) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    cleanup_set_child(0);
    return -2;
}

int spawn_begin(char *const argv[], const char *const *env, bool with_stderr,
                struct spawn_job *job)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return fail("cannot start %s: %s", argv[0], strerror(errno));
    struct spawn_opts o = {env, -1, p[1], with_stderr ? p[1] : -1};
    job->pid = spawn_start(argv, &o);
    close(p[1]);
    if (job->pid < 0) {
        close(p[0]);
        return -1;
    }
    job->out_fd = p[0];
    return 0;
}

int spawn_end(struct spawn_job *job, char **output)
{
    size_t len = 0, cap = 4096;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len + 1024 > cap)
            buf = xrealloc(buf, cap *= 2);
        ssize_t n = read(job->out_fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(job->out_fd);
    buf[len] = '\0';
    int rc = spawn_wait(job->pid, 0);
    if (output)
        *output = buf;
    else
        free(buf);
    return rc;
}

int spawn_run(char *const argv[], const char *const *env, char **output, bool with_stderr)
{
    struct spawn_job job;
    return spawn_begin(argv, env, with_stderr, &job) ? -1 : spawn_end(&job, output);
}
