#!/usr/bin/env bash
# elfboot check: the load plan it prints for each kind of kernel, its warnings, and its
# refusals (exit 1 with the core's reason).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/tool/lib.sh

# report NAME KERNEL REGEX...: check exits 0 and prints a line matching each REGEX.
report() {
    local name=$1 kernel=$2 out rc re
    shift 2
    out=$("$ELFBOOT" check "$kernel" 2>&1)
    rc=$?
    [ $rc -eq 0 ] || { tap_fail "$name" "status $rc" "$out"; return; }
    for re in "$@"; do
        echo "$out" | grep -Eq -- "$re" || { tap_fail "$name" "no /$re/ in:" "$out"; return; }
    done
    tap_ok "$name"
}

report "higher-half ET_EXEC: placement, entry symbol, segments with permissions" "$KERNELS/tiny.elf" \
    "higher half: placed as one block anywhere in usable RAM" \
    "entry +0xffffffff80000000 \(kernel_start\)" \
    "segments +3 PT_LOAD" "0xffffffff80000000 .* R-X +block \+ 0x0" \
    "0xffffffff80001000 .* R-- " "0xffffffff80002000 .* RW- " \
    "relocation +none" "request +none: every default" "stack +64 KiB \(default\)" \
    "TLS +none" "will boot$"
tap_check "a clean kernel has no warnings" bash -c "! '$ELFBOOT' check '$KERNELS/tiny.elf' | grep -q warning"
report "request fields and TLS" "$PROTO_KERNELS/conformance.elf" \
    "request +at file offset 0x[0-9a-f]+, version 1" "TLS +template at 0x[0-9a-f]+, 32 bytes in the file, 164 in memory"
report "request flags: HHDM base, stack, no identity map, recursive entry" "$PROTO_KERNELS/conformance-flags.elf" \
    "stack +256 KiB$" "HHDM +at 0xffffa00000000000$" "identity +none" "recursive +a recursive PML4 entry"
report "PIE: relocations, RELRO, where it runs" "$PROTO_KERNELS/conformance-pie.elf" \
    "ET_DYN \(position independent\)" "no KASLR" "relocation +[1-9][0-9]* relocations applied" \
    "PT_GNU_RELRO made read-only" "at 0xffffffff80000000 after relocation"
report "KASLR requested" "$PROTO_KERNELS/conformance-kaslr.elf" "then KASLR: a random 2 MiB aligned slide"
report "lower-half kernel: at p_paddr" "$PROTO_KERNELS/conformance-low.elf" \
    "lower half: each segment at its p_paddr" "physical 0x200000"
report "warning: writable and executable segment" "$KERNELS/odd-entry.elf" \
    "warning: segment 0 at 0xffffffff80000000 is writable and executable" "will boot, with the warnings above"
report "warning: entry point inside a function" "$KERNELS/odd-entry.elf" \
    "warning: the entry point 0xffffffff80000004 is 4 bytes into the function kernel_start"
report "warning: debug sections many times the loaded bytes" "$KERNELS/debug-heavy.elf" \
    "warning: 1048576 bytes of debug sections against [0-9]+ bytes loaded"
report "warning: entry point in no function symbol at all" "$KERNELS/stray-entry.elf" \
    "entry +0xffffffff80000001$" \
    "warning: the entry point 0xffffffff80000001 is not the start of any function symbol" \
    "will boot, with the warnings above"
report "request: a preferred framebuffer mode" "$KERNELS/request-fb.elf" \
    "request +at file offset 0x[0-9a-f]+, version 1, flags 0x0$" "display +framebuffer, 1024x768 preferred$"
report "request: text mode (ELFBOOT_REQ_NO_FRAMEBUFFER)" "$KERNELS/request-text.elf" \
    "request +at file offset 0x[0-9a-f]+, version 1, flags 0x8$" \
    "display +text mode \(ELFBOOT_REQ_NO_FRAMEBUFFER\)$"
report "no request: the default display" "$KERNELS/tiny.elf" \
    "display +framebuffer, the largest mode up to 1920x1080$"

# The sizes line against readelf: the file, the PT_LOAD bytes in it, and the memory the
# segments span (page-rounded, .bss included), written as check writes sizes.
size_text() {
    if [ "$1" -ge $((10 << 20)) ] && [ $(($1 % (1 << 20))) -eq 0 ]; then echo "$(($1 >> 20)) MiB"
    elif [ "$1" -ge 10240 ]; then echo "$((($1 + 1023) >> 10)) KiB"
    else echo "$1 bytes"; fi
}
sizes_line() { # KERNEL: the line check should print
    local loaded=0 low= high= vaddr filesz memsz
    while read -r vaddr filesz memsz; do
        loaded=$((loaded + filesz))
        [ -z "$low" ] || [ $((vaddr)) -lt "$low" ] && low=$((vaddr & ~0xfff))
        [ -z "$high" ] || [ $((vaddr + memsz)) -gt "$high" ] && high=$(((vaddr + memsz + 0xfff) & ~0xfff))
    done < <(readelf -lW "$1" | awk '$1 == "LOAD" {print $3, $5, $6}')
    echo "sizes +file $(size_text "$(stat -c %s "$1")"), loaded bytes $(size_text $loaded), memory $(size_text $((high - low))) "
}
for k in "$KERNELS/tiny.elf" "$KERNELS/debug-heavy.elf" "$PROTO_KERNELS/conformance.elf"; do
    report "sizes: file, loaded bytes, memory as readelf counts them ($(basename "$k"))" "$k" "$(sizes_line "$k")"
done

tap_check "--quiet: warnings only" bash -c "out=\$('$ELFBOOT' check -q '$KERNELS/odd-entry.elf'); \
    [ \"\$(echo \"\$out\" | grep -vc '^warning:')\" -eq 0 ] && [ \"\$(echo \"\$out\" | grep -c '^warning:')\" -eq 2 ]"
tap_check "--quiet: a clean kernel prints nothing" bash -c "[ -z \"\$('$ELFBOOT' check -q '$KERNELS/tiny.elf')\" ]"

# Refusals: exit 1 and the reason.
refuses() { # NAME PATTERN KERNEL
    local out rc
    out=$("$ELFBOOT" check "$3" 2>&1)
    rc=$?
    if [ $rc -eq 1 ] && echo "$out" | grep -Eq -- "$2"; then tap_ok "$1"
    else tap_fail "$1" "status $rc, expected 1 and /$2/" "$out"; fi
}
refuses "missing file: exit 1" "cannot open kernel .*: No such file" "$SCRATCH/none.elf"
refuses "not ELF: exit 1" "not an ELF file" /etc/hostname
refuses "32-bit ELF: exit 1" "not a 64-bit ELF" "$KERNELS/tiny32.elf"
refuses "mixed halves: exit 1 with the core's reason" "would not boot: segments at 0x200000 and 0xffffffff80000000" "$KERNELS/mixed.elf"
help_tests check
tap_expect_fail "no kernel: usage, exit 2" "no KERNEL given" "$ELFBOOT" check
tap_check "bad option: exit 2" bash -c "'$ELFBOOT' check --frob '$KERNELS/tiny.elf' 2>/dev/null; [ \$? -eq 2 ]"
