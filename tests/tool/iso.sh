#!/usr/bin/env bash
# elfboot build --iso: structure (El Torito, GPT with the ESP, stage 1 patched), contents,
# reproducibility, errors, and boots: OVMF from a CD-ROM, OVMF and SeaBIOS from the same
# file as a disk, SeaBIOS from a CD-ROM (the BIOS El Torito entry must be there).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/tool/lib.sh

BEHAVE=$PROTO_KERNELS/behave.elf
OUT=$SCRATCH/out
mkdir -p "$OUT"
ISO=$OUT/k.iso
head -c 300000 /dev/urandom >"$SCRATCH/mod.bin"

"$ELFBOOT" build --iso "$BEHAVE" --cmdline behave=pass --module "$SCRATCH/mod.bin:data" -o "$ISO" \
    >"$SCRATCH/log" 2>&1
tap_check "ISO written" test -s "$ISO"
xorriso -indev "$ISO" -report_el_torito plain -report_system_area plain >"$SCRATCH/report" 2>&1
tap_check "El Torito: a UEFI entry for /elfboot/efi.img" \
    grep -Eq "El Torito img path : +[0-9]+ +/elfboot/efi.img" "$SCRATCH/report"
tap_check "GPT: the EFI image is also an ESP partition" \
    grep -Eqi "GPT type GUID +: +[0-9]+ +28732ac11ff8d211ba4b00a0c93ec93b" "$SCRATCH/report"
"$IMGCHECK" "$ISO" "$STAGE1" "$STAGE2" >"$SCRATCH/check" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -qx 'mbr.stage1 matches' "$SCRATCH/check" && grep -qx 'stage2 matches' "$SCRATCH/check"
then tap_ok "MBR and GPT consistent; stage 1 in place, pointing at stage 2"
else tap_fail "MBR and GPT consistent; stage 1 in place, pointing at stage 2" "$(cat "$SCRATCH/check")"; fi
# The ESP partition's files, read with mtools at the partition's offset.
esp_lba=$(awk '/^gpt.part[0-9]+ / {first=$2} /^gpt.part.type C12A7328/ {sub("first=","",first); print first; exit}' "$SCRATCH/check")
if [ -n "$esp_lba" ] && mcopy -n -i "$ISO@@$((esp_lba * 512))" ::/boot/kernel.elf "$SCRATCH/k.elf" 2>/dev/null &&
    [ "$(sha "$SCRATCH/k.elf")" = "$(sha "$BEHAVE")" ]; then tap_ok "ESP holds the kernel, byte-identical"
else tap_fail "ESP holds the kernel, byte-identical" "ESP at LBA '$esp_lba'"; fi
tap_check "ESP holds BOOTX64.EFI, config and module" bash -c "mdir -i '$ISO@@$((esp_lba * 512))' -/ -b :: | \
    grep -c -e '::/EFI/BOOT/BOOTX64.EFI' -e '::/boot/elfboot.cfg' -e '::/boot/modules/mod.bin' | grep -qx 3"
"$ELFBOOT" build --iso "$BEHAVE" --cmdline behave=pass --module "$SCRATCH/mod.bin:data" -o "$OUT/again.iso" \
    >"$SCRATCH/log" 2>&1
tap_check "reproducible: same inputs, same SHA-256" test "$(sha "$ISO")" = "$(sha "$OUT/again.iso")"
rm -f "$OUT/again.iso"
# SOURCE_DATE_EPOCH: two builds, the same bytes, and every date inside is that time: the
# volume descriptor's, each file's (extracted by xorriso with its time), the ESP's.
for n in 1 2; do
    SOURCE_DATE_EPOCH=1700000000 "$ELFBOOT" build --iso "$BEHAVE" --module "$SCRATCH/mod.bin:data" \
        -o "$OUT/epoch$n.iso" >"$SCRATCH/log" 2>&1
done
tap_check "SOURCE_DATE_EPOCH: reproducible, same SHA-256" test "$(sha "$OUT/epoch1.iso")" = "$(sha "$OUT/epoch2.iso")"
tap_check "SOURCE_DATE_EPOCH: the default build differs (the dates are in it)" \
    test "$(sha "$OUT/epoch1.iso")" != "$(sha "$ISO")"
