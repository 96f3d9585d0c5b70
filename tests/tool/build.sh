#!/usr/bin/env bash
# elfboot build: layouts checked with an independent reader (imgcheck) and mtools, the
# boot partition's contents, reproducibility, atomicity (errors and signals), every
# error message, inputs never modified, valgrind, and each layout booting in QEMU.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/tool/lib.sh

TINY=$KERNELS/tiny.elf
OUT=$SCRATCH/out
mkdir -p "$OUT"
head -c 3000000 /dev/urandom >"$SCRATCH/initrd.img"
head -c 100000 /dev/urandom >"$SCRATCH/fs.bin"
# A config of the user's own (the loaders' audit key in it): copied byte for byte.
printf 'kernel = /boot/kernel.elf\ncmdline = from the file\naudit = on\n' >"$SCRATCH/own.cfg"
INPUTS=("$TINY" "$SCRATCH/initrd.img" "$SCRATCH/fs.bin" "$SCRATCH/own.cfg")
declare -A BEFORE
for f in "${INPUTS[@]}"; do BEFORE[$f]=$(sha "$f"); done

build() { "$ELFBOOT" build "$@"; }

# build_fails NAME PATTERN ARGS...: fails (status 1 or 2, not a crash), says PATTERN,
# and leaves nothing in $OUT or TMPDIR.
build_fails() {
    local name=$1 pattern=$2 out rc left
    shift 2
    rm -rf "$OUT" && mkdir -p "$OUT"
    out=$(build "$@" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then tap_fail "$name" "succeeded: build $*"; return; fi
    if [ $rc -ne 1 ] && [ $rc -ne 2 ]; then tap_fail "$name" "status $rc (crash or leak)" "$out"; return; fi
    if ! echo "$out" | grep -Eq -- "$pattern"; then tap_fail "$name" "expected /$pattern/" "$out"; return; fi
    if ! left=$(no_leftovers "$OUT"); then tap_fail "$name" "$left"; return; fi
    tap_ok "$name"
}

fat() { echo "$1@@1M"; }

# ---- the command line ----
tap_check "version" bash -c "'$ELFBOOT' --version | grep -qx 'elfboot 1.0.0'"
tap_check "help build" bash -c "'$ELFBOOT' help build | grep -q -- '--resolution WxH'"
help_tests build
help_tests help
tap_expect_fail "unknown command: status 2" "no command 'frobnicate'" "$ELFBOOT" frobnicate
build_fails "no output given" "no output given" "$TINY"
build_fails "no kernel given" "no KERNEL given" -o "$OUT/x.img"
build_fails "unknown option" "unknown option '--colour'" "$TINY" -o "$OUT/x.img" --colour
build_fails "two layouts" "exclude each other" "$TINY" -o "$OUT/x.img" --bios --uefi
build_fails "bad --resolution" "expected WIDTHxHEIGHT" "$TINY" -o "$OUT/x.img" --resolution 12x
build_fails "bad --size" "expected a size such as" "$TINY" -o "$OUT/x.img" --size lots
build_fails "--size with --iso" "not to --iso" "$TINY" -o "$OUT/x.iso" --iso --size 100M
build_fails "--option missing its value" "needs a value" "$TINY" -o "$OUT/x.img" --cmdline

# ---- what the tool refuses, before writing anything ----
build_fails "missing kernel" "cannot open kernel '.*nope.elf': No such file" "$SCRATCH/nope.elf" -o "$OUT/x.img"
build_fails "kernel is not ELF" "not an ELF file" /etc/hostname -o "$OUT/x.img"
build_fails "32-bit ELF" "not a 64-bit ELF" "$KERNELS/tiny32.elf" -o "$OUT/x.img"
build_fails "a kernel the loader refuses (core's message)" "would not boot: .*lower or wholly in the higher half" \
    "$KERNELS/mixed.elf" -o "$OUT/x.img"
build_fails "missing module" "cannot open module '.*ghost.bin'" "$TINY" -o "$OUT/x.img" --module "$SCRATCH/ghost.bin"
cp "$SCRATCH/fs.bin" "$SCRATCH/FS.BIN"
build_fails "modules with the same FAT name" "same file name" "$TINY" -o "$OUT/x.img" \
    --module "$SCRATCH/fs.bin" --module "$SCRATCH/FS.BIN"
build_fails "cmdline with a line break" "line break" "$TINY" -o "$OUT/x.img" --cmdline $'a\nb'
build_fails "output folder missing" "folder '.*/no/such' does not exist" "$TINY" -o "$OUT/no/such/x.img"
build_fails "output is a folder" "it is a folder" "$TINY" -o "$OUT"
build_fails "output on a read-only file system" "cannot write '/proc/elfboot.img'" "$TINY" -o /proc/elfboot.img
build_fails "output would replace the kernel" "refusing to overwrite" "$TINY" -o "$TINY"
truncate -s 50M "$SCRATCH/big.bin"
build_fails "full --size names the size that fits" "files need .* use --size [0-9]+ or more" \
    "$TINY" -o "$OUT/x.img" --size 40M --module "$SCRATCH/big.bin"
build_fails "--size too small for FAT32" "too small a partition for FAT32" "$TINY" -o "$OUT/x.img" --size 16M
# PATH without mtools (the tool itself runs by its full path).
rm -rf "$OUT" && mkdir -p "$OUT"
out=$(PATH=/nonexistent "$ELFBOOT" build "$TINY" -o "$OUT/x.img" 2>&1)
if [ $? -eq 1 ] && echo "$out" | grep -q "'mformat' not found in PATH" && no_leftovers "$OUT" >/dev/null; then
    tap_ok "mtools missing from PATH: clear error, no output"
else tap_fail "mtools missing from PATH: clear error, no output" "$out"; fi
SOURCE_DATE_EPOCH=yesterday build_fails "bad SOURCE_DATE_EPOCH" "SOURCE_DATE_EPOCH='yesterday'" "$TINY" -o "$OUT/x.img"
printf 'kernel = /boot/vmlinuz\n' >"$SCRATCH/wrong.cfg"
build_fails "--config naming another kernel" "kernel = /boot/vmlinuz, but the image holds" \
    "$TINY" -o "$OUT/x.img" --config "$SCRATCH/wrong.cfg"
printf 'kernel = /boot/kernel.elf\nspeed = fast\n' >"$SCRATCH/bad.cfg"
build_fails "--config with an error (core's parser, line number)" "line 2: unknown key 'speed'" \
    "$TINY" -o "$OUT/x.img" --config "$SCRATCH/bad.cfg"
build_fails "--config with --cmdline" "put the setting in the file" \
    "$TINY" -o "$OUT/x.img" --config "$SCRATCH/bad.cfg" --cmdline x
tap_check "--config FILE: /boot/elfboot.cfg is FILE, byte for byte" bash -c \
    "'$ELFBOOT' build '$TINY' -o '$OUT/own.img' --config '$SCRATCH/own.cfg' >/dev/null &&
     mtype -i '$OUT/own.img@@1M' ::/boot/elfboot.cfg | cmp - '$SCRATCH/own.cfg'"
rm -f "$OUT/own.img"

# ---- the hybrid image, checked by a reader of our own and by mtools ----
rm -rf "$OUT" && mkdir -p "$OUT"
IMG=$OUT/hybrid.img
build "$TINY" -o "$IMG" --cmdline "console=ttyS0 debug" --module "$SCRATCH/initrd.img:init rd" \
    --module "$SCRATCH/fs.bin" --resolution 1024x768 >"$SCRATCH/log" 2>&1
tap_check "hybrid image written" test -s "$IMG"
"$IMGCHECK" "$IMG" "$STAGE1" "$STAGE2" >"$SCRATCH/hybrid.txt" 2>&1
tap_check "hybrid: MBR and GPT consistent (CRCs, backup, ranges)" test $? -eq 0
expect() { # NAME FILE LINE-REGEX...
    local name=$1 file=$2 re; shift 2
    for re in "$@"; do
        grep -Eqx -- "$re" "$file" || { tap_fail "$name" "no line /$re/ in:" "$(cat "$file")"; return; }
    done
    tap_ok "$name"
}
expect "hybrid: protective MBR, stage 1 patched for stage 2 at LBA 34" "$SCRATCH/hybrid.txt" \
    "mbr.part0 status=00 type=ee first=1 sectors=[0-9]+" "mbr.stage2_lba 34" \
    "mbr.stage1 matches" "stage2 matches" "stage2.fits yes"
expect "hybrid: ESP from LBA 2048, stage 2 kept out of the usable range" "$SCRATCH/hybrid.txt" \
    "gpt.part0 first=2048 last=[0-9]+ name=elfboot" \
    "gpt.part.type C12A7328-F81F-11D2-BA4B-00A0C93EC93B" \
    "gpt.primary my_lba=1 .* first_usable=2048 .*"
minfo -i "$(fat "$IMG")" :: >"$SCRATCH/minfo.txt" 2>&1
expect "hybrid: FAT32, hidden sectors 2048, label ELFBOOT" "$SCRATCH/minfo.txt" \
    'disk type="FAT32   "' "hidden sectors: 2048" 'disk label="ELFBOOT    "'
mdir -i "$(fat "$IMG")" -/ -b :: >"$SCRATCH/files.txt" 2>&1
expect "hybrid: the files of docs/image-layout.md" "$SCRATCH/files.txt" \
    "::/EFI/BOOT/BOOTX64.EFI" "::/boot/elfboot.cfg" "::/boot/kernel.elf" \
    "::/boot/modules/initrd.img" "::/boot/modules/fs.bin"
same_file() { # NAME FAT-PATH HOST-FILE
    mcopy -n -i "$(fat "$IMG")" "::$2" "$SCRATCH/extracted" 2>/dev/null
    if [ "$(sha "$SCRATCH/extracted")" = "$(sha "$3")" ]; then tap_ok "$1"
    else tap_fail "$1" "::$2 differs from $3"; fi
    rm -f "$SCRATCH/extracted"
}
same_file "hybrid: kernel byte-identical" /boot/kernel.elf "$TINY"
same_file "hybrid: module byte-identical" /boot/modules/initrd.img "$SCRATCH/initrd.img"
same_file "hybrid: UEFI loader byte-identical" /EFI/BOOT/BOOTX64.EFI "$UEFI_EFI"
mtype -i "$(fat "$IMG")" ::/boot/elfboot.cfg >"$SCRATCH/cfg.txt" 2>&1
expect "hybrid: elfboot.cfg names kernel, cmdline, modules, resolution" "$SCRATCH/cfg.txt" \
    "kernel = /boot/kernel.elf" 'cmdline = "console=ttyS0 debug"' \
    'module = "/boot/modules/initrd.img" "init rd"' 'module = "/boot/modules/fs.bin" "fs.bin"' \
    "resolution = 1024x768"
mdir -i "$(fat "$IMG")" ::/boot >"$SCRATCH/dates.txt" 2>&1
expect "timestamps fixed without SOURCE_DATE_EPOCH (2024-01-01)" "$SCRATCH/dates.txt" \
    "kernel +elf +[0-9]+ 2024-01-01 +0:00 *"

# ---- BIOS and UEFI layouts ----
BIMG=$OUT/bios.img
build --bios "$TINY" -o "$BIMG" >"$SCRATCH/log" 2>&1
"$IMGCHECK" "$BIMG" "$STAGE1" "$STAGE2" >"$SCRATCH/bios.txt" 2>&1
expect "bios: active FAT32 partition at 2048, stage 2 at LBA 1, no GPT" "$SCRATCH/bios.txt" \
    "mbr.part0 status=80 type=0c first=2048 sectors=[0-9]+" "mbr.stage2_lba 1" \
    "mbr.stage1 matches" "stage2 matches"
tap_check "bios: no /EFI folder" bash -c "! mdir -i '$(fat "$BIMG")' ::/EFI >/dev/null 2>&1"
UIMG=$OUT/uefi.img
build --uefi "$TINY" -o "$UIMG" >"$SCRATCH/log" 2>&1
"$IMGCHECK" "$UIMG" >"$SCRATCH/uefi.txt" 2>&1
expect "uefi: GPT, first usable LBA 34, no stage 2" "$SCRATCH/uefi.txt" \
    "gpt.primary my_lba=1 .* first_usable=34 .*" "mbr.stage2_lba 0" "mbr.stage2_sectors 0"
tap_check "uefi: MBR code area all zero" bash -c "[ \"\$(head -c 440 '$UIMG' | tr -d '\\0' | wc -c)\" -eq 0 ]"
build --uefi "$TINY" -o "$OUT/big.img" --size 300M >"$SCRATCH/log" 2>&1
minfo -i "$(fat "$OUT/big.img")" :: >"$SCRATCH/minfo-big.txt" 2>&1
expect "--size 300M: whole disk 300 MiB, 4 KiB clusters" "$SCRATCH/minfo-big.txt" "cluster size: 8 sectors"
tap_check "--size 300M: file is 300 MiB" test "$(stat -c %s "$OUT/big.img")" -eq $((300 * 1024 * 1024))
rm -f "$OUT/big.img"

# ---- reproducible: same inputs, same bytes ----
build "$TINY" -o "$OUT/again.img" --cmdline "console=ttyS0 debug" --module "$SCRATCH/initrd.img:init rd" \
    --module "$SCRATCH/fs.bin" --resolution 1024x768 >"$SCRATCH/log" 2>&1
tap_check "reproducible: two builds, same SHA-256" test "$(sha "$IMG")" = "$(sha "$OUT/again.img")"
build --hybrid "$TINY" -o "$OUT/flag.img" --cmdline "console=ttyS0 debug" --module "$SCRATCH/initrd.img:init rd" \
    --module "$SCRATCH/fs.bin" --resolution 1024x768 >"$SCRATCH/log" 2>&1
tap_check "--hybrid given: the same bytes as the default" test "$(sha "$IMG")" = "$(sha "$OUT/flag.img")"
SOURCE_DATE_EPOCH=1700000000 build "$TINY" -o "$OUT/epoch.img" >"$SCRATCH/log" 2>&1
SOURCE_DATE_EPOCH=1700000000 build "$TINY" -o "$OUT/epoch2.img" >"$SCRATCH/log" 2>&1
tap_check "reproducible with SOURCE_DATE_EPOCH" test "$(sha "$OUT/epoch.img")" = "$(sha "$OUT/epoch2.img")"
mdir -i "$(fat "$OUT/epoch.img")" ::/boot >"$SCRATCH/dates.txt" 2>&1
expect "SOURCE_DATE_EPOCH sets every timestamp (2023-11-14 22:13 UTC)" "$SCRATCH/dates.txt" \
    "kernel +elf +[0-9]+ 2023-11-14 +22:13 *" "elfboot +cfg +[0-9]+ 2023-11-14 +22:13 *"
build "$TINY" -o "$OUT/other.img" --cmdline "console=ttyS1" >"$SCRATCH/log" 2>&1
"$IMGCHECK" "$OUT/other.img" >"$SCRATCH/other.txt" 2>&1
tap_check "other inputs, other disk GUID" test \
    "$(grep gpt.disk_guid "$SCRATCH/hybrid.txt")" != "$(grep gpt.disk_guid "$SCRATCH/other.txt")"
# A module's contents count, not only its name and size: one byte changed in its middle.
mkdir -p "$SCRATCH/alt"
cp "$SCRATCH/initrd.img" "$SCRATCH/alt/initrd.img"
printf '\x5a' | dd of="$SCRATCH/alt/initrd.img" bs=1 seek=1500000 conv=notrunc status=none
cmp -s "$SCRATCH/initrd.img" "$SCRATCH/alt/initrd.img" && printf '\xa5' |
    dd of="$SCRATCH/alt/initrd.img" bs=1 seek=1500000 conv=notrunc status=none
build "$TINY" -o "$OUT/mod1.img" --module "$SCRATCH/initrd.img" >"$SCRATCH/log" 2>&1
build "$TINY" -o "$OUT/mod2.img" --module "$SCRATCH/alt/initrd.img" >"$SCRATCH/log" 2>&1
"$IMGCHECK" "$OUT/mod1.img" >"$SCRATCH/mod1.txt" 2>&1
"$IMGCHECK" "$OUT/mod2.img" >"$SCRATCH/mod2.txt" 2>&1
tap_check "a module's contents change the disk GUID" test -n "$(grep gpt.disk_guid "$SCRATCH/mod1.txt")" -a \
    "$(grep gpt.disk_guid "$SCRATCH/mod1.txt")" != "$(grep gpt.disk_guid "$SCRATCH/mod2.txt")"
rm -f "$OUT"/again.img "$OUT"/flag.img "$OUT"/epoch*.img "$OUT/other.img" "$OUT"/mod?.img

# ---- atomic: a failed build leaves an existing image as it was ----
KEEP=$(sha "$IMG")
build "$TINY" -o "$IMG" --module "$SCRATCH/ghost.bin" >"$SCRATCH/log" 2>&1
tap_check "failed build: existing image byte-identical" test "$(sha "$IMG")" = "$KEEP"
build "$TINY" -o "$IMG" --size 20M >"$SCRATCH/log" 2>&1
tap_check "failed --size: existing image byte-identical" test "$(sha "$IMG")" = "$KEEP"
left=$(no_leftovers "$OUT" hybrid.img bios.img uefi.img)
tap_check "failed builds: no temporary file left" test -z "$left"

# Interrupted while mcopy runs (a stand-in that sleeps): the signal kills the build, and
# the existing image (or its absence: no partial image), the output folder and TMPDIR
# are as before.
mkdir -p "$SCRATCH/slowbin"
printf '#!/bin/sh\nexec sleep 30\n' >"$SCRATCH/slowbin/mcopy"
chmod +x "$SCRATCH/slowbin/mcopy"
interrupt() { # SIGNAL EXPECTED-STATUS [OUTPUT]
    local sig=$1 want=$2 out=${3:-$IMG} pid rc waited=0 name
    name="$sig mid-build${3:+, no earlier image}"
    PATH="$SCRATCH/slowbin:$PATH" "$ELFBOOT" build "$TINY" -o "$out" --module "$SCRATCH/initrd.img" \
        >"$SCRATCH/log" 2>&1 &
    pid=$!
    until pgrep -f "sleep 30" -P "$pid" >/dev/null 2>&1 || [ $waited -ge 100 ]; do
        sleep 0.1; waited=$((waited + 1))
    done
    [ -n "$(ls -A "$TMPDIR")" ] && ls -A "$OUT" | grep -q "^\.$(basename "$out")\.elfboot-" || {
        tap_fail "$name" "the build was not mid-way (no temporary files seen)"; kill -9 $pid; wait $pid; return; }
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    left=$(no_leftovers "$OUT" hybrid.img bios.img uefi.img)
    if [ $rc -ne "$want" ]; then tap_fail "$name" "status $rc, expected $want" "$(cat "$SCRATCH/log")"
    elif [ "$(sha "$IMG")" != "$KEEP" ]; then tap_fail "$name" "the existing image changed"
    elif [ "$out" != "$IMG" ] && [ -e "$out" ]; then tap_fail "$name" "a partial image is left: $out"
    elif [ -n "$left" ]; then tap_fail "$name" "$left"
    elif pgrep -f "sleep 30" -P "$pid" >/dev/null; then tap_fail "$name" "mcopy still running"
    elif ! grep -q "^elfboot: interrupted: $([ "$out" = "$IMG" ] && echo "'$out' left as it was" ||
            echo "no image written to '$out'")" "$SCRATCH/log"; then
        tap_fail "$name" "no line saying what the interruption left:" "$(cat "$SCRATCH/log")"
    else tap_ok "$name: dies of it, says so, image untouched, no temporary files"; fi
}
interrupt INT 130
interrupt TERM 143
interrupt INT 130 "$OUT/fresh.img"
interrupt TERM 143 "$OUT/fresh.img"

