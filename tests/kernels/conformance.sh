# conformance.sh: helpers for boot tests of the conformance kernels. Source it after
# tests/lib/tap.sh and tests/lib/qemu.sh (the keys are described in
# tests/kernels/README.md).
#
#   conformance_cmdline FIRMWARE MEMORY [FILE[:NAME]]...
#       Prints the command line that tells the kernel what the test set up: fw=, mem=,
#       mods= and modI=NAME:SIZE:CRC32 for each module file (NAME defaults to the file's
#       base name, as `elfboot build --module` does), time=, a text with punctuation, and
#       last sum=LENGTH:CRC32 of all before it. Extra keys (fb=WxH, fb=none, acpi=2,
#       smbios=3) come from $CONFORMANCE_EXTRA.
#
#   conformance_fb KERNEL
#       Prints the fb= key for KERNEL (a path or a name) booted on QEMU's VGA without a
#       config resolution: the mode its request asks for (conformance-flags: 1024x768,
#       variants/flags.c), else fb=1920x1080, the largest mode up to 1920x1080 (both
#       firmwares' QEMU VGA modes include it).
#
#   conformance_boot NAME KERNEL FIRMWARE LAYOUT MEMORY DISK [FILE[:NAME]]...
#       Builds an image (LAYOUT: hybrid, bios or uefi) with that command line and those
#       modules, boots it (FIRMWARE: bios or uefi; DISK: ide, virtio), and prints one TAP
#       line NAME: ok when QEMU exited with 33 (0x10) and the serial log holds the
#       kernel's summary with no FAIL line. The command line holds conformance_fb's key
#       unless $CONFORMANCE_EXTRA has an fb= of its own. On failure the FAIL lines and the log's tail
#       follow as comments. The serial log stays in $BUILD/test-logs/boot/NAME.log.
#       $CONFORMANCE_QEMU_ARGS adds QEMU options (e.g. "-cpu qemu64,+pdpe1gb" for 1 GiB
#       pages). CONFORMANCE_AUDIT=on boots with `audit = on` and has the kernel check the
#       audit (audit=on on the command line).
#
#   conformance_audit_on IMAGE
#       Appends `audit = on` to IMAGE's /boot/elfboot.cfg (the boot partition at 1 MiB:
#       hybrid, --bios and --uefi disks). The kernel looks for the audit's module only
#       with audit=on on its command line (conformance_cmdline under CONFORMANCE_AUDIT=on).

CONFORMANCE_TEXT=${CONFORMANCE_TEXT:-"text=round-trip/1.0,a:b;c=d+e_f'g'"}
CONFORMANCE_TIMEOUT=${CONFORMANCE_TIMEOUT:-120}

# crc32_of: CRC-32 (as zlib computes it) of standard input, 8 hex digits. gzip's trailer
# holds exactly that, little-endian, so coreutils and gzip suffice.
crc32_of() {
    gzip -c | tail -c 8 | od -An -tx4 -N4 | tr -d ' \n'
}

conformance_cmdline() {
    local fw=$1 mem=$2 i=0 spec file name size crc text
    shift 2
    text="fw=$fw mem=$mem mods=$#${CONFORMANCE_AUDIT:+ audit=$CONFORMANCE_AUDIT}"
    for spec in "$@"; do
        file=${spec%%:*}
        name=${spec#*:}
        [ "$name" = "$spec" ] && name=$(basename "$file")
        size=$(wc -c <"$file" | tr -d ' ')
        crc=$(crc32_of <"$file")
        text+=" mod$i=$name:$size:$crc"
        i=$((i + 1))
    done
    text+=" time=$(date +%s)${CONFORMANCE_EXTRA:+ $CONFORMANCE_EXTRA} $CONFORMANCE_TEXT"
    printf '%s sum=%s:%s\n' "$text" "$(printf '%s' "$text" | LC_ALL=C wc -c | tr -d ' ')" \
        "$(printf '%s' "$text" | crc32_of)"
}

conformance_fb() {
    case $(basename "$1" .elf) in
        conformance-flags) echo fb=1024x768 ;;
        *) echo fb=1920x1080 ;;
    esac
}

conformance_audit_on() {
    local image=$1
    mtype -i "$image@@1M" ::/boot/elfboot.cfg >"$image.cfg" &&
        echo "audit = on" >>"$image.cfg" &&
        mcopy -o -i "$image@@1M" "$image.cfg" ::/boot/elfboot.cfg
    local rc=$?
    rm -f "$image.cfg"
    return $rc
}

conformance_boot() {
    local name=$1 kernel=$2 fw=$3 layout=$4 mem=$5 disk=$6 logdir image log cmdline rc
    shift 6
    logdir=${BUILD:-build}/test-logs/boot
    mkdir -p "$logdir"
    image=$(mktemp "$logdir/$name.XXXXXX.img")
    log=$logdir/$name.log
    local keys=${CONFORMANCE_EXTRA:-}
    [[ " $keys" == *" fb="* ]] || keys="$(conformance_fb "$kernel")${keys:+ $keys}"
    cmdline=$(CONFORMANCE_EXTRA=$keys conformance_cmdline "$fw" "$mem" "$@")
    local -a modules=()
    local spec
    for spec in "$@"; do modules+=(--module "$spec"); done
    if ! "${ELFBOOT:-${BUILD:-build}/elfboot}" build "$kernel" -o "$image" "--$layout" \
            --cmdline "$cmdline" "${modules[@]}" >"$log.build" 2>&1 ||
        { [ "${CONFORMANCE_AUDIT:-}" = on ] && ! conformance_audit_on "$image" >>"$log.build" 2>&1; }; then
        tap_fail "$name" "elfboot build failed:" "$(tail -5 "$log.build")"
        rm -f "$image"
        return 1
    fi
    local -a extra
    read -r -a extra <<<"${CONFORMANCE_QEMU_ARGS:-}"
    qemu_boot "$fw" "$image" "$mem" "$disk" "$log" "$CONFORMANCE_TIMEOUT" "${extra[@]}"
    rc=$?
    rm -f "$image" "$log.build"
    if [ "$rc" -eq "$QEMU_PASS" ] && grep -q '^SUMMARY .*, 0 failed' "$log" &&
        ! grep -q '^FAIL ' "$log"; then
        tap_ok "$name"
        return 0
    fi
    local why="QEMU exit status $rc"
    [ "$rc" -eq 124 ] && why="timed out after ${CONFORMANCE_TIMEOUT}s"
    [ "$rc" -eq 0 ] && why="QEMU exited 0: a triple fault or a reset (-no-reboot)"
    tap_fail "$name" "$why; serial log: $log" \
        "$(tr -d '\r' <"$log" | awk '/^FAIL /{p=1; print; next} p && /^    /{print; next} {p=0}' | head -40)" \
        "$(tail -5 "$log" | tr -d '\r')"
    return 1
}
