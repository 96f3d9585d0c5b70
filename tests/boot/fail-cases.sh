# fail-cases.sh: every boot-time failure, one table for both firmwares. Sourced by
# bios-fail.sh and uefi-fail.sh (FIRMWARE=bios or uefi), which run in parallel.
#
# Each case builds a good image with `elfboot build`, breaks one thing (mtools in the boot
# partition at 1 MiB, a truncation, a patched byte), boots it and checks COM1:
#   halt  `elfboot: error: PATTERN` appears, QEMU is still running two seconds later (no
#         reset, no triple fault: qemu_expect_halt), and nothing but the stop line
#         follows (a loader that returned to the firmware would leave QEMU running too,
#         but the firmware then boots on and prints: OVMF says "BdsDxe: failed to
#         start ...");
#   stage1  the same for stage 1's two-letter codes (PATTERN alone, no prefix);
#   boot  the boot goes on: PATTERN appears exactly once on COM1 and the conformance
#         kernel passes all its checks (QEMU status 33), told by its command line what
#         to expect (fb=none, fb=WxH: the mode it must get).
# The messages are the same under both firmwares (bootloader/messages.h); where the
# firmware has more to say (a BIOS status and LBA, an EFI status and byte offset) each
# firmware has a row of its own that requires its details.
#
# Environment: BUILD (build/), HALT_TIMEOUT (seconds to wait for the message, 60),
# FAIL_CASES (names to run, default all of this firmware's).

set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/kernels/conformance.sh

BUILD=${BUILD:-build}
ELFBOOT=$BUILD/elfboot
KERNELS=$BUILD/tests/kernels
BIG_KERNEL=$BUILD/tests/bios/big-kernel.elf
HALT_TIMEOUT=${HALT_TIMEOUT:-60}
PART=@@1M # the boot partition starts at LBA 2048 (docs/image-layout.md)

# The table. Columns: name | firmwares | memory | kind | QEMU options | pattern (an ERE,
# last: it may hold '|'). Each name has a function make_NAME IMAGE (dashes as
# underscores) that writes the broken image. README.md's "When something goes wrong"
# lists these messages.
CASES=(
    'no-config            | bios uefi | 128M | halt   |           | config: file not found: /boot/elfboot\.cfg'
    'config-unknown-key   | bios uefi | 128M | halt   |           | elfboot\.cfg line 2: unknown key .colour. \(known: kernel,'
    'config-bad-value     | bios uefi | 128M | halt   |           | elfboot\.cfg line 3: resolution .1280\*720. is not WIDTHxHEIGHT'
    'config-no-kernel     | bios uefi | 128M | halt   |           | elfboot\.cfg: no .kernel = /path. line \(it is required\)'
    'kernel-missing       | bios uefi | 128M | halt   |           | kernel: file not found: /boot/kernel\.elf'
    'kernel-not-elf       | bios uefi | 128M | halt   |           | kernel /boot/kernel\.elf: not an ELF file \(no .x7fELF magic\)'
    'kernel-cut-short     | bios uefi | 128M | halt   |           | kernel /boot/kernel\.elf: segment 0: bytes 0x[0-9a-f]+\.\.0x[0-9a-f]+ lie past the end of the file \(3000 bytes\): truncated kernel\?'
    'kernel-too-big       | bios uefi | 64M  | halt   |           | kernel /boot/kernel\.elf \([0-9]+ bytes\) does not fit in memory'
    'kernel-reserved      | bios uefi | 128M | halt   |           | kernel /boot/kernel\.elf: kernel segment at physical 0xfffc0000\.\.0x[0-9a-f]+ \(p_paddr\) is not usable RAM'
    'kernel-no-ram        | bios      | 128M | halt   |           | kernel /boot/kernel\.elf: kernel segment at physical 0x40000000\.\.0x[0-9a-f]+ \(p_paddr\) is not usable RAM'
    'module-missing       | bios uefi | 128M | halt   |           | module: file not found: /boot/modules/data\.bin'
    'module-too-big       | bios      | 128M | halt   |           | module /boot/modules/huge\.bin \(160 MiB\) does not fit in memory'
    'read-error           | bios      | 128M | halt   |           | module /boot/modules/big\.bin: disk read error: drive 0x80, LBA [0-9]+ \([0-9]+ sectors of 512 bytes\): BIOS status 0x[0-9a-f]{2}'
    'read-error           | uefi      | 128M | halt   |           | module /boot/modules/big\.bin: disk read error at byte [0-9]+ of 8388608: [a-zA-Z]'
    'no-partition         | bios      | 128M | halt   |           | MBR: no FAT partition'
    'bad-gpt              | bios      | 128M | halt   |           | GPT: header checksum mismatch'
    'stage1-unpatched-E3  | bios      | 128M | stage1 |           | E3'
    'stage1-read-error-E2 | bios      | 128M | stage1 |           | E2'
    'no-framebuffer       | bios      | 128M | boot   | -vga none | ^video: no framebuffer: no VBE 2\.0 BIOS'
    'no-framebuffer       | uefi      | 128M | boot   | -vga none | ^video: no framebuffer: no graphics output \(GOP\)'
    'no-such-mode         | bios uefi | 128M | boot   |           | ^video: no 1234x567 mode; using the largest up to 1920x1080'
    'no-such-mode-request | bios uefi | 128M | boot   |           | ^video: no 1234x567 mode; trying the kernel.s request 1024x768'
)

