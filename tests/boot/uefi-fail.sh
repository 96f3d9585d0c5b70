#!/usr/bin/env bash
# UEFI failure tests: BOOTX64.EFI under OVMF meets a broken boot partition. Each test
# builds a good image with `elfboot build`, breaks one thing inside its FAT partition
# with mtools, boots it, and passes when the loader's message (naming the file, the
# config line, or the core's reason) appears on COM1 and QEMU is still running two
# seconds later: the loader halted, rather than returning to the firmware (which would
# boot the next device and hide the message), resetting, or triple-faulting.
#
# Environment: BUILD (build/), HALT_TIMEOUT (seconds to wait for the message, 60).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh

BUILD=${BUILD:-build}
ELFBOOT=$BUILD/elfboot
KERNELS=$BUILD/tests/kernels
HALT_TIMEOUT=${HALT_TIMEOUT:-60}
PART=@@1M # the ESP starts at LBA 2048 (docs/image-layout.md)

# A directory of this run's own: a second `make test` in the same checkout must not
# rewrite the modules under a running one.
mkdir -p "$BUILD/tests/boot"
WORK=$(mktemp -d "$BUILD/tests/boot/uefi-fail.XXXXXX")
failed=0 # set by the tests below; the directory stays when one failed, logs and all
trap '[ "$failed" -eq 0 ] && rm -rf "$WORK"' EXIT
head -c $((1 << 20)) /dev/urandom >"$WORK/data.bin"

# good_image NAME [KERNEL [MODULE]]: a bootable image to break; prints its path.
good_image() {
    local image="$WORK/$1.img"
    "$ELFBOOT" build "${2:-$KERNELS/conformance.elf}" -o "$image" --uefi \
        --cmdline "fw=uefi" --module "${3:-$WORK/data.bin}:data" >&2 || return 1
    echo "$image"
}

# expect_halt NAME PATTERN IMAGE: boots IMAGE, expects PATTERN on COM1, then a halt.
expect_halt() {
    local name=$1 pattern=$2 image=$3 out
    if [ -z "$image" ]; then
        tap_fail "uefi halts with a message: $name" "could not build the image to break"
        failed=1
        return
    fi
    local log=$WORK/$name.log
    if ! out=$(qemu_expect_halt uefi "$image" 128M virtio "$log" "$pattern" "$HALT_TIMEOUT")
    then
        local -a lines
        mapfile -t lines < <(echo "$out" | tr -d '\033\r')
        tap_fail "uefi halts with a message: $name" "log: $log" "${lines[@]}"
        failed=1
        return
    fi
    # A loader that returned to the firmware would leave QEMU running too, but OVMF
    # then says so at once ("BdsDxe: failed to start Boot0002 ...") and moves on.
    out=$(awk '/elfboot: error/ { seen = 1; next } seen' "$log" | tr -d '\r' |
          grep -v -e '^elfboot: stopped' -e '^$')
    if [ -n "$out" ]; then
        local -a lines
        mapfile -t lines < <(echo "$out" | head -3 | tr -d '\033')
        tap_fail "uefi halts with a message: $name" "the firmware went on after the error:" \
            "${lines[@]}"
        failed=1
        return
    fi
    tap_ok "uefi halts with a message: $name"
    rm -f "$image"
}

# write_u64 FILE OFFSET VALUE: one little-endian 64-bit field, in place.
write_u64() {
    local bytes="" i
    for i in 0 1 2 3 4 5 6 7; do bytes+=$(printf '\\x%02x' $((($3 >> (8 * i)) & 0xff))); done
    printf "$bytes" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
read_u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }
read_u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' '; }

# moved_kernel IN OUT DELTA: IN with its entry point and every program header's
# addresses moved by DELTA (ELF64 header: e_entry at 24, e_phoff at 32, e_phnum at 56;
# program headers of 56 bytes: p_vaddr at 16, p_paddr at 24).
moved_kernel() {
    local in=$1 out=$2 delta=$3 phoff phnum i ph field
    cp "$in" "$out"
    write_u64 "$out" 24 $(($(read_u64 "$in" 24) + delta))
    phoff=$(read_u64 "$in" 32)
    phnum=$(read_u16 "$in" 56)
    for ((i = 0; i < phnum; i++)); do
        ph=$((phoff + 56 * i))
        for field in 16 24; do
            local v
            v=$(read_u64 "$in" $((ph + field)))
            [ "$v" -ne 0 ] && write_u64 "$out" $((ph + field)) $((v + delta))
        done
    done
}

# 1. No kernel where the config says.
image=$(good_image missing-kernel) && mdel -i "$image$PART" ::/boot/kernel.elf
expect_halt missing-kernel \
    'elfboot: error: cannot open /boot/kernel\.elf on the boot partition: not found' "$image"

# 2. No configuration at all.
image=$(good_image missing-config) && mdel -i "$image$PART" ::/boot/elfboot.cfg
expect_halt missing-config \
    'elfboot: error: cannot open /boot/elfboot\.cfg on the boot partition: not found' "$image"

# 3. A config line the parser refuses: the message names its line (3).
printf 'kernel = /boot/kernel.elf\ncmdline = fw=uefi\nframebuffer = yes please\n' \
    >"$WORK/bad.cfg"
image=$(good_image bad-config-line) && mcopy -o -i "$image$PART" "$WORK/bad.cfg" \
    ::/boot/elfboot.cfg
expect_halt bad-config-line 'elfboot: error: .*elfboot\.cfg.* line 3: .*framebuffer' "$image"

# 4. A corrupt kernel: cut short, as by an interrupted copy. The core's reason is shown.
head -c 3000 "$KERNELS/conformance.elf" >"$WORK/truncated.elf"
image=$(good_image corrupt-kernel) && mcopy -o -i "$image$PART" "$WORK/truncated.elf" \
    ::/boot/kernel.elf
expect_halt corrupt-kernel 'elfboot: error: /boot/kernel\.elf: .*(end of the file|past the end|truncated)' \
    "$image"

# 5. A module the config names is missing.
image=$(good_image missing-module) && mdel -i "$image$PART" ::/boot/modules/data.bin
expect_halt missing-module \
    'elfboot: error: cannot open /boot/modules/data\.bin on the boot partition: not found' \
    "$image"

# 6. A lower-half kernel linked where the machine has no RAM (1 GiB, with -m 128M): the
#    firmware refuses the pages, the memory map says why, the core names the segment.
moved_kernel "$KERNELS/conformance-low.elf" "$WORK/no-ram.elf" $((0x40000000 - 0x200000))
image=$(good_image kernel-not-in-ram "$WORK/no-ram.elf")
expect_halt kernel-not-in-ram 'elfboot: error: .*0x40[0-9a-f]{6}.*(not|no) .*RAM' "$image"

# 7. A module larger than the machine's memory (160 MiB with -m 128M): out of memory,
#    said with the file and the size, before a byte of it is read.
truncate -s 160M "$WORK/huge.bin"
image=$(good_image out-of-memory "$KERNELS/conformance.elf" "$WORK/huge.bin")
rm -f "$WORK/huge.bin"
expect_halt out-of-memory \
    'elfboot: error: out of memory: /boot/modules/huge\.bin needs 160 MiB' "$image"
