#!/usr/bin/env bash
# `make run` as a new user types it (and with RUN_ARGS=--uefi): exit status 0, and the
# example kernel's report shows the boot info it was given: the command line and the
# module that the Makefile passes, a memory map, the framebuffer, the firmware.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
BUILD=${BUILD:-build}
unset MAKEFLAGS MAKELEVEL MFLAGS # a make of its own, not a child of `make test`'s

# expect_line NAME OUTPUT REGEX: ok when a line of OUTPUT matches REGEX.
expect_line() {
    if grep -Eq -- "$3" <<<"$2"; then tap_ok "$1"
    else tap_fail "$1" "no line matches /$3/; the output ends:" "$(tail -n 15 <<<"$2" | sed 's/^/#   /')"; fi
}

readme_start=$(head -c 9 README.md)
for firmware in bios uefi; do
    args=
    [ "$firmware" = uefi ] && args=--uefi
    status=0
    out=$(timeout --kill-after=5 240 make -s --no-print-directory BUILD="$BUILD" run \
          RUN_ARGS="$args" 2>&1 | tr -d '\r'; exit "${PIPESTATUS[0]}") || status=$?
    if [ "$status" -eq 0 ]; then tap_ok "make run ($firmware): exit status 0"
    else tap_fail "make run ($firmware): exit status 0" "status $status; the output ends:" \
        "$(tail -n 15 <<<"$out" | sed 's/^/#   /')"; fi
    fw_name=$([ "$firmware" = bios ] && echo BIOS || echo UEFI)
    expect_line "make run ($firmware): the kernel runs under $fw_name" "$out" \
        "^Hello from a kernel booted by elfboot [0-9.]+ \($firmware\)!|^  firmware +$fw_name$"
    expect_line "make run ($firmware): the command line arrives" "$out" \
        '^  command line  "console=ttyS0 hello from make run"$'
    expect_line "make run ($firmware): a memory map with usable memory and the kernel" "$out" \
        '^Memory map \([0-9]+ entries\)$'
    expect_line "make run ($firmware): the kernel's memory is in the map" "$out" \
        '^  0x[0-9a-f]{16}  0x[0-9a-f]{16} .* kernel$'
    expect_line "make run ($firmware): usable memory close to elfboot run's 256 MiB" "$out" \
        '^  usable in all: 2[0-5][0-9](\.[0-9])? MiB$'
    expect_line "make run ($firmware): a framebuffer" "$out" \
        '^  [0-9]+x[0-9]+, 32 bits per pixel, [0-9]+ bytes per line, at 0x[0-9a-f]+$'
    expect_line "make run ($firmware): the README module, its first bytes read back" "$out" \
        "^     starts with \"${readme_start}"
    expect_line "make run ($firmware): the kernel leaves with its success code" "$out" \
        '^Leaving QEMU with 0x10 \(isa-debug-exit\): success\.$'
done