# ---- Building blocks ----

WORK=
FAILED=0
failed_case() { FAILED=$((FAILED + 1)); tap_fail "$@"; }

# good IMAGE [ARGS...]: a bootable image of the bare kernel with one module, data.bin.
good() {
    local image=$1
    shift
    "$ELFBOOT" build "$KERNELS/bare.elf" -o "$image" --module "$WORK/data.bin:data" \
        "$@" >/dev/null
}

# with_config IMAGE TEXT: IMAGE's /boot/elfboot.cfg replaced by TEXT (printf format).
with_config() {
    local image=$1
    shift
    # shellcheck disable=SC2059
    printf "$@" >"$image.cfg" && mcopy -o -i "$image$PART" "$image.cfg" ::/boot/elfboot.cfg
}

# with_kernel IMAGE FILE: IMAGE's kernel replaced by FILE.
with_kernel() { mcopy -o -i "$1$PART" "$2" ::/boot/kernel.elf; }

# patch IMAGE OFFSET BYTES: bytes (printf escapes) written over IMAGE at OFFSET.
patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

write_u64() { # FILE OFFSET VALUE, little-endian
    local bytes="" i
    for i in 0 1 2 3 4 5 6 7; do bytes+=$(printf '\\x%02x' $((($3 >> (8 * i)) & 0xff))); done
    patch "$1" "$2" "$bytes"
}
read_u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }
read_u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' '; }

# moved_kernel IN OUT ADDRESS: IN (a lower-half kernel) with its entry point and every
# program header's addresses moved so that its lowest segment starts at ADDRESS (ELF64
# header: e_entry at 24, e_phoff at 32, e_phnum at 56; program headers of 56 bytes:
# p_vaddr at 16, p_paddr at 24). It is never run: the loader must refuse it.
moved_kernel() {
    local in=$1 out=$2 phoff phnum i ph field v low=-1 delta
    cp "$in" "$out"
    phoff=$(read_u64 "$in" 32)
    phnum=$(read_u16 "$in" 56)
    for ((i = 0; i < phnum; i++)); do # the lowest PT_LOAD (type 1)
        ph=$((phoff + 56 * i))
        [ "$(od -An -tu4 -j "$ph" -N4 "$in" | tr -d ' ')" -eq 1 ] || continue
        v=$(read_u64 "$in" $((ph + 24)))
        { [ "$low" -lt 0 ] || [ "$v" -lt "$low" ]; } && low=$v
    done
    delta=$(($3 - low))
    write_u64 "$out" 24 $(($(read_u64 "$in" 24) + delta))
    for ((i = 0; i < phnum; i++)); do
        ph=$((phoff + 56 * i))
        for field in 16 24; do
            v=$(read_u64 "$in" $((ph + field)))
            [ "$v" -ne 0 ] && write_u64 "$out" $((ph + field)) $((v + delta))
        done
    done
}

# ---- The cases: make_NAME IMAGE writes the broken image ----

