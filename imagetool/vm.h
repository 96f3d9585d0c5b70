/* vm.h: one boot of a kernel in QEMU, for `run` and `runner`: a temporary image and
 * OVMF variables in a temporary folder, QEMU with serial on our stdout, a time limit,
 * everything removed afterwards (also on SIGINT/SIGTERM). */
#ifndef TOOL_VM_H
#define TOOL_VM_H

#include <stdbool.h>

#include "inputs.h"
#include "qemu.h"

struct vm {
    struct image_spec spec;    /* kernel, cmdline, modules, resolution; kind follows firmware */
    enum firmware firmware;
    uint64_t memory_mib;
    const char *accel;         /* tcg, kvm or auto */
    bool gdb;
    bool headless;
    bool interactive;          /* stdin is the serial console (and Ctrl-A X the monitor) */
    bool no_reboot;
    bool detect_triple_fault;
    unsigned timeout_s;        /* 0: none */
    struct strvec qemu_args;   /* extra QEMU arguments */
    bool verbose;              /* print the QEMU command line */
};

struct vm_result {
    int status;                /* QEMU's exit status; -2: timed out; 256 + N: signal N */
    bool triple_fault;         /* QEMU's reset log says so */
};

/* Boots `vm`. Returns 0 when QEMU ran (whatever its status), -1 when the image could not
 * be built or QEMU could not start (message printed). */
int vm_boot(const struct vm *vm, struct vm_result *result);

/* The exit status `elfboot run` gives: the kernel's isa-debug-exit value, with 0x10
 * (success) as 0; QEMU's own status otherwise; 128 + N for a signal. */
int vm_exit_status(const struct vm_result *result);

/* A writable copy of the OVMF variable store `template` in `s`, as OVMF wants one
 * (DESIGN.md); *vars is its malloc'd path. */
struct staging;
int vm_vars_copy(struct staging *s, const char *template, char **vars);

#endif /* TOOL_VM_H */
