#!/usr/bin/env bash
# BIOS boot tests: every test kernel booted by stage 1 and stage 2 under SeaBIOS (QEMU pc,
# TCG), from the hybrid image (`elfboot build`, the default) and from `--bios`, from IDE
# and from virtio-blk, at -m 128M and -m 6G, with two modules of a few MiB and a command
# line: one TAP line per boot. Then the hybrid ISO as a CD and as a disk, the conformance
# kernel at memory sizes from 64 MiB to 8 GiB, KASLR from RDRAND (-cpu max, with SMBIOS
# 3.0) and from the TSC, the config's resolution against the kernel's, serial = off, a
# forged audit record, and a kernel of 64 MiB.
#
# The conformance kernels check the protocol from the inside; the command line tells them
# what to expect (tests/kernels/conformance.sh writes it: firmware, memory size, each
# module's name, size and CRC-32, the framebuffer mode, the time, a checksum of the line
# itself).
# `conformance` and `conformance-low` boot with `audit = on`, and check that the loader
# left the firmware's memory as it found it (tests/kernels/conformance/audit.c). A boot passes
# when the kernel exits through isa-debug-exit with 0x10 (QEMU status 33) and its summary
# counts no failure; otherwise the TAP line shows the kernel's FAIL lines, the loader's
# error, or the end of the serial log.
#
# Environment: BUILD (build/), BIOS_KERNELS, BIOS_LAYOUTS ("hybrid bios"), BIOS_DISKS
# ("ide virtio"), BIOS_MEMORY_SIZES ("128M 6G"), BIOS_MEMORY_SWEEP, BOOT_TIMEOUT (120).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/kernels/conformance.sh

BUILD=${BUILD:-build}
ELFBOOT=$BUILD/elfboot
KERNELS=$BUILD/tests/kernels
# A folder of its own per run: runs of `make test` in one checkout may overlap.
mkdir -p "$BUILD/tests/boot"
# tap_fail, counting: the folder is removed at the end when nothing failed.
FAILED=0
eval "counted_$(declare -f tap_fail)"
tap_fail() { FAILED=$((FAILED + 1)); counted_tap_fail "$@"; }
WORK=$(mktemp -d "$BUILD/tests/boot/bios-boot.XXXXXX")
KERNEL_NAMES=${BIOS_KERNELS:-conformance conformance-pie conformance-kaslr conformance-flags conformance-low bare}
LAYOUTS=${BIOS_LAYOUTS:-hybrid bios}
DISKS=${BIOS_DISKS:-ide virtio}
MEMORY_SIZES=${BIOS_MEMORY_SIZES:-128M 6G}
MEMORY_SWEEP=${BIOS_MEMORY_SWEEP:-64M 100M 256M 1G 3G 3584M 4G 5G 8G}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-120}


# Two modules, fresh each run: one a whole number of pages, one that ends mid-page.
head -c $((3 << 20)) /dev/urandom >"$WORK/initrd.bin"
head -c $(((2 << 20) + 4321)) /dev/urandom >"$WORK/data.bin"
MODULES=("$WORK/initrd.bin:initrd" "$WORK/data.bin:data")

# Shows why a boot failed: the kernel's FAIL lines, else the loader's error, else the end.
explain() { # LOG RC
    local log=$1 rc=$2
    echo "QEMU exit status $rc (33 pass, 35 kernel check failed, 124 timeout, 0/1 reset or triple fault); serial log $log"
    if grep -aq '^FAIL' "$log"; then
        grep -a '^FAIL' "$log" | tr -d '\r' | head -20
    elif grep -aq 'elfboot: error' "$log"; then
        grep -a 'elfboot: error' "$log" | tr -d '\r'
    else
        echo "last lines:"; tail -8 "$log" | tr -d '\033\r'
    fi
}

