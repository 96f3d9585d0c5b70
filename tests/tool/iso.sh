#!/usr/bin/env bash
# elfboot build --iso: structure (El Torito, GPT with the ESP, stage 1 patched), contents,
# reproducibility, errors, and boots: OVMF from a CD-ROM, OVMF and SeaBIOS from the same
# file as a disk, SeaBIOS from a CD-ROM when the tool carries a BIOS CD boot image.
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
if grep -q "El Torito boot img : *[0-9]* *BIOS" "$SCRATCH/report"; then
    boots "SeaBIOS boots it as a CD-ROM" bios cdrom
else
    echo "# skipped: SeaBIOS from a CD-ROM: this elfboot has no BIOS CD boot image (build/bios/cdboot.bin)"
fi