make_no_config() { good "$1" && mdel -i "$1$PART" ::/boot/elfboot.cfg; }
make_config_unknown_key() {
    good "$1" && with_config "$1" 'kernel = /boot/kernel.elf\ncolour = blue\n'
}
make_config_bad_value() {
    good "$1" && with_config "$1" '# comment\nkernel = /boot/kernel.elf\nresolution = 1280*720\n'
}
make_config_no_kernel() { good "$1" && with_config "$1" 'cmdline = quiet\n'; }
# With `serial = off`: an error reaches COM1 all the same.
make_kernel_missing() {
    good "$1" && with_config "$1" 'kernel = /boot/kernel.elf\nserial = off\n' &&
        mdel -i "$1$PART" ::/boot/kernel.elf
}
make_kernel_not_elf() {
    head -c 8192 /dev/urandom >"$1.elf" && good "$1" && with_kernel "$1" "$1.elf"
}
make_kernel_cut_short() { # as by an interrupted copy
    head -c 3000 "$KERNELS/conformance.elf" >"$1.elf" && good "$1" && with_kernel "$1" "$1.elf"
}
make_kernel_too_big() { # 64 MiB of kernel with -m 64M (tests/bios/big-kernel.S)
    [ -f "$BIG_KERNEL" ] || { echo "$BIG_KERNEL is missing (make test builds it)"; return 1; }
    "$ELFBOOT" build "$BIG_KERNEL" -o "$1" >/dev/null
}
# A lower-half kernel at 0xfffc0000: the firmware's flash, RESERVED in both SeaBIOS's
# E820 map and OVMF's memory map. The core names the segment's address.
make_kernel_reserved() {
    moved_kernel "$KERNELS/conformance-low.elf" "$1.elf" 0xfffc0000 && good "$1" &&
        with_kernel "$1" "$1.elf"
}
make_kernel_no_ram() { # 1 GiB, with -m 128M
    moved_kernel "$KERNELS/conformance-low.elf" "$1.elf" 0x40000000 && good "$1" &&
        with_kernel "$1" "$1.elf"
}
make_module_missing() { good "$1" && mdel -i "$1$PART" ::/boot/modules/data.bin; }
make_module_too_big() { # 160 MiB with -m 128M, refused before a byte of it is read
    truncate -s 160M "$WORK/huge.bin" && good "$1" --module "$WORK/huge.bin:huge"
    local rc=$?
    rm -f "$WORK/huge.bin"
    return $rc
}
make_read_error() { # an 8 MiB module behind the kernel; the image cut at 6 MiB, inside it
    head -c $((8 << 20)) /dev/urandom >"$WORK/big.bin" && good "$1" --module "$WORK/big.bin:big" &&
        truncate -s 6M "$1"
    local rc=$?
    rm -f "$WORK/big.bin"
    return $rc
}
make_no_partition() { # the MBR's partition type (entry 1 at 446, type at +4): Linux
    good "$1" --bios && patch "$1" 450 '\x83'
}
make_bad_gpt() { good "$1" && patch "$1" $((512 + 60)) '\xff'; } # the disk GUID, under the CRC
# Stage 1's own failures (docs/bios.md): stage2_sectors (MBR offset 436) zero, and a
# stage2_lba (offset 428) past the end of the disk.
make_stage1_unpatched_E3() { good "$1" && patch "$1" 436 '\0\0'; }
make_stage1_read_error_E2() { good "$1" && patch "$1" 428 '\0\0\0\0\1\0\0\0'; }
# The boot goes on without a framebuffer: no display at all (-vga none), the one setup
# where no mode exists. The kernel checks that it got none (fb=none).
make_no_framebuffer() {
    "$ELFBOOT" build "$KERNELS/conformance.elf" -o "$1" \
        --cmdline "$(CONFORMANCE_EXTRA=fb=none conformance_cmdline "$FIRMWARE" 128M)" >/dev/null
}
# A resolution no mode has (docs/protocol.md, "Framebuffer mode"): the kernel's request
# next (conformance-flags asks for 1024x768), else the largest mode up to 1920x1080; the
# missing mode said once.
make_no_such_mode() {
    "$ELFBOOT" build "$KERNELS/conformance.elf" -o "$1" --resolution 1234x567 \
        --cmdline "$(CONFORMANCE_EXTRA=fb=1920x1080 conformance_cmdline "$FIRMWARE" 128M)" >/dev/null
}
make_no_such_mode_request() {
    "$ELFBOOT" build "$KERNELS/conformance-flags.elf" -o "$1" --resolution 1234x567 \
        --cmdline "$(CONFORMANCE_EXTRA=fb=1024x768 conformance_cmdline "$FIRMWARE" 128M)" >/dev/null
}