# The primary volume descriptor (sector 16): creation and modification dates at bytes 813
# and 830 (ECMA-119 8.4.26-27), "YYYYMMDDHHMMSScc" and a zone offset, 0 for UTC.
pvd_dates=$(dd if="$OUT/epoch1.iso" bs=1 skip=$((16 * 2048 + 813)) count=34 status=none | od -An -c | tr -d ' \n')
tap_check "SOURCE_DATE_EPOCH: volume created and modified 2023-11-14 22:13:20 UTC" \
    test "$pvd_dates" = '2023111422132000\02023111422132000\0'
rm -rf "$SCRATCH/x"
xorriso -osirrox on -indev "$OUT/epoch1.iso" -extract / "$SCRATCH/x" >/dev/null 2>&1
times=$(find "$SCRATCH/x" -printf '%T@ %p\n' | sed "s|$SCRATCH/x||")
tap_check "SOURCE_DATE_EPOCH: every file and folder of the ISO dated 1700000000" bash -c \
    "echo '$times' | grep -q ' /elfboot/efi.img\$' && ! echo '$times' | grep -v '^1700000000.0* '"
esp_epoch=$(awk '/^gpt.part[0-9]+ / {first=$2} /^gpt.part.type C12A7328/ {sub("first=","",first); print first; exit}' \
    <("$IMGCHECK" "$OUT/epoch1.iso" "$STAGE1" "$STAGE2" 2>&1))
mdir -i "$OUT/epoch1.iso@@$((${esp_epoch:-0} * 512))" -/ :: >"$SCRATCH/dates" 2>&1
tap_check "SOURCE_DATE_EPOCH: the ESP's files dated 2023-11-14 22:13" bash -c \
    "grep -Eq 'kernel +elf .* 2023-11-14 +22:13' '$SCRATCH/dates' && grep -Eq 'BOOTX64 +EFI .* 2023-11-14 +22:13' '$SCRATCH/dates' &&
     ! grep -E '[0-9]{4}-[0-9]{2}-[0-9]{2}' '$SCRATCH/dates' | grep -Ev '2023-11-14 +22:13'"
rm -rf "$SCRATCH/x" "$OUT"/epoch?.iso

# Errors: nothing written, an existing ISO untouched.
KEEP=$(sha "$ISO")
tap_expect_fail "missing module: error" "cannot open module" \
    "$ELFBOOT" build --iso "$BEHAVE" -o "$ISO" --module "$SCRATCH/ghost"
mkdir -p "$SCRATCH/noxorriso"
for t in mformat mmd mcopy; do ln -sf "$(command -v $t)" "$SCRATCH/noxorriso/$t"; done
tap_expect_fail "xorriso missing from PATH: error" "'xorriso' not found in PATH" \
    env PATH="$SCRATCH/noxorriso" "$ELFBOOT" build --iso "$BEHAVE" -o "$ISO"
left=$(no_leftovers "$OUT" k.iso)
if [ "$(sha "$ISO")" = "$KEEP" ] && [ -z "$left" ]; then
    tap_ok "failed builds: the existing ISO untouched, no temporary file"
else tap_fail "failed builds: the existing ISO untouched, no temporary file" "$left"; fi

# Boots: one file, three ways (four with a BIOS CD boot image).
boots() { # NAME FIRMWARE DISK
    local log="$SCRATCH/serial.log" rc
    qemu_boot "$2" "$ISO" 256M "$3" "$log" 120
    rc=$?
    if [ $rc -eq 33 ] && grep -q "behave: pass" "$log"; then tap_ok "$1"
    else tap_fail "$1" "QEMU status $rc" "$(tail -5 "$log")"; fi
}
boots "OVMF boots it as a CD-ROM" uefi cdrom
boots "OVMF boots it as a disk (written raw)" uefi virtio
boots "SeaBIOS boots it as a disk (written raw)" bios virtio
# The BIOS El Torito entry must be there: an elfboot without the CD boot image fails here.
if grep -Eq "El Torito img path : +[0-9]+ +/elfboot/cdboot.bin" "$SCRATCH/report" &&
    grep -Eq "El Torito boot img : +[0-9]+ +BIOS +y +none" "$SCRATCH/report"; then
    tap_ok "El Torito: a BIOS entry for /elfboot/cdboot.bin, no emulation"
    boots "SeaBIOS boots it as a CD-ROM" bios cdrom
else
    tap_fail "El Torito: a BIOS entry for /elfboot/cdboot.bin, no emulation" \
        "none: this elfboot lacks the BIOS CD boot image (build/bios/cdboot.bin)" "$(grep 'El Torito' "$SCRATCH/report")"
    tap_fail "SeaBIOS boots it as a CD-ROM" "no BIOS El Torito entry"
fi
