/* spawn.h: running the programs the tool drives (mtools, xorriso, QEMU, cargo). */
#ifndef TOOL_SPAWN_H
#define TOOL_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

struct spawn_opts {
    const char *const *env; /* "NAME=value" strings set in the child; NULL: none */
    int stdin_fd;           /* -1: /dev/null */
    int stdout_fd;          /* -1: inherit */
    int stderr_fd;          /* -1: inherit */
};

/* Starts argv[0] (looked up in PATH). Returns the pid, or -1 with a message naming the
 * program when it cannot be started (not installed, not executable). The child is
 * registered with cleanup.c, so a signal to us stops it too. */
pid_t spawn_start(char *const argv[], const struct spawn_opts *opts);

/* Waits for `pid`, at most `timeout_ms` milliseconds (0: no limit). Returns its exit
 * status (0..255), 256 + N when signal N killed it, or -2 on timeout (the child is then
 * killed: SIGTERM, then SIGKILL after 2 s). */
int spawn_wait(pid_t pid, unsigned timeout_ms);

/* Runs argv to completion, its stdout (and stderr when `with_stderr`, else stderr goes
 * to ours) collected into *output (malloc'd, NUL-terminated; may be NULL when not
 * wanted). Returns the exit status as spawn_wait, or -1 when it could not start. */
int spawn_run(char *const argv[], const char *const *env, char **output, bool with_stderr);

/* spawn_run in two halves, so that the caller can work while the program runs (its
 * output waits in a pipe: a program that fills the pipe waits for spawn_end). */
struct spawn_job {
    pid_t pid;
    int out_fd;
};
/* Returns 0, or -1 when it could not start (message printed). */
int spawn_begin(char *const argv[], const char *const *env, bool with_stderr,
                struct spawn_job *job);
/* Collects the output and waits; returns what spawn_run returns. */
int spawn_end(struct spawn_job *job, char **output);

#endif /* TOOL_SPAWN_H */
