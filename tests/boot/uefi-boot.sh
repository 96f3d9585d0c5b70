#!/usr/bin/env bash
# UEFI boot tests: every test kernel booted by BOOTX64.EFI under OVMF (QEMU, TCG), from a
# `elfboot build --uefi` image on a virtio disk, with two modules of random bytes and a
# command line, at -m 128M and -m 6G (memory above 4 GiB: in the map and the HHDM).
#
# The conformance kernels check the protocol from the inside; the command line tells them
# what the test set up (tests/kernels/README.md). tests/kernels/conformance.sh writes it,
# boots, and prints one TAP line a boot: ok when the kernel exited through isa-debug-exit
# with 0x10 (QEMU status 33) and its summary counts no failure; otherwise its FAIL lines.
#
# Environment: BUILD (build/), UEFI_MEMORY_SIZES ("128M 6G"), UEFI_KERNELS (the list
# below), CONFORMANCE_TIMEOUT (seconds a boot may take, 120).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/kernels/conformance.sh

BUILD=${BUILD:-build}
KERNELS=$BUILD/tests/kernels
MEMORY_SIZES=${UEFI_MEMORY_SIZES:-128M 6G}
KERNEL_NAMES=${UEFI_KERNELS:-conformance conformance-pie conformance-kaslr conformance-flags conformance-low bare}

# A directory of this run's own: a second `make test` in the same checkout must not
# rewrite the modules under a running one.
mkdir -p "$BUILD/tests/boot"
WORK=$(mktemp -d "$BUILD/tests/boot/uefi-boot.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Fresh each run: one module a whole number of pages, one that ends mid-page.
head -c $((3 << 20)) /dev/urandom >"$WORK/initrd.bin"
head -c $(((2 << 20) + 4321)) /dev/urandom >"$WORK/data.bin"

for memory in $MEMORY_SIZES; do
    for kernel in $KERNEL_NAMES; do
        if [ ! -f "$KERNELS/$kernel.elf" ]; then
            tap_fail "uefi-$kernel-$memory" "$KERNELS/$kernel.elf is missing (make test builds it)"
            continue
        fi
        conformance_boot "uefi-$kernel-$memory" "$KERNELS/$kernel.elf" uefi uefi "$memory" \
            virtio "$WORK/initrd.bin:initrd" "$WORK/data.bin:data"
    done
done
