# QEMU helpers shared by the boot tests. Source it after tap.sh.
#
# Every boot runs headless under TCG (KVM is unreliable on these machines: see
# docs/testing.md), with serial output captured to a log file, `isa-debug-exit` on port
# 0xf4 (a kernel writing v makes QEMU exit with (v << 1) | 1: 0x10 -> 33 pass,
# 0x11 -> 35 fail), `-no-reboot` so that a triple fault ends the run, and a timeout.

OVMF_CODE=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
OVMF_VARS=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}
QEMU=${QEMU:-qemu-system-x86_64}
QEMU_PASS=33
QEMU_FAIL=35

# qemu_args FIRMWARE IMAGE MEMORY DISK VARS_COPY: prints the QEMU command line, one
# argument a line. FIRMWARE: bios | uefi. DISK: ide | virtio | cdrom.
qemu_args() {
    local firmware=$1 image=$2 memory=$3 disk=$4 vars=$5
    printf '%s\n' "$QEMU" -machine pc -accel tcg -m "$memory" -display none -no-reboot \
        -monitor none -nic none -device isa-debug-exit,iobase=0xf4,iosize=0x04
    case "$disk" in
        ide)    printf '%s\n' -drive "file=$image,format=raw,if=ide" ;;
        virtio) printf '%s\n' -drive "file=$image,format=raw,if=virtio" ;;
        cdrom)  printf '%s\n' -drive "file=$image,format=raw,media=cdrom,readonly=on" ;;
        *) echo "qemu_args: unknown disk kind $disk" >&2; return 1 ;;
    esac
    if [ "$firmware" = uefi ]; then
        printf '%s\n' -drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE" \
            -drive "if=pflash,format=raw,file=$vars"
    fi
}

# qemu_boot FIRMWARE IMAGE MEMORY DISK LOG TIMEOUT [QEMU-ARGS...]
# Boots, writes serial output to LOG, returns QEMU's exit status (124: timed out).
qemu_boot() {
    local firmware=$1 image=$2 memory=$3 disk=$4 log=$5 timeout=$6 vars rc
    shift 6
    vars=$(mktemp "${TMPDIR:-/tmp}/elfboot-vars.XXXXXX")
    cp "$OVMF_VARS" "$vars"
    local -a args
    mapfile -t args < <(qemu_args "$firmware" "$image" "$memory" "$disk" "$vars")
    timeout --kill-after=5 "$timeout" "${args[@]}" -serial "file:$log" "$@" </dev/null
    rc=$?
    rm -f "$vars"
    return $rc
}

# qemu_expect_halt FIRMWARE IMAGE MEMORY DISK LOG PATTERN TIMEOUT [QEMU-ARGS...]
# For failure tests: succeeds when PATTERN (extended regex) appears on serial within
# TIMEOUT seconds and QEMU is still running two seconds later (the loader halted: no
# reset, no triple fault, no exit). Prints what went wrong otherwise.
qemu_expect_halt() {
    local firmware=$1 image=$2 memory=$3 disk=$4 log=$5 pattern=$6 timeout=$7 vars pid
    shift 7
    vars=$(mktemp "${TMPDIR:-/tmp}/elfboot-vars.XXXXXX")
    cp "$OVMF_VARS" "$vars"
    local -a args
    mapfile -t args < <(qemu_args "$firmware" "$image" "$memory" "$disk" "$vars")
    : >"$log"
    "${args[@]}" -serial "file:$log" "$@" </dev/null >/dev/null 2>&1 &
    pid=$!
    local waited=0 found=1
    while [ "$waited" -lt $((timeout * 10)) ]; do
        if grep -Eq -- "$pattern" "$log" 2>/dev/null; then found=0; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1; waited=$((waited + 1))
    done
    local alive=1
    if [ $found -eq 0 ]; then sleep 2; kill -0 "$pid" 2>/dev/null && alive=0; fi
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    rm -f "$vars"
    if [ $found -ne 0 ]; then
        echo "expected /$pattern/ on serial; got:"; tail -15 "$log"; return 1
    fi
    if [ $alive -ne 0 ]; then
        echo "message shown, but QEMU exited or reset instead of halting:"; tail -5 "$log"
        return 1
    fi
    return 0
}
