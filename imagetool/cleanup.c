/* cleanup.c: temporary files, folders and the child, undone at exit and on signals. */
#include "cleanup.h"

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PATHS 64 /* the output, a staging folder with up to 32 modules */

/* Fixed storage: the signal handler must not call malloc. */
static struct {
    char path[PATH_MAX];
    bool used, is_dir;
} paths[MAX_PATHS];
static volatile pid_t child;
/* What an interrupted run says on stderr (set beforehand: no formatting in a handler). */
static char note[PATH_MAX + 160];
static volatile size_t note_len;
static const int handled[] = {SIGINT, SIGTERM, SIGHUP};

static int add(const char *path, bool is_dir)
{
    size_t len = strlen(path);
    if (len >= PATH_MAX)
        return -1;
    for (int i = 0; i < MAX_PATHS; i++) {
        if (!paths[i].used) {
            memcpy(paths[i].path, path, len + 1);
            paths[i].is_dir = is_dir;
            paths[i].used = true;
            return 0;
        }
    }
    return -1;
}

int cleanup_add_file(const char *path)
{
    return add(path, false);
}

int cleanup_add_dir(const char *path)
{
    return add(path, true);
}

void cleanup_forget(const char *path)
{
    for (int i = 0; i < MAX_PATHS; i++)
        if (paths[i].used && strcmp(paths[i].path, path) == 0)
            paths[i].used = false;
}

/* Async-signal-safe: unlink and rmdir only, files first so that folders are empty. */
void cleanup_run(void)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int i = MAX_PATHS - 1; i >= 0; i--) {
            if (!paths[i].used || paths[i].is_dir != (pass == 1))
                continue;
            if (paths[i].is_dir)
                rmdir(paths[i].path);
            else
                unlink(paths[i].path);
            paths[i].used = false;
        }
    }
}

void cleanup_set_child(pid_t pid)
{
    child = pid;
}

/* Stops the child and waits up to 2 s for it (QEMU restores the terminal as it exits),
 * then kills it for good. */
static void stop_child(void)
{
    pid_t pid = child;
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 200; i++) {
        if (waitpid(pid, NULL, WNOHANG) != 0)
            return;
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        nanosleep(&ten_ms, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

void cleanup_set_interrupt_note(const char *text)
{
    cleanup_block_signals();
    note_len = 0;
    if (text) {
        size_t len = strlen(text);
        if (len > sizeof note - 1)
            len = sizeof note - 1;
        memcpy(note, text, len);
        note[len] = '\n';
        note_len = len + 1;
    }
    cleanup_unblock_signals();
}

static void on_signal(int sig)
{
    stop_child();
    cleanup_run();
    if (note_len && write(STDERR_FILENO, note, note_len) < 0) {
        /* nothing more to do: we are leaving */
    }
    /* Die of the same signal, so that our parent (a shell, make) sees what happened. */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void at_exit(void)
{
    cleanup_run();
}

void cleanup_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
        sigaddset(&sa.sa_mask, handled[i]);
    for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
        sigaction(handled[i], &sa, NULL);
    atexit(at_exit);
}

static void mask(int how)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
        sigaddset(&set, handled[i]);
    sigprocmask(how, &set, NULL);
}

void cleanup_block_signals(void)
{
    mask(SIG_BLOCK);
}

void cleanup_unblock_signals(void)
{
    mask(SIG_UNBLOCK);
}
