/* accel.h: choosing QEMU's accelerator. `auto` takes KVM only where it helps: on nested
 * virtual machines /dev/kvm may exist while OVMF hangs under it and SeaBIOS runs 30
 * times slower than TCG (DESIGN.md, "Facts measured"). A short timed boot of the same
 * firmware tells (probe.h). */
#ifndef TOOL_ACCEL_H
#define TOOL_ACCEL_H

#include "probe.h"

/* Turns "tcg", "kvm" or "auto" into "tcg" or "kvm" for booting `target`'s firmware; for
 * auto, says on stderr what it chose and why. Returns NULL (message printed) for an
 * unknown name, a KVM that cannot be opened when "kvm" was asked for, or a probe that
 * could not be set up. */
const char *accel_resolve(const char *wanted, const struct probe_target *target);

#endif /* TOOL_ACCEL_H */
