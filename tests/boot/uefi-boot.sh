#!/usr/bin/env bash
# UEFI boot tests: every test kernel booted by BOOTX64.EFI under OVMF (QEMU, TCG), from a
# `elfboot build --uefi` image on a virtio disk, with two modules of random bytes and a
# command line, at -m 128M and -m 6G (memory above 4 GiB: in the map and the HHDM).
#
# The conformance kernels check the protocol from the inside; the command line tells them
# what the test set up (tests/kernels/README.md). `conformance` and `conformance-low` (the
# kernel at a fixed low address) boot with `audit = on`: they also check that the loader
# left the firmware's memory as it found it (tests/kernels/conformance/audit.c). tests/kernels/conformance.sh writes it,
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
failed=0 # set by the tests below; the directory stays when one failed, logs and all
trap '[ "$failed" -eq 0 ] && rm -rf "$WORK"' EXIT
# Fresh each run: one module a whole number of pages, one that ends mid-page.
head -c $((3 << 20)) /dev/urandom >"$WORK/initrd.bin"
head -c $(((2 << 20) + 4321)) /dev/urandom >"$WORK/data.bin"

for memory in $MEMORY_SIZES; do
    for kernel in $KERNEL_NAMES; do
        if [ ! -f "$KERNELS/$kernel.elf" ]; then
            tap_fail "uefi-$kernel-$memory" "$KERNELS/$kernel.elf is missing (make test builds it)"
            continue
        fi
        audit= name=uefi-$kernel-$memory
        case $kernel in conformance | conformance-low) audit=on name+=" audit=on" ;; esac
        CONFORMANCE_AUDIT=$audit conformance_boot "$name" "$KERNELS/$kernel.elf" uefi uefi \
            "$memory" virtio "$WORK/initrd.bin:initrd" "$WORK/data.bin:data" || failed=1
    done
done

# boot_image NAME IMAGE MEMORY CHECK...: boots an image made here and judges it as
# conformance_boot does; then each CHECK (a command run with the serial log as its last
# argument) must succeed too.
boot_image() {
    local name=$1 image=$2 memory=$3 log rc check
    shift 3
    log=$WORK/$name.log
    qemu_boot uefi "$image" "$memory" virtio "$log" "$CONFORMANCE_TIMEOUT"
    rc=$?
    local -a lines=()
    if [ "$rc" -ne "$QEMU_PASS" ] || ! grep -aq '^SUMMARY .*, 0 failed' "$log" ||
        grep -aq '^FAIL ' "$log"; then
        mapfile -t lines < <(echo "QEMU exit status $rc; serial log: $log"
                             grep -a -e '^FAIL' -e 'elfboot: error' "$log" | tr -d '\r')
    fi
    for check in "$@"; do
        [ ${#lines[@]} -eq 0 ] && ! $check "$log" && lines=("failed: $check; serial log: $log")
    done
    if [ ${#lines[@]} -eq 0 ]; then
        tap_ok "$name"
    else
        tap_fail "$name" "${lines[@]}"
        failed=1
    fi
}

# The config's resolution decides the GOP mode; the kernel checks the framebuffer's
# geometry (fb=) and draws on it.
image=$WORK/resolution.img
cmdline=$(CONFORMANCE_EXTRA=fb=1280x720 conformance_cmdline uefi 128M "$WORK/initrd.bin:initrd")
if out=$("$BUILD/elfboot" build "$KERNELS/conformance.elf" -o "$image" --uefi \
        --resolution 1280x720 --cmdline "$cmdline" --module "$WORK/initrd.bin:initrd" 2>&1)
then
    mode_logged() { grep -aq '^video: 1280x720, 32 bpp' "$1"; }
    boot_image uefi-resolution-1280x720 "$image" 128M mode_logged
else
    tap_fail uefi-resolution-1280x720 "elfboot build failed:" "$out"
fi

# `serial = off`: the loader says its name (before the config is read) and nothing
# more on COM1, and the kernel boots all the same.
image=$WORK/serial-off.img
if "$BUILD/elfboot" build "$KERNELS/bare.elf" -o "$image" --uefi >/dev/null 2>&1 &&
    mtype -i "$image@@1M" ::/boot/elfboot.cfg >"$WORK/serial-off.cfg" &&
    echo "serial = off" >>"$WORK/serial-off.cfg" &&
    mcopy -o -i "$image@@1M" "$WORK/serial-off.cfg" ::/boot/elfboot.cfg; then
    quiet_after_config() {
        grep -aq '^elfboot .* (uefi)' "$1" && ! grep -aq -e '^config: ' -e '^entering the kernel' "$1"
    }
    boot_image uefi-serial-off "$image" 128M quiet_after_config
else
    tap_fail uefi-serial-off "could not build the image"
fi
