#!/usr/bin/env bash
# The GRUB peer rows of `make bench` need grub-mkrescue and GRUB's BIOS and EFI modules.
# As root, installs the missing ones (as scripts/deps.sh does for the build); otherwise,
# or when apt fails, says why and exits 1: the bench then skips the GRUB rows.
set -u

grub=(
    grub-common          # grub-mkrescue
    grub-pc-bin          # /usr/lib/grub/i386-pc: GRUB for BIOS
    grub-efi-amd64-bin   # /usr/lib/grub/x86_64-efi: GRUB for UEFI
)

# "ii" in dpkg's two-letter state: wanted installed, and installed.
mapfile -t missing < <(for p in "${grub[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || echo "$p"
done)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "bench: GRUB rows need: ${missing[*]} (apt-get install -y ${missing[*]} as root)" >&2
    exit 1
fi
echo "bench: installing the GRUB peer: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >&2; then
    echo "bench: could not install ${missing[*]}" >&2
    exit 1
fi
