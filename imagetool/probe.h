/* probe.h: the test boots behind --accel auto (accel.c), one per firmware, because KVM
 * can work for one and not the other: on nested virtual machines SeaBIOS boots under
 * KVM (slowly) while OVMF hangs (DESIGN.md, "Facts measured").
 *   SeaBIOS: a 512-byte boot sector that exits QEMU at once through isa-debug-exit.
 *   OVMF: our UEFI loader on a FAT disk without a config; it says so on COM1 and
 *         stops (bootloader/messages.h), which the probe waits for. */
#ifndef TOOL_PROBE_H
#define TOOL_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "qemu.h"

/* What a probe boots: the firmware, and for OVMF its code and variable template. */
struct probe_target {
    enum firmware firmware;
    const char *ovmf_code, *ovmf_vars;
};

/* What one firmware's probe costs and must beat. */
struct probe_limits {
    const char *what;  /* "a SeaBIOS test boot (a 512-byte boot sector)", ... */
    unsigned limit_ms; /* the probe gives up after this */
    unsigned good_ms;  /* KVM is worth it when the probe finished this fast */
    unsigned tcg_ms;   /* what the same boot takes under TCG (DESIGN.md), for messages */
};
const struct probe_limits *probe_limits(enum firmware firmware);

/* Boots the probe under KVM: *ms is the milliseconds until its end, or 0 when it did
 * not get there (timed out, QEMU failed or could not start); `detail` says which.
 * Returns -1 (message printed) only when the probe could not be set up. */
int probe_kvm(const struct probe_target *t, uint64_t *ms, char *detail, size_t n);

#endif /* TOOL_PROBE_H */