# mcopy reads the kernel and the modules where they are: one that changes after it was
# checked and hashed (here, written again just before mcopy reads it) fails the build.
cp "$SCRATCH/fs.bin" "$SCRATCH/changing.bin"
mkdir -p "$SCRATCH/touchbin"
printf '#!/bin/sh\ntouch "%s"\nexec mcopy "$@"\n' "$SCRATCH/changing.bin" >"$SCRATCH/touchbin/mcopy"
sed -i "s|exec mcopy|exec $(command -v mcopy)|" "$SCRATCH/touchbin/mcopy"
chmod +x "$SCRATCH/touchbin/mcopy"
out=$(PATH="$SCRATCH/touchbin:$PATH" "$ELFBOOT" build "$TINY" -o "$IMG" --module "$SCRATCH/changing.bin" 2>&1)
rc=$?
left=$(no_leftovers "$OUT" hybrid.img bios.img uefi.img)
if [ $rc -ne 1 ]; then tap_fail "module changed mid-build: clear error" "status $rc" "$out"
elif ! echo "$out" | grep -q "module '.*changing.bin' changed while the image was being written"; then
    tap_fail "module changed mid-build: clear error" "$out"
elif [ "$(sha "$IMG")" != "$KEEP" ] || [ -n "$left" ]; then
    tap_fail "module changed mid-build: clear error" "image changed or $left"
