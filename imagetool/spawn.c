/* spawn.c: programs started with posix_spawnp (a vfork: no copy of our page tables), which
 * tells "not installed" (its return value) apart from a program that ran and failed. */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "util.h"

extern char **environ;

/* Our environment with `extra` ("NAME=value") added, each replacing a NAME we have. */
static void child_env(const char *const *extra, struct strvec *env)
{
    for (char **e = environ; e && *e; e++) {
        const char *const *x = extra;
        size_t name = strcspn(*e, "=");
        while (x && *x && (strncmp(*x, *e, name + 1)))
            x++;
        if (!x || !*x)
            strvec_push(env, *e);
    }
    for (const char *const *x = extra; x && *x; x++)
        strvec_push(env, *x);
}

pid_t spawn_start(char *const argv[], const struct spawn_opts *opts)
{
    static const struct spawn_opts defaults = {NULL, -1, -1, -1};
    const struct spawn_opts *o = opts ? opts : &defaults;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    if (o->stdin_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, o->stdin_fd, 0);
    else
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (o->stdout_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, o->stdout_fd, 1);
    if (o->stderr_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, o->stderr_fd, 2);
    /* Default dispositions, nothing blocked: our handlers must not run in the child. */
    sigset_t handled, none;
    sigemptyset(&handled), sigemptyset(&none);
    sigaddset(&handled, SIGINT), sigaddset(&handled, SIGTERM), sigaddset(&handled, SIGHUP);
    posix_spawnattr_setsigdefault(&attr, &handled);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    struct strvec env = {0};
    child_env(o->env, &env);
    fflush(stdout), fflush(stderr);
    pid_t pid;
    int e = posix_spawnp(&pid, argv[0], &fa, &attr, argv, env.v);
    strvec_free(&env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (e == ENOENT && !strchr(argv[0], '/'))
        return fail("cannot run '%s': not found in PATH (is it installed?)", argv[0]);
    if (e)
        return fail("cannot run '%s': %s", argv[0], strerror(e));
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