boot_and_check() { # NAME IMAGE MEMORY DISK LOG [QEMU-ARGS...]
    local name=$1 image=$2 memory=$3 disk=$4 log=$5 rc
    shift 5
    qemu_boot bios "$image" "$memory" "$disk" "$log" "$BOOT_TIMEOUT" "$@"
    rc=$?
    if [ "$rc" -eq "$QEMU_PASS" ] && grep -aEq '^SUMMARY .*, 0 failed' "$log" &&
        ! grep -aq '^FAIL' "$log"; then
        tap_ok "$name"
        return 0
    fi
    local -a lines
    mapfile -t lines < <(explain "$log" "$rc")
    tap_fail "$name" "${lines[@]}"
    return 1
}

# One image per kernel, layout and memory size (the command line names the size and
# the framebuffer mode the kernel must get: conformance_fb); booted from each disk kind.
# $CONFORMANCE_EXTRA adds command-line keys.
build_image() { # KERNEL LAYOUT MEMORY IMAGE
    local kernel=$1 layout=$2 memory=$3 image=$4 out keys
    keys="$(conformance_fb "$kernel")${CONFORMANCE_EXTRA:+ $CONFORMANCE_EXTRA}"
    out=$("$ELFBOOT" build "$KERNELS/$kernel.elf" -o "$image" "--$layout" \
        --cmdline "$(CONFORMANCE_EXTRA=$keys conformance_cmdline bios "$memory" "${MODULES[@]}")" \
        --module "${MODULES[0]}" --module "${MODULES[1]}" 2>&1) &&
        { [ "${CONFORMANCE_AUDIT:-}" != on ] || out=$(conformance_audit_on "$image" 2>&1); } &&
        return 0
    echo "$out"
    return 1
}

for kernel in $KERNEL_NAMES; do
    for layout in $LAYOUTS; do
        for memory in $MEMORY_SIZES; do
            image="$WORK/$kernel-$layout-$memory.img"
            names=() audit=
            case $kernel in conformance | conformance-low) audit=on ;; esac
            for disk in $DISKS; do names+=("bios $kernel --$layout $disk -m $memory${audit:+ audit=on}"); done
            if [ ! -f "$KERNELS/$kernel.elf" ]; then
                for n in "${names[@]}"; do tap_fail "$n" "$KERNELS/$kernel.elf is missing (make builds it)"; done
                continue
            fi
            if ! out=$(CONFORMANCE_AUDIT=$audit build_image "$kernel" "$layout" "$memory" "$image"); then
                for n in "${names[@]}"; do tap_fail "$n" "elfboot build failed:" "$out"; done
                continue
            fi
            ok=1
            for disk in $DISKS; do
                boot_and_check "bios $kernel --$layout $disk -m $memory${audit:+ audit=on}" \
                    "$image" "$memory" "$disk" "$WORK/$kernel-$layout-$disk-$memory.log" || ok=0
            done
            [ $ok -eq 1 ] && rm -f "$image" # kept on failure, to boot again by hand
        done
    done
done

# The hybrid ISO (--iso): booted as a CD (El Torito no-emulation, 2048-byte sectors:
# bios/cdboot.S and stage 2's 512-byte view of the drive), and written raw to a disk.
for memory in $MEMORY_SIZES; do
    image="$WORK/conformance-iso-$memory.iso"
    if ! out=$(build_image conformance iso "$memory" "$image"); then
        tap_fail "bios conformance --iso as a CD -m $memory" "elfboot build failed:" "$out"
        continue
    fi
    ok=1
    boot_and_check "bios conformance --iso as a CD -m $memory" "$image" "$memory" cdrom \
        "$WORK/conformance-iso-cdrom-$memory.log" || ok=0
    boot_and_check "bios conformance --iso as a disk (virtio) -m $memory" "$image" "$memory" \
        virtio "$WORK/conformance-iso-virtio-$memory.log" || ok=0
    [ $ok -eq 1 ] && rm -f "$image"
done

