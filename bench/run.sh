#!/usr/bin/env bash
# run.sh: `make bench`. Every figure beside a floor or a peer measured in the same run:
# rounds of interleaved runs (each round runs everything once, in a rotated order, so
# that the machine's changing load falls on all alike), medians of per-round figures.
# bench/README.md says what each figure means and what bounds it.
#
#   BENCH_RUNS   rounds (default 3)     BENCH_GRUB=0   skip the GRUB peer rows
#   BENCH_QUICK_RUNS  extra rounds of the BIOS virtio-blk boots alone (default 6)
#   BENCH_IDE=0  skip the IDE rows (the slowest: ~10 s a boot with the module)
#   bench/run.sh --report   prints the last run's table again (build/bench/runs.txt)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
OUT=$BUILD/bench
BIN=$OUT/bin
ELFBOOT=${ELFBOOT:-$BUILD/elfboot}
BIOS_STAGE1=${BIOS_STAGE1:-$BUILD/bios/stage1.bin}
BIOS_STAGE2=${BIOS_STAGE2:-$BUILD/bios/stage2.bin}
UEFI_LOADER=${UEFI_LOADER:-$BUILD/uefi/BOOTX64.EFI}
RUNS=${BENCH_RUNS:-3}
QUICK_RUNS=${BENCH_QUICK_RUNS:-6}   # extra rounds of the BIOS virtio-blk boots only
MODULE=module.bin   # its name on the image: bench/efi-read.c reads \boot\modules\module.bin

# shellcheck source=bench/lib.sh
. bench/lib.sh
# shellcheck source=bench/report.sh
. bench/report.sh

# ---- 1. Inputs and the GRUB peer ----

check_inputs() {
    local f
    for f in "$ELFBOOT" "$BIOS_STAGE1" "$BIOS_STAGE2" "$UEFI_LOADER" "$BIN"/kernel.elf \
             "$BIN/module.bin" "$BIN"/mbr-exit.bin "$BIN"/mbr-read.bin "$BIN"/efi-exit.efi \
             "$BIN"/efi-read.efi "$BIN"/timeit "$OVMF_CODE" "$OVMF_VARS"; do
        [ -e "$f" ] || die "missing $f (run it through make bench)"
    done
    rm -rf "$OUT/img" "$OUT/logs" "$OUT/grub" "$OUT/cp" "$OUT/runs.txt"
    mkdir -p "$OUT/img" "$OUT/logs" "$OUT/grub" "$OUT/cp"
    : >"$OUT/runs.txt"
}

GRUB=0
prepare_grub() {
    if [ "${BENCH_GRUB:-1}" = 0 ]; then
        note "GRUB rows skipped (BENCH_GRUB=0)"
        return
    fi
    if ! bench/deps.sh; then
        note "GRUB rows skipped: grub-mkrescue and GRUB's i386-pc and x86_64-efi modules are not installed"
        return
    fi
    local root
    for root in 1 m; do
        mkdir -p "$OUT/grub/root$root/boot/grub"
        ln -f "$BIN/kernel.elf" "$OUT/grub/root$root/boot/kernel.elf"
    done
    ln -f "$BIN/module.bin" "$OUT/grub/rootm/boot/$MODULE"
    # GRUB boots at once (timeout 0) through its Multiboot2 loader, like elfboot would.
    printf '%s\n' 'set timeout=0' 'set default=0' 'menuentry bench {' \
        '    multiboot2 /boot/kernel.elf' '    boot' '}' >"$OUT/grub/root1/boot/grub/grub.cfg"
    printf '%s\n' 'set timeout=0' 'set default=0' 'menuentry bench {' \
        '    multiboot2 /boot/kernel.elf' "    module2 /boot/$MODULE" '    boot' '}' \
        >"$OUT/grub/rootm/boot/grub/grub.cfg"
    GRUB=1
}

# ---- 2. Image builds: elfboot build against cp of the same bytes, and grub-mkrescue ----

measure_builds() {
    local round
    for round in $(seq 1 "$RUNS"); do
        # Every build writes new files, as cp does: deleting the last round's 65 to 80 MB
        # (~20 ms on this ext4) is not part of any figure, nor is writing out the last
        # round's ~400 MB (sync): it stalled later builds of a round by 100 ms and more.
        rm -f "$OUT/cp/"* "$OUT/img/"*
        sync
        timed build.cp "$round" cp "$BIN/kernel.elf" "$BIN/module.bin" "$OUT/cp/" ||
            die "cp failed (see $OUT/logs/build.cp.out)"
        timed build.elfboot_mod "$round" "$ELFBOOT" build "$BIN/kernel.elf" \
            --module "$BIN/module.bin:$MODULE" -o "$OUT/img/elfboot-mod.img" ||
            die "elfboot build failed (see $OUT/logs/build.elfboot_mod.out)"
        timed build.elfboot "$round" "$ELFBOOT" build "$BIN/kernel.elf" \
            -o "$OUT/img/elfboot.img" || die "elfboot build failed (see $OUT/logs/build.elfboot.out)"
        if [ "$GRUB" = 1 ]; then
            if ! timed build.grub "$round" grub-mkrescue -o "$OUT/img/grub.iso" \
                    "$OUT/grub/root1" ||
               ! timed build.grub_mod "$round" grub-mkrescue -o "$OUT/img/grub-mod.iso" \
                    "$OUT/grub/rootm"; then
                note "GRUB rows skipped: grub-mkrescue failed (see $OUT/logs/build.grub*.out)"
                GRUB=0
            fi
        fi
    done
}