# ---- Running them ----

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

# check_halt NAME IMAGE MEMORY PATTERN QEMU-ARGS...
check_halt() {
    local name=$1 image=$2 memory=$3 pattern=$4
    shift 4
    halts "$name" "$image" "$memory" "elfboot: error: $pattern" "$@"
}
check_stage1() { halts "$@"; }

# halts NAME IMAGE MEMORY FULL-PATTERN QEMU-ARGS...
halts() {
    local name=$1 image=$2 memory=$3 pattern=$4 log=$WORK/$1.log out
    shift 4
    if ! out=$(qemu_expect_halt "$FIRMWARE" "$image" "$memory" virtio "$log" "$pattern" \
            "$HALT_TIMEOUT" "$@"); then
        local -a lines
        mapfile -t lines < <(echo "$out" | tr -d '\033\r')
        failed_case "$FIRMWARE halts: $name" "log: $log" "${lines[@]}"
        return
    fi
    out=$(tr -d '\r' <"$log" | awk '/elfboot: error|^E[0-9]$/ { seen = 1; next } seen' |
          grep -v -e "^elfboot: stopped; power off or reset the machine\.$" -e '^$')
    if [ -n "$out" ]; then
        local -a lines
        mapfile -t lines < <(echo "$out" | head -3 | tr -d '\033')
        failed_case "$FIRMWARE halts: $name" "the firmware went on after the error:" "${lines[@]}"
        return
    fi
    tap_ok "$FIRMWARE halts: $name"
    rm -f "$image"*
}

# check_boot NAME IMAGE MEMORY PATTERN QEMU-ARGS...
check_boot() {
    local name=$1 image=$2 memory=$3 pattern=$4 log=$WORK/$1.log rc count
    shift 4
    qemu_boot "$FIRMWARE" "$image" "$memory" virtio "$log" "$CONFORMANCE_TIMEOUT" "$@"
    rc=$?
    count=$(tr -d '\r' <"$log" | grep -Ec -- "$pattern")
    if [ "$rc" -ne "$QEMU_PASS" ] || ! grep -aq '^SUMMARY .*, 0 failed' "$log" ||
        grep -aq '^FAIL' "$log"; then
        local -a lines
        mapfile -t lines < <(grep -a -e '^FAIL' -e 'elfboot: error' "$log" | tr -d '\r' | head -10)
        failed_case "$FIRMWARE boots on: $name" "QEMU status $rc; log: $log" "${lines[@]}"
    elif [ "$count" -ne 1 ]; then
        failed_case "$FIRMWARE boots on: $name" "/$pattern/ on COM1 $count times, expected once; log: $log"
    else
        tap_ok "$FIRMWARE boots on: $name"
        rm -f "$image"*
    fi
}

run_fail_cases() {
    mkdir -p "$BUILD/tests/boot"
    WORK=$(mktemp -d "$BUILD/tests/boot/$FIRMWARE-fail.XXXXXX")
    head -c 5000 /dev/urandom >"$WORK/data.bin"
    local row name fws memory kind pattern qemu_args
    for row in "${CASES[@]}"; do
        IFS='|' read -r name fws memory kind qemu_args pattern <<<"$row"
        name=$(trim "$name") fws=" $(trim "$fws") " memory=$(trim "$memory")
        kind=$(trim "$kind") pattern=$(trim "$pattern")
        [[ $fws == *" $FIRMWARE "* ]] || continue
        [ -z "${FAIL_CASES:-}" ] || [[ " $FAIL_CASES " == *" $name "* ]] || continue
        local -a extra
        read -r -a extra <<<"$qemu_args"
        local image=$WORK/$name.img out
        if ! out=$("make_${name//-/_}" "$image" 2>&1); then
            failed_case "$FIRMWARE $kind: $name" "could not build the image to break:" "$out"
            continue
        fi
        "check_$kind" "$name" "$image" "$memory" "$pattern" "${extra[@]}"
    done
    # Everything passed: nothing to look at. Otherwise the images and logs stay.
    [ "$FAILED" -eq 0 ] && rm -rf "$WORK"
    return 0
}
