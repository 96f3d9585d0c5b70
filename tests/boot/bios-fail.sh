#!/usr/bin/env bash
# BIOS failure tests: broken images booted under SeaBIOS. Each must make stage 2 print a
# message that names what failed on COM1 and then halt: QEMU still running, no reset, no
# triple fault (qemu_expect_halt). One TAP line per case.
#
# The images are good ones (`elfboot build`) broken afterwards with mtools (the boot
# partition starts at 1 MiB on both layouts) or by truncating the file.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh

BUILD=${BUILD:-build}
ELFBOOT=$BUILD/elfboot
KERNEL=$BUILD/tests/kernels/bare.elf
BIG_KERNEL=$BUILD/tests/bios/big-kernel.elf
# A folder of its own per run: runs of `make test` in one checkout may overlap.
mkdir -p "$BUILD/tests/boot"
# tap_fail, counting: the folder is removed at the end when nothing failed.
FAILED=0
eval "counted_$(declare -f tap_fail)"
tap_fail() { FAILED=$((FAILED + 1)); counted_tap_fail "$@"; }
WORK=$(mktemp -d "$BUILD/tests/boot/bios-fail.XXXXXX")
TIMEOUT=${BOOT_TIMEOUT:-60}

# expect_halt NAME IMAGE MEMORY PATTERN: boots and checks the message and the halt.
expect_halt() {
    local name=$1 image=$2 memory=$3 pattern=$4 out
    if out=$(qemu_expect_halt bios "$image" "$memory" virtio "$WORK/$name.log" "$pattern" "$TIMEOUT"); then
        tap_ok "bios halts: $name"
        rm -f "$image"
    else
        local -a lines
        mapfile -t lines < <(echo "$out" | tr -d '\r')
        tap_fail "bios halts: $name" "image kept: $image" "${lines[@]}"
    fi
}

# good IMAGE [ARGS...]: a bootable image of the bare kernel, or a failed test.
good() {
    local image=$1 out
    shift
    if ! out=$("$ELFBOOT" build "$KERNEL" -o "$image" "$@" 2>&1); then
        echo "elfboot build failed: $out"
        return 1
    fi
}

case_missing_kernel() {
    local img=$WORK/missing-kernel.img
    good "$img" --bios && mdel -i "$img@@1M" ::/boot/kernel.elf &&
        expect_halt missing-kernel "$img" 128M 'error: kernel: file not found: /boot/kernel\.elf'
}

case_missing_module() {
    local img=$WORK/missing-module.img
    head -c 5000 /dev/urandom >"$WORK/mod.bin"
    good "$img" --module "$WORK/mod.bin:mod" && mdel -i "$img@@1M" ::/boot/modules/mod.bin &&
        expect_halt missing-module "$img" 128M 'error: module: file not found: /boot/modules/mod\.bin'
}

case_bad_config_line() {
    local img=$WORK/bad-config.img
    printf 'kernel = /boot/kernel.elf\ncolour = blue\n' >"$WORK/bad.cfg"
    good "$img" && mcopy -o -i "$img@@1M" "$WORK/bad.cfg" ::/boot/elfboot.cfg &&
        expect_halt bad-config-line "$img" 128M 'error: elfboot\.cfg line 2: .*colour'
}

case_corrupt_kernel() {
    local img=$WORK/corrupt-kernel.img
    head -c 8192 /dev/urandom >"$WORK/garbage.elf"
    good "$img" && mcopy -o -i "$img@@1M" "$WORK/garbage.elf" ::/boot/kernel.elf &&
        expect_halt corrupt-kernel "$img" 128M 'error: kernel /boot/kernel\.elf: .*ELF'
}

case_truncated_image() {
    # An 8 MiB module behind the kernel; the image cut at 6 MiB, inside the module.
    local img=$WORK/truncated.img
    head -c $((8 << 20)) /dev/urandom >"$WORK/big.bin"
    good "$img" --bios --module "$WORK/big.bin:big" && truncate -s 6M "$img" &&
        expect_halt truncated-image "$img" 128M 'disk read error: drive 0x80, LBA [0-9]+ .*BIOS status 0x[0-9a-f]+'
}

case_no_partition() {
    local img=$WORK/no-partition.img
    # The MBR's partition type byte (entry 1 at 446, type at +4) set to Linux (0x83).
    good "$img" --bios && printf '\x83' | dd of="$img" bs=1 seek=450 conv=notrunc status=none &&
        expect_halt no-boot-partition "$img" 128M 'error: MBR: no FAT partition'
}

case_bad_gpt() {
    local img=$WORK/bad-gpt.img
    # A byte of the GPT header (LBA 1) that its CRC covers: the disk GUID.
    good "$img" && printf '\xff' | dd of="$img" bs=1 seek=$((512 + 60)) conv=notrunc status=none &&
        expect_halt bad-gpt-header "$img" 128M 'error: GPT: header checksum mismatch'
}

case_kernel_too_big() {
    local img=$WORK/too-big.img out
    if [ ! -f "$BIG_KERNEL" ]; then
        tap_fail "bios halts: kernel-too-big" "$BIG_KERNEL is missing (make test builds it)"
        return
    fi
    if ! out=$("$ELFBOOT" build "$BIG_KERNEL" -o "$img" 2>&1); then
        tap_fail "bios halts: kernel-too-big" "elfboot build failed: $out"
        return
    fi
    expect_halt kernel-too-big "$img" 64M 'error: kernel /boot/kernel\.elf \([0-9]+ bytes\) does not fit in memory'
}

# Stage 1's own failures, as two letters (docs/bios.md): stage 2 not patched in (E3),
# stage 2 past the end of the disk (E2).
case_stage1_unpatched() {
    local img=$WORK/stage1-unpatched.img
    good "$img" && printf '\0\0' | dd of="$img" bs=1 seek=436 conv=notrunc status=none &&
        expect_halt stage1-no-stage2-E3 "$img" 128M 'E3'
}

case_stage1_read_error() {
    local img=$WORK/stage1-read-error.img
    good "$img" && printf '\0\0\0\0\1\0\0\0' | dd of="$img" bs=1 seek=428 conv=notrunc status=none &&
        expect_halt stage1-read-error-E2 "$img" 128M 'E2'
}

for c in stage1_unpatched stage1_read_error missing_kernel missing_module bad_config_line corrupt_kernel truncated_image \
         no_partition bad_gpt kernel_too_big; do
    # Each case prints its TAP line; one that printed none failed before booting.
    out=$("case_$c" 2>&1)
    if echo "$out" | grep -q '^\(not \)\?ok '; then
        echo "$out"
        echo "$out" | grep -q '^not ok ' && FAILED=$((FAILED + 1))
    else
        tap_fail "bios halts: ${c//_/-}" "$out"
    fi
done

# Everything passed: nothing to look at. Otherwise the images and logs stay.
[ "$FAILED" -eq 0 ] && rm -rf "$WORK"
exit 0