# The conformance kernel across memory sizes: holes below 4 GiB, RAM above it, the
# 3.5 GiB boundary, and the edges of what the loader maps.
for memory in $MEMORY_SWEEP; do
    image="$WORK/sweep-$memory.img"
    if ! out=$(build_image conformance hybrid "$memory" "$image"); then
        tap_fail "bios memory sweep -m $memory" "elfboot build failed:" "$out"
        continue
    fi
    boot_and_check "bios memory sweep -m $memory" "$image" "$memory" virtio \
        "$WORK/sweep-$memory.log" && rm -f "$image"
done

# KASLR's entropy (the core's eb_cpu_entropy): RDRAND under -cpu max, the TSC under
# QEMU's default CPU (qemu64: no RDRAND). One image each, booted three times: each boot
# passes, the loader's log names the source, and the slides the kernel reports are not
# all equal (about 1000 possible slides: three equal by chance once in a million runs). The -cpu max
# boots, at -m 6G, also give the kernel 1 GiB pages and NX, and QEMU an SMBIOS 3.0 entry
# point only (smbios-entry-point-type=64): the kernel must get the _SM3_ one (smbios=3).
entropy_boots() { # SOURCE MEMORY KEYS QEMU-ARGS...
    local source=$1 memory=$2 keys=$3 image=$WORK/kaslr-$1.img name i log out
    local -a slides=()
    shift 3
    name="bios KASLR entropy from $source -m $memory${*:+ $*}"
    if ! out=$(CONFORMANCE_EXTRA=$keys build_image conformance-kaslr hybrid "$memory" "$image"); then
        tap_fail "$name" "elfboot build failed:" "$out"
        return
    fi
    for i in 1 2 3; do
        log=$WORK/kaslr-$source-$i.log
        boot_and_check "$name, boot $i" "$image" "$memory" virtio "$log" "$@" || return
        if ! grep -aEq "^kaslr: entropy from (the )?$source\s*$" "$log"; then
            tap_fail "$name: the loader names the source" \
                "expected \"kaslr: entropy from $source\" on COM1; got: $(grep -a '^kaslr' "$log" | tr -d '\r')"
            return
        fi
        slides+=("$(grep -ao 'KASLR: kernel at 0x[0-9a-f]* (slide 0x[0-9a-f]*)' "$log" |
                    sed 's/.*slide \(0x[0-9a-f]*\).*/\1/')")
    done
    tap_ok "$name: the loader names the source"
    if printf '%s\n' "${slides[@]}" | grep -qv '^0x[0-9a-f]*$'; then
        tap_fail "$name: the slides differ" "a boot reported no \"KASLR: ... (slide 0x...)\" line"
    elif [ "$(printf '%s\n' "${slides[@]}" | sort -u | wc -l)" -lt 2 ]; then
        tap_fail "$name: the slides differ" "three boots, one slide: ${slides[*]}"
    else
        tap_ok "$name: the slides differ"
        rm -f "$image"
    fi
}
entropy_boots RDRAND 6G smbios=3 -cpu max -machine smbios-entry-point-type=64
entropy_boots TSC 128M ""

# The framebuffer's mode, and serial = off, with the conformance kernel (fb= tells it
# what to expect). The matrix above: conformance-flags gets the 1024x768 its request
# asks for, the others the largest mode up to 1920x1080. Here the config's resolution
# beats the kernel's request. (A resolution no mode has, the kernel's request next, and
# no display at all are in the failure tests: tests/boot/fail-cases.sh.) Then a config
# that turns the loader's COM1 lines off.

image="$WORK/resolution.img"
name="bios resolution 1280x720 from the config beats the kernel's 1024x768"
if out=$("$ELFBOOT" build "$KERNELS/conformance-flags.elf" -o "$image" --resolution 1280x720 \
        --cmdline "$(CONFORMANCE_EXTRA="fb=1280x720" conformance_cmdline bios 128M)" 2>&1); then
    boot_and_check "$name" "$image" 128M ide "$WORK/resolution.log" && rm -f "$image"
else
    tap_fail "$name" "elfboot build failed:" "$out"
fi

