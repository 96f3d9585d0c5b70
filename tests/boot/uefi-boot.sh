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
# Beyond the protocol's checks: the GOP mode each kernel must get (fb=), the ACPI 2.0
# RSDP (acpi=2), an SMBIOS 3.0 entry point and KASLR from RDRAND under -cpu max, from the
# TSC without; then the config's resolution against the kernel's, and serial = off.
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

# entropy_named NAME SOURCE: the KASLR boot NAME's log has the loader's line naming
# SOURCE (RDRAND or the TSC) as KASLR's entropy.
entropy_named() {
    local log=${BUILD:-build}/test-logs/boot/$1.log
    if grep -aEq "^kaslr: entropy from $2\s*$" "$log"; then
        tap_ok "$1: entropy from $2"
    else
        tap_fail "$1: entropy from $2" "expected \"kaslr: entropy from $2\" on COM1; got:" \
            "$(grep -a '^kaslr' "$log" | tr -d '\r')"
        failed=1
    fi
}

# Every boot: OVMF publishes an ACPI 2.0 RSDP, which the loader must prefer (acpi=2).
# conformance-kaslr at 6G runs under -cpu max (RDRAND; the TSC at 128M) with an SMBIOS
# 3.0 entry point only (smbios-entry-point-type=64), which the kernel must get (smbios=3).
for memory in $MEMORY_SIZES; do
    for kernel in $KERNEL_NAMES; do
        if [ ! -f "$KERNELS/$kernel.elf" ]; then
            tap_fail "uefi-$kernel-$memory" "$KERNELS/$kernel.elf is missing (make test builds it)"
            continue
        fi
        audit= name=uefi-$kernel-$memory keys=acpi=2 qemu_args= source="the TSC"
        case $kernel in conformance | conformance-low) audit=on name+=" audit=on" ;; esac
        if [ "$kernel" = conformance-kaslr ] && [ "$memory" = 6G ]; then
            qemu_args="-cpu max -machine smbios-entry-point-type=64" keys+=" smbios=3"
            name+=" -cpu max smbios=3" source=RDRAND
        fi
        if CONFORMANCE_AUDIT=$audit CONFORMANCE_EXTRA=$keys CONFORMANCE_QEMU_ARGS=$qemu_args \
            conformance_boot "$name" "$KERNELS/$kernel.elf" uefi uefi "$memory" virtio \
            "$WORK/initrd.bin:initrd" "$WORK/data.bin:data"; then
            [ "$kernel" != conformance-kaslr ] || entropy_named "$name" "$source"
        else
            failed=1
        fi
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

# The GOP mode: the matrix above gives conformance-flags the 1024x768 its request asks
# for, the others the largest mode up to 1920x1080; here the config's resolution beats
# the kernel's request. The kernel checks the framebuffer's geometry (fb=) and draws on
# it. (A resolution no mode has: tests/boot/fail-cases.sh.)
image=$WORK/resolution.img
cmdline=$(CONFORMANCE_EXTRA=fb=1280x720 conformance_cmdline uefi 128M "$WORK/initrd.bin:initrd")
if out=$("$BUILD/elfboot" build "$KERNELS/conformance-flags.elf" -o "$image" --uefi \
        --resolution 1280x720 --cmdline "$cmdline" --module "$WORK/initrd.bin:initrd" 2>&1)
then
    mode_logged() { grep -aq '^video: 1280x720, 32 bpp' "$1"; }
    boot_image uefi-resolution-1280x720-beats-the-kernels-1024x768 "$image" 128M mode_logged
else
    tap_fail uefi-resolution-1280x720-beats-the-kernels-1024x768 "elfboot build failed:" "$out"
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
