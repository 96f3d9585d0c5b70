# shellcheck shell=bash
# report.sh: bench/run.sh's figures, from $OUT/runs.txt, a line a run:
#     NAME ROUND WALL_MS CPU_MS PEAK_RSS_KIB AFTER_MS
# (AFTER_MS: from OVMF's hand-off to BOOTX64.EFI until QEMU's exit, "-" for
# runs without OVMF's hand-off line). Prints a table for people, then one `bench NAME VALUE UNIT`
# line a figure. Sourced by run.sh.
#
# Every figure is a median over rounds of a per-round figure: a difference or a ratio is
# taken between runs of the same round (close in time, under the same load), and only
# then the median, so that a slow round moves both sides of a comparison alike.

WALL=3 CPU=4 RSS=5 AFTER=6
MACHINE_LINES=()   # the `bench` lines, printed after the table
MET=0 MISSED=0

# per_round KIND FIELD A [B [C D]]: the median over rounds of
#   value A | diff A B (A - B) | ratio A B (A / B) |
#   loadratio A B C D ((A - B) / (C - D)) | loaddiff A B C D ((A - B) - (C - D))
# Empty when no round has every run the figure needs (a skipped row).
per_round() {
    awk -v kind="$1" -v f="$2" -v a="$3" -v b="${4:-}" -v c="${5:-}" -v d="${6:-}" '
    $f != "-" { v[$1, $2] = $f; rounds[$2] = 1 }
    function has(name, r) { return name == "" || ((name, r) in v) }
    END {
        n = 0
        for (r in rounds) {
            if (!has(a, r) || !has(b, r) || !has(c, r) || !has(d, r)) continue
            if (kind == "value") x = v[a, r]
            else if (kind == "diff") x = v[a, r] - v[b, r]
            else if (kind == "ratio") { if (v[b, r] <= 0) continue; x = v[a, r] / v[b, r] }
            else if (kind == "loaddiff") x = (v[a, r] - v[b, r]) - (v[c, r] - v[d, r])
            else if (kind == "loadratio") {
                if (v[c, r] - v[d, r] <= 0) continue
                x = (v[a, r] - v[b, r]) / (v[c, r] - v[d, r])
            }
            xs[++n] = x
        }
        if (n == 0) exit
        for (i = 2; i <= n; i++)   # insertion sort: a handful of rounds
            for (j = i; j > 1 && xs[j - 1] > xs[j]; j--) { t = xs[j]; xs[j] = xs[j - 1]; xs[j - 1] = t }
        print (n % 2) ? xs[(n + 1) / 2] : (xs[n / 2] + xs[n / 2 + 1]) / 2
    }' "$OUT/runs.txt"
}

# How the table shows a figure ("-": not measured).
ms() { [ -n "$1" ] && printf '%.0f' "$1" || printf -- '-'; }
signed() { [ -n "$1" ] && printf '%+.0f' "$1" || printf -- '-'; }
ratio() { [ -n "$1" ] && printf '%.2f' "$1" || printf -- '-'; }

# line NAME VALUE UNIT: one machine-readable figure (none when there is no value).
line() {
    [ -n "$2" ] || return 0
    local v
    if [ "$3" = x ]; then v=$(printf '%.3f' "$2"); else v=$(printf '%.0f' "$2"); fi
    MACHINE_LINES+=("bench $1 $v $3")
}

# verdict VALUE OP LIMIT: prints met, missed or "-" (not measured), and counts it.
verdict() {
    local v
    if [ -z "$1" ]; then v=-; else
        v=$(awk -v v="$1" -v op="$2" -v l="$3" \
            'BEGIN { print ((op == "<=" ? v <= l : v < l) ? "met" : "missed") }')
    fi
    [ "$v" = met ] && MET=$((MET + 1))
    [ "$v" = missed ] && MISSED=$((MISSED + 1))
    VERDICT=$v
}

cols() { printf "  %-28s %9s %9s %7s %9s %9s %9s  %-11s %s\n" "$@"; }

# ---- Boot to kernel entry ----

