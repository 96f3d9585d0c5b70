#!/usr/bin/env bash
# Installs the Debian packages elfboot needs, when some are missing.
# As root: one `apt-get update`, then `apt-get install -y` of what is missing.
# Otherwise: names the missing packages and the command to run, and fails.
set -eu

# Needed to build and test everything (`make`, `make test`).
required=(
    gcc clang binutils make        # compilers for the host tool, loaders, tests
    gnu-efi                        # headers, crt0 and linker script for BOOTX64.EFI
    mtools                         # FAT file systems inside images, no loop devices
    xorriso                        # hybrid ISO images
    libelf-dev                     # ELF reading in the host tool
    libcmocka-dev                  # host unit tests
    libjson-c-dev                  # cargo metadata in the runner
    zlib1g-dev                     # CRC32 of the GPT in the host tool
    nettle-dev                     # SHA-256 of the inputs: reproducible GUIDs and serials
    libxxhash-dev                  # XXH3 of modules' contents for those IDs (fast)
    qemu-system-x86 ovmf           # boot tests: QEMU, SeaBIOS and OVMF firmware
    g++                            # tests: include/elfboot.h compiles as C++
    valgrind                       # tests: elfboot build has no memory errors or leaks
    python3                        # tests: the BIOS FAT test images, the big test kernel
    procps                         # tests: pgrep (a build's children, QEMU left behind)
)
# Needed only by `make fuzz` (libFuzzer with clang's sanitizer runtime).
fuzz=(libclang-rt-14-dev libfuzzer-14-dev)

want=("${required[@]}")
[ "${1:-}" = "--fuzz" ] && want+=("${fuzz[@]}")

missing=()
for p in "${want[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "elfboot: missing Debian packages: ${missing[*]}" >&2
    echo "elfboot: install them as root with:" >&2
    echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "elfboot: installing missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
