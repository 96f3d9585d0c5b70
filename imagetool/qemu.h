/* qemu.h: the QEMU command line for `run` and `runner`: virtio-blk disk (10x faster than
 * IDE for BIOS reads, DESIGN.md), OVMF as two pflash drives, isa-debug-exit on 0xf4. */
#ifndef TOOL_QEMU_H
#define TOOL_QEMU_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

enum firmware { FIRMWARE_BIOS, FIRMWARE_UEFI };

#define DEFAULT_QEMU "qemu-system-x86_64"
#define DEFAULT_MEMORY_MIB 256
#define DEBUG_EXIT_PORT "0xf4"

struct qemu_config {
    enum firmware firmware;
    const char *image;
    const char *ovmf_code, *ovmf_vars; /* UEFI: the firmware and a writable copy of VARS */
    uint64_t memory_mib;
    const char *accel;                 /* "tcg" or "kvm" */
    bool gdb;                          /* -s -S: wait for gdb on localhost:1234 */
    bool headless;                     /* -display none */
    bool no_reboot;                    /* -no-reboot */
    bool interactive;                  /* serial and the monitor on stdio (Ctrl-A X) */
    const char *reset_log;             /* -d cpu_reset -D FILE: tells a triple fault */
    const struct strvec *extra;        /* appended as they are */
};

/* The QEMU binary: ELFBOOT_QEMU, else qemu-system-x86_64. */
const char *qemu_binary(void);

/* Fails, saying where QEMU was looked for and how to get it, when it cannot be run. */
int qemu_check(void);

/* OVMF_CODE and the VARS template: Debian's 4 MiB pair, else the 2 MiB pair; each
 * replaced by ELFBOOT_OVMF_CODE / ELFBOOT_OVMF_VARS when set. Fails naming the variable
 * and its file when that is not a file, else with the package to install. */
int qemu_find_ovmf(const char **code, const char **vars);

void qemu_argv(const struct qemu_config *q, struct strvec *argv);

/* What a QEMU exit status says about the kernel's isa-debug-exit write: the value it
 * wrote (QEMU exits with (value << 1) | 1), or -1 when the status is not such an exit. */
int qemu_debug_exit_value(int status);

#endif /* TOOL_QEMU_H */