# boot_row LABEL KEY ELFBOOT FLOOR overhead|ratio LIMIT. BIOS rows: whole boots, and the
# target is the overhead. UEFI rows: the overhead is measured from OVMF's hand-off to
# BOOTX64.EFI (before it, both runs do the same firmware work on the same disk, and
# OVMF's start-up alone varies by seconds on a loaded machine), and the target is the
# ratio that overhead gives over the floor's whole boot: 1 + overhead / floor.
boot_row() {
    local label=$1 key=$2 e=$3 f=$4 kind=$5 limit=$6 ew fw d r rw dc
    ew=$(per_round value $WALL "$e"); fw=$(per_round value $WALL "$f")
    [ -n "$ew" ] && [ -n "$fw" ] || return 0
    rw=$(per_round ratio $WALL "$e" "$f")
    dc=$(per_round diff $CPU "$e" "$f")
    if [ "$kind" = overhead ]; then
        d=$(per_round diff $WALL "$e" "$f"); r=$rw
        verdict "$d" '<=' "$limit"; limit="+$limit ms"
    else
        d=$(per_round diff $AFTER "$e" "$f")
        r=$(awk -v d="$d" -v f="$fw" 'BEGIN { if (d != "" && f > 0) print 1 + d / f }')
        verdict "$r" '<=' "$limit"; limit="${limit}x"
        line "boot.$key.ratio_whole_boot" "$rw" x
    fi
    cols "$label" "$(ms "$ew")" "$(ms "$fw")" "$(signed "$d")" "$(ratio "$r")" \
        "$(signed "$dc")" "" "$limit" "$VERDICT"
    line "boot.$key.elfboot" "$ew" ms
    line "boot.$key.floor" "$fw" ms
    line "boot.$key.overhead" "$d" ms
    line "boot.$key.ratio" "$r" x
    line "boot.$key.overhead_cpu" "$dc" ms
}

# ---- Loads: (boot with the module - boot without), against (raw read - exit at once) ----

# load_row LABEL KEY FIELD ELF_MOD ELF RAW FLOOR LIMIT|"": FIELD $WALL for whole boots,
# $AFTER for UEFI (from OVMF's hand-off, as above).
load_row() {
    local label=$1 key=$2 f=$3 em=$4 e=$5 r=$6 fl=$7 limit=$8 lw rw q qc rate
    lw=$(per_round diff "$f" "$em" "$e"); rw=$(per_round diff "$f" "$r" "$fl")
    [ -n "$lw" ] && [ -n "$rw" ] || return 0
    q=$(per_round loadratio "$f" "$em" "$e" "$r" "$fl")
    qc=$(per_round loadratio $CPU "$em" "$e" "$r" "$fl")
    rate=$(awk -v ms="$lw" 'BEGIN { if (ms > 0) printf "%.1f", 64000 / ms }')
    if [ -n "$limit" ]; then verdict "$q" '<=' "$limit"; limit="${limit}x"
    else VERDICT=-; limit="(none)"; fi
    cols "$label" "$(ms "$lw")" "$(ms "$rw")" "$(signed "$(per_round loaddiff "$f" "$em" "$e" \
        "$r" "$fl")")" "$(ratio "$q")" "$(ratio "$qc")" "${rate:--}" "$limit" "$VERDICT"
    line "load.$key.elfboot" "$lw" ms
    line "load.$key.raw" "$rw" ms
    line "load.$key.ratio" "$q" x
    line "load.$key.ratio_cpu" "$qc" x
    line "load.$key.elfboot_rate" "$rate" MiB/s
}

# ---- Image builds ----

build_rows() {
    local bw cw rw rc rss
    bw=$(per_round value $WALL build.elfboot_mod); cw=$(per_round value $WALL build.cp)
    [ -n "$bw" ] || return 0
    rw=$(per_round ratio $WALL build.elfboot_mod build.cp)
    rc=$(per_round ratio $CPU build.elfboot_mod build.cp)
    rss=$(per_round value $RSS build.elfboot_mod)
    verdict "$rw" '<=' 3
    cols "elfboot build against cp" "$(ms "$bw")" "$(ms "$cw")" \
        "$(signed "$(per_round diff $WALL build.elfboot_mod build.cp)")" "$(ratio "$rw")" \
        "$(ratio "$rc")" "" "3x" "$VERDICT"
    echo "  peak memory of the build: $rss KiB (the largest process: elfboot or an mtools child)"
    line build.elfboot "$bw" ms
    line build.cp "$cw" ms
    line build.ratio "$rw" x
    line build.ratio_cpu "$rc" x
    line build.peak_rss "$rss" KiB
}

# ---- GRUB as a peer: met when elfboot is faster (the per-round difference below 0) ----

# peer_row LABEL KEY value|load FIELD A B PEER_A PEER_B: KIND value compares A with PEER_A;
# KIND load compares (A - B) with (PEER_A - PEER_B).
peer_row() {
    local label=$1 key=$2 kind=$3 f=$4 a=$5 b=$6 pa=$7 pb=$8 ew pw d r
    if [ "$kind" = value ]; then
        ew=$(per_round value "$f" "$a"); pw=$(per_round value "$f" "$pa")
        d=$(per_round diff "$f" "$a" "$pa"); r=$(per_round ratio "$f" "$a" "$pa")
    else
        ew=$(per_round diff "$f" "$a" "$b"); pw=$(per_round diff "$f" "$pa" "$pb")
        d=$(per_round loaddiff "$f" "$a" "$b" "$pa" "$pb")
        r=$(per_round loadratio "$f" "$a" "$b" "$pa" "$pb")
    fi
    [ -n "$ew" ] && [ -n "$pw" ] || return 0
    verdict "$d" '<' 0
    cols "$label" "$(ms "$ew")" "$(ms "$pw")" "$(signed "$d")" "$(ratio "$r")" "" "" \
        "faster" "$VERDICT"
    line "grub.$key.elfboot" "$ew" ms
    line "grub.$key.grub" "$pw" ms
    line "grub.$key.ratio" "$r" x
}

