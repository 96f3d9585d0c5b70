#!/usr/bin/env bash
# elfboot run: boots and reports the kernel's exit code, passes modules, command line,
# memory and QEMU arguments through, says what is missing (QEMU, OVMF), cleans up after
# itself (also when interrupted). --accel: tests/tool/accel.sh.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/kernels/conformance.sh
. tests/tool/lib.sh

BEHAVE=$PROTO_KERNELS/behave.elf
export ELFBOOT_KVM_DEVICE=/nonexistent/kvm # never KVM in these tests, unless said

# runs NAME EXPECTED-STATUS OUTPUT-REGEX ARGS...: `elfboot run ARGS` under a time limit.
runs() { local n=$1 w=$2 r=$3; shift 3; expect_run "$n" "$w" "$r" "$ELFBOOT" run "$@"; }

runs "tiny kernel boots, serial on stdout, 0x10 is status 0" 0 "tiny kernel: booted" "$KERNELS/tiny.elf"
runs "the kernel's failure code 0x11 is status 17" 17 "behave: fail" "$BEHAVE" --cmdline behave=fail
runs "exit=5 is status 5" 5 "behave: exit=0x5" "$BEHAVE" --cmdline exit=5
runs "--uefi boots through OVMF" 0 "elfboot 1.0.0 \(uefi\)" --uefi "$BEHAVE" --cmdline behave=pass
runs "QEMU arguments after -- reach QEMU" 0 "running .* -smp 2" -v "$BEHAVE" --cmdline behave=pass -- -smp 2
runs "virtio disk, isa-debug-exit, no NIC" 0 "file=.*if=virtio.*isa-debug-exit,iobase=0xf4.*-nic none" \
    -v "$BEHAVE" --cmdline behave=pass

# The conformance kernel checks modules, command line and memory size from the inside.
head -c 200000 /dev/urandom >"$SCRATCH/a.bin"
head -c 70000 /dev/urandom >"$SCRATCH/b.bin"
cmdline=$(conformance_cmdline bios 192M "$SCRATCH/a.bin" "$SCRATCH/b.bin:second")
runs "--module, --cmdline and --memory as the kernel sees them" 0 "SUMMARY .* 0 failed" \
    "$PROTO_KERNELS/conformance.elf" --memory 192M --module "$SCRATCH/a.bin" \
    --module "$SCRATCH/b.bin:second" --cmdline "$cmdline"

help_tests run
runs "missing kernel: status 1, nothing left behind" 1 "cannot open kernel" "$SCRATCH/none.elf"
runs "refused kernel: the core's reason" 1 "would not boot" "$KERNELS/mixed.elf"
tap_expect_fail "bad --memory: usage" "expected a size" "$ELFBOOT" run "$BEHAVE" --memory lots

# QEMU or OVMF missing: status 1, a message naming it, nothing left behind.
expect_run "QEMU missing (ELFBOOT_QEMU=/nonexistent): says so" 1 \
    "elfboot run: cannot run QEMU '/nonexistent' \(ELFBOOT_QEMU\): no such executable file" \
    env ELFBOOT_QEMU=/nonexistent "$ELFBOOT" run "$BEHAVE"
printf 'not a program\n' >"$SCRATCH/broken-qemu"
chmod +x "$SCRATCH/broken-qemu"
expect_run "QEMU does not start once the image is built: says why, the image removed" 1 \
    "cannot run '.*broken-qemu': Exec format error" env ELFBOOT_QEMU="$SCRATCH/broken-qemu" "$ELFBOOT" run "$BEHAVE"
expect_run "OVMF missing (ELFBOOT_OVMF_CODE names no file): names it" 1 \
    "ELFBOOT_OVMF_CODE names '/nowhere/OVMF_CODE.fd': No such file or directory" \
    env ELFBOOT_OVMF_CODE=/nowhere/OVMF_CODE.fd "$ELFBOOT" run --uefi "$BEHAVE"
expect_run "OVMF variables not a file (ELFBOOT_OVMF_VARS): names it" 1 \
    "ELFBOOT_OVMF_VARS names '$SCRATCH', which is not a file" \
    env ELFBOOT_OVMF_VARS="$SCRATCH" "$ELFBOOT" run --uefi "$BEHAVE"

# Interrupted: QEMU stops, the temporary image and variables go.
stopped() { # NAME SIGNAL EXPECTED-STATUS ARGS...
    local name=$1 sig=$2 want=$3 pid rc waited=0
    shift 3
    "$ELFBOOT" run "$@" </dev/null >"$SCRATCH/run.log" 2>&1 &
    pid=$!
    until { grep -q "$WAIT_FOR" "$SCRATCH/run.log" && eval "${READY:-true}"; } 2>/dev/null ||
        [ $waited -ge 600 ]; do
        sleep 0.1; waited=$((waited + 1))
    done
    if [ $waited -ge 600 ]; then
        tap_fail "$name" "never saw /$WAIT_FOR/ (and ${READY:-true})"; kill -9 $pid; wait $pid; return
    fi
    kill -"$sig" $pid
    wait $pid
    rc=$?
    sleep 0.2
    if [ $rc -ne "$want" ]; then tap_fail "$name" "status $rc, expected $want" "$(tail -5 "$SCRATCH/run.log")"
    elif pgrep -f "qemu-system-x86_64.*$TMPDIR" >/dev/null; then tap_fail "$name" "QEMU still runs"
    elif [ -n "$(ls -A "$TMPDIR")" ]; then tap_fail "$name" "left in TMPDIR: $(ls -A "$TMPDIR")"
    else tap_ok "$name"; fi
}
WAIT_FOR="behave: hang" stopped "SIGINT while the kernel runs: QEMU stopped, files removed" INT 130 \
    "$BEHAVE" --cmdline behave=hang
WAIT_FOR="behave: hang" stopped "SIGTERM while the kernel runs: the same" TERM 143 \
    "$BEHAVE" --cmdline behave=hang
gdb_listening() { cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -qi ':04D2 0*:0000 0A'; }
WAIT_FOR="waits for a debugger" READY=gdb_listening stopped \
    "--gdb: QEMU listens on :1234 for gdb (then stopped with SIGTERM)" TERM 143 \
    --gdb "$BEHAVE" --cmdline behave=pass