else tap_ok "module changed mid-build: clear error, image untouched, no temporary files"; fi

# ---- inputs never modified ----
changed=
for f in "${INPUTS[@]}"; do [ "$(sha "$f")" = "${BEFORE[$f]}" ] || changed="$changed $f"; done
tap_check "input files unchanged (SHA-256 before and after)" test -z "$changed"

# ---- valgrind on the unsanitized tool ----
if command -v valgrind >/dev/null; then
    tap_check "valgrind: elfboot build, no errors, no leaks" valgrind -q --error-exitcode=99 \
        --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$BUILD/elfboot" build "$TINY" -o "$OUT/vg.img" --module "$SCRATCH/fs.bin" --cmdline x
    tap_check "valgrind: failing build, no errors, no leaks" bash -c "valgrind -q --error-exitcode=99 \
        --leak-check=full --errors-for-leak-kinds=definite,indirect '$BUILD/elfboot' build '$TINY' \
        -o '$OUT/vg.img' --module '$SCRATCH/ghost.bin'; [ \$? -eq 1 ]"
    rm -f "$OUT/vg.img"
else
    tap_fail "valgrind: elfboot build" "valgrind is not installed"
fi

# ---- each layout boots (tiny.elf prints a line and exits QEMU with 33) ----
boots() { # NAME FIRMWARE IMAGE
    local log="$SCRATCH/serial.log" rc
    qemu_boot "$2" "$3" 128M virtio "$log" 90
    rc=$?
    if [ $rc -eq 33 ] && grep -q "tiny kernel: booted" "$log"; then tap_ok "$1"
    else tap_fail "$1" "QEMU status $rc" "$(tail -5 "$log")"; fi
}
boots "hybrid image boots under SeaBIOS" bios "$IMG"
boots "hybrid image boots under OVMF" uefi "$IMG"
boots "--bios image boots under SeaBIOS" bios "$BIMG"
boots "--uefi image boots under OVMF" uefi "$UIMG"
