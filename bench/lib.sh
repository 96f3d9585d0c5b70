# shellcheck shell=bash
# lib.sh: what bench/run.sh's steps share: timing one command, QEMU command lines,
# medians, and the floor images. Sourced by run.sh, which sets OUT, BIN and ELFBOOT.

OVMF_CODE=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
OVMF_VARS=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}
QEMU=${QEMU:-qemu-system-x86_64}
QEMU_EXIT_OK=33   # the bench kernel and the floors write 0x10 to isa-debug-exit
PART_OFFSET=1M    # the boot partition starts at LBA 2048 (docs/image-layout.md)
PART_LBA=2048

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

# record NAME ROUND WALL CPU RSS AFTER: one measured run, for the medians. AFTER: ms from
# OVMF's hand-off to BOOTX64.EFI until the end, "-" when not measured.
record() { echo "$*" >>"$OUT/runs.txt"; }

# timed NAME ROUND [-l LOG -m MARK] COMMAND...: runs COMMAND under timeit and records
# it; returns the command's exit status. Output goes to $OUT/logs/NAME.out (or LOG).
timed() {
    local name=$1 round=$2 wall cpu rss status mark after=-
    shift 2
    local -a opts=()
    if [ "$1" = -l ]; then
        opts=("$1" "$2" "$3" "$4")
        shift 4
    fi
    "$BIN/timeit" -o "$OUT/figures" "${opts[@]}" "$@" </dev/null >"$OUT/logs/$name.out" 2>&1 ||
        die "$name: could not time $*"
    read -r wall cpu rss status mark <"$OUT/figures"
    # No hand-off line (a boot that failed early): that figure of this run stays empty.
    after=$(awk -v w="$wall" -v m="$mark" 'BEGIN { if (m >= 0) printf "%.1f", w - m; else print "-" }')
    record "$name" "$round" "$wall" "$cpu" "$rss" "$after"
    return "$status"
}

# OVMF's boot manager's last words on COM1 before it starts BOOTX64.EFI. (SeaBIOS says
# "Booting from 0000:7c00" only on its debug port 0x402, and a device there would slow
# every VGA BIOS call of the loader's, which then prints to it: BIOS boots get no mark.)
UEFI_HANDOFF="BdsDxe: starting Boot"

# qemu_cmd FIRMWARE IMAGE DISK VARS: the command line of one boot, one argument a line,
# as tests/lib/qemu.sh starts QEMU (pc machine, TCG, isa-debug-exit at 0xf4), with COM1
# on standard output, where timeit reads it.
qemu_cmd() {
    local firmware=$1 image=$2 disk=$3 vars=$4
    printf '%s\n' timeout --kill-after=5 "${BENCH_TIMEOUT:-300}" "$QEMU" -machine pc \
        -accel tcg -m 256M -display none -no-reboot -monitor none -nic none \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -serial stdio -drive "file=$image,format=raw,if=$disk"
    if [ "$firmware" = uefi ]; then
        printf '%s\n' -drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE" \
            -drive "if=pflash,format=raw,file=$vars"
    fi
}

# boot NAME ROUND FIRMWARE IMAGE DISK: one timed boot; fails unless it reached the exit.
boot() {
    local name=$1 round=$2 firmware=$3 image=$4 disk=$5 status=0
    local log="$OUT/logs/$name.serial" vars="$OUT/vars.fd"
    cp "$OVMF_VARS" "$vars"   # a fresh variable store: every UEFI boot starts the same
    local -a cmd mark=(-l "$log" -m "$UEFI_HANDOFF")
    mapfile -t cmd < <(qemu_cmd "$firmware" "$image" "$disk" "$vars")
    timed "$name" "$round" "${mark[@]}" "${cmd[@]}" || status=$?
    if [ "$status" -ne "$QEMU_EXIT_OK" ]; then
        echo "bench: $name: QEMU exited with $status, not $QEMU_EXIT_OK (the kernel's exit)." >&2
        echo "bench: command: ${cmd[*]}" >&2
        echo "bench: its last output ($log):" >&2
        tail -n 8 "$log" >&2 2>/dev/null
        return 1
    fi
}

# ---- Floor images: the bench image with only its boot program changed ----

# with_mbr_code SRC DST CODE: a copy of SRC whose MBR boot code is CODE (stage 1's area:
# the partition table, the signature and the rest of the disk stay as they are).
with_mbr_code() {
    cp --sparse=always "$1" "$2"
    dd if="$3" of="$2" conv=notrunc status=none
}