# ---- 3. Floor images: the same disks, with only the boot program changed ----

make_floor_images() {
    local img=$OUT/img
    with_mbr_code "$img/elfboot.img" "$img/floor-bios.img" "$BIN/mbr-exit.bin"
    with_efi_app "$img/elfboot.img" "$img/floor-uefi.img" "$BIN/efi-exit.efi"
    file_extents "$img/elfboot-mod.img" "/boot/modules/$MODULE" \
        "$(stat -c %s "$BIN/module.bin")" >"$OUT/module-extents.txt"
    extents_hold "$img/elfboot-mod.img" "$OUT/module-extents.txt" "$BIN/module.bin" ||
        die "the sectors found for /boot/modules/$MODULE do not hold the module (mtools geometry?)"
    mbr_reader "$OUT/module-extents.txt" "$OUT/mbr-read-module.bin"
    with_mbr_code "$img/elfboot-mod.img" "$img/raw-bios.img" "$OUT/mbr-read-module.bin"
    with_efi_app "$img/elfboot-mod.img" "$img/raw-uefi.img" "$BIN/efi-read.efi"
    note "module on disk: $(awk '{ n += $2 } END { print n }' "$OUT/module-extents.txt") sectors in $(wc -l <"$OUT/module-extents.txt") run(s), from LBA $(awk 'NR == 1 { print $1 }' "$OUT/module-extents.txt")"
}

# ---- 4. Boots: NAME FIRMWARE IMAGE DISK, every one each round ----

boot_list() {
    local img=$OUT/img disk
    local disks=(virtio)
    [ "${BENCH_IDE:-1}" = 0 ] || disks+=(ide)
    for disk in "${disks[@]}"; do
        echo "bios.floor.$disk bios $img/floor-bios.img $disk"
        echo "bios.elfboot.$disk bios $img/elfboot.img $disk"
        echo "bios.raw.$disk bios $img/raw-bios.img $disk"
        echo "bios.elfboot_mod.$disk bios $img/elfboot-mod.img $disk"
    done
    echo "uefi.floor uefi $img/floor-uefi.img virtio"
    echo "uefi.elfboot uefi $img/elfboot.img virtio"
    echo "uefi.raw uefi $img/raw-uefi.img virtio"
    echo "uefi.elfboot_mod uefi $img/elfboot-mod.img virtio"
    if [ "$GRUB" = 1 ]; then
        echo "bios.grub.virtio bios $img/grub.iso virtio"
        echo "bios.grub_mod.virtio bios $img/grub-mod.iso virtio"
        echo "uefi.grub uefi $img/grub.iso virtio"
        echo "uefi.grub_mod uefi $img/grub-mod.iso virtio"
    fi
}

# The BIOS virtio-blk boots take a second or two: they get extra rounds of their own
# (their per-round ratios spread by +-30% even on a quiet machine).
quick_list() { boot_list | grep -E '^bios\.(floor|elfboot|raw|elfboot_mod)\.virtio '; }

measure_boots() {
    local -a list
    local n round i total=$((RUNS + QUICK_RUNS))
    for round in $(seq 1 "$total"); do
        if [ "$round" -le "$RUNS" ]; then mapfile -t list < <(boot_list)
        else mapfile -t list < <(quick_list); fi
        n=${#list[@]}
        note "round $round of $total: $n boots (load average $(cut -d' ' -f1 /proc/loadavg))"
        for i in $(seq 0 $((n - 1))); do
            local -a b
            read -r -a b <<<"${list[$(((i + round - 1) % n))]}"   # NAME FIRMWARE IMAGE DISK
            boot "${b[0]}" "$round" "${b[1]}" "${b[2]}" "${b[3]}" ||
                die "a boot that must reach the kernel did not: no figure from this run"
        done
    done
}

# ---- 5. The table and the machine-readable lines (report.sh) ----

main() {
    local started
    started=$(date +%s)
    if [ "${1:-}" = --report ]; then   # the table again, from the last run's figures
        [ -s "$OUT/runs.txt" ] || die "no $OUT/runs.txt: run make bench first"
        # shellcheck source=/dev/null
        . "$OUT/context.sh"
        report
        return
    fi
    # One bench at a time in a checkout: a second one would delete this one's images.
    mkdir -p "$OUT"
    exec 9>"$OUT/.lock"
    flock -n 9 || die "another make bench is running in this checkout (lock: $OUT/.lock)"
    check_inputs
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    prepare_grub
    measure_builds
    make_floor_images
    measure_boots
    LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
    printf 'RUNS=%q QUICK_RUNS=%q GRUB=%q LOAD_BEFORE=%q LOAD_AFTER=%q\n' "$RUNS" \
        "$QUICK_RUNS" "$GRUB" "$LOAD_BEFORE" "$LOAD_AFTER" >"$OUT/context.sh"
    report | tee "$OUT/report.txt"
    note "done in $(($(date +%s) - started)) s; every run: $OUT/runs.txt, logs: $OUT/logs"
}

main "$@"