grub_rows() {
    peer_row "boot to entry, BIOS" boot_bios value $WALL bios.elfboot.virtio "" \
        bios.grub.virtio ""
    peer_row "boot to entry, UEFI (*)" boot_uefi value $AFTER uefi.elfboot "" uefi.grub ""
    peer_row "64 MiB load, BIOS" load_bios load $WALL bios.elfboot_mod.virtio \
        bios.elfboot.virtio bios.grub_mod.virtio bios.grub.virtio
    peer_row "64 MiB load, UEFI (*)" load_uefi load $AFTER uefi.elfboot_mod uefi.elfboot \
        uefi.grub_mod uefi.grub
    peer_row "image build, 1 MiB kernel" build value $WALL build.elfboot "" build.grub ""
    peer_row "image build, + 64 MiB module" build_mod value $WALL build.elfboot_mod "" \
        build.grub_mod ""
}

size_rows() {
    local s1 s2 efi tool
    s1=$(stat -c %s "$BIOS_STAGE1"); s2=$(stat -c %s "$BIOS_STAGE2")
    efi=$(stat -c %s "$UEFI_LOADER"); tool=$(stat -c %s "$ELFBOOT")
    printf '  %-28s %9s  %s\n' "stage 1 (MBR code)" "$s1" "of 428 (the MBR's code area)" \
        "stage 2" "$s2" "of 1031168 (LBA 34..2047 of a GPT disk)" \
        "BOOTX64.EFI" "$efi" "" "elfboot (the host tool)" "$tool" ""
    line size.stage1 "$s1" bytes
    line size.stage2 "$s2" bytes
    line size.bootx64_efi "$efi" bytes
    line size.elfboot "$tool" bytes
}

report() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    echo
    echo "elfboot bench: medians over $RUNS interleaved rounds ($((RUNS + QUICK_RUNS)) for BIOS virtio-blk), wall ms"
    echo "machine: $cpu, $(nproc) cores; $($QEMU --version | head -n 1); TCG; 256 MiB guest"
    echo "load average: $LOAD_BEFORE at the start, $LOAD_AFTER at the end"
    echo "CPU: the CPU time of QEMU (or of the tool and its children), which load moves less."
    echo "UEFI (*): differences from OVMF's hand-off to BOOTX64.EFI; ratio = 1 + overhead / floor."
    echo
    cols "Boot to entry, 1 MiB kernel" elfboot floor overhead ratio "CPU ovh" "" target met
    boot_row "BIOS, virtio-blk" bios_virtio bios.elfboot.virtio bios.floor.virtio overhead 100
    boot_row "BIOS, IDE" bios_ide bios.elfboot.ide bios.floor.ide overhead 100
    boot_row "UEFI, virtio-blk (*)" uefi uefi.elfboot uefi.floor ratio 1.15
    echo
    cols "Load of a 64 MiB module" elfboot "raw read" diff ratio "CPU" "MiB/s" target met
    load_row "BIOS, virtio-blk" bios_virtio $WALL bios.elfboot_mod.virtio bios.elfboot.virtio \
        bios.raw.virtio bios.floor.virtio 1.25
    load_row "BIOS, IDE" bios_ide $WALL bios.elfboot_mod.ide bios.elfboot.ide bios.raw.ide \
        bios.floor.ide 1.25
    load_row "UEFI, virtio-blk (*)" uefi $AFTER uefi.elfboot_mod uefi.elfboot uefi.raw \
        uefi.floor ""
    echo
    cols "Image build, 1 + 64 MiB" elfboot cp diff ratio "CPU" "" target met
    build_rows
    echo
    if [ "$GRUB" = 1 ]; then
        cols "GRUB 2.06 as a peer" elfboot GRUB diff ratio "" "" target met
        grub_rows
    else
        echo "GRUB 2 peer rows: skipped (see above)"
    fi
    echo
    echo "Sizes                              bytes"
    size_rows
    echo
    echo "targets: $MET met, $MISSED missed"
    echo
    printf '%s\n' "${MACHINE_LINES[@]}"
}