# with_efi_app SRC DST APP: a copy of SRC whose /EFI/BOOT/BOOTX64.EFI is APP.
with_efi_app() {
    cp --sparse=always "$1" "$2"
    MTOOLS_SKIP_CHECK=1 mcopy -o -i "$2@@$PART_OFFSET" "$3" ::/EFI/BOOT/BOOTX64.EFI
}

# file_extents IMAGE PATH SIZE: the runs of sectors that hold PATH in the image's FAT32 boot
# partition, "first-LBA count" a line, cut at the file's last sector. From mtools:
# mshowfat names the file's clusters, minfo the geometry (Microsoft FAT specification:
# first data sector = reserved + FATs * FAT size; FAT32 has no fixed root directory).
file_extents() {
    local image=$1 path=$2 size=$3 info clusters
    info=$(minfo -i "$image@@$PART_OFFSET" ::) || die "minfo cannot read $image"
    clusters=$(mshowfat -i "$image@@$PART_OFFSET" "::$path") || die "mshowfat: no $path in $image"
    awk -v info="$info" -v clusters="$clusters" -v size="$size" -v part="$PART_LBA" '
    BEGIN {
        n = split(info, lines, "\n")
        for (i = 1; i <= n; i++) {
            if (lines[i] ~ /^sector size:/) { split(lines[i], w, " "); bps = w[3] }
            if (lines[i] ~ /^cluster size:/) { split(lines[i], w, " "); spc = w[3] }
            if (lines[i] ~ /^reserved \(boot\) sectors:/) { split(lines[i], w, " "); rsv = w[4] }
            if (lines[i] ~ /^fats:/) { split(lines[i], w, " "); fats = w[2] }
            if (lines[i] ~ /^Big fatlen=/) { split(lines[i], w, "="); fatlen = w[2] }
            if (lines[i] ~ /^disk type="FAT32/) fat32 = 1
        }
        if (!fat32 || bps != 512 || !spc || !rsv || !fats || !fatlen) {
            print "not a FAT32 volume of 512-byte sectors" > "/dev/stderr"; exit 1
        }
        data = part + rsv + fats * fatlen
        left = int((size + bps - 1) / bps)
        m = split(clusters, runs, /[<> ]+/)
        for (i = 1; i <= m && left > 0; i++) {
            if (runs[i] !~ /^[0-9]+(-[0-9]+)?$/) continue
            k = split(runs[i], ab, "-"); a = ab[1]; b = k > 1 ? ab[2] : a
            count = (b - a + 1) * spc
            if (count > left) count = left
            print data + (a - 2) * spc, count
            left -= count
        }
        if (left > 0) { print "the clusters do not cover the file" > "/dev/stderr"; exit 1 }
    }'
}

# extents_hold IMAGE EXTENTS FILE: true when the sectors EXTENTS names in IMAGE, in order,
# are FILE's bytes (then the raw-read floor reads exactly what the loader loads).
extents_hold() {
    local image=$1 extents=$2 file=$3 lba count
    while read -r lba count; do
        dd if="$image" bs=1M iflag=skip_bytes,count_bytes skip=$((lba * 512)) \
            count=$((count * 512)) status=none
    done <"$extents" | head -c "$(stat -c %s "$file")" | cmp -s - "$file"
}

# le32 N: N as 4 little-endian bytes.
le32() {
    local hex
    hex=$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) \
          $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))
    printf '%b' "$hex"
}

# mbr_reader EXTENTS OUT: mbr-read.bin with its extent table (at 0x100: u32 LBA, u32
# count, ended by a zero count) filled from EXTENTS ("lba count" lines).
mbr_reader() {
    local extents=$1 out=$2 n
    n=$(wc -l <"$extents")
    # 0x100 + 8 * (n + 1) must stay within stage 1's 428 bytes.
    if [ "$n" -lt 1 ] || [ "$n" -gt 20 ]; then
        die "the module lies in $n runs of sectors (1 to 20 fit the reader)"
    fi
    cp "$BIN/mbr-read.bin" "$out"
    truncate -s 256 "$out"
    { while read -r lba count; do le32 "$lba"; le32 "$count"; done <"$extents"
      le32 0; le32 0; } >>"$out"
}
