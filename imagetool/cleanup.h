/* cleanup.h: what the tool must undo if it stops early: temporary files and folders it
 * created, and the child process it runs. Undone at exit and on SIGINT, SIGTERM, SIGHUP
 * (the handler uses only async-signal-safe calls), so that an interrupted build leaves
 * no partial output and no temporary file behind. */
#ifndef TOOL_CLEANUP_H
#define TOOL_CLEANUP_H

#include <sys/types.h>

/* Installs the signal handlers and the atexit hook; call once at start. */
void cleanup_install(void);

/* Remembers a file (or an empty folder) to remove; folders are removed after files.
 * Returns -1 when the path is too long or too many are registered. */
int cleanup_add_file(const char *path);
int cleanup_add_dir(const char *path);
/* Forgets a path: it is kept (e.g. the output, after its rename). */
void cleanup_forget(const char *path);
/* Removes every registered path now. */
void cleanup_run(void);

/* The line (no newline) an interrupted run prints once its files are removed; NULL:
 * none. */
void cleanup_set_interrupt_note(const char *text);

/* The running child, killed (SIGTERM) when we are interrupted; 0: none. */
void cleanup_set_child(pid_t pid);

/* Blocks / unblocks the signals the handler catches, around a commit (rename + forget). */
void cleanup_block_signals(void);
void cleanup_unblock_signals(void);

#endif /* TOOL_CLEANUP_H */
