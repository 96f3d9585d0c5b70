#!/usr/bin/env bash
# check-kernels.sh: the test kernels are built the way their tests assume (host side,
# readelf and objcopy only): ELF type, segments and their permissions, link addresses,
# PT_TLS, PT_DYNAMIC, PT_GNU_RELRO, the relocation types of the relocatable kernels, and
# each kernel's request, word by word. A kernel built wrongly would make the boot tests
# pass or fail for the wrong reason; this suite says so first.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
BUILD=${BUILD:-build}
K=$BUILD/tests/kernels

# segments FILE: one line per program header: TYPE VADDR PADDR FILESZ MEMSZ FLAGS ALIGN
# (flags without spaces: "RE", "R", "RW").
segments() {
    readelf -lW "$1" | awk '$1 ~ /^(LOAD|TLS|DYNAMIC|GNU_RELRO|GNU_STACK|NULL|INTERP|PHDR)$/ {
        flags = ""; for (i = 7; i < NF; i++) flags = flags $i
        print $1, $3, $4, $5, $6, flags, $NF }'
}

# load_flags FILE: the PT_LOAD permissions in address order, e.g. "RE R RW".
load_flags() { segments "$1" | awk '$1 == "LOAD" { printf "%s%s", sep, $6; sep = " " }'; }

elf_type() { readelf -hW "$1" | awk '/^ *Type:/ { print $2 }'; }
has_segment() { segments "$1" | awk -v t="$2" '$1 == t { found = 1 } END { exit !found }'; }
lowest_vaddr() { segments "$1" | awk '$1 == "LOAD" { print $2; exit }'; }

# No page may belong to two PT_LOAD segments, and none may be writable and executable:
# the protocol maps each page with one segment's permissions. (Bash arithmetic: 64-bit
# addresses do not fit awk's doubles.)
check_load_pages() {
    local type vaddr paddr filesz memsz flags align page_first page_last prev=-1 bad=0
    while read -r type vaddr paddr filesz memsz flags align; do
        [ "$type" = LOAD ] || continue
        page_first=$(( (vaddr >> 12) & 0xfffffffffffff ))
        page_last=$(( ((vaddr + memsz - 1) >> 12) & 0xfffffffffffff ))
        case $flags in *W*E*) echo "W+X segment at $vaddr"; bad=1 ;; esac
        if [ "$page_first" -le "$prev" ]; then
            echo "segment at $vaddr shares a page with the previous one"; bad=1
        fi
        prev=$page_last
    done < <(segments "$1")
    return $bad
}

# request_words FILE: the .elfboot section as 10 little-endian 64-bit words.
request_words() {
    local tmp
    tmp=$(mktemp) || return 1
    objcopy -O binary --only-section=.elfboot "$1" "$tmp" 2>/dev/null
    od -An -tx8 -v "$tmp" | tr -s ' ' '\n' | sed '/^$/d'
    rm -f "$tmp"
}

# check_request FILE FLAGS STACK HHDM [FB_WIDTH FB_HEIGHT]: magic, version 1, the given
# fields, reserved 0.
check_request() {
    local file=$1 flags=$2 stack=$3 hhdm=$4 fb_width=${5:-0} fb_height=${6:-0} words
    words=$(request_words "$file" | tr '\n' ' ')
    local want
    want="00544f4f42464c45 d1f3a0c5b7e29468 $(printf '%08x%08x' "$flags" 1)"
    want+=" $(printf '%016x %016x %08x%08x' "$stack" "$hhdm" "$fb_height" "$fb_width")"
    want+=" 0000000000000000 0000000000000000 0000000000000000 0000000000000000 "
    [ "$words" = "$want" ] || { echo "request: $words"; echo "expected: $want"; return 1; }
}

# check_exec_kernel NAME BASE: ET_EXEC, R X / R / R W at BASE, PT_TLS, physical = virtual.
check_exec_kernel() {
    local f=$K/$1.elf base=$2
    [ "$(elf_type "$f")" = EXEC ] || { echo "not ET_EXEC"; return 1; }
    [ "$(load_flags "$f")" = "RE R RW" ] || { echo "segments: $(load_flags "$f")"; return 1; }
    [ "$(lowest_vaddr "$f")" = "$(printf '0x%016x' "$base")" ] ||
        { echo "linked at $(lowest_vaddr "$f"), expected $base"; return 1; }
    has_segment "$f" TLS || { echo "no PT_TLS"; return 1; }
    check_load_pages "$f"
}

# check_tls NAME: PT_TLS as tls.c defines it (32 bytes of .tdata, 64-byte alignment).
check_tls() {
    local type vaddr paddr filesz memsz flags align
    read -r type vaddr paddr filesz memsz flags align < <(segments "$K/$1.elf" | grep '^TLS ')
    [ "${type:-}" = TLS ] || { echo "no PT_TLS"; return 1; }
    [ $((filesz)) -eq 32 ] && [ $((memsz)) -gt 32 ] && [ $((align)) -eq 64 ] ||
        { echo "PT_TLS filesz $filesz memsz $memsz align $align"; return 1; }
}