image="$WORK/serial-off.img"
printf 'kernel = /boot/kernel.elf\ncmdline = %s\nserial = off\n' \
    "$(conformance_cmdline bios 128M)" >"$WORK/serial-off.cfg"
if out=$("$ELFBOOT" build "$KERNELS/conformance.elf" -o "$image" \
        --config "$WORK/serial-off.cfg" 2>&1); then
    if boot_and_check "bios serial = off: the kernel passes" "$image" 128M virtio \
            "$WORK/serial-off.log"; then
        if grep -aqE '^(elfboot [0-9]|memory:|kernel /boot|entering the kernel)' "$WORK/serial-off.log"; then
            tap_fail "bios serial = off: no loader line on COM1" "$(grep -aE '^(elfboot|memory:|kernel|entering)' "$WORK/serial-off.log" | head -5)"
        else
            tap_ok "bios serial = off: no loader line on COM1"
            rm -f "$image"
        fi
    else
        tap_fail "bios serial = off: no loader line on COM1" "the boot failed"
    fi
else
    tap_fail "bios serial = off: the kernel passes" "elfboot build failed:" "$out"
fi

# The audit's check can fail: a forged `elfboot-audit` module (the config without
# `audit = on`) with a wrong CRC-32 for the BIOS area, a `loader` range in usable memory
# and a `firmware-exit` line on BIOS. The kernel must fail exactly those three checks.
printf 'loader 0x1000 0x7f000\nfirmware 0xf0000 0x10000 00000000\nloader 0x400000 0x1000\nfirmware-exit 0x9f000 0x1000 12345678\n' \
    >"$WORK/forged-audit.txt"
image="$WORK/forged-audit.img"
name="bios audit: a forged record fails the kernel's audit checks"
if out=$("$ELFBOOT" build "$KERNELS/conformance.elf" -o "$image" --module "$WORK/forged-audit.txt:elfboot-audit" \
        --cmdline "$(CONFORMANCE_AUDIT=on conformance_cmdline bios 128M)" 2>&1); then
    qemu_boot bios "$image" 128M virtio "$WORK/forged-audit.log" "$BOOT_TIMEOUT"
    rc=$?
    fails=$(grep -a '^FAIL' "$WORK/forged-audit.log" | cut -d: -f1 | tr -d '\r' | sort | tr '\n' ' ')
    if [ "$rc" -eq "$QEMU_FAIL" ] &&
        [ "$fails" = "FAIL audit.exit-on-uefi FAIL audit.firmware-unchanged FAIL audit.loader-reclaimable " ]; then
        tap_ok "$name"
        rm -f "$image"
    else
        tap_fail "$name" "QEMU status $rc (expected $QEMU_FAIL), failed checks: $fails"
    fi
else
    tap_fail "$name" "elfboot build failed:" "$out"
fi

# A kernel of 64 MiB (tests/bios/big-kernel.S): its own check of every byte it carries.
big=$BUILD/tests/bios/big-kernel.elf
image="$WORK/big-kernel.img"
if [ ! -f "$big" ]; then
    tap_fail "bios 64 MiB kernel" "$big is missing (make test builds it)"
elif ! out=$("$ELFBOOT" build "$big" -o "$image" 2>&1); then
    tap_fail "bios 64 MiB kernel" "elfboot build failed:" "$out"
else
    qemu_boot bios "$image" 512M virtio "$WORK/big-kernel.log" "$BOOT_TIMEOUT"
    rc=$?
    if [ "$rc" -eq "$QEMU_PASS" ] && grep -aq '^big-kernel: 67108864 bytes ok' "$WORK/big-kernel.log"; then
        tap_ok "bios 64 MiB kernel"
        rm -f "$image"
    else
        mapfile -t lines < <(explain "$WORK/big-kernel.log" "$rc")
        tap_fail "bios 64 MiB kernel" "${lines[@]}"
    fi
fi

# Everything passed: nothing to look at. Otherwise the images and logs stay.
[ "$FAILED" -eq 0 ] && rm -rf "$WORK"
exit 0