# check_pie_kernel NAME: ET_DYN at 0, PT_DYNAMIC, PT_GNU_RELRO ending on a page, and
# exactly the relocation kinds relocs.c is there to produce.
check_pie_kernel() {
    local f=$K/$1.elf types
    [ "$(elf_type "$f")" = DYN ] || { echo "not ET_DYN"; return 1; }
    [ "$(load_flags "$f")" = "RE R RW" ] || { echo "segments: $(load_flags "$f")"; return 1; }
    [ "$(lowest_vaddr "$f")" = 0x0000000000000000 ] || { echo "not linked at 0"; return 1; }
    has_segment "$f" DYNAMIC || { echo "no PT_DYNAMIC"; return 1; }
    local type vaddr paddr filesz memsz flags align
    read -r type vaddr paddr filesz memsz flags align < <(segments "$f" | grep '^GNU_RELRO ')
    [ "${type:-}" = GNU_RELRO ] || { echo "no PT_GNU_RELRO"; return 1; }
    [ $(( (vaddr + memsz) % 4096 )) -eq 0 ] || { echo "RELRO ends mid-page"; return 1; }
    types=$(readelf -rW "$f" | awk '/^[0-9a-f]+ +[0-9a-f]+ +R_/ { print $3 }' | sort -u | tr '\n' ' ')
    [ "$types" = "R_X86_64_64 R_X86_64_GLOB_DAT R_X86_64_RELATIVE " ] ||
        { echo "relocation types: $types"; return 1; }
    readelf -rW "$f" | awk '$3 == "R_X86_64_64" || $3 == "R_X86_64_GLOB_DAT" {
        if ($5 != "exported_target") { print "relocation against " $5; exit 1 } }' || return 1
    ! readelf -dW "$f" | grep -q TEXTREL || { echo "text relocations"; return 1; }
    ! readelf -SW "$f" | grep -Eq '\.plt +PROGBITS +[0-9a-f]+ +[0-9a-f]+ +0*[1-9a-f]' ||
        { echo "a non-empty .plt"; return 1; }
    check_load_pages "$f"
}

# check_no_request NAME: no .elfboot section and no request magic anywhere in the file.
check_no_request() {
    local f=$K/$1.elf
    ! readelf -SW "$f" | grep -q '\.elfboot' || { echo "has an .elfboot section"; return 1; }
    ! od -An -tx1 -v "$f" | tr -s ' \n' ' ' |
        grep -q ' 45 4c 46 42 4f 4f 54 00 68 94 e2 b7 c5 a0 f3 d1 ' ||
        { echo "the file contains the request magic"; return 1; }
    check_load_pages "$f"
}

# The entry point is _start, in the executable segment.
check_entry() {
    local f=$K/$1.elf entry start
    entry=$(readelf -hW "$f" | awk '/Entry point/ { print $4 }')
    start=$(nm "$f" | awk '$3 == "_start" { print $1 }')
    [ -n "$start" ] && [ "$((entry))" = "$((16#$start))" ] ||
        { echo "entry $entry, _start ${start:-missing}"; return 1; }
    [ -z "$(nm -u "$f")" ] || { echo "undefined symbols: $(nm -u "$f")"; return 1; }
}

KERNELS="conformance conformance-flags conformance-low conformance-pie conformance-kaslr bare behave"
for k in $KERNELS; do
    if [ ! -f "$K/$k.elf" ]; then
        tap_fail "$k.elf exists" "run make test-kernels first ($K/$k.elf is missing)"
        continue
    fi
    tap_check "$k: entry point is _start, no undefined symbols" check_entry "$k"
done

HH=0xffffffff80000000
tap_check "conformance: ET_EXEC R X / R / R W at -2 GiB with PT_TLS" check_exec_kernel conformance $HH
tap_check "conformance-flags: ET_EXEC R X / R / R W at -2 GiB" check_exec_kernel conformance-flags $HH
tap_check "conformance-low: ET_EXEC at 2 MiB" check_exec_kernel conformance-low 0x200000
tap_check "conformance-low: physical = virtual" \
    bash -c "$(declare -f segments); segments '$K/conformance-low.elf' |
             awk '\$1 == \"LOAD\" && \$2 != \$3 { exit 1 }'"
tap_check "conformance-pie: ET_DYN, RELRO, RELATIVE + 64 + GLOB_DAT" check_pie_kernel conformance-pie
tap_check "conformance-kaslr: ET_DYN, RELRO, RELATIVE + 64 + GLOB_DAT" check_pie_kernel conformance-kaslr
for k in conformance conformance-pie conformance-low; do
    tap_check "$k: PT_TLS template as tls.c defines it" check_tls "$k"
done
tap_check "conformance: request has only the version" check_request "$K/conformance.elf" 0 0 0
tap_check "conformance-pie: request has only the version" check_request "$K/conformance-pie.elf" 0 0 0
tap_check "conformance-low: request has only the version" check_request "$K/conformance-low.elf" 0 0 0
tap_check "conformance-kaslr: request asks for KASLR" check_request "$K/conformance-kaslr.elf" 4 0 0
tap_check "conformance-flags: no identity map, recursive map, HHDM, 256 KiB stack, 1024x768" \
    check_request "$K/conformance-flags.elf" 3 $((256 * 1024)) 0xffffa00000000000 1024 768
tap_check "bare: no request, no elfboot header" check_no_request bare
tap_check "behave: ld-chosen segments, no W+X page" check_load_pages "$K/behave.elf"
tap_check "bare: no PT_TLS" bash -c "! readelf -lW '$K/bare.elf' | grep -q '^ *TLS'"

if [ -f "$BUILD/examples/hello.elf" ]; then
    tap_check "examples/hello: ET_EXEC, R X / R / R W, no W+X page" \
        bash -c "$(declare -f segments load_flags check_load_pages); f='$BUILD/examples/hello.elf'
                 [ \"\$(load_flags \"\$f\")\" = 'RE R RW' ] && check_load_pages \"\$f\""
fi
